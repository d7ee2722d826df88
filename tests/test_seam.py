"""The seam as a whole: a study does not change once loaded, engines open from one factory,
and any engine gives back the whole study (the embedded half; Neo4j's is in
tests/test_neo4j_seam.py and tests/test_parity.py)."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest
from click.testing import CliRunner

from graphstudy import load_study, queries
from graphstudy.cli import main
from graphstudy.cli._common import backend_option
from graphstudy.engines import ENGINES, TABLES, Backend, canonical_table, open_engine
from graphstudy.engines.embedded import EmbeddedBackend
from graphstudy.engines.whole import whole_study
from graphstudy.errors import BackendError
from graphstudy.model import COLUMNS, Study


def test_the_stale_case_of_the_issue_cannot_happen():
    """Issue 9: after themes(s), assigning s.codings = s.codings.iloc[0:0] still gave the old answer."""
    s = load_study()
    before = queries.themes(s)
    assert before["coded"].sum() > 0
    with pytest.raises(dataclasses.FrozenInstanceError, match=r"study.replace\(codings=\.\.\.\)"):
        s.codings = s.codings.iloc[0:0]  # type: ignore[misc]
    emptied = s.replace(codings=s.codings.iloc[0:0])
    assert queries.themes(emptied)["coded"].sum() == 0                # the changed copy answers for its own data
    pd.testing.assert_frame_equal(queries.themes(s), before)          # and the study itself is as it was
    assert queries.as_backend(emptied) is not queries.as_backend(s)


def test_every_field_of_a_study_refuses_assignment_and_deletion():
    s = load_study()
    for f in dataclasses.fields(Study):
        with pytest.raises(dataclasses.FrozenInstanceError, match=f"'{f.name}' cannot be assigned"):
            setattr(s, f.name, getattr(s, f.name))
    with pytest.raises(dataclasses.FrozenInstanceError, match="cannot be deleted"):
        del s.name
    with pytest.raises(dataclasses.FrozenInstanceError, match="has no 'colour'"):
        s.colour = "red"  # type: ignore[attr-defined]


def test_a_study_is_equal_only_to_itself_and_hashes_by_identity():
    a, b = load_study(), load_study()
    assert a == a and a != b
    assert len({a, b, a}) == 2


def test_time_points_and_memos_are_tuples_so_they_cannot_change_in_place():
    s = load_study()
    assert isinstance(s.timepoints, tuple) and isinstance(s.memos, tuple)
    assert [t.order for t in s.timepoints] == sorted(t.order for t in s.timepoints)


def test_replace_keeps_the_normalising_of_the_constructor():
    s = load_study().replace(relationship_types=("PEER_OF",), timepoints=list(reversed(load_study().timepoints)))
    assert [t.id for t in s.relationship_types][-1] == "PEER_OF"
    assert [t.id for t in s.timepoints] == ["T1", "T2", "T3"]


def test_open_engine_builds_the_embedded_engine_from_a_study_and_refuses_a_name_or_an_unknown_engine(bundled_study):
    with open_engine(bundled_study) as engine:
        assert isinstance(engine, EmbeddedBackend) and engine.study is bundled_study
    with pytest.raises(BackendError, match="built from a loaded study, not a name"):
        open_engine(bundled_study.name)
    with pytest.raises(BackendError, match="unknown engine 'sqlite'; expected one of embedded, neo4j"):
        open_engine(bundled_study, "sqlite")


def test_the_command_lines_engine_choice_is_the_librarys_constant():
    @backend_option
    def f(backend):
        return backend

    choice = f.__click_params__[0].type
    assert tuple(choice.choices) == ENGINES
    result = CliRunner().invoke(main, ["shifts", "--help"])
    assert "[embedded|neo4j]" in result.stdout


def test_every_table_has_exactly_the_models_columns_and_the_studys_rows(bundled_study):
    engine = EmbeddedBackend(bundled_study)
    assert tuple(COLUMNS) == TABLES
    for kind in TABLES:
        t = engine.table(kind)
        assert list(t.columns) == COLUMNS[kind]
        assert t["id" if "id" in t else t.columns[0]].tolist() == getattr(bundled_study, kind)[t.columns[0]].tolist()
        assert all(t[c].dtype == object for c in t.columns if c != "wave")
    assert engine.table("interviews")["wave"].dtype == "int64"
    with pytest.raises(BackendError, match="no table 'memos'"):
        engine.table("memos")


def test_the_whole_study_from_any_engine_is_the_study(bundled_study):
    engine = EmbeddedBackend(bundled_study)
    assert engine.whole_study() is bundled_study          # the embedded engine is built from it
    assert engine._graph is None                          # and exporting it built no graph
    rebuilt = whole_study(engine)                         # what any engine's look-ups give back
    assert rebuilt.info == bundled_study.info
    for kind, table in bundled_study.tables().items():
        pd.testing.assert_frame_equal(rebuilt.tables()[kind], canonical_table(kind, table), obj=kind)


def test_a_backend_without_the_whole_study_cannot_be_made():
    class OnlyLookUps(Backend):
        def participants(self, ids=None): ...
        def relationships(self): ...
        def quotes(self, ids): ...
        def linked_people(self, psw, role=None): ...
        def interviews_of(self, participants): ...
        def codings_of(self, participants, about=None): ...
        def theme_tree(self): ...
        def all_interviews(self): ...
        def all_codings(self): ...
        def counts(self): ...

    with pytest.raises(TypeError, match="study_info"):
        OnlyLookUps()  # type: ignore[abstract]


def test_canonical_table_fills_blanks_and_orders_columns():
    t = canonical_table("interviews", pd.DataFrame({"note": [None, "x"], "id": ["a", "b"], "wave": [None, 2]}))
    assert list(t.columns) == COLUMNS["interviews"]
    assert t.to_dict("records")[0] == {"id": "a", "participant_id": "", "timepoint": "", "wave": 0, "date": "", "note": ""}
    assert t["wave"].tolist() == [0, 2]
