"""``graphstudy export graphml|gexf FILE``: the study graph, or one time point's network, for Gephi and Cytoscape."""

from __future__ import annotations

from pathlib import Path

import click

from ..reports.networks import NETWORKS
from ._common import backend_option, level_option, open_backend, rules_options, study_option

__all__ = ["gexf", "graphml"]


def _graph_options(f):
    f = click.option("--redact-quotes", is_flag=True,
                     help="Leave the quotes' text out of the study graph (ids, stance and citation stay).")(f)
    f = click.option("--by", default="role", show_default=True, metavar="ATTRIBUTE",
                     help="With --timepoint: the participant attribute whose values are the groups (group, bridge).")(f)
    f = click.option("--network", type=click.Choice(NETWORKS), default=NETWORKS[0], show_default=True,
                     help="With --timepoint: themes linked when coded in one interview (cooccurrence), or "
                          "participants linked to the themes of their quotes there (theme-links).")(f)
    f = click.option("--timepoint", default=None, metavar="ID",
                     help="Write that time point's network (an occasion such as T2_1 with --per occasion) "
                          "instead of the whole study graph.")(f)
    return f


def _write(fmt: str, file: Path, timepoint, network, by, redact_quotes, level, rules, study_path, backend) -> None:
    from ..reports.networks import period_network, study_network, write_network

    b = open_backend(study_path, backend, rules)
    if timepoint is None:
        g = study_network(b, quote_text=not redact_quotes)
    else:
        g = period_network(b, timepoint, network=network, level=level, per=rules.per, by=by)
    write_network(g, file, fmt)
    what = "the study graph" if timepoint is None else f"the {network} network at {timepoint}"
    click.echo(f"wrote {file}: {what}, {g.number_of_nodes()} nodes, {g.number_of_edges()} edges")


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@_graph_options
@level_option("subtheme")
@rules_options(per_default="timepoint", per_help="With --timepoint: a time point (its waves as one) or an occasion.")
@study_option
@backend_option
def graphml(file, timepoint, network, by, redact_quotes, level, rules, study_path, backend):
    """Write the study as a graph in GraphML (Gephi, Cytoscape, networkx.read_graphml).

    The study graph: participants (role, its label, every attribute),
    interviews (time point, wave, date), quotes (stance, citation, text),
    themes; edges GAVE, HAS_QUOTE, CODED_AS (with the coder), ABOUT,
    SUBTHEME_OF and each relationship between people with its start and end.
    With --timepoint: that time point's co-occurrence network (weight:
    interviews coding both themes) or theme-link network (weight: quotes).

    \b
    Example:
      graphstudy export graphml study.graphml
      graphstudy export graphml t3.graphml --timepoint T3
      graphstudy export graphml t1-links.graphml --timepoint T1 --network theme-links
    """
    _write("graphml", file, timepoint, network, by, redact_quotes, level, rules, study_path, backend)


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@_graph_options
@level_option("subtheme")
@rules_options(per_default="timepoint", per_help="With --timepoint: a time point (its waves as one) or an occasion.")
@study_option
@backend_option
def gexf(file, timepoint, network, by, redact_quotes, level, rules, study_path, backend):
    """Write the study as a graph in GEXF (Gephi's own format); the same graph as `export graphml`.

    \b
    Example:
      graphstudy export gexf study.gexf
      graphstudy export gexf m6.gexf --timepoint M6 --study carers/
    """
    _write("gexf", file, timepoint, network, by, redact_quotes, level, rules, study_path, backend)
