"""Reading one CSV file as spreadsheet programs save it: encoding, separator, ragged rows.

UTF-8 with or without a byte-order mark (Excel's "CSV UTF-8"), UTF-16 with
one (Excel's "Unicode text"); the separator (comma, semicolon, tab or
vertical bar) detected from the header row and named in every message about
the file's shape. Text in another encoding (cp1252, say) is one line naming
the first byte that is not UTF-8 and how to save the file.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pandas as pd

from .findings import Findings, show
from .sheets import SEPARATORS, Sheet, finish, header_names

__all__ = ["detect_separator", "read_csv_file"]

_BAD_LINE = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")


def _decode(data: bytes, label: str, findings: Findings) -> bytes | None:
    """The file's bytes as UTF-8 without a byte-order mark, or None (with a problem) when it is not text."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            findings.add(label, None, None, "starts like UTF-16 text but is not; save the file as 'CSV UTF-8'")
            return None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data[:nul].count(b"\n") + 1
        findings.add(label, line, None, f"holds NUL bytes (the first at line {line}): not a CSV text file, or UTF-16 "
                     "without a byte-order mark; save the file as 'CSV UTF-8'")
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        findings.add(label, line, None, f"not UTF-8 text: byte 0x{data[exc.start]:02x} at line {line}; "
                     "save the file as 'CSV UTF-8'")
        return None
    return data


def _count_outside_quotes(line: str, sep: str) -> int:
    n, quoted = 0, False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif ch == sep and not quoted:
            n += 1
    return n


def detect_separator(header_line: str) -> str:
    """The separator of a CSV file, from its header line: the candidate that splits it most (comma on a tie).

    Examples
    --------
    >>> detect_separator("id;role;gender"), detect_separator("id,role"), detect_separator("id")
    (';', ',', ',')
    """
    counts = {sep: _count_outside_quotes(header_line, sep) for sep in SEPARATORS}
    best = max(counts.values())
    return "," if best == 0 or counts[","] == best else max(counts, key=lambda s: counts[s])


def _parse(text: bytes, sep: str, skip: int, label: str, findings: Findings, shape: Sheet) -> pd.DataFrame | None:
    """The cells below the header, as text; a row wider than those before it widens the table (up to a few times)."""
    width: int | None = None
    for _ in range(8):
        try:
            wider: dict[str, Any] = {"names": list(range(width)), "index_col": False} if width else {}
            return pd.read_csv(io.BytesIO(text), sep=sep, header=None, skiprows=skip + 1, dtype=str, keep_default_na=False,
                               skip_blank_lines=False, engine="c", **wider)
        except pd.errors.EmptyDataError:
            return pd.DataFrame()
        except pd.errors.ParserError as exc:
            m = _BAD_LINE.search(str(exc))
            if m and int(m[3]) > (width or 0):
                width = int(m[3])
                continue
            msg = str(exc).strip().rpartition("C error: ")[2] or str(exc)
            findings.add(label, None, None, f"not a readable CSV file ({show(msg, 120)}); {shape.shape_note}")
            return None
    findings.add(label, None, None, f"rows of ever more cells; {shape.shape_note}. A cell that holds the separator must be "
                 "in double quotes")
    return None


def read_csv_file(path: Path, label: str, findings: Findings) -> Sheet:
    """Read one CSV file as text cells; problems go to ``findings`` and an unreadable file has ``frame`` None.

    Notes
    -----
    One pass of pandas' C parser over the file, then one vectorised strip per
    column: about the cost of ``pandas.read_csv(dtype=str)``.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        findings.add(label, None, None, f"cannot be read ({exc.strerror or exc})")
        return Sheet(label, None, [])
    text = _decode(data, label, findings)
    if text is None:
        return Sheet(label, None, [])
    lines = text.split(b"\n", 64)
    skip = 0
    while skip < len(lines) - 1 and not lines[skip].strip(b"\r\t ,;|"):
        skip += 1
    head = lines[skip].decode("utf-8", errors="replace").rstrip("\r") if lines else ""
    if not head.strip():
        return Sheet(label, pd.DataFrame({"_row": pd.Series([], dtype="int64")}), [], ",")
    sep = detect_separator(head)
    try:
        header_frame = pd.read_csv(io.BytesIO(text), sep=sep, header=None, skiprows=skip, nrows=1, dtype=str,
                                   keep_default_na=False, engine="c")
        header = [str(h) for h in header_frame.iloc[0].tolist()] if len(header_frame) else []
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError):
        header = head.split(sep)
    names = header_names(header, label, findings, skip + 1)
    shape = Sheet(label, None, [h.strip() for h in header if h.strip()], sep, header_row=skip + 1)
    frame = _parse(text, sep, skip, label, findings, shape)
    if frame is None:
        return shape
    frame.columns = [f"_{i}" for i in range(frame.shape[1])]
    width = len(names)
    if frame.shape[1] > width:
        extra = frame[frame.columns[width:]].fillna("").astype(str)
        over = (extra.apply(lambda col: col.str.strip() != "")).any(axis=1).to_numpy()
        if over.any():
            rows = pd.DataFrame({"_row": (frame.index[over] + skip + 2)})
            findings.rows(label, rows, None, lambda r: f"this row has more cells than the header's {width}; "
                          f"{shape.shape_note}. A cell that holds the separator must be in double quotes")
            shape.frame = None
            return shape
        frame = frame[frame.columns[:width]]
    for i in range(frame.shape[1], width):
        frame[f"_{i}"] = ""
    shape.frame, shape.blank_rows = finish(frame, names, skip + 2, label, findings, skip + 1)
    return shape


