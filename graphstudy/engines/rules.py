"""Coding rules and time resolution, applied once under every analysis: :func:`with_rules`.

A study coded by more than one coder, or interviewed in several waves within a
time point, can be read in more than one way. Rather than each question
taking options of its own, :func:`with_rules` wraps any engine in a
:class:`RulesBackend` that answers the same look-ups with the rule applied,
so shifts, trajectories, dyads, themes, every report and every view run
unchanged on top (on the embedded engine or Neo4j alike):

=============  ==================================================================================
option         what the wrapped engine answers
=============  ==================================================================================
coders         only the codings of these coders (None: every coder, unnamed ones included)
min_coders     a quote counts as coded to a code when at least this many distinct coders (among
               those kept) coded it so; a coding without a coder name counts as one coder.
               1 (any coder) is the default. The rule applies to codes as coded, before any
               roll-up to themes
per            ``occasion`` (default): each wave is an occasion of its own. ``timepoint``: a
               person's waves within a time point are read as one occasion (wave 0, so the
               occasion's id is the time point's; counts of distinct quotes add up over the
               waves), and a relationship holds at a time point when it holds at any of its waves
=============  ==================================================================================

The rules change ``codings_of`` and ``all_codings`` (coders, min_coders,
per), ``interviews_of`` and ``all_interviews`` (per) and ``linked_people`` and
``relationships`` (per: a span's occasion ids read as their time points). ``all_codings`` keeps
one row per coder for the codings kept. Everything else (the tables, the
study's metadata) is the engine's own.

Examples
--------
>>> from graphstudy import load_study
>>> from graphstudy.engines.embedded import EmbeddedBackend
>>> engine = EmbeddedBackend(load_study())
>>> sorted(set(with_rules(engine, per="timepoint").interviews_of(["Sue"])["wave"]))
[0]
>>> with_rules(engine, coders=["zed"])  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
graphstudy.errors.GraphStudyError: no coder 'zed' in study 'Peer support workers in Hong Kong: ...' (its codings name no coder)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import pandas as pd

from ..errors import GraphStudyError
from ..model import Study, StudyInfo
from .base import Backend, sort_lookup

__all__ = ["PER", "RulesBackend", "with_rules"]

PER = ("occasion", "timepoint")
"""The time resolutions: each wave its own occasion, or a person's waves within a time point read as one."""


class RulesBackend(Backend):
    """An engine's look-ups with a coding rule and a time resolution applied (see the module).

    Build it with :func:`with_rules`, which checks the options against the study.

    Attributes
    ----------
    inner : Backend
        The engine that answers.
    coders_kept : tuple of str or None
        The coders kept (None: every coder).
    min_coders : int
    per : str
        One of :data:`PER`.
    """

    def __init__(self, inner: Backend, coders: tuple[str, ...] | None = None, min_coders: int = 1,
                 per: str = "occasion", known_coders: list[str] | None = None) -> None:
        self.inner = inner
        self.name = inner.name
        self.study_name = inner.study_name
        self.coders_kept = coders
        self.min_coders = min_coders
        self.per = per
        self._known = known_coders

    @property
    def known_coders(self) -> list[str]:
        """The study's named coders, whatever the rule keeps (one ``coders`` look-up, the first time)."""
        if self._known is None:
            self._known = self.inner.coders()
        return list(self._known)

    # ---- what the rules do ------------------------------------------------
    @property
    def filters_codings(self) -> bool:
        """Whether any coding is dropped by the coder rule."""
        return self.coders_kept is not None or self.min_coders > 1

    def _codings(self, name: str, frame: pd.DataFrame) -> pd.DataFrame:
        if self.coders_kept is not None:
            frame = frame[frame["coder"].isin(self.coders_kept)]
        if self.min_coders > 1 and len(frame):
            n = frame.groupby(["quote_id", "theme_id"])["coder"].transform("nunique")
            frame = frame[n >= self.min_coders]
        return self._waves(name, frame) if self.per == "timepoint" else frame.reset_index(drop=True)

    def _waves(self, name: str, frame: pd.DataFrame) -> pd.DataFrame:
        if self.per != "timepoint":
            return frame
        return sort_lookup(name, frame.assign(wave=0))

    def _spans(self, name: str, links: pd.DataFrame) -> pd.DataFrame:
        if self.per != "timepoint" or links.empty:
            return links
        tps = {tp.id for tp in self.study_info().timepoints}
        return sort_lookup(name, links.assign(start=[self._span(v, tps) for v in links["start"]],
                                              end=[self._span(v, tps) for v in links["end"]]))

    def _span(self, value: str, timepoints: set[str]) -> str:
        if not value or value in timepoints:
            return value
        m = re.fullmatch(r"(.+)_(\d+)", value)
        return m[1] if m and m[1] in timepoints else value

    def describe(self) -> str:
        """The rule in words, as the CLI prints it on stderr (see :func:`coding_rule_line`)."""
        return coding_rule_line(self.known_coders, self.coders_kept, self.min_coders, self.per)

    # ---- the look-ups, forwarded -------------------------------------------
    def study_info(self) -> StudyInfo:
        return self.inner.study_info()

    def table(self, kind: str) -> pd.DataFrame:
        return self.inner.table(kind)

    def whole_study(self) -> Study:
        return self.inner.whole_study()

    def participants(self, ids: list[str] | None = None) -> pd.DataFrame:
        return self.inner.participants(ids)

    def relationships(self) -> pd.DataFrame:
        return self._spans("relationships", self.inner.relationships())

    def quotes(self, ids: list[str]) -> pd.DataFrame:
        return self.inner.quotes(ids)

    def linked_people(self, focal: str, role: str | None = None) -> pd.DataFrame:
        return self._spans("linked_people", self.inner.linked_people(focal, role))

    def interviews_of(self, participants: list[str]) -> pd.DataFrame:
        return self._waves("interviews_of", self.inner.interviews_of(participants))

    def codings_of(self, participants: list[str], about: str | None = None) -> pd.DataFrame:
        return self._codings("codings_of", self.inner.codings_of(participants, about=about))

    def theme_tree(self) -> pd.DataFrame:
        return self.inner.theme_tree()

    def all_interviews(self) -> pd.DataFrame:
        return self._waves("all_interviews", self.inner.all_interviews())

    def all_codings(self) -> pd.DataFrame:
        return self._codings("all_codings", self.inner.all_codings())

    def coders(self) -> list[str]:
        return list(self.coders_kept) if self.coders_kept is not None else self.inner.coders()

    def counts(self) -> dict[str, Any]:
        return self.inner.counts()

    def close(self) -> None:
        self.inner.close()


def coding_rule_line(known: list[str], coders: Iterable[str] | None = None, min_coders: int = 1,
                     per: str = "occasion") -> str:
    """One line saying which coding rule (and time resolution) an analysis used.

    Examples
    --------
    >>> coding_rule_line(["ann", "ben"])
    'coding rule: any of 2 coders (ann, ben); a quote counts for a theme when at least 1 of them coded it so (--coder, --min-coders)'
    >>> coding_rule_line(["ann", "ben"], ["ben"], per="timepoint")[:95]
    'coding rule: 1 of 2 coders (ben; not ann); a quote counts for a theme when at least 1 of them c'
    >>> coding_rule_line(["ann", "ben"], per="timepoint").endswith("; waves within a time point read as one (--per)")
    True
    """
    chosen = None if coders is None else set(coders)
    kept = list(known) if chosen is None else [c for c in known if c in chosen]
    if coders is None:
        who = f"any of {len(known)} coders ({', '.join(known)})"
    else:
        left = [c for c in known if c not in kept]
        who = f"{len(kept)} of {len(known)} coders ({', '.join(kept)}" + (f"; not {', '.join(left)})" if left else ")")
    line = (f"coding rule: {who}; a quote counts for a theme when at least {min_coders} of them coded it so "
            "(--coder, --min-coders)")
    return line + ("; waves within a time point read as one (--per)" if per == "timepoint" else "")


def with_rules(source: Backend | Study, *, coders: Iterable[str] | None = None, min_coders: int = 1,
               per: str = "occasion") -> RulesBackend:
    """An engine that answers with a coding rule and a time resolution applied (see the module's table).

    Parameters
    ----------
    source : Backend or Study
        Any engine (a study is answered by the embedded engine).
    coders : iterable of str, optional
        Only these coders' codings; every coder when None.
    min_coders : int
        A quote counts as coded to a code when at least this many of the kept coders coded it so.
    per : {"occasion", "timepoint"}
        One of :data:`PER`.

    Returns
    -------
    RulesBackend

    Raises
    ------
    GraphStudyError
        An unknown coder (naming the study's coders), ``min_coders`` below 1
        or above the number of coders kept, or an unknown ``per``.

    Notes
    -----
    Checking ``coders`` or ``min_coders`` above 1 asks the engine for the
    study's coders once (:meth:`~graphstudy.engines.base.Backend.coders`); the
    rules cost one pass over each look-up's rows (a group-by for ``min_coders``).
    """
    if isinstance(source, Study):
        from .embedded import EmbeddedBackend

        source = EmbeddedBackend(source)
    if per not in PER:
        raise GraphStudyError(f"per must be one of {', '.join(PER)}; got '{per}'")
    if int(min_coders) < 1:
        raise GraphStudyError(f"min_coders must be at least 1; got {min_coders}")
    kept = None if coders is None else tuple(dict.fromkeys(str(c) for c in coders))
    known: list[str] = source.coders() if kept is not None or int(min_coders) > 1 else []
    if kept is not None:
        unknown = [c for c in kept if c not in known]
        if unknown:
            listed = f"its coders: {', '.join(known)}" if known else "its codings name no coder"
            raise GraphStudyError(f"no coder {', '.join(repr(c) for c in unknown)} in study '{source.study_name}' ({listed})")
    available = len(kept) if kept is not None else max(len(known), 1)
    if int(min_coders) > available:
        which = f"the {available} kept ({', '.join(kept)})" if kept is not None else (
            f"the study's {available} ({', '.join(known)})" if known else "the study's codings, which name no coder")
        raise GraphStudyError(f"at least {min_coders} coders must agree, but there are only {which}")
    return RulesBackend(source, kept, int(min_coders), per, known or None)
