"""The bundled study against the paper it was transcribed from.

Each expected answer names the passage of the paper (../shared/seed) that proves it.
"""

import pytest

from graphstudy import check_path, shifts, trajectory
from graphstudy.queries import dyad_links


def test_the_bundled_study_validates_clean():
    study, problems = check_path()
    assert study is not None
    assert problems == []


def test_it_holds_the_five_psws_of_figure_1(bundled_study):
    psw = bundled_study.participants[bundled_study.participants.role == "psw"]
    assert sorted(psw.id) == ["Eliza", "May", "Sue", "Tom", "Yvonne"]
    # Figure 1: "Sue (45-55 years old, depression, agency 4)"
    sue = bundled_study.participant("Sue")
    assert (sue.age_band, sue.diagnosis, sue.agency) == ("45-55", "depression", "agency 4")


def test_table_2_themes_and_sub_themes(bundled_study):
    t = bundled_study.themes
    assert (t.parent_id == "").sum() == 3 and (t.parent_id != "").sum() == 8


def test_the_design_of_figure_1_is_recorded(bundled_study):
    design = bundled_study.design["interviews"]
    assert {g: sum(v.values()) for g, v in design.items()} == {"psw": 26, "service_user": 20, "co_worker": 31}


def test_sues_service_users_are_user14_and_user15(bundled_study):
    """3.1 and 3.1.2: User15/F/50+/T3_1/Sue, User14/F/50+/T3_1/Sue, each interviewed again at T3_2."""
    t = shifts(bundled_study, "Sue", role="service_user")
    assert sorted(set(t.participant)) == ["User14", "User15"]
    assert set(zip(t.from_occasion, t.to_occasion)) == {("T3_1", "T3_2")}


def test_user15_could_tell_the_difference_after_four_months(bundled_study):
    """3.1 para 1: User15 'who did not see much differences between PSW and other staff initially (T3_1)
    could tell the difference after four months (T3_2)': perceptions, neutral -> positive."""
    t = shifts(bundled_study, "Sue", role="service_user")
    row = t[(t.participant == "User15") & (t.theme == "perceptions")].iloc[0]
    assert (row.stance_from, row.stance_to) == ("neutral", "positive")


def test_user15s_relief_from_pain_holds_across_both_interviews(bundled_study):
    """3.2.1: both User15 block quotes (T3_1 'after talking with her I felt more relaxed', T3_2 'she can
    teach me some exercises to ease the pain') are under 'Reduced levels of stress and pain'."""
    t = shifts(bundled_study, "Sue", role="service_user")
    row = t[(t.participant == "User15") & (t.theme == "stress_pain")].iloc[0]
    assert (row.change, row.stance_from, row.stance_to) == ("constant", "positive", "positive")


def test_co_worker07_moved_from_concern_to_improvement(bundled_study):
    """3.1.3: 'Sue's another co-worker captured the concerns and the significant improvements between
    the two interviews' (Co-worker07/F/30+/T3_1/Sue, then T3_2)."""
    d = dyad_links(bundled_study, "Sue", "Co-worker07")
    assert [(r.occasion, r.theme, r.stance) for r in d.itertuples()] == [
        ("T3_1", "uncertainty", "negative"), ("T3_2", "uncertainty", "positive")]


def test_sues_supervisor_went_from_uncertainty_to_the_asset(bundled_study):
    """3.1.3: Co-worker06/F/25+/T2_1/Sue was not sure about 'the job description of PSWs'; 3.1.1: at T2_2
    the same supervisor describes Sue turning her experience into an asset."""
    t = shifts(bundled_study, "Sue", role="co_worker")
    got = {(r.participant, r.theme): r.change for r in t.itertuples()}
    assert got[("Co-worker06", "uncertainty")] == "ceased"
    assert got[("Co-worker06", "asset")] == "emerged"


def test_user16_changed_his_mind_about_recommending_tom(bundled_study):
    """3.2.2 para 3: from 'not recommend the service' (User16/M/20+/T3_1/Tom) to 'as it may help people' (T3_2)."""
    t = shifts(bundled_study, "Tom", role="service_user")
    row = t[t.participant == "User16"].iloc[0]
    assert (row.from_occasion, row.to_occasion, row.stance_from, row.stance_to) == ("T3_1", "T3_2", "negative", "positive")


def test_yvonnes_supervisor_saw_her_resilience_grow(bundled_study):
    """3.1.4: Co-worker05 feared at T2_1 she 'may have difficulty accepting'; at T2_2 'She did not bring any
    negative emotions to work'."""
    d = dyad_links(bundled_study, "Yvonne", "Co-worker05")
    res = d[d.theme == "resilience"]
    assert [(r.occasion, r.stance) for r in res.itertuples()] == [("T2_1", "negative"), ("T2_2", "positive")]


def test_mays_family_concerns_at_training_and_resignation(bundled_study):
    """3.3.2: May's mother's worries (May/F/40+/T1, two passages) and her resignation (May/F/40+/T3_3)."""
    t = trajectory(bundled_study, "May").set_index("theme")
    assert t.loc["family_concerns", "T1"] == 2 and t.loc["family_concerns", "T3_3"] == 1


@pytest.mark.parametrize("psw", ["Tom", "Yvonne", "May", "Sue", "Eliza"])
def test_every_shift_row_is_backed_by_quotes_of_that_person_about_that_psw(bundled_study, psw):
    quotes = bundled_study.quotes.merge(bundled_study.interviews, left_on="interview_id", right_on="id", suffixes=("", "_iv"))
    owner = dict(zip(quotes.id, quotes.participant_id))
    about = dict(zip(quotes.id, quotes.about))
    for r in shifts(bundled_study, psw).itertuples():
        for q in r.evidence.split(";"):
            assert owner[q] == r.participant and psw in about[q].split(";")
