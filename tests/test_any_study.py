"""A study that is not peer support: patients (focal), family carers and clinicians.

``tests/fixtures/carers/`` (after Kendall et al. 2009's multi-perspective serial interviews):
P1 and P2 are patients; K1 cares for P1 and K2 for P2; C1 treats P1 from baseline to 3 months,
C2 treats P1 from 6 months (and P2 throughout). P1 was interviewed twice at 3 months (M3_1,
M3_2). Two coders, ann and ben, coded every quote; some codings are one coder's only. Two quotes
(k1s2, p1s3) are about no one in particular.

Every expected answer here is worked out by hand from the CSV files and the rules in
``graphstudy/queries.py`` (codebook order: burden, practical, emotional, hope, trust), and each
test runs on both engines.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from neo4j_fixtures import neo4j_settings, unique_name  # noqa: F401

from graphstudy import load_study
from graphstudy.cli import main
from graphstudy.engines.embedded import EmbeddedBackend
from graphstudy.engines.rules import with_rules
from graphstudy.errors import GraphStudyError
from graphstudy.queries import dyad, dyad_summary, shifts, themes, trajectory

CARERS = Path(__file__).parent / "fixtures" / "carers"


@pytest.fixture(scope="module")
def carers():
    return load_study(CARERS)


@pytest.fixture(scope="module", params=["embedded", "neo4j"])
def engine(request, carers):
    """The carers study on one engine."""
    if request.param == "embedded":
        yield EmbeddedBackend(carers)
        return
    from graphstudy.engines.neo4j.backend import Neo4jBackend
    from graphstudy.engines.neo4j.load import load_into_neo4j, remove_from_neo4j

    settings = request.getfixturevalue("neo4j_settings")
    study = carers.replace(name=unique_name("carers"))
    load_into_neo4j(study, progress=False, settings=settings)
    neo = Neo4jBackend(study.name, settings)
    yield neo
    neo.close()
    remove_from_neo4j(study.name, settings)


SHIFT_COLS = ["participant", "theme", "from_occasion", "to_occasion", "change", "from_count", "to_count",
              "stance_from", "stance_to", "stance_change", "evidence"]


def rows(frame, cols):
    return [tuple(r) for r in frame[cols].itertuples(index=False)]


# ---- shifts ------------------------------------------------------------------------------------

def test_shifts_of_a_patient_use_each_relationship_only_inside_its_span(engine):
    # C1 treats P1 from B to M3: C1's M6 interview (c1s1) is outside the dyad.
    # C2 treats P1 from M6: C2's M3_2 quote about P1 (c2m2) is outside; one occasion left, no step.
    # k1s2 has no 'about': not part of K1's dyad with P1.
    t = shifts(engine, "P1")
    assert rows(t, SHIFT_COLS) == [
        ("C1", "practical", "B", "M3_1", "emerged", 0, 1, "", "neutral", "", "c1m1"),
        ("C1", "hope", "B", "M3_1", "ceased", 1, 0, "mixed", "", "", "c1b1"),
        ("K1", "practical", "B", "M3_1", "constant", 1, 1, "negative", "negative", "", "k1b1;k1m1"),
        ("K1", "emotional", "B", "M3_1", "emerged", 0, 2, "", "negative", "", "k1m1;k1m2"),
        ("K1", "hope", "B", "M3_1", "ceased", 1, 0, "positive", "", "", "k1b2"),
        ("K1", "practical", "M3_1", "M6", "constant", 1, 1, "negative", "positive", "negative→positive", "k1m1;k1s1"),
        ("K1", "emotional", "M3_1", "M6", "ceased", 2, 0, "negative", "", "", "k1m1;k1m2"),
        ("K1", "trust", "M3_1", "M6", "emerged", 0, 1, "", "positive", "", "k1s1"),
    ]
    assert set(zip(t["participant"], t["role"], t["relationship"], t["focal"])) == {
        ("C1", "clinician", "TREATS", "P1"), ("K1", "carer", "CARES_FOR", "P1")}


def test_shifts_with_two_coders_required_drop_one_coders_codings(engine):
    # ann only: k1b2 hope, k1s1 trust; ben only: k1m1 emotional.
    t = shifts(with_rules(engine, min_coders=2), "P1")
    assert rows(t[t["participant"] == "K1"], SHIFT_COLS[:7]) == [
        ("K1", "practical", "B", "M3_1", "constant", 1, 1),
        ("K1", "emotional", "B", "M3_1", "emerged", 0, 1),
        ("K1", "practical", "M3_1", "M6", "constant", 1, 1),
        ("K1", "emotional", "M3_1", "M6", "ceased", 1, 0),
    ]
    assert len(t[t["participant"] == "C1"]) == 2


@pytest.mark.parametrize("coder, expected", [
    ("ben", [("practical", "B", "constant", 1, 1), ("emotional", "B", "emerged", 0, 2),
             ("practical", "M3_1", "constant", 1, 1), ("emotional", "M3_1", "ceased", 2, 0)]),
    ("ann", [("practical", "B", "constant", 1, 1), ("emotional", "B", "emerged", 0, 1), ("hope", "B", "ceased", 1, 0),
             ("practical", "M3_1", "constant", 1, 1), ("emotional", "M3_1", "ceased", 1, 0),
             ("trust", "M3_1", "emerged", 0, 1)]),
])
def test_shifts_by_one_coder_count_only_that_coders_codings(engine, coder, expected):
    t = shifts(with_rules(engine, coders=[coder]), "P1")
    k1 = t[t["participant"] == "K1"]
    assert rows(k1, ["theme", "from_occasion", "change", "from_count", "to_count"]) == expected


def test_shifts_of_someone_not_in_a_focal_role_name_both_roles_by_label(engine):
    with pytest.raises(GraphStudyError, match=r"'K1' is a Family carer, not a Patient"):
        shifts(engine, "K1")


def test_shifts_of_one_role_keep_only_that_role(engine):
    t = shifts(engine, "P1", role="carer")
    assert set(t["participant"]) == {"K1"} and len(t) == 6


def test_an_unknown_role_is_refused_naming_the_studys_roles(engine):
    with pytest.raises(GraphStudyError, match=r"nurse.*carer"):
        shifts(engine, "P1", role="nurse")


# ---- trajectory and waves ----------------------------------------------------------------------

def test_trajectory_counts_every_quote_of_the_person_including_those_about_no_one(engine):
    t = trajectory(engine, "P1")
    assert list(t.columns) == ["theme", "theme_name", "B", "M3_1", "M3_2", "M6"]
    assert rows(t, list(t.columns[[0, 2, 3, 4, 5]])) == [
        ("practical", 1, 0, 1, 1),   # p1b1; p1m2 (ben); p1s1
        ("emotional", 0, 1, 1, 0),   # p1m1; p1m2 (ann)
        ("hope", 0, 0, 0, 1),        # p1s3, about no one
        ("trust", 1, 0, 0, 1),       # p1b2; p1s2
    ]


def test_trajectory_by_time_point_reads_the_waves_of_3_months_as_one(engine):
    t = trajectory(with_rules(engine, per="timepoint"), "P1")
    assert list(t.columns) == ["theme", "theme_name", "B", "M3", "M6"]
    assert rows(t, ["theme", "B", "M3", "M6"]) == [
        ("practical", 1, 1, 1), ("emotional", 0, 2, 0), ("hope", 0, 0, 1), ("trust", 1, 0, 1)]


def test_an_occasion_interviewed_with_nothing_kept_stays_a_column_of_zeros(engine):
    # with both coders required p1m2 (emotional by ann, practical by ben) counts for nothing,
    # but P1 was interviewed at M3_2: zeros, not a missing column
    t = trajectory(with_rules(engine, min_coders=2), "P1")
    assert rows(t, ["theme", "B", "M3_1", "M3_2", "M6"]) == [
        ("practical", 1, 0, 0, 1), ("emotional", 0, 1, 0, 0), ("hope", 0, 0, 0, 1), ("trust", 1, 0, 0, 1)]


# ---- two-sided dyads ---------------------------------------------------------------------------

DYAD_COLS = ["occasion", "theme", "voiced", "a_count", "b_count", "a_stance", "b_stance", "stances", "state", "trend"]


def test_a_two_sided_dyad_sets_each_partners_account_beside_the_others(engine):
    d = dyad(engine, "P1", "K1")
    assert rows(d, DYAD_COLS) == [
        ("B", "practical", "both", 1, 1, "mixed", "negative", "differ", "contrast", ""),
        ("B", "hope", "only b", 0, 1, "", "positive", "", "contrast", ""),
        ("M3_1", "practical", "only b", 0, 1, "", "negative", "", "contrast", "steady"),
        ("M3_1", "emotional", "both", 1, 2, "negative", "negative", "agree", "overlap", ""),
        ("M3_2", "practical", "only a", 1, 0, "negative", "", "", "", ""),    # K1 not interviewed at M3_2
        ("M3_2", "emotional", "only a", 1, 0, "negative", "", "", "", ""),
        ("M6", "practical", "both", 1, 1, "positive", "positive", "agree", "overlap", "converges"),
        ("M6", "trust", "only b", 0, 1, "", "positive", "", "contrast", ""),
    ]
    assert rows(d, ["occasion", "a_interviewed", "b_interviewed"])[4] == ("M3_2", True, False)
    assert rows(d, ["a_evidence", "b_evidence"])[3] == ("p1m1", "k1m1;k1m2")
    assert set(d["a"]) == {"P1"} and set(d["b"]) == {"K1"}


def test_the_dyad_summary_says_whether_the_accounts_converge(engine):
    s = dyad_summary(engine, "P1", "K1")
    assert rows(s, ["theme", "occasions", "first_state", "last_state", "accounts", "a_total", "b_total"]) == [
        ("practical", 3, "contrast", "overlap", "converge", 3, 3),
        ("emotional", 1, "overlap", "overlap", "one occasion", 2, 2),
        ("hope", 1, "contrast", "contrast", "one occasion", 0, 1),
        ("trust", 1, "contrast", "contrast", "one occasion", 0, 1),
    ]


def test_a_dyad_ends_with_its_relationship(engine):
    # C1 treats P1 from B to M3: no M6 rows, though both were interviewed at M6
    d = dyad(engine, "P1", "C1")
    assert rows(d, ["occasion", "theme", "voiced", "state"]) == [
        ("B", "hope", "only b", "contrast"),
        ("B", "trust", "only a", "contrast"),
        ("M3_1", "practical", "only b", "contrast"),
        ("M3_2", "", "neither", ""),
    ]


def test_a_dyad_begins_with_its_relationship(engine):
    # C2 treats P1 from M6: c2m2 (M3_2) is before the relationship
    d = dyad(engine, "P1", "C2")
    assert rows(d, DYAD_COLS) == [("M6", "trust", "both", 1, 1, "positive", "positive", "agree", "overlap", "")]


def test_a_dyad_needs_a_relationship(engine):
    with pytest.raises(GraphStudyError, match=r"'K1' and 'C1' have no relationship"):
        dyad(engine, "K1", "C1")


def test_a_two_sided_dyad_with_two_coders_required(engine):
    d = dyad(with_rules(engine, min_coders=2), "P1", "K1")
    assert rows(d, ["occasion", "theme", "voiced", "b_count", "state", "trend"]) == [
        ("B", "practical", "both", 1, "contrast", ""),
        ("M3_1", "practical", "only b", 1, "contrast", "steady"),
        ("M3_1", "emotional", "both", 1, "overlap", ""),
        ("M3_2", "", "neither", 0, "", ""),
        ("M6", "practical", "both", 1, "overlap", "converges"),
    ]


# ---- themes: the study's roles, in its order ---------------------------------------------------

def test_themes_group_by_the_studys_roles_in_its_order(engine):
    t = themes(engine, level="theme")
    assert list(dict.fromkeys(t["role"])) == ["patient", "carer", "clinician"]
    cell = t.set_index(["theme", "role", "timepoint"])[["coded", "interviewed"]]
    assert tuple(cell.loc[("burden", "carer", "M6")]) == (2, 2)       # k1s1 practical; k2s1 emotional
    assert tuple(cell.loc[("burden", "clinician", "M3")]) == (2, 2)   # c1m1; c2m1
    assert tuple(cell.loc[("burden", "patient", "B")]) == (1, 2)      # p1b1; P2 only trust at B


# ---- the command line --------------------------------------------------------------------------

def test_the_cli_says_which_coding_rule_it_used_when_a_study_has_two_coders():
    result = CliRunner().invoke(main, ["shifts", "--focal", "P1", "--study", str(CARERS), "--min-coders", "2",
                                       "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert "coding rule" in result.stderr and "2" in result.stderr
    assert "emotional" in result.stdout and "k1b2" not in result.stdout


def test_the_cli_keeps_psw_as_an_alias_of_focal():
    a = CliRunner().invoke(main, ["shifts", "--psw", "Sue", "--format", "csv"])
    b = CliRunner().invoke(main, ["shifts", "--focal", "Sue", "--format", "csv"])
    assert a.exit_code == 0 and a.stdout == b.stdout and "User15" in a.stdout


def test_an_unknown_coder_is_one_line_naming_the_known_ones():
    result = CliRunner().invoke(main, ["shifts", "--focal", "P1", "--study", str(CARERS), "--coder", "zed"])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "zed" in lines[0] and "ann" in lines[0] and "ben" in lines[0]


def test_validate_warns_of_quotes_about_no_one_by_people_who_have_relationships():
    result = CliRunner().invoke(main, ["validate", str(CARERS)])
    assert result.exit_code == 0
    assert any("2 quote" in line and "about" in line for line in result.stderr.splitlines())
