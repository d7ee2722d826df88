"""The two approaches of Grossoehme and Lipstein (2016), by name: trajectory and recurrent cross-sectional.

Grossoehme and Lipstein ("Analyzing longitudinal qualitative data: the
application of trajectory and recurrent cross-sectional approaches", *BMC
Research Notes* 9:136) read the same longitudinal data two ways:

- the **trajectory** approach follows the same people (or dyads) through
  every occasion: :func:`trajectory_matrix` is the case x theme x occasion
  cube, one row per case and theme, one column per occasion, each cell
  summarising what the case said then and how it moved since the case's
  previous interview;
- the **recurrent cross-sectional** approach reads each time point as a
  whole, from whoever was interviewed then (the cohort may change):
  :func:`cross_sectional_matrix` is group x theme per time point, with how
  widely the theme was voiced compared with the time point before, and
  :func:`cohorts` says who was interviewed at each time point, who came back
  and who did not.

Trajectory cells (an occasion at which anyone of the case's stakeholder group
was interviewed; "not interviewed" is never read as "theme absent"):

====================  ===========================================================================
cell                  rule
====================  ===========================================================================
``2 (negative)``      interviewed: the number of the case's quotes coded as the theme, their stance
``...; increased``    the step since the case's previous interview: emerged, increased, constant,
                      decreased or ceased (:func:`graphstudy.queries.classify_change`)
``0``                 interviewed, the theme absent (and absent at the previous interview)
not yet interviewed   before the case's first interview (joined later)
not interviewed       between two of the case's interviews (a missed occasion)
no further interview  after the case's last interview while the group was still interviewed (a
                      drop-out, or not yet reached); the row's ``drop_out`` names the last one
outside relationship  (dyads) interviewed, but the relationship with the focal person did not hold
(empty)               no one of the case's stakeholder group was interviewed at that occasion
====================  ===========================================================================

Cross-sectional rows compare a time point with the one before it that had
anyone interviewed, by the share of all interviewees voicing the theme:

==================  ===================================================================
since_previous      rule
==================  ===================================================================
first               the first time point at which anyone was interviewed
new                 voiced now, by no one at the previous time point
no longer voiced    voiced at the previous time point, by no one now
more widely voiced  a larger share of the interviewees voices it than before
less widely voiced  a smaller share
as widely voiced    the same share
==================  ===================================================================

Groups are the study's roles, or (``by=``) the values of any participant
attribute (:mod:`graphstudy.reports.compare`).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..engines.base import Backend
from ..engines.memo import remembering
from ..errors import GraphStudyError
from ..frames import each
from ..model import Study
from ..queries import as_backend, classify_change, stance_of, theme_levels, with_occasion
from .changes import case_data, changes_of
from .compare import grouping

__all__ = [
    "APPROACHES",
    "NOT_YET",
    "NO_FURTHER",
    "OUTSIDE",
    "SINCE_PREVIOUS",
    "cohorts",
    "cross_sectional_matrix",
    "trajectory_matrix",
]

APPROACHES = ("trajectory", "cross-sectional")
"""The two approaches of the module, by name."""

NOT_YET = "not yet interviewed"
NOT_INTERVIEWED = "not interviewed"
NO_FURTHER = "no further interview"
OUTSIDE = "outside relationship"
SINCE_PREVIOUS = ("first", "new", "no longer voiced", "more widely voiced", "less widely voiced", "as widely voiced")


def _cell(hit: dict[str, Any] | None, before: int | None) -> str:
    count = int(hit["count"]) if hit else 0
    text = str(count) + (f" ({hit['stance']})" if hit and hit["stance"] else "")
    step = classify_change(before, count) if before is not None else None
    return text + (f"; {step}" if step else "")


def trajectory_matrix(source: Study | Backend, cases: str = "participant", level: str = "subtheme", by: str = "role",
                      wanted: list[str] | None = None, surge: int = 2) -> pd.DataFrame:
    """The trajectory approach: one row per case and theme, one column per occasion (see the module's cells).

    Parameters
    ----------
    source : Study or Backend
    cases : {"participant", "dyad"}
        Follow participants (all their quotes) or dyads (a person's quotes about a focal person).
    level : {"subtheme", "theme"}
    by : str
        The attribute whose value is the ``group`` column (and the rows' order after role).
    wanted : list of str, optional
        Only these cases (as :func:`~graphstudy.reports.changes.changes`' ``cases``).

    Returns
    -------
    pandas.DataFrame
        Columns ``case, kind, participant, role, group, focal, theme,
        theme_name``, one per occasion of the study in order, then
        ``change`` (the labels of :mod:`graphstudy.reports.changes`),
        ``summary`` (``constant: T3_1=1, T3_2=1; negative→positive``),
        ``drop_out`` and ``evidence`` (the quote ids, in occasion order). Rows in the order of
        :func:`~graphstudy.reports.changes.changes`.

    Examples
    --------
    >>> from graphstudy import load_study
    >>> t = trajectory_matrix(load_study(), wanted=["Co-worker07"])
    >>> t.loc[t["theme"] == "uncertainty", ["T1", "T2_2", "T3_1", "T3_2", "drop_out"]].values.tolist()
    [['', 'not yet interviewed', '1 (negative)', '1 (positive); constant', '']]

    Notes
    -----
    The cost of :func:`~graphstudy.reports.changes.changes`.
    """
    from .matrix import _describe

    backend = remembering(as_backend(source))
    data = case_data(backend, by=cases, level=level)
    ch = changes_of(data, by=cases, surge=surge, cases=wanted)
    groups = grouping(backend, by)
    occ = sorted(data.occasion_keys, key=lambda o: data.occasion_keys[o])
    cells: dict[tuple[str, str, str], dict[str, Any]] = {
        (str(r["case"]), str(r["occasion"]), str(r["theme"])): {str(k): v for k, v in r.items()} for r in data.counts.to_dict("records")}
    rows = []
    for r in ch.to_dict("records"):
        person = data.interviewed.get(r["participant"], [])
        seen = data.interviewed.get(r["case"], person)
        group_occ = set(data.occasions.get(r["role"], seen))
        first, last = (data.occasion_keys[person[0]], data.occasion_keys[person[-1]]) if person else ((0, 0), (0, 0))
        row: dict[str, Any] = {k: r[k] for k in ("case", "kind", "participant", "role")}
        row.update({"group": groups.of.get(r["participant"], ""), "focal": r.get("focal", ""), "theme": r["theme"],
                     "theme_name": r["theme_name"]})
        before: int | None = None
        later_group = False
        for o in occ:
            key = data.occasion_keys[o]
            if o in seen:
                hit = cells.get((r["case"], o, r["theme"]))
                row[o] = _cell(hit, before)
                before = int(hit["count"]) if hit else 0
            elif o in person:
                row[o] = OUTSIDE
            elif o not in group_occ:
                row[o] = ""
            elif key < first:
                row[o] = NOT_YET
            elif key > last:
                row[o] = NO_FURTHER
                later_group = True
            else:
                row[o] = NOT_INTERVIEWED
        row["change"] = r["change"]
        row["summary"] = _describe(r["change"], r["series"], r["stance_change"])
        row["drop_out"] = f"no interview after {person[-1]}" if later_group and person else ""
        row["evidence"] = r["evidence"]
        rows.append(row)
    cols = ["case", "kind", "participant", "role", "group", "focal", "theme", "theme_name", *occ, "change", "summary", "drop_out",
            "evidence"]
    out = pd.DataFrame(rows, columns=cols)
    if by != "role" and not out.empty:
        rank = groups.rank()
        out = out.assign(_g=out["group"].map(rank)).sort_values("_g", kind="stable").drop(columns="_g").reset_index(drop=True)
    return out


def _since(before: float | None, now: float, voiced_before: int, voiced_now: int) -> str:
    if before is None:
        return "first"
    if voiced_now and not voiced_before:
        return "new"
    if voiced_before and not voiced_now:
        return "no longer voiced"
    if now > before:
        return "more widely voiced"
    if now < before:
        return "less widely voiced"
    return "as widely voiced"


def cross_sectional_matrix(source: Study | Backend, by: str = "role", level: str = "theme") -> pd.DataFrame:
    """The recurrent cross-sectional approach: per time point, each theme across the groups interviewed then.

    Returns
    -------
    pandas.DataFrame
        Columns ``timepoint, label, theme, theme_name``, one per group
        reading ``voiced/interviewed`` (``-``: nobody of the group interviewed
        at the time point), ``all`` (the same over everyone interviewed),
        ``share`` (its fraction), ``since_previous`` (the module's table),
        ``stance`` (of the quotes at the time point) and ``evidence`` (their
        ids). One row per time point with anyone interviewed and theme
        voiced then or at the time point before; by time point, then codebook.

    Examples
    --------
    >>> from graphstudy import load_study
    >>> t = cross_sectional_matrix(load_study())
    >>> t.loc[t["theme"] == "perceptions", ["timepoint", "psw", "service_user", "co_worker", "since_previous"]].values.tolist()
    [['T2', '0/1', '1/2', '2/2', 'new'], ['T3', '0/4', '2/5', '5/5', 'less widely voiced']]

    At T2, 3 of the 5 interviewed voice it (no one at T1: new); at T3, 7 of 14 (0.5 < 0.6: less widely).

    Notes
    -----
    Four look-ups; linear in interviews and codings.
    """
    backend = remembering(as_backend(source))
    groups = grouping(backend, by)
    book = theme_levels(backend, level)
    info = backend.study_info()
    iv = backend.all_interviews()
    cod = with_occasion(backend.all_codings())
    cod = cod.assign(theme=cod["theme_id"].map(book.rollup), group=cod["participant"].map(groups.of))
    iv = iv.assign(group=iv["participant"].map(groups.of))
    tps = [tp for tp, _ in sorted(dict(each(iv, "timepoint", "order")).items(), key=lambda kv: int(kv[1]))]
    asked = iv.groupby(["timepoint", "group"])["participant"].nunique().to_dict()
    everyone = iv.groupby("timepoint")["participant"].nunique().to_dict()
    voiced = cod.groupby(["timepoint", "theme", "group"])["participant"].nunique().to_dict()
    voiced_all: dict[tuple[str, str], int] = {}
    for key, n in cod.groupby(["timepoint", "theme"])["participant"].nunique().items():
        tp_, theme_ = (str(k) for k in key)  # type: ignore[attr-defined]
        voiced_all[(tp_, theme_)] = int(n)
    quotes = {(str(k[0]), str(k[1])): g for k, g in cod.drop_duplicates(["timepoint", "theme", "quote_id"]).groupby(["timepoint", "theme"])}
    present = set(iv["group"].tolist())
    shown = [g for g in groups.order if g in present]
    rows = []
    prev: str | None = None
    for tp in tps:
        here = {t for (p, t) in voiced_all if p == tp}
        earlier = {t for (p, t) in voiced_all if p == prev} if prev else set()
        for theme in book.ordered(here | earlier):
            k, n = int(voiced_all.get((tp, theme), 0)), int(everyone[tp])
            row: dict[str, Any] = {"timepoint": tp, "label": info.timepoint_label(tp), "theme": theme, "theme_name": book.name(theme)}
            for g in shown:
                m = int(asked.get((tp, g), 0))
                row[g] = f"{int(voiced.get((tp, theme, g), 0))}/{m}" if m else "-"
            before = None
            voiced_before = 0
            if prev is not None:
                voiced_before = int(voiced_all.get((prev, theme), 0))
                before = voiced_before / int(everyone[prev])
            q = quotes.get((tp, theme))
            row.update({"all": f"{k}/{n}", "share": k / n, "since_previous": _since(before, k / n, voiced_before, k),
                        "stance": stance_of(q["stance"]) if q is not None and "stance" in q else "",
                        "evidence": ";".join(sorted(q["quote_id"])) if q is not None else ""})
            rows.append(row)
        prev = tp
    return pd.DataFrame(rows, columns=["timepoint", "label", "theme", "theme_name", *shown, "all", "share", "since_previous",
                                       "stance", "evidence"])


def cohorts(source: Study | Backend, by: str = "role") -> pd.DataFrame:
    """Who was interviewed at each time point, per group: how many, how many came back, how many are new.

    Returns
    -------
    pandas.DataFrame
        Columns ``timepoint, label, group, interviewed, continuing, returning,
        new, not_returned, not_returned_ids``: ``continuing`` were also
        interviewed at the previous time point with anyone interviewed,
        ``returning`` were interviewed before that but not at it (back after a
        gap), ``new`` are interviewed for the first time; ``not_returned`` were
        interviewed at the previous time point and not at this one. A row
        ``all`` per time point sums every group.

    Examples
    --------
    >>> from graphstudy import load_study
    >>> c = cohorts(load_study())
    >>> c[(c["group"] == "psw")][["timepoint", "interviewed", "continuing", "returning", "new", "not_returned_ids"]].values.tolist()
    [['T1', 3, 0, 0, 3, ''], ['T2', 1, 1, 0, 0, 'May;Sue'], ['T3', 4, 1, 1, 2, '']]

    Eliza is interviewed at every time point; May at T1 and T3 (returning); Tom and Yvonne first at T3.
    """
    backend = remembering(as_backend(source))
    groups = grouping(backend, by)
    info = backend.study_info()
    iv = backend.all_interviews()
    tps = [tp for tp, _ in sorted(dict(each(iv, "timepoint", "order")).items(), key=lambda kv: int(kv[1]))]
    at = {tp: set(iv.loc[iv["timepoint"] == tp, "participant"]) for tp in tps}
    present = set(iv["participant"].map(groups.of).tolist())
    shown = [g for g in groups.order if g in present]
    rows = []
    prev: set[str] = set()
    ever: set[str] = set()
    for tp in tps:
        for g in [*shown, "all"]:
            def mine(people: set[str], g: str = g) -> set[str]:
                return people if g == "all" else {p for p in people if groups.of.get(p) == g}
            now, before, seen = mine(at[tp]), mine(prev), mine(ever)
            if not now and not before:
                continue
            gone = sorted(before - now)
            rows.append({"timepoint": tp, "label": info.timepoint_label(tp), "group": g, "interviewed": len(now),
                         "continuing": len(now & before), "returning": len((now - before) & seen),
                         "new": len(now - seen), "not_returned": len(gone), "not_returned_ids": ";".join(gone)})
        prev = at[tp]
        ever |= at[tp]
    return pd.DataFrame(rows, columns=["timepoint", "label", "group", "interviewed", "continuing", "returning", "new",
                                       "not_returned", "not_returned_ids"])


def check_approach(approach: str) -> str:
    """``approach`` when it is one of :data:`APPROACHES`, else one line naming them."""
    if approach not in APPROACHES:
        raise GraphStudyError(f"--approach must be one of {', '.join(APPROACHES)}; got '{approach}'")
    return approach
