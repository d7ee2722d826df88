"""``report matrix``: trajectory (per case) and cross-case matrices, and the .xlsx framework matrix."""

from __future__ import annotations

import io
import json

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner
from report_studies import counts_study

from graphstudy.cli import main
from graphstudy.errors import GraphStudyError
from graphstudy.reports.matrix import case_matrix, cross_case_matrix, evidence, write_framework_matrix


@pytest.fixture()
def gap_study(tmp_path):
    """P1: one quote at T1, not interviewed at T2, interviewed without the theme at T3; P2 fills T2."""
    return counts_study(tmp_path / "s", {"P1": [1, None, 0], "P2": [None, 1, None]},
                        stances={("P1", 0): "negative"})


def test_evidence_tells_not_interviewed_from_interviewed_and_absent(gap_study):
    e = evidence(gap_study, cases=["P1"])
    assert e[["occasion", "status", "count"]].values.tolist() == [
        ["T1", "present", 1], ["T2", "not interviewed", 0], ["T3", "absent", 0]]


def test_case_matrix_cells_hold_quote_text_id_and_stance(gap_study):
    m = case_matrix(gap_study, "P1")
    assert m[["T1", "T2", "T3"]].values.tolist() == [["“Passage P1_T1_q0.” [P1_T1_q0, negative]", "not interviewed", ""]]


def test_case_matrix_carries_the_change(gap_study):
    assert case_matrix(gap_study, "P1")["change"].item() == "ceases"


def test_case_matrix_of_a_dyad_on_the_bundled_study(bundled_study):
    m = case_matrix(bundled_study, "Sue & Co-worker07", by="dyad").set_index("theme")
    assert (m.loc["uncertainty", "T2_1"], m.loc["uncertainty", "T3_1"].endswith("[q011, negative]")) == \
        ("not interviewed", True)


def test_cross_case_cell_describes_the_change(bundled_study):
    m = cross_case_matrix(bundled_study).set_index("theme")
    assert m.loc["connections", "User16"] == "constant: T3_1=1, T3_2=1; negative→positive"


def test_cross_case_columns_are_the_cases_in_report_order(bundled_study):
    m = cross_case_matrix(bundled_study, by="dyad")
    assert list(m.columns[:4]) == ["theme", "theme_name", "Yvonne & User03", "Eliza & User09"]


def test_cross_case_rows_follow_the_codebook(bundled_study):
    assert cross_case_matrix(bundled_study)["theme"].tolist()[:3] == ["perceptions", "asset", "trusting_relationships"]


def test_unknown_case_matrix_is_an_error(bundled_study):
    with pytest.raises(GraphStudyError, match="no participant case 'Nobody'"):
        case_matrix(bundled_study, "Nobody")


# ---- the workbook -------------------------------------------------------------------
@pytest.fixture(scope="module")
def workbook(bundled_study, tmp_path_factory):
    path = tmp_path_factory.mktemp("xlsx") / "framework.xlsx"
    write_framework_matrix(path, bundled_study, by="dyad")
    return openpyxl.load_workbook(path)


def test_workbook_has_key_cross_case_and_one_sheet_per_case(workbook):
    assert workbook.sheetnames[:3] == ["Key", "Across cases", "Yvonne & User03"] and len(workbook.sheetnames) == 20


def test_workbook_case_sheet_has_the_quotes_in_wrapped_cells(workbook):
    ws = workbook["Sue & Co-worker07"]
    cell = ws["G2"]
    assert (ws["G1"].value, cell.value.startswith("“The performance of PSW"), cell.alignment.wrap_text) == \
        ("T3_2", True, True)


def test_workbook_freezes_header_and_theme_columns(workbook):
    assert (workbook["Across cases"].freeze_panes, workbook["Sue & Co-worker07"].freeze_panes) == ("C2", "D2")


def test_workbook_columns_are_wide_enough_to_read(workbook):
    ws = workbook["Sue & Co-worker07"]
    assert ws.column_dimensions["B"].width >= 30 and ws.column_dimensions["G"].width >= 50


def test_workbook_greys_not_interviewed_cells(workbook):
    cell = workbook["Sue & Co-worker07"]["D2"]
    assert (cell.value, cell.fill.fgColor.rgb[-6:]) == ("not interviewed", "EEEEEE")


def test_workbook_refuses_another_suffix(bundled_study, tmp_path):
    with pytest.raises(GraphStudyError, match=r"\.xlsx"):
        write_framework_matrix(tmp_path / "m.csv", bundled_study)


def test_failed_workbook_leaves_an_existing_file_as_it_was(bundled_study, tmp_path):
    path = tmp_path / "m.xlsx"
    path.write_bytes(b"earlier")
    with pytest.raises(GraphStudyError):
        write_framework_matrix(path, bundled_study, cases=["Nobody"])
    assert path.read_bytes() == b"earlier" and [p.name for p in tmp_path.iterdir()] == ["m.xlsx"]


# ---- command line ---------------------------------------------------------------------
def test_cli_matrix_for_one_case_prints_its_trajectory():
    r = CliRunner().invoke(main, ["report", "matrix", "--by", "dyad", "--case", "Sue & Co-worker07", "--format", "json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)[0]["T2_1"] == "not interviewed"


def test_cli_matrix_long_gives_one_row_per_case_theme_and_occasion():
    """User16: four themes (one voiced, three missing) x three service-user occasions."""
    r = CliRunner().invoke(main, ["report", "matrix", "--case", "User16", "--long", "--format", "csv"])
    t = pd.read_csv(io.StringIO(r.output), keep_default_na=False)
    assert (len(t), t.loc[t["theme"] == "connections", "status"].tolist()) == \
        (12, ["not interviewed", "present", "present"])


def test_cli_matrix_writes_the_workbook(tmp_path):
    out = tmp_path / "fw.xlsx"
    r = CliRunner().invoke(main, ["report", "matrix", "--xlsx", str(out), "--format", "csv"])
    assert r.exit_code == 0, r.output
    assert openpyxl.load_workbook(out).sheetnames[1] == "Across cases"


def test_cli_matrix_refuses_a_bad_workbook_name_before_working(tmp_path):
    r = CliRunner().invoke(main, ["report", "matrix", "--xlsx", str(tmp_path / "fw.txt")])
    assert r.exit_code == 2 and "error:" in r.output and "theme" not in r.output
