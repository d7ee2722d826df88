"""What a study declares about itself, read and checked: name, time points, roles, relationship types, date format, design.

The same declarations come from ``study.toml``, from a workbook's ``study``,
``timepoints``, ``roles``, ``relationship_types`` and ``design`` sheets, from
a store's metadata and from a REFI-QDA project's settings note; all go
through :func:`read_declarations`, so each is checked the same way. In
``study.toml``::

    name = "Nurses, patients and managers"
    date_format = "%d/%m/%Y"          # dates that are not YYYY-MM-DD (Python's codes)

    [[timepoints]]
    id = "M0"
    label = "Baseline"
    order = 1

    [[roles]]
    id = "patient"
    label = "Patient"
    focal = true

    [[relationship_types]]
    id = "CARES_FOR"
    label = "cares for"
    from = ["carer"]
    to = ["patient"]

A study that declares no roles gets :data:`~graphstudy.vocabulary.DEFAULT_ROLES`;
the older ``relationship_types = ["PEER_OF"]`` list still works.

Examples
--------
>>> from graphstudy.findings import Findings
>>> f = Findings()
>>> d = read_declarations({"name": "n", "roles": [{"id": "patient", "focal": True}, {"id": "carer"}],
...                        "relationship_types": [{"id": "CARES_FOR", "from": "carer", "to": "patient"}]}, f)
>>> [r.id for r in d.roles], d.relationship_types[-1].from_roles, f.problems
(['patient', 'carer'], ('carer',), [])
"""


from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..findings import Findings, show
from .base import INTERNAL, KNOWN_KEYS, Declared, Reader, parse_flag
from .roles import read_relationship_types, read_roles
from .timeline import read_date_format, read_design, read_timepoints

__all__ = ["KNOWN_KEYS", "Declared", "parse_flag", "read_declarations"]


def read_declarations(meta: Mapping[str, Any], findings: Findings, files: Mapping[str, str] | None = None,
                      fallback_name: str = "") -> Declared:
    """Read and check a study's declarations.

    Parameters
    ----------
    meta : mapping
        ``study.toml`` as parsed, or the same keys gathered from a workbook's
        sheets (list entries may carry ``_row``, the sheet row they come from;
        ``_rows`` maps study-sheet keys to rows).
    findings : Findings
        Where problems go.
    files : mapping, optional
        Which file or sheet holds each declaration (``study``, ``timepoints``,
        ``roles``, ``relationship_types``, ``design``), for messages.
    fallback_name : str
        The study's name when it declares none (with a warning).

    Returns
    -------
    Declared
    """
    r = Reader(meta, findings, files or {})
    for key in meta:
        if key not in KNOWN_KEYS and key not in INTERNAL:
            findings.add(*r.key_where(str(key)), f"unknown key {show(key)} is ignored; known keys: {', '.join(KNOWN_KEYS)}",
                         "warning")
    name = r.text("name")
    if not name:
        name = fallback_name
        if fallback_name:
            how = "fill in the value of 'name' in the study sheet" if r.file("study").endswith("]") else 'add name = "..."'
            findings.add(*r.key_where("name"), f"no study name; the study is named '{fallback_name}' ({how})", "warning")
    out = Declared(name=name, description=r.text("description"), source=r.text("source"), date_format=read_date_format(r))
    read_timepoints(r, out)
    read_roles(r, out)
    read_relationship_types(r, out)
    read_design(r, out)
    memos = meta.get("memos", [])
    if isinstance(memos, list):
        out.memos = list(memos)
    elif memos not in (None, ""):
        findings.add(*r.key_where("memos"), f"expected a list of memos, got {show(memos)}")
    return out
