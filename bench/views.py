"""Benchmark of the HTML views (issues 4 and 13): size, first render, and using a large study.

For the bundled study, a focal person's view, and generated studies (``graphstudy synth``) whose
study view has 1,000 and 10,000 nodes, plus a study of 2,000 people, in one run:

- nodes, edges, file size, time to build the graph (for a generated study this includes building
  the embedded engine's graph on first use) and to write the page;
- time to first render in headless Debian chromium: from navigation start to vis-network's first
  ``afterDrawing`` (median of ``--repeat`` fresh pages), and the page's own split of it (parse the
  data, index it, compute what is shown, draw);
- for a generated study view, the page as it opens (grouped above ``GROUP_LIMIT`` nodes) and, as
  the baseline in the same run, the same page with everyone drawn (what the view drew before
  issue 13: every node and link, physics off): ``grouped_over_everyone`` is their ratio;
- using it (the 2,000-person and 10,000-node studies): search for a person (typing to the list
  of matches), focus on them (click to drawn), open the largest group, untick a role, step the
  time slider, each timed in the page to the next drawing;
- baselines kept from issue 4 at 1,000 nodes: the page drawn with physics on (what pyvis does by
  default; capped at ``--cap`` seconds), and pyvis's own ``add_node``/``add_edge`` +
  ``generate_html`` on the same graph.

Goals (issue 13): a 10,000-node study's first render at most 2 s; a 2,000-person study usable
(open, search, focus) without waiting: each under a second.

Usage::

    python bench/views.py                       # bundled, 1k, 10k nodes and 2,000 people
    python bench/views.py --sizes 1000 --people  # only the 1k study

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
from graphstudy.views.data import page_data
from graphstudy.views.graph_views import focal_graph, study_graph
from graphstudy.views.page import write_page

FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
THEMES = 11  # the generated studies have the bundled study's 11 themes

# One interaction, timed in the page: the call, then the next drawing (or 5 s, whichever first).
_TIMED = """async ([what, arg]) => {
  const v = graphstudyView;
  const drawn = () => new Promise(r => { v.network.once("afterDrawing", r); setTimeout(r, 5000); v.network.redraw(); });
  const t0 = performance.now();
  let out = null;
  if (what === "search") { out = v.search(arg); out = out.people.length + out.themes.length + out.quotes.length; }
  else if (what === "focus") { out = v.focus(arg); }
  else if (what === "expand") { v.expand(arg); }
  else if (what === "role") { v.setFilter("role", [arg, false]); }
  else if (what === "step") { v.setStep(arg); }
  const computed = performance.now() - t0;
  await drawn();
  return {ms: Math.round(performance.now() - t0), compute_ms: Math.round(computed), result: out,
          drawn_nodes: v.drawn().nodes.length};
}"""


def participants_for(nodes: int) -> int:
    """The ``synth --participants`` value whose study view has about ``nodes`` nodes (390 people per 340)."""
    return round((nodes - THEMES) * 340 / 390)


def open_page(browser, path: Path, cap_s: float):
    """A fresh page with ``path`` drawn, and the ms from navigation start to the first drawing (None past ``cap_s``)."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.resolve().as_uri(), timeout=cap_s * 1000)
    deadline = time.monotonic() + cap_s
    while not page.evaluate("!!(window.graphstudyView && window.graphstudyView.ready)"):
        if errors:
            raise RuntimeError(f"{path.name}: {errors}")
        if time.monotonic() > deadline:
            return context, page, None
        page.wait_for_timeout(20)
    return context, page, round(page.evaluate("graphstudyView.firstDrawMs"), 1)


def first_render_ms(browser, path: Path, cap_s: float, repeat: int) -> tuple[float | None, dict]:
    """Median first render over ``repeat`` fresh pages, and the page's split of the last one."""
    times, split = [], {}
    for _ in range(repeat):
        context, page, ms = open_page(browser, path, cap_s)
        if ms is not None:
            split = {k: round(v) for k, v in page.evaluate("graphstudyView.timings").items()}
        context.close()
        times.append(ms)
    return (statistics.median(times) if all(t is not None for t in times) else None), split


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


def use(browser, path: Path, g, cap_s: float) -> dict:
    """Search, focus, open the largest group, untick a role, step the slider: each timed to the next drawing."""
    people = sorted(n[2:] for n, d in g.nodes(data=True) if d["kind"] == "participant" and not d.get("focal_role"))
    who = people[len(people) // 2]
    groups = g.graph["groups"]["list"]
    largest = max(groups, key=lambda x: x["members"])
    role = g.nodes[f"p:{who}"]["role"]
    context, page, _ = open_page(browser, path, cap_s)
    try:
        out = {}
        for name, what, arg in (("search", "search", who), ("focus", "focus", f"p:{who}"), ("untick_role", "role", role),
                                ("step_slider", "step", 2), ("open_largest_group", "expand", largest["id"])):
            r = page.evaluate(_TIMED, [what, arg])
            out[f"{name}_ms"] = r["ms"]
            out[f"{name}_compute_ms"] = r["compute_ms"]
            if name == "open_largest_group":
                out["largest_group"] = f"{largest['label']} ({largest['members']:,} people)"
                out["drawn_after_opening"] = r["drawn_nodes"]
            if name == "search":
                out["search_matches"] = r["result"]
        return out
    finally:
        context.close()


def measure(name, build, browser, out: Path, args, baselines: bool, interact: bool) -> dict:
    t0 = time.perf_counter()
    g = build()
    t1 = time.perf_counter()
    path = write_page(g, out / f"{name}.html")
    t2 = time.perf_counter()
    data = page_data(g)
    grouped = bool(data.get("groups", {}).get("open"))
    ms, split = first_render_ms(browser, path, args.cap, args.repeat)
    row = {"case": name, "nodes": g.number_of_nodes(), "edges": g.number_of_edges(),
           "file_mb": round(path.stat().st_size / 1e6, 2), "build_graph_s": round(t1 - t0, 2),
           "write_page_s": round(t2 - t1, 2), "physics": not data["large"] and not grouped, "opens_grouped": grouped,
           "first_render_ms": ms, "render_split_ms": split}
    if g.graph.get("groups") and g.number_of_nodes() > 300:
        everyone = write_page(g, out / f"{name}-everyone.html", grouped=False)
        all_ms, all_split = first_render_ms(browser, everyone, args.cap, args.repeat)
        row["everyone_drawn_first_render_ms"] = all_ms
        row["everyone_drawn_split_ms"] = all_split
        row["grouped_over_everyone"] = round(ms / all_ms, 2) if ms and all_ms else None
    if interact:
        row.update(use(browser, path, g, args.cap))
    if baselines and row["nodes"] <= 1000:  # at 10k, physics on would only say "> cap"
        original = page_module.page_data

        def physics_on(g_, **kw):
            d = original(g_, **{**kw, "grouped": False})
            d["large"] = False  # draw the same graph the way pyvis would: physics on, vis's own layout
            for n in d["nodes"]:
                n.pop("x", None), n.pop("y", None)
            return d

        page_module.page_data = physics_on
        try:
            slow = write_page(g, out / f"{name}-physics.html")
        finally:
            page_module.page_data = original
        slow_ms, _ = first_render_ms(browser, slow, args.cap, 1)
        row["physics_on_first_render_ms"] = slow_ms if slow_ms is not None else f"> {args.cap * 1000:.0f}"
        row["physics_on_over_ours"] = round(slow_ms / ms, 1) if slow_ms and ms else None
        row["pyvis_build_s"] = pyvis_build_s(g)
        ours = row["write_page_s"]  # building the graph from the study is the same for both
        row["pyvis_build_over_our_write"] = round(row["pyvis_build_s"] / ours, 1) if ours else None
    return row


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000], help="study-view node counts to generate")
    ap.add_argument("--people", type=int, nargs="*", default=[2000],
                    help="generated studies of about this many people (family members included)")
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
        cases = [("bundled-study", lambda: study_graph(bundled), False, False),
                 ("bundled-focal-Sue", lambda: focal_graph(bundled, "Sue"), False, False)]
        studies = [(f"synth-{size}", participants_for(size), size >= 10000) for size in args.sizes]
        studies += [(f"synth-{n}-people", round(n * 340 / 390), True) for n in args.people]
        for name, people, interact in studies:
            study = synthetic_study(people, seed=0)
            focal = study.participants.loc[study.participants["role"] == "psw", "id"].iloc[0]
            cases.append((f"{name}-study", lambda s=study: study_graph(s), name.endswith(("1000",)), interact))
            cases.append((f"{name}-focal-{focal}", lambda s=study, w=focal: focal_graph(s, w), False, False))
        for name, build, baselines, interact in cases:
            row = measure(name, build, browser, out, args, baselines, interact)
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
