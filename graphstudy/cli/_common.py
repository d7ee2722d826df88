"""What every command shares: the common options, opening the engine, printing a result."""

from __future__ import annotations

import difflib
import functools
from pathlib import Path
from typing import NamedTuple

import click

from .. import queries
from ..engines import ENGINES, Backend, StudyNotLoaded, open_engine
from ..engines.memo import remembering
from ..engines.rules import PER, with_rules
from ..errors import GraphStudyError
from ..output import FORMATS, render_parts

__all__ = [
    "GraphStudyGroup",
    "backend_option",
    "emit",
    "format_option",
    "level_option",
    "open_backend",
    "refi_options",
    "refi_settings",
    "rules_options",
    "study_option",
]


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
        help="A study folder, .xlsx workbook, .gstudy store or .qdpx project; with --backend neo4j also the name "
             "of a study already loaded. Default: the bundled peer-support study.",
    )(f)


def backend_option(f):
    return click.option(
        "--backend", type=click.Choice(ENGINES), default=ENGINES[0], show_default=True,
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


class Rules(NamedTuple):
    """``--coder``, ``--min-coders`` and ``--per`` as one value (see :func:`rules_options`)."""

    coders: tuple[str, ...] | None = None
    min_coders: int = 1
    per: str = "occasion"


def rules_options(f=None, *, per_default: str = PER[0], per_help: str | None = None):
    """``--coder NAME`` (repeatable), ``--min-coders K`` and ``--per occasion|timepoint``, handed to the
    command as one argument ``rules`` (a :class:`Rules`) for :func:`open_backend`."""
    def deco(f):
        @functools.wraps(f)
        def command(*args, coders, min_coders, per, **kwargs):
            return f(*args, rules=Rules(tuple(coders) or None, min_coders, per), **kwargs)

        command = click.option(
            "--per", type=click.Choice(PER), default=per_default, show_default=True,
            help=per_help or "occasion: each wave its own occasion; timepoint: a person's waves within a time point "
                             "read as one (their quotes added up).")(command)
        command = click.option(
            "--min-coders", type=click.IntRange(min=1), default=1, show_default=True, metavar="K",
            help="A quote counts for a theme when at least K coders (of those kept) coded it so; 1: any coder.")(command)
        return click.option(
            "--coder", "coders", multiple=True, metavar="NAME",
            help="Only this coder's codings (repeatable); default: every coder's.")(command)
    return deco if f is None else deco(f)


def open_backend(study_path: Path | None, backend: str, rules: Rules | None = None) -> Backend:
    """The engine that answers queries for ``--study`` and ``--backend``, closed when the command ends.

    The embedded engine is built from the study at ``study_path`` (default: the
    bundled study). Neo4j takes the name of the study there; when no such file
    or folder exists, ``study_path`` is itself the name of a study already
    loaded, and every answer then comes from the database alone.

    With ``rules`` (the command takes :func:`rules_options`) the engine answers
    with that coding rule and time resolution (:func:`~graphstudy.engines.rules.with_rules`),
    and, when the study has more than one named coder, one line on stderr says which rule.
    """
    from ..loader import load_study, study_name

    if backend == ENGINES[0]:
        engine = open_engine(load_study(study_path), backend)
    elif study_path is None or study_path.exists():
        engine = open_engine(study_name(study_path), backend)
    else:
        try:
            engine = open_engine(str(study_path), backend)
        except StudyNotLoaded as exc:
            close = difflib.get_close_matches(str(study_path), exc.loaded, n=1)
            held = "; ".join(exc.loaded[:10]) + (f"; and {len(exc.loaded) - 10} more" if len(exc.loaded) > 10 else "")
            raise GraphStudyError(f"--study '{study_path}': no such file or folder, nor a study of that name in "
                                  f"{exc.where}" + (f"; did you mean '{close[0]}'?" if close else "")
                                  + f" (studies loaded there: {held or 'none'})") from None
    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        ctx.call_on_close(engine.close)
    memo = remembering(engine)  # each distinct look-up reaches the engine once per command (engines/memo.py)
    if rules is None:
        return memo
    ruled = with_rules(memo, coders=rules.coders, min_coders=rules.min_coders, per=rules.per)
    if len(ruled.known_coders) > 1:
        click.echo(ruled.describe(), err=True)
    return ruled


def emit(result, fmt: str) -> None:
    """Print a result as ``fmt``, a long table piece by piece (:func:`~graphstudy.output.render_parts`)."""
    for part in render_parts(result, fmt):
        click.echo(part, nl=False)
    click.echo()


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


def refi_settings(mapping, source_pattern, allow_absolute_paths) -> dict:
    opts = {}
    if mapping is not None:
        opts["mapping"] = mapping
    if source_pattern is not None:
        opts["source_pattern"] = source_pattern
    if allow_absolute_paths:
        opts["allow_absolute"] = True
    return opts
