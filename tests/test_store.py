"""Saving a study to a .gstudy store and opening it again."""

import zipfile

import pandas as pd
import pytest
from click.testing import CliRunner

from graphstudy import load_study, open_store, save_store, shifts
from graphstudy.cli import main
from graphstudy.errors import StoreError
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
