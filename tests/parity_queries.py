"""Every question graphstudy answers, as ``(name, callable(backend))``, for the parity test.

``tests/test_parity.py`` runs each entry on the embedded engine and on Neo4j,
for the bundled study and a generated one, and requires identical results.
A new query (a report, a view's data) appends one entry here. Each callable
takes a :class:`~graphstudy.engines.base.Backend` and returns a DataFrame, a dict
of DataFrames or plain data; it picks the people it asks about from the
backend itself, so it works on any study.
"""

from __future__ import annotations

import hashlib
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from graphstudy import load_study, queries
from graphstudy.engines.base import TABLES, Backend, canonical_table
from graphstudy.errors import GraphStudyError
from graphstudy.refi_qda import write_qdc, write_qdpx
from graphstudy.reports import agreement as _agreement
from graphstudy.reports import changes as _changes
from graphstudy.reports import cooccurrence as _cooc
from graphstudy.reports import matrix as _matrix
from graphstudy.reports import paper_tables as _paper
from graphstudy.reports import saturation as _sat
from graphstudy.reports import triangulation as _tri

__all__ = ["PARITY_QUERIES"]


def _ids(b: Backend, role: str | None = None) -> list[str]:
    p = b.participants()
    return sorted(p["id"] if role is None else p.loc[p["role"] == role, "id"])


def _focal(b: Backend, limit: int = 8) -> list[str]:
    """The first people in the study's focal roles (all of the bundled study's five PSWs; eight of a generated study's)."""
    p = b.participants()
    return sorted(p.loc[p["role"].isin(b.study_info().focal_roles), "id"])[:limit]


def _roles(b: Backend) -> list[str]:
    """The study's roles that are not focal (service_user, co_worker, family; carer, clinician)."""
    info = b.study_info()
    return [r for r in info.role_ids if r not in info.focal_roles]


def _quote_ids(b: Backend) -> list[str]:
    return sorted(set(b.all_codings()["quote_id"]))


def _dyads(b: Backend, limit: int) -> list[tuple[str, str]]:
    pairs = []
    for psw in _focal(b, limit):
        pairs += [(psw, other) for other in sorted(set(b.linked_people(psw)["participant"]))]
    return pairs


def _each(keys, fn) -> dict[str, Any]:
    return {str(k): fn(*k) if isinstance(k, tuple) else fn(k) for k in keys}


PARITY_QUERIES: list[tuple[str, Callable[[Backend], Any]]] = [
    # the look-ups of the Backend seam
    ("participants", lambda b: b.participants()),
    ("participants: some ids and an unknown one", lambda b: b.participants(_ids(b)[::3] + ["nobody"])),
    ("relationships", lambda b: b.relationships()),
    ("quotes", lambda b: b.quotes(_quote_ids(b) + ["no-such-quote"])),
    ("linked_people of each focal person", lambda b: _each(_focal(b), b.linked_people)),
    ("linked_people of each focal person, by role",
     lambda b: _each([(p, r) for p in _focal(b) for r in _roles(b)], b.linked_people)),
    ("linked_people of everyone (to and from them)", lambda b: _each(_ids(b), b.linked_people)),
    ("linked_people of an unknown person", lambda b: b.linked_people("nobody")),
    ("interviews_of everyone", lambda b: b.interviews_of(_ids(b))),
    ("interviews_of nobody", lambda b: b.interviews_of([])),
    ("codings_of everyone", lambda b: b.codings_of(_ids(b))),
    ("codings_of everyone about each focal person", lambda b: _each(_focal(b, 4), lambda p: b.codings_of(_ids(b), about=p))),
    ("theme_tree", lambda b: b.theme_tree()),
    ("all_interviews", lambda b: b.all_interviews()),
    ("all_codings", lambda b: b.all_codings()),
    ("counts", lambda b: b.counts()),
    # the questions
    *[(f"shifts of each focal person, {'every role' if k is None else f'non-focal role {k}'}, level {level}",
       lambda b, k=k, level=level: _each(_focal(b), lambda p: queries.shifts(
           b, p, role=None if k is None else _roles(b)[k], level=level)))
      for k in (None, 0, 1) for level in queries.LEVELS],
    *[(f"trajectory, level {level}",
       lambda b, level=level: _each(_ids(b)[::20 if len(_ids(b)) > 40 else 1], lambda p: queries.trajectory(b, p, level=level)))
      for level in queries.LEVELS],
    *[(f"dyad, level {level}", lambda b, level=level: _each(_dyads(b, 3), lambda p, o: queries.dyad(b, p, o, level=level)))
      for level in queries.LEVELS],
    *[(f"themes, level {level}", lambda b, level=level: queries.themes(b, level=level)) for level in queries.LEVELS],
]


def assert_same(a: Any, b: Any, where: str = "") -> None:
    """Identical results: DataFrames equal in rows, order, columns and dtypes; dicts key by key."""
    if isinstance(a, pd.DataFrame):
        assert isinstance(b, pd.DataFrame), f"{where}: {type(b).__name__} instead of a DataFrame"
        pd.testing.assert_frame_equal(a, b, check_exact=True, obj=where or "DataFrame")
    elif isinstance(a, dict):
        assert isinstance(b, dict) and list(a) == list(b), f"{where}: keys differ: {list(a)[:5]} vs {list(b)[:5]}"
        for k in a:
            assert_same(a[k], b[k], f"{where}[{k}]")
    else:
        assert a == b, f"{where}: {a!r} != {b!r}"


# coder agreement and the paper's tables (graphstudy/reports/agreement.py, paper_tables.py)


def _or_error(fn: Callable[[], Any]) -> Any:
    """The result, or the refusal (a study without two named coders is refused the same way on both engines)."""
    try:
        return fn()
    except GraphStudyError as exc:
        return f"{type(exc).__name__}: {exc}"


_DESIGN = load_study().design

PARITY_QUERIES += [
    *[(f"agreement, unit {unit}, level {level}",
       lambda b, unit=unit, level=level: _or_error(lambda: _agreement.agreement(b, unit=unit, level=level)))
      for unit in _agreement.UNITS for level in queries.LEVELS],
    ("pairwise agreement", lambda b: _or_error(lambda: _agreement.pairwise_agreement(b))),
    ("coder ratings", lambda b: _or_error(lambda: _agreement.coder_ratings(b, level="theme"))),
    ("table1 beside the bundled design", lambda b: _paper.table1(b, design=_DESIGN)),
    ("table2", _paper.table2),
    ("figure1 beside the bundled design", lambda b: _paper.figure1(b, design=_DESIGN)),
    ("table1 beside the study's own design (from study_info)", _paper.table1),
    ("figure1 beside the study's own design (from study_info)", _paper.figure1),
]

# change, matrices, triangulation, saturation, co-occurrence (graphstudy/reports/changes.py ... cooccurrence.py)

PARITY_QUERIES += [
    ("report changes, participants and dyads", lambda b: {by: _changes.changes(b, by=by) for by in _changes.CASE_KINDS}),
    ("report matrix, cross-case and evidence of dyads",
     lambda b: {"across": _matrix.cross_case_matrix(b, by="dyad"), "evidence": _matrix.evidence(b, by="dyad")}),
    ("report triangulation", lambda b: {lv: _tri.triangulation(b, level=lv) for lv in queries.LEVELS}),
    ("report saturation", lambda b: {"curve": (s := _sat.saturation(b)).curve, "result": s.to_dict()}),
    ("report cooccurrence", lambda b: {k: getattr(_cooc.cooccurrence(b), k) for k in ("nodes", "edges")}),
]

# the study as a whole: its metadata, every column of every table, and the REFI-QDA export made from them


def _written(write: Callable[[Any, Path], Any], b: Backend, name: str) -> dict[str, str]:
    """The file ``write`` makes from ``b.whole_study()``: its digest, and (a .qdpx) each member's, to say which differs."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        write(b.whole_study(), path)
        data = path.read_bytes()
        members = {}
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as zf:
                members = {n: hashlib.sha256(zf.read(n)).hexdigest() for n in zf.namelist()}
    return {"file": hashlib.sha256(data).hexdigest(), **members}


PARITY_QUERIES += [
    ("study_info", lambda b: b.study_info()),
    ("table of each kind", lambda b: {kind: b.table(kind) for kind in TABLES}),
    ("whole study: metadata and tables",
     lambda b: {"info": (s := b.whole_study()).info, **{k: canonical_table(k, t) for k, t in s.tables().items()}}),
    ("export qdpx from the whole study: the same bytes", lambda b: _written(write_qdpx, b, "study.qdpx")),
    ("export qdc from the whole study: the same bytes", lambda b: _written(write_qdc, b, "study.qdc")),
]
