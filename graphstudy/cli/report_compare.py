"""``graphstudy report triangulation|cooccurrence``: groups compared at each time point, and the theme networks."""

from __future__ import annotations

import click

from ..reports.networks import WEIGHTS
from ._common import backend_option, emit, format_option, level_option, open_backend, rules_options, study_option
from .report_change import docx_option, plot_option

__all__ = ["cooccurrence", "triangulation"]


def compare_by_option(f):
    return click.option("--by", default="role", show_default=True, metavar="ATTRIBUTE",
                        help="The groups compared: role (the stakeholder groups) or any participant attribute "
                             "(gender, setting, agency, age_band, ...).")(f)


@click.command()
@compare_by_option
@level_option("theme")
@plot_option("prevalence by group over time, one panel per theme")
@docx_option("the triangulation (a section per theme, the quotes by group, the rules)")
@rules_options
@study_option
@backend_option
@format_option
def triangulation(by, level, plot_path, docx_path, rules, study_path, backend, fmt):
    """Which stakeholder groups voice each theme at each time point.

    Each group's cell reads voiced/interviewed participants ('-': nobody of
    the group interviewed then). triangulation: convergent (every group
    interviewed voices it, 2+ groups), partial (2+ groups, not all), single
    group (1 of 2+ groups), one group asked (only one group interviewed), not
    voiced. --by compares the groups of any participant attribute instead.

    \b
    Example:
      graphstudy report triangulation
      graphstudy report triangulation --level subtheme --plot prevalence.png
      graphstudy report triangulation --by gender --docx triangulation.docx
    """
    from ..reports.triangulation import triangulation as run

    b = open_backend(study_path, backend, rules)
    emit(run(b, level=level, by=by), fmt)
    if plot_path is not None:
        from ..reports.plots import plot_prevalence

        plot_prevalence(b, plot_path, level=level)
        click.echo(f"wrote {plot_path}", err=True)
    if docx_path is not None:
        from ..reports.word_reports import write_triangulation_docx

        write_triangulation_docx(docx_path, b, level=level, by=by)
        click.echo(f"wrote {docx_path}", err=True)


@click.command()
@level_option("subtheme")
@click.option("--edges", "show_edges", is_flag=True, help="List the co-occurring pairs instead of the themes.")
@click.option("--between", nargs=2, default=None, metavar="FROM TO",
              help="Compare two time points (or occasions, with --per occasion): the links gained, lost, "
                   "strengthened, weakened or steady.")
@click.option("--weight", type=click.Choice(WEIGHTS), default=WEIGHTS[0], show_default=True,
              help="With --between: a link's strength is the share of the time point's coded interviews coding "
                   "both themes, or the number of those interviews.")
@compare_by_option
@plot_option("the networks, one panel per time point (with --between: the links that changed)")
@rules_options(per_default="timepoint", per_help="One network per time point (a person's waves read as one) or per occasion.")
@study_option
@backend_option
@format_option
def cooccurrence(level, show_edges, between, weight, by, plot_path, rules, study_path, backend, fmt):
    """Theme co-occurrence per time point: centrality, the themes that bridge groups, what changed.

    Two themes co-occur when one interview has quotes coded as both. degree:
    themes it co-occurs with; betweenness: NetworkX's normalised betweenness.
    bridge: voiced by 2+ groups at the time point (stakeholder groups, or
    --by any attribute); bridge_share: each pair of groups sharing themes
    counts 1, split evenly over the themes they share, summed over the pairs
    the theme joins. --between FROM TO lists every link of either network:
    gained, lost, strengthened, weakened or steady (by --weight).

    \b
    Example:
      graphstudy report cooccurrence
      graphstudy report cooccurrence --edges --per occasion --level theme
      graphstudy report cooccurrence --between T2 T3 --plot t2-t3.png
      graphstudy export graphml t3.graphml --timepoint T3
    """
    from ..queries import theme_levels
    from ..reports.cooccurrence import cooccurrence as run
    from ..reports.networks import compare_networks

    b = open_backend(study_path, backend, rules)
    result = run(b, level=level, per=rules.per, by=by)
    book = theme_levels(b, level)
    if between:
        first, second = between
        diff = compare_networks(result, first, second, level=level, per=rules.per, weight=weight, backend=b)
        emit(diff, fmt)
        if plot_path is not None:
            from ..reports.network_plots import plot_network_change

            plot_network_change(diff, book, plot_path, first, second, weight=weight)
    else:
        emit(result.edges if show_edges else result.nodes, fmt)
        if plot_path is not None:
            from ..reports.network_plots import plot_networks

            plot_networks(result, book, plot_path)
    if plot_path is not None:
        click.echo(f"wrote {plot_path}", err=True)
