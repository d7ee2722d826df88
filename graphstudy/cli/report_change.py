"""``graphstudy report changes|matrix|triangulation|saturation|cooccurrence``: thin click commands."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import click

from ..errors import GraphStudyError
from ..reports.changes import CASE_KINDS, CHANGE_LABELS
from ._common import backend_option, emit, format_option, level_option, open_backend, rules_options, study_option

__all__ = ["changes", "cooccurrence", "matrix", "saturation", "triangulation"]


def by_option(f):
    """``--cases participant|dyad`` (``--by participant|dyad`` still accepted), handed on as ``by``."""
    @functools.wraps(f)
    def command(*args, case_kind, by, **kwargs):
        if by is not None and case_kind is not None and by != case_kind:
            raise GraphStudyError(f"--cases {case_kind} and --by {by} disagree; give one (--by is the old name of --cases)")
        return f(*args, by=by or case_kind or CASE_KINDS[0], **kwargs)

    command = click.option("--by", type=click.Choice(CASE_KINDS), default=None, hidden=True,
                           help="The old name of --cases.")(command)
    return click.option("--cases", "case_kind", type=click.Choice(CASE_KINDS), default=None,
                        help="Cases are participants (all their quotes; the default) or dyads (one person's quotes "
                             "about one focal person, while their relationship holds).")(command)


def case_option(f):
    return click.option("--case", "cases", multiple=True, metavar="CASE",
                        help="Only this case (repeatable): a participant id; with --cases dyad also 'FOCAL & OTHER', "
                             "a focal person (all their dyads) or the other person.")(f)


def _plot_path(ctx, param, value):
    if value is None:
        return None
    from ..reports.plots import check_plot_path

    return check_plot_path(value)


def plot_option(what: str):
    def deco(f):
        return click.option("--plot", "plot_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
                            callback=_plot_path, metavar="FILE.png|FILE.svg",
                            help=f"Also draw {what}.")(f)
    return deco


def _xlsx_path(ctx, param, value):
    if value is None:
        return None
    from ..reports.matrix import check_xlsx_path

    return check_xlsx_path(value)


@click.command()
@by_option
@case_option
@click.option("--change", "only", multiple=True, metavar="LABEL", type=click.Choice(CHANGE_LABELS),
              help="Only rows with this label (repeatable): " + ", ".join(CHANGE_LABELS) + ".")
@click.option("--surge", type=click.IntRange(min=1), default=2, show_default=True,
              help="Smallest rise in quotes between consecutive interviewed occasions that counts as a surge.")
@level_option("subtheme")
@plot_option("a theme x occasion heatmap (one case) or a themes x cases overview")
@rules_options
@study_option
@backend_option
@format_option
def changes(by, cases, only, surge, level, plot_path, rules, study_path, backend, fmt):
    """What emerges, grows, surges, fades, stays or is missing, per case and theme.

    Saldaña's (2003) descriptive questions, answered by our rules over the
    counts c1..cn of the case's quotes coded as the theme at the n occasions
    the case was interviewed. Occasions where the case was NOT interviewed are
    skipped (shown '-' in `series`, listed in `not_interviewed`), never read
    as "theme absent" (0). Every label that applies is listed:

    \b
      emerges        n>=2, c1 = 0 and cn > 0
      increases      n>=2, c1 > 0 and cn > c1
      cumulative     n>=3; from its first appearance present at every later
                     occasion, never falling, rising at least once
      surges         a rise of >= --surge quotes that at least doubles the count
                     (a turn of stance shows in stance_change)
      decreases      n>=2, c1 > 0, 0 < cn < c1
      ceases         n>=2, c1 > 0 and cn = 0
      constant       n>=2, present every time, same count
      consistent     n>=2, present every time, count varying
      idiosyncratic  the count both rises and falls (n>=3)
      missing        never present, though a peer of the same group voiced it
                     at an occasion the case was interviewed
      one occasion   interviewed once, theme present: no change to read

    \b
    Example:
      graphstudy report changes --case Co-worker07
      graphstudy report changes --cases dyad --case Sue --change constant
      graphstudy report changes --case User16 --plot user16.png
    """
    from ..reports.changes import changes as run
    from ..reports.plots import plot_case, plot_changes

    b = open_backend(study_path, backend, rules)
    result = run(b, by=by, level=level, surge=surge, cases=list(cases) or None)
    if only:
        keep = result["change"].str.split(";").map(lambda labels: bool(set(labels) & set(only)))
        result = result[keep]
    emit(result, fmt)
    if plot_path is not None:
        one = list(dict.fromkeys(result["case"]))
        if len(one) == 1:
            plot_case(b, one[0], plot_path, by=by, level=level)
        else:
            plot_changes(b, plot_path, by=by, level=level, cases=list(cases) or None)
        click.echo(f"wrote {plot_path}", err=True)


@click.command()
@by_option
@case_option
@click.option("--long", "long_", is_flag=True, help="One row per case, theme and occasion, with the quotes.")
@click.option("--xlsx", "xlsx_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              callback=_xlsx_path, metavar="FILE.xlsx", help="Also write the framework matrix workbook: key, cross-case sheet, a sheet per case.")
@level_option("subtheme")
@plot_option("a theme x occasion heatmap (one case) or a themes x cases overview")
@rules_options
@study_option
@backend_option
@format_option
def matrix(by, cases, long_, xlsx_path, level, plot_path, rules, study_path, backend, fmt):
    """Trajectory and cross-case matrices (after Grossoehme & Lipstein 2016).

    Without --case: themes x cases, each cell describing the change
    ('constant: T3_1=1, T3_2=1; negative→positive'). With one --case: that
    case's themes x occasions, the quotes in the cells ('not interviewed'
    where the case was not interviewed, empty where interviewed and the theme
    absent). --long gives the evidence as one row per case, theme and
    occasion; --xlsx writes everything as an NVivo-style framework matrix.

    \b
    Example:
      graphstudy report matrix --format csv > cross-case.csv
      graphstudy report matrix --cases dyad --case "Sue & Co-worker07"
      graphstudy report matrix --cases dyad --xlsx framework.xlsx
    """
    from ..reports import matrix as m
    from ..reports.plots import plot_case, plot_changes

    b = open_backend(study_path, backend, rules)
    wanted = list(cases) or None
    if long_:
        emit(m.evidence(b, by=by, level=level, cases=wanted), fmt)
    elif wanted and len(wanted) == 1:
        ev = m.evidence(b, by=by, level=level, cases=wanted)
        for case in dict.fromkeys(ev["case"]):
            emit(m.case_matrix(b, case, by=by, level=level, ev=ev), fmt)
    else:
        emit(m.cross_case_matrix(b, by=by, level=level, cases=wanted), fmt)
    if xlsx_path is not None:
        m.write_framework_matrix(xlsx_path, b, by=by, level=level, cases=wanted)
        click.echo(f"wrote {xlsx_path}", err=True)
    if plot_path is not None:
        from ..reports.changes import changes as run

        shown = list(dict.fromkeys(run(b, by=by, level=level, cases=wanted)["case"]))
        if len(shown) == 1:
            plot_case(b, shown[0], plot_path, by=by, level=level)
        else:
            plot_changes(b, plot_path, by=by, level=level, cases=wanted)
        click.echo(f"wrote {plot_path}", err=True)


@click.command()
@level_option("theme")
@plot_option("prevalence by group over time, one panel per theme")
@rules_options
@study_option
@backend_option
@format_option
def triangulation(level, plot_path, rules, study_path, backend, fmt):
    """Which stakeholder groups voice each theme at each time point.

    Each group's cell reads voiced/interviewed participants ('-': nobody of
    the group interviewed then). triangulation: convergent (every group
    interviewed voices it, 2+ groups), partial (2+ groups, not all), single
    group (1 of 2+ groups), one group asked (only one group interviewed), not
    voiced.

    \b
    Example:
      graphstudy report triangulation
      graphstudy report triangulation --level subtheme --plot prevalence.png
    """
    from ..reports.plots import plot_prevalence
    from ..reports.triangulation import triangulation as run

    b = open_backend(study_path, backend, rules)
    emit(run(b, level=level), fmt)
    if plot_path is not None:
        plot_prevalence(b, plot_path, level=level)
        click.echo(f"wrote {plot_path}", err=True)


@click.command()
@click.option("--base", type=click.IntRange(min=1), default=4, show_default=True,
              help="Base size: the first interviews whose distinct themes are the denominator.")
@click.option("--run", "run_length", type=click.IntRange(min=1), default=2, show_default=True,
              help="Run length: interviews per run; runs move on one interview at a time.")
@click.option("--threshold", type=click.FloatRange(0, 100), default=5.0, show_default=True, metavar="PERCENT",
              help="New-information threshold: saturation at the first run whose new themes are at most this "
                   "percentage of the base's themes (0: none new).")
@level_option("subtheme")
@plot_option("the cumulative curve of distinct themes, with the base and the confirming run")
@rules_options
@study_option
@backend_option
@format_option
def saturation(base, run_length, threshold, level, plot_path, rules, study_path, backend, fmt):
    """New themes per interview in collection order, and where saturation is reached.

    Guest, Namey & Chen (2020, PLoS ONE 15(5): e0232076): new information in
    a run = themes first seen in the run's interviews / distinct themes in the
    base. Collection order: interview date when every interview has one,
    otherwise occasion (time point order, then wave), then interview id. The
    one-line verdict goes to standard error (in the JSON output as `summary`).

    \b
    Example:
      graphstudy report saturation
      graphstudy report saturation --base 6 --run 3 --threshold 0 --plot saturation.png
    """
    from ..reports.plots import plot_saturation
    from ..reports.saturation import saturation as run

    b = open_backend(study_path, backend, rules)
    result = run(b, base=base, run=run_length, threshold=threshold / 100, level=level)
    if fmt == "json":
        emit({**result.to_dict(), "curve": json.loads(result.curve.to_json(orient="records", force_ascii=False))}, fmt)
    else:
        emit(result.curve, fmt)
        click.echo(result.summary(), err=True)
    if plot_path is not None:
        plot_saturation(result, plot_path)
        click.echo(f"wrote {plot_path}", err=True)


@click.command()
@level_option("subtheme")
@click.option("--edges", "show_edges", is_flag=True, help="List the co-occurring pairs instead of the themes.")
@rules_options(per_default="timepoint", per_help="One network per time point (a person's waves read as one) or per occasion.")
@study_option
@backend_option
@format_option
def cooccurrence(level, show_edges, rules, study_path, backend, fmt):
    """Theme co-occurrence per time point: centrality, and the themes that bridge groups.

    Two themes co-occur when one interview has quotes coded as both. degree:
    themes it co-occurs with; betweenness: NetworkX's normalised betweenness.
    bridge: voiced by 2+ stakeholder groups at the time point; bridge_share:
    each pair of groups sharing themes counts 1, split evenly over the themes
    they share, summed over the pairs the theme joins.

    \b
    Example:
      graphstudy report cooccurrence
      graphstudy report cooccurrence --edges --per occasion --level theme
    """
    from ..reports.cooccurrence import cooccurrence as run

    result = run(open_backend(study_path, backend, rules), level=level, per=rules.per)
    emit(result.edges if show_edges else result.nodes, fmt)
