"""One self-contained, offline HTML page per view graph.

pyvis's own templates link Bootstrap and vis-network from CDNs (pyvis issues
#228 and #229) and its ``add_edge`` checks membership in a list (quadratic in
the number of edges), so this module takes over the page: it uses pyvis for
the vis-network build shipped inside its wheel and for the network options,
and writes the nodes and edges straight from the NetworkX graph.

Safety: every data string travels in one JSON block (``<``, ``>``, ``&``,
U+2028 and U+2029 escaped, so no ``</script>`` or ``<!--`` can end it) and the
page's script builds every label, tooltip and legend entry with
``textContent``; a Content-Security-Policy forbids loading anything.

Examples
--------
>>> import json
>>> script_json({"text": "</script><!-- \\u2028"})
'{"text":"\\\\u003c/script\\\\u003e\\\\u003c!-- \\\\u2028"}'
>>> json.loads(script_json({"text": "</script>"}))["text"]
'</script>'
"""

from __future__ import annotations

import html
import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
from pyvis.network import Network

from ..errors import GraphStudyError
from ..files import atomic_path
from .layout import cluster_layout, needs_layout

__all__ = ["EDGE_STYLES", "NODE_STYLES", "STEP_STYLES", "page_data", "render_page", "script_json", "write_page"]

NODE_STYLES: dict[str, dict[str, Any]] = {
    "psw": {"color": "#f28e2b", "shape": "star", "label": "PSW"},
    "service_user": {"color": "#4e79a7", "shape": "dot", "label": "service user"},
    "co_worker": {"color": "#59a14f", "shape": "dot", "label": "co-worker"},
    "family": {"color": "#b07aa1", "shape": "dot", "label": "family member"},
    "theme": {"color": "#e8c547", "shape": "box", "label": "theme"},
    "subtheme": {"color": "#f7eab0", "shape": "box", "label": "sub-theme"},
}
"""Colour, shape and legend text of each node group (participant role, theme level)."""

EDGE_STYLES: dict[str, dict[str, Any]] = {
    "relationship": {"color": "#6b6b6b", "dashes": False, "label": "relationship (arrow to the PSW, labelled with its type)"},
    "theme_link": {"color": "#8c6d57", "dashes": False, "label": "theme link: quotes coded as the theme (width: number)"},
    "subtheme_of": {"color": "#b8b8b8", "dashes": True, "label": "sub-theme of"},
    "co_occurrence": {"color": "#8c6d57", "dashes": False, "label": "coded in the same interview (width: interviews)"},
}
"""Colour, dashes and legend text of each edge kind."""

STEP_STYLES: dict[str, dict[str, Any]] = {
    "appears": {"color": "#1a9850", "dashes": False, "label": "link appears (first or emerged)"},
    "persists": {"color": "#3b5b92", "dashes": False, "label": "link persists (increased, decreased or constant)"},
    "disappears": {"color": "#d73027", "dashes": True, "label": "link disappears (ceased)"},
}
"""How a theme link looks at one occasion, against the person's previous interview."""

_VIS = "templates/lib/vis-9.1.2/vis-network.min.js"


def script_json(data) -> str:
    """``data`` as JSON safe inside an HTML ``<script>`` element.

    ``<``, ``>`` and ``&`` only occur inside JSON strings, so escaping them as
    ``\\u003c`` and so on keeps the JSON equal while no ``</script>`` or
    ``<!--`` can appear; U+2028 and U+2029 are escaped for old parsers.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for raw, esc in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, esc)
    return text


def _vis_network_js() -> str:
    js = (resources.files("pyvis") / _VIS).read_text(encoding="utf-8")
    js = re.sub(r"^//# sourceMappingURL=.*$", "", js, flags=re.MULTILINE)  # no map to fetch from devtools
    if "</script" in js.lower() or "<!--" in js:
        raise GraphStudyError(f"pyvis's {_VIS} contains '</script' or '<!--' and cannot be inlined")
    return js


def _asset(name: str) -> str:
    return (resources.files("graphstudy.views") / name).read_text(encoding="utf-8")


def _options(large: bool) -> dict:
    net = Network(directed=True)
    if large:
        net.toggle_physics(False)
        net.toggle_hide_edges_on_drag(True)
    else:
        net.force_atlas_2based(gravity=-60, spring_length=110, overlap=0.4)
        net.set_edge_smooth("continuous")
        net.toggle_stabilization(True)
    opts = json.loads(net.options.to_json())
    if large:
        opts["edges"]["smooth"] = False
    else:
        opts["physics"]["stabilization"]["iterations"] = 400
    opts["edges"].update(arrows={"to": {"enabled": True, "scaleFactor": 0.5}}, color={"inherit": False},
                         font={"size": 10, "align": "middle", "strokeWidth": 3}, selectionWidth=2)
    opts["nodes"] = {"font": {"size": 13, "face": "Helvetica, Arial, sans-serif"}, "borderWidth": 1,
                     "widthConstraint": {"maximum": 170}}
    opts["interaction"].update(hover=True, tooltipDelay=120, hideEdgesOnZoom=large, navigationButtons=False)
    opts["layout"] = {"improvedLayout": not large, "randomSeed": 7}
    return opts


def _legend(g: nx.MultiDiGraph) -> list[dict]:
    groups = {d.get("group") for _, d in g.nodes(data=True)}
    kinds = {d.get("kind") for _, _, d in g.edges(data=True)}
    items = [{"what": "node", **s} for k, s in NODE_STYLES.items() if k in groups]
    items += [{"what": "edge", **s} for k, s in EDGE_STYLES.items() if k in kinds]
    if g.graph.get("occasions"):
        items += [{"what": "edge", **s} for s in STEP_STYLES.values()]
        items.append({"what": "note", "label": "faded: not interviewed at this occasion"})
    return items


_KEPT_WHEN_REDACTED = {"role", "subrole", "interviewed"}


def _details(details: list, redact_attributes: bool) -> list:
    """A node's tooltip rows, without personal attributes when asked."""
    if not redact_attributes:
        return details
    return [row for row in details if row[0] in _KEPT_WHEN_REDACTED]


def page_data(g: nx.MultiDiGraph, redact_quotes: bool = False, redact_attributes: bool = False) -> dict:
    """What the page's script reads: nodes, edges, styles, legend and the quote texts it may show.

    Examples
    --------
    >>> from graphstudy import load_study
    >>> from graphstudy.views.graph_views import psw_graph
    >>> d = page_data(psw_graph(load_study(), "Sue"), redact_quotes=True)
    >>> d["quotes"], len(d["nodes"]) == 11
    ({}, True)
    """
    large = needs_layout(g)
    pos = cluster_layout(g) if large else {}
    nodes = []
    for n, d in g.nodes(data=True):
        item = {"id": n, "label": d.get("label", n), "name": d.get("name", d.get("label", n)), "group": d.get("group", ""), "kind": d.get("kind", ""),
                "details": _details(d.get("details", []), redact_attributes and d.get("kind") == "participant"), "occasions": d.get("occasions", []), "focus": bool(d.get("focus"))}
        if d.get("size") is not None:
            item["size"] = round(float(d["size"]), 1)
        item.update(pos.get(n, {}))
        nodes.append(item)
    edges = []
    for i, (s, t, d) in enumerate(g.edges(data=True)):
        edges.append({"id": f"e{i}", "from": s, "to": t, "kind": d.get("kind", ""), "label": d.get("label", ""),
                      "details": d.get("details", []), "count": int(d.get("count", 1)),
                      "quotes": d.get("quotes", []), "timeline": d.get("timeline", {})})
    notes = list(g.graph.get("notes", []))
    if redact_quotes:
        notes.append("quote text redacted: tooltips give counts and quote ids only")
    if redact_attributes:
        notes.append("participant attributes redacted: role and subrole only")
    if large:
        notes.append(f"{g.number_of_nodes()} nodes: laid out in advance (a PSW and their people per cluster, "
                     "themes around), physics off")
    return {
        "title": g.graph.get("title", ""), "view": g.graph.get("view", ""), "occasions": g.graph.get("occasions", []),
        "nodes": nodes, "edges": edges, "quotes": {} if redact_quotes else dict(g.graph.get("quotes", {})),
        "notes": notes, "large": large, "options": _options(large), "legend": _legend(g),
        "style": {"nodes": NODE_STYLES, "edges": EDGE_STYLES, "steps": STEP_STYLES},
    }


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; \
style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="graphstudy">
<title>@TITLE@</title>
<style>@CSS@</style>
<script>@VIS@</script>
</head>
<body>
<header><h1>@TITLE@</h1><p id="gs-notes"></p></header>
<div id="gs-controls" hidden>
<button type="button" id="gs-prev" aria-label="previous occasion">&#9664;</button>
<input type="range" id="gs-step" min="0" max="0" value="0" aria-label="occasion">
<button type="button" id="gs-next" aria-label="next occasion">&#9654;</button>
<button type="button" id="gs-play">Play</button>
<span id="gs-occasion"></span> <span id="gs-summary"></span>
</div>
<main><div id="gs-graph"></div><aside id="gs-legend"><h2>Legend</h2><ul id="gs-legend-items"></ul>
<p class="gs-hint">Hover a node or link for details; drag to move, scroll to zoom.</p></aside></main>
<script type="application/json" id="graphstudy-data">@DATA@</script>
<script>@JS@</script>
</body>
</html>
"""


def render_page(g: nx.MultiDiGraph, redact_quotes: bool = False, redact_attributes: bool = False) -> str:
    """The whole HTML page of a view graph, as text."""
    data = page_data(g, redact_quotes=redact_quotes, redact_attributes=redact_attributes)
    parts = {"@TITLE@": html.escape(data["title"]), "@CSS@": _asset("view.css"), "@VIS@": _vis_network_js(),
             "@DATA@": script_json(data), "@JS@": _asset("view.js")}
    # One pass over the fixed template: inserted text is never searched for markers again.
    return re.sub(r"@(?:TITLE|CSS|VIS|DATA|JS)@", lambda m: parts[m.group(0)], _PAGE)


def write_page(g: nx.MultiDiGraph, path: str | Path, redact_quotes: bool = False,
               redact_attributes: bool = False) -> Path:
    """Write the page of ``g`` to ``path`` (through a temporary file, so nothing is half-written).

    Raises
    ------
    GraphStudyError
        When the folder does not exist or the file cannot be written.
    """
    path = Path(path)
    if not path.parent.is_dir():
        raise GraphStudyError(f"{path}: the folder {path.parent} does not exist")
    text = render_page(g, redact_quotes=redact_quotes, redact_attributes=redact_attributes)
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return path
