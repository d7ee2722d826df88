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

from ..frames import each
from .common import (
    LEVELS,
    Codebook,
    Source,
    as_backend,
    classify_change,
    codings_about,
    link_steps,
    occasion_cells,
    occasion_counts,
    person_occasions,
    stance_change,
    stance_of,
    theme_levels,
    with_occasion,
)
from .dyads import DYAD_COLUMNS, DYAD_LINK_COLUMNS, DYAD_SUMMARY_COLUMNS, dyad, dyad_links, dyad_summary
from .people import (
    check_focal,
    check_participant,
    check_role,
    held_spans,
    relationships_between,
    require_focal,
    require_participant,
    role_order,
    roles_named,
    study_roles,
    within_spans,
)

__all__ = [
    "DYAD_COLUMNS",
    "DYAD_LINK_COLUMNS",
    "DYAD_SUMMARY_COLUMNS",
    "LEVELS",
    "SHIFT_COLUMNS",
    "Codebook",
    "Source",
    "as_backend",
    "check_focal",
    "check_participant",
    "check_role",
    "classify_change",
    "codings_about",
    "dyad",
    "dyad_links",
    "dyad_summary",
    "held_spans",
    "link_steps",
    "occasion_cells",
    "occasion_counts",
    "person_occasions",
    "relationships_between",
    "require_focal",
    "require_participant",
    "role_order",
    "roles_named",
    "shifts",
    "stance_change",
    "stance_of",
    "study_roles",
    "theme_levels",
    "themes",
    "trajectory",
    "with_occasion",
    "within_spans",
]

SHIFT_COLUMNS = ["participant", "role", "relationship", "focal", "theme", "theme_name", "from_occasion", "to_occasion",
                 "change", "from_count", "to_count", "stance_from", "stance_to", "stance_change", "evidence"]
"""The columns of :func:`shifts`, in order."""

def shifts(source: Source, focal: str, role: str | None = None, level: str = "subtheme") -> pd.DataFrame:
    """How each person linked to a focal person shifted on each theme between consecutive interviews.

    Everyone with a relationship to or from ``focal`` (a PSW, a patient: a
    member of one of the study's focal roles) counts, with only their quotes
    about ``focal``, and only at the occasions at which they were interviewed
    and one of their relationships with ``focal`` held (its ``start`` to
    ``end``). One row per person, theme and step between two consecutive
    such occasions (see the module's table of changes).

    Parameters
    ----------
    source : Study or Backend
    focal : str
        The focal person's participant id, e.g. ``"Sue"``.
    role : str, optional
        Only people of this role (one the study declares, e.g. ``"service_user"``);
        every dyad of the focal person when omitted.
    level : {"subtheme", "theme"}

    Returns
    -------
    pandas.DataFrame
        Columns ``participant, role, relationship, focal, theme, theme_name,
        from_occasion, to_occasion, change, from_count, to_count, stance_from,
        stance_to, stance_change, evidence`` (quote ids, ``;``-separated, before
        then after), ordered by participant, step and the theme's place in the
        codebook. ``relationship`` lists every type between the two (sorted, ``;``).

    Raises
    ------
    GraphStudyError
        When ``focal`` is not in a focal role (``'K1' is a Family carer, not a
        Patient``) or ``role`` is not one of the study's.

    Examples
    --------
    >>> from graphstudy import load_study
    >>> t = shifts(load_study(), "Sue", role="service_user")
    >>> sorted(set(zip(t["participant"], t["from_occasion"], t["to_occasion"])))
    [('User14', 'T3_1', 'T3_2'), ('User15', 'T3_1', 'T3_2')]
    >>> t.loc[(t["participant"] == "User15") & (t["theme"] == "perceptions"), "stance_change"].tolist()
    ['neutral→positive']

    Notes
    -----
    Six look-ups; cost grows with the focal person's dyads and their quotes, not with the study's size.
    """
    backend = as_backend(source)
    check_role(backend, role)
    require_focal(backend, focal)
    book = theme_levels(backend, level)
    people = backend.linked_people(focal, role)
    if people.empty:
        return pd.DataFrame(columns=SHIFT_COLUMNS)
    order = backend.study_info().timepoint_order
    types: dict[str, set[str]] = {}
    for p, t in each(people, "participant", "relationship"):
        types.setdefault(str(p), set()).add(str(t))
    rel = {p: ";".join(sorted(t)) for p, t in types.items()}
    spans = pd.DataFrame({"_case": people["participant"].to_numpy(), "start": people["start"].to_numpy(),
                          "end": people["end"].to_numpy()})
    prole = dict(each(people, "participant", "role"))
    pids = sorted(rel)
    iv = backend.interviews_of(pids)
    cod = backend.codings_of(pids, about=focal)
    iv = iv[held_spans(iv.assign(_case=iv["participant"]), spans, order)]  # only while a relationship held
    cod = cod[held_spans(cod.assign(_case=cod["participant"]), spans, order)]
    occ = person_occasions(iv)
    counts = occasion_counts(cod, book.rollup)
    cells = occasion_cells(counts)
    themes_of: dict[str, set[str]] = {}
    for p, t in each(counts, "participant", "theme"):
        themes_of.setdefault(str(p), set()).add(str(t))
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
                s_from, s_to = (ra["stance"] if ra else ""), (rb["stance"] if rb else "")
                rows.append({
                    "participant": pid, "role": prole[pid], "relationship": rel[pid], "focal": focal,
                    "theme": theme, "theme_name": book.name(theme),
                    "from_occasion": a, "to_occasion": b, "change": change, "from_count": ca, "to_count": cb,
                    "stance_from": s_from, "stance_to": s_to, "stance_change": stance_change(s_from, s_to),
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
    tp_order = dict(each(iv, "timepoint", "order"))
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
