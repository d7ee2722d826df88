"""``graphstudy report ...``: the analyses, as thin click commands."""

from __future__ import annotations

import click

from .report_change import changes, matrix, saturation
from .report_compare import cooccurrence, triangulation
from .report_tables import agreement, figure1, table1, table2

__all__ = ["report"]


@click.group()
def report():
    """Analyses for a results section: change, matrices, triangulation, saturation,
    coder agreement, co-occurrence and the paper's own tables.

    \b
    Example:
      graphstudy report changes --format csv
    """


for _command in (changes, matrix, triangulation, saturation, cooccurrence, agreement, table1, table2, figure1):
    report.add_command(_command)
