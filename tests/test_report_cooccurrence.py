"""``report cooccurrence``: theme networks per time point, centrality and group bridges."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from report_studies import write_study

from graphstudy import load_study
from graphstudy.cli import main
from graphstudy.errors import GraphStudyError
from graphstudy.reports.cooccurrence import cooccurrence


@pytest.fixture(scope="module")
def star(tmp_path_factory):
    """At T1: U1 codes a and b, U2 codes a and c, W1 (a PSW) codes c and d; at T2: U1 codes b and c.

    So at T1 the network is the path b - a - c - d: a and c each lie between two pairs
    ((b,c), (b,d) for a; (a,d), (b,d) for c), betweenness 2 / 3 normalised; degree of a is 2 of 3.
    Groups at T1: service users voice a, b, c; the PSW voices c, d; only c is voiced by both,
    so c is the one bridge and carries the whole pair (bridge_share 1).
    """
    folder = tmp_path_factory.mktemp("star") / "s"
    themes = [("a", ""), ("b", ""), ("c", ""), ("d", ""), ("top", ""), ("sub1", "top"), ("sub2", "top")]
    return load_study(write_study(
        folder, people={"U1": "service_user", "U2": "service_user", "W1": "psw"},
        interviews=[("U1_T1", "U1", "T1", 0, ""), ("U2_T1", "U2", "T1", 0, ""), ("W1_T1", "W1", "T1", 0, ""),
                    ("U1_T2", "U1", "T2", 0, "")],
        quotes=[("q1", "U1_T1", "a", "", ""), ("q2", "U1_T1", "b", "", ""), ("q3", "U2_T1", "a;c", "", ""),
                ("q4", "W1_T1", "c", "", ""), ("q5", "W1_T1", "d", "", ""), ("q6", "U1_T2", "b;c", "", ""),
                ("q7", "U1_T2", "sub1", "", ""), ("q8", "U1_T2", "sub2", "", "")],
        themes=themes, timepoints=2))


def node(c, tp, theme):
    n = c.nodes
    return n[(n["timepoint"] == tp) & (n["theme"] == theme)].iloc[0]


def test_edges_join_themes_coded_in_the_same_interview(star):
    e = cooccurrence(star).edges
    assert e.loc[e["timepoint"] == "T1", ["theme_a", "theme_b", "interviews"]].values.tolist() == \
        [["a", "b", 1], ["a", "c", 1], ["c", "d", 1]]


def test_each_time_point_has_its_own_network(star):
    e = cooccurrence(star).edges
    assert e.loc[e["timepoint"] == "T2", ["theme_a", "theme_b"]].values.tolist() == \
        [["b", "c"], ["b", "sub1"], ["b", "sub2"], ["c", "sub1"], ["c", "sub2"], ["sub1", "sub2"]]


def test_degree_and_betweenness_from_networkx(star):
    a = node(cooccurrence(star), "T1", "a")
    assert (a["degree"], a["degree_centrality"], a["betweenness"]) == (2, 2 / 3, 2 / 3)


def test_an_end_of_the_path_has_no_betweenness(star):
    assert node(cooccurrence(star), "T1", "b")["betweenness"] == 0.0


def test_a_theme_voiced_by_two_groups_bridges_them(star):
    c = cooccurrence(star)
    bridges = c.nodes.loc[(c.nodes["timepoint"] == "T1") & c.nodes["bridge"], ["theme", "groups", "bridge_share"]]
    assert bridges.values.tolist() == [["c", "psw;service_user", 1.0]]


def test_bridge_share_splits_a_pair_over_the_themes_it_shares(tmp_path):
    folder = write_study(tmp_path / "s", people={"U1": "service_user", "W1": "psw"},
                         interviews=[("U1_T1", "U1", "T1", 0, ""), ("W1_T1", "W1", "T1", 0, "")],
                         quotes=[("q1", "U1_T1", "hope;fear", "", ""), ("q2", "W1_T1", "hope;fear", "", "")],
                         timepoints=1)
    assert cooccurrence(load_study(folder)).nodes["bridge_share"].tolist() == [0.5, 0.5]


def test_at_theme_level_subthemes_of_one_theme_do_not_co_occur(star):
    e = cooccurrence(star, level="theme").edges
    assert not ((e["theme_a"] == "top") & (e["theme_b"] == "top")).any() and "top" in set(e["theme_b"])


def test_per_occasion_names_its_first_column_occasion(bundled_study):
    assert cooccurrence(bundled_study, per="occasion").nodes.columns[0] == "occasion"


def test_bundled_connections_bridges_service_users_and_co_workers_at_t3(bundled_study):
    c = cooccurrence(bundled_study)
    assert c.nodes.loc[(c.nodes["timepoint"] == "T3") & c.nodes["bridge"], "theme"].tolist() == ["connections"]


def test_unknown_per_is_refused(bundled_study):
    with pytest.raises(GraphStudyError, match="per must be one of timepoint, occasion"):
        cooccurrence(bundled_study, per="wave")


def test_cli_cooccurrence_edges_as_csv():
    r = CliRunner().invoke(main, ["report", "cooccurrence", "--edges", "--format", "csv"])
    assert r.exit_code == 0, r.output
    assert r.output.splitlines()[:2] == ["timepoint,theme_a,theme_b,interviews,groups,interview_ids",
                                         "T2,uncertainty,resilience,1,co_worker,Co-worker05_T2_2"]
