"""The HTML views in a real browser (tests/views_browser.py): drawing, stepping through time, staying safe.

The controls (search, filters, focus, the panel, groups, export) are in
tests/test_views_browser_controls.py.
"""

from __future__ import annotations

import pytest
from views_studies import CARERS, END, SCRIPT, USER, hostile_study

from graphstudy import load_study
from graphstudy.synth import synthetic_study
from graphstudy.views import (
    dyad_graph,
    focal_graph,
    study_graph,
    themes_graph,
    write_dyad_view,
    write_focal_view,
    write_study_view,
    write_themes_view,
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The study with injection payloads (tests/views_studies.py)."""
    return hostile_study(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="module")
def carers():
    return load_study(CARERS)


VIEWS = {
    "study": (write_study_view, study_graph, ()),
    "focal": (write_focal_view, focal_graph, ("Sue",)),
    "dyad": (write_dyad_view, dyad_graph, ("Sue", "User15")),
    "themes": (write_themes_view, themes_graph, ()),
}
CARER_VIEWS = {"study": (), "focal": ("P1",), "dyad": ("P1", "K1"), "themes": ()}


@pytest.mark.parametrize("kind", list(VIEWS))
def test_view_draws_every_node_and_link_without_console_errors(bundled_study, tmp_path, open_view, kind):
    write, build, args = VIEWS[kind]
    g = build(bundled_study, *args)
    view = open_view(write(bundled_study, *args, tmp_path / f"{kind}.html"))
    assert view.errors == []
    assert view.js("[graphstudyView.drawn().nodes.length, graphstudyView.drawn().edges.length]") == [
        g.number_of_nodes(), g.number_of_edges()]


@pytest.mark.parametrize("kind", list(CARER_VIEWS))
def test_views_of_the_carers_study_draw_with_its_labels(carers, tmp_path, open_view, kind):
    write, _, _ = VIEWS[kind]
    args = CARER_VIEWS[kind]
    view = open_view(write(carers, *args, tmp_path / f"{kind}.html"))
    assert view.errors == []
    legend = view.page.text_content("#gs-legend")
    assert "Burden of care" in legend
    if kind != "themes":
        assert "Family carer" in legend and "Patient (focal)" in legend
    if kind in ("study", "focal", "dyad"):
        view.js("graphstudyView.setStep(2)")
        assert view.page.text_content("#gs-occasion") == "3 months, wave 1"


def _expected_links(g, occasion):
    return {(s, t) for s, t, d in g.edges(data=True) if d["kind"] != "theme_link" or occasion in d["timeline"]}


def test_occasion_buttons_step_through_sues_links(bundled_study, tmp_path, open_view):
    g = focal_graph(bundled_study, "Sue")
    view = open_view(write_focal_view(bundled_study, "Sue", tmp_path / "sue.html"))
    assert view.drawn_links() == {(s, t) for s, t in g.edges()}
    labels = [g.graph["occasion_info"][o]["label"] for o in g.graph["occasions"]]
    for occasion, label in zip(g.graph["occasions"], labels):
        view.page.click("#gs-next")
        assert view.page.text_content("#gs-occasion") == label
        assert view.drawn_links() == _expected_links(g, occasion)


def test_the_page_reads_each_step_as_the_library_does(bundled_study, tmp_path, open_view):
    """At every occasion, each drawn link's count and change are the timeline's (queries.link_steps)."""
    g = focal_graph(bundled_study, "Sue")
    view = open_view(write_focal_view(bundled_study, "Sue", tmp_path / "sue.html"))
    checked = 0
    for i, occasion in enumerate(g.graph["occasions"], start=1):
        view.js(f"graphstudyView.setStep({i})")
        drawn = {(e["from"], e["to"]): e for e in view.js("graphstudyView.drawn().edges")}
        for s, t, d in g.edges(data=True):
            if d["kind"] == "theme_link" and occasion in d["timeline"]:
                step = d["timeline"][occasion]
                summary = view.js("id => graphstudyView.summary(id, true)", drawn[(s, t)]["id"])
                assert f"{step['count']} quote" in summary and step["change"] in summary, (occasion, s, t, summary)
                checked += 1
    assert checked >= 10  # Sue and her four people: twelve (person, theme, occasion) steps


def test_a_link_that_disappears_is_drawn_dashed_and_counted(bundled_study, tmp_path, open_view):
    view = open_view(write_focal_view(bundled_study, "Sue", tmp_path / "sue.html"))
    view.page.locator("#gs-step").fill("3")  # All, T1, T2_1, T2_2
    assert view.page.text_content("#gs-summary").startswith("1 appear, 0 persist, 1 disappear")
    link = next(e for e in view.js("graphstudyView.drawn().edges") if e["from"] == "p:Co-worker06" and e["to"] == "t:uncertainty")
    assert link["dashes"] is True


def test_people_not_interviewed_at_an_occasion_are_faded(bundled_study, tmp_path, open_view):
    view = open_view(write_focal_view(bundled_study, "Sue", tmp_path / "sue.html"))
    view.js("graphstudyView.setStep(1)")  # T1: only Sue was interviewed
    people = sorted(i for i, o in view.opacity().items() if i.startswith("p:") and o == 1)
    assert people == ["p:Sue"]


def test_the_study_view_has_a_time_slider_too(bundled_study, tmp_path, open_view):
    view = open_view(write_study_view(bundled_study, tmp_path / "study.html"))
    assert view.js("document.getElementById('gs-controls').hidden") is False
    interviewed = set(bundled_study.interviews.loc[bundled_study.interviews["timepoint"] == "T1", "participant_id"])
    view.js("graphstudyView.setStep(1)")
    assert view.page.text_content("#gs-occasion") == "Training"
    shown = {i[2:] for i, o in view.opacity().items() if i.startswith("p:") and o == 1}
    assert shown == interviewed
    coded = bundled_study.codings.merge(bundled_study.quotes, left_on="quote_id", right_on="id")
    at_t1 = coded[coded["interview_id"].str.endswith("_T1")]
    assert view.counts()["links"] == len(bundled_study.relationships) + at_t1.groupby(["interview_id", "theme_id"]).ngroups


def test_dyad_view_borders_each_theme_by_the_state_of_the_accounts(carers, tmp_path, open_view):
    g = dyad_graph(carers, "P1", "K1")
    view = open_view(write_dyad_view(carers, "P1", "K1", tmp_path / "dyad.html"))
    view.js("graphstudyView.setStep(1)")  # Baseline: practical, both voiced with differing stances
    assert g.nodes["t:practical"]["dyad"]["B"]["state"] == "contrast"
    node = view.drawn_nodes()["t:practical"]
    assert node["borderWidth"] == 4 and node["color"]["border"] == "#d73027"
    view.js("graphstudyView.select('t:practical', false)")
    panel = view.js("graphstudyView.panelText()")
    assert "converge" in panel and "both, differ" in panel and "only K1" in panel


def test_no_request_leaves_the_page(bundled_study, tmp_path, open_view):
    view = open_view(write_focal_view(bundled_study, "Sue", tmp_path / "sue.html"))
    for i in range(6):
        view.js(f"graphstudyView.setStep({i})")
    view.hover("p:User15")
    view.page.fill("#gs-search", "hope")
    view.js("graphstudyView.select('p:User15', false)")
    view.page.wait_for_timeout(300)
    assert view.requests and all(u.startswith(("file://", "data:")) for u in view.requests), view.requests


def test_hover_shows_the_persons_details_by_the_studys_words(bundled_study, tmp_path, open_view):
    view = open_view(write_focal_view(bundled_study, "Sue", tmp_path / "sue.html"))
    tip = view.hover("p:User15")
    assert tip is not None and tip.startswith("User15") and "role: Service user" in tip
    assert "interviewed: Employment, wave 1, Employment, wave 2" in tip


HOSTILE_NODE = {"study": "p:" + USER, "focal": "p:" + USER, "dyad": "p:" + USER, "themes": "t:perceptions"}


@pytest.mark.parametrize("kind", list(VIEWS))
def test_injection_payloads_do_not_run_and_show_as_text(hostile, tmp_path, open_view, kind):
    write, _, args = VIEWS[kind]
    args = tuple(USER if a == "User15" else a for a in args)
    view = open_view(write(hostile, *args, tmp_path / f"{kind}.html"))
    for i in range(len(view.js("graphstudyView.steps"))):
        view.js(f"graphstudyView.setStep({i})")
    view.js("graphstudyView.setStep(0)")
    ids = list(view.drawn_nodes())
    for n in ids:
        view.js("id => graphstudyView.select(id, false)", n)
    for e in view.js("graphstudyView.drawn().edges.map(e => e.id)"):
        view.js("id => graphstudyView.select(id, true)", e)
    view.js("graphstudyView.search('script')")
    view.js("graphstudyView.svg()")
    tip = view.hover(HOSTILE_NODE[kind])
    assert view.js("typeof window.__pwned") == "undefined"
    assert view.js("document.querySelectorAll('img, svg, iframe, body script').length") == 2  # data + page script
    assert view.page.title().endswith(hostile.name) and view.page.text_content("h1").endswith(hostile.name)
    name = USER if kind != "themes" else END + " Perceptions"
    assert tip is not None and tip.startswith(name)
    assert view.errors == []


def test_hostile_quote_shows_as_text_in_the_panel(hostile, tmp_path, open_view):
    view = open_view(write_dyad_view(hostile, "Sue", USER, tmp_path / "dyad.html"))
    link = next(e["id"] for e in view.js("graphstudyView.drawn().edges") if e["to"] == "t:perceptions")
    view.js("id => graphstudyView.select(id, true)", link)
    assert f"\u201c{SCRIPT} {END}" in view.js("graphstudyView.panelText()")
    assert view.js("document.querySelectorAll('#gs-panel script, #gs-panel img, #gs-panel svg').length") == 0
    assert view.js("typeof window.__pwned") == "undefined"


def test_large_study_view_draws_with_physics_off(tmp_path, open_view):
    study = synthetic_study(340, seed=1)
    g = study_graph(study)
    view = open_view(write_study_view(study, tmp_path / "large.html"))
    assert view.js("[graphstudyView.drawn().nodes.length, graphstudyView.drawn().edges.length]") == [
        g.number_of_nodes(), g.number_of_edges()]
    assert view.js("graphstudyView.network.physics.physicsEnabled") is False
    assert view.errors == []
