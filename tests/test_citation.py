"""Citation codes as the bundled paper prints them."""

import pytest

from graphstudy.citation import parse_citation
from graphstudy.errors import CitationError


@pytest.mark.parametrize(
    "code, participant, role, subrole, occasion, about",
    [
        ("User15/F/50+/T3_1/Sue", "User15", "service_user", "", "T3_1", ("Sue",)),
        ("Co-worker_mn03/F/25+/T3_1/Yvonne", "Co-worker_mn03", "co_worker", "mentor", "T3_1", ("Yvonne",)),
        ("Co-worker08/F/40+/T3_1/May and Eliza", "Co-worker08", "co_worker", "", "T3_1", ("May", "Eliza")),
        ("Eliza/F/50+/T1", "Eliza", "psw", "", "T1", ("Eliza",)),
        ("May/F/40+/T3_3", "May", "psw", "", "T3_3", ("May",)),
        ("User03/F/50+/T2/Yvonne", "User03", "service_user", "", "T2", ("Yvonne",)),
    ],
)
def test_well_formed_codes_are_read(code, participant, role, subrole, occasion, about):
    c = parse_citation(code)
    assert (c.participant_id, c.role, c.subrole, c.occasion, c.about) == (participant, role, subrole, occasion, about)
    assert c.warnings == ()


def test_wave_and_interview_id_follow_the_occasion():
    c = parse_citation("User15/F/50+/T3_2/Sue")
    assert (c.timepoint, c.wave, c.interview_id) == ("T3", 2, "User15_T3_2")
    assert (c.gender, c.age_band) == ("F", "50+")


def test_the_papers_slip_is_accepted_with_a_warning():
    """The paper prints 'Eliza/F50+/T2' (3.3.1); we read it as Eliza/F/50+/T2 and say so."""
    c = parse_citation("Eliza/F50+/T2")
    assert (c.participant_id, c.gender, c.age_band, c.occasion) == ("Eliza", "F", "50+", "T2")
    assert len(c.warnings) == 1 and "Eliza/F/50+/T2" in c.warnings[0]


def test_line_breaks_inside_a_code_are_folded():
    assert parse_citation("Co-worker08/F/40+/T3_1/May and\n Eliza").about == ("May", "Eliza")


@pytest.mark.parametrize(
    "code",
    ["", "User15", "User15/F/50+", "User15/X/50+/T3_1/Sue", "User15/F/old/T3_1/Sue", "User15/F/50+/Q3/Sue"],
)
def test_malformed_codes_are_rejected_with_the_expected_form(code):
    with pytest.raises(CitationError, match="Who/Gender/Age/Occasion"):
        parse_citation(code)


def test_a_service_users_code_must_name_a_psw():
    with pytest.raises(CitationError, match="must end with the PSW"):
        parse_citation("User15/F/50+/T3_1")


def test_quotes_with_only_citations_build_participants_interviews_and_links(make_study):
    from graphstudy import load_study

    folder = make_study(
        "cited",
        participants_csv=None, interviews_csv=None, relationships_csv=None, codings_csv=None,
        quotes_csv="id,text,citation\n"
                   "a,one,User15/F/50+/T3_1/Sue\nb,two,User15/F/50+/T3_2/Sue\n"
                   "c,three,Co-worker_mn01/F/30+/T3_2/May and Eliza\nd,four,Eliza/F50+/T2\n",
        study_toml='name = "cited"\n[[timepoints]]\nid = "T2"\norder = 2\n[[timepoints]]\nid = "T3"\norder = 3\n',
    )
    s = load_study(folder)
    assert sorted(s.participants["id"]) == ["Co-worker_mn01", "Eliza", "May", "Sue", "User15"]
    assert dict(zip(s.participants["id"], s.participants["role"]))["Co-worker_mn01"] == "co_worker"
    assert sorted(s.interviews["id"]) == ["Co-worker_mn01_T3_2", "Eliza_T2", "User15_T3_1", "User15_T3_2"]
    rels = set(zip(s.relationships["source_id"], s.relationships["type"], s.relationships["target_id"]))
    assert rels == {("User15", "SERVED_BY", "Sue"), ("Co-worker_mn01", "MENTORS", "May"), ("Co-worker_mn01", "MENTORS", "Eliza")}
    assert dict(zip(s.quotes["id"], s.quotes["about"]))["c"] == "May;Eliza"
