"""A study whose names, themes and quotes carry HTML and script injection payloads.

Each payload, if it ever ran, would set ``window.__pwned``; the view tests
assert it stays undefined and that the text shows as text.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from graphstudy import load_study
from graphstudy.tables import write_folder

IMG = "<img src=x onerror=\"window.__pwned='img'\">"
SCRIPT = "<script>window.__pwned='script'</script>"
END = "</script><script>window.__pwned='end'</script><!--"
SVG = "<svg onload=\"window.__pwned='svg'\">"
OPEN = "<!--<script "
"""Unless ``<`` is escaped, this puts the HTML parser in its "script data double escaped" state,
so the data block's own ``</script>`` no longer ends it and the page breaks."""
PAYLOADS = (IMG, SCRIPT, END, SVG, OPEN)

USER = "User15" + IMG
"""User15, renamed: a participant id carrying a payload (Sue's service user)."""


def hostile_study(folder: Path):
    """The bundled study with payloads in its name, a participant, two themes and two quotes,
    written as a study folder and loaded back (so the loader's checks apply)."""
    s = load_study()
    p = s.participants.copy()
    p.loc[p["id"] == "User15", "diagnosis"] = SVG
    p["id"] = p["id"].replace({"User15": USER})
    iv = s.interviews.copy()
    iv["participant_id"] = iv["participant_id"].replace({"User15": USER})
    rel = s.relationships.copy()
    rel["source_id"] = rel["source_id"].replace({"User15": USER})
    th = s.themes.copy()
    th.loc[th["id"] == "perceptions", "name"] = END + " Perceptions"
    th.loc[th["id"] == "stress_pain", "name"] = SCRIPT
    q = s.quotes.copy()
    q.loc[q["id"] == "q004", "text"] = f"{SCRIPT} {END}\u2028{IMG}\u2029 {SVG}"
    q.loc[q["id"] == "q038", "text"] = f"Sue said {IMG} at T1"
    q.loc[q["id"] == "q008", "text"] = f"User14 wrote {OPEN}here"
    q["citation"] = ""
    bad = dataclasses.replace(s, name="Study " + IMG + END, participants=p, interviews=iv, relationships=rel,
                              themes=th, quotes=q)
    return load_study(write_folder(bad, folder / "hostile"))


CARERS = Path(__file__).resolve().parent / "fixtures" / "carers"
"""Patients, family carers and clinicians (not peer support): declared role and occasion labels, theme
colours, two coders, relationships with spans, waves at 3 months."""
