"""The embedded engine answers from columns exactly what walking the study graph answers.

``GraphWalk`` below is the embedded engine as it was before issue 14: every
look-up walks the NetworkX multi-digraph of ``build_graph``. The columnar
engine must give identical DataFrames for every look-up on several studies
(the bundled one, the carers fixture, generated studies of both shapes) and on
a hand-made study with the awkward cases a graph settles by itself: an id asked
for twice, a quote about two people (one named twice, with spaces), a person
with a relationship to themselves, a coding repeated by the same coder, a
relationship repeated with the same span, two spans of one type. ``canonical``
must lay out any frame as ``sort_lookup`` does.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphstudy import load_study
from graphstudy.engines.base import LOOKUP_COLUMNS, sort_lookup
from graphstudy.engines.columns import canonical
from graphstudy.engines.embedded import EmbeddedBackend, build_graph
from graphstudy.synth import synthetic_study

CARERS = Path(__file__).parent / "fixtures" / "carers"


def _edge_type(key: str) -> str:
    return key.split("|", 1)[0]


class GraphWalk:
    """The look-ups answered by walking the graph (the engine before issue 14), public NetworkX API only."""

    def __init__(self, study):
        self.g = build_graph(study)

    def _interviews(self, pnode):
        g = self.g
        for _, inode, key in g.out_edges(pnode, keys=True):
            if key == "GAVE":
                yield inode, g.nodes[inode]

    def participants(self, ids=None):
        g = self.g
        nodes = ((d for _, d in g.nodes(data=True) if d["kind"] == "Participant") if ids is None
                 else (g.nodes[f"p:{i}"] for i in ids if f"p:{i}" in g))
        return sort_lookup("participants", pd.DataFrame([{c: d.get(c, "") for c in LOOKUP_COLUMNS["participants"]} for d in nodes]))

    def relationships(self):
        g = self.g
        rows = [{"source_id": g.nodes[s]["id"], "type": _edge_type(k), "target_id": g.nodes[t]["id"],
                 "start": d.get("start", ""), "end": d.get("end", "")}
                for s, t, k, d in g.edges(keys=True, data=True)
                if g.nodes[s]["kind"] == "Participant" and g.nodes[t]["kind"] == "Participant"]
        return sort_lookup("relationships", pd.DataFrame(rows))

    def quotes(self, ids):
        g = self.g
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

    def linked_people(self, focal, role=None):
        g = self.g
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

    def interviews_of(self, participants):
        rows = [{"participant": pid, "interview_id": d["id"], "timepoint": d["timepoint"], "wave": d["wave"], "order": d["order"]}
                for pid in participants if f"p:{pid}" in self.g for _, d in self._interviews(f"p:{pid}")]
        return sort_lookup("interviews_of", pd.DataFrame(rows))

    def codings_of(self, participants, about=None):
        g = self.g
        about_node = f"p:{about}" if about is not None else None
        rows = []
        for pid in participants:
            if f"p:{pid}" not in g:
                continue
            for inode, idata in self._interviews(f"p:{pid}"):
                for _, qnode, k in g.out_edges(inode, keys=True):
                    out = g.succ[qnode]
                    if k != "HAS_QUOTE" or (about_node is not None and not (about_node in out and "ABOUT" in out[about_node])):
                        continue
                    named = ";".join(sorted(g.nodes[t]["id"] for t, keys in out.items() if "ABOUT" in keys))
                    for tnode, keys in out.items():
                        for key, edge in keys.items():
                            if _edge_type(key) == "CODED_AS":
                                rows.append({"participant": pid, "interview_id": idata["id"], "timepoint": idata["timepoint"],
                                             "wave": idata["wave"], "order": idata["order"], "quote_id": g.nodes[qnode]["id"],
                                             "stance": g.nodes[qnode]["stance"], "about": named,
                                             "theme_id": g.nodes[tnode]["id"],
                                             "coder": edge.get("coder", "")})
        return sort_lookup("codings_of", pd.DataFrame(rows))

    def theme_tree(self):
        rows = [{c: d[c] for c in LOOKUP_COLUMNS["theme_tree"]} for _, d in self.g.nodes(data=True) if d["kind"] == "Theme"]
        return sort_lookup("theme_tree", pd.DataFrame(rows))

    def _every_interview(self):
        for pnode, pdata in self.g.nodes(data=True):
            if pdata["kind"] == "Participant":
                for inode, idata in self._interviews(pnode):
                    yield pdata, inode, idata

    def all_interviews(self):
        rows = [{"participant": p["id"], "role": p["role"], "interview_id": d["id"], "timepoint": d["timepoint"],
                 "wave": d["wave"], "order": d["order"], "date": d["date"]} for p, _, d in self._every_interview()]
        return sort_lookup("all_interviews", pd.DataFrame(rows))

    def all_codings(self):
        g = self.g
        rows = []
        for p, inode, d in self._every_interview():
            for _, qnode, k in g.out_edges(inode, keys=True):
                if k == "HAS_QUOTE":
                    for _, tnode, key, ed in g.out_edges(qnode, keys=True, data=True):
                        if _edge_type(key) == "CODED_AS":
                            rows.append({"participant": p["id"], "role": p["role"], "interview_id": d["id"],
                                         "timepoint": d["timepoint"], "wave": d["wave"], "order": d["order"],
                                         "quote_id": g.nodes[qnode]["id"], "theme_id": g.nodes[tnode]["id"],
                                         "coder": ed.get("coder", "")})
        return sort_lookup("all_codings", pd.DataFrame(rows))

    def counts(self):
        out: dict[str, int] = {}
        for _, d in self.g.nodes(data=True):
            out[d["kind"]] = out.get(d["kind"], 0) + 1
        for _, _, k in self.g.edges(keys=True):
            out[_edge_type(k)] = out.get(_edge_type(k), 0) + 1
        return dict(sorted(out.items()))


def awkward_study():
    """The bundled study with the cases a graph settles by itself (see the module)."""
    s = load_study()
    q = s.quotes.copy()
    q.loc[0, "about"] = "Sue; Yvonne;Sue"
    q.loc[1, "about"] = ""
    r = pd.concat([s.relationships, pd.DataFrame([
        {"source_id": "Sue", "type": "COLLEAGUE_OF", "target_id": "Sue", "start": "", "end": "", "note": "self"},
        {"source_id": "User14", "type": "SERVED_BY", "target_id": "Sue", "start": "T3_1", "end": "", "note": "span"},
        {"source_id": "User14", "type": "SERVED_BY", "target_id": "Sue", "start": "T3_1", "end": "", "note": "again"},
        {"source_id": "User14", "type": "SERVED_BY", "target_id": "Sue", "start": "T1", "end": "T2", "note": "earlier"},
    ])], ignore_index=True)
    c = pd.concat([s.codings, s.codings.iloc[:3], s.codings.iloc[:4].assign(coder="ann")], ignore_index=True)
    return s.replace(quotes=q, relationships=r, codings=c)


STUDIES = {
    "bundled": load_study,
    "carers": lambda: load_study(CARERS),
    "generated": lambda: synthetic_study(120, quotes_per_interview=3.0, seed=2),
    "generated-care": lambda: synthetic_study(60, quotes_per_interview=3.0, seed=4, shape="patient-carer-clinician"),
    "awkward": awkward_study,
}


@pytest.fixture(scope="module", params=list(STUDIES))
def both(request):
    study = STUDIES[request.param]()
    return EmbeddedBackend(study), GraphWalk(study), study


def _asks(study):
    people = study.participants["id"].tolist()
    focal = study.participants.loc[study.participants["role"].isin([r.id for r in study.roles if r.focal]), "id"].tolist()
    roles = [r.id for r in study.roles]
    quotes = study.quotes["id"].tolist()
    twice = people[:3] + people[:2] + ["nobody"]
    yield "participants", ()
    yield "participants", (twice,)
    yield "participants", ([],)
    yield "relationships", ()
    yield "quotes", (quotes + quotes[:2] + ["no-such-quote"],)
    yield "quotes", ([],)
    for who in focal[:6] + people[:6] + ["nobody"]:
        yield "linked_people", (who,)
        for role in roles:
            yield "linked_people", (who, role)
    yield "interviews_of", (people,)
    yield "interviews_of", (twice,)
    yield "interviews_of", ([],)
    yield "codings_of", (people,)
    yield "codings_of", (twice,)
    yield "codings_of", ([],)
    for who in focal[:4] + ["nobody"]:
        yield "codings_of", (people, who)
    yield "theme_tree", ()
    yield "all_interviews", ()
    yield "all_codings", ()
    yield "counts", ()


def test_every_look_up_answers_what_walking_the_graph_answers(both):
    engine, walk, study = both
    asked = 0
    for name, args in _asks(study):
        ours, theirs = getattr(engine, name)(*args), getattr(walk, name)(*args)
        if isinstance(theirs, pd.DataFrame):
            pd.testing.assert_frame_equal(ours, theirs, obj=f"{name}{args!r}"[:200])
        else:
            assert ours == theirs, name
        asked += 1
    assert asked > 20


def test_the_awkward_cases_are_there_to_be_settled():
    study = awkward_study()
    walk = GraphWalk(study)
    assert walk.quotes([study.quotes.loc[0, "id"]])["about"].tolist() == ["Sue;Yvonne"]
    assert len(walk.interviews_of(["Sue", "Sue"])) == 2 * len(walk.interviews_of(["Sue"])) > 0
    spans = walk.linked_people("User14")
    assert sorted(zip(spans["start"], spans["end"])) == [("", ""), ("T1", "T2"), ("T3_1", "")]
    assert len(walk.linked_people("Sue").query("participant == 'Sue'")) == 2


def test_no_look_up_builds_the_graph():
    engine = EmbeddedBackend(load_study())
    for name, args in _asks(engine.study):
        getattr(engine, name)(*args)
    assert engine._graph is None
    assert isinstance(engine.graph, nx.MultiDiGraph) and engine._graph is not None


_text = st.sampled_from(["", "a", "b", "B", "é", "ab", "a b", "Z", "10", "9"])


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.sampled_from(list(LOOKUP_COLUMNS)), st.data())
def test_canonical_lays_out_any_frame_as_sort_lookup_does(name, data):
    cols = LOOKUP_COLUMNS[name]
    n = data.draw(st.integers(0, 12))
    frame = pd.DataFrame({c: data.draw(st.lists(st.integers(-2, 3) if c in ("wave", "order", "position")
                                                else st.one_of(_text, st.none()), min_size=n, max_size=n)) for c in cols})
    frame = frame.sample(frac=1, random_state=n)
    pd.testing.assert_frame_equal(canonical(name, frame), sort_lookup(name, frame))
