"""The seam between the questions and the engines that answer them.

A :class:`Backend` answers a small set of graph look-ups, each returning a
DataFrame with fixed columns: who is linked to a person (a PSW, a patient: whoever
the study puts at the centre of its dyads), who was interviewed
when, which quotes were coded as which theme. The questions in
:mod:`graphstudy.queries` are written once on top of these, so the embedded
NetworkX engine and Neo4j (where every look-up is a ``.cypher`` file in
``cypher/``) answer them identically; ``tests/test_parity.py`` proves it.

Besides the look-ups, every engine answers for the whole study: its metadata
(:meth:`Backend.study_info`: name, time points and their labels, roles,
relationship types, design, memos) and every column of every table
(:meth:`Backend.table`), so a study can be rebuilt from any engine with
nothing lost (:meth:`Backend.whole_study`).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

import pandas as pd

from ..errors import BackendError
from ..model import COLUMNS, StudyInfo

if TYPE_CHECKING:
    from ..model import Study

__all__ = ["LOOKUP_COLUMNS", "TABLES", "Backend", "StudyNotLoaded", "canonical_table", "sort_lookup"]

LOOKUP_COLUMNS: dict[str, list[str]] = {
    "participants": ["id", "role", "subrole", "gender", "age_band", "diagnosis", "agency", "setting"],
    "relationships": ["source_id", "type", "target_id", "start", "end"],
    "quotes": ["id", "interview_id", "participant", "text", "about", "stance", "citation"],
    "linked_people": ["participant", "role", "relationship", "start", "end"],
    "interviews_of": ["participant", "interview_id", "timepoint", "wave", "order"],
    "codings_of": ["participant", "interview_id", "timepoint", "wave", "order", "quote_id", "stance", "about", "theme_id",
                   "coder"],
    "theme_tree": ["id", "name", "parent_id", "position"],
    "all_interviews": ["participant", "role", "interview_id", "timepoint", "wave", "order", "date"],
    "all_codings": ["participant", "role", "interview_id", "timepoint", "wave", "order", "quote_id", "theme_id", "coder"],
}
"""The columns each look-up returns, in this order."""

TABLES: tuple[str, ...] = tuple(COLUMNS)
"""The kinds of table :meth:`Backend.table` returns: participants, interviews, themes, quotes, codings, relationships."""

_INTEGER = ("wave", "order", "position")


class StudyNotLoaded(BackendError):
    """The engine holds no study of this name (``loaded``: the names it does hold; ``where``: which database)."""

    def __init__(self, message: str, study: str = "", loaded: tuple[str, ...] = (), where: str = ""):
        super().__init__(message)
        self.study = study
        self.loaded = loaded
        self.where = where


def sort_lookup(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Put a look-up's rows in its canonical order (all columns, ascending)."""
    cols = LOOKUP_COLUMNS[name]
    frame = frame.reindex(columns=cols)
    for c in cols:
        if c in _INTEGER:
            frame[c] = frame[c].astype("int64")
        else:
            frame[c] = frame[c].fillna("").astype(object)
    return frame.sort_values(cols, kind="stable").reset_index(drop=True)


def canonical_table(kind: str, frame: pd.DataFrame) -> pd.DataFrame:
    """One of a study's tables as every engine returns it from :meth:`Backend.table`.

    Exactly the columns of :data:`graphstudy.model.COLUMNS` for ``kind``, in
    that order; ``wave`` as int64 and every other column as text (object dtype,
    ``""`` where blank); rows in the study's own order (the order it was
    loaded in), numbered from 0.

    Examples
    --------
    >>> import pandas as pd
    >>> t = canonical_table("codings", pd.DataFrame({"theme_id": ["hope"], "quote_id": ["q1"]}))
    >>> t.to_dict("records"), list(t.dtypes.astype(str))
    ([{'quote_id': 'q1', 'theme_id': 'hope', 'coder': '', 'note': ''}], ['object', 'object', 'object', 'object'])
    """
    if kind not in COLUMNS:
        raise BackendError(f"no table '{kind}'; the tables are {', '.join(COLUMNS)}")
    cols = COLUMNS[kind]
    out = frame.reindex(columns=cols).reset_index(drop=True)
    for c in cols:
        if c == "wave":
            out[c] = out[c].fillna(0).astype("int64")
        else:
            out[c] = out[c].astype(object).where(out[c].notna(), "").astype(str).astype(object)
    return out


class Backend(ABC):
    """What an engine must answer. Every look-up returns rows in canonical order.

    Study keys: one backend object answers for one study (``study_name``).
    A backend is a context manager: ``with open_engine(study) as b: ...``
    closes its connections at the end (see :func:`graphstudy.engines.open_engine`).
    """

    name: str = "abstract"
    study_name: str

    # ---- the study as a whole ----------------------------------------------
    @abstractmethod
    def study_info(self) -> StudyInfo:
        """Everything the study carries that is not rows: name, description, source, time points
        (labels, order), roles, relationship types, design, memos."""

    @abstractmethod
    def table(self, kind: str) -> pd.DataFrame:
        """Every row and column of one of the study's tables (``kind`` one of :data:`TABLES`),
        as :func:`canonical_table` lays it out: nothing the study was loaded with is left out."""

    def whole_study(self) -> Study:
        """The whole study, rebuilt from :meth:`study_info` and every :meth:`table`
        (see :func:`graphstudy.engines.whole.whole_study`)."""
        from .whole import whole_study

        return whole_study(self)

    # ---- the look-ups ------------------------------------------------------
    @abstractmethod
    def participants(self, ids: list[str] | None = None) -> pd.DataFrame:
        """``id, role, subrole, gender, age_band, diagnosis, agency, setting`` of the given participants (all when None)."""

    @abstractmethod
    def relationships(self) -> pd.DataFrame:
        """``source_id, type, target_id, start, end`` of every relationship between people (``start``/``end``:
        the time point or occasion it holds from and until, ``""`` open)."""

    @abstractmethod
    def quotes(self, ids: list[str]) -> pd.DataFrame:
        """``id, interview_id, participant, text, about, stance, citation`` of the given quotes
        (``about``: the ids of the people the quote is about, sorted, ``;``-separated; ``""``: no one)."""

    @abstractmethod
    def linked_people(self, focal: str, role: str | None = None) -> pd.DataFrame:
        """``participant, role, relationship, start, end``: everyone with a relationship to or
        from ``focal`` (of that role only, when given), one row per relationship; ``start`` and
        ``end`` are the time point or occasion ids it holds from and until (``""``: open)."""

    @abstractmethod
    def interviews_of(self, participants: list[str]) -> pd.DataFrame:
        """``participant, interview_id, timepoint, wave, order`` for each interview they gave."""

    @abstractmethod
    def codings_of(self, participants: list[str], about: str | None = None) -> pd.DataFrame:
        """``participant, interview_id, timepoint, wave, order, quote_id, stance, about, theme_id, coder``:
        their quotes (only those about ``about``, when given), one row per theme
        the quote is coded as and coder who coded it so (``coder`` ``""`` when the coding names none);
        the column ``about`` names the people each quote is about, as :meth:`quotes` does (sorted, ``;``)."""

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

    def coders(self) -> list[str]:
        """The named coders of the study's codings, sorted (an engine may answer it more cheaply than this)."""
        return sorted({str(c) for c in self.all_codings()["coder"] if c})

    @abstractmethod
    def counts(self) -> dict[str, Any]:
        """Node and relationship counts by kind, e.g. ``{"Participant": 34, ..., "CODED_AS": 60}``."""

    # ---- connections -------------------------------------------------------
    def close(self) -> None:  # noqa: B027 (optional: an engine without connections has nothing to release)
        """Release connections (nothing to do for the embedded engine). Closing twice is harmless."""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()
