"""Reading a study from one ``.xlsx`` workbook: everything ``study.toml`` and the CSV files can hold.

Sheets (names matched without regard to case, spaces or number: ``Quote``,
``time points`` and ``Relationship type`` are all read):

============================  =================================================================
sheet                         rows
============================  =================================================================
``study``                     key / value: ``name``, ``description``, ``source``,
                              ``date_format``, ``relationship_types`` (ids, comma-separated);
                              a header row ``key | value`` is optional
``timepoints``                ``id``, ``label``, ``order``
``roles``                     ``id``, ``label``, ``focal`` (TRUE / FALSE, yes / no, x / blank)
``relationship_types``        ``id``, ``label``, ``from``, ``to`` (roles, ``;``-separated)
``design``                    ``section``, ``key``, ``subkey``, ``value``: ``[design.section]
                              key = value`` or ``key = { subkey = value }`` in ``study.toml``
``participants`` ...          the columns of the CSV files (see :data:`~graphstudy.model.COLUMNS`)
``help``                      not read (the instructions :mod:`graphstudy.template` writes)
============================  =================================================================

Date cells are read as dates, whole numbers as whole numbers, and fully blank
rows are skipped and counted (see :mod:`graphstudy.sheets`).
"""

from __future__ import annotations

from pathlib import Path

from .findings import Findings, show
from .model import COLUMNS
from .sheets import match_sheets, normalise_name, read_workbook_rows, sheet_from_rows
from .tables import RawStudy, empty_raw_table, table_from_sheet

__all__ = ["DECLARATION_SHEETS", "read_workbook"]

DECLARATION_SHEETS = {
    "study": ("key", "value"),
    "timepoints": ("id", "label", "order"),
    "roles": ("id", "label", "focal"),
    "relationship_types": ("id", "label", "from", "to"),
    "design": ("section", "key", "subkey", "value"),
}
"""The sheets that declare the study, with their columns."""

_IGNORED = ("help", "readme", "instructions")
_IN_OWN_SHEET = {"timepoints": "timepoints", "time_points": "timepoints", "roles": "roles", "design": "design"}


def _study_sheet(rows: list[tuple[int, list[str]]], label: str, raw: RawStudy, findings: Findings) -> None:
    meta = raw.meta
    where: dict[str, int] = {}
    for number, cells in rows:
        key = normalise_name(cells[0]) if cells else ""
        value = cells[1].strip() if len(cells) > 1 else ""
        if not key or (key in ("key", "setting", "field") and normalise_name(value) == "value"):
            continue
        if key in _IN_OWN_SHEET:
            sheet = _IN_OWN_SHEET[key]
            findings.add(label, number, "key", f"'{cells[0].strip()}' is not a key of the study sheet; put it in a sheet named "
                         f"'{sheet}' with the columns {', '.join(DECLARATION_SHEETS[sheet])}")
            continue
        if key in where:
            findings.add(label, number, "key", f"key '{key}' is given twice (rows {where[key]} and {number}); row {number} is used",
                         "warning")
        meta[key], where[key] = value, number
    meta["_rows"] = where


def _records(rows: list[tuple[int, list[str]]], label: str, findings: Findings) -> list[dict]:
    sheet = sheet_from_rows(rows, label, findings)
    frame = sheet.frame
    if frame is None or not len(frame):
        return []
    cols = list(frame.columns)
    return [dict(zip(cols, values)) for values in zip(*(frame[c].tolist() for c in cols))]


def read_workbook(path: str | Path) -> RawStudy:
    """Read a study from one ``.xlsx`` workbook (the sheets are in the module's notes).

    Examples
    --------
    >>> import tempfile, pathlib, openpyxl
    >>> book = openpyxl.Workbook()
    >>> book.active.title = "Study"
    >>> book.active.append(["name", "Nurses"])
    >>> ws = book.create_sheet("Participant")
    >>> for row in (["ID", "Role"], ["Ann", "psw"], [None, None], ["Ben", "family"]):
    ...     ws.append(row)
    >>> book.save(f := pathlib.Path(tempfile.mkdtemp()) / "s.xlsx")
    >>> raw = read_workbook(f)
    >>> raw.meta["name"], raw.tables["participants"][["_row", "id"]].values.tolist(), raw.blank_rows
    ('Nurses', [[2, 'Ann'], [4, 'Ben']], {'s.xlsx[Participant]': 1})
    """
    path = Path(path)
    findings = Findings()
    raw = RawStudy(meta={}, tables={}, files={}, origin=str(path), fallback_name=path.stem)
    sheets = read_workbook_rows(path, findings)
    if sheets is None:
        raw.meta_broken = True
        sheets = {}
    kinds = [*DECLARATION_SHEETS, *COLUMNS]
    matched, unknown, clashes = match_sheets(sheets, kinds, _IGNORED)
    for title in unknown:
        findings.add(f"{path.name}[{title}]", None, None, f"sheet {show(title)} is not read; graphstudy reads the sheets "
                     f"{', '.join(kinds)}", "warning")
    for kind, titles in clashes.items():
        findings.add(path.name, None, None, f"the sheets {', '.join(show(t) for t in titles)} would all be read as '{kind}'; "
                     "keep one of them")
        raw.absent.add(kind)
        raw.broken.add(kind)
    label = {kind: f"{path.name}[{title}]" for kind, title in matched.items()}
    raw.meta_files = {kind: label.get(kind, f"{path.name}[{kind}]") for kind in DECLARATION_SHEETS}
    if "study" in matched:
        _study_sheet(sheets[matched["study"]], label["study"], raw, findings)
    elif sheets:
        findings.add(f"{path.name}[study]", None, None, f"no 'study' sheet; the study is named '{path.stem}' after the file. "
                     "Add a sheet 'study' with a row: name | (the study's name)", "warning")
        raw.meta["name"] = path.stem
    for kind in ("timepoints", "roles", "relationship_types", "design"):
        if kind in matched:
            raw.meta[kind] = _records(sheets[matched[kind]], label[kind], findings)
    for kind in COLUMNS:
        if kind in matched:
            sheet = sheet_from_rows(sheets[matched[kind]], label[kind], findings)
            raw.tables[kind] = table_from_sheet(kind, sheet, raw, findings)
        else:
            raw.files[kind] = f"{path.name}[{kind}]"
            raw.absent.add(kind)
            raw.tables[kind] = empty_raw_table(kind)
    if sheets and "quotes" not in matched and "interviews" not in matched:
        findings.add(path.name, None, None, f"no 'quotes' or 'interviews' sheet; a study needs at least one of them (sheets: "
                     f"{', '.join(show(t) for t in sheets)})")
    raw.problems = findings.problems
    return raw
