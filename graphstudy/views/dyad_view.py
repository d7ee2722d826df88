"""One dyad, both sides: A's quotes about B and B's quotes about A, per occasion and theme.

The graph holds what :func:`~graphstudy.queries.dyad` and
:func:`~graphstudy.queries.dyad_summary` answer, drawn: A on the left, B on
the right, the themes either voiced about the other between them. Each side's
theme link carries a ``timeline`` (``count``, ``stance``, quote ids at each
occasion that side was interviewed in the dyad) and ``units``; each theme
node carries ``dyad`` (per occasion: ``voiced``, ``stances``, ``state``,
``trend``, both counts and stances, by the rules of
:mod:`graphstudy.queries.dyads`) and ``accounts`` (converge, diverge, ...).

Examples
--------
>>> from graphstudy import load_study
>>> g = dyad_graph(load_study(), "Sue", "Co-worker07")
>>> g.graph["occasions"], g.nodes["t:uncertainty"]["accounts"]
(['T1', 'T3_1', 'T3_2'], 'not compared')
>>> g.nodes["t:uncertainty"]["dyad"]["T3_1"]["voiced"], g.edges["p:Co-worker07", "t:uncertainty", "theme_link"]["count"]
('only b', 2)
"""

from __future__ import annotations

from typing import Any

import networkx as nx
import pandas as pd

from ..engines.base import Backend
from ..frames import each
from ..model import Study
from ..queries import dyad, dyad_summary, person_occasions, relationships_between, within_spans
from .evidence import coder_names, index_of, link_units, quote_details
from .look import occasion_table
from .parts import Context, add_hierarchy, add_people, add_relationship, add_theme, new_graph, orient, set_quotes

__all__ = ["dyad_graph"]

_SIDE_X = 380.0


def dyad_graph(source: Study | Backend, a: str, b: str, level: str = "subtheme", quote_text: bool = True) -> nx.MultiDiGraph:
    """Both partners' accounts of each other, occasion by occasion (see the module).

    Parameters
    ----------
    source : Study or Backend
    a, b : str
        Two participants with at least one relationship between them (either way round).
    level : {"subtheme", "theme"}
    quote_text : bool
        Keep the quotes' text for the side panel.

    Raises
    ------
    UnknownParticipant
        When either is not in the study.
    GraphStudyError
        When they have no relationship.

    Notes
    -----
    The look-ups of :func:`~graphstudy.queries.dyad` (asked once, shared with
    the summary) and one ``quotes`` and the themes table: nine in all,
    whatever the study's size.
    """
    ctx = Context(source, level)
    be = ctx.backend
    rows = dyad(be, a, b, level)
    summary = dyad_summary(be, a, b, level)
    links = relationships_between(be, a, b)
    people = be.participants(sorted({a, b}))
    spans = list(each(links, "start", "end"))
    order = ctx.info.timepoint_order
    iv = be.interviews_of(sorted({a, b}))
    iv = iv[within_spans(iv, spans, order)]
    occ = occasion_table(ctx.info, iv)
    occasions = person_occasions(iv)
    cod = pd.concat([be.codings_of([a], about=b), be.codings_of([b], about=a)], ignore_index=True)
    cod = cod[within_spans(cod, spans, order)]
    coders = coder_names(cod)
    g = new_graph(ctx, f"Dyad {a} and {b}, study {ctx.name}", "dyad", occ, coders, list(people["role"]), slider=True)
    add_people(g, ctx, people, occasions)
    roles = dict(each(people, "id", "role"))
    for side, pid in (("a", a), ("b", b)):
        g.nodes[f"p:{pid}"].update(focus=True, side=side, x=-_SIDE_X if side == "a" else _SIDE_X, y=0.0, fixed=True)
    for typ, start, end in each(links, "relationship", "start", "end"):
        s, t, arrow = orient(ctx, b, roles.get(b, ""), a, roles.get(a, ""), typ)
        add_relationship(g, ctx, s, typ, t, start, end, arrow)
    voiced = rows[rows["theme"] != ""]
    for t in ctx.book.ordered(voiced["theme"]):
        add_theme(g, ctx, t)
    add_hierarchy(g, ctx)
    for theme_id, sub in voiced.groupby("theme"):
        g.nodes[f"t:{theme_id}"]["dyad"] = {
            str(r["occasion"]): {k: (int(r[k]) if k.endswith("_count") else str(r[k]))
                                 for k in ("voiced", "stances", "state", "trend", "a_count", "b_count", "a_stance", "b_stance")}
            for r in sub.to_dict("records")}
    for r in summary.to_dict("records"):
        node = g.nodes[f"t:{r['theme']}"]
        node["accounts"] = str(r["accounts"])
        node["details"] += [["accounts", f"{r['accounts']} ({r['occasions']} compared occasions)"],
                            [f"{a}'s quotes about {b}", str(r["a_total"])], [f"{b}'s quotes about {a}", str(r["b_total"])]]
    units = link_units(cod, ctx.book.rollup, index_of(occ), index_of(coders))
    for (pid, theme), us in sorted(units.items()):
        other = b if pid == a else a
        side = "a" if pid == a else "b"
        timeline: dict[str, dict[str, Any]] = {}
        for r in voiced[voiced["theme"] == theme].to_dict("records"):
            if r[f"{side}_interviewed"]:
                timeline[str(r["occasion"])] = {"count": int(r[f"{side}_count"]), "stance": str(r[f"{side}_stance"]),
                                                "quotes": [q for q in str(r[f"{side}_evidence"]).split(";") if q]}
        g.add_edge(f"p:{pid}", f"t:{theme}", key="theme_link", kind="theme_link", label=str(len(us)), count=len(us),
                   quotes=[u[0] for u in us], units=us, timeline=timeline, side=side,
                   details=[["about", other], ["quotes", str(len(us))]])
    ids = sorted(set(cod["quote_id"]))
    said = be.quotes(ids) if ids else pd.DataFrame(columns=["id", "participant", "text", "about", "stance", "citation"])
    set_quotes(g, said, quote_details(said, cod, ctx.info), quote_text)
    return g
