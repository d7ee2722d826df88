"""Parity: every query gives identical results on the embedded engine and on Neo4j.

One parametrised test: each entry of ``parity_queries.PARITY_QUERIES`` (with and
without coding rules, by occasion and by time point), on the bundled study, on a
generated study of a few thousand quotes (with two coders, so a quote is often
coded as the same theme twice), on the carers study of ``tests/fixtures/carers``
(declared roles, patients focal, relationship spans) and on a generated study of
that patient-carer-clinician shape, each loaded into a real Neo4j.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from neo4j_fixtures import neo4j_settings, unique_name  # noqa: F401
from parity_queries import PARITY_QUERIES, assert_same

from graphstudy import load_study
from graphstudy.engines.embedded import EmbeddedBackend
from graphstudy.engines.neo4j.backend import Neo4jBackend
from graphstudy.engines.neo4j.load import load_into_neo4j, remove_from_neo4j
from graphstudy.synth import synthetic_study

pytestmark = pytest.mark.neo4j

CARERS = Path(__file__).parent / "fixtures" / "carers"


def generated_study():
    """About 3,000 quotes; every coding by coder 'ann', every third also by 'ben'; a declared
    relationship type PEER_OF beside every fourth SERVED_BY. Every column the bundled study leaves
    blank is filled somewhere (dates, notes, colours, descriptions, coding notes, the time a
    relationship holds), every tenth quote has no coding, and it has a design and memos: so the
    whole-study entries prove nothing is lost on the way through Neo4j."""
    study = synthetic_study(340, quotes_per_interview=4.0, seed=3)
    q = study.quotes.assign(note=["" if k % 7 else f"note on quote {k}" for k in range(len(study.quotes))],
                            citation=[f"{i.split('_')[0]}/{i.split('_', 1)[1]}" if k % 9 == 0 else ""
                                      for k, i in enumerate(study.quotes["interview_id"])])
    uncoded = set(q["id"].iloc[::10])
    c = study.codings[~study.codings["quote_id"].isin(uncoded)].assign(coder="ann")
    c = c.assign(note=["" if k % 5 else f"why coded {k}" for k in range(len(c))])
    codings = pd.concat([c, c.iloc[::3].assign(coder="ben", note="")], ignore_index=True)
    iv = study.interviews.assign(date=[f"2019-{1 + k % 12:02d}-{1 + k % 28:02d}" if k % 3 else "" for k in range(len(study.interviews))],
                                 note=["" if k % 4 else f"interview note {k}" for k in range(len(study.interviews))])
    th = study.themes.assign(color=["#%06x" % (0x102030 * (k + 1)) for k in range(len(study.themes))],
                             description=[f"what theme {k} means" for k in range(len(study.themes))])
    r = study.relationships
    peers = r[r["type"] == "SERVED_BY"].iloc[::4].assign(type="PEER_OF")
    rel = pd.concat([r, peers], ignore_index=True)
    rel = rel.assign(start=["T2" if k % 3 == 1 else "" for k in range(len(rel))],
                     end=["T3_2" if k % 5 == 2 else "" for k in range(len(rel))],
                     note=["" if k % 6 else f"relationship note {k}" for k in range(len(rel))])
    return study.replace(name=unique_name("parity-generated"), quotes=q, codings=codings, interviews=iv, themes=th,
                         relationships=rel, relationship_types=(*study.relationship_types, "PEER_OF"),
                         design={"participants": {"psw": 40}, "interviews": {"psw": {"T1": 40, "T2": 38}}},
                         memos=({"name": "Sampling", "text": "Generated; ün, 中文"},))


def carers_study():
    """The patients, family carers and clinicians of tests/fixtures/carers (declared roles, spans, two coders)."""
    return load_study(CARERS).replace(name=unique_name("parity-carers"))


def generated_care_study():
    """A generated study of the new shape: patients (focal), carers and clinicians, spans, two coders, waves."""
    return synthetic_study(120, quotes_per_interview=3.0, seed=5, shape="patient-carer-clinician").replace(
        name=unique_name("parity-care"))


STUDIES = {"bundled": None, "generated": generated_study, "carers": carers_study, "generated-care": generated_care_study}


@pytest.fixture(scope="module", params=list(STUDIES))
def engines(request, bundled_study, neo4j_settings):  # noqa: F811
    """(embedded, neo4j) backends for one study, loaded once per module."""
    make = STUDIES[request.param]
    study = bundled_study if make is None else make()
    load_into_neo4j(study, progress=False, settings=neo4j_settings)
    with Neo4jBackend(study.name, neo4j_settings) as neo:
        yield EmbeddedBackend(study), neo
    if make is not None:
        remove_from_neo4j(study.name, neo4j_settings)


def test_generated_study_has_a_few_thousand_quotes_two_coders_and_a_declared_type():
    study = generated_study()
    assert 2000 <= len(study.quotes) <= 6000
    assert study.coders() == ["ann", "ben"]
    assert (study.relationships["type"] == "PEER_OF").sum() > 10


def test_generated_study_fills_every_column_and_has_uncoded_quotes():
    study = generated_study()
    for kind, table in study.tables().items():
        for column in table.columns:
            if column != "wave":
                assert (table[column] != "").any(), f"{kind}.{column} is blank everywhere"
    assert not set(study.quotes["id"]) <= set(study.codings["quote_id"])


@pytest.mark.parametrize("name, query", PARITY_QUERIES, ids=[n for n, _ in PARITY_QUERIES])
def test_both_engines_answer_identically(engines, name, query):
    embedded, neo = engines
    expected = query(embedded)
    assert_same(expected, query(neo), name)
