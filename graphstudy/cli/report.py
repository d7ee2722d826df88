"""``graphstudy report ...``: the analyses, as thin click commands."""

from __future__ import annotations

import click

from .group import LazyGroup

__all__ = ["report"]


@click.group(cls=LazyGroup, lazy={
    "changes": ".report_change:changes", "matrix": ".report_change:matrix", "saturation": ".report_change:saturation",
    "portrait": ".report_portrait:portrait", "triangulation": ".report_compare:triangulation",
    "cooccurrence": ".report_compare:cooccurrence", "agreement": ".report_tables:agreement", "table1": ".report_tables:table1",
    "table2": ".report_tables:table2", "figure1": ".report_tables:figure1",
})
def report():
    """Analyses for a results section: change, matrices, pen portraits, triangulation,
    saturation, coder agreement, co-occurrence networks and the paper's own tables.

    \b
    Example:
      graphstudy report changes --format csv
    """
