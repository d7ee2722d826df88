"""Reading a study folder (``study.toml`` + CSV files) into raw tables, before validation; writing one back.

The raw tables are DataFrames of text with the file's own row numbers, so every
problem found later can name the file, the row and the column. A workbook is
read into the same :class:`RawStudy` by :mod:`graphstudy.workbook`.

The files of a folder are found whatever their case or number
(``Quotes.csv`` and ``quote.csv`` are ``quotes.csv``); see
:mod:`graphstudy.sheets` for what is read inside them.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .csvfile import read_csv_file
from .errors import GraphStudyError, Problem
from .files import atomic_folder
from .findings import Findings, did_you_mean, one_line, show
from .model import COLUMNS
from .sheets import Sheet, match_sheets
from .vocabulary import BASE_RELATIONSHIP_TYPES, DEFAULT_ROLES

__all__ = ["REQUIRED_COLUMNS", "RawStudy", "folder_name", "isin", "listed", "positions", "read_folder", "study_toml", "table_from_sheet", "write_folder"]

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
    """What a folder, workbook, store or project holds, as text, before it is checked.

    Attributes
    ----------
    meta : dict
        The study's declarations as given (``study.toml`` as parsed; see
        :func:`~graphstudy.declarations.read_declarations`).
    tables : dict of DataFrame
        Each kind's rows as text with the columns of
        :data:`~graphstudy.model.COLUMNS` and ``_row``, the row number in its
        file (the header is row 1; 0 for rows built from citation codes).
    files : dict of str
        The file or sheet of each kind, as messages name it.
    problems : list of Problem
        What reading found.
    meta_files : dict of str
        The file or sheet of each declaration (``study``, ``timepoints``,
        ``roles``, ``relationship_types``, ``design``).
    absent : set of str
        Kinds with no file or sheet, or one that could not be read.
    missing : dict of set
        Required columns missing, by kind: rows are not checked on them, and
        references to that kind are not checked either.
    blank_rows : dict of int
        Fully blank rows skipped, by file.
    fallback_name : str
        The study's name when it declares none.
    broken : set of str
        Kinds whose file or sheet is there but could not be read (an error
        says why): rows naming them are not checked against them.
    meta_broken : bool
        The declarations could not be read at all (the rows are then not
        checked against declared roles, types or time points).
    """

    meta: dict
    tables: dict[str, pd.DataFrame]
    files: dict[str, str]
    problems: list[Problem] = field(default_factory=list)
    origin: str = ""
    meta_files: dict[str, str] = field(default_factory=dict)
    absent: set[str] = field(default_factory=set)
    missing: dict[str, set[str]] = field(default_factory=dict)
    blank_rows: dict[str, int] = field(default_factory=dict)
    fallback_name: str = ""
    meta_broken: bool = False
    broken: set[str] = field(default_factory=set)

    def usable(self, kind: str, column: str) -> bool:
        """Whether ``kind``'s ``column`` was given, so its rows can be checked on it."""
        return kind not in self.absent and column not in self.missing.get(kind, ())

    def checkable(self, kind: str) -> bool:
        """Whether rows naming a ``kind`` can be checked against its ids (its file read, its id column there)."""
        return kind not in self.broken and "id" not in self.missing.get(kind, ())

    def lacking(self, kind: str) -> bool:
        """Whether ``kind`` has no file or sheet and no rows (built from citation codes, say)."""
        return kind in self.absent and kind not in self.broken and not len(self.tables[kind])


def isin(series: pd.Series, values: Iterable) -> pd.Series:
    """``series.isin(values)`` for text columns, computed by Arrow (pandas' own is slow on large sets).

    ``values`` may be a text Series (used as it is, without a Python loop) or any iterable.

    Examples
    --------
    >>> isin(pd.Series(["a", "b"]), {"b"}).tolist()
    [False, True]
    >>> isin(pd.Series(["a", "b"]), pd.Series(["a", "a"])).tolist()
    [True, False]
    """
    if isinstance(values, pd.Series):
        haystack = pa.array(values.astype(str))  # Arrow builds the set itself: no separate pass for the distinct values
    else:
        haystack = pa.array([str(v) for v in values], type=pa.string())
    needles = pa.array(series.astype(str))
    if needles.type != haystack.type:
        needles = needles.cast(pa.large_string()) if haystack.type == pa.large_string() else needles.cast(pa.string())
        haystack = haystack.cast(needles.type)
    return pd.Series(pc.is_in(needles, value_set=haystack).to_numpy(zero_copy_only=False), index=series.index)


def positions(series: pd.Series, values: pd.Series) -> np.ndarray:
    """Where each text of ``series`` is among ``values`` (distinct texts), -1 where it is not: one Arrow pass.

    Membership is :func:`isin`'s; the positions identify each text by a number, which later checks can use
    instead of the text.

    Examples
    --------
    >>> positions(pd.Series(["b", "x", "a"]), pd.Series(["a", "b"])).tolist()
    [1, -1, 0]
    """
    haystack = pa.array(values.astype(str))
    needles = pa.array(series.astype(str))
    if needles.type != haystack.type:
        needles = needles.cast(pa.large_string()) if haystack.type == pa.large_string() else needles.cast(pa.string())
        haystack = haystack.cast(needles.type)
    found = pc.index_in(needles, value_set=haystack).fill_null(-1)
    return np.asarray(found, dtype=np.int64)


def listed(series: pd.Series) -> pd.Series:
    """The distinct non-blank values of a text column (the ids a table lists), as a Series.

    Examples
    --------
    >>> listed(pd.Series(["a", "", "a", "b"])).tolist()
    ['a', 'b']
    """
    values = series.unique()
    return pd.Series(values[values != ""], dtype=str)


def empty_raw_table(kind: str) -> pd.DataFrame:
    """A raw table of ``kind`` with no rows."""
    frame = pd.DataFrame({c: pd.Series([], dtype=str) for c in COLUMNS[kind]})
    frame.insert(0, "_row", pd.Series([], dtype="int64"))
    return frame


def table_from_sheet(kind: str, sheet: Sheet, raw: RawStudy, findings: Findings) -> pd.DataFrame:
    """The raw table of ``kind`` from a sheet read by :mod:`graphstudy.sheets`: required columns checked, unknown ones named."""
    label = sheet.label
    raw.files[kind] = label
    if sheet.blank_rows:
        raw.blank_rows[label] = sheet.blank_rows
    if sheet.frame is None:
        raw.absent.add(kind)
        raw.broken.add(kind)
        return empty_raw_table(kind)
    frame = sheet.frame
    given = [c for c in frame.columns if c != "_row"]
    missing = [c for c in REQUIRED_COLUMNS[kind] if c not in given]
    if kind == "quotes" and "interview_id" not in given and "citation" not in given:
        missing.append("interview_id (or citation)")
    if missing and (len(frame) or given):
        raw.missing[kind] = {m.split(" ")[0] for m in missing}
        findings.add(label, sheet.header_row, missing[0].split(" ")[0], f"missing column{'s' if len(missing) > 1 else ''} "
                     f"{', '.join(show(m) for m in missing)}; the header must include {', '.join(REQUIRED_COLUMNS[kind])}; "
                     f"{sheet.shape_note}")
    elif missing:
        raw.missing[kind] = {m.split(" ")[0] for m in missing}
    for col in given:
        if col not in COLUMNS[kind]:
            findings.add(label, sheet.header_row, col, f"unknown column {show(col)} is ignored; known columns: "
                         f"{', '.join(COLUMNS[kind])}" + did_you_mean(col, [c for c in COLUMNS[kind] if c not in given]), "warning")
    out = pd.DataFrame({"_row": frame["_row"].astype("int64")})
    n = len(frame)
    for col in COLUMNS[kind]:
        out[col] = frame[col] if col in frame.columns else pd.Series([""] * n, dtype=str, index=frame.index)
    return out.reset_index(drop=True)


def _folder_files(path: Path, findings: Findings) -> dict[str, Path]:
    """``{kind: file}``: the CSV files of a folder, matched like sheet names (case, spacing, singular or plural)."""
    files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in (".csv", ".tsv"))
    by_stem = {p.stem: p for p in files}
    matched, unknown, clashes = match_sheets(by_stem, COLUMNS)
    for stem in unknown:
        findings.add(by_stem[stem].name, None, None, f"file {show(by_stem[stem].name)} is not read; a study folder holds "
                     f"study.toml and {', '.join(f'{k}.csv' for k in COLUMNS)}", "warning")
    for kind, stems in clashes.items():
        findings.add(path.name, None, None, f"the files {', '.join(show(by_stem[s].name) for s in stems)} would all be read as "
                     f"{kind}.csv; keep one of them")
    return {kind: by_stem[stem] for kind, stem in matched.items()}


def _read_toml(path: Path, findings: Findings) -> tuple[dict, bool]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
        return tomllib.loads(text), True
    except UnicodeDecodeError as exc:
        findings.add(path.name, None, None, f"not UTF-8 text (byte at offset {exc.start}); save it as UTF-8")
    except tomllib.TOMLDecodeError as exc:
        findings.add(path.name, None, None, f"not valid TOML: {one_line(exc)}")
    except OSError as exc:
        findings.add(path.name, None, None, f"cannot be read ({exc.strerror or exc})")
    return {}, False


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
    meta, ok = _read_toml(toml_path, Findings())
    name = meta.get("name")
    return str(name).strip() if ok and isinstance(name, str) and name.strip() else None


def read_folder(path: str | Path) -> RawStudy:
    """Read ``study.toml`` and the CSV files of a study folder.

    Missing files are empty tables (participants and interviews may be built
    from citation codes); unreadable files are problems, not exceptions.

    Examples
    --------
    >>> from importlib.resources import files
    >>> raw = read_folder(files("graphstudy.data") / "peer_support_hk")
    >>> sorted(raw.tables)[:2], raw.files["quotes"]
    (['codings', 'interviews'], 'quotes.csv')
    """
    path = Path(path)
    findings = Findings()
    raw = RawStudy(meta={}, tables={}, files={}, origin=str(path), fallback_name=path.resolve().name)
    toml_path = next((p for p in sorted(path.glob("*")) if p.name.lower() == "study.toml" and p.is_file()), None)
    if toml_path is not None:
        raw.meta, ok = _read_toml(toml_path, findings)
        raw.meta_broken = not ok
        raw.meta_files = dict.fromkeys(("study", "timepoints", "roles", "relationship_types", "design"), toml_path.name)
    else:
        findings.add("study.toml", None, None, "no study.toml; the study is named after its folder, has the default roles "
                     f"({', '.join(r.id for r in DEFAULT_ROLES)}) and its time points are ordered by name", "warning")
        raw.fallback_name = path.resolve().name
    found = _folder_files(path, findings)
    for kind in COLUMNS:
        if kind in found:
            raw.tables[kind] = table_from_sheet(kind, read_csv_file(found[kind], found[kind].name, findings), raw, findings)
        else:
            raw.files[kind] = f"{kind}.csv"
            raw.absent.add(kind)
            raw.tables[kind] = empty_raw_table(kind)
    if "quotes" not in found and "interviews" not in found:
        findings.add("quotes.csv", None, None, "file not found; a study needs at least quotes.csv or interviews.csv")
    raw.problems = findings.problems
    return raw


def _toml_value(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def study_toml(study) -> str:
    """The ``study.toml`` text that declares what ``study`` declares (read back by :func:`read_folder`).

    Examples
    --------
    >>> from graphstudy import load_study
    >>> print(study_toml(load_study()).splitlines()[3])
    relationship_types = []
    """
    info = study.info
    lines = [f"name = {_toml_value(info.name)}", f"description = {_toml_value(info.description)}",
             f"source = {_toml_value(info.source)}"]
    base = set(BASE_RELATIONSHIP_TYPES)
    extra = [t for t in info.relationship_types if not (t.id in base and not t.label and not t.from_roles and not t.to_roles)]
    if all(not (t.label or t.from_roles or t.to_roles) for t in extra):
        lines.append(f"relationship_types = {_toml_value([t.id for t in extra])}")
        extra = []
    if info.memos:
        lines.append(f"memos = {_inline(list(info.memos))}")
    for tp in info.timepoints:
        lines += ["", "[[timepoints]]", f"id = {_toml_value(tp.id)}", f"label = {_toml_value(tp.label)}", f"order = {tp.order}"]
    if tuple(info.roles) != DEFAULT_ROLES:
        for r in info.roles:
            lines += ["", "[[roles]]", f"id = {_toml_value(r.id)}", f"label = {_toml_value(r.label)}",
                      f"focal = {'true' if r.focal else 'false'}"]
    for t in extra:
        lines += ["", "[[relationship_types]]", f"id = {_toml_value(t.id)}", f"label = {_toml_value(t.label)}",
                  f"from = {_toml_value(list(t.from_roles))}", f"to = {_toml_value(list(t.to_roles))}"]
    if info.design:
        lines += ["", "[design]"] + [f"{_toml_value(str(k))} = {_inline(v)}" for k, v in info.design.items()]
    return "\n".join(lines) + "\n"


def _inline(value) -> str:
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_toml_value(str(k))} = {_inline(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_inline(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return _toml_value("" if value is None else str(value))


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
    path = Path(path)
    if path.exists() and (not path.is_dir() or any(path.iterdir())):
        raise GraphStudyError(f"{path}: exists and is not an empty folder; choose a new folder")
    with atomic_folder(path) as tmp:
        (tmp / "study.toml").write_text(study_toml(study), encoding="utf-8")
        for kind, frame in study.tables().items():
            out = frame[COLUMNS[kind]].copy()
            if kind == "interviews":
                out["wave"] = out["wave"].map(lambda w: str(int(w)) if int(w) else "")
            out.to_csv(tmp / f"{kind}.csv", index=False, encoding="utf-8")
    return path
