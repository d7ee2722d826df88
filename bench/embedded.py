"""Benchmark of the embedded engine (issue: foundation, section 8).

For generated studies of about 10k and 1M quotes (``graphstudy synth``), in one run:

- load time and peak memory: folder (CSV) -> checked Study -> NetworkX graph, and
  the same from a ``.gstudy`` store; each in a fresh process so peak RSS is its own;
- ``shifts`` for one PSW against a hand-written vectorised pandas computation of the
  same table on the same data (checked equal), as a ratio (goal: within 2x).

Usage::

    python bench/embedded.py                      # 10k and 1M quotes
    python bench/embedded.py --quotes 10000       # only the small one

Prints one JSON object per size and writes them to bench/results/embedded.json.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd
from timing import median_seconds

QPI = 13.0  # quotes per interview: 77 interviews per 34 participants -> ~1000 quotes per 34 participants

_MEASURE = r"""
import json, resource, sys, time
t0 = time.perf_counter()
from graphstudy import load_study
from graphstudy.engines.embedded import build_graph
study = load_study(sys.argv[1])
t1 = time.perf_counter()
g = build_graph(study)
t2 = time.perf_counter()
print(json.dumps({"read_check_s": round(t1 - t0, 2), "graph_s": round(t2 - t1, 2), "total_s": round(t2 - t0, 2),
                  "nodes": g.number_of_nodes(), "edges": g.number_of_edges(),
                  "peak_rss_gib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20, 2)}))
"""


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
        count=("quote_id", "size"), quotes=("quote_id", lambda s: sorted(s)),
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


def run(target_quotes: int, workdir: Path) -> dict:
    from graphstudy import load_study, save_store, shifts
    from graphstudy.queries import as_backend
    from graphstudy.synth import synthetic_study
    from graphstudy.tables import write_folder

    participants = max(34, round(target_quotes / (77 * QPI / 34)))
    study = synthetic_study(participants, QPI, seed=1)
    folder = write_folder(study, workdir / f"study-{target_quotes}")
    store = save_store(study, workdir / f"study-{target_quotes}.gstudy")
    result = {"quotes": len(study.quotes), "participants": len(study.participants), "interviews": len(study.interviews),
              "codings": len(study.codings)}
    for name, path in (("folder", folder), ("store", store)):
        out = subprocess.run([sys.executable, "-c", _MEASURE, str(path)], capture_output=True, text=True, check=True)
        result[f"load_from_{name}"] = json.loads(out.stdout)
    study = load_study(store)
    backend = as_backend(study)
    psw = "PSW00001"
    ours = shifts(backend, psw)
    base = pandas_shifts(study, psw)
    key = ["participant", "from_occasion", "theme"]
    same = ours[key + ["to_occasion", "change", "from_count", "to_count"]].sort_values(key).reset_index(drop=True).equals(
        base[key + ["to_occasion", "change", "from_count", "to_count"]].sort_values(key).reset_index(drop=True))
    t_ours = median_seconds(lambda: shifts(backend, psw))
    t_base = median_seconds(lambda: pandas_shifts(study, psw))
    result["shifts"] = {"psw": psw, "rows": len(ours), "same_rows_as_pandas": bool(same), "graphstudy_ms": round(t_ours * 1000, 2),
                        "pandas_baseline_ms": round(t_base * 1000, 2), "ratio_graphstudy_over_pandas": round(t_ours / t_base, 3)}
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quotes", type=int, nargs="+", default=[10_000, 1_000_000])
    ap.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "embedded.json")
    args = ap.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.quotes:
            r = run(n, Path(tmp))
            print(json.dumps(r), flush=True)
            results.append(r)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
