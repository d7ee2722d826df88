"""One entry point for every kind of study input.

:func:`load_study` takes a study folder, an ``.xlsx`` workbook, a store, a
REFI-QDA project (``.qdpx``/``.qde``) or codebook (``.qdc``, themes only) and
returns a checked :class:`~graphstudy.model.Study`; with no path it returns
the bundled peer-support study. What a file is comes from its suffix, or,
when the suffix says nothing (a store saved as ``mine.store``), from its
contents.
"""

from __future__ import annotations

import zipfile
from importlib.resources import as_file, files
from pathlib import Path

from .errors import GraphStudyError, Problem, StudyInvalid
from .model import Study
from .store import STORE_SUFFIX, is_store, read_store, store_name
from .tables import RawStudy, folder_name, read_folder
from .validate import check_study
from .workbook import read_workbook

__all__ = ["BUNDLED_STUDY", "INPUT_KINDS", "bundled_study_path", "check_path", "input_kind", "load_study", "read_raw",
           "study_name"]

BUNDLED_STUDY = "peer_support_hk"
INPUT_KINDS = {"folder": "a study folder", "workbook": "an .xlsx workbook", "store": "a graphstudy store",
               "refi": "a REFI-QDA project", "codebook": "a REFI-QDA codebook"}
_SUFFIXES = {".xlsx": "workbook", ".xlsm": "workbook", STORE_SUFFIX: "store", ".qdpx": "refi", ".qde": "refi", ".qdc": "codebook"}
REFI_OPTIONS = ("mapping", "source_pattern", "allow_absolute", "default_role", "coder_from", "positions", "max_bytes",
                "skip_missing_sources", "focal_roles")


def bundled_study_path() -> Path:
    """The folder of the bundled peer-support study inside the installed package."""
    with as_file(files("graphstudy.data") / BUNDLED_STUDY) as p:
        return Path(p)


def _sniff(path: Path) -> str | None:
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError:
        return None
    if head.startswith(b"PK"):
        if is_store(path):
            return "store"
        try:
            with zipfile.ZipFile(path) as zf:
                names = [n.lower() for n in zf.namelist()]
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
            return None
        if "xl/workbook.xml" in names:
            return "workbook"
        if any(n.endswith(".qde") and "/" not in n for n in names):
            return "refi"
        return None
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith(b"<"):
        if b"<CodeBook" in head:
            return "codebook"
        if b"<Project" in head:
            return "refi"
    return None


def input_kind(path: str | Path) -> str:
    """What kind of study input ``path`` is: one of :data:`INPUT_KINDS`.

    Raises
    ------
    GraphStudyError
        When there is nothing at ``path``, or it is no kind graphstudy reads.

    Examples
    --------
    >>> input_kind(bundled_study_path())
    'folder'
    """
    path = Path(path)
    if path.is_dir():
        return "folder"
    if not path.exists():
        raise GraphStudyError(f"{path}: no such file or folder")
    kind = _SUFFIXES.get(path.suffix.lower()) or _sniff(path)
    if kind is None and path.suffix.lower() in (".csv", ".tsv", ".toml"):
        raise GraphStudyError(f"{path}: one file of a study folder; give the folder that holds it ({path.parent})")
    if kind is None:
        raise GraphStudyError(f"{path}: unknown kind of study input '{path.suffix}'; expected a folder, .xlsx, "
                              f"{STORE_SUFFIX} (or a store under another name), .qdpx, .qde or .qdc")
    return kind


def read_raw(path: str | Path, **options) -> RawStudy:
    """Read any supported input into raw tables (no checks yet).

    ``options`` go to the REFI-QDA reader (see :func:`graphstudy.refi_qda.read_refi`);
    given for another kind of input, they are ignored with a warning.
    """
    path = Path(path)
    kind = input_kind(path)
    unknown = sorted(set(options) - set(REFI_OPTIONS))
    if unknown:
        raise GraphStudyError(f"unknown option(s) {', '.join(unknown)}; the options are {', '.join(REFI_OPTIONS)}")
    if kind == "refi":
        from .refi_qda import read_refi

        return read_refi(path, **options)
    if kind == "codebook":
        from .refi_qda import read_codebook

        raw = read_codebook(path)
    elif kind == "folder":
        raw = read_folder(path)
    elif kind == "workbook":
        raw = read_workbook(path)
    else:
        raw = read_store(path)
    given = [k for k, v in options.items() if v not in (None, False, (), [])]
    if given:
        raw.problems.append(Problem(path.name, None, None, f"{', '.join(given)} apply to REFI-QDA projects only; ignored for "
                                    f"{INPUT_KINDS[kind]}", "warning"))
    return raw


def check_path(path: str | Path | None = None, strict: bool = False, **options) -> tuple[Study | None, list[Problem]]:
    """Load and check a study; return it (None when invalid) with every problem found.

    Parameters
    ----------
    path : str or Path, optional
        Any input :func:`load_study` takes; default: the bundled study.
    strict : bool
        Warnings count as errors.
    **options
        For REFI-QDA projects (see :func:`graphstudy.refi_qda.read_refi`).

    Examples
    --------
    >>> study, problems = check_path()
    >>> study is not None and not [p for p in problems if p.severity == "error"]
    True
    """
    if path is None:
        path = bundled_study_path()
    return check_study(read_raw(path, **options), strict=strict)


def load_study(path: str | Path | None = None, strict: bool = False, **options) -> Study:
    """Load a study: a folder, an ``.xlsx`` workbook, a store, a ``.qdpx``/``.qde``
    REFI-QDA project, a ``.qdc`` codebook (themes only), or (no path) the bundled study.

    Parameters
    ----------
    path : str or Path, optional
        Where the study is. Default: the bundled peer-support study.
    strict : bool
        Refuse a study with warnings too.
    **options
        Passed to the REFI-QDA reader (``mapping``, ``source_pattern``,
        ``focal_roles``, ``skip_missing_sources``, ...).

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
    if path is None:
        path = bundled_study_path()
    study, problems = check_study(read_raw(path, **options), strict=strict, advice=False)
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
