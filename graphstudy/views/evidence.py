"""The evidence behind each link of a view, in the form the page filters: one *unit* per quote or interview.

A theme link's units are its quotes: ``[quote id, occasion index, [coder
indexes]]`` (the coders who coded that quote as the theme, or a code under
it); a co-occurrence link's units are its interviews: ``[interview id,
occasion index, [coder indexes], role index]`` (the coders who coded both
themes there, the role of the person interviewed). Indexes point into the
view graph's ``occasions``, ``coders`` and ``roles`` lists, so the page can
filter by time, coder and role without any look-up of its own.

A coding without a coder name counts as the coder ``""`` (shown as "no coder
named").

Examples
--------
>>> import pandas as pd
>>> cod = pd.DataFrame({"participant": ["A", "A", "A"], "quote_id": ["q1", "q1", "q2"], "theme_id": ["x", "x", "y"],
...                     "coder": ["ann", "ben", "ann"], "timepoint": ["T1", "T1", "T2"], "wave": [0, 0, 0],
...                     "order": [1, 1, 2]})
>>> link_units(cod, {"x": "x", "y": "x"}, {"T1": 0, "T2": 1}, {"ann": 0, "ben": 1})
{('A', 'x'): [['q1', 0, [0, 1]], ['q2', 1, [0]]]}
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from ..frames import each
from ..queries import with_occasion
from .look import occasion_table

__all__ = ["coder_names", "index_of", "link_units", "quote_details"]


def coder_names(*codings: pd.DataFrame) -> list[str]:
    """The coders of one or more coding look-ups: the named ones sorted, then ``""`` when some coding names none."""
    names: set[str] = set()
    for cod in codings:
        if "coder" in cod.columns:
            names |= {str(c) for c in cod["coder"].fillna("")}
    return sorted(names - {""}) + ([""] if "" in names else [])


def index_of(items: Iterable[str]) -> dict[str, int]:
    """``{item: position}``."""
    return {x: i for i, x in enumerate(items)}


def link_units(cod: pd.DataFrame, rollup: dict[str, str], occasions: dict[str, int],
               coders: dict[str, int]) -> dict[tuple[str, str], list[list[Any]]]:
    """``{(participant, theme): [[quote id, occasion index, [coder indexes]], ...]}`` in time order.

    ``cod`` is a ``codings_of`` or ``all_codings`` look-up, ``rollup`` maps each
    code to its theme at the view's level.

    Notes
    -----
    One group-by over the codings: O(c log c).
    """
    if cod.empty:
        return {}
    cod = with_occasion(cod).assign(theme=cod["theme_id"].map(rollup), coder=cod["coder"].fillna(""))
    cod = cod[cod["occasion"].isin(list(occasions))]
    cod = cod.sort_values(["participant", "theme", "order", "wave", "quote_id"], kind="stable")
    out: dict[tuple[str, str], list[list[Any]]] = {}
    last: list[Any] | None = None
    last_key: tuple[str, str] | None = None
    for pid, theme, qid, occ, coder in each(cod, "participant", "theme", "quote_id", "occasion", "coder"):
        key = (str(pid), str(theme))
        c = coders[str(coder)]
        if last is not None and key == last_key and last[0] == str(qid):
            if c not in last[2]:
                last[2].append(c)
                last[2].sort()
            continue
        last, last_key = [str(qid), occasions[str(occ)], [c]], key
        out.setdefault(key, []).append(last)
    return out


def quote_details(said: pd.DataFrame | None, cod: pd.DataFrame, info: Any) -> dict[str, dict[str, str]]:
    """``{quote id: {speaker, occasion, occasion_label, stance, citation, about}}`` for the side panel.

    ``said`` is a ``quotes`` look-up (None: not asked, so only what the codings
    say: speaker and occasion), ``cod`` the codings that carry those quotes
    (for each quote's occasion), ``info`` the study's :class:`~graphstudy.model.StudyInfo`.
    """
    if cod.empty:
        return {}
    occ = with_occasion(cod.drop_duplicates("quote_id"))
    labels = {o: d["label"] for o, d in occasion_table(info, occ).items()}
    when = dict(each(occ, "quote_id", "occasion"))
    if said is None:
        said = pd.DataFrame({"id": occ["quote_id"], "participant": occ["participant"], "stance": "", "citation": "",
                             "about": ""})
    out = {}
    cols = [said[c].fillna("").astype(str) for c in ("id", "participant", "stance", "citation", "about")]
    for qid, speaker, stance, citation, about in zip(*cols):
        o = when.get(qid, "")
        out[qid] = {"speaker": speaker, "occasion": o, "occasion_label": labels.get(o, o), "stance": stance,
                    "citation": citation, "about": about}
    return out
