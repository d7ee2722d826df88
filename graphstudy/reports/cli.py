"""``graphstudy report ...``: the analyses, as thin click commands."""

from __future__ import annotations

import click


@click.group()
def report():
    """Analyses for a results section: change, matrices, triangulation, saturation,
    coder agreement, co-occurrence and the paper's own tables.

    \b
    Example:
      graphstudy report changes --format csv
    """


# Each report module registers its commands here, one import line each.
from . import cli_tables  # noqa: E402,F401
from . import cli_change  # noqa: E402,F401
