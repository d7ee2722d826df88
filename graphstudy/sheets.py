"""Reading tables as spreadsheet programs write them: what CSV files (:mod:`graphstudy.csvfile`) and ``.xlsx`` sheets share.

What Excel, LibreOffice and Numbers write, and what researchers type, is read
as meant rather than refused:

* CSV files in UTF-8 with or without a byte-order mark (Excel's "CSV UTF-8"),
  or UTF-16 with one (Excel's "Unicode text"); the separator (comma,
  semicolon, tab or vertical bar) is detected from the header row and named in
  every message about the file's shape;
* headers and sheet names matched without regard to case, surrounding spaces,
  spaces or hyphens inside (``Participant ID`` is ``participant_id``) and, for
  sheets, singular or plural (``Quote`` is ``quotes``);
* fully blank rows (what a spreadsheet writes for an empty line) skipped and
  counted;
* workbook cells as typed: a date cell becomes ``2023-01-10``, a whole number
  ``3`` (not ``3.0``), TRUE ``true``.

Everything comes back as text, with the file's own row numbers (the header is
row 1 in a CSV file; in a sheet, the row where it stands).
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .findings import Findings, show

__all__ = ["MAX_WORKBOOK_BYTES", "SEPARATORS", "Sheet", "cell_text", "finish", "header_names", "match_sheets", "normalise_name",
           "read_workbook_rows", "sheet_from_rows"]

SEPARATORS = {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar"}
"""The separators a CSV file may use, with their names in messages."""

MAX_WORKBOOK_BYTES = 1 << 30
"""A workbook that would decompress to more than this (1 GiB) is refused before it is read."""



def normalise_name(text: object) -> str:
    """A header or sheet name as graphstudy compares it: lower case, spaces and hyphens as ``_``.

    Examples
    --------
    >>> normalise_name("  Participant ID "), normalise_name("Time-points")
    ('participant_id', 'time_points')
    """
    return re.sub(r"[\s\-]+", "_", str(text).strip().lower())


def cell_text(value: object) -> str:
    """A workbook cell's value as text: dates as ISO dates, whole numbers without ``.0``.

    Examples
    --------
    >>> import datetime as dt
    >>> cell_text(dt.datetime(2023, 1, 10)), cell_text(3.0), cell_text(True), cell_text(None)
    ('2023-01-10', '3', 'true', '')
    >>> cell_text(dt.datetime(2023, 1, 10, 14, 30))
    '2023-01-10 14:30:00'
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.replace(microsecond=0, tzinfo=None).isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, float):
        if value != value:  # NaN
            return ""
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    return str(value).strip()


@dataclass
class Sheet:
    """One table as read from a CSV file or a workbook sheet.

    Attributes
    ----------
    label : str
        How messages name it: ``quotes.csv`` or ``study.xlsx[quotes]``.
    frame : pandas.DataFrame or None
        The cells as text under normalised column names, with ``_row`` (the
        row number in the file); None when the file could not be read.
    header : list of str
        The header as written (non-blank cells).
    separator : str or None
        The CSV separator detected, or None for a sheet.
    blank_rows : int
        Fully blank rows skipped.
    header_row : int
        The row the header stands in.
    """

    label: str
    frame: pd.DataFrame | None
    header: list[str]
    separator: str | None = None
    blank_rows: int = 0
    header_row: int = 1

    @property
    def shape_note(self) -> str:
        """How the header was read, for messages about the file's shape."""
        if self.separator is None:
            return f"the header in row {self.header_row} has: {', '.join(self.header) or 'nothing'}"
        sep = self.separator
        return f"the header, read with separator {show(sep if sep != chr(9) else 'tab')} ({SEPARATORS[sep]}), has: " + \
            (", ".join(show(h, 30) for h in self.header) or "nothing")


def header_names(header: list[str], label: str, findings: Findings, header_row: int) -> list[str | None]:
    """Normalised, unique names for the header cells (None: a blank or repeated header, whose column is ignored)."""
    names: list[str | None] = []
    seen: dict[str, str] = {}
    for raw in header:
        name = normalise_name(raw)
        if not name:
            names.append(None)
        elif name in seen:
            findings.add(label, header_row, name, f"the header has {show(seen[name])} and {show(raw)}, which both mean "
                         f"column '{name}'; the second is ignored")
            names.append(None)
        else:
            seen[name] = raw
            names.append(name)
    return names


def _unnamed_columns(frame: pd.DataFrame, names: list[str | None], label: str, findings: Findings, header_row: int) -> None:
    for i, name in enumerate(names):
        if name is None:
            col = frame[f"_{i}"]
            filled = int((col.str.strip() != "").sum()) if len(col) else 0
            if filled:
                findings.add(label, header_row, f"#{i + 1}", f"column {i + 1} has no usable header; its {filled} value(s) are "
                             "ignored", "warning")


def _stripped(col: pd.Series) -> pd.Series:
    """``col.str.strip()``, without a stripped copy of a column none of whose cells starts or ends with a space.

    For Arrow-backed text the first and last character of every cell are looked at (Arrow's notion of
    white space, the one ``str.strip`` uses on such a column), so a column of long quote texts is not
    copied to find that nothing needed stripping.
    """
    if getattr(col.dtype, "storage", None) == "pyarrow" and len(col) and not col.hasnans:
        text = pa.array(col)
        ends = [pc.utf8_slice_codeunits(text, 0, 1), pc.utf8_slice_codeunits(text, -1, 2**31 - 1)]
        if not any(pc.any(pc.utf8_is_space(e)).as_py() for e in ends):
            return col
    return col.str.strip()


def finish(frame: pd.DataFrame, names: list[str | None], first_row: int, label: str, findings: Findings,
            header_row: int) -> tuple[pd.DataFrame, int]:
    """Name the columns, strip the cells, drop fully blank rows; return the table and how many blank rows it had."""
    for c in frame.columns:
        if frame[c].dtype != "str" and frame[c].dtype != object:
            frame[c] = frame[c].astype(str)
    frame = frame.fillna("")
    _unnamed_columns(frame, names, label, findings, header_row)
    out = pd.DataFrame({name: _stripped(frame[f"_{i}"]) for i, name in enumerate(names) if name is not None},
                       index=frame.index)
    out.insert(0, "_row", range(first_row, first_row + len(out)))
    blank_rows = 0
    if len(out) and len(out.columns) > 1:
        blank = (out[out.columns[1]] == "").to_numpy().copy()
        if blank.any():
            for c in out.columns[2:]:
                blank[blank] = (out.loc[blank, c] == "").to_numpy()
            blank_rows = int(blank.sum())
            if blank_rows:
                out = out[~blank]
    elif len(out):
        out = out.iloc[0:0]
    return out.reset_index(drop=True), blank_rows


def sheet_from_rows(rows: Iterable[tuple[int, list[str]]], label: str, findings: Findings) -> Sheet:
    """A table from a sheet's rows (``(row number, cells as text)``): the first non-blank row is the header."""
    it = iter(rows)
    header_row, header = 1, []
    for number, cells in it:
        if any(c.strip() for c in cells):
            header_row, header = number, cells
            break
    while header and not header[-1].strip():
        header = header[:-1]
    names = header_names(header, label, findings, header_row)
    width = len(names)
    numbers, data = [], []
    beyond = 0
    for number, cells in it:
        if len(cells) > width and any(c.strip() for c in cells[width:]):
            beyond += 1
        numbers.append(number)
        data.append((cells + [""] * width)[:width])
    if beyond:
        findings.add(label, None, None, f"{beyond} row(s) have values right of the last column with a header; "
                     "they are ignored", "warning")
    frame = pd.DataFrame(data, columns=[f"_{i}" for i in range(width)], dtype=str) if width else pd.DataFrame(index=range(len(data)))
    sheet = Sheet(label, None, [h.strip() for h in header if h.strip()], None, header_row=header_row)
    out, blank = finish(frame, names, 0, label, findings, header_row)
    if len(numbers) and width:
        keep = out["_row"].to_numpy()  # positions (0-based) of the rows kept
        out["_row"] = [numbers[i] for i in keep]
    sheet.frame, sheet.blank_rows = out, blank
    return sheet


def read_workbook_rows(path: Path, findings: Findings, max_bytes: int = MAX_WORKBOOK_BYTES) -> dict[str, list[tuple[int, list[str]]]] | None:
    """Every sheet of an ``.xlsx`` workbook as ``{sheet title: [(row number, cells as text), ...]}``; None when unreadable.

    Cells are read as typed (:func:`cell_text`); formulas give the value the
    spreadsheet program last computed.

    Notes
    -----
    The workbook is refused before it is read when its parts would
    decompress to more than ``max_bytes``; it is then read row by row.
    """
    label = path.name
    try:
        with zipfile.ZipFile(path) as zf:
            size = sum(i.file_size for i in zf.infolist())
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        findings.add(label, None, None, f"not a readable .xlsx workbook ({exc}); save it from Excel or LibreOffice as "
                     "'Excel Workbook (.xlsx)'")
        return None
    if size > max_bytes:
        findings.add(label, None, None, f"the workbook would decompress to {size} bytes, more than the {max_bytes} allowed; refused")
        return None
    import openpyxl

    out: dict[str, list[tuple[int, list[str]]]] = {}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions it does not keep
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
            try:
                for ws in book.worksheets:
                    if hasattr(ws, "reset_dimensions"):
                        ws.reset_dimensions()  # trust the cells, not the size the file claims
                    rows = []
                    for number, values in enumerate(ws.iter_rows(min_row=1, values_only=True), start=1):
                        cells = [cell_text(v) for v in values]
                        while cells and not cells[-1]:
                            cells.pop()
                        rows.append((number, cells))
                    out[str(ws.title)] = rows
            finally:
                book.close()
    except Exception as exc:  # noqa: BLE001 - openpyxl and the XML and zip layers below it raise many kinds on a broken file
        findings.add(label, None, None, f"not a readable .xlsx workbook ({type(exc).__name__}: {show(exc, 120)}); save it "
                     "from Excel or LibreOffice as 'Excel Workbook (.xlsx)'")
        return None
    return out


def _sheet_key(name: str) -> str:
    key = normalise_name(name).replace("_", "")
    return key[:-1] if key.endswith("s") else key


def match_sheets(titles: Iterable[str], kinds: Iterable[str], ignored: Iterable[str] = ()) -> tuple[dict[str, str], list[str], dict[str, list[str]]]:
    """Which sheet (or file stem) holds which kind, whatever its case, spacing or number.

    Returns ``({kind: title}, titles matching nothing (and not ignored), {kind: titles}
    for kinds that two or more titles match)``; a kind matched twice is not in the first.

    Examples
    --------
    >>> match_sheets(["Quote", " Time points", "Notes", "help"], ["quotes", "timepoints"], ["help"])
    ({'quotes': 'Quote', 'timepoints': ' Time points'}, ['Notes'], {})
    >>> match_sheets(["quote", "Quotes"], ["quotes"])
    ({}, [], {'quotes': ['quote', 'Quotes']})
    """
    by_key = {_sheet_key(k): k for k in kinds}
    skip = {_sheet_key(k) for k in ignored}
    found: dict[str, list[str]] = {}
    unknown = []
    for title in titles:
        key = _sheet_key(title)
        if key in by_key:
            found.setdefault(by_key[key], []).append(title)
        elif key not in skip:
            unknown.append(title)
    matched = {kind: names[0] for kind, names in found.items() if len(names) == 1}
    return matched, unknown, {kind: names for kind, names in found.items() if len(names) > 1}
