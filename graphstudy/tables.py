"""Reading a study folder (``study.toml`` + CSV files) or the same sheets in one
``.xlsx`` workbook into raw tables, before validation.

The raw tables are DataFrames of text with the file's own row numbers, so every
problem found later can name the file, the row and the column.
"""

from __future__ import annotations

import io
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .errors import Problem
from .model import BASE_RELATIONSHIP_TYPES, COLUMNS

__all__ = ["REQUIRED_COLUMNS", "RawStudy", "read_folder", "read_workbook", "write_folder"]

REQUIRED_COLUMNS: dict[str, list[str]] = {
    "participants": ["id", "role"],
    "interviews": ["id", "participant_id", "timepoint"],
    "themes": ["id", "name"],
    "quotes": ["id", "text"],
    "codings": ["quote_id", "theme_id"],
    "relationships": ["source_id", "type", "target_id"],
}


@dataclass
class RawStudy:
    """What a folder or workbook holds, as text, before it is checked.

    ``files`` maps each kind to the file (or sheet) name used in messages;
    every table has an integer column ``_row``: the row number in that file
    (the header is row 1).
    """

    meta: dict
    tables: dict[str, pd.DataFrame]
    files: dict[str, str]
    problems: list[Problem] = field(default_factory=list)
    origin: str = ""


def _frame_from_records(kind: str, frame: pd.DataFrame, fname: str, problems: list[Problem]) -> pd.DataFrame:
    frame = frame.copy()
    frame.columns = [str(c).strip() for c in frame.columns]
    missing = [c for c in REQUIRED_COLUMNS[kind] if c not in frame.columns]
    if kind == "quotes" and "interview_id" not in frame.columns and "citation" not in frame.columns:
        missing.append("interview_id (or citation)")
    for col in missing:
        problems.append(Problem(fname, 1, col, f"missing column '{col}'; the header must include {', '.join(REQUIRED_COLUMNS[kind])}"))
    extra = [c for c in frame.columns if c not in COLUMNS[kind]]
    for col in extra:
        problems.append(Problem(fname, 1, col, f"unknown column '{col}' is ignored; known columns: {', '.join(COLUMNS[kind])}", "warning"))
    for col in COLUMNS[kind]:
        if col not in frame.columns:
            frame[col] = ""
    out = pd.DataFrame(index=frame.index)
    for col in COLUMNS[kind]:
        values = frame[col]
        if values.dtype == object or not pd.api.types.is_string_dtype(values):
            values = values.map(lambda v: "" if v is None or (isinstance(v, float) and v != v) else str(v))
        out[col] = values.fillna("").str.strip()
    out.insert(0, "_row", range(2, len(out) + 2))
    return out.reset_index(drop=True)


def _decode(path: Path, problems: list[Problem]) -> str | None:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.append(
            Problem(
                path.name,
                line,
                None,
                f"not UTF-8 text: byte 0x{data[exc.start]:02x} at line {line}; save the file as 'CSV UTF-8'",
            )
        )
        return None


def _timepoints_from_meta(meta: dict, fname: str, problems: list[Problem]) -> list[dict]:
    tps = meta.get("timepoints", [])
    out = []
    for i, tp in enumerate(tps, start=1):
        if not isinstance(tp, dict) or not str(tp.get("id", "")).strip():
            problems.append(Problem(fname, None, f"timepoints[{i}].id", "each [[timepoints]] needs an id"))
            continue
        try:
            order = int(tp.get("order", i))
        except (TypeError, ValueError):
            problems.append(Problem(fname, None, f"timepoints[{i}].order", f"expected a whole number, got {tp.get('order')!r}"))
            order = i
        out.append({"id": str(tp["id"]).strip(), "label": str(tp.get("label", "")), "order": order})
    return out


def folder_name(path: str | Path) -> str | None:
    """The name a study folder gives its study, read from ``study.toml`` alone (None when it cannot tell).

    A folder without ``study.toml`` is named after itself.

    Examples
    --------
    >>> from importlib.resources import files
    >>> folder_name(files("graphstudy.data") / "peer_support_hk").startswith("Peer support workers")
    True
    """
    path = Path(path)
    toml_path = path / "study.toml"
    if not toml_path.is_file():
        return path.resolve().name
    try:
        meta = tomllib.loads(toml_path.read_bytes().decode("utf-8-sig"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return None
    name = meta.get("name")
    return str(name) if isinstance(name, str) and name.strip() else None


def read_folder(path: str | Path) -> RawStudy:
    """Read ``study.toml`` and the CSV files of a study folder.

    Missing files are empty tables (participants and interviews may be built
    from citation codes); unreadable files are problems, not exceptions.

    Examples
    --------
    >>> from importlib.resources import files
    >>> raw = read_folder(files("graphstudy.data") / "peer_support_hk")
    >>> sorted(raw.tables)[:2]
    ['codings', 'interviews']
    """
    path = Path(path)
    problems: list[Problem] = []
    meta: dict = {}
    toml_path = path / "study.toml"
    if toml_path.is_file():
        try:
            meta = tomllib.loads(toml_path.read_bytes().decode("utf-8-sig"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            problems.append(Problem("study.toml", None, None, f"not valid TOML: {exc}"))
    else:
        problems.append(Problem("study.toml", None, None, "no study.toml; the study is named after its folder and time points are ordered by name", "warning"))
    meta.setdefault("name", path.resolve().name)
    meta["timepoints"] = _timepoints_from_meta(meta, "study.toml", problems)
    tables: dict[str, pd.DataFrame] = {}
    files: dict[str, str] = {}
    for kind in COLUMNS:
        fname = f"{kind}.csv"
        files[kind] = fname
        fpath = path / fname
        if not fpath.is_file():
            frame = pd.DataFrame(columns=REQUIRED_COLUMNS[kind])
            if kind in ("quotes", "interviews") and not (path / "quotes.csv").is_file() and not (path / "interviews.csv").is_file():
                problems.append(Problem(fname, None, None, "file not found; a study needs at least quotes.csv or interviews.csv"))
        else:
            text = _decode(fpath, problems)
            if text is None:
                frame = pd.DataFrame(columns=COLUMNS[kind])
            else:
                try:
                    frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, skipinitialspace=False)
                except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
                    problems.append(Problem(fname, None, None, f"not a readable CSV file: {str(exc).strip()}"))
                    frame = pd.DataFrame(columns=COLUMNS[kind])
        tables[kind] = _frame_from_records(kind, frame, fname, problems)
    return RawStudy(meta=meta, tables=tables, files=files, problems=problems, origin=str(path))


def read_workbook(path: str | Path) -> RawStudy:
    """Read a study from one ``.xlsx`` workbook.

    Sheets: ``study`` (two columns, key and value: name, description, source),
    ``timepoints`` (id, label, order), and ``participants``, ``interviews``,
    ``themes``, ``quotes``, ``codings``, ``relationships`` with the same columns
    as the CSV files.
    """
    path = Path(path)
    problems: list[Problem] = []
    try:
        sheets = pd.read_excel(path, sheet_name=None, dtype=str, engine="openpyxl")
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        problems.append(Problem(path.name, None, None, f"not a readable .xlsx workbook: {exc}"))
        sheets = {}
    sheets = {str(k).strip().lower(): v for k, v in sheets.items()}
    meta: dict = {"name": path.stem}
    if "study" in sheets:
        frame = sheets["study"].fillna("")
        for row in frame.itertuples(index=False):
            if len(row) >= 2 and str(row[0]).strip():
                meta[str(row[0]).strip()] = str(row[1]).strip()
    if "timepoints" in sheets:
        meta["timepoints"] = sheets["timepoints"].fillna("").to_dict("records")
    meta["timepoints"] = _timepoints_from_meta(meta, f"{path.name}[timepoints]", problems)
    tables: dict[str, pd.DataFrame] = {}
    files: dict[str, str] = {}
    for kind in COLUMNS:
        fname = f"{path.name}[{kind}]"
        files[kind] = fname
        frame = sheets.get(kind, pd.DataFrame(columns=REQUIRED_COLUMNS[kind]))
        tables[kind] = _frame_from_records(kind, frame.fillna(""), fname, problems)
    if sheets and "quotes" not in sheets and "interviews" not in sheets:
        problems.append(Problem(path.name, None, None, "no 'quotes' or 'interviews' sheet; a study needs at least one of them"))
    return RawStudy(meta=meta, tables=tables, files=files, problems=problems, origin=str(path))


def write_folder(study, path: str | Path) -> Path:
    """Write a study as a study folder (``study.toml`` + CSV files) that :func:`read_folder` reads back.

    The folder is written beside the target and renamed into place when
    complete, so a failure leaves nothing half-written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from graphstudy import load_study
    >>> out = write_folder(load_study(), pathlib.Path(tempfile.mkdtemp()) / "copy")
    >>> load_study(out).counts()["quotes"] == load_study().counts()["quotes"]
    True
    """
    import json
    import os
    import shutil
    import tempfile

    path = Path(path)
    if path.exists() and any(path.iterdir()):
        from .errors import GraphStudyError

        raise GraphStudyError(f"{path}: folder exists and is not empty; choose a new folder")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", dir=path.parent))
    try:
        lines = [f"name = {json.dumps(study.name, ensure_ascii=False)}",
                 f"description = {json.dumps(study.description, ensure_ascii=False)}",
                 f"source = {json.dumps(study.source, ensure_ascii=False)}"]
        extra = [t.id for t in study.relationship_types if t.id not in BASE_RELATIONSHIP_TYPES]
        lines.append(f"relationship_types = {json.dumps(extra)}")
        for tp in study.timepoints:
            lines += ["", "[[timepoints]]", f"id = {json.dumps(tp.id)}", f"label = {json.dumps(tp.label, ensure_ascii=False)}", f"order = {tp.order}"]
        (tmp / "study.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        for kind, frame in study.tables().items():
            out = frame[COLUMNS[kind]].copy()
            if kind == "interviews":
                out["wave"] = out["wave"].map(lambda w: str(int(w)) if int(w) else "")
            out.to_csv(tmp / f"{kind}.csv", index=False, encoding="utf-8")
        if path.exists():
            path.rmdir()
        os.replace(tmp, path)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return path
