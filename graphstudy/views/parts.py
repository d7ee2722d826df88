"""The building blocks every view graph shares: the study's vocabulary, people, themes, relationships, quotes.

A view graph (a :class:`networkx.MultiDiGraph`) carries, besides its nodes
and edges, everything the page needs to label, colour and filter them
without any look-up of its own (graph attributes):

===================  =====================================================================
attribute            what it holds
===================  =====================================================================
title, view          the page's title; ``study``, ``focal``, ``dyad`` or ``themes``
level                ``subtheme`` or ``theme``
occasions            the occasions in the view, in study order (ids)
occasion_info        ``{occasion: {label, timepoint, timepoint_label, order, wave}}``
slider               whether the page steps through the occasions with a slider
roles                the study's roles in its order: ``id, label, focal, color, shape``
relationship_types   the types in the view: ``id, label``
coders               the coders of the view's codings (``""``: codings naming no coder)
quotes               ``{quote id: text}`` (empty when quote text is left out)
quote_info           ``{quote id: {speaker, occasion, occasion_label, stance, citation, about}}``
notes                lines the page shows under its title
===================  =====================================================================
"""

from __future__ import annotations

from typing import Any

import networkx as nx
import pandas as pd

from ..engines.base import Backend
from ..engines.memo import remembering
from ..frames import each
from ..model import Study
from ..queries import Codebook, as_backend, theme_levels
from .look import relationship_label, role_styles, theme_colours, wrap_label

__all__ = ["ATTRIBUTES", "QUOTE_LIMIT", "QUOTE_TEXT_LIMIT", "Context", "add_hierarchy", "add_people", "add_relationship",
           "add_theme", "new_graph", "orient", "set_quotes", "span_text"]

QUOTE_TEXT_LIMIT = 4_000_000
"""Above this many characters of quote text a view keeps quote ids, citations and counts but leaves the text out (file size)."""

QUOTE_LIMIT = 20_000
"""Above this many quotes the study view does not ask for them: its panel gives quote ids, speakers, occasions and coders."""

ATTRIBUTES = ("subrole", "gender", "age_band", "diagnosis", "agency", "setting")
"""The participant attributes a view shows (all but subrole left out with ``redact_attributes``)."""


class Context:
    """What every view asks once: the engine (remembering its answers), the study's vocabulary, the codebook and colours."""

    def __init__(self, source: Study | Backend, level: str) -> None:
        self.backend: Backend = remembering(as_backend(source))
        self.info = self.backend.study_info()
        self.book: Codebook = theme_levels(self.backend, level)
        self.level = level
        self.colours = theme_colours(self.backend.table("themes"), self.book)
        self.name = self.backend.study_name

    def role_label(self, role: str) -> str:
        return self.info.role_label(role)


def new_graph(ctx: Context, title: str, view: str, occasion_info: dict[str, dict[str, Any]], coders: list[str],
              roles_found: list[str], slider: bool) -> nx.MultiDiGraph:
    """An empty view graph with the study's vocabulary as graph attributes (the module's table)."""
    return nx.MultiDiGraph(title=title, view=view, level=ctx.level, occasions=list(occasion_info),
                           occasion_info=occasion_info, slider=slider and bool(occasion_info),
                           roles=role_styles(ctx.info, sorted(set(roles_found))), relationship_types=[],
                           coders=coders, quotes={}, quote_info={}, notes=[])


def add_people(g: nx.MultiDiGraph, ctx: Context, people: pd.DataFrame, occasions: dict[str, list[str]]) -> None:
    """A node ``p:<id>`` per participant: label (wrapped), role and its label, details and the occasions that count here."""
    focal = set(ctx.info.focal_roles)
    labels = {o: d["label"] for o, d in g.graph["occasion_info"].items()}
    for row in people.to_dict("records"):
        pid, role = str(row["id"]), str(row["role"])
        details = [["role", ctx.role_label(role)]]
        details += [[a.replace("_", " "), str(row[a])] for a in ATTRIBUTES if row.get(a)]
        occ = occasions.get(pid, [])
        details.append(["interviewed", ", ".join(labels.get(o, o) for o in occ) if occ else "never"])
        g.add_node(f"p:{pid}", kind="participant", label=wrap_label(pid), name=pid, group=role, role=role,
                   details=details, occasions=occ, focal_role=role in focal)


def add_theme(g: nx.MultiDiGraph, ctx: Context, tid: str, extra: list | None = None) -> None:
    """A node ``t:<id>`` for a theme (once), with its colour, its parent and its name wrapped, never cut."""
    if f"t:{tid}" in g:
        return
    book = ctx.book
    parent = book.parents.get(tid, "") if ctx.level == "subtheme" else ""
    details = [["theme id", tid], ["level", "sub-theme" if parent else "theme"]]
    if parent:
        details.append(["sub-theme of", book.name(parent)])
    g.add_node(f"t:{tid}", kind="theme", label=wrap_label(book.name(tid)), name=book.name(tid),
               group="subtheme" if parent else "theme", parent=parent, color=ctx.colours.get(tid, "#dddddd"),
               details=details + list(extra or []), occasions=[])


def add_hierarchy(g: nx.MultiDiGraph, ctx: Context) -> None:
    """Each sub-theme's theme (added when missing) and a ``subtheme_of`` edge to it, up to the top of the tree."""
    todo = [n for n, d in g.nodes(data=True) if d.get("kind") == "theme" and d.get("parent")]
    while todo:
        node = todo.pop()
        parent = g.nodes[node]["parent"]
        if f"t:{parent}" not in g:
            add_theme(g, ctx, parent)
            if g.nodes[f"t:{parent}"]["parent"]:
                todo.append(f"t:{parent}")
        if not g.has_edge(node, f"t:{parent}", "subtheme_of"):
            g.add_edge(node, f"t:{parent}", key="subtheme_of", kind="subtheme_of", label="",
                       details=[["sub-theme of", ctx.book.name(parent)]])


def span_text(ctx: Context, start: str, end: str) -> str:
    """How a relationship's span reads: "from Baseline to 3 months", "throughout"."""
    def name(x: str) -> str:
        tp, _, wave = x.partition("_")
        return f"{ctx.info.timepoint_label(tp)}, wave {wave}" if wave else ctx.info.timepoint_label(tp)
    if not start and not end:
        return "throughout"
    if not end:
        return f"from {name(start)}"
    if not start:
        return f"until {name(end)}"
    return f"from {name(start)} to {name(end)}"


def add_relationship(g: nx.MultiDiGraph, ctx: Context, source: str, typ: str, target: str, start: str = "",
                     end: str = "", arrow: bool = True) -> None:
    """A relationship edge between two people (one per type and span), labelled as the study names the type."""
    label = relationship_label(ctx.info, typ)
    key = f"relationship:{typ}"
    if g.has_edge(f"p:{source}", f"p:{target}", key):
        key = f"relationship:{typ}:{start}:{end}"
    between = f"{source} {label} {target}" if arrow else f"{source} and {target}: {label}"
    g.add_edge(f"p:{source}", f"p:{target}", key=key, kind="relationship", rel=typ, label=label, start=start,
               end=end, arrow=arrow, details=[["relationship", between], ["holds", span_text(ctx, start, end)]])
    if typ not in {t["id"] for t in g.graph["relationship_types"]}:
        g.graph["relationship_types"].append({"id": typ, "label": label})


def set_quotes(g: nx.MultiDiGraph, said: pd.DataFrame, details: dict[str, dict[str, str]], quote_text: bool) -> None:
    """The quotes the view may show: details always; text unless left out (asked, or above :data:`QUOTE_TEXT_LIMIT`)."""
    g.graph["quote_info"] = details
    if not quote_text or said.empty:
        return
    chars = int(said["text"].fillna("").str.len().sum())
    if chars > QUOTE_TEXT_LIMIT:
        g.graph["notes"].append(f"quote text left out: {chars:,} characters is above {QUOTE_TEXT_LIMIT:,}; "
                                "the panel gives quote ids, citations and counts")
        return
    g.graph["quotes"] = {str(q): str(t) for q, t in each(said, "id", "text") if str(q) in details}


def orient(ctx: Context, other: str, other_role: str, focal: str, focal_role: str, typ: str) -> tuple[str, str, bool]:
    """Which way a relationship between ``other`` and ``focal`` points, as far as the study's declared roles say."""
    for t in ctx.info.relationship_types:
        if t.id == typ and (t.from_roles or t.to_roles):
            if t.allows(other_role, focal_role):
                return other, focal, True
            if t.allows(focal_role, other_role):
                return focal, other, True
    return other, focal, False
