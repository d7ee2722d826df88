"""What the readers of a study's declarations share: the checked result and where each declaration is."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..findings import Findings, show
from ..model import TimePoint
from ..vocabulary import DEFAULT_ROLES, RelationshipType, Role, relationship_types_from

__all__ = ["INTERNAL", "KNOWN_KEYS", "Declared", "Reader", "parse_flag"]

KNOWN_KEYS = ("name", "description", "source", "date_format", "timepoints", "roles", "relationship_types", "design", "memos")
"""The keys ``study.toml`` (and a workbook's ``study`` sheet) may hold."""

INTERNAL = ("refi", "_rows")
TYPE_ID = re.compile(r"^[A-Z][A-Z0-9_]*$")
ROLE_ID = re.compile(r"^[^\s;,]+$")
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


class Reader:
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


