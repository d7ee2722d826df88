"""Parity: every query gives identical results on the embedded engine and on Neo4j.

One parametrised test: each entry of ``parity_queries.PARITY_QUERIES``, on the
bundled study and on a generated study of a few thousand quotes (with two
coders, so a quote is often coded as the same theme twice), loaded into a
real Neo4j.
"""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest
from neo4j_fixtures import neo4j_settings, unique_name  # noqa: F401
from parity_queries import PARITY_QUERIES, assert_same

from graphstudy.engines.embedded import EmbeddedBackend
from graphstudy.engines.neo4j.backend import Neo4jBackend
from graphstudy.engines.neo4j.load import load_into_neo4j, remove_from_neo4j
from graphstudy.synth import synthetic_study

pytestmark = pytest.mark.neo4j


def generated_study():
    """About 3,000 quotes; every coding by coder 'ann', every third also by 'ben'; a declared
    relationship type PEER_OF beside every fourth SERVED_BY."""
    study = synthetic_study(340, quotes_per_interview=4.0, seed=3)
    c = study.codings.assign(coder="ann")
    codings = pd.concat([c, c.iloc[::3].assign(coder="ben")], ignore_index=True)
    r = study.relationships
    peers = r[r["type"] == "SERVED_BY"].iloc[::4].assign(type="PEER_OF")
    return dataclasses.replace(study, name=unique_name("parity-generated"), codings=codings,
                               relationships=pd.concat([r, peers], ignore_index=True),
                               relationship_types=(*study.relationship_types, "PEER_OF"))


STUDIES = {"bundled": None, "generated": generated_study}


@pytest.fixture(scope="module", params=list(STUDIES))
def engines(request, bundled_study, neo4j_settings):  # noqa: F811
    """(embedded, neo4j) backends for one study, loaded once per module."""
    make = STUDIES[request.param]
    study = bundled_study if make is None else make()
    load_into_neo4j(study, progress=False, settings=neo4j_settings)
    neo = Neo4jBackend(study.name, neo4j_settings)
    yield EmbeddedBackend(study), neo
    neo.close()
    if make is not None:
        remove_from_neo4j(study.name, neo4j_settings)


def test_generated_study_has_a_few_thousand_quotes_two_coders_and_a_declared_type():
    study = generated_study()
    assert 2000 <= len(study.quotes) <= 6000
    assert study.coders() == ["ann", "ben"]
    assert (study.relationships["type"] == "PEER_OF").sum() > 10


@pytest.mark.parametrize("name, query", PARITY_QUERIES, ids=[n for n, _ in PARITY_QUERIES])
def test_both_engines_answer_identically(engines, name, query):
    embedded, neo = engines
    expected = query(embedded)
    assert_same(expected, query(neo), name)
