"""``graphstudy view ...``: write the interactive HTML views, as thin click commands."""

from __future__ import annotations

import copy
from pathlib import Path

import click

from ..views import write_dyad_view, write_psw_view, write_study_view, write_themes_view
from ._common import backend_option, level_option, open_backend, rules_options, study_option

__all__ = ["view"]


@click.group()
def view():
    """Interactive HTML views: one self-contained file each, offline and safe to share.

    Every view works on --backend embedded or neo4j. Hover a node or link for
    details; quote text shows in the tooltips unless --redact-quotes.

    \b
    Example:
      graphstudy view focal Sue -o sue.html
      graphstudy view study -o study.html --redact-quotes
    """


def _view_options(f):
    f = click.option("--redact-attributes", is_flag=True,
                     help="Leave participants' gender, age band, diagnosis, agency and setting out of the file "
                          "(role and subrole stay).")(f)
    f = click.option("--redact-quotes", is_flag=True,
                     help="Leave quote text out of the file: tooltips give counts and quote ids only.")(f)
    f = backend_option(f)
    f = study_option(f)
    f = rules_options(f)
    f = click.option("-o", "--output", "out", type=click.Path(dir_okay=False, path_type=Path), required=True,
                     help="The HTML file to write.")(f)
    return f


def _done(path: Path) -> None:
    click.echo(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB); open it in a browser, it needs no network")


@view.command("study")
@level_option("subtheme")
@_view_options
def study_view(level, out, study_path, backend, redact_quotes, redact_attributes, rules):
    """The whole study: participants by role, relationships, themes and who spoke to which.

    \b
    Example:
      graphstudy view study -o study.html
    """
    _done(write_study_view(open_backend(study_path, backend, rules), out, redact_quotes=redact_quotes,
                           redact_attributes=redact_attributes, level=level))


@view.command("focal")
@click.argument("name")
@level_option("subtheme")
@_view_options
def focal_view(name, level, out, study_path, backend, redact_quotes, redact_attributes, rules):
    """A focal person (a PSW, a patient), everyone linked to them and their theme links, occasion by occasion.

    A slider in the page moves through the occasions (T1, T2, T2_1, T3_1, ...)
    and shows which theme links appear, persist and disappear. `view psw` is
    the same command.

    \b
    Example:
      graphstudy view focal Sue -o sue.html
      graphstudy view focal Sue -o sue-redacted.html --redact-quotes --redact-attributes
    """
    _done(write_psw_view(open_backend(study_path, backend, rules), name, out, redact_quotes=redact_quotes,
                         redact_attributes=redact_attributes, level=level))


@view.command("dyad")
@click.argument("focal")
@click.argument("other")
@level_option("subtheme")
@_view_options
def dyad_view(focal, other, level, out, study_path, backend, redact_quotes, redact_attributes, rules):
    """One dyad: the focal person, the other person and their theme links occasion by occasion.

    \b
    Example:
      graphstudy view dyad Sue Co-worker07 -o sue-co-worker07.html
    """
    _done(write_dyad_view(open_backend(study_path, backend, rules), focal, other, out, redact_quotes=redact_quotes,
                          redact_attributes=redact_attributes, level=level))


@view.command("themes")
@click.option("--timepoint", default=None, metavar="T", help="Only interviews at this time point, e.g. T3.")
@level_option("subtheme")
@_view_options
def themes_view(timepoint, level, out, study_path, backend, redact_quotes, redact_attributes, rules):
    """Theme co-occurrence: themes coded in the same interview, nodes sized by prevalence.

    \b
    Example:
      graphstudy view themes -o themes.html
      graphstudy view themes --timepoint T3 --level theme -o themes-t3.html
    """
    _done(write_themes_view(open_backend(study_path, backend, rules), out, timepoint=timepoint,
                            redact_quotes=redact_quotes, redact_attributes=redact_attributes, level=level))


psw_view = copy.copy(focal_view)
psw_view.hidden = True
psw_view.help = "The same as `view focal` (the bundled study's focal people are PSWs).\n\n" + (focal_view.help or "")
view.add_command(psw_view, "psw")
