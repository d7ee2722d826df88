"""The ``graphstudy`` command group: the entry point the console script calls."""

from __future__ import annotations

import click

from ._common import GraphStudyGroup

__all__ = ["main"]


@click.group(cls=GraphStudyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="graphstudy")
def main():
    """graphstudy: longitudinal qualitative research as a graph.

    A study is participants (PSWs, service users, co-workers, family), their
    interviews at time points and waves, the quotes, the themes and the
    relationships between people. graphstudy answers questions about change:
    how did each stakeholder's view move over time, and inside each
    relationship?

    Start with `graphstudy demo`; every query runs on the bundled
    peer-support study unless given --study.

    \b
    Example:
      graphstudy demo
      graphstudy shifts --psw Sue --role service_user
      graphstudy validate my-study/
    """
