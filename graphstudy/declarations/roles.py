"""Declared roles (``[[roles]]``) and relationship types (``[[relationship_types]]``), checked."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..findings import did_you_mean, show
from ..vocabulary import Role, relationship_types_from
from .base import ROLE_ID, TYPE_ID, Declared, Reader, parse_flag

__all__ = ["read_relationship_types", "read_roles"]


def read_roles(r: Reader, out: Declared) -> None:
    entries = r.entries("roles")
    if entries is None:
        out.unusable.add("roles")
        return
    roles: list[Role] = []
    for i, given in enumerate(entries, start=1):
        item = {"id": given} if isinstance(given, str) else given
        if not isinstance(item, Mapping):
            r.f.add(*r.where("roles", i, item, None), f"expected a table with id, label and focal, got {show(item)}")
            out.unusable.add("roles")
            continue
        r.extra_keys("roles", i, item, ("id", "label", "focal"))
        rid = "" if isinstance(item.get("id"), Mapping | list) else str(item.get("id", "") or "").strip()
        if not rid:
            r.f.add(*r.where("roles", i, item, "id"), "each role needs an id, e.g. patient")
            out.unusable.add("roles")
            continue
        if not ROLE_ID.match(rid):
            fix = re.sub(r"[\s;,]+", "_", rid)
            r.f.add(*r.where("roles", i, item, "id"), f"role id {show(rid)} may not hold spaces, ';' or ','; "
                    f"write e.g. id = '{fix}' and label = '{rid}'")
            out.rejected["roles"].add(rid)
            continue
        if any(x.id == rid for x in roles):
            r.f.add(*r.where("roles", i, item, "id"), f"role '{rid}' is declared twice")
            continue
        focal = parse_flag(item.get("focal", False))
        if focal is None:
            r.f.add(*r.where("roles", i, item, "focal"), f"expected true or false, got {show(item.get('focal'))}")
            focal = False
        label = item.get("label", "")
        roles.append(Role(rid, "" if label is None else str(label).strip(), focal))
    if roles:
        out.roles, out.roles_declared = tuple(roles), True
    elif out.rejected["roles"] or "roles" in out.unusable:
        out.unusable.add("roles")


def _role_list(r: Reader, out: Declared, value: Any, where: tuple[str, int | None, str | None], type_id: str) -> tuple[tuple[str, ...], bool]:
    if value is None or value == "":
        return (), True
    if isinstance(value, str):
        items = [v.strip() for v in re.split(r"[;,]", value) if v.strip()]
    elif isinstance(value, list | tuple):
        items = [str(v).strip() for v in value if str(v).strip()]
    else:
        r.f.add(*where, f"expected a list of roles, got {show(value)}")
        return (), False
    known = [x.id for x in out.roles]
    ok = True
    for role in items:
        if role not in known and role not in out.rejected["roles"] and "roles" not in out.unusable:
            labels = {x.label: x.id for x in out.roles if x.label}
            r.f.add(*where, f"relationship type {type_id} names role {show(role)}, which the study does not declare; "
                    f"roles: {', '.join(known)}" + did_you_mean(role, known, labels))
            ok = False
    return tuple(items), ok


def read_relationship_types(r: Reader, out: Declared) -> None:
    value = r.meta.get("relationship_types")
    if isinstance(value, str):  # a workbook's study sheet: "MANAGES, SUPPORTS"
        value = [v.strip() for v in re.split(r"[;,\s]+", value) if v.strip()]
    entries = r.entries("relationship_types") if not isinstance(value, list) else value
    if entries is None:
        out.unusable.add("relationship_types")
        return
    declared: list[dict] = []
    seen: set[str] = set()
    for i, given in enumerate(entries, start=1):
        item = {"id": given} if isinstance(given, str) else given
        if not isinstance(item, Mapping):
            r.f.add(*r.where("relationship_types", i, item, None), f"expected a relationship type id or a table with id, "
                    f"label, from and to; got {show(item)}")
            out.unusable.add("relationship_types")
            continue
        r.extra_keys("relationship_types", i, item, ("id", "label", "from", "to"))
        tid = "" if isinstance(item.get("id"), Mapping | list) else str(item.get("id", "") or "").strip()
        if not tid:
            r.f.add(*r.where("relationship_types", i, item, "id"), "each relationship type needs an id, e.g. CARES_FOR")
            out.unusable.add("relationship_types")
            continue
        if not TYPE_ID.match(tid):
            fix = re.sub(r"[^A-Z0-9_]+", "_", tid.upper()).strip("_")
            r.f.add(*r.where("relationship_types", i, item, "id"), f"relationship type {show(tid)} must be UPPER_CASE letters, "
                    "digits and _" + (f"; did you mean '{fix}'?" if fix and TYPE_ID.match(fix) else ""))
            out.rejected["relationship_types"].update({tid, fix})
            continue
        if tid in seen:
            r.f.add(*r.where("relationship_types", i, item, "id"), f"relationship type {tid} is declared twice")
            continue
        seen.add(tid)
        src, ok1 = _role_list(r, out, item.get("from"), r.where("relationship_types", i, item, "from"), tid)
        dst, ok2 = _role_list(r, out, item.get("to"), r.where("relationship_types", i, item, "to"), tid)
        if not (ok1 and ok2):
            out.rejected["relationship_types"].add(tid)
        label = item.get("label", "")
        declared.append({"id": tid, "label": "" if label is None else str(label).strip(), "from": list(src), "to": list(dst)})
    out.relationship_types = relationship_types_from(declared)


