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

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .findings import Findings, did_you_mean, show
from .model import TimePoint
from .vocabulary import DEFAULT_ROLES, RelationshipType, Role, relationship_types_from

__all__ = ["KNOWN_KEYS", "Declared", "parse_flag", "read_declarations"]

KNOWN_KEYS = ("name", "description", "source", "date_format", "timepoints", "roles", "relationship_types", "design", "memos")
"""The keys ``study.toml`` (and a workbook's ``study`` sheet) may hold."""

_INTERNAL = ("refi", "_rows")
_TYPE_ID = re.compile(r"^[A-Z][A-Z0-9_]*$")
_ROLE_ID = re.compile(r"^[^\s;,]+$")
_FLAGS = {"true": True, "yes": True, "y": True, "1": True, "x": True, "false": False, "no": False, "n": False, "0": False, "": False}


def parse_flag(value: Any) -> bool | None:
    """A yes/no value as written in TOML (``true``) or a sheet (``TRUE``, ``yes``, ``x``, blank); None when it is neither.

    Examples
    --------
    >>> parse_flag(True), parse_flag("Yes"), parse_flag(""), parse_flag("maybe")
    (True, True, False, None)
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    return _FLAGS.get(str(value).strip().lower()) if isinstance(value, str) else None


@dataclass
class Declared:
    """A study's checked declarations.

    ``rejected`` holds, by kind (``roles``, ``relationship_types``,
    ``timepoints``), the ids of declarations that were in error, and
    ``unusable`` the kinds whose declaration could not be read at all: rows
    using them are not reported again (one root cause, one line).
    """

    name: str
    description: str = ""
    source: str = ""
    date_format: str = ""
    timepoints: list[TimePoint] = field(default_factory=list)
    roles: tuple[Role, ...] = DEFAULT_ROLES
    roles_declared: bool = False
    relationship_types: tuple[RelationshipType, ...] = field(default_factory=lambda: relationship_types_from(None))
    design: dict = field(default_factory=dict)
    memos: list = field(default_factory=list)
    rejected: dict[str, set[str]] = field(default_factory=lambda: {"roles": set(), "relationship_types": set(), "timepoints": set()})
    unusable: set[str] = field(default_factory=set)

    def role_label(self, role_id: str) -> str:
        return next((r.name for r in self.roles if r.id == role_id), role_id)


class _Reader:
    def __init__(self, meta: Mapping[str, Any], findings: Findings, files: Mapping[str, str]):
        self.meta, self.f, self.files = meta, findings, files
        self.rows = meta.get("_rows", {}) if isinstance(meta.get("_rows"), Mapping) else {}

    def file(self, kind: str) -> str:
        return self.files.get(kind) or self.files.get("study") or "study.toml"

    def where(self, kind: str, i: int, item: Any, key: str | None) -> tuple[str, int | None, str | None]:
        """File, row and column of entry ``i`` (1-based) of a list declaration."""
        if isinstance(item, Mapping) and "_row" in item:
            return self.file(kind), int(item["_row"]), key
        return self.file(kind), None, f"{kind}[{i}]" + (f".{key}" if key else "")

    def key_where(self, key: str) -> tuple[str, int | None, str | None]:
        row = self.rows.get(key)
        return (self.file("study"), int(row), "value") if row else (self.file("study"), None, key)

    def text(self, key: str, default: str = "") -> str:
        value = self.meta.get(key, default)
        if value is None:
            return default
        if isinstance(value, Mapping | list | tuple):
            self.f.add(*self.key_where(key), f"expected text, got a {'table' if isinstance(value, Mapping) else 'list'}")
            return default
        return str(value).strip()

    def entries(self, kind: str) -> list[Any] | None:
        value = self.meta.get(kind)
        if value is None or value == "":
            return []
        if isinstance(value, Mapping):
            value = [value]
        if not isinstance(value, list | tuple):
            self.f.add(*self.key_where(kind), f"expected [[{kind}]] tables, got {show(value)}")
            return None
        return list(value)

    def extra_keys(self, kind: str, i: int, item: Mapping, known: tuple[str, ...]) -> None:
        for k in item:
            if k not in known and k != "_row" and str(k).strip():
                self.f.add(*self.where(kind, i, item, str(k)), f"unknown key {show(k)} is ignored; a {kind[:-1]} has "
                           f"{', '.join(known)}", "warning")


def _timepoints(r: _Reader, out: Declared) -> None:
    entries = r.entries("timepoints")
    if entries is None:
        out.unusable.add("timepoints")
        return
    listed: list[tuple[int, int, TimePoint]] = []
    first: dict[str, int] = {}
    for i, tp in enumerate(entries, start=1):
        if not isinstance(tp, Mapping):
            r.f.add(*r.where("timepoints", i, tp, None), f"expected a table with id, label and order, got {show(tp)}")
            out.unusable.add("timepoints")
            continue
        r.extra_keys("timepoints", i, tp, ("id", "label", "order"))
        tid = str(tp.get("id", "") or "").strip()
        if not tid or isinstance(tp.get("id"), Mapping | list):
            r.f.add(*r.where("timepoints", i, tp, "id"), "each time point needs an id, e.g. T1")
            out.unusable.add("timepoints")
            continue
        if tid in first:
            r.f.add(*r.where("timepoints", i, tp, "id"), f"time point '{tid}' is declared twice (first as number {first[tid]})")
            continue
        first[tid] = i
        raw = tp.get("order", "")
        order = i
        if raw not in ("", None):
            try:
                if isinstance(raw, bool):
                    raise ValueError
                number = float(str(raw).strip())
                if not number.is_integer():
                    raise ValueError
                order = int(number)
            except (TypeError, ValueError, OverflowError):
                r.f.add(*r.where("timepoints", i, tp, "order"), f"expected a whole number, got {show(raw)}")
                out.rejected["timepoints"].add(tid)
        label = tp.get("label", "")
        listed.append((order, i, TimePoint(order, tid, "" if label is None else str(label).strip())))
    orders: dict[int, list[str]] = {}
    for order, _, tp in listed:
        orders.setdefault(order, []).append(tp.id)
    ties = {o: ids for o, ids in orders.items() if len(ids) > 1}
    if ties:
        listed.sort(key=lambda x: (x[0], x[1]))
        ranked = [TimePoint(n, tp.id, tp.label) for n, (_, _, tp) in enumerate(listed, start=1)]
        for o, ids in sorted(ties.items()):
            r.f.add(r.file("timepoints"), None, "order", f"time points {', '.join(ids)} share order {o}; they are taken in "
                    "the order they are listed. Give each time point its own order", "warning")
        out.timepoints = ranked
    else:
        out.timepoints = sorted(tp for _, _, tp in listed)


def _roles(r: _Reader, out: Declared) -> None:
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
        if not _ROLE_ID.match(rid):
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


def _role_list(r: _Reader, out: Declared, value: Any, where: tuple[str, int | None, str | None], type_id: str) -> tuple[tuple[str, ...], bool]:
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


def _relationship_types(r: _Reader, out: Declared) -> None:
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
        if not _TYPE_ID.match(tid):
            fix = re.sub(r"[^A-Z0-9_]+", "_", tid.upper()).strip("_")
            r.f.add(*r.where("relationship_types", i, item, "id"), f"relationship type {show(tid)} must be UPPER_CASE letters, "
                    "digits and _" + (f"; did you mean '{fix}'?" if fix and _TYPE_ID.match(fix) else ""))
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


def _number(value: Any) -> Any:
    if isinstance(value, str):
        s = value.strip()
        try:
            return int(s)
        except ValueError:
            try:
                return float(s)
            except ValueError:
                return s
    return value


def _design(r: _Reader, out: Declared) -> None:
    value = r.meta.get("design", {})
    if value in (None, ""):
        return
    if isinstance(value, Mapping):
        out.design = dict(value)
        return
    if not isinstance(value, list):
        r.f.add(*r.key_where("design"), f"expected a [design] table, got {show(value)}")
        return
    design: dict[str, Any] = {}
    for i, row in enumerate(value, start=1):  # a workbook's design sheet: section, key, subkey, value
        if not isinstance(row, Mapping):
            continue
        section, key, sub = (str(row.get(k, "") or "").strip() for k in ("section", "key", "subkey"))
        where = r.where("design", i, row, None)
        if not section or not key:
            r.f.add(where[0], where[1], "section" if not section else "key", "a design row needs a section and a key, "
                    "e.g. section 'participants', key 'patient', value 12")
            continue
        node = design.setdefault(section, {})
        if not isinstance(node, dict):
            r.f.add(*where, f"design section '{section}' has a value of its own and rows under it")
            continue
        number = _number(row.get("value", ""))
        if sub:
            inner = node.setdefault(key, {})
            if not isinstance(inner, dict):
                r.f.add(where[0], where[1], "subkey", f"design '{section}' '{key}' has a value of its own and rows under it")
                continue
            inner[sub] = number
        else:
            if isinstance(node.get(key), dict):
                r.f.add(where[0], where[1], "subkey", f"design '{section}' '{key}' has rows under it and a value of its own")
                continue
            node[key] = number
    out.design = design


def _date_format(r: _Reader) -> str:
    fmt = r.text("date_format")
    if not fmt:
        return ""
    probe = dt.datetime(2023, 1, 10, 14, 30, 5)
    has = set(re.findall(r"%(.)", fmt))
    if not has & {"d", "j"} or not has & {"m", "b", "B"} or not has & {"Y", "y"}:
        r.f.add(*r.key_where("date_format"), f"date_format {show(fmt)} needs a day (%d), a month (%m, %b or %B) and a year "
                "(%Y or %y), e.g. \"%d/%m/%Y\"")
        return ""
    try:
        back = dt.datetime.strptime(probe.strftime(fmt), fmt)
    except ValueError:
        back = None
    if back is None or back.date() != probe.date():
        r.f.add(*r.key_where("date_format"), f"date_format {show(fmt)} is not a date format Python reads back, "
                "e.g. \"%d/%m/%Y\" for 10/01/2023")
        return ""
    return fmt


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
    r = _Reader(meta, findings, files or {})
    for key in meta:
        if key not in KNOWN_KEYS and key not in _INTERNAL:
            findings.add(*r.key_where(str(key)), f"unknown key {show(key)} is ignored; known keys: {', '.join(KNOWN_KEYS)}",
                         "warning")
    name = r.text("name")
    if not name:
        name = fallback_name
        if fallback_name:
            findings.add(*r.key_where("name"), f"no study name; the study is named '{fallback_name}' (give it a name: "
                         "name = \"...\")", "warning")
    out = Declared(name=name, description=r.text("description"), source=r.text("source"), date_format=_date_format(r))
    _timepoints(r, out)
    _roles(r, out)
    _relationship_types(r, out)
    _design(r, out)
    memos = meta.get("memos", [])
    if isinstance(memos, list):
        out.memos = list(memos)
    elif memos not in (None, ""):
        findings.add(*r.key_where("memos"), f"expected a list of memos, got {show(memos)}")
    return out
