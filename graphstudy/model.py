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

from collections.abc import Iterator
from dataclasses import dataclass, field

import pandas as pd

from .errors import UnknownParticipant, UnknownTheme

__all__ = [
    "BASE_RELATIONSHIP_TYPES",
    "COLUMNS",
    "ROLES",
    "STANCES",
    "Coding",
    "Interview",
    "Occasion",
    "Participant",
    "Quote",
    "Relationship",
    "Study",
    "Theme",
    "TimePoint",
    "empty_table",
    "split_ids",
]

ROLES = ("psw", "service_user", "co_worker", "family")
"""Participant roles, as a researcher names the stakeholder groups."""

STANCES = ("positive", "negative", "mixed", "neutral")
"""Optional stance of a quote towards the PSW it concerns."""

BASE_RELATIONSHIP_TYPES = ("SUPERVISES", "MENTORS", "SERVED_BY", "FAMILY_OF", "COLLEAGUE_OF")
"""Relationship types every study has; a study may declare more in study.toml."""

COLUMNS: dict[str, list[str]] = {
    "participants": ["id", "role", "subrole", "gender", "age_band", "diagnosis", "agency", "setting", "note"],
    "interviews": ["id", "participant_id", "timepoint", "wave", "date", "note"],
    "themes": ["id", "name", "parent_id", "description", "color", "note"],
    "quotes": ["id", "interview_id", "text", "about", "stance", "citation", "note"],
    "codings": ["quote_id", "theme_id", "coder", "note"],
    "relationships": ["source_id", "type", "target_id", "note"],
}
"""The columns of each table. ``wave`` is an integer (0 = no wave); all others are text."""


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
    """``source --type--> target``: always from the co-worker, service user or family member to the PSW."""

    source_id: str
    type: str
    target_id: str
    note: str = ""


def _record(cls, row: dict):
    names = cls.__dataclass_fields__.keys()
    return cls(**{k: row[k] for k in names if k in row})


_RECORD_TYPES = {"participants": Participant, "interviews": Interview, "themes": Theme, "quotes": Quote,
                 "codings": Coding, "relationships": Relationship}


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
    relationship_types : tuple of str
        The five base types and any the study declares.
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
    relationship_types: tuple[str, ...] = BASE_RELATIONSHIP_TYPES
    design: dict = field(default_factory=dict)
    memos: list = field(default_factory=list)

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
            known = ", ".join(sorted(self.participants.loc[self.participants["role"] == "psw", "id"])[:10])
            raise UnknownParticipant(
                f"no participant '{participant_id}' in study '{self.name}'"
                + (f" (PSWs: {known})" if known else "")
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
            "participants_by_role": {r: int(by_role.get(r, 0)) for r in ROLES},
        }

    def to_dict(self) -> dict:
        """The study's metadata (everything but the tables)."""
        return {
            "name": self.name,
            "description": self.description,
            "source": self.source,
            "timepoints": [{"id": t.id, "label": t.label, "order": t.order} for t in self.timepoints],
            "relationship_types": list(self.relationship_types),
            "design": self.design,
            "memos": self.memos,
        }

    def tables(self) -> dict[str, pd.DataFrame]:
        """``{kind: table}`` for the six kinds of record."""
        return {k: getattr(self, k) for k in COLUMNS}
