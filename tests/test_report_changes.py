"""``report changes``: each of Saldaña's descriptive questions as one rule, on tiny hand-built studies
(quote counts per time point; ``None`` = not interviewed), then on the bundled study."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from report_studies import counts_study, write_study

from graphstudy import load_study
from graphstudy.cli import main
from graphstudy.errors import GraphStudyError
from graphstudy.reports.changes import CHANGE_LABELS, change_labels, changes


def labels_of(tmp_path, series, case="P1", **kw):
    t = changes(counts_study(tmp_path / "s", series), **kw)
    row = t[t["case"] == case]
    return row["change"].item().split(";") if len(row) else []


# ---- one rule each ---------------------------------------------------------------
def test_emerges_when_absent_at_the_first_interview_and_present_at_the_last(tmp_path):
    assert labels_of(tmp_path, {"P1": [0, 1]}) == ["emerges"]


def test_increases_when_present_first_and_more_quotes_last(tmp_path):
    assert labels_of(tmp_path, {"P1": [2, 3]}) == ["increases", "consistent"]


def test_cumulative_needs_three_interviews_of_build_up(tmp_path):
    assert labels_of(tmp_path, {"P1": [0, 1, 2]}) == ["emerges", "cumulative"]


def test_one_step_up_is_not_cumulative(tmp_path):
    assert "cumulative" not in labels_of(tmp_path, {"P1": [1, 2]})


def test_a_fall_after_the_first_appearance_is_not_cumulative(tmp_path):
    assert "cumulative" not in labels_of(tmp_path, {"P1": [1, 2, 1, 3]})


def test_surges_when_a_step_rises_by_two_and_doubles(tmp_path):
    assert labels_of(tmp_path, {"P1": [1, 3]}) == ["increases", "surges", "consistent"]


def test_a_rise_that_does_not_double_is_no_surge(tmp_path):
    assert "surges" not in labels_of(tmp_path, {"P1": [3, 5]})


def test_surge_threshold_is_configurable(tmp_path):
    assert "surges" not in labels_of(tmp_path, {"P1": [1, 3]}, surge=3)


def test_decreases_when_present_at_both_ends_with_fewer_quotes_last(tmp_path):
    assert labels_of(tmp_path, {"P1": [3, 1]}) == ["decreases", "consistent"]


def test_ceases_when_present_first_and_absent_at_the_last_interview(tmp_path):
    assert labels_of(tmp_path, {"P1": [2, 0]}) == ["ceases"]


def test_constant_when_present_every_time_with_the_same_count(tmp_path):
    assert labels_of(tmp_path, {"P1": [1, 1, 1]}) == ["constant"]


def test_consistent_when_present_every_time_with_varying_counts(tmp_path):
    assert labels_of(tmp_path, {"P1": [2, 1, 2]}) == ["consistent", "idiosyncratic"]


def test_idiosyncratic_when_the_count_both_rises_and_falls(tmp_path):
    assert labels_of(tmp_path, {"P1": [1, 0, 1]}) == ["idiosyncratic"]


def test_missing_when_a_peer_voices_it_at_an_occasion_the_case_was_interviewed(tmp_path):
    t = changes(counts_study(tmp_path / "s", {"P1": [0, 0], "P2": [1, None]}))
    row = t[t["case"] == "P1"].iloc[0]
    assert (row["change"], row["note"]) == ("missing", "voiced at T1 by P2")


def test_not_missing_when_peers_voice_it_only_where_the_case_was_not_interviewed(tmp_path):
    assert labels_of(tmp_path, {"P1": [0, None], "P2": [None, 1]}) == []


def test_not_missing_when_the_peer_is_of_another_group(tmp_path):
    study = counts_study(tmp_path / "s", {"P1": [0, 0], "W1": [1, 1]}, roles={"W1": "psw"})
    assert "P1" not in set(changes(study)["case"])


def test_one_occasion_when_interviewed_once_with_the_theme(tmp_path):
    assert labels_of(tmp_path, {"P1": [None, 2, None]}) == ["one occasion"]


# ---- interviewed-absent versus not interviewed ------------------------------------
def test_not_interviewed_is_skipped_not_read_as_absent(tmp_path):
    """P2 is interviewed at T2 (so T2 is one of the group's occasions); P1 is not."""
    t = changes(counts_study(tmp_path / "s", {"P1": [1, None, 1], "P2": [None, 0, None]}))
    assert t[["change", "series", "not_interviewed"]].values.tolist() == [["constant", "T1=1 T2=- T3=1", "T2"]]


def test_interviewed_and_absent_shows_as_zero(tmp_path):
    t = changes(counts_study(tmp_path / "s", {"P1": [1, 0, 1]}))
    assert t[["change", "series", "not_interviewed"]].values.tolist() == [["idiosyncratic", "T1=1 T2=0 T3=1", ""]]


def test_a_theme_absent_everywhere_and_voiced_by_no_peer_gives_no_row(tmp_path):
    assert changes(counts_study(tmp_path / "s", {"P1": [0, 0]})).empty


def test_stance_change_reads_first_to_last_present_stance(tmp_path):
    study = counts_study(tmp_path / "s", {"P1": [1, 0, 1]}, stances={("P1", 0): "negative", ("P1", 2): "positive"})
    assert changes(study)["stance_change"].item() == "negative→positive"


# ---- dyads -----------------------------------------------------------------------
def test_a_dyad_counts_only_the_quotes_about_its_psw(tmp_path):
    """U1 is served by W1 and W2; at T1 U1 speaks about W1, at T2 about W2."""
    folder = write_study(
        tmp_path / "s", people={"U1": "service_user", "W1": "psw", "W2": "psw"},
        interviews=[("U1_T1", "U1", "T1", 0, ""), ("U1_T2", "U1", "T2", 0, "")],
        quotes=[("q1", "U1_T1", "hope", "", "W1"), ("q2", "U1_T2", "hope", "", "W2")],
        relationships=[("U1", "SERVED_BY", "W1"), ("U1", "SERVED_BY", "W2")], timepoints=2)
    study = load_study(folder)
    by_dyad = dict(zip(*changes(study, by="dyad")[["case", "change"]].values.T))
    assert by_dyad == {"W1 & U1": "ceases", "W2 & U1": "emerges"}


def test_a_participant_case_counts_all_their_quotes(tmp_path):
    folder = write_study(
        tmp_path / "s", people={"U1": "service_user", "W1": "psw", "W2": "psw"},
        interviews=[("U1_T1", "U1", "T1", 0, ""), ("U1_T2", "U1", "T2", 0, "")],
        quotes=[("q1", "U1_T1", "hope", "", "W1"), ("q2", "U1_T2", "hope", "", "W2")],
        relationships=[("U1", "SERVED_BY", "W1"), ("U1", "SERVED_BY", "W2")], timepoints=2)
    assert changes(load_study(folder))["change"].tolist() == ["constant"]


# ---- the bundled study -------------------------------------------------------------
def test_co_worker07_uncertainty_is_constant_turning_negative_to_positive(bundled_study):
    t = changes(bundled_study, cases=["Co-worker07"])
    row = t[t["theme"] == "uncertainty"].iloc[0]
    assert (row["change"], row["stance_from"], row["stance_to"], row["evidence"]) == \
        ("constant", "negative", "positive", "q011;q012")


def test_user16_turns_from_negative_to_positive_between_t3_1_and_t3_2(bundled_study):
    t = changes(bundled_study, by="dyad", cases=["Tom & User16"])
    row = t[t["theme"] == "connections"].iloc[0]
    assert (row["series"], row["stance_change"]) == ("T2=- T3_1=1 T3_2=1", "negative→positive")


def test_co_worker06_uncertainty_ceases_during_placement(bundled_study):
    t = changes(bundled_study, by="dyad", cases=["Sue & Co-worker06"])
    assert t.set_index("theme").loc["uncertainty", "change"] == "ceases"


def test_every_label_given_is_documented(bundled_study):
    given = {lab for c in changes(bundled_study)["change"] for lab in c.split(";")}
    assert given <= set(CHANGE_LABELS)


def test_change_labels_of_no_interview_is_empty():
    assert change_labels([]) == []


def test_unknown_case_is_an_error_naming_known_cases(bundled_study):
    with pytest.raises(GraphStudyError, match=r"no participant case 'Nobody'.*Eliza"):
        changes(bundled_study, cases=["Nobody"])


def test_surge_below_one_is_refused(bundled_study):
    with pytest.raises(GraphStudyError, match="surge must be at least 1"):
        changes(bundled_study, surge=0)


# ---- command line ------------------------------------------------------------------
def test_cli_changes_json_for_one_case():
    r = CliRunner().invoke(main, ["report", "changes", "--case", "Co-worker07", "--format", "json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)[0]["stance_change"] == "negative→positive"


def test_cli_change_filter_keeps_rows_with_that_label():
    r = CliRunner().invoke(main, ["report", "changes", "--by", "dyad", "--change", "ceases", "--format", "json"])
    assert {row["case"] for row in json.loads(r.output)} == {"Sue & Co-worker06"}


def test_cli_unknown_case_is_one_line_and_exit_2():
    r = CliRunner().invoke(main, ["report", "changes", "--case", "Nobody"])
    assert r.exit_code == 2 and r.output.count("\n") == 1 and r.output.startswith("error: ")


def test_cli_help_documents_every_rule():
    r = CliRunner().invoke(main, ["report", "changes", "--help"])
    assert all(label in r.output for label in CHANGE_LABELS)


def test_a_missing_themes_note_names_ten_peers_then_how_many_more():
    """In a generated study of hundreds of service users, a theme missing for one of them was voiced
    by dozens of peers: the note names the first ten (alphabetically, never the case) and counts the
    rest, and names plus the rest are every peer of the group who voiced it at the occasions named."""
    import re

    from graphstudy.reports.changes import PEERS_NAMED
    from graphstudy.synth import synthetic_study

    study = synthetic_study(340, quotes_per_interview=3.0, seed=2)
    result = changes(study)
    missing = result[result["change"] == "missing"]
    long_notes = missing[missing["note"].str.contains(" more$", regex=True)]
    assert len(long_notes) > 0
    said = study.codings.merge(study.quotes[["id", "interview_id"]], left_on="quote_id", right_on="id")
    said = said.merge(study.interviews[["id", "participant_id", "timepoint", "wave"]], left_on="interview_id",
                      right_on="id", suffixes=("", "_iv"))
    said["occasion"] = [f"{t}_{int(w)}" if int(w or 0) else t for t, w in zip(said["timepoint"], said["wave"])]
    role = dict(zip(study.participants["id"], study.participants["role"]))
    for r in long_notes.head(20).to_dict("records"):
        m = re.fullmatch(r"voiced at (.+) by (.+) and (\d+) more", r["note"])
        assert m, r["note"]
        where, names, more = m.group(1).split(", "), m.group(2).split(", "), int(m.group(3))
        assert len(names) == PEERS_NAMED and names == sorted(names) and r["participant"] not in names
        voiced = said[(said["theme_id"] == r["theme"]) & said["occasion"].isin(where)]
        peers = {p for p in voiced["participant_id"] if role[p] == r["role"]} - {r["participant"]}
        assert names == sorted(peers)[:PEERS_NAMED] and len(names) + more == len(peers)
