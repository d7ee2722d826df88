"""The graphs behind the HTML views, built only from :class:`~graphstudy.engines.base.Backend` look-ups.

Each builder returns a :class:`networkx.MultiDiGraph` whose nodes and edges
carry everything a page needs (``kind``, ``label``, ``group``, ``details``,
and for the occasion views a ``timeline``), so the graph can be checked in
Python and the page only draws it. Node ids are ``p:<participant>`` and
``t:<theme>``.

Graph attributes: ``title``, ``view`` (study, psw, dyad or themes),
``occasions`` (the occasions the page steps through, in order; empty for
views without a control), ``quotes`` (``{quote id: text}`` for the quotes the
tooltips may show; empty when quote text is left out) and ``notes``.

Examples
--------
>>> from graphstudy import load_study
>>> g = psw_graph(load_study(), "Sue")
>>> g.graph["occasions"]
['T1', 'T2_1', 'T2_2', 'T3_1', 'T3_2']
>>> g.edges["p:User15", "t:stress_pain", "theme_link"]["timeline"]["T3_2"]["change"]
'constant'
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from itertools import combinations
from typing import Any

import networkx as nx
import pandas as pd

from ..engines.base import Backend
from ..errors import GraphStudyError
from ..model import Study
from ..queries import (
    Codebook,
    as_backend,
    check_participant,
    codings_about,
    link_steps,
    occasion_counts,
    person_occasions,
    theme_levels,
    with_occasion,
)

__all__ = ["QUOTE_TEXT_LIMIT", "dyad_graph", "psw_graph", "study_graph", "themes_graph"]

QUOTE_TEXT_LIMIT = 300
"""Above this many nodes a view keeps quote ids and counts but leaves quote text out (file size)."""

_ATTRS = ("role", "subrole", "gender", "age_band", "diagnosis", "agency", "setting")


def _ordered_occasions(iv: pd.DataFrame) -> list[str]:
    """The distinct occasions of an ``interviews_of``/``all_interviews`` table, in study order."""
    iv = with_occasion(iv)
    keys = {o: (int(k), int(w)) for o, w, k in zip(iv["occasion"], iv["wave"], iv["order"])}
    return sorted(keys, key=lambda o: keys[o])


def _add_people(g: nx.MultiDiGraph, people: pd.DataFrame, occasions: dict[str, list[str]]) -> None:
    for row in people.to_dict("records"):
        pid = row["id"]
        details = [[a.replace("_", " "), str(row[a])] for a in _ATTRS if row.get(a)]
        occ = occasions.get(pid, [])
        details.append(["interviewed", ", ".join(occ) if occ else "never"])
        g.add_node(f"p:{pid}", kind="participant", label=pid, group=row["role"], details=details, occasions=occ)


def _theme_label(name: str, limit: int = 64) -> str:
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def _add_theme(g: nx.MultiDiGraph, tid: str, book: Codebook, extra: list | None = None) -> None:
    if f"t:{tid}" in g:
        return
    name = book.name(tid)
    is_sub = bool(book.parents.get(tid))
    details = [["theme id", tid], ["level", "sub-theme" if is_sub else "theme"], *(extra or [])]
    g.add_node(f"t:{tid}", kind="theme", label=_theme_label(name), name=name, group="subtheme" if is_sub else "theme",
               details=details, occasions=[])


def _quote_texts(backend: Backend, ids: Iterable[str], wanted: bool) -> dict[str, str]:
    shown = sorted(set(ids))
    if not wanted or not shown:
        return {}
    q = backend.quotes(shown)
    return dict(zip(q["id"], q["text"]))


def study_graph(source: Study | Backend, level: str = "subtheme", quote_text: bool = True) -> nx.MultiDiGraph:
    """The whole study: participants by role, relationships, themes and who spoke to which theme.

    Parameters
    ----------
    source : Study or Backend
    level : {"subtheme", "theme"}
        Link people to sub-themes as coded, or roll codes up to top-level themes.
    quote_text : bool
        Keep quote text for the tooltips (left out anyway above
        :data:`QUOTE_TEXT_LIMIT` nodes).

    Returns
    -------
    networkx.MultiDiGraph
        Participant and theme nodes; edges keyed ``relationship`` (label: the
        type), ``theme_link`` (a participant's quotes coded as the theme,
        ``count`` distinct quotes) and ``subtheme_of``.

    Examples
    --------
    >>> from graphstudy import load_study
    >>> g = study_graph(load_study())
    >>> g.nodes["p:Sue"]["group"], g.edges["p:User15", "p:Sue", "relationship:SERVED_BY"]["label"]
    ('psw', 'SERVED_BY')

    Notes
    -----
    O(p + r + c) for p participants, r relationships and c codings.
    """
    backend = as_backend(source)
    book = theme_levels(backend, level)
    iv = backend.all_interviews()
    g = nx.MultiDiGraph(title=f"Study {backend.study_name}", view="study", occasions=[], quotes={}, notes=[])
    _add_people(g, backend.participants(), person_occasions(iv))
    for tid in book.themes:
        _add_theme(g, tid, book)
    if level == "subtheme":
        for tid, par in book.parents.items():
            if par:
                g.add_edge(f"t:{tid}", f"t:{par}", key="subtheme_of", kind="subtheme_of", label="",
                           details=[["sub-theme of", book.name(par)]])
    for s, typ, t in backend.relationships().itertuples(index=False):
        g.add_edge(f"p:{s}", f"p:{t}", key=f"relationship:{typ}", kind="relationship", label=typ,
                   details=[["relationship", f"{s} {typ} {t}"]])
    cod = backend.all_codings()
    cod = with_occasion(cod).assign(theme=cod["theme_id"].map(book.rollup))
    cod = cod.drop_duplicates(["participant", "theme", "quote_id"]).sort_values(["participant", "theme", "order", "wave", "quote_id"])
    occ_order = {o: i for i, o in enumerate(_ordered_occasions(iv))}
    per_theme: defaultdict[str, tuple[list[str], set[str]]] = defaultdict(lambda: ([], set()))
    links: dict[tuple[str, str], tuple[list[str], set[str]]] = {}
    for pid, theme, q, o in zip(cod["participant"], cod["theme"], cod["quote_id"], cod["occasion"]):
        entry = links.setdefault((pid, theme), ([], set()))
        entry[0].append(q)
        entry[1].add(o)
    for (pid, theme), (quotes, occasions) in sorted(links.items()):
        occ = sorted(occasions, key=lambda o: occ_order[o])
        per_theme[theme][0].extend(quotes)
        per_theme[theme][1].add(pid)
        g.add_edge(f"p:{pid}", f"t:{theme}", key="theme_link", kind="theme_link", label=str(len(quotes)),
                   count=len(quotes), quotes=quotes,
                   details=[["quotes", str(len(quotes))], ["occasions", ", ".join(occ)]])
    for theme, (theme_quotes, people) in per_theme.items():
        n_quotes = len(theme_quotes)
        node = g.nodes[f"t:{theme}"]
        node["details"] += [["quotes", str(n_quotes)], ["participants", str(len(people))]]
        node["size"] = 14 + 3 * math.sqrt(n_quotes)
    small = g.number_of_nodes() <= QUOTE_TEXT_LIMIT
    if quote_text and not small:
        g.graph["notes"].append(f"quote text left out: {g.number_of_nodes()} nodes is above {QUOTE_TEXT_LIMIT}; "
                                "tooltips give counts and quote ids")
    g.graph["quotes"] = _quote_texts(backend, cod["quote_id"], quote_text and small)
    return g


def psw_graph(source: Study | Backend, psw: str, level: str = "subtheme", quote_text: bool = True,
              others: list[str] | None = None) -> nx.MultiDiGraph:
    """A PSW, everyone linked to them and each person's theme links, occasion by occasion.

    A person's theme links are their quotes about the PSW coded as the theme
    (the PSW's own links: all their quotes); each link's ``timeline`` holds,
    for each occasion at which the person was interviewed, the ``count`` of
    quotes, the ``change`` against their previous interview (as
    :func:`~graphstudy.queries.dyad` gives it: first, emerged, ceased,
    increased, decreased, constant), the ``stance`` and the quote ids.

    Parameters
    ----------
    source : Study or Backend
    psw : str
        The PSW's participant id.
    level : {"subtheme", "theme"}
    quote_text : bool
        Keep the quotes' text for the tooltips.
    others : list of str, optional
        Only these of the PSW's people (the dyad view); everyone when None.

    Returns
    -------
    networkx.MultiDiGraph

    Raises
    ------
    UnknownParticipant
        When the study has no such participant.
    GraphStudyError
        When ``psw`` is not a PSW, or one of ``others`` is not linked to them.

    Examples
    --------
    >>> from graphstudy import load_study
    >>> g = psw_graph(load_study(), "Sue")
    >>> sorted(n for n, k in g.nodes(data="group") if k == "service_user")
    ['p:User14', 'p:User15']

    Notes
    -----
    Six look-ups, whatever the number of people: those of
    :func:`~graphstudy.queries.shifts`, with one ``codings_of`` for everyone
    shown, and one ``quotes`` for whom each quote is about and its text. Cost
    grows with the PSW's people and their quotes, not with the study.
    """
    backend = as_backend(source)
    linked = backend.linked_people(psw)
    known = set(linked["participant"])
    wanted = sorted(known) if others is None else list(dict.fromkeys(others))
    people = backend.participants(sorted({psw, *wanted}))
    check_participant(people, psw, backend.study_name, "psw")
    for other in wanted:
        check_participant(people, other, backend.study_name)
        if other not in known:
            raise GraphStudyError(f"'{other}' has no relationship with PSW '{psw}'")
    book = theme_levels(backend, level)
    linked = linked[linked["participant"].isin(wanted)]
    pids = [psw, *sorted(set(linked["participant"]))]
    iv = backend.interviews_of(pids)
    occasions = person_occasions(iv)
    cod = backend.codings_of(pids)
    ids = sorted(set(cod["quote_id"]))
    said = backend.quotes(ids) if ids else pd.DataFrame(columns=["id", "about", "text"])
    about = codings_about(cod[cod["participant"] != psw], said)
    theirs = occasion_counts(about[about["about"] == psw].drop(columns="about"), book.rollup)
    own = occasion_counts(cod[cod["participant"] == psw], book.rollup)
    rows: list[dict[str, Any]] = []
    for other in wanted:
        rows += [{"participant": other, **r} for r in link_steps(other, occasions.get(other, []), theirs, book)]
    rows += [{"participant": psw, **r} for r in link_steps(psw, occasions.get(psw, []), own, book)]
    title = (f"PSW {psw}" if others is None else f"Dyad {psw} and {', '.join(others)}") + f", study {backend.study_name}"
    g = nx.MultiDiGraph(title=title, view="psw" if others is None else "dyad", occasions=_ordered_occasions(iv),
                        quotes={}, notes=[])
    _add_people(g, people[people["id"].isin(pids)], occasions)
    g.nodes[f"p:{psw}"]["focus"] = True
    for pid, typ in zip(linked["participant"], linked["relationship"]):
        g.add_edge(f"p:{pid}", f"p:{psw}", key=f"relationship:{typ}", kind="relationship", label=typ,
                   details=[["relationship", f"{pid} {typ} {psw}"]])
    quote_ids: list[str] = []
    for r in rows:
        if not r["theme"]:
            continue
        _add_theme(g, r["theme"], book)
        key = (f"p:{r['participant']}", f"t:{r['theme']}", "theme_link")
        if not g.has_edge(*key):
            g.add_edge(*key, kind="theme_link", label="", timeline={}, quotes=[], count=0,
                       details=[["about", psw if r["participant"] != psw else f"{psw}'s own quotes"]])
        edge = g.edges[key]
        quotes = [q for q in r["evidence"].split(";") if q]
        edge["timeline"][r["occasion"]] = {"count": int(r["count"]), "change": r["change"], "stance": r["stance"],
                                           "quotes": quotes}
        edge["quotes"] += quotes
        edge["count"] += len(quotes)
        quote_ids += quotes
    for _, _, data in g.edges(data=True):
        if data["kind"] == "theme_link":
            data["label"] = str(data["count"])
    texts = dict(zip(said["id"], said["text"])) if quote_text else {}
    g.graph["quotes"] = {q: texts[q] for q in sorted(set(quote_ids)) if q in texts}
    return g


def dyad_graph(source: Study | Backend, psw: str, other: str, level: str = "subtheme",
               quote_text: bool = True) -> nx.MultiDiGraph:
    """One dyad: the PSW, the other person and their theme links occasion by occasion.

    The same graph as :func:`psw_graph` restricted to one of the PSW's people.

    Examples
    --------
    >>> from graphstudy import load_study
    >>> g = dyad_graph(load_study(), "Sue", "Co-worker07")
    >>> sorted(g.nodes)[:2], g.graph["occasions"]
    (['p:Co-worker07', 'p:Sue'], ['T1', 'T3_1', 'T3_2'])
    """
    return psw_graph(source, psw, level=level, quote_text=quote_text, others=[other])


def themes_graph(source: Study | Backend, timepoint: str | None = None, level: str = "subtheme") -> nx.MultiDiGraph:
    """Theme co-occurrence: two themes are linked when coded in the same interview.

    Parameters
    ----------
    source : Study or Backend
    timepoint : str, optional
        Only interviews at this time point (every wave of it).
    level : {"subtheme", "theme"}

    Returns
    -------
    networkx.MultiDiGraph
        Theme nodes with ``interviews`` (how many interviews coded the theme)
        and ``prevalence`` (that share of the interviews considered);
        ``co_occurrence`` edges with ``count`` (interviews coding both) and
        ``interview_ids``. Tooltips hold counts and ids, never quote text.

    Raises
    ------
    GraphStudyError
        When the study has no interview at ``timepoint``.

    Examples
    --------
    >>> from graphstudy import load_study
    >>> g = themes_graph(load_study(), level="theme")
    >>> g.number_of_nodes(), g.nodes["t:perceptions"]["interviews"]
    (3, 16)

    Notes
    -----
    O(c + i * k^2) for c codings, i interviews and k themes per interview.
    """
    backend = as_backend(source)
    book = theme_levels(backend, level)
    iv = backend.all_interviews()
    cod = backend.all_codings()
    if timepoint is not None:
        if timepoint not in set(iv["timepoint"]):
            known = ", ".join(sorted(set(iv["timepoint"])))
            raise GraphStudyError(f"no interview at time point '{timepoint}' in study '{backend.study_name}' "
                                  f"(time points: {known})")
        iv, cod = iv[iv["timepoint"] == timepoint], cod[cod["timepoint"] == timepoint]
    total = iv["interview_id"].nunique()
    cod = cod.assign(theme=cod["theme_id"].map(book.rollup)).drop_duplicates(["interview_id", "theme"])
    where = f" at {timepoint}" if timepoint else ""
    g = nx.MultiDiGraph(title=f"Themes coded together{where}, study {backend.study_name}", view="themes",
                        occasions=[], quotes={}, notes=[])
    by_theme = cod.groupby("theme")["interview_id"].agg(list).to_dict()
    for tid in book.themes:
        n = len(by_theme.get(tid, []))
        share = n / total if total else 0.0
        _add_theme(g, tid, book,
                   extra=[["interviews", f"{n} of {total}{where} ({share:.0%})"]])
        g.nodes[f"t:{tid}"].update(interviews=n, prevalence=share, size=10 + 40 * math.sqrt(share))
    pairs: dict = defaultdict(list)
    for iid, sub in cod.sort_values(["interview_id", "theme"]).groupby("interview_id", sort=True):
        for a, b in combinations(book.ordered(sub["theme"]), 2):
            pairs[(a, b)].append(iid)
    for (a, b), ids in pairs.items():
        shown = ", ".join(ids[:20]) + (f" and {len(ids) - 20} more" if len(ids) > 20 else "")
        g.add_edge(f"t:{a}", f"t:{b}", key="co_occurrence", kind="co_occurrence", label=str(len(ids)),
                   count=len(ids), interview_ids=ids,
                   details=[["coded together in", f"{len(ids)} interviews"], ["interviews", shown]])
    return g
