"""Checking raw tables and building a :class:`~graphstudy.model.Study` from them.

Every problem is found, not only the first: duplicate ids, unknown ids, unknown
roles, relationship types and time points, cycles in the theme tree, quotes
about someone who is not a PSW, codings to unknown themes, empty quote text,
bad waves, dates and stances. Checks are column-wise (pandas), so a study of a
million quotes is checked in seconds.
"""

from __future__ import annotations

import re

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .citation import parse_citation
from .errors import CitationError, Problem, StudyInvalid
from .model import BASE_RELATIONSHIP_TYPES, COLUMNS, ROLES, STANCES, Study, TimePoint
from .tables import RawStudy

__all__ = ["build_study", "check_study"]

MAX_LISTED = 200
"""At most this many problems of one kind are listed one by one; the rest are counted."""

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TYPE = re.compile(r"^[A-Z][A-Z0-9_]*$")


def _isin(series: pd.Series, values) -> pd.Series:
    """``series.isin(values)`` for text columns, computed by Arrow (pandas' own is slow on large sets)."""
    haystack = pa.array([str(v) for v in values], type=pa.string())
    needles = pa.array(series.astype(str), type=pa.string())
    return pd.Series(pc.is_in(needles, value_set=haystack).to_numpy(zero_copy_only=False), index=series.index)


class _Report:
    def __init__(self, raw: RawStudy):
        self.raw = raw
        self.problems: list[Problem] = list(raw.problems)

    def rows(self, kind: str, mask: pd.Series, column: str, message, severity: str = "error") -> None:
        """Add one problem per row of ``kind`` where ``mask`` is true."""
        frame = self.raw.tables[kind][mask]
        if frame.empty:
            return
        fname = self.raw.files[kind]
        for _, row in frame.head(MAX_LISTED).iterrows():
            self.problems.append(Problem(fname, int(row["_row"]), column, message(row), severity))
        if len(frame) > MAX_LISTED:
            self.problems.append(Problem(fname, None, column, f"... and {len(frame) - MAX_LISTED} more rows with the same problem", severity))

    def add(self, *args, **kwargs) -> None:
        self.problems.append(Problem(*args, **kwargs))


def _duplicates(rep: _Report, kind: str, key: str = "id") -> None:
    t = rep.raw.tables[kind]
    dup = t[key].duplicated(keep="first") & (t[key] != "")
    firsts = t.drop_duplicates(key).set_index(key)["_row"]
    rep.rows(kind, dup, key, lambda r: f"duplicate id '{r[key]}' (first used in row {firsts[r[key]]})")
    rep.rows(kind, t[key] == "", key, lambda r: "empty id; every row needs an id")


def _derive_from_citations(rep: _Report) -> None:
    """Quotes that give a citation code but no interview_id: build their participant,
    interview, ``about`` and the relationship the code implies."""
    t = rep.raw.tables
    quotes = t["quotes"]
    need = (quotes["interview_id"] == "") & (quotes["citation"] != "")
    if not need.any():
        return
    parsed: dict[str, object] = {}
    for code in quotes.loc[need, "citation"].unique():
        try:
            parsed[code] = parse_citation(code)
        except CitationError as exc:
            parsed[code] = exc
    fname = rep.raw.files["quotes"]
    known_p = set(t["participants"]["id"])
    known_i = set(t["interviews"]["id"])
    rel_keys = set(zip(t["relationships"]["source_id"], t["relationships"]["target_id"]))
    new_p, new_i, new_r = [], [], []
    for idx in quotes.index[need]:
        row = quotes.loc[idx]
        c = parsed[row["citation"]]
        if isinstance(c, CitationError):
            rep.add(fname, int(row["_row"]), "citation", str(c))
            continue
        for w in c.warnings:
            rep.add(fname, int(row["_row"]), "citation", w, "warning")
        quotes.at[idx, "interview_id"] = c.interview_id
        if row["about"] == "":
            quotes.at[idx, "about"] = ";".join(c.about)
        if c.participant_id not in known_p:
            known_p.add(c.participant_id)
            new_p.append({"id": c.participant_id, "role": c.role, "subrole": c.subrole, "gender": c.gender,
                          "age_band": c.age_band, "note": f"from citation {c.code}"})
        for psw in c.about:
            if psw not in known_p:
                known_p.add(psw)
                new_p.append({"id": psw, "role": "psw", "note": f"named as PSW in citation {c.code}"})
            if c.role != "psw" and (c.participant_id, psw) not in rel_keys:
                rel_keys.add((c.participant_id, psw))
                rtype = {"service_user": "SERVED_BY"}.get(c.role, "MENTORS" if c.subrole == "mentor" else "COLLEAGUE_OF")
                new_r.append({"source_id": c.participant_id, "type": rtype, "target_id": psw, "note": f"from citation {c.code}"})
        if c.interview_id not in known_i:
            known_i.add(c.interview_id)
            new_i.append({"id": c.interview_id, "participant_id": c.participant_id, "timepoint": c.timepoint,
                          "wave": str(c.wave) if c.wave else "", "note": f"from citation {c.code}"})
    for kind, rows in (("participants", new_p), ("interviews", new_i), ("relationships", new_r)):
        if rows:
            extra = pd.DataFrame(rows).reindex(columns=COLUMNS[kind], fill_value="").fillna("")
            extra.insert(0, "_row", 0)
            t[kind] = pd.concat([t[kind], extra], ignore_index=True)


def _theme_cycles(rep: _Report) -> None:
    themes = rep.raw.tables["themes"]
    parent = dict(zip(themes["id"], themes["parent_id"]))
    rows = dict(zip(themes["id"], themes["_row"]))
    reported: set[str] = set()
    for start in parent:
        seen: list[str] = []
        node = start
        while node and node in parent and node not in seen:
            seen.append(node)
            node = parent[node]
        if node and node in seen:
            cycle = seen[seen.index(node):]
            if not reported.intersection(cycle):
                reported.update(cycle)
                first = min(cycle, key=lambda n: rows[n])
                path = " -> ".join(cycle[cycle.index(first):] + cycle[: cycle.index(first)] + [first])
                rep.add(rep.raw.files["themes"], int(rows[first]), "parent_id", f"the theme tree has a cycle: {path}")


def check_study(raw: RawStudy) -> tuple[Study | None, list[Problem]]:
    """Check a raw study; build the :class:`Study` when nothing is an error.

    Parameters
    ----------
    raw : RawStudy
        From :func:`~graphstudy.tables.read_folder` or :func:`~graphstudy.tables.read_workbook`.

    Returns
    -------
    (Study or None, list of Problem)
        The study is None when any problem is an error.

    Notes
    -----
    O(n) in the number of rows, column-wise; at most ``MAX_LISTED`` problems of
    one kind are listed one by one.
    """
    rep = _Report(raw)
    t = raw.tables
    _derive_from_citations(rep)
    meta = raw.meta
    timepoints = meta["timepoints"]
    if not timepoints:
        names = sorted(set(t["interviews"]["timepoint"]) - {""}, key=lambda s: (len(s), s))
        timepoints = [{"id": n, "label": "", "order": i} for i, n in enumerate(names, start=1)]
    tp_ids = [tp["id"] for tp in timepoints]
    if len(set(tp_ids)) != len(tp_ids):
        rep.add("study.toml", None, "timepoints", f"time point ids must be unique, got {tp_ids}")
    extra_types = [str(x).strip() for x in meta.get("relationship_types", []) if str(x).strip()]
    for x in extra_types:
        if not _TYPE.match(x):
            rep.add("study.toml", None, "relationship_types", f"relationship type '{x}' must be UPPER_CASE letters, digits and _")
    rel_types = tuple(dict.fromkeys(list(BASE_RELATIONSHIP_TYPES) + [x for x in extra_types if _TYPE.match(x)]))

    for kind in ("participants", "interviews", "themes", "quotes"):
        _duplicates(rep, kind)

    p = t["participants"]
    rep.rows("participants", ~_isin(p["role"], ROLES), "role",
             lambda r: f"expected one of {', '.join(ROLES)}; got '{r['role']}'")
    roles = dict(zip(p["id"], p["role"]))

    iv = t["interviews"]
    rep.rows("interviews", ~_isin(iv["participant_id"], roles.keys()), "participant_id",
             lambda r: f"unknown participant '{r['participant_id']}' (not in {raw.files['participants']})")
    rep.rows("interviews", ~_isin(iv["timepoint"], tp_ids), "timepoint",
             lambda r: f"unknown time point '{r['timepoint']}'; expected one of {', '.join(tp_ids)}")
    wave_ok = iv["wave"].str.fullmatch(r"\d+(\.0)?") | (iv["wave"] == "")
    rep.rows("interviews", ~wave_ok, "wave", lambda r: f"expected a whole number >= 0 or blank; got '{r['wave']}'")
    date_ok = iv["date"].str.match(_DATE) | (iv["date"] == "")
    rep.rows("interviews", ~date_ok, "date", lambda r: f"expected a date as YYYY-MM-DD or blank; got '{r['date']}'")
    occ_dup = iv.assign(w=iv["wave"].where(wave_ok, "")).duplicated(["participant_id", "timepoint", "w"], keep="first") & _isin(iv["participant_id"], roles.keys())
    rep.rows("interviews", occ_dup, "wave",
             lambda r: f"participant '{r['participant_id']}' already has an interview at {r['timepoint']} wave '{r['wave'] or 0}'; give each interview its own wave")

    th = t["themes"]
    theme_ids = set(th["id"])
    rep.rows("themes", (th["parent_id"] != "") & ~_isin(th["parent_id"], theme_ids), "parent_id",
             lambda r: f"unknown parent theme '{r['parent_id']}'")
    rep.rows("themes", th["name"] == "", "name", lambda r: "empty theme name")
    _theme_cycles(rep)

    q = t["quotes"]
    interview_ids = set(iv["id"])
    rep.rows("quotes", ~_isin(q["interview_id"], interview_ids), "interview_id",
             lambda r: f"unknown interview '{r['interview_id']}' (not in {raw.files['interviews']})" if r["interview_id"] else "empty interview_id and no citation code to build it from")
    rep.rows("quotes", q["text"].str.strip() == "", "text", lambda r: "empty quote text")
    rep.rows("quotes", ~(_isin(q["stance"], STANCES) | (q["stance"] == "")), "stance",
             lambda r: f"expected one of {', '.join(STANCES)} or blank; got '{r['stance']}'")
    psw_ids = {k for k, v in roles.items() if v == "psw"}
    about = q.loc[q["about"] != "", ["_row", "about"]]
    single = about[~about["about"].str.contains(";", regex=False)]
    several = about[about["about"].str.contains(";", regex=False)]
    ex = pd.concat([
        single.rename(columns={"about": "one"}),
        several.assign(one=several["about"].str.split(";")).explode("one")[["_row", "one"]],
    ])
    ex = ex.reset_index(drop=True)
    ex["one"] = ex["one"].astype(str).str.strip()
    bad = ex[(ex["one"] != "") & ~_isin(ex["one"], psw_ids)].sort_values("_row", kind="stable")
    fname = raw.files["quotes"]
    for row_no, who in zip(bad["_row"].head(MAX_LISTED), bad["one"].head(MAX_LISTED)):
        what = f"unknown participant '{who}'" if who not in roles else f"'{who}' is a {roles[who]}, not a PSW"
        rep.add(fname, int(row_no), "about", f"{what}; 'about' lists the PSW(s) the quote concerns")
    if len(bad) > MAX_LISTED:
        rep.add(fname, None, "about", f"... and {len(bad) - MAX_LISTED} more rows with the same problem")

    c = t["codings"]
    quote_ids = set(q["id"])
    rep.rows("codings", ~_isin(c["quote_id"], quote_ids), "quote_id", lambda r: f"unknown quote '{r['quote_id']}'")
    rep.rows("codings", ~_isin(c["theme_id"], theme_ids), "theme_id", lambda r: f"unknown theme '{r['theme_id']}' (not in {raw.files['themes']})")
    rep.rows("codings", c.duplicated(["quote_id", "theme_id", "coder"], keep="first"), "theme_id",
             lambda r: f"quote '{r['quote_id']}' is coded as '{r['theme_id']}' twice by the same coder; the repeat is dropped",
             "warning")

    rel = t["relationships"]
    rep.rows("relationships", ~_isin(rel["type"], rel_types), "type",
             lambda r: f"unknown relationship type '{r['type']}'; expected one of {', '.join(rel_types)} (declare more in study.toml relationship_types)")
    rep.rows("relationships", ~_isin(rel["source_id"], roles.keys()), "source_id", lambda r: f"unknown participant '{r['source_id']}'")
    rep.rows("relationships", ~_isin(rel["target_id"], roles.keys()), "target_id", lambda r: f"unknown participant '{r['target_id']}'")
    target_not_psw = _isin(rel["target_id"], roles.keys()) & (rel["target_id"].map(roles) != "psw")
    rep.rows("relationships", target_not_psw, "target_id",
             lambda r: f"'{r['target_id']}' is a {roles[r['target_id']]}; relationships point from the co-worker, service user or family member to the PSW")
    rep.rows("relationships", rel["source_id"] == rel["target_id"], "target_id", lambda r: "a participant cannot be related to themselves")
    rep.rows("relationships", rel.duplicated(["source_id", "type", "target_id"], keep="first"), "type",
             lambda r: f"relationship {r['source_id']} {r['type']} {r['target_id']} is listed twice; the repeat is dropped",
             "warning")

    problems = rep.problems
    if any(pr.severity == "error" for pr in problems):
        return None, problems
    study = build_study(raw, timepoints, rel_types)
    return study, problems


def build_study(raw: RawStudy, timepoints: list[dict], rel_types: tuple[str, ...]) -> Study:
    """Turn checked raw tables into a :class:`Study` (no checks here)."""
    t = {k: v.drop(columns="_row") for k, v in raw.tables.items()}
    iv = t["interviews"]
    iv["wave"] = pd.to_numeric(iv["wave"].replace("", "0")).astype("int64")
    t["codings"] = t["codings"].drop_duplicates(["quote_id", "theme_id", "coder"]).reset_index(drop=True)
    t["relationships"] = t["relationships"].drop_duplicates(["source_id", "type", "target_id"]).reset_index(drop=True)
    about = t["quotes"]["about"]
    messy = (about.str.contains(";", regex=False)
             & (about.str.contains(" ", regex=False) | about.str.contains(";;", regex=False)
                | about.str.startswith(";") | about.str.endswith(";")))
    if messy.any():
        t["quotes"].loc[messy, "about"] = about[messy].map(lambda s: ";".join(x.strip() for x in s.split(";") if x.strip()))
    meta = raw.meta
    return Study(
        name=str(meta.get("name", "")),
        description=str(meta.get("description", "")),
        source=str(meta.get("source", "")),
        timepoints=sorted(TimePoint(int(tp["order"]), tp["id"], tp.get("label", "")) for tp in timepoints),
        relationship_types=rel_types,
        design=dict(meta.get("design", {})),
        memos=list(meta.get("memos", [])),
        **t,
    )


def raise_if_invalid(study: Study | None, problems: list[Problem]) -> Study:
    """Return the study, or raise :class:`StudyInvalid` listing every problem."""
    if study is None:
        raise StudyInvalid(problems)
    return study
