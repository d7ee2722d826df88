"""``graphstudy view ...``: write the interactive HTML views, as thin click commands."""

from __future__ import annotations

import copy
from pathlib import Path

import click

from ..views import GROUP_BY, GROUP_LIMIT, write_dyad_view, write_focal_view, write_study_view, write_themes_view
from ._common import backend_option, level_option, open_backend, rules_options, study_option

__all__ = ["view"]


@click.group()
def view():
    """Interactive HTML views: one self-contained file each, offline and safe to share.

    Every view works on --backend embedded or neo4j and has a search box,
    filters (role, theme, time point or occasion, relationship type, coder),
    click-to-focus, a side panel listing the quotes behind the selected person
    or link (with citation, occasion, coder and stance; text left out with
    --redact-quotes) and PNG/SVG export.

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
                     help="Leave quote text out of the file: the panel gives quote ids, citations and counts only.")(f)
    f = backend_option(f)
    f = study_option(f)
    f = rules_options(f)
    f = click.option("-o", "--output", "out", type=click.Path(dir_okay=False, path_type=Path), required=True,
                     help="The HTML file to write.")(f)
    return f


def _done(path: Path) -> None:
    click.echo(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB); open it in a browser, it needs no network")


@view.command("study")
@click.option("--group-by", type=click.Choice(GROUP_BY), default="role", show_default=True,
              help="How people are grouped when the view opens grouped (agency and setting are refused with "
                   "--redact-attributes).")
@click.option("--grouped/--ungrouped", default=None,
              help=f"Open with one node per group, or with everyone drawn (default: grouped above {GROUP_LIMIT:,} nodes).")
@level_option("subtheme")
@_view_options
def study_view(group_by, grouped, level, out, study_path, backend, redact_quotes, redact_attributes, rules):
    """The whole study: people by role, relationships, the theme tree and who spoke to which theme.

    A slider steps through the occasions; above the group limit the view opens
    with one node per group of people (click a group to draw its members;
    search for a person to draw them and their neighbours).

    \b
    Example:
      graphstudy view study -o study.html
      graphstudy view study --group-by community --grouped -o communities.html
    """
    _done(write_study_view(open_backend(study_path, backend, rules), out, redact_quotes=redact_quotes,
                           redact_attributes=redact_attributes, level=level, group_by=group_by, grouped=grouped))


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
    _done(write_focal_view(open_backend(study_path, backend, rules), name, out, redact_quotes=redact_quotes,
                           redact_attributes=redact_attributes, level=level))


@view.command("dyad")
@click.argument("a")
@click.argument("b")
@level_option("subtheme")
@_view_options
def dyad_view(a, b, level, out, study_path, backend, redact_quotes, redact_attributes, rules):
    """One dyad, both sides: A's quotes about B and B's about A, occasion by occasion.

    A on the left, B on the right, the themes either voiced about the other
    between them; at each occasion a theme's border says whether the accounts
    overlap or contrast (the rules of `graphstudy dyad`), and its panel lists
    both sides' quotes and whether the accounts converge or diverge.

    \b
    Example:
      graphstudy view dyad Sue Co-worker07 -o sue-co-worker07.html
      graphstudy view dyad P1 K1 --study tests/fixtures/carers -o p1-k1.html
    """
    _done(write_dyad_view(open_backend(study_path, backend, rules), a, b, out, redact_quotes=redact_quotes,
                          redact_attributes=redact_attributes, level=level))


@view.command("themes")
@click.option("--timepoint", default=None, metavar="T", help="Only interviews at this time point, e.g. T3.")
@level_option("subtheme")
@_view_options
def themes_view(timepoint, level, out, study_path, backend, redact_quotes, redact_attributes, rules):
    """Theme co-occurrence: themes coded in the same interview, nodes sized by prevalence, the theme tree drawn.

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
