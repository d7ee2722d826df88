"""The theme network: two themes are linked when coded in the same interview, with the theme tree drawn.

Examples
--------
>>> from graphstudy import load_study
>>> g = themes_graph(load_study(), level="theme")
>>> g.number_of_nodes(), g.nodes["t:perceptions"]["interviews"]
(3, 16)
"""

from __future__ import annotations

import math
from collections import defaultdict
from itertools import combinations
from typing import Any

import networkx as nx

from ..engines.base import Backend
from ..errors import GraphStudyError
from ..frames import each
from ..model import Study
from ..queries import with_occasion
from .evidence import coder_names, index_of
from .look import occasion_table
from .parts import Context, add_hierarchy, add_theme, new_graph

__all__ = ["themes_graph"]


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
        Theme nodes with ``interviews`` (how many interviews coded the theme),
        ``prevalence`` (that share of the interviews considered) and ``units``
        (one per interview: ``[interview id, occasion index, [coder indexes],
        role index]``); ``co_occurrence`` edges with ``count`` (interviews
        coding both), ``interview_ids`` and ``units`` (the coders being those
        who coded both themes there); at sub-theme level ``subtheme_of``
        edges draw the tree. No quote text: counts and ids only.

    Raises
    ------
    GraphStudyError
        When the study has no interview at ``timepoint``.

    Notes
    -----
    Five look-ups; O(c + i * k^2) for c codings, i interviews and k themes per interview.
    """
    ctx = Context(source, level)
    b = ctx.backend
    iv = b.all_interviews()
    cod = b.all_codings()
    if timepoint is not None:
        if timepoint not in set(iv["timepoint"]):
            known = ", ".join(sorted(set(iv["timepoint"])))
            raise GraphStudyError(f"no interview at time point '{timepoint}' in study '{ctx.name}' "
                                  f"(time points: {known})")
        iv, cod = iv[iv["timepoint"] == timepoint], cod[cod["timepoint"] == timepoint]
    occ = occasion_table(ctx.info, iv)
    coders = coder_names(cod)
    where = f" at {ctx.info.timepoint_label(timepoint)}" if timepoint else ""
    g = new_graph(ctx, f"Themes coded together{where}, study {ctx.name}", "themes", occ, coders, list(iv["role"]),
                  slider=False)
    roles, occ_i, coder_i = index_of(r["id"] for r in g.graph["roles"]), index_of(occ), index_of(coders)
    total = iv["interview_id"].nunique()
    iv = with_occasion(iv)
    where_of = {str(i): (occ_i[str(o)], roles.get(str(r), -1)) for i, o, r in each(iv, "interview_id", "occasion", "role")}
    cod = cod.assign(theme=cod["theme_id"].map(ctx.book.rollup), coder=cod["coder"].fillna(""))
    coded: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for iid, theme, coder in each(cod, "interview_id", "theme", "coder"):
        coded[str(iid)][str(theme)].add(coder_i[str(coder)])
    node_units: dict[str, list[list[Any]]] = defaultdict(list)
    pairs: dict[tuple[str, str], list[list[Any]]] = defaultdict(list)
    for iid in sorted(coded):
        o, r = where_of.get(iid, (-1, -1))
        themes = ctx.book.ordered(coded[iid])
        for t in themes:
            node_units[t].append([iid, o, sorted(coded[iid][t]), r])
        for x, y in combinations(themes, 2):
            pairs[(x, y)].append([iid, o, sorted(coded[iid][x] & coded[iid][y]), r])
    for tid in ctx.book.themes:
        us = node_units.get(tid, [])
        share = len(us) / total if total else 0.0
        add_theme(g, ctx, tid, extra=[["interviews", f"{len(us)} of {total}{where} ({share:.0%})"]])
        g.nodes[f"t:{tid}"].update(interviews=len(us), prevalence=share, units=us, size=10 + 40 * math.sqrt(share))
    add_hierarchy(g, ctx)
    for (x, y), us in pairs.items():
        ids = [u[0] for u in us]
        shown = ", ".join(ids[:20]) + (f" and {len(ids) - 20} more" if len(ids) > 20 else "")
        g.add_edge(f"t:{x}", f"t:{y}", key="co_occurrence", kind="co_occurrence", label=str(len(ids)),
                   count=len(ids), interview_ids=ids, units=us,
                   details=[["coded together in", f"{len(ids)} interviews"], ["interviews", shown]])
    return g
