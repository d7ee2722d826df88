"""Triangulation: which stakeholder groups voice each theme at each time point.

The bundled study's rigour rests on comparing PSWs, service users and
co-workers on the same themes. For each theme and time point this report
says, group by group, how many of the people interviewed voiced the theme,
and sums the comparison up in one word:

=================  =====================================================================
triangulation      rule
=================  =====================================================================
convergent         two or more groups were interviewed and every one of them voices it
partial            two or more groups voice it, but not every group interviewed
single group       exactly one group voices it, although two or more were interviewed
one group asked    only one group was interviewed at the time point, and it voices it
                   (nothing to triangulate against)
not voiced         no one interviewed at the time point voices it
=================  =====================================================================

A group "voices" a theme when at least one of its participants interviewed at
the time point (any wave) has a quote coded as it. A group with nobody
interviewed at the time point is shown as ``-`` and never counts as silent.

The groups are the study's stakeholder groups (its roles) by default; with
``by=`` they are the values of any participant attribute (gender, setting,
agency, ...), by the rules of :mod:`graphstudy.reports.compare`, and the same
table then triangulates across those groups.
"""

from __future__ import annotations

import pandas as pd

from ..engines.base import Backend
from ..engines.memo import remembering
from ..frames import each
from ..model import Study
from ..queries import as_backend, stance_of, theme_levels
from .compare import grouping, prevalence

__all__ = ["TRIANGULATION_LABELS", "triangulation", "triangulation_label"]

TRIANGULATION_LABELS = ("convergent", "partial", "single group", "one group asked", "not voiced")
"""The words of the module's table."""

NOT_ASKED = "-"


def triangulation_label(voiced: int, interviewed: int) -> str:
    """The module's word for ``voiced`` of ``interviewed`` groups.

    Examples
    --------
    >>> [triangulation_label(3, 3), triangulation_label(2, 3), triangulation_label(1, 3), triangulation_label(1, 1), triangulation_label(0, 2)]
    ['convergent', 'partial', 'single group', 'one group asked', 'not voiced']
    """
    if voiced == 0:
        return "not voiced"
    if interviewed == 1:
        return "one group asked"
    if voiced == interviewed:
        return "convergent"
    return "partial" if voiced >= 2 else "single group"


def triangulation(source: Study | Backend, level: str = "theme", by: str = "role") -> pd.DataFrame:
    """Per theme and time point, which stakeholder groups voice it, with the evidence.

    Parameters
    ----------
    source : Study or Backend
    level : {"theme", "subtheme"}
    by : str
        The participant attribute whose values are the groups (``role``: the
        stakeholder groups; or ``gender``, ``setting``, ...).

    Returns
    -------
    pandas.DataFrame
        Columns ``theme, theme_name, timepoint``, then one column per
        stakeholder group with anyone interviewed (in the study's order of
        roles, e.g. psw, service_user, co_worker, family) reading ``voiced/interviewed``
        participants (``-`` when nobody of the group was interviewed at the
        time point), then ``voiced_by`` and ``silent`` (groups interviewed
        that do not voice it, ``;``-separated), ``triangulation`` (the
        module's table), ``stance_by_group`` (e.g. ``co_worker: negative;
        service_user: positive``) and ``evidence`` (quote ids by group).
        Ordered by codebook, then time point.

    Examples
    --------
    >>> from graphstudy import load_study
    >>> t = triangulation(load_study())
    >>> t.loc[(t["theme"] == "perceptions") & (t["timepoint"] == "T3"), ["psw", "service_user", "co_worker", "triangulation"]].values.tolist()
    [['0/4', '2/5', '5/5', 'partial']]

    Notes
    -----
    Cost of :func:`graphstudy.queries.themes` plus one pass over the codings.
    """
    backend = remembering(as_backend(source))
    groups = grouping(backend, by)
    prev = prevalence(backend, by=by, level=level).rename(columns={by: "role"})
    book = theme_levels(backend, level)
    iv = backend.all_interviews()
    asked_groups = set(iv["participant"].map(groups.of))
    roles = [g for g in groups.order if g in asked_groups]
    tp_order = dict(each(iv, "timepoint", "order"))
    pids = sorted(set(iv["participant"]))
    cod = backend.codings_of(pids) if pids else pd.DataFrame(columns=["participant", "timepoint", "quote_id", "stance", "theme_id"])
    cod = cod.assign(theme=cod["theme_id"].map(book.rollup), role=cod["participant"].map(groups.of))
    ev: dict[tuple[str, str, str], tuple[list[str], str]] = {}
    for key, grp in cod.groupby(["theme", "timepoint", "role"], sort=False):
        theme, tp, role = (str(k) for k in key)
        ev[(theme, tp, role)] = (sorted(set(grp["quote_id"])), stance_of(grp.drop_duplicates("quote_id")["stance"]))
    rows = []
    for key, grp in prev.groupby(["theme", "timepoint"], sort=False):
        theme, tp = (str(k) for k in key)
        by_role = {str(r["role"]): (int(r["coded"]), int(r["interviewed"])) for r in grp.to_dict("records")}
        asked = [r for r in roles if r in by_role]
        voiced = [r for r in asked if by_role[r][0] > 0]
        row = {"theme": theme, "theme_name": grp["theme_name"].iloc[0], "timepoint": tp}
        for r in roles:
            row[r] = f"{by_role[r][0]}/{by_role[r][1]}" if r in by_role else NOT_ASKED
        stances = [f"{r}: {ev[(theme, tp, r)][1]}" for r in voiced if (theme, tp, r) in ev and ev[(theme, tp, r)][1]]
        row.update({
            "voiced_by": ";".join(voiced), "silent": ";".join(r for r in asked if r not in voiced),
            "triangulation": triangulation_label(len(voiced), len(asked)),
            "stance_by_group": "; ".join(stances),
            "evidence": " | ".join(f"{r}: {';'.join(ev[(theme, tp, r)][0])}" for r in voiced if (theme, tp, r) in ev),
        })
        rows.append(row)
    out = pd.DataFrame(rows, columns=["theme", "theme_name", "timepoint", *roles, "voiced_by", "silent", "triangulation",
                                      "stance_by_group", "evidence"])
    if out.empty:
        return out
    order = {t: i for i, t in enumerate(dict.fromkeys(prev["theme"]))}
    out = out.assign(_t=out["theme"].map(order), _p=out["timepoint"].map(tp_order))
    return out.sort_values(["_t", "_p"], kind="stable").drop(columns=["_t", "_p"]).reset_index(drop=True)
