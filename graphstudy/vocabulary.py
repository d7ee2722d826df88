"""A study's own vocabulary: the roles it declares and the relationship types between people.

A study names its stakeholder groups (``[[roles]]`` in ``study.toml``) and
says which of them are **focal**: the people at the centre of the dyads (the
peer support workers of the bundled study, the patients of a patient-carer-
clinician study). It may declare relationship types (``[[relationship_types]]``)
with the roles each may join. A study that declares no roles gets
:data:`DEFAULT_ROLES`, the bundled study's vocabulary, so every earlier study
loads unchanged.

Examples
--------
>>> [r.id for r in DEFAULT_ROLES if r.focal]
['psw']
>>> role_label(DEFAULT_ROLES, "service_user")
'Service user'
>>> RelationshipType("CARES_FOR", from_roles=("carer",), to_roles=("patient",)).allows("carer", "patient")
True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = [
    "BASE_RELATIONSHIP_TYPES",
    "DEFAULT_RELATIONSHIP_TYPES",
    "DEFAULT_ROLES",
    "STANCES",
    "RelationshipType",
    "Role",
    "relationship_types_from",
    "role_label",
    "roles_from",
]

STANCES = ("positive", "negative", "mixed", "neutral")
"""Optional stance of a quote towards the person (or matter) it concerns."""


@dataclass(frozen=True)
class Role:
    """A stakeholder group a study declares.

    Parameters
    ----------
    id : str
        The value of ``role`` in ``participants.csv``, e.g. ``"patient"``.
    label : str
        How the study names the group in titles and messages, e.g. ``"Patient"``.
    focal : bool
        Members are the centres of dyads: ``shifts --focal``, ``view focal``.

    Examples
    --------
    >>> Role("carer", "Family carer").name
    'Family carer'
    >>> Role("clinician").name
    'clinician'
    """

    id: str
    label: str = ""
    focal: bool = False

    @property
    def name(self) -> str:
        """The label, or the id when the study gave none."""
        return self.label or self.id

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "focal": self.focal}


DEFAULT_ROLES: tuple[Role, ...] = (
    Role("psw", "PSW", focal=True),
    Role("service_user", "Service user"),
    Role("co_worker", "Co-worker"),
    Role("family", "Family member"),
)
"""The roles of a study that declares none: the bundled peer-support study's vocabulary."""


@dataclass(frozen=True)
class RelationshipType:
    """A relationship type between two participants, ``source --TYPE--> target``.

    ``from_roles`` / ``to_roles`` list the roles the source / target may have
    (empty: any role).

    Examples
    --------
    >>> t = RelationshipType("MENTORS", from_roles=("mentor",), to_roles=("mentee",))
    >>> t.allows("mentor", "mentee"), t.allows("mentee", "mentor")
    (True, False)
    >>> RelationshipType("KNOWS").allows("a", "b")
    True
    """

    id: str
    label: str = ""
    from_roles: tuple[str, ...] = ()
    to_roles: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return self.label or self.id

    def allows(self, source_role: str, target_role: str) -> bool:
        """Whether a ``source_role`` participant may hold this type towards a ``target_role`` one."""
        return (not self.from_roles or source_role in self.from_roles) and (not self.to_roles or target_role in self.to_roles)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "from": list(self.from_roles), "to": list(self.to_roles)}


BASE_RELATIONSHIP_TYPES = ("SUPERVISES", "MENTORS", "SERVED_BY", "FAMILY_OF", "COLLEAGUE_OF")
"""Relationship type ids every study has; a study may declare more."""

DEFAULT_RELATIONSHIP_TYPES: tuple[RelationshipType, ...] = tuple(RelationshipType(t) for t in BASE_RELATIONSHIP_TYPES)
"""The base types, open to any roles."""


def role_label(roles: Iterable[Role], role_id: str) -> str:
    """The label of ``role_id`` among ``roles`` (the id itself when the role is unknown)."""
    for r in roles:
        if r.id == role_id:
            return r.name
    return role_id


def _roles_tuple(value: Any) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        return tuple(v.strip() for v in value.replace(";", ",").split(",") if v.strip())
    return tuple(str(v).strip() for v in value if str(v).strip())


def roles_from(data: Iterable[Role | Mapping[str, Any]] | None) -> tuple[Role, ...]:
    """Roles from stored metadata (dicts with ``id``, ``label``, ``focal``); :data:`DEFAULT_ROLES` when empty.

    Examples
    --------
    >>> roles_from([{"id": "patient", "label": "Patient", "focal": True}])
    (Role(id='patient', label='Patient', focal=True),)
    >>> roles_from(None) == DEFAULT_ROLES
    True
    """
    out = []
    for item in data or ():
        if isinstance(item, Role):
            out.append(item)
        else:
            out.append(Role(str(item["id"]), str(item.get("label", "") or ""), bool(item.get("focal", False))))
    return tuple(out) or DEFAULT_ROLES


def relationship_types_from(data: Iterable[str | RelationshipType | Mapping[str, Any]] | None) -> tuple[RelationshipType, ...]:
    """Relationship types from stored metadata: the base types first, then the declared ones.

    Accepts plain ids (the older ``relationship_types = ["PEER_OF"]`` list) or
    dicts with ``id``, ``label``, ``from``, ``to``. A declared type with the id
    of a base type replaces it (so a study may restrict ``MENTORS`` to mentors).

    Examples
    --------
    >>> [t.id for t in relationship_types_from(["PEER_OF"])][-2:]
    ['COLLEAGUE_OF', 'PEER_OF']
    >>> relationship_types_from([{"id": "MENTORS", "from": ["mentor"]}])[1].from_roles
    ('mentor',)
    """
    declared: dict[str, RelationshipType] = {}
    for item in data or ():
        if isinstance(item, RelationshipType):
            t = item
        elif isinstance(item, str):
            t = RelationshipType(item)
        else:
            t = RelationshipType(str(item["id"]), str(item.get("label", "") or ""),
                                 _roles_tuple(item.get("from")), _roles_tuple(item.get("to")))
        declared[t.id] = t
    out = [declared.pop(t.id, t) for t in DEFAULT_RELATIONSHIP_TYPES]
    return (*out, *declared.values())
