"""Benchmark of the embedded engine (issue 14: the embedded engine at a million quotes).

In one run, for generated studies of about 10k, 100k and 1M quotes (``synthetic_study``, 13
quotes per interview), each figure beside its baseline measured in the same run:

- ``open``: a fresh process opens the ``.gstudy`` store (read, check, build the study) and
  answers ``shifts`` for one PSW; baseline: a fresh process reading the same store's Parquet
  tables with pandas. Goal at 1M: at most 2x.
- ``folder``: a fresh process validates and loads the CSV study folder; baseline: pandas
  ``read_csv`` (``dtype=str``) of the same files. Goal at 1M: at most 2x.
- ``commands``: every command of the CLI in a fresh process, wall time and peak memory.
  Goals: at most 2 GiB at 1M; under 0.5 s at 10k, ``import graphstudy`` included (beside
  ``python -c "import pandas"``, the floor of any command).
- ``shifts``: in one warm process, against a hand-written vectorised pandas computation of the
  same table (checked equal). Goal: at most 0.5x.
- ``reports``: ``changes`` (by participant and by dyad), ``matrix``, ``triangulation`` and
  ``cooccurrence`` in one warm process (``--reports-up-to``, 200k quotes by default), each beside a
  pandas baseline of the counts it rests on (the participant x occasion x code cube; voiced over
  interviewed per time point and role; code pairs per interview, checked equal to ``cooccurrence``'s
  edges). The baselines count only: the reports also label, order and cite, so the ratio says how
  far a report is from its arithmetic, not a goal.
- ``graph``: the full NetworkX multi-digraph, built only when asked for (for the record).

Peak memory is the process's own high-water mark (``VmHWM``); each figure carries the 1-minute load
average when it was taken. Run it where ``import graphstudy`` works (installed, or ``PYTHONPATH=.``).

Fresh processes run the way an installed graphstudy runs: with compiled bytecode (a private
``PYTHONPYCACHEPREFIX``, warmed once), whatever ``PYTHONDONTWRITEBYTECODE`` says here. Times
are medians of ``--repeat`` runs, the process and its baseline run alternately.

Usage::

    python bench/embedded.py                                  # 10k, 100k and 1M quotes
    python bench/embedded.py --quotes 10000 --repeat 5        # only the small one

Prints one JSON object per size and writes them to bench/results/embedded.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
from timing import median_seconds

QPI = 13.0  # quotes per interview: 77 interviews per 34 participants -> ~1000 quotes per 34 participants
TIMEOUT_S = 900  # a fresh process still running after this is stopped and recorded as "timeout"

_OPEN = r"""
import json, sys, time
t0 = time.perf_counter()
import graphstudy as gs
t1, c1 = time.perf_counter(), time.process_time()
study = gs.load_study(sys.argv[1])
t2 = time.perf_counter()
table = gs.shifts(study, sys.argv[2])
t3, c3 = time.perf_counter(), time.process_time()
print(json.dumps({"import_s": t1 - t0, "open_s": t2 - t1, "shifts_s": t3 - t2, "work_s": t3 - t1, "work_cpu_s": c3 - c1,
                  "rows": len(table)}))
"""

_READ_STORE = r"""
import json, sys, time
t0 = time.perf_counter()
import io, zipfile
import pandas as pd
t1, c1 = time.perf_counter(), time.process_time()
with zipfile.ZipFile(sys.argv[1]) as zf:
    tables = {n: pd.read_parquet(io.BytesIO(zf.read(n))) for n in zf.namelist() if n.endswith(".parquet")}
t2, c2 = time.perf_counter(), time.process_time()
print(json.dumps({"import_s": t1 - t0, "work_s": t2 - t1, "work_cpu_s": c2 - c1, "rows": sum(len(t) for t in tables.values())}))
"""

_LOAD_FOLDER = r"""
import json, sys, time
t0 = time.perf_counter()
import graphstudy as gs
t1, c1 = time.perf_counter(), time.process_time()
study = gs.load_study(sys.argv[1])
t2, c2 = time.perf_counter(), time.process_time()
print(json.dumps({"import_s": t1 - t0, "work_s": t2 - t1, "work_cpu_s": c2 - c1, "rows": sum(len(t) for t in study.tables().values())}))
"""

_READ_CSV = r"""
import json, sys, time
t0 = time.perf_counter()
import tomllib
from pathlib import Path
import pandas as pd
t1, c1 = time.perf_counter(), time.process_time()
folder = Path(sys.argv[1])
meta = tomllib.loads((folder / "study.toml").read_text(encoding="utf-8"))
tables = {p.stem: pd.read_csv(p, dtype=str, keep_default_na=False) for p in sorted(folder.glob("*.csv"))}
t2, c2 = time.perf_counter(), time.process_time()
print(json.dumps({"import_s": t1 - t0, "work_s": t2 - t1, "work_cpu_s": c2 - c1, "rows": sum(len(t) for t in tables.values())}))
"""

_GRAPH = r"""
import json, sys, time
import graphstudy as gs
from graphstudy.engines.embedded import EmbeddedBackend
study = gs.load_study(sys.argv[1])
t = time.perf_counter()
g = EmbeddedBackend(study).graph
print(json.dumps({"build_s": time.perf_counter() - t, "nodes": g.number_of_nodes(), "edges": g.number_of_edges()}))
"""


def child_env(pycache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return env


def run_child(argv: list[str], env: dict[str, str], cwd: Path) -> dict:
    """Run ``argv`` to its end: wall seconds, exit status, its JSON (if any) and the peak RSS it reports (see _PEAK)."""
    t = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=cwd)
    try:
        out, err = proc.communicate(timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        return {"wall_s": time.perf_counter() - t, "status": "timeout", "cpu_s": float("nan"), "peak_rss_gib": float("nan")}
    wall = time.perf_counter() - t
    result: dict = {"wall_s": wall, "status": proc.returncode}
    lines = err.decode("utf-8", "replace").strip().splitlines()
    if len(lines) >= 2 and lines[-1].startswith("peak_rss_kib=") and lines[-2].startswith("cpu_s="):
        result["peak_rss_gib"] = int(lines[-1].split("=", 1)[1]) / 2**20
        result["cpu_s"] = float(lines[-2].split("=", 1)[1])
        lines = lines[:-2]
    if proc.returncode:
        result["error"] = " | ".join(lines[-3:])[:400]
    text = out.decode("utf-8", "replace").strip()
    if text.startswith("{"):
        result.update(json.loads(text.splitlines()[-1]))
    return result


# Every child runs under this: it prints its own peak RSS as the last line of stderr. VmHWM, the high-water
# mark of the process's own memory, not ru_maxrss: on Linux a child's ru_maxrss starts from the RSS of the
# parent it was forked from (this script, which holds the generated study), so every command would report
# at least that.
_PEAK = r"""
import atexit, resource, sys
def _peak():
    sys.stdout.flush()
    u = resource.getrusage(resource.RUSAGE_SELF)
    with open("/proc/self/status") as f:
        hwm = next(int(line.split()[1]) for line in f if line.startswith("VmHWM:"))
    print(f"cpu_s={u.ru_utime + u.ru_stime}", file=sys.stderr)
    print(f"peak_rss_kib={hwm}", file=sys.stderr)
atexit.register(_peak)
kind, target, *rest = sys.argv[1:]
if kind == "code":
    sys.argv = ["-c", *rest]
    exec(compile(target, "<bench>", "exec"), {"__name__": "__main__"})
else:
    sys.argv = ["graphstudy", *rest]
    from graphstudy.cli import main
    main(standalone_mode=True)
"""


def measure_code(code: str, args: list[str], env: dict[str, str], cwd: Path) -> dict:
    return run_child([sys.executable, "-c", _PEAK, "code", code, *args], env, cwd)


def measure_command(args: list[str], env: dict[str, str], cwd: Path) -> dict:
    return run_child([sys.executable, "-c", _PEAK, "cli", "-", *args], env, cwd)


def median_of(runs: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def paired(ours: tuple[str, list[str]], base: tuple[str, list[str]], repeat: int, env: dict[str, str], cwd: Path) -> dict:
    """``ours`` and its baseline ``repeat`` times each, alternately; medians and ratios (work alone, and with the imports)."""
    a, b = [], []
    for _ in range(repeat):
        a.append(measure_code(*ours, env, cwd))
        b.append(measure_code(*base, env, cwd))
    out = {"graphstudy": {k: round(median_of(a, k), 3) for k in a[0] if isinstance(a[0][k], float)},
           "baseline": {k: round(median_of(b, k), 3) for k in b[0] if isinstance(b[0][k], float)},
           "runs": repeat}
    out["load_average"] = round(os.getloadavg()[0], 2)
    out["ratio_work"] = round(median_of(a, "work_s") / median_of(b, "work_s"), 2)
    out["ratio_work_cpu"] = round(median_of(a, "work_cpu_s") / median_of(b, "work_cpu_s"), 2)
    out["ratio_with_imports"] = round(median_of(a, "wall_s") / median_of(b, "wall_s"), 2)
    return out


def commands(folder: Path, store: Path, psw: str, other: str, out: Path) -> list[list[str]]:
    """Every command a researcher runs on a study, on the store (the folder for validate and load)."""
    s = ["--study", str(store)]
    return [
        ["validate", str(folder)],
        ["load", str(folder), "--store", str(out / "again.gstudy")],
        ["shifts", "--psw", psw, *s],
        ["shifts", "--psw", psw, "--role", "service_user", *s],
        ["trajectory", other, *s],
        ["dyad", psw, other, *s],
        ["themes", *s],
        ["report", "changes", *s],
        ["report", "changes", "--by", "dyad", *s],
        ["report", "matrix", *s],
        ["report", "matrix", "--by", "dyad", "--case", f"{psw} & {other}", *s],
        ["report", "triangulation", *s],
        ["report", "cooccurrence", *s],
        ["report", "saturation", *s],
        ["report", "table1", *s],
        ["report", "table2", *s],
        ["report", "figure1", *s],
        ["view", "focal", psw, "-o", str(out / "focal.html"), *s],
        ["view", "dyad", psw, other, "-o", str(out / "dyad.html"), *s],
        ["export", "qdc", str(out / "codebook.qdc"), *s],
    ]


def pandas_shifts(study, psw: str) -> pd.DataFrame:
    """The shifts table for every dyad of ``psw`` at sub-theme level, vectorised pandas, no graph."""
    rel = study.relationships[study.relationships.target_id == psw]
    rel = rel.groupby("source_id")["type"].agg(lambda s: ";".join(sorted(set(s)))).rename("relationship")
    people = study.participants.set_index("id").loc[rel.index, ["role"]].join(rel)
    iv = study.interviews[study.interviews.participant_id.isin(people.index)].copy()
    order = study.timepoint_order
    iv["order"] = iv.timepoint.map(order)
    iv["occasion"] = [f"{t}_{w}" if w else t for t, w in zip(iv.timepoint, iv.wave)]
    iv = iv.sort_values(["participant_id", "order", "wave"])
    iv["next"] = iv.groupby("participant_id")["occasion"].shift(-1)
    step = iv.dropna(subset=["next"])[["participant_id", "occasion", "next"]]
    q = study.quotes[study.quotes.interview_id.isin(iv.id)]
    q = q[q.about.str.split(";").map(lambda a: psw in a)]
    q = q.merge(iv[["id", "participant_id", "occasion"]], left_on="interview_id", right_on="id", suffixes=("", "_iv"))
    c = q.merge(study.codings.drop_duplicates(["quote_id", "theme_id"]), left_on="id", right_on="quote_id")
    cnt = c.groupby(["participant_id", "occasion", "theme_id"]).agg(
        count=("quote_id", "size"), quotes=("quote_id", sorted),
        stance=("stance", lambda s: (lambda u: u[0] if len(u) == 1 else ("mixed" if u else ""))(sorted({x for x in s if x})))
    ).reset_index()
    themes_of = cnt[["participant_id", "theme_id"]].drop_duplicates()
    grid = step.merge(themes_of, on="participant_id")
    a = grid.merge(cnt, on=["participant_id", "occasion", "theme_id"], how="left")
    b = grid.merge(cnt.rename(columns={"occasion": "next"}), on=["participant_id", "next", "theme_id"], how="left")
    out = pd.DataFrame({"participant": grid.participant_id, "theme": grid.theme_id, "from_occasion": grid.occasion,
                        "to_occasion": grid.next, "from_count": a["count"].fillna(0).astype(int).to_numpy(),
                        "to_count": b["count"].fillna(0).astype(int).to_numpy()})
    out = out[(out.from_count > 0) | (out.to_count > 0)]
    fc, tc = out.from_count, out.to_count
    out["change"] = (fc.eq(0).map({True: "emerged"}).fillna(tc.eq(0).map({True: "ceased"}))
                     .fillna((tc > fc).map({True: "increased"})).fillna((tc < fc).map({True: "decreased"})).fillna("constant"))
    return out.reset_index(drop=True)


def shifts_in_process(store: Path, psw: str) -> dict:
    from graphstudy import load_study, shifts
    from graphstudy.queries import as_backend

    study = load_study(store)
    backend = as_backend(study)
    ours = shifts(backend, psw)
    base = pandas_shifts(study, psw)
    key = ["participant", "from_occasion", "theme"]
    cols = key + ["to_occasion", "change", "from_count", "to_count"]
    same = ours[cols].sort_values(key).reset_index(drop=True).equals(base[cols].sort_values(key).reset_index(drop=True))
    t_ours = median_seconds(lambda: shifts(backend, psw))
    t_base = median_seconds(lambda: pandas_shifts(study, psw))
    return {"psw": psw, "rows": len(ours), "same_rows_as_pandas": bool(same), "graphstudy_ms": round(t_ours * 1000, 2),
            "pandas_baseline_ms": round(t_base * 1000, 2), "ratio": round(t_ours / t_base, 3),
            "load_average": round(os.getloadavg()[0], 2)}


def _coded(study) -> pd.DataFrame:
    """Every coding with its interview, participant, role and time point (the join every report starts from)."""
    iv = study.interviews.merge(study.participants[["id", "role"]].rename(columns={"id": "participant_id"}), on="participant_id")
    q = study.quotes[["id", "interview_id"]].merge(iv.rename(columns={"id": "interview_id"}), on="interview_id")
    return study.codings[["quote_id", "theme_id"]].merge(q.rename(columns={"id": "quote_id"}), on="quote_id")


def pandas_counts(study) -> pd.DataFrame:
    """Baseline of ``changes`` and ``matrix``: quotes per participant, occasion and code (the cube their cells read)."""
    c = _coded(study).drop_duplicates(["quote_id", "theme_id"])
    return c.groupby(["participant_id", "timepoint", "wave", "theme_id"]).size().reset_index(name="count")


def pandas_triangulation(study) -> pd.DataFrame:
    """Baseline of ``triangulation``: per time point, role and code, participants voicing it over participants interviewed."""
    c = _coded(study)
    voiced = c.groupby(["timepoint", "role", "theme_id"])["participant_id"].nunique().rename("voiced").reset_index()
    iv = study.interviews.merge(study.participants[["id", "role"]].rename(columns={"id": "participant_id"}), on="participant_id")
    asked = iv.groupby(["timepoint", "role"])["participant_id"].nunique().rename("interviewed").reset_index()
    return voiced.merge(asked, on=["timepoint", "role"])


def pandas_cooccurrence(study) -> pd.DataFrame:
    """Baseline of ``cooccurrence --edges``: per time point, the pairs of codes coded in the same interview, and in how many."""
    c = _coded(study)[["interview_id", "timepoint", "theme_id"]].drop_duplicates()
    pairs = c.merge(c, on=["interview_id", "timepoint"], suffixes=("_a", "_b"))
    pairs = pairs[pairs.theme_id_a < pairs.theme_id_b]
    return pairs.groupby(["timepoint", "theme_id_a", "theme_id_b"]).size().reset_index(name="interviews")


def reports_in_process(store: Path) -> dict:
    """The four reports warm (study open) beside the pandas baseline of the counts each rests on (medians of 3)."""
    from graphstudy import load_study
    from graphstudy.queries import as_backend
    from graphstudy.reports.changes import changes
    from graphstudy.reports.cooccurrence import cooccurrence
    from graphstudy.reports.matrix import cross_case_matrix
    from graphstudy.reports.triangulation import triangulation

    study = load_study(store)
    backend = as_backend(study)
    edges = cooccurrence(backend).edges
    base = pandas_cooccurrence(study)
    ours = {(t, *sorted((a, b))): n for t, a, b, n in zip(edges.timepoint, edges.theme_a, edges.theme_b, edges.interviews)}
    same = ours == {(t, a, b): n for t, a, b, n in zip(base.timepoint, base.theme_id_a, base.theme_id_b, base.interviews)}
    cases = [("changes", lambda: changes(backend), lambda: pandas_counts(study)),
             ("changes --by dyad", lambda: changes(backend, by="dyad"), lambda: pandas_counts(study)),
             ("matrix", lambda: cross_case_matrix(backend), lambda: pandas_counts(study)),
             ("triangulation", lambda: triangulation(backend), lambda: pandas_triangulation(study)),
             ("cooccurrence", lambda: cooccurrence(backend), lambda: pandas_cooccurrence(study))]
    out: dict = {"cooccurrence_edges_same_as_pandas": same}
    for name, report, baseline in cases:
        t_ours, t_base = median_seconds(report, 3), median_seconds(baseline, 3)
        out[name] = {"graphstudy_s": round(t_ours, 3), "pandas_baseline_s": round(t_base, 3), "ratio": round(t_ours / t_base, 1),
                     "load_average": round(os.getloadavg()[0], 2)}
        print(json.dumps({name: out[name]}), file=sys.stderr, flush=True)
    return out


def run(target_quotes: int, workdir: Path, repeat: int, with_commands: bool, with_graph: bool, with_reports: bool) -> dict:
    from graphstudy import save_store
    from graphstudy.synth import synthetic_study
    from graphstudy.tables import write_folder

    participants = max(34, round(target_quotes / (77 * QPI / 34)))
    study = synthetic_study(participants, QPI, seed=1)
    folder, store = workdir / f"study-{target_quotes}", workdir / f"study-{target_quotes}.gstudy"
    if not (folder.is_dir() and store.is_file()):  # --workdir keeps them from an earlier run of the same seed
        folder = write_folder(study, folder)
        store = save_store(study, store)
    rel = study.relationships
    psw = "PSW00001"
    other = sorted(rel.loc[(rel["target_id"] == psw) & (rel["type"] == "SERVED_BY"), "source_id"])[0]
    result: dict = {"quotes": len(study.quotes), "participants": len(study.participants), "interviews": len(study.interviews),
                    "codings": len(study.codings), "store_mb": round(store.stat().st_size / 2**20, 1),
                    "folder_mb": round(sum(p.stat().st_size for p in folder.iterdir()) / 2**20, 1)}
    del study
    pycache = workdir / "pycache"
    env = child_env(pycache)
    measure_code("import graphstudy.cli, graphstudy.reports.word, graphstudy.views", [], env, workdir)  # compile once
    result["open"] = paired((_OPEN, [str(store), psw]), (_READ_STORE, [str(store)]), repeat, env, workdir)
    result["folder"] = paired((_LOAD_FOLDER, [str(folder)]), (_READ_CSV, [str(folder)]), repeat, env, workdir)
    result["shifts"] = shifts_in_process(store, psw)
    print(json.dumps({k: result[k] for k in ("open", "folder", "shifts")}), file=sys.stderr, flush=True)
    if with_reports:
        result["reports"] = reports_in_process(store)
    if with_commands:
        floor = [measure_code("import pandas", [], env, workdir) for _ in range(repeat)]
        bare = [measure_code("pass", [], env, workdir) for _ in range(repeat)]
        imp = [measure_code("import graphstudy", [], env, workdir) for _ in range(repeat)]
        result["python_s"] = round(median_of(bare, "wall_s"), 3)
        result["import_pandas_s"] = round(median_of(floor, "wall_s"), 3)
        result["import_graphstudy_s"] = round(median_of(imp, "wall_s"), 3)
        out = workdir / f"out-{target_quotes}"
        out.mkdir(exist_ok=True)
        rows = []
        for args in commands(folder, store, psw, other, out):
            runs = [measure_command(args, env, workdir) for _ in range(repeat if target_quotes <= 20_000 else 1)]
            best = min(runs, key=lambda r: r["wall_s"])
            row = {"command": " ".join(a if "/" not in a else Path(a).name for a in args), "status": best["status"],
                   "wall_s": round(median_of(runs, "wall_s"), 3), "cpu_s": round(median_of(runs, "cpu_s"), 3),
                   "peak_rss_gib": round(max(r.get("peak_rss_gib", 0) for r in runs), 3),
                   "load_average": round(os.getloadavg()[0], 2)}
            if best.get("error"):
                row["error"] = best["error"]
            rows.append(row)
            print(json.dumps(row), file=sys.stderr, flush=True)
        result["commands"] = rows
        result["slowest_command_s"] = max(r["wall_s"] for r in rows)
        result["peak_rss_gib"] = max(r["peak_rss_gib"] for r in rows)
    if with_graph:
        g = measure_code(_GRAPH, [str(store)], env, workdir)
        result["graph"] = {k: round(v, 2) if isinstance(v, float) else v for k, v in g.items() if k != "status"}
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quotes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--repeat", type=int, default=3, help="runs of each fresh process (medians)")
    ap.add_argument("--no-commands", action="store_true", help="skip the per-command figures")
    ap.add_argument("--reports-up-to", type=int, default=200_000, metavar="QUOTES",
                    help="time the reports in process against pandas baselines on studies up to this size")
    ap.add_argument("--graph", action="store_true", help="also build the full graph once per size")
    ap.add_argument("--workdir", type=Path, help="keep the generated studies here (and reuse them) instead of a temporary folder")
    ap.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "embedded.json")
    args = ap.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        workdir = args.workdir or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        for n in args.quotes:
            r = run(n, workdir, args.repeat, not args.no_commands, args.graph, n <= args.reports_up_to)
            r["load_average"] = [round(x, 2) for x in os.getloadavg()]
            print(json.dumps(r), flush=True)
            results.append(r)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
