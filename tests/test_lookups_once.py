"""Each look-up once per command: an instrumented engine counts what every command asks.

The embedded engine's look-ups are wrapped so that each call is recorded by
name and arguments. Every question, report (with its --xlsx, --plot, --long,
--by and --case options), view and the demo must then ask the engine for each
distinct look-up at most once; a PSW view must not grow with the PSW's
people. ``MemoBackend`` (what the CLI wraps every engine in) must hand out
copies and the very answers of the engine behind it.
"""

from __future__ import annotations

import functools
from collections import Counter

import pandas as pd
import pytest
from click.testing import CliRunner
from neo4j_fixtures import neo4j_settings  # noqa: F401

from graphstudy.cli import main
from graphstudy.engines.base import LOOKUP_COLUMNS, Backend
from graphstudy.engines.embedded import EmbeddedBackend
from graphstudy.engines.memo import MemoBackend, remembering
from graphstudy.queries import as_backend
from graphstudy.views.graph_views import dyad_graph, psw_graph, study_graph, themes_graph

ASKS = (*LOOKUP_COLUMNS, "coders", "counts", "study_info", "table")
"""Every method of the seam that goes to the engine."""


@pytest.fixture
def asked(monkeypatch):
    """The list of ``(look-up, arguments)`` every embedded engine is asked, in order."""
    calls: list[tuple[str, str]] = []

    def counting(name, method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            calls.append((name, repr((args, sorted(kwargs.items())))))
            return method(self, *args, **kwargs)
        return wrapper

    for name in ASKS:
        monkeypatch.setattr(EmbeddedBackend, name, counting(name, getattr(EmbeddedBackend, name)))
    return calls


def repeats(calls) -> dict:
    return {k: n for k, n in Counter(calls).items() if n > 1}


CODED = {
    # two coders, so that `report agreement` has something to compare
    "codings.csv": "quote_id,theme_id,coder\nq1,hope_a,ann\nq1,hope_a,bo\nq2,fear,ann\nq3,hope_a,bo\nq4,hope,ann\n"
                   "q4,hope,bo\nq5,fear,ann\nq5,fear,bo\nq6,hope,ann\nq7,hope,bo\n",
}


def commands(d, mini):
    """Every question, report and view, with the options that make a command do more than one thing."""
    m = ["--study", str(mini)]
    return [
        ["shifts", "--psw", "Sue"], ["shifts", "--psw", "Sue", "--role", "service_user"], ["shifts", "--psw", "Ann", *m],
        ["trajectory", "User15"], ["trajectory", "U1", *m], ["dyad", "Sue", "Co-worker07"], ["dyad", "Ann", "U1", *m],
        ["themes"], ["themes", "--level", "subtheme", *m],
        ["report", "changes"], ["report", "changes", "--by", "dyad", "--case", "Sue"],
        ["report", "changes", "--case", "User16", "--plot", f"{d}/c1.png"],
        ["report", "changes", "--by", "dyad", "--plot", f"{d}/c2.svg", *m],
        ["report", "matrix"], ["report", "matrix", "--long"], ["report", "matrix", "--by", "dyad", "--case", "Sue & Co-worker07"],
        ["report", "matrix", "--xlsx", f"{d}/m.xlsx", "--plot", f"{d}/m.png"],
        ["report", "matrix", "--by", "dyad", "--xlsx", f"{d}/m2.xlsx", "--plot", f"{d}/m2.png"],
        ["report", "matrix", "--case", "U1", "--xlsx", f"{d}/m3.xlsx", "--plot", f"{d}/m3.png", *m],
        ["report", "triangulation", "--plot", f"{d}/t.png"], ["report", "triangulation", "--level", "subtheme", *m],
        ["report", "saturation", "--plot", f"{d}/s.png"], ["report", "saturation", "--base", "1", "--run", "1", *m],
        ["report", "cooccurrence"], ["report", "cooccurrence", "--edges", "--per", "occasion", *m],
        ["report", "agreement", *m], ["report", "agreement", "--pairs", "--unit", "interview", *m],
        ["report", "table1"], ["report", "table2"], ["report", "figure1"],
        ["view", "study", "-o", f"{d}/study.html"], ["view", "study", "--level", "theme", "-o", f"{d}/mini.html", *m],
        ["view", "psw", "Sue", "-o", f"{d}/sue.html"], ["view", "psw", "Sue", "--redact-quotes", "-o", f"{d}/sue-r.html"],
        ["view", "psw", "Ann", "-o", f"{d}/ann.html", *m],
        ["view", "dyad", "Sue", "Co-worker07", "-o", f"{d}/dyad.html"], ["view", "dyad", "Ann", "U1", "-o", f"{d}/d2.html", *m],
        ["view", "themes", "-o", f"{d}/themes.html"], ["view", "themes", "--timepoint", "T3", "-o", f"{d}/t3.html"],
        ["view", "focal", "Sue", "-o", f"{d}/focal.html"], ["view", "study", "--grouped", "-o", f"{d}/grouped.html"],
        ["view", "study", "--group-by", "community", "--ungrouped", "-o", f"{d}/communities.html"],
        ["demo", "-o", f"{d}/demo"],
        # the write-up (issue 12): approaches, comparisons by attribute, networks per time point, Word and graph files
        ["report", "matrix", "--approach", "trajectory", "--xlsx", f"{d}/tr.xlsx", "--docx", f"{d}/tr.docx"],
        ["report", "matrix", "--approach", "cross-sectional", "--by", "gender", "--xlsx", f"{d}/cs.xlsx",
         "--docx", f"{d}/cs.docx", *m],
        ["report", "matrix", "--cases", "dyad", "--by", "gender", "--docx", f"{d}/md.docx", "--plot", f"{d}/md.png"],
        ["report", "changes", "--by", "gender", "--docx", f"{d}/ch.docx", "--plot", f"{d}/ch.png"],
        ["report", "triangulation", "--by", "gender", "--docx", f"{d}/tri.docx", "--plot", f"{d}/tri.png", *m],
        ["report", "cooccurrence", "--between", "T2", "T3", "--plot", f"{d}/between.png"],
        ["report", "cooccurrence", "--by", "gender", "--plot", f"{d}/networks.svg", *m],
        ["export", "graphml", f"{d}/study.graphml"], ["export", "gexf", f"{d}/t3.gexf", "--timepoint", "T3"],
        ["export", "graphml", f"{d}/links.graphml", "--timepoint", "T1", "--network", "theme-links", *m],
        ["report", "portrait", "User15", "--docx", f"{d}/u15.docx"], ["report", "portrait", "U1", "--format", "json", *m],
        ["report", "portrait", "Sue", "Co-worker07", "--docx", f"{d}/sue-cw07.docx"],
        ["report", "portrait", "Ann", "U1", "--format", "csv", *m],
    ]


def test_every_command_asks_each_look_up_at_most_once(asked, tmp_path, make_study):
    mini = make_study(**CODED)
    failures = []
    for args in commands(tmp_path, mini):
        asked.clear()
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, (args, result.output, result.stderr)
        assert asked, f"{args}: the instrumented engine was never asked"
        if repeats(asked):
            failures.append((" ".join(args), repeats(asked)))
    assert not failures, failures


def test_a_psw_view_asks_what_shifts_asks_and_the_quotes(asked, tmp_path):
    """The PSW view used to ask five look-ups per person (33 for Sue); now shifts' and two more: the quotes and
    the themes table (for the codebook's theme colours)."""
    runner = CliRunner()
    assert runner.invoke(main, ["shifts", "--psw", "Sue"]).exit_code == 0
    for_shifts = Counter(name for name, _ in asked)
    asked.clear()
    assert runner.invoke(main, ["view", "psw", "Sue", "-o", str(tmp_path / "sue.html")]).exit_code == 0
    for_view = Counter(name for name, _ in asked)
    assert for_view - for_shifts == Counter({"quotes": 1, "table": 1}), (for_view, for_shifts)
    assert sum(for_view.values()) == sum(for_shifts.values()) + 2 == 9  # shifts: 5 look-ups, study_info, coders


def test_a_psw_view_does_not_grow_with_the_psws_people(asked, tmp_path):
    """One look-up of each kind for a PSW with two people or with many (a generated study)."""
    from graphstudy import load_study
    from graphstudy.synth import write_synthetic_study

    write_synthetic_study(tmp_path / "big", participants=68, quotes_per_interview=2, seed=4)
    big = as_backend(load_study(tmp_path / "big"))
    psw = big.participants().query("role == 'psw'")["id"].iloc[0]
    asked.clear()
    g = psw_graph(big, psw)
    assert sum(k == "participant" for _, k in g.nodes(data="kind")) >= 6
    assert Counter(name for name, _ in asked) == Counter(
        {"linked_people": 1, "participants": 1, "theme_tree": 1, "interviews_of": 1, "codings_of": 1, "quotes": 1,
         "study_info": 1, "table": 1})


@pytest.mark.parametrize("build", [study_graph, themes_graph, lambda b: psw_graph(b, "Sue"),
                                   lambda b: dyad_graph(b, "Sue", "Co-worker07")],
                         ids=["study", "themes", "psw", "dyad"])
def test_each_view_asks_each_look_up_once_from_the_library_too(asked, bundled_study, build):
    """Without the CLI's memo: a view built straight from a study asks nothing twice."""
    build(as_backend(bundled_study))
    assert asked and not repeats(asked)


def test_the_memo_answers_what_the_engine_answers_and_hands_out_copies(bundled_study):
    engine = as_backend(bundled_study)
    memo = MemoBackend(engine)
    asks = {
        "participants": ((), (["Sue", "User15"],)), "relationships": ((),), "quotes": ((["q001", "q011"],),),
        "linked_people": (("Sue",), ("Sue", "service_user")), "interviews_of": ((["Sue", "User15"],),),
        "codings_of": ((["User15"],), (["User15"], "Sue")), "theme_tree": ((),), "all_interviews": ((),),
        "all_codings": ((),),
    }
    assert set(asks) == set(LOOKUP_COLUMNS)
    for name, arg_sets in asks.items():
        for args in arg_sets:
            first = getattr(memo, name)(*args)
            pd.testing.assert_frame_equal(first, getattr(engine, name)(*args))
            first.iloc[:, 0] = "changed by a caller"
            pd.testing.assert_frame_equal(getattr(memo, name)(*args), getattr(engine, name)(*args))
    info = memo.study_info()
    assert info == engine.study_info() and memo.counts() == engine.counts() and memo.coders() == engine.coders()
    counts = memo.counts()
    counts["Participant"] = -1
    assert memo.counts() == engine.counts()
    pd.testing.assert_frame_equal(memo.table("quotes"), engine.table("quotes"))
    assert memo.asked() == {"participants": 2, "relationships": 1, "quotes": 1, "linked_people": 2, "interviews_of": 1,
                            "codings_of": 2, "theme_tree": 1, "all_interviews": 1, "all_codings": 1, "study_info": 1,
                            "counts": 1, "table": 1, "coders": 1}
    assert memo.name == engine.name and memo.study_name == engine.study_name
    assert remembering(memo) is memo and isinstance(remembering(engine), MemoBackend)


def test_the_memo_forwards_every_method_of_the_seam():
    """A look-up added to Backend must be remembered too, not answered by a default."""
    seam = {n for n, v in vars(Backend).items() if callable(v) and not n.startswith("_") and n not in ("close", "whole_study")}
    assert seam == set(ASKS)
    assert all(n in vars(MemoBackend) for n in seam)


def test_closing_the_memo_closes_the_engine(bundled_study):
    closed = []

    class Closing(EmbeddedBackend):
        def close(self) -> None:
            closed.append(True)

    with remembering(Closing(bundled_study)) as memo:
        memo.theme_tree()
    assert closed == [True]


@pytest.mark.neo4j
def test_on_neo4j_each_round_trip_happens_once_per_command(bundled_study, neo4j_settings, monkeypatch, tmp_path):  # noqa: F811
    """Counted at the driver: every statement a command sends, with its parameters, is sent once."""
    from neo4j_fixtures import renamed, unique_name

    from graphstudy.engines.neo4j.backend import Neo4jBackend
    from graphstudy.engines.neo4j.load import load_into_neo4j, remove_from_neo4j

    study = renamed(bundled_study, unique_name("lookups"))
    load_into_neo4j(study, progress=False, settings=neo4j_settings)
    sent: list[tuple[str, str]] = []
    records = Neo4jBackend._records

    def counting(self, statement, **params):
        sent.append((statement, repr(sorted(params.items()))))
        return records(self, statement, **params)

    monkeypatch.setattr(Neo4jBackend, "_records", counting)
    monkeypatch.setenv("NEO4J_URI", neo4j_settings.uri)
    try:
        on_neo4j = ["--backend", "neo4j", "--study", study.name]
        for args in (["report", "matrix", "--xlsx", str(tmp_path / "m.xlsx"), "--plot", str(tmp_path / "m.png")],
                     ["report", "changes", "--by", "dyad", "--case", "Sue", "--plot", str(tmp_path / "c.png")],
                     ["view", "psw", "Sue", "-o", str(tmp_path / "sue.html")], ["report", "triangulation"]):
            sent.clear()
            result = CliRunner().invoke(main, [*args, *on_neo4j])
            assert result.exit_code == 0, (args, result.output, result.stderr)
            assert sent and not repeats(sent), (args, repeats(sent))
            if args[0] == "view":
                # shifts' five, the study's metadata and coders (the coding rule), the quotes, the themes table
                assert len([s for s, _ in sent if s != "study_status"]) == 9, sent
    finally:
        remove_from_neo4j(study.name, neo4j_settings)
