"""Participants, interviews, ``about`` and relationships built from citation codes.

A quote with a citation code (``User15/F/50+/T3_1/Sue``) and no
``interview_id`` gets its speaker, interview, ``about`` and the relationship
the code implies. Codes follow the bundled study's convention
(:mod:`graphstudy.citation`), which implies the roles ``psw``,
``service_user`` and ``co_worker``: in a study that declares its own roles
without one of them, the codes implying it are one error, not one per row.
"""

from __future__ import annotations

import pandas as pd

from ..citation import CITATION_ROLES, parse_citation
from ..declarations import Declared
from ..errors import CitationError
from ..findings import Findings
from ..model import COLUMNS
from ..tables import RawStudy

__all__ = ["derive_from_citations"]


def derive_from_citations(raw: RawStudy, declared: Declared, f: Findings) -> pd.Series:
    """Build rows from the citation codes of quotes without ``interview_id``; return the quotes whose code failed.

    The returned mask (over the quotes table) marks rows whose code could not
    be used: their empty ``interview_id`` is not reported again.

    Notes
    -----
    One parse per distinct code; O(n) in the quotes that need one.
    """
    t = raw.tables
    quotes = t["quotes"]
    failed = pd.Series(False, index=quotes.index)
    if not raw.usable("quotes", "citation"):
        return failed
    need = (quotes["interview_id"] == "") & (quotes["citation"] != "")
    if not need.any():
        return failed
    parsed: dict[str, object] = {}
    for code in quotes.loc[need, "citation"].unique():
        try:
            parsed[code] = parse_citation(code)
        except CitationError as exc:
            parsed[code] = exc
    fname = raw.files["quotes"]
    declared_roles = {r.id for r in declared.roles}
    undeclared: dict[str, list[str]] = {}
    if declared.roles_declared:
        for code, c in parsed.items():
            if isinstance(c, CitationError):
                continue
            implied = {c.role} | ({"psw"} if c.about and c.role != "psw" else set())  # type: ignore[attr-defined]
            for role in sorted(implied - declared_roles):
                undeclared.setdefault(role, []).append(code)
    if undeclared:
        unfit = sorted({c for examples in undeclared.values() for c in examples})
        these = need & quotes["citation"].isin(unfit)
        rows = quotes.loc[these, ["_row", "citation"]]
        roles = ", ".join(f"'{r}'" for r in sorted(undeclared))
        f.add(fname, None, "citation", f"{len(rows)} citation code(s) (e.g. '{rows['citation'].iloc[0]}', row "
              f"{int(rows['_row'].iloc[0])}) imply the role(s) {roles}, which this study does not declare (its roles: "
              f"{', '.join(r.id for r in declared.roles)}). Citation codes follow the bundled study's convention "
              f"({', '.join(CITATION_ROLES)}): give interview_id instead, or declare the role(s)")
        failed |= these
    known_p = set(t["participants"]["id"])
    known_i = set(t["interviews"]["id"])
    rel_keys = set(zip(t["relationships"]["source_id"], t["relationships"]["target_id"]))
    new_p: list[dict] = []
    new_i: list[dict] = []
    new_r: list[dict] = []
    interview_ids: list[str] = quotes["interview_id"].tolist()
    abouts: list[str] = quotes["about"].tolist()
    row_nos: list[int] = quotes["_row"].tolist()
    codes: list[str] = quotes["citation"].tolist()
    for pos in [i for i, flag in enumerate((need & ~failed).tolist()) if flag]:
        row_no = int(row_nos[pos])
        c = parsed[codes[pos]]
        if isinstance(c, CitationError):
            f.add(fname, row_no, "citation", str(c))
            failed.iat[pos] = True
            continue
        for w in c.warnings:  # type: ignore[attr-defined]
            f.add(fname, row_no, "citation", w, "warning")
        interview_ids[pos] = c.interview_id  # type: ignore[attr-defined]
        if abouts[pos] == "":
            abouts[pos] = ";".join(c.about)  # type: ignore[attr-defined]
        _new_rows(c, known_p, known_i, rel_keys, new_p, new_i, new_r)
    quotes["interview_id"] = pd.Series(interview_ids, index=quotes.index, dtype=str)
    quotes["about"] = pd.Series(abouts, index=quotes.index, dtype=str)
    for kind, built in (("participants", new_p), ("interviews", new_i), ("relationships", new_r)):
        if built:
            extra = pd.DataFrame(built).reindex(columns=COLUMNS[kind], fill_value="").fillna("").astype(str)
            extra.insert(0, "_row", 0)
            t[kind] = pd.concat([t[kind], extra], ignore_index=True)
    return failed


def _new_rows(c, known_p: set, known_i: set, rel_keys: set, new_p: list, new_i: list, new_r: list) -> None:
    """The participant, interview and relationships one code adds (those not known yet)."""
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
