"""``report saturation``: new themes per interview and Guest, Namey & Chen's (2020) measure."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from click.testing import CliRunner
from report_studies import write_study

from graphstudy import load_study
from graphstudy.cli import main
from graphstudy.errors import GraphStudyError
from graphstudy.reports.saturation import collection_order, saturation

# Eight interviews, one per participant, in collection order I1..I8 (time points T1..T8):
CODED = {1: "a;b", 2: "b;c", 3: "d", 4: "a", 5: "e", 6: "", 7: "b", 8: "f"}


@pytest.fixture(scope="module")
def eight(tmp_path_factory):
    """By hand, with base 4, run 2, threshold 5%:

    - new themes per interview: I1 {a,b}=2, I2 {c}=1, I3 {d}=1, I4 0, I5 {e}=1, I6 0, I7 0, I8 {f}=1;
      cumulative 2, 3, 4, 4, 5, 5, 5, 6;
    - the base (I1-I4) holds 4 themes (a, b, c, d);
    - run 5-6: 1 new (e) = 25% > 5%; run 6-7: 0 new = 0% <= 5%: saturation at 5+2;
    - f (I8) first appears after the confirming run.
    """
    folder = tmp_path_factory.mktemp("eight") / "s"
    people = {f"P{k}": "service_user" for k in CODED}
    interviews = [(f"I{k}", f"P{k}", f"T{k}", 0, "") for k in CODED]
    quotes = [(f"q{k}", f"I{k}", themes, "", "") for k, themes in CODED.items() if themes]
    themes = [(t, "") for t in "abcdef"]
    return load_study(write_study(folder, people=people, interviews=interviews, quotes=quotes, themes=themes,
                                  timepoints=8))


def test_new_themes_and_cumulative_curve_per_interview(eight):
    c = saturation(eight).curve
    assert (c["new_themes"].tolist(), c["cumulative"].tolist()) == ([2, 1, 1, 0, 1, 0, 0, 1], [2, 3, 4, 4, 5, 5, 5, 6])


def test_base_holds_the_distinct_themes_of_the_first_four_interviews(eight):
    assert saturation(eight).base_themes == 4


def test_saturation_at_five_plus_two_by_default(eight):
    s = saturation(eight)
    assert (s.reached_at, s.curve.loc[6, "run"], float(s.curve.loc[6, "new_share"])) == (5, "6-7", 0.0)


def test_first_run_share_is_new_over_base(eight):
    assert float(saturation(eight).curve.loc[5, "new_share"]) == 0.25


def test_a_laxer_threshold_saturates_earlier(eight):
    assert saturation(eight, threshold=0.25).reached_at == 4


def test_a_longer_run_moves_on_one_interview_at_a_time(eight):
    """run 3: 5-7 has e (25%), 6-8 has f (25%): never <= 5%."""
    s = saturation(eight, run=3)
    assert (s.curve["run"].tolist()[-2:], s.reached_at) == (["5-7", "6-8"], None)


def test_themes_after_the_confirming_run_are_reported(eight):
    s = saturation(eight)
    assert s.after == ["f"] and "1 new theme appeared later: f" in s.summary()


def test_not_reached_says_so(eight):
    assert "not reached in 8 interviews" in saturation(eight, run=3).summary()


def test_base_plus_run_longer_than_the_study_is_an_error(eight):
    with pytest.raises(GraphStudyError, match="at least base \\+ run = 9 interviews"):
        saturation(eight, base=7, run=2)


def test_a_base_without_themes_is_an_error(tmp_path):
    folder = write_study(tmp_path / "s", people={"P1": "psw", "P2": "psw"},
                         interviews=[("I1", "P1", "T1", 0, ""), ("I2", "P2", "T2", 0, "")],
                         quotes=[("q1", "I2", "hope", "", "")], timepoints=2)
    with pytest.raises(GraphStudyError, match=r"base .* has no coded theme"):
        saturation(load_study(folder), base=1, run=1)


def test_threshold_outside_zero_to_one_is_refused(eight):
    with pytest.raises(GraphStudyError, match="threshold is a share"):
        saturation(eight, threshold=5)


# ---- collection order ---------------------------------------------------------------
IV = pd.DataFrame({"interview_id": ["b", "a", "c"], "timepoint": ["T1", "T1", "T2"], "wave": [0, 0, 0],
                   "order": [1, 1, 2]})


def test_order_by_occasion_then_interview_id_without_dates():
    frame, how = collection_order(IV)
    assert (list(frame["interview_id"]), how) == (["a", "b", "c"], "occasion")


def test_order_by_date_when_every_interview_has_one():
    frame, how = collection_order(IV, dates={"a": "2021-03-01", "b": "2021-01-01", "c": "2020-12-31"})
    assert (list(frame["interview_id"]), how) == (["c", "b", "a"], "date")


def test_order_falls_back_to_occasion_when_a_date_is_missing():
    frame, how = collection_order(IV, dates={"a": "2021-03-01", "c": "2020-12-31"})
    assert (list(frame["interview_id"]), how) == (["a", "b", "c"], "occasion")


def test_dates_reorder_the_saturation_curve(eight):
    """Held in reverse: I8 first. New themes: I8 {f}, I7 {b}, I6 0, I5 {e}, I4 {a}, I3 {d}, I2 {c}, I1 0."""
    dates = {f"I{k}": f"2021-01-{10 - k:02d}" for k in CODED}
    s = saturation(eight, dates=dates)
    assert (s.order, s.curve["new_themes"].tolist()) == ("date", [1, 1, 0, 1, 1, 1, 1, 0])


# ---- the bundled study and the command line ----------------------------------------
def test_bundled_study_starts_with_the_psws_training_interviews(bundled_study):
    c = saturation(bundled_study).curve
    assert c["interview_id"].tolist()[:3] == ["Eliza_T1", "May_T1", "Sue_T1"]


def test_cli_saturation_json_carries_summary_and_curve(tmp_path):
    out = tmp_path / "curve.png"
    r = CliRunner().invoke(main, ["report", "saturation", "--threshold", "0", "--run", "3", "--format", "json",
                                  "--plot", str(out)])
    assert r.exit_code == 0, r.output
    data = json.loads(r.output[: r.output.rindex("}") + 1])
    assert (data["run"], data["threshold"], len(data["curve"])) == (3, 0.0, 29)
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_cli_saturation_table_prints_the_verdict_on_stderr():
    r = CliRunner().invoke(main, ["report", "saturation"])
    assert "Saturation (Guest, Namey & Chen 2020; base 4, run 2" in r.output


def test_interview_dates_set_the_collection_order_on_the_command_line(make_study):
    """With a date on every interview, saturation follows the dates, not the occasions."""
    from click.testing import CliRunner

    from graphstudy.cli import main

    folder = make_study(
        "dated",
        interviews_csv="id,participant_id,timepoint,wave,date\n"
                       "U1_T1,U1,T1,,2013-05-01\nU1_T2_1,U1,T2,1,2013-01-01\nU1_T2_2,U1,T2,2,2013-06-01\n"
                       "C1_T1,C1,T1,,2013-03-01\nAnn_T1,Ann,T1,,2013-02-01\n",
    )
    result = CliRunner().invoke(main, ["report", "saturation", "--study", str(folder), "--base", "2", "--run", "1",
                                       "--format", "json"])
    assert result.exit_code == 0, result.output
    import json

    out = json.loads(result.stdout)
    assert out["order"] == "date"
    ids = [r["interview_id"] for r in out["curve"]]
    assert ids == ["U1_T2_1", "Ann_T1", "C1_T1", "U1_T1", "U1_T2_2"]
