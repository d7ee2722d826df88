"""Benchmark of the HTML views (issue 4, section 4): size and time to first render.

For the bundled study and generated studies whose study view has 1,000 and
10,000 nodes (``graphstudy synth``), in one run:

- nodes, edges, file size, time to build the graph (for a generated study this
  includes building the embedded engine's graph on first use) and write the page;
- time to first render in headless Debian chromium: from navigation start to
  vis-network's first ``afterDrawing`` (median of ``--repeat`` fresh pages), and
  as a ratio to the bundled study view's, measured in the same run;
- baselines measured in the same run, reported as ratios:
  the same 1k page drawn with physics on (what pyvis does by default; capped
  at ``--cap`` seconds), and building the same 1k and 10k graphs with pyvis's own
  ``Network.add_node``/``add_edge`` + ``generate_html`` (its ``add_edge``
  scans a list of every node, so it grows quadratically);
- Sue's PSW view, and one PSW's view in the 10k study (cost of a PSW view
  must not grow with the study).

Usage::

    python bench/views.py                  # bundled, 1k and 10k nodes
    python bench/views.py --sizes 1000     # only the 1k study

Prints one JSON object per case and writes them all to bench/results/views.json.
Needs Debian's chromium and the ``playwright`` package (no downloaded browser).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from graphstudy import load_study
from graphstudy.synth import synthetic_study
from graphstudy.views import page as page_module
from graphstudy.views.graph_views import psw_graph, study_graph
from graphstudy.views.page import write_page

FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
THEMES = 11  # the generated studies have the bundled study's 11 themes


def participants_for(nodes: int) -> int:
    """The ``synth --participants`` value whose study view has about ``nodes`` nodes (390 people per 340)."""
    return round((nodes - THEMES) * 340 / 390)


def first_render_ms(browser, path: Path, cap_s: float) -> float | None:
    """Navigation start to the first vis-network drawing, in ms (None when over ``cap_s``)."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    try:
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(path.resolve().as_uri(), timeout=cap_s * 1000)
        deadline = time.monotonic() + cap_s
        while not page.evaluate("!!(window.graphstudyView && window.graphstudyView.ready)"):
            if errors:
                raise RuntimeError(f"{path.name}: {errors}")
            if time.monotonic() > deadline:
                return None
            page.wait_for_timeout(20)
        return round(page.evaluate("graphstudyView.firstDrawMs"), 1)
    finally:
        context.close()


def pyvis_build_s(g) -> float:
    """Seconds for pyvis's own API to take the same nodes and edges and make its HTML."""
    from pyvis.network import Network

    t0 = time.perf_counter()
    net = Network(directed=True, cdn_resources="in_line")
    for n, d in g.nodes(data=True):
        net.add_node(n, label=d.get("label", n))
    for s, t, d in g.edges(data=True):
        net.add_edge(s, t, title=d.get("label", ""))
    net.generate_html()
    return round(time.perf_counter() - t0, 2)


def measure(name, build, browser, out: Path, repeat: int, cap_s: float, baselines: bool) -> dict:
    t0 = time.perf_counter()
    g = build()
    t1 = time.perf_counter()
    path = write_page(g, out / f"{name}.html")
    t2 = time.perf_counter()
    renders = [first_render_ms(browser, path, cap_s) for _ in range(repeat)]
    row = {"case": name, "nodes": g.number_of_nodes(), "edges": g.number_of_edges(),
           "file_mb": round(path.stat().st_size / 1e6, 2), "build_graph_s": round(t1 - t0, 2),
           "write_page_s": round(t2 - t1, 2), "physics": not page_module.needs_layout(g),
           "first_render_ms": statistics.median(r for r in renders if r is not None) if all(renders) else None}
    if baselines and row["nodes"] <= 1000:  # at 10k, physics on would only say "> cap"
        original = page_module.needs_layout
        page_module.needs_layout = lambda _g: False  # draw the same graph the way pyvis would: physics on
        try:
            slow = write_page(g, out / f"{name}-physics.html")
        finally:
            page_module.needs_layout = original
        ms = first_render_ms(browser, slow, cap_s)
        row["physics_on_first_render_ms"] = ms if ms is not None else f"> {cap_s * 1000:.0f}"
        row["physics_on_over_ours"] = round(ms / row["first_render_ms"], 1) if ms and row["first_render_ms"] else None
    if baselines:
        row["pyvis_build_s"] = pyvis_build_s(g)
        ours = row["write_page_s"]  # building the graph from the study is the same for both
        row["pyvis_build_over_our_write"] = round(row["pyvis_build_s"] / ours, 1) if ours else None
    return row


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000], help="study-view node counts to generate")
    ap.add_argument("--repeat", type=int, default=3, help="fresh page loads per view (median reported)")
    ap.add_argument("--cap", type=float, default=180.0, help="seconds to wait for a first render")
    ap.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    args = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright

    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        out = Path(tmp)
        browser = p.chromium.launch(executable_path=args.chromium, headless=True, args=FLAGS)
        bundled = load_study()
        cases = [("bundled-study", lambda: study_graph(bundled), False),
                 ("bundled-psw-Sue", lambda: psw_graph(bundled, "Sue"), False)]
        for size in args.sizes:
            study = synthetic_study(participants_for(size), seed=0)
            psw = study.participants.loc[study.participants["role"] == "psw", "id"].iloc[0]
            cases.append((f"synth-{size}-study", lambda s=study: study_graph(s), True))
            cases.append((f"synth-{size}-psw-{psw}", lambda s=study, w=psw: psw_graph(s, w), False))
        for name, build, baselines in cases:
            row = measure(name, build, browser, out, args.repeat, args.cap, baselines)
            base = rows[0]["first_render_ms"] if rows else row["first_render_ms"]
            row["first_render_over_bundled"] = round(row["first_render_ms"] / base, 1) if row["first_render_ms"] else None
            print(json.dumps(row), flush=True)
            rows.append(row)
        browser.close()
    dest = Path(__file__).resolve().parent / "results" / "views.json"
    dest.parent.mkdir(exist_ok=True)
    dest.write_text(json.dumps({"chromium": args.chromium, "repeat": args.repeat, "results": rows}, indent=1) + "\n")
    print(f"wrote {dest}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
