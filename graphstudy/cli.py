"""The ``graphstudy`` command: a thin layer over the library.

Every command parses its options, calls the library and prints the result;
any :class:`~graphstudy.errors.GraphStudyError` becomes one line on standard
error and exit status 2.
"""

from __future__ import annotations

import functools
import sys
import time
from pathlib import Path

import click

from . import queries
from .errors import GraphStudyError, StudyInvalid
from .output import FORMATS, render

__all__ = ["main"]


class GraphStudyGroup(click.Group):
    """Turns library errors into one line on stderr and exit status 2."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except GraphStudyError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(2)


def study_option(f):
    return click.option(
        "--study", "study_path", type=click.Path(path_type=Path), default=None,
        help="A study folder, .xlsx workbook, .gstudy store or .qdpx project. Default: the bundled peer-support study.",
    )(f)


def backend_option(f):
    return click.option(
        "--backend", type=click.Choice(["embedded", "neo4j"]), default="embedded", show_default=True,
        help="Which engine answers: embedded (NetworkX, no server) or neo4j (connection from NEO4J_URI, "
             "NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE).",
    )(f)


def format_option(f):
    return click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
                        help="Print a table, CSV or JSON.")(f)


def level_option(default: str):
    def deco(f):
        return click.option("--level", type=click.Choice(queries.LEVELS), default=default, show_default=True,
                            help="theme: roll codes up to their top-level theme; subtheme: as coded.")(f)
    return deco


def open_backend(study_path: Path | None, backend: str):
    """The engine that answers queries for ``--study`` and ``--backend``."""
    from .loader import load_study

    if backend == "embedded":
        return queries.as_backend(load_study(study_path))
    from .neo4j_backend import Neo4jBackend

    return Neo4jBackend.for_study(study_path)


def emit(result, fmt: str) -> None:
    click.echo(render(result, fmt))


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


def refi_options(f):
    """Options that say which REFI-QDA document is which participant at which occasion."""
    f = click.option("--allow-absolute-paths", is_flag=True,
                     help="REFI-QDA: allow sources at absolute:// paths outside the project (refused by default).")(f)
    f = click.option("--source-pattern", default=None, metavar="REGEX",
                     help="REFI-QDA: a regular expression over source names with named groups participant, "
                          "timepoint and optionally wave, e.g. '(?P<participant>[^_]+)_(?P<timepoint>T\\d)(?:_(?P<wave>\\d+))?'.")(f)
    f = click.option("--mapping", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
                     help="REFI-QDA: CSV with columns source, participant_id, role, timepoint, wave mapping each source "
                          "(by name, or GUID where it has none) to a participant and occasion.")(f)
    return f


def _refi(mapping, source_pattern, allow_absolute_paths) -> dict:
    opts = {}
    if mapping is not None:
        opts["mapping"] = mapping
    if source_pattern is not None:
        opts["source_pattern"] = source_pattern
    if allow_absolute_paths:
        opts["allow_absolute"] = True
    return opts


@main.command()
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
    from .loader import check_path

    study, problems = check_path(path, **_refi(mapping, source_pattern, allow_absolute_paths))
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


@main.command()
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
    from .loader import load_study
    from .store import save_store

    t0 = time.perf_counter()
    click.echo(f"reading and checking {path} ...", err=True)
    study = load_study(path, **_refi(mapping, source_pattern, allow_absolute_paths))
    c = study.counts()
    click.echo(f"checked in {time.perf_counter() - t0:.1f}s: {c['participants']} participants, {c['interviews']} interviews, "
               f"{c['quotes']} quotes, {c['codings']} codings, {c['themes']} themes", err=True)
    if backend == "embedded":
        if store_path is None:
            raise click.UsageError("give --store FILE.gstudy to save the study (or --backend neo4j)")
        save_store(study, store_path)
        click.echo(f"saved {store_path} in {time.perf_counter() - t0:.1f}s")
    else:
        from .neo4j_backend import load_into_neo4j

        load_into_neo4j(study, replace=replace, batch_size=batch_size, progress=True)
        click.echo(f"loaded study '{study.name}' into Neo4j in {time.perf_counter() - t0:.1f}s")


@main.command()
@click.option("--psw", required=True, help="The PSW's participant id, e.g. Sue.")
@click.option("--role", type=click.Choice(["service_user", "co_worker", "family"]), default=None,
              help="Only people of this role linked to the PSW. Default: every dyad of the PSW.")
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


@main.command()
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


@main.command()
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


@main.command()
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


@main.command()
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
    from .citation import parse_citation

    rows = []
    for code in codes:
        c = parse_citation(code)
        for w in c.warnings:
            click.echo(f"warning: {w}", err=True)
        rows.append({"code": c.code, "participant": c.participant_id, "role": c.role, "subrole": c.subrole,
                     "gender": c.gender, "age_band": c.age_band, "occasion": c.occasion, "about": ";".join(c.about)})
    emit(__import__("pandas").DataFrame(rows), fmt)


@main.command()
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
    from .demo import run_demo

    run_demo(out_dir, echo=click.echo)


@main.command()
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
    from .synth import write_synthetic_study

    t0 = time.perf_counter()
    counts = write_synthetic_study(out, participants=n, quotes_per_interview=quotes_per_interview, seed=seed)
    click.echo(f"wrote {out} in {time.perf_counter() - t0:.1f}s: " + ", ".join(f"{v} {k}" for k, v in counts.items()))


# Commands of other areas register here, one line each.
from .reports.cli import report  # noqa: E402
from .refi_qda.cli import export  # noqa: E402
from .views.cli import view  # noqa: E402

main.add_command(report)
main.add_command(export)
main.add_command(view)
