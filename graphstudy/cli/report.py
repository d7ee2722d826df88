"""``graphstudy report ...``: the analyses, as thin click commands."""

from __future__ import annotations

import click

from .report_change import changes, matrix, saturation
from .report_compare import cooccurrence, triangulation
from .report_portrait import portrait
from .report_tables import agreement, figure1, table1, table2

__all__ = ["report"]


@click.group()
def report():
    """Analyses for a results section: change, matrices, pen portraits, triangulation,
    saturation, coder agreement, co-occurrence networks and the paper's own tables.

    \b
    Example:
      graphstudy report changes --format csv
    """


for _command in (changes, matrix, portrait, triangulation, saturation, cooccurrence, agreement, table1, table2, figure1):
    report.add_command(_command)
