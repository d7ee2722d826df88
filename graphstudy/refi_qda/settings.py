"""The one note graphstudy adds to the projects it writes.

REFI-QDA has a place for almost everything in a study: cases and their
variables, sources, selections, codings, users, links and notes. What it has
no place for travels in one project note named :data:`SETTINGS_NOTE`, as
JSON, so that exporting a study and loading the file again gives the same
study back:

* the study's time points with their labels and order, its source and design;
* its roles (id, label, which are focal) and relationship types (id, label,
  the roles each joins);
* the time each relationship holds (``start`` / ``end``), by the link's GUID;
* the graphstudy ids of the themes, and each quote's stance and citation code.

Other tools show it as an ordinary memo and keep it. Version 1 notes (plain
relationship type ids, no roles or spans) are still read.
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["SETTINGS_FORMAT", "SETTINGS_NOTE", "SETTINGS_VERSION", "dump_settings", "load_settings"]

SETTINGS_NOTE = "graphstudy study settings"
SETTINGS_FORMAT = "graphstudy-refi"
SETTINGS_VERSION = 2


def dump_settings(*, source: str, timepoints: list[dict], relationship_types: list, design: dict,
                  themes: dict[str, str], quotes: dict[str, dict], roles: list[dict] | None = None,
                  relationships: dict[str, dict] | None = None) -> str:
    """The settings note's text.

    Examples
    --------
    >>> text = dump_settings(source="", timepoints=[{"id": "T1", "label": "Training", "order": 1}],
    ...                      relationship_types=[], design={}, themes={}, quotes={},
    ...                      roles=[{"id": "patient", "label": "Patient", "focal": True}])
    >>> s = load_settings(text)
    >>> s["timepoints"][0]["label"], s["roles"][0]["focal"]
    ('Training', True)
    """
    return json.dumps({
        "format": SETTINGS_FORMAT,
        "version": SETTINGS_VERSION,
        "source": source,
        "timepoints": timepoints,
        "roles": roles or [],
        "relationship_types": relationship_types,
        "relationships": relationships or {},
        "design": design,
        "themes": themes,
        "quotes": quotes,
    }, ensure_ascii=False, indent=1, sort_keys=True, default=str)


def _dict_of(value: Any, inner: type) -> dict:
    if not isinstance(value, dict):
        return {}
    return {str(k): (v if inner is dict else str(v)) for k, v in value.items() if inner is not dict or isinstance(v, dict)}


def _roles(value: Any) -> list[dict]:
    out = []
    for r in value if isinstance(value, list) else []:
        if isinstance(r, dict) and isinstance(r.get("id"), str) and r["id"].strip():
            out.append({"id": r["id"].strip(), "label": str(r.get("label", "") or ""), "focal": r.get("focal") is True})
    return out


def _types(value: Any) -> list:
    out: list = []
    for t in value if isinstance(value, list) else []:
        if isinstance(t, str):
            out.append(t)
        elif isinstance(t, dict) and isinstance(t.get("id"), str):
            out.append({k: t[k] for k in ("id", "label", "from", "to") if k in t})
    return out


def load_settings(text: str) -> dict | None:
    """The settings in a note's text, or None when it is not a graphstudy settings note of a version this reads."""
    try:
        data = json.loads(text)
    except (ValueError, TypeError, RecursionError):
        return None
    if not isinstance(data, dict) or data.get("format") != SETTINGS_FORMAT:
        return None
    if not isinstance(data.get("version"), int) or data["version"] > SETTINGS_VERSION:
        return None
    timepoints: list[dict] = []
    out = {
        "source": str(data.get("source", "")),
        "timepoints": timepoints,
        "roles": _roles(data.get("roles")),
        "relationship_types": _types(data.get("relationship_types")),
        "relationships": _dict_of(data.get("relationships"), dict),
        "design": data.get("design") if isinstance(data.get("design"), dict) else {},
        "themes": _dict_of(data.get("themes"), str),
        "quotes": _dict_of(data.get("quotes"), dict),
    }
    for tp in data.get("timepoints", []) if isinstance(data.get("timepoints"), list) else []:
        if isinstance(tp, dict) and str(tp.get("id", "")).strip():
            try:
                order = int(tp.get("order", len(timepoints) + 1))
            except (TypeError, ValueError, OverflowError):
                order = len(timepoints) + 1
            timepoints.append({"id": str(tp["id"]).strip(), "label": str(tp.get("label", "")), "order": order})
    return out
