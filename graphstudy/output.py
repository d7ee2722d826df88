"""Writing result tables as a text table, CSV or JSON."""

from __future__ import annotations

import json

import pandas as pd

__all__ = ["FORMATS", "render"]

FORMATS = ("table", "csv", "json")


def _clip(value, width: int):
    if isinstance(value, str) and len(value) > width:
        return value[: width - 1] + "…"
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
    """
    if isinstance(frame, (dict, list)):
        if fmt == "json":
            return json.dumps(frame, indent=2, ensure_ascii=False, default=str)
        if isinstance(frame, dict):
            frame = pd.DataFrame([{"key": k, "value": v if not isinstance(v, (dict, list)) else json.dumps(v, ensure_ascii=False)} for k, v in frame.items()])
        else:
            frame = pd.DataFrame(frame)
    if fmt == "csv":
        return frame.to_csv(index=False)
    if fmt == "json":
        return json.dumps(json.loads(frame.to_json(orient="records", force_ascii=False)), indent=2, ensure_ascii=False)
    if frame.empty:
        return "(no rows)"
    shown = frame.map(lambda v: _clip(v, max_width)) if max_width else frame
    return shown.to_string(index=False)
