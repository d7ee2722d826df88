"""The study model: participants, interviews at occasions, quotes, themes, codings
and the relationships between people.

A :class:`Study` keeps each kind of record as a pandas DataFrame with fixed
columns (so a study of a million quotes loads and queries quickly) and hands out
plain typed records (:class:`Participant`, :class:`Interview`, ...) when asked
for one. It does not change once loaded (:meth:`Study.replace` makes a changed
copy). Its metadata, everything that is not rows, is a :class:`StudyInfo`.

* :mod:`.records`: the tables' columns and the record types;
* :mod:`.info`: :class:`StudyInfo`;
* :mod:`.study`: :class:`Study`.

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

from ..vocabulary import (
    BASE_RELATIONSHIP_TYPES,
    DEFAULT_ROLES,
    STANCES,
    RelationshipType,
    Role,
)
from .info import StudyInfo
from .records import (
    COLUMNS,
    RECORD_TYPES,
    Coding,
    Interview,
    Occasion,
    Participant,
    Quote,
    Relationship,
    Theme,
    TimePoint,
    empty_table,
    occasion_id,
    record,
    split_ids,
)
from .study import Study

__all__ = [
    "BASE_RELATIONSHIP_TYPES",
    "COLUMNS",
    "DEFAULT_ROLES",
    "RECORD_TYPES",
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
    "occasion_id",
    "record",
    "split_ids",
]

ROLES = tuple(r.id for r in DEFAULT_ROLES)
"""The role ids of the default vocabulary (a study that declares no ``[[roles]]``)."""
