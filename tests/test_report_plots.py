"""``--plot``: each picture is written whole, in the format its suffix names, or not at all."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from matplotlib.figure import Figure

from graphstudy.cli import main
from graphstudy.errors import GraphStudyError
from graphstudy.reports.plots import plot_case, plot_changes, plot_prevalence, plot_saturation, save_figure
from graphstudy.reports.saturation import saturation

PNG = b"\x89PNG\r\n\x1a\n"


def test_case_heatmap_is_a_png(bundled_study, tmp_path):
    out = plot_case(bundled_study, "Sue & Co-worker07", tmp_path / "dyad.png", by="dyad")
    assert out.read_bytes()[:8] == PNG


def test_case_heatmap_marks_not_interviewed_cells(bundled_study, tmp_path):
    svg = plot_case(bundled_study, "User16", tmp_path / "u16.svg").read_text(encoding="utf-8")
    assert svg.count("not") >= 4  # the four T2 cells say "not interviewed"


def test_change_overview_is_an_svg(bundled_study, tmp_path):
    svg = plot_changes(bundled_study, tmp_path / "all.svg").read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<?xml") and "Co-worker_mn05" in svg


def test_prevalence_plot_is_a_png(bundled_study, tmp_path):
    assert plot_prevalence(bundled_study, tmp_path / "p.png").read_bytes()[:8] == PNG


def test_saturation_curve_is_a_png(bundled_study, tmp_path):
    assert plot_saturation(saturation(bundled_study), tmp_path / "s.png").read_bytes()[:8] == PNG


def test_other_suffix_is_refused_and_nothing_written(bundled_study, tmp_path):
    with pytest.raises(GraphStudyError, match=r"writes \.png or \.svg; got '\.pdf'"):
        plot_prevalence(bundled_study, tmp_path / "p.pdf")
    assert list(tmp_path.iterdir()) == []


def test_missing_folder_is_refused(tmp_path):
    with pytest.raises(GraphStudyError, match="does not exist"):
        save_figure(Figure(), tmp_path / "no" / "p.png")


def test_cli_changes_plots_one_case_as_a_heatmap(tmp_path):
    out = tmp_path / "eliza.png"
    r = CliRunner().invoke(main, ["report", "changes", "--case", "Eliza", "--plot", str(out)])
    assert r.exit_code == 0, r.output
    assert out.read_bytes()[:8] == PNG


def test_cli_matrix_plots_the_overview_without_a_case(tmp_path):
    out = tmp_path / "overview.svg"
    r = CliRunner().invoke(main, ["report", "matrix", "--by", "dyad", "--plot", str(out), "--format", "csv"])
    assert r.exit_code == 0, r.output
    assert "Tom &amp; Co-worker_mn05" in out.read_text(encoding="utf-8")


def test_cli_bad_plot_name_fails_before_printing(tmp_path):
    r = CliRunner().invoke(main, ["report", "changes", "--plot", str(tmp_path / "x.jpg")])
    assert (r.exit_code, r.output.startswith("error: ")) == (2, True)
