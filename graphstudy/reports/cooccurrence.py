"""Theme co-occurrence networks per time point, their centrality, and the themes that bridge groups.

Two themes **co-occur** when the same interview has quotes coded as both (the
unit is the interview, not the quote). For each time point (or occasion) the
themes coded there are the nodes of an undirected network whose edges weigh
the number of interviews in which the two themes co-occur. Centrality is
computed with NetworkX on the unweighted network:

``degree``
    How many other themes the theme co-occurs with; ``degree_centrality`` is
    that over (themes - 1).
``betweenness``
    The share of shortest paths between two other themes that pass through
    the theme (``networkx.betweenness_centrality``, normalised).

A theme **bridges stakeholder groups** at a time point when people of two or
more groups (PSWs, service users, co-workers, family) voice it there, so that
it links the groups' accounts. ``bridge_share`` weighs that: each pair of
groups that share at least one theme at the time point counts 1, split evenly
over the themes the pair shares; a theme's share is the sum over the pairs it
joins. This is the theme's betweenness between group nodes in the
group-theme network, counting the direct (group-theme-group) paths only. A
theme that is the only link between two groups has a share of 1 for that
pair.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations

import networkx as nx
import pandas as pd

from ..engines.base import Backend
from ..errors import GraphStudyError
from ..frames import each
from ..model import Study
from ..queries import as_backend, theme_levels, with_occasion
from .compare import grouping

__all__ = ["PER", "Cooccurrence", "cooccurrence"]

PER = ("timepoint", "occasion")
"""Build one network per time point (all waves together) or per occasion."""

NODE_COLUMNS = ["timepoint", "theme", "theme_name", "interviews", "degree", "weighted_degree", "degree_centrality",
                "betweenness", "groups", "bridge", "bridge_share"]
EDGE_COLUMNS = ["timepoint", "theme_a", "theme_b", "interviews", "groups", "interview_ids"]


@dataclass
class Cooccurrence:
    """Co-occurrence networks of one study.

    Attributes
    ----------
    nodes : pandas.DataFrame
        ``timepoint, theme, theme_name, interviews, degree, weighted_degree,
        degree_centrality, betweenness, groups, bridge, bridge_share``: one
        row per time point and theme coded there, ordered by time point and
        codebook (the first column is ``occasion`` when built per occasion).
    edges : pandas.DataFrame
        ``timepoint, theme_a, theme_b, interviews, groups, interview_ids``:
        one row per co-occurring pair (``theme_a`` before ``theme_b`` in the
        codebook).
    graphs : dict
        ``{time point: networkx.Graph}`` with edge attribute ``weight``.
    """

    nodes: pd.DataFrame
    edges: pd.DataFrame
    graphs: dict[str, nx.Graph] = field(default_factory=dict)


def _bridge_shares(voiced: dict[str, set[str]], roles: list[str]) -> dict[str, float]:
    """``{theme: share}`` from ``{theme: groups voicing it}`` (see the module's rule); ``roles`` in the study's order."""
    rank = {r: i for i, r in enumerate(roles)}
    pairs: dict[tuple[str, ...], list[str]] = {}
    for theme, groups in voiced.items():
        for pair in combinations(sorted(groups, key=lambda r: rank[r]), 2):
            pairs.setdefault(pair, []).append(theme)
    share = dict.fromkeys(voiced, 0.0)
    for themes_ in pairs.values():
        for t in themes_:
            share[t] += 1 / len(themes_)
    return share


def cooccurrence(source: Study | Backend, level: str = "subtheme", per: str = "timepoint", by: str = "role") -> Cooccurrence:
    """Theme co-occurrence per time point, with degree, betweenness and group bridges.

    Parameters
    ----------
    source : Study or Backend
    level : {"subtheme", "theme"}
        At ``theme`` level, sub-themes roll up to their theme, so two
        sub-themes of one theme do not co-occur with each other.
    per : {"timepoint", "occasion"}
    by : str
        The participant attribute whose values are the groups of ``groups``
        and ``bridge`` (``role``: the stakeholder groups).

    Returns
    -------
    Cooccurrence

    Examples
    --------
    >>> from graphstudy import load_study
    >>> c = cooccurrence(load_study())
    >>> c.edges.loc[c.edges["timepoint"] == "T2", ["theme_a", "theme_b", "interviews"]].values.tolist()
    [['uncertainty', 'resilience', 1]]
    >>> c.nodes.loc[(c.nodes["timepoint"] == "T3") & c.nodes["bridge"], "theme"].tolist()
    ['connections']

    Notes
    -----
    Building is linear in codings plus, per interview, the pairs of its
    themes; betweenness is O(n m) per network (n themes, m co-occurring pairs).
    """
    if per not in PER:
        raise GraphStudyError(f"per must be one of {', '.join(PER)}; got '{per}'")
    backend = as_backend(source)
    book = theme_levels(backend, level)
    grouped = grouping(backend, by)
    cod = with_occasion(backend.all_codings())
    cod = cod.assign(theme=cod["theme_id"].map(book.rollup), period=cod["timepoint"] if per == "timepoint" else cod["occasion"],
                     role=cod["participant"].map(grouped.of))
    present = set(cod["role"].tolist())
    roles = [g for g in grouped.order if g in present]
    rank = {r: i for i, r in enumerate(roles)}
    keys: dict[str, tuple[int, int]] = {}
    for w, o, period in each(cod, "wave", "order", "period"):
        keys[period] = (int(o), 0 if per == "timepoint" else int(w))
    # one pass over the codings: per period, each interview's themes and group, each theme's interviews and groups
    in_interview: dict[str, dict[str, tuple[set[str], list[str]]]] = {}
    theme_interviews: dict[str, dict[str, set[str]]] = {}
    theme_groups: dict[str, dict[str, set[str]]] = {}
    for iid, theme, role, period in each(cod, "interview_id", "theme", "role", "period"):
        if not isinstance(theme, str):
            continue
        found, first = in_interview.setdefault(period, {}).setdefault(iid, (set(), []))
        found.add(theme)
        if isinstance(role, str) and not first:
            first.append(role)
        theme_interviews.setdefault(period, {}).setdefault(theme, set()).add(iid)
        if isinstance(role, str):
            theme_groups.setdefault(period, {}).setdefault(theme, set()).add(role)
    node_rows, edge_rows, graphs = [], [], {}
    theme_key = book.key
    for period in sorted(keys, key=lambda p: keys[p]):
        g = nx.Graph()
        per_theme = {t: len(ivs) for t, ivs in theme_interviews.get(period, {}).items()}
        g.add_nodes_from(book.ordered(per_theme))
        edge_iv: dict[tuple[str, str], list[str]] = {}
        edge_roles: dict[tuple[str, str], set[str]] = {}
        interviews = in_interview.get(period, {})
        for iid in sorted(interviews):
            found_set, first = interviews[iid]
            for a, b in combinations(book.ordered(found_set), 2):
                edge_iv.setdefault((a, b), []).append(iid)
                edge_roles.setdefault((a, b), set()).update(first[:1])  # the interview's group
        for (a, b), ivs in edge_iv.items():
            g.add_edge(a, b, weight=len(ivs))
        graphs[period] = g
        degree = nx.degree_centrality(g) if len(g) > 1 else dict.fromkeys(g, 0.0)
        between = nx.betweenness_centrality(g, normalized=True)
        voiced = theme_groups.get(period, {})
        shares = _bridge_shares(voiced, roles)
        for t in g.nodes:
            groups = sorted(voiced.get(t, set()), key=lambda r: rank[r])
            node_rows.append({"timepoint": period, "theme": t, "theme_name": book.name(t),
                              "interviews": int(per_theme[t]), "degree": int(g.degree(t)),
                              "weighted_degree": int(g.degree(t, weight="weight")),
                              "degree_centrality": degree[t], "betweenness": between[t],
                              "groups": ";".join(groups), "bridge": len(groups) >= 2,
                              "bridge_share": shares.get(t, 0.0)})
        for (a, b) in sorted(edge_iv, key=lambda e: (theme_key(e[0]), theme_key(e[1]))):
            edge_rows.append({"timepoint": period, "theme_a": a, "theme_b": b, "interviews": len(edge_iv[(a, b)]),
                              "groups": ";".join(sorted(edge_roles[(a, b)], key=lambda r: rank[r])),
                              "interview_ids": ";".join(edge_iv[(a, b)])})
    nodes = pd.DataFrame(node_rows, columns=NODE_COLUMNS)
    edges = pd.DataFrame(edge_rows, columns=EDGE_COLUMNS)
    if per == "occasion":
        nodes, edges = nodes.rename(columns={"timepoint": "occasion"}), edges.rename(columns={"timepoint": "occasion"})
    return Cooccurrence(nodes=nodes, edges=edges, graphs=graphs)
