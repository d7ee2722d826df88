"""Checking raw tables and building a :class:`~graphstudy.model.Study` from them.

Every problem is found, not only the first, and each root cause gives one line:
duplicate and unknown ids, roles the study does not declare (with its own
labels and "did you mean"), unknown time points and relationship types,
relationships whose roles their type does not join or whose span is wrong,
cycles in the theme tree, codings to unknown themes, empty quote text, bad
waves, dates and stances. A row is checked against the rows it names only when
they could be read: a missing column, a missing file or a rejected declaration
is reported once, not again at every row that depends on it. More than
:data:`~graphstudy.findings.FOLD_AFTER` problems of one kind in one column are
folded into one line. Checks are column-wise (pandas), so a study of a million
quotes is checked in seconds.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .checks import advise, check_relationships, derive_from_citations
from .declarations import Declared, read_declarations
from .errors import Problem, StudyInvalid
from .findings import Findings, Note, did_you_mean, show
from .frames import each
from .model import STANCES, Study, TimePoint
from .tables import RawStudy, isin, listed, positions

__all__ = ["build_study", "check_study", "raise_if_invalid"]

_ISO = r"\d{4}-\d{2}-\d{2}"
_ISO_TIME = re.compile(rf"^{_ISO}(?:[ T]\d{{2}}:\d{{2}}(?::\d{{2}})?)?$")
_SLASHED = re.compile(r"^\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}$")


def _reference(f: Findings, raw: RawStudy, kind: str, col: str, target: str, known: pd.Series, mask=None,
               what: str = "", found: pd.Series | None = None) -> pd.Series:
    """Report rows of ``kind`` whose ``col`` names no row of ``target``; return the rows that do (or were not checked).

    ``found``: which rows name one of ``known``, when the caller has worked it out already.
    """
    t = raw.tables[kind]
    ok = pd.Series(True, index=t.index)
    if not len(t) or not raw.usable(kind, col):
        return ok
    tfile = raw.files[target]
    if not raw.checkable(target):
        return ok  # the root cause (the file, or its id column) is reported already
    if raw.lacking(target):
        f.add(raw.files[kind], None, col, f"names {target} in column {col}, but there is no {tfile}")
        return ok
    bad = ~(isin(t[col], known) if found is None else found)
    if mask is not None:
        bad &= mask
    f.rows(raw.files[kind], t[bad], col, lambda r: f"unknown {what or target[:-1]} {show(r[col])} (not in {tfile})"
           + did_you_mean(r[col], known))
    return ~bad


def _ids(f: Findings, raw: RawStudy, kind: str) -> pd.Series:
    t = raw.tables[kind]
    if not raw.usable(kind, "id"):
        return listed(t["id"])
    values = t["id"].unique()
    if len(values) == len(t):  # one pass finds that no id repeats (the usual case): nothing more to look for
        f.rows(raw.files[kind], t[t["id"] == ""], "id", lambda r: "empty id; every row needs an id")
        return pd.Series(values[values != ""], dtype=str)
    dup = t["id"].duplicated(keep="first") & (t["id"] != "")
    if dup.any():
        firsts = t.drop_duplicates("id").set_index("id")["_row"]
        f.rows(raw.files[kind], t[dup], "id", lambda r: f"duplicate id {show(r['id'])} (first used in row {firsts[r['id']]})")
    f.rows(raw.files[kind], t[t["id"] == ""], "id", lambda r: "empty id; every row needs an id")
    return listed(t["id"])


def _roles_text(d: Declared) -> str:
    return ", ".join(f"{r.id} ({r.label})" if r.label and r.label != r.id else r.id for r in d.roles)


def _participants(f: Findings, raw: RawStudy, d: Declared) -> dict[str, str]:
    """Check roles; return ``{participant id: role}`` for rows whose role is declared."""
    p = raw.tables["participants"]
    _ids(f, raw, "participants")
    fname = raw.files["participants"]
    semi = p["id"].str.contains(";", regex=False)
    f.rows(fname, p[semi], "id", lambda r: f"participant id {show(r['id'])} holds ';', which separates the people a quote is about")
    ids = [r.id for r in d.roles]
    ok = isin(p["role"], ids)
    checkable = raw.usable("participants", "role") and "roles" not in d.unusable and not raw.meta_broken
    if checkable:
        sheet = raw.meta_files.get("roles", "study.toml")
        where = (f"the roles {sheet} declares" if d.roles_declared else
                 "the default roles; declare the study's own with [[roles]] in study.toml or a 'roles' sheet")
        labels = {r.label: r.id for r in d.roles if r.label}
        bad = ~ok & ~isin(p["role"], d.rejected["roles"])
        f.rows(fname, p[bad], "role", lambda r: (f"empty role; expected one of {_roles_text(d)}" if not r["role"] else
               f"unknown role {show(r['role'])}; expected one of {_roles_text(d)} ({where})" + did_you_mean(r["role"], ids, labels)))
    return dict(zip(p.loc[ok, "id"].tolist(), p.loc[ok, "role"].tolist()))  # lists: no Python call per Arrow value


def _dates(f: Findings, raw: RawStudy, d: Declared) -> None:
    iv = raw.tables["interviews"]
    if not len(iv) or not raw.usable("interviews", "date"):
        return
    dates = iv["date"]
    given = dates != ""
    if not given.any():
        return
    iso = dates.str.match(_ISO_TIME) & given
    real = pd.to_datetime(dates.where(iso, "").str.slice(0, 10), format="%Y-%m-%d", errors="coerce").notna()
    out = dates.where(~(iso & dates.str.endswith(" 00:00:00")), dates.str.slice(0, 10))
    rest = given & ~(iso & real)
    if d.date_format and rest.any():
        parsed = pd.to_datetime(dates.where(rest, ""), format=d.date_format, errors="coerce")
        good = rest & parsed.notna()
        out = out.where(~good, parsed.dt.strftime("%Y-%m-%d"))
        rest &= ~good
    iv["date"] = out.astype(str)
    sheet = raw.meta_files.get("study", "study.toml")
    how = (f"add a row date_format | %d/%m/%Y to {sheet}" if sheet.endswith("]") else 'add date_format = "%d/%m/%Y" to study.toml')

    swap = ""
    if d.date_format and rest.any() and "%d" in d.date_format and "%m" in d.date_format:
        other = d.date_format.replace("%d", "\0").replace("%m", "%d").replace("\0", "%m")
        if pd.to_datetime(dates[given & ~(iso & real)], format=other, errors="coerce").notna().all():
            swap = f"; every date that is not YYYY-MM-DD reads as {show(other)}: is that the study's date_format?"

    def message(r: dict) -> str:
        got = show(r["date"])
        if d.date_format:
            return f"expected a date as date_format {show(d.date_format)} says, or YYYY-MM-DD, or blank; got {got}{swap}"
        if _SLASHED.match(r["date"]):
            return (f"expected a date as YYYY-MM-DD or blank; got {got}. graphstudy does not guess whether it is day-first "
                    f"or month-first: {how} (day first) or %m/%d/%Y (month first)")
        return f"expected a date as YYYY-MM-DD or blank; got {got} (for other date formats {how}, in Python's codes)"

    f.rows(raw.files["interviews"], iv[rest], "date", message)


def _interviews(f: Findings, raw: RawStudy, d: Declared, tp_ids: list[str]) -> None:
    iv = raw.tables["interviews"]
    fname = raw.files["interviews"]
    _ids(f, raw, "interviews")
    people = listed(raw.tables["participants"]["id"])
    _reference(f, raw, "interviews", "participant_id", "participants", people)
    if raw.usable("interviews", "timepoint") and "timepoints" not in d.unusable and not raw.meta_broken:
        bad = ~isin(iv["timepoint"], tp_ids) & ~isin(iv["timepoint"], d.rejected["timepoints"])
        f.rows(fname, iv[bad], "timepoint", lambda r: f"unknown time point {show(r['timepoint'])}; expected one of "
               f"{', '.join(tp_ids)}" + did_you_mean(r["timepoint"], tp_ids))
    wave_ok = iv["wave"].str.fullmatch(r"\d+(\.0)?") | (iv["wave"] == "")
    f.rows(fname, iv[~wave_ok], "wave", lambda r: f"expected a whole number >= 0 or blank; got {show(r['wave'])}")
    _dates(f, raw, d)
    occ = iv.assign(w=iv["wave"].where(wave_ok, "").str.replace(".0", "", regex=False).replace("0", ""))
    dup = occ.duplicated(["participant_id", "timepoint", "w"], keep="first") & isin(iv["participant_id"], people) & (iv["id"] != "")
    f.rows(fname, iv[dup], "wave", lambda r: f"participant '{r['participant_id']}' already has an interview at {r['timepoint']} "
           f"wave '{r['wave'] or 0}'; give each interview its own wave")


def _themes(f: Findings, raw: RawStudy) -> pd.Series:
    th = raw.tables["themes"]
    ids = _ids(f, raw, "themes")
    fname = raw.files["themes"]
    f.rows(fname, th[(th["parent_id"] != "") & ~isin(th["parent_id"], ids)], "parent_id",
           lambda r: f"unknown parent theme {show(r['parent_id'])}" + did_you_mean(r["parent_id"], ids))
    if raw.usable("themes", "name"):
        f.rows(fname, th[th["name"] == ""], "name", lambda r: "empty theme name; every theme needs a name")
    parent = dict(each(th, "id", "parent_id"))
    rows = dict(each(th, "id", "_row"))
    reported: set[str] = set()
    for start in parent:
        seen: dict[str, None] = {}
        node = start
        while node and node in parent and node not in seen:
            seen[node] = None
            node = parent[node]
        if node and node in seen:
            path = list(seen)
            cycle = path[path.index(node):]
            if not reported.intersection(cycle):
                reported.update(cycle)
                first = min(cycle, key=lambda n: rows[n])
                i = cycle.index(first)
                f.add(fname, int(rows[first]), "parent_id", f"the theme tree has a cycle: {' -> '.join(cycle[i:] + cycle[:i] + [first])}")
    return ids


def _quote_positions(raw: RawStudy) -> tuple[pd.Series, np.ndarray] | None:
    """When every quote has an id of its own: the quote ids, and where each coding's ``quote_id`` is among them
    (-1: nowhere), from one Arrow pass over both columns; None otherwise (the rows are then checked one way each).

    Dictionary-encoding the quote ids followed by the codings' gives the ``n`` quote ids the codes ``0 .. n-1``
    exactly when no id repeats, and each coding the code of its quote.
    """
    q, c = raw.tables["quotes"], raw.tables["codings"]
    if not len(q) or not raw.usable("quotes", "id") or not raw.checkable("quotes") or not raw.usable("codings", "quote_id"):
        return None
    ids, named = (pa.array(col.astype(str)).cast(pa.large_string()) for col in (q["id"], c["quote_id"]))
    chunks = [ids, named]
    for i, a in enumerate(chunks):
        if isinstance(a, pa.ChunkedArray):
            chunks[i] = a.combine_chunks()
    codes = np.asarray(pc.dictionary_encode(pa.concat_arrays(chunks)).indices, dtype=np.int64)
    n = len(q)
    if not np.array_equal(codes[:n], np.arange(n)) or bool((q["id"] == "").any()):
        return None
    at = codes[n:]
    return q["id"].reset_index(drop=True), np.where(at < n, at, -1)


def _quotes(f: Findings, raw: RawStudy, failed_citations: pd.Series, known: pd.Series | None = None) -> pd.Series:
    """Check the quotes; return their ids (``known``: already found to be given once each, none empty)."""
    q = raw.tables["quotes"]
    fname = raw.files["quotes"]
    ids = _ids(f, raw, "quotes") if known is None else known
    interviews = listed(raw.tables["interviews"]["id"])
    if raw.usable("quotes", "interview_id") or raw.usable("quotes", "citation"):
        empty = (q["interview_id"] == "") & ~failed_citations
        f.rows(fname, q[empty], "interview_id", lambda r: "empty interview_id and no citation code to build it from")
        _reference(f, raw, "quotes", "interview_id", "interviews", interviews, mask=q["interview_id"] != "")
    if raw.usable("quotes", "text"):
        text = pa.array(q["text"].astype(str))  # Arrow: no Python loop over the texts, and no trimmed copy of them
        blank = pd.Series(pc.or_(pc.equal(pc.binary_length(text), 0), pc.utf8_is_space(text)).to_numpy(zero_copy_only=False),
                          index=q.index)
        f.rows(fname, q[blank], "text", lambda r: "empty quote text; a quote holds the passage it quotes")
    f.rows(fname, q[~(isin(q["stance"], STANCES) | (q["stance"] == ""))], "stance",
           lambda r: f"expected one of {', '.join(STANCES)} or blank; got {show(r['stance'])}" + did_you_mean(r["stance"], STANCES))
    given = q["about"] != ""
    if given.any() and raw.checkable("participants") and not raw.lacking("participants"):
        values = pd.Series(q.loc[given, "about"].unique(), dtype=str)  # a study has few distinct 'about' lists
        one = values.str.split(";").explode().astype(str).str.strip()
        people = listed(raw.tables["participants"]["id"])
        unknown = one[(one != "") & ~isin(one, people)]
        if len(unknown):
            lists = pd.DataFrame({"about": values[unknown.index].to_numpy(), "one": unknown.to_numpy()})
            bad = q.loc[given, ["_row", "about"]].merge(lists, on="about").sort_values("_row", kind="stable")
            f.rows(fname, bad, "about", lambda r: f"unknown participant {show(r['one'])} (not in {raw.files['participants']}); "
                   "'about' lists the participants the quote concerns, separated by ';'" + did_you_mean(r["one"], people))
    elif given.any():
        _reference(f, raw, "quotes", "about", "participants", pd.Series([], dtype=str))
    return ids


def _repeated_codings(c: pd.DataFrame, quote_at: np.ndarray, theme_at: np.ndarray) -> pd.Series:
    """``c.duplicated(["quote_id", "theme_id", "coder"])``, on the quote's and theme's positions when every one is known."""
    n = len(c)
    if n > 1 and (quote_at >= 0).all() and (theme_at >= 0).all():
        coder_at, coders = pd.factorize(c["coder"])
        themes, kinds = int(theme_at.max()) + 1, max(len(coders), 1)
        if (int(quote_at.max()) + 1) * themes * kinds < 2**62:
            key = (quote_at * themes + theme_at) * kinds + coder_at
            return pd.Series(pd.Series(key).duplicated(keep="first").to_numpy(), index=c.index)
    return c.duplicated(["quote_id", "theme_id", "coder"], keep="first")


def _codings(f: Findings, raw: RawStudy, quote_ids: pd.Series, theme_ids: pd.Series,
             quote_at: np.ndarray | None = None) -> pd.Series:
    """Check the codings; return which rows repeat an earlier one (by the same coder), for :func:`build_study` to drop.

    ``quote_at``: where each coding's quote is among ``quote_ids`` (-1: nowhere), when already found.
    """
    c = raw.tables["codings"]
    if quote_at is None:
        quote_at = positions(c["quote_id"], quote_ids)
    theme_at = positions(c["theme_id"], theme_ids)
    _reference(f, raw, "codings", "quote_id", "quotes", quote_ids, found=pd.Series(quote_at >= 0, index=c.index))
    _reference(f, raw, "codings", "theme_id", "themes", theme_ids, found=pd.Series(theme_at >= 0, index=c.index))
    repeats = _repeated_codings(c, quote_at, theme_at)
    f.rows(raw.files["codings"], c[repeats], "theme_id",
           lambda r: f"quote '{r['quote_id']}' is coded as '{r['theme_id']}' twice by the same coder; the repeat is dropped",
           "warning")
    return repeats


def check_study(raw: RawStudy, strict: bool = False, advice: bool = True) -> tuple[Study | None, list[Problem]]:
    """Check a raw study; build the :class:`Study` when nothing is an error.

    Parameters
    ----------
    raw : RawStudy
        From any reader (:func:`~graphstudy.tables.read_folder`,
        :func:`~graphstudy.workbook.read_workbook`, a store, a REFI-QDA project).
    strict : bool
        Warnings count as errors (``validate --strict``).
    advice : bool
        Look for what is doubtful but not wrong (:mod:`graphstudy.checks.advice`);
        always done when ``strict``.

    Returns
    -------
    (Study or None, list of Problem)
        The study is None when any problem is an error.

    Notes
    -----
    O(n) in the number of rows, column-wise; at most
    :data:`~graphstudy.findings.FOLD_AFTER` problems of one kind are listed
    one by one.
    """
    f = Findings(raw.problems)
    for label, n in raw.blank_rows.items():
        f.problems.append(Note(label, None, None, f"{n} fully blank row(s) skipped", "note", n))
    d = read_declarations(raw.meta, f, raw.meta_files, raw.fallback_name)
    failed = derive_from_citations(raw, d, f)
    timepoints = d.timepoints
    if not timepoints:
        names = sorted(set(raw.tables["interviews"]["timepoint"]) - {""}, key=lambda s: (len(s), s))
        timepoints = [TimePoint(i, n) for i, n in enumerate(names, start=1)]
    tp_ids = [tp.id for tp in timepoints]
    roles_of = _participants(f, raw, d)
    _interviews(f, raw, d, tp_ids)
    theme_ids = _themes(f, raw)
    shared = _quote_positions(raw)
    quote_ids = _quotes(f, raw, failed, None if shared is None else shared[0])
    repeats = _codings(f, raw, quote_ids, theme_ids, None if shared is None else shared[1])
    check_relationships(raw, d, timepoints, roles_of, f)
    if (advice or strict) and not f.has_errors:
        advise(raw, f)
    problems = f.problems
    if strict:
        problems = [Problem(p.file, p.row, p.column, f"{p.message} (an error under --strict)", "error")
                    if p.severity == "warning" else p for p in problems]
    if any(p.severity == "error" for p in problems):
        return None, problems
    return build_study(raw, d, timepoints, repeated_codings=repeats), problems


def build_study(raw: RawStudy, declared: Declared, timepoints: list[TimePoint],
                repeated_codings: pd.Series | None = None) -> Study:
    """Turn checked raw tables into a :class:`Study` (no checks here).

    ``repeated_codings`` marks the codings that repeat an earlier one (by the
    same coder), when the check has found them already; they are dropped.
    """
    t = {k: v.drop(columns="_row").reset_index(drop=True) for k, v in raw.tables.items()}
    iv = t["interviews"]
    iv["wave"] = pd.to_numeric(iv["wave"].replace("", "0")).astype("int64")
    c = t["codings"]
    if repeated_codings is None:
        repeated_codings = c.duplicated(["quote_id", "theme_id", "coder"], keep="first")
    repeats = repeated_codings.to_numpy(dtype=bool)
    if repeats.any():
        t["codings"] = c[~repeats].reset_index(drop=True)
    t["relationships"] = t["relationships"].drop_duplicates(["source_id", "type", "target_id", "start", "end"]).reset_index(drop=True)
    about = t["quotes"]["about"]
    messy = about.str.contains(";", regex=False).to_numpy(dtype=bool, copy=True)
    if messy.any():  # only lists can be messy: look at those alone
        listed_about = about[messy]
        messy[messy] = (listed_about.str.contains(" ", regex=False) | listed_about.str.contains(";;", regex=False)
                        | listed_about.str.startswith(";") | listed_about.str.endswith(";")).to_numpy(dtype=bool)
    if messy.any():
        t["quotes"].loc[messy, "about"] = about[messy].map(lambda s: ";".join(x.strip() for x in s.split(";") if x.strip()))
    return Study(
        name=declared.name,
        description=declared.description,
        source=declared.source,
        timepoints=tuple(sorted(timepoints)),
        relationship_types=declared.relationship_types,
        roles=declared.roles,
        design=dict(declared.design),
        memos=tuple(declared.memos),
        **t,
    )


def raise_if_invalid(study: Study | None, problems: list[Problem]) -> Study:
    """Return the study, or raise :class:`StudyInvalid` listing every problem."""
    if study is None:
        raise StudyInvalid(problems)
    return study
