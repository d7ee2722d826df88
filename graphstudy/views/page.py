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

import copy
import html
import json
import re
from importlib import resources, util
from pathlib import Path
from typing import Any

import networkx as nx

from ..errors import GraphStudyError
from ..files import atomic_path
from .data import EDGE_STYLES, STEP_STYLES, page_data

__all__ = ["EDGE_STYLES", "SCRIPTS", "STEP_STYLES", "page_data", "render_page", "script_json", "write_page"]

SCRIPTS = ("view_core.js", "view_draw.js", "view_panel.js", "view_controls.js", "view_export.js", "view_main.js")
"""The page's script, in the order its parts run (one function scope: the files share their names)."""

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


def _pyvis_folder() -> Path:
    """Where pyvis is installed, found without importing it (its package imports IPython: 0.7 s a command)."""
    spec = util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise GraphStudyError("pyvis is not installed: the views inline its vis-network (pip install pyvis)")
    return Path(next(iter(spec.submodule_search_locations)))


def _vis_network_js() -> str:
    js = (_pyvis_folder() / _VIS).read_text(encoding="utf-8")
    js = re.sub(r"^//# sourceMappingURL=.*$", "", js, flags=re.MULTILINE)  # no map to fetch from devtools
    if "</script" in js.lower() or "<!--" in js:
        raise GraphStudyError(f"pyvis's {_VIS} contains '</script' or '<!--' and cannot be inlined")
    return js


def _asset(name: str) -> str:
    return (resources.files("graphstudy.views") / name).read_text(encoding="utf-8")


PYVIS_OPTIONS: dict[str, Any] = {
    "configure": {"enabled": False},
    "edges": {"color": {"inherit": True}, "smooth": {"enabled": True, "type": "dynamic"}},
    "interaction": {"dragNodes": True, "hideEdgesOnDrag": False, "hideNodesOnDrag": False},
    "physics": {"enabled": True, "stabilization": {"enabled": True, "fit": True, "iterations": 1000,
                                                   "onlyDynamicEdges": False, "updateInterval": 50}},
}
"""The vis-network options of a new ``pyvis.network.Network``, which the views start from
(``tests/test_views.py`` checks them against pyvis 0.3's, and :func:`_options` against what pyvis's own calls give)."""


def _options(large: bool, view: str) -> dict[str, Any]:
    """The vis-network options of a view: :data:`PYVIS_OPTIONS` set as pyvis's ``toggle_physics``,
    ``force_atlas_2based``, ``set_edge_smooth`` and the like set them, then graphstudy's own."""
    opts: dict[str, Any] = copy.deepcopy(PYVIS_OPTIONS)
    if large:
        opts["physics"]["enabled"] = False
        opts["interaction"]["hideEdgesOnDrag"] = True
    else:
        opts["physics"].update(solver="forceAtlas2Based", forceAtlas2Based={
            "gravitationalConstant": -60, "centralGravity": 0.01, "springLength": 110 if view != "dyad" else 160,
            "springConstant": 0.08, "damping": 0.4, "avoidOverlap": 0.4})
        opts["edges"]["smooth"] = {"enabled": True, "type": "continuous"}
        opts["physics"]["stabilization"]["enabled"] = True
    if large:
        opts["edges"]["smooth"] = False
    else:
        opts["physics"]["stabilization"]["iterations"] = 400
    opts["edges"].update(arrows={"to": {"enabled": True, "scaleFactor": 0.5}}, color={"inherit": False},
                         font={"size": 10, "align": "middle", "strokeWidth": 3}, selectionWidth=2)
    opts["nodes"] = {"font": {"size": 13, "face": "Helvetica, Arial, sans-serif", "multi": False}, "borderWidth": 1}
    opts["interaction"].update(hover=True, tooltipDelay=120, hideEdgesOnZoom=large, navigationButtons=False)
    opts["layout"] = {"improvedLayout": not large and view != "dyad", "randomSeed": 7}  # the dyad's two sides are placed
    return opts


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
<header>
<div class="gs-top"><h1>@TITLE@</h1>
<div id="gs-tools" role="toolbar" aria-label="view tools">
<input type="search" id="gs-search" placeholder="Search people, themes, quotes" aria-label="search people, themes and quotes" autocomplete="off">
<button type="button" id="gs-group" hidden></button>
<button type="button" id="gs-fit" title="Fit the whole graph in the window">Fit</button>
<button type="button" id="gs-png" title="Save the picture as shown, as PNG">PNG</button>
<button type="button" id="gs-svg" title="Save the current view as SVG (vector, for the paper)">SVG</button>
</div></div>
<p id="gs-notes"></p>
<p id="gs-status" aria-live="polite"></p>
</header>
<div id="gs-controls" hidden>
<button type="button" id="gs-prev" aria-label="previous occasion">&#9664;</button>
<input type="range" id="gs-step" min="0" max="0" value="0" aria-label="occasion">
<button type="button" id="gs-next" aria-label="next occasion">&#9654;</button>
<button type="button" id="gs-play">Play</button>
<span id="gs-occasion"></span> <span id="gs-summary"></span>
</div>
<main><div id="gs-graph"></div>
<aside id="gs-side">
<div id="gs-results" hidden></div>
<section id="gs-panel" aria-live="polite"><h2 id="gs-panel-title">Details</h2>
<div id="gs-panel-body"><p class="gs-hint">Click a person, a theme or a link to list its quotes here.
Hover for a summary; drag to move, scroll to zoom.</p></div>
<p><button type="button" id="gs-copy" hidden>Copy quotes</button> <span id="gs-copied"></span></p></section>
<details id="gs-filters" open><summary>Filters</summary><div id="gs-filter-body"></div>
<p><button type="button" id="gs-reset">Reset filters</button></p></details>
<details id="gs-legend" open><summary>Legend</summary><ul id="gs-legend-items"></ul></details>
</aside></main>
<div id="gs-tip" role="tooltip" hidden></div>
<script type="application/json" id="graphstudy-data">@DATA@</script>
<script>@JS@</script>
</body>
</html>
"""


def _script() -> str:
    body = "\n".join(_asset(name) for name in SCRIPTS)
    if "</script" in body.lower() or "<!--" in body:
        raise GraphStudyError("the page's script contains '</script' or '<!--' and cannot be inlined")
    return '(function () {\n"use strict";\n' + body + "\n}());"


def render_page(g: nx.MultiDiGraph, redact_quotes: bool = False, redact_attributes: bool = False,
                grouped: bool | None = None) -> str:
    """The whole HTML page of a view graph, as text (``grouped``: see :func:`~graphstudy.views.data.page_data`)."""
    data = page_data(g, redact_quotes=redact_quotes, redact_attributes=redact_attributes, grouped=grouped)
    data["options"] = _options(data["large"] or bool(data.get("groups", {}).get("open")), data["view"])
    parts = {"@TITLE@": html.escape(data["title"]), "@CSS@": _asset("view.css"), "@VIS@": _vis_network_js(),
             "@DATA@": script_json(data), "@JS@": _script()}
    # One pass over the fixed template: inserted text is never searched for markers again.
    return re.sub(r"@(?:TITLE|CSS|VIS|DATA|JS)@", lambda m: parts[m.group(0)], _PAGE)


def write_page(g: nx.MultiDiGraph, path: str | Path, redact_quotes: bool = False,
               redact_attributes: bool = False, grouped: bool | None = None) -> Path:
    """Write the page of ``g`` to ``path`` (through a temporary file, so nothing is half-written).

    Raises
    ------
    GraphStudyError
        When the folder does not exist or the file cannot be written.
    """
    path = Path(path)
    if not path.parent.is_dir():
        raise GraphStudyError(f"{path}: the folder {path.parent} does not exist")
    text = render_page(g, redact_quotes=redact_quotes, redact_attributes=redact_attributes, grouped=grouped)
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return path
