"""Word output: the one place graphstudy writes ``.docx`` files (with python-docx).

A results section is written in Word, so every report that a researcher
quotes from (``report portrait``, ``matrix``, ``changes``, ``triangulation``)
can write its result as a document: headings, real Word tables (not
tab-separated text), the quotes set apart with their citations, and the
rules the labels come from as a legend table at the end, so that a reader of
the document can check every label without the software.

:class:`WordDocument` is the small builder the reports use;
:func:`rule_tables` reads the rule tables out of a module's docstring (the
reStructuredText "simple tables" each report documents its rules in), so the
legend in the document is the table in the code, never a copy of it.

Examples
--------
>>> import tempfile, pathlib, docx, pandas as pd
>>> doc = WordDocument("Example", "a test")
>>> doc.heading("Themes")
>>> doc.table(pd.DataFrame({"theme": ["hope"], "T1": ["not interviewed"]}))
>>> doc.quote("I do her shopping.", "K1/F/40+/B", stance="negative")
>>> out = doc.save(pathlib.Path(tempfile.mkdtemp()) / "example.docx")
>>> back = docx.Document(str(out))
>>> [p.text for p in back.paragraphs if p.style.name.startswith("Heading")]
['Themes']
>>> back.tables[0].cell(1, 1).text
'not interviewed'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import GraphStudyError
from ..files import atomic_path

__all__ = ["GREYED", "WordDocument", "check_docx_path", "rule_tables"]

GREYED = ("not interviewed", "not yet in the study", "no longer in the study", "-")
"""Cell values shown in grey italics: nothing to read there (never "theme absent")."""

_HEAD_FILL = "DDE4EE"
_GREY_FILL = "EEEEEE"


def check_docx_path(path: str | Path) -> Path:
    """``path`` as a Path, when it ends in ``.docx`` and its folder exists (else GraphStudyError).

    Examples
    --------
    >>> check_docx_path("portrait.docx").name
    'portrait.docx'
    """
    path = Path(path)
    if path.suffix.lower() != ".docx":
        raise GraphStudyError(f"{path}: --docx writes a Word document (.docx); got '{path.suffix or 'no suffix'}'")
    if not path.parent.is_dir():
        raise GraphStudyError(f"{path}: the folder {path.parent} does not exist")
    return path


_BORDER = re.compile(r"^\s*=+(\s+=+)+\s*$")


_ROLE = re.compile(r":[a-z]+:`~?([^`]+)`")


def _plain_rst(text: str) -> str:
    """Text without reStructuredText markup: ``:func:`x``` and ````x```` read as ``x``."""
    return _ROLE.sub(lambda m: m.group(1).rsplit(".", 1)[-1] if m.group(0).count("~") else m.group(1), text).replace("``", "")


def _cells(line: str, starts: list[int], cut: list[int | None]) -> list[str]:
    return [_plain_rst((line[a:b] if b is not None else line[a:]).strip()) for a, b in zip(starts, cut)]


_WORDS = re.compile(r"^[a-z]+(_[a-z]+)+$")


def _header(name: str) -> str:
    """A column's header: ``since_previous`` reads ``since previous``; ids such as ``T3_1`` stay as they are."""
    return name.replace("_", " ") if _WORDS.match(name) else name


def rule_tables(doc: str | None) -> list[pd.DataFrame]:
    """The reStructuredText simple tables in a docstring, as DataFrames (header row as columns).

    A line whose first column is blank continues the row above it (the way
    the reports' docstrings wrap long rules).

    Examples
    --------
    >>> text = '''
    ... =====  ======================
    ... label  rule
    ... =====  ======================
    ... up     more after than before
    ...        (both at least 1)
    ... down   fewer after
    ... =====  ======================
    ... '''
    >>> rule_tables(text)[0].values.tolist()
    [['up', 'more after than before (both at least 1)'], ['down', 'fewer after']]
    """
    lines = (doc or "").splitlines()
    found: list[pd.DataFrame] = []
    i = 0
    while i < len(lines):
        if not _BORDER.match(lines[i]):
            i += 1
            continue
        border = lines[i]
        starts = [m.start() for m in re.finditer(r"=+", border)]
        block: list[str] = []
        j = i + 1
        borders = 1
        while j < len(lines) and borders < 3:
            if _BORDER.match(lines[j]):
                borders += 1
                if borders == 2:
                    block.append("\x00")  # the line under the header
            elif lines[j].strip():
                block.append(lines[j])
            j += 1
        if borders < 3 or "\x00" not in block:
            i = j
            continue
        split = block.index("\x00")
        cut = [*starts[1:], None]

        header = _cells(block[0], starts, cut)
        rows: list[list[str]] = []
        for line in block[split + 1:]:
            got = _cells(line, starts, cut)
            if rows and not got[0]:
                rows[-1] = [f"{a} {b}".strip() for a, b in zip(rows[-1], got)]
            else:
                rows.append(got)
        found.append(pd.DataFrame(rows, columns=header))
        i = j
    return found


def _shade(cell: Any, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    props = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    props.append(shd)


def _repeat_header(row: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    props = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    props.append(flag)


class WordDocument:
    """A Word document under construction: a title, then headings, paragraphs, tables, quotes and legends.

    Parameters
    ----------
    title : str
        The document's title (also its core property ``title``).
    subtitle : str, optional
        A line under the title (the study, what was asked).
    landscape : bool
        Lay the pages out landscape (wide matrices).
    """

    def __init__(self, title: str, subtitle: str = "", landscape: bool = False) -> None:
        import docx
        from docx.enum.section import WD_ORIENT
        from docx.shared import Cm, Pt

        self._doc = docx.Document()
        self._doc.core_properties.title = title
        self._doc.core_properties.author = "graphstudy"
        normal = self._doc.styles["Normal"]
        normal.font.name = "Calibri"
        normal.font.size = Pt(10.5)
        section = self._doc.sections[0]
        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = section.page_height, section.page_width
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(2.0))
        self._doc.add_heading(title, level=0)
        if subtitle:
            self._doc.add_paragraph(subtitle, style="Subtitle")

    def heading(self, text: str, level: int = 1) -> None:
        """A heading (level 1 to 4)."""
        self._doc.add_heading(text, level=level)

    def paragraph(self, text: str = "", bold_lead: str = "", italic: bool = False, style: str | None = None) -> None:
        """A paragraph; ``bold_lead`` is set in bold before the text (``"Role: "`` then the value)."""
        p = self._doc.add_paragraph(style=style)
        if bold_lead:
            p.add_run(bold_lead).bold = True
        run = p.add_run(text)
        run.italic = italic

    def bullets(self, items: Iterable[str]) -> None:
        """A bulleted list, one item a line."""
        for item in items:
            self._doc.add_paragraph(item, style="List Bullet")

    def quote(self, text: str, citation: str, stance: str = "", note: str = "") -> None:
        """A quote set apart: the words in italics inside quotation marks, then ``(citation; stance)``."""
        from docx.shared import Cm, Pt, RGBColor

        p = self._doc.add_paragraph()
        p.paragraph_format.left_indent = Cm(1.0)
        p.paragraph_format.space_after = Pt(4)
        words = p.add_run(f"“{text}”")
        words.italic = True
        tail = "; ".join(x for x in (citation, stance) if x)
        if tail:
            cite = p.add_run(f" ({tail})")
            cite.font.color.rgb = RGBColor(0x55, 0x55, 0x55)
        if note:
            extra = p.add_run(f" {note}")
            extra.font.size = Pt(9)

    def table(self, frame: pd.DataFrame, widths: dict[str, float] | None = None, font_size: float = 9,
              caption: str = "", grey: bool = True) -> None:
        """A real Word table of ``frame``: a shaded, bold header row repeated on each page, wrapped cells.

        Cells reading one of :data:`GREYED` are shaded grey in italics (unless ``grey=False``);
        ``widths`` gives columns their width in centimetres. An empty frame
        gives the line "(no rows)".
        """
        from docx.shared import Cm, Pt, RGBColor

        if caption:
            self._doc.add_paragraph(caption, style="Caption")
        if frame.empty:
            self.paragraph("(no rows)", italic=True)
            return
        cols = [str(c) for c in frame.columns]
        t = self._doc.add_table(rows=1, cols=len(cols))
        t.style = "Table Grid"
        head = t.rows[0]
        _repeat_header(head)
        for cell, name in zip(head.cells, cols):
            cell.text = ""
            run = cell.paragraphs[0].add_run(_header(name))
            run.bold = True
            run.font.size = Pt(font_size)
            _shade(cell, _HEAD_FILL)
        for values in frame.itertuples(index=False, name=None):
            row = t.add_row()
            for cell, value in zip(row.cells, values):
                text = "" if value is None or (isinstance(value, float) and value != value) else str(value)
                lines = text.split("\n")
                para = cell.paragraphs[0]
                for k, line in enumerate(lines):
                    run = para.add_run(line)
                    run.font.size = Pt(font_size)
                    if grey and text in GREYED:
                        run.italic = True
                        run.font.color.rgb = RGBColor(0x77, 0x77, 0x77)
                    if k < len(lines) - 1:
                        run.add_break()
                if grey and text in GREYED:
                    _shade(cell, _GREY_FILL)
        if widths:
            section = self._doc.sections[-1]
            usable = (int(section.page_width or 0) - int(section.left_margin or 0) - int(section.right_margin or 0)) / 360000  # EMU to cm
            fixed = sum(widths.get(c, 0.0) for c in cols)
            rest = [c for c in cols if c not in widths]
            share = max(1.5, (usable - fixed) / len(rest)) if rest else 0.0
            t.autofit = False
            for k, name in enumerate(cols):
                width = Cm(widths.get(name, share))
                t.columns[k].width = width
                for cell in t.columns[k].cells:
                    cell.width = width
        self._doc.add_paragraph()

    def legend(self, title: str, doc: str | None, intro: str = "", only: Iterable[str] = ()) -> None:
        """The rules a report's labels come from: the simple tables of ``doc`` (a module docstring) as Word tables.

        ``only`` keeps the tables whose first column is headed by one of its words (all when empty).
        """
        self.heading(title, level=2)
        if intro:
            self.paragraph(intro)
        wanted = set(only)
        for rules in rule_tables(doc):
            if not wanted or str(rules.columns[0]) in wanted:
                self.table(rules, font_size=8.5, grey=False)

    def page_break(self) -> None:
        self._doc.add_page_break()

    def save(self, path: str | Path) -> Path:
        """Write the document to ``path`` (``.docx``), atomically: a failure leaves no half-written file."""
        path = check_docx_path(path)
        with atomic_path(path) as tmp:
            self._doc.save(str(tmp))
        return path
