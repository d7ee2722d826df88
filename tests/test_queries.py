"""The longitudinal questions on a tiny study whose answers are worked out by hand (see conftest.MINI)."""

import pytest

from graphstudy import load_study, shifts, themes, trajectory
from graphstudy.errors import GraphStudyError, UnknownParticipant
from graphstudy.queries import dyad_links


@pytest.fixture
def mini(make_study):
    return load_study(make_study())


def steps(table):
    return {(r.theme, r.from_occasion, r.to_occasion): (r.change, r.from_count, r.to_count) for r in table.itertuples()}


def test_shifts_at_subtheme_level_compare_consecutive_interviews(mini):
    t = shifts(mini, "Ann", role="service_user")
    assert steps(t) == {
        ("hope_a", "T1", "T2_1"): ("constant", 1, 1),
        ("fear", "T1", "T2_1"): ("ceased", 1, 0),
        ("hope", "T1", "T2_1"): ("emerged", 0, 1),
        ("hope_a", "T2_1", "T2_2"): ("ceased", 1, 0),
        ("hope", "T2_1", "T2_2"): ("ceased", 1, 0),
        ("fear", "T2_1", "T2_2"): ("emerged", 0, 1),
    }


def test_shifts_at_theme_level_roll_sub_themes_up(mini):
    t = shifts(mini, "Ann", role="service_user", level="theme")
    assert steps(t) == {
        ("hope", "T1", "T2_1"): ("increased", 1, 2),
        ("fear", "T1", "T2_1"): ("ceased", 1, 0),
        ("hope", "T2_1", "T2_2"): ("ceased", 2, 0),
        ("fear", "T2_1", "T2_2"): ("emerged", 0, 1),
    }


def test_shift_rows_carry_stances_and_evidence(mini):
    t = shifts(mini, "Ann", role="service_user", level="theme")
    row = t[(t.theme == "hope") & (t.from_occasion == "T1")].iloc[0]
    assert (row.stance_from, row.stance_to, row.evidence) == ("positive", "positive", "q1;q3;q4")
    fear = t[(t.theme == "fear") & (t.from_occasion == "T2_1")].iloc[0]
    assert (fear.stance_from, fear.stance_to, fear.evidence) == ("", "negative", "q5")


def test_shift_rows_are_ordered_by_person_step_and_codebook(mini):
    t = shifts(mini, "Ann")
    assert list(zip(t.from_occasion, t.theme))[:3] == [("T1", "hope"), ("T1", "hope_a"), ("T1", "fear")]


def test_a_person_interviewed_once_has_no_shift(mini):
    assert shifts(mini, "Ann", role="co_worker").empty


def test_shifts_refuse_a_participant_who_is_not_a_psw(mini):
    with pytest.raises(GraphStudyError, match="'U1' is a Service user, not a PSW"):
        shifts(mini, "U1")


def test_shifts_refuse_an_unknown_psw(mini):
    with pytest.raises(UnknownParticipant, match="no participant 'Zed'"):
        shifts(mini, "Zed")


def test_trajectory_counts_themes_by_occasion(mini):
    t = trajectory(mini, "U1")
    assert list(t.columns) == ["theme", "theme_name", "T1", "T2_1", "T2_2"]
    assert t.set_index("theme")[["T1", "T2_1", "T2_2"]].to_dict("index") == {
        "hope": {"T1": 0, "T2_1": 1, "T2_2": 0},
        "hope_a": {"T1": 1, "T2_1": 1, "T2_2": 0},
        "fear": {"T1": 1, "T2_1": 0, "T2_2": 1},
    }


def test_dyad_shows_each_occasion_and_the_change_from_the_one_before(mini):
    d = dyad_links(mini, "Ann", "U1")
    got = [(r.occasion, r.theme, r.count, r.change) for r in d.itertuples()]
    assert got == [
        ("T1", "hope_a", 1, "first"), ("T1", "fear", 1, "first"),
        ("T2_1", "hope", 1, "emerged"), ("T2_1", "hope_a", 1, "constant"), ("T2_1", "fear", 0, "ceased"),
        ("T2_2", "hope", 0, "ceased"), ("T2_2", "hope_a", 0, "ceased"), ("T2_2", "fear", 1, "emerged"),
    ]


def test_dyad_refuses_two_people_without_a_relationship(make_study):
    s = load_study(make_study(relationships_csv="source_id,type,target_id\nC1,SUPERVISES,Ann\n"))
    with pytest.raises(GraphStudyError, match="'Ann' and 'U1' have no relationship in study"):
        dyad_links(s, "Ann", "U1")


def test_themes_prevalence_is_people_coded_over_people_interviewed(mini):
    t = themes(mini)
    got = {(r.theme, r.role, r.timepoint): (r.coded, r.interviewed) for r in t.itertuples()}
    assert got[("hope", "psw", "T1")] == (1, 1)
    assert got[("fear", "co_worker", "T1")] == (0, 1)
    assert got[("hope", "service_user", "T2")] == (1, 1)
    assert ("hope", "service_user", "T3") not in got  # nobody was interviewed at T3
    assert list(t.columns) == ["theme", "theme_name", "role", "timepoint", "coded", "interviewed", "prevalence"]


def test_level_must_be_theme_or_subtheme(mini):
    with pytest.raises(GraphStudyError, match="level must be one of theme, subtheme"):
        shifts(mini, "Ann", level="code")
