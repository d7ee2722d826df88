"""A pen portrait as text (the terminal) and as a Word document (the write-up).

Both follow the portrait's structure (:mod:`graphstudy.reports.portrait`):
who they are, their relationships and spans, occasion by occasion what they
said theme by theme with the quotes, the change per theme, the through-line;
the Word document ends with the rules as a legend.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pandas as pd

from ..output import render
from . import portrait as _portrait
from .portrait import Portrait
from .word import WordDocument

__all__ = ["portrait_text", "write_portrait_docx"]

_SHOWN = ("subrole", "gender", "age_band", "diagnosis", "agency", "setting")


def _person_line(person: dict, dyad: bool = False) -> str:
    attrs = ", ".join(f"{a.replace('_', ' ')} {person[a]}" for a in _SHOWN if person.get(a))
    occ = ", ".join(person["interviewed"]) or "never"
    when = "interviewed while the relationship held at" if dyad else "interviewed at"
    return f"{person['id']}: {person['role_label']}" + (f"; {attrs}" if attrs else "") + f"; {when} {occ}"


def _groups(p: Portrait) -> list[tuple[str, str, list[tuple[str, str, pd.DataFrame]]]]:
    """``[(occasion, label, [(theme, theme name, quotes), ...]), ...]`` in the portrait's order."""
    out = []
    for occ, by_occ in p.said.groupby("occasion", sort=False):
        themes = [(str(t), str(g["theme_name"].iloc[0]), g) for t, g in by_occ.groupby("theme", sort=False)]
        out.append((str(occ), str(by_occ["timepoint_label"].iloc[0]), themes))
    return out


def _theme_line(p: Portrait, g: pd.DataFrame) -> str:
    if p.kind == "participant":
        n = len(g)
        step = g["step"].iloc[0]
        return f"{n} quote{'s' if n != 1 else ''}" + (f", {step}" if step and step != "first" else "")
    state, trend = g["state"].iloc[0], g["trend"].iloc[0]
    who = " and ".join(dict.fromkeys(g["speaker"]))
    return f"voiced by {who}" + (f"; {state}" if state else "; the other not interviewed") + (f", {trend}" if trend else "")


def portrait_text(p: Portrait, width: int = 100) -> str:
    """The portrait as plain text, section by section.

    Examples
    --------
    >>> from graphstudy import load_study
    >>> from graphstudy.reports.portrait import portrait
    >>> print(portrait_text(portrait(load_study("tests/fixtures/carers"), "C2")).splitlines()[0])
    Pen portrait of C2 (Clinician)
    """
    wrap = textwrap.TextWrapper(width=width, initial_indent="      ", subsequent_indent="        ")
    lines = [p.title, f"study: {p.study}", ""]
    lines += ["Who"] + [f"  {_person_line(person, p.kind == 'dyad')}" for person in p.people] + [""]
    lines.append("Relationships")
    if p.relationships.empty:
        lines.append("  (none recorded)")
    for r in p.relationships.to_dict("records"):
        lines.append(f"  {r['source']} {r['type_label']} {r['target']}, {r['span']}")
    lines += ["", "Occasion by occasion"]
    if p.said.empty:
        lines.append("  (no coded quotes)")
    for occ, label, themes in _groups(p):
        lines.append(f"  {occ}" + (f" ({label})" if label and label != occ else ""))
        for _theme, name, g in themes:
            lines.append(f"    {name}: {_theme_line(p, g)}")
            for q in g.to_dict("records"):
                tail = "; ".join(x for x in (q["citation"], q["stance"], q["quote_id"]) if x)
                who = f"{q['speaker']}: " if p.kind == "dyad" else ""
                lines.extend(wrap.wrap(f"{who}“{q['text']}” ({tail})"))
    lines += ["", "Change, theme by theme"]
    if p.changes.empty:
        lines.append("  (none)")
    else:
        cols = (["theme_name", "change", "series", "stance_change"] if p.kind == "participant"
                else ["theme_name", "accounts", "occasions", "first_state", "last_state", "a_total", "b_total"])
        lines += ["  " + line for line in render(p.changes[cols], "table", max_width=50).splitlines()]
    lines += ["", "Through-line"]
    if not p.threads:
        lines.append("  (nothing to trace)")
    for thread, items in p.threads.items():
        lines.append(f"  {thread}: " + "; ".join(items))
    lines += [f"note: {n}" for n in p.notes]
    return "\n".join(lines)


def write_portrait_docx(path: str | Path, p: Portrait) -> Path:
    """The portrait as a Word document; the rules of the through-line (and of dyads) as a legend.

    Examples
    --------
    >>> import tempfile, pathlib, docx
    >>> from graphstudy import load_study
    >>> from graphstudy.reports.portrait import dyad_portrait
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "p1-k1.docx"
    >>> d = docx.Document(str(write_portrait_docx(out, dyad_portrait(load_study("tests/fixtures/carers"), "P1", "K1"))))
    >>> [x.text for x in d.paragraphs if x.style.name == "Heading 1"]
    ['Who', 'Occasion by occasion', 'Change, theme by theme', 'Through-line', 'How to read this portrait']
    """
    from ..queries import dyads as _dyads

    doc = WordDocument(p.title, f"{p.study}. A pen portrait across waves (Sheard & Marsh 2019), for the researcher to interpret.")
    doc.heading("Who", 1)
    for person in p.people:
        doc.paragraph(_person_line(person, p.kind == "dyad").split(": ", 1)[1], bold_lead=f"{person['id']}: ")
    if not p.relationships.empty:
        doc.table(pd.DataFrame({"relationship": [f"{s} {t} {g}" for s, t, g in
                                                 zip(p.relationships["source"], p.relationships["type_label"], p.relationships["target"])],
                                "held": p.relationships["span"]}), widths={"relationship": 9.0}, caption="Relationships")
    doc.heading("Occasion by occasion", 1)
    if p.said.empty:
        doc.paragraph("No coded quotes.", italic=True)
    for occ, label, themes in _groups(p):
        doc.heading(f"{occ}" + (f": {label}" if label and label != occ else ""), 2)
        for _theme, name, g in themes:
            doc.paragraph(_theme_line(p, g), bold_lead=f"{name}: ")
            for q in g.to_dict("records"):
                lead = f"{q['speaker']} about {q['about']}: " if p.kind == "dyad" else ""
                doc.quote(q["text"], q["citation"], q["stance"], note=f"[{lead}{q['quote_id']}]")
    doc.heading("Change, theme by theme", 1)
    if p.kind == "participant":
        shown = p.changes[["theme_name", "change", "series", "stance_change"]] if not p.changes.empty else p.changes
        doc.table(shown.rename(columns={"theme_name": "theme"}), widths={"theme": 5.5, "series": 5.0})
    else:
        doc.table(p.changes[["theme_name", "accounts", "occasions", "first_state", "last_state", "a_total", "b_total"]]
                  .rename(columns={"theme_name": "theme", "a_total": f"{p.people[0]['id']} quotes",
                                   "b_total": f"{p.people[1]['id']} quotes"}), widths={"theme": 5.0, "accounts": 3.0, "occasions": 2.2})
    doc.heading("Through-line", 1)
    if not p.threads:
        doc.paragraph("Nothing to trace.", italic=True)
    for thread, items in p.threads.items():
        doc.paragraph("; ".join(items), bold_lead=f"{thread}: ")
    for note in p.notes:
        doc.paragraph(note, italic=True)
    doc.heading("How to read this portrait", 1)
    doc.legend("The through-line", _portrait.__doc__)
    if p.kind == "dyad":
        doc.legend("Both sides of the dyad", _dyads.__doc__)
    else:
        from . import changes as _changes

        doc.legend("The change labels", _changes.__doc__)
    return doc.save(path)
