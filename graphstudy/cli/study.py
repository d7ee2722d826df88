"""``graphstudy validate|load|citation|demo|synth``: study files in and out."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click
import pandas as pd

from ..synth import SHAPES
from ._common import backend_option, emit, format_option, refi_options, refi_settings

__all__ = ["citation", "demo", "load", "synth", "validate"]


def input_options(f):
    """--strict and the REFI-QDA options _common.refi_options has not: --focal-role, --skip-missing-sources."""
    f = click.option("--skip-missing-sources", is_flag=True,
                     help="REFI-QDA: load a project whose archive lacks some source files, without them "
                          "(one warning per source skipped).")(f)
    f = click.option("--focal-role", "focal_roles", multiple=True, metavar="ROLE",
                     help="REFI-QDA: the role whose members are the centres of dyads (repeat for several), "
                          "e.g. --focal-role patient. Default: psw when the project's roles are the default ones.")(f)
    f = refi_options(f)
    return click.option("--strict", is_flag=True, help="Warnings count as errors (exit status 2).")(f)


def _options(mapping, source_pattern, allow_absolute_paths, focal_roles, skip_missing_sources) -> dict:
    opts = refi_settings(mapping, source_pattern, allow_absolute_paths)
    if focal_roles:
        opts["focal_roles"] = tuple(focal_roles)
    if skip_missing_sources:
        opts["skip_missing_sources"] = True
    return opts


@click.command()
@click.argument("path", type=click.Path(path_type=Path), required=False)
@input_options
@format_option
def validate(path, strict, mapping, source_pattern, allow_absolute_paths, focal_roles, skip_missing_sources, fmt):
    """Check a study and report every problem, not only the first.

    PATH is a study folder (study.toml + CSV files), an .xlsx workbook, a
    store, a REFI-QDA project (.qdpx, .qde) or codebook (.qdc, themes only);
    default: the bundled study. Each problem is one line naming the file (or
    sheet), row, column, what was found and what was expected; more than 20
    of one kind in one column are folded into one line. Warnings (a quote with
    no coding, a theme no quote uses, ...) are listed too. Exit status 2 when
    there is an error (or, with --strict, a warning); otherwise the summary
    counts are printed.

    \b
    Example:
      graphstudy validate my-study/
      graphstudy validate my-study.xlsx --strict --format json
      graphstudy validate project.qdpx --source-pattern '(?P<participant>[^_]+)_(?P<timepoint>T\\d)' --focal-role patient
    """
    from ..findings import one_line
    from ..loader import check_path

    study, problems = check_path(path, strict=strict, **_options(mapping, source_pattern, allow_absolute_paths, focal_roles,
                                                                  skip_missing_sources))
    for p in problems:
        click.echo(one_line(f"{p.severity}: {p}"), err=True)
    if study is None:
        n = sum(p.severity == "error" for p in problems)
        click.echo(f"error: {n} error(s){' (warnings count as errors under --strict)' if strict else ''}; "
                   "the study was not loaded", err=True)
        sys.exit(2)
    summary = study.counts()
    summary["warnings"] = sum(p.severity == "warning" for p in problems)
    summary["blank_rows_skipped"] = sum(getattr(p, "count", 0) for p in problems if p.severity == "note")
    if fmt == "table":
        summary = {k: (", ".join(f"{a}={b}" for a, b in v.items()) if isinstance(v, dict) else ", ".join(v) if isinstance(v, list) else v)
                   for k, v in summary.items()}
    emit(summary, fmt)


_OTHER_KINDS = (".xlsx", ".xlsm", ".xls", ".ods", ".qdpx", ".qde", ".qdc", ".csv", ".tsv", ".toml", ".json", ".parquet")


def _store_target(store_path: Path) -> None:
    """Refuse, before anything is read or written, a --store name that would not open again as a store."""
    from ..store import STORE_SUFFIX, is_store

    if store_path.is_dir():
        raise click.UsageError(f"--store {store_path}: is a folder; give a file, e.g. {store_path / ('study' + STORE_SUFFIX)}")
    if store_path.suffix.lower() in _OTHER_KINDS:
        raise click.UsageError(f"--store {store_path}: '{store_path.suffix}' is the suffix of another kind of file, which is "
                               f"how it would be read back; give the store another name, e.g. {store_path.with_suffix(STORE_SUFFIX)}")
    if store_path.exists() and not is_store(store_path):
        raise click.UsageError(f"--store {store_path}: exists and is not a graphstudy store; it is not overwritten")


@click.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--store", "store_path", type=click.Path(path_type=Path), default=None,
              help="Save the checked study to this file (a .gstudy store; any name but another kind's suffix).")
@backend_option
@click.option("--replace", is_flag=True, help="Neo4j: remove this study's earlier load first.")
@click.option("--batch-size", type=click.IntRange(min=1), default=5000, show_default=True, help="Neo4j: rows per transaction.")
@input_options
def load(path, store_path, backend, replace, batch_size, strict, mapping, source_pattern, allow_absolute_paths, focal_roles,
         skip_missing_sources):
    """Check a study and save it for fast, repeated querying.

    With the embedded engine the study is written to a store (a zip of
    Parquet tables: data only, checked again when opened, fast to reopen),
    which every query accepts as --study, under whatever name it was saved.
    With --backend neo4j it is loaded into the database in batches. A failed
    load leaves the store (or database) as it was.

    \b
    Example:
      graphstudy load my-study/ --store my-study.gstudy
      graphstudy shifts --study my-study.gstudy --psw Sue
      graphstudy load my-study/ --backend neo4j --replace
    """
    from ..loader import load_study
    from ..store import save_store

    if backend == "embedded":
        if store_path is None:
            raise click.UsageError("give --store FILE.gstudy to save the study (or --backend neo4j)")
        _store_target(store_path)
    t0 = time.perf_counter()
    click.echo(f"reading and checking {path} ...", err=True)
    study = load_study(path, strict=strict, **_options(mapping, source_pattern, allow_absolute_paths, focal_roles,
                                                       skip_missing_sources))
    c = study.counts()
    click.echo(f"checked in {time.perf_counter() - t0:.1f}s: {c['participants']} participants, {c['interviews']} interviews, "
               f"{c['quotes']} quotes, {c['codings']} codings, {c['themes']} themes", err=True)
    if backend == "embedded":
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
@click.option("--participants", "n", type=click.IntRange(min=12), default=340, show_default=True,
              help="How many interviewed participants. peer-support (at least 34): in the bundled study's proportions "
                   "(5 PSWs : 15 service users : 14 co-workers); one family member per PSW, never interviewed, comes on top.")
@click.option("--quotes-per-interview", type=click.FloatRange(min=0.1), default=3.0, show_default=True,
              help="Mean quotes per interview (the bundled study's paper cites about 0.5; real transcripts hold dozens).")
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed: the same seed gives the same study.")
@click.option("--shape", type=click.Choice(SHAPES), default=SHAPES[0], show_default=True,
              help="peer-support: the bundled study's shape; patient-carer-clinician: patients (focal), their family "
                   "carers and clinicians at baseline, 3 and 6 months, some clinicians changing at 6 months, two coders "
                   "(at least 12 participants, 5 : 5 : 2).")
@click.option("-o", "--output", "out", type=click.Path(path_type=Path), required=True, help="Folder to write (CSV study folder).")
def synth(n, quotes_per_interview, seed, shape, out):
    """Generate a study of any size, with the bundled study's shape or a patient-carer-clinician one.

    peer-support: roles, relationships (SERVED_BY, SUPERVISES, MENTORS,
    COLLEAGUE_OF), Figure 1's interview schedule, the 3 themes and 8
    sub-themes and quote lengths follow the bundled study.
    patient-carer-clinician: declared roles, CARES_FOR and TREATS with
    spans, waves at 3 months, two coders who partly agree. For benchmarks
    and trying things out.

    \b
    Example:
      graphstudy synth --participants 3400 --quotes-per-interview 13 --seed 1 -o big-study/
      graphstudy synth --shape patient-carer-clinician --participants 120 -o care-study/
    """
    from ..synth import write_synthetic_study

    t0 = time.perf_counter()
    counts = write_synthetic_study(out, participants=n, quotes_per_interview=quotes_per_interview, seed=seed, shape=shape)
    click.echo(f"wrote {out} in {time.perf_counter() - t0:.1f}s: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
