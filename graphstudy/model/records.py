"""The records of a study: the columns of its six tables and one typed record per row.

A :class:`~graphstudy.model.study.Study` keeps each kind of record as a pandas
DataFrame with the columns of :data:`COLUMNS`; :class:`Participant`,
:class:`Interview`, :class:`Quote`, :class:`Theme`, :class:`Coding` and
:class:`Relationship` are one row of each, and :class:`TimePoint` /
:class:`Occasion` say when an interview took place.

Examples
--------
>>> Interview("Sue_T3_1", "Sue", "T3", 1).occasion
'T3_1'
>>> sorted([Occasion("T3", 1, 3), Occasion("T2", 0, 2)])[0].id
'T2'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any, TypeVar

import pandas as pd

__all__ = [
    "COLUMNS",
    "RECORD_TYPES",
    "Coding",
    "Interview",
    "Occasion",
    "Participant",
    "Quote",
    "Relationship",
    "Theme",
    "TimePoint",
    "empty_table",
    "occasion_id",
    "record",
    "split_ids",
]

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


RECORD_TYPES: dict[str, type] = {"participants": Participant, "interviews": Interview, "themes": Theme, "quotes": Quote,
                                 "codings": Coding, "relationships": Relationship}
"""The record type of each table."""

R = TypeVar("R")


def record(cls: type[R], row: Mapping[str, Any]) -> R:
    """A record of type ``cls`` from a table row (columns it does not have are ignored).

    Examples
    --------
    >>> record(Coding, {"quote_id": "q1", "theme_id": "hope", "coder": "", "note": "", "extra": 1})
    Coding(quote_id='q1', theme_id='hope', coder='', note='')
    """
    names = [f.name for f in fields(cls)]  # type: ignore[arg-type]
    return cls(**{k: row[k] for k in names if k in row})
