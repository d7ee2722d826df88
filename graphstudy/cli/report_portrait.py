"""``graphstudy report portrait PERSON [OTHER]``: a pen portrait across waves, of a participant or a dyad."""

from __future__ import annotations

import click

from ._common import backend_option, emit, format_option, level_option, open_backend, rules_options, study_option
from .report_change import docx_option

__all__ = ["portrait"]


@click.command()
@click.argument("person")
@click.argument("other", required=False)
@level_option("subtheme")
@docx_option("the portrait (who, relationships, occasion by occasion with the quotes, change, through-line, the rules)")
@rules_options
@study_option
@backend_option
@format_option
def portrait(person, other, level, docx_path, rules, study_path, backend, fmt):
    """A pen portrait across waves: one participant, or (PERSON OTHER) a dyad.

    Who they are (role, attributes, relationships and when each held), then
    occasion by occasion what they said, theme by theme, with the quotes; the
    change labels per theme and a through-line: what persists, the turns of
    stance, what appeared late, what faded (for a dyad: each side's quotes
    about the other, overlap or contrast, where the accounts converge or
    diverge). --format table prints the portrait as text; csv gives one row
    per quote; json everything.

    \b
    Example:
      graphstudy report portrait User15
      graphstudy report portrait Sue Co-worker07 --docx sue-coworker07.docx
      graphstudy report portrait P1 K1 --study carers/ --format json
    """
    from ..reports.portrait import dyad_portrait
    from ..reports.portrait import portrait as build
    from ..reports.portrait_files import portrait_text, write_portrait_docx

    b = open_backend(study_path, backend, rules)
    p = build(b, person, level=level) if other is None else dyad_portrait(b, person, other, level=level)
    if fmt == "table":
        click.echo(portrait_text(p))
    elif fmt == "csv":
        emit(p.said, fmt)
    else:
        emit(p.to_dict(), fmt)
    if docx_path is not None:
        write_portrait_docx(docx_path, p)
        click.echo(f"wrote {docx_path}", err=True)
