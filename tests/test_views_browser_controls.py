"""Each control of the HTML views in real Chromium: filters change what is shown, search finds, focus fades
the rest, the panel lists and copies the quotes, groups open, PNG and SVG come out, redaction holds.

Expected counts are read off the study files (the bundled study, tests/fixtures/carers) by hand or with pandas.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from views_studies import CARERS, IMG, USER, hostile_study

from graphstudy import load_study
from graphstudy.synth import synthetic_study
from graphstudy.views import GROUP_LIMIT, write_focal_view, write_study_view, write_themes_view

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def carers():
    return load_study(CARERS)


@pytest.fixture(scope="module")
def carers_study_page(carers, tmp_path_factory):
    return write_study_view(carers, tmp_path_factory.mktemp("carers") / "study.html")


def _theme_link_count(view):
    return sum(1 for e in view.js("graphstudyView.drawn().edges") if e["to"].startswith("t:") and e["from"].startswith("p:"))


# ---- filters ---------------------------------------------------------------

def test_unticking_a_role_hides_its_people_and_their_links(bundled_study, tmp_path, open_view):
    view = open_view(write_study_view(bundled_study, tmp_path / "study.html"))
    family = set(bundled_study.participants.loc[bundled_study.participants["role"] == "family", "id"])
    before = view.counts()
    view.page.get_by_label("Family member").uncheck()
    after = view.counts()
    assert after["people"] == before["people"] - len(family)
    assert not any(n[2:] in family for n in view.drawn_nodes())
    assert view.page.text_content("#gs-status").startswith(f"Showing {after['people']} of {before['peopleTotal']} people")
    assert view.errors == []


def test_a_theme_filter_keeps_the_theme_and_its_sub_themes(bundled_study, tmp_path, open_view):
    view = open_view(write_study_view(bundled_study, tmp_path / "study.html"))
    themes = bundled_study.themes
    family = {"perceptions", *themes.loc[themes["parent_id"] == "perceptions", "id"]}
    view.page.select_option("#gs-filter-body select >> nth=0", "t:perceptions")
    shown = {n[2:] for n in view.drawn_nodes() if n.startswith("t:")}
    assert shown == family
    assert all(t[2:] in family for _, t in view.drawn_links() if t.startswith("t:"))
    assert view.counts()["themes"] == len(family)


def test_a_time_filter_keeps_only_the_links_quoted_then(carers, carers_study_page, open_view):
    view = open_view(carers_study_page)
    view.page.select_option("#gs-filter-body fieldset:has-text('Time point') select", label="\u00a0\u00a0\u2013 3 months, wave 2")
    # M3_2: P1 (p1m2: emotional by ann, practical by ben) and C2 (c2m1 practical, c2m2 trust)
    assert {(s[2:], t[2:]) for s, t in view.drawn_links() if t.startswith("t:")} >= {("P1", "emotional"), ("P1", "practical")}
    assert view.js("graphstudyView.state().time") == {"kind": "occ", "i": 2}
    faded = {i[2:] for i, o in view.opacity().items() if i.startswith("p:") and o < 1}
    assert faded == {"P2", "K1", "K2", "C1"}  # not interviewed at 3 months, wave 2


def test_waves_read_as_one_time_point(carers, carers_study_page, open_view):
    view = open_view(carers_study_page)
    view.page.get_by_label("slider steps by time point (waves as one)").check()
    view.js("graphstudyView.setStep(2)")
    assert view.page.text_content("#gs-occasion") == "3 months (every wave)"
    faded = {i[2:] for i, o in view.opacity().items() if i.startswith("p:") and o < 1}
    assert faded == {"P2", "K2"}  # interviewed at neither wave of 3 months


def test_a_coder_filter_counts_only_that_coders_codings(carers, carers_study_page, open_view):
    view = open_view(carers_study_page)
    link = next(e["id"] for e in view.js("graphstudyView.drawn().edges") if e["from"] == "p:K1" and e["to"] == "t:emotional")

    def quotes():
        return view.js("id => graphstudyView.drawn().edges.find(e => e.id === id).label", link)

    assert quotes() == "3"  # k1m1 (ben), k1m2 (ann, ben), k1s2 (ann, ben)
    view.page.select_option("#gs-filter-body fieldset:has-text('Coder') select >> nth=0", label="ann")
    assert quotes() == "2"
    view.page.select_option("#gs-filter-body fieldset:has-text('Coder') select >> nth=0", label="ben")
    assert quotes() == "3"
    view.page.select_option("#gs-filter-body fieldset:has-text('Coder') select >> nth=0", label="Any coder")
    view.page.select_option("#gs-filter-body fieldset:has-text('Coder') select >> nth=1", label="coded so by at least 2 coders")
    assert quotes() == "2"


def test_a_relationship_type_filter_hides_those_relationships(bundled_study, tmp_path, open_view):
    view = open_view(write_study_view(bundled_study, tmp_path / "study.html"))
    rel = bundled_study.relationships
    served = {(f"p:{s}", f"p:{t}") for s, t in zip(rel.loc[rel["type"] == "SERVED_BY", "source_id"], rel.loc[rel["type"] == "SERVED_BY", "target_id"])}
    assert served <= view.drawn_links()
    view.page.get_by_label("served by").uncheck()  # SERVED_BY, which the bundled study does not label, in words
    assert not served & view.drawn_links()
    assert view.counts()["people"] == view.counts()["peopleTotal"]  # in the study view people stay
    view.page.click("#gs-reset")
    assert served <= view.drawn_links()


def test_in_a_focal_view_a_relationship_filter_takes_its_people_away(carers, tmp_path, open_view):
    view = open_view(write_focal_view(carers, "P1", tmp_path / "p1.html"))
    view.page.get_by_label("treats").uncheck()
    assert {n for n in view.drawn_nodes() if n.startswith("p:")} == {"p:P1", "p:K1"}


def test_themes_view_filters_by_the_role_of_the_person_interviewed(carers, tmp_path, open_view):
    view = open_view(write_themes_view(carers, tmp_path / "themes.html"))
    before = view.counts()["links"]
    for role in ("Patient", "Clinician"):
        view.page.get_by_label(role).uncheck()
    # carers only: K1_B (practical, hope), K1_M3_1 (practical, emotional), K1_M6 (practical, trust; emotional),
    # K2_M6 (emotional, hope); K2_B codes hope alone
    assert {tuple(sorted((s[2:], t[2:]))) for s, t in view.drawn_links() if not s.endswith("burden") and not t.endswith("burden")} == {
        ("hope", "practical"), ("emotional", "practical"), ("practical", "trust"), ("emotional", "trust"), ("emotional", "hope")}
    assert view.counts()["links"] < before


# ---- search and focus ---------------------------------------------------------

def test_search_finds_people_themes_and_quote_text(carers, carers_study_page, open_view):
    view = open_view(carers_study_page)
    view.page.fill("#gs-search", "garden")
    view.page.wait_for_timeout(300)
    assert "k1b2 K1: Mum still plans her garden." in view.page.text_content("#gs-results")
    view.page.fill("#gs-search", "strain")
    view.page.wait_for_timeout(300)
    assert "Emotional strain" in view.page.text_content("#gs-results")
    view.page.fill("#gs-search", "K2")
    view.page.press("#gs-search", "Enter")
    assert view.js("graphstudyView.state().focus") == "p:K2"
    assert view.errors == []


def test_clicking_a_person_fades_everyone_outside_their_neighbourhood(carers, carers_study_page, open_view):
    view = open_view(carers_study_page)
    view.click_node("p:K2")
    opacity = view.opacity()
    near = {"p:K2", "p:P2", "t:hope", "t:emotional"}  # K2 CARES_FOR P2; quotes on hope and emotional strain
    assert {i for i, o in opacity.items() if o == 1} == near
    assert all(o < 0.2 for i, o in opacity.items() if i not in near)
    view.page.keyboard.press("Escape")
    assert set(view.opacity().values()) == {1}


# ---- the panel ------------------------------------------------------------------

def test_the_panel_lists_a_links_quotes_with_citation_occasion_coder_and_stance(bundled_study, tmp_path, open_view):
    view = open_view(write_focal_view(bundled_study, "Sue", tmp_path / "sue.html"))
    link = next(e["id"] for e in view.js("graphstudyView.drawn().edges") if e["from"] == "p:User15" and e["to"] == "t:perceptions")
    view.js("id => graphstudyView.select(id, true)", link)
    q = bundled_study.quotes.set_index("id").loc["q004"]
    panel = view.js("graphstudyView.panelText()")
    assert f"\u201c{q['text']}\u201d" in panel and f"cited as {q['citation']}" in panel
    assert "Employment, wave 2" in panel and view.page.is_visible("#gs-copy")


def test_the_panel_copies_its_quotes_with_their_citations(carers, browser, tmp_path):
    from views_browser import Opened

    path = write_focal_view(carers, "P1", tmp_path / "p1.html")
    view = Opened(browser, path)
    try:
        view.context.grant_permissions(["clipboard-read", "clipboard-write"])
        view.click_node("p:C2")
        view.page.click("#gs-copy")
        view.page.wait_for_timeout(200)
        copied = view.js("navigator.clipboard.readText()")
        assert copied == view.js("graphstudyView.copied")
        assert "\u201cShe trusts us now.\u201d (C2; 6 months; coded by ann, ben; stance positive; about P1) [c2s1]" in copied
        assert "copied 1 quote" in view.page.text_content("#gs-copied")
        assert view.js("getComputedStyle(document.getElementById('gs-panel')).userSelect") == "text"
        assert view.errors == []
    finally:
        view.close()


def test_redacted_quotes_stay_out_of_the_panel_and_the_copy(carers, tmp_path, open_view):
    view = open_view(write_focal_view(carers, "P1", tmp_path / "p1.html", redact_quotes=True, redact_attributes=True))
    view.js("graphstudyView.select('p:K1', false)")
    panel = view.js("graphstudyView.panelText()")
    assert "[quote text redacted]" in panel and "shopping" not in panel and "k1m1" in panel
    assert "shopping" not in view.js("graphstudyView.copyText()")
    assert "age band" not in panel and "40+" not in panel and "subrole: daughter" in panel


# ---- groups ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def big(tmp_path_factory):
    study = synthetic_study(round(GROUP_LIMIT * 340 / 390) + 10, seed=3)
    return study, write_study_view(study, tmp_path_factory.mktemp("big") / "big.html")


def test_a_large_study_opens_grouped_and_a_group_opens_on_click(big, open_view):
    study, path = big
    view = open_view(path)
    roles = study.participants["role"].value_counts()
    drawn = view.drawn_nodes()
    assert {i for i in drawn if i.startswith("g:")} == {f"g:role:{r}" for r in roles.index}
    assert len(drawn) == len(roles) + 11
    view.click_node("g:role:family")
    drawn = view.drawn_nodes()
    assert "g:role:family" not in drawn and sum(i.startswith("p:Family") for i in drawn) == roles["family"]
    assert view.errors == []


def test_search_in_a_grouped_view_draws_the_person_and_their_neighbours(big, open_view):
    study, path = big
    view = open_view(path)
    su = study.participants.loc[study.participants["role"] == "service_user", "id"].iloc[5]
    view.page.fill("#gs-search", su)
    view.page.press("#gs-search", "Enter")
    drawn = view.drawn_nodes()
    linked = set(study.relationships.loc[study.relationships["source_id"] == su, "target_id"])
    assert f"p:{su}" in drawn and all(f"p:{p}" in drawn for p in linked)
    assert view.js("graphstudyView.state().focus") == f"p:{su}"
    assert "g:role:service_user" in drawn  # the rest of the group stays closed


# ---- export --------------------------------------------------------------------------

def test_png_and_svg_export_what_is_shown(bundled_study, tmp_path, open_view):
    view = open_view(write_study_view(bundled_study, tmp_path / "study.html"), downloads=True)
    view.page.get_by_label("Family member").uncheck()
    with view.page.expect_download() as png:
        view.page.click("#gs-png")
    assert png.value.suggested_filename.endswith(".png")
    assert Path(png.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with view.page.expect_download() as svg:
        view.page.click("#gs-svg")
    root = ET.parse(svg.value.path()).getroot()
    ns = {"s": "http://www.w3.org/2000/svg"}
    ids = {g.get("data-id") for g in root.iterfind(".//s:g[@data-id]", ns)}
    assert ids == set(view.drawn_nodes())
    texts = " ".join(t.text or "" for t in root.iterfind(".//s:text", ns))
    assert "Sue" in texts and "Perceptions over time" in texts and "Yvonne_father" not in texts
    assert view.requests and all(u.startswith(("file://", "data:", "blob:")) for u in view.requests)


def test_svg_export_carries_hostile_names_as_text_only(tmp_path, open_view):
    study = hostile_study(tmp_path)
    view = open_view(write_study_view(study, tmp_path / "study.html"))
    root = ET.fromstring(view.js("graphstudyView.svg()"))
    tags = {el.tag.split("}")[-1] for el in root.iter()}
    assert tags <= {"svg", "title", "desc", "rect", "g", "line", "polygon", "circle", "text"}
    assert not any(k.lower().startswith("on") for el in root.iter() for k in el.attrib)
    texts = "".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
    assert IMG in texts.replace("\n", "") or USER[:20] in texts
    assert view.js("typeof window.__pwned") == "undefined"
