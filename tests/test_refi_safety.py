"""Untrusted REFI-QDA files: each attack or damage is one clear line, exit status 2, nothing loaded."""

import struct
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphstudy.cli import main
from graphstudy.errors import QDAError
from graphstudy.refi_qda import ProjectArchive, read_refi, write_qdpx

FIXTURES = Path(__file__).parent / "fixtures" / "refi"


def load_fails(path: Path, tmp_path: Path, *extra: str) -> str:
    """Run ``graphstudy load`` on ``path``; assert exit 2, one line on stderr and no store; return the line."""
    store = tmp_path / "out.gstudy"
    result = CliRunner().invoke(main, ["load", str(path), "--store", str(store), *extra])
    assert result.exit_code == 2, result.output
    lines = [ln for ln in result.stderr.splitlines() if not ln.startswith("reading and checking")]
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.output
    assert not store.exists()
    return lines[0]


def qdpx_with(tmp_path: Path, members: dict[str, bytes], name: str = "p.qdpx") -> Path:
    target = tmp_path / name
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for member, data in members.items():
            zf.writestr(member, data)
    return target


def test_an_external_entity_is_refused(tmp_path):
    line = load_fails(FIXTURES / "xxe.qde", tmp_path)
    assert "xxe.qde: refused" in line and "DTD" in line


def test_billion_laughs_entity_expansion_is_refused(tmp_path):
    assert "billion_laughs.qde: refused" in load_fails(FIXTURES / "billion_laughs.qde", tmp_path)


def test_an_entity_inside_a_qdpx_is_refused_too(tmp_path):
    qdpx = qdpx_with(tmp_path, {"project.qde": (FIXTURES / "xxe.qde").read_bytes()})
    assert "p.qdpx:project.qde: refused" in load_fails(qdpx, tmp_path)


def test_an_archive_member_escaping_the_folder_is_refused(tmp_path):
    qdpx = qdpx_with(tmp_path, {"project.qde": (FIXTURES / "longitudinal.qde").read_bytes(), "../../evil.txt": b"x"})
    assert "archive member '../../evil.txt' would escape the project folder" in load_fails(qdpx, tmp_path)


def test_an_absolute_archive_member_is_refused(tmp_path):
    qdpx = qdpx_with(tmp_path, {"project.qde": (FIXTURES / "longitudinal.qde").read_bytes(), "/etc/cron.d/evil": b"x"})
    assert "would escape the project folder" in load_fails(qdpx, tmp_path)


def test_an_internal_source_path_escaping_the_archive_is_refused(tmp_path):
    qdpx = qdpx_with(tmp_path, {"project.qde": (FIXTURES / "internal_escape.qde").read_bytes()})
    assert "would escape the project folder; refused" in load_fails(qdpx, tmp_path)


def test_a_zip_bomb_is_refused_from_its_declared_size(tmp_path):
    qdpx = qdpx_with(tmp_path, {"project.qde": (FIXTURES / "longitudinal.qde").read_bytes(), "Sources/big.txt": b"0" * 1000})
    data = bytearray(qdpx.read_bytes())
    entry = data.rfind(b"PK\x01\x02")  # central directory entry of the last member: claim 4 GB uncompressed
    data[entry + 24: entry + 28] = struct.pack("<I", 0xFFFFFFF0)
    qdpx.write_bytes(bytes(data))
    assert "decompress to" in load_fails(qdpx, tmp_path) and "refused" in load_fails(qdpx, tmp_path)


def test_decompression_is_bounded_while_reading(tmp_path):
    qdpx = qdpx_with(tmp_path, {"project.qde": (FIXTURES / "longitudinal.qde").read_bytes(), "Sources/zeros.txt": b"\0" * 5_000_000})
    assert qdpx.stat().st_size < 100_000
    with pytest.raises(QDAError, match="more than the 1000000"):
        read_refi(qdpx, max_bytes=1_000_000)
    with ProjectArchive(qdpx, max_bytes=6_000_000) as arc:  # headers pass; reading stops at the bound
        arc.max_bytes = 100_000
        with pytest.raises(QDAError, match="decompresses to more than"):
            arc.source_bytes("internal://zeros.txt")


def test_a_truncated_qdpx_is_refused(bundled_study, tmp_path):
    qdpx = write_qdpx(bundled_study, tmp_path / "whole.qdpx")
    cut = tmp_path / "cut.qdpx"
    cut.write_bytes(qdpx.read_bytes()[: qdpx.stat().st_size // 2])
    assert "cut.qdpx: not a readable .qdpx archive" in load_fails(cut, tmp_path)


def test_a_truncated_project_document_is_refused_with_its_line(tmp_path):
    text = (FIXTURES / "longitudinal.qde").read_bytes()
    cut = tmp_path / "cut.qde"
    cut.write_bytes(text[: len(text) // 2])
    line = load_fails(cut, tmp_path)
    assert "cut.qde, line" in line and "not well-formed XML" in line and "truncated" in line


def test_a_qdpx_without_a_project_document_is_refused(tmp_path):
    qdpx = qdpx_with(tmp_path, {"Sources/a.txt": b"text"})
    assert "no project.qde in the archive" in load_fails(qdpx, tmp_path)


def test_a_document_that_is_not_a_project_is_refused(tmp_path):
    (tmp_path / "x.qde").write_text('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"/>', encoding="utf-8")
    assert "the root element is <CodeBook>, expected <Project>" in load_fails(tmp_path / "x.qde", tmp_path)


def test_a_selection_outside_its_source_is_one_line_naming_it(tmp_path):
    line = load_fails(FIXTURES / "selection_outside.qde", tmp_path)
    assert "selection_outside.qde, row 12, column endPosition: selection [5, 42) is outside its source 'Amy_T1' (20 characters)" in line


def test_a_coding_to_an_unknown_code_is_one_line_naming_it(tmp_path):
    line = load_fails(FIXTURES / "unknown_code.qde", tmp_path)
    assert "column CodeRef" in line and "'00000000-0000-4000-8000-0000000dead1', which is not in the CodeBook" in line


def test_an_absolute_source_is_refused_in_one_line(tmp_path):
    assert "absolute path outside the project; refused" in load_fails(FIXTURES / "absolute_source.qde", tmp_path)


def test_a_relative_source_leading_out_of_the_folder_is_refused(tmp_path):
    assert "leads out of the project's folder; refused" in load_fails(FIXTURES / "relative_escape.qde", tmp_path)


def test_a_source_that_is_not_utf8_is_one_line(tmp_path):
    text = (FIXTURES / "nvivo_emoji" / "project.qde").read_bytes()
    qdpx = qdpx_with(tmp_path, {"project.qde": text, "Sources/3f2504e0-4f89-41d3-9a0c-0305e82c3301.txt": b"caf\xe9 " * 20})
    assert "not UTF-8 text" in load_fails(qdpx, tmp_path, "--source-pattern", r"(?P<participant>\w+)_(?P<timepoint>T\d)")


def test_a_bad_source_pattern_is_one_line(tmp_path):
    assert "not a valid regular expression" in load_fails(FIXTURES / "longitudinal.qde", tmp_path, "--source-pattern", "(?P<participant>")


def test_a_source_pattern_without_a_participant_group_is_one_line(tmp_path):
    assert "needs a named group (?P<participant>" in load_fails(FIXTURES / "longitudinal.qde", tmp_path, "--source-pattern", "(?P<timepoint>T\\d)")


def test_validate_lists_every_problem_of_an_unsafe_selection_and_exits_2(tmp_path):
    result = CliRunner().invoke(main, ["validate", str(FIXTURES / "selection_outside.qde")])
    assert result.exit_code == 2
    assert "is outside its source" in result.stderr and "the study was not loaded" in result.stderr
