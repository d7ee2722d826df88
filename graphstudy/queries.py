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
(:func:`with_occasion`, :func:`person_occasions`).
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise
from typing import Any, NamedTuple

import pandas as pd

from .engines.base import Backend
from .errors import GraphStudyError, UnknownParticipant
from .model import Study, occasion_id

__all__ = [
    "DYAD_COLUMNS",
    "LEVELS",
    "Codebook",
    "as_backend",
    "check_participant",
    "classify_change",
    "codings_about",
    "dyad",
    "link_steps",
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

LEVELS = ("theme", "subtheme")
"""``theme`` rolls every code up to its top-level theme; ``subtheme`` keeps the code as coded."""

SHIFT_COLUMNS = ["participant", "role", "relationship", "psw", "theme", "theme_name", "from_occasion", "to_occasion",
                 "change", "from_count", "to_count", "stance_from", "stance_to", "evidence"]
DYAD_COLUMNS = ["participant", "psw", "relationship", "occasion", "theme", "theme_name", "count", "stance", "change",
                "evidence"]
COUNT_COLUMNS = ["participant", "occasion", "theme", "count", "quotes", "stance"]

Source = Study | Backend


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


class Codebook(NamedTuple):
    """The theme tree at one level, and the one order every table and view puts themes in.


    Examples
    --------
    >>> from graphstudy import load_study
    >>> book = theme_levels(as_backend(load_study()), "theme")
    >>> book.themes
    ['perceptions', 'service_user_changes', 'family_role']
    >>> book.ordered(["family_role", "perceptions"]), book.rollup["stress_pain"]
    (['perceptions', 'family_role'], 'service_user_changes')
    """

    rollup: dict[str, str]
    """Each code's theme at the level (itself at ``subtheme`` level)."""
    names: dict[str, str]
    positions: dict[str, int]
    """Each theme's place in the codebook."""
    parents: dict[str, str]
    """Each theme's parent in the tree (``""`` for a top-level theme), whatever the level."""

    def key(self, theme: str) -> tuple[int, str]:
        """The sort key of codebook order (an unknown theme first, then by id)."""
        return (self.positions.get(theme, 0), theme)

    def ordered(self, themes_: Iterable[str]) -> list[str]:
        """The distinct themes given, in codebook order."""
        return sorted(set(themes_), key=self.key)

    @property
    def themes(self) -> list[str]:
        """Every theme at the level, in codebook order."""
        return self.ordered(self.rollup.values())

    def name(self, theme: str) -> str:
        """The theme's name (its id when it has none)."""
        return self.names.get(theme, theme)


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


def theme_levels(backend: Backend, level: str) -> Codebook:
    """The codebook at ``level``: each code's theme, the names, the codebook positions and the tree (one ``theme_tree`` look-up).

    Raises
    ------
    GraphStudyError
        When ``level`` is not one of :data:`LEVELS`.
    """
    if level not in LEVELS:
        raise GraphStudyError(f"level must be one of {', '.join(LEVELS)}; got '{level}'")
    tree = backend.theme_tree()
    parent: dict[str, str] = dict(zip(tree["id"], tree["parent_id"]))
    names: dict[str, str] = dict(zip(tree["id"], tree["name"]))
    pos: dict[str, int] = {t: int(p) for t, p in zip(tree["id"], tree["position"])}
    if level == "subtheme":
        return Codebook({t: t for t in parent}, names, pos, parent)
    roots = {}
    for t in parent:
        node, seen = t, set()
        while parent.get(node) and node not in seen:
            seen.add(node)
            node = parent[node]
        roots[t] = node
    return Codebook(roots, names, pos, parent)


def study_roles(backend: Backend) -> tuple[str, ...]:
    """The role ids the study declares, in its order (from :meth:`~graphstudy.engines.base.Backend.study_info`)."""
    return backend.study_info().role_ids


def role_order(backend: Backend, found: Iterable[str] = ()) -> list[str]:
    """The stakeholder groups in ``found``: those the study declares in its order, then any other, sorted.

    Examples
    --------
    >>> from graphstudy import load_study
    >>> role_order(as_backend(load_study()), ["family", "psw", "co_worker"])
    ['psw', 'co_worker', 'family']
    """
    declared = study_roles(backend)
    present = set(found)
    return [r for r in declared if r in present] + sorted(present - set(declared))


def _check_role(backend: Backend, role: str | None) -> None:
    if role is None:
        return
    roles = study_roles(backend)
    if role not in roles:
        raise GraphStudyError(f"no role '{role}' in study '{backend.study_name}' (its roles: {', '.join(roles)})")


def stance_of(values: Iterable[str]) -> str:
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


def check_participant(people: pd.DataFrame, pid: str, study: str, role: str | None = None) -> dict[str, Any]:
    """The row of ``pid`` in a ``participants`` look-up, checked to exist (and to have ``role``, when given).

    Raises
    ------
    UnknownParticipant
        When ``people`` has no row for ``pid``.
    GraphStudyError
        When the participant's role is not ``role``.
    """
    rows = people[people["id"] == pid]
    if rows.empty:
        raise UnknownParticipant(f"no participant '{pid}' in study '{study}'")
    row: dict[str, Any] = {str(k): v for k, v in rows.iloc[0].to_dict().items()}
    if role is not None and row["role"] != role:
        raise GraphStudyError(f"'{pid}' is a {row['role']}, not a {role}")
    return row


def require_participant(backend: Backend, pid: str, role: str | None = None) -> dict[str, Any]:
    """The participant's ``participants`` row, from one look-up (see :func:`check_participant`)."""
    return check_participant(backend.participants([pid]), pid, backend.study_name, role)


def with_occasion(frame: pd.DataFrame) -> pd.DataFrame:
    """A look-up with ``timepoint`` and ``wave`` columns, plus its ``occasion`` id (``T2_1``; ``T1`` for wave 0).

    Examples
    --------
    >>> with_occasion(pd.DataFrame({"timepoint": ["T1", "T2"], "wave": [0, 1]}))["occasion"].tolist()
    ['T1', 'T2_1']
    """
    return frame.assign(occasion=[occasion_id(t, int(w)) for t, w in zip(frame["timepoint"], frame["wave"])])


def codings_about(cod: pd.DataFrame, quotes: pd.DataFrame) -> pd.DataFrame:
    """``cod`` (a ``codings_of`` look-up) with column ``about``: one row per person each quote is about.

    ``quotes`` is a ``quotes`` look-up of (at least) the quotes in ``cod``; a
    quote about nobody keeps no row.
    """
    about = quotes[["id", "about"]].assign(about=quotes["about"].str.split(";")).explode("about")
    about = about[about["about"].fillna("") != ""]
    return cod.merge(about.rename(columns={"id": "quote_id"}), on="quote_id")


def occasion_counts(cod: pd.DataFrame, rollup: dict[str, str]) -> pd.DataFrame:
    """Per participant, occasion and theme: the number of distinct quotes, their ids and their stance.

    ``cod`` is a ``codings_of`` look-up; ``rollup`` maps each code to its theme at the
    chosen level (:func:`theme_levels`). Columns: ``participant, occasion, theme, count,
    quotes, stance``.
    """
    if cod.empty:
        return pd.DataFrame(columns=COUNT_COLUMNS)
    cod = with_occasion(cod).assign(theme=cod["theme_id"].map(rollup))
    cod = cod.drop_duplicates(["participant", "occasion", "theme", "quote_id"])
    grouped = cod.groupby(["participant", "occasion", "theme"], sort=False)
    out = grouped.agg(count=("quote_id", "size"), quotes=("quote_id", sorted), stance=("stance", stance_of))
    return out.reset_index()


def _cells(counts: pd.DataFrame) -> dict[tuple[str, str, str], dict[str, Any]]:
    """``{(participant, occasion, theme): {count, quotes, stance}}`` from :func:`occasion_counts`."""
    return {(str(r["participant"]), str(r["occasion"]), str(r["theme"])): {str(k): v for k, v in r.items()}
            for r in counts.to_dict("records")}


def person_occasions(iv: pd.DataFrame) -> dict[str, list[str]]:
    """``{participant: [occasion ids in order]}`` from an ``interviews_of`` or ``all_interviews`` look-up.

    Notes
    -----
    One pass over the rows after a sort: O(n log n).
    """
    iv = with_occasion(iv.sort_values(["participant", "order", "wave"]))
    out: dict[str, list[str]] = {}
    for pid, o in zip(iv["participant"], iv["occasion"]):
        seen = out.setdefault(pid, [])
        if o not in seen:
            seen.append(o)
    return out


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
    _check_role(backend, role)
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
    cells = _cells(counts)
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
    cells = _cells(counts)
    rows = []
    for theme in book.ordered(counts["theme"]):
        at = {o: int(cells[(participant, o, theme)]["count"]) if (participant, o, theme) in cells else 0 for o in occ}
        rows.append({"theme": theme, "theme_name": book.name(theme), **at})
    return pd.DataFrame(rows, columns=["theme", "theme_name", *occ])


def link_steps(person: str, occasions: list[str], counts: pd.DataFrame, book: Codebook) -> list[dict[str, Any]]:
    """One person's theme links at each occasion they were interviewed, and how each changed: the rows of :func:`dyad`.

    Parameters
    ----------
    person : str
    occasions : list of str
        The occasions the person was interviewed at, in order (:func:`person_occasions`).
    counts : pandas.DataFrame
        :func:`occasion_counts` of the quotes that count (rows of other people are ignored).
    book : Codebook

    Returns
    -------
    list of dict
        ``occasion, theme, theme_name, count, stance, change, evidence``: per
        occasion, every theme present there or at the occasion before, in
        codebook order (``change`` against that occasion; ``first`` at the
        first one); an occasion with neither has one row with an empty theme
        and change ``no links``.
    """
    cells = {(o, t): c for (p, o, t), c in _cells(counts).items() if p == person}
    rows: list[dict[str, Any]] = []
    prev: str | None = None
    for o in occasions:
        shown = book.ordered(t for (oo, t) in cells if oo == o or (prev is not None and oo == prev))
        if not shown:
            rows.append({"occasion": o, "theme": "", "theme_name": "", "count": 0, "stance": "", "change": "no links",
                         "evidence": ""})
        for t in shown:
            now, before = cells.get((o, t)), cells.get((prev, t)) if prev is not None else None
            c = int(now["count"]) if now else 0
            change = "first" if prev is None else classify_change(int(before["count"]) if before else 0, c)
            rows.append({"occasion": o, "theme": t, "theme_name": book.name(t), "count": c,
                         "stance": now["stance"] if now else "", "change": change,
                         "evidence": ";".join(now["quotes"]) if now else ""})
        prev = o
    return rows


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
                         "coded": k, "interviewed": n, "prevalence": round(k / n, 4)})
    return pd.DataFrame(rows, columns=["theme", "theme_name", "role", "timepoint", "coded", "interviewed", "prevalence"])
