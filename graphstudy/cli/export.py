"""``graphstudy export ...``: a study back to NVivo, ATLAS.ti, MAXQDA or QualCoder, or as a graph for Gephi and Cytoscape."""

from __future__ import annotations

from pathlib import Path

import click

from ._common import backend_option, open_backend, study_option
from .export_graph import gexf, graphml

__all__ = ["export"]


@click.group()
def export():
    """Write a study as a REFI-QDA project or codebook (NVivo, ATLAS.ti, MAXQDA, QualCoder), or a graph (GraphML, GEXF).

    \b
    Example:
      graphstudy export qdpx hk.qdpx
      graphstudy export qdc hk-codebook.qdc --study my-study/
      graphstudy export qdpx carers.qdpx --backend neo4j --study "Carers study"   # a study loaded into Neo4j
      graphstudy export graphml study.graphml
    """


@export.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@study_option
@backend_option
def qdpx(file: Path, study_path: Path | None, backend: str) -> None:
    """Write the study as a REFI-QDA project (.qdpx) that loads back as the same study.

    Participants become cases with variables (role, subrole, gender, age
    band, ...), interviews text sources with time point and wave variables,
    quotes selections with codings by their coders, relationships links.
    With --backend neo4j the project is written from what the database
    holds, with nothing left out.

    \b
    Example:
      graphstudy export qdpx hk.qdpx
      graphstudy export qdpx my-study.qdpx --study my-study/
      graphstudy validate my-study.qdpx
    """
    from ..refi_qda import write_qdpx

    study = open_backend(study_path, backend).whole_study()
    write_qdpx(study, file)
    c = study.counts()
    click.echo(f"wrote {file}: {c['participants']} cases, {c['interviews']} sources, {c['quotes']} selections, "
               f"{c['codings']} codings, {c['themes']} codes, {c['coders']} users")


@export.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@study_option
@backend_option
def qdc(file: Path, study_path: Path | None, backend: str) -> None:
    """Write the study's themes and sub-themes as a REFI-QDA codebook (.qdc).

    \b
    Example:
      graphstudy export qdc hk-codebook.qdc
    """
    from ..refi_qda import write_qdc

    study = open_backend(study_path, backend).whole_study()
    write_qdc(study, file)
    click.echo(f"wrote {file}: {len(study.themes)} codes")


export.add_command(graphml)
export.add_command(gexf)
