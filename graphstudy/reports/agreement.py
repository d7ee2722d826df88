"""Coder agreement: did the coders apply each theme to the same quotes (or interviews)?

For every theme, each coder gives each unit a yes/no rating: *did I apply this
theme to it?* From those ratings:

- ``percent_agreement``: the share of units on which every coder who rated it
  gave the same answer;
- ``kappa``: Cohen's kappa, when exactly two coders are compared
  (:func:`pairwise_agreement` gives it for every pair of three or more);
- ``alpha``: Krippendorff's alpha (nominal), for two coders or more, with
  missing ratings allowed.

The unit
--------
``unit="quote"`` (the default): a unit is a quote, and a coder applied a theme
to it when they coded that quote as the theme (or, with ``level="theme"``, as
any of its sub-themes). ``unit="interview"``: a unit is an interview, and a
coder applied a theme to it when they coded any of its quotes as the theme.

Which units, and who rated them
-------------------------------
- The units are the quotes (interviews) that at least one of the compared
  coders coded. A quote no coder coded is left out: it would only add
  agreement on "absent" and inflate every figure.
- A coder is taken to have read every quote of each interview in which they
  coded at least one quote, so not applying a theme to one of those quotes
  is a "no". A quote in an interview the coder coded nothing in was never
  seen by them: their rating is *missing*, not "no". Such a unit is left out
  of percent agreement and kappa for that coder (and pair) and enters alpha
  with the coder's value missing. A unit rated by fewer than two coders
  counts nowhere.
- Codings with a blank coder are not attributed to anyone and are ignored.
- Themes are those some compared coder applied at least once; a figure is
  empty (NaN) when it is undefined: no unit rated by two coders, or (kappa,
  alpha) a theme every coder applied to every unit or to none.

When coders segment the text themselves (as in NVivo or ATLAS.ti), their
quotes seldom coincide, and quote-level agreement mixes segmenting with
coding; ``unit="interview"`` then asks only whether they saw the theme in the
same interviews.

Examples
--------
>>> from graphstudy.reports.agreement import UNITS
>>> UNITS
('quote', 'interview')
"""

from __future__ import annotations

from itertools import combinations

import pandas as pd

from ..engines.base import Backend
from ..errors import GraphStudyError
from ..model import Study
from ..queries import Codebook, as_backend, theme_levels

__all__ = ["AGREEMENT_COLUMNS", "PAIR_COLUMNS", "UNITS", "agreement", "coder_ratings", "pairwise_agreement"]

UNITS = ("quote", "interview")
"""The units agreement is measured on."""

AGREEMENT_COLUMNS = ["theme", "theme_name", "unit", "coders", "units", "applied",
                     "percent_agreement", "kappa", "alpha"]
PAIR_COLUMNS = ["theme", "theme_name", "unit", "coder_a", "coder_b", "units", "both", "only_a", "only_b",
                "percent_agreement", "kappa"]

_NAN = float("nan")


def coder_ratings(source: Study | Backend, unit: str = "quote", level: str = "subtheme",
                  coders: list[str] | None = None) -> pd.DataFrame:
    """Every coder's yes/no rating of every unit for every theme: the data agreement is computed on.

    Parameters
    ----------
    source : Study or Backend
    unit : {"quote", "interview"}
    level : {"subtheme", "theme"}
        ``theme`` rolls each code up to its top-level theme.
    coders : list of str, optional
        Compare only these coders (default: every named coder).

    Returns
    -------
    pandas.DataFrame
        Columns ``theme, unit_id, coder, applied`` (``applied`` 1 or 0); one
        row per theme, unit and coder who saw the unit (see the module's
        rules), ordered by theme (codebook order), unit and coder. A coder who never saw a
        unit has no row for it.

    Raises
    ------
    GraphStudyError
        When fewer than two named coders are compared, a coder is unknown,
        or ``unit`` or ``level`` is not one of the choices.

    Examples
    --------
    >>> from graphstudy import load_study
    >>> coder_ratings(load_study())
    Traceback (most recent call last):
    ...
    graphstudy.errors.GraphStudyError: coder agreement needs codings by at least two named coders; study 'Peer support workers in Hong Kong: a one-year longitudinal qualitative study' has none (the codings' coder column is blank)

    Notes
    -----
    O(u x c x t) rows for u units, c coders and t themes.
    """
    seen, applied, book = _prepare(as_backend(source), unit, level, coders)
    themes = book.ordered(applied["theme"])
    grid = pd.concat([seen.assign(theme=t) for t in themes], ignore_index=True) if themes else \
        pd.DataFrame(columns=["unit_id", "coder", "theme"])
    grid = grid.merge(applied.assign(applied=1), on=["unit_id", "coder", "theme"], how="left")
    grid["applied"] = grid["applied"].fillna(0).astype("int64")
    grid = grid.assign(_t=grid["theme"].map({t: i for i, t in enumerate(themes)}))
    grid = grid.sort_values(["_t", "unit_id", "coder"])
    return grid[["theme", "unit_id", "coder", "applied"]].reset_index(drop=True)


def agreement(source: Study | Backend, unit: str = "quote", level: str = "subtheme",
              coders: list[str] | None = None) -> pd.DataFrame:
    """Per theme, how far the coders agree on applying it: percent agreement, Cohen's kappa, Krippendorff's alpha.

    Parameters
    ----------
    source : Study or Backend
    unit : {"quote", "interview"}
        What a rating is about (see the module's notes): did the coder apply
        the theme to this quote, or anywhere in this interview?
    level : {"subtheme", "theme"}
        ``subtheme`` compares codes as coded; ``theme`` rolls them up first.
    coders : list of str, optional
        Compare only these coders (default: every named coder).

    Returns
    -------
    pandas.DataFrame
        Columns ``theme, theme_name, unit, coders, units, applied,
        percent_agreement, kappa, alpha``: ``coders`` the number compared,
        ``units`` the units rated by at least two of them, ``applied`` those
        of them at least one coder applied the theme to. ``kappa`` is Cohen's
        kappa when exactly two coders are compared, NaN otherwise. Rows
        follow the codebook. Figures are rounded to 4 decimals.

    Raises
    ------
    GraphStudyError
        As :func:`coder_ratings`.

    Examples
    --------
    >>> import pandas as pd
    >>> from graphstudy import load_study
    >>> study = load_study()
    >>> two = study.codings.assign(coder="ST")                    # a second coder who
    >>> other = two.assign(coder="IL")                             # agrees, but for one quote
    >>> other.loc[other["quote_id"] == "q004", "theme_id"] = "asset"
    >>> coded_twice = study.replace(codings=pd.concat([two, other], ignore_index=True))
    >>> t = agreement(coded_twice)
    >>> t.loc[t["theme"] == "asset", ["units", "applied", "percent_agreement"]].to_dict("records")
    [{'units': 42, 'applied': 2, 'percent_agreement': 0.9761904761904762}]

    Notes
    -----
    O(r + u x c) for r codings, u units and c coders, plus O(t x u) for t themes.
    """
    seen, applied, book = _prepare(as_backend(source), unit, level, coders)
    compared = sorted(seen["coder"].unique())
    raters = seen.groupby("unit_id").size()
    pairable = raters[raters >= 2]
    n = int(pairable.sum())
    ap = applied[applied["unit_id"].isin(pairable.index)]
    yes = ap.groupby(["theme", "unit_id"]).size().rename("a").reset_index()
    yes["m"] = yes["unit_id"].map(pairable)
    pairs = _pairs(seen, applied, book, unit) if len(compared) == 2 else None
    rows = []
    for theme in book.ordered(applied["theme"]):
        y = yes[yes["theme"] == theme]
        n_units = len(pairable)
        disagree = int(((y["a"] > 0) & (y["a"] < y["m"])).sum())
        n1 = int(y["a"].sum())
        n0 = n - n1
        d = float((y["a"] * (y["m"] - y["a"]) / (y["m"] - 1)).sum())
        alpha = 1 - (n - 1) * d / (n0 * n1) if n0 > 0 and n1 > 0 else _NAN
        kappa = _NAN
        if pairs is not None:
            kappa = float(pairs.loc[pairs["theme"] == theme, "kappa"].iloc[0])
        rows.append({
            "theme": theme, "theme_name": book.name(theme), "unit": unit, "coders": len(compared),
            "units": n_units, "applied": int((y["a"] > 0).sum()),
            "percent_agreement": 1 - disagree / n_units if n_units else _NAN,
            "kappa": kappa, "alpha": alpha,
        })
    return pd.DataFrame(rows, columns=AGREEMENT_COLUMNS)


def pairwise_agreement(source: Study | Backend, unit: str = "quote", level: str = "subtheme",
                       coders: list[str] | None = None) -> pd.DataFrame:
    """Per theme and pair of coders: percent agreement and Cohen's kappa on the units both saw.

    Parameters
    ----------
    source, unit, level, coders
        As :func:`agreement`.

    Returns
    -------
    pandas.DataFrame
        Columns ``theme, theme_name, unit, coder_a, coder_b, units, both,
        only_a, only_b, percent_agreement, kappa``: ``units`` the units both
        coders saw; ``both``, ``only_a``, ``only_b`` those of them the theme
        was applied to by both, by ``coder_a`` only, by ``coder_b`` only.
        Rows follow the codebook, then the pair (coder names sorted).

    Examples
    --------
    >>> import pandas as pd
    >>> from graphstudy import load_study
    >>> study = load_study()
    >>> three = study.replace(codings=pd.concat([study.codings.assign(coder=c) for c in ("A", "B", "C")], ignore_index=True))
    >>> p = pairwise_agreement(three, level="theme")
    >>> sorted(set(zip(p["coder_a"], p["coder_b"]))), set(p["kappa"])
    ([('A', 'B'), ('A', 'C'), ('B', 'C')], {1.0})

    Notes
    -----
    O(p x t x u) for p pairs of coders, t themes and u units.
    """
    return _pairs(*_prepare(as_backend(source), unit, level, coders), unit)


def _pairs(seen: pd.DataFrame, applied: pd.DataFrame, book: Codebook, unit: str) -> pd.DataFrame:
    saw: dict[str, set[str]] = {str(c): set(u) for c, u in seen.groupby("coder")["unit_id"].agg(set).items()}
    did = applied.groupby(["coder", "theme"])["unit_id"].agg(set).to_dict()
    rows = []
    for theme in book.ordered(applied["theme"]):
        for a, b in combinations(sorted(saw), 2):
            common = saw[a] & saw[b]
            ya, yb = did.get((a, theme), set()) & common, did.get((b, theme), set()) & common
            u, both = len(common), len(ya & yb)
            only_a, only_b = len(ya) - both, len(yb) - both
            rows.append({"theme": theme, "theme_name": book.name(theme), "unit": unit,
                         "coder_a": a, "coder_b": b, "units": u, "both": both, "only_a": only_a, "only_b": only_b,
                         "percent_agreement": 1 - (only_a + only_b) / u if u else _NAN,
                         "kappa": _kappa(u, both, only_a, only_b)})
    return pd.DataFrame(rows, columns=PAIR_COLUMNS)


def _kappa(u: int, both: int, only_a: int, only_b: int) -> float:
    """Cohen's kappa of two yes/no raters over ``u`` units (NaN when chance agreement is 1)."""
    if not u:
        return _NAN
    p_obs = (u - only_a - only_b) / u
    pa, pb = (both + only_a) / u, (both + only_b) / u
    p_exp = pa * pb + (1 - pa) * (1 - pb)
    if p_exp >= 1:
        return _NAN
    return (p_obs - p_exp) / (1 - p_exp)


def _prepare(backend: Backend, unit: str, level: str, coders: list[str] | None) -> tuple[pd.DataFrame, pd.DataFrame, Codebook]:
    """``(seen, applied, codebook)``.

    ``seen``: columns ``unit_id, coder``, the units each coder saw; ``applied``:
    columns ``unit_id, coder, theme``, each theme a coder applied to a unit.
    """
    if unit not in UNITS:
        raise GraphStudyError(f"unit must be one of {', '.join(UNITS)}; got '{unit}'")
    book = theme_levels(backend, level)
    cod = backend.all_codings()
    cod = cod[cod["coder"] != ""]
    named = sorted(cod["coder"].unique())
    if coders:
        unknown = [c for c in coders if c not in named]
        if unknown:
            raise GraphStudyError(
                f"no codings by coder {', '.join(repr(c) for c in unknown)} in study '{backend.study_name}'; "
                f"its coders are: {', '.join(named) or 'none'}")
        cod = cod[cod["coder"].isin(coders)]
        named = sorted(set(coders))
    if len(named) < 2:
        has = f"only '{named[0]}'" if named else "none (the codings' coder column is blank)"
        raise GraphStudyError(
            f"coder agreement needs codings by at least two named coders; study '{backend.study_name}' has {has}")
    key = "quote_id" if unit == "quote" else "interview_id"
    units = cod[list(dict.fromkeys([key, "interview_id"]))].drop_duplicates()
    read = cod[["interview_id", "coder"]].drop_duplicates()
    seen = units.merge(read, on="interview_id")[[key, "coder"]].rename(columns={key: "unit_id"})
    seen = seen.drop_duplicates().reset_index(drop=True)
    applied = cod.assign(theme=cod["theme_id"].map(book.rollup))[[key, "coder", "theme"]]
    applied = applied.rename(columns={key: "unit_id"}).drop_duplicates().reset_index(drop=True)
    return seen, applied, book
