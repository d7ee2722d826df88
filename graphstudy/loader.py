"""One entry point for every kind of study input.

:func:`load_study` takes a study folder, an ``.xlsx`` workbook, a ``.gstudy``
store or a REFI-QDA project (``.qdpx``/``.qde``) and returns a checked
:class:`~graphstudy.model.Study`; with no path it returns the bundled
peer-support study.
"""

from __future__ import annotations

from importlib.resources import as_file, files
from pathlib import Path

from .errors import GraphStudyError, Problem, StudyInvalid
from .model import Study
from .store import STORE_SUFFIX, open_store, store_name
from .tables import RawStudy, folder_name, read_folder, read_workbook
from .validate import check_study

__all__ = ["BUNDLED_STUDY", "bundled_study_path", "check_path", "load_study", "study_name"]

BUNDLED_STUDY = "peer_support_hk"


def bundled_study_path() -> Path:
    """The folder of the bundled peer-support study inside the installed package."""
    with as_file(files("graphstudy.data") / BUNDLED_STUDY) as p:
        return Path(p)


def read_raw(path: str | Path, **options) -> RawStudy:
    """Read any supported input into raw tables (no checks yet)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if path.is_dir():
        return read_folder(path)
    if not path.exists():
        raise GraphStudyError(f"{path}: no such file or folder")
    if suffix in (".xlsx", ".xlsm"):
        return read_workbook(path)
    if suffix in (".qdpx", ".qde"):
        from .refi_qda import read_refi

        return read_refi(path, **options)
    raise GraphStudyError(
        f"{path}: unknown kind of study input '{suffix}'; expected a folder, .xlsx, {STORE_SUFFIX}, .qdpx or .qde"
    )


def check_path(path: str | Path | None = None, **options) -> tuple[Study | None, list[Problem]]:
    """Load and check a study; return it (None when invalid) with every problem found.

    Examples
    --------
    >>> study, problems = check_path()
    >>> study is not None and not [p for p in problems if p.severity == "error"]
    True
    """
    if path is None:
        path = bundled_study_path()
    path = Path(path)
    if path.suffix.lower() == STORE_SUFFIX and path.is_file():
        return open_store(path), []
    return check_study(read_raw(path, **options))


def load_study(path: str | Path | None = None, **options) -> Study:
    """Load a study: a folder, an ``.xlsx`` workbook, a ``.gstudy`` store, a
    ``.qdpx``/``.qde`` REFI-QDA project, or (no path) the bundled study.

    Parameters
    ----------
    path : str or Path, optional
        Where the study is. Default: the bundled peer-support study.
    **options
        Passed to the REFI-QDA reader (``mapping``, ``source_pattern``, ...).

    Returns
    -------
    Study

    Raises
    ------
    StudyInvalid
        When the input has errors; ``.problems`` lists every one.

    Examples
    --------
    >>> study = load_study()
    >>> study.counts()["participants_by_role"]["psw"]
    5
    """
    study, problems = check_path(path, **options)
    if study is None:
        raise StudyInvalid(problems)
    return study


def study_name(path: str | Path | None = None, **options) -> str:
    """The name of the study at ``path`` (default: the bundled study), read as cheaply as its format allows.

    A folder's ``study.toml`` and a store's metadata are read without the
    tables; other inputs (workbooks, REFI-QDA projects) are loaded in full. The
    name is the study's key in Neo4j.

    Examples
    --------
    >>> study_name().startswith("Peer support workers in Hong Kong")
    True
    """
    path = bundled_study_path() if path is None else Path(path)
    name = None
    if path.is_dir():
        name = folder_name(path)
    elif path.suffix.lower() == STORE_SUFFIX and path.is_file():
        name = store_name(path)
    return name if name is not None else load_study(path, **options).name
