"""The two approaches written for the write-up: an ``.xlsx`` with a column for the researcher's interpretation, and ``.docx``.

Lewis (2007) asks the analyst to re-read the data wave after wave and to
record their own reinterpretations beside it. Every sheet of the workbooks
written here that holds a row per cell of the matrix ends with an empty
``interpretation`` column for that. When the workbook is written again (new
data, another wave), what the researcher wrote there is **kept**: each row's
interpretation is carried over by the row's key (case and theme; time point
and theme; theme), and any interpretation whose row no longer exists is moved
to the sheet ``Earlier interpretations`` (with its key), never dropped; if
its row comes back at a later writing, it returns to it.

A file at the path that cannot be read as a workbook is refused (one line),
so a researcher's file is never overwritten by accident.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from ..engines.base import Backend
from ..engines.memo import remembering
from ..errors import GraphStudyError
from ..files import atomic_path
from ..frames import each
from ..model import Study
from ..queries import as_backend
from . import approaches as _approaches
from .approaches import check_approach, cohorts, cross_sectional_matrix, trajectory_matrix
from .compare import grouping
from .matrix import _write_sheet, check_xlsx_path
from .word import WordDocument, rule_tables
from .word_reports import quote_index

__all__ = ["INTERPRETATION", "KEPT_SHEET", "read_interpretations", "write_approach_docx", "write_approach_xlsx"]

INTERPRETATION = "interpretation"
"""The header of the column kept for the researcher's own words."""

KEPT_SHEET = "Earlier interpretations"

KEYS = {"Trajectory": ("case", "theme"), "Across cases": ("theme",), "Cross-sectional": ("timepoint", "theme")}
"""Each sheet's row key: what an interpretation is carried over by."""


def read_interpretations(path: str | Path) -> dict[str, dict[tuple[str, ...], str]]:
    """``{sheet: {row key: interpretation}}`` of a workbook this module wrote (empty when there is no file).

    Rows of ``Earlier interpretations`` are read back under the sheet they
    came from.

    Raises
    ------
    GraphStudyError
        When a file is there but is not a workbook openpyxl can read.
    """
    path = Path(path)
    if not path.exists():
        return {}
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 (openpyxl raises many kinds for a file that is not a workbook)
        raise GraphStudyError(f"{path}: there is a file here that is not a readable workbook ({type(exc).__name__}); "
                              "it may hold your interpretations: move it away or write to another name") from None
    found: dict[str, dict[tuple[str, ...], str]] = {}
    for ws in wb.worksheets:
        rows = list(ws.iter_rows(values_only=True))
        if not rows:
            continue
        header = [str(h) if h is not None else "" for h in rows[0]]
        if INTERPRETATION not in header:
            continue
        at = header.index(INTERPRETATION)
        if ws.title == KEPT_SHEET:
            for row in rows[1:]:
                text = row[at] if at < len(row) else None
                if row[0] and text:
                    key = tuple(str(v) for v in row[1:at] if v is not None and str(v) != "")
                    found.setdefault(str(row[0]), {}).setdefault(key, str(text))
            continue
        cols = KEYS.get(ws.title)
        if cols is None or not all(c in header for c in cols):
            continue
        idx = [header.index(c) for c in cols]
        for row in rows[1:]:
            text = row[at] if at < len(row) else None
            if text:
                found.setdefault(ws.title, {})[tuple(str(row[i]) for i in idx)] = str(text)
    wb.close()
    return found


def _with_interpretation(frame: pd.DataFrame, sheet: str, kept: dict[str, dict[tuple[str, ...], str]]) -> pd.DataFrame:
    cols = KEYS[sheet]
    earlier = kept.get(sheet, {})
    keys = [tuple(str(v) for v in vals) for vals in zip(*(frame[c] for c in cols))] if not frame.empty else []
    used = set(keys)
    kept[sheet] = {k: v for k, v in earlier.items() if k not in used}  # what is left is written to the kept sheet
    return frame.assign(**{INTERPRETATION: [earlier.get(k, "") for k in keys]})


def _labelled(frame: pd.DataFrame, backend: Backend, occasions: list[str], groups: list[str], group_labels: dict[str, str]) -> pd.DataFrame:
    info = backend.study_info()
    names = {}
    for o in occasions:
        tp = o.rsplit("_", 1)[0] if o not in info.timepoint_order else o
        label = info.timepoint_label(tp)
        names[o] = f"{o} ({label})" if label != tp else o
    names.update({g: group_labels.get(g, g) for g in groups})
    return frame.rename(columns=names)


def _key_sheet(wb: Any, approach: str, study: str, cases: str, level: str, by: str) -> None:
    from openpyxl.styles import Alignment, Font

    ws = wb.active
    ws.title = "Key"
    lines = [
        ["study", study],
        ["approach", f"{approach} (Grossoehme & Lipstein 2016)"],
        ["cases" if approach == "trajectory" else "groups",
         (("participants (all their quotes)" if cases == "participant" else "dyads (one person's quotes about a focal person)")
          if approach == "trajectory" else f"by {by}")],
        ["themes", "as coded (sub-themes)" if level == "subtheme" else "rolled up to top-level themes"],
        [INTERPRETATION, ("your own reading of the row (Lewis 2007); kept by the row's key when the file is written "
                         f"again; rows that no longer exist keep theirs in '{KEPT_SHEET}'")],
    ]
    for t in rule_tables(_approaches.__doc__):
        lines.append(["", ""])
        lines.extend([[str(a), str(b)] for a, b in zip(t.iloc[:, 0], t.iloc[:, 1])])
    for line in lines:
        ws.append(line)
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 100
    for row in ws.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        row[0].font = Font(bold=True)


def write_approach_xlsx(path: str | Path, source: Study | Backend, approach: str, cases: str = "participant",
                        level: str = "subtheme", by: str = "role", wanted: list[str] | None = None) -> Path:
    """Write one approach as an ``.xlsx``, keeping the interpretations a researcher wrote in the file there.

    Trajectory: sheets ``Key``, ``Trajectory`` (a row per case and theme, a
    column per occasion) and ``Across cases`` (themes x cases, the change
    summary per cell). Cross-sectional: ``Key``, ``Cross-sectional`` (a row
    per time point and theme, a column per group) and ``Cohorts``.

    Examples
    --------
    >>> import tempfile, pathlib, openpyxl
    >>> from graphstudy import load_study
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "trajectory.xlsx"
    >>> _ = write_approach_xlsx(out, load_study(), "trajectory")
    >>> wb = openpyxl.load_workbook(out); ws = wb["Trajectory"]
    >>> ws.cell(row=2, column=ws.max_column).value = "Eliza's support holds steady"
    >>> wb.save(out)
    >>> _ = write_approach_xlsx(out, load_study(), "trajectory")
    >>> read_interpretations(out)["Trajectory"][("Eliza", "supporting_psws")]
    "Eliza's support holds steady"

    Notes
    -----
    The cost of the approach's matrix, plus reading the earlier file.
    """
    from openpyxl import Workbook

    from .matrix import _cross_case

    check_approach(approach)
    path = check_xlsx_path(path)
    kept = read_interpretations(path)
    backend = remembering(as_backend(source))
    groups = grouping(backend, by)
    wb = Workbook()
    _key_sheet(wb, approach, backend.study_name, cases, level, by)
    if approach == "trajectory":
        t = trajectory_matrix(backend, cases=cases, level=level, by=by, wanted=wanted)
        occ = [c for c in t.columns if c not in ("case", "kind", "participant", "role", "group", "focal", "theme",
                                                  "theme_name", "change", "summary", "drop_out", "evidence")]
        t = t.assign(role=[backend.study_info().role_label(r) for r in t["role"]])
        t = _with_interpretation(t.drop(columns=["kind", "participant"] + ([] if by != "role" else ["group"])), "Trajectory", kept)
        _write_sheet(wb.create_sheet("Trajectory"), _labelled(t, backend, occ, [], {}),
                     {"case": 16, "theme": 16, "theme_name": 30, "summary": 34, INTERPRETATION: 50}, 18, frozen=5)
        from .changes import case_data, changes_of

        data = case_data(backend, by=cases, level=level)
        across = _cross_case(changes_of(data, by=cases, cases=wanted), data.book)
        across = _with_interpretation(across, "Across cases", kept)
        _write_sheet(wb.create_sheet("Across cases"), across, {"theme": 18, "theme_name": 34, INTERPRETATION: 50}, 30, frozen=2)
    else:
        x = cross_sectional_matrix(backend, by=by, level=level)
        shown = [g for g in groups.order if g in x.columns]
        x = _with_interpretation(x, "Cross-sectional", kept)
        _write_sheet(wb.create_sheet("Cross-sectional"), _labelled(x, backend, [], shown, groups.labels),
                     {"theme_name": 34, "evidence": 30, INTERPRETATION: 50}, 14, frozen=4)
        c = cohorts(backend, by=by)
        c = c.assign(group=[groups.label(g) if g != "all" else "all groups" for g in c["group"]])
        _write_sheet(wb.create_sheet("Cohorts"), c, {"not_returned_ids": 40}, 14, frozen=3)
    left = [(sheet, key, text) for sheet, rows in kept.items() for key, text in rows.items()]
    if left:
        width = max(len(k) for _, k, _ in left)
        frame = pd.DataFrame([[sheet, *key, *[""] * (width - len(key)), text] for sheet, key, text in left],
                             columns=["sheet", *[f"key {i + 1}" for i in range(width)], INTERPRETATION])
        _write_sheet(wb.create_sheet(KEPT_SHEET), frame, {INTERPRETATION: 60}, 20, frozen=1)
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return path


def _quote_lines(doc: WordDocument, ids: list[str], quotes: dict[str, dict[str, Any]], label: Any) -> None:
    for qid in ids:
        q = quotes.get(qid)
        if q is None:
            continue
        doc.quote(q["text"], q["cite"], q["stance"], note=f"[{qid}; {label(q)}]")


def write_approach_docx(path: str | Path, source: Study | Backend, approach: str, cases: str = "participant",
                        level: str = "subtheme", by: str = "role", wanted: list[str] | None = None) -> Path:
    """Write one approach as a Word document: a section per case (trajectory) or per time point (cross-sectional).

    Each section has the matrix as a real table, then the quotes behind it
    with their citations; the document ends with the rules as a legend.

    Examples
    --------
    >>> import tempfile, pathlib, docx
    >>> from graphstudy import load_study
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "cross.docx"
    >>> d = docx.Document(str(write_approach_docx(out, load_study(), "cross-sectional")))
    >>> [p.text for p in d.paragraphs if p.style.name == "Heading 1"][:2]
    ['T1: Training', 'T2: Placement']
    """
    check_approach(approach)
    backend = remembering(as_backend(source))
    info = backend.study_info()
    groups = grouping(backend, by)
    doc = WordDocument(f"{approach.capitalize()} matrix", f"{backend.study_name}. Grossoehme & Lipstein (2016); "
                       f"themes {'as coded' if level == 'subtheme' else 'rolled up to top-level themes'}.", landscape=True)
    if approach == "trajectory":
        t = trajectory_matrix(backend, cases=cases, level=level, by=by, wanted=wanted)
        quotes = quote_index(backend, [q for e in t["evidence"] for q in e.split(";") if q])
        fixed = ("case", "kind", "participant", "role", "group", "focal", "theme", "theme_name", "change", "summary",
                 "drop_out", "evidence")
        occ = [c for c in t.columns if c not in fixed]
        for case, rows in t.groupby("case", sort=False):
            first = rows.iloc[0]
            where = f", {by} {first['group']}" if by != "role" else ""
            who = f"{first['participant']} ({info.role_label(str(first['role']))}{where})"
            doc.heading(f"{case}: {who} about {first['focal']}" if first["kind"] == "dyad" else f"{case} ({info.role_label(str(first['role']))}{where})", 1)
            if first["drop_out"]:
                doc.paragraph(str(first["drop_out"]), italic=True)
            shown_occ = [o for o in occ if (rows[o] != "").any()]
            table = rows[["theme_name", *shown_occ, "change"]].rename(columns={"theme_name": "theme"})
            doc.table(table, widths={"theme": 4.5})
            doc.heading("The quotes", 3)
            for r in rows.to_dict("records"):
                ids = [q for q in r["evidence"].split(";") if q]
                if ids:
                    doc.paragraph(f"{r['theme_name']}: {r['summary']}", bold_lead="")
                    _quote_lines(doc, ids, quotes, lambda q: q["occasion"])
    else:
        x = cross_sectional_matrix(backend, by=by, level=level)
        c = cohorts(backend, by=by)
        quotes = quote_index(backend, [q for e in x["evidence"] for q in e.split(";") if q])
        people = backend.participants()
        role_of = dict(each(people, "id", "role"))
        shown = [g for g in groups.order if g in x.columns]
        for tp, rows in x.groupby("timepoint", sort=False):
            doc.heading(f"{tp}: {info.timepoint_label(str(tp))}", 1)
            everyone = c[(c["timepoint"] == tp) & (c["group"] == "all")]
            if not everyone.empty:
                doc.paragraph(_cohort_sentence({str(k): v for k, v in everyone.iloc[0].items()}, first=tp == x["timepoint"].iloc[0]))
            table = rows[["theme_name", *shown, "all", "since_previous"]].rename(
                columns={"theme_name": "theme", "all": "all groups", **{g: groups.label(g) for g in shown}})
            doc.table(table, widths={"theme": 5.5})
            doc.heading("The quotes", 3)
            for r in rows.to_dict("records"):
                ids = [q for q in r["evidence"].split(";") if q]
                if ids:
                    k, n = r["all"].split("/")
                    doc.paragraph(f"{r['theme_name']}: voiced by {k} of the {n} interviewed ({r['since_previous']})")
                    _quote_lines(doc, ids, quotes, lambda q: info.role_label(role_of.get(q["participant"], "")))
        doc.heading("Cohorts", 1)
        doc.table(c.assign(group=[groups.label(g) if g != "all" else "all groups" for g in c["group"]]))
    doc.legend("How to read the cells", _approaches.__doc__, only=("cell",) if approach == "trajectory" else ("since_previous",))
    return doc.save(path)


def _cohort_sentence(e: dict[str, Any], first: bool) -> str:
    """Who was interviewed at a time point, in one sentence (from a ``cohorts`` row)."""
    if first:
        return f"{e['interviewed']} interviewed, every one for the first time."
    parts = [f"{e['continuing']} also interviewed at the time point before", f"{e['returning']} back after a gap",
             f"{e['new']} for the first time"]
    gone = e["not_returned_ids"].replace(";", ", ")
    tail = f"; of those interviewed at the time point before, {e['not_returned']} were not interviewed now ({gone})" if gone else ""
    return f"{e['interviewed']} interviewed: " + ", ".join(parts) + tail + "."

