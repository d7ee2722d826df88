"""``graphstudy shifts|trajectory|dyad|themes``: the longitudinal questions."""

from __future__ import annotations

import click

from .. import queries
from ._common import backend_option, emit, format_option, level_option, open_backend, rules_options, study_option

__all__ = ["dyad", "shifts", "themes", "trajectory"]


@click.command()
@click.option("--focal", "--psw", "focal", required=True, metavar="NAME",
              help="The focal person's participant id (a member of a focal role: a PSW in the bundled study, "
                   "e.g. Sue; a patient in a patient-carer study). --psw is the same option.")
@click.option("--role", default=None, metavar="ROLE",
              help="Only people of this role linked to the focal person, one the study declares (the bundled "
                   "study: service_user, co_worker, family). Default: every dyad of the focal person.")
@level_option("subtheme")
@rules_options
@study_option
@backend_option
@format_option
def shifts(focal, role, level, rules, study_path, backend, fmt):
    """Which themes did the people linked to a focal person shift on, with the evidence.

    For each person with a relationship to or from the focal person (SERVED_BY,
    SUPERVISES, CARES_FOR, TREATS, ...), using only their quotes about that
    person and only at occasions when the relationship held, compares each
    theme between each pair of consecutive occasions at which they were
    interviewed: emerged, ceased, increased, decreased or constant.
    `stance_change` shows a turn of stance; `evidence` lists the quote ids.

    \b
    Example:
      graphstudy shifts --focal Sue --role service_user
      graphstudy shifts --focal Yvonne --level theme --format csv > yvonne.csv
      graphstudy shifts --focal P1 --study carers/ --min-coders 2 --per timepoint
    """
    emit(queries.shifts(open_backend(study_path, backend, rules), focal, role=role, level=level), fmt)


@click.command()
@click.argument("participant")
@level_option("subtheme")
@rules_options
@study_option
@backend_option
@format_option
def trajectory(participant, level, rules, study_path, backend, fmt):
    """Theme x occasion counts of one participant's quotes (all of them, whoever they are about).

    \b
    Example:
      graphstudy trajectory User15
      graphstudy trajectory Eliza --level theme
      graphstudy trajectory P1 --study carers/ --per timepoint
    """
    emit(queries.trajectory(open_backend(study_path, backend, rules), participant, level=level), fmt)


@click.command()
@click.argument("a")
@click.argument("b")
@click.option("--summary", is_flag=True,
              help="One row per theme: do the two accounts converge, diverge or stay as they were across the occasions.")
@level_option("subtheme")
@rules_options
@study_option
@backend_option
@format_option
def dyad(a, b, summary, level, rules, study_path, backend, fmt):
    """Both sides of one dyad: what A says about B and B about A, occasion by occasion.

    Two people with a relationship (either way round), at the occasions at
    which either was interviewed while it held. Per occasion and theme:
    `voiced` (both, only a, only b), each side's stance, `stances` (agree,
    differ), `state` (overlap, contrast; empty when the silent side was not
    interviewed there, which is never read as absence) and `trend` against
    the theme's previous compared occasion (converges, diverges, steady).

    \b
    Example:
      graphstudy dyad Sue Co-worker07
      graphstudy dyad P1 K1 --study carers/ --summary
    """
    source = open_backend(study_path, backend, rules)
    run = queries.dyad_summary if summary else queries.dyad
    emit(run(source, a, b, level=level), fmt)


@click.command()
@click.option("--by", default="role", show_default=True, metavar="ATTRIBUTE",
              help="The groups: role (the stakeholder groups) or any participant attribute (gender, setting, agency, ...).")
@level_option("theme")
@rules_options
@study_option
@backend_option
@format_option
def themes(by, level, rules, study_path, backend, fmt):
    """Prevalence of each theme by stakeholder group (or any attribute) and time point.

    prevalence = participants with the theme coded / participants interviewed.

    \b
    Example:
      graphstudy themes
      graphstudy themes --level subtheme --format csv
      graphstudy themes --study carers/ --coder ann
      graphstudy themes --by gender
    """
    from ..reports.compare import prevalence

    source = open_backend(study_path, backend, rules)
    emit(queries.themes(source, level=level) if by == "role" else prevalence(source, by=by, level=level), fmt)
