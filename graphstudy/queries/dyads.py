"""Dyads: what two people who have a relationship say about each other, occasion by occasion.

A dyad is two participants joined by at least one relationship, either way
round (a service user SERVED_BY a PSW, a carer CARES_FOR a patient, a
clinician TREATS a patient). Only their quotes about each other count: A's
quotes whose ``about`` names B, and B's whose ``about`` names A. A quote about
no one in particular counts in its speaker's trajectory and themes, in no dyad.

**When a dyad holds.** A relationship's span is ``start`` to ``end``
inclusive, each a time point (a start: from its first wave; an end: to its
last) or an occasion (that wave); blank is open. A dyad's occasions are those
at which (one of) the people was interviewed *and* one of their relationships
held. Quotes at other occasions are not part of the dyad (they still count in
the person's trajectory and in themes).

**Two-sided dyads** (:func:`dyad`, ``graphstudy dyad A B``): per occasion and
theme that A voiced about B or B voiced about A there, one row, read by these
rules (``a_count``, ``b_count``: each side's distinct quotes; a side's stance is
:func:`~graphstudy.queries.stance_of` of its quotes):

=========  =========================  ==============================================================
column     value                      rule
=========  =========================  ==============================================================
voiced     both                       a_count > 0 and b_count > 0
voiced     only a / only b            only that side voiced the theme (about the other) there
voiced     neither                    neither voiced anything about the other at the occasion: one
                                      row with an empty theme (state and trend empty)
stances    agree                      both voiced, both stances given and equal
stances    differ                     both voiced, both stances given and different
stances    (empty)                    otherwise
state      overlap                    both voiced and the stances do not differ
state      contrast                   only one voiced while the other *was* interviewed there, or
                                      both voiced with differing stances
state      (empty)                    the silent side was not interviewed at that occasion: nothing
                                      to compare, never read as absence
trend      converges                  contrast at the theme's previous compared occasion (the last
                                      one with a non-empty state), overlap now
trend      diverges                   overlap then, contrast now
trend      steady                     the same state as then
trend      (empty)                    the theme's first compared occasion, or no state now
=========  =========================  ==============================================================

**Across occasions** (:func:`dyad_summary`, ``graphstudy dyad A B --summary``),
one row per theme voiced in the dyad, from its first and last compared
occasions (those with a non-empty state):

===============  ================================================================
accounts         rule
===============  ================================================================
converge         first compared occasion contrast, last overlap
diverge          first overlap, last contrast
steady overlap   two or more compared occasions, the first and last both overlap
steady contrast  two or more compared occasions, the first and last both contrast
one occasion     one compared occasion
not compared     none (the other side was never interviewed when it was voiced)
===============  ================================================================

**One side** (:func:`dyad_links`): one person's theme links about the other,
occasion by occasion, and how each changed (first, emerged, ceased,
increased, decreased, constant; the module table of
:mod:`graphstudy.queries`): what the focal-person views draw.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..frames import each
from .common import (
    Codebook,
    Source,
    as_backend,
    link_steps,
    occasion_cells,
    occasion_counts,
    person_occasions,
    theme_levels,
    with_occasion,
)
from .people import check_participant, relationships_between, within_spans

__all__ = ["ACCOUNTS", "DYAD_COLUMNS", "DYAD_LINK_COLUMNS", "DYAD_SUMMARY_COLUMNS", "dyad", "dyad_links", "dyad_summary"]

DYAD_COLUMNS = ["occasion", "theme", "theme_name", "a", "b", "a_interviewed", "b_interviewed", "a_count", "b_count",
                "a_stance", "b_stance", "voiced", "stances", "state", "trend", "a_evidence", "b_evidence"]
"""The columns of :func:`dyad`, in order."""

DYAD_SUMMARY_COLUMNS = ["theme", "theme_name", "occasions", "first_state", "last_state", "accounts", "a_total", "b_total"]
"""The columns of :func:`dyad_summary`, in order."""

DYAD_LINK_COLUMNS = ["participant", "focal", "relationship", "occasion", "theme", "theme_name", "count", "stance",
                     "change", "evidence"]
"""The columns of :func:`dyad_links`, in order."""

ACCOUNTS = ("converge", "diverge", "steady overlap", "steady contrast", "one occasion", "not compared")
"""Every value of ``accounts`` in :func:`dyad_summary`, in the order of the module's table."""


class _Dyad:
    """Both sides of one dyad, gathered once: occasions, who was interviewed where, the counts of each side."""

    def __init__(self, source: Source, a: str, b: str, level: str) -> None:
        backend = as_backend(source)
        people = backend.participants(sorted({a, b}))
        check_participant(people, a, backend.study_name)
        check_participant(people, b, backend.study_name)
        links = relationships_between(backend, a, b)
        self.relationship = ";".join(sorted(set(links["relationship"])))
        self.book: Codebook = theme_levels(backend, level)
        order = backend.study_info().timepoint_order
        spans = list(each(links, "start", "end"))
        iv = backend.interviews_of(sorted({a, b}))
        iv = with_occasion(iv[within_spans(iv, spans, order)])
        self.interviewed = {p: set(o) for p, o in person_occasions(iv).items()}
        keys = {str(o): (int(k), int(w)) for o, k, w in each(iv, "occasion", "order", "wave")}
        self.occasions = sorted(keys, key=lambda o: keys[o])
        cod = pd.concat([backend.codings_of([a], about=b), backend.codings_of([b], about=a)], ignore_index=True)
        cod = cod[within_spans(cod, spans, order)]
        self.cells = occasion_cells(occasion_counts(cod, self.book.rollup))


def _state(voiced: str, stances: str, other_interviewed: bool) -> str:
    if voiced == "both":
        return "contrast" if stances == "differ" else "overlap"
    return "contrast" if other_interviewed else ""


def _trend(before: str | None, now: str) -> str:
    if not now or before is None:
        return ""
    if before == now:
        return "steady"
    return "converges" if now == "overlap" else "diverges"


def dyad(source: Source, a: str, b: str, level: str = "subtheme") -> pd.DataFrame:
    """Both partners' accounts of each other, occasion by occasion: what each voiced, and whether they agree.

    Parameters
    ----------
    source : Study or Backend
    a, b : str
        Two participants with at least one relationship between them (either way round).
    level : {"subtheme", "theme"}

    Returns
    -------
    pandas.DataFrame
        Columns ``occasion, theme, theme_name, a, b, a_interviewed,
        b_interviewed, a_count, b_count, a_stance, b_stance, voiced, stances,
        state, trend, a_evidence, b_evidence`` (see the module's rules): per
        occasion at which A or B was interviewed while a relationship between
        them held, one row per theme either voiced about the other there (one
        row with an empty theme when neither did), ordered by occasion, then
        codebook.

    Raises
    ------
    UnknownParticipant
        When either is not in the study.
    GraphStudyError
        When they have no relationship: ``'K1' and 'C1' have no relationship in study 'S'``.

    Examples
    --------
    >>> from graphstudy import load_study
    >>> d = dyad(load_study(), "Sue", "Co-worker07")
    >>> d[["occasion", "theme", "voiced", "a_interviewed", "state"]].values.tolist()
    [['T1', '', 'neither', True, ''], ['T3_1', 'uncertainty', 'only b', False, ''], ['T3_2', 'uncertainty', 'only b', False, '']]

    Sue was not interviewed at T3, so Co-worker07's account has nothing to be compared with there.

    Notes
    -----
    Seven look-ups (two of them ``codings_of``, one per side), whatever the study's size.
    """
    return _rows(_Dyad(source, a, b, level), a, b)


def _rows(d: _Dyad, a: str, b: str) -> pd.DataFrame:
    rows: list[dict[str, Any]] = []
    last: dict[str, str] = {}
    for o in d.occasions:
        ai, bi = o in d.interviewed.get(a, set()), o in d.interviewed.get(b, set())
        shown = d.book.ordered(t for (p, oo, t) in d.cells if oo == o and p in (a, b))
        base = {"occasion": o, "a": a, "b": b, "a_interviewed": ai, "b_interviewed": bi}
        if not shown:
            rows.append({**base, "theme": "", "theme_name": "", "a_count": 0, "b_count": 0, "a_stance": "", "b_stance": "",
                         "voiced": "neither", "stances": "", "state": "", "trend": "", "a_evidence": "", "b_evidence": ""})
        for t in shown:
            ca, cb = d.cells.get((a, o, t)), d.cells.get((b, o, t))
            na, nb = (int(ca["count"]) if ca else 0), (int(cb["count"]) if cb else 0)
            sa, sb = (str(ca["stance"]) if ca else ""), (str(cb["stance"]) if cb else "")
            voiced = "both" if na and nb else ("only a" if na else "only b")
            stances = ("agree" if sa == sb else "differ") if voiced == "both" and sa and sb else ""
            state = _state(voiced, stances, bi if voiced == "only a" else ai)
            trend = _trend(last.get(t), state)
            if state:
                last[t] = state
            rows.append({**base, "theme": t, "theme_name": d.book.name(t), "a_count": na, "b_count": nb,
                         "a_stance": sa, "b_stance": sb, "voiced": voiced, "stances": stances, "state": state,
                         "trend": trend, "a_evidence": ";".join(ca["quotes"]) if ca else "",
                         "b_evidence": ";".join(cb["quotes"]) if cb else ""})
    return pd.DataFrame(rows, columns=DYAD_COLUMNS)


def _accounts(states: list[str]) -> str:
    if not states:
        return "not compared"
    if len(states) == 1:
        return "one occasion"
    first, last = states[0], states[-1]
    if first == last:
        return f"steady {first}"
    return "converge" if last == "overlap" else "diverge"


def dyad_summary(source: Source, a: str, b: str, level: str = "subtheme") -> pd.DataFrame:
    """Whether the partners' accounts of each theme converge or diverge across the occasions (the module's table).

    Returns
    -------
    pandas.DataFrame
        Columns ``theme, theme_name, occasions`` (compared: with a non-empty
        state), ``first_state, last_state, accounts, a_total, b_total``
        (each side's quotes on the theme over the dyad's occasions); one row
        per theme voiced in the dyad, in codebook order.

    Examples
    --------
    >>> from graphstudy import load_study
    >>> dyad_summary(load_study(), "Sue", "Co-worker07")[["theme", "occasions", "accounts"]].values.tolist()
    [['uncertainty', 0, 'not compared']]
    """
    gathered = _Dyad(source, a, b, level)
    d = _rows(gathered, a, b)
    d = d[d["theme"] != ""]
    rows = []
    for theme in gathered.book.ordered(d["theme"]):
        rows_t = d[d["theme"] == theme]
        states = [s for s in rows_t["state"] if s]
        rows.append({"theme": theme, "theme_name": gathered.book.name(theme), "occasions": len(states),
                     "first_state": states[0] if states else "", "last_state": states[-1] if states else "",
                     "accounts": _accounts(states), "a_total": int(rows_t["a_count"].sum()),
                     "b_total": int(rows_t["b_count"].sum())})
    return pd.DataFrame(rows, columns=DYAD_SUMMARY_COLUMNS)


def dyad_links(source: Source, focal: str, other: str, level: str = "subtheme") -> pd.DataFrame:
    """One side of a dyad: ``other``'s theme links about ``focal``, occasion by occasion, and how each changed.

    Returns
    -------
    pandas.DataFrame
        Columns ``participant, focal, relationship, occasion, theme,
        theme_name, count, stance, change, evidence``: one row per occasion at
        which ``other`` was interviewed while a relationship with ``focal``
        held, and theme of their quotes about ``focal`` there or at the
        occasion before (:func:`~graphstudy.queries.link_steps`).

    Raises
    ------
    GraphStudyError
        When the two have no relationship.

    Examples
    --------
    >>> from graphstudy import load_study
    >>> d = dyad_links(load_study(), "Sue", "Co-worker07")
    >>> list(d["occasion"].unique())
    ['T3_1', 'T3_2']

    Notes
    -----
    Six look-ups, whatever the study's size.
    """
    backend = as_backend(source)
    people = backend.participants(sorted({focal, other}))
    check_participant(people, focal, backend.study_name)
    check_participant(people, other, backend.study_name)
    links = relationships_between(backend, focal, other)
    spans = list(each(links, "start", "end"))
    order = backend.study_info().timepoint_order
    book = theme_levels(backend, level)
    iv = backend.interviews_of([other])
    occ = person_occasions(iv[within_spans(iv, spans, order)]).get(other, [])
    cod = backend.codings_of([other], about=focal)
    counts = occasion_counts(cod[within_spans(cod, spans, order)], book.rollup)
    relationship = ";".join(sorted(set(links["relationship"])))
    rows = [{"participant": other, "focal": focal, "relationship": relationship, **r}
            for r in link_steps(other, occ, counts, book)]
    return pd.DataFrame(rows, columns=DYAD_LINK_COLUMNS)
