"""A study's evidence as indexed columns: what the embedded engine answers its look-ups from.

The stakeholder graph is small (people and the relationships between them);
the evidence is not (a million quotes, more codings). So the embedded engine
does not walk a graph for its look-ups: it holds the study's own tables and
answers each look-up with a few vectorised passes (Arrow's hash look-ups,
pandas joins), then puts the rows in the canonical order of
:func:`~graphstudy.engines.base.sort_lookup` (:func:`canonical`).

What a look-up costs (n the study's rows of the table named):

================  ===================================================================
look-up           cost
================  ===================================================================
participants      one pass over the participants
linked_people     one pass over the relationships
interviews_of     one pass over the interviews
codings_of        one pass over the interviews, quotes and codings (probing the few
                  ids asked for), then work in the rows found
quotes            one pass over the quotes, then the interviews of those found
all_interviews    a join of interviews and participants
all_codings       a join of codings, quotes, interviews and participants, and a sort
counts            one pass over each table (the distinct people each quote is about)
================  ===================================================================

Rows are what the study graph of :func:`~graphstudy.engines.embedded.build_graph`
holds: a record named twice by the ids asked for comes back twice (as Neo4j's
``UNWIND`` gives it); a coding repeated by the same coder, a relationship
repeated with the same span, a person named twice in one quote's ``about``
count once (one edge each in the graph).

Examples
--------
>>> from graphstudy import load_study
>>> ev = Evidence(load_study())
>>> sorted(ev.linked_people("Sue", "service_user")["participant"])
['User14', 'User15']
>>> ev.counts()["HAS_QUOTE"]
42
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import cached_property

import numpy as np
import pandas as pd

from ..model import Study, occasion_id
from ..tables import isin
from .base import LOOKUP_COLUMNS

__all__ = ["Evidence", "about_ids", "canonical", "names_person"]

_INTEGER = frozenset(("wave", "order", "position"))


def canonical(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` as :func:`~graphstudy.engines.base.sort_lookup` lays out look-up ``name``, without its cost at scale.

    Every column of the look-up in order, integers as int64, text as object
    (``""`` for a missing value), rows sorted by every column ascending. Each
    text column is factorised once and the rows ordered by one ``lexsort``
    over the codes; repeated values share one string object (so a million
    rows naming a few thousand people hold a few thousand strings).

    Examples
    --------
    >>> t = canonical("theme_tree", pd.DataFrame({"id": ["b", "a"], "name": ["B", "A"], "parent_id": ["", None],
    ...                                             "position": [1, 0]}))
    >>> t.values.tolist(), list(t.dtypes.astype(str))
    ([['a', 'A', '', 0], ['b', 'B', '', 1]], ['object', 'object', 'object', 'int64'])
    """
    cols = LOOKUP_COLUMNS[name]
    n = len(frame)
    keys: list[np.ndarray] = []
    texts: dict[str, np.ndarray] = {}
    for c in cols:
        if c in _INTEGER:
            keys.append(frame[c].to_numpy(dtype="int64") if c in frame.columns else np.zeros(n, dtype="int64"))
        else:
            s = frame[c] if c in frame.columns else pd.Series([""] * n, dtype=object)
            if s.hasnans:
                s = s.astype(object).where(s.notna(), "")
            codes, uniques = pd.factorize(s, sort=True)
            keys.append(codes)
            texts[c] = np.asarray(uniques, dtype=object)
    order = np.lexsort(keys[::-1]) if n > 1 else np.arange(n)
    out: dict[str, pd.Series] = {}
    for c, key in zip(cols, keys):
        values = key[order] if c not in texts else (texts[c].take(key[order]) if n else np.array([], dtype=object))
        out[c] = pd.Series(values, dtype="int64" if c not in texts else object, copy=False)
    return pd.DataFrame(out, columns=cols)


def about_ids(about: str) -> list[str]:
    """The distinct people a quote's ``about`` names, sorted (each edge of the graph once).

    Examples
    --------
    >>> about_ids("Sue; Ann;Sue"), about_ids(""), about_ids(" Tom ")
    (['Ann', 'Sue'], [], ['Tom'])
    """
    return sorted({x.strip() for x in about.split(";")} - {""})


def _about_lists(about: pd.Series) -> pd.Series:
    """Each quote's ``about`` as the look-ups give it: the people it names, sorted and joined by ``;``."""
    about = about.astype(object)
    listed = about.str.contains(";", regex=False).fillna(False).to_numpy(dtype=bool) | (about != about.str.strip()).to_numpy(dtype=bool)
    if listed.any():
        about = about.copy()
        about[listed] = [";".join(about_ids(str(a))) for a in about[listed]]
    return about


def names_person(about: pd.Series, who: str) -> pd.Series:
    """Which ``about`` values name ``who`` (as one of their ``;``-separated ids).

    Column-wise: only values that hold ``who`` somewhere are split.

    Examples
    --------
    >>> names_person(pd.Series(["Sue", "Sue;Ann", "Susan", ""]), "Sue").tolist()
    [True, True, False, False]
    """
    exact = (about == who).to_numpy(dtype=bool)
    maybe = ~exact & about.str.contains(who, regex=False).to_numpy(dtype=bool) if who else np.zeros(len(about), dtype=bool)
    if maybe.any():
        exact = exact.copy()
        exact[maybe] = [who in about_ids(str(a)) for a in about.to_numpy()[maybe]]
    return pd.Series(exact, index=about.index)


def _repeat(rows: pd.DataFrame, column: str, asked: Sequence[str]) -> pd.DataFrame:
    """``rows`` once for every time its ``column`` value was asked for (an id asked twice answers twice)."""
    times = Counter(asked)
    if not rows.empty and max(times.values(), default=1) > 1:
        rows = rows.loc[rows.index.repeat(rows[column].map(times).fillna(1).astype("int64").to_numpy())]
    return rows


def _first_of_each(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """``frame`` without rows that repeat an earlier one on ``columns`` (checked on integer codes)."""
    if len(frame) < 2:
        return frame
    key = np.zeros(len(frame), dtype="int64")
    room = 1
    for c in columns:
        codes, uniques = pd.factorize(frame[c])
        width = len(uniques) + 1
        if room * width >= 2**62:
            return frame.drop_duplicates(columns)
        key += (codes + 1).astype("int64") * room
        room *= width
    repeated = pd.Series(key).duplicated().to_numpy()
    return frame[~repeated] if repeated.any() else frame


class Evidence:
    """The study's tables, held for the embedded engine's look-ups (see the module's table of costs).

    Parameters
    ----------
    study : Study
        Checked (:func:`graphstudy.load_study`) or built by hand; its tables are
        read, never changed.

    Notes
    -----
    Built in constant time: each table is taken as it is, and what a look-up
    needs beyond it (the interviews with each time point's order, each
    participant's role) is made the first time it is needed, O(n) once.
    """

    def __init__(self, study: Study) -> None:
        self.study = study

    # ---- the tables, as the look-ups name their columns --------------------
    @cached_property
    def interviews(self) -> pd.DataFrame:
        """``participant, interview_id, timepoint, wave, order, date``: every interview."""
        iv = self.study.interviews
        order = self.study.timepoint_order
        tp = iv["timepoint"]
        codes, names = pd.factorize(tp)  # a few time points: look each up once
        of_name = np.array([order.get(str(t), 0) for t in names] + [0], dtype="int64")
        return pd.DataFrame({"participant": iv["participant_id"], "interview_id": iv["id"], "timepoint": tp,
                             "wave": iv["wave"].to_numpy(dtype="int64"), "order": of_name[codes], "date": iv["date"]})

    @cached_property
    def roles(self) -> dict[str, str]:
        """Each participant's role, by id."""
        p = self.study.participants
        return dict(zip(p["id"].tolist(), p["role"].tolist()))

    def _role_of(self, ids: pd.Series) -> np.ndarray:
        roles = self.roles
        if len(ids) < 5000:  # a few people: look each up
            return np.array([roles.get(i, "") for i in ids.tolist()], dtype=object)
        return ids.map(roles).fillna("").to_numpy(dtype=object)

    @cached_property
    def relationships_kept(self) -> pd.DataFrame:
        """The relationships between people, each pair, type and span once (one edge each in the graph)."""
        return _first_of_each(self.study.relationships, ["source_id", "type", "target_id", "start", "end"])

    # ---- the look-ups ----------------------------------------------------------
    def participants(self, ids: list[str] | None = None) -> pd.DataFrame:
        """The participants' attributes (every participant when ``ids`` is None)."""
        p = self.study.participants
        cols = [c for c in LOOKUP_COLUMNS["participants"] if c in p.columns]
        if ids is None:
            return p[cols]
        return _repeat(p.loc[isin(p["id"], ids), cols], "id", ids)

    def relationships(self) -> pd.DataFrame:
        """``source_id, type, target_id, start, end`` of every relationship."""
        return self.relationships_kept[["source_id", "type", "target_id", "start", "end"]]

    def linked_people(self, focal: str, role: str | None = None) -> pd.DataFrame:
        """Everyone with a relationship to or from ``focal`` (of ``role``, when given), one row per relationship."""
        r = self.relationships_kept
        to_focal, from_focal = r[r["target_id"] == focal], r[r["source_id"] == focal]
        people = pd.concat([to_focal["source_id"], from_focal["target_id"]], ignore_index=True)
        rows = pd.DataFrame({"participant": people, "role": self._role_of(people),
                             "relationship": pd.concat([to_focal["type"], from_focal["type"]], ignore_index=True),
                             "start": pd.concat([to_focal["start"], from_focal["start"]], ignore_index=True),
                             "end": pd.concat([to_focal["end"], from_focal["end"]], ignore_index=True)})
        people_known = isin(people, list(self.roles))
        return rows[people_known & (rows["role"] == role)] if role is not None else rows[people_known]

    def interviews_of(self, participants: list[str]) -> pd.DataFrame:
        """Each interview the given participants gave."""
        iv = self.interviews
        rows = iv.loc[isin(iv["participant"], participants), ["participant", "interview_id", "timepoint", "wave", "order"]]
        return _repeat(rows, "participant", participants)

    def _quotes_of(self, interviews: pd.DataFrame, about: str | None) -> pd.DataFrame:
        q = self.study.quotes
        said = q.loc[isin(q["interview_id"], interviews["interview_id"]), ["id", "interview_id", "stance", "about"]]
        return said[names_person(said["about"], about)] if about is not None else said

    def _codings_of_quotes(self, quote_ids: pd.Series) -> pd.DataFrame:
        c = self.study.codings
        return _first_of_each(c.loc[isin(c["quote_id"], quote_ids), ["quote_id", "theme_id", "coder"]],
                              ["quote_id", "theme_id", "coder"])

    def codings_of(self, participants: list[str], about: str | None = None) -> pd.DataFrame:
        """Their quotes (about ``about`` only, when given), one row per theme and coder each is coded as."""
        iv = self.interviews
        theirs = iv.loc[isin(iv["participant"], participants), ["participant", "interview_id", "timepoint", "wave", "order"]]
        said = self._quotes_of(theirs, about)
        coded = self._codings_of_quotes(said["id"])
        said = said.assign(about=_about_lists(said["about"]))
        rows = (coded.merge(said[["id", "interview_id", "stance", "about"]].rename(columns={"id": "quote_id"}), on="quote_id")
                .merge(theirs, on="interview_id"))
        return _repeat(rows.reset_index(drop=True), "participant", participants)

    def quotes(self, ids: list[str]) -> pd.DataFrame:
        """The given quotes: who said them in which interview, and the people each is about (sorted, ``;``)."""
        q = self.study.quotes
        found = q.loc[isin(q["id"], ids), ["id", "interview_id", "text", "about", "stance", "citation"]]
        iv = self.interviews
        speakers = iv.loc[isin(iv["interview_id"], found["interview_id"]), ["interview_id", "participant"]]
        rows = found.merge(speakers, on="interview_id")
        return _repeat(rows.assign(about=_about_lists(rows["about"])), "id", ids)

    def theme_tree(self) -> pd.DataFrame:
        """``id, name, parent_id, position``: the themes, each with its place in the codebook."""
        th = self.study.themes
        return pd.DataFrame({"id": th["id"], "name": th["name"], "parent_id": th["parent_id"],
                             "position": np.arange(len(th), dtype="int64")})

    def all_interviews(self) -> pd.DataFrame:
        """Every interview, with the participant's role and the interview's date."""
        iv = self.interviews
        return iv.assign(role=self._role_of(iv["participant"]))

    def all_codings(self) -> pd.DataFrame:
        """Every coding (one row per coder), with who said the quote in which interview."""
        c = _first_of_each(self.study.codings[["quote_id", "theme_id", "coder"]], ["quote_id", "theme_id", "coder"])
        q = self.study.quotes[["id", "interview_id"]].rename(columns={"id": "quote_id"})
        iv = self.interviews[["participant", "interview_id", "timepoint", "wave", "order"]]
        rows = c.merge(q, on="quote_id").merge(iv, on="interview_id")
        return rows.assign(role=self._role_of(rows["participant"]))

    def counts(self) -> dict[str, int]:
        """Node and edge counts by kind, as the study graph holds them (kinds with none left out)."""
        s = self.study
        iv = self.interviews
        q = s.quotes
        about = q["about"]
        named = about[about != ""]
        values = named.value_counts()
        about_edges = int(sum(n * len(about_ids(str(a))) for a, n in values.items()))
        occasions = {occasion_id(str(tp), int(w)) for tp, w in iv[["timepoint", "wave"]].drop_duplicates().itertuples(index=False)}
        rel = self.relationships_kept
        codings = _first_of_each(s.codings[["quote_id", "theme_id", "coder"]], ["quote_id", "theme_id", "coder"])
        out: dict[str, int] = {
            "Participant": len(s.participants), "Interview": len(iv), "Occasion": len(occasions), "Quote": len(q),
            "Theme": len(s.themes), "GAVE": len(iv), "AT": len(iv), "HAS_QUOTE": len(q), "ABOUT": about_edges,
            "CODED_AS": len(codings), "SUBTHEME_OF": int((s.themes["parent_id"] != "").sum()),
        }
        for t, n in rel["type"].value_counts().items():
            out[str(t)] = out.get(str(t), 0) + int(n)
        return dict(sorted((k, int(v)) for k, v in out.items() if v))
