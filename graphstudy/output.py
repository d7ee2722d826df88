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
    """A cell as the text table shows it: floats rounded to :data:`TABLE_DECIMALS` places, NaN and NA blank."""
    if value is pd.NA:
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


def _table_cells(frame: pd.DataFrame, max_width: int) -> pd.DataFrame:
    shown = frame.astype(object).map(_shown)
    return shown.map(lambda v: _clip(v, max_width)) if max_width else shown


def _table_text(frame: pd.DataFrame, max_width: int, widths: dict | None = None, header: bool = True) -> str:
    text = _table_cells(frame, max_width).to_string(index=False, col_space=widths)
    # written with its header always (pandas pads numbers differently without one), the header then dropped
    return text if header else text.split("\n", 1)[1]


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
    about twice :func:`render`'s time, in memory one piece at a time.
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
            cells = _table_cells(frame.iloc[i:i + rows], max_width)
            for c in cells.columns:  # as pandas writes the column (escaped line breaks, the padding of numbers)
                widths[c] = max(widths[c], *map(len, cells[[c]].to_string(index=False).split("\n")))
        for i in starts:
            yield ("\n" if i else "") + _table_text(frame.iloc[i:i + rows], max_width, widths, header=not i)
