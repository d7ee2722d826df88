"""What a study carries that is not rows: :class:`StudyInfo`, which every engine answers.

The name, description and source of a study, its time points with their labels
and order, the roles it declares, the relationship types between people, what
its design says and its memos. The embedded engine answers it from the loaded
:class:`~graphstudy.model.study.Study`; Neo4j from the study's ``(:Study)``
node, where the load writes :meth:`StudyInfo.to_dict` as JSON.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..vocabulary import (
    DEFAULT_RELATIONSHIP_TYPES,
    DEFAULT_ROLES,
    RelationshipType,
    Role,
    relationship_types_from,
    role_label,
    roles_from,
)
from .records import TimePoint

__all__ = ["StudyInfo"]


@dataclass(frozen=True)
class StudyInfo:
    """Everything a study carries that is not rows: what both engines answer in ``study_info()``.

    Attributes
    ----------
    name, description, source : str
        What the study is and where it comes from; ``name`` is its key in Neo4j.
    timepoints : tuple of TimePoint
        The design's time points, in order, with their labels.
    roles : tuple of Role
        The stakeholder groups the study declares.
    relationship_types : tuple of RelationshipType
        The base types and any the study declares.
    design : mapping
        What the study's design says (``[design]`` of ``study.toml``).
    memos : tuple
        Free-text memos carried over from other tools.

    Examples
    --------
    >>> from graphstudy import load_study
    >>> info = load_study().info
    >>> info.focal_roles, info.role_label("co_worker"), info.timepoint_label("T1")
    (('psw',), 'Co-worker', 'Training')
    """

    name: str
    description: str = ""
    source: str = ""
    timepoints: tuple[TimePoint, ...] = ()
    roles: tuple[Role, ...] = DEFAULT_ROLES
    relationship_types: tuple[RelationshipType, ...] = DEFAULT_RELATIONSHIP_TYPES
    design: Mapping[str, Any] = field(default_factory=dict)
    memos: tuple[Any, ...] = ()

    @property
    def role_ids(self) -> tuple[str, ...]:
        """The declared role ids, in the study's order."""
        return tuple(r.id for r in self.roles)

    @property
    def focal_roles(self) -> tuple[str, ...]:
        """The ids of the focal roles (the centres of dyads)."""
        return tuple(r.id for r in self.roles if r.focal)

    def role_label(self, role_id: str) -> str:
        """How the study names a role (its id when undeclared)."""
        return role_label(self.roles, role_id)

    @property
    def relationship_type_ids(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.relationship_types)

    @property
    def timepoint_order(self) -> dict[str, int]:
        """``{time point id: order}``."""
        return {tp.id: tp.order for tp in self.timepoints}

    @property
    def timepoint_labels(self) -> dict[str, str]:
        """``{time point id: label}`` (``""`` where the study gives none), in order."""
        return {tp.id: tp.label for tp in self.timepoints}

    def timepoint_label(self, timepoint_id: str) -> str:
        """The time point's label ("Training"), or its id when it has none."""
        for tp in self.timepoints:
            if tp.id == timepoint_id:
                return tp.label or tp.id
        return timepoint_id

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-ready), read back by :meth:`from_dict`."""
        return {
            "name": self.name,
            "description": self.description,
            "source": self.source,
            "timepoints": [{"id": t.id, "label": t.label, "order": t.order} for t in self.timepoints],
            "roles": [r.to_dict() for r in self.roles],
            "relationship_types": [t.to_dict() for t in self.relationship_types],
            "design": dict(self.design),
            "memos": list(self.memos),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> StudyInfo:
        """The inverse of :meth:`to_dict` (older metadata without roles gets the default vocabulary).

        Examples
        --------
        >>> from graphstudy import load_study
        >>> info = load_study().info
        >>> StudyInfo.from_dict(info.to_dict()) == info
        True
        """
        return cls(
            name=str(data["name"]),
            description=str(data.get("description", "") or ""),
            source=str(data.get("source", "") or ""),
            timepoints=tuple(sorted(TimePoint(int(t["order"]), str(t["id"]), str(t.get("label", "") or ""))
                                    for t in data.get("timepoints", []))),
            roles=roles_from(data.get("roles")),
            relationship_types=relationship_types_from(data.get("relationship_types")),
            design=dict(data.get("design", {}) or {}),
            memos=tuple(data.get("memos", []) or ()),
        )
