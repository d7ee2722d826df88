"""``graphstudy report agreement|table1|table2|figure1``: thin click commands over
:mod:`graphstudy.reports.agreement` and :mod:`graphstudy.reports.paper_tables`."""

from __future__ import annotations

import click

from ..queries import LEVELS
from ..reports import agreement as _agreement
from ..reports import paper_tables
from ._common import backend_option, emit, format_option, open_backend, study_option

__all__ = ["agreement", "figure1", "table1", "table2"]


@click.command()
@click.option("--unit", type=click.Choice(_agreement.UNITS), default="quote", show_default=True,
              help="quote: did each coder apply the theme to this quote; interview: anywhere in this interview.")
@click.option("--level", type=click.Choice(LEVELS), default="subtheme", show_default=True,
              help="subtheme: compare codes as coded; theme: roll them up to their top-level theme first.")
@click.option("--coder", "coders", multiple=True, metavar="NAME",
              help="Compare only these coders (repeat the option); default: every named coder.")
@click.option("--pairs", is_flag=True, help="One row per theme and pair of coders, with Cohen's kappa for each pair.")
@study_option
@backend_option
@format_option
def agreement(unit, level, coders, pairs, study_path, backend, fmt):
    """Coder agreement per theme: percent agreement, Cohen's kappa, Krippendorff's alpha.

    Each coder rates each unit yes/no: did they apply the theme to it? A
    coder is taken to have read every quote of an interview they coded
    anything in; quotes of interviews they coded nothing in are missing for
    them (not "no"). Quotes no coder coded are not units. Kappa is given for
    exactly two coders (use --pairs or --coder for more); alpha (nominal)
    for any number.

    \b
    Example:
      graphstudy load project.qdpx --mapping sources.csv --store coded.gstudy
      graphstudy report agreement --study coded.gstudy
      graphstudy report agreement --study coded.gstudy --unit interview --level theme
      graphstudy report agreement --study coded.gstudy --pairs --format csv
    """
    source = open_backend(study_path, backend)
    run = _agreement.pairwise_agreement if pairs else _agreement.agreement
    emit(run(source, unit=unit, level=level, coders=list(coders) or None), fmt)


@click.command()
@study_option
@backend_option
@format_option
def table1(study_path, backend, fmt):
    """The paper's Table 1 from the data: participants per group, gender, roles, beside the design.

    The design is what study.toml records under [design]; `flag` says
    where the data differ (e.g. "fewer in data: 7 of 15"). With --backend
    neo4j the design comes from the database, like the data.

    \b
    Example:
      graphstudy report table1
      graphstudy report table1 --format csv > table1.csv
    """
    emit(paper_tables.table1(open_backend(study_path, backend)), fmt)


@click.command()
@study_option
@backend_option
@format_option
def table2(study_path, backend, fmt):
    """The paper's Table 2 from the data: themes and sub-themes with their quotes and participants.

    Flags codebook entries with no quote in the data, and themes holding
    quotes coded to the theme itself rather than a sub-theme.

    \b
    Example:
      graphstudy report table2
    """
    emit(paper_tables.table2(open_backend(study_path, backend)), fmt)


@click.command()
@study_option
@backend_option
@format_option
def figure1(study_path, backend, fmt):
    """The paper's Figure 1 from the data: interviews (participants) per group and time point, beside the design.

    `cell` is written as in the figure, interviews(participants), e.g.
    16(5); `flag` says where the data differ from the design.

    \b
    Example:
      graphstudy report figure1
      graphstudy report figure1 --format json
    """
    emit(paper_tables.figure1(open_backend(study_path, backend)), fmt)
