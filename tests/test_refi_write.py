"""Saving a study as a REFI-QDA project (.qdpx) or codebook (.qdc), and loading it back."""

import zipfile
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from graphstudy import load_study
from graphstudy.cli import main
from graphstudy.engines.whole import whole_study
from graphstudy.errors import GraphStudyError, QDAError
from graphstudy.model import COLUMNS
from graphstudy.queries import as_backend
from graphstudy.refi_qda import read_refi, write_qdc, write_qdpx

FIXTURES = Path(__file__).parent / "fixtures" / "refi"


def canonical(frame: pd.DataFrame, kind: str) -> pd.DataFrame:
    cols = COLUMNS[kind]
    return frame[cols].astype(str).sort_values(cols).reset_index(drop=True)


def assert_same_study(a, b) -> None:
    for kind in COLUMNS:
        pd.testing.assert_frame_equal(canonical(getattr(a, kind), kind), canonical(getattr(b, kind), kind), obj=kind)
    assert a.to_dict() == b.to_dict()


@pytest.fixture(scope="module")
def schemas(shared_dir):
    xmlschema = pytest.importorskip("xmlschema")
    return (xmlschema.XMLSchema(str(shared_dir / "refi-qda" / "Project.xsd")),
            xmlschema.XMLSchema(str(shared_dir / "refi-qda" / "Codebook.xsd")))


def test_the_bundled_study_exported_and_loaded_again_is_the_same_study(bundled_study, tmp_path):
    assert_same_study(bundled_study, load_study(write_qdpx(bundled_study, tmp_path / "hk.qdpx")))


def test_a_study_with_coders_memos_colours_and_waves_survives_the_round_trip(tmp_path):
    study = load_study(FIXTURES / "longitudinal.qde")
    assert study.coders() and study.memos and (study.interviews["wave"] > 0).any()
    assert_same_study(study, load_study(write_qdpx(study, tmp_path / "again.qdpx")))


def test_the_exported_project_validates_against_project_xsd(bundled_study, schemas, tmp_path):
    qdpx = write_qdpx(load_study(FIXTURES / "longitudinal.qde"), tmp_path / "a.qdpx")
    for path in (qdpx, write_qdpx(bundled_study, tmp_path / "hk.qdpx")):
        with zipfile.ZipFile(path) as zf:
            schemas[0].validate(zf.read("project.qde").decode("utf-8"))


def test_the_exported_codebook_validates_against_codebook_xsd(bundled_study, schemas, tmp_path):
    schemas[1].validate(str(write_qdc(bundled_study, tmp_path / "hk.qdc")))


def test_the_hand_made_fixtures_are_valid_refi_qda(schemas):
    for f in ("longitudinal.qde", "atlas/project.qde", "nvivo_emoji/project.qde", "relative_source.qde"):
        schemas[0].validate(str(FIXTURES / f))


def test_the_archive_holds_project_qde_and_one_text_file_per_interview_in_sources(bundled_study, tmp_path):
    with zipfile.ZipFile(write_qdpx(bundled_study, tmp_path / "hk.qdpx")) as zf:
        names = zf.namelist()
    assert names[0] == "project.qde"
    assert sum(n.startswith("Sources/") and n.endswith(".txt") for n in names) == len(bundled_study.interviews)


def test_participants_are_cases_with_variables_and_interviews_sources_with_time_point_and_wave(bundled_study, tmp_path):
    with zipfile.ZipFile(write_qdpx(bundled_study, tmp_path / "hk.qdpx")) as zf:
        qde = zf.read("project.qde").decode("utf-8")
    assert qde.count("<Case ") == len(bundled_study.participants)
    assert qde.count("<TextSource ") == len(bundled_study.interviews)
    assert 'name="role"' in qde and 'name="timepoint"' in qde and 'name="wave" typeOfVariable="Integer"' in qde
    assert qde.count("<Link ") == len(bundled_study.relationships)


def test_selections_sit_at_code_point_offsets_of_the_exported_text(tmp_path):
    study = load_study(FIXTURES / "longitudinal.qde")
    quotes = study.quotes.copy()
    quotes.loc[0, "text"] = "Emoji 🙏 before " + quotes.loc[0, "text"]
    study = study.replace(quotes=quotes)
    raw = read_refi(write_qdpx(study, tmp_path / "e.qdpx"))
    assert raw.meta["refi"]["positions"] == "codepoints"
    assert sorted(raw.tables["quotes"]["text"]) == sorted(study.quotes["text"])


def test_writing_the_same_study_twice_gives_the_same_bytes(bundled_study, tmp_path):
    a = write_qdpx(bundled_study, tmp_path / "a.qdpx").read_bytes()
    assert a == write_qdpx(bundled_study, tmp_path / "b.qdpx").read_bytes()


def test_a_failed_export_leaves_the_target_as_it_was_and_no_temporary_file(bundled_study, tmp_path):
    target = tmp_path / "taken.qdpx"
    target.mkdir()
    (target / "keep.txt").write_text("keep", encoding="utf-8")
    with pytest.raises(GraphStudyError, match=r"taken\.qdpx: could not be written"):
        write_qdpx(bundled_study, target)
    assert (target / "keep.txt").read_text(encoding="utf-8") == "keep"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken.qdpx"]


def test_a_codebook_needs_at_least_one_theme(bundled_study, tmp_path):
    empty = load_study(FIXTURES / "longitudinal.qde")
    empty = empty.replace(themes=empty.themes.iloc[0:0])
    with pytest.raises(QDAError, match="has no themes"):
        write_qdc(empty, tmp_path / "x.qdc")


def test_export_commands_write_the_project_and_the_codebook(tmp_path):
    runner = CliRunner()
    project = runner.invoke(main, ["export", "qdpx", str(tmp_path / "hk.qdpx")])
    codebook = runner.invoke(main, ["export", "qdc", str(tmp_path / "hk.qdc"), "--study", str(FIXTURES / "longitudinal.qde")])
    assert project.exit_code == 0 and "42 selections" in project.stdout
    assert codebook.exit_code == 0 and "6 codes" in codebook.stdout
    assert load_study(tmp_path / "hk.qdpx").counts()["quotes"] == 42


def test_export_of_an_invalid_study_is_one_line_and_exit_2(tmp_path):
    result = CliRunner().invoke(main, ["export", "qdpx", str(tmp_path / "x.qdpx"), "--study", str(FIXTURES / "unknown_code.qde")])
    assert result.exit_code == 2 and result.stderr.strip().count("\n") == 0
    assert not (tmp_path / "x.qdpx").exists()


def test_a_study_rebuilt_from_an_engine_is_the_same_study(bundled_study):
    rebuilt = whole_study(as_backend(bundled_study))
    assert_same_study(rebuilt, bundled_study)
    assert [t.label for t in rebuilt.timepoints] == [t.label for t in bundled_study.timepoints]
