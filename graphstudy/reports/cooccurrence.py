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
from ..model import ROLES, Study, occasion_id
from ..queries import as_backend, theme_levels

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
    graphs: dict = field(default_factory=dict)


def _role_key(role: str) -> int:
    return ROLES.index(role) if role in ROLES else len(ROLES)


def _bridge_shares(voiced: dict[str, set]) -> dict[str, float]:
    """``{theme: share}`` from ``{theme: groups voicing it}`` (see the module's rule)."""
    pairs: dict[tuple, list] = {}
    for theme, groups in voiced.items():
        for pair in combinations(sorted(groups, key=_role_key), 2):
            pairs.setdefault(pair, []).append(theme)
    share = dict.fromkeys(voiced, 0.0)
    for themes_ in pairs.values():
        for t in themes_:
            share[t] += 1 / len(themes_)
    return share


def cooccurrence(source: Study | Backend, level: str = "subtheme", per: str = "timepoint") -> Cooccurrence:
    """Theme co-occurrence per time point, with degree, betweenness and group bridges.

    Parameters
    ----------
    source : Study or Backend
    level : {"subtheme", "theme"}
        At ``theme`` level, sub-themes roll up to their theme, so two
        sub-themes of one theme do not co-occur with each other.
    per : {"timepoint", "occasion"}

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
    rollup, names, pos = theme_levels(backend, level)
    cod = backend.all_codings()
    cod = cod.assign(theme=cod["theme_id"].map(rollup),
                     period=cod["timepoint"] if per == "timepoint" else
                     [occasion_id(t, w) for t, w in zip(cod["timepoint"], cod["wave"])])
    keys = {}
    for t, w, o, period in zip(cod["timepoint"], cod["wave"], cod["order"], cod["period"]):
        keys[period] = (int(o), 0 if per == "timepoint" else int(w))
    node_rows, edge_rows, graphs = [], [], {}
    theme_key = lambda t: (pos.get(t, 0), t)  # noqa: E731
    for period in sorted(keys, key=lambda p: keys[p]):
        sub = cod[cod["period"] == period]
        g = nx.Graph()
        per_theme = sub.groupby("theme")["interview_id"].nunique().to_dict()
        g.add_nodes_from(sorted(per_theme, key=theme_key))
        by_interview = sub.groupby("interview_id", sort=True).agg(themes=("theme", lambda s: sorted(set(s), key=theme_key)),
                                                                   role=("role", "first"))
        edge_iv: dict[tuple, list] = {}
        edge_roles: dict[tuple, set] = {}
        for iid, r in by_interview.iterrows():
            for a, b in combinations(r["themes"], 2):
                edge_iv.setdefault((a, b), []).append(iid)
                edge_roles.setdefault((a, b), set()).add(r["role"])
        for (a, b), ivs in edge_iv.items():
            g.add_edge(a, b, weight=len(ivs))
        graphs[period] = g
        degree = nx.degree_centrality(g) if len(g) > 1 else dict.fromkeys(g, 0.0)
        between = nx.betweenness_centrality(g, normalized=True)
        voiced = sub.groupby("theme")["role"].agg(set).to_dict()
        shares = _bridge_shares(voiced)
        for t in g.nodes:
            groups = sorted(voiced.get(t, set()), key=_role_key)
            node_rows.append({"timepoint": period, "theme": t, "theme_name": names.get(t, t),
                              "interviews": int(per_theme[t]), "degree": int(g.degree(t)),
                              "weighted_degree": int(g.degree(t, weight="weight")),
                              "degree_centrality": round(degree[t], 4), "betweenness": round(between[t], 4),
                              "groups": ";".join(groups), "bridge": len(groups) >= 2,
                              "bridge_share": round(shares.get(t, 0.0), 4)})
        for (a, b) in sorted(edge_iv, key=lambda e: (theme_key(e[0]), theme_key(e[1]))):
            edge_rows.append({"timepoint": period, "theme_a": a, "theme_b": b, "interviews": len(edge_iv[(a, b)]),
                              "groups": ";".join(sorted(edge_roles[(a, b)], key=_role_key)),
                              "interview_ids": ";".join(edge_iv[(a, b)])})
    nodes = pd.DataFrame(node_rows, columns=NODE_COLUMNS)
    edges = pd.DataFrame(edge_rows, columns=EDGE_COLUMNS)
    if per == "occasion":
        nodes, edges = nodes.rename(columns={"timepoint": "occasion"}), edges.rename(columns={"timepoint": "occasion"})
    return Cooccurrence(nodes=nodes, edges=edges, graphs=graphs)
