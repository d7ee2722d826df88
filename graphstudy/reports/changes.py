"""Change through time: Saldaña's descriptive questions as documented rules.

Saldaña's *Longitudinal Qualitative Research* (2003) asks seven descriptive
questions of data gathered through time: what increases or emerges, what is
cumulative, what kinds of surges or epiphanies occur, what decreases or
ceases, what remains constant or consistent, what is idiosyncratic and what is
missing. His are interpretive questions; graphstudy answers them with rules of
its own, stated here so that a reader can check every label.

A **case** is a participant (all their quotes) or a dyad (the quotes one
person gave *about* a focal person they have a relationship with: a service
user about their PSW, a carer about the patient), counted only at the
occasions at which the relationship held (its ``start`` to ``end``). For each case and theme the rules read the
number of the case's quotes coded as the theme at each **interviewed
occasion**, in order. Occasions at which the case was *not interviewed* are
skipped: they never count as "theme absent". They are listed apart
(``not_interviewed``, and ``-`` in ``series``) so that "not interviewed at that
occasion" and "interviewed, theme absent" (``0``) are never confused.

Write ``c1 .. cn`` for the counts at the case's n interviewed occasions:

=============  ===================================  =====================================================
label          Saldaña's question                   rule (ours)
=============  ===================================  =====================================================
emerges        What increases or emerges?           n >= 2; c1 = 0 and cn > 0
increases      What increases or emerges?           n >= 2; c1 > 0 and cn > c1
cumulative     What is cumulative?                  n >= 3; from its first appearance the theme is present
                                                    at every later interviewed occasion, never with fewer
                                                    quotes than at the one before, and with more at least
                                                    once (a build-up, not one step)
surges         What surges or epiphanies occur?     n >= 2; from one interviewed occasion to the next the
                                                    count rises by at least ``surge`` quotes (default 2)
                                                    and at least doubles. The epiphany side (a turn of
                                                    stance) is reported in ``stance_change``
decreases      What decreases or ceases?            n >= 2; c1 > 0, cn > 0 and cn < c1
ceases         What decreases or ceases?            n >= 2; c1 > 0 and cn = 0
constant       What remains constant or consistent? n >= 2; present at every interviewed occasion, the
                                                    same count each time
consistent     What remains constant or consistent? n >= 2; present at every interviewed occasion, the
                                                    count varying
idiosyncratic  What is idiosyncratic?               the count both rises and falls across the interviewed
                                                    occasions (needs n >= 3), e.g. 1, 0, 1 or 0, 2, 1
missing        What is missing?                     the theme is never present for the case, although
                                                    someone else of the same stakeholder group voiced it
                                                    at an occasion at which the case was interviewed
one occasion   (none: no change can be read)        n = 1 and the theme present
=============  ===================================  =====================================================

The rules are independent: ``change`` lists every label that applies, in the
order of the table, joined by ``;`` (for example ``increases;consistent`` or
``emerges;surges``). A theme absent at every interviewed occasion and voiced by
no peer gives no row; a case never interviewed gives no row.

``stance_from`` and ``stance_to`` are the stance of the case's quotes at the
first and last interviewed occasions where the theme is present (``mixed``
when they differ); ``stance_change`` is ``negative→positive`` and the like when
both are stated and differ.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

import pandas as pd

from ..engines.base import Backend
from ..errors import GraphStudyError
from ..frames import each
from ..model import Study
from ..queries import Codebook, as_backend, codings_about, held_spans, occasion_counts, role_order, theme_levels, with_occasion

__all__ = ["CASE_KINDS", "CHANGE_LABELS", "CaseData", "case_data", "change_labels", "changes", "changes_of", "dyad_case"]

CHANGE_LABELS = ("emerges", "increases", "cumulative", "surges", "decreases", "ceases", "constant", "consistent",
                 "idiosyncratic", "missing", "one occasion")
"""Every label :func:`changes` can give, in the order of the module's table."""

CASE_KINDS = ("participant", "dyad")
"""A case is a participant (all their quotes) or a dyad (one person's quotes about one focal person)."""

CHANGE_COLUMNS = ["case", "kind", "participant", "role", "focal", "relationship", "theme", "theme_name", "change",
                  "series", "n_interviewed", "not_interviewed", "stance_from", "stance_to", "stance_change",
                  "evidence", "note"]

NOT_INTERVIEWED = "-"
"""How ``series`` shows an occasion at which the case was not interviewed."""

PEERS_NAMED = 10
"""A missing theme's ``note`` names at most this many of the peers who voiced it, then how many more."""


def change_labels(counts: list[int], voiced_by_peers: bool = False, surge: int = 2) -> list[str]:
    """The labels of the module's table for one case and theme.

    Parameters
    ----------
    counts : list of int
        Quotes coded as the theme at each occasion the case was interviewed, in
        order (occasions without an interview are left out, never given as 0).
    voiced_by_peers : bool
        Whether someone else of the case's stakeholder group voiced the theme at
        an occasion at which the case was interviewed (for ``missing``).
    surge : int
        The smallest rise between consecutive interviewed occasions that counts
        as a surge (the count must also at least double).

    Examples
    --------
    >>> change_labels([0, 1])
    ['emerges']
    >>> change_labels([1, 2, 4])
    ['increases', 'cumulative', 'surges', 'consistent']
    >>> change_labels([1, 0, 1])
    ['idiosyncratic']
    >>> change_labels([0, 0], voiced_by_peers=True)
    ['missing']
    >>> change_labels([3])
    ['one occasion']
    """
    n = len(counts)
    if n == 0:
        return []
    present = [c > 0 for c in counts]
    if not any(present):
        return ["missing"] if voiced_by_peers else []
    if n == 1:
        return ["one occasion"]
    first, last = counts[0], counts[-1]
    steps = [b - a for a, b in pairwise(counts)]
    labels = []
    if first == 0 and last > 0:
        labels.append("emerges")
    if first > 0 and last > first:
        labels.append("increases")
    start = present.index(True)
    tail = counts[start:]
    tail_steps = steps[start:]
    if n >= 3 and all(c > 0 for c in tail) and all(s >= 0 for s in tail_steps) and any(s > 0 for s in tail_steps):
        labels.append("cumulative")
    if any(b - a >= surge and b >= 2 * a for a, b in pairwise(counts)):
        labels.append("surges")
    if first > 0 and 0 < last < first:
        labels.append("decreases")
    if first > 0 and last == 0:
        labels.append("ceases")
    if all(present):
        labels.append("constant" if len(set(counts)) == 1 else "consistent")
    if any(s > 0 for s in steps) and any(s < 0 for s in steps):
        labels.append("idiosyncratic")
    return labels


@dataclass
class CaseData:
    """What the change reports read, gathered once from the backend look-ups.

    Attributes
    ----------
    cases : pandas.DataFrame
        ``case, kind, participant, role, focal, relationship``: one row per case
        interviewed at least once, ordered by the study's role order, participant and focal person.
    occasions : dict
        ``{role: [occasion, ...]}``: the occasions at which anyone of the
        stakeholder group was interviewed, in order.
    interviewed : dict
        ``{participant: [occasion, ...]}``: where each person was interviewed, in order; for
        ``by="dyad"`` also ``{dyad case: [occasion, ...]}``, those of them at which the relationship held.
    counts : pandas.DataFrame
        ``case, occasion, theme, count, quotes, stance``: the case's quotes per
        occasion and theme (``quotes`` a sorted list of quote ids).
    voiced : dict
        ``{(role, occasion, theme): {participant, ...}}``: who voiced each theme.
    book : Codebook
        The themes at the chosen level: names and codebook order.
    occasion_keys : dict
        ``{occasion: (time point order, wave)}``.
    level : str
        ``subtheme`` or ``theme``, as asked.
    """

    cases: pd.DataFrame
    occasions: dict[str, list[str]]
    interviewed: dict[str, list[str]]
    counts: pd.DataFrame
    voiced: dict[tuple[str, str, str], set[str]]
    book: Codebook
    occasion_keys: dict[str, tuple[int, int]]
    level: str


def dyad_case(focal: str, other: str) -> str:
    """The case name of a dyad: ``dyad_case("Sue", "Co-worker07") == "Sue & Co-worker07"``."""
    return f"{focal} & {other}"


def case_data(source: Study | Backend, by: str = "participant", level: str = "subtheme") -> CaseData:
    """Gather cases, occasions and per-occasion theme counts for the change reports.

    Parameters
    ----------
    source : Study or Backend
    by : {"participant", "dyad"}
    level : {"subtheme", "theme"}

    Examples
    --------
    >>> from graphstudy import load_study
    >>> d = case_data(load_study(), by="dyad")
    >>> "Sue & Co-worker07" in set(d.cases["case"])
    True
    >>> d.interviewed["Co-worker07"]
    ['T3_1', 'T3_2']

    Notes
    -----
    One look-up per kind of record (the quotes' text is never asked for): cost
    grows linearly with interviews and codings.
    """
    if by not in CASE_KINDS:
        raise GraphStudyError(f"by must be one of {', '.join(CASE_KINDS)}; got '{by}'")
    backend = as_backend(source)
    book = theme_levels(backend, level)
    iv = with_occasion(backend.all_interviews())
    keys = {str(o): (int(k), int(w)) for o, k, w in each(iv, "occasion", "order", "wave")}
    iv = iv.assign(_k=iv["occasion"].map(keys)).sort_values(["_k", "participant"], kind="stable")
    seen_by_role: dict[str, dict[str, None]] = {}
    seen_by_person: dict[str, dict[str, None]] = {}
    for r, p, o in each(iv, "role", "participant", "occasion"):  # one pass, in the sorted order
        seen_by_role.setdefault(str(r), {})[o] = None
        seen_by_person.setdefault(str(p), {})[o] = None
    occasions = {r: list(o) for r, o in seen_by_role.items()}
    interviewed = {p: list(o) for p, o in seen_by_person.items()}
    role_of = dict(each(iv, "participant", "role"))
    pids = sorted(interviewed)
    cod = backend.codings_of(pids)  # everyone interviewed: every coding that counts, so also who voiced what
    voiced: dict[tuple[str, str, str], set[str]] = {}
    for p, o, th in each(with_occasion(cod), "participant", "occasion", "theme_id"):
        voiced.setdefault((role_of[p], o, book.rollup.get(th, th)), set()).add(p)
    if by == "participant":
        cases = pd.DataFrame({"case": pids, "kind": "participant", "participant": pids,
                              "role": [role_of[p] for p in pids], "focal": "", "relationship": ""})
    else:
        rel = backend.relationships()
        people = backend.participants()
        info = backend.study_info()
        focal = set(people.loc[people["role"].isin(info.focal_roles), "id"])
        # every relationship with a focal person at one end is a dyad (focal, other), whichever way it points
        ends = pd.concat([rel.rename(columns={"target_id": "focal", "source_id": "other"}),
                          rel.rename(columns={"source_id": "focal", "target_id": "other"})], ignore_index=True)
        ends = ends[ends["focal"].isin(focal) & ends["other"].isin(interviewed.keys())]
        held = ends.groupby(["focal", "other"], sort=True)["type"].agg(lambda s: ";".join(sorted(set(s)))).reset_index()
        spans = pd.DataFrame({"_case": [dyad_case(str(f), str(o)) for f, o in each(ends, "focal", "other")],
                              "start": ends["start"].to_numpy(), "end": ends["end"].to_numpy()})
        cases = pd.DataFrame([{"case": dyad_case(f, other), "kind": "dyad", "participant": other,
                               "role": role_of[other], "focal": f, "relationship": types}
                              for f, other, types in each(held, "focal", "other", "type")],
                             columns=["case", "kind", "participant", "role", "focal", "relationship"])
        # a dyad's occasions: the other person's interviews while one of their relationships held
        order = info.timepoint_order
        mine = cases[["case", "participant"]].rename(columns={"case": "_case"}).merge(
            iv[["participant", "occasion", "order", "wave"]].assign(_i=range(len(iv))), on="participant")
        mine = mine[held_spans(mine, spans, order)].sort_values("_i", kind="stable")
        while_held: dict[str, dict[str, None]] = {}
        for case, occasion in each(mine, "_case", "occasion"):
            while_held.setdefault(case, {})[occasion] = None
        for case in cases["case"]:
            interviewed[case] = list(while_held.get(case, {}))
        # a dyad's quotes: the other person's quotes about that focal person (codings_of names whom each is about)
        cod = codings_about(cod)
        cod = cod.assign(_case=[dyad_case(w, p) for p, w in each(cod, "participant", "about")])
        cod = cod[held_spans(cod, spans, order)]
        cod = cod.assign(participant=cod["_case"]).drop(columns="_case")
    counts = occasion_counts(cod, book.rollup).rename(columns={"participant": "case"})
    if not cases.empty:
        rank = {r: i for i, r in enumerate(role_order(backend, cases["role"]))}
        cases = cases.assign(_r=cases["role"].map(rank))
        cases = cases.sort_values(["_r", "participant", "focal"], kind="stable").drop(columns="_r").reset_index(drop=True)
    return CaseData(cases=cases, occasions=occasions, interviewed=interviewed, counts=counts, voiced=voiced,
                    book=book, occasion_keys=keys, level=level)


def _stance_change(a: str, b: str) -> str:
    return f"{a}→{b}" if a and b and a != b else ""


def changes(source: Study | Backend, by: str = "participant", level: str = "subtheme", surge: int = 2,
            cases: list[str] | None = None) -> pd.DataFrame:
    """Saldaña's descriptive questions, answered per case and theme by the module's rules.

    Parameters
    ----------
    source : Study or Backend
    by : {"participant", "dyad"}
        Cases are participants (all their quotes) or dyads (a person's quotes
        about one focal person they have a relationship with, while it held).
    level : {"subtheme", "theme"}
    surge : int
        The smallest rise (in quotes) between consecutive interviewed occasions
        that counts as a surge; the count must also at least double.
    cases : list of str, optional
        Only these cases: participant ids, or for dyads a case name
        (``"Sue & Co-worker07"``), a focal person (all their dyads) or the other person.

    Returns
    -------
    pandas.DataFrame
        Columns ``case, kind, participant, role, focal, relationship, theme,
        theme_name, change, series, n_interviewed, not_interviewed,
        stance_from, stance_to, stance_change, evidence, note``. ``series``
        reads ``T3_1=1 T3_2=0 T3_3=-`` over the occasions at which the case's
        stakeholder group was interviewed (``-``: the case was not interviewed
        there); ``evidence`` lists the case's quote ids in occasion order;
        ``note`` names the peers behind ``missing`` (at most
        :data:`PEERS_NAMED`, then how many more). Ordered by role,
        participant, focal person and the theme's place in the codebook.

    Raises
    ------
    GraphStudyError
        For an unknown ``by``, ``level`` or case, or ``surge`` below 1.

    Examples
    --------
    >>> from graphstudy import load_study
    >>> t = changes(load_study(), cases=["Co-worker07"])
    >>> t[["theme", "change", "stance_change"]].values.tolist()
    [['uncertainty', 'constant', 'negative→positive'], ['resilience', 'missing', ''], ['connections', 'missing', '']]
    >>> t["series"].iloc[0]
    'T2_1=- T2_2=- T3_1=1 T3_2=1'

    Notes
    -----
    Linear in interviews and codings (see :func:`case_data`), plus cases x
    themes for the ``missing`` rule.
    """
    if int(surge) < 1:
        raise GraphStudyError(f"surge must be at least 1 quote; got {surge}")
    return changes_of(case_data(source, by=by, level=level), by=by, surge=surge, cases=cases)


def changes_of(data: CaseData, by: str = "participant", surge: int = 2, cases: list[str] | None = None) -> pd.DataFrame:
    """:func:`changes` from cases already gathered by :func:`case_data` (to share one gathering between reports)."""
    if int(surge) < 1:
        raise GraphStudyError(f"surge must be at least 1 quote; got {surge}")
    selected = _select(data.cases, cases, by)
    cnt = data.counts  # a cell as (count, quote ids, stance): a tuple, not a dict per cell (a million cells at 1M quotes)
    lookup = {(str(c), str(o), str(t)): (int(n), q, st)
              for c, o, t, n, q, st in each(cnt, "case", "occasion", "theme", "count", "quotes", "stance")}
    themes_of: dict[str, set[str]] = {}
    for c, t in each(cnt, "case", "theme"):
        themes_of.setdefault(str(c), set()).add(str(t))
    by_place: dict[tuple[str, str], dict[str, set[str]]] = {}
    for (role, occ, theme), people in data.voiced.items():
        by_place.setdefault((role, occ), {})[theme] = people
    named: dict[tuple[str, ...], tuple[list[str], set[str]]] = {}
    rows = []
    for case in selected.to_dict("records"):
        seen = data.interviewed.get(case["case"], data.interviewed.get(case["participant"], []))
        group_occ = data.occasions.get(case["role"], seen)
        peers_at: dict[str, list[tuple[str, set[str]]]] = {}
        me = case["participant"]
        for o in seen:
            for theme, people in by_place.get((case["role"], o), {}).items():
                if len(people) > 1 or me not in people:  # a peer voiced it there (the set itself is not copied)
                    peers_at.setdefault(theme, []).append((o, people))
        mine = themes_of.get(case["case"], set())
        for theme in data.book.ordered(mine | peers_at.keys()):
            cells = [lookup.get((case["case"], o, theme)) for o in seen]
            counts = [c[0] if c is not None else 0 for c in cells]
            labels = change_labels(counts, voiced_by_peers=theme in peers_at, surge=int(surge))
            if not labels:
                continue
            present = [c for c in cells if c is not None]
            s_from = present[0][2] if present else ""
            s_to = present[-1][2] if present else ""
            at = dict(zip(seen, counts))
            series = " ".join(f"{o}={at[o]}" if o in at else f"{o}={NOT_INTERVIEWED}" for o in group_occ)
            note = ""
            if labels == ["missing"]:
                note = _peers_note(peers_at[theme], me, (case["role"], theme), named)
            rows.append({
                **{k: case[k] for k in ("case", "kind", "participant", "role", "focal", "relationship")}, "theme": theme,
                "theme_name": data.book.name(theme), "change": ";".join(labels), "series": series,
                "n_interviewed": len(seen), "not_interviewed": ";".join(o for o in group_occ if o not in at),
                "stance_from": s_from, "stance_to": s_to, "stance_change": _stance_change(s_from, s_to),
                "evidence": ";".join(q for c in present for q in c[1]), "note": note,
            })
    return pd.DataFrame(rows, columns=CHANGE_COLUMNS)


def _peers_note(places: list[tuple[str, set[str]]], me: str, key: tuple[str, str],
                named: dict[tuple[str, ...], tuple[list[str], set[str]]]) -> str:
    """``voiced at T1, T2 by P2, P3``: where and by whom a missing theme was voiced, naming at most
    :data:`PEERS_NAMED` peers (``... and 120 more``); the sorted peers are kept in ``named`` for the next case."""
    where = [o for o, _ in places]
    k = (*key, *where)
    if k not in named:
        everyone = set().union(*(p for _, p in places))
        named[k] = (sorted(everyone)[:PEERS_NAMED + 1], everyone)
    first, everyone = named[k]
    who = [p for p in first if p != me][:PEERS_NAMED]
    more = len(everyone) - (me in everyone) - len(who)
    return f"voiced at {', '.join(where)} by {', '.join(who)}" + (f" and {more} more" if more else "")


def _select(cases: pd.DataFrame, wanted: list[str] | None, by: str) -> pd.DataFrame:
    """The cases asked for (all when ``wanted`` is None); an unknown one is an error naming the known ones."""
    if not wanted:
        return cases
    keep = pd.Series(False, index=cases.index)
    for w in wanted:
        hit = (cases["case"] == w) | (cases["participant"] == w) | (cases["focal"] == w)
        if not hit.any():
            known = ", ".join(list(cases["case"])[:12])
            raise GraphStudyError(f"no {by} case '{w}' with an interview (cases: {known}{', ...' if len(cases) > 12 else ''})")
        keep |= hit
    return cases[keep]
