"""The seam between the questions and the engines that answer them.

A :class:`Backend` answers a small set of graph look-ups, each returning a
DataFrame with fixed columns: who is linked to a PSW, who was interviewed
when, which quotes were coded as which theme. The questions in
:mod:`graphstudy.queries` are written once on top of these, so the embedded
NetworkX engine and Neo4j (where every look-up is a ``.cypher`` file in
``cypher/``) answer them identically; ``tests/test_parity.py`` proves it.
"""

from __future__ import annotations

from abc import ABC, abstractmethod

import pandas as pd

__all__ = ["LOOKUP_COLUMNS", "Backend", "sort_lookup"]

LOOKUP_COLUMNS: dict[str, list[str]] = {
    "participants": ["id", "role", "subrole", "gender", "age_band", "diagnosis", "agency", "setting"],
    "relationships": ["source_id", "type", "target_id"],
    "quotes": ["id", "interview_id", "participant", "text", "about", "stance", "citation"],
    "linked_people": ["participant", "role", "relationship"],
    "interviews_of": ["participant", "interview_id", "timepoint", "wave", "order"],
    "codings_of": ["participant", "interview_id", "timepoint", "wave", "order", "quote_id", "stance", "theme_id"],
    "theme_tree": ["id", "name", "parent_id", "position"],
    "all_interviews": ["participant", "role", "interview_id", "timepoint", "wave", "order", "date"],
    "all_codings": ["participant", "role", "interview_id", "timepoint", "wave", "order", "quote_id", "theme_id", "coder"],
}
"""The columns each look-up returns, in this order."""


def sort_lookup(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Put a look-up's rows in its canonical order (all columns, ascending)."""
    cols = LOOKUP_COLUMNS[name]
    frame = frame.reindex(columns=cols)
    if "wave" in frame:
        frame["wave"] = frame["wave"].astype("int64")
    if "order" in frame:
        frame["order"] = frame["order"].astype("int64")
    if "position" in frame:
        frame["position"] = frame["position"].astype("int64")
    for c in cols:
        if c not in ("wave", "order", "position"):
            frame[c] = frame[c].fillna("").astype(object)
    return frame.sort_values(cols, kind="stable").reset_index(drop=True)


class Backend(ABC):
    """What an engine must answer. Every method returns rows in canonical order.

    Study keys: one backend object answers for one study (``study_name``).
    """

    name: str = "abstract"
    study_name: str

    @abstractmethod
    def participants(self, ids: list[str] | None = None) -> pd.DataFrame:
        """``id, role, subrole, gender, age_band, diagnosis, agency, setting`` of the given participants (all when None)."""

    @abstractmethod
    def relationships(self) -> pd.DataFrame:
        """``source_id, type, target_id`` of every relationship between people."""

    @abstractmethod
    def quotes(self, ids: list[str]) -> pd.DataFrame:
        """``id, interview_id, participant, text, about, stance, citation`` of the given quotes
        (``about``: the PSW ids, sorted, ``;``-separated)."""

    @abstractmethod
    def linked_people(self, psw: str, role: str | None = None) -> pd.DataFrame:
        """``participant, role, relationship``: everyone with a relationship to ``psw``
        (of that role only, when given), one row per relationship type."""

    @abstractmethod
    def interviews_of(self, participants: list[str]) -> pd.DataFrame:
        """``participant, interview_id, timepoint, wave, order`` for each interview they gave."""

    @abstractmethod
    def codings_of(self, participants: list[str], about: str | None = None) -> pd.DataFrame:
        """``participant, interview_id, timepoint, wave, order, quote_id, stance, theme_id``:
        their quotes (only those about ``about``, when given), one row per theme
        the quote is coded as (each theme once, whatever the number of coders)."""

    @abstractmethod
    def theme_tree(self) -> pd.DataFrame:
        """``id, name, parent_id, position``: the theme tree, ``position`` the theme's place in the codebook."""

    @abstractmethod
    def all_interviews(self) -> pd.DataFrame:
        """``participant, role, interview_id, timepoint, wave, order, date`` for every interview (date ``""`` when unknown)."""

    @abstractmethod
    def all_codings(self) -> pd.DataFrame:
        """``participant, role, interview_id, timepoint, wave, order, quote_id, theme_id, coder``
        for every coding (one row per coder)."""

    @abstractmethod
    def counts(self) -> dict:
        """Node and relationship counts by kind, e.g. ``{"Participant": 34, ..., "CODED_AS": 60}``."""

    def close(self) -> None:
        """Release connections (nothing to do for the embedded engine)."""

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()
