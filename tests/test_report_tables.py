"""The paper's Table 1, Table 2 and Figure 1 from the bundled data, set beside the design in study.toml."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest
from click.testing import CliRunner
from neo4j_fixtures import neo4j_settings  # noqa: F401

from graphstudy import load_study
from graphstudy.cli import main
from graphstudy.reports.paper_tables import figure1, table1, table2


def cell(t, group, characteristic, category="number"):
    rows = t[(t["group"] == group) & (t["characteristic"] == characteristic) & (t["category"] == category)]
    assert len(rows) == 1, (group, characteristic, category)
    r = rows.iloc[0]
    return int(r["data"]), (None if pd.isna(r["design"]) else int(r["design"])), r["flag"]


@pytest.fixture(scope="module")
def t1(bundled_study):
    return table1(bundled_study)


@pytest.fixture(scope="module")
def f1(bundled_study):
    return figure1(bundled_study)


def test_table1_shows_7_of_15_service_users(t1):
    assert cell(t1, "service_user", "participants") == (7, 15, "fewer in data: 7 of 15")


def test_table1_psw_count_and_gender_agree_with_the_design(t1):
    assert cell(t1, "psw", "participants") == (5, 5, "")
    assert cell(t1, "psw", "gender", "M") == (1, 1, "")
    assert cell(t1, "psw", "gender", "F") == (4, 4, "")


def test_table1_co_worker_roles_beside_the_design_with_the_unstated(t1):
    assert cell(t1, "co_worker", "subrole", "supervisor") == (2, 7, "fewer in data: 2 of 7")
    assert cell(t1, "co_worker", "subrole", "mentor") == (3, 5, "fewer in data: 3 of 5")
    assert cell(t1, "co_worker", "subrole", "non_peer_colleague") == (0, 2, "fewer in data: 0 of 2")
    assert cell(t1, "co_worker", "subrole", "(not stated)") == (2, None, "not stated in the data")


def test_table1_psw_employment_is_not_stated_in_the_data(t1):
    assert cell(t1, "psw", "subrole", "part_time") == (0, 3, "fewer in data: 0 of 3")
    assert cell(t1, "psw", "subrole", "(not stated)") == (5, None, "not stated in the data")


def test_table1_family_members_are_flagged_as_not_in_the_design(t1):
    assert cell(t1, "family", "participants") == (3, None, "not in design")


def test_table1_totals_are_22_of_34_participants_and_29_of_77_interviews(t1):
    assert cell(t1, "all", "participants") == (22, 34, "fewer in data: 22 of 34")
    assert cell(t1, "all", "interviews") == (29, 77, "fewer in data: 29 of 77")


def test_table1_data_counts_equal_the_participants_table(bundled_study, t1):
    by_role = bundled_study.participants["role"].value_counts()
    for role, n in by_role.items():
        assert cell(t1, role, "participants")[0] == n


def test_table1_flags_every_cell_where_data_and_design_differ(t1):
    differ = t1["data"].astype("Int64") != t1["design"]
    assert (t1.loc[differ.fillna(False), "flag"] != "").all()
    assert (t1.loc[(~differ).fillna(False), "flag"] == "").all()


def test_table1_without_a_design_has_no_design_figures(bundled_study):
    t = table1(bundled_study, design={})
    assert t["design"].isna().all()
    assert cell(t, "service_user", "participants") == (7, None, "not in design")


def test_table1_reads_a_subrole_section_given_per_role(bundled_study):
    design = {"participants": {"co_worker": 14}, "roles": {"co_worker": {"supervisor": 2, "mentor": 3}}}
    t = table1(bundled_study, design=design)
    assert cell(t, "co_worker", "subrole", "supervisor") == (2, 2, "")
    assert cell(t, "co_worker", "subrole", "mentor") == (3, 3, "")


def test_table2_lists_the_3_themes_and_8_sub_themes_in_codebook_order(bundled_study):
    t = table2(bundled_study)
    assert list(t["subtheme"] == "") == [True, False, False, False, False, True, False, False, True, False, False]
    assert list(t.loc[t["subtheme"] != "", "subtheme"]) == list(bundled_study.themes.loc[bundled_study.themes["parent_id"] != "", "id"])
    assert t.loc[0, "name"] == "Perceptions over time about peer support workers"


def test_table2_theme_counts_its_sub_themes_quotes(bundled_study):
    t = table2(bundled_study).set_index(["theme", "subtheme"])
    assert t.loc[("family_role", ""), "quotes"] == t.loc[("family_role", "supporting_psws"), "quotes"] + t.loc[("family_role", "family_concerns"), "quotes"]
    assert t.loc[("family_role", ""), "groups"] == "psw"


def test_table2_flags_a_sub_theme_with_no_quotes():
    study = load_study()
    study = study.replace(codings=study.codings[study.codings["theme_id"] != "asset"].reset_index(drop=True))
    t = table2(study).set_index("subtheme")
    assert (t.loc["asset", "quotes"], t.loc["asset", "flag"]) == (0, "no quotes in the data")


def test_table2_flags_quotes_coded_to_a_theme_itself(bundled_study):
    t = table2(bundled_study).set_index(["theme", "subtheme"])
    assert t.loc[("perceptions", ""), "flag"] == "4 quote(s) coded to the theme itself, not to a sub-theme"
    assert t.loc[("family_role", ""), "flag"] == ""


def test_figure1_cells_beside_the_papers_cells(f1):
    got = {(r.group, r.timepoint): (r.cell, r.design_cell) for r in f1.itertuples()}
    assert got[("psw", "T3")] == ("4(4)", "16(5)")
    assert got[("service_user", "T3")] == ("8(5)", "15(10)")
    assert got[("co_worker", "total")] == ("11(7)", "31(14)")


def test_figure1_keeps_a_time_point_nobody_was_interviewed_at(f1):
    row = f1[(f1["group"] == "service_user") & (f1["timepoint"] == "T1")].iloc[0]
    assert (row["cell"], row["design_cell"], row["flag"], row["label"]) == ("0(0)", "0(0)", "", "Training")


def test_figure1_interviews_add_up_to_the_interviews_table(bundled_study, f1):
    per_tp = f1[f1["timepoint"] != "total"]
    by_group = per_tp[per_tp["group"] != "all"]
    assert by_group["interviews"].sum() == len(bundled_study.interviews)
    assert per_tp.loc[per_tp["group"] == "all", "interviews"].tolist() == by_group.groupby("timepoint", sort=False)["interviews"].sum().tolist()
    totals = f1[f1["timepoint"] == "total"].set_index("group")["interviews"]
    assert per_tp.groupby("group")["interviews"].sum().to_dict() == totals.to_dict()


def test_figure1_flags_fewer_interviews_and_participants(f1):
    row = f1[(f1["group"] == "psw") & (f1["timepoint"] == "T2")].iloc[0]
    assert row["flag"] == "fewer interviews in data: 1 of 5; fewer participants in data: 1 of 5"


def test_figure1_takes_the_design_of_another_study(bundled_study):
    other = bundled_study.replace(design={"interviews": {"psw": {"T1": 3}}, "interviewed_participants": {"psw": {"T1": 3}}})
    f = figure1(bundled_study, design=other).set_index(["group", "timepoint"])
    assert f.loc[("psw", "T1"), "flag"] == ""
    assert pd.isna(f.loc[("psw", "T2"), "design_interviews"])


def test_cli_table1_as_csv_shows_the_service_user_gap():
    result = CliRunner().invoke(main, ["report", "table1", "--format", "csv"])
    assert result.exit_code == 0, result.output
    t = pd.read_csv(io.StringIO(result.stdout), keep_default_na=False)
    assert list(t.columns) == ["group", "characteristic", "category", "data", "design", "flag"]
    assert "fewer in data: 7 of 15" in set(t["flag"])


def test_cli_table2_prints_every_theme():
    result = CliRunner().invoke(main, ["report", "table2"])
    assert result.exit_code == 0, result.output
    assert all(t in result.stdout for t in ("perceptions", "service_user_changes", "family_role", "family_concerns"))


def test_cli_figure1_as_json_gives_the_cells():
    result = CliRunner().invoke(main, ["report", "figure1", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {"group": "psw", "timepoint": "total", "cell": "8(5)", "design_cell": "26(5)"}.items() <= next(
        r for r in rows if r["group"] == "psw" and r["timepoint"] == "total").items()


def test_cli_figure1_on_a_missing_study_exits_2_with_one_line(tmp_path):
    result = CliRunner().invoke(main, ["report", "figure1", "--study", str(tmp_path / "nowhere.xlsx")])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "nowhere.xlsx" in result.stderr


@pytest.mark.neo4j
@pytest.mark.parametrize("command", ["table1", "figure1"])
def test_cli_on_neo4j_sets_the_data_beside_the_design_of_study(bundled_study, neo4j_settings, command):  # noqa: F811
    from graphstudy.engines.neo4j.load import load_into_neo4j

    load_into_neo4j(bundled_study, progress=False, settings=neo4j_settings)
    runner = CliRunner()
    embedded = runner.invoke(main, ["report", command, "--format", "csv"])
    neo = runner.invoke(main, ["report", command, "--backend", "neo4j", "--format", "csv"],
                        env={"NEO4J_URI": neo4j_settings.uri})
    assert neo.exit_code == 0, neo.output
    assert neo.stdout == embedded.stdout
    assert "in data: 7 of 15" in neo.stdout
