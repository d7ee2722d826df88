"""Comparing groups by any participant attribute (graphstudy/reports/compare.py and every report's --by).

Expected answers are worked out by hand from tests/fixtures/carers (patients, family carers,
clinicians): P1 F, P2 M, K1 F, K2 F, C1 M, C2 F; interviewed at B: P1 K1 C1 P2 K2; at M3: P1 K1
C1 C2; at M6: everyone. Burden of care = practical + emotional.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from report_studies import write_study

from graphstudy import load_study, queries
from graphstudy.cli import main
from graphstudy.errors import GraphStudyError
from graphstudy.reports.changes import case_data, changes_of
from graphstudy.reports.compare import NOT_STATED, change_summary, cross_group_matrix, grouping, prevalence
from graphstudy.reports.cooccurrence import cooccurrence
from graphstudy.reports.triangulation import triangulation

CARERS = Path(__file__).parent / "fixtures" / "carers"


@pytest.fixture(scope="module")
def carers():
    return load_study(CARERS)


def test_groups_by_role_use_the_studys_labels_and_order(carers):
    g = grouping(carers, "role")
    assert g.order == ["patient", "carer", "clinician"]
    assert [g.label(x) for x in g.order] == ["Patient", "Family carer", "Clinician"]


def test_a_blank_value_is_its_own_group_shown_last(tmp_path):
    study = load_study(write_study(tmp_path / "s", people={"A": "psw", "B": "service_user", "C": "service_user"},
                                   genders={"A": "M", "C": "F"}, interviews=[("A1", "A", "T1", 0, "")], quotes=[]))
    g = grouping(study, "gender")
    assert g.order == ["F", "M", NOT_STATED] and g.of["B"] == NOT_STATED


def test_an_unknown_attribute_is_one_line_naming_the_columns(carers):
    with pytest.raises(GraphStudyError, match=r"--by 'colour': no such participant column .* \(compare by one of: role, subrole, gender"):
        grouping(carers, "colour")
    result = CliRunner().invoke(main, ["report", "triangulation", "--study", str(CARERS), "--by", "colour"])
    assert result.exit_code == 2 and result.stderr.count("\n") == 2  # the coding rule line, then the error
    assert result.stderr.splitlines()[-1].startswith("error: --by 'colour'")


@pytest.mark.parametrize("where", [None, CARERS], ids=["bundled", "carers"])
def test_prevalence_by_role_is_exactly_queries_themes(where):
    study = load_study(where)
    for level in queries.LEVELS:
        pd.testing.assert_frame_equal(prevalence(study, by="role", level=level), queries.themes(study, level=level))


def test_prevalence_by_gender_by_hand(carers):
    t = prevalence(carers, by="gender").set_index(["theme", "gender", "timepoint"])
    # burden at B: F = P1 (p1b1) and K1 (k1b1) of P1 K1 K2; M = neither of C1 P2
    assert tuple(t.loc[("burden", "F", "B"), ["coded", "interviewed"]]) == (2, 3)
    assert tuple(t.loc[("burden", "M", "B"), ["coded", "interviewed"]]) == (0, 2)
    # trust at M3: F = C2 (c2m2) of P1 K1 C2; M: C1 only, silent
    assert tuple(t.loc[("trust", "F", "M3"), ["coded", "interviewed"]]) == (1, 3)
    assert t.loc[("trust", "F", "M3"), "prevalence"] == 1 / 3
    assert tuple(t.loc[("trust", "M", "M3"), ["coded", "interviewed"]]) == (0, 1)


def test_triangulation_by_gender_compares_the_genders(carers):
    t = triangulation(carers, by="gender").set_index(["theme", "timepoint"])
    assert list(t.columns[1:3]) == ["F", "M"]
    assert tuple(t.loc[("trust", "M3"), ["F", "M", "triangulation"]]) == ("1/3", "0/1", "single group")
    assert tuple(t.loc[("hope", "B"), ["F", "M", "triangulation"]]) == ("2/3", "1/2", "convergent")
    assert t.loc[("trust", "M3"), "evidence"] == "F: c2m2"


def test_cooccurrence_bridges_by_setting(carers):
    # M6 trust: P1 (home), K1 (home), C2 (community) voice it -> two settings
    nodes = cooccurrence(carers, level="subtheme", by="setting").nodes.set_index(["timepoint", "theme"])
    assert nodes.loc[("M6", "trust"), "groups"] == "community;home"
    assert bool(nodes.loc[("M6", "trust"), "bridge"])
    # B hope: K1, K2 (home), C1 (practice)
    assert nodes.loc[("B", "hope"), "groups"] == "home;practice"


def test_change_summary_counts_each_groups_cases_per_label(carers):
    data = case_data(carers)
    s = change_summary(changes_of(data), grouping(carers, "gender"), data.cases).set_index(["theme", "gender"])
    # hope, men: P2 missing (B=0, M6=0; P1 voiced it at M6), C1 idiosyncratic (B=1, M3_1=0, M6=1)
    row = s.loc[("hope", "M")]
    assert (row["cases"], row["with_theme"], row["missing"], row["idiosyncratic"]) == (2, 2, 1, 1)
    assert row["who"] == "idiosyncratic: C1; missing: P2"
    assert s.loc[("hope", "F"), "cases"] == 4


def test_cross_group_matrix_names_the_cases_under_each_label(carers):
    data = case_data(carers)
    g = grouping(carers, "gender")
    m = cross_group_matrix(change_summary(changes_of(data), g, data.cases), g).set_index("theme")
    assert list(m.columns) == ["theme_name", "F", "M"]
    assert m.loc["trust", "M"] == "ceases: P2; missing: C1"


def test_by_participant_and_by_dyad_still_choose_the_kind_of_case():
    run = CliRunner()
    old = run.invoke(main, ["report", "changes", "--by", "dyad", "--case", "Sue", "--format", "csv"])
    new = run.invoke(main, ["report", "changes", "--cases", "dyad", "--case", "Sue", "--format", "csv"])
    assert old.exit_code == 0 and old.output == new.output and "Sue & " in old.output


def test_report_changes_by_attribute_gives_the_summary_per_group():
    out = CliRunner().invoke(main, ["report", "changes", "--study", str(CARERS), "--by", "setting", "--format", "csv"])
    assert out.exit_code == 0, out.output
    t = pd.read_csv(io.StringIO(out.stdout)).set_index(["theme", "setting"])
    assert t.loc[("practical", "home"), "who"] == "constant: K1; idiosyncratic: P1; missing: P2, K2"
    assert t.loc[("practical", "home"), "cases"] == 4


def test_report_matrix_by_attribute_with_dyads_groups_the_other_person():
    out = CliRunner().invoke(main, ["report", "matrix", "--study", str(CARERS), "--cases", "dyad", "--by", "subrole",
                                    "--format", "csv"])
    assert out.exit_code == 0, out.output
    m = pd.read_csv(io.StringIO(out.stdout)).set_index("theme")
    # the dyads' other people are daughter K1, spouse K2, gp C1, nurse C2
    assert list(m.columns) == ["theme_name", "daughter", "gp", "nurse", "spouse"]
    assert "P1 & K1" in m.loc["practical", "daughter"]


def test_themes_by_attribute_from_the_cli():
    out = CliRunner().invoke(main, ["themes", "--study", str(CARERS), "--by", "gender", "--format", "csv"])
    t = pd.read_csv(io.StringIO(out.stdout))
    assert list(t.columns) == ["theme", "theme_name", "gender", "timepoint", "coded", "interviewed", "prevalence"]
    pd.testing.assert_frame_equal(t, pd.read_csv(io.StringIO(prevalence(load_study(CARERS), by="gender").to_csv(index=False))))
