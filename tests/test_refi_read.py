"""Loading REFI-QDA projects: what each part of a project becomes in a study.

Runs on the small projects in tests/fixtures/refi/, written by hand in the
manner of NVivo, MAXQDA and ATLAS.ti, so it needs nothing outside the repository.
"""

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphstudy import load_study
from graphstudy.cli import main
from graphstudy.loader import check_path
from graphstudy.refi_qda import read_refi

FIXTURES = Path(__file__).parent / "fixtures" / "refi"
LONGITUDINAL = FIXTURES / "longitudinal.qde"


def zip_folder(folder: Path, target: Path) -> Path:
    """A .qdpx of a fixture folder (project.qde and its sources folder)."""
    with zipfile.ZipFile(target, "w") as zf:
        for f in sorted(folder.rglob("*")):
            if f.is_file():
                zf.write(f, f.relative_to(folder).as_posix())
    return target


def errors(problems):
    return [p for p in problems if p.severity == "error"]


@pytest.fixture(scope="module")
def study():
    return load_study(LONGITUDINAL)


def test_nested_codes_become_themes_with_parents_colours_and_descriptions(study):
    themes = study.themes.set_index("id")
    assert themes.loc["Lived experience", "parent_id"] == "Perceptions/Asset"
    assert themes.loc["Perceptions/Asset", "parent_id"] == "Perceptions"
    assert themes.loc["Perceptions", "color"] == "#1F77B4"
    assert themes.loc["Perceptions", "description"] == "How people see peer support workers"


def test_a_code_name_used_twice_gets_its_parents_name_in_the_id(study):
    assert {"Perceptions/Asset", "Family/Asset"} <= set(study.themes["id"])
    assert set(study.themes.loc[study.themes["id"].str.endswith("Asset"), "name"]) == {"Asset"}


def test_named_cases_become_participants_with_nvivo_case_variables(study):
    sue = study.participant("Sue")
    assert (sue.role, sue.gender, sue.age_band, sue.note) == ("psw", "F", "45-55", "Trainee PSW, agency 4")
    assert study.participant("User14").role == "service_user"


def test_nameless_case_with_one_source_gives_that_interviews_time_point_and_wave(study):
    iv = study.interviews.set_index("id")
    assert (iv.loc["Sue_T1", "timepoint"], iv.loc["Sue_T1", "wave"]) == ("T1", 0)
    assert (iv.loc["Sue_T2", "timepoint"], iv.loc["Sue_T2", "wave"]) == ("T2", 1)
    assert iv.loc["User14_T2", "participant_id"] == "User14"


def test_selection_text_is_cut_at_code_point_positions(study):
    quotes = study.quotes.set_index("id")
    assert quotes.loc["Sue_T1@0-24", "text"] == "I was confused at first."
    assert quotes.loc["Sue_T1@25-64", "text"] == "Now I use my experience to help others."


def test_a_selection_with_a_description_and_no_coding_is_an_uncoded_quote_with_that_note(study):
    quote = study.quotes.set_index("id").loc["Sue_T2@0-29"]
    assert quote["note"] == "family concern, not coded yet"
    assert "Sue_T2@0-29" not in set(study.codings["quote_id"])


def test_selections_of_the_same_passage_are_one_quote_with_every_coding(study):
    codings = study.codings[study.codings["quote_id"] == "User14_T2@0-50"]
    assert (study.quotes["interview_id"] == "User14_T2").sum() == 1
    assert sorted(zip(codings["theme_id"], codings["coder"])) == [("Family/Asset", "Ben"), ("Perceptions/Asset", "Ann")]


def test_the_coder_is_the_users_name(study):
    assert study.coders() == ["Ann", "Ben"]


def test_a_case_selection_reference_makes_the_quote_about_that_psw(study):
    assert study.quotes.set_index("id").loc["User14_T2@0-50", "about"] == "Sue"


def test_a_link_between_cases_is_a_relationship_named_by_its_type(study):
    rel = study.relationships
    assert list(zip(rel["source_id"], rel["type"], rel["target_id"])) == [("User14", "SERVED_BY", "Sue")]


def test_a_link_type_of_the_project_s_own_is_declared_with_a_warning(tmp_path):
    text = LONGITUDINAL.read_text(encoding="utf-8").replace('name="Served by"', 'name="Inspired by"')
    (tmp_path / "p.qde").write_text(text, encoding="utf-8")
    study, problems = check_path(tmp_path / "p.qde")
    assert "INSPIRED_BY" in study.info.relationship_type_ids
    [w] = [p for p in problems if "'Inspired by'" in p.message]
    assert w.severity == "warning" and "type INSPIRED_BY" in w.message


def test_notes_on_codes_and_codings_are_kept_there_and_free_notes_become_memos(study):
    assert study.themes.set_index("id").loc["Uncertainty", "note"] == "Mostly at T1."
    assert "Could also be Asset." in set(study.codings["note"])
    assert list(study.memos) == [{"name": "Sampling", "text": "Service users were recruited through the PSWs' agencies."}]


def test_a_variable_graphstudy_does_not_keep_is_a_warning_naming_it():
    raw = read_refi(LONGITUDINAL)
    assert [p.severity for p in raw.problems if "Cases:Hobby" in p.message] == ["warning"]


def test_an_element_problem_names_the_file_and_line():
    text = LONGITUDINAL.read_text(encoding="utf-8")
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if "<VariableValue>" in ln and "000000000d06" in ln)
    raw = read_refi(LONGITUDINAL)
    hobby = next(p for p in raw.problems if "Cases:Hobby" in p.message)
    assert (hobby.file, hobby.row) == ("longitudinal.qde", line)


def test_atlas_ti_positions_count_crlf_as_one_character_in_a_lowercase_sources_folder(tmp_path):
    study = load_study(zip_folder(FIXTURES / "atlas", tmp_path / "atlas.qdpx"))
    assert study.quotes["text"].tolist() == ["Line two is coded."]
    assert study.interviews[["participant_id", "timepoint"]].values.tolist() == [["Amy", "T1"]]


def test_nvivo_positions_count_utf16_code_units_and_the_coder_is_the_selections_user(tmp_path):
    study = load_study(zip_folder(FIXTURES / "nvivo_emoji", tmp_path / "nvivo.qdpx"), source_pattern=r"(?P<participant>\w+)_(?P<timepoint>T\d)")
    assert study.quotes["text"].tolist() == ["She helps me 🙏 a lot."]
    assert study.coders() == ["coder"]


def test_positions_can_be_read_as_plain_code_points_when_asked(tmp_path):
    raw = read_refi(zip_folder(FIXTURES / "nvivo_emoji", tmp_path / "nvivo.qdpx"),
                    source_pattern=r"(?P<participant>\w+)_(?P<timepoint>T\d)", positions="codepoints")
    assert raw.tables["quotes"]["text"].tolist() != ["She helps me 🙏 a lot."]


def test_coder_from_coding_takes_the_codings_user(tmp_path):
    study = load_study(zip_folder(FIXTURES / "nvivo_emoji", tmp_path / "nvivo.qdpx"),
                       source_pattern=r"(?P<participant>\w+)_(?P<timepoint>T\d)", coder_from="coding")
    assert study.coders() == ["merger"]


def test_a_source_pattern_gives_participant_time_point_wave_and_role(tmp_path):
    text = LONGITUDINAL.read_text(encoding="utf-8").replace('name="Sue_T2"', 'name="Sue_T3_2"')
    (tmp_path / "p.qde").write_text(text, encoding="utf-8")
    study = load_study(tmp_path / "p.qde", source_pattern=r"(?P<participant>[^_]+)_(?P<timepoint>T\d)(?:_(?P<wave>\d+))?")
    assert study.interviews.set_index("id").loc["Sue_T3_2", ["timepoint", "wave"]].tolist() == ["T3", 2]


def test_a_mapping_csv_wins_over_cases_and_variables(tmp_path):
    mapping = tmp_path / "map.csv"
    mapping.write_text("source,participant_id,role,timepoint,wave\nSue_T2,Sue,psw,T3,4\n", encoding="utf-8")
    study = load_study(LONGITUDINAL, mapping=mapping)
    assert study.interviews.set_index("id").loc["Sue_T2", ["timepoint", "wave"]].tolist() == ["T3", 4]


def test_a_mapping_row_naming_no_source_is_a_warning_with_its_row(tmp_path):
    mapping = tmp_path / "map.csv"
    mapping.write_text("source,participant_id,role,timepoint,wave\nSue_T9,Sue,psw,T9,\n", encoding="utf-8")
    raw = read_refi(LONGITUDINAL, mapping=mapping)
    assert [(p.file, p.row, p.severity) for p in raw.problems if "Sue_T9" in p.message] == [("map.csv", 2, "warning")]


def test_a_mapping_without_participant_id_column_is_an_error(tmp_path):
    mapping = tmp_path / "map.csv"
    mapping.write_text("source,timepoint\nSue_T2,T3\n", encoding="utf-8")
    study, problems = check_path(LONGITUDINAL, mapping=mapping)
    assert study is None and any(p.column == "participant_id" and p.file == "map.csv" for p in errors(problems))


def test_an_unmapped_source_with_selections_is_an_error_that_lists_it(tmp_path):
    study, problems = check_path(zip_folder(FIXTURES / "nvivo_emoji", tmp_path / "nvivo.qdpx"))
    assert study is None
    assert any("source 'Eve_T2'" in p.message and "1 selections cannot be loaded" in p.message for p in errors(problems))


def test_an_unmapped_source_without_selections_is_listed_as_a_warning(tmp_path):
    text = LONGITUDINAL.read_text(encoding="utf-8").replace(
        "</Sources>", '<TextSource guid="00000000-0000-4000-8000-000000000f09" name="Consent form">'
                      "<PlainTextContent>I agree.</PlainTextContent></TextSource>\n</Sources>")
    (tmp_path / "p.qde").write_text(text, encoding="utf-8")
    study, problems = check_path(tmp_path / "p.qde")
    assert study is not None and "Consent form" not in set(study.interviews["id"])
    assert [p.severity for p in problems if "'Consent form'" in p.message] == ["warning"]


def test_a_participant_without_a_role_is_taken_as_psw_with_a_warning(tmp_path):
    raw = read_refi(FIXTURES / "relative_source.qde")
    assert raw.tables["participants"]["role"].tolist() == ["psw"]
    assert any("no role for 1 participant(s) (Amy)" in p.message and p.severity == "warning" for p in raw.problems)


def test_without_a_default_role_a_participant_without_one_is_an_error():
    study, problems = check_path(FIXTURES / "relative_source.qde", default_role=None)
    assert study is None and any(p.column == "role" for p in errors(problems))


def test_time_points_are_in_natural_order(tmp_path):
    text = LONGITUDINAL.read_text(encoding="utf-8").replace("<TextValue>T1</TextValue>", "<TextValue>T10</TextValue>")
    (tmp_path / "p.qde").write_text(text, encoding="utf-8")
    assert [t.id for t in load_study(tmp_path / "p.qde").timepoints] == ["T2", "T10"]


def test_a_relative_source_inside_the_project_folder_is_read():
    assert load_study(FIXTURES / "relative_source.qde").quotes["text"].tolist() == ["Amy's words, relative"]


def test_an_absolute_source_is_refused_by_default():
    study, problems = check_path(FIXTURES / "absolute_source.qde")
    assert study is None
    assert any(p.column == "plainTextPath" and "absolute path outside the project; refused" in p.message for p in errors(problems))


def test_an_absolute_source_is_read_when_allowed(tmp_path):
    (tmp_path / "elsewhere.txt").write_text("Amy said this.", encoding="utf-8")
    text = (FIXTURES / "absolute_source.qde").read_text(encoding="utf-8")
    text = text.replace("absolute:///etc/passwd", f"absolute://{(tmp_path / 'elsewhere.txt').as_posix()}")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "p.qde").write_text(text, encoding="utf-8")
    assert load_study(tmp_path / "sub" / "p.qde", allow_absolute=True).quotes["text"].tolist() == ["Amy"]


def test_validate_with_a_mapping_prints_the_summary_counts(tmp_path):
    result = CliRunner().invoke(main, ["validate", str(zip_folder(FIXTURES / "nvivo_emoji", tmp_path / "n.qdpx")),
                                       "--mapping", str(_eve_mapping(tmp_path)), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert '"quotes": 1' in result.stdout and '"coders": 1' in result.stdout and '"interviews": 1' in result.stdout


def _eve_mapping(tmp_path: Path) -> Path:
    f = tmp_path / "eve.csv"
    f.write_text("source,participant_id,role,timepoint,wave\nEve_T2,Eve,service_user,T2,1\n", encoding="utf-8")
    return f
