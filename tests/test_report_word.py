"""Word output (graphstudy/reports/word.py, word_reports.py), tested by reading the documents back with python-docx."""

from __future__ import annotations

from pathlib import Path

import docx
import pandas as pd
import pytest
from click.testing import CliRunner

from graphstudy import load_study
from graphstudy.cli import main
from graphstudy.errors import GraphStudyError
from graphstudy.reports import changes as changes_module
from graphstudy.reports.word import WordDocument, check_docx_path, rule_tables
from graphstudy.reports.word_reports import write_changes_docx, write_triangulation_docx

CARERS = Path(__file__).parent / "fixtures" / "carers"


def test_the_legend_is_the_rule_table_of_the_code():
    (rules,) = rule_tables(changes_module.__doc__)
    assert list(rules.columns) == ["label", "Saldaña's question", "rule (ours)"]
    assert rules["label"].tolist() == list(changes_module.CHANGE_LABELS)
    surges = rules.set_index("label").loc["surges", "rule (ours)"]
    assert surges.startswith("n >= 2; from one interviewed occasion to the next") and "``" not in surges


def test_tables_are_real_word_tables_with_a_repeated_header_and_grey_not_interviewed(tmp_path):
    doc = WordDocument("T")
    doc.table(pd.DataFrame({"since_previous": ["new"], "T3_1": ["not interviewed"], "n": [1.5]}))
    d = docx.Document(str(doc.save(tmp_path / "t.docx")))
    (t,) = d.tables
    assert [c.text for c in t.rows[0].cells] == ["since previous", "T3_1", "n"]
    assert [c.text for c in t.rows[1].cells] == ["new", "not interviewed", "1.5"]
    assert 'w:tblHeader w:val="true"' in t.rows[0]._tr.xml
    assert 'w:fill="EEEEEE"' in t.rows[1].cells[1]._tc.xml and 'w:fill="EEEEEE"' not in t.rows[1].cells[0]._tc.xml


def test_a_docx_path_is_checked_and_a_failed_write_leaves_nothing(tmp_path):
    with pytest.raises(GraphStudyError, match=r"--docx writes a Word document \(.docx\); got '.pdf'"):
        check_docx_path(tmp_path / "x.pdf")
    with pytest.raises(GraphStudyError, match=r"the folder .* does not exist"):
        WordDocument("T").save(tmp_path / "nowhere" / "x.docx")
    assert list(tmp_path.iterdir()) == []


def test_changes_as_word_a_section_per_theme_with_the_quotes(tmp_path):
    d = docx.Document(str(write_changes_docx(tmp_path / "c.docx", load_study(CARERS), wanted=["K1"])))
    heads = [p.text for p in d.paragraphs if p.style.name == "Heading 1"]
    assert heads == ["Practical tasks", "Emotional strain", "Hope and plans", "Trust in the care team"]
    first = d.tables[0]
    assert [c.text for c in first.rows[0].cells] == ["case", "role", "change", "series", "stance change"]
    assert [c.text for c in first.rows[1].cells] == ["K1", "Family carer", "constant", "B=1 M3_1=1 M6=1", "negative→positive"]
    assert d.tables[1].rows[1].cells[2].text == "emerges; surges; idiosyncratic"
    text = "\n".join(p.text for p in d.paragraphs)
    assert "“The shopping, the pills, the nights: it is all on me.” (K1, M3_1; negative) [k1m1]" in text
    assert d.tables[-1].rows[0].cells[0].text == "label"


def test_changes_by_attribute_open_each_theme_with_the_groups(tmp_path):
    d = docx.Document(str(write_changes_docx(tmp_path / "c.docx", load_study(CARERS), by="gender")))
    first = d.tables[0]
    assert [c.text for c in first.rows[0].cells][:3] == ["gender", "cases", "with a row"]
    assert [r.cells[0].text for r in first.rows[1:]] == ["F", "M"]


def test_triangulation_as_word_names_groups_and_time_points_by_the_studys_labels(tmp_path):
    d = docx.Document(str(write_triangulation_docx(tmp_path / "t.docx", load_study(CARERS))))
    t = d.tables[0]
    assert [c.text for c in t.rows[1].cells][:5] == ["B (Baseline)", "1/2", "1/2", "0/1", "partial"]
    assert t.rows[1].cells[5].text == "Patient: mixed; Family carer: negative"
    text = "\n".join(p.text for p in d.paragraphs)
    assert "B, Family carer:" in text and "“I do her shopping and cleaning now.” (K1, B; negative) [k1b1]" in text
    assert d.tables[-1].rows[0].cells[0].text == "triangulation"


def test_every_docx_option_of_the_cli_writes_a_document(tmp_path):
    run = CliRunner()
    for args in (["report", "changes", "--case", "User16"], ["report", "triangulation", "--by", "gender"],
                 ["report", "matrix", "--case", "User16"], ["report", "portrait", "User16"]):
        out = tmp_path / f"{args[1]}.docx"
        r = run.invoke(main, [*args, "--docx", str(out)])
        assert r.exit_code == 0, (args, r.output)
        assert docx.Document(str(out)).core_properties.author == "graphstudy"
