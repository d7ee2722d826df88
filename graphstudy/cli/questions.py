"""``graphstudy shifts|trajectory|dyad|themes``: the longitudinal questions."""

from __future__ import annotations

import click

from .. import queries
from ._common import backend_option, emit, format_option, level_option, open_backend, study_option

__all__ = ["dyad", "shifts", "themes", "trajectory"]


@click.command()
@click.option("--psw", required=True, help="The PSW's participant id, e.g. Sue.")
@click.option("--role", default=None, metavar="ROLE",
              help="Only people of this role linked to the PSW, one the study declares (the bundled study: "
                   "service_user, co_worker, family). Default: every dyad of the PSW.")
@level_option("subtheme")
@study_option
@backend_option
@format_option
def shifts(psw, role, level, study_path, backend, fmt):
    """Which themes did the people linked to a PSW shift on, with the evidence.

    For each person linked to the PSW (by SERVED_BY, SUPERVISES, MENTORS, ...),
    using only their quotes about that PSW, compares each theme between each
    pair of consecutive occasions at which they were interviewed: emerged,
    ceased, increased, decreased or constant. `evidence` lists the quote ids.

    \b
    Example:
      graphstudy shifts --psw Sue --role service_user
      graphstudy shifts --psw Yvonne --level theme --format csv > yvonne.csv
    """
    emit(queries.shifts(open_backend(study_path, backend), psw, role=role, level=level), fmt)


@click.command()
@click.argument("participant")
@level_option("subtheme")
@study_option
@backend_option
@format_option
def trajectory(participant, level, study_path, backend, fmt):
    """Theme x occasion counts of one participant's quotes.

    \b
    Example:
      graphstudy trajectory User15
      graphstudy trajectory Eliza --level theme
    """
    emit(queries.trajectory(open_backend(study_path, backend), participant, level=level), fmt)


@click.command()
@click.argument("psw")
@click.argument("other")
@level_option("subtheme")
@study_option
@backend_option
@format_option
def dyad(psw, other, level, study_path, backend, fmt):
    """The theme links inside one dyad, occasion by occasion, and how they changed.

    \b
    Example:
      graphstudy dyad Sue Co-worker07
    """
    emit(queries.dyad(open_backend(study_path, backend), psw, other, level=level), fmt)


@click.command()
@level_option("theme")
@study_option
@backend_option
@format_option
def themes(level, study_path, backend, fmt):
    """Prevalence of each theme by stakeholder group and time point.

    prevalence = participants with the theme coded / participants interviewed.

    \b
    Example:
      graphstudy themes
      graphstudy themes --level subtheme --format csv
    """
    emit(queries.themes(open_backend(study_path, backend), level=level), fmt)
