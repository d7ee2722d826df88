"""Saving a study to a .gstudy store and opening it again."""

import json
import struct
import zipfile

import pandas as pd
import pytest
from click.testing import CliRunner

from graphstudy import load_study, open_store, save_store, shifts
from graphstudy.cli import main
from graphstudy.errors import StoreError, StudyInvalid
from graphstudy.model import COLUMNS


def test_a_store_gives_back_the_same_study(bundled_study, tmp_path):
    path = save_store(bundled_study, tmp_path / "s.gstudy")
    back = open_store(path)
    for kind in COLUMNS:
        pd.testing.assert_frame_equal(getattr(bundled_study, kind).reset_index(drop=True),
                                      getattr(back, kind).reset_index(drop=True), check_dtype=False)
    assert back.design == bundled_study.design and back.timepoints == bundled_study.timepoints


def test_a_store_holds_data_only(bundled_study, tmp_path):
    path = save_store(bundled_study, tmp_path / "s.gstudy")
    with zipfile.ZipFile(path) as zf:
        names = sorted(zf.namelist())
    assert names == sorted(["study.json"] + [f"{k}.parquet" for k in COLUMNS])


def test_queries_answer_the_same_from_a_store(bundled_study, tmp_path):
    path = save_store(bundled_study, tmp_path / "s.gstudy")
    pd.testing.assert_frame_equal(shifts(load_study(path), "Sue"), shifts(bundled_study, "Sue"))


def test_a_file_that_is_not_a_store_is_refused(tmp_path):
    bad = tmp_path / "x.gstudy"
    bad.write_text("hello")
    with pytest.raises(StoreError, match="not a readable graphstudy store"):
        open_store(bad)


def test_a_failed_load_leaves_the_store_as_it_was(make_study, tmp_path):
    store = tmp_path / "kept.gstudy"
    runner = CliRunner()
    assert runner.invoke(main, ["load", str(make_study("good")), "--store", str(store)]).exit_code == 0
    before = store.read_bytes()
    bad = make_study("bad", codings_csv="quote_id,theme_id\nq1,nope\n")
    result = runner.invoke(main, ["load", str(bad), "--store", str(store)])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines()[-1].startswith("error: codings.csv, row 2, column theme_id")
    assert store.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_load_without_store_says_what_to_give(make_study):
    result = CliRunner().invoke(main, ["load", str(make_study())])
    assert result.exit_code == 2 and "--store" in result.output


def store_with(tmp_path, study, change, name="s.gstudy"):
    """A store of ``study`` with ``change(members)`` applied to its members (``{name: bytes}``)."""
    path = save_store(study, tmp_path / "orig.gstudy")
    with zipfile.ZipFile(path) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    change(members)
    target = tmp_path / name
    with zipfile.ZipFile(target, "w") as zf:
        for n, data in members.items():
            zf.writestr(n, data)
    return target


def parquet(frame):
    import io

    import pyarrow as pa
    import pyarrow.parquet as pq

    buf = io.BytesIO()
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), buf, compression="zstd")
    return buf.getvalue()


def fails(path, *words):
    """``validate`` refuses ``path``: exit 2, every stderr line one problem, no traceback; return the error lines."""
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert (result.exit_code == 2 and "Traceback" not in result.output and result.exception is None) or \
        isinstance(result.exception, SystemExit), result.output
    errs = [x for x in result.stderr.splitlines() if x.startswith("error: ") and "error(s)" not in x]
    for w in words:
        assert any(w in e for e in errs), (w, errs)
    return errs


def test_a_store_saved_under_any_name_opens_again_under_that_name(make_study, tmp_path):
    runner = CliRunner()
    store = tmp_path / "mine.store"
    assert runner.invoke(main, ["load", str(make_study()), "--store", str(store)]).exit_code == 0
    result = runner.invoke(main, ["shifts", "--study", str(store), "--psw", "Ann", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert runner.invoke(main, ["validate", str(store)]).exit_code == 0
    plain = tmp_path / "no-suffix"
    assert runner.invoke(main, ["load", str(make_study("again")), "--store", str(plain)]).exit_code == 0
    assert load_study(plain).counts()["quotes"] == 7


@pytest.mark.parametrize("name", ["out.xlsx", "out.qdpx", "out.csv"])
def test_load_refuses_a_store_name_that_would_be_read_as_something_else_before_writing(make_study, tmp_path, name):
    result = CliRunner().invoke(main, ["load", str(make_study()), "--store", str(tmp_path / name)])
    assert result.exit_code == 2 and "another kind of file" in result.output and ".gstudy" in result.output
    assert not (tmp_path / name).exists()


def test_load_does_not_overwrite_a_file_that_is_not_a_store(make_study, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes", encoding="utf-8")
    result = CliRunner().invoke(main, ["load", str(make_study()), "--store", str(notes)])
    assert result.exit_code == 2 and "is not a graphstudy store" in result.output
    assert notes.read_text(encoding="utf-8") == "my notes"


def test_a_store_whose_metadata_lacks_the_study_is_one_line(bundled_study, tmp_path):
    path = store_with(tmp_path, bundled_study, lambda m: m.update({"study.json": b'{"format": "graphstudy-store", "version": 1}'}))
    assert fails(path, "no 'study' table") and len(fails(path)) == 1


def test_a_store_whose_time_points_lack_an_order_takes_them_in_order(bundled_study, tmp_path):
    def drop_order(m):
        meta = json.loads(m["study.json"])
        for tp in meta["study"]["timepoints"]:
            del tp["order"]
        m["study.json"] = json.dumps(meta).encode()

    study = open_store(store_with(tmp_path, bundled_study, drop_order))
    assert [tp.id for tp in study.timepoints] == ["T1", "T2", "T3"]


def test_a_store_whose_quotes_name_unknown_interviews_is_refused_like_a_folder(bundled_study, tmp_path):
    def retarget(m):
        q = bundled_study.quotes.copy()
        q.loc[q.index[:3], "interview_id"] = "Nobody_T9"
        m["quotes.parquet"] = parquet(q)

    errs = fails(store_with(tmp_path, bundled_study, retarget), "unknown interview 'Nobody_T9'")
    assert len(errs) == 3 and all("s.gstudy:quotes.parquet, row " in e for e in errs)
    with pytest.raises(StudyInvalid):
        open_store(tmp_path / "s.gstudy")


def test_a_store_table_of_wrong_types_is_checked_as_text(bundled_study, tmp_path):
    def waves(m):
        iv = bundled_study.interviews.copy().astype({"wave": str})
        iv.loc[iv.index[0], "wave"] = "first"
        m["interviews.parquet"] = parquet(iv)

    assert fails(store_with(tmp_path, bundled_study, waves), "column wave: expected a whole number")


def test_a_store_table_missing_a_column_is_one_line(bundled_study, tmp_path):
    errs = fails(store_with(tmp_path, bundled_study, lambda m: m.update(
        {"participants.parquet": parquet(bundled_study.participants.drop(columns="role"))})), "lacks the column role")
    assert len(errs) == 1


def test_a_store_member_that_is_not_parquet_is_one_line(bundled_study, tmp_path):
    assert fails(store_with(tmp_path, bundled_study, lambda m: m.update({"codings.parquet": b"\0garbage" * 100})),
                 "codings.parquet: cannot be read as a Parquet table")


def test_a_store_too_large_when_decompressed_is_refused_before_it_is_read(bundled_study, tmp_path):
    from graphstudy.store import read_store

    path = save_store(bundled_study, tmp_path / "s.gstudy")
    with pytest.raises(StoreError, match="would decompress to"):
        read_store(path, max_bytes=1000)
    data = bytearray(path.read_bytes())
    entry = data.find(b"PK\x01\x02")  # study.json's central directory entry: claim 512 MiB
    data[entry + 24: entry + 28] = struct.pack("<I", 1 << 29)
    path.write_bytes(bytes(data))
    with pytest.raises(StoreError, match=r"study\.json would decompress to 536870912 bytes"):
        open_store(path)


def test_a_store_table_too_large_for_its_bound_is_refused_from_its_metadata(bundled_study, tmp_path):
    from graphstudy.store import read_store

    big = bundled_study.quotes.copy()
    big["text"] = ["x" * 200_000 + str(i) for i in range(len(big))]  # compresses to almost nothing; Parquet's metadata says how big
    path = store_with(tmp_path, bundled_study, lambda m: m.update({"quotes.parquet": parquet(big)}))
    assert path.stat().st_size < 200_000
    with pytest.raises(StoreError, match=r"quotes\.parquet: the table would decompress to"):
        read_store(path, max_bytes=2_000_000)
