"""The embedded engine: a study as a NetworkX multi-digraph, no server needed.

Nodes (``kind`` attribute, id prefix):

- ``Participant`` (``p:``), ``Interview`` (``i:``), ``Occasion`` (``o:``),
  ``Quote`` (``q:``), ``Theme`` (``t:``).

Edges (the edge key is its type):

- participant ``GAVE`` interview; interview ``AT`` occasion;
- interview ``HAS_QUOTE`` quote; quote ``ABOUT`` participant (a PSW);
- quote ``CODED_AS`` theme (key ``CODED_AS`` or ``CODED_AS|coder``, attribute ``coder``);
- theme ``SUBTHEME_OF`` theme;
- participant ``SUPERVISES`` / ``MENTORS`` / ``SERVED_BY`` / ``FAMILY_OF`` /
  ``COLLEAGUE_OF`` / any declared type, participant (always towards the PSW).

The same labels and relationship types are used in Neo4j (``cypher/``).
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

from .backend import Backend, sort_lookup
from .model import Study, occasion_id, split_ids

__all__ = ["build_graph", "EmbeddedBackend", "node_id"]

_PREFIX = {"Participant": "p:", "Interview": "i:", "Occasion": "o:", "Quote": "q:", "Theme": "t:"}


def node_id(kind: str, key: str) -> str:
    """The graph node id of a record: ``node_id("Participant", "Sue") == "p:Sue"``."""
    return _PREFIX[kind] + str(key)


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
    O(n + m) for n records and m links; a million quotes (about 3.5 million
    edges) build in well under a minute and a few GiB of memory (``bench/``).
    """
    g = nx.MultiDiGraph(study=study.name)
    order = study.timepoint_order
    p = study.participants
    g.add_nodes_from(
        (f"p:{r[0]}", {"kind": "Participant", "id": r[0], "role": r[1], "subrole": r[2]})
        for r in zip(p["id"], p["role"], p["subrole"])
    )
    for row in p.to_dict("records"):
        g.nodes[f"p:{row['id']}"].update({k: v for k, v in row.items() if k not in ("id", "role", "subrole")})
    th = study.themes
    g.add_nodes_from(
        (f"t:{r[0]}", {"kind": "Theme", "id": r[0], "name": r[1], "parent_id": r[2], "position": i})
        for i, r in enumerate(zip(th["id"], th["name"], th["parent_id"]))
    )
    g.add_edges_from(
        (f"t:{c}", f"t:{par}", "SUBTHEME_OF", {}) for c, par in zip(th["id"], th["parent_id"]) if par
    )
    iv = study.interviews
    occ = {occasion_id(tp, w): (tp, int(w)) for tp, w in zip(iv["timepoint"], iv["wave"])}
    g.add_nodes_from(
        (f"o:{oid}", {"kind": "Occasion", "id": oid, "timepoint": tp, "wave": w, "order": order.get(tp, 0)})
        for oid, (tp, w) in occ.items()
    )
    g.add_nodes_from(
        (f"i:{i}", {"kind": "Interview", "id": i, "timepoint": tp, "wave": int(w), "order": order.get(tp, 0), "date": d})
        for i, tp, w, d in zip(iv["id"], iv["timepoint"], iv["wave"], iv["date"])
    )
    g.add_edges_from((f"p:{pid}", f"i:{i}", "GAVE", {}) for i, pid in zip(iv["id"], iv["participant_id"]))
    g.add_edges_from(
        (f"i:{i}", f"o:{occasion_id(tp, w)}", "AT", {}) for i, tp, w in zip(iv["id"], iv["timepoint"], iv["wave"])
    )
    q = study.quotes
    g.add_nodes_from(
        (f"q:{qid}", {"kind": "Quote", "id": qid, "text": text, "stance": st, "citation": cit})
        for qid, text, st, cit in zip(q["id"], q["text"], q["stance"], q["citation"])
    )
    g.add_edges_from((f"i:{i}", f"q:{qid}", "HAS_QUOTE", {}) for qid, i in zip(q["id"], q["interview_id"]))
    g.add_edges_from(
        (f"q:{qid}", f"p:{who}", "ABOUT", {})
        for qid, about in zip(q["id"], q["about"]) if about
        for who in split_ids(about)
    )
    c = study.codings
    g.add_edges_from(
        (f"q:{qid}", f"t:{tid}", f"CODED_AS|{coder}" if coder else "CODED_AS", {"coder": coder})
        for qid, tid, coder in zip(c["quote_id"], c["theme_id"], c["coder"])
    )
    r = study.relationships
    g.add_edges_from((f"p:{s}", f"p:{t}", typ, {}) for s, typ, t in zip(r["source_id"], r["type"], r["target_id"]))
    return g


def _edge_type(key: str) -> str:
    return key.split("|", 1)[0]


class EmbeddedBackend(Backend):
    """Answers the look-ups of :class:`~graphstudy.backend.Backend` by walking the graph.

    Examples
    --------
    >>> from graphstudy import load_study
    >>> b = EmbeddedBackend(load_study())
    >>> sorted(b.linked_people("Sue", "service_user")["participant"])
    ['User14', 'User15']
    """

    name = "embedded"

    def __init__(self, study: Study, graph: nx.MultiDiGraph | None = None):
        self.study = study
        self.study_name = study.name
        self.graph = graph if graph is not None else build_graph(study)

    # ---- helpers --------------------------------------------------------
    def _interviews(self, pnode: str):
        g = self.graph
        for _, inode, key in g.out_edges(pnode, keys=True):
            if key == "GAVE":
                yield inode, g.nodes[inode]

    def participants(self, ids=None) -> pd.DataFrame:
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
        rows = [{"source_id": g.nodes[s]["id"], "type": k, "target_id": g.nodes[t]["id"]}
                for s, t, k in g.edges(keys=True)
                if g.nodes[s]["kind"] == "Participant" and g.nodes[t]["kind"] == "Participant"]
        return sort_lookup("relationships", pd.DataFrame(rows))

    def quotes(self, ids) -> pd.DataFrame:
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

    def linked_people(self, psw, role=None) -> pd.DataFrame:
        g = self.graph
        target = f"p:{psw}"
        rows = []
        if target in g:
            for src, _, key in g.in_edges(target, keys=True):
                d = g.nodes[src]
                if d["kind"] != "Participant" or key in ("ABOUT",):
                    continue
                if role is None or d["role"] == role:
                    rows.append({"participant": d["id"], "role": d["role"], "relationship": key})
        return sort_lookup("linked_people", pd.DataFrame(rows))

    def interviews_of(self, participants) -> pd.DataFrame:
        rows = []
        for pid in participants:
            pnode = f"p:{pid}"
            if pnode not in self.graph:
                continue
            for _, d in self._interviews(pnode):
                rows.append({"participant": pid, "interview_id": d["id"], "timepoint": d["timepoint"],
                             "wave": d["wave"], "order": d["order"]})
        return sort_lookup("interviews_of", pd.DataFrame(rows))

    def codings_of(self, participants, about=None) -> pd.DataFrame:
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
                    themes = {g.nodes[t]["id"] for t, keys in out.items() for key in keys if _edge_type(key) == "CODED_AS"}
                    for tid in themes:
                        rows.append({"participant": pid, "interview_id": idata["id"], "timepoint": idata["timepoint"],
                                     "wave": idata["wave"], "order": idata["order"], "quote_id": qdata["id"],
                                     "stance": qdata["stance"], "theme_id": tid})
        return sort_lookup("codings_of", pd.DataFrame(rows))

    def theme_tree(self) -> pd.DataFrame:
        rows = [{"id": d["id"], "name": d["name"], "parent_id": d["parent_id"], "position": d["position"]}
                for _, d in self.graph.nodes(data=True) if d["kind"] == "Theme"]
        return sort_lookup("theme_tree", pd.DataFrame(rows))

    def all_interviews(self) -> pd.DataFrame:
        g = self.graph
        rows = []
        for pnode, pdata in g.nodes(data=True):
            if pdata["kind"] != "Participant":
                continue
            for _, d in self._interviews(pnode):
                rows.append({"participant": pdata["id"], "role": pdata["role"], "interview_id": d["id"],
                             "timepoint": d["timepoint"], "wave": d["wave"], "order": d["order"]})
        return sort_lookup("all_interviews", pd.DataFrame(rows))

    def all_codings(self) -> pd.DataFrame:
        g = self.graph
        rows = []
        for pnode, pdata in g.nodes(data=True):
            if pdata["kind"] != "Participant":
                continue
            for inode, idata in self._interviews(pnode):
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

    def counts(self) -> dict:
        g = self.graph
        out: dict[str, int] = {}
        for _, d in g.nodes(data=True):
            out[d["kind"]] = out.get(d["kind"], 0) + 1
        for _, _, k in g.edges(keys=True):
            t = _edge_type(k)
            out[t] = out.get(t, 0) + 1
        return dict(sorted(out.items()))
