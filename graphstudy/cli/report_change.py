"""``graphstudy report changes|matrix|saturation``: thin click commands."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import click

from ..errors import GraphStudyError
from ..reports.approaches import APPROACHES
from ..reports.changes import CASE_KINDS, CHANGE_LABELS
from ._common import backend_option, emit, format_option, level_option, open_backend, rules_options, study_option

__all__ = ["by_option", "changes", "docx_option", "matrix", "plot_option", "saturation"]


def by_option(f):
    """``--cases participant|dyad`` and ``--by ATTRIBUTE``, handed on as ``by`` (the kind of case) and ``compare_by``.

    ``--by participant`` / ``--by dyad`` are still read as the old spelling of ``--cases``.
    """
    @functools.wraps(f)
    def command(*args, case_kind, by, **kwargs):
        compare_by = None
        if by is not None and by not in CASE_KINDS:
            compare_by, by = by, None
        if by is not None and case_kind is not None and by != case_kind:
            raise GraphStudyError(f"--cases {case_kind} and --by {by} disagree; give one (--by {by} is the old spelling of --cases)")
        return f(*args, by=by or case_kind or CASE_KINDS[0], compare_by=compare_by, **kwargs)

    command = click.option("--by", default=None, metavar="ATTRIBUTE",
                           help="Compare groups of cases by a participant attribute: role, gender, setting, agency, "
                                "age_band, ... (any participant column).")(command)
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


def _docx_path(ctx, param, value):
    if value is None:
        return None
    from ..reports.word import check_docx_path

    return check_docx_path(value)


def docx_option(what: str):
    def deco(f):
        return click.option("--docx", "docx_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
                            callback=_docx_path, metavar="FILE.docx", help=f"Also write {what} as a Word document.")(f)
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
@docx_option("the changes (a section per theme: the cases' labels, their quotes, the rules)")
@rules_options
@study_option
@backend_option
@format_option
def changes(by, compare_by, cases, only, surge, level, plot_path, docx_path, rules, study_path, backend, fmt):
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

    With --by ATTRIBUTE the groups of cases are compared instead: per theme
    and group (e.g. gender F, M), how many of the group's cases have each
    label, and which.

    \b
    Example:
      graphstudy report changes --case Co-worker07
      graphstudy report changes --cases dyad --case Sue --change constant
      graphstudy report changes --case User16 --plot user16.png
      graphstudy report changes --by gender --docx changes.docx
    """
    from ..reports.changes import case_data, changes_of
    from ..reports.compare import change_summary, grouping

    b = open_backend(study_path, backend, rules)
    data = case_data(b, by=by, level=level)
    result = changes_of(data, by=by, surge=surge, cases=list(cases) or None)
    if only:
        keep = result["change"].str.split(";").map(lambda labels: bool(set(labels) & set(only)))
        result = result[keep]
    emit(change_summary(result, grouping(b, compare_by), data.cases) if compare_by else result, fmt)
    if docx_path is not None:
        from ..reports.word_reports import write_changes_docx

        write_changes_docx(docx_path, b, cases=by, level=level, wanted=list(cases) or None, by=compare_by, surge=surge,
                           only=list(only) or None)
        click.echo(f"wrote {docx_path}", err=True)
    if plot_path is not None:
        from ..reports.plots import plot_case, plot_changes

        one = list(dict.fromkeys(result["case"]))
        if len(one) == 1:
            plot_case(b, one[0], plot_path, by=by, level=level)
        else:
            plot_changes(b, plot_path, by=by, level=level, cases=list(cases) or None)
        click.echo(f"wrote {plot_path}", err=True)


@click.command()
@by_option
@case_option
@click.option("--approach", type=click.Choice(APPROACHES), default=None,
              help="trajectory: the case x theme x occasion cube, a step per cell; cross-sectional: each time point "
                   "read as a whole, groups x themes (Grossoehme & Lipstein 2016).")
@click.option("--long", "long_", is_flag=True, help="One row per case, theme and occasion, with the quotes.")
@click.option("--xlsx", "xlsx_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              callback=_xlsx_path, metavar="FILE.xlsx",
              help="Also write a workbook: the framework matrix (key, cross-case sheet, a sheet per case), or with "
                   "--approach that approach, with an interpretation column kept when the file is written again.")
@docx_option("the matrix (trajectory unless --approach cross-sectional), with the quotes and the rules")
@level_option("subtheme")
@plot_option("a theme x occasion heatmap (one case) or a themes x cases overview")
@rules_options
@study_option
@backend_option
@format_option
def matrix(by, compare_by, cases, approach, long_, xlsx_path, docx_path, level, plot_path, rules, study_path, backend, fmt):
    """Trajectory and cross-case matrices (after Grossoehme & Lipstein 2016).

    Without --case: themes x cases, each cell describing the change
    ('constant: T3_1=1, T3_2=1; negative→positive'). With one --case: that
    case's themes x occasions, the quotes in the cells ('not interviewed'
    where the case was not interviewed, empty where interviewed and the theme
    absent). --long gives the evidence as one row per case, theme and
    occasion; --xlsx writes everything as an NVivo-style framework matrix.

    --approach trajectory follows each case through every occasion (a row
    per case and theme; cells '2 (negative); increased', '0', 'not yet
    interviewed', 'not interviewed', 'no further interview', 'outside
    relationship'); --approach cross-sectional reads each time point from
    whoever was interviewed then (groups x themes, 'voiced/interviewed', how
    widely voiced since the time point before; who came back on stderr).
    --by ATTRIBUTE compares groups of cases (themes x groups; the groups of
    the cross-sectional approach).

    \b
    Example:
      graphstudy report matrix --format csv > cross-case.csv
      graphstudy report matrix --cases dyad --case "Sue & Co-worker07"
      graphstudy report matrix --cases dyad --xlsx framework.xlsx
      graphstudy report matrix --approach trajectory --xlsx trajectory.xlsx --docx trajectory.docx
      graphstudy report matrix --approach cross-sectional --by gender
    """
    from ..reports import matrix as m

    b = open_backend(study_path, backend, rules)
    wanted = list(cases) or None
    if approach is not None:
        _approach(b, approach, by, compare_by, wanted, level, fmt, xlsx_path, docx_path)
    else:
        if compare_by is not None and not long_:
            from ..reports.changes import case_data, changes_of
            from ..reports.compare import change_summary, cross_group_matrix, grouping

            data = case_data(b, by=by, level=level)
            groups = grouping(b, compare_by)
            emit(cross_group_matrix(change_summary(changes_of(data, by=by, cases=wanted), groups, data.cases), groups), fmt)
        elif long_:
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
        if docx_path is not None:  # without --approach the Word document is the trajectory approach
            _approach(b, APPROACHES[0], by, compare_by, wanted, level, fmt, None, docx_path, show=False)
    if plot_path is not None:
        from ..reports.changes import changes as run
        from ..reports.plots import plot_case, plot_changes

        shown = list(dict.fromkeys(run(b, by=by, level=level, cases=wanted)["case"]))
        if len(shown) == 1:
            plot_case(b, shown[0], plot_path, by=by, level=level)
        else:
            plot_changes(b, plot_path, by=by, level=level, cases=wanted)
        click.echo(f"wrote {plot_path}", err=True)


def _approach(b, approach, by, compare_by, wanted, level, fmt, xlsx_path, docx_path, show: bool = True) -> None:
    """``report matrix --approach``: print the approach's matrix (when ``show``), write its xlsx and docx."""
    from ..reports import approach_files as files
    from ..reports import approaches as a

    groups_by = compare_by or "role"
    if show and approach == "trajectory":
        emit(a.trajectory_matrix(b, cases=by, level=level, by=groups_by, wanted=wanted), fmt)
    elif show:
        emit(a.cross_sectional_matrix(b, by=groups_by, level=level), fmt)
        for r in a.cohorts(b, by=groups_by).query("group == 'all'").to_dict("records"):
            gone = f"; interviewed at the time point before but not now: {r['not_returned_ids'].replace(';', ', ')}" if r["not_returned_ids"] else ""
            click.echo(f"{r['timepoint']}: {r['interviewed']} interviewed, {r['continuing']} continuing, "
                       f"{r['returning']} returning, {r['new']} new{gone}", err=True)
    if xlsx_path is not None:
        files.write_approach_xlsx(xlsx_path, b, approach, cases=by, level=level, by=groups_by, wanted=wanted)
        click.echo(f"wrote {xlsx_path}", err=True)
    if docx_path is not None:
        files.write_approach_docx(docx_path, b, approach, cases=by, level=level, by=groups_by, wanted=wanted)
        click.echo(f"wrote {docx_path}", err=True)


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
    from ..reports.saturation import saturation as run

    b = open_backend(study_path, backend, rules)
    result = run(b, base=base, run=run_length, threshold=threshold / 100, level=level)
    if fmt == "json":
        emit({**result.to_dict(), "curve": json.loads(result.curve.to_json(orient="records", force_ascii=False))}, fmt)
    else:
        emit(result.curve, fmt)
        click.echo(result.summary(), err=True)
    if plot_path is not None:
        from ..reports.plots import plot_saturation

        plot_saturation(result, plot_path)
        click.echo(f"wrote {plot_path}", err=True)
