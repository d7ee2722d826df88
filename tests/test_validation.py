"""`graphstudy validate`: every problem, each with file, row, column and what was expected."""

import json

from click.testing import CliRunner

from graphstudy.cli import main
from graphstudy.loader import check_path


def errors(folder):
    study, problems = check_path(folder)
    return study, [p for p in problems if p.severity == "error"]


def only(problems, file, column):
    return [p for p in problems if p.file == file and p.column == column]


def test_the_mini_study_is_valid(make_study):
    study, errs = errors(make_study())
    assert errs == [] and study is not None


def test_duplicate_ids_name_both_rows(make_study):
    _, errs = errors(make_study(participants_csv="id,role\nAnn,psw\nU1,service_user\nC1,co_worker\nU1,service_user\n"))
    [p] = only(errs, "participants.csv", "id")
    assert p.row == 5 and "duplicate id 'U1'" in p.message and "row 3" in p.message


def test_unknown_role_lists_the_roles(make_study):
    _, errs = errors(make_study(participants_csv="id,role\nAnn,psw\nU1,nurse\nC1,co_worker\n"))
    [p] = only(errs, "participants.csv", "role")
    assert p.row == 3 and "'nurse'" in p.message
    assert "psw (PSW), service_user (Service user), co_worker (Co-worker), family (Family member)" in p.message
    assert "[[roles]]" in p.message  # where to declare the study's own


def test_unknown_participant_in_an_interview(make_study):
    _, errs = errors(make_study(interviews_csv="id,participant_id,timepoint,wave\nU1_T1,U9,T1,\n"))
    assert any(p.row == 2 and "unknown participant 'U9'" in p.message for p in only(errs, "interviews.csv", "participant_id"))


def test_unknown_time_point(make_study):
    _, errs = errors(make_study(interviews_csv="id,participant_id,timepoint,wave\nU1_T1,U1,T7,\n"))
    [p] = only(errs, "interviews.csv", "timepoint")
    assert "unknown time point 'T7'" in p.message and "T1, T2" in p.message


def test_bad_wave_and_date(make_study):
    _, errs = errors(make_study(interviews_csv="id,participant_id,timepoint,wave,date\nU1_T1,U1,T1,first,2013-13\n"))
    assert only(errs, "interviews.csv", "wave")[0].row == 2
    assert "YYYY-MM-DD" in only(errs, "interviews.csv", "date")[0].message


def test_two_interviews_at_one_occasion(make_study):
    _, errs = errors(make_study(interviews_csv="id,participant_id,timepoint,wave\nA,U1,T1,\nB,U1,T1,\n"))
    assert any("already has an interview at T1" in p.message for p in errs)


def test_unknown_relationship_type(make_study):
    _, errs = errors(make_study(relationships_csv="source_id,type,target_id\nU1,BEFRIENDS,Ann\n"))
    [p] = only(errs, "relationships.csv", "type")
    assert "BEFRIENDS" in p.message and "SERVED_BY" in p.message and "study.toml" in p.message


def test_a_declared_relationship_type_is_accepted(make_study):
    toml = 'name = "m"\nrelationship_types = ["BEFRIENDS"]\n[[timepoints]]\nid = "T1"\norder = 1\n[[timepoints]]\nid = "T2"\norder = 2\n'
    study, errs = errors(make_study(study_toml=toml, relationships_csv="source_id,type,target_id\nU1,BEFRIENDS,Ann\n"))
    assert errs == [] and "BEFRIENDS" in study.info.relationship_type_ids


def test_a_relationship_may_join_any_two_participants(make_study):
    study, errs = errors(make_study(relationships_csv="source_id,type,target_id\nAnn,SUPERVISES,C1\nU1,FAMILY_OF,C1\n"))
    assert errs == [] and len(study.relationships) == 2


def test_cycle_in_the_theme_tree(make_study):
    _, errs = errors(make_study(themes_csv="id,name,parent_id\nhope,Hope,fear\nhope_a,Hope for work,hope\nfear,Fear,hope_a\n"))
    [p] = only(errs, "themes.csv", "parent_id")
    assert "cycle" in p.message and "hope -> " in p.message


def test_unknown_parent_theme(make_study):
    _, errs = errors(make_study(themes_csv="id,name,parent_id\nhope,Hope,\nhope_a,Hope for work,hopes\nfear,Fear,\n"))
    assert "unknown parent theme 'hopes'" in only(errs, "themes.csv", "parent_id")[0].message


def test_a_quote_may_be_about_any_participant_but_not_an_unknown_one(make_study):
    _, errs = errors(make_study(quotes_csv="id,interview_id,text,about\nq1,U1_T1,hello,C1\nq2,U1_T1,hi,Nobody\n"))
    [p] = only(errs, "quotes.csv", "about")
    assert p.row == 3 and "unknown participant 'Nobody'" in p.message


def test_empty_quote_text_and_bad_stance(make_study):
    _, errs = errors(make_study(quotes_csv="id,interview_id,text,about,stance\nq1,U1_T1,  ,Ann,\nq2,U1_T1,ok,Ann,angry\n"))
    assert only(errs, "quotes.csv", "text")[0].row == 2
    assert "'angry'" in only(errs, "quotes.csv", "stance")[0].message


def test_coding_to_unknown_theme_and_quote(make_study):
    _, errs = errors(make_study(codings_csv="quote_id,theme_id\nq1,hopefulness\nq99,hope\n"))
    assert "unknown theme 'hopefulness'" in only(errs, "codings.csv", "theme_id")[0].message
    assert "unknown quote 'q99'" in only(errs, "codings.csv", "quote_id")[0].message


def test_missing_column_is_named(make_study):
    _, errs = errors(make_study(participants_csv="id,kind\nAnn,psw\n"))
    assert any(p.column == "role" and p.row == 1 for p in errs)


def test_bad_encoding_names_the_line(make_study):
    folder = make_study()
    (folder / "quotes.csv").write_bytes("id,interview_id,text,about\nq1,U1_T1,caf\xe9,Ann\n".encode("latin-1"))
    _, errs = errors(folder)
    [p] = [p for p in errs if p.file == "quotes.csv"]
    assert p.row == 2 and "UTF-8" in p.message


def test_every_problem_is_reported_not_only_the_first(make_study):
    folder = make_study(
        participants_csv="id,role\nAnn,psw\nU1,nurse\nC1,co_worker\nC1,co_worker\n",
        codings_csv="quote_id,theme_id\nq1,nope\nq2,nope2\n",
    )
    _, errs = errors(folder)
    assert len(errs) >= 4


def test_validate_cli_exits_2_and_lists_every_error(make_study):
    folder = make_study(codings_csv="quote_id,theme_id\nq1,nope\nq2,nope2\n")
    result = CliRunner().invoke(main, ["validate", str(folder)])
    assert result.exit_code == 2
    assert "codings.csv, row 2, column theme_id: unknown theme 'nope'" in result.output
    assert "codings.csv, row 3, column theme_id: unknown theme 'nope2'" in result.output
    assert "Traceback" not in result.output


def test_validate_cli_json_summary_has_the_counts(make_study):
    result = CliRunner().invoke(main, ["validate", str(make_study()), "--format", "json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert {k: summary[k] for k in ("participants", "interviews", "quotes", "codings", "themes", "coders")} == {
        "participants": 3, "interviews": 5, "quotes": 7, "codings": 7, "themes": 3, "coders": 0}


def test_a_workbook_with_the_same_sheets_loads_the_same_study(make_study, tmp_path):
    import pandas as pd

    from graphstudy import load_study

    folder = make_study()
    book = tmp_path / "mini.xlsx"
    with pd.ExcelWriter(book) as xw:
        pd.DataFrame({"key": ["name"], "value": ["mini"]}).to_excel(xw, sheet_name="study", index=False)
        pd.DataFrame({"id": ["T1", "T2"], "label": ["Training", "Placement"], "order": [1, 2]}).to_excel(xw, sheet_name="timepoints", index=False)
        for kind in ("participants", "interviews", "themes", "quotes", "codings", "relationships"):
            pd.read_csv(folder / f"{kind}.csv", dtype=str, keep_default_na=False).to_excel(xw, sheet_name=kind, index=False)
    a, b = load_study(folder), load_study(book)
    for kind in ("participants", "interviews", "themes", "quotes", "codings", "relationships"):
        pd.testing.assert_frame_equal(getattr(a, kind).reset_index(drop=True), getattr(b, kind).reset_index(drop=True), check_dtype=False)


def test_workbook_problems_name_the_sheet_and_row(make_study, tmp_path):
    import pandas as pd

    book = tmp_path / "bad.xlsx"
    with pd.ExcelWriter(book) as xw:
        pd.DataFrame({"id": ["Ann", "U1"], "role": ["psw", "patient"]}).to_excel(xw, sheet_name="participants", index=False)
        pd.DataFrame({"id": ["i1"], "participant_id": ["U1"], "timepoint": ["T1"]}).to_excel(xw, sheet_name="interviews", index=False)
    _, errs = errors(book)
    [p] = [p for p in errs if p.column == "role"]
    assert p.file == "bad.xlsx[participants]" and p.row == 3


def test_a_repeated_coding_is_a_warning_and_dropped(make_study):
    study, problems = check_path(make_study(codings_csv="quote_id,theme_id,coder\nq1,hope,\nq1,hope,\nq2,fear,\n"))
    [p] = [p for p in problems if p.file == "codings.csv"]
    assert p.severity == "warning" and p.row == 3 and "the repeat is dropped" in p.message
    assert len(study.codings) == 2


def test_more_than_twenty_problems_of_one_kind_fold_into_one_line(make_study):
    quotes = "id,interview_id,text,about\n" + "".join(f"q{i},U1_T1,text {i},Nobody{i % 3}\n" for i in range(1, 28))
    codings = "quote_id,theme_id\n" + "".join(f"q{i},hope\n" for i in range(1, 28))
    _, errs = errors(make_study(quotes_csv=quotes, codings_csv=codings))
    about = only(errs, "quotes.csv", "about")
    assert len(about) == 21 and [p.row for p in about[:20]] == list(range(2, 22))
    assert str(about[-1]) == "... and 7 more rows like this in quotes.csv, column about"


def test_a_missing_column_is_one_line_not_one_per_row(make_study):
    _, errs = errors(make_study(quotes_csv="id,interview_id,about\nq1,U1_T1,Ann\nq2,U1_T1,Ann\nq3,U1_T2_1,Ann\n",
                                codings_csv="quote_id,theme_id\nq1,hope\n"))
    assert [(p.file, p.row, p.column) for p in errs] == [("quotes.csv", 1, "text")]


def test_a_file_without_its_id_column_is_one_line_and_rows_naming_it_are_not_reported(make_study):
    _, errs = errors(make_study(themes_csv="name,parent_id\nHope,\nFear,\n"))
    assert [(p.file, p.column) for p in errs] == [("themes.csv", "id")]


def test_codings_without_a_themes_file_are_one_line(make_study):
    folder = make_study()
    (folder / "themes.csv").unlink()
    _, errs = errors(folder)
    [p] = errs
    assert p.file == "codings.csv" and p.column == "theme_id" and "there is no themes.csv" in p.message


def test_an_unreadable_citation_code_is_reported_once(make_study):
    _, errs = errors(make_study(quotes_csv="id,interview_id,text,citation\nq1,,a,not a code\n", codings_csv="quote_id,theme_id\n"))
    assert [(p.row, p.column) for p in errs] == [(2, "citation")]


def test_a_participant_id_holding_a_semicolon_is_refused(make_study):
    _, errs = errors(make_study(participants_csv="id,role\nAnn,psw\nU1,service_user\nC1,co_worker\nA;B,family\n"))
    assert [(p.row, p.column) for p in errs] == [(5, "id")]


def test_every_problem_line_names_where_and_is_one_line(make_study):
    folder = make_study(quotes_csv="id,interview_id,text,about\nq1,U1_T1,\"two\nlines\",Nob\nody\n")
    result = CliRunner().invoke(main, ["validate", str(folder)])
    assert result.exit_code == 2
    assert all(line.startswith(("error: ", "warning: ", "note: ")) for line in result.stderr.splitlines())
