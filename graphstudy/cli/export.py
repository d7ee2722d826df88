"""``graphstudy export ...``: a study back to NVivo, ATLAS.ti, MAXQDA or QualCoder."""

from __future__ import annotations

from pathlib import Path

import click

from ._common import backend_option, open_backend, study_option

__all__ = ["export"]


def _study(study_path: Path | None, backend: str):
    from ..loader import load_study

    if backend == "embedded":
        return load_study(study_path)
    from ..refi_qda import study_from_backend

    click.echo("note: exporting what Neo4j's look-ups return: no notes, dates, colours, descriptions, "
               "time point labels or uncoded quotes", err=True)
    with open_backend(study_path, backend) as engine:
        return study_from_backend(engine)


@click.group()
def export():
    """Write a study as a REFI-QDA project or codebook for NVivo, ATLAS.ti, MAXQDA or QualCoder.

    \b
    Example:
      graphstudy export qdpx hk.qdpx
      graphstudy export qdc hk-codebook.qdc --study my-study/
    """


@export.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@study_option
@backend_option
def qdpx(file, study_path, backend):
    """Write the study as a REFI-QDA project (.qdpx) that loads back as the same study.

    Participants become cases with variables (role, subrole, gender, age
    band, ...), interviews text sources with time point and wave variables,
    quotes selections with codings by their coders, relationships links.

    \b
    Example:
      graphstudy export qdpx hk.qdpx
      graphstudy export qdpx my-study.qdpx --study my-study/
      graphstudy validate my-study.qdpx
    """
    from ..refi_qda import write_qdpx

    study = _study(study_path, backend)
    write_qdpx(study, file)
    c = study.counts()
    click.echo(f"wrote {file}: {c['participants']} cases, {c['interviews']} sources, {c['quotes']} selections, "
               f"{c['codings']} codings, {c['themes']} codes, {c['coders']} users")


@export.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@study_option
@backend_option
def qdc(file, study_path, backend):
    """Write the study's themes and sub-themes as a REFI-QDA codebook (.qdc).

    \b
    Example:
      graphstudy export qdc hk-codebook.qdc
    """
    from ..refi_qda import write_qdc

    study = _study(study_path, backend)
    write_qdc(study, file)
    click.echo(f"wrote {file}: {len(study.themes)} codes")
