"""The study model: participants, interviews at occasions, quotes, themes, codings
and the relationships between people.

A :class:`Study` keeps each kind of record as a pandas DataFrame with fixed
columns (so a study of a million quotes loads and queries quickly) and hands out
plain typed records (:class:`Participant`, :class:`Interview`, ...) when asked
for one.

Examples
--------
>>> from graphstudy import load_study
>>> study = load_study()                      # the bundled peer-support study
>>> study.participant("Sue").role
'psw'
>>> [str(o) for o in study.occasions()][:3]
['T1', 'T2', 'T2_1']
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from .errors import UnknownParticipant, UnknownTheme
from .vocabulary import (
    BASE_RELATIONSHIP_TYPES,
    DEFAULT_RELATIONSHIP_TYPES,
    DEFAULT_ROLES,
    STANCES,
    RelationshipType,
    Role,
    relationship_types_from,
    role_label,
    roles_from,
)

__all__ = [
    "BASE_RELATIONSHIP_TYPES",
    "COLUMNS",
    "DEFAULT_ROLES",
    "ROLES",
    "STANCES",
    "Coding",
    "Interview",
    "Occasion",
    "Participant",
    "Quote",
    "Relationship",
    "RelationshipType",
    "Role",
    "Study",
    "StudyInfo",
    "Theme",
    "TimePoint",
    "empty_table",
    "split_ids",
]

ROLES = tuple(r.id for r in DEFAULT_ROLES)
"""The role ids of the default vocabulary (a study that declares no ``[[roles]]``)."""

COLUMNS: dict[str, list[str]] = {
    "participants": ["id", "role", "subrole", "gender", "age_band", "diagnosis", "agency", "setting", "note"],
    "interviews": ["id", "participant_id", "timepoint", "wave", "date", "note"],
    "themes": ["id", "name", "parent_id", "description", "color", "note"],
    "quotes": ["id", "interview_id", "text", "about", "stance", "citation", "note"],
    "codings": ["quote_id", "theme_id", "coder", "note"],
    "relationships": ["source_id", "type", "target_id", "start", "end", "note"],
}
"""The columns of each table. ``wave`` is an integer (0 = no wave); all others are text.

A relationship's ``start`` and ``end`` are a time point or occasion id (inclusive;
blank = open): it holds at the occasions between them."""


def empty_table(kind: str) -> pd.DataFrame:
    """An empty table of one kind, with its columns.

    Examples
    --------
    >>> list(empty_table("codings").columns)
    ['quote_id', 'theme_id', 'coder', 'note']
    """
    cols = COLUMNS[kind]
    frame = pd.DataFrame({c: pd.Series([], dtype=object) for c in cols})
    if kind == "interviews":
        frame["wave"] = frame["wave"].astype("int64")
    return frame


def split_ids(value: str) -> list[str]:
    """Split a ``;``-separated list of ids (as in a quote's ``about``).

    Examples
    --------
    >>> split_ids("May; Eliza")
    ['May', 'Eliza']
    >>> split_ids("")
    []
    """
    return [part.strip() for part in str(value).split(";") if part.strip()]


@dataclass(frozen=True, order=True)
class TimePoint:
    """A time point of the study's design, e.g. ``T1`` "Training" with order 1."""

    order: int
    id: str
    label: str = ""

    def __str__(self) -> str:
        return self.id


@dataclass(frozen=True)
class Occasion:
    """A time point and a wave within it: ``T3_1`` is wave 1 of T3; wave 0 is "no wave".

    Occasions sort by the time point's order, then the wave.

    Examples
    --------
    >>> o = Occasion("T3", 1, 3)
    >>> str(o), o.key
    ('T3_1', (3, 1))
    >>> str(Occasion("T2", 0, 2))
    'T2'
    """

    timepoint: str
    wave: int
    order: int

    @property
    def key(self) -> tuple[int, int]:
        """The sort key: (time point order, wave)."""
        return (self.order, self.wave)

    @property
    def id(self) -> str:
        return occasion_id(self.timepoint, self.wave)

    def __str__(self) -> str:
        return self.id

    def __lt__(self, other: Occasion) -> bool:
        return self.key < other.key


def occasion_id(timepoint: str, wave: int) -> str:
    """The occasion's id: ``T3_1`` for wave 1 of T3, ``T2`` for wave 0.

    Examples
    --------
    >>> occasion_id("T3", 2), occasion_id("T1", 0)
    ('T3_2', 'T1')
    """
    return f"{timepoint}_{int(wave)}" if int(wave) else str(timepoint)


@dataclass(frozen=True)
class Participant:
    """A person in the study: a PSW, service user, co-worker or family member."""

    id: str
    role: str
    subrole: str = ""
    gender: str = ""
    age_band: str = ""
    diagnosis: str = ""
    agency: str = ""
    setting: str = ""
    note: str = ""


@dataclass(frozen=True)
class Interview:
    """One interview a participant gave at a time point (and wave)."""

    id: str
    participant_id: str
    timepoint: str
    wave: int = 0
    date: str = ""
    note: str = ""

    @property
    def occasion(self) -> str:
        return occasion_id(self.timepoint, self.wave)


@dataclass(frozen=True)
class Quote:
    """A quoted passage of an interview, about one or more PSWs."""

    id: str
    interview_id: str
    text: str
    about: tuple[str, ...] = ()
    stance: str = ""
    citation: str = ""
    note: str = ""


@dataclass(frozen=True)
class Theme:
    """A theme or sub-theme; ``parent_id`` is empty for a top-level theme."""

    id: str
    name: str
    parent_id: str = ""
    description: str = ""
    color: str = ""
    note: str = ""


@dataclass(frozen=True)
class Coding:
    """A quote coded as a theme, optionally by a named coder."""

    quote_id: str
    theme_id: str
    coder: str = ""
    note: str = ""


@dataclass(frozen=True)
class Relationship:
    """``source --type--> target`` between two participants, holding from ``start`` to ``end`` (blank: open)."""

    source_id: str
    type: str
    target_id: str
    start: str = ""
    end: str = ""
    note: str = ""


def _record(cls, row: dict):
    names = cls.__dataclass_fields__.keys()
    return cls(**{k: row[k] for k in names if k in row})


_RECORD_TYPES = {"participants": Participant, "interviews": Interview, "themes": Theme, "quotes": Quote,
                 "codings": Coding, "relationships": Relationship}


@dataclass(frozen=True)
class StudyInfo:
    """Everything a study carries that is not rows: what both engines answer in ``study_info()``.

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


@dataclass
class Study:
    """A longitudinal qualitative study.

    Build one with :func:`graphstudy.load_study` (a folder, a workbook, a store
    or a REFI-QDA project) rather than by hand.

    Attributes
    ----------
    name, description, source : str
        What the study is, and where it comes from.
    timepoints : list of TimePoint
        The design's time points, ordered.
    roles : tuple of Role
        The stakeholder groups the study declares (:data:`DEFAULT_ROLES` when it declares none).
    relationship_types : tuple of RelationshipType
        The five base types and any the study declares (plain ids are accepted and converted).
    design : dict
        What the study's design says (group sizes, interviews per group and
        time point), so reports can set the data beside it.
    participants, interviews, themes, quotes, codings, relationships : pandas.DataFrame
        One table per kind of record, with the columns of :data:`COLUMNS`.
    memos : list of dict
        Free-text memos carried over from other tools.
    """

    name: str
    timepoints: list[TimePoint]
    participants: pd.DataFrame
    interviews: pd.DataFrame
    themes: pd.DataFrame
    quotes: pd.DataFrame
    codings: pd.DataFrame
    relationships: pd.DataFrame
    description: str = ""
    source: str = ""
    relationship_types: tuple[RelationshipType, ...] = DEFAULT_RELATIONSHIP_TYPES
    design: dict = field(default_factory=dict)
    memos: list = field(default_factory=list)
    roles: tuple[Role, ...] = DEFAULT_ROLES

    def __post_init__(self) -> None:
        if any(not isinstance(t, RelationshipType) for t in self.relationship_types):
            self.relationship_types = relationship_types_from(self.relationship_types)
        self.roles = roles_from(self.roles)

    @property
    def info(self) -> StudyInfo:
        """The study's metadata: name, time points, roles, relationship types, design, memos."""
        return StudyInfo(name=self.name, description=self.description, source=self.source,
                         timepoints=tuple(sorted(self.timepoints)), roles=tuple(self.roles),
                         relationship_types=tuple(self.relationship_types), design=dict(self.design),
                         memos=tuple(self.memos))

    # ---- look-ups -------------------------------------------------------
    @property
    def timepoint_order(self) -> dict[str, int]:
        """``{time point id: order}``."""
        return {tp.id: tp.order for tp in self.timepoints}

    def participant(self, participant_id: str) -> Participant:
        """The participant with this id.

        Raises
        ------
        UnknownParticipant
            When the study has no such participant.
        """
        rows = self.participants[self.participants["id"] == participant_id]
        if rows.empty:
            focal = [r for r in self.roles if r.focal]
            known = ", ".join(sorted(self.participants.loc[self.participants["role"].isin([r.id for r in focal]), "id"])[:10])
            raise UnknownParticipant(
                f"no participant '{participant_id}' in study '{self.name}'"
                + (f" ({' / '.join(r.name for r in focal)}: {known})" if known else "")
            )
        return _record(Participant, rows.iloc[0].to_dict())

    def theme(self, theme_id: str) -> Theme:
        """The theme with this id (raises :class:`UnknownTheme`)."""
        rows = self.themes[self.themes["id"] == theme_id]
        if rows.empty:
            raise UnknownTheme(f"no theme '{theme_id}' in study '{self.name}'")
        return _record(Theme, rows.iloc[0].to_dict())

    def records(self, kind: str) -> Iterator:
        """The rows of one table as typed records (:class:`Participant`, :class:`Quote`, ...).

        Examples
        --------
        >>> from graphstudy import load_study
        >>> next(load_study().records("quotes")).about
        ('Yvonne',)
        """
        cls = _RECORD_TYPES[kind]
        for row in getattr(self, kind).to_dict("records"):
            if kind == "quotes":
                row = dict(row, about=tuple(split_ids(row["about"])))
            yield _record(cls, row)

    def occasions(self) -> list[Occasion]:
        """Every occasion at which someone was interviewed, in order."""
        order = self.timepoint_order
        pairs = self.interviews[["timepoint", "wave"]].drop_duplicates()
        occ = [Occasion(tp, int(w), order.get(tp, 0)) for tp, w in pairs.itertuples(index=False)]
        return sorted(occ, key=lambda o: o.key)

    def coders(self) -> list[str]:
        """The named coders, sorted."""
        return sorted(c for c in self.codings["coder"].unique() if c)

    def counts(self) -> dict:
        """Summary counts: participants, interviews, quotes, codings, themes, coders, and by role.

        Examples
        --------
        >>> from graphstudy import load_study
        >>> load_study().counts()["themes"]
        11
        """
        by_role = self.participants["role"].value_counts().to_dict()
        return {
            "study": self.name,
            "participants": len(self.participants),
            "interviews": len(self.interviews),
            "quotes": len(self.quotes),
            "codings": len(self.codings),
            "themes": len(self.themes),
            "coders": len(self.coders()),
            "relationships": len(self.relationships),
            "timepoints": [tp.id for tp in self.timepoints],
            "participants_by_role": {r.id: int(by_role.get(r.id, 0)) for r in self.roles},
        }

    def to_dict(self) -> dict:
        """The study's metadata (everything but the tables), as :meth:`StudyInfo.to_dict`."""
        return self.info.to_dict()

    def tables(self) -> dict[str, pd.DataFrame]:
        """``{kind: table}`` for the six kinds of record."""
        return {k: getattr(self, k) for k in COLUMNS}
