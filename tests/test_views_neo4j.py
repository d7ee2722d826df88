"""The views on Neo4j: every view graph is the same whichever engine answers the look-ups."""

from __future__ import annotations

import pytest
from neo4j_fixtures import neo4j_settings, renamed, unique_name  # noqa: F401
from views_studies import CARERS

from graphstudy import load_study
from graphstudy.engines.embedded import EmbeddedBackend
from graphstudy.engines.neo4j.backend import Neo4jBackend
from graphstudy.engines.neo4j.load import load_into_neo4j, remove_from_neo4j
from graphstudy.views import dyad_graph, focal_graph, psw_graph, study_graph, themes_graph
from graphstudy.views.page import render_page

pytestmark = pytest.mark.neo4j

BUILDS = {
    "study": study_graph,
    "study-theme-level": lambda b: study_graph(b, level="theme"),
    "psw": lambda b: psw_graph(b, "Sue"),
    "dyad": lambda b: dyad_graph(b, "Yvonne", "Co-worker05"),
    "themes": themes_graph,
    "themes-T2": lambda b: themes_graph(b, timepoint="T2"),
}


def _both_engines(study, settings):
    """(embedded, neo4j) for ``study`` loaded under a name of its own, removed afterwards."""
    load_into_neo4j(study, progress=False, settings=settings)
    neo = Neo4jBackend(study.name, settings)
    yield EmbeddedBackend(study), neo
    neo.close()
    remove_from_neo4j(study.name, settings)


def _assert_same_graph(embedded, neo):
    assert embedded.graph == neo.graph
    assert list(embedded.nodes(data=True)) == list(neo.nodes(data=True))
    assert list(embedded.edges(keys=True, data=True)) == list(neo.edges(keys=True, data=True))


@pytest.fixture(scope="module")
def engines(bundled_study, neo4j_settings):  # noqa: F811
    yield from _both_engines(renamed(bundled_study, unique_name("views")), neo4j_settings)


@pytest.mark.parametrize("view", list(BUILDS))
def test_view_graph_is_the_same_on_neo4j(engines, view):
    _assert_same_graph(*(BUILDS[view](b) for b in engines))


def test_psw_page_is_byte_for_byte_the_same_on_neo4j(engines):
    embedded, neo = (render_page(psw_graph(b, "Sue")) for b in engines)
    assert embedded == neo


CARER_BUILDS = {
    "study": study_graph,
    "study-communities": lambda b: study_graph(b, group_by="community"),
    "focal": lambda b: focal_graph(b, "P1"),
    "dyad": lambda b: dyad_graph(b, "P1", "K1"),
    "themes": themes_graph,
}


@pytest.fixture(scope="module")
def carer_engines(neo4j_settings):  # noqa: F811
    yield from _both_engines(renamed(load_study(CARERS), unique_name("views-carers")), neo4j_settings)


@pytest.mark.parametrize("view", list(CARER_BUILDS))
def test_views_of_a_study_not_like_the_bundled_one_are_the_same_on_neo4j(carer_engines, view):
    """Declared roles and labels, theme colours, two coders, relationship spans: all through the seam."""
    _assert_same_graph(*(CARER_BUILDS[view](b) for b in carer_engines))


def test_the_dyad_page_is_byte_for_byte_the_same_on_neo4j(carer_engines):
    embedded, neo = (render_page(dyad_graph(b, "P1", "K1")) for b in carer_engines)
    assert embedded == neo
