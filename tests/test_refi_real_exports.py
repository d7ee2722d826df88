"""The real exports in ../shared/fixtures/qdpx: what graphstudy finds equals what the files hold.

The expected counts are taken from each file independently of graphstudy's
reader, with xml.etree over the archive's project.qde.
"""

import xml.etree.ElementTree as ET
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphstudy import load_study
from graphstudy.cli import main
from graphstudy.refi_qda import read_refi

FIXTURES = Path(__file__).parent / "fixtures" / "refi"
NS = "{urn:QDA-XML:project:1.0}"
NVIVO_PATTERN = r"(?P<participant>videos)_(?P<timepoint>.+)"
QC_PATTERN = r"(?P<participant>[a-z]+)[-_](?P<timepoint>\d+)"


def truth(path: Path, coder_on: str) -> dict:
    """Counts straight from the XML; ``coder_on`` says whose creatingUser is the coder."""
    with zipfile.ZipFile(path) as zf:
        root = ET.fromstring(zf.read("project.qde"))
    users = {u.get("guid"): u.get("name") for u in root.iter(NS + "User")}
    sels = list(root.iter(NS + "PlainTextSelection"))
    coders = set()
    for sel in sels:
        for coding in sel.iter(NS + "Coding"):
            coders.add(users[(sel if coder_on == "selection" else coding).get("creatingUser")])
    passages = {(src.get("guid"), s.get("startPosition"), s.get("endPosition"))
                for src in root.iter(NS + "TextSource") for s in src.iter(NS + "PlainTextSelection")}
    return {"codes": len(list(root.iter(NS + "Code"))), "sources": len(list(root.iter(NS + "TextSource"))),
            "selections": len(sels), "codings": len(list(root.iter(NS + "Coding"))), "coders": coders,
            "passages": len(passages), "users": len(users)}


@pytest.fixture(scope="module")
def nvivo(shared_dir):
    return shared_dir / "fixtures" / "qdpx" / "nvivo_win_oltas_teszt.qdpx"


@pytest.fixture(scope="module")
def qc(shared_dir):
    return shared_dir / "fixtures" / "qdpx" / "qc_demo.qdpx"


def test_the_nvivo_export_holds_what_the_shared_readme_says(nvivo):
    t = truth(nvivo, "selection")
    assert (t["codes"], t["sources"], t["selections"], t["codings"], len(t["coders"])) == (152, 2, 330, 330, 3)


def test_the_qc_export_holds_what_the_shared_readme_says(qc):
    t = truth(qc, "coding")
    assert (t["codes"], t["sources"], t["selections"], t["codings"], len(t["coders"])) == (262, 2, 158, 205, 1)


@pytest.mark.parametrize("name, pattern, coder_on", [("nvivo", NVIVO_PATTERN, "selection"), ("qc", QC_PATTERN, "coding")])
def test_the_study_loaded_from_a_real_export_has_every_code_source_selection_coding_and_coder(name, pattern, coder_on, request):
    path = request.getfixturevalue(name)
    t = truth(path, coder_on)
    raw = read_refi(path, source_pattern=pattern)
    study = load_study(path, source_pattern=pattern)
    found = raw.meta["refi"]
    assert (found["codes"], found["text_sources"], found["selections"], found["codings"], found["users"]) == \
        (t["codes"], t["sources"], t["selections"], t["codings"], t["users"])
    assert len(study.themes) == t["codes"]
    assert len(study.interviews) == t["sources"]
    assert len(study.quotes) == t["passages"]
    assert len(study.codings) == t["codings"]
    assert set(study.coders()) == t["coders"]


def test_the_nvivo_codings_per_coder_are_those_of_the_selections_users(nvivo):
    study = load_study(nvivo, source_pattern=NVIVO_PATTERN)
    assert study.codings["coder"].value_counts().to_dict() == {"floriansipos": 297, "test_user": 27, "Gergo": 6}


def test_the_nvivo_codings_own_users_are_two_when_asked_for(nvivo):
    study = load_study(nvivo, source_pattern=NVIVO_PATTERN, coder_from="coding")
    assert study.codings["coder"].value_counts().to_dict() == {"Gergo": 303, "test_user": 27}


def test_nvivo_selections_cut_whole_comments_from_text_with_emoji(nvivo):
    quotes = load_study(nvivo, source_pattern=NVIVO_PATTERN).quotes.set_index("id")
    first = quotes.loc["videos_10_selected@3137-3284", "text"]
    assert first.startswith("Senkit nem lehet kötelezni oltásra") and first.endswith("nem élhet.")


def test_qc_selections_cut_whole_lines_from_a_nameless_source_in_lowercase_sources(qc):
    quotes = load_study(qc, source_pattern=QC_PATTERN).quotes
    assert set(quotes["interview_id"]) == {"board_2017"}
    assert quotes["text"].iloc[0] == "This district goal is engage every student in joyful, purposeful learning that"


def test_qc_codes_with_the_same_name_get_their_parents_in_the_id(qc):
    ids = load_study(qc, source_pattern=QC_PATTERN).themes["id"]
    assert ids.is_unique and "competencies/programming" in set(ids) and "cs_as_programming/programming" in set(ids)


def test_a_mapping_matches_a_nameless_source_by_guid_and_another_by_name(qc):
    study = load_study(qc, mapping=FIXTURES / "qc_mapping.csv")
    assert sorted(study.interviews[["id", "timepoint"]].values.tolist()) == [["admin-1", "T2"], ["board_2017", "T1"]]
    assert study.participant("District").role == "co_worker"


def test_validate_with_a_mapping_prints_the_summary_counts_of_a_real_export(nvivo):
    result = CliRunner().invoke(main, ["validate", str(nvivo), "--mapping", str(FIXTURES / "nvivo_mapping.csv"), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    for expected in ('"participants": 1', '"interviews": 2', '"quotes": 195', '"codings": 330', '"themes": 152', '"coders": 3'):
        assert expected in result.stdout


def test_without_a_mapping_a_real_export_lists_its_unmapped_sources_and_exits_2(nvivo):
    result = CliRunner().invoke(main, ["validate", str(nvivo)])
    assert result.exit_code == 2
    assert "source 'videos_10_selected'" in result.stderr and "330 selections cannot be loaded" in result.stderr
    assert "source 'videos_selection'" in result.stderr


def test_a_real_export_loads_into_a_store(nvivo, tmp_path):
    result = CliRunner().invoke(main, ["load", str(nvivo), "--source-pattern", NVIVO_PATTERN, "--store", str(tmp_path / "n.gstudy")])
    assert result.exit_code == 0, result.stderr
    assert load_study(tmp_path / "n.gstudy").counts()["codings"] == 330


def test_a_real_export_exported_again_loads_as_the_same_study(qc, tmp_path):
    from graphstudy.refi_qda import write_qdpx

    study = load_study(qc, source_pattern=QC_PATTERN)
    again = load_study(write_qdpx(study, tmp_path / "qc_again.qdpx"))
    assert Counter(map(tuple, again.codings[["quote_id", "theme_id", "coder"]].values.tolist())) == \
        Counter(map(tuple, study.codings[["quote_id", "theme_id", "coder"]].values.tolist()))
    assert sorted(again.quotes["text"]) == sorted(study.quotes["text"])


@pytest.mark.parametrize("name, pattern", [("nvivo", NVIVO_PATTERN), ("qc", QC_PATTERN)])
def test_a_real_export_exported_again_is_valid_refi_qda(name, pattern, request, shared_dir, tmp_path):
    xmlschema = pytest.importorskip("xmlschema")
    from graphstudy.refi_qda import write_qdc, write_qdpx

    study = load_study(request.getfixturevalue(name), source_pattern=pattern)
    with zipfile.ZipFile(write_qdpx(study, tmp_path / "again.qdpx")) as zf:
        xmlschema.XMLSchema(str(shared_dir / "refi-qda" / "Project.xsd")).validate(zf.read("project.qde").decode("utf-8"))
    xmlschema.XMLSchema(str(shared_dir / "refi-qda" / "Codebook.xsd")).validate(str(write_qdc(study, tmp_path / "again.qdc")))
