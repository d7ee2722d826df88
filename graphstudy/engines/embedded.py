"""The embedded engine: a study answered in this process, no server needed.

The look-ups are answered from the study's own tables held as indexed
columns (:class:`~graphstudy.engines.columns.Evidence`): the evidence of a
large study (interviews, quotes, codings) is millions of rows, which
vectorised passes answer far faster, and in far less memory, than walking a
graph of them. The study graph itself, for your own NetworkX algorithms, is
built when you ask for it (:attr:`EmbeddedBackend.graph`, :func:`build_graph`).

Nodes of the study graph (``kind`` attribute, id prefix):

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

The same labels and relationship types are used in Neo4j (``cypher/``), and
the look-ups answer exactly what walking this graph answers
(``tests/test_embedded_columns.py`` proves it).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..model import Study, StudyInfo, occasion_id
from .base import TABLES, Backend, canonical_table
from .columns import Evidence, about_ids, canonical

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["EmbeddedBackend", "build_graph", "node_id"]

_PREFIX = {"Participant": "p:", "Interview": "i:", "Occasion": "o:", "Quote": "q:", "Theme": "t:"}


def node_id(kind: str, key: str) -> str:
    """The graph node id of a record: ``node_id("Participant", "Sue") == "p:Sue"``."""
    return _PREFIX[kind] + str(key)


def _col(frame: pd.DataFrame, name: str) -> list[Any]:
    return frame[name].tolist()


def _rows(frame: pd.DataFrame, columns: list[str]) -> Iterator[dict[str, Any]]:
    for values in zip(*(_col(frame, c) for c in columns)):
        yield dict(zip(columns, values))


def build_graph(study: Study) -> nx.MultiDiGraph:
    """The study as a NetworkX multi-digraph (see the module for its nodes and edges).

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
    O(n + m) for n records and m links, through NetworkX's public
    ``add_nodes_from``/``add_edges_from``. A million quotes make about 1.1
    million nodes and 3.4 million edges: tens of seconds and several GiB
    (``bench/embedded.py``), which is why no look-up needs the graph.
    """
    import networkx as nx

    g = nx.MultiDiGraph(study=study.name)
    order = study.timepoint_order
    p = study.participants
    pcols = list(p.columns)
    g.add_nodes_from(zip((f"p:{i}" for i in _col(p, "id")), ({"kind": "Participant", **r} for r in _rows(p, pcols))))
    th = study.themes
    tid, tname, tpar = _col(th, "id"), _col(th, "name"), _col(th, "parent_id")
    g.add_nodes_from((f"t:{i}", {"kind": "Theme", "id": i, "name": n, "parent_id": par, "position": k})
                     for k, (i, n, par) in enumerate(zip(tid, tname, tpar)))
    g.add_edges_from((f"t:{c}", f"t:{par}", "SUBTHEME_OF", {}) for c, par in zip(tid, tpar) if par)
    iv = study.interviews
    iid, ipid, itp, idate = _col(iv, "id"), _col(iv, "participant_id"), _col(iv, "timepoint"), _col(iv, "date")
    iw = [int(w) for w in _col(iv, "wave")]
    iocc = [occasion_id(tp, w) for tp, w in zip(itp, iw)]
    occ = dict(zip(iocc, zip(itp, iw)))
    g.add_nodes_from((f"o:{o}", {"kind": "Occasion", "id": o, "timepoint": tp, "wave": w, "order": order.get(tp, 0)})
                     for o, (tp, w) in occ.items())
    g.add_nodes_from((f"i:{i}", {"kind": "Interview", "id": i, "timepoint": tp, "wave": w, "order": order.get(tp, 0), "date": d})
                     for i, tp, w, d in zip(iid, itp, iw, idate))
    g.add_edges_from((f"p:{x}", f"i:{i}", "GAVE", {}) for x, i in zip(ipid, iid))
    g.add_edges_from((f"i:{i}", f"o:{o}", "AT", {}) for i, o in zip(iid, iocc))
    q = study.quotes
    qid = _col(q, "id")
    g.add_nodes_from((f"q:{i}", {"kind": "Quote", "id": i, "text": t, "stance": st, "citation": c})
                     for i, t, st, c in zip(qid, _col(q, "text"), _col(q, "stance"), _col(q, "citation")))
    g.add_edges_from((f"i:{x}", f"q:{i}", "HAS_QUOTE", {}) for x, i in zip(_col(q, "interview_id"), qid))
    g.add_edges_from((f"q:{i}", f"p:{who}", "ABOUT", {}) for i, a in zip(qid, _col(q, "about")) if a for who in about_ids(a))
    c = study.codings
    g.add_edges_from((f"q:{x}", f"t:{t}", f"CODED_AS|{k}" if k else "CODED_AS", {"coder": k})
                     for x, t, k in zip(_col(c, "quote_id"), _col(c, "theme_id"), _col(c, "coder")))
    r = study.relationships
    g.add_edges_from((f"p:{s}", f"p:{t}", f"{typ}|{a}|{b}" if a or b else typ, {"start": a, "end": b})
                     for s, typ, t, a, b in zip(_col(r, "source_id"), _col(r, "type"), _col(r, "target_id"),
                                                _col(r, "start"), _col(r, "end")))
    return g


class EmbeddedBackend(Backend):
    """Answers the look-ups of :class:`~graphstudy.engines.base.Backend` from the study's tables, in this process.

    Nothing is built up front: the look-ups read the study's tables
    (:class:`~graphstudy.engines.columns.Evidence`), and the study graph is
    built only when :attr:`graph` is asked for.

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
    >>> kinds = ("Participant", "Interview", "Occasion", "Quote", "Theme")
    >>> b.graph.number_of_nodes() == sum(b.counts()[k] for k in kinds)
    True
    """

    name = "embedded"

    def __init__(self, study: Study, graph: nx.MultiDiGraph | None = None) -> None:
        self.study = study
        self.study_name = study.name
        self._graph = graph
        self.evidence = Evidence(study)

    @property
    def graph(self) -> nx.MultiDiGraph:
        """The study graph (see :func:`build_graph`), built the first time it is asked for; no look-up needs it."""
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

    # ---- the look-ups -----------------------------------------------------
    def participants(self, ids: list[str] | None = None) -> pd.DataFrame:
        return canonical("participants", self.evidence.participants(None if ids is None else list(ids)))

    def relationships(self) -> pd.DataFrame:
        return canonical("relationships", self.evidence.relationships())

    def quotes(self, ids: list[str]) -> pd.DataFrame:
        return canonical("quotes", self.evidence.quotes(list(ids)))

    def linked_people(self, focal: str, role: str | None = None) -> pd.DataFrame:
        return canonical("linked_people", self.evidence.linked_people(focal, role))

    def interviews_of(self, participants: list[str]) -> pd.DataFrame:
        return canonical("interviews_of", self.evidence.interviews_of(list(participants)))

    def codings_of(self, participants: list[str], about: str | None = None) -> pd.DataFrame:
        return canonical("codings_of", self.evidence.codings_of(list(participants), about))

    def theme_tree(self) -> pd.DataFrame:
        return canonical("theme_tree", self.evidence.theme_tree())

    def all_interviews(self) -> pd.DataFrame:
        return canonical("all_interviews", self.evidence.all_interviews())

    def all_codings(self) -> pd.DataFrame:
        return canonical("all_codings", self.evidence.all_codings())

    def coders(self) -> list[str]:
        return self.study.coders()

    def counts(self) -> dict[str, Any]:
        return dict(self.evidence.counts())
