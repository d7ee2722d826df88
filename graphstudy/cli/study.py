"""``graphstudy validate|load|citation|demo|synth``: study files in and out."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click
import pandas as pd

from ._common import backend_option, emit, format_option, refi_options, refi_settings

__all__ = ["citation", "demo", "load", "synth", "validate"]


@click.command()
@click.argument("path", type=click.Path(path_type=Path), required=False)
@refi_options
@format_option
def validate(path, mapping, source_pattern, allow_absolute_paths, fmt):
    """Check a study and report every problem, not only the first.

    PATH is a study folder (study.toml + CSV files), an .xlsx workbook, a
    .gstudy store or a REFI-QDA project; default: the bundled study. Each
    problem names the file, row, column and what was expected. Exit status 2
    when there is an error; otherwise the summary counts are printed.

    \b
    Example:
      graphstudy validate my-study/
      graphstudy validate my-study.xlsx --format json
    """
    from ..loader import check_path

    study, problems = check_path(path, **refi_settings(mapping, source_pattern, allow_absolute_paths))
    for p in problems:
        click.echo(f"{p.severity}: {p}", err=True)
    if study is None:
        n = sum(p.severity == "error" for p in problems)
        click.echo(f"error: {n} error(s); the study was not loaded", err=True)
        sys.exit(2)
    summary = study.counts()
    summary["warnings"] = sum(p.severity == "warning" for p in problems)
    if fmt == "table":
        summary = {k: (", ".join(f"{a}={b}" for a, b in v.items()) if isinstance(v, dict) else ", ".join(v) if isinstance(v, list) else v)
                   for k, v in summary.items()}
    emit(summary, fmt)


@click.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--store", "store_path", type=click.Path(path_type=Path), default=None,
              help="Save the checked study to this .gstudy file (embedded engine).")
@backend_option
@click.option("--replace", is_flag=True, help="Neo4j: remove this study's earlier load first.")
@click.option("--batch-size", type=click.IntRange(min=1), default=5000, show_default=True, help="Neo4j: rows per transaction.")
@refi_options
def load(path, store_path, backend, replace, batch_size, mapping, source_pattern, allow_absolute_paths):
    """Check a study and save it for fast, repeated querying.

    With the embedded engine the study is written to a .gstudy store (a zip of
    Parquet tables: data only, safe to share, fast to reopen), which every
    query accepts as --study. With --backend neo4j it is loaded into the
    database in batches. A failed load leaves the store (or database) as it was.

    \b
    Example:
      graphstudy load my-study/ --store my-study.gstudy
      graphstudy shifts --study my-study.gstudy --psw Sue
      graphstudy load my-study/ --backend neo4j --replace
    """
    from ..loader import load_study
    from ..store import save_store

    t0 = time.perf_counter()
    click.echo(f"reading and checking {path} ...", err=True)
    study = load_study(path, **refi_settings(mapping, source_pattern, allow_absolute_paths))
    c = study.counts()
    click.echo(f"checked in {time.perf_counter() - t0:.1f}s: {c['participants']} participants, {c['interviews']} interviews, "
               f"{c['quotes']} quotes, {c['codings']} codings, {c['themes']} themes", err=True)
    if backend == "embedded":
        if store_path is None:
            raise click.UsageError("give --store FILE.gstudy to save the study (or --backend neo4j)")
        save_store(study, store_path)
        click.echo(f"saved {store_path} in {time.perf_counter() - t0:.1f}s")
    else:
        from ..engines.neo4j.load import load_into_neo4j

        load_into_neo4j(study, replace=replace, batch_size=batch_size, progress=True)
        click.echo(f"loaded study '{study.name}' into Neo4j in {time.perf_counter() - t0:.1f}s")


@click.command()
@click.argument("codes", nargs=-1, required=True)
@format_option
def citation(codes, fmt):
    """Read citation codes such as User15/F/50+/T3_1/Sue.

    A study whose quotes.csv has a `citation` column and no interview_id gets
    its participants, interviews, `about` links and relationships built from
    the codes when it is loaded.

    \b
    Example:
      graphstudy citation "Co-worker08/F/40+/T3_1/May and Eliza"
    """
    from ..citation import parse_citation

    rows = []
    for code in codes:
        c = parse_citation(code)
        for w in c.warnings:
            click.echo(f"warning: {w}", err=True)
        rows.append({"code": c.code, "participant": c.participant_id, "role": c.role, "subrole": c.subrole,
                     "gender": c.gender, "age_band": c.age_band, "occasion": c.occasion, "about": ";".join(c.about)})
    emit(pd.DataFrame(rows), fmt)


@click.command()
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path), default=Path("graphstudy-demo"),
              show_default=True, help="Folder for the demo's files.")
def demo(out_dir):
    """Load the bundled peer-support study and answer its headline question.

    Prints interviews by group and time point, then which themes Sue's
    service users shifted on, with one evidence quote per row, and saves a
    store, the answer as CSV and HTML views into the output folder.

    \b
    Example:
      graphstudy demo
      graphstudy demo -o /tmp/demo
    """
    from ..demo import run_demo

    run_demo(out_dir, echo=click.echo)


@click.command()
@click.option("--participants", "n", type=click.IntRange(min=34), default=340, show_default=True,
              help="How many interviewed participants, in the bundled study's proportions (5 PSWs : 15 service users : "
                   "14 co-workers); one family member per PSW, never interviewed, comes on top.")
@click.option("--quotes-per-interview", type=click.FloatRange(min=0.1), default=3.0, show_default=True,
              help="Mean quotes per interview (the bundled study's paper cites about 0.5; real transcripts hold dozens).")
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed: the same seed gives the same study.")
@click.option("-o", "--output", "out", type=click.Path(path_type=Path), required=True, help="Folder to write (CSV study folder).")
def synth(n, quotes_per_interview, seed, out):
    """Generate a study of any size with the bundled study's shape.

    Roles, relationships (SERVED_BY, SUPERVISES, MENTORS, COLLEAGUE_OF),
    Figure 1's interview schedule, the 3 themes and 8 sub-themes and quote
    lengths follow the bundled study; for benchmarks and trying things out.

    \b
    Example:
      graphstudy synth --participants 3400 --quotes-per-interview 13 --seed 1 -o big-study/
    """
    from ..synth import write_synthetic_study

    t0 = time.perf_counter()
    counts = write_synthetic_study(out, participants=n, quotes_per_interview=quotes_per_interview, seed=seed)
    click.echo(f"wrote {out} in {time.perf_counter() - t0:.1f}s: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
