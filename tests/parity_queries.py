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
from graphstudy.engines.rules import with_rules
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
    for focal in _focal(b, limit):
        pairs += [(focal, other) for other in sorted(set(b.linked_people(focal)["participant"]))]
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
    ("linked_people of everyone (to and from them)", lambda b: _each(_ids(b)[:: 5 if len(_ids(b)) > 40 else 1], b.linked_people)),
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
    *[(f"dyad (two-sided), level {level}",
       lambda b, level=level: _each(_dyads(b, 3), lambda p, o: queries.dyad(b, p, o, level=level)))
      for level in queries.LEVELS],
    *[(f"dyad_summary, level {level}",
       lambda b, level=level: _each(_dyads(b, 2)[:12], lambda p, o: queries.dyad_summary(b, p, o, level=level)))
      for level in queries.LEVELS],
    *[(f"dyad_links, level {level}",
       lambda b, level=level: _each(_dyads(b, 2)[:12], lambda p, o: queries.dyad_links(b, p, o, level=level)))
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


# the same questions and reports under coding rules and time resolutions (graphstudy/engines/rules.py)


def _rules(b: Backend) -> dict[str, Backend]:
    """The engine under the rules the CLI offers: the first coder alone, and two coders required with waves read
    as one (a study with fewer than two named coders: waves read as one only)."""
    if b.study_name.startswith("parity-generated-"):
        return {}  # the 3,000-quote peer-support study: its rules are those of the generated care study (time)
    coders = b.coders()
    if len(coders) < 2:
        return {"per timepoint": with_rules(b, per="timepoint")}
    return {f"coder {coders[0]}": with_rules(b, coders=[coders[0]]),
            "min_coders 2, per timepoint": with_rules(b, coders=coders[:2], min_coders=2, per="timepoint")}


def _under_rules(fn: Callable[[Backend], Any]) -> Callable[[Backend], Any]:
    return lambda b: {name: _or_error(lambda r=r: fn(r)) for name, r in _rules(b).items()}


PARITY_QUERIES += [
    ("coders", lambda b: b.coders()),
    ("relationships under --per timepoint", lambda b: with_rules(b, per="timepoint").relationships()),
    ("refused rules: an unknown coder, too many coders required",
     lambda b: [_or_error(lambda: with_rules(b, coders=["nobody"])),
                _or_error(lambda: with_rules(b, min_coders=max(2, len(b.coders()) + 1)))]),
    *[(f"under rules: {name}", _under_rules(fn)) for name, fn in [
        ("the look-ups", lambda r: {"interviews_of": r.interviews_of(_ids(r)), "codings_of": r.codings_of(_ids(r)),
                                    "all_interviews": r.all_interviews(), "all_codings": r.all_codings(),
                                    "linked_people": _each(_focal(r, 4), r.linked_people)}),
        ("shifts", lambda r: _each(_focal(r), lambda p: queries.shifts(r, p))),
        ("trajectory", lambda r: _each(_ids(r)[:: 40 if len(_ids(r)) > 40 else 1], lambda p: queries.trajectory(r, p))),
        ("dyad and dyad_summary", lambda r: _each(_dyads(r, 2)[:12], lambda p, o: {"dyad": queries.dyad(r, p, o),
                                                                                "summary": queries.dyad_summary(r, p, o)})),
        ("dyad_links", lambda r: _each(_dyads(r, 2)[:12], lambda p, o: queries.dyad_links(r, p, o))),
        ("themes", queries.themes),
        ("report changes", lambda r: {by: _changes.changes(r, by=by) for by in _changes.CASE_KINDS}),
        ("report matrix", lambda r: _matrix.cross_case_matrix(r, by="dyad")),
        ("report triangulation", _tri.triangulation),
        ("report cooccurrence", lambda r: _cooc.cooccurrence(r).nodes),
    ]],
]



# the write-up (issue 12): comparisons by attribute, the two approaches, networks per time point, portraits, graph files
# (the report modules are imported inside the helpers, so that this block stays one block at the end of the file)


def _ends(b: Backend) -> tuple[str, str]:
    """The first and last time points with an interview (the same one twice when a study has only one)."""
    iv = b.all_interviews().sort_values(["order"])
    return str(iv["timepoint"].iloc[0]), str(iv["timepoint"].iloc[-1])


def _compare(b: Backend) -> dict[str, Any]:
    from graphstudy.reports import compare

    out: dict[str, Any] = {}
    data = _changes.case_data(b)
    for by in ("role", "gender", "setting"):
        groups = compare.grouping(b, by)
        summary = compare.change_summary(_changes.changes_of(data), groups, data.cases)
        out[by] = {"prevalence": compare.prevalence(b, by=by), "triangulation": _tri.triangulation(b, by=by),
                   "cooccurrence": _cooc.cooccurrence(b, by=by).nodes, "change summary": summary,
                   "cross-group matrix": compare.cross_group_matrix(summary, groups)}
    return out


def _approaches(b: Backend) -> dict[str, Any]:
    from graphstudy.reports import approaches

    return {**{f"trajectory, {kind}": approaches.trajectory_matrix(b, cases=kind) for kind in _changes.CASE_KINDS},
            **{f"cross-sectional by {by}": approaches.cross_sectional_matrix(b, by=by) for by in ("role", "gender")},
            "cohorts": approaches.cohorts(b)}


def _networks(b: Backend) -> dict[str, Any]:
    from graphstudy.reports import networks

    first, last = _ends(b)
    out: dict[str, Any] = {f"between, by {w}": networks.compare_networks(b, first, last, weight=w) for w in networks.WEIGHTS}
    out["theme links"] = {p: sorted(g.edges(data=True)) for p, g in networks.theme_link_networks(b).items()}
    with tempfile.TemporaryDirectory() as tmp:
        for name, graph in (("study.graphml", networks.study_network(b)), ("last.gexf", networks.period_network(b, last)),
                            ("first.graphml", networks.period_network(b, first, network="theme-links"))):
            out[name] = hashlib.sha256(networks.write_network(graph, Path(tmp) / name).read_bytes()).hexdigest()
    return out


def _portraits(b: Backend) -> dict[str, Any]:
    from graphstudy.reports.portrait import dyad_portrait, portrait

    ids = _ids(b)
    people = {p: portrait(b, p).to_dict() for p in ids[:: max(1, len(ids) // 4)][:4]}
    return {**people, **{f"{p} & {o}": dyad_portrait(b, p, o).to_dict() for p, o in _dyads(b, 2)}}


PARITY_QUERIES += [
    ("compared by role, gender and setting: prevalence, triangulation, co-occurrence, change summary", _compare),
    ("the trajectory and cross-sectional approaches, cohorts", _approaches),
    ("networks between the first and last time points, theme links, GraphML and GEXF bytes", _networks),
    ("pen portraits of some participants and dyads", _portraits),
]
