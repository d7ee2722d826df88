"""Driving the HTML views in a real browser: Debian's chromium, headless, through Playwright.

Playwright only drives the browser the system has (``executable_path``); it
never downloads one. Each page is opened from a file:// URL in a fresh
context, with every console error, page error and request recorded.
"""

from __future__ import annotations

import time

import pytest
from conftest import need

FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


def launch(chromium):
    """A generator fixture body: the browser for a test module."""
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

    def __init__(self, browser, path, downloads=False):
        self.context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=downloads)
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

    def counts(self):
        return self.js("graphstudyView.counts()")

    def drawn_nodes(self):
        return {n["id"]: n for n in self.js("graphstudyView.drawn().nodes")}

    def drawn_links(self):
        return {(e["from"], e["to"]) for e in self.js("graphstudyView.drawn().edges")}

    def opacity(self):
        return {i: n.get("opacity", 1) for i, n in self.drawn_nodes().items()}

    def point(self, node_id):
        """Where a node is on the screen, in page pixels."""
        return self.js("""id => {
            const v = graphstudyView.network, p = v.canvasToDOM(v.getPosition(id));
            const r = document.getElementById('gs-graph').getBoundingClientRect();
            return [r.left + p.x, r.top + p.y]; }""", node_id)

    def click_node(self, node_id):
        x, y = self.point(node_id)
        self.page.mouse.click(x, y)
        self.page.wait_for_timeout(100)

    def hover(self, node_id):
        x, y = self.point(node_id)
        self.page.mouse.move(x + 40, y + 40)
        self.page.mouse.move(x, y, steps=4)
        for _ in range(40):
            self.page.wait_for_timeout(50)
            if self.js("!document.getElementById('gs-tip').hidden"):
                return self.page.text_content("#gs-tip")
        return None

    def close(self):
        self.context.close()


def opener(browser):
    """A generator fixture body: ``open(path, downloads=False)``, every page closed after the test."""
    opened = []

    def _open(path, downloads=False):
        opened.append(Opened(browser, path, downloads))
        return opened[-1]

    yield _open
    for o in opened:
        o.close()


pytestmark = pytest.mark.browser
