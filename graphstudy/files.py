"""Writing files whole or not at all: the one atomic writer every output goes through."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import GraphStudyError

__all__ = ["atomic_folder", "atomic_path"]


@contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """A temporary path beside ``path``, moved onto ``path`` when the block succeeds.

    On any failure the temporary file is removed and ``path`` is left as it was;
    an operating-system failure becomes a :class:`~graphstudy.errors.GraphStudyError`
    naming the file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> with atomic_path(target) as tmp:
    ...     _ = tmp.write_text("done")
    >>> target.read_text()
    'done'
    """
    path = Path(path)
    if not path.parent.is_dir():
        raise GraphStudyError(f"{path}: the folder {path.parent} does not exist")
    fd, name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)
    try:
        yield tmp
        os.replace(tmp, path)
    except OSError as exc:
        raise GraphStudyError(f"{path}: could not be written ({exc.strerror or exc})") from exc
    finally:
        if tmp.exists():
            tmp.unlink()


@contextmanager
def atomic_folder(path: str | Path) -> Iterator[Path]:
    """A temporary folder beside ``path``, renamed to ``path`` when the block succeeds.

    ``path`` must not exist or be an empty folder (it is replaced). On any
    failure the temporary folder is removed and nothing is left at ``path``;
    an operating-system failure becomes a :class:`~graphstudy.errors.GraphStudyError`
    naming the folder. Missing parent folders are made.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "study"
    >>> with atomic_folder(target) as tmp:
    ...     _ = (tmp / "a.csv").write_text("id")
    >>> sorted(p.name for p in target.iterdir())
    ['a.csv']
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", dir=path.parent))
    except OSError as exc:
        raise GraphStudyError(f"{path}: could not be written ({exc.strerror or exc})") from exc
    try:
        yield tmp
        if path.exists():
            path.rmdir()
        os.replace(tmp, path)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise GraphStudyError(f"{path}: could not be written ({exc.strerror or exc})") from exc
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
