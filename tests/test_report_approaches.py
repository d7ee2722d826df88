"""The trajectory and recurrent cross-sectional approaches (graphstudy/reports/approaches.py, approach_files.py).

Hand-built studies from quote counts (``counts_study``: a count per time point, None = not
interviewed), one theme ``hope``:

- trajectory: A = 1 (negative), -, 3 (positive), -; B = -, 0, 1, 1 (both service users);
- cross-sectional: A = 1, 1, 1, -, -, -; B = 0, 1, 0, -, -, -; C = -, -, 0, 0, -, -; D = -, -, -, -, 1, 1.
"""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner
from report_studies import counts_study

from graphstudy import load_study
from graphstudy.cli import main
from graphstudy.errors import GraphStudyError
from graphstudy.reports.approach_files import KEPT_SHEET, read_interpretations, write_approach_docx, write_approach_xlsx
from graphstudy.reports.approaches import cohorts, cross_sectional_matrix, trajectory_matrix

CARERS = Path(__file__).parent / "fixtures" / "carers"


@pytest.fixture
def trajectories(tmp_path):
    return counts_study(tmp_path / "t", {"A": [1, None, 3, None], "B": [None, 0, 1, 1]},
                        stances={("A", 0): "negative", ("A", 2): "positive"})


@pytest.fixture
def waves_of_people(tmp_path):
    return counts_study(tmp_path / "x", {"A": [1, 1, 1, None, None, None], "B": [0, 1, 0, None, None, None],
                                         "C": [None, None, 0, 0, None, None], "D": [None, None, None, None, 1, 1]})


def test_a_trajectory_cell_per_occasion_never_reads_not_interviewed_as_absent(trajectories):
    t = trajectory_matrix(trajectories).set_index("case")
    a, b = t.loc["A"], t.loc["B"]
    assert [a[o] for o in ("T1", "T2", "T3", "T4")] == ["1 (negative)", "not interviewed", "3 (positive); increased",
                                                        "no further interview"]
    assert (a["change"], a["drop_out"]) == ("increases;surges;consistent", "no interview after T3")
    assert [b[o] for o in ("T1", "T2", "T3", "T4")] == ["not yet interviewed", "0", "1; emerged", "1; constant"]
    assert (b["change"], b["drop_out"], b["summary"]) == ("emerges", "", "emerges: T2=0, T3=1, T4=1")


def test_outside_the_relationship_a_dyads_interview_is_said_so():
    # C2 TREATS P1 from M6: C2's M3_2 quote about P1 (c2m2) is outside the relationship; C1 TREATS P1 until M3
    t = trajectory_matrix(load_study(CARERS), cases="dyad").set_index(["case", "theme"])
    assert tuple(t.loc[("P1 & C2", "trust"), ["M3_2", "M6"]]) == ("outside relationship", "1 (positive)")
    assert tuple(t.loc[("P1 & C1", "hope"), ["B", "M3_1", "M3_2", "M6"]]) == ("1 (mixed)", "0; ceased", "not interviewed",
                                                                             "outside relationship")


def test_cross_sectional_since_previous_by_the_share_of_interviewees(waves_of_people):
    x = cross_sectional_matrix(waves_of_people, level="subtheme")
    assert x[["timepoint", "all", "since_previous"]].values.tolist() == [
        ["T1", "1/2", "first"], ["T2", "2/2", "more widely voiced"], ["T3", "1/3", "less widely voiced"],
        ["T4", "0/1", "no longer voiced"], ["T5", "1/1", "new"], ["T6", "1/1", "as widely voiced"]]
    assert x["share"].tolist() == [1 / 2, 1, 1 / 3, 0, 1, 1]


def test_cohorts_say_who_continued_returned_was_new_or_did_not_return(waves_of_people):
    c = cohorts(waves_of_people).query("group == 'all'").set_index("timepoint")
    assert c.loc["T3", ["interviewed", "continuing", "returning", "new", "not_returned"]].tolist() == [3, 2, 0, 1, 0]
    assert c.loc["T4", ["interviewed", "continuing", "not_returned", "not_returned_ids"]].tolist() == [1, 1, 2, "A;B"]
    assert c.loc["T5", ["new", "not_returned_ids"]].tolist() == [1, "C"]


def test_cross_sectional_groups_by_any_attribute_on_the_carers_study():
    x = cross_sectional_matrix(load_study(CARERS), by="gender").set_index(["timepoint", "theme"])
    # M3: women P1 K1 C2 interviewed, men C1; trust voiced by C2 only (c2m2)
    assert tuple(x.loc[("M3", "trust"), ["F", "M", "all", "since_previous"]]) == ("1/3", "0/1", "1/4", "less widely voiced")


def test_the_interpretation_column_is_kept_when_the_workbook_is_written_again(tmp_path):
    out = tmp_path / "traj.xlsx"
    study = load_study(CARERS)
    write_approach_xlsx(out, study, "trajectory")
    wb = openpyxl.load_workbook(out)
    ws = wb["Trajectory"]
    header = [c.value for c in ws[1]]
    col = header.index("interpretation") + 1
    rows = {(r[0].value, r[header.index("theme")].value): r[0].row for r in ws.iter_rows(min_row=2)}
    ws.cell(row=rows[("K1", "practical")], column=col).value = "the burden eases once the nurse comes"
    wb.save(out)
    write_approach_xlsx(out, study, "trajectory")
    assert read_interpretations(out)["Trajectory"] == {("K1", "practical"): "the burden eases once the nurse comes"}
    # the row is gone when only P1 is asked for: the interpretation moves to the kept sheet, and comes back with the row
    write_approach_xlsx(out, study, "trajectory", wanted=["P1"])
    wb = openpyxl.load_workbook(out)
    assert KEPT_SHEET in wb.sheetnames
    kept = [[c.value for c in row] for row in wb[KEPT_SHEET].iter_rows(min_row=2)]
    assert kept == [["Trajectory", "K1", "practical", "the burden eases once the nurse comes"]]
    write_approach_xlsx(out, study, "trajectory")
    assert read_interpretations(out)["Trajectory"] == {("K1", "practical"): "the burden eases once the nurse comes"}
    assert KEPT_SHEET not in openpyxl.load_workbook(out).sheetnames


def test_a_file_that_is_not_a_workbook_is_never_overwritten(tmp_path):
    out = tmp_path / "notes.xlsx"
    out.write_text("my notes", encoding="utf-8")
    with pytest.raises(GraphStudyError, match=r"not a readable workbook .* move it away"):
        write_approach_xlsx(out, load_study(CARERS), "cross-sectional")
    assert out.read_text(encoding="utf-8") == "my notes"


def test_the_cross_sectional_workbook_names_groups_by_the_studys_labels(tmp_path):
    wb = openpyxl.load_workbook(write_approach_xlsx(tmp_path / "x.xlsx", load_study(CARERS), "cross-sectional"))
    assert wb.sheetnames == ["Key", "Cross-sectional", "Cohorts"]
    header = [c.value for c in wb["Cross-sectional"][1]]
    assert header[4:7] == ["Patient", "Family carer", "Clinician"] and header[-1] == "interpretation"


def test_the_word_documents_read_back(tmp_path):
    d = docx.Document(str(write_approach_docx(tmp_path / "t.docx", load_study(CARERS), "trajectory", cases="dyad")))
    heads = [p.text for p in d.paragraphs if p.style.name == "Heading 1"]
    assert heads[0] == "P1 & K1: K1 (Family carer) about P1"
    first = d.tables[0]
    assert [c.text for c in first.rows[0].cells] == ["theme", "B", "M3_1", "M6", "change"]
    assert [c.text for c in first.rows[1].cells] == ["Practical tasks", "1 (negative)", "1 (negative); constant",
                                                     "1 (positive); constant", "constant"]
    body = "\n".join(p.text for p in d.paragraphs)
    assert "“I do her shopping and cleaning now.” (K1, B; negative)" in body
    legend = d.tables[-1]
    assert legend.rows[0].cells[0].text == "cell" and any(r.cells[0].text == "outside relationship" for r in legend.rows)
    x = docx.Document(str(write_approach_docx(tmp_path / "x.docx", load_study(CARERS), "cross-sectional")))
    assert [p.text for p in x.paragraphs if p.style.name == "Heading 1"] == ["B: Baseline", "M3: 3 months", "M6: 6 months",
                                                                              "Cohorts"]
    assert "4 interviewed: 3 also interviewed at the time point before" in "\n".join(p.text for p in x.paragraphs)


def test_cli_approaches_print_write_and_say_the_cohorts(tmp_path):
    run = CliRunner()
    r = run.invoke(main, ["report", "matrix", "--approach", "cross-sectional", "--study", str(CARERS), "--level", "theme",
                          "--xlsx", str(tmp_path / "x.xlsx"), "--docx", str(tmp_path / "x.docx")])
    assert r.exit_code == 0, r.output
    assert "M3: 4 interviewed, 3 continuing, 0 returning, 1 new; interviewed at the time point before but not now: K2, P2" in r.stderr
    assert (tmp_path / "x.xlsx").exists() and (tmp_path / "x.docx").exists()
    r = run.invoke(main, ["report", "matrix", "--approach", "trajectory", "--case", "K1", "--study", str(CARERS)])
    assert r.exit_code == 0 and "no further interview" not in r.stdout and "1 (negative); constant" in r.stdout
    bad = run.invoke(main, ["report", "matrix", "--docx", str(tmp_path / "m.doc")])
    assert bad.exit_code == 2 and "--docx writes a Word document (.docx); got '.doc'" in bad.stderr
