"""``report triangulation``: which stakeholder groups voice each theme at each time point."""

from __future__ import annotations

import json

from click.testing import CliRunner
from report_studies import counts_study

from graphstudy.cli import main
from graphstudy.reports.triangulation import TRIANGULATION_LABELS, triangulation, triangulation_label


def row(t, theme, tp):
    return t[(t["theme"] == theme) & (t["timepoint"] == tp)].iloc[0]


def test_bundled_perceptions_at_t3_is_partial_with_counts_per_group(bundled_study):
    r = row(triangulation(bundled_study), "perceptions", "T3")
    assert (r["psw"], r["service_user"], r["co_worker"], r["voiced_by"], r["silent"], r["triangulation"]) == \
        ("0/4", "2/5", "5/5", "service_user;co_worker", "psw", "partial")


def test_bundled_family_role_at_t1_has_only_psws_to_ask(bundled_study):
    r = row(triangulation(bundled_study), "family_role", "T1")
    assert (r["service_user"], r["co_worker"], r["triangulation"]) == ("-", "-", "one group asked")


def test_bundled_evidence_names_quotes_by_group(bundled_study):
    r = row(triangulation(bundled_study, level="subtheme"), "connections", "T3")
    assert r["evidence"] == "service_user: q029;q030;q032;q033;q034 | co_worker: q031"


def test_convergent_when_every_group_interviewed_voices_it(tmp_path):
    study = counts_study(tmp_path / "s", {"U1": [1], "C1": [1], "W1": [2]},
                         roles={"C1": "co_worker", "W1": "psw"})
    assert row(triangulation(study), "hope", "T1")["triangulation"] == "convergent"


def test_a_group_not_interviewed_is_not_silent(tmp_path):
    """C1 (co-worker) is interviewed only at T2, so at T1 co-workers are '-' and T1 is 'one group asked'."""
    study = counts_study(tmp_path / "s", {"U1": [1, 0], "C1": [None, 0]}, roles={"C1": "co_worker"})
    r = row(triangulation(study), "hope", "T1")
    assert (r["co_worker"], r["silent"], r["triangulation"]) == ("-", "", "one group asked")


def test_a_group_interviewed_without_the_theme_is_silent(tmp_path):
    study = counts_study(tmp_path / "s", {"U1": [1], "C1": [0]}, roles={"C1": "co_worker"})
    r = row(triangulation(study), "hope", "T1")
    assert (r["co_worker"], r["silent"], r["triangulation"]) == ("0/1", "co_worker", "single group")


def test_stance_by_group(tmp_path):
    study = counts_study(tmp_path / "s", {"U1": [1], "C1": [1]}, roles={"C1": "co_worker"},
                         stances={("U1", 0): "positive", ("C1", 0): "negative"})
    assert row(triangulation(study), "hope", "T1")["stance_by_group"] == "service_user: positive; co_worker: negative"


def test_labels_follow_the_documented_table():
    got = [triangulation_label(3, 3), triangulation_label(2, 3), triangulation_label(1, 2),
           triangulation_label(1, 1), triangulation_label(0, 3)]
    assert got == list(TRIANGULATION_LABELS)


def test_cli_triangulation_json_and_prevalence_plot(tmp_path):
    out = tmp_path / "prevalence.svg"
    r = CliRunner().invoke(main, ["report", "triangulation", "--format", "json", "--plot", str(out)])
    assert r.exit_code == 0, r.output
    rows = json.loads(r.output[: r.output.rindex("]") + 1])
    assert len(rows) == 9 and out.read_text(encoding="utf-8").lstrip().startswith("<?xml")
