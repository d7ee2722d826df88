"""REFI-QDA projects of a study with its own roles: roles from case variables or the mapping, --focal-role,
``about`` naming anyone, missing source files skipped on request, and .qdc codebooks on their own."""

import re
import zipfile

import pytest
from click.testing import CliRunner
from test_roles_input import NURSES

from graphstudy import load_study
from graphstudy.cli import main
from graphstudy.loader import check_path
from graphstudy.refi_qda import write_qdc, write_qdpx
from graphstudy.refi_qda.settings import SETTINGS_NOTE


@pytest.fixture
def nurses_study(tmp_path):
    folder = tmp_path / "nurses"
    folder.mkdir()
    for name, text in NURSES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return load_study(folder)


def without_settings(qdpx, target):
    """The project as another tool would write it: no graphstudy settings note."""
    with zipfile.ZipFile(qdpx) as src, zipfile.ZipFile(target, "w") as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "project.qde":
                text = data.decode("utf-8")
                text = re.sub(r'<Note [^>]*name="' + SETTINGS_NOTE + r'".*?</Note>\s*', "", text, flags=re.S)
                data = text.encode("utf-8")
            out.writestr(info, data)
    return target


def dropping(qdpx, target, member_of):
    """The project with the source file of one interview taken out of the archive."""
    with zipfile.ZipFile(qdpx) as src:
        qde = src.read("project.qde").decode("utf-8")
        guid = re.search(rf'<TextSource guid="([^"]+)" name="{member_of}"', qde)[1]
        with zipfile.ZipFile(target, "w") as out:
            for info in src.infolist():
                if info.filename != f"Sources/{guid}.txt":
                    out.writestr(info, src.read(info))
    return target


def test_roles_come_from_case_variables_and_focal_role_from_the_option(nurses_study, tmp_path):
    plain = without_settings(write_qdpx(nurses_study, tmp_path / "n.qdpx"), tmp_path / "plain.qdpx")
    study = load_study(plain, focal_roles=("patient",))
    assert [(r.id, r.focal) for r in study.roles] == [("patient", True), ("carer", False), ("nurse", False)]
    assert study.participant("K1").role == "carer"


def test_without_a_focal_role_a_study_of_its_own_roles_is_warned_about(nurses_study, tmp_path):
    plain = without_settings(write_qdpx(nurses_study, tmp_path / "n.qdpx"), tmp_path / "plain.qdpx")
    study, problems = check_path(plain)
    assert study is not None and study.info.focal_roles == ()
    assert any("--focal-role" in p.message and p.severity == "warning" for p in problems)


def test_the_cli_focal_role_option_reaches_the_reader(nurses_study, tmp_path):
    plain = without_settings(write_qdpx(nurses_study, tmp_path / "n.qdpx"), tmp_path / "plain.qdpx")
    store = tmp_path / "n.gstudy"
    result = CliRunner().invoke(main, ["load", str(plain), "--focal-role", "patient", "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert load_study(store).info.focal_roles == ("patient",)


def test_about_names_whichever_cases_refer_to_the_selection(nurses_study, tmp_path):
    plain = without_settings(write_qdpx(nurses_study, tmp_path / "n.qdpx"), tmp_path / "plain.qdpx")
    quotes = load_study(plain, focal_roles=("patient",)).quotes
    assert quotes.set_index(quotes["id"].str.rpartition("@")[0] + "|" + quotes["text"]).loc["P1_M6|My daughter and the new nurse",
                                                                                               "about"] == "K1;N2"


def test_a_mapping_gives_roles_in_the_study_s_spelling_with_the_spelling_as_label(tmp_path):
    qde = tmp_path / "p.qde"
    qde.write_text("""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="carers" origin="test">
<CodeBook><Codes><Code guid="00000000-0000-4000-8000-00000000c001" name="Burden" isCodable="true"/></Codes></CodeBook>
<Sources>
<TextSource guid="00000000-0000-4000-8000-00000000f001" name="Kim_M0">
<PlainTextContent>It is a lot.</PlainTextContent>
<PlainTextSelection guid="00000000-0000-4000-8000-00000000e001" startPosition="0" endPosition="12">
<Coding guid="00000000-0000-4000-8000-00000000e101"><CodeRef targetGUID="00000000-0000-4000-8000-00000000c001"/></Coding>
</PlainTextSelection>
</TextSource>
<TextSource guid="00000000-0000-4000-8000-00000000f002" name="Pat_M0"><PlainTextContent>Fine.</PlainTextContent></TextSource>
</Sources>
</Project>
""", encoding="utf-8")
    mapping = tmp_path / "map.csv"
    mapping.write_text("source,participant_id,role,timepoint\nKim_M0,Kim,Family carer,M0\nPat_M0,Pat,Patient,M0\n", encoding="utf-8")
    study = load_study(qde, mapping=mapping, focal_roles=("Patient",))
    assert [(r.id, r.label, r.focal) for r in study.roles] == [("family_carer", "Family carer", False), ("patient", "Patient", True)]


def test_a_project_missing_source_files_is_refused_naming_each_and_the_option(nurses_study, tmp_path):
    broken = dropping(write_qdpx(nurses_study, tmp_path / "n.qdpx"), tmp_path / "broken.qdpx", "K2_M6")
    result = CliRunner().invoke(main, ["validate", str(broken)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    [line] = [x for x in result.stderr.splitlines() if x.startswith("error: ") and "K2_M6" in x]
    assert "no member" in line and "--skip-missing-sources" in line


def test_skip_missing_sources_loads_the_rest_with_one_warning_per_source(nurses_study, tmp_path):
    broken = dropping(write_qdpx(nurses_study, tmp_path / "n.qdpx"), tmp_path / "broken.qdpx", "K2_M6")
    study, problems = check_path(broken, skip_missing_sources=True)
    assert study is not None
    assert "K2_M6" not in set(study.interviews["id"]) and len(study.quotes) == len(nurses_study.quotes) - 1
    assert [p.severity for p in problems if "K2_M6" in p.message and "skipped" in p.message] == ["warning"]


def test_a_codebook_validates_on_its_own_as_themes_only(bundled_study, tmp_path):
    qdc = write_qdc(bundled_study, tmp_path / "hk.qdc")
    result = CliRunner().invoke(main, ["validate", str(qdc), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert '"themes": 11' in result.stdout and '"quotes": 0' in result.stdout


def test_a_broken_codebook_is_one_line(tmp_path):
    qdc = tmp_path / "x.qdc"
    qdc.write_text('<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="a" name=', encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(qdc)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert next(x for x in result.stderr.splitlines() if x.startswith("error:")).startswith("error: x.qdc, line 1")
