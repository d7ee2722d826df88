"""``--docx`` for ``report changes`` and ``report triangulation``: the tables a results section quotes, as Word.

Each document has a section per theme (codebook order): the report's rows
for the theme as a real table, then the quotes behind them with their
citations, and ends with the report's rules as a legend (read from the
report module's own documentation, see :mod:`graphstudy.reports.word`).
Groups and roles are named by the study's labels.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from ..engines.base import Backend
from ..engines.memo import remembering
from ..frames import each
from ..model import Study, occasion_id
from ..queries import as_backend
from . import changes as _changes
from . import triangulation as _triangulation
from .compare import change_summary, grouping
from .word import WordDocument

__all__ = ["quote_index", "write_changes_docx", "write_triangulation_docx"]


def quote_index(backend: Backend, ids: list[str]) -> dict[str, dict[str, Any]]:
    """``{quote id: quotes look-up row + occasion + cite}`` for the quotes a document shows (one ``quotes`` look-up).

    ``cite`` is the quote's citation code, or ``participant, occasion`` when it has none.
    """
    if not ids:
        return {}
    q = backend.quotes(sorted(set(ids)))
    iv = backend.all_interviews()
    occ = {i: occasion_id(t, int(w)) for i, t, w in each(iv, "interview_id", "timepoint", "wave")}
    out = {}
    for r in q.to_dict("records"):
        row = {str(k): v for k, v in r.items()}
        row["occasion"] = occ.get(row["interview_id"], "")
        row["cite"] = row["citation"] or f"{row['participant']}, {row['occasion']}"
        out[str(row["id"])] = row
    return out


def _quotes(doc: WordDocument, ids: list[str], quotes: dict[str, dict[str, Any]], lead: str = "") -> None:
    shown = [quotes[q] for q in ids if q in quotes]
    if not shown:
        return
    if lead:
        doc.paragraph(lead)
    for q in shown:
        doc.quote(q["text"], q["cite"], q["stance"], note=f"[{q['id']}]")


def write_changes_docx(path: str | Path, source: Study | Backend, cases: str = "participant", level: str = "subtheme",
                       wanted: list[str] | None = None, by: str | None = None, surge: int = 2,
                       only: list[str] | None = None) -> Path:
    """``report changes`` as a Word document: per theme, the cases' change labels and their quotes.

    With ``by`` (a participant attribute), each theme's section opens with the
    groups compared (:func:`~graphstudy.reports.compare.change_summary`).
    ``only`` keeps rows with one of these labels.

    Examples
    --------
    >>> import tempfile, pathlib, docx
    >>> from graphstudy import load_study
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "changes.docx"
    >>> d = docx.Document(str(write_changes_docx(out, load_study(), wanted=["Co-worker07"])))
    >>> [p.text for p in d.paragraphs if p.style.name == "Heading 1"]
    ['Initial uncertainty and confusion', 'PSW’s growing resilience and confidence over time', 'Improved connections with others']
    >>> d.tables[0].cell(1, 2).text, d.tables[0].cell(1, 4).text
    ('constant', 'negative→positive')
    """
    backend = remembering(as_backend(source))
    info = backend.study_info()
    data = _changes.case_data(backend, by=cases, level=level)
    ch = _changes.changes_of(data, by=cases, surge=surge, cases=wanted)
    if only:
        ch = ch[ch["change"].str.split(";").map(lambda labels: bool(set(labels) & set(only)))]
    quotes = quote_index(backend, [q for e in ch["evidence"] for q in e.split(";") if q])
    summary = None
    groups = None
    if by:
        groups = grouping(backend, by)
        summary = change_summary(ch, groups, data.cases)
    kind = "participants (all their quotes)" if cases == "participant" else "dyads (one person's quotes about a focal person)"
    doc = WordDocument("Change through time", f"{backend.study_name}. Cases: {kind}; Saldaña's descriptive questions "
                       "answered by graphstudy's rules (legend at the end).")
    for theme, rows in ch.groupby("theme", sort=False):
        doc.heading(str(rows["theme_name"].iloc[0]), 1)
        if summary is not None and groups is not None:
            mine = summary[summary["theme"] == theme]
            labels = [c for c in _changes.CHANGE_LABELS if mine[c].sum() > 0]
            table = mine[[by, "cases", "with_theme", *labels]].copy()
            table[by] = [groups.label(g) for g in mine[by]]
            doc.table(table.rename(columns={"with_theme": "with a row"}), caption=f"By {by}")
        table = pd.DataFrame({"case": rows["case"], "role": [info.role_label(r) for r in rows["role"]],
                              "change": rows["change"].str.replace(";", "; "), "series": rows["series"],
                              "stance change": rows["stance_change"]})
        doc.table(table, widths={"case": 3.6, "role": 2.6, "change": 3.2, "stance change": 2.8})
        for r in rows.to_dict("records"):
            ids = [q for q in r["evidence"].split(";") if q]
            _quotes(doc, ids, quotes, lead=f"{r['case']} ({r['change'].replace(';', ', ')}):")
            if r["note"]:
                doc.paragraph(f"{r['case']}: {r['note']}", italic=True)
    if ch.empty:
        doc.paragraph("No case has a change to show.", italic=True)
    doc.legend("The rules", _changes.__doc__)
    return doc.save(path)


def write_triangulation_docx(path: str | Path, source: Study | Backend, level: str = "theme", by: str = "role") -> Path:
    """``report triangulation`` as a Word document: per theme, the groups voicing it at each time point, with the quotes.

    Examples
    --------
    >>> import tempfile, pathlib, docx
    >>> from graphstudy import load_study
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "triangulation.docx"
    >>> d = docx.Document(str(write_triangulation_docx(out, load_study("tests/fixtures/carers"))))
    >>> [c.text for c in d.tables[0].rows[0].cells]
    ['time point', 'Patient', 'Family carer', 'Clinician', 'triangulation', 'stance by group']
    """
    backend = remembering(as_backend(source))
    info = backend.study_info()
    groups = grouping(backend, by)
    t = _triangulation.triangulation(backend, level=level, by=by)
    shown = [g for g in groups.order if g in t.columns]
    ids = [q for e in t["evidence"] for part in e.split(" | ") for q in part.partition(": ")[2].split(";") if q]
    quotes = quote_index(backend, ids)
    doc = WordDocument("Triangulation", f"{backend.study_name}. Which groups ({by}) voice each theme at each time point "
                       "(voiced/interviewed; - : nobody of the group interviewed then).")
    for _theme, rows in t.groupby("theme", sort=False):
        doc.heading(str(rows["theme_name"].iloc[0]), 1)
        table = pd.DataFrame({"time point": [f"{tp} ({info.timepoint_label(tp)})" if info.timepoint_label(tp) != tp else tp
                                             for tp in rows["timepoint"]]})
        for g in shown:
            table[groups.label(g)] = rows[g].tolist()
        table["triangulation"] = rows["triangulation"].tolist()
        table["stance by group"] = [
            "; ".join(f"{groups.label(part.partition(': ')[0])}: {part.partition(': ')[2]}" for part in s.split("; ") if part)
            for s in rows["stance_by_group"]]
        doc.table(table, widths={"time point": 3.2, "stance by group": 5.0})
        for r in rows.to_dict("records"):
            for part in [p for p in r["evidence"].split(" | ") if p]:
                g, _, qs = part.partition(": ")
                _quotes(doc, [q for q in qs.split(";") if q], quotes, lead=f"{r['timepoint']}, {groups.label(g)}:")
    doc.legend("The rules", _triangulation.__doc__)
    return doc.save(path)
