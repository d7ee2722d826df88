"""Pen portraits (graphstudy/reports/portrait.py, portrait_files.py), on the carers study and the bundled one.

K1 (P1's daughter), interviewed at B, M3_1 and M6, by hand from quotes.csv and codings.csv:
practical B 1 (k1b1, negative), M3_1 1 (k1m1, negative), M6 1 (k1s1, positive); hope B 1 (k1b2);
emotional M3_1 2 (k1m1, k1m2), M6 1 (k1s2, about no one); trust M6 1 (k1s1).
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
import pandas as pd
import pytest
from click.testing import CliRunner

from graphstudy import load_study
from graphstudy.cli import main
from graphstudy.errors import GraphStudyError
from graphstudy.reports.portrait import dyad_portrait, portrait, span_text, through_line
from graphstudy.reports.portrait_files import portrait_text, write_portrait_docx

CARERS = Path(__file__).parent / "fixtures" / "carers"


@pytest.fixture(scope="module")
def carers():
    return load_study(CARERS)


def test_through_line_rules_by_hand():
    series = {
        "steady": [("T1", 1, "positive"), ("T2", 1, "positive"), ("T3", 2, "positive")],
        "turning": [("T1", 1, "negative"), ("T2", 0, ""), ("T3", 1, "positive")],
        "late": [("T1", 0, ""), ("T2", 0, ""), ("T3", 1, "")],
        "gone": [("T1", 2, "mixed"), ("T2", 1, "negative"), ("T3", 0, "")],
    }
    threads = through_line(series, {})
    assert threads == {"persists": ["steady (T1, T2, T3)"],
                       "turns of stance": ["turning: negative→positive at T3", "gone: mixed→negative at T2"],
                       "appeared late": ["late (first at T3)"], "faded": ["gone (last at T2)"]}
    assert through_line({"once": [("T1", 3, "negative")]}, {}) == {}


def test_spans_in_words():
    assert span_text("B", "M3", {"B": "Baseline", "M3": "3 months"}) == "from B (Baseline) to M3 (3 months)"
    assert span_text("", "") == "throughout"


def test_a_participants_portrait_by_hand(carers):
    p = portrait(carers, "K1")
    assert p.people == [{"id": "K1", "role": "carer", "role_label": "Family carer", "subrole": "daughter", "gender": "F",
                         "age_band": "40+", "setting": "home", "interviewed": ["B", "M3_1", "M6"]}]
    assert p.relationships[["source", "type_label", "target", "span"]].values.tolist() == [["K1", "cares for", "P1", "throughout"]]
    assert p.threads == {"persists": ["Practical tasks (B, M3_1, M6)"],
                         "turns of stance": ["Practical tasks: negative→positive at M6"],
                         "appeared late": ["Emotional strain (first at M3_1)", "Trust in the care team (first at M6)"],
                         "faded": ["Hope and plans (last at B)"]}
    said = p.said
    assert said[["occasion", "theme", "quote_id", "step"]].values.tolist() == [
        ["B", "practical", "k1b1", "first"], ["B", "hope", "k1b2", "first"],
        ["M3_1", "practical", "k1m1", "constant"], ["M3_1", "emotional", "k1m1", "emerged"], ["M3_1", "emotional", "k1m2", "emerged"],
        ["M6", "practical", "k1s1", "constant"], ["M6", "emotional", "k1s2", "decreased"], ["M6", "trust", "k1s1", "emerged"]]
    assert said.loc[said["quote_id"] == "k1s2", "about"].item() == ""  # about no one: still in the person's portrait
    assert dict(zip(p.changes["theme"], p.changes["change"]))["practical"] == "constant"


def test_a_dyads_portrait_both_sides_and_the_through_line(carers):
    p = dyad_portrait(carers, "P1", "K1")
    assert [x["id"] for x in p.people] == ["P1", "K1"]
    assert p.occasions["occasion"].tolist() == ["B", "M3_1", "M3_2", "M6"]
    assert p.threads["converge"] == ["Practical tasks (contrast at B, overlap at M6)"]
    # K1's k1s2 is about no one: in no dyad
    assert "k1s2" not in set(p.said["quote_id"])
    b = p.said[p.said["occasion"] == "B"]
    assert b[["speaker", "about", "quote_id", "state"]].values.tolist() == [
        ["P1", "K1", "p1b1", "contrast"], ["K1", "P1", "k1b1", "contrast"], ["K1", "P1", "k1b2", "contrast"]]
    assert set(p.changes["accounts"]) <= {"converge", "one occasion"}


def test_a_dyad_keeps_to_the_span_of_the_relationship(carers):
    p = dyad_portrait(carers, "P1", "C2")  # C2 treats P1 from M6: c2m2 (M3_2) is outside it
    assert p.said["quote_id"].tolist() == ["p1s2", "c2s1"]
    assert p.relationships["span"].tolist() == ["from M6 (6 months)"]


def test_people_without_a_relationship_are_refused_in_one_line(carers):
    with pytest.raises(GraphStudyError, match="'K1' and 'K2' have no relationship"):
        dyad_portrait(carers, "K1", "K2")
    with pytest.raises(GraphStudyError, match="no participant 'Nobody'"):
        portrait(carers, "Nobody")


def test_a_person_interviewed_once_has_no_through_line(tmp_path):
    from report_studies import counts_study

    p = portrait(counts_study(tmp_path / "one", {"A": [2]}), "A")
    assert p.threads == {} and p.notes == ["A was interviewed once: there is no change to read across waves"]
    assert "(nothing to trace)" in portrait_text(p)


def test_the_bundled_study_user15(bundled_study):
    p = portrait(bundled_study, "User15")
    assert p.title == "Pen portrait of User15 (Service user)"
    assert p.threads["turns of stance"] == ["Perceptions over time about peer support workers: neutral→positive at T3_2"]
    assert "User15/F/50+/T3_2/Sue" in set(p.said["citation"])


def test_the_word_document_reads_back_with_headings_tables_quotes_and_the_rules(carers, tmp_path):
    d = docx.Document(str(write_portrait_docx(tmp_path / "k1.docx", portrait(carers, "K1"))))
    heads = [(x.style.name, x.text) for x in d.paragraphs if x.style.name.startswith("Heading")]
    assert ("Heading 2", "M3_1: 3 months") in heads and ("Heading 1", "Through-line") in heads
    text = "\n".join(x.text for x in d.paragraphs)
    assert "“I cry in the car after visits.” (K1, M3_1; negative) [k1m2]" in text
    assert "persists: Practical tasks (B, M3_1, M6)" in text
    tables = {t.rows[0].cells[0].text: t for t in d.tables}
    assert tables["relationship"].rows[1].cells[0].text == "K1 cares for P1"
    assert tables["theme"].rows[1].cells[1].text == "constant"
    assert [r.cells[0].text for r in tables["through-line"].rows[1:]] == ["persists", "turns of stance", "appeared late", "faded",
                                                                          "converge", "diverge"]
    assert "label" in tables  # the change labels' rules


def test_cli_formats(tmp_path):
    run = CliRunner()
    text = run.invoke(main, ["report", "portrait", "P1", "K1", "--study", str(CARERS)])
    assert text.exit_code == 0 and text.stdout.startswith("Pen portrait of P1 (Patient) and K1 (Family carer)")
    rows = pd.read_csv(io.StringIO(run.invoke(main, ["report", "portrait", "K1", "--study", str(CARERS), "--format", "csv"]).stdout))
    assert len(rows) == 8 and list(rows.columns)[:4] == ["occasion", "timepoint_label", "theme", "theme_name"]
    data = json.loads(run.invoke(main, ["report", "portrait", "K1", "--study", str(CARERS), "--format", "json"]).stdout)
    assert data["through_line"]["faded"] == ["Hope and plans (last at B)"] and data["kind"] == "participant"
    out = tmp_path / "p.docx"
    r = run.invoke(main, ["report", "portrait", "Sue", "Co-worker07", "--docx", str(out)])
    assert r.exit_code == 0 and f"wrote {out}" in r.stderr and out.exists()
