"""Thematic saturation: new themes per interview, and Guest, Namey and Chen's measure.

Guest, Namey and Chen (2020), "A simple method to assess and report thematic
saturation in qualitative research", *PLoS ONE* 15(5): e0232076, judge
saturation with three numbers, all configurable here (defaults from the paper):

``base`` (4)
    The first interviews whose distinct themes form the **base**, the
    denominator of the measure.
``run`` (2)
    The number of consecutive interviews in a **run**, within which new
    themes are counted. Runs start after the base and move on one interview at
    a time.
``threshold`` (0.05)
    The **new-information threshold**: saturation is reached at the first run
    whose new themes, as a share of the base's distinct themes, are at most
    this (``<= 5%``; 0 asks for no new theme at all).

A theme is **new** in an interview when no earlier interview (in collection
order) was coded with it. Saturation is reported as the number of interviews
before the first run that meets the threshold, "plus" the run that confirms it
(the paper's "n + run"). When no run meets it, saturation is not reached.

**Collection order** is the order the interviews were held: by interview date
when every interview has one (``YYYY-MM-DD``), otherwise by occasion (time
point order, then wave); ties are broken by interview id. Dates come from the
``date`` column of the ``all_interviews`` look-up when the engine provides
one, or from ``dates=``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ..engines.base import Backend
from ..errors import GraphStudyError
from ..model import Study
from ..queries import as_backend, theme_levels, with_occasion

__all__ = ["Saturation", "collection_order", "saturation"]

CURVE_COLUMNS = ["position", "interview_id", "participant", "role", "occasion", "date", "themes", "new_themes",
                 "new", "cumulative", "in_base", "run", "run_new", "new_share", "meets_threshold"]


@dataclass
class Saturation:
    """The saturation assessment of a study.

    Attributes
    ----------
    curve : pandas.DataFrame
        One row per interview in collection order, columns ``position,
        interview_id, participant, role, occasion, date, themes`` (distinct
        themes coded), ``new_themes`` (how many first appear here), ``new``
        (their ids), ``cumulative`` (distinct themes so far), ``in_base``, and
        for an interview that ends a run: ``run`` (``"5-6"``), ``run_new``,
        ``new_share`` (``run_new / base_themes``) and ``meets_threshold``.
    base, run, threshold : int, int, float
        The parameters used.
    base_themes : int
        Distinct themes in the base.
    reached_at : int or None
        Interviews before the first run that meets the threshold (saturation
        at ``reached_at`` + ``run``), or None when not reached.
    after : list of str
        Themes first seen after the confirming run, in collection order.
    order : str
        ``"date"`` or ``"occasion"``: which collection order was used.
    """

    curve: pd.DataFrame
    base: int
    run: int
    threshold: float
    base_themes: int
    reached_at: int | None
    order: str
    total_themes: int = 0
    after: list = field(default_factory=list)
    """Themes that first appear after the confirming run (a caution for the reader)."""

    def summary(self) -> str:
        """One sentence for a methods section.

        Examples
        --------
        >>> from graphstudy import load_study
        >>> print(saturation(load_study()).summary())  # doctest: +ELLIPSIS
        Saturation (Guest, Namey & Chen 2020; base 4, run 2, new-information threshold <= 5%): ...
        """
        base = f"{self.base_themes} theme{'s' if self.base_themes != 1 else ''} in the base, {self.total_themes} in all"
        head = (f"Saturation (Guest, Namey & Chen 2020; base {self.base}, run {self.run}, "
                f"new-information threshold <= {self.threshold:.0%}): ")
        n = len(self.curve)
        if self.reached_at is None:
            return head + f"not reached in {n} interviews ({base}; collection order by {self.order})."
        text = head + f"reached at {self.reached_at}+{self.run} interviews of {n} ({base}; collection order by {self.order})."
        if self.after:
            text += f" Yet {len(self.after)} new theme{'s' if len(self.after) != 1 else ''} appeared later: {', '.join(self.after)}."
        return text

    def to_dict(self) -> dict:
        """The parameters and result, without the curve."""
        return {"base": self.base, "run": self.run, "threshold": self.threshold, "base_themes": self.base_themes,
                "total_themes": self.total_themes, "reached_at": self.reached_at, "interviews": len(self.curve),
                "order": self.order, "new_after_saturation": list(self.after), "summary": self.summary()}


def _valid_date(value: str) -> bool:
    try:
        pd.Timestamp(value)
    except (ValueError, TypeError):
        return False
    return bool(value)


def collection_order(interviews: pd.DataFrame, dates: dict | None = None) -> tuple[pd.DataFrame, str]:
    """Sort interviews into collection order (see the module's rule).

    Parameters
    ----------
    interviews : pandas.DataFrame
        The ``all_interviews`` look-up (``interview_id, timepoint, wave, order``, optionally ``date``).
    dates : dict, optional
        ``{interview id: "YYYY-MM-DD"}``, overriding any ``date`` column.

    Returns
    -------
    (pandas.DataFrame, str)
        The interviews with ``occasion`` and ``date`` columns, in order, and
        ``"date"`` or ``"occasion"``.

    Examples
    --------
    >>> import pandas as pd
    >>> iv = pd.DataFrame({"interview_id": ["b", "a"], "timepoint": ["T1", "T2"], "wave": [0, 0], "order": [1, 2]})
    >>> list(collection_order(iv)[0]["interview_id"])
    ['b', 'a']
    >>> frame, how = collection_order(iv, dates={"a": "2020-01-01", "b": "2020-02-01"})
    >>> list(frame["interview_id"]), how
    (['a', 'b'], 'date')
    """
    iv = with_occasion(interviews)
    if dates is not None:
        iv["date"] = [str(dates.get(i, "") or "") for i in iv["interview_id"]]
    elif "date" not in iv:
        iv["date"] = ""
    iv["date"] = iv["date"].fillna("").astype(str)
    by_date = len(iv) > 0 and all(_valid_date(d) for d in iv["date"])
    if by_date:
        iv["_d"] = [pd.Timestamp(d) for d in iv["date"]]
        iv = iv.sort_values(["_d", "interview_id"], kind="stable").drop(columns="_d")
    else:
        iv = iv.sort_values(["order", "wave", "interview_id"], kind="stable")
    return iv.reset_index(drop=True), ("date" if by_date else "occasion")


def saturation(source: Study | Backend, base: int = 4, run: int = 2, threshold: float = 0.05,
               level: str = "subtheme", dates: dict | None = None) -> Saturation:
    """New themes per interview in collection order, and where saturation is reached.

    Parameters
    ----------
    source : Study or Backend
    base : int
        Base size: the first interviews whose distinct themes are the denominator.
    run : int
        Run length: interviews per run; runs start after the base and move one interview at a time.
    threshold : float
        New-information threshold, a share between 0 and 1 (0.05 is the paper's ``<= 5%``).
    level : {"subtheme", "theme"}
        Count codes as coded, or rolled up to their top-level theme.
    dates : dict, optional
        ``{interview id: date}`` when the engine's look-up carries no dates.

    Returns
    -------
    Saturation

    Raises
    ------
    GraphStudyError
        When a parameter is out of range, or the study has fewer interviews
        than ``base + run``, or the base has no coded theme.

    Examples
    --------
    >>> from graphstudy import load_study
    >>> s = saturation(load_study())
    >>> s.curve[["position", "interview_id", "new_themes", "cumulative"]].head(3).values.tolist()
    [[1, 'Eliza_T1', 1, 1], [2, 'May_T1', 1, 2], [3, 'Sue_T1', 0, 2]]

    Notes
    -----
    One pass over interviews and codings: O(interviews + codings).
    """
    if int(base) < 1 or int(run) < 1:
        raise GraphStudyError(f"base and run must be at least 1 interview; got base {base}, run {run}")
    if not 0 <= float(threshold) <= 1:
        raise GraphStudyError(f"threshold is a share between 0 and 1 (0.05 for 5%); got {threshold}")
    backend = as_backend(source)
    book = theme_levels(backend, level)
    iv, how = collection_order(backend.all_interviews(), dates)
    if len(iv) < base + run:
        raise GraphStudyError(f"saturation needs at least base + run = {base + run} interviews; "
                              f"study '{backend.study_name}' has {len(iv)}")
    cod = backend.all_codings()
    coded = cod.assign(theme=cod["theme_id"].map(book.rollup)).groupby("interview_id")["theme"].agg(set).to_dict()
    seen: set = set()
    first_at: list[set] = []
    rows = []
    for i, r in enumerate(iv.itertuples(index=False), start=1):
        mine = coded.get(r.interview_id, set())
        new = mine - seen
        seen |= mine
        first_at.append(new)
        rows.append({"position": i, "interview_id": r.interview_id, "participant": r.participant, "role": r.role,
                     "occasion": r.occasion, "date": r.date, "themes": len(mine), "new_themes": len(new),
                     "new": ";".join(book.ordered(new)), "cumulative": len(seen),
                     "in_base": i <= base, "run": "", "run_new": pd.NA, "new_share": pd.NA, "meets_threshold": pd.NA})
    base_themes = len(set().union(*first_at[:base]))
    if base_themes == 0:
        raise GraphStudyError(f"the base (first {base} interviews in collection order) has no coded theme, "
                              "so the share of new information is undefined; choose a larger base")
    reached = None
    for end in range(base + run, len(rows) + 1):
        start = end - run + 1
        k = len(set().union(*first_at[start - 1:end]))
        share = k / base_themes
        meets = share <= threshold
        rows[end - 1].update({"run": f"{start}-{end}", "run_new": k, "new_share": share, "meets_threshold": meets})
        if meets and reached is None:
            reached = start - 1
    curve = pd.DataFrame(rows, columns=CURVE_COLUMNS)
    curve["run_new"] = curve["run_new"].astype("Int64")
    curve["new_share"] = curve["new_share"].astype("Float64")
    curve["meets_threshold"] = curve["meets_threshold"].astype("boolean")
    after = [] if reached is None else [t for new in first_at[reached + run:] for t in book.ordered(new)]
    return Saturation(curve=curve, base=int(base), run=int(run), threshold=float(threshold), base_themes=base_themes,
                      reached_at=reached, order=how, total_themes=len(seen), after=after)
