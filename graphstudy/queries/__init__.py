"""The longitudinal questions: shifts, trajectories, dyads and theme prevalence.

Each function takes a :class:`~graphstudy.model.Study` (answered by the
embedded engine) or any :class:`~graphstudy.engines.base.Backend` (for example
Neo4j) and returns a pandas DataFrame with documented columns and row order.

Change between two consecutive occasions at which a person was interviewed,
for one theme, from the number of their quotes coded as that theme:

==========  ===========================================
change      rule
==========  ===========================================
emerged     0 quotes before, 1 or more after
ceased      1 or more before, 0 after
increased   more after than before (both at least 1)
decreased   fewer after than before (both at least 1)
constant    the same number, at least 1
==========  ===========================================

A theme absent at both occasions gives no row. "Not interviewed" never counts
as absent: steps only join occasions at which the person was interviewed.

The orders every report and view share live here too: themes in the
codebook's order (:class:`Codebook`), stakeholder groups in the study's order
(:func:`role_order`), occasions by time point order then wave
(:func:`with_occasion`, :func:`person_occasions`): the building blocks in
:mod:`graphstudy.queries.common`, re-exported here.
"""

from __future__ import annotations

from itertools import pairwise

import pandas as pd

from ..engines.base import Backend
from ..errors import GraphStudyError
from ..model import Study
from .common import (
    LEVELS,
    Codebook,
    check_participant,
    check_role,
    classify_change,
    codings_about,
    link_steps,
    occasion_cells,
    occasion_counts,
    person_occasions,
    require_participant,
    role_order,
    stance_of,
    study_roles,
    theme_levels,
    with_occasion,
)

__all__ = [
    "DYAD_COLUMNS",
    "LEVELS",
    "Codebook",
    "as_backend",
    "check_participant",
    "check_role",
    "classify_change",
    "codings_about",
    "dyad",
    "link_steps",
    "occasion_cells",
    "occasion_counts",
    "person_occasions",
    "require_participant",
    "role_order",
    "shifts",
    "stance_of",
    "study_roles",
    "theme_levels",
    "themes",
    "trajectory",
    "with_occasion",
]

SHIFT_COLUMNS = ["participant", "role", "relationship", "psw", "theme", "theme_name", "from_occasion", "to_occasion",
                 "change", "from_count", "to_count", "stance_from", "stance_to", "evidence"]
DYAD_COLUMNS = ["participant", "psw", "relationship", "occasion", "theme", "theme_name", "count", "stance", "change",
                "evidence"]

Source = Study | Backend


def as_backend(source: Study | Backend) -> Backend:
    """A backend for a study (the embedded engine) or the backend itself."""
    if isinstance(source, Backend):
        return source
    if isinstance(source, Study):
        from ..engines.embedded import EmbeddedBackend

        cached = getattr(source, "_embedded", None)
        if cached is None:
            cached = EmbeddedBackend(source)
            object.__setattr__(source, "_embedded", cached)
        return cached
    raise TypeError(f"expected a Study or a Backend, got {type(source).__name__}")


def shifts(source: Source, psw: str, role: str | None = None, level: str = "subtheme") -> pd.DataFrame:
    """How each person linked to a PSW shifted on each theme between consecutive interviews.

    Only that person's quotes about the PSW count. One row per person, theme
    and step between two consecutive occasions at which the person was
    interviewed (see the module's table of changes).

    Parameters
    ----------
    source : Study or Backend
    psw : str
        The PSW's participant id, e.g. ``"Sue"``.
    role : str, optional
        Only people of this role (one the study declares, e.g. ``"service_user"``);
        every dyad of the PSW when omitted.
    level : {"subtheme", "theme"}

    Returns
    -------
    pandas.DataFrame
        Columns ``participant, role, relationship, psw, theme, theme_name,
        from_occasion, to_occasion, change, from_count, to_count, stance_from,
        stance_to, evidence`` (quote ids, ``;``-separated, before then after),
        ordered by participant, step and the theme's place in the codebook.

    Examples
    --------
    >>> from graphstudy import load_study
    >>> t = shifts(load_study(), "Sue", role="service_user")
    >>> sorted(set(zip(t["participant"], t["from_occasion"], t["to_occasion"])))
    [('User14', 'T3_1', 'T3_2'), ('User15', 'T3_1', 'T3_2')]

    Notes
    -----
    Five look-ups; cost grows with the PSW's dyads and their quotes, not with the study's size.
    """
    backend = as_backend(source)
    check_role(backend, role)
    require_participant(backend, psw, "psw")
    book = theme_levels(backend, level)
    people = backend.linked_people(psw, role)
    if people.empty:
        return pd.DataFrame(columns=SHIFT_COLUMNS)
    rel = people.groupby("participant")["relationship"].agg(lambda s: ";".join(sorted(set(s))))
    prole = dict(zip(people["participant"], people["role"]))
    pids = sorted(rel.index)
    occ = person_occasions(backend.interviews_of(pids))
    counts = occasion_counts(backend.codings_of(pids, about=psw), book.rollup)
    cells = occasion_cells(counts)
    themes_of = counts.groupby(["participant"])["theme"].agg(set).to_dict() if not counts.empty else {}
    rows = []
    for pid in pids:
        seq = occ.get(pid, [])
        for a, b in pairwise(seq):
            for theme in book.ordered(themes_of.get(pid, ())):
                ra, rb = cells.get((pid, a, theme)), cells.get((pid, b, theme))
                ca, cb = (int(ra["count"]) if ra else 0), (int(rb["count"]) if rb else 0)
                change = classify_change(ca, cb)
                if change is None:
                    continue
                rows.append({
                    "participant": pid, "role": prole[pid], "relationship": rel[pid], "psw": psw,
                    "theme": theme, "theme_name": book.name(theme),
                    "from_occasion": a, "to_occasion": b, "change": change, "from_count": ca, "to_count": cb,
                    "stance_from": ra["stance"] if ra else "", "stance_to": rb["stance"] if rb else "",
                    "evidence": ";".join((ra["quotes"] if ra else []) + (rb["quotes"] if rb else [])),
                })
    return pd.DataFrame(rows, columns=SHIFT_COLUMNS)


def trajectory(source: Source, participant: str, level: str = "subtheme") -> pd.DataFrame:
    """Theme x occasion counts of one person's quotes (all their quotes).

    Returns
    -------
    pandas.DataFrame
        Columns ``theme, theme_name`` then one column per occasion the person
        was interviewed at, in order; cells count quotes. Rows follow the
        codebook; themes never coded for the person are left out.

    Examples
    --------
    >>> from graphstudy import load_study
    >>> t = trajectory(load_study(), "User15")
    >>> [c for c in t.columns if c.startswith("T")]
    ['T3_1', 'T3_2']
    """
    backend = as_backend(source)
    require_participant(backend, participant)
    book = theme_levels(backend, level)
    occ = person_occasions(backend.interviews_of([participant])).get(participant, [])
    counts = occasion_counts(backend.codings_of([participant]), book.rollup)
    cells = occasion_cells(counts)
    rows = []
    for theme in book.ordered(counts["theme"]):
        at = {o: int(cells[(participant, o, theme)]["count"]) if (participant, o, theme) in cells else 0 for o in occ}
        rows.append({"theme": theme, "theme_name": book.name(theme), **at})
    return pd.DataFrame(rows, columns=["theme", "theme_name", *occ])


def dyad(source: Source, psw: str, other: str, level: str = "subtheme") -> pd.DataFrame:
    """The theme links inside one dyad, occasion by occasion, and how they changed.

    Returns
    -------
    pandas.DataFrame
        Columns ``participant, psw, relationship, occasion, theme, theme_name,
        count, stance, change, evidence``: one row per occasion at which
        ``other`` was interviewed and theme of their quotes about ``psw``
        there or at the occasion before (:func:`link_steps`).

    Examples
    --------
    >>> from graphstudy import load_study
    >>> d = dyad(load_study(), "Sue", "Co-worker07")
    >>> list(d["occasion"].unique())
    ['T3_1', 'T3_2']

    Notes
    -----
    Five look-ups, whatever the study's size.
    """
    backend = as_backend(source)
    people = backend.participants(sorted({psw, other}))
    check_participant(people, psw, backend.study_name, "psw")
    check_participant(people, other, backend.study_name)
    links = backend.linked_people(psw)
    links = links[links["participant"] == other]
    if links.empty:
        raise GraphStudyError(f"'{other}' has no relationship with PSW '{psw}'")
    relationship = ";".join(sorted(set(links["relationship"])))
    book = theme_levels(backend, level)
    occ = person_occasions(backend.interviews_of([other])).get(other, [])
    counts = occasion_counts(backend.codings_of([other], about=psw), book.rollup)
    rows = [{"participant": other, "psw": psw, "relationship": relationship, **r} for r in link_steps(other, occ, counts, book)]
    return pd.DataFrame(rows, columns=DYAD_COLUMNS)


def themes(source: Source, level: str = "theme") -> pd.DataFrame:
    """Prevalence of each theme by stakeholder group and time point.

    ``prevalence = coded / interviewed``: of the group's participants
    interviewed at the time point, the share with at least one quote coded as
    the theme (at any wave of that time point).

    Returns
    -------
    pandas.DataFrame
        Columns ``theme, theme_name, role, timepoint, coded, interviewed,
        prevalence``; every theme for every group and time point with someone
        interviewed, ordered by codebook, the study's role order and time point.

    Examples
    --------
    >>> from graphstudy import load_study
    >>> t = themes(load_study())
    >>> bool(((t["prevalence"] >= 0) & (t["prevalence"] <= 1)).all())
    True
    """
    backend = as_backend(source)
    book = theme_levels(backend, level)
    iv = backend.all_interviews()
    cod = backend.all_codings()
    interviewed = iv.groupby(["role", "timepoint"])["participant"].nunique()
    tp_order = dict(zip(iv["timepoint"], iv["order"]))
    rank = {r: i for i, r in enumerate(role_order(backend, iv["role"]))}
    coded = (
        cod.assign(theme=cod["theme_id"].map(book.rollup)).groupby(["theme", "role", "timepoint"])["participant"].nunique()
        if not cod.empty else pd.Series(dtype="int64")
    )
    groups = sorted(((str(r), str(tp), int(n)) for r, tp, n in interviewed.reset_index().itertuples(index=False)),
                    key=lambda g: (rank[g[0]], tp_order[g[1]]))
    rows = []
    for theme in book.themes:
        for role, tp, n in groups:
            k = int(coded.get((theme, role, tp), 0))
            rows.append({"theme": theme, "theme_name": book.name(theme), "role": role, "timepoint": tp,
                         "coded": k, "interviewed": n, "prevalence": k / n})
    return pd.DataFrame(rows, columns=["theme", "theme_name", "role", "timepoint", "coded", "interviewed", "prevalence"])
