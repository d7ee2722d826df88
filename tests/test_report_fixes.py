"""The write-up issue's fixes: an all-groups total in figure1 and table1, full precision in CSV and JSON."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
from click.testing import CliRunner

from graphstudy import load_study
from graphstudy.cli import main
from graphstudy.reports.agreement import agreement
from graphstudy.reports.paper_tables import figure1, table1

CARERS = Path(__file__).parent / "fixtures" / "carers"


def test_figure1_ends_with_the_all_groups_total_the_design_promised(bundled_study):
    f = figure1(bundled_study).set_index(["group", "timepoint"])
    total = f.loc[("all", "total")]
    # the paper's Figure 1: 77 interviews = 26 (PSWs) + 20 (service users) + 31 (co-workers); 34 participants
    assert (total["design_interviews"], total["design_participants"]) == (77, 34)
    # 22 participants in the data, of whom 19 were interviewed (the three family members never were)
    assert (total["interviews"], total["cell"]) == (29, "29(19)")
    assert total["flag"] == "fewer interviews in data: 29 of 77; fewer participants in data: 19 of 34"
    # per time point, the sum over the groups: T3 has 16 + 15 + 15 interviews in the design
    assert f.loc[("all", "T3"), "design_interviews"] == 16 + 15 + 15
    assert list(f.index.get_level_values(0))[-4:] == ["all"] * 4


def test_figure1_total_on_a_study_without_a_design_counts_every_group():
    f = figure1(load_study(CARERS)).set_index(["group", "timepoint"])
    # by hand from interviews.csv: B: P1 P2 K1 K2 C1; M3: P1 (two waves) K1 C1 C2; M6: everyone
    assert [f.loc[("all", tp), "cell"] for tp in ("B", "M3", "M6", "total")] == ["5(5)", "5(4)", "6(6)", "16(6)"]
    assert pd.isna(f.loc[("all", "total"), "design_interviews"])


def test_table1_all_groups_rows_hold_the_design_total(bundled_study):
    t = table1(bundled_study)
    row = t[(t["group"] == "all") & (t["characteristic"] == "interviews")].iloc[0]
    assert (row["data"], row["design"]) == (29, 77)


def test_json_and_csv_carry_full_precision_and_the_table_rounds():
    ref = agreement(load_study(CARERS)).set_index("theme")
    run = CliRunner()
    as_json = json.loads(run.invoke(main, ["report", "agreement", "--study", str(CARERS), "--format", "json"]).output)
    kappa = {r["theme"]: r["kappa"] for r in as_json}
    assert kappa == ref["kappa"].to_dict()
    assert kappa["emotional"] == 13 / 19  # chance agreement by hand: p_obs 21/24, p_exp (8*8+16*16)/24^2
    as_csv = pd.read_csv(io.StringIO(run.invoke(main, ["report", "agreement", "--study", str(CARERS), "--format", "csv"]).output))
    assert as_csv.set_index("theme")["kappa"].to_dict() == ref["kappa"].to_dict()
    table = run.invoke(main, ["report", "agreement", "--study", str(CARERS)]).output
    assert "0.6842" in table and "0.68421" not in table


def test_the_table_shows_a_missing_design_figure_as_blank_not_na():
    out = CliRunner().invoke(main, ["report", "figure1", "--study", str(CARERS)]).output
    assert "<NA>" not in out and "16(6)" in out
