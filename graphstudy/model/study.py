"""A longitudinal qualitative study: :class:`Study`, six tables and what the study says about itself.

A study does not change once it is loaded: its fields cannot be assigned
(``study.codings = ...`` raises), and :meth:`Study.replace` makes a changed
copy. So an engine built for a study (the embedded graph that
:func:`graphstudy.queries.as_backend` keeps with it) always answers for the
data it holds.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..errors import UnknownParticipant, UnknownTheme
from ..vocabulary import DEFAULT_RELATIONSHIP_TYPES, DEFAULT_ROLES, RelationshipType, Role, relationship_types_from, roles_from
from .info import StudyInfo
from .records import COLUMNS, RECORD_TYPES, Occasion, Participant, Theme, TimePoint, record, split_ids

__all__ = ["Study"]


@dataclass(frozen=True, eq=False)
class Study:
    """A longitudinal qualitative study.

    Build one with :func:`graphstudy.load_study` (a folder, a workbook, a store
    or a REFI-QDA project) rather than by hand. A study is **immutable**: its
    fields cannot be assigned; :meth:`replace` returns a changed copy. Two
    studies are equal only when they are the same object (so a study can key
    a cache). Its tables are pandas DataFrames, which pandas cannot make
    read-only: **do not edit them in place** (``study.quotes.loc[0, "text"] = ...``);
    make a changed copy with ``study.replace(quotes=...)`` instead.

    Attributes
    ----------
    name, description, source : str
        What the study is, and where it comes from.
    timepoints : tuple of TimePoint
        The design's time points, ordered (a list is accepted and sorted).
    roles : tuple of Role
        The stakeholder groups the study declares (:data:`DEFAULT_ROLES` when it declares none).
    relationship_types : tuple of RelationshipType
        The five base types and any the study declares (plain ids are accepted and converted).
    design : dict
        What the study's design says (group sizes, interviews per group and
        time point), so reports can set the data beside it.
    participants, interviews, themes, quotes, codings, relationships : pandas.DataFrame
        One table per kind of record, with the columns of :data:`COLUMNS`.
    memos : tuple of dict
        Free-text memos carried over from other tools.

    Examples
    --------
    >>> from graphstudy import load_study
    >>> study = load_study()
    >>> study.codings = study.codings.iloc[0:0]
    Traceback (most recent call last):
    ...
    dataclasses.FrozenInstanceError: a study does not change once loaded: 'codings' cannot be assigned; make a changed copy with study.replace(codings=...)
    >>> len(study.replace(codings=study.codings.iloc[0:0]).codings), len(study.codings)
    (0, 42)
    """

    name: str
    timepoints: tuple[TimePoint, ...]
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
    memos: tuple = ()
    roles: tuple[Role, ...] = DEFAULT_ROLES

    def __post_init__(self) -> None:
        fix = object.__setattr__  # the study is frozen; these only normalise what the constructor was given
        fix(self, "timepoints", tuple(sorted(self.timepoints)))
        fix(self, "memos", tuple(self.memos))
        if any(not isinstance(t, RelationshipType) for t in self.relationship_types):
            fix(self, "relationship_types", relationship_types_from(self.relationship_types))
        fix(self, "roles", roles_from(self.roles))

    def replace(self, **changes: Any) -> Study:
        """A copy of the study with some fields changed (the study itself stays as it was).

        Examples
        --------
        >>> from graphstudy import load_study
        >>> s = load_study()
        >>> other = s.replace(name="a copy", codings=s.codings[s.codings["theme_id"] != "asset"])
        >>> other.name, len(other.codings) < len(s.codings), other.quotes is s.quotes
        ('a copy', True, True)
        """
        return dataclasses.replace(self, **changes)

    @property
    def info(self) -> StudyInfo:
        """The study's metadata: name, time points, roles, relationship types, design, memos."""
        return StudyInfo(name=self.name, description=self.description, source=self.source,
                         timepoints=tuple(self.timepoints), roles=tuple(self.roles),
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
        return record(Participant, {str(k): v for k, v in rows.iloc[0].items()})

    def theme(self, theme_id: str) -> Theme:
        """The theme with this id (raises :class:`UnknownTheme`)."""
        rows = self.themes[self.themes["id"] == theme_id]
        if rows.empty:
            raise UnknownTheme(f"no theme '{theme_id}' in study '{self.name}'")
        return record(Theme, {str(k): v for k, v in rows.iloc[0].items()})

    def records(self, kind: str) -> Iterator:
        """The rows of one table as typed records (:class:`Participant`, :class:`Quote`, ...).

        Examples
        --------
        >>> from graphstudy import load_study
        >>> next(load_study().records("quotes")).about
        ('Yvonne',)
        """
        cls = RECORD_TYPES[kind]
        for row in getattr(self, kind).to_dict("records"):
            yield record(cls, dict(row, about=tuple(split_ids(row["about"]))) if kind == "quotes" else row)

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


def _refuse(self: Study, name: str, value: Any = None) -> None:
    what = f"'{name}' cannot be assigned" if name in {f.name for f in dataclasses.fields(Study)} else f"it has no '{name}' to set"
    hint = f"; make a changed copy with study.replace({name}=...)" if "cannot be assigned" in what else ""
    raise dataclasses.FrozenInstanceError(f"a study does not change once loaded: {what}{hint}")


def _refuse_delete(self: Study, name: str) -> None:
    raise dataclasses.FrozenInstanceError(f"a study does not change once loaded: '{name}' cannot be deleted")


# The dataclass's own refusal says only "cannot assign to field 'codings'"; say what to do instead.
Study.__setattr__ = _refuse  # type: ignore[method-assign,assignment]
Study.__delattr__ = _refuse_delete  # type: ignore[method-assign,assignment]
