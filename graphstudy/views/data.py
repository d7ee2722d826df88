"""What a page's script reads: a view graph turned into plain JSON-ready data, with the redactions applied.

Quote text leaves the file with ``redact_quotes`` (quote ids, counts,
citations, occasions, coders and stances stay: the side panel lists them);
participant attributes other than role and subrole leave it with
``redact_attributes`` (from the tooltips, the panel and the search alike: what
is not in the file cannot be shown).

Examples
--------
>>> from graphstudy import load_study
>>> from graphstudy.views.graph_views import focal_graph
>>> d = page_data(focal_graph(load_study(), "Sue"), redact_quotes=True)
>>> len(d["nodes"]), len(d["quotes"]) > 0, any(q[5] is not None for q in d["quotes"].values())
(13, True, False)
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from .groups import GROUP_LIMIT
from .layout import cluster_layout, grouped_layout, needs_layout
from .look import text_colour

__all__ = ["EDGE_STYLES", "STEP_STYLES", "page_data"]

EDGE_STYLES: dict[str, dict[str, Any]] = {
    "relationship": {"color": "#6b6b6b", "dashes": False, "label": "relationship (labelled with its type)"},
    "theme_link": {"color": "#8c6d57", "dashes": False, "label": "theme link: quotes coded as the theme (width: number)"},
    "subtheme_of": {"color": "#b8b8b8", "dashes": True, "label": "sub-theme of its theme"},
    "co_occurrence": {"color": "#8c6d57", "dashes": False, "label": "coded in the same interview (width: interviews)"},
}
"""Colour, dashes and legend text of each edge kind."""

STEP_STYLES: dict[str, dict[str, Any]] = {
    "appears": {"color": "#1a9850", "dashes": False, "label": "link appears (first or emerged)"},
    "persists": {"color": "#3b5b92", "dashes": False, "label": "link persists (increased, decreased or constant)"},
    "disappears": {"color": "#d73027", "dashes": True, "label": "link disappears (ceased)"},
}
"""How a theme link looks at one occasion, against the person's previous interview."""

STATE_STYLES: dict[str, dict[str, Any]] = {
    "overlap": {"color": "#1a9850", "label": "overlap: both voiced it, stances do not differ"},
    "contrast": {"color": "#d73027", "label": "contrast: one side only, or stances differ"},
}
"""How a theme's border reads in the dyad view at one occasion (the rules of graphstudy.queries.dyads)."""

_KEPT_WHEN_REDACTED = {"role", "subrole", "interviewed"}
_NODE_KEYS = ("parent", "side", "accounts", "dyad", "fixed")


def _details(details: list, redact_attributes: bool) -> list:
    """A node's detail rows, without personal attributes when asked."""
    if not redact_attributes:
        return [list(r) for r in details]
    return [list(r) for r in details if r[0] in _KEPT_WHEN_REDACTED]


def _positions(g: nx.MultiDiGraph, grouped: bool) -> tuple[dict[str, dict[str, float]], dict[str, dict[str, float]]]:
    groups = g.graph.get("groups")
    if groups and (grouped or needs_layout(g)):
        return grouped_layout(g, groups["member"], [x["id"] for x in groups["list"]])
    if needs_layout(g):
        return cluster_layout(g), {}
    return {}, {}


def page_data(g: nx.MultiDiGraph, redact_quotes: bool = False, redact_attributes: bool = False,
              grouped: bool | None = None) -> dict[str, Any]:
    """The page's data: nodes, edges, the study's vocabulary, groups, quotes (redacted as asked) and notes.

    Parameters
    ----------
    g : networkx.MultiDiGraph
        A view graph (:mod:`graphstudy.views.graph_views`).
    redact_quotes, redact_attributes : bool
    grouped : bool, optional
        Open a study view grouped (True), with everyone drawn (False), or
        grouped only above :data:`~graphstudy.views.groups.GROUP_LIMIT` nodes (None).

    Notes
    -----
    O(n + m + q) for n nodes, m edges and q quotes, plus the layout above
    :data:`~graphstudy.views.layout.PHYSICS_LIMIT` nodes.
    """
    groups = g.graph.get("groups")
    open_grouped = bool(groups) and (grouped if grouped is not None else g.number_of_nodes() > GROUP_LIMIT)
    pos, centres = _positions(g, open_grouped)
    occ_index = {o: i for i, o in enumerate(g.graph["occasions"])}
    member = groups["member"] if groups else {}
    group_index = {x["id"]: i for i, x in enumerate(groups["list"])} if groups else {}
    nodes = []
    for n, d in g.nodes(data=True):
        label, kind = d.get("label", n), d.get("kind", "")
        person = kind == "participant"
        # compact (the page's script fills in the rest): no label when it is the id, no kind when the id tells
        # (p: a person, t: a theme), no role row (the role's label is in the roles list)
        item: dict[str, Any] = {"id": n, "occ": [occ_index[o] for o in d.get("occasions", []) if o in occ_index],
                                "details": _details([r for r in d.get("details", []) if r[0] not in ("interviewed", "role")],
                                                    redact_attributes and person)}
        if label != n[2:]:
            item["label"] = label
        if d.get("name", label) != label:
            item["name"] = d["name"]
        if kind != {"p": "participant", "t": "theme"}.get(n[:1]):
            item["kind"] = kind
        if d.get("focus"):
            item["focus"] = True
        if person:
            item["role"] = d.get("role", "")
            if n[2:] in member:
                item["grp"] = group_index[member[n[2:]]]
        else:
            item["group"] = d.get("group", "")
        if d.get("color"):
            item["color"], item["fontColor"] = d["color"], text_colour(d["color"])
        if d.get("size") is not None:
            item["size"] = round(float(d["size"]), 1)
        if "units" in d:
            item["units"] = d["units"]
        item.update({k: d[k] for k in _NODE_KEYS if k in d})
        for axis in ("x", "y"):
            if axis in d:
                item[axis] = round(float(d[axis]), 1)
        item.update(pos.get(n, {}))
        nodes.append(item)
    index = {n: i for i, n in enumerate(g.nodes)}
    edges = []
    for s, t, d in g.edges(data=True):  # compact: the page's script fills in what is left out (view_core.js)
        e: dict[str, Any] = {"from": index[s], "to": index[t], "kind": d.get("kind", "")}
        if "units" in d:
            e["units"] = d["units"]
        count = int(d.get("count", 1))
        if count != (len(d["units"]) if "units" in d else 1):
            e["count"] = count
        if d.get("kind") == "relationship":
            e["rel"] = d.get("rel", "")
            if d.get("start") or d.get("end"):
                e["span"] = [d.get("start", ""), d.get("end", "")]
            if not d.get("arrow", True):
                e["arrow"] = False
        about = [r[1] for r in d.get("details", []) if r[0] == "about"]
        if about:
            e["about"] = about[0]
        if "side" in d:
            e["side"] = d["side"]
        edges.append(e)
    texts = {} if redact_quotes else g.graph.get("quotes", {})
    quotes = {}
    for q, i in g.graph.get("quote_info", {}).items():
        text = texts.get(q)
        if text is not None or i["stance"] or i["citation"] or i["about"]:
            quotes[q] = [i["speaker"], occ_index.get(i["occasion"], -1), i["stance"], i["citation"], i["about"], text]
    notes = list(g.graph.get("notes", []))
    if redact_quotes:
        notes.append("quote text redacted: the panel gives quote ids, citations and counts only")
    if redact_attributes:
        notes.append("participant attributes redacted: role and subrole only")
    large = bool(pos)
    if large and not open_grouped:
        notes.append(f"{g.number_of_nodes():,} nodes: laid out in advance, physics off")
    info = g.graph["occasion_info"]
    out: dict[str, Any] = {
        "title": g.graph.get("title", ""), "view": g.graph.get("view", ""), "level": g.graph.get("level", ""),
        "slider": bool(g.graph.get("slider")), "large": large, "notes": notes,
        "occasions": [{"id": o, "label": info[o]["label"], "tp": info[o]["timepoint"], "tpLabel": info[o]["timepoint_label"],
                       "order": info[o]["order"], "wave": info[o]["wave"]} for o in g.graph["occasions"]],
        "roles": g.graph.get("roles", []), "rtypes": g.graph.get("relationship_types", []),
        "coders": g.graph.get("coders", []), "nodes": nodes, "edges": edges, "quotes": quotes,
        "redacted": {"quotes": redact_quotes or not g.graph.get("quotes"), "attributes": redact_attributes},
        "style": {"edges": EDGE_STYLES, "steps": STEP_STYLES, "states": STATE_STYLES},
    }
    if groups:
        out["groups"] = {"by": groups["by"], "open": open_grouped, "limit": GROUP_LIMIT,
                         "list": [{**x, **centres.get(x["id"], {})} for x in groups["list"]]}
    return out
