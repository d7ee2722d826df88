"""The HTML views without a browser: what the graphs hold, what the file holds, the command line.

The browser half (the page loads, counts, the occasion control, no requests,
no injected script runs) is tests/test_views_browser.py.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from views_studies import PAYLOADS, USER, hostile_study

from graphstudy.cli import main
from graphstudy.errors import GraphStudyError, UnknownParticipant
from graphstudy.queries import as_backend, dyad_links
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
from graphstudy.views import parts as view_parts
from graphstudy.views.layout import PHYSICS_LIMIT
from graphstudy.views.page import SCRIPTS, page_data, render_page, script_json


def _page_json(text):
    """The data block a written page's script reads."""
    block = re.search(r'<script type="application/json" id="graphstudy-data">(.*?)</script>', text, re.S).group(1)
    return json.loads(block)


def _links(g):
    return {(s, t): d for s, t, d in g.edges(data=True) if d["kind"] == "theme_link"}


def _write_all(study, folder, redact_quotes=False):
    return [
        write_study_view(study, folder / "study.html", redact_quotes=redact_quotes),
        write_psw_view(study, "Sue", folder / "sue.html", redact_quotes=redact_quotes),
        write_dyad_view(study, "Sue", "User14", folder / "dyad.html", redact_quotes=redact_quotes),
        write_themes_view(study, folder / "themes.html", redact_quotes=redact_quotes),
    ]


class _Links(HTMLParser):
    """Every src and href attribute of a page (script bodies are not parsed as markup)."""

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        self.urls += [v or "" for k, v in attrs if k in ("src", "href")]


# ---- what the graphs hold -------------------------------------------------

def test_psw_view_holds_the_psw_and_everyone_linked_to_them(bundled_study):
    g = psw_graph(bundled_study, "Sue")
    linked = set(as_backend(bundled_study).linked_people("Sue")["participant"])
    people = {n[2:] for n, d in g.nodes(data=True) if d["kind"] == "participant"}
    assert people == linked | {"Sue"}


def test_psw_view_steps_through_the_occasions_in_study_order(bundled_study):
    assert psw_graph(bundled_study, "Sue").graph["occasions"] == ["T1", "T2_1", "T2_2", "T3_1", "T3_2"]


def test_psw_view_timeline_agrees_with_the_dyad_query(bundled_study):
    g = psw_graph(bundled_study, "Sue")
    links = _links(g)
    checked = 0
    for other in ("Co-worker06", "Co-worker07", "User14", "User15"):
        for r in dyad_links(bundled_study, "Sue", other).itertuples():
            if not r.theme:
                continue
            step = links[(f"p:{other}", f"t:{r.theme}")]["timeline"][r.occasion]
            assert (step["count"], step["change"]) == (r.count, r.change)
            checked += 1
    assert checked >= 10


def test_psw_view_shows_the_psws_own_theme_links(bundled_study):
    step = _links(psw_graph(bundled_study, "Sue"))[("p:Sue", "t:supporting_psws")]["timeline"]
    assert step == {"T1": {"count": 1, "change": "first", "stance": "positive", "quotes": ["q038"]}}


def test_psw_view_records_a_link_that_disappears(bundled_study):
    step = _links(psw_graph(bundled_study, "Sue"))[("p:Co-worker06", "t:uncertainty")]["timeline"]
    assert step["T2_2"]["change"] == "ceased" and step["T2_2"]["count"] == 0


def test_psw_view_refuses_a_participant_who_is_not_a_psw(bundled_study):
    with pytest.raises(GraphStudyError, match="'User15' is a Service user, not a PSW"):
        psw_graph(bundled_study, "User15")


def test_psw_view_refuses_an_unknown_participant(bundled_study):
    with pytest.raises(UnknownParticipant, match="no participant 'Nobody'"):
        psw_graph(bundled_study, "Nobody")


def test_dyad_view_holds_only_the_two_people(bundled_study):
    g = dyad_graph(bundled_study, "Sue", "Co-worker07")
    assert {n for n, d in g.nodes(data=True) if d["kind"] == "participant"} == {"p:Sue", "p:Co-worker07"}


def test_dyad_view_refuses_two_people_without_a_relationship(bundled_study):
    with pytest.raises(GraphStudyError, match="'Sue' and 'User03' have no relationship in study"):
        dyad_graph(bundled_study, "Sue", "User03")


def test_study_view_holds_every_participant_theme_and_relationship(bundled_study):
    g = study_graph(bundled_study)
    kinds = [d["kind"] for _, _, d in g.edges(data=True)]
    assert g.number_of_nodes() == len(bundled_study.participants) + len(bundled_study.themes)
    assert kinds.count("relationship") == len(bundled_study.relationships)
    assert kinds.count("subtheme_of") == int((bundled_study.themes["parent_id"] != "").sum())


def test_study_view_counts_each_persons_distinct_quotes_per_theme(bundled_study):
    s = bundled_study
    coded = s.codings.merge(s.quotes, left_on="quote_id", right_on="id").merge(
        s.interviews, left_on="interview_id", right_on="id", suffixes=("", "_iv"))
    expected = coded.drop_duplicates(["participant_id", "theme_id", "quote_id"]).groupby(
        ["participant_id", "theme_id"]).size()
    got = {(s_[2:], t[2:]): d["count"] for (s_, t), d in _links(study_graph(s)).items()}
    assert got == {k: int(v) for k, v in expected.items()}


def test_study_view_rolls_codes_up_to_themes_at_theme_level(bundled_study):
    g = study_graph(bundled_study, level="theme")
    roots = set(bundled_study.themes.loc[bundled_study.themes["parent_id"] == "", "id"])
    assert {n[2:] for n, d in g.nodes(data=True) if d["kind"] == "theme"} == roots


def _interview_themes(study, timepoint=None):
    iv = study.interviews if timepoint is None else study.interviews[study.interviews["timepoint"] == timepoint]
    coded = study.codings.merge(study.quotes, left_on="quote_id", right_on="id")
    coded = coded[coded["interview_id"].isin(set(iv["id"]))]
    return len(iv), coded.groupby("interview_id")["theme_id"].agg(set).to_dict()


def test_themes_view_links_themes_coded_in_the_same_interview(bundled_study):
    _, by_interview = _interview_themes(bundled_study)
    expected = {}
    for themes_ in by_interview.values():
        for a in themes_:
            for b in themes_:
                if a < b:
                    expected[frozenset((a, b))] = expected.get(frozenset((a, b)), 0) + 1
    g = themes_graph(bundled_study)
    got = {frozenset((a[2:], b[2:])): d["count"] for a, b, d in g.edges(data=True) if d["kind"] == "co_occurrence"}
    assert got == expected


def test_themes_view_sizes_themes_by_their_share_of_interviews_at_a_timepoint(bundled_study):
    total, by_interview = _interview_themes(bundled_study, "T3")
    n = sum("stress_pain" in t for t in by_interview.values())
    node = themes_graph(bundled_study, timepoint="T3").nodes["t:stress_pain"]
    assert (node["interviews"], node["prevalence"]) == (n, n / total)


def test_themes_view_refuses_an_unknown_timepoint(bundled_study):
    with pytest.raises(GraphStudyError, match=r"no interview at time point 'T9' .* \(time points: T1, T2, T3\)"):
        themes_graph(bundled_study, timepoint="T9")


# ---- what the file holds --------------------------------------------------

def test_views_link_nothing_on_the_network(bundled_study, tmp_path):
    for path in _write_all(bundled_study, tmp_path):
        text = path.read_text(encoding="utf-8")
        parser = _Links()
        parser.feed(text)
        assert [u for u in parser.urls if re.match(r"\s*(https?:)?//", u, re.I)] == [], path.name
        assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", text, re.I), path.name


def test_views_carry_vis_network_inside_the_file(bundled_study, tmp_path):
    text = write_psw_view(bundled_study, "Sue", tmp_path / "sue.html").read_text(encoding="utf-8")
    assert "vis-network" in text and "new vis.Network(" in text


def test_script_json_cannot_end_its_script_element():
    text = script_json({"q": "</script><!-- <script> \u2028\u2029 & >"})
    assert not re.search(r"</|<!--|<script|[\u2028\u2029]", text, re.I)
    assert json.loads(text) == {"q": "</script><!-- <script> \u2028\u2029 & >"}


def test_payloads_appear_in_the_file_only_escaped(tmp_path):
    study = hostile_study(tmp_path)
    for path in _write_all(study, tmp_path):
        text = path.read_text(encoding="utf-8")
        for payload in PAYLOADS:
            assert payload not in text, (path.name, payload)
        assert text.count("</script>") == 3, path.name  # vis-network, the data block, the page's script
        assert html.escape(study.name) in text.split("</title>")[0]


def _quote_texts_in(text, quotes):
    forms = lambda q: (q, html.escape(q), script_json(q)[1:-1])  # noqa: E731
    return [qid for qid, q in quotes if any(f in text for f in forms(q))]


def test_redacted_views_hold_no_quote_text(bundled_study, tmp_path):
    quotes = list(zip(bundled_study.quotes["id"], bundled_study.quotes["text"]))
    for path in _write_all(bundled_study, tmp_path, redact_quotes=True):
        assert _quote_texts_in(path.read_text(encoding="utf-8"), quotes) == [], path.name


def test_redacted_views_still_hold_quote_ids_counts_and_citations(bundled_study, tmp_path):
    data = page_data(psw_graph(bundled_study, "Sue", quote_text=False), redact_quotes=True)
    ids = [n["id"] for n in data["nodes"]]  # links name their ends by position in the node list
    link = next(e for e in data["edges"] if (ids[e["from"]], ids[e["to"]]) == ("p:User15", "t:perceptions"))
    assert [u[0] for u in link["units"]] == ["q002", "q003", "q004"]
    assert data["quotes"]["q004"][3] == bundled_study.quotes.set_index("id").loc["q004", "citation"] != ""
    assert all(q[5] is None for q in data["quotes"].values())


def test_unredacted_psw_view_holds_the_text_of_its_quotes(bundled_study, tmp_path):
    text = write_psw_view(bundled_study, "Sue", tmp_path / "sue.html").read_text(encoding="utf-8")
    quotes = list(zip(bundled_study.quotes["id"], bundled_study.quotes["text"]))
    assert {"q004", "q008", "q038"} <= set(_quote_texts_in(text, quotes))


def test_redaction_holds_for_the_hostile_study_too(tmp_path):
    study = hostile_study(tmp_path)
    quotes = list(zip(study.quotes["id"], study.quotes["text"]))
    for path in _write_all(study, tmp_path, redact_quotes=True):
        assert _quote_texts_in(path.read_text(encoding="utf-8"), quotes) == [], path.name


def test_large_study_view_is_laid_out_in_advance_with_physics_off():
    g = study_graph(synthetic_study(340, seed=1))
    assert g.number_of_nodes() > PHYSICS_LIMIT
    data = _page_json(render_page(g))
    assert data["options"]["physics"]["enabled"] is False and data["large"] is True
    assert all(isinstance(n.get("x"), float) and isinstance(n.get("y"), float) for n in data["nodes"])
    assert len({(n["x"], n["y"]) for n in data["nodes"]}) == len(data["nodes"])


def test_quote_text_is_left_out_above_the_limit_but_counts_and_ids_stay(monkeypatch, bundled_study):
    chars = int(bundled_study.quotes["text"].str.len().sum())
    monkeypatch.setattr(view_parts, "QUOTE_TEXT_LIMIT", chars - 1)
    g = study_graph(bundled_study)
    assert g.graph["quotes"] == {} and g.graph["quote_info"]["q004"]["speaker"] == "User15"
    assert any(n.startswith("quote text left out") for n in g.graph["notes"])
    monkeypatch.setattr(view_parts, "QUOTE_TEXT_LIMIT", chars)
    assert len(study_graph(bundled_study).graph["quotes"]) == len(bundled_study.quotes)


def test_study_view_does_not_ask_for_the_quotes_above_the_quote_limit(monkeypatch, bundled_study):
    from graphstudy.views import graph_views

    monkeypatch.setattr(graph_views, "QUOTE_LIMIT", len(bundled_study.quotes) - 1)
    g = study_graph(bundled_study)
    info = g.graph["quote_info"]["q004"]
    interview = bundled_study.quotes.set_index("id").loc["q004", "interview_id"]
    assert interview == "User15_T3_2"
    assert g.graph["quotes"] == {} and (info["speaker"], info["occasion"], info["citation"]) == ("User15", "T3_2", "")
    assert all(e["count"] >= 1 for _, _, e in g.edges(data=True) if e["kind"] == "theme_link")


def test_small_view_keeps_physics_on(bundled_study):
    assert _page_json(render_page(psw_graph(bundled_study, "Sue")))["options"]["physics"]["enabled"] is True


def test_writing_into_a_missing_folder_fails_and_writes_nothing(bundled_study, tmp_path):
    with pytest.raises(GraphStudyError, match=r"folder .*missing.* does not exist"):
        write_psw_view(bundled_study, "Sue", tmp_path / "missing" / "sue.html")
    assert list(tmp_path.iterdir()) == []


def test_a_failed_view_leaves_the_previous_file_as_it_was(bundled_study, tmp_path):
    path = tmp_path / "sue.html"
    path.write_text("before", encoding="utf-8")
    with pytest.raises(GraphStudyError):
        write_psw_view(bundled_study, "Nobody", path)
    assert path.read_text(encoding="utf-8") == "before"
    assert [p.name for p in tmp_path.iterdir()] == ["sue.html"]


def test_views_work_on_a_backend_as_well_as_a_study(bundled_study):
    a, b = psw_graph(bundled_study, "Sue"), psw_graph(as_backend(bundled_study), "Sue")
    assert sorted(a.edges(data="timeline")) == sorted(b.edges(data="timeline"))


def test_hostile_names_survive_into_the_graph_as_text(tmp_path):
    g = psw_graph(hostile_study(tmp_path), "Sue")
    node = g.nodes[f"p:{USER}"]
    assert node["name"] == USER and re.sub(r"\s", "", node["label"]) == re.sub(r"\s", "", USER)


@pytest.mark.slow
def test_the_wheel_carries_the_pages_script_and_style(tmp_path):
    repo = Path(__file__).resolve().parents[1]
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(repo)],
                   check=True, capture_output=True)
    [wheel] = tmp_path.glob("graphstudy-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {*(f"graphstudy/views/{js}" for js in SCRIPTS), "graphstudy/views/view.css", "graphstudy/views/page.py"} <= names


# ---- the command line -----------------------------------------------------

def test_view_psw_command_writes_the_page(tmp_path):
    out = tmp_path / "sue.html"
    result = CliRunner().invoke(main, ["view", "psw", "Sue", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.is_file() and str(out) in result.output


@pytest.mark.parametrize("args", [["study"], ["dyad", "Sue", "Co-worker07"], ["themes", "--timepoint", "T3"]],
                         ids=["study", "dyad", "themes"])
def test_view_commands_write_their_pages(tmp_path, args):
    out = tmp_path / "view.html"
    result = CliRunner().invoke(main, ["view", *args, "-o", str(out), "--redact-quotes"])
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 100_000


def test_view_command_error_is_one_line_and_exit_2(tmp_path):
    result = CliRunner().invoke(main, ["view", "psw", "Nobody", "-o", str(tmp_path / "x.html")])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        ("error: no participant 'Nobody' in study 'Peer support workers in Hong Kong: a one-year longitudinal "
         "qualitative study'")]
    assert not (tmp_path / "x.html").exists()


def test_view_command_reads_a_study_folder(tmp_path):
    study = hostile_study(tmp_path)
    out = tmp_path / "sue.html"
    result = CliRunner().invoke(main, ["view", "psw", "Sue", "--study", str(tmp_path / "hostile"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert study.name.split("<")[0] in out.read_text(encoding="utf-8")



@pytest.mark.parametrize("kind", ["study", "psw", "dyad"])
def test_redact_attributes_leaves_diagnosis_out_but_keeps_roles(tmp_path, kind):
    """Sue's diagnosis (Figure 1: depression) is in the file unless --redact-attributes."""
    from click.testing import CliRunner

    from graphstudy.cli import main

    args = {"study": ["study"], "psw": ["psw", "Sue"], "dyad": ["dyad", "Sue", "User15"]}[kind]
    plain, redacted = tmp_path / "plain.html", tmp_path / "redacted.html"
    assert CliRunner().invoke(main, ["view", *args, "-o", str(plain)]).exit_code == 0
    result = CliRunner().invoke(main, ["view", *args, "-o", str(redacted), "--redact-attributes"])
    assert result.exit_code == 0, result.output
    assert "depression" in plain.read_text() and "45-55" in plain.read_text()
    text = redacted.read_text()
    assert "depression" not in text and "45-55" not in text and "agency 4" not in text
    assert '"service_user"' in text or "service user" in text


@pytest.mark.parametrize("large", [True, False])
@pytest.mark.parametrize("view", ["focal", "dyad", "study"])
def test_view_options_are_what_pyvis_would_set(large, view):
    """The views set vis-network's options without importing pyvis (0.7 s of IPython); pyvis's own calls are the judge."""
    from pyvis.network import Network

    from graphstudy.views.page import PYVIS_OPTIONS, _options

    assert json.loads(Network(directed=True).options.to_json()) == PYVIS_OPTIONS
    net = Network(directed=True)
    if large:
        net.toggle_physics(False)
        net.toggle_hide_edges_on_drag(True)
    else:
        net.force_atlas_2based(gravity=-60, spring_length=110 if view != "dyad" else 160, overlap=0.4)
        net.set_edge_smooth("continuous")
        net.toggle_stabilization(True)
    expected = json.loads(net.options.to_json())
    ours = _options(large, view)
    for part in ("physics", "configure"):
        want = dict(expected[part])
        if part == "physics" and not large:
            want["stabilization"] = {**want["stabilization"], "iterations": 400}  # graphstudy's own: fewer steps
        assert ours[part] == want
    assert ours["edges"]["smooth"] == (False if large else expected["edges"]["smooth"])
    assert ours["interaction"]["hideEdgesOnDrag"] is expected["interaction"]["hideEdgesOnDrag"]


def test_a_view_command_does_not_import_pyvis_or_ipython(tmp_path):
    """Writing a view reads pyvis's vis-network file but runs none of pyvis (whose import pulls in IPython)."""
    code = ("import sys; from graphstudy.cli import main\n"
            f"main(['view', 'focal', 'Sue', '-o', {str(tmp_path / 'sue.html')!r}], standalone_mode=False)\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pyvis', 'IPython')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"
    assert (tmp_path / "sue.html").stat().st_size > 100_000
