"""Tiny hand-built studies for the report tests, written as folders of CSVs and loaded as a user would."""

from __future__ import annotations

from pathlib import Path

from graphstudy import load_study


def _csv(path: Path, header: str, rows: list[str]) -> None:
    path.write_text(header + "\n" + "".join(r + "\n" for r in rows), encoding="utf-8")


def write_study(folder: Path, *, people: dict[str, str], interviews: list[tuple], quotes: list[tuple],
                relationships: list[tuple] = (), themes: list[tuple] = (("hope", ""), ("fear", ""), ("family", "")),
                timepoints: int = 3, name: str = "hand-built", genders: dict[str, str] | None = None) -> Path:
    """Write a study folder.

    people: ``{id: role}``; genders: ``{id: gender}`` (blank for the others); interviews: ``(id, participant, timepoint, wave, date)``;
    quotes: ``(id, interview_id, "theme;theme", stance, about)``; relationships:
    ``(source, type, target)``; themes: ``(id, parent_id)``; time points T1..Tn.
    """
    folder.mkdir(parents=True, exist_ok=True)
    toml = f'name = "{name}"\n' + "".join(f'\n[[timepoints]]\nid = "T{i}"\norder = {i}\n' for i in range(1, timepoints + 1))
    (folder / "study.toml").write_text(toml, encoding="utf-8")
    genders = genders or {}
    _csv(folder / "participants.csv", "id,role,gender", [f"{p},{r},{genders.get(p, '')}" for p, r in people.items()])
    _csv(folder / "interviews.csv", "id,participant_id,timepoint,wave,date",
         [f"{i},{p},{t},{w or ''},{d}" for i, p, t, w, d in interviews])
    _csv(folder / "themes.csv", "id,name,parent_id", [f"{t},{t.title()},{parent}" for t, parent in themes])
    _csv(folder / "quotes.csv", "id,interview_id,text,about,stance",
         [f"{q},{i},Passage {q}.,{about},{stance}" for q, i, _, stance, about in quotes])
    _csv(folder / "codings.csv", "quote_id,theme_id", [f"{q},{t}" for q, _, ts, _, _ in quotes for t in ts.split(";")])
    _csv(folder / "relationships.csv", "source_id,type,target_id", [f"{s},{t},{d}" for s, t, d in relationships])
    return folder


def counts_study(folder: Path, series: dict[str, list], theme: str = "hope", role: str = "service_user",
                 stances: dict | None = None, roles: dict | None = None):
    """A study from quote counts: ``series[participant][k]`` is the number of quotes coded ``theme``
    at time point T(k+1), 0 for "interviewed, theme absent", None for "not interviewed".

    ``stances`` maps ``(participant, k)`` to the stance of those quotes; ``roles`` overrides
    ``role`` per participant.
    """
    stances = stances or {}
    roles = roles or {}
    n = max(len(s) for s in series.values())
    interviews, quotes = [], []
    for p, counts in series.items():
        for k, c in enumerate(counts):
            if c is None:
                continue
            iid = f"{p}_T{k + 1}"
            interviews.append((iid, p, f"T{k + 1}", 0, ""))
            quotes += [(f"{iid}_q{j}", iid, theme, stances.get((p, k), ""), "") for j in range(c)]
    people = {p: roles.get(p, role) for p in series}
    return load_study(write_study(folder, people=people, interviews=interviews, quotes=quotes, timepoints=n))
