"""The views on a study not shaped like the bundled one: its labels, colours, coders, spans, groups, both sides of a dyad.

tests/fixtures/carers: patients (focal), family carers and clinicians; baseline B, 3 months M3 in two
waves, 6 months M6; coders ann and ben; C1 TREATS P1 from B to M3, C2 TREATS P1 from M6. The expected
answers below are read off the fixture's CSV files by hand.
"""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from views_studies import CARERS

from graphstudy import load_study
from graphstudy.cli import main
from graphstudy.errors import GraphStudyError
from graphstudy.queries import dyad
from graphstudy.views import GROUP_LIMIT, dyad_graph, focal_graph, study_graph, themes_graph, write_study_view
from graphstudy.views.data import page_data
from graphstudy.views.look import THEME_COLOURS, WRAP, lighter


@pytest.fixture(scope="module")
def carers():
    return load_study(CARERS)


def _units(g, a, b):
    return g.edges[f"p:{a}", f"t:{b}", "theme_link"]["units"]


# ---- the study's own words and look ---------------------------------------

def test_roles_keep_the_studys_order_labels_and_focal_shape(carers):
    roles = study_graph(carers).graph["roles"]
    assert [(r["id"], r["label"], r["shape"]) for r in roles] == [
        ("patient", "Patient", "star"), ("carer", "Family carer", "dot"), ("clinician", "Clinician", "dot")]
    assert len({r["color"] for r in roles}) == 3


def test_people_are_described_by_role_label_and_occasion_labels(carers):
    node = study_graph(carers).nodes["p:K1"]
    assert ["role", "Family carer"] in node["details"]
    assert ["interviewed", "Baseline, 3 months, wave 1, 6 months"] in node["details"]


def test_occasions_carry_the_studys_labels_in_order(carers):
    info = study_graph(carers).graph["occasion_info"]
    assert [(o, d["label"]) for o, d in info.items()] == [
        ("B", "Baseline"), ("M3_1", "3 months, wave 1"), ("M3_2", "3 months, wave 2"), ("M6", "6 months")]


def test_theme_colours_come_from_the_codebook(carers):
    g = study_graph(carers)
    given = dict(zip(carers.themes["id"], carers.themes["color"]))
    assert {n[2:]: d["color"] for n, d in g.nodes(data=True) if d["kind"] == "theme"} == given


def test_themes_without_colour_get_the_scheme_and_sub_themes_a_lighter_shade(bundled_study):
    g = study_graph(bundled_study)
    book = bundled_study.themes
    roots = list(book.loc[book["parent_id"] == "", "id"])
    assert [g.nodes[f"t:{t}"]["color"] for t in roots] == list(THEME_COLOURS[:len(roots)])
    assert g.nodes["t:stress_pain"]["color"] == lighter(g.nodes["t:service_user_changes"]["color"])


def test_names_are_wrapped_never_cut(bundled_study):
    for view in (study_graph(bundled_study), themes_graph(bundled_study), focal_graph(bundled_study, "Sue")):
        for _, d in view.nodes(data=True):
            assert re.sub(r"\s", "", d["label"]) == re.sub(r"\s", "", d["name"])
            assert max(len(line) for line in d["label"].split("\n")) <= WRAP
    longest = max(bundled_study.themes["name"], key=len)
    assert len(longest) > 64  # the case the issue saw clipped


@pytest.mark.parametrize("build", [study_graph, themes_graph, lambda s: focal_graph(s, "P1")],
                         ids=["study", "themes", "focal"])
def test_every_sub_theme_is_drawn_under_its_theme(carers, build):
    g = build(carers)
    tree = {(f"t:{t}", f"t:{p}") for t, p in zip(carers.themes["id"], carers.themes["parent_id"]) if p}
    subs = {n for n, d in g.nodes(data=True) if d["kind"] == "theme" and d.get("parent")}
    assert subs and {(s, t) for s, t, k in g.edges(keys=True) if k == "subtheme_of"} == {e for e in tree if e[0] in subs}


# ---- the evidence the filters work on -------------------------------------

def test_each_link_carries_its_quotes_occasions_and_coders(carers):
    g = study_graph(carers)
    assert g.graph["coders"] == ["ann", "ben"] and g.graph["occasions"] == ["B", "M3_1", "M3_2", "M6"]
    # codings.csv: k1m1 practical by ann and ben, emotional by ben; k1m2 emotional by both; k1s2 emotional by both
    assert _units(g, "K1", "emotional") == [["k1m1", 1, [1]], ["k1m2", 1, [0, 1]], ["k1s2", 3, [0, 1]]]
    assert _units(g, "K1", "practical") == [["k1b1", 0, [0, 1]], ["k1m1", 1, [0, 1]], ["k1s1", 3, [0, 1]]]


def test_the_focal_view_keeps_each_persons_quotes_inside_their_relationships_span(carers):
    g = focal_graph(carers, "P1")
    # C1 TREATS P1 from B to M3: c1s1 (M6) is out; C2 TREATS P1 from M6: c2m2 (M3_2) is out
    assert _units(g, "C1", "hope") == [["c1b1", 0, [0, 1]]]
    assert g.nodes["p:C1"]["occasions"] == ["B", "M3_1"] and g.nodes["p:C2"]["occasions"] == ["M6"]
    assert _units(g, "C2", "trust") == [["c2s1", 3, [0, 1]]]
    # a quote about no one in particular (k1s2) is in no dyad
    assert _units(g, "K1", "emotional") == [["k1m1", 1, [1]], ["k1m2", 1, [0, 1]]]


def test_the_focal_view_names_relationships_as_the_study_does(carers):
    g = focal_graph(carers, "P1")
    rel = g.edges["p:C1", "p:P1", "relationship:TREATS"]
    assert (rel["label"], rel["arrow"]) == ("treats", True)
    assert rel["details"] == [["relationship", "C1 treats P1"], ["holds", "from Baseline to 3 months"]]
    assert g.graph["title"] == f"Patient P1, study {carers.name}"


def test_the_focal_view_refuses_a_carer_by_the_studys_labels(carers):
    with pytest.raises(GraphStudyError, match="'K1' is a Family carer, not a Patient"):
        focal_graph(carers, "K1")


def test_themes_view_units_name_the_interview_its_occasion_and_the_coders_of_both(carers):
    g = themes_graph(carers)
    roles = [r["id"] for r in g.graph["roles"]]
    # K1_M3_1 codes practical (ann, ben) and emotional (ben: k1m1; ann, ben: k1m2)
    edge = g.edges["t:practical", "t:emotional", "co_occurrence"]
    unit = next(u for u in edge["units"] if u[0] == "K1_M3_1")
    assert unit == ["K1_M3_1", 1, [0, 1], roles.index("carer")]


# ---- both sides of a dyad --------------------------------------------------

def test_dyad_view_holds_both_sides_as_queries_dyad_gives_them(carers):
    g = dyad_graph(carers, "P1", "K1")
    rows = dyad(carers, "P1", "K1")
    rows = rows[rows["theme"] != ""]
    for r in rows.itertuples():
        node = g.nodes[f"t:{r.theme}"]["dyad"][r.occasion]
        assert (node["voiced"], node["state"], node["trend"]) == (r.voiced, r.state, r.trend)
        for side, who, count in (("a", "P1", r.a_count), ("b", "K1", r.b_count)):
            key = (f"p:{who}", f"t:{r.theme}", "theme_link")
            if not g.has_edge(*key):
                assert count == 0  # that side never voiced the theme about the other
            elif getattr(r, f"{side}_interviewed"):
                assert g.edges[key]["timeline"][r.occasion]["count"] == count
    assert g.nodes["t:practical"]["accounts"] == "converge"
    assert (g.nodes["p:P1"]["side"], g.nodes["p:K1"]["side"]) == ("a", "b")


def test_dyad_view_is_the_same_dyad_either_way_round(carers):
    ab, ba = dyad_graph(carers, "P1", "K1"), dyad_graph(carers, "K1", "P1")
    assert sorted(ab.edges(keys=True)) == sorted(ba.edges(keys=True))


# ---- groups ---------------------------------------------------------------

def test_groups_by_role_follow_the_studys_roles(carers):
    groups = study_graph(carers).graph["groups"]
    assert [(x["label"], x["members"]) for x in groups["list"]] == [("Patient", 2), ("Family carer", 2), ("Clinician", 2)]
    assert groups["member"]["K2"] == "g:role:carer"


def test_communities_put_each_person_in_one_group(bundled_study):
    g = study_graph(bundled_study, group_by="community")
    groups = g.graph["groups"]
    assert sum(x["members"] for x in groups["list"]) == len(bundled_study.participants)
    assert set(groups["member"]) == set(bundled_study.participants["id"])
    same = {groups["member"][a] == groups["member"][b] for a, b in (("User15", "Sue"), ("User14", "Sue"))}
    assert same == {True}  # Sue's service users are in her community


def test_the_page_opens_grouped_above_the_limit_or_when_asked(bundled_study):
    g = study_graph(bundled_study)
    assert g.number_of_nodes() <= GROUP_LIMIT
    assert page_data(g)["groups"]["open"] is False and page_data(g, grouped=True)["groups"]["open"] is True
    big = study_graph(synthetic(GROUP_LIMIT))
    assert big.number_of_nodes() > GROUP_LIMIT and page_data(big)["groups"]["open"] is True
    assert page_data(big, grouped=False)["groups"]["open"] is False


def synthetic(nodes):
    from graphstudy.synth import synthetic_study

    return synthetic_study(round(nodes * 340 / 390) + 10, seed=2)


def test_grouping_by_an_attribute_is_refused_when_attributes_are_redacted(bundled_study, tmp_path):
    with pytest.raises(GraphStudyError, match="grouping by agency would show participants' agency"):
        write_study_view(bundled_study, tmp_path / "s.html", redact_attributes=True, group_by="agency")
    assert not (tmp_path / "s.html").exists()
    write_study_view(bundled_study, tmp_path / "s.html", redact_attributes=True, group_by="community")


# ---- the command line -----------------------------------------------------

@pytest.mark.parametrize("args", [["focal", "P1"], ["psw", "P1"], ["dyad", "P1", "K1"], ["study", "--group-by", "community",
                                  "--grouped"], ["themes", "--timepoint", "M3"]],
                         ids=["focal", "psw", "dyad", "study", "themes"])
def test_view_commands_work_on_the_carers_study(tmp_path, args):
    out = tmp_path / "v.html"
    result = CliRunner().invoke(main, ["view", *args, "--study", str(CARERS), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Living with frailty" in out.read_text(encoding="utf-8")


def test_view_study_refuses_agency_groups_with_redacted_attributes_in_one_line(tmp_path):
    result = CliRunner().invoke(main, ["view", "study", "--group-by", "agency", "--redact-attributes",
                                       "-o", str(tmp_path / "s.html")])
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "--redact-attributes" in result.stderr
