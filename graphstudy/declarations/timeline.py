"""Declared time points, date format and design, checked."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from ..findings import show
from ..model import TimePoint
from .base import Declared, Reader

__all__ = ["read_date_format", "read_design", "read_timepoints"]


def read_timepoints(r: Reader, out: Declared) -> None:
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


def read_design(r: Reader, out: Declared) -> None:
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


def read_date_format(r: Reader) -> str:
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


