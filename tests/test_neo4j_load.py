"""Loading into Neo4j: the embedded engine's graph, idempotent, replaceable, resumable, studies kept apart."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest
from click.testing import CliRunner
from neo4j_fixtures import neo4j_settings, renamed, unique_name  # noqa: F401

from graphstudy.cli import main
from graphstudy.engines.embedded import EmbeddedBackend
from graphstudy.engines.neo4j.backend import Neo4jBackend, loaded_studies
from graphstudy.engines.neo4j.connect import connect
from graphstudy.engines.neo4j.load import apply_schema, load_into_neo4j, load_plan, remove_from_neo4j
from graphstudy.engines.neo4j.statements import cypher
from graphstudy.errors import BackendError
from graphstudy.loader import bundled_study_path
from graphstudy.synth import synthetic_study


@pytest.fixture
def small_study():
    """A generated study of about 800 quotes under a key of its own."""
    return renamed(synthetic_study(102, quotes_per_interview=3.5, seed=11), unique_name("load-test"))


@pytest.fixture
def cleanup(neo4j_settings):  # noqa: F811
    names = []
    yield names
    for name in names:
        remove_from_neo4j(name, neo4j_settings)


def neo4j_counts(name, settings):
    with Neo4jBackend(name, settings) as neo:
        return neo.counts()


def without_last_interview(study, name):
    """The study less its last interview, that interview's quotes and their codings."""
    iv = study.interviews.iloc[:-1]
    q = study.quotes[study.quotes["interview_id"].isin(iv["id"])]
    c = study.codings[study.codings["quote_id"].isin(q["id"])]
    return dataclasses.replace(study, name=name, interviews=iv, quotes=q, codings=c)


@pytest.mark.neo4j
def test_a_load_gives_the_embedded_engines_counts(small_study, neo4j_settings, cleanup):  # noqa: F811
    cleanup.append(small_study.name)
    counts = load_into_neo4j(small_study, progress=False, settings=neo4j_settings)
    assert counts == EmbeddedBackend(small_study).counts()
    assert counts["Quote"] == len(small_study.quotes)


@pytest.mark.neo4j
def test_loading_twice_gives_the_same_counts(small_study, neo4j_settings, cleanup):  # noqa: F811
    cleanup.append(small_study.name)
    first = load_into_neo4j(small_study, progress=False, settings=neo4j_settings)
    second = load_into_neo4j(small_study, progress=False, settings=neo4j_settings)
    assert second == first


@pytest.mark.neo4j
def test_small_batches_give_the_same_graph_as_one_batch(small_study, neo4j_settings, cleanup):  # noqa: F811
    cleanup.append(small_study.name)
    counts = load_into_neo4j(small_study, batch_size=37, progress=False, settings=neo4j_settings)
    assert counts == EmbeddedBackend(small_study).counts()


@pytest.mark.neo4j
def test_batches_written_three_at_a_time_give_the_embedded_engines_graph(small_study, neo4j_settings, cleanup):  # noqa: F811
    cleanup.append(small_study.name)
    counts = load_into_neo4j(small_study, batch_size=37, workers=3, progress=False, settings=neo4j_settings)
    embedded = EmbeddedBackend(small_study)
    assert counts == embedded.counts()
    ids = list(small_study.quotes["id"])
    with Neo4jBackend(small_study.name, neo4j_settings) as neo:
        pd.testing.assert_frame_equal(neo.quotes(ids), embedded.quotes(ids))


@pytest.mark.neo4j
def test_replace_drops_what_the_new_version_no_longer_has(small_study, neo4j_settings, cleanup):  # noqa: F811
    cleanup.append(small_study.name)
    load_into_neo4j(small_study, progress=False, settings=neo4j_settings)
    smaller = without_last_interview(small_study, small_study.name)
    counts = load_into_neo4j(smaller, replace=True, progress=False, settings=neo4j_settings)
    assert counts == EmbeddedBackend(smaller).counts()
    assert counts["Interview"] == len(small_study.interviews) - 1


@pytest.mark.neo4j
def test_loading_a_changed_study_without_replace_keeps_the_old_records(small_study, neo4j_settings, cleanup):  # noqa: F811
    cleanup.append(small_study.name)
    load_into_neo4j(small_study, progress=False, settings=neo4j_settings)
    smaller = without_last_interview(small_study, small_study.name)
    counts = load_into_neo4j(smaller, progress=False, settings=neo4j_settings)
    assert counts["Interview"] == len(small_study.interviews)


@pytest.mark.neo4j
def test_two_studies_with_the_same_ids_do_not_mix(bundled_study, neo4j_settings, cleanup):  # noqa: F811
    a = renamed(bundled_study, unique_name("study-a"))
    b = without_last_interview(bundled_study, unique_name("study-b"))
    cleanup.extend([a.name, b.name])
    load_into_neo4j(a, progress=False, settings=neo4j_settings)
    load_into_neo4j(b, progress=False, settings=neo4j_settings)
    load_into_neo4j(a, replace=True, progress=False, settings=neo4j_settings)
    for study in (a, b):
        with Neo4jBackend(study.name, neo4j_settings) as neo:
            assert neo.counts() == EmbeddedBackend(study).counts()
            pd.testing.assert_frame_equal(neo.all_codings(), EmbeddedBackend(study).all_codings())


@pytest.mark.neo4j
def test_a_study_never_loaded_is_refused_naming_it(neo4j_settings):  # noqa: F811
    with pytest.raises(BackendError, match="study 'never-loaded' is not loaded in Neo4j database"):
        Neo4jBackend("never-loaded", neo4j_settings)


@pytest.mark.neo4j
def test_an_unfinished_load_is_refused_and_running_it_again_completes_it(small_study, neo4j_settings, cleanup):  # noqa: F811
    cleanup.append(small_study.name)
    driver, settings = connect(neo4j_settings)
    try:  # what a load cut off after the quotes' first batch leaves: real statements, real batches
        apply_schema(driver, settings.database)
        with driver.session(database=settings.database) as session:
            session.run(cypher("load_study_begin"), study=small_study.name, metadata="{}").consume()
            for step in load_plan(small_study)[:8]:
                rows = step.rows.iloc[:300].to_dict("records")
                query = cypher(step.statement)
                session.execute_write(lambda tx, q=query, r=rows: tx.run(q, study=small_study.name, rows=r).consume())
    finally:
        driver.close()
    with pytest.raises(BackendError, match="did not finish; run 'graphstudy load PATH --backend neo4j' again"):
        Neo4jBackend(small_study.name, neo4j_settings)
    counts = load_into_neo4j(small_study, progress=False, settings=neo4j_settings)
    assert counts == EmbeddedBackend(small_study).counts()


@pytest.mark.neo4j
def test_removing_a_study_leaves_no_trace_of_it(small_study, neo4j_settings):  # noqa: F811
    load_into_neo4j(small_study, progress=False, settings=neo4j_settings)
    remove_from_neo4j(small_study.name, neo4j_settings)
    assert small_study.name not in set(loaded_studies(neo4j_settings)["study"])
    with pytest.raises(BackendError, match="is not loaded"):
        Neo4jBackend(small_study.name, neo4j_settings)


@pytest.mark.neo4j
def test_load_command_then_queries_on_neo4j_match_the_embedded_engine(neo4j_settings):  # noqa: F811
    env = {"NEO4J_URI": neo4j_settings.uri, "GRAPHSTUDY_NEO4J_CONFIG": "/nonexistent/neo4j.toml"}
    runner = CliRunner(env=env)
    loaded = runner.invoke(main, ["load", str(bundled_study_path()), "--backend", "neo4j", "--batch-size", "10"])
    assert loaded.exit_code == 0, loaded.stderr
    assert "loaded study 'Peer support workers in Hong Kong" in loaded.stdout
    neo = runner.invoke(main, ["shifts", "--psw", "Sue", "--backend", "neo4j", "--format", "csv"])
    embedded = runner.invoke(main, ["shifts", "--psw", "Sue", "--format", "csv"])
    assert neo.exit_code == 0, neo.stderr
    assert neo.stdout == embedded.stdout


def test_a_relationship_type_the_study_does_not_declare_is_refused_before_loading(bundled_study):
    rel = bundled_study.relationships.copy()
    rel.loc[0, "type"] = "SERVED_BY]->() DETACH DELETE n //"
    with pytest.raises(BackendError, match="relationships, row 2, column type"):
        load_plan(dataclasses.replace(bundled_study, relationships=rel))
