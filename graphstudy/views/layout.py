"""Positions for graphs too large for the browser's physics, and for grouped views.

With physics on, vis-network needs minutes to settle about 1,500 nodes (pyvis
issue #204). Above :data:`PHYSICS_LIMIT` nodes (and whenever a view has
groups) a view is laid out here instead, in Python, and drawn with physics
off: each focal person with the people linked to them forms a cluster
(NetworkX's shell layout: the focal person in the middle, their people on a
ring), people linked to no focal person of their cluster sit on a grid
ordered by whom they are linked to, and the themes on a circle around
everything. A view with groups of people (the study view) puts the groups'
nodes on a small circle, the themes on a ring around them and each group's
members in a box of their own outside the ring, in the group's direction.

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

__all__ = ["PHYSICS_LIMIT", "cluster_layout", "grouped_layout", "needs_layout"]

PHYSICS_LIMIT = 300
"""Above this many nodes the page is drawn with precomputed positions and physics off."""

_SPACING = 34.0  # pixels between neighbours on a cluster's ring or grid
_GAP = 120.0  # pixels between clusters and between groups

Point = dict[str, float]


def needs_layout(g: nx.MultiDiGraph) -> bool:
    """True when ``g`` is too large for physics in the browser."""
    return g.number_of_nodes() > PHYSICS_LIMIT


def _homes(g: nx.MultiDiGraph) -> dict[str, str]:
    """Each person's focal person (the first by id they have a relationship with, either way round)."""
    home: dict[str, str] = {}
    links = sorted((s, t) for s, t, d in g.edges(data=True) if d.get("kind") == "relationship")
    for s, t in links:
        for a, b in ((s, t), (t, s)):
            if a not in home and g.nodes[b].get("focal_role") and not g.nodes[a].get("focal_role"):
                home[a] = b
    return home


def _block(g: nx.MultiDiGraph, people: list[str],
           homes: dict[str, str]) -> tuple[dict[str, tuple[float, float]], float, float]:
    """Local positions of ``people`` in a box centred on (0, 0), and the box's width and height."""
    home = {n: homes.get(n, "") for n in people if not g.nodes[n].get("focal_role")}
    inside = set(people)
    centres = sorted(n for n in people if g.nodes[n].get("focal_role"))
    members: dict[str, list[str]] = defaultdict(list)
    loose: list[str] = []
    for n in sorted(home, key=lambda n: (home[n], n)):
        (members[home[n]] if home[n] in inside else loose).append(n)
    shells = []
    for c in centres:
        radius = max(60.0, len(members[c]) * _SPACING / (2 * math.pi)) if members[c] else 30.0
        shells.append((c, members[c], radius))
    cell = 2 * max((r for _, _, r in shells), default=0.0) + _GAP
    side = max(1, math.ceil(math.sqrt(len(shells)))) if shells else 0
    pos: dict[str, tuple[float, float]] = {}
    for i, (centre, ring, radius) in enumerate(shells):
        cx, cy = (i % side + 0.5) * cell, (i // side + 0.5) * cell
        pos[centre] = (cx, cy)
        if ring:
            sub = g.subgraph(ring)
            local = nx.shell_layout(sub, nlist=[ring], scale=radius, center=(cx, cy)) if len(ring) > 1 else {ring[0]: (cx, cy - radius)}
            pos.update({n: (float(x), float(y)) for n, (x, y) in local.items()})
    width = side * cell
    height = math.ceil(len(shells) / side) * cell if shells else 0.0
    if loose:
        cols = max(1, math.ceil(math.sqrt(len(loose))))
        top = height + (_GAP / 2 if shells else _SPACING / 2)
        for i, n in enumerate(loose):
            pos[n] = ((i % cols + 0.5) * _SPACING, top + (i // cols) * _SPACING)
        width = max(width, cols * _SPACING)
        height = top + math.ceil(len(loose) / cols) * _SPACING
    width, height = max(width, _SPACING), max(height, _SPACING)
    return {n: (x - width / 2, y - height / 2) for n, (x, y) in pos.items()}, width, height


def _ring(themes: list[str], radius: float) -> dict[str, Point]:
    if not themes:
        return {}
    tpos = nx.circular_layout(themes, scale=radius) if len(themes) > 1 else {themes[0]: (0.0, -radius)}
    return {n: {"x": round(float(x), 1), "y": round(float(y), 1)} for n, (x, y) in tpos.items()}


def cluster_layout(g: nx.MultiDiGraph) -> dict[str, Point]:
    """``{node: {"x": ..., "y": ...}}`` in pixels for every node of a view graph.

    Notes
    -----
    O(n + m log m) time, O(n + m) memory, deterministic (no random start, no iteration).
    """
    people = sorted(n for n, d in g.nodes(data=True) if d.get("kind") != "theme")
    themes = sorted(n for n, d in g.nodes(data=True) if d.get("kind") == "theme")
    local, w, h = _block(g, people, _homes(g)) if people else ({}, 0.0, 0.0)
    pos = {n: {"x": round(x, 1), "y": round(y, 1)} for n, (x, y) in local.items()}
    pos.update(_ring(themes, math.hypot(w, h) / 2 + _GAP * 2))
    return pos


def grouped_layout(g: nx.MultiDiGraph, member: dict[str, str],
                   order: list[str]) -> tuple[dict[str, Point], dict[str, Point]]:
    """Positions of every node and of each group's node: ``(nodes, groups)``.

    The grouped picture is compact: the groups' nodes on a small circle, the
    themes on a ring around them. Each group's members, when drawn, sit in the
    group's box outside the ring, in the direction of the group's node.
    ``member`` maps each participant id to its group id, ``order`` lists the
    group ids in the order they go round the circle.

    Notes
    -----
    O(n + m log m), deterministic.
    """
    people_of: dict[str, list[str]] = defaultdict(list)
    for n in sorted(n for n, d in g.nodes(data=True) if d.get("kind") == "participant"):
        people_of[member.get(n[2:], "")].append(n)
    homes = _homes(g)
    ids = [gid for gid in order if people_of.get(gid)]
    blocks = {gid: _block(g, people_of[gid], homes) for gid in ids}
    inner = 0.0 if len(ids) < 2 else max(220.0, len(ids) * 90 / (2 * math.pi))
    themes = sorted(n for n, d in g.nodes(data=True) if d.get("kind") == "theme")
    ring = inner + 380.0
    halves = {gid: math.hypot(w, h) / 2 for gid, (_, w, h) in blocks.items()}
    widest = max(halves.values(), default=0.0)
    out = max(ring + _GAP * 2 + widest, len(ids) * 2 * (widest + _GAP) / (2 * math.pi))
    pos: dict[str, Point] = {}
    centres: dict[str, Point] = {}
    for i, gid in enumerate(ids):
        angle = -math.pi / 2 + 2 * math.pi * i / max(1, len(ids))
        cx, cy = math.cos(angle), math.sin(angle)
        centres[gid] = {"x": round(inner * cx, 1), "y": round(inner * cy, 1)}
        local = blocks[gid][0]
        bx, by = out * cx, out * cy
        pos.update({n: {"x": round(bx + lx, 1), "y": round(by + ly, 1)} for n, (lx, ly) in local.items()})
    pos.update(_ring(themes, ring))
    return pos, centres
