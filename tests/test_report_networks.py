"""Networks per time point, what changed between two, and the graph files for Gephi and Cytoscape.

The comparison study is built by hand, one participant per interview:

- T1 (4 coded interviews): {a,b} {a,c} {b,c} {a,d}: links a-b, a-c, b-c, a-d, each in 1 of 4 (share 1/4);
- T2 (8 coded interviews): {a,b} x3, {b,c}, {a,c} x2, {c,d}, {d}.

By share: a-b 1/4 -> 3/8 strengthened, a-c 1/4 -> 2/8 steady, b-c 1/4 -> 1/8 weakened, a-d lost, c-d gained.
By count: a-b 1 -> 3 and a-c 1 -> 2 strengthened, b-c 1 -> 1 steady.
"""

from __future__ import annotations

import io
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from click.testing import CliRunner
from report_studies import write_study

from graphstudy import load_study
from graphstudy.cli import main
from graphstudy.errors import GraphStudyError
from graphstudy.reports.networks import compare_networks, period_network, study_network, theme_link_networks, write_network

CARERS = Path(__file__).parent / "fixtures" / "carers"
T1 = [("a", "b"), ("a", "c"), ("b", "c"), ("a", "d")]
T2 = [("a", "b"), ("a", "b"), ("a", "b"), ("b", "c"), ("a", "c"), ("a", "c"), ("c", "d"), ("d",)]


@pytest.fixture(scope="module")
def two_networks(tmp_path_factory):
    people, interviews, quotes = {}, [], []
    for tp, coded in (("T1", T1), ("T2", T2)):
        for k, themes in enumerate(coded, start=1):
            pid = f"P{k}"
            people[pid] = "service_user"
            iid = f"{pid}_{tp}"
            interviews.append((iid, pid, tp, 0, ""))
            quotes += [(f"{iid}_{t}", iid, t, "", "") for t in themes]
    folder = write_study(tmp_path_factory.mktemp("nets") / "s", people=people, interviews=interviews, quotes=quotes,
                         themes=[("a", ""), ("b", ""), ("c", ""), ("d", "")], timepoints=2)
    return folder


def test_links_gained_lost_strengthened_weakened_and_steady_by_share(two_networks):
    d = compare_networks(load_study(two_networks), "T1", "T2")
    got = {(a, b): (c, sf, st) for a, b, c, sf, st in d[["theme_a", "theme_b", "change", "share_from", "share_to"]].values}
    assert got == {("c", "d"): ("gained", 0, 1 / 8), ("a", "d"): ("lost", 1 / 4, 0), ("a", "b"): ("strengthened", 1 / 4, 3 / 8),
                   ("b", "c"): ("weakened", 1 / 4, 1 / 8), ("a", "c"): ("steady", 1 / 4, 2 / 8)}
    assert d["change"].tolist() == ["gained", "lost", "strengthened", "weakened", "steady"]
    assert d.loc[d["theme_a"] == "b", "difference"].item() == 1 / 8 - 1 / 4


def test_by_count_the_raw_numbers_of_interviews_decide(two_networks):
    d = compare_networks(load_study(two_networks), "T1", "T2", weight="count").set_index(["theme_a", "theme_b"])
    assert d.loc[("a", "b"), "change"] == "strengthened" and d.loc[("a", "c"), "change"] == "strengthened"
    assert d.loc[("b", "c"), "change"] == "steady"
    assert d.loc[("a", "b"), "interview_ids_to"] == "P1_T2;P2_T2;P3_T2"


def test_an_unknown_time_point_is_one_line_with_the_known_ones(two_networks):
    with pytest.raises(GraphStudyError, match=r"no interview at time point 'T9' in study 'hand-built' \(time points: T1, T2\)"):
        compare_networks(load_study(two_networks), "T1", "T9")
    with pytest.raises(GraphStudyError, match="weight must be one of share, count"):
        compare_networks(load_study(two_networks), "T1", "T2", weight="other")


def test_between_occasions_on_the_carers_study():
    # M3_1, 3 coded interviews: K1 {practical, emotional} (k1m1, k1m2), C1 {practical}, P1 {emotional};
    # M3_2, 2 coded interviews: P1 {emotional, practical} (p1m2), C2 {practical (c2m1), trust (c2m2)}
    d = compare_networks(load_study(CARERS), "M3_1", "M3_2", per="occasion").set_index(["theme_a", "theme_b"])
    assert d["change"].to_dict() == {("practical", "trust"): "gained", ("practical", "emotional"): "strengthened"}
    assert tuple(d.loc[("practical", "emotional"), ["share_from", "share_to"]]) == (1 / 3, 1 / 2)


def test_the_theme_link_network_of_a_time_point(two_networks):
    g = theme_link_networks(load_study(two_networks))["T1"]
    assert sorted(g.neighbors("t:a")) == ["p:P1", "p:P2", "p:P4"]
    assert g.edges["p:P1", "t:a"]["weight"] == 1 and g.nodes["p:P1"]["group"] == "service_user"


def test_a_time_points_cooccurrence_network_reads_back_from_graphml_and_gexf(two_networks, tmp_path):
    g = period_network(load_study(two_networks), "T2")
    assert g.edges["t:a", "t:b"]["weight"] == 3
    for suffix, read in ((".graphml", nx.read_graphml), (".gexf", nx.read_gexf)):
        back = read(write_network(g, tmp_path / f"t2{suffix}"))
        assert sorted(back.nodes) == sorted(g.nodes)
        assert {tuple(sorted(e)) for e in back.edges} == {tuple(sorted(e)) for e in g.edges}
        assert int(back.edges["t:a", "t:b"]["weight"]) == 3


def test_a_gexf_file_is_the_same_bytes_on_another_day(two_networks, tmp_path, monkeypatch):
    """NetworkX stamps the day in <meta>; the same network written on two days must not differ
    (the parity suite compares the files' bytes, and a run once crossed midnight)."""
    import time

    g = period_network(load_study(two_networks), "T2")
    first = write_network(g, tmp_path / "day1.gexf").read_bytes()
    monkeypatch.setattr(time, "strftime", lambda fmt, *a: "1999-12-31")
    second = write_network(g, tmp_path / "day2.gexf").read_bytes()
    assert first == second and b"lastmodifieddate" not in first
    assert first.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    assert sorted(nx.read_gexf(tmp_path / "day2.gexf").nodes) == sorted(g.nodes)


def test_the_study_graph_holds_every_record_and_reads_back(tmp_path):
    study = load_study(CARERS)
    g = study_network(study)
    kinds = pd.Series(dict(g.nodes(data="kind"))).value_counts().to_dict()
    assert kinds == {"participant": len(study.participants), "interview": len(study.interviews), "quote": len(study.quotes),
                     "theme": len(study.themes)}
    types = pd.Series([t for _, _, t in g.edges(data="type")]).value_counts().to_dict()
    abouts = sum(len([p for p in a.split(";") if p]) for a in study.quotes["about"])
    assert types["CODED_AS"] == len(study.codings) and types["ABOUT"] == abouts
    assert types["TREATS"] == 3 and types["CARES_FOR"] == 2 and types["SUBTHEME_OF"] == 2
    back = nx.read_graphml(write_network(g, tmp_path / "carers.graphml"))
    assert back.number_of_nodes() == g.number_of_nodes() and back.number_of_edges() == g.number_of_edges()
    treats = [d for a, b, d in back.edges(data=True) if d["type"] == "TREATS" and a == "participant:C1"]
    assert [(d["start"], d["end"]) for d in treats] == [("B", "M3")]
    assert back.nodes["participant:K1"]["role_label"] == "Family carer"


def test_redacted_quotes_leave_the_text_out(tmp_path):
    out = tmp_path / "r.graphml"
    result = CliRunner().invoke(main, ["export", "graphml", str(out), "--study", str(CARERS), "--redact-quotes"])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "I do her shopping" not in text and "k1b1" in text


def test_a_wrong_suffix_is_refused_and_nothing_written(tmp_path):
    result = CliRunner().invoke(main, ["export", "gexf", str(tmp_path / "x.graphml")])
    assert result.exit_code == 2 and "a network in gexf is written as .gexf; got '.graphml'" in result.stderr
    assert not list(tmp_path.iterdir())


def test_cli_between_and_plot(two_networks, tmp_path):
    png = tmp_path / "t1-t2.png"
    result = CliRunner().invoke(main, ["report", "cooccurrence", "--study", str(two_networks), "--between", "T1", "T2",
                                       "--plot", str(png), "--format", "csv"])
    assert result.exit_code == 0, result.output
    t = pd.read_csv(io.StringIO(result.stdout))
    assert t["change"].tolist() == ["gained", "lost", "strengthened", "weakened", "steady"]
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = tmp_path / "all.svg"
    assert CliRunner().invoke(main, ["report", "cooccurrence", "--study", str(two_networks), "--plot", str(svg)]).exit_code == 0
    assert "<svg" in svg.read_text(encoding="utf-8")
