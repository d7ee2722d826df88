"""The embedded engine: a study as a NetworkX multi-digraph, no server needed.

Nodes (``kind`` attribute, id prefix):

- ``Participant`` (``p:``), ``Interview`` (``i:``), ``Occasion`` (``o:``),
  ``Quote`` (``q:``), ``Theme`` (``t:``).

Edges (the edge key is its type):

- participant ``GAVE`` interview; interview ``AT`` occasion;
- interview ``HAS_QUOTE`` quote; quote ``ABOUT`` participant (anyone the quote is about);
- quote ``CODED_AS`` theme (key ``CODED_AS`` or ``CODED_AS|coder``, attribute ``coder``);
- theme ``SUBTHEME_OF`` theme;
- participant ``SUPERVISES`` / ``MENTORS`` / ``SERVED_BY`` / ``FAMILY_OF`` /
  ``COLLEAGUE_OF`` / any declared type, participant (between any two people;
  attributes ``start`` and ``end``, the time it holds; key ``TYPE``, or
  ``TYPE|start|end`` when it has a span, so one pair may hold a type twice).

The same labels and relationship types are used in Neo4j (``cypher/``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import networkx as nx
import pandas as pd

from ..model import Study, StudyInfo, occasion_id
from .base import TABLES, Backend, canonical_table, sort_lookup

__all__ = ["EmbeddedBackend", "build_graph", "node_id"]

_PREFIX = {"Participant": "p:", "Interview": "i:", "Occasion": "o:", "Quote": "q:", "Theme": "t:"}


def node_id(kind: str, key: str) -> str:
    """The graph node id of a record: ``node_id("Participant", "Sue") == "p:Sue"``."""
    return _PREFIX[kind] + str(key)


def _add_nodes(g: nx.MultiDiGraph, ids: Iterable[str], attrs: Iterable[dict[str, Any]]) -> None:
    """Add nodes straight into the graph's dicts (what ``add_nodes_from`` does, without its per-node overhead)."""
    node, succ, pred = g._node, g._succ, g._pred
    for n, a in zip(ids, attrs):
        node[n] = a
        succ[n] = {}
        pred[n] = {}


def _add_edges(g: nx.MultiDiGraph, us: Iterable[str], vs: Iterable[str], keys: Iterable[str],
               attrs: Iterable[dict[str, Any]] | None = None) -> None:
    """Add multi-edges straight into the adjacency dicts, as ``MultiDiGraph.add_edge`` lays them out
    (``succ[u][v]`` and ``pred[v][u]`` are one key dict). Both ends must already be nodes."""
    succ, pred = g._succ, g._pred
    for u, v, k, a in zip(us, vs, keys, attrs if attrs is not None else ({} for _ in iter(int, 1))):
        out = succ[u]
        keydict = out.get(v)
        if keydict is None:
            keydict = out[v] = {}
            pred[v][u] = keydict
        keydict[k] = a


def _col(frame: pd.DataFrame, name: str) -> list[Any]:
    return frame[name].tolist()


def build_graph(study: Study) -> nx.MultiDiGraph:
    """Build the study graph.

    Examples
    --------
    >>> from graphstudy import load_study
    >>> g = build_graph(load_study())
    >>> g.nodes["p:Sue"]["role"]
    'psw'
    >>> sorted({k for _, _, k in g.out_edges("p:User15", keys=True)})
    ['GAVE', 'SERVED_BY']

    Notes
    -----
    O(n + m) for n records and m links. Nodes and edges go straight into
    NetworkX's adjacency dicts (the layout ``add_edges_from`` produces, about
    five times faster), so a million quotes (about 3.5 million edges) build in
    well under a minute (``bench/embedded.py``).
    """
    g = nx.MultiDiGraph(study=study.name)
    order = study.timepoint_order
    p = study.participants
    pcols = list(p.columns)
    _add_nodes(g, [f"p:{i}" for i in _col(p, "id")],
               ({"kind": "Participant", **dict(zip(pcols, row))} for row in zip(*(_col(p, c) for c in pcols))))
    th = study.themes
    tid, tname, tpar = _col(th, "id"), _col(th, "name"), _col(th, "parent_id")
    _add_nodes(g, [f"t:{i}" for i in tid],
               ({"kind": "Theme", "id": i, "name": n, "parent_id": par, "position": k}
                for k, (i, n, par) in enumerate(zip(tid, tname, tpar))))
    sub = [(c, par) for c, par in zip(tid, tpar) if par]
    _add_edges(g, [f"t:{c}" for c, _ in sub], [f"t:{par}" for _, par in sub], ["SUBTHEME_OF"] * len(sub))
    iv = study.interviews
    iid, ipid, itp, iw, idate = _col(iv, "id"), _col(iv, "participant_id"), _col(iv, "timepoint"), [int(w) for w in _col(iv, "wave")], _col(iv, "date")
    iocc = [occasion_id(tp, w) for tp, w in zip(itp, iw)]
    occ = dict(zip(iocc, zip(itp, iw)))
    _add_nodes(g, [f"o:{o}" for o in occ],
               ({"kind": "Occasion", "id": o, "timepoint": tp, "wave": w, "order": order.get(tp, 0)} for o, (tp, w) in occ.items()))
    inodes = [f"i:{i}" for i in iid]
    _add_nodes(g, inodes, ({"kind": "Interview", "id": i, "timepoint": tp, "wave": w, "order": order.get(tp, 0), "date": d}
                           for i, tp, w, d in zip(iid, itp, iw, idate)))
    _add_edges(g, [f"p:{x}" for x in ipid], inodes, ["GAVE"] * len(iid))
    _add_edges(g, inodes, [f"o:{o}" for o in iocc], ["AT"] * len(iid))
    q = study.quotes
    qid = _col(q, "id")
    qnodes = [f"q:{x}" for x in qid]
    _add_nodes(g, qnodes, ({"kind": "Quote", "id": i, "text": t, "stance": st, "citation": c}
                           for i, t, st, c in zip(qid, _col(q, "text"), _col(q, "stance"), _col(q, "citation"))))
    _add_edges(g, [f"i:{x}" for x in _col(q, "interview_id")], qnodes, ["HAS_QUOTE"] * len(qid))
    about = [(qn, who) for qn, a in zip(qnodes, _col(q, "about")) if a for who in (a.split(";") if ";" in a else (a,))]
    _add_edges(g, [qn for qn, _ in about], [f"p:{w.strip()}" for _, w in about], ["ABOUT"] * len(about))
    c = study.codings
    coders = _col(c, "coder")
    _add_edges(g, [f"q:{x}" for x in _col(c, "quote_id")], [f"t:{x}" for x in _col(c, "theme_id")],
               [f"CODED_AS|{k}" if k else "CODED_AS" for k in coders], ({"coder": k} for k in coders))
    r = study.relationships
    starts, ends = _col(r, "start"), _col(r, "end")
    _add_edges(g, [f"p:{x}" for x in _col(r, "source_id")], [f"p:{x}" for x in _col(r, "target_id")],
               [f"{t}|{a}|{b}" if a or b else t for t, a, b in zip(_col(r, "type"), starts, ends)],
               ({"start": a, "end": b} for a, b in zip(starts, ends)))
    getattr(g, "__networkx_cache__", {}).clear()
    return g


def _edge_type(key: str) -> str:
    return key.split("|", 1)[0]


class EmbeddedBackend(Backend):
    """Answers the look-ups of :class:`~graphstudy.engines.base.Backend` by walking the graph.

    The graph is built the first time a look-up needs it, so an engine
    asked only for the whole study (an export) builds none.

    Examples
    --------
    >>> from graphstudy import load_study
    >>> b = EmbeddedBackend(load_study())
    >>> sorted(b.linked_people("Sue", "service_user")["participant"])
    ['User14', 'User15']
    >>> b.codings_of(["User15"]).loc[0, ["quote_id", "theme_id", "coder"]].tolist()
    ['q002', 'perceptions', '']
    >>> b.study_info().timepoint_label("T3")
    'Employment'
    """

    name = "embedded"

    def __init__(self, study: Study, graph: nx.MultiDiGraph | None = None) -> None:
        self.study = study
        self.study_name = study.name
        self._graph = graph

    @property
    def graph(self) -> nx.MultiDiGraph:
        """The study graph (see :func:`build_graph`), built on first use."""
        if self._graph is None:
            self._graph = build_graph(self.study)
        return self._graph

    # ---- the study as a whole -------------------------------------------
    def study_info(self) -> StudyInfo:
        return self.study.info

    def table(self, kind: str) -> pd.DataFrame:
        return canonical_table(kind, getattr(self.study, kind) if kind in TABLES else pd.DataFrame())

    def whole_study(self) -> Study:
        """The study itself: the embedded engine is built from it."""
        return self.study

    # ---- helpers --------------------------------------------------------
    def _interviews(self, pnode: str) -> Iterator[tuple[str, dict[str, Any]]]:
        g = self.graph
        for _, inode, key in g.out_edges(pnode, keys=True):
            if key == "GAVE":
                yield inode, g.nodes[inode]

    def participants(self, ids: list[str] | None = None) -> pd.DataFrame:
        g = self.graph
        if ids is None:
            nodes = (d for _, d in g.nodes(data=True) if d["kind"] == "Participant")
        else:
            nodes = (g.nodes[f"p:{i}"] for i in ids if f"p:{i}" in g)
        cols = ("id", "role", "subrole", "gender", "age_band", "diagnosis", "agency", "setting")
        rows = [{c: d.get(c, "") for c in cols} for d in nodes]
        return sort_lookup("participants", pd.DataFrame(rows))

    def relationships(self) -> pd.DataFrame:
        g = self.graph
        rows = [{"source_id": g.nodes[s]["id"], "type": _edge_type(k), "target_id": g.nodes[t]["id"],
                 "start": d.get("start", ""), "end": d.get("end", "")}
                for s, t, k, d in g.edges(keys=True, data=True)
                if g.nodes[s]["kind"] == "Participant" and g.nodes[t]["kind"] == "Participant"]
        return sort_lookup("relationships", pd.DataFrame(rows))

    def quotes(self, ids: list[str]) -> pd.DataFrame:
        g = self.graph
        rows = []
        for qid in ids:
            qnode = f"q:{qid}"
            if qnode not in g:
                continue
            d = g.nodes[qnode]
            inode = next(u for u, _, k in g.in_edges(qnode, keys=True) if k == "HAS_QUOTE")
            pnode = next(u for u, _, k in g.in_edges(inode, keys=True) if k == "GAVE")
            about = sorted(g.nodes[t]["id"] for t, keys in g.succ[qnode].items() if "ABOUT" in keys)
            rows.append({"id": d["id"], "interview_id": g.nodes[inode]["id"], "participant": g.nodes[pnode]["id"],
                         "text": d["text"], "about": ";".join(about), "stance": d["stance"], "citation": d["citation"]})
        return sort_lookup("quotes", pd.DataFrame(rows))

    def linked_people(self, focal: str, role: str | None = None) -> pd.DataFrame:
        g = self.graph
        centre = f"p:{focal}"
        rows = []
        if centre in g:
            ends = ((u, k, d) for u, _, k, d in g.in_edges(centre, keys=True, data=True))
            starts = ((v, k, d) for _, v, k, d in g.out_edges(centre, keys=True, data=True))
            for node, key, edge in (*ends, *starts):
                d = g.nodes[node]
                if d["kind"] != "Participant" or (role is not None and d["role"] != role):
                    continue
                rows.append({"participant": d["id"], "role": d["role"], "relationship": _edge_type(key),
                             "start": edge.get("start", ""), "end": edge.get("end", "")})
        return sort_lookup("linked_people", pd.DataFrame(rows))

    def interviews_of(self, participants: list[str]) -> pd.DataFrame:
        rows = []
        for pid in participants:
            pnode = f"p:{pid}"
            if pnode not in self.graph:
                continue
            for _, d in self._interviews(pnode):
                rows.append({"participant": pid, "interview_id": d["id"], "timepoint": d["timepoint"],
                             "wave": d["wave"], "order": d["order"]})
        return sort_lookup("interviews_of", pd.DataFrame(rows))

    def codings_of(self, participants: list[str], about: str | None = None) -> pd.DataFrame:
        g = self.graph
        about_node = f"p:{about}" if about is not None else None
        rows = []
        for pid in participants:
            pnode = f"p:{pid}"
            if pnode not in g:
                continue
            for inode, idata in self._interviews(pnode):
                for _, qnode, k in g.out_edges(inode, keys=True):
                    if k != "HAS_QUOTE":
                        continue
                    out = g.succ[qnode]
                    if about_node is not None and not (about_node in out and "ABOUT" in out[about_node]):
                        continue
                    qdata = g.nodes[qnode]
                    for tnode, keys in out.items():
                        for key, edge in keys.items():
                            if _edge_type(key) == "CODED_AS":
                                rows.append({"participant": pid, "interview_id": idata["id"], "timepoint": idata["timepoint"],
                                             "wave": idata["wave"], "order": idata["order"], "quote_id": qdata["id"],
                                             "stance": qdata["stance"], "theme_id": g.nodes[tnode]["id"],
                                             "coder": edge.get("coder", "")})
        return sort_lookup("codings_of", pd.DataFrame(rows))

    def theme_tree(self) -> pd.DataFrame:
        rows = [{"id": d["id"], "name": d["name"], "parent_id": d["parent_id"], "position": d["position"]}
                for _, d in self.graph.nodes(data=True) if d["kind"] == "Theme"]
        return sort_lookup("theme_tree", pd.DataFrame(rows))

    def _every_interview(self) -> Iterator[tuple[dict[str, Any], str, dict[str, Any]]]:
        """``(participant data, interview node, interview data)`` for every interview of the study."""
        for pnode, pdata in self.graph.nodes(data=True):
            if pdata["kind"] == "Participant":
                for inode, idata in self._interviews(pnode):
                    yield pdata, inode, idata

    def all_interviews(self) -> pd.DataFrame:
        rows = []
        for pdata, _, d in self._every_interview():
            rows.append({"participant": pdata["id"], "role": pdata["role"], "interview_id": d["id"],
                             "timepoint": d["timepoint"], "wave": d["wave"], "order": d["order"], "date": d["date"]})
        return sort_lookup("all_interviews", pd.DataFrame(rows))

    def all_codings(self) -> pd.DataFrame:
        g = self.graph
        rows = []
        for pdata, inode, idata in self._every_interview():
            for _, qnode, k in g.out_edges(inode, keys=True):
                if k != "HAS_QUOTE":
                    continue
                for _, tnode, key, ed in g.out_edges(qnode, keys=True, data=True):
                    if _edge_type(key) == "CODED_AS":
                        rows.append({"participant": pdata["id"], "role": pdata["role"], "interview_id": idata["id"],
                                     "timepoint": idata["timepoint"], "wave": idata["wave"], "order": idata["order"],
                                     "quote_id": g.nodes[qnode]["id"], "theme_id": g.nodes[tnode]["id"],
                                     "coder": ed.get("coder", "")})
        return sort_lookup("all_codings", pd.DataFrame(rows))

    def coders(self) -> list[str]:
        return self.study.coders()

    def counts(self) -> dict[str, Any]:
        g = self.graph
        out: dict[str, int] = {}
        for _, d in g.nodes(data=True):
            out[d["kind"]] = out.get(d["kind"], 0) + 1
        for _, _, k in g.edges(keys=True):
            t = _edge_type(k)
            out[t] = out.get(t, 0) + 1
        return dict(sorted(out.items()))
