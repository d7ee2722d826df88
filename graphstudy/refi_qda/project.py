"""The parts of a REFI-QDA project document, as plain records.

:func:`read_project` walks the parsed ``project.qde`` once and returns its
users, codes (flattened, each with its parent), cases, text sources with their
selections and codings, notes and links, each remembering where it is in the
file. Nothing here decides what the records mean for a study; that is
:mod:`graphstudy.refi_qda.reader`'s job.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import Problem
from .safexml import XmlDoc, by_tag, child, child_text, children, local

__all__ = ["Case", "Code", "CodingRecord", "Link", "Note", "Project", "Selection", "Source", "guid_of", "read_codes", "read_project"]

SOURCE_KINDS = ("TextSource", "PictureSource", "PDFSource", "AudioSource", "VideoSource")
_VALUE_TAGS = ("TextValue", "BooleanValue", "IntegerValue", "FloatValue", "DateValue", "DateTimeValue")


def guid_of(value: str | None) -> str:
    """A GUID in one spelling: lower case, no braces.

    Examples
    --------
    >>> guid_of("{7154A758-6873-4134-BADD-AE1DC04D3086}")
    '7154a758-6873-4134-badd-ae1dc04d3086'
    """
    return (value or "").strip().strip("{}").lower()


@dataclass
class Code:
    guid: str
    name: str
    parent: str
    description: str
    color: str
    note_refs: list[str]
    where: int


@dataclass
class CodingRecord:
    guid: str
    code: str
    user: str
    note_refs: list[str]
    where: int


@dataclass
class Selection:
    guid: str
    name: str
    start: int | None
    end: int | None
    description: str
    codings: list[CodingRecord]
    user: str
    note_refs: list[str]
    where: int


@dataclass
class Source:
    guid: str
    name: str
    kind: str
    plain_path: str
    content: str | None
    description: str
    selections: list[Selection]
    codings: list[CodingRecord]
    note_refs: list[str]
    variables: dict[str, tuple[str, int]]
    where: int
    other_selections: int = 0


@dataclass
class Case:
    guid: str
    name: str
    description: str
    variables: dict[str, tuple[str, int]]
    source_refs: list[str]
    selection_refs: list[str]
    where: int


@dataclass
class Link:
    guid: str
    name: str
    origin: str
    target: str
    note_refs: list[str]
    where: int


@dataclass
class Note:
    guid: str
    name: str
    content: str | None
    plain_path: str
    where: int


@dataclass
class Project:
    """Everything graphstudy reads from a ``project.qde``."""

    doc: XmlDoc
    name: str
    origin: str
    description: str
    users: dict[str, str] = field(default_factory=dict)
    codes: list[Code] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    notes: dict[str, Note] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)
    note_refs: list[str] = field(default_factory=list)


def _refs(elem, tag: str) -> list[str]:
    return [guid_of(r.get("targetGUID")) for r in children(elem, tag)]


def _position(doc: XmlDoc, sel, attr: str, problems: list[Problem]) -> int | None:
    raw = sel.get(attr)
    try:
        return int(str(raw).strip())
    except (TypeError, ValueError):
        problems.append(Problem(doc.file_for("PlainTextSelection"), doc.where(sel), attr,
                                f"expected a whole number, got {raw!r}"))
        return None


def _variables(doc: XmlDoc, elem, names: dict[str, str], problems: list[Problem]) -> dict[str, tuple[str, int]]:
    """``{variable name: (value, where the VariableValue is)}``."""
    out: dict[str, tuple[str, int]] = {}
    for vv in children(elem, "VariableValue"):
        vref = child(vv, "VariableRef")
        ref = guid_of(vref.get("targetGUID") if vref is not None else "")
        if ref not in names:
            problems.append(Problem(doc.file_for("VariableValue"), doc.where(vv), "VariableRef",
                                    f"refers to variable '{ref}', which is not in <Variables>; the value is ignored", "warning"))
            continue
        value = next(((v.text or "").strip() for v in vv if local(v) in _VALUE_TAGS), "")
        out[names[ref]] = (value, doc.where(vv))
    return out


def _coding(doc: XmlDoc, elem) -> CodingRecord:
    code, notes = "", []
    for c in elem:  # one pass: there are as many codings as quotes, or more
        if c.tag == "CodeRef" and not code:
            code = guid_of(c.get("targetGUID"))
        elif c.tag == "NoteRef":
            notes.append(guid_of(c.get("targetGUID")))
    return CodingRecord(guid_of(elem.get("guid")), code, guid_of(elem.get("creatingUser")), notes, doc.where(elem))


def _selection(doc: XmlDoc, sel, problems: list[Problem]) -> Selection:
    kids = by_tag(sel)
    description = kids.get("Description", [None])[0]
    return Selection(guid_of(sel.get("guid")), (sel.get("name") or "").strip(),
                     _position(doc, sel, "startPosition", problems), _position(doc, sel, "endPosition", problems),
                     (description.text or "").strip() if description is not None else "",
                     [_coding(doc, c) for c in kids.get("Coding", [])], guid_of(sel.get("creatingUser")),
                     [guid_of(r.get("targetGUID")) for r in kids.get("NoteRef", [])], doc.where(sel))


def read_codes(doc: XmlDoc, codes_elem) -> list[Code]:
    """The codes under a ``<Codes>`` element, flattened, each with its parent's GUID."""
    out: list[Code] = []
    stack = [(c, "") for c in reversed(children(codes_elem, "Code"))]
    while stack:  # iterative: a deeply nested codebook cannot exhaust the call stack
        elem, parent = stack.pop()
        guid = guid_of(elem.get("guid"))
        out.append(Code(guid, (elem.get("name") or "").strip(), parent, child_text(elem, "Description").strip(),
                        (elem.get("color") or "").strip(), _refs(elem, "NoteRef"), doc.where(elem)))
        stack.extend((c, guid) for c in reversed(children(elem, "Code")))
    return out


def read_project(doc: XmlDoc, problems: list[Problem]) -> Project:
    """Read the records of a parsed project document.

    Parameters
    ----------
    doc : XmlDoc
        From :func:`~graphstudy.refi_qda.safexml.parse_xml`.
    problems : list of Problem
        Where to add what is wrong (positions that are not numbers, values of
        unknown variables).

    Notes
    -----
    O(n) in the number of elements.
    """
    root = doc.root
    if local(root) != "Project":
        from ..errors import QDAError

        raise QDAError(f"{doc.label}: the root element is <{local(root)}>, expected <Project>; is this a REFI-QDA project?")
    p = Project(doc=doc, name=(root.get("name") or "").strip(), origin=(root.get("origin") or "").strip(),
                description=child_text(root, "Description").strip(), note_refs=_refs(root, "NoteRef"))
    for u in children(child(root, "Users"), "User"):
        p.users[guid_of(u.get("guid"))] = (u.get("name") or "").strip()
    p.codes = read_codes(doc, child(child(root, "CodeBook"), "Codes"))
    var_names = {guid_of(v.get("guid")): (v.get("name") or "").strip() for v in children(child(root, "Variables"), "Variable")}
    for c in children(child(root, "Cases"), "Case"):
        p.cases.append(Case(guid_of(c.get("guid")), (c.get("name") or "").strip(), child_text(c, "Description").strip(),
                            _variables(doc, c, var_names, problems), _refs(c, "SourceRef"), _refs(c, "SelectionRef"),
                            doc.where(c)))
    sources = child(root, "Sources")
    for s in list(sources) if sources is not None else []:
        kind = local(s)
        if kind not in SOURCE_KINDS:
            continue
        kids = by_tag(s)
        sels = [_selection(doc, sel, problems) for sel in kids.get("PlainTextSelection", [])]
        other = sum(len(kids.get(t, [])) for t in ("PictureSelection", "PDFSelection", "AudioSelection", "VideoSelection"))
        content = kids.get("PlainTextContent", [None])[0]
        description = kids.get("Description", [None])[0]
        p.sources.append(Source(guid_of(s.get("guid")), (s.get("name") or "").strip(), kind,
                                (s.get("plainTextPath") or "").strip(), content.text or "" if content is not None else None,
                                (description.text or "").strip() if description is not None else "", sels,
                                [_coding(doc, c) for c in kids.get("Coding", [])],
                                [guid_of(r.get("targetGUID")) for r in kids.get("NoteRef", [])],
                                _variables(doc, s, var_names, problems), doc.where(s), other))
    for n in children(child(root, "Notes"), "Note"):
        content = child(n, "PlainTextContent")
        p.notes[guid_of(n.get("guid"))] = Note(guid_of(n.get("guid")), (n.get("name") or "").strip(),
                                               content.text or "" if content is not None else None,
                                               (n.get("plainTextPath") or "").strip(), doc.where(n))
    for ln in children(child(root, "Links"), "Link"):
        p.links.append(Link(guid_of(ln.get("guid")), (ln.get("name") or "").strip(), guid_of(ln.get("originGUID")),
                            guid_of(ln.get("targetGUID")), _refs(ln, "NoteRef"), doc.where(ln)))
    return p
