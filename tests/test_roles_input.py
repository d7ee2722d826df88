"""A study that declares its own roles and relationship types (patients, family carers, nurses), as input."""

import pandas as pd
import pytest
from click.testing import CliRunner

from graphstudy import load_study, open_store, save_store
from graphstudy.cli import main
from graphstudy.loader import check_path
from graphstudy.refi_qda import write_qdpx
from graphstudy.tables import write_folder
from graphstudy.vocabulary import DEFAULT_ROLES

NURSES = {
    "study.toml": """name = "Nurses, patients and carers"
[[timepoints]]
id = "M0"
label = "Baseline"
order = 1
[[timepoints]]
id = "M6"
label = "6 months"
order = 2

[[roles]]
id = "patient"
label = "Patient"
focal = true
[[roles]]
id = "carer"
label = "Family carer"
[[roles]]
id = "nurse"
label = "Nurse"

[[relationship_types]]
id = "CARES_FOR"
label = "cares for"
from = ["carer"]
to = ["patient"]
[[relationship_types]]
id = "NURSES"
from = "nurse"
to = "patient"
""",
    "participants.csv": "id,role\nP1,patient\nK1,carer\nK2,carer\nN1,nurse\nN2,nurse\n",
    "interviews.csv": "id,participant_id,timepoint,wave\nP1_M0,P1,M0,\nP1_M6,P1,M6,\nK1_M0,K1,M0,\nK2_M6,K2,M6,\nN1_M0,N1,M0,\n"
                      "N2_M6,N2,M6,\n",
    "themes.csv": "id,name,parent_id\ntrust,Trust,\nburden,Burden,\n",
    "quotes.csv": "id,interview_id,text,about,stance\nq1,P1_M0,She listens,N1,positive\nq2,K1_M0,It is a lot,P1,negative\n"
                  "q3,P1_M6,My daughter and the new nurse,K1;N2,positive\nq4,N1_M0,He copes,P1,\nq5,K2_M6,Tired,P1,negative\n"
                  "q6,N2_M6,Settling in,P1,\n",
    "codings.csv": "quote_id,theme_id,coder\nq1,trust,A\nq2,burden,A\nq3,trust,A\nq4,trust,B\nq5,burden,B\nq6,trust,A\n",
    "relationships.csv": "source_id,type,target_id,start,end\nK1,CARES_FOR,P1,,\nK2,CARES_FOR,P1,M6,\nN1,NURSES,P1,M0,M0\n"
                         "N2,NURSES,P1,M6,\nK1,FAMILY_OF,K2,,\n",
}


@pytest.fixture
def nurses(tmp_path):
    def _make(name="nurses", **files):
        folder = tmp_path / name
        folder.mkdir()
        for fname, text in {**NURSES, **{k.replace("_csv", ".csv").replace("_toml", ".toml"): v for k, v in files.items()}}.items():
            (folder / fname).write_text(text, encoding="utf-8")
        return folder
    return _make


def errors(path, **kw):
    study, problems = check_path(path, **kw)
    return study, [p for p in problems if p.severity == "error"]


def test_a_study_with_its_own_roles_loads_with_their_labels_and_focal_role(nurses):
    study = load_study(nurses())
    assert [(r.id, r.label, r.focal) for r in study.roles] == [("patient", "Patient", True), ("carer", "Family carer", False),
                                                               ("nurse", "Nurse", False)]
    assert study.info.focal_roles == ("patient",)
    cares = next(t for t in study.relationship_types if t.id == "CARES_FOR")
    assert (cares.label, cares.from_roles, cares.to_roles) == ("cares for", ("carer",), ("patient",))


def test_a_study_declaring_no_roles_gets_the_default_roles(make_study):
    assert load_study(make_study()).roles == DEFAULT_ROLES


def test_a_role_the_study_does_not_declare_is_one_error_in_its_words_with_a_suggestion(nurses):
    _, errs = errors(nurses(participants_csv="id,role\nP1,patient\nK1,Family carer\nK2,carer\nN1,nurse\nN2,nurse\n"))
    [p] = errs
    assert p.row == 3 and p.column == "role"
    assert "patient (Patient), carer (Family carer), nurse (Nurse)" in p.message and "did you mean 'carer'?" in p.message


def test_one_role_typo_is_one_line_not_a_cascade(nurses):
    """K1's relationship (CARES_FOR needs a carer), quotes and interviews are not reported again."""
    _, errs = errors(nurses(participants_csv="id,role\nP1,patient\nK1,carr\nK2,carer\nN1,nurse\nN2,nurse\n"))
    assert [(p.file, p.row, p.column) for p in errs] == [("participants.csv", 3, "role")]


def test_a_relationship_between_roles_its_type_does_not_join_names_both_roles_by_label(nurses):
    _, errs = errors(nurses(relationships_csv="source_id,type,target_id\nP1,CARES_FOR,K1\n"))
    [p] = errs
    assert p.row == 2 and "P1 (Patient) CARES_FOR K1 (Family carer)" in p.message and "from Family carer to Patient" in p.message


def test_relationships_may_join_any_two_participants_when_their_type_allows(nurses):
    study = load_study(nurses())
    assert ("K1", "FAMILY_OF", "K2") in set(zip(study.relationships.source_id, study.relationships.type,
                                                 study.relationships.target_id))


def test_a_declared_type_naming_an_undeclared_role_is_one_error_and_its_rows_are_not_checked_again(nurses):
    toml = NURSES["study.toml"].replace('from = ["carer"]', 'from = ["carrer"]')
    _, errs = errors(nurses(study_toml=toml))
    [p] = errs
    assert p.file == "study.toml" and "'carrer'" in p.message and "did you mean 'carer'?" in p.message


def test_a_lower_case_type_is_refused_with_its_upper_case_and_its_rows_are_not_reported_again(nurses):
    toml = NURSES["study.toml"] + '[[relationship_types]]\nid = "manages"\n'
    _, errs = errors(nurses(study_toml=toml, relationships_csv=NURSES["relationships.csv"] + "N1,MANAGES,N2,,\n"))
    [p] = errs
    assert "'manages'" in p.message and "did you mean 'MANAGES'?" in p.message


def test_the_plain_list_of_relationship_types_still_works(make_study):
    toml = 'name = "m"\nrelationship_types = ["BEFRIENDS"]\n'
    study = load_study(make_study(study_toml=toml, relationships_csv="source_id,type,target_id\nU1,BEFRIENDS,Ann\n"))
    assert study.info.relationship_type_ids[-1] == "BEFRIENDS"


@pytest.mark.parametrize("start, end, column, expected", [
    ("M9", "", "start", "unknown time point or occasion 'M9'"),
    ("M0", "M6_x", "end", "unknown time point or occasion 'M6_x'"),
    ("M6", "M0", "end", "ends at M0, before it starts (M6)"),
    ("M6_2", "M6_1", "end", "ends at M6_1, before it starts (M6_2)"),
])
def test_a_relationship_span_must_be_known_time_points_in_order(nurses, start, end, column, expected):
    _, errs = errors(nurses(relationships_csv=f"source_id,type,target_id,start,end\nK1,CARES_FOR,P1,{start},{end}\n"))
    [p] = errs
    assert p.column == column and p.row == 2 and expected in p.message


@pytest.mark.parametrize("start, end", [("M0", "M0"), ("M6_1", "M6"), ("M0", ""), ("", "M6_2"), ("M0_1", "M6_3")])
def test_a_relationship_span_of_time_points_or_occasions_inclusive_is_accepted(nurses, start, end):
    study, errs = errors(nurses(relationships_csv=f"source_id,type,target_id,start,end\nK1,CARES_FOR,P1,{start},{end}\n"))
    assert errs == [] and study.relationships[["start", "end"]].values.tolist() == [[start, end]]


def test_about_may_name_any_participants_or_no_one(nurses):
    study = load_study(nurses(quotes_csv=NURSES["quotes.csv"] + "q7,P1_M6,In general,,\n"))
    q = study.quotes.set_index("id")
    assert q.loc["q3", "about"] == "K1;N2" and q.loc["q7", "about"] == ""


def test_validate_counts_quotes_of_related_people_with_a_blank_about(nurses):
    _, problems = check_path(nurses(quotes_csv=NURSES["quotes.csv"] + "q7,P1_M6,In general,,\nq8,K2_M6,Anyway,,\n"))
    [w] = [p for p in problems if p.column == "about"]
    assert w.severity == "warning" and w.message.startswith("2 quote(s) of people who have relationships have a blank 'about'")


def test_citation_codes_implying_an_undeclared_role_are_one_error(nurses):
    quotes = "id,interview_id,text,citation\nq1,,a,User15/F/50+/T3_1/Sue\nq2,,b,User16/F/50+/T3_1/Sue\nq3,P1_M0,c,\n"
    _, errs = errors(nurses(quotes_csv=quotes, codings_csv="quote_id,theme_id\nq3,trust\n"))
    [p] = errs
    assert p.column == "citation" and "2 citation code(s)" in p.message and "row 2" in p.message
    assert "the role(s) 'psw', 'service_user', which this study does not declare" in p.message


def test_a_workbook_with_roles_and_relationship_types_sheets_is_the_same_study(nurses, tmp_path):
    import tomllib

    folder = nurses()
    meta = tomllib.loads(NURSES["study.toml"])
    book = tmp_path / "nurses.xlsx"
    with pd.ExcelWriter(book) as xw:
        pd.DataFrame({"key": ["name"], "value": [meta["name"]]}).to_excel(xw, sheet_name="Study", index=False)
        pd.DataFrame(meta["timepoints"]).to_excel(xw, sheet_name="Time points", index=False)
        pd.DataFrame(meta["roles"]).fillna("").to_excel(xw, sheet_name="Roles", index=False)
        types = [dict(t, **{"from": ";".join(t["from"]) if isinstance(t["from"], list) else t["from"],
                            "to": ";".join(t["to"]) if isinstance(t["to"], list) else t["to"]}) for t in meta["relationship_types"]]
        pd.DataFrame(types).fillna("").to_excel(xw, sheet_name="Relationship types", index=False)
        for kind in ("participants", "interviews", "themes", "quotes", "codings", "relationships"):
            pd.read_csv(folder / f"{kind}.csv", dtype=str, keep_default_na=False).to_excel(xw, sheet_name=kind, index=False)
    a, b = load_study(folder), load_study(book)
    assert a.info == b.info
    for kind in ("participants", "interviews", "quotes", "relationships"):
        pd.testing.assert_frame_equal(getattr(a, kind), getattr(b, kind), check_dtype=False)


def _same(a, b):
    """The same study, table rows in any order."""
    assert a.info == b.info
    for kind, frame in a.tables().items():
        def rows(t):
            return t.sort_values(list(t.columns)).reset_index(drop=True)
        pd.testing.assert_frame_equal(rows(frame), rows(getattr(b, kind)), check_dtype=False)


def test_a_folder_written_back_declares_the_roles_types_and_spans(nurses, tmp_path):
    study = load_study(nurses())
    _same(study, load_study(write_folder(study, tmp_path / "copy")))


def test_a_store_keeps_the_roles_types_and_spans(nurses, tmp_path):
    study = load_study(nurses())
    _same(study, open_store(save_store(study, tmp_path / "n.gstudy")))


def test_a_refi_export_keeps_the_roles_focal_roles_types_and_spans(nurses, tmp_path):
    study = load_study(nurses())
    _same(study, load_study(write_qdpx(study, tmp_path / "n.qdpx")))


def test_validate_json_of_a_declared_study_counts_by_its_roles(nurses):
    import json

    result = CliRunner().invoke(main, ["validate", str(nurses()), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["participants_by_role"] == {"patient": 1, "carer": 2, "nurse": 2}
