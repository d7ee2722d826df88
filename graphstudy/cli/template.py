"""``graphstudy template``: an empty, commented study to fill in."""

from __future__ import annotations

from pathlib import Path

import click

__all__ = ["template"]


@click.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--codebook", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="A REFI-QDA codebook (.qdc) whose codes fill the themes.")
def template(path, codebook):
    """Write an empty study to fill in: an .xlsx workbook or a folder of CSV files.

    PATH ending in .xlsx gives a workbook with a sheet for the study, its time
    points, roles, relationship types and design, and one per table, each
    column's header carrying a note on what goes in it; any other PATH gives a
    folder with study.toml (commented), the CSV files and README.txt. Filled
    in, it validates. Nothing is overwritten.

    \b
    Example:
      graphstudy template my-study.xlsx
      graphstudy template my-study/ --codebook codes.qdc
      graphstudy validate my-study.xlsx
    """
    from ..template import write_template

    out = write_template(path, codebook=codebook)
    click.echo(f"wrote {out}; fill it in, then run: graphstudy validate {out}")
