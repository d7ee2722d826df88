"""Coder agreement, checked against scikit-learn's Cohen's kappa and the krippendorff package.

The study is built by hand: two service users, four interviews, sixteen quotes
and three coders. Ben never codes interview P2_T2 and Cat never codes P1_T1,
so their ratings of those quotes are missing; no one codes q16. The real
NVivo export in ../shared (three users) is checked the same way.
"""

from __future__ import annotations

import io
import json
import math
import warnings
from itertools import combinations

import krippendorff
import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner
from sklearn.exceptions import UndefinedMetricWarning
from sklearn.metrics import cohen_kappa_score

from graphstudy import load_study
from graphstudy.cli import main
from graphstudy.errors import GraphStudyError
from graphstudy.reports.agreement import agreement, coder_ratings, pairwise_agreement

QUOTES = {"P1_T1": ["q01", "q02", "q03", "q04"], "P1_T2": ["q05", "q06", "q07", "q08"],
          "P2_T1": ["q09", "q10", "q11", "q12"], "P2_T2": ["q13", "q14", "q15", "q16"]}

# quote -> coder -> themes that coder applied to it
CODED = {
    "q01": {"ann": ["hope"], "ben": ["hope"]},
    "q02": {"ann": ["fear"], "ben": ["fear", "family"]},
    "q03": {"ann": ["hope_work"], "ben": ["hope"]},
    "q04": {"ben": ["family"]},
    "q05": {"ann": ["hope"], "ben": ["hope"], "cat": ["hope"]},
    "q06": {"ann": ["fear"], "cat": ["fear"]},
    "q07": {"ann": ["family"], "ben": ["family"], "cat": ["hope"]},
    "q08": {"ann": ["hope_work"], "ben": ["hope_work"], "cat": ["hope_work", "fear"]},
    "q09": {"ann": ["fear"], "ben": ["fear"], "cat": ["fear"]},
    "q10": {"ann": ["hope"], "ben": ["family"], "cat": ["hope"]},
    "q11": {"ben": ["hope_work"]},
    "q12": {"ann": ["family"], "ben": ["family"], "cat": ["family", "hope"]},
    "q13": {"ann": ["hope"], "cat": ["hope"]},
    "q14": {"ann": ["fear"]},
    "q15": {"cat": ["family"]},
}


@pytest.fixture(scope="module")
def coded_folder(tmp_path_factory):
    """A study folder of CSVs with three coders."""
    d = tmp_path_factory.mktemp("coded")
    (d / "study.toml").write_text('name = "Three coders"\n\n[[timepoints]]\nid = "T1"\norder = 1\n\n'
                                  '[[timepoints]]\nid = "T2"\norder = 2\n', encoding="utf-8")
    (d / "participants.csv").write_text("id,role\nP1,service_user\nP2,service_user\n", encoding="utf-8")
    (d / "interviews.csv").write_text("id,participant_id,timepoint\n" + "".join(
        f"{i},{i[:2]},{i[3:]}\n" for i in QUOTES), encoding="utf-8")
    (d / "themes.csv").write_text("id,name,parent_id\nhope,Hope,\nhope_work,Hope of work,hope\n"
                                  "fear,Fear,\nfamily,Family,\n", encoding="utf-8")
    (d / "quotes.csv").write_text("id,interview_id,text\n" + "".join(
        f"{q},{i},Passage {q}.\n" for i, qs in QUOTES.items() for q in qs), encoding="utf-8")
    (d / "codings.csv").write_text("quote_id,theme_id,coder\n" + "".join(
        f"{q},{t},{c}\n" for q, by in CODED.items() for c, ts in by.items() for t in ts), encoding="utf-8")
    (d / "relationships.csv").write_text("source_id,type,target_id\n", encoding="utf-8")
    return d


@pytest.fixture(scope="module")
def coded_study(coded_folder):
    return load_study(coded_folder)


def reference_matrix(study, unit="quote", rollup=None):
    """An independent build of the ratings from the study's tables: ``{theme: DataFrame units x coders}``
    of 1/0, NaN where the coder coded nothing in the unit's interview."""
    c = study.codings[study.codings["coder"] != ""].merge(
        study.quotes[["id", "interview_id"]], left_on="quote_id", right_on="id")
    if rollup:
        c = c.assign(theme_id=c["theme_id"].map(lambda t: rollup.get(t, t)))
    key = "quote_id" if unit == "quote" else "interview_id"
    coders = sorted(c["coder"].unique())
    units = sorted(c[key].unique())
    interview_of = dict(zip(c[key], c["interview_id"]))
    read = {(i, k) for i, k in zip(c["interview_id"], c["coder"])}
    out = {}
    for theme in sorted(c["theme_id"].unique()):
        yes = set(zip(c.loc[c["theme_id"] == theme, key], c.loc[c["theme_id"] == theme, "coder"]))
        out[theme] = pd.DataFrame(
            [[(1.0 if (u, k) in yes else 0.0) if (interview_of[u], k) in read else np.nan for k in coders] for u in units],
            index=units, columns=coders)
    return out


def sklearn_kappa(m, a, b):
    """scikit-learn's kappa on the units both coders saw (NaN, as scikit-learn says, where it is undefined)."""
    both = m[[a, b]].dropna()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UndefinedMetricWarning)
        return cohen_kappa_score(both[a].astype(int), both[b].astype(int), labels=[0, 1])


def test_two_coders_kappa_matches_scikit_learn_for_every_theme(coded_study):
    ref = reference_matrix(coded_study)
    got = agreement(coded_study, coders=["ann", "ben"]).set_index("theme")
    assert set(got.index) == set(ref)
    for theme, m in ref.items():
        assert got.loc[theme, "kappa"] == pytest.approx(sklearn_kappa(m, "ann", "ben"), abs=5e-5), theme


def test_two_coders_alpha_matches_krippendorff_package(coded_study):
    ref = reference_matrix(coded_study)
    got = agreement(coded_study, coders=["ann", "ben"]).set_index("theme")
    for theme, m in ref.items():
        want = krippendorff.alpha(reliability_data=m[["ann", "ben"]].T.to_numpy(), level_of_measurement="nominal")
        assert got.loc[theme, "alpha"] == pytest.approx(want, abs=5e-5), theme


def test_three_coders_alpha_matches_krippendorff_package_with_missing_ratings(coded_study):
    ref = reference_matrix(coded_study)
    got = agreement(coded_study).set_index("theme")
    assert (got["coders"] == 3).all() and got["kappa"].isna().all()
    for theme, m in ref.items():
        want = krippendorff.alpha(reliability_data=m.T.to_numpy(), level_of_measurement="nominal")
        assert got.loc[theme, "alpha"] == pytest.approx(want, abs=5e-5), theme


def test_pairwise_kappa_matches_scikit_learn_for_every_pair_and_theme(coded_study):
    ref = reference_matrix(coded_study)
    got = pairwise_agreement(coded_study).set_index(["theme", "coder_a", "coder_b"])
    assert len(got) == len(ref) * 3
    for theme, m in ref.items():
        for a, b in combinations(["ann", "ben", "cat"], 2):
            assert got.loc[(theme, a, b), "kappa"] == pytest.approx(sklearn_kappa(m, a, b), abs=5e-5), (theme, a, b)


def test_percent_agreement_is_the_share_of_units_both_coders_answered_alike(coded_study):
    # ann and ben both saw q01-q12; fear: ann q02 q06 q09, ben q02 q09 -> they differ on q06 only
    row = agreement(coded_study, coders=["ann", "ben"]).set_index("theme").loc["fear"]
    assert (row["units"], row["applied"], row["percent_agreement"]) == (12, 3, 11 / 12)


def test_quotes_of_an_interview_a_coder_never_coded_are_missing_not_absent(coded_study):
    pairs = pairwise_agreement(coded_study).set_index(["theme", "coder_a", "coder_b"])
    # ben coded nothing in P2_T2 (q13-q15); cat coded nothing in P1_T1 (q01-q04)
    assert pairs.loc[("hope", "ann", "ben"), "units"] == 12
    assert pairs.loc[("hope", "ann", "cat"), "units"] == 11
    assert pairs.loc[("hope", "ben", "cat"), "units"] == 8
    ratings = coder_ratings(coded_study)
    assert ratings[(ratings["unit_id"] == "q13") & (ratings["coder"] == "ben")].empty


def test_a_quote_no_coder_coded_is_not_a_unit(coded_study):
    ratings = coder_ratings(coded_study)
    assert "q16" not in set(ratings["unit_id"])
    assert set(agreement(coded_study)["units"]) == {15}


def test_theme_level_rolls_sub_themes_up_before_comparing(coded_study):
    sub = pairwise_agreement(coded_study, coders=["ann", "ben"]).set_index("theme")
    top = pairwise_agreement(coded_study, coders=["ann", "ben"], level="theme").set_index("theme")
    # as coded, both applied 'hope' to q01 and q05; rolled up, also to q03 (ann: hope_work, ben: hope)
    # and q08 (both hope_work)
    assert sub.loc["hope", "both"] == 2 and top.loc["hope", "both"] == 4
    assert "hope_work" not in top.index
    ref = reference_matrix(coded_study, rollup={"hope_work": "hope"})["hope"]
    assert top.loc["hope", "kappa"] == pytest.approx(sklearn_kappa(ref, "ann", "ben"), abs=5e-5)


def test_interview_unit_matches_krippendorff_package(coded_study):
    ref = reference_matrix(coded_study, unit="interview")
    got = agreement(coded_study, unit="interview").set_index("theme")
    assert set(got["units"]) == {4} and set(got["unit"]) == {"interview"}
    compared = 0
    for theme, m in ref.items():
        values = m.T.to_numpy()
        if len(set(values[~np.isnan(values)])) < 2:
            assert math.isnan(got.loc[theme, "alpha"])
            continue
        want = krippendorff.alpha(reliability_data=values, level_of_measurement="nominal")
        assert got.loc[theme, "alpha"] == pytest.approx(want, abs=5e-5), theme
        compared += 1
    assert compared >= 1


def test_kappa_is_empty_when_both_coders_apply_a_theme_to_every_unit(coded_study):
    # ann and ben both saw P1_T1, P1_T2 and P2_T1, and each applied 'hope' (rolled up) somewhere in all three
    row = agreement(coded_study, unit="interview", level="theme", coders=["ann", "ben"]).set_index("theme").loc["hope"]
    assert row["percent_agreement"] == 1.0 and math.isnan(row["kappa"]) and math.isnan(row["alpha"])


def test_a_study_without_named_coders_is_refused(bundled_study):
    with pytest.raises(GraphStudyError, match=r"at least two named coders.*has none"):
        agreement(bundled_study)


def test_an_unknown_coder_is_refused_naming_the_known_ones(coded_study):
    with pytest.raises(GraphStudyError, match=r"coder 'zed'.*ann, ben, cat"):
        agreement(coded_study, coders=["ann", "zed"])


def test_one_coder_is_not_enough(coded_study):
    with pytest.raises(GraphStudyError, match="only 'ann'"):
        agreement(coded_study, coders=["ann"])


def test_an_unknown_unit_is_refused(coded_study):
    with pytest.raises(GraphStudyError, match="unit must be one of quote, interview; got 'sentence'"):
        agreement(coded_study, unit="sentence")


def test_cli_agreement_as_csv_has_one_row_per_theme(coded_folder):
    result = CliRunner().invoke(main, ["report", "agreement", "--study", str(coded_folder), "--format", "csv"])
    assert result.exit_code == 0, result.output
    t = pd.read_csv(io.StringIO(result.stdout))
    assert list(t["theme"]) == ["hope", "hope_work", "fear", "family"]
    assert list(t.columns) == ["theme", "theme_name", "unit", "coders", "units", "applied",
                               "percent_agreement", "kappa", "alpha"]


def test_cli_agreement_pairs_for_two_named_coders_as_json(coded_folder):
    result = CliRunner().invoke(main, ["report", "agreement", "--study", str(coded_folder), "--pairs",
                                       "--coder", "ann", "--coder", "cat", "--unit", "interview", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {(r["coder_a"], r["coder_b"]) for r in rows} == {("ann", "cat")}
    assert {r["units"] for r in rows} == {3}


def test_cli_agreement_without_coders_exits_2_with_one_line():
    result = CliRunner().invoke(main, ["report", "agreement"])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "at least two named coders" in result.stderr


@pytest.fixture(scope="module")
def nvivo_study(shared_dir, tmp_path_factory):
    """The NVivo for Windows export with three users; its two sources mapped to two participants."""
    mapping = tmp_path_factory.mktemp("nvivo") / "sources.csv"
    mapping.write_text("source,participant_id,role,timepoint,wave\n"
                       "videos_10_selected,V10,service_user,T1,0\nvideos_selection,VS,service_user,T1,0\n",
                       encoding="utf-8")
    return load_study(shared_dir / "fixtures" / "qdpx" / "nvivo_win_oltas_teszt.qdpx", mapping=mapping)


def test_nvivo_export_has_three_coders(nvivo_study):
    assert nvivo_study.coders() == ["Gergo", "floriansipos", "test_user"]


def test_nvivo_export_pairwise_kappa_matches_scikit_learn(nvivo_study):
    ref = reference_matrix(nvivo_study)
    got = pairwise_agreement(nvivo_study).set_index(["theme", "coder_a", "coder_b"])
    assert len(got) == len(ref) * 3
    for theme, m in ref.items():
        for a, b in combinations(nvivo_study.coders(), 2):
            assert got.loc[(theme, a, b), "kappa"] == pytest.approx(sklearn_kappa(m, a, b), abs=5e-5, nan_ok=True)


def test_nvivo_export_alpha_matches_krippendorff_package(nvivo_study):
    ref = reference_matrix(nvivo_study)
    got = agreement(nvivo_study).set_index("theme")
    assert set(got.index) == set(ref)
    for theme, m in ref.items():
        want = krippendorff.alpha(reliability_data=m.T.to_numpy(), level_of_measurement="nominal")
        assert got.loc[theme, "alpha"] == pytest.approx(want, abs=5e-5), theme
