"""The graphs behind the people views, built only from :class:`~graphstudy.engines.base.Backend` look-ups.

Each builder returns a :class:`networkx.MultiDiGraph` whose nodes and edges
carry everything a page needs (``kind``, ``label``, ``group``, ``details``,
the evidence ``units`` the page filters, and for the focal person's view a
``timeline``), so the graph can be checked in Python and the page only draws
it. Node ids are ``p:<participant>`` and ``t:<theme>``; the graph attributes
are those of :mod:`graphstudy.views.parts` (the study's roles, occasions with
their labels, coders, quotes).

Examples
--------
>>> from graphstudy import load_study
>>> g = focal_graph(load_study(), "Sue")
>>> g.graph["occasions"], g.graph["occasion_info"]["T2_1"]["label"]
(['T1', 'T2_1', 'T2_2', 'T3_1', 'T3_2'], 'Placement, wave 1')
>>> g.edges["p:User15", "t:stress_pain", "theme_link"]["timeline"]["T3_2"]["change"]
'constant'
"""

from __future__ import annotations

import math
from typing import Any

import networkx as nx
import pandas as pd

from ..engines.base import Backend
from ..errors import GraphStudyError
from ..frames import each
from ..model import Study
from ..queries import (
    Codebook,
    check_focal,
    check_participant,
    codings_about,
    link_steps,
    occasion_counts,
    person_occasions,
    within_spans,
)
from .dyad_view import dyad_graph
from .evidence import coder_names, index_of, link_units, quote_details
from .groups import GROUP_BY, check_group_by, group_people
from .look import occasion_table
from .parts import (
    QUOTE_LIMIT,
    QUOTE_TEXT_LIMIT,
    Context,
    add_hierarchy,
    add_people,
    add_relationship,
    add_theme,
    new_graph,
    orient,
    set_quotes,
)
from .themes_view import themes_graph

__all__ = ["GROUP_BY", "QUOTE_LIMIT", "QUOTE_TEXT_LIMIT", "dyad_graph", "focal_graph", "psw_graph", "study_graph", "themes_graph"]

_EMPTY_QUOTES = pd.DataFrame(columns=["id", "interview_id", "participant", "text", "about", "stance", "citation"])


def _theme_links(g: nx.MultiDiGraph, units: dict[tuple[str, str], list[list[Any]]], details: dict,
                 book: Codebook) -> None:
    """A ``theme_link`` edge per (person, theme) with its units, count and quote ids, themes in codebook order."""
    labels = [g.graph["occasion_info"][o]["label"] for o in g.graph["occasions"]]
    for (pid, theme), us in sorted(units.items(), key=lambda item: (item[0][0], book.key(item[0][1]))):
        if f"t:{theme}" not in g:
            continue
        occ = list(dict.fromkeys(labels[u[1]] for u in us))
        key = (f"p:{pid}", f"t:{theme}", "theme_link")
        extra = details.get(key, [])
        g.add_edge(*key, kind="theme_link", label=str(len(us)), count=len(us), quotes=[u[0] for u in us],
                   units=us, timeline={}, details=[*extra, ["quotes", str(len(us))], ["occasions", ", ".join(occ)]])


def study_graph(source: Study | Backend, level: str = "subtheme", quote_text: bool = True,
                group_by: str = "role") -> nx.MultiDiGraph:
    """The whole study: participants by role, relationships, the theme tree and who spoke to which theme.

    Parameters
    ----------
    source : Study or Backend
    level : {"subtheme", "theme"}
        Link people to sub-themes as coded, or roll codes up to top-level themes.
    quote_text : bool
        Keep quote text for the side panel (left out anyway above
        :data:`QUOTE_TEXT_LIMIT` characters).
    group_by : str
        How the page groups people when it opens grouped
        (:data:`~graphstudy.views.groups.GROUP_BY`).

    Returns
    -------
    networkx.MultiDiGraph
        Participant and theme nodes; edges keyed ``relationship:<type>`` (with
        its span), ``theme_link`` (a participant's quotes coded as the theme,
        ``count`` distinct quotes, ``units``) and ``subtheme_of``. Graph
        attribute ``groups``: ``{by, list: [{id, label, members}], member:
        {participant: group id}}``.

    Examples
    --------
    >>> from graphstudy import load_study
    >>> g = study_graph(load_study())
    >>> g.nodes["p:Sue"]["group"], g.edges["p:User15", "p:Sue", "relationship:SERVED_BY"]["label"]
    ('psw', 'served by')
    >>> [x["label"] for x in g.graph["groups"]["list"]]
    ['PSW', 'Service user', 'Co-worker', 'Family member']

    Notes
    -----
    Eight look-ups whatever the study's size (participants, relationships,
    every interview, every coding, the quotes, the theme tree, the themes
    table and the study's metadata); O(p + r + c log c) for p participants,
    r relationships and c codings.
    """
    check_group_by(group_by)
    ctx = Context(source, level)
    b = ctx.backend
    people, iv, cod = b.participants(), b.all_interviews(), b.all_codings()
    rel = b.relationships()
    occ = occasion_table(ctx.info, iv)
    coders = coder_names(cod)
    g = new_graph(ctx, f"Study {ctx.name}", "study", occ, coders, list(people["role"]), slider=True)
    add_people(g, ctx, people, person_occasions(iv))
    for tid in ctx.book.themes:
        add_theme(g, ctx, tid)
    add_hierarchy(g, ctx)
    for r in rel.to_dict("records"):
        s, t = str(r["source_id"]), str(r["target_id"])
        if f"p:{s}" in g and f"p:{t}" in g:
            add_relationship(g, ctx, s, str(r["type"]), t, str(r.get("start", "") or ""), str(r.get("end", "") or ""))
    units = link_units(cod, ctx.book.rollup, index_of(occ), index_of(coders))
    _theme_links(g, units, {}, ctx.book)
    per_theme: dict[str, list[Any]] = {}
    for (pid, theme), us in units.items():
        tally = per_theme.setdefault(theme, [0, set()])
        tally[0] += len(us)
        tally[1].add(pid)
    for theme, (n, who) in per_theme.items():
        if f"t:{theme}" in g:
            node = g.nodes[f"t:{theme}"]
            node["details"] += [["quotes", str(n)], ["participants", str(len(who))]]
            node["size"] = 14 + 3 * math.sqrt(n)
    ids = sorted(set(cod["quote_id"]))
    if len(ids) > QUOTE_LIMIT:
        g.graph["notes"].append(f"{len(ids):,} quotes is above {QUOTE_LIMIT:,}: the panel gives quote ids, speakers, "
                                "occasions and coders, not the text")
        set_quotes(g, _EMPTY_QUOTES, quote_details(None, cod, ctx.info), False)
    else:
        said = b.quotes(ids) if ids else _EMPTY_QUOTES
        set_quotes(g, said, quote_details(said, cod, ctx.info), quote_text)
    groups, member = group_people(people, group_by, rel, {r["id"]: r["label"] for r in g.graph["roles"]})
    g.graph["groups"] = {"by": group_by, "list": groups, "member": member}
    return g


def focal_graph(source: Study | Backend, focal: str, level: str = "subtheme", quote_text: bool = True,
                others: list[str] | None = None) -> nx.MultiDiGraph:
    """A focal person (a PSW, a patient), everyone linked to them and each person's theme links, occasion by occasion.

    A person's theme links are their quotes about the focal person coded as the
    theme, at the occasions they were interviewed while a relationship with
    the focal person held (the focal person's own links: all their quotes);
    each link's ``timeline`` holds, for each of those occasions, the ``count``
    of quotes, the ``change`` against their previous one (as
    :func:`~graphstudy.queries.dyad_links` gives it: first, emerged, ceased,
    increased, decreased, constant), the ``stance`` and the quote ids.

    Parameters
    ----------
    source : Study or Backend
    focal : str
        The participant id of someone in one of the study's focal roles.
    level : {"subtheme", "theme"}
    quote_text : bool
        Keep the quotes' text for the side panel.
    others : list of str, optional
        Only these of the focal person's people; everyone when None.

    Returns
    -------
    networkx.MultiDiGraph

    Raises
    ------
    UnknownParticipant
        When the study has no such participant.
    GraphStudyError
        When ``focal`` is not in a focal role, or one of ``others`` is not linked to them.

    Examples
    --------
    >>> from graphstudy import load_study
    >>> g = focal_graph(load_study(), "Sue")
    >>> sorted(n for n, k in g.nodes(data="group") if k == "service_user")
    ['p:User14', 'p:User15']
    >>> g.graph["title"]
    'PSW Sue, study Peer support workers in Hong Kong: a one-year longitudinal qualitative study'

    Notes
    -----
    Eight look-ups whatever the number of people (those of
    :func:`~graphstudy.queries.shifts` with one ``codings_of`` for everyone
    shown, one ``quotes``, the themes table); cost grows with the focal
    person's people and their quotes, not with the study.
    """
    ctx = Context(source, level)
    b = ctx.backend
    linked = b.linked_people(focal)
    known = set(linked["participant"])
    wanted = sorted(known) if others is None else list(dict.fromkeys(others))
    people = b.participants(sorted({focal, *wanted}))
    me = check_focal(people, focal, ctx.info)
    for other in wanted:
        check_participant(people, other, ctx.name)
        if other not in known:
            raise GraphStudyError(f"'{other}' has no relationship with {ctx.role_label(str(me['role']))} '{focal}'")
    linked = linked[linked["participant"].isin(wanted)]
    pids = [focal, *sorted(set(linked["participant"]))]
    order = ctx.info.timepoint_order
    spans = {p: list(each(sub, "start", "end")) for p, sub in linked.groupby("participant")}

    def in_span(frame: pd.DataFrame) -> pd.Series:
        keep = frame["participant"] == focal
        for p, sp in spans.items():
            mine = frame["participant"] == p
            if mine.any():
                keep = keep | (mine & within_spans(frame, sp, order))
        return keep

    iv = b.interviews_of(pids)
    occ = occasion_table(ctx.info, iv)
    occasions = person_occasions(iv[in_span(iv)])
    cod = b.codings_of(pids)
    theirs = codings_about(cod[cod["participant"] != focal])
    theirs = theirs[theirs["about"] == focal].drop(columns="about")
    theirs = theirs[in_span(theirs)]
    mine = cod[cod["participant"] == focal]
    counted = pd.concat([mine, theirs], ignore_index=True)
    coders = coder_names(counted)
    label = ctx.role_label(str(me["role"]))
    title = f"{label} {focal}" + (f" and {', '.join(others)}" if others is not None else "") + f", study {ctx.name}"
    g = new_graph(ctx, title, "focal", occ, coders, list(people["role"]), slider=True)
    add_people(g, ctx, people[people["id"].isin(pids)], occasions)
    g.nodes[f"p:{focal}"]["focus"] = True
    roles = dict(each(people, "id", "role"))
    for pid, typ, start, end in each(linked, "participant", "relationship", "start", "end"):
        s, t, arrow = orient(ctx, pid, roles.get(pid, ""), focal, str(me["role"]), typ)
        add_relationship(g, ctx, s, typ, t, start, end, arrow)
    rows: list[dict[str, Any]] = []
    counts = occasion_counts(theirs, ctx.book.rollup)
    for other in wanted:
        rows += [{"participant": other, **r} for r in link_steps(other, occasions.get(other, []), counts, ctx.book)]
    own = occasion_counts(mine, ctx.book.rollup)
    rows += [{"participant": focal, **r} for r in link_steps(focal, occasions.get(focal, []), own, ctx.book)]
    for r in rows:
        if r["theme"]:
            add_theme(g, ctx, r["theme"])
    add_hierarchy(g, ctx)
    about = {(f"p:{p}", f"t:{t}", "theme_link"): [["about", focal if p != focal else f"{focal}'s own quotes"]]
             for p, t in {(r["participant"], r["theme"]) for r in rows if r["theme"]}}
    _theme_links(g, link_units(counted, ctx.book.rollup, index_of(occ), index_of(coders)), about, ctx.book)
    for r in rows:
        key = (f"p:{r['participant']}", f"t:{r['theme']}", "theme_link")
        if r["theme"] and g.has_edge(*key):
            g.edges[key]["timeline"][r["occasion"]] = {"count": int(r["count"]), "change": r["change"],
                                                       "stance": r["stance"],
                                                       "quotes": [q for q in r["evidence"].split(";") if q]}
    shown = sorted({q for _, _, d in g.edges(data=True) for q in d.get("quotes", [])})
    said = b.quotes(shown) if shown else _EMPTY_QUOTES  # the text of the quotes drawn, and only those
    set_quotes(g, said, quote_details(said, counted, ctx.info), quote_text)
    return g


def psw_graph(source: Study | Backend, psw: str, level: str = "subtheme", quote_text: bool = True,
              others: list[str] | None = None) -> nx.MultiDiGraph:
    """The focal person's view under its first name (:func:`focal_graph`), kept for the bundled study's scripts."""
    return focal_graph(source, psw, level=level, quote_text=quote_text, others=others)
