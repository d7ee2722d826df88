"""The one note graphstudy adds to the projects it writes.

REFI-QDA has a place for almost everything in a study: cases and their
variables, sources, selections, codings, users, links and notes. What it has
no place for (the study's time points with their labels and order, its extra
relationship types, its design figures and source, the graphstudy ids of the
themes, and each quote's stance and citation code) travels in one project
note named :data:`SETTINGS_NOTE`, as JSON, so that exporting a study and
loading the file again gives the same study back. Other tools show it as an
ordinary memo and keep it.
"""

from __future__ import annotations

import json

__all__ = ["SETTINGS_FORMAT", "SETTINGS_NOTE", "SETTINGS_VERSION", "dump_settings", "load_settings"]

SETTINGS_NOTE = "graphstudy study settings"
SETTINGS_FORMAT = "graphstudy-refi"
SETTINGS_VERSION = 1


def dump_settings(*, source: str, timepoints: list[dict], relationship_types: list[str], design: dict,
                  themes: dict[str, str], quotes: dict[str, dict]) -> str:
    """The settings note's text.

    Examples
    --------
    >>> text = dump_settings(source="", timepoints=[{"id": "T1", "label": "Training", "order": 1}],
    ...                      relationship_types=[], design={}, themes={}, quotes={})
    >>> load_settings(text)["timepoints"][0]["label"]
    'Training'
    """
    return json.dumps({
        "format": SETTINGS_FORMAT,
        "version": SETTINGS_VERSION,
        "source": source,
        "timepoints": timepoints,
        "relationship_types": relationship_types,
        "design": design,
        "themes": themes,
        "quotes": quotes,
    }, ensure_ascii=False, indent=1, sort_keys=True, default=str)


def load_settings(text: str) -> dict | None:
    """The settings in a note's text, or None when it is not a graphstudy settings note of a version this reads."""
    try:
        data = json.loads(text)
    except (ValueError, TypeError):
        return None
    if not isinstance(data, dict) or data.get("format") != SETTINGS_FORMAT:
        return None
    if not isinstance(data.get("version"), int) or data["version"] > SETTINGS_VERSION:
        return None
    out = {
        "source": str(data.get("source", "")),
        "timepoints": [],
        "relationship_types": [str(x) for x in data.get("relationship_types", []) if isinstance(x, str)],
        "design": data.get("design") if isinstance(data.get("design"), dict) else {},
        "themes": {str(k): str(v) for k, v in (data.get("themes") or {}).items()} if isinstance(data.get("themes"), dict) else {},
        "quotes": {str(k): v for k, v in (data.get("quotes") or {}).items() if isinstance(v, dict)} if isinstance(data.get("quotes"), dict) else {},
    }
    for tp in data.get("timepoints", []) if isinstance(data.get("timepoints"), list) else []:
        if isinstance(tp, dict) and str(tp.get("id", "")).strip():
            try:
                order = int(tp.get("order", len(out["timepoints"]) + 1))
            except (TypeError, ValueError):
                order = len(out["timepoints"]) + 1
            out["timepoints"].append({"id": str(tp["id"]).strip(), "label": str(tp.get("label", "")), "order": order})
    return out
