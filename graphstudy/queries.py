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
"""

from __future__ import annotations

import pandas as pd

from .engines.base import Backend
from .errors import GraphStudyError, UnknownParticipant
from .model import ROLES, Study, occasion_id

__all__ = [
    "LEVELS",
    "as_backend",
    "classify_change",
    "dyad",
    "occasion_counts",
    "person_occasions",
    "shifts",
    "stance_of",
    "theme_levels",
    "themes",
    "trajectory",
]

LEVELS = ("theme", "subtheme")
"""``theme`` rolls every code up to its top-level theme; ``subtheme`` keeps the code as coded."""

SHIFT_COLUMNS = ["participant", "role", "relationship", "psw", "theme", "theme_name", "from_occasion", "to_occasion",
                 "change", "from_count", "to_count", "stance_from", "stance_to", "evidence"]


def as_backend(source: Study | Backend) -> Backend:
    """A backend for a study (the embedded engine) or the backend itself."""
    if isinstance(source, Backend):
        return source
    if isinstance(source, Study):
        from .engines.embedded import EmbeddedBackend

        cached = getattr(source, "_embedded", None)
        if cached is None:
            cached = EmbeddedBackend(source)
            object.__setattr__(source, "_embedded", cached)
        return cached
    raise TypeError(f"expected a Study or a Backend, got {type(source).__name__}")


def classify_change(before: int, after: int) -> str | None:
    """The change from ``before`` to ``after`` quotes (None when both are 0).

    Examples
    --------
    >>> [classify_change(0, 2), classify_change(2, 0), classify_change(1, 3), classify_change(3, 1), classify_change(2, 2)]
    ['emerged', 'ceased', 'increased', 'decreased', 'constant']
    >>> classify_change(0, 0) is None
    True
    """
    if before == 0 and after == 0:
        return None
    if before == 0:
        return "emerged"
    if after == 0:
        return "ceased"
    if after > before:
        return "increased"
    if after < before:
        return "decreased"
    return "constant"


def theme_levels(backend: Backend, level: str) -> tuple[dict[str, str], dict[str, str], dict[str, int]]:
    """``(code -> theme at level, theme id -> name, theme id -> codebook position)``."""
    if level not in LEVELS:
        raise GraphStudyError(f"level must be one of {', '.join(LEVELS)}; got '{level}'")
    tree = backend.theme_tree()
    parent = dict(zip(tree["id"], tree["parent_id"]))
    names = dict(zip(tree["id"], tree["name"]))
    pos = dict(zip(tree["id"], tree["position"]))
    if level == "subtheme":
        return {t: t for t in parent}, names, pos
    roots = {}
    for t in parent:
        node, seen = t, set()
        while parent.get(node) and node not in seen:
            seen.add(node)
            node = parent[node]
        roots[t] = node
    return roots, names, pos


def stance_of(values) -> str:
    """The stance of several quotes: the one stance they share, ``mixed`` when they differ, ``""`` when none has one.

    Examples
    --------
    >>> stance_of(["positive", "", "positive"]), stance_of(["positive", "negative"]), stance_of(["", ""])
    ('positive', 'mixed', '')
    """
    found = sorted({v for v in values if v})
    if not found:
        return ""
    return found[0] if len(found) == 1 else "mixed"


def _require(backend: Backend, pid: str, role: str | None = None) -> dict:
    rows = backend.participants([pid])
    if rows.empty:
        raise UnknownParticipant(f"no participant '{pid}' in study '{backend.study_name}'")
    row = rows.iloc[0].to_dict()
    if role is not None and row["role"] != role:
        raise GraphStudyError(f"'{pid}' is a {row['role']}, not a {role}")
    return row


def _check_role(role: str | None) -> None:
    if role is not None and role not in ROLES:
        raise GraphStudyError(f"role must be one of {', '.join(ROLES)}; got '{role}'")


def occasion_counts(cod: pd.DataFrame, rollup: dict[str, str]) -> pd.DataFrame:
    """Per participant, occasion and theme: the number of distinct quotes, their ids and their stance.

    ``cod`` is a ``codings_of`` look-up; ``rollup`` maps each code to its theme at the
    chosen level (:func:`theme_levels`). Columns: ``participant, occasion, theme, count,
    quotes, stance``.
    """
    if cod.empty:
        return pd.DataFrame(columns=["participant", "occasion", "theme", "count", "quotes", "stance"])
    cod = cod.assign(theme=cod["theme_id"].map(rollup), occasion=[occasion_id(t, w) for t, w in zip(cod["timepoint"], cod["wave"])])
    cod = cod.drop_duplicates(["participant", "occasion", "theme", "quote_id"])
    grouped = cod.groupby(["participant", "occasion", "theme"], sort=False)
    out = grouped.agg(count=("quote_id", "size"), quotes=("quote_id", lambda s: sorted(s)), stance=("stance", stance_of))
    return out.reset_index()


def person_occasions(iv: pd.DataFrame) -> dict[str, list[str]]:
    """``{participant: [occasion ids in order]}`` from an ``interviews_of`` or ``all_interviews`` look-up.

    Notes
    -----
    One pass over the rows after a sort: O(n log n).
    """
    iv = iv.sort_values(["participant", "order", "wave"])
    out: dict[str, list[str]] = {}
    for pid, t, w in zip(iv["participant"], iv["timepoint"], iv["wave"]):
        seen = out.setdefault(pid, [])
        o = occasion_id(t, w)
        if o not in seen:
            seen.append(o)
    return out


def shifts(source: Study | Backend, psw: str, role: str | None = None, level: str = "subtheme") -> pd.DataFrame:
    """How each person linked to a PSW shifted on each theme between consecutive interviews.

    Only that person's quotes about the PSW count. One row per person, theme
    and step between two consecutive occasions at which the person was
    interviewed (see the module's table of changes).

    Parameters
    ----------
    source : Study or Backend
    psw : str
        The PSW's participant id, e.g. ``"Sue"``.
    role : {"service_user", "co_worker", "family"}, optional
        Only people of this role; every dyad of the PSW when omitted.
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
    Cost grows with the PSW's dyads and their quotes, not with the study's size.
    """
    backend = as_backend(source)
    _check_role(role)
    _require(backend, psw, "psw")
    rollup, names, pos = theme_levels(backend, level)
    people = backend.linked_people(psw, role)
    if people.empty:
        return pd.DataFrame(columns=SHIFT_COLUMNS)
    rel = people.groupby("participant")["relationship"].agg(lambda s: ";".join(sorted(set(s))))
    prole = dict(zip(people["participant"], people["role"]))
    pids = sorted(rel.index)
    occ = person_occasions(backend.interviews_of(pids))
    counts = occasion_counts(backend.codings_of(pids, about=psw), rollup)
    lookup = {(r.participant, r.occasion, r.theme): r for r in counts.itertuples(index=False)}
    themes_of = counts.groupby(["participant"])["theme"].agg(set).to_dict() if not counts.empty else {}
    rows = []
    for pid in pids:
        seq = occ.get(pid, [])
        for a, b in zip(seq, seq[1:]):
            for theme in sorted(themes_of.get(pid, ()), key=lambda t: (pos.get(t, 0), t)):
                ra, rb = lookup.get((pid, a, theme)), lookup.get((pid, b, theme))
                ca, cb = (ra.count if ra else 0), (rb.count if rb else 0)
                change = classify_change(ca, cb)
                if change is None:
                    continue
                rows.append({
                    "participant": pid, "role": prole[pid], "relationship": rel[pid], "psw": psw,
                    "theme": theme, "theme_name": names.get(theme, theme),
                    "from_occasion": a, "to_occasion": b, "change": change,
                    "from_count": int(ca), "to_count": int(cb),
                    "stance_from": ra.stance if ra else "", "stance_to": rb.stance if rb else "",
                    "evidence": ";".join((ra.quotes if ra else []) + (rb.quotes if rb else [])),
                })
    return pd.DataFrame(rows, columns=SHIFT_COLUMNS)


def trajectory(source: Study | Backend, participant: str, level: str = "subtheme") -> pd.DataFrame:
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
    _require(backend, participant)
    rollup, names, pos = theme_levels(backend, level)
    occ = person_occasions(backend.interviews_of([participant])).get(participant, [])
    counts = occasion_counts(backend.codings_of([participant]), rollup)
    themes_ = sorted(set(counts["theme"]), key=lambda t: (pos.get(t, 0), t))
    rows = []
    for theme in themes_:
        sub = counts[counts["theme"] == theme].set_index("occasion")["count"]
        rows.append({"theme": theme, "theme_name": names.get(theme, theme), **{o: int(sub.get(o, 0)) for o in occ}})
    return pd.DataFrame(rows, columns=["theme", "theme_name", *occ])


def dyad(source: Study | Backend, psw: str, other: str, level: str = "subtheme") -> pd.DataFrame:
    """The theme links inside one dyad, occasion by occasion, and how they changed.

    Returns
    -------
    pandas.DataFrame
        Columns ``participant, psw, relationship, occasion, theme, theme_name,
        count, stance, change, evidence``: one row per occasion at which
        ``other`` was interviewed and theme of their quotes about ``psw``
        there or at the occasion before (``change`` against that occasion;
        ``first`` at the first one). An occasion with no such quote has one
        row with an empty theme and change ``no links``.

    Examples
    --------
    >>> from graphstudy import load_study
    >>> d = dyad(load_study(), "Sue", "Co-worker07")
    >>> list(d["occasion"].unique())
    ['T3_1', 'T3_2']
    """
    backend = as_backend(source)
    _require(backend, psw, "psw")
    _require(backend, other)
    links = backend.linked_people(psw)
    links = links[links["participant"] == other]
    if links.empty:
        raise GraphStudyError(f"'{other}' has no relationship with PSW '{psw}'")
    relationship = ";".join(sorted(set(links["relationship"])))
    rollup, names, pos = theme_levels(backend, level)
    occ = person_occasions(backend.interviews_of([other])).get(other, [])
    counts = occasion_counts(backend.codings_of([other], about=psw), rollup)
    lookup = {(r.occasion, r.theme): r for r in counts.itertuples(index=False)}
    rows = []
    prev = None
    for o in occ:
        present = {t for (oo, t) in lookup if oo == o}
        before = {t for (oo, t) in lookup if oo == prev} if prev else set()
        shown = sorted(present | before, key=lambda t: (pos.get(t, 0), t))
        if not present and not before:
            rows.append({"participant": other, "psw": psw, "relationship": relationship, "occasion": o, "theme": "",
                         "theme_name": "", "count": 0, "stance": "", "change": "no links", "evidence": ""})
        for t in shown:
            r, rb = lookup.get((o, t)), lookup.get((prev, t))
            c = r.count if r else 0
            change = "first" if prev is None else classify_change(rb.count if rb else 0, c)
            rows.append({"participant": other, "psw": psw, "relationship": relationship, "occasion": o, "theme": t,
                         "theme_name": names.get(t, t), "count": int(c), "stance": r.stance if r else "",
                         "change": change, "evidence": ";".join(r.quotes) if r else ""})
        prev = o
    return pd.DataFrame(rows, columns=["participant", "psw", "relationship", "occasion", "theme", "theme_name",
                                       "count", "stance", "change", "evidence"])


def themes(source: Study | Backend, level: str = "theme") -> pd.DataFrame:
    """Prevalence of each theme by stakeholder group and time point.

    ``prevalence = coded / interviewed``: of the group's participants
    interviewed at the time point, the share with at least one quote coded as
    the theme (at any wave of that time point).

    Returns
    -------
    pandas.DataFrame
        Columns ``theme, theme_name, role, timepoint, coded, interviewed,
        prevalence``; every theme for every group and time point with someone
        interviewed, ordered by codebook, role and time point.

    Examples
    --------
    >>> from graphstudy import load_study
    >>> t = themes(load_study())
    >>> bool(((t["prevalence"] >= 0) & (t["prevalence"] <= 1)).all())
    True
    """
    backend = as_backend(source)
    rollup, names, pos = theme_levels(backend, level)
    iv = backend.all_interviews()
    cod = backend.all_codings()
    interviewed = iv.groupby(["role", "timepoint"])["participant"].nunique()
    tp_order = dict(zip(iv["timepoint"], iv["order"]))
    coded = (
        cod.assign(theme=cod["theme_id"].map(rollup)).groupby(["theme", "role", "timepoint"])["participant"].nunique()
        if not cod.empty else pd.Series(dtype="int64")
    )
    level_themes = sorted(set(rollup.values()), key=lambda t: (pos.get(t, 0), t))
    rows = []
    for theme in level_themes:
        for (role, tp), n in sorted(interviewed.items(), key=lambda kv: (ROLES.index(kv[0][0]) if kv[0][0] in ROLES else 9, tp_order[kv[0][1]])):
            k = int(coded.get((theme, role, tp), 0))
            rows.append({"theme": theme, "theme_name": names.get(theme, theme), "role": role, "timepoint": tp,
                         "coded": k, "interviewed": int(n), "prevalence": round(k / n, 4)})
    return pd.DataFrame(rows, columns=["theme", "theme_name", "role", "timepoint", "coded", "interviewed", "prevalence"])
