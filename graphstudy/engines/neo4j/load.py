"""Loading a study into Neo4j: batched, idempotent, resumable.

The graph is the embedded engine's (see :mod:`graphstudy.engines.embedded`): nodes
``Participant``, ``Interview``, ``Occasion``, ``Quote``, ``Theme``, each keyed
by ``(study, id)``, plus one ``Study`` node per study (key, metadata, state of
its last load). Several studies share one database: every node carries its
study's key (the study's name) and every statement matches on it.

How a load runs
---------------
1. ``schema.cypher``: uniqueness constraints on every node key and the
   indexes the look-ups use (``IF NOT EXISTS``: a no-op the second time).
2. The ``Study`` node is set to ``status = 'loading'``; with ``replace=True``
   the study's earlier nodes and relationships are then deleted.
3. One ``UNWIND $rows AS row`` statement per node label and relationship type
   (``cypher/load_*.cypher``), in batches of ``batch_size`` rows; **each batch
   is one transaction**. Where two batches of a statement cannot touch the same
   node (``LoadStep.parallel``: the node statements, and ``GAVE`` and
   ``HAS_QUOTE`` with their rows grouped by their shared end, so neighbouring
   batches share at most one node and cannot deadlock), ``workers`` batches run
   at once, each in a session of its own; the others run one after another
   (their batches all meet at a few dense nodes -- themes, occasions, PSWs --
   and may deadlock, to be retried).
4. The ``Study`` node is set to ``status = 'complete'``.

What a failure leaves
---------------------
A batch commits whole or not at all, so no node is ever stored without all
its properties and no relationship without both of its ends. When a load
stops part-way (an error, the server killed, the network lost), the error
names the statement and batch; the batches before it stay committed (with
``workers > 1`` a later batch already under way may be committed too) and the
study stays ``loading``, which :class:`~graphstudy.engines.neo4j.backend.Neo4jBackend`
refuses to query. Every statement MERGEs on keys, so running the same load
again matches what is there, creates only what is missing, and marks the
study complete: the same counts as one clean load, no duplicates. Loading a
*changed* study over an earlier one only adds and updates; use
``replace=True`` to drop what the new version no longer has.
"""

from __future__ import annotations

import json
import queue
import re
import sys
import time
from collections.abc import Hashable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import Any

import neo4j
import pandas as pd
from neo4j import exceptions as neo_exc

from ...errors import BackendError
from ...frames import each
from ...model import Study, occasion_id
from .connect import Neo4jSettings, connect, explain
from .counts import study_counts
from .statements import cypher

__all__ = ["GRAPH_FORMAT", "LoadStep", "apply_schema", "load_into_neo4j", "load_plan", "remove_from_neo4j",
           "schema_statements", "study_metadata"]

_TYPE = re.compile(r"^[A-Z][A-Z0-9_]*$")

GRAPH_FORMAT = 2
"""The layout of the graph a load writes, recorded on the ``Study`` node when the load completes.

2: every column of every table is stored (notes, dates, colours, coding notes,
relationship ``start``/``end``), each record with its ``position`` in the
study's table, and the study's :class:`~graphstudy.model.StudyInfo` as JSON.
A study loaded before (no format) answers the look-ups but not
:meth:`~graphstudy.engines.neo4j.backend.Neo4jBackend.table`."""


@dataclass(frozen=True)
class LoadStep:
    """One load statement and the rows it takes: ``statement`` names ``cypher/<statement>.cypher``.

    ``parallel``: no two batches of the statement touch the same node (or only
    neighbouring batches, one node), so its batches may run at the same time.
    """

    statement: str
    what: str
    rows: pd.DataFrame
    parallel: bool = False


def _text(frame: pd.DataFrame, cols: list[str], position: bool = False) -> pd.DataFrame:
    """The columns as text (``""`` where blank); with ``position``, first the row's place in the table."""
    out = frame.reindex(columns=cols).reset_index(drop=True)
    for c in cols:
        out[c] = out[c].fillna("").astype(str).astype(object)
    if position:
        out.insert(0, "position", range(len(out)))
    return out


def load_plan(study: Study) -> list[LoadStep]:
    """The statements that load ``study``, in order, each with its rows.

    Raises
    ------
    BackendError
        When a relationship's type is neither a base type nor one the study
        declares in UPPER_CASE (the loader's own check: types travel to Neo4j
        as parameters, never pasted into a statement).

    Examples
    --------
    >>> from graphstudy import load_study
    >>> [(s.what, len(s.rows)) for s in load_plan(load_study())][:3]
    [('Participant', 22), ('Theme', 11), ('SUBTHEME_OF', 8)]
    >>> list(load_plan(load_study())[-1].rows.columns)
    ['position', 'source_id', 'type', 'target_id', 'start', 'end', 'note']

    Notes
    -----
    O(n) in the number of records; the rows are DataFrames, turned into
    Python dicts one batch at a time.
    """
    order = study.timepoint_order
    th = study.themes.reset_index(drop=True)
    themes = _text(th, ["id", "name", "parent_id", "description", "color", "note"])
    themes.insert(3, "position", range(len(themes)))
    iv = study.interviews
    ivt = _text(iv, ["id", "participant_id", "timepoint", "date", "note"], position=True)
    ivt["wave"] = iv["wave"].astype("int64").to_numpy()
    ivt["order"] = [int(order.get(tp, 0)) for tp in ivt["timepoint"]]
    ivt["occasion_id"] = [occasion_id(tp, w) for tp, w in each(ivt, "timepoint", "wave")]
    occasions = ivt.drop_duplicates("occasion_id", keep="last")[["occasion_id", "timepoint", "wave", "order"]]
    q = _text(study.quotes, ["id", "interview_id", "text", "about", "stance", "citation", "note"], position=True)
    about = q[["id", "about"]].assign(participant_id=q["about"].str.split(";")).explode("participant_id")
    about["participant_id"] = about["participant_id"].fillna("").str.strip()
    about = about[about["participant_id"] != ""].drop_duplicates(["id", "participant_id"])
    about = about.assign(position=about.groupby("id", sort=False).cumcount().astype("int64"))
    rel = _text(study.relationships, ["source_id", "type", "target_id", "start", "end", "note"], position=True)
    type_ids = study.info.relationship_type_ids
    allowed = set(type_ids)
    bad = rel[~rel["type"].map(lambda t: t in allowed and bool(_TYPE.match(t)))]
    if not bad.empty:
        row = bad.index[0]
        raise BackendError(f"relationships, row {row + 2}, column type: '{bad.iloc[0]['type']}' is not a relationship type "
                           f"of study '{study.name}' ({', '.join(type_ids)}), or not UPPER_CASE")
    gave = ivt[["participant_id", "id"]].rename(columns={"id": "interview_id"})
    has_quote = q[["interview_id", "id"]].rename(columns={"id": "quote_id"})
    return [
        LoadStep("load_participants", "Participant", _text(study.participants, [
            "id", "role", "subrole", "gender", "age_band", "diagnosis", "agency", "setting", "note"], position=True),
            parallel=True),
        LoadStep("load_themes", "Theme", themes),
        LoadStep("load_subtheme_of", "SUBTHEME_OF", themes.loc[themes["parent_id"] != "", ["id", "parent_id"]]),
        LoadStep("load_occasions", "Occasion", occasions.rename(columns={"occasion_id": "id"})),
        LoadStep("load_interviews", "Interview", ivt[["id", "position", "timepoint", "wave", "order", "date", "note"]],
                 parallel=True),
        # One row per interview (per quote): grouped by the participant (interview), batches share at most one.
        LoadStep("load_gave", "GAVE", gave.sort_values("participant_id", kind="stable"), parallel=True),
        LoadStep("load_at", "AT", ivt[["id", "occasion_id"]].rename(columns={"id": "interview_id"})),
        LoadStep("load_quotes", "Quote", q[["id", "position", "text", "stance", "citation", "note"]], parallel=True),
        LoadStep("load_has_quote", "HAS_QUOTE", has_quote.sort_values("interview_id", kind="stable"), parallel=True),
        LoadStep("load_about", "ABOUT", about[["id", "participant_id", "position"]].rename(columns={"id": "quote_id"})),
        LoadStep("load_coded_as", "CODED_AS", _text(study.codings, ["quote_id", "theme_id", "coder", "note"], position=True)),
        LoadStep("load_relationships", "relationships between people", rel),
    ]


def study_metadata(study: Study) -> str:
    """The study's :class:`~graphstudy.model.StudyInfo` as the JSON the ``Study`` node keeps.

    Values JSON has no type for (a TOML date in ``[design]``) are kept as their text.

    Examples
    --------
    >>> import json
    >>> from graphstudy import load_study
    >>> sorted(json.loads(study_metadata(load_study())))[:4]
    ['description', 'design', 'memos', 'name']
    """
    return json.dumps(study.info.to_dict(), ensure_ascii=False, default=str)


def schema_statements(name: str = "schema") -> list[str]:
    """The statements of a multi-statement file (``schema``), split at ``;`` ending a line."""
    parts = re.split(r";[ \t]*\n", cypher(name))
    return [p.strip() for p in parts if p.strip() and not all(line.strip().startswith("//") for line in p.strip().splitlines())]


def apply_schema(driver: neo4j.Driver, database: str) -> None:
    """Create the constraints and indexes of ``schema.cypher`` (if absent) and wait until they are online."""
    with driver.session(database=database) as session:
        for statement in schema_statements():
            session.run(statement).consume()
        session.run(cypher("await_indexes")).consume()


def _batches(frame: pd.DataFrame, size: int) -> Iterator[tuple[int, list[dict[Hashable, Any]]]]:
    for start in range(0, len(frame), size):
        yield start, frame.iloc[start:start + size].to_dict("records")


def load_into_neo4j(study: Study, replace: bool = False, batch_size: int = 5000, progress: bool = True,
                    settings: Neo4jSettings | None = None, timings: dict[str, float] | None = None,
                    workers: int = 2) -> dict[str, int]:
    """Load ``study`` into Neo4j in batches, one transaction per batch.

    Parameters
    ----------
    study : Study
    replace : bool
        Remove this study's earlier load first (other studies are untouched).
    batch_size : int
        Rows per transaction.
    progress : bool
        Show a progress bar on standard error.
    settings : Neo4jSettings, optional
        Default: :meth:`Neo4jSettings.from_env`.
    timings : dict, optional
        Filled with the seconds each statement took, by what it loads
        (``{"Quote": 5.2, "HAS_QUOTE": 4.1, ...}``; for ``bench/``).
    workers : int
        Batches written at the same time, for the statements whose batches
        share no node (see the module notes); 1 writes one batch at a time.

    Returns
    -------
    dict
        Node and relationship counts of the study in Neo4j after the load,
        equal to ``EmbeddedBackend(study).counts()``.

    Raises
    ------
    ConnectionFailed
        The server cannot be reached, refuses the credentials or has no such
        database; or the connection was lost during the load (naming the batch).
    BackendError
        Neo4j refused a batch (naming the statement and the batch).

    Examples
    --------
    >>> from graphstudy import load_study
    >>> load_into_neo4j(load_study(), progress=False)["Quote"]      # doctest: +SKIP
    42

    Notes
    -----
    O(n) in the number of records. The server does most of the work: with
    ``workers=2`` on two cores, quotes load about 1.5 times as fast as with
    one (``bench/neo4j_load.py``). See the module's notes for what a failed
    load leaves and why running it again completes it.
    """
    if batch_size < 1:
        raise BackendError(f"batch_size must be at least 1; got {batch_size}")
    if workers < 1:
        raise BackendError(f"workers must be at least 1; got {workers}")
    plan = load_plan(study)
    key = study.name
    driver, settings = connect(settings)
    try:
        try:
            apply_schema(driver, settings.database)
            with driver.session(database=settings.database) as session:
                session.run(cypher("load_study_begin"), study=key, metadata=study_metadata(study)).consume()
                if replace:
                    session.run(cypher("delete_study"), study=key).consume()
        except (neo_exc.Neo4jError, neo_exc.DriverError, OSError) as exc:
            raise explain(exc, settings, f"preparing to load study '{key}'") from None
        _run_plan(driver, settings, key, plan, batch_size, progress, {} if timings is None else timings, workers)
        try:
            driver.execute_query(cypher("load_study_end"), study=key, format=GRAPH_FORMAT, database_=settings.database)
        except (neo_exc.Neo4jError, neo_exc.DriverError, OSError) as exc:
            raise explain(exc, settings, f"finishing the load of study '{key}'") from None
        def records(statement: str) -> list[dict]:
            return [r.data() for r in driver.execute_query(cypher(statement), study=key, database_=settings.database,
                                                           routing_=neo4j.RoutingControl.READ).records]

        try:
            return study_counts(records)
        except (neo_exc.Neo4jError, neo_exc.DriverError, OSError) as exc:
            raise explain(exc, settings, f"counting what study '{key}' holds") from None
    finally:
        driver.close()


def remove_from_neo4j(study_name: str, settings: Neo4jSettings | None = None) -> None:
    """Remove one study (its nodes, relationships and Study node) from Neo4j; other studies stay.

    Examples
    --------
    >>> from graphstudy.engines.neo4j.load import remove_from_neo4j
    >>> remove_from_neo4j("a study that was never loaded")     # doctest: +SKIP

    Notes
    -----
    Deletes in transactions of 10,000 nodes; the study is marked ``loading``
    first, so if this stops part-way it is refused, never half-answered.
    """
    driver, settings = connect(settings)
    try:
        with driver.session(database=settings.database) as session:
            session.run(cypher("load_study_begin"), study=study_name, metadata="{}").consume()
            session.run(cypher("delete_study"), study=study_name).consume()
            session.run(cypher("delete_study_node"), study=study_name).consume()
    except (neo_exc.Neo4jError, neo_exc.DriverError, OSError) as exc:
        raise explain(exc, settings, f"removing study '{study_name}'") from None
    finally:
        driver.close()


def _run_plan(driver: neo4j.Driver, settings: Neo4jSettings, key: str, plan: list[LoadStep],
              batch_size: int, progress: bool, timings: dict[str, float], workers: int) -> None:
    from tqdm import tqdm

    total = sum(len(step.rows) for step in plan)
    sessions: queue.SimpleQueue = queue.SimpleQueue()   # one per worker thread; a session is not thread-safe
    opened = [driver.session(database=settings.database) for _ in range(workers)]
    for session in opened:
        sessions.put(session)
    try:
        with tqdm(total=total, unit="row", file=sys.stderr, disable=not progress, desc=f"loading '{key[:30]}'") as bar, \
                ThreadPoolExecutor(workers, thread_name_prefix="graphstudy-load") as pool:
            for step in plan:
                started = time.perf_counter()
                _run_step(pool, sessions, workers if step.parallel else 1, settings, key, step, batch_size, bar)
                timings[step.what] = time.perf_counter() - started
            bar.set_postfix_str("done")
    finally:  # after the pool's threads have finished with them
        for session in opened:
            session.close()


def _run_step(pool: ThreadPoolExecutor, sessions: queue.SimpleQueue, workers: int, settings: Neo4jSettings,
              key: str, step: LoadStep, batch_size: int, bar: Any) -> None:
    """Write one statement's batches, at most ``workers`` at a time, in order; report the first batch that failed."""
    query = cypher(step.statement)
    n = -(-len(step.rows) // batch_size)
    pending: dict[Future, tuple[int, int, int]] = {}
    failed: list[tuple[int, int, int, BaseException]] = []

    def settle(done: Iterable[Future]) -> None:
        for future in done:
            k, start, size = pending.pop(future)
            exc = future.exception()
            if exc is not None:
                failed.append((k, start, size, exc))
            else:
                bar.update(size)

    for k, (start, rows) in enumerate(_batches(step.rows, batch_size), start=1):
        if len(pending) >= workers:
            settle(wait(pending, return_when=FIRST_COMPLETED).done)
        if failed:
            break
        bar.set_postfix_str(f"{step.what} batch {k}/{n}")
        pending[pool.submit(_write_batch, sessions, query, key, rows)] = (k, start, len(rows))
    settle(wait(pending).done)
    if failed:
        k, start, size, exc = min(failed, key=lambda f: f[0])
        if not isinstance(exc, (neo_exc.Neo4jError, neo_exc.DriverError, OSError)):
            raise exc
        where = (f"loading study '{key}' stopped at {step.what} batch {k} of {n} "
                 f"(rows {start + 1}-{start + size}; earlier batches are saved, this one may not be; "
                 "run the same load again to complete it)")
        raise explain(exc, settings, where) from None


def _write_batch(sessions: queue.SimpleQueue, query: str, key: str, rows: list[dict]) -> None:
    session = sessions.get()
    try:
        session.execute_write(_run_batch, query, key, rows)
    finally:
        sessions.put(session)


def _run_batch(tx: neo4j.ManagedTransaction, query: str, key: str, rows: list[dict]) -> None:
    tx.run(query, study=key, rows=rows).consume()
