"""Positions for graphs too large for the browser's physics.

With physics on, vis-network needs minutes to settle about 1,500 nodes (pyvis
issue #204). Above :data:`PHYSICS_LIMIT` nodes a view is laid out here instead,
in Python, and drawn with physics off: each PSW with the people linked to
them forms a cluster (NetworkX's shell layout: the PSW in the middle, their
people on a ring), the clusters sit on a square grid and the themes on a
circle around the grid.

Examples
--------
>>> from graphstudy import load_study
>>> from graphstudy.views.graph_views import study_graph
>>> pos = cluster_layout(study_graph(load_study()))
>>> len(pos), sorted(pos["p:Sue"])
(33, ['x', 'y'])
"""

from __future__ import annotations

import math
from collections import defaultdict

import networkx as nx

__all__ = ["PHYSICS_LIMIT", "cluster_layout", "needs_layout"]

PHYSICS_LIMIT = 300
"""Above this many nodes the page is drawn with precomputed positions and physics off."""

_SPACING = 34.0  # pixels between neighbours on a cluster's ring


def needs_layout(g: nx.MultiDiGraph) -> bool:
    """True when ``g`` is too large for physics in the browser."""
    return g.number_of_nodes() > PHYSICS_LIMIT


def _clusters(g: nx.MultiDiGraph) -> tuple[dict[str, list[str]], list[str]]:
    """``{centre: [members]}`` (a PSW and the people linked to them) and the theme nodes."""
    centres = sorted(n for n, d in g.nodes(data=True) if d.get("group") == "psw")
    themes = sorted(n for n, d in g.nodes(data=True) if d.get("kind") == "theme")
    home: dict[str, str] = {}
    for s, t, d in sorted(g.edges(data=True), key=lambda e: (e[0], e[1])):
        if d.get("kind") == "relationship" and s not in home and t in centres:
            home[s] = t
    members: dict[str, list[str]] = defaultdict(list)
    for c in centres:
        members[c]
    for n, d in sorted(g.nodes(data=True)):
        if d.get("kind") != "theme" and n not in centres:
            members[home.get(n, "")].append(n)
    return dict(members), themes


def cluster_layout(g: nx.MultiDiGraph) -> dict[str, dict[str, float]]:
    """``{node: {"x": ..., "y": ...}}`` in pixels for every node of a view graph.

    Notes
    -----
    O(n + m) time and memory, deterministic (no random start, no iteration).
    """
    members, themes = _clusters(g)
    shells = []
    for centre, people in sorted(members.items()):
        radius = max(60.0, len(people) * _SPACING / (2 * math.pi))
        shells.append((centre, people, radius))
    cell = 2 * max((r for _, _, r in shells), default=60.0) + 80.0
    side = max(1, math.ceil(math.sqrt(len(shells))))
    pos: dict[str, dict[str, float]] = {}
    for i, (centre, people, radius) in enumerate(shells):
        cx, cy = (i % side - (side - 1) / 2) * cell, (i // side - (side - 1) / 2) * cell
        nodes = [centre] if centre else []
        sub = g.subgraph(nodes + people)
        nlist = [nodes, people] if nodes and people else [nodes or people]
        local = nx.shell_layout(sub, nlist=nlist, scale=radius * len(nlist), center=(cx, cy)) if len(sub) > 1 else dict.fromkeys(sub, (cx, cy))
        pos.update({n: {"x": round(float(x), 1), "y": round(float(y), 1)} for n, (x, y) in local.items()})
    if themes:
        ring = side * cell / 2 * math.sqrt(2) + cell
        tpos = nx.circular_layout(themes, scale=ring) if len(themes) > 1 else {themes[0]: (0.0, -ring)}
        pos.update({n: {"x": round(float(x), 1), "y": round(float(y), 1)} for n, (x, y) in tpos.items()})
    return pos
