"""``graphstudy demo``: the bundled study, end to end, in one command."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from .engines.base import Backend
from .engines.memo import remembering
from .files import atomic_path
from .frames import each
from .loader import load_study
from .model import Study
from .output import render
from .queries import as_backend, role_order, shifts, with_occasion
from .store import save_store

__all__ = ["interviews_by_group", "run_demo"]


def interviews_by_group(source: Study | Backend) -> pd.DataFrame:
    """Interviews per stakeholder group and occasion, with the number of people interviewed.

    Returns
    -------
    pandas.DataFrame
        One row per role with an interview (in the study's order of roles); one
        column per occasion in order, cells ``interviews (people)``, and a
        ``total`` column.

    Examples
    --------
    >>> from graphstudy import load_study
    >>> t = interviews_by_group(load_study())
    >>> list(t["role"])
    ['psw', 'service_user', 'co_worker']
    """
    backend = as_backend(source)
    iv = with_occasion(backend.all_interviews())
    occ = iv.drop_duplicates("occasion").sort_values(["order", "wave"])["occasion"].tolist()
    rows = []
    for role in role_order(backend, iv["role"]):
        sub = iv[iv["role"] == role]
        row = {"role": role}
        for o in occ:
            s = sub[sub["occasion"] == o]
            row[o] = f"{len(s)} ({s['participant'].nunique()})" if len(s) else ""
        row["total"] = f"{len(sub)} ({sub['participant'].nunique()})"
        rows.append(row)
    return pd.DataFrame(rows, columns=["role", *occ, "total"])


def run_demo(out_dir: str | Path = "graphstudy-demo", echo: Callable[[str], None] = print) -> dict[str, Path]:
    """Load the bundled study, print its shape and the headline answer, save files.

    Returns
    -------
    dict
        ``{what: path}`` of every file written.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    study = load_study()
    backend = remembering(as_backend(study))
    c = study.counts()
    echo(f"Study: {study.name}")
    echo(f"  {c['participants']} participants ({', '.join(f'{v} {k}' for k, v in c['participants_by_role'].items())}), "
         f"{c['interviews']} interviews, {c['quotes']} quotes, {c['codings']} codings, {c['themes']} themes")
    design = study.design.get("interviews", {})
    if design:
        total = sum(sum(v.values()) for v in design.values())
        echo(f"  The paper's design has {total} interviews; this transcription holds the {c['interviews']} its quotes cite.")
    echo("")
    echo("Interviews by group and occasion (people interviewed in brackets):")
    echo(render(interviews_by_group(backend)))
    echo("")
    echo("Which themes did Sue's service users shift on?")
    table = shifts(backend, "Sue", role="service_user")
    quotes = backend.quotes(sorted({q for e in table["evidence"] for q in e.split(";") if q}))
    text = dict(each(quotes, "id", "text"))
    shown = table[["participant", "theme", "from_occasion", "to_occasion", "change", "from_count", "to_count"]].copy()
    shown["stance"] = [f"{a or '-'} → {b or '-'}" for a, b in each(table, "stance_from", "stance_to")]
    shown["evidence (one quote)"] = [
        f"{e.split(';')[-1]}: {text.get(e.split(';')[-1], '')}" if e else "" for e in table["evidence"]
    ]
    echo(render(shown, max_width=70))
    files = {"store": save_store(study, out / "peer_support_hk.gstudy")}
    files["shifts"] = out / "sue_service_user_shifts.csv"
    with atomic_path(files["shifts"]) as tmp:
        table.to_csv(tmp, index=False)
    # views:
    from .views import write_psw_view, write_study_view

    files["sue_view"] = write_psw_view(backend, "Sue", out / "sue_view.html")
    files["study_view"] = write_study_view(backend, out / "study_view.html")
    echo("")
    echo("Files written:")
    for what, path in files.items():
        echo(f"  {what:10} {path}")
    echo("")
    echo(f"Next: graphstudy shifts --study {files['store']} --psw Sue   (every dyad of Sue)")
    echo("      graphstudy trajectory User15 | graphstudy dyad Sue Co-worker07 | graphstudy themes")
    return files
