"""Checking relationships: their type, the roles the type joins, and when they hold.

A relationship ``source --type--> target`` joins any two participants. Its
type must be declared (the five base types always are); a type declared with
``from`` / ``to`` roles accepts only those; ``start`` and ``end`` are a time
point (``T3``: all of it) or an occasion (``T3_1``), inclusive, blank = open.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

import pandas as pd

from ..declarations import Declared
from ..findings import Findings, did_you_mean, show
from ..model import TimePoint
from ..tables import RawStudy, isin, listed

__all__ = ["check_relationships", "occasion_key"]


def occasion_key(value: str, order: dict[str, int], end: bool = False) -> tuple[float, float] | None:
    """Where a time point or occasion id falls: ``(time point order, wave)``; None when unknown.

    A bare time point starts at its beginning (wave 0) and, as an ``end``,
    lasts to its end (every wave).

    Examples
    --------
    >>> order = {"T1": 1, "T3": 3}
    >>> occasion_key("T3_1", order), occasion_key("T3", order), occasion_key("T3", order, end=True)
    ((3, 1), (3, 0), (3, inf))
    >>> occasion_key("T9", order) is None
    True
    """
    if value in order:
        return (order[value], math.inf if end else 0)
    m = re.fullmatch(r"(.+)_(\d+)", value)
    if m and m[1] in order:
        return (order[m[1]], int(m[2]))
    return None


def _labels(d: Declared, roles: tuple[str, ...]) -> str:
    return " or ".join(d.role_label(r) for r in roles) if roles else "anyone"


def check_relationships(raw: RawStudy, d: Declared, timepoints: list[TimePoint], roles_of: dict[str, str],
                        f: Findings) -> None:
    """Check the relationships table (``roles_of``: participant id -> role, for rows whose role is valid).

    Notes
    -----
    Column-wise; the role check runs once per type declared with roles, the
    span check once per distinct start or end value.
    """
    rel = raw.tables["relationships"]
    if not len(rel):
        return
    fname = raw.files["relationships"]
    types = {t.id: t for t in d.relationship_types}
    types_ok = pd.Series(True, index=rel.index)
    if raw.usable("relationships", "type") and "relationship_types" not in d.unusable and not raw.meta_broken:
        bad = ~isin(rel["type"], types) & ~isin(rel["type"], d.rejected["relationship_types"])
        where = "a 'relationship_types' sheet" if raw.meta_files.get("study", "").endswith("]") else "study.toml [[relationship_types]]"
        f.rows(fname, rel[bad], "type", lambda r: f"unknown relationship type {show(r['type'])}; expected one of "
               f"{', '.join(types)} (declare more in {where})" + did_you_mean(r["type"], types))
        types_ok = ~bad & ~isin(rel["type"], d.rejected["relationship_types"])
    people = raw.tables["participants"]
    ends_ok = pd.Series(True, index=rel.index)
    if raw.lacking("participants"):
        f.add(fname, None, "source_id", f"names participants, but there is no {raw.files['participants']}")
    elif raw.checkable("participants"):
        ids = listed(people["id"])
        for col in ("source_id", "target_id"):
            if raw.usable("relationships", col):
                bad = ~isin(rel[col], ids)
                ends_ok &= ~bad
                f.rows(fname, rel[bad], col, _unknown_person(col, raw.files["participants"], ids))
    f.rows(fname, rel[(rel["source_id"] == rel["target_id"]) & (rel["source_id"] != "")], "target_id",
           lambda r: "a participant cannot be related to themselves")
    _roles_allowed(rel[types_ok & ends_ok], types, d, roles_of, fname, f)
    if "timepoints" not in d.unusable and not raw.meta_broken:
        _spans(rel, timepoints, fname, f)
    f.rows(fname, rel[rel.duplicated(["source_id", "type", "target_id", "start", "end"], keep="first")], "type",
           lambda r: f"relationship {r['source_id']} {r['type']} {r['target_id']} is listed twice; the repeat is dropped",
           "warning")


def _unknown_person(col: str, pfile: str, ids: pd.Series) -> Callable[[dict], str]:
    def message(r: dict) -> str:
        return f"unknown participant {show(r[col])} (not in {pfile})" + did_you_mean(r[col], ids)
    return message


def _roles_allowed(rel: pd.DataFrame, types: dict, d: Declared, roles_of: dict[str, str], fname: str, f: Findings) -> None:
    for tid, t in types.items():
        if not (t.from_roles or t.to_roles):
            continue
        rows = rel[rel["type"] == tid]
        if not len(rows):
            continue
        src = rows["source_id"].map(roles_of)
        dst = rows["target_id"].map(roles_of)
        known = src.notna() & dst.notna()
        wrong = pd.Series(False, index=rows.index)
        if t.from_roles:
            wrong |= ~src.isin(t.from_roles)
        if t.to_roles:
            wrong |= ~dst.isin(t.to_roles)
        rule = f"{t.id} goes from {_labels(d, t.from_roles)} to {_labels(d, t.to_roles)}"

        def message(r: dict, rule: str = rule, tid: str = tid) -> str:
            return (f"{r['source_id']} ({d.role_label(roles_of[r['source_id']])}) {tid} {r['target_id']} "
                    f"({d.role_label(roles_of[r['target_id']])}): {rule}")

        f.rows(fname, rows[known & wrong], "type", message)


def _spans(rel: pd.DataFrame, timepoints: list[TimePoint], fname: str, f: Findings) -> None:
    order = {tp.id: tp.order for tp in timepoints}
    expect = ", ".join(order) or "none declared"
    keys: dict[str, dict[str, tuple[float, float] | None]] = {}
    for col in ("start", "end"):
        values = [v for v in rel[col].unique() if v != ""]
        keys[col] = {v: occasion_key(v, order, end=col == "end") for v in values}
        unknown = [v for v, k in keys[col].items() if k is None]
        if unknown:
            def message(r: dict, col: str = col) -> str:
                return (f"unknown time point or occasion {show(r[col])}; expected a time point ({expect}) or an occasion "
                        f"such as {next(iter(order), 'T1')}_1, or blank (open)" + did_you_mean(r[col], order))

            f.rows(fname, rel[isin(rel[col], unknown)], col, message)
    both = (rel["start"] != "") & (rel["end"] != "")
    if both.any():
        rows = rel[both]
        s = rows["start"].map(keys["start"])
        e = rows["end"].map(keys["end"])
        ok = s.notna() & e.notna()
        after = pd.Series([bool(a > b) if k else False for a, b, k in zip(s, e, ok)], index=rows.index)
        f.rows(fname, rows[after], "end", lambda r: f"the relationship ends at {r['end']}, before it starts ({r['start']})")
