"""What every question, report and view is built from: the codebook's order, the study's order of
roles, occasions, counts per occasion and theme, and a person's theme links occasion by occasion.

Each piece is written once here and used everywhere, so that every table and view puts themes,
stakeholder groups and occasions in the same order and reads change by the same rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from ..engines.base import Backend
from ..errors import GraphStudyError
from ..frames import each
from ..model import Study, occasion_id

__all__ = [
    "COUNT_COLUMNS",
    "LEVELS",
    "Codebook",
    "Source",
    "as_backend",
    "classify_change",
    "codings_about",
    "link_steps",
    "occasion_cells",
    "occasion_counts",
    "person_occasions",
    "stance_change",
    "stance_of",
    "theme_levels",
    "with_occasion",
]

LEVELS = ("theme", "subtheme")
"""``theme`` rolls every code up to its top-level theme; ``subtheme`` keeps the code as coded."""

COUNT_COLUMNS = ["participant", "occasion", "theme", "count", "quotes", "stance"]

Source = Study | Backend
"""What every question takes: a loaded study (answered by the embedded engine) or any engine."""


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


class Codebook(NamedTuple):
    """The theme tree at one level, and the one order every table and view puts themes in.


    Examples
    --------
    >>> from graphstudy import load_study
    >>> from graphstudy.queries import as_backend
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
    parent: dict[str, str] = dict(each(tree, "id", "parent_id"))
    names: dict[str, str] = dict(each(tree, "id", "name"))
    pos: dict[str, int] = {t: int(p) for t, p in each(tree, "id", "position")}
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


def stance_change(before: str, after: str) -> str:
    """``negative→positive`` when both stances are given and differ, else ``""`` (as ``report changes`` reads it).

    Examples
    --------
    >>> stance_change("negative", "positive"), stance_change("", "positive"), stance_change("mixed", "mixed")
    ('negative→positive', '', '')
    """
    return f"{before}→{after}" if before and after and before != after else ""


def with_occasion(frame: pd.DataFrame) -> pd.DataFrame:
    """A look-up with ``timepoint`` and ``wave`` columns, plus its ``occasion`` id (``T2_1``; ``T1`` for wave 0).

    Examples
    --------
    >>> with_occasion(pd.DataFrame({"timepoint": ["T1", "T2"], "wave": [0, 1]}))["occasion"].tolist()
    ['T1', 'T2_1']
    """
    if frame.empty:
        return frame.assign(occasion=pd.Series([], dtype=object, index=frame.index))
    # occasion_id once per distinct (time point, wave), not once per row
    pairs = frame["timepoint"].astype(str) + "\x1f" + frame["wave"].astype("int64").astype(str)
    codes, uniques = pd.factorize(pairs)
    ids = np.array([occasion_id(*u.rsplit("\x1f", 1)) for u in uniques], dtype=object)
    return frame.assign(occasion=ids[codes])


def codings_about(cod: pd.DataFrame) -> pd.DataFrame:
    """``cod`` (a ``codings_of`` look-up) with one row per person each quote is about, named in ``about``.

    A quote about nobody keeps no row.

    Examples
    --------
    >>> cod = pd.DataFrame({"quote_id": ["q1", "q2", "q3"], "about": ["Ann;Sue", "", "Sue"]})
    >>> codings_about(cod).values.tolist()
    [['q1', 'Ann'], ['q1', 'Sue'], ['q3', 'Sue']]
    """
    if "about" not in cod.columns:
        raise GraphStudyError("codings_about needs a codings_of look-up (it has the column 'about')")
    named = cod["about"].fillna("").astype(object).to_numpy()
    several = np.fromiter((";" in a for a in named), dtype=bool, count=len(named))
    if not several.any():  # the usual case: one person or nobody; no explode
        return cod[named != ""].reset_index(drop=True)
    out = cod.assign(about=[a.split(";") for a in named]).explode("about")
    return out[out["about"].fillna("") != ""].reset_index(drop=True)


def occasion_counts(cod: pd.DataFrame, rollup: dict[str, str]) -> pd.DataFrame:
    """Per participant, occasion and theme: the number of distinct quotes, their ids and their stance.

    ``cod`` is a ``codings_of`` look-up; ``rollup`` maps each code to its theme at the
    chosen level (:func:`theme_levels`). Columns: ``participant, occasion, theme, count,
    quotes, stance``.
    """
    if cod.empty:
        return pd.DataFrame(columns=COUNT_COLUMNS)
    cod = with_occasion(cod).assign(theme=cod["theme_id"].map(rollup))
    cod = cod.drop_duplicates(["participant", "occasion", "theme", "quote_id"]).dropna(subset=["participant", "occasion", "theme"])
    # one pass in first-seen order (what a groupby(sort=False) gives), without a pandas object per cell
    cells: dict[tuple[str, str, str], tuple[list[str], list[str]]] = {}
    for p, o, t, q, s in each(cod, "participant", "occasion", "theme", "quote_id", "stance"):
        key = (p, o, t)
        cell = cells.get(key)
        if cell is None:
            cells[key] = cell = ([], [])
        cell[0].append(q)
        cell[1].append(s)
    return pd.DataFrame({"participant": [k[0] for k in cells], "occasion": [k[1] for k in cells], "theme": [k[2] for k in cells],
                         "count": [len(q) for q, _ in cells.values()],
                         "quotes": [sorted(q) for q, _ in cells.values()],
                         "stance": [stance_of(s) for _, s in cells.values()]}, columns=COUNT_COLUMNS)


def occasion_cells(counts: pd.DataFrame) -> dict[tuple[str, str, str], dict[str, Any]]:
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
    for pid, o in each(iv, "participant", "occasion"):
        seen = out.setdefault(pid, [])
        if o not in seen:
            seen.append(o)
    return out


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
    cells = {(o, t): c for (p, o, t), c in occasion_cells(counts).items() if p == person}
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
