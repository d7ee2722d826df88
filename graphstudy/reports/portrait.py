"""Pen portraits across waves: one participant, or one dyad, from the first interview to the last.

Sheard and Marsh (2019, *BMC Medical Research Methodology* 19:169) build a
pen portrait in four stages: define the focus, design a basic structure,
populate it from the data, interpret. graphstudy does the middle two: a
fixed structure, filled from the study, for the researcher to interpret.

A **participant's portrait** (:func:`portrait`): who they are (role by the
study's label, attributes, relationships and the span each holds), then
occasion by occasion what they said, theme by theme, with the quotes and
their citations and each theme's step since the person's previous interview;
the change labels of :mod:`graphstudy.reports.changes` per theme; and a
through-line (Saldaña 2003: the threads through the whole case). A **dyad's
portrait** (:func:`dyad_portrait`): both people, the relationships between
them, occasion by occasion what each said about the other
(:func:`graphstudy.queries.dyad`: overlap, contrast, converges, diverges) and
the dyad's through-line from :func:`graphstudy.queries.dyad_summary`.

Through-line, from the occasions at which the person was interviewed (for a
dyad, each side's quotes about the other at the dyad's occasions):

=================  ==========================================================================
through-line       rule
=================  ==========================================================================
persists           present at every one of two or more interviews
turns of stance    the theme's stance changed between two consecutive interviews at which it
                   was present, both stances given (``negative→positive at M6``)
appeared late      first present at an interview after the first, and present at the last
faded              present at an earlier interview, absent at the last
converge           (dyads) the partners' accounts went from contrast to overlap
diverge            (dyads) from overlap to contrast
=================  ==========================================================================

A theme can be in more than one thread (it persists and turns). A person
interviewed once has no through-line to read: the portrait says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

import pandas as pd

from ..engines.base import Backend
from ..engines.memo import remembering
from ..errors import GraphStudyError
from ..frames import each
from ..model import Study
from ..queries import (
    as_backend,
    check_participant,
    classify_change,
    dyad,
    dyad_summary,
    occasion_cells,
    occasion_counts,
    person_occasions,
    theme_levels,
)
from .changes import case_data, changes_of
from .word_reports import quote_index

__all__ = ["THREADS", "Portrait", "dyad_portrait", "portrait", "span_text", "through_line"]

THREADS = ("persists", "turns of stance", "appeared late", "faded", "converge", "diverge")
"""The threads of the through-line, in the order of the module's table."""

_ATTRIBUTES = ("subrole", "gender", "age_band", "diagnosis", "agency", "setting")
SAID_COLUMNS = ["occasion", "timepoint_label", "theme", "theme_name", "speaker", "about", "step", "state", "trend",
                "quote_id", "stance", "citation", "text"]


@dataclass
class Portrait:
    """A pen portrait (see the module).

    Attributes
    ----------
    kind : str
        ``participant`` or ``dyad``.
    study : str
    people : list of dict
        Who they are: ``id, role, role_label``, the attributes given, ``interviewed`` (occasions).
    relationships : pandas.DataFrame
        ``source, type, type_label, target, start, end, span``.
    occasions : pandas.DataFrame
        ``occasion, timepoint, timepoint_label, wave, interviewed`` (who, ``;``-joined).
    said : pandas.DataFrame
        One row per quote: ``occasion, timepoint_label, theme, theme_name,
        speaker, about, step, state, trend, quote_id, stance, citation,
        text`` (``step``: the theme's change since the speaker's previous
        interview; ``state``/``trend``: the dyad's, empty for a participant).
    changes : pandas.DataFrame
        A participant's rows of :func:`~graphstudy.reports.changes.changes`;
        a dyad's :func:`~graphstudy.queries.dyad_summary`.
    threads : dict
        ``{thread: [text, ...]}``, the through-line (the module's table).
    notes : list of str
    """

    kind: str
    study: str
    people: list[dict[str, Any]]
    relationships: pd.DataFrame
    occasions: pd.DataFrame
    said: pd.DataFrame
    changes: pd.DataFrame
    threads: dict[str, list[str]]
    notes: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        names = " and ".join(f"{p['id']} ({p['role_label']})" for p in self.people)
        return f"Pen portrait of {names}"

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-ready)."""
        def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
            return [{str(k): v for k, v in r.items()} for r in frame.to_dict("records")]

        return {"kind": self.kind, "study": self.study, "title": self.title, "people": self.people,
                "relationships": records(self.relationships), "occasions": records(self.occasions),
                "said": records(self.said), "changes": records(self.changes), "through_line": self.threads,
                "notes": self.notes}


def span_text(start: str, end: str, labels: dict[str, str] | None = None) -> str:
    """A relationship's span in words.

    Examples
    --------
    >>> span_text("B", "M3", {"B": "Baseline"}), span_text("M6", ""), span_text("", "T2_1"), span_text("", "")
    ('from B (Baseline) to M3', 'from M6', 'until T2_1', 'throughout')
    """
    labels = labels or {}

    def named(x: str) -> str:
        return f"{x} ({labels[x]})" if labels.get(x) and labels[x] != x else x

    if start and end:
        return f"from {named(start)} to {named(end)}"
    if start:
        return f"from {named(start)}"
    if end:
        return f"until {named(end)}"
    return "throughout"


def through_line(series: dict[str, list[tuple[str, int, str]]], names: dict[str, str]) -> dict[str, list[str]]:
    """The through-line of one person's themes (the module's rules, without converge/diverge).

    Parameters
    ----------
    series : dict
        ``{theme: [(occasion, count, stance), ...]}`` over every occasion the
        person was interviewed, in order (count 0 where the theme is absent).
    names : dict
        ``{theme: name}``.

    Examples
    --------
    >>> s = {"a": [("T1", 1, "negative"), ("T2", 2, "positive")], "b": [("T1", 0, ""), ("T2", 1, "")],
    ...      "c": [("T1", 1, ""), ("T2", 0, "")]}
    >>> through_line(s, {"a": "A", "b": "B", "c": "C"})
    {'persists': ['A (T1, T2)'], 'turns of stance': ['A: negative→positive at T2'], 'appeared late': ['B (first at T2)'], 'faded': ['C (last at T1)']}
    """
    out: dict[str, list[str]] = {}
    for theme, steps in series.items():
        name = names.get(theme, theme)
        present = [(o, c, s) for o, c, s in steps if c > 0]
        if not present or len(steps) < 2:
            continue
        if len(present) == len(steps):
            out.setdefault("persists", []).append(f"{name} ({', '.join(o for o, _, _ in steps)})")
        for (_, _, s1), (o2, _, s2) in pairwise(present):
            if s1 and s2 and s1 != s2:
                out.setdefault("turns of stance", []).append(f"{name}: {s1}→{s2} at {o2}")
        if steps[0][1] == 0 and steps[-1][1] > 0:
            out.setdefault("appeared late", []).append(f"{name} (first at {present[0][0]})")
        if steps[-1][1] == 0:
            out.setdefault("faded", []).append(f"{name} (last at {present[-1][0]})")
    return {t: out[t] for t in THREADS if t in out}


def _who(backend: Backend, people: pd.DataFrame, ids: list[str], interviewed: dict[str, list[str]]) -> list[dict[str, Any]]:
    info = backend.study_info()
    out = []
    for pid in ids:
        row = check_participant(people, pid, backend.study_name)
        out.append({"id": pid, "role": row["role"], "role_label": info.role_label(row["role"]),
                    **{a: row[a] for a in _ATTRIBUTES if row.get(a)}, "interviewed": interviewed.get(pid, [])})
    return out


def _relationships(backend: Backend, ids: set[str], both: bool) -> pd.DataFrame:
    info = backend.study_info()
    rel = backend.relationships()
    keep = (rel["source_id"].isin(ids) & rel["target_id"].isin(ids)) if both else (rel["source_id"].isin(ids) | rel["target_id"].isin(ids))
    rel = rel[keep]
    labels = {t.id: t.name for t in info.relationship_types}
    spans = [span_text(s, e, info.timepoint_labels) for s, e in each(rel, "start", "end")]
    return pd.DataFrame({"source": rel["source_id"], "type": rel["type"], "type_label": [labels.get(t, t) for t in rel["type"]],
                         "target": rel["target_id"], "start": rel["start"], "end": rel["end"], "span": spans}).reset_index(drop=True)


def _occasions(backend: Backend, iv: pd.DataFrame) -> pd.DataFrame:
    from ..queries import with_occasion

    info = backend.study_info()
    iv = with_occasion(iv).sort_values(["order", "wave", "participant"])
    rows = []
    for occ, grp in iv.groupby("occasion", sort=False):
        tp = str(grp["timepoint"].iloc[0])
        rows.append({"occasion": occ, "timepoint": tp, "timepoint_label": info.timepoint_label(tp),
                     "wave": int(grp["wave"].iloc[0]), "interviewed": ";".join(sorted(set(grp["participant"])))})
    return pd.DataFrame(rows, columns=["occasion", "timepoint", "timepoint_label", "wave", "interviewed"])


def portrait(source: Study | Backend, participant: str, level: str = "subtheme") -> Portrait:
    """One participant's pen portrait across every interview they gave (all their quotes).

    Examples
    --------
    >>> from graphstudy import load_study
    >>> p = portrait(load_study("tests/fixtures/carers"), "K1")
    >>> p.title, p.people[0]["interviewed"]
    ('Pen portrait of K1 (Family carer)', ['B', 'M3_1', 'M6'])
    >>> p.threads["persists"], p.threads["turns of stance"]
    (['Practical tasks (B, M3_1, M6)'], ['Practical tasks: negative→positive at M6'])

    Notes
    -----
    The look-ups of :func:`~graphstudy.reports.changes.changes` (which reads
    the whole study, for ``missing``), plus one ``quotes`` look-up.
    """
    backend = remembering(as_backend(source))
    info = backend.study_info()
    people = backend.participants()
    check_participant(people, participant, backend.study_name)
    book = theme_levels(backend, level)
    iv = backend.interviews_of([participant])
    occ = person_occasions(iv).get(participant, [])
    cod = backend.codings_of([participant])
    cells = occasion_cells(occasion_counts(cod, book.rollup))
    quotes = quote_index(backend, sorted(set(cod["quote_id"])))
    themes = book.ordered(t for (_, _, t) in cells)
    rows = []
    series: dict[str, list[tuple[str, int, str]]] = {}
    for theme in themes:
        before: int | None = None
        for o in occ:
            hit = cells.get((participant, o, theme))
            count = int(hit["count"]) if hit else 0
            series.setdefault(theme, []).append((o, count, hit["stance"] if hit else ""))
            step = (classify_change(before, count) or "") if before is not None else "first"
            before = count
            for qid in (hit["quotes"] if hit else []):
                q = quotes.get(qid, {})
                rows.append({"occasion": o, "timepoint_label": info.timepoint_label(o.split("_")[0] if o not in info.timepoint_order else o),
                             "theme": theme, "theme_name": book.name(theme), "speaker": participant,
                             "about": q.get("about", ""), "step": step, "state": "", "trend": "", "quote_id": qid,
                             "stance": q.get("stance", ""), "citation": q.get("cite", ""), "text": q.get("text", "")})
    rank = {o: i for i, o in enumerate(occ)}
    said = pd.DataFrame(rows, columns=SAID_COLUMNS)
    if not said.empty:
        said = said.assign(_o=said["occasion"].map(rank), _t=said["theme"].map(book.key))
        said = said.sort_values(["_o", "_t", "quote_id"], kind="stable").drop(columns=["_o", "_t"]).reset_index(drop=True)
    data = case_data(backend, by="participant", level=level)
    has_case = participant in set(data.cases["case"])
    ch = changes_of(data, cases=[participant]) if has_case else pd.DataFrame(columns=["theme"])
    notes = []
    if len(occ) < 2:
        notes.append(f"{participant} was interviewed {'once' if occ else 'never'}: there is no change to read across waves")
    return Portrait(kind="participant", study=backend.study_name, people=_who(backend, people, [participant], {participant: occ}),
                    relationships=_relationships(backend, {participant}, both=False), occasions=_occasions(backend, iv),
                    said=said, changes=ch.drop(columns=[c for c in ("case", "kind") if c in ch.columns]),
                    threads=through_line(series, book.names) if len(occ) >= 2 else {}, notes=notes)


def dyad_portrait(source: Study | Backend, a: str, b: str, level: str = "subtheme") -> Portrait:
    """The pen portrait of a dyad: both people, their relationships, and what each said about the other, occasion by occasion.

    Examples
    --------
    >>> from graphstudy import load_study
    >>> p = dyad_portrait(load_study("tests/fixtures/carers"), "P1", "K1")
    >>> p.threads["converge"]
    ['Practical tasks (contrast at B, overlap at M6)']
    >>> p.said[p.said["occasion"] == "M6"][["speaker", "quote_id", "state"]].values.tolist()
    [['P1', 'p1s1', 'overlap'], ['K1', 'k1s1', 'overlap'], ['K1', 'k1s1', 'contrast']]

    Notes
    -----
    The look-ups of :func:`graphstudy.queries.dyad`, plus one ``quotes`` look-up.
    """
    if a == b:
        raise GraphStudyError(f"a dyad is two people; got '{a}' twice")
    backend = remembering(as_backend(source))
    info = backend.study_info()
    rows_ = dyad(backend, a, b, level=level)
    summary = dyad_summary(backend, a, b, level=level)
    people = backend.participants()
    ids = [q for col in ("a_evidence", "b_evidence") for e in rows_[col] for q in str(e).split(";") if q]
    quotes = quote_index(backend, ids)
    said = []
    series: dict[str, dict[str, list[tuple[str, int, str]]]] = {a: {}, b: {}}
    interviewed = {a: sorted(set(rows_.loc[rows_["a_interviewed"].astype(bool), "occasion"]), key=list(rows_["occasion"]).index),
                   b: sorted(set(rows_.loc[rows_["b_interviewed"].astype(bool), "occasion"]), key=list(rows_["occasion"]).index)}
    at: dict[tuple[str, str, str], tuple[int, str]] = {}
    for r in rows_.to_dict("records"):
        if not r["theme"]:
            continue
        for side, who, other in (("a", a, b), ("b", b, a)):
            at[(who, str(r["occasion"]), str(r["theme"]))] = (int(r[f"{side}_count"]), str(r[f"{side}_stance"]))
            for qid in [q for q in str(r[f"{side}_evidence"]).split(";") if q]:
                q = quotes.get(qid, {})
                tp = r["occasion"] if r["occasion"] in info.timepoint_order else r["occasion"].rsplit("_", 1)[0]
                said.append({"occasion": r["occasion"], "timepoint_label": info.timepoint_label(tp), "theme": r["theme"],
                             "theme_name": r["theme_name"], "speaker": who, "about": other, "step": "", "state": r["state"],
                             "trend": r["trend"], "quote_id": qid, "stance": q.get("stance", ""), "citation": q.get("cite", ""),
                             "text": q.get("text", "")})
    names = dict(each(summary, "theme", "theme_name"))
    for who in (a, b):
        for theme in summary["theme"]:
            if any(at.get((who, o, theme), (0, ""))[0] for o in interviewed[who]):
                series[who][theme] = [(o, *at.get((who, o, theme), (0, ""))) for o in interviewed[who]]
    threads: dict[str, list[str]] = {}
    for who in (a, b):
        for thread, items in through_line(series[who], names).items():
            threads.setdefault(thread, []).extend(f"{who}: {x}" for x in items)
    for r in summary.to_dict("records"):
        if r["accounts"] in ("converge", "diverge"):
            states = rows_[(rows_["theme"] == r["theme"]) & (rows_["state"] != "")]
            threads.setdefault(r["accounts"], []).append(
                f"{r['theme_name']} ({states['state'].iloc[0]} at {states['occasion'].iloc[0]}, "
                f"{states['state'].iloc[-1]} at {states['occasion'].iloc[-1]})")
    iv = backend.interviews_of([a, b])
    occ_rows = _occasions(backend, iv)
    occ_rows = occ_rows[occ_rows["occasion"].isin(set(rows_["occasion"]))].reset_index(drop=True)
    notes = [f"only the quotes {a} and {b} gave about each other while a relationship between them held count here"]
    return Portrait(kind="dyad", study=backend.study_name, people=_who(backend, people, [a, b], interviewed),
                    relationships=_relationships(backend, {a, b}, both=True), occasions=occ_rows,
                    said=pd.DataFrame(said, columns=SAID_COLUMNS), changes=summary,
                    threads={t: threads[t] for t in THREADS if t in threads}, notes=notes)
