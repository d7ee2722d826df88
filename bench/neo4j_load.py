"""Benchmark of the Neo4j engine (issue 3, section 8).

On generated studies (``graphstudy synth``'s shape, 13 quotes per interview) of
about 10k and 1M quotes, in one run against one fresh server:

- load throughput of the batched loader (``load_into_neo4j``: one
  ``UNWIND $rows`` transaction per batch, ``--workers`` batches at once where
  batches share no node) against a per-row loader (the same
  MERGE statements, one row per statement, one transaction per row), as rows
  per second, quote rows per second and their ratio (the per-row loader only
  at the small size: at 1M it would take hours);
- ``shifts`` latency for one PSW on Neo4j with graphstudy's constraints and
  indexes, and with them dropped (``cypher/drop_schema.cypher``).

Warm-up loads (10k quotes, ``--warm-up-loads`` times, removed again) run
first, so the first loader measured does not pay for the JVM's warm-up and
query compilation.

Usage::

    python bench/neo4j_load.py                          # 10k and 1M quotes
    python bench/neo4j_load.py --quotes 10000           # only the small one
    python bench/neo4j_load.py --uri bolt://127.0.0.1:7687   # an existing (empty) server

Without --uri it starts its own server with scripts/neo4j-dev-server.sh (JVM
options from --java-opts, page cache from --pagecache) and stops it at the end. Prints one JSON object per
size and writes them to bench/results/neo4j_load.json (replacing only the
sizes measured in this run).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from timing import median_seconds

REPO = Path(__file__).resolve().parents[1]
QPI = 13.0  # quotes per interview, as bench/embedded.py


@contextmanager
def dev_server(java_opts: str, pagecache: str):
    """A fresh scripts/neo4j-dev-server.sh server in a folder of its own; yields its URI."""
    with tempfile.TemporaryDirectory(prefix="gs-bench-neo4j-") as folder:
        env = dict(os.environ, GRAPHSTUDY_NEO4J_DIR=folder, GRAPHSTUDY_NEO4J_JAVA_OPTS=java_opts,
                   GRAPHSTUDY_NEO4J_PAGECACHE=pagecache)
        env.pop("NEO4J_PASSWORD", None)
        script = str(REPO / "scripts" / "neo4j-dev-server.sh")
        subprocess.run([script, "start"], env=env, check=True, capture_output=True, text=True)
        try:
            yield (Path(folder) / "uri").read_text().strip()
        finally:
            subprocess.run([script, "stop"], check=False, env=env, capture_output=True, text=True)


def per_row_load(study, settings, timings: dict) -> None:
    """The baseline: every row its own MERGE statement and its own (auto-commit) transaction."""
    from graphstudy.engines.neo4j.connect import connect
    from graphstudy.engines.neo4j.load import apply_schema, load_plan
    from graphstudy.engines.neo4j.statements import cypher

    driver, settings = connect(settings)
    try:
        apply_schema(driver, settings.database)
        with driver.session(database=settings.database) as session:
            session.run(cypher("load_study_begin"), study=study.name, metadata="{}").consume()
            for step in load_plan(study):
                query = cypher(step.statement)
                t = time.perf_counter()
                for row in step.rows.to_dict("records"):
                    session.run(query, study=study.name, rows=[row]).consume()
                timings[step.what] = time.perf_counter() - t
            session.run(cypher("load_study_end"), study=study.name).consume()
    finally:
        driver.close()


def _rates(study, seconds: float, timings: dict) -> dict:
    from graphstudy.engines.neo4j.load import load_plan

    rows = {s.what: len(s.rows) for s in load_plan(study)}
    total = sum(rows.values())
    return {
        "seconds": round(seconds, 2),
        "rows": total,
        "rows_per_s": round(total / seconds),
        "study_quotes_per_s": round(len(study.quotes) / seconds),
        "quote_rows_per_s": round(rows["Quote"] / timings["Quote"]),
        "rows_per_s_by_statement": {k: round(rows[k] / v) if v else None for k, v in timings.items()},
    }


def shifts_latency(study, settings) -> dict:
    """``shifts`` for the first PSW, all dyads, with and without graphstudy's schema (median of runs, warm)."""
    from graphstudy import shifts
    from graphstudy.engines.neo4j.backend import Neo4jBackend
    from graphstudy.engines.neo4j.connect import connect
    from graphstudy.engines.neo4j.load import apply_schema, schema_statements

    psw = sorted(study.participants.loc[study.participants["role"] == "psw", "id"])[0]
    with Neo4jBackend(study.name, settings) as neo:
        with_idx = shifts(neo, psw)
        t_with = median_seconds(lambda: shifts(neo, psw), 7)
        driver, _ = connect(settings)
        try:
            with driver.session(database=settings.database) as session:
                for statement in schema_statements("drop_schema"):
                    session.run(statement).consume()
            without_idx = shifts(neo, psw)
            t_without = median_seconds(lambda: shifts(neo, psw), 3)
            apply_schema(driver, settings.database)
        finally:
            driver.close()
    return {"psw": psw, "rows": len(with_idx), "same_rows_without_indexes": bool(with_idx.equals(without_idx)),
            "with_indexes_ms": round(t_with * 1000, 1), "without_indexes_ms": round(t_without * 1000, 1),
            "ratio_without_over_with": round(t_without / t_with, 1)}


def warm_up(settings, loads: int, batch_size: int, workers: int) -> float:
    """Load and remove a 10k-quote study ``loads`` times first, so neither loader pays for a cold JVM.

    One load is not enough: the JVM is still compiling Neo4j's hot paths, and a
    second and third 10k load take about a third of the first's time.
    """
    import dataclasses

    from graphstudy.engines.neo4j.load import load_into_neo4j, remove_from_neo4j
    from graphstudy.synth import synthetic_study

    t = time.perf_counter()
    study = dataclasses.replace(synthetic_study(340, QPI, seed=2), name="bench-warm-up")
    for _ in range(loads):
        load_into_neo4j(study, replace=True, batch_size=batch_size, workers=workers, progress=False, settings=settings)
    per_row_load(dataclasses.replace(synthetic_study(34, 3.0, seed=2), name="bench-warm-up-per-row"), settings, {})
    remove_from_neo4j("bench-warm-up", settings)
    remove_from_neo4j("bench-warm-up-per-row", settings)
    return time.perf_counter() - t


def run(target_quotes: int, settings, batch_size: int, per_row_max: int, workers: int) -> dict:
    import dataclasses

    from graphstudy.engines.neo4j.load import load_into_neo4j
    from graphstudy.synth import synthetic_study

    participants = max(34, round(target_quotes / (77 * QPI / 34)))
    t = time.perf_counter()
    study = synthetic_study(participants, QPI, seed=1)
    result = {"target_quotes": target_quotes, "quotes": len(study.quotes), "participants": len(study.participants), "interviews": len(study.interviews),
              "codings": len(study.codings), "generate_s": round(time.perf_counter() - t, 1),
              "batch_size": batch_size, "workers": workers, "load_average_before": [round(x, 2) for x in os.getloadavg()]}
    batched = dataclasses.replace(study, name=f"bench-{target_quotes}-batched")
    timings: dict[str, float] = {}
    t = time.perf_counter()
    load_into_neo4j(batched, batch_size=batch_size, progress=False, settings=settings, timings=timings, workers=workers)
    result["batched"] = _rates(batched, time.perf_counter() - t, timings)
    if len(study.quotes) <= per_row_max:
        per_row = dataclasses.replace(study, name=f"bench-{target_quotes}-per-row")
        timings = {}
        t = time.perf_counter()
        per_row_load(per_row, settings, timings)
        result["per_row"] = _rates(per_row, time.perf_counter() - t, timings)
        result["ratio_batched_over_per_row"] = {
            "rows_per_s": round(result["batched"]["rows_per_s"] / result["per_row"]["rows_per_s"], 1),
            "quote_rows_per_s": round(result["batched"]["quote_rows_per_s"] / result["per_row"]["quote_rows_per_s"], 1),
        }
    result["shifts"] = shifts_latency(batched, settings)
    result["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    return result


def main() -> None:
    from graphstudy.engines.neo4j.connect import Neo4jSettings

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quotes", type=int, nargs="+", default=[10_000, 1_000_000])
    ap.add_argument("--batch-size", type=int, default=5000)
    ap.add_argument("--workers", type=int, default=2, help="batches written at once by the batched loader")
    ap.add_argument("--warm-up-loads", type=int, default=3, help="10k-quote loads before measuring")
    ap.add_argument("--per-row-max", type=int, default=20_000, help="run the per-row loader up to this many quotes")
    ap.add_argument("--uri", default=None, help="an existing, empty server (default: start a throwaway one)")
    ap.add_argument("--java-opts", default="-Xms2g -Xmx2g", help="JVM options of the throwaway server")
    ap.add_argument("--pagecache", default="2g", help="page cache of the throwaway server")
    ap.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "neo4j_load.json")
    args = ap.parse_args()
    results = []

    def go(uri: str) -> None:
        settings = Neo4jSettings(uri=uri, password=os.environ.get("NEO4J_PASSWORD") if args.uri else None)
        warm = warm_up(settings, args.warm_up_loads, args.batch_size, args.workers)
        print(json.dumps({"warm_up_s": round(warm, 1), "warm_up_loads": args.warm_up_loads}), flush=True)
        for n in args.quotes:
            r = run(n, settings, args.batch_size, args.per_row_max, args.workers)
            r["server"] = {"uri": uri, "java_opts": None if args.uri else args.java_opts,
                           "pagecache": None if args.uri else args.pagecache, "cpus": os.cpu_count()}
            print(json.dumps(r), flush=True)
            results.append(r)

    if args.uri:
        go(args.uri)
    else:
        with dev_server(args.java_opts, args.pagecache) as uri:
            go(uri)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    earlier = json.loads(args.out.read_text()) if args.out.is_file() else []
    kept = [r for r in earlier if r.get("target_quotes") not in args.quotes]   # a run replaces its sizes only
    args.out.write_text(json.dumps(sorted(kept + results, key=lambda r: r.get("target_quotes", 0)), indent=1))


if __name__ == "__main__":
    main()
