"""Writing result tables as a text table, CSV or JSON.

Numbers keep their full precision in CSV and JSON (a kappa of 11/12 is
``0.9166666666666666``), so that a result read back by another program is
the one computed; only the text table, meant for the eye, shows decimals
rounded to :data:`TABLE_DECIMALS` places. A missing number (NaN) is an empty
cell in the table and CSV and ``null`` in JSON.
"""

from __future__ import annotations

import datetime as _dt
import json
import math
from collections.abc import Iterator
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["FORMATS", "PART_ROWS", "TABLE_DECIMALS", "plain", "render", "render_parts"]

FORMATS = ("table", "csv", "json")

TABLE_DECIMALS = 4
"""Decimal places the text table shows (CSV and JSON keep every digit)."""

PART_ROWS = 20_000
"""Rows per piece when :func:`render_parts` writes a long table piece by piece."""


def _clip(value, width: int):
    if isinstance(value, str) and len(value) > width:
        return value[: width - 1] + "…"
    return value


def plain(value: Any) -> Any:
    """A value as plain JSON data: numpy and pandas scalars as Python numbers, NaN and NA as None.

    Examples
    --------
    >>> import numpy as np
    >>> plain(np.float64(11 / 12)), plain(float("nan")), plain(np.int64(3)), plain([np.bool_(True)])
    (0.9166666666666666, None, 3, [True])
    """
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, np.ndarray)):
        return [plain(v) for v in value]
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (pd.Timestamp, _dt.date)):
        return value.isoformat()
    return value


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    cols = [str(c) for c in frame.columns]
    return [dict(zip(cols, (plain(v) for v in row))) for row in frame.itertuples(index=False, name=None)]


def _shown(value: Any) -> Any:
    """A cell as the text table shows it: floats rounded to :data:`TABLE_DECIMALS` places, NaN, NA and None blank."""
    if value is pd.NA or value is None:
        return ""
    if isinstance(value, (float, np.floating)) and not isinstance(value, bool):
        if math.isnan(value):
            return ""
        text = f"{float(value):.{TABLE_DECIMALS}f}".rstrip("0")
        return text + "0" if text.endswith(".") else text
    return value


def render(frame: pd.DataFrame | dict | list, fmt: str = "table", max_width: int = 60) -> str:
    """Render a DataFrame (or a plain dict/list) as ``table``, ``csv`` or ``json``.

    Examples
    --------
    >>> import pandas as pd
    >>> print(render(pd.DataFrame({"theme": ["asset"], "n": [2]}), "csv"), end="")
    theme,n
    asset,2
    >>> render({"quotes": 3}, "json")
    '{\\n  "quotes": 3\\n}'
    >>> t = pd.DataFrame({"kappa": [11 / 12, float("nan")]})
    >>> print(render(t, "table"))
     kappa
    0.9167
    <BLANKLINE>
    >>> render(t, "json").split()[3], render(t, "csv").splitlines()[1]
    ('0.9166666666666666', '0.9166666666666666')
    """
    if isinstance(frame, (dict, list)):
        if fmt == "json":
            return json.dumps(plain(frame), indent=2, ensure_ascii=False, default=str)
        if isinstance(frame, dict):
            frame = pd.DataFrame([{"key": k, "value": v if not isinstance(v, (dict, list)) else json.dumps(plain(v), ensure_ascii=False)}
                                  for k, v in frame.items()])
        else:
            frame = pd.DataFrame(frame)
    if fmt == "csv":
        return frame.to_csv(index=False)
    if fmt == "json":
        return json.dumps(_records(frame), indent=2, ensure_ascii=False, default=str)
    if frame.empty:
        return "(no rows)"
    return _table_text(frame, max_width)


def _kind(values: list[Any]) -> str:
    """The dtype of a column of shown cells: ``bool`` when all are booleans, ``int64`` when all are whole numbers that
    fit, else ``object`` (pandas writes a space before the header of the first two, as of any numeric column)."""
    if values and all(isinstance(v, (bool, np.bool_)) for v in values):
        return "bool"
    if values and all(isinstance(v, (int, np.integer)) and not isinstance(v, (bool, np.bool_)) and -(2**63) <= v < 2**63
                      for v in values):
        return "int64"
    return "object"


def _table_cells(frame: pd.DataFrame, max_width: int) -> pd.DataFrame:
    """The cells as the text table shows them (:func:`_shown`, clipped to ``max_width``), each column of its :func:`_kind`."""
    cells = {}
    for i in range(frame.shape[1]):
        values = [_clip(_shown(v), max_width) if max_width else _shown(v) for v in frame.iloc[:, i].tolist()]
        cells[i] = pd.Series(values, dtype=_kind(values), index=frame.index)
    out = pd.DataFrame(cells, index=frame.index)
    out.columns = frame.columns
    return out


_ESCAPES = str.maketrans({"\t": r"\t", "\n": r"\n", "\r": r"\r"})
"""What pandas' text table writes for a tab or line break inside a cell (and a header)."""


def _cell_texts(values: list[Any], max_width: int) -> list[str] | None:
    """A column's shown cells as the text table writes them, or None when one is not text, a whole number or a
    boolean (a date, a list: pandas then writes the table)."""
    out = []
    for v in values:
        if isinstance(v, str):
            out.append((v[: max_width - 1] + "…" if max_width and len(v) > max_width else v).translate(_ESCAPES))
        elif isinstance(v, (bool, int, np.integer, np.bool_)):
            out.append(str(v))
        else:
            return None
    return out


def _columns_text(frame: pd.DataFrame, max_width: int) -> tuple[list[str], list[list[str]]] | None:
    """Every column's header and cells as text (see :func:`_cell_texts`), or None when pandas must write the table.

    The headers as pandas writes them: each escaped, the white space they all begin with taken off, and one space
    before the header of a numeric column.
    """
    if not all(isinstance(c, str) for c in frame.columns):
        return None
    labels = [" " + c.translate(_ESCAPES) for c in frame.columns]
    common = min((len(x) - len(x.lstrip()) for x in labels), default=0)
    names, columns = [], []
    for i, label in enumerate(labels):
        values = [_shown(v) for v in frame.iloc[:, i].tolist()]
        texts = _cell_texts(values, max_width)
        if texts is None:
            return None
        names.append(label[common:] if _kind(values) == "object" else " " + label[common:])
        columns.append(texts)
    return names, columns


def _table_text(frame: pd.DataFrame, max_width: int, widths: dict | None = None, header: bool = True) -> str:
    """The text table of ``frame``: each column right-aligned to its widest cell (at least ``widths[column]``), one
    space between columns, as pandas' ``to_string(index=False)`` lays it out, written ten times faster."""
    found = _columns_text(frame, max_width)
    if found is None:
        text = _table_cells(frame, max_width).to_string(index=False, col_space=widths)
        # written with its header always (pandas pads numbers differently without one), the header then dropped
        return text if header else text.split("\n", 1)[1]
    widths = widths or {}
    names, columns = found
    sizes = [max(int(widths.get(c, 0)), len(n), max(map(len, texts), default=0))
             for c, n, texts in zip(frame.columns, names, columns)]
    lines = [" ".join(n.rjust(w) for n, w in zip(names, sizes))] if header else []
    lines += [" ".join(t.rjust(w) for t, w in zip(row, sizes)) for row in zip(*columns)]
    return "\n".join(lines)


def _table_widths(frame: pd.DataFrame, max_width: int) -> dict[Any, int]:
    """How wide each column of ``frame``'s text table is (its header included)."""
    found = _columns_text(frame, max_width)
    if found is None:
        cells = _table_cells(frame, max_width)
        # as pandas writes the column (escaped line breaks, the padding of numbers)
        return {c: max(map(len, cells[[c]].to_string(index=False).split("\n"))) for c in cells.columns}
    names, columns = found
    return {c: max(len(n), max(map(len, texts), default=0)) for c, n, texts in zip(frame.columns, names, columns)}


def render_parts(frame: pd.DataFrame | dict | list, fmt: str = "table", max_width: int = 60,
                 rows: int = PART_ROWS) -> Iterator[str]:
    """:func:`render` in pieces of at most ``rows`` rows, so a long table is written without its whole text in memory.

    The pieces, joined, are :func:`render`'s text exactly when each column
    holds one kind of value (text, whole numbers, numbers or booleans), as
    every result of graphstudy's does: the text table's columns are as wide
    as the widest cell of the whole column.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"theme": ["asset", "hope", "uncertainty"], "n": [2, 10, 1]})
    >>> list(render_parts(t, "csv", rows=2))
    ['theme,n\\n', 'asset,2\\nhope,10\\n', 'uncertainty,1\\n']
    >>> "".join(render_parts(t, "table", rows=2)) == render(t, "table")
    True

    Notes
    -----
    The text table is formatted twice, once to measure each column and once to write it:
    about twice :func:`render`'s time, in memory one piece at a time. It is written
    by graphstudy itself, laid out as pandas' ``to_string(index=False)`` would
    (``tests/test_output.py`` holds the two equal), unless a cell is a date, a list or another
    kind of value, which pandas writes.
    """
    if not isinstance(frame, pd.DataFrame) or len(frame) <= rows or (fmt == "table" and frame.empty):
        yield render(frame, fmt, max_width)
        return
    starts = range(0, len(frame), rows)
    if fmt == "csv":
        yield frame.iloc[:0].to_csv(index=False)
        for i in starts:
            yield frame.iloc[i:i + rows].to_csv(index=False, header=False)
    elif fmt == "json":
        yield "["
        for i in starts:
            records = _records(frame.iloc[i:i + rows])
            # indented by "\n" alone: a text may hold other characters str.splitlines breaks at (\x1c, \u2028)
            yield ("," if i else "") + ",".join(
                "\n  " + json.dumps(r, indent=2, ensure_ascii=False, default=str).replace("\n", "\n  ") for r in records)
        yield "\n]"
    else:
        widths = {c: len(str(c)) for c in frame.columns}
        for i in starts:
            for c, w in _table_widths(frame.iloc[i:i + rows], max_width).items():
                widths[c] = max(widths[c], w)
        for i in starts:
            yield ("\n" if i else "") + _table_text(frame.iloc[i:i + rows], max_width, widths, header=not i)
