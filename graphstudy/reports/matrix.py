"""Trajectory and cross-case matrices, after Grossoehme and Lipstein (2016).

Grossoehme and Lipstein ("Analyzing longitudinal qualitative data: the
application of trajectory and recurrent cross-sectional approaches", *BMC
Research Notes* 9:136) read longitudinal data through two kinds of matrix:

- a **trajectory matrix** per case: themes down the side, occasions across,
  each cell holding the case's evidence at that occasion
  (:func:`case_matrix`);
- a **cross-case matrix**: themes down the side, cases across, each cell
  describing how the theme changed for that case (:func:`cross_case_matrix`),
  in the words of :mod:`graphstudy.reports.changes`.

:func:`evidence` gives the same content as one long table (a row per case,
theme and occasion), the easiest form to filter or join, and
:func:`write_framework_matrix` writes it all as an ``.xlsx`` workbook laid out
like NVivo's framework matrices: quotes in the cells, text wrapped, the
header row and theme column frozen.

Every cell tells "not interviewed at that occasion" (``not interviewed``)
apart from "interviewed, theme absent" (empty).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from ..engines.base import Backend
from ..errors import GraphStudyError
from ..files import atomic_path
from ..frames import each
from ..model import Study
from ..queries import Codebook, as_backend
from .changes import NOT_INTERVIEWED, CaseData, case_data, changes_of

__all__ = ["NOT_INTERVIEWED_CELL", "case_matrix", "check_xlsx_path", "cross_case_matrix", "evidence", "write_framework_matrix"]

NOT_INTERVIEWED_CELL = "not interviewed"
"""What a trajectory-matrix cell says when the case was not interviewed at that occasion."""

EVIDENCE_COLUMNS = ["case", "kind", "participant", "role", "focal", "theme", "theme_name", "change", "occasion",
                    "status", "count", "stance", "quote_ids", "quotes"]


def _quote_cell(ids: list[str], texts: dict[str, str], stances: dict[str, str]) -> str:
    parts = []
    for q in ids:
        tag = f"{q}, {stances[q]}" if stances.get(q) else q
        parts.append(f"“{texts.get(q, '')}” [{tag}]")
    return "\n\n".join(parts)


def evidence(source: Study | Backend, by: str = "participant", level: str = "subtheme",
             cases: list[str] | None = None) -> pd.DataFrame:
    """The evidence behind every case's trajectory: one row per case, theme and occasion.

    Rows cover each theme that :func:`~graphstudy.reports.changes.changes`
    reports for the case (so ``missing`` themes appear, with no quotes) and
    each occasion at which the case's stakeholder group was interviewed.

    Returns
    -------
    pandas.DataFrame
        Columns ``case, kind, participant, role, focal, theme, theme_name,
        change, occasion, status, count, stance, quote_ids, quotes``;
        ``status`` is ``not interviewed``, ``absent`` or ``present``;
        ``quotes`` holds the quote texts, each followed by ``[id, stance]``.

    Examples
    --------
    >>> from graphstudy import load_study
    >>> e = evidence(load_study(), cases=["Co-worker07"])
    >>> e[e["theme"] == "uncertainty"][["occasion", "status", "quote_ids"]].values.tolist()
    [['T2_1', 'not interviewed', ''], ['T2_2', 'not interviewed', ''], ['T3_1', 'present', 'q011'], ['T3_2', 'present', 'q012']]

    Notes
    -----
    Cost of :func:`~graphstudy.reports.changes.changes` plus one ``quotes``
    look-up for the quotes shown.
    """
    backend = as_backend(source)
    data = case_data(backend, by=by, level=level)
    return _evidence(backend, data, changes_of(data, by=by, cases=cases))


def _evidence(backend: Backend, data: CaseData, ch: pd.DataFrame) -> pd.DataFrame:
    """:func:`evidence` from gathered cases and their :func:`~graphstudy.reports.changes.changes`."""
    lookup = {(str(r["case"]), str(r["occasion"]), str(r["theme"])): r for r in data.counts.to_dict("records")}
    ids = sorted({q for e in ch["evidence"] for q in e.split(";") if q})
    qt = backend.quotes(ids) if ids else pd.DataFrame(columns=["id", "text", "stance"])
    texts, stances = dict(each(qt, "id", "text")), dict(each(qt, "id", "stance"))
    rows = []
    for r in ch.to_dict("records"):
        seen = data.interviewed.get(r["case"], data.interviewed.get(r["participant"], []))
        for cell in r["series"].split(" "):
            occ, _, value = cell.rpartition("=")
            hit = lookup.get((r["case"], occ, r["theme"]))
            status = "not interviewed" if value == NOT_INTERVIEWED or occ not in seen else ("present" if hit else "absent")
            qids = list(hit["quotes"]) if hit else []
            rows.append({**{k: r[k] for k in ("case", "kind", "participant", "role", "focal", "theme", "theme_name", "change")},
                         "occasion": occ, "status": status, "count": int(hit["count"]) if hit else 0,
                         "stance": hit["stance"] if hit else "", "quote_ids": ";".join(qids),
                         "quotes": _quote_cell(qids, texts, stances)})
    return pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)


def case_matrix(source: Study | Backend, case: str, by: str = "participant", level: str = "subtheme",
                ev: pd.DataFrame | None = None) -> pd.DataFrame:
    """One case's trajectory matrix: themes x occasions, the quotes in the cells.

    Parameters
    ----------
    case : str
        A participant id, or (``by="dyad"``) a dyad such as ``"Sue & Co-worker07"``.
    ev : pandas.DataFrame, optional
        The output of :func:`evidence`, to reuse instead of asking again.

    Returns
    -------
    pandas.DataFrame
        Columns ``theme, theme_name, change`` then one per occasion at which the
        case's stakeholder group was interviewed. A cell holds the quotes (text
        then ``[id, stance]``), is empty when the case was interviewed and the
        theme absent, and reads ``not interviewed`` otherwise.

    Examples
    --------
    >>> from graphstudy import load_study
    >>> m = case_matrix(load_study(), "Sue & Co-worker07", by="dyad")
    >>> m.loc[m["theme"] == "uncertainty", ["T2_1", "change"]].values.tolist()
    [['not interviewed', 'constant']]
    """
    ev = evidence(source, by=by, level=level, cases=[case]) if ev is None else ev
    ev = ev[ev["case"] == case]
    if ev.empty:
        raise GraphStudyError(f"case '{case}' has no theme to show (is it a {by} with an interview?)")
    occ = list(dict.fromkeys(ev["occasion"]))
    rows = []
    for (theme, name, change), grp in ev.groupby(["theme", "theme_name", "change"], sort=False):
        cells = {o: (NOT_INTERVIEWED_CELL if st == "not interviewed" else q)
                 for o, st, q in each(grp, "occasion", "status", "quotes")}
        rows.append({"theme": theme, "theme_name": name, "change": change, **{o: cells.get(o, "") for o in occ}})
    return pd.DataFrame(rows, columns=["theme", "theme_name", "change", *occ])


def _describe(change: str, series: str, stance_change: str) -> str:
    steps = ", ".join(c for c in series.split(" ") if not c.endswith("=" + NOT_INTERVIEWED))
    text = f"{change}: {steps}"
    return text + (f"; {stance_change}" if stance_change else "")


def cross_case_matrix(source: Study | Backend, by: str = "participant", level: str = "subtheme",
                      cases: list[str] | None = None) -> pd.DataFrame:
    """Themes x cases, each cell describing how the theme changed for the case.

    Returns
    -------
    pandas.DataFrame
        Columns ``theme, theme_name`` then one per case (participant id or
        dyad), in the order of :func:`~graphstudy.reports.changes.changes`.
        A cell reads ``change: occasion=count, ...; stance change`` over the
        occasions the case was interviewed (e.g. ``constant: T3_1=1, T3_2=1;
        negative→positive``); it is empty when the theme gives the case no row.
        Rows follow the codebook; themes no case shows are left out.

    Examples
    --------
    >>> from graphstudy import load_study
    >>> m = cross_case_matrix(load_study())
    >>> m.loc[m["theme"] == "connections", "User16"].item()
    'constant: T3_1=1, T3_2=1; negative→positive'
    """
    data = case_data(as_backend(source), by=by, level=level)
    return _cross_case(changes_of(data, by=by, cases=cases), data.book)


def _cross_case(ch: pd.DataFrame, book: Codebook) -> pd.DataFrame:
    """:func:`cross_case_matrix` from a :func:`~graphstudy.reports.changes.changes` table."""
    order = list(dict.fromkeys(ch["case"]))
    names = dict(each(ch, "theme", "theme_name"))
    cell = {(t, c): _describe(ch_, s, sc)
            for t, c, ch_, s, sc in each(ch, "theme", "case", "change", "series", "stance_change")}
    rows = [{"theme": t, "theme_name": names[t], **{c: cell.get((t, c), "") for c in order}} for t in book.ordered(ch["theme"])]
    return pd.DataFrame(rows, columns=["theme", "theme_name", *order])


def check_xlsx_path(path: str | Path) -> Path:
    """``path`` as a Path, when it ends in ``.xlsx`` and its folder exists (else GraphStudyError).

    Examples
    --------
    >>> check_xlsx_path("framework.xlsx").name
    'framework.xlsx'
    """
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise GraphStudyError(f"{path}: a framework matrix is written as .xlsx; got '{path.suffix or 'no suffix'}'")
    if not path.parent.is_dir():
        raise GraphStudyError(f"{path}: the folder {path.parent} does not exist")
    return path


def _sheet_name(name: str, used: set[str]) -> str:
    clean = "".join("_" if ch in '[]:*?/\\' else ch for ch in name).strip("'")[:31] or "case"
    out, i = clean, 2
    while out.lower() in used:
        suffix = f" ({i})"
        out, i = clean[: 31 - len(suffix)] + suffix, i + 1
    used.add(out.lower())
    return out


EXCEL_CELL_LIMIT = 32767


def _fit(value: object) -> str:
    text = "" if value is None else str(value)
    if len(text) > EXCEL_CELL_LIMIT:
        note = " … (cut at Excel's cell limit; see `graphstudy report matrix --long --format csv`)"
        text = text[: EXCEL_CELL_LIMIT - len(note)] + note
    return text


def _write_sheet(ws: Any, frame: pd.DataFrame, widths: dict[str, float], default_width: float, frozen: int) -> None:
    """One sheet: bold shaded header, wrapped top-aligned cells, grey `not interviewed`, ``frozen`` columns fixed."""
    from openpyxl.styles import Alignment, Font, PatternFill

    head = PatternFill("solid", fgColor="DDE4EE")
    grey = PatternFill("solid", fgColor="EEEEEE")
    wrap = Alignment(wrap_text=True, vertical="top")
    ws.append(list(frame.columns))
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = head
        cell.alignment = wrap
    for row in frame.itertuples(index=False):
        ws.append([_fit(v) for v in row])
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = wrap
            if cell.value == NOT_INTERVIEWED_CELL:
                cell.fill = grey
                cell.font = Font(italic=True, color="777777")
    for i, col in enumerate(frame.columns, start=1):
        ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = widths.get(col, default_width)
    ws.freeze_panes = ws.cell(row=2, column=frozen + 1)


def write_framework_matrix(path: str | Path, source: Study | Backend, by: str = "participant",
                           level: str = "subtheme", cases: list[str] | None = None) -> Path:
    """Write an ``.xlsx`` framework matrix: a key, the cross-case matrix, then one sheet per case.

    The cross-case sheet has themes down the side and cases across, each cell
    describing the change; each case's sheet has themes down the side and
    occasions across, the quotes in the cells (as in NVivo's framework
    matrices). Text wraps, the header row and theme columns stay frozen, and
    ``not interviewed`` cells are greyed. The file is written to a temporary
    name and then moved into place, so a failure leaves no half-written file.

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    GraphStudyError
        When ``path`` does not end in ``.xlsx`` or cannot be written.

    Examples
    --------
    >>> import tempfile, pathlib, openpyxl
    >>> from graphstudy import load_study
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "framework.xlsx"
    >>> wb = openpyxl.load_workbook(write_framework_matrix(out, load_study(), cases=["User16"]))
    >>> wb.sheetnames
    ['Key', 'Across cases', 'User16']

    Notes
    -----
    Cost of :func:`evidence`; the workbook holds every quote shown once per cell.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    path = check_xlsx_path(path)
    backend = as_backend(source)
    data = case_data(backend, by=by, level=level)
    ch = changes_of(data, by=by, cases=cases)
    ev = _evidence(backend, data, ch)
    across = _cross_case(ch, data.book)
    wb = Workbook()
    key = wb.active
    key.title = "Key"
    for line in _key_lines(by, level, backend.study_name):
        key.append(line)
    key.column_dimensions["A"].width = 22
    key.column_dimensions["B"].width = 100
    for row in key.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    key.cell(row=key.max_row, column=2).font = Font(name="Consolas", size=9)
    used = {"key", "across cases"}
    _write_sheet(wb.create_sheet("Across cases"), across, {"theme": 22, "theme_name": 36}, 30, frozen=2)
    for case in dict.fromkeys(ev["case"]):
        m = case_matrix(backend, case, by=by, level=level, ev=ev)
        _write_sheet(wb.create_sheet(_sheet_name(case, used)), m, {"theme": 22, "theme_name": 30, "change": 18}, 55,
                     frozen=3)
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return path


def _key_lines(by: str, level: str, study: str) -> list[list[str]]:
    from .changes import __doc__ as rules

    return [
        ["study", study],
        ["cases", "participants (all their quotes)" if by == "participant" else "dyads (one person's quotes about one focal person, while their relationship held)"],
        ["themes", "as coded (sub-themes)" if level == "subtheme" else "rolled up to top-level themes"],
        ["Across cases", "themes x cases; each cell: the change labels, the number of quotes at each occasion the case was interviewed, then any turn of stance"],
        ["case sheets", "themes x occasions; each cell: the quotes, each followed by [quote id, stance]"],
        [NOT_INTERVIEWED_CELL, "the case was not interviewed at that occasion (grey)"],
        ["empty cell", "the case was interviewed at that occasion and the theme is absent"],
        ["change rules", (rules or "").strip()],
    ]
