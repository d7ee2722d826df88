"""Studies as spreadsheet programs save them: Excel date cells, European CSV, headers and sheet names as typed."""

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner
from conftest import MINI

from graphstudy import load_study
from graphstudy.cli import main
from graphstudy.loader import check_path

TABLES = ("participants", "interviews", "themes", "quotes", "codings", "relationships")


def errors(path, **kw):
    study, problems = check_path(path, **kw)
    return study, [p for p in problems if p.severity == "error"]


def rows_of(kind):
    """The MINI study's table as a list of rows (header first)."""
    return [line.split(",") for line in MINI[f"{kind}.csv"].strip().splitlines()]


def mini_book(path, study=(("name", "mini"),), sheets=None, names=None, edit=None):
    """The MINI study as a workbook written by openpyxl; ``edit(kind, rows)`` may change a sheet's rows."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "study"
    for row in study:
        ws.append(list(row))
    tps = book.create_sheet((names or {}).get("timepoints", "timepoints"))
    for row in (["id", "label", "order"], ["T1", "Training", 1], ["T2", "Placement", 2]):
        tps.append(row)
    for kind in TABLES:
        rows = rows_of(kind)
        if edit:
            rows = edit(kind, rows)
        sheet = book.create_sheet((names or {}).get(kind, kind))
        for row in rows:
            sheet.append([None if c == "" else c for c in row])
    for title, rows in (sheets or {}).items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def test_excel_date_cells_are_dates(tmp_path):
    def dates(kind, rows):
        if kind == "interviews":
            rows = [rows[0] + ["date"]] + [r + [dt.datetime(2023, 1, 10 + i)] for i, r in enumerate(rows[1:])]
        return rows

    study = load_study(mini_book(tmp_path / "dated.xlsx", edit=dates))
    assert study.interviews["date"].tolist()[:2] == ["2023-01-10", "2023-01-11"]


def test_a_csv_saved_by_european_excel_loads_like_the_comma_one(make_study):
    comma = make_study("comma")
    euro = make_study("euro")
    for kind in TABLES:
        text = (comma / f"{kind}.csv").read_text(encoding="utf-8").replace(",", ";")
        (euro / f"{kind}.csv").write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    a, b = load_study(comma), load_study(euro)
    for kind in TABLES:
        assert getattr(a, kind).equals(getattr(b, kind)), kind


def test_a_missing_column_names_the_separator_the_header_was_read_with(make_study):
    _, errs = errors(make_study(participants_csv="id;rolle\nAnn;psw\nU1;service_user\nC1;co_worker\n"))
    [p] = [p for p in errs if p.file == "participants.csv"]
    assert p.row == 1 and "'role'" in p.message and "separator ';' (semicolon)" in p.message and "'rolle'" in p.message


def test_a_row_with_too_many_cells_names_the_separator(make_study):
    _, errs = errors(make_study(participants_csv="id,role\nAnn,psw\nU1,service_user,extra\nC1,co_worker\n"))
    [p] = errs
    assert p.file == "participants.csv" and p.row == 3 and "separator ',' (comma)" in p.message


def test_utf16_csv_with_a_byte_order_mark_is_read(make_study):
    folder = make_study()
    text = MINI["participants.csv"].replace(",", "\t")
    (folder / "participants.csv").write_bytes(text.encode("utf-16"))
    study, errs = errors(folder)
    assert errs == [] and study.participant("C1").subrole == "supervisor"


def test_cp1252_text_is_one_line_naming_the_line_and_how_to_save(make_study):
    folder = make_study()
    (folder / "themes.csv").write_bytes("id,name\nhope,Hope\nfear,Fear of caf\xe9\nhope_a,x\n".encode("cp1252"))
    _, errs = errors(folder)
    [p] = [p for p in errs if p.file == "themes.csv"]
    assert p.row == 3 and "byte 0xe9" in p.message and "CSV UTF-8" in p.message


def test_day_first_dates_are_refused_with_a_hint_naming_date_format(make_study):
    folder = make_study(interviews_csv="id,participant_id,timepoint,wave,date\nU1_T1,U1,T1,,10/01/2023\n"
                                       "U1_T2_1,U1,T2,1,\nU1_T2_2,U1,T2,2,\nC1_T1,C1,T1,,\nAnn_T1,Ann,T1,,\n")
    _, errs = errors(folder)
    [p] = errs
    assert p.column == "date" and "'10/01/2023'" in p.message and "date_format" in p.message and "day-first" in p.message


def test_date_format_in_study_toml_reads_day_first_dates_as_iso(make_study):
    toml = MINI["study.toml"] + 'date_format = "%d/%m/%Y"\n'
    toml = 'date_format = "%d/%m/%Y"\n' + MINI["study.toml"]
    folder = make_study(study_toml=toml, interviews_csv="id,participant_id,timepoint,wave,date\nU1_T1,U1,T1,,10/01/2023\n"
                        "U1_T2_1,U1,T2,1,2023-02-03\nU1_T2_2,U1,T2,2,31/01/2023\nC1_T1,C1,T1,,\nAnn_T1,Ann,T1,,\n")
    study = load_study(folder)
    assert study.interviews["date"].tolist()[:3] == ["2023-01-10", "2023-02-03", "2023-01-31"]


def test_a_date_the_declared_format_does_not_read_is_an_error_naming_the_format(make_study):
    toml = 'date_format = "%d/%m/%Y"\n' + MINI["study.toml"]
    folder = make_study(study_toml=toml, interviews_csv="id,participant_id,timepoint,wave,date\nU1_T1,U1,T1,,13/13/2023\n"
                        "U1_T2_1,U1,T2,1,\nU1_T2_2,U1,T2,2,\nC1_T1,C1,T1,,\nAnn_T1,Ann,T1,,\n")
    _, errs = errors(folder)
    [p] = errs
    assert p.row == 2 and "'%d/%m/%Y'" in p.message and "'13/13/2023'" in p.message


def test_an_impossible_iso_date_is_refused(make_study):
    folder = make_study(interviews_csv="id,participant_id,timepoint,wave,date\nU1_T1,U1,T1,,2023-02-30\n"
                                       "U1_T2_1,U1,T2,1,\nU1_T2_2,U1,T2,2,\nC1_T1,C1,T1,,\nAnn_T1,Ann,T1,,\n")
    _, errs = errors(folder)
    assert [p.row for p in errs] == [2]


def test_date_format_in_the_study_sheet(tmp_path):
    def dates(kind, rows):
        if kind == "interviews":
            rows = [rows[0] + ["date"], rows[1] + ["10/01/2023"]] + [r + [""] for r in rows[2:]]
        return rows

    study = load_study(mini_book(tmp_path / "d.xlsx", study=[("name", "mini"), ("date_format", "%d/%m/%Y")], edit=dates))
    assert study.interviews["date"].iloc[0] == "2023-01-10"


def test_headers_are_matched_whatever_their_case_and_spaces(make_study):
    folder = make_study(participants_csv=" ID , Role ,SubRole,Gender\nAnn,psw,,F\nU1,service_user,,M\nC1,co_worker,supervisor,F\n",
                        interviews_csv="Id,Participant ID,TimePoint,Wave\nU1_T1,U1,T1,\nU1_T2_1,U1,T2,1\nU1_T2_2,U1,T2,2\n"
                                       "C1_T1,C1,T1,\nAnn_T1,Ann,T1,\n")
    study, errs = errors(folder)
    assert errs == [] and study.participant("C1").subrole == "supervisor"


def test_file_names_are_matched_whatever_their_case_and_number(make_study):
    folder = make_study()
    (folder / "quotes.csv").rename(folder / "Quote.csv")
    (folder / "codings.csv").rename(folder / "CODINGS.csv")
    study, errs = errors(folder)
    assert errs == [] and len(study.quotes) == 7 and len(study.codings) == 7


def test_sheet_names_are_matched_whatever_their_case_spaces_and_number(tmp_path):
    names = {"quotes": "Quote", "participants": " Participant ", "timepoints": "Time points", "codings": "CODINGS"}
    study, errs = errors(mini_book(tmp_path / "names.xlsx", names=names))
    assert errs == [] and len(study.quotes) == 7 and [tp.label for tp in study.timepoints] == ["Training", "Placement"]


def test_two_sheets_for_one_table_are_one_error(tmp_path):
    book = mini_book(tmp_path / "two.xlsx", sheets={"Quote": [["id", "interview_id", "text"]]})
    _, errs = errors(book)
    assert [p.message for p in errs] == ["the sheets 'quotes', 'Quote' would all be read as 'quotes'; keep one of them"]


def test_fully_blank_rows_are_skipped_and_counted_in_the_summary(make_study, tmp_path):
    folder = make_study(participants_csv="id,role\nAnn,psw\n,\n\nU1,service_user\nC1,co_worker\n,,\n")
    result = CliRunner().invoke(main, ["validate", str(folder), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["blank_rows_skipped"] == 3 and "3 fully blank row(s) skipped" in result.stderr

    def blanks(kind, rows):
        return rows[:2] + [[""] * len(rows[0])] + rows[2:] if kind == "quotes" else rows

    study, problems = check_path(mini_book(tmp_path / "b.xlsx", edit=blanks))
    assert len(study.quotes) == 7 and [p.message for p in problems if p.severity == "note"] == ["1 fully blank row(s) skipped"]


def test_a_row_number_after_a_blank_row_is_the_spreadsheet_row(make_study):
    _, errs = errors(make_study(codings_csv="quote_id,theme_id\nq1,hope\n\n,\nq2,nope\n"))
    [p] = errs
    assert p.row == 5


def test_a_study_sheet_without_a_header_row_keeps_the_name(tmp_path):
    study = load_study(mini_book(tmp_path / "s.xlsx", study=[("name", "Nurses study"), ("description", "about nurses")]))
    assert (study.name, study.description) == ("Nurses study", "about nurses")


def test_a_study_sheet_with_a_header_row_works_too(tmp_path):
    study = load_study(mini_book(tmp_path / "s.xlsx", study=[("Key", "Value"), ("name", "Nurses study")]))
    assert study.name == "Nurses study"


def test_a_design_row_in_the_study_sheet_is_one_line_not_a_traceback(tmp_path):
    book = mini_book(tmp_path / "s.xlsx", study=[("name", "x"), ("design", "5 nurses")])
    result = CliRunner().invoke(main, ["validate", str(book)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    [line] = [x for x in result.stderr.splitlines() if x.startswith("error: s.xlsx")]
    assert "row 2" in line and "sheet named 'design'" in line


def test_the_design_sheet_gives_the_design(tmp_path):
    design = [["section", "key", "subkey", "value"], ["participants", "psw", None, 5],
              ["interviews", "psw", "T1", 5], ["interviews", "psw", "T2", "4"]]
    study = load_study(mini_book(tmp_path / "s.xlsx", sheets={"Design": design}))
    assert study.design == {"participants": {"psw": 5}, "interviews": {"psw": {"T1": 5, "T2": 4}}}


def test_relationship_types_in_the_study_sheet_are_split_on_commas_not_letters(tmp_path):
    def rel(kind, rows):
        return rows + [["Ann", "MANAGES", "C1"]] if kind == "relationships" else rows

    study = load_study(mini_book(tmp_path / "s.xlsx", study=[("name", "x"), ("relationship_types", "MANAGES, SUPPORTS")], edit=rel))
    assert study.info.relationship_type_ids[-2:] == ("MANAGES", "SUPPORTS")


def test_whole_numbers_typed_into_cells_read_as_whole_numbers(tmp_path):
    def numbers(kind, rows):
        if kind == "interviews":
            rows = [[c if c != "1" else 1.0 for c in r] for r in rows]
        return rows

    study = load_study(mini_book(tmp_path / "n.xlsx", edit=numbers))
    assert study.interviews.set_index("id").loc["U1_T2_1", "wave"] == 1


def test_tied_time_point_orders_are_a_warning_and_the_listing_order_decides(make_study):
    toml = 'name = "m"\n[[timepoints]]\nid = "T2"\norder = 1\n[[timepoints]]\nid = "T1"\norder = 1\n'
    study, problems = check_path(make_study(study_toml=toml))
    [w] = [p for p in problems if "share order" in p.message]
    assert w.severity == "warning" and "T2, T1" in w.message
    assert [tp.id for tp in study.timepoints] == ["T2", "T1"]


def test_strict_turns_warnings_into_errors(make_study):
    toml = 'name = "m"\n[[timepoints]]\nid = "T1"\norder = 1\n[[timepoints]]\nid = "T2"\norder = 1\n'
    folder = make_study(study_toml=toml)
    assert CliRunner().invoke(main, ["validate", str(folder)]).exit_code == 0
    result = CliRunner().invoke(main, ["validate", str(folder), "--strict"])
    assert result.exit_code == 2 and "share order 1" in result.stderr and "--strict" in result.stderr


@pytest.mark.parametrize("what, expected", [
    ({"study_toml": 'description = "no name"\n[[timepoints]]\nid = "T1"\n[[timepoints]]\nid = "T2"\n'}, "no study name"),
    ({"codings_csv": "quote_id,theme_id\nq1,hope_a\nq2,fear\nq3,hope_a\nq4,hope\nq5,fear\nq6,hope\n"}, "quote 'q7' has no coding"),
    ({"themes_csv": "id,name,parent_id\nhope,Hope,\nhope_a,Hope for work,hope\nfear,Fear,\ncalm,Calm,\n"}, "theme 'calm'"),
    ({"participants_csv": MINI["participants.csv"] + "Zed,family,,\n"}, "participant 'Zed' is never interviewed"),
    ({"quotes_csv": MINI["quotes.csv"].replace("q6,C1_T1,she copes,Ann,", "q6,C1_T1,she copes,,")},
     "1 quote(s) of people who have relationships have a blank 'about'"),
])
def test_nothing_is_dropped_silently(make_study, what, expected):
    study, problems = check_path(make_study(**what))
    assert study is not None
    assert any(expected in p.message and p.severity == "warning" for p in problems), [str(p) for p in problems]


def test_an_unknown_column_gets_a_did_you_mean(make_study):
    _, problems = check_path(make_study(quotes_csv=MINI["quotes.csv"].replace("stance", "stanse")))
    [p] = [p for p in problems if p.column == "stanse"]
    assert p.severity == "warning" and "did you mean 'stance'?" in p.message


LIBREOFFICE = Path(__file__).parent / "fixtures" / "spreadsheets"


def test_a_workbook_libreoffice_saved_loads_with_its_date_cells_and_declarations():
    study = load_study(LIBREOFFICE / "libreoffice.xlsx", strict=True)
    assert study.interviews["date"].tolist() == ["2023-01-10", "2023-07-03", "2023-07-24", "2023-01-12", "2023-07-04"]
    assert study.info.focal_roles == ("patient",) and study.participant("K1").role == "carer"
    assert study.interviews.set_index("id").loc["P1_M6_2", "wave"] == 2


def test_the_csv_files_libreoffice_exported_load_the_same_study_as_its_workbook():
    """LibreOffice wrote semicolons, quoted cells holding them, and month-first dates (declared in study.toml)."""
    a = load_study(LIBREOFFICE / "libreoffice.xlsx")
    b = load_study(LIBREOFFICE / "libreoffice_csv", strict=True)
    assert a.info == b.info
    for kind in TABLES:
        pd.testing.assert_frame_equal(getattr(a, kind), getattr(b, kind), check_dtype=False)


def test_libreoffice_s_month_first_dates_read_day_first_are_refused_not_guessed(tmp_path):
    import shutil

    folder = shutil.copytree(LIBREOFFICE / "libreoffice_csv", tmp_path / "csv")
    toml = (folder / "study.toml").read_text(encoding="utf-8").replace("%m/%d/%Y", "%d/%m/%Y")
    (folder / "study.toml").write_text(toml, encoding="utf-8")
    _, errs = errors(folder)
    assert [(p.row, p.column) for p in errs] == [(4, "date")] and "'07/24/2023'" in errs[0].message
    assert "reads as '%m/%d/%Y'" in errs[0].message
