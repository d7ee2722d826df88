"""The one writer of files and folders: whole or not at all (graphstudy/files.py)."""

from __future__ import annotations

import pytest

from graphstudy import load_study
from graphstudy.errors import GraphStudyError
from graphstudy.files import atomic_folder, atomic_path
from graphstudy.tables import write_folder
from graphstudy.template import write_template


def test_a_file_that_fails_half_way_leaves_the_old_one(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("earlier")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text("half")
        raise RuntimeError("stopped")
    assert target.read_text() == "earlier" and [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_a_folder_that_fails_half_way_leaves_nothing(tmp_path):
    target = tmp_path / "study"
    with pytest.raises(RuntimeError), atomic_folder(target) as tmp:
        (tmp / "participants.csv").write_text("id,role\n")
        raise RuntimeError("stopped")
    assert list(tmp_path.iterdir()) == []


def test_a_folder_replaces_an_empty_one_and_names_what_it_could_not_write(tmp_path):
    (tmp_path / "empty").mkdir()
    write_folder(load_study(), tmp_path / "empty")
    assert load_study(tmp_path / "empty").counts()["quotes"] == load_study().counts()["quotes"]
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    with pytest.raises(GraphStudyError, match=r"file/study: could not be written"):
        write_template(blocked / "study")
    assert blocked.read_text() == "not a folder"
