"""Generated studies of any size, for tests, benchmarks and trying things out.

Two shapes (:data:`SHAPES`): ``peer-support``, the bundled study's, and
``patient-carer-clinician``, a multi-perspective serial-interview study with
declared roles (after Kendall et al. 2009).

``peer-support``, per 34 participants (the bundled study's design, Table 1 and Figure 1):

- 5 PSWs, each with one family member (FAMILY_OF; never interviewed);
- 15 service users, each SERVED_BY one PSW;
- 14 co-workers: 7 supervisors (SUPERVISES), 5 mentors (MENTORS), 2 non-peer
  colleagues (COLLEAGUE_OF), each linked to one PSW, every fourth to two;
- Figure 1's schedule, 77 interviews: PSWs at T1, T2 and T3_1..T3_3 (one in
  five also T3_4); service users one third at T2, the rest at T3_1, half of
  those again at T3_2; supervisors at T2_1 and T2_2, some again at T3_1 and
  T3_2; mentors at T3; non-peer colleagues once at T2.
- quotes per interview drawn from a Poisson distribution; lengths drawn from
  the bundled study's quote lengths; each quote coded as one sub-theme (one
  in five as two), chosen with the stakeholder group's own theme profile.

``patient-carer-clinician``, per 12 participants:

- 5 patients (the focal role), each with one family carer (CARES_FOR) and
  treated (TREATS) by one of 2 clinicians; every third patient changes
  clinician at 6 months (the first TREATS from B to M3, the next from M6);
- time points B (baseline), M3 (3 months, in waves: every patient at M3_1,
  every other one again at M3_2; clinicians at M3_2) and M6 (one patient in
  five has left by then; one carer in four missed baseline);
- quotes about the person the speaker has a relationship with (a patient:
  their carer or clinician; one in seven about no one in particular);
- two coders: ann codes every quote; ben codes about two in three of them,
  usually the same way (one in eight with a different code).

The same seed gives the same study.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .model import COLUMNS, Study, TimePoint
from .vocabulary import DEFAULT_RELATIONSHIP_TYPES, RelationshipType, Role

__all__ = ["SHAPES", "synthetic_study", "write_synthetic_study"]

SHAPES = ("peer-support", "patient-carer-clinician")
"""The shapes :func:`synthetic_study` generates: the bundled study's, and a patient-carer-clinician one."""

_WORDS = ["peer", "support", "worker", "service", "user", "recovery", "group", "center", "staff", "family", "mother", "daughter", "salary", "pain", "sleep", "anxiety", "trust", "talk", "share", "experience", "role", "boundary", "supervisor", "mentor", "member", "confidence", "training", "placement", "employment", "understand", "friends", "activity", "lived", "voice", "hope"]

# sub-theme weights per role (perceptions x4, service-user changes x2, family x2) and the root themes
_SUBTHEMES = ["asset", "trusting_relationships", "uncertainty", "resilience", "stress_pain", "connections",
              "supporting_psws", "family_concerns"]
_PROFILE = {
    "psw": [1, 1, 2, 2, 0.5, 0.5, 3, 3],
    "service_user": [1, 3, 1, 0.5, 3, 3, 0.2, 0.2],
    "co_worker": [3, 2, 3, 3, 1, 1.5, 0.2, 0.2],
}


def _bundled_themes() -> pd.DataFrame:
    from .loader import load_study

    return load_study().themes.copy()


def _schedule(role: str, k: int) -> list[tuple[str, int]]:
    """Occasions (time point, wave) of the k-th person of a role within a group of 34."""
    if role == "psw":
        extra = [("T3", 4)] if k % 5 == 4 else []
        return [("T1", 0), ("T2", 0), ("T3", 1), ("T3", 2), ("T3", 3)] + extra
    if role == "service_user":
        if k < 5:
            return [("T2", 0)]
        return [("T3", 1)] if k < 10 else [("T3", 1), ("T3", 2)]
    # co-workers: 0-6 supervisors, 7-11 mentors, 12-13 non-peer colleagues
    if k < 7:
        return [("T2", 1), ("T2", 2)] + ([("T3", 1), ("T3", 2)] if k < 3 else [])
    if k < 12:  # mentors: one three times, two twice, two once -> with supervisors 15 interviews by 8 people at T3
        return [("T3", 1), ("T3", 2), ("T3", 3)][: {7: 3, 8: 2, 9: 2}.get(k, 1)]
    return [("T2", 0)]


def synthetic_study(participants: int = 340, quotes_per_interview: float = 3.0, seed: int = 0,
                    shape: str = SHAPES[0]) -> Study:
    """Generate a study; see the module notes for its shapes.

    Parameters
    ----------
    participants : int
        ``peer-support``: at least 34; roles in the proportions 5 : 15 : 14 (plus one
        family member per PSW). ``patient-carer-clinician``: at least 12; 5 : 5 : 2.
    quotes_per_interview : float
        Mean number of quotes per interview.
    seed : int
    shape : {"peer-support", "patient-carer-clinician"}
        One of :data:`SHAPES`.

    Examples
    --------
    >>> s = synthetic_study(34, quotes_per_interview=2, seed=1)
    >>> s.counts()["participants_by_role"]
    {'psw': 5, 'service_user': 15, 'co_worker': 14, 'family': 5}
    >>> len(s.interviews)
    77
    >>> c = synthetic_study(24, seed=1, shape="patient-carer-clinician")
    >>> c.counts()["participants_by_role"], c.info.focal_roles, c.coders()
    ({'patient': 10, 'carer': 10, 'clinician': 4}, ('patient',), ['ann', 'ben'])

    Notes
    -----
    O(n) in the number of quotes, vectorised: a million quotes take about ten seconds.
    """
    if shape not in SHAPES:
        from .errors import GraphStudyError

        raise GraphStudyError(f"shape must be one of {', '.join(SHAPES)}; got '{shape}'")
    if shape == "patient-carer-clinician":
        return _care_study(participants, quotes_per_interview, seed)
    rng = np.random.default_rng(seed)
    groups, rest = divmod(max(int(participants), 34), 34)
    n_psw = groups * 5 + round(rest * 5 / 34)
    n_su = groups * 15 + round(rest * 15 / 34)
    n_cw = groups * 14 + (rest - round(rest * 5 / 34) - round(rest * 15 / 34))
    psw_ids = [f"PSW{i:05d}" for i in range(n_psw)]
    people, rels, interviews = [], [], []
    ages = ["25-35", "30-40", "40-50", "45-55", "50-60"]
    for i, pid in enumerate(psw_ids):
        people.append((pid, "psw", "", "F" if i % 5 else "M", ages[i % 5], ["schizophrenia", "depression"][i % 2], f"agency {i % 4 + 1}"))
        fam = f"Family{i:05d}"
        people.append((fam, "family", ["mother", "daughter", "father"][i % 3], "", "", "", ""))
        rels.append((fam, "FAMILY_OF", pid))
    for j in range(n_su):
        pid = f"User{j:05d}"
        people.append((pid, "service_user", "", "F" if j % 5 else "M", "50+", "", ""))
        rels.append((pid, "SERVED_BY", psw_ids[j % n_psw]))
    for j in range(n_cw):
        pid = f"Co-worker{j:05d}"
        k = j % 14
        sub, typ = ("supervisor", "SUPERVISES") if k < 7 else ("mentor", "MENTORS") if k < 12 else ("non_peer_colleague", "COLLEAGUE_OF")
        people.append((pid, "co_worker", sub, "F" if j % 7 else "M", "30+", "", ""))
        rels.append((pid, typ, psw_ids[j % n_psw]))
        if j % 4 == 3 and n_psw > 1:
            rels.append((pid, typ, psw_ids[(j + 1) % n_psw]))
    counters = {"psw": 0, "service_user": 0, "co_worker": 0}
    for pid, role, *_ in people:
        if role == "family":
            continue
        k = counters[role] % {"psw": 5, "service_user": 15, "co_worker": 14}[role]
        counters[role] += 1
        for tp, w in _schedule(role, k):
            interviews.append((f"{pid}_{tp}_{w}" if w else f"{pid}_{tp}", pid, tp, w, role))
    P = pd.DataFrame(people, columns=["id", "role", "subrole", "gender", "age_band", "diagnosis", "agency"])
    P["setting"], P["note"] = "ICCMW", "synthetic"
    R = pd.DataFrame(rels, columns=["source_id", "type", "target_id"])
    R["start"], R["end"], R["note"] = "", "", ""
    IV = pd.DataFrame(interviews, columns=["id", "participant_id", "timepoint", "wave", "role"])
    IV["date"], IV["note"] = "", ""
    IV["wave"] = IV["wave"].astype("int64")

    # quotes
    nq = rng.poisson(quotes_per_interview, len(IV))
    q_iv = np.repeat(np.arange(len(IV)), nq)
    n = len(q_iv)
    about_of = R[R["type"] != "FAMILY_OF"].groupby("source_id")["target_id"].agg(list).to_dict()
    iv_pid = IV["participant_id"].to_numpy()
    iv_role = IV["role"].to_numpy()
    lengths = np.clip(rng.lognormal(5.5, 0.6, n).astype(int), 20, 1500)
    corpus = " ".join(rng.choice(_WORDS, 400_000))
    starts = rng.integers(0, len(corpus) - 1600, n)
    texts = [corpus[s:s + ln].strip() or "peer support" for s, ln in zip(starts.tolist(), lengths.tolist())]
    pick = rng.random(n)
    abouts = []
    for pid, role, r in zip(iv_pid[q_iv], iv_role[q_iv], pick.tolist()):
        if role == "psw":
            abouts.append(pid)
        else:
            targets = about_of[pid]
            abouts.append(";".join(targets) if len(targets) > 1 and r < 0.2 else targets[int(r * 997) % len(targets)])
    stance = rng.choice(np.array(["", "positive", "negative", "neutral", "mixed"], dtype=object), n, p=[0.4, 0.3, 0.2, 0.05, 0.05])
    Q = pd.DataFrame({"id": [f"q{x:07d}" for x in range(n)], "interview_id": IV["id"].to_numpy()[q_iv], "text": texts,
                      "about": abouts, "stance": stance, "citation": "", "note": ""})
    # codings: one sub-theme per quote by the role's profile, one in five a second one
    codes = np.empty(n, dtype=object)
    roles_q = iv_role[q_iv]
    for role, weights in _PROFILE.items():
        mask = roles_q == role
        p = np.asarray(weights) / sum(weights)
        codes[mask] = rng.choice(np.array(_SUBTHEMES, dtype=object), int(mask.sum()), p=p)
    second = rng.random(n) < 0.2
    codes2 = rng.choice(np.array(_SUBTHEMES, dtype=object), int(second.sum()))
    C = pd.DataFrame({"quote_id": np.concatenate([Q["id"].to_numpy(), Q["id"].to_numpy()[second]]),
                      "theme_id": np.concatenate([codes, codes2])})
    C = C.drop_duplicates(["quote_id", "theme_id"]).reset_index(drop=True)
    C["coder"], C["note"] = "", ""
    T = _bundled_themes()
    return Study(
        name=f"synthetic-{participants}-{quotes_per_interview:g}-{seed}",
        description="Generated by graphstudy synth with the bundled study's shape.",
        timepoints=(TimePoint(1, "T1", "Training"), TimePoint(2, "T2", "Placement"), TimePoint(3, "T3", "Employment")),
        relationship_types=DEFAULT_RELATIONSHIP_TYPES,
        participants=P[COLUMNS["participants"]], interviews=IV[COLUMNS["interviews"]], themes=T[COLUMNS["themes"]],
        quotes=Q[COLUMNS["quotes"]], codings=C[COLUMNS["codings"]], relationships=R[COLUMNS["relationships"]],
    )


def write_synthetic_study(out_dir: str | Path, participants: int = 340, quotes_per_interview: float = 3.0, seed: int = 0,
                          shape: str = SHAPES[0]) -> dict:
    """Generate a study (of one of :data:`SHAPES`) and write it as a study folder; return its counts."""
    from .tables import write_folder

    study = synthetic_study(participants, quotes_per_interview, seed, shape=shape)
    write_folder(study, out_dir)
    c = study.counts()
    return {k: c[k] for k in ("participants", "interviews", "quotes", "codings", "relationships")}


# ---- patient-carer-clinician ---------------------------------------------------------------

_CARE_THEMES = [  # id, name, parent
    ("burden", "Burden of care", ""), ("practical", "Practical tasks", "burden"),
    ("emotional", "Emotional strain", "burden"), ("financial", "Money and work", "burden"),
    ("living", "Living with illness", ""), ("hope", "Hope and plans", "living"), ("loss", "Loss and grief", "living"),
    ("care", "The care team", ""), ("trust", "Trust in the care team", "care"), ("continuity", "Continuity of care", "care"),
]
_CARE_CODES = [t for t, _, parent in _CARE_THEMES if parent]
_CARE_PROFILE: dict[str, list[float]] = {
    "patient": [1, 2, 0.5, 3, 2, 2, 1],
    "carer": [3, 3, 2, 1, 1, 1, 1],
    "clinician": [2, 1, 0.5, 1, 0.5, 2, 3],
}
_CARE_ROLES = (Role("patient", "Patient", focal=True), Role("carer", "Family carer"), Role("clinician", "Clinician"))
_CARE_TYPES = (*DEFAULT_RELATIONSHIP_TYPES,
               RelationshipType("CARES_FOR", "cares for", ("carer",), ("patient",)),
               RelationshipType("TREATS", "treats", ("clinician",), ("patient",)))


def _care_schedule(role: str, k: int) -> list[tuple[str, int]]:
    """Occasions (time point, wave) of the k-th person of a role."""
    if role == "patient":
        return [("B", 0), ("M3", 1)] + ([("M3", 2)] if k % 2 else []) + ([] if k % 5 == 4 else [("M6", 0)])
    if role == "carer":
        return ([] if k % 4 == 3 else [("B", 0)]) + [("M3", 1), ("M6", 0)]
    return [("B", 0), ("M3", 2), ("M6", 0)]


def _care_study(participants: int, quotes_per_interview: float, seed: int) -> Study:
    rng = np.random.default_rng(seed)
    groups, rest = divmod(max(int(participants), 12), 12)
    n_pat = groups * 5 + rest // 2
    n_clin = groups * 2 + (rest - rest // 2) // 3
    n_car = max(int(participants), 12) - n_pat - n_clin
    pats = [f"P{i:05d}" for i in range(n_pat)]
    clins = [f"C{i:05d}" for i in range(n_clin)]
    people = [(p, "patient", "", "F" if i % 3 else "M", ["60+", "70+", "80+"][i % 3]) for i, p in enumerate(pats)]
    rels = []
    for j in range(n_car):
        cid = f"K{j:05d}"
        people.append((cid, "carer", ["daughter", "spouse", "son"][j % 3], "F" if j % 4 else "M", "40+"))
        rels.append((cid, "CARES_FOR", pats[j % n_pat], "", ""))
    for i, p in enumerate(pats):
        first = clins[i % n_clin]
        if i % 3 == 2 and n_clin > 1:  # changes clinician at 6 months
            rels += [(first, "TREATS", p, "B", "M3"), (clins[(i + 1) % n_clin], "TREATS", p, "M6", "")]
        else:
            rels.append((first, "TREATS", p, "", ""))
    people += [(c, "clinician", ["gp", "nurse"][i % 2], "F" if i % 2 else "M", "40+") for i, c in enumerate(clins)]
    P = pd.DataFrame(people, columns=["id", "role", "subrole", "gender", "age_band"])
    P["diagnosis"], P["agency"], P["setting"], P["note"] = "", "", "home", "synthetic"
    R = pd.DataFrame(rels, columns=["source_id", "type", "target_id", "start", "end"])
    R["note"] = ""
    counters: dict[str, int] = {}
    interviews = []
    for pid, role, *_ in people:
        k = counters[role] = counters.get(role, -1) + 1
        for tp, w in _care_schedule(role, k):
            interviews.append((f"{pid}_{tp}_{w}" if w else f"{pid}_{tp}", pid, tp, w, role))
    IV = pd.DataFrame(interviews, columns=["id", "participant_id", "timepoint", "wave", "role"])
    IV["wave"] = IV["wave"].astype("int64")
    IV["date"], IV["note"] = "", ""
    nq = rng.poisson(quotes_per_interview, len(IV))
    q_iv = np.repeat(np.arange(len(IV)), nq)
    n = len(q_iv)
    partners: dict[str, list[str]] = {}
    for a, _, b, _, _ in rels:
        partners.setdefault(a, []).append(b)
        partners.setdefault(b, []).append(a)
    pick = rng.random(n).tolist()
    abouts = []
    for pid, role, r in zip(IV["participant_id"].to_numpy()[q_iv], IV["role"].to_numpy()[q_iv], pick):
        them = sorted(set(partners.get(pid, [])))
        if not them or (role == "patient" and r < 1 / 7):
            abouts.append("")
        else:
            abouts.append(them[int(r * 9973) % len(them)])
    stance = rng.choice(np.array(["", "positive", "negative", "neutral", "mixed"], dtype=object), n, p=[0.3, 0.3, 0.3, 0.05, 0.05])
    words = " ".join(rng.choice(_WORDS, 100_000))
    starts = rng.integers(0, len(words) - 400, n).tolist()
    Q = pd.DataFrame({"id": [f"q{x:07d}" for x in range(n)], "interview_id": IV["id"].to_numpy()[q_iv],
                      "text": [words[s:s + 200].strip() or "care" for s in starts], "about": abouts, "stance": stance,
                      "citation": "", "note": ""})
    roles_q = IV["role"].to_numpy()[q_iv]
    codes = np.empty(n, dtype=object)
    for role, weights in _CARE_PROFILE.items():
        mask = roles_q == role
        codes[mask] = rng.choice(np.array(_CARE_CODES, dtype=object), int(mask.sum()), p=np.asarray(weights) / sum(weights))
    ben = rng.random(n) < 2 / 3
    other = rng.random(n) < 1 / 8
    ben_codes = np.where(other, rng.choice(np.array(_CARE_CODES, dtype=object), n), codes)
    ids = Q["id"].to_numpy()
    C = pd.DataFrame({"quote_id": np.concatenate([ids, ids[ben]]), "theme_id": np.concatenate([codes, ben_codes[ben]]),
                      "coder": ["ann"] * n + ["ben"] * int(ben.sum())})
    C = C.drop_duplicates(["quote_id", "theme_id", "coder"]).reset_index(drop=True)
    C["note"] = ""
    T = pd.DataFrame(_CARE_THEMES, columns=["id", "name", "parent_id"])
    T["description"], T["color"], T["note"] = "", "", ""
    return Study(
        name=f"synthetic-care-{participants}-{quotes_per_interview:g}-{seed}",
        description="Generated by graphstudy synth: patients, their family carers and their clinicians.",
        timepoints=(TimePoint(1, "B", "Baseline"), TimePoint(2, "M3", "3 months"), TimePoint(3, "M6", "6 months")),
        roles=_CARE_ROLES, relationship_types=_CARE_TYPES,
        participants=P[COLUMNS["participants"]], interviews=IV[COLUMNS["interviews"]], themes=T[COLUMNS["themes"]],
        quotes=Q[COLUMNS["quotes"]], codings=C[COLUMNS["codings"]], relationships=R[COLUMNS["relationships"]],
    )
