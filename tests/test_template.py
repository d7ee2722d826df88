"""``graphstudy template``: an empty, commented study that validates once filled in."""

import datetime as dt
import json

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from graphstudy import load_study
from graphstudy.cli import main
from graphstudy.model import COLUMNS
from graphstudy.refi_qda import write_qdc
from graphstudy.template import COLUMN_HELP, write_template
from graphstudy.workbook import DECLARATION_SHEETS

FILL = {
    "timepoints": [["M0", "Baseline", 1], ["M6", "6 months", 2]],
    "roles": [["patient", "Patient", True], ["carer", "Family carer", False]],
    "relationship_types": [["CARES_FOR", "cares for", "carer", "patient"]],
    "participants": [["P1", "patient"], ["K1", "carer"]],
    "interviews": [["P1_M0", "P1", "M0", None, dt.datetime(2024, 3, 1)], ["K1_M6", "K1", "M6", None, dt.datetime(2024, 9, 2)]],
    "themes": [["trust", "Trust"], ["burden", "Burden"]],
    "quotes": [["q1", "P1_M0", "She listens", "K1", "positive"], ["q2", "K1_M6", "It is a lot", "P1", "negative"]],
    "codings": [["q1", "trust"], ["q2", "burden"]],
    "relationships": [["K1", "CARES_FOR", "P1", "M0", None]],
}


def test_the_workbook_template_has_every_sheet_with_a_note_on_every_column(tmp_path):
    book = openpyxl.load_workbook(write_template(tmp_path / "new.xlsx"))
    assert book.sheetnames == ["help", *DECLARATION_SHEETS, *COLUMNS]
    for kind, cols in COLUMNS.items():
        header = [c.value for c in book[kind][1]]
        assert header == cols
        assert [c.comment.text for c in book[kind][1]] == [COLUMN_HELP[kind][c] for c in cols]
    assert [row[0].value for row in book["study"].iter_rows(min_row=2)] == list(COLUMN_HELP["study"])


def test_the_empty_workbook_template_validates(tmp_path):
    result = CliRunner().invoke(main, ["validate", str(write_template(tmp_path / "new.xlsx"))])
    assert result.exit_code == 0, result.output
    assert "no study name" in result.stderr  # the one thing to fill in first


def test_the_workbook_template_filled_in_validates_as_the_study_typed(tmp_path):
    path = write_template(tmp_path / "new.xlsx")
    book = openpyxl.load_workbook(path)
    book["study"]["B2"] = "Patients and carers"
    for kind, rows in FILL.items():
        for row in rows:
            book[kind].append(row)
    book.save(path)
    result = CliRunner().invoke(main, ["validate", str(path), "--strict", "--format", "json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["study"] == "Patients and carers" and summary["participants_by_role"] == {"patient": 1, "carer": 1}
    study = load_study(path)
    assert study.interviews["date"].tolist() == ["2024-03-01", "2024-09-02"]
    assert study.info.focal_roles == ("patient",) and study.relationships["start"].tolist() == ["M0"]


def test_the_folder_template_filled_in_validates(tmp_path):
    folder = write_template(tmp_path / "new")
    assert sorted(p.name for p in folder.iterdir()) == sorted(["study.toml", "README.txt", *(f"{k}.csv" for k in COLUMNS)])
    assert "[[roles]]" in (folder / "study.toml").read_text(encoding="utf-8")
    toml = (folder / "study.toml").read_text(encoding="utf-8").replace('name = ""', 'name = "Carers"')
    toml += '\n[[timepoints]]\nid = "M0"\norder = 1\n[[timepoints]]\nid = "M6"\norder = 2\n'
    toml += '[[roles]]\nid = "patient"\nfocal = true\n[[roles]]\nid = "carer"\n'
    (folder / "study.toml").write_text(toml, encoding="utf-8")
    for kind, rows in FILL.items():
        if kind in COLUMNS:
            cols = COLUMNS[kind]
            frame = pd.DataFrame([(r + [None] * len(cols))[:len(cols)] for r in rows], columns=cols)
            frame["date" if kind == "interviews" else cols[0]] = frame["date" if kind == "interviews" else cols[0]].map(
                lambda v: v.date().isoformat() if isinstance(v, dt.datetime) else v)
            frame.to_csv(folder / f"{kind}.csv", index=False)
    (folder / "relationships.csv").write_text("source_id,type,target_id,start,end,note\nK1,FAMILY_OF,P1,M0,,\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(folder), "--strict"])
    assert result.exit_code == 0, result.output
    assert load_study(folder).name == "Carers"


def test_a_template_overwrites_nothing(tmp_path):
    (tmp_path / "taken.xlsx").write_bytes(b"keep")
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "x.csv").write_text("keep", encoding="utf-8")
    for target in ("taken.xlsx", "taken"):
        result = CliRunner().invoke(main, ["template", str(tmp_path / target)])
        assert result.exit_code == 2 and "already exists" in result.stderr
    assert (tmp_path / "taken.xlsx").read_bytes() == b"keep" and sorted(p.name for p in tmp_path.iterdir()) == ["taken", "taken.xlsx"]


def test_a_template_from_a_codebook_has_its_themes(bundled_study, tmp_path):
    qdc = write_qdc(bundled_study, tmp_path / "codes.qdc")
    result = CliRunner().invoke(main, ["template", str(tmp_path / "new.xlsx"), "--codebook", str(qdc)])
    assert result.exit_code == 0, result.output
    themes = load_study(tmp_path / "new.xlsx").themes
    assert sorted(themes["name"]) == sorted(bundled_study.themes["name"])
    assert (themes["parent_id"] != "").sum() == (bundled_study.themes["parent_id"] != "").sum()


@pytest.mark.parametrize("name", ["new.csv", "new.gstudy"])
def test_a_template_is_a_workbook_or_a_folder(tmp_path, name):
    result = CliRunner().invoke(main, ["template", str(tmp_path / name)])
    assert result.exit_code == 2 and "FILE.xlsx or FOLDER/" in result.stderr
