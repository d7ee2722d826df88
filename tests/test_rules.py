"""Coding rules, time resolution and relationship spans on the carers study (tests/fixtures/carers).

Every expectation is worked out by hand from the CSV files; tests/test_any_study.py has the
study's layout. Here: waves read as one (``per="timepoint"``), spans that start or end at an
occasion rather than a time point, report changes by dyad inside the spans, and the command
line's refusals and its coding-rule line. Both engines give the same answers (tests/test_parity.py
runs the same questions under the same rules on Neo4j).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from graphstudy import load_study
from graphstudy.cli import main
from graphstudy.engines.rules import coding_rule_line, with_rules
from graphstudy.errors import GraphStudyError
from graphstudy.queries import dyad, dyad_links, dyad_summary, shifts
from graphstudy.reports.changes import changes

CARERS = Path(__file__).parent / "fixtures" / "carers"


@pytest.fixture(scope="module")
def carers():
    return load_study(CARERS)


def rows(frame, cols):
    return [tuple(r) for r in frame[cols].itertuples(index=False)]


def with_span(study, source, target, start, end):
    """The study with the span of ``source`` TREATS ``target`` changed."""
    r = study.relationships.copy()
    hit = (r["source_id"] == source) & (r["target_id"] == target)
    r.loc[hit, "start"], r.loc[hit, "end"] = start, end
    return study.replace(relationships=r)


# ---- waves read as one ---------------------------------------------------------------------------

def test_by_time_point_both_partners_accounts_at_3_months_are_compared(carers):
    # occasion by occasion, P1's M3_2 quotes meet no K1 interview; read as one time point, P1's
    # practical (p1m2, negative) meets K1's (k1m1, negative): overlap, and practical converges at M3
    d = dyad(with_rules(carers, per="timepoint"), "P1", "K1")
    assert rows(d, ["occasion", "theme", "voiced", "a_count", "b_count", "stances", "state", "trend"]) == [
        ("B", "practical", "both", 1, 1, "differ", "contrast", ""),
        ("B", "hope", "only b", 0, 1, "", "contrast", ""),
        ("M3", "practical", "both", 1, 1, "agree", "overlap", "converges"),
        ("M3", "emotional", "both", 2, 2, "agree", "overlap", ""),
        ("M6", "practical", "both", 1, 1, "agree", "overlap", "steady"),
        ("M6", "trust", "only b", 0, 1, "", "contrast", ""),
    ]
    s = dyad_summary(with_rules(carers, per="timepoint"), "P1", "K1")
    assert rows(s, ["theme", "occasions", "accounts", "a_total", "b_total"]) == [
        ("practical", 3, "converge", 3, 3), ("emotional", 1, "one occasion", 2, 2),
        ("hope", 1, "one occasion", 0, 1), ("trust", 1, "one occasion", 0, 1)]


def test_by_time_point_a_span_ending_at_3_months_covers_the_time_point(carers):
    # C1 TREATS P1 from B to M3: B and M3 (no M3_2 'neither' row any more: one occasion M3)
    d = dyad(with_rules(carers, per="timepoint"), "P1", "C1")
    assert rows(d, ["occasion", "theme", "voiced", "state"]) == [
        ("B", "hope", "only b", "contrast"), ("B", "trust", "only a", "contrast"), ("M3", "practical", "only b", "contrast")]


def test_by_time_point_shifts_step_between_time_points(carers):
    t = shifts(with_rules(carers, per="timepoint"), "P1")
    assert set(zip(t["from_occasion"], t["to_occasion"])) == {("B", "M3"), ("M3", "M6")}
    assert len(t) == 8 and "C2" not in set(t["participant"])   # C2 holds P1 only at M6: one occasion, no step


# ---- spans at an occasion ------------------------------------------------------------------------

def test_a_span_ending_at_an_occasion_stops_at_that_wave(carers):
    study = with_span(carers, "C1", "P1", "B", "M3_1")
    assert rows(dyad(study, "P1", "C1"), ["occasion", "theme", "voiced"]) == [
        ("B", "hope", "only b"), ("B", "trust", "only a"), ("M3_1", "practical", "only b")]
    # read by time point, M3_1 is part of M3: the relationship holds at M3
    assert list(dict.fromkeys(dyad(with_rules(study, per="timepoint"), "P1", "C1")["occasion"])) == ["B", "M3"]


def test_a_span_starting_at_an_occasion_takes_in_that_wave(carers):
    # C2 TREATS P1 from M3_2: c2m2 (M3_2, trust, neutral) is now inside the dyad
    d = dyad(with_span(carers, "C2", "P1", "M3_2", ""), "P1", "C2")
    assert rows(d, ["occasion", "theme", "voiced", "a_interviewed", "state", "trend", "b_evidence"]) == [
        ("M3_2", "trust", "only b", True, "contrast", "", "c2m2"),
        ("M6", "trust", "both", True, "overlap", "converges", "c2s1"),
    ]


def test_one_side_of_a_dyad_keeps_to_the_span_too(carers):
    d = dyad_links(carers, "P1", "C1")
    assert list(dict.fromkeys(d["occasion"])) == ["B", "M3_1"]          # C1's M6 interview is after the span
    assert rows(d, ["theme", "change"])[:2] == [("hope", "first"), ("practical", "emerged")]
    assert set(d["focal"]) == {"P1"} and set(d["relationship"]) == {"TREATS"}


def test_report_changes_by_dyad_counts_a_dyad_only_inside_its_span(carers):
    t = changes(carers, by="dyad")
    assert sorted(set(t["case"])) == ["P1 & C1", "P1 & C2", "P1 & K1", "P2 & C2", "P2 & K2"]
    c1 = t[t["case"] == "P1 & C1"]
    assert rows(c1, ["theme", "change", "n_interviewed", "evidence"]) == [
        ("practical", "emerges", 2, "c1m1"), ("hope", "ceases", 2, "c1b1")]
    # C2 holds P1 from M6: only C2's M6 interview is in the dyad; C1 (a fellow clinician) voiced hope at M6 (c1s1)
    c2 = t[t["case"] == "P1 & C2"]
    assert rows(c2, ["theme", "change", "n_interviewed", "evidence", "focal"]) == [
        ("hope", "missing", 1, "", "P1"), ("trust", "one occasion", 1, "c2s1", "P1")]
    assert c2["series"].iloc[1] == "B=- M3_1=- M3_2=- M6=1"   # '-': not interviewed within the dyad's span


# ---- the rules themselves ------------------------------------------------------------------------

def test_min_coders_counts_distinct_coders_of_the_code_as_coded(carers):
    cod = with_rules(carers, min_coders=2).codings_of(["P1"])
    kept = set(zip(cod["quote_id"], cod["theme_id"]))
    assert ("p1m2", "emotional") not in kept and ("p1m2", "practical") not in kept   # one coder each
    assert ("p1b1", "practical") in kept and len(cod) == 2 * len(kept)               # one row per coder


def test_with_rules_refuses_what_the_study_cannot_give(carers):
    with pytest.raises(GraphStudyError, match=r"no coder 'zed' .*\(its coders: ann, ben\)"):
        with_rules(carers, coders=["zed"])
    with pytest.raises(GraphStudyError, match=r"at least 3 coders must agree, but there are only the study's 2 \(ann, ben\)"):
        with_rules(carers, min_coders=3)
    with pytest.raises(GraphStudyError, match=r"at least 2 coders must agree, but there are only the 1 kept \(ann\)"):
        with_rules(carers, coders=["ann"], min_coders=2)
    with pytest.raises(GraphStudyError, match="per must be one of occasion, timepoint"):
        with_rules(carers, per="wave")


def test_the_rule_line_names_the_coders_kept_and_left_out():
    assert coding_rule_line(["ann", "ben"], ["ann"], 1) == (
        "coding rule: 1 of 2 coders (ann; not ben); a quote counts for a theme when at least 1 of them coded it so "
        "(--coder, --min-coders)")


# ---- the command line ----------------------------------------------------------------------------

def run(*args):
    return CliRunner().invoke(main, list(args))


def test_min_coders_above_the_coders_kept_is_one_line_and_exit_2():
    result = run("themes", "--study", str(CARERS), "--min-coders", "3")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "error: at least 3 coders must agree, but there are only the study's 2 (ann, ben)"]


def test_a_study_without_two_named_coders_prints_no_rule_line():
    result = run("shifts", "--focal", "Sue", "--format", "csv")
    assert result.exit_code == 0 and "coding rule" not in result.stderr


def test_every_counting_command_says_its_rule_once(tmp_path):
    for args in (["trajectory", "P1"], ["dyad", "P1", "K1", "--summary"], ["themes", "--per", "timepoint"],
                 ["report", "changes", "--cases", "dyad"], ["report", "triangulation"], ["report", "saturation"],
                 ["report", "cooccurrence"], ["report", "matrix", "--coder", "ben"],
                 ["view", "focal", "P1", "-o", str(tmp_path / "p1.html")]):
        result = run(*args, "--study", str(CARERS))
        assert result.exit_code == 0, (args, result.stderr)
        assert sum("coding rule:" in line for line in result.stderr.splitlines()) == 1, (args, result.stderr)
    assert "1 of 2 coders (ben; not ann)" in run("report", "matrix", "--coder", "ben", "--study", str(CARERS)).stderr


def test_dyad_summary_from_the_command_line_as_csv():
    result = run("dyad", "P1", "K1", "--summary", "--study", str(CARERS), "--format", "csv")
    frame = pd.read_csv(__import__("io").StringIO(result.stdout))
    assert list(frame["accounts"]) == ["converge", "one occasion", "one occasion", "one occasion"]


def test_view_psw_is_the_same_command_as_view_focal_and_hidden(tmp_path):
    assert run("view", "psw", "P1", "--study", str(CARERS), "-o", str(tmp_path / "a.html")).exit_code == 0
    listed = run("view", "--help").stdout
    assert "focal" in listed and "  psw" not in listed


def test_the_focal_view_refuses_someone_not_focal_by_the_studys_labels(tmp_path):
    result = run("view", "focal", "C1", "--study", str(CARERS), "-o", str(tmp_path / "c1.html"))
    assert result.exit_code == 2 and "'C1' is a Clinician, not a Patient" in result.stderr
