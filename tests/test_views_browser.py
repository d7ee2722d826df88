"""The HTML views in a real browser: Debian's chromium, headless, driven by Playwright.

Playwright only drives the browser the system has (``executable_path``); it
never downloads one. Each page is opened from a file:// URL in a fresh
context, with every console error, page error and request recorded.
"""

from __future__ import annotations

import time
from itertools import pairwise

import pytest
from conftest import need
from views_studies import END, SCRIPT, USER, hostile_study

from graphstudy.synth import synthetic_study
from graphstudy.views import (
    dyad_graph,
    psw_graph,
    study_graph,
    themes_graph,
    write_dyad_view,
    write_psw_view,
    write_study_view,
    write_themes_view,
)

pytestmark = pytest.mark.browser

FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser(chromium):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        need(False, "playwright is not installed: pip install -e '.[test]' (it drives Debian's chromium; "
                    "no 'playwright install' needed)")
    with sync_playwright() as p:
        # launch() gives the browser a fresh, temporary --user-data-dir of its own
        b = p.chromium.launch(executable_path=chromium, headless=True, args=FLAGS)
        yield b
        b.close()


class Opened:
    """A view opened in the browser, with what it logged and requested."""

    def __init__(self, browser, path):
        self.context = browser.new_context(viewport={"width": 1400, "height": 900})
        self.page = self.context.new_page()
        self.errors, self.requests = [], []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.context.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(path.resolve().as_uri())
        deadline = time.monotonic() + 60
        # Polled with evaluate(): the page's Content-Security-Policy forbids wait_for_function's eval.
        while not self.page.evaluate("!!(window.graphstudyView && window.graphstudyView.ready)"):
            assert time.monotonic() < deadline, f"{path.name} did not draw within 60 s; errors: {self.errors}"
            self.page.wait_for_timeout(50)

    def js(self, expression, arg=None):
        return self.page.evaluate(expression, arg)

    def visible_links(self):
        return {tuple(e) for e in self.js(
            "graphstudyView.network.body.data.edges.get({filter: e => !e.hidden}).map(e => [e.from, e.to])")}

    def hover(self, node_id):
        x, y = self.js("""id => {
            const v = graphstudyView.network, p = v.canvasToDOM(v.getPosition(id));
            const r = document.getElementById('gs-graph').getBoundingClientRect();
            return [r.left + p.x, r.top + p.y]; }""", node_id)
        self.page.mouse.move(x + 40, y + 40)
        self.page.mouse.move(x, y, steps=4)
        for _ in range(40):  # the tooltip shows after the page's 120 ms delay
            self.page.wait_for_timeout(50)
            tip = self.js("""() => { const t = document.querySelector('div.vis-tooltip');
                return t && t.style.visibility !== 'hidden' ? t.textContent : null; }""")
            if tip is not None:
                return tip
        return None

    def close(self):
        self.context.close()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The study with injection payloads (tests/views_studies.py)."""
    return hostile_study(tmp_path_factory.mktemp("hostile"))


@pytest.fixture
def open_view(browser):
    opened = []

    def _open(path):
        opened.append(Opened(browser, path))
        return opened[-1]

    yield _open
    for o in opened:
        o.close()


VIEWS = {
    "study": (write_study_view, study_graph, ()),
    "psw": (write_psw_view, psw_graph, ("Sue",)),
    "dyad": (write_dyad_view, dyad_graph, ("Sue", "User15")),
    "themes": (write_themes_view, themes_graph, ()),
}


@pytest.mark.parametrize("kind", list(VIEWS))
def test_view_draws_without_console_errors(bundled_study, tmp_path, open_view, kind):
    write, _, args = VIEWS[kind]
    view = open_view(write(bundled_study, *args, tmp_path / f"{kind}.html"))
    assert view.errors == []


@pytest.mark.parametrize("kind", list(VIEWS))
def test_page_holds_as_many_nodes_and_edges_as_the_graph(bundled_study, tmp_path, open_view, kind):
    write, build, args = VIEWS[kind]
    g = build(bundled_study, *args)
    view = open_view(write(bundled_study, *args, tmp_path / f"{kind}.html"))
    drawn = view.js("[graphstudyView.network.body.data.nodes.length, graphstudyView.network.body.data.edges.length]")
    assert drawn == [g.number_of_nodes(), g.number_of_edges()]


def _expected_links(g, occasion):
    return {(s, t) for s, t, d in g.edges(data=True) if d["kind"] != "theme_link" or occasion in d["timeline"]}


def test_occasion_buttons_step_through_sues_links(bundled_study, tmp_path, open_view):
    g = psw_graph(bundled_study, "Sue")
    view = open_view(write_psw_view(bundled_study, "Sue", tmp_path / "sue.html"))
    assert view.visible_links() == {(s, t) for s, t in g.edges()}
    seen = []
    for occasion in g.graph["occasions"]:
        view.page.click("#gs-next")
        assert view.page.text_content("#gs-occasion") == f"Occasion {occasion}"
        assert view.visible_links() == _expected_links(g, occasion)
        seen.append(view.js("""graphstudyView.network.body.data.edges.get({filter: e => !e.hidden})
                               .map(e => [e.from, e.to, e.color.color, !!e.dashes].join(' ')).sort()"""))
    assert all(a != b for a, b in pairwise(seen))  # T3_1 -> T3_2: the same links, appearing then persisting


def test_a_link_that_disappears_is_drawn_dashed_and_counted(bundled_study, tmp_path, open_view):
    view = open_view(write_psw_view(bundled_study, "Sue", tmp_path / "sue.html"))
    view.page.locator("#gs-step").fill("3")  # All, T1, T2_1, T2_2
    assert view.page.text_content("#gs-summary").startswith("1 appear, 0 persist, 1 disappear")
    dashes = view.js("""graphstudyView.network.body.data.edges.get({
        filter: e => e.from === 'p:Co-worker06' && e.to === 't:uncertainty'})[0].dashes""")
    assert dashes is True


def test_people_not_interviewed_at_an_occasion_are_faded(bundled_study, tmp_path, open_view):
    view = open_view(write_psw_view(bundled_study, "Sue", tmp_path / "sue.html"))
    view.js("graphstudyView.setStep(1)")  # T1: only Sue was interviewed
    people = view.js("""graphstudyView.network.body.data.nodes.get({filter: n => n.id.startsWith('p:')})
                        .filter(n => n.opacity === 1).map(n => n.id)""")
    assert people == ["p:Sue"]


def test_no_request_leaves_the_page(bundled_study, tmp_path, open_view):
    view = open_view(write_psw_view(bundled_study, "Sue", tmp_path / "sue.html"))
    for i in range(6):
        view.js(f"graphstudyView.setStep({i})")
    view.hover("p:User15")
    view.page.wait_for_timeout(300)
    assert view.requests and all(u.startswith(("file://", "data:")) for u in view.requests), view.requests


def test_tooltip_shows_quote_text(bundled_study, tmp_path, open_view):
    view = open_view(write_psw_view(bundled_study, "Sue", tmp_path / "sue.html"))
    tip = view.hover("p:User15")
    assert tip is not None and tip.startswith("User15") and "SERVED_BY" not in tip
    assert "role: service_user" in tip


HOSTILE_NODE = {"study": "p:" + USER, "psw": "p:" + USER, "dyad": "p:" + USER, "themes": "t:perceptions"}


@pytest.mark.parametrize("kind", list(VIEWS))
def test_injection_payloads_do_not_run_and_show_as_text(hostile, tmp_path, open_view, kind):
    study = hostile
    write, _, args = VIEWS[kind]
    args = tuple(USER if a == "User15" else a for a in args)
    view = open_view(write(study, *args, tmp_path / f"{kind}.html"))
    for i in range(len(view.js("graphstudyView.steps"))):
        view.js(f"graphstudyView.setStep({i})")
    tips = {n: view.hover(n) for n in view.js("graphstudyView.network.body.data.nodes.getIds()")}
    assert view.js("typeof window.__pwned") == "undefined"
    assert view.js("document.querySelectorAll('img, svg, iframe, body script').length") == 2  # data + page script
    assert view.page.title().endswith(study.name) and view.page.text_content("h1").endswith(study.name)
    shown = view.js("id => graphstudyView.network.body.data.nodes.get(id).label", HOSTILE_NODE[kind])
    name = USER if kind != "themes" else END + " Perceptions"
    assert tips[HOSTILE_NODE[kind]].startswith(name) and name.startswith(shown.rstrip("\u2026"))
    assert view.errors == []


def test_hostile_quote_shows_as_text_in_its_tooltip(hostile, tmp_path, open_view):
    study = hostile
    view = open_view(write_dyad_view(study, "Sue", USER, tmp_path / "dyad.html"))
    tip = view.js("""graphstudyView.network.body.data.edges.get({filter: e => e.to === 't:perceptions'})[0]
                     .title.textContent""")
    assert f"q004: \u201c{SCRIPT} {END}" in tip
    assert view.js("typeof window.__pwned") == "undefined"


def test_large_study_view_draws_with_physics_off(tmp_path, open_view):
    study = synthetic_study(340, seed=1)
    g = study_graph(study)
    view = open_view(write_study_view(study, tmp_path / "large.html"))
    drawn = view.js("[graphstudyView.network.body.data.nodes.length, graphstudyView.network.body.data.edges.length]")
    assert drawn == [g.number_of_nodes(), g.number_of_edges()]
    assert view.js("graphstudyView.network.physics.physicsEnabled") is False
    assert view.errors == []
