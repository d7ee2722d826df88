"""Parsing untrusted REFI-QDA XML safely, keeping where each element is.

Every REFI-QDA document is parsed here and nowhere else: with
:mod:`defusedxml`, no DTD, no entity declarations (so no "billion laughs"
expansion) and no external entities or references (so no XXE). Each element
remembers its line in the file and its number among the elements of its kind,
so a problem can say where it is.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from ..errors import QDAError

__all__ = ["XmlDoc", "by_tag", "child", "child_text", "children", "local", "parse_xml"]


def local(elem: ET.Element) -> str:
    """The element's tag: ``Code`` (namespaces are dropped when parsing)."""
    return elem.tag


def children(elem: ET.Element | None, name: str) -> list[ET.Element]:
    """The direct children called ``name``."""
    if elem is None:
        return []
    return [c for c in elem if c.tag == name]


def by_tag(elem: ET.Element | None) -> dict[str, list[ET.Element]]:
    """The direct children grouped by tag, in document order (one pass over them)."""
    out: dict[str, list[ET.Element]] = {}
    for c in elem if elem is not None else ():
        out.setdefault(c.tag, []).append(c)
    return out


def child(elem: ET.Element | None, name: str) -> ET.Element | None:
    """The first direct child called ``name``, or None."""
    found = children(elem, name)
    return found[0] if found else None


def child_text(elem: ET.Element | None, name: str) -> str:
    """The text of the first child called ``name``; ``""`` when there is none."""
    c = child(elem, name)
    return (c.text or "") if c is not None else ""


@dataclass
class XmlDoc:
    """A parsed document: its root, and ``(line, ordinal)`` of every element.

    Tags are plain names (``Code``): the namespace, the same for every element
    of a REFI-QDA document, is kept once in ``namespace``.

    ``ordinal`` is the element's 1-based number among the elements with the
    same tag. ``multiline`` is False for a document written on one line (as
    some tools do), where line numbers would not tell elements apart.
    """

    root: ET.Element
    label: str
    positions: dict = field(default_factory=dict)
    multiline: bool = True
    namespace: str = ""

    def where(self, elem: ET.Element) -> int:
        """The element's line, or its ordinal in a one-line document."""
        line, ordinal = self.positions.get(elem, (0, 0))
        return line if self.multiline else ordinal

    def file_for(self, tag: str) -> str:
        """How problems about ``tag`` elements name their file (see :meth:`where`)."""
        return self.label if self.multiline else f"{self.label}, {tag}"


class _Builder:
    """An ElementTree target that records each element's line and ordinal."""

    def __init__(self) -> None:
        self._tb = ET.TreeBuilder()
        self.parser: DefusedXMLParser | None = None
        self.positions: dict = {}
        self._counts: Counter = Counter()
        self.max_line = 1
        self.namespace = ""

    def start(self, tag, attrs):
        name = tag.rpartition("}")[2]
        if not self.namespace and name != tag:
            self.namespace = tag[1:].partition("}")[0]
        elem = self._tb.start(name, attrs)
        self._counts[name] += 1
        line = self.parser.parser.CurrentLineNumber if self.parser is not None else 0
        self.max_line = max(self.max_line, line)
        self.positions[elem] = (line, self._counts[name])
        return elem

    def end(self, tag):
        return self._tb.end(tag.rpartition("}")[2])

    def data(self, text):
        self._tb.data(text)

    def close(self):
        return self._tb.close()


def parse_xml(data: bytes, label: str) -> XmlDoc:
    """Parse an untrusted XML document.

    Parameters
    ----------
    data : bytes
        The document.
    label : str
        How messages name it, e.g. ``"study.qdpx:project.qde"``.

    Returns
    -------
    XmlDoc

    Raises
    ------
    QDAError
        When the document declares a DTD or entities, refers to anything
        external, or is not well-formed (damaged or truncated).

    Examples
    --------
    >>> doc = parse_xml(b'<Project xmlns="urn:QDA-XML:project:1.0" name="x">\\n<Users/>\\n</Project>', "p.qde")
    >>> local(doc.root), doc.where(doc.root[0])
    ('Project', 2)
    >>> parse_xml(b'<!DOCTYPE p [<!ENTITY a "aaaa">]><p>&a;</p>', "p.qde")
    Traceback (most recent call last):
    ...
    graphstudy.errors.QDAError: p.qde: refused: the XML declares a DTD (line 1); REFI-QDA files have none, and a DTD can hide entity expansion or external entities

    Notes
    -----
    O(n) in the size of the document; the whole tree is held in memory.
    """
    builder = _Builder()
    parser = DefusedXMLParser(target=builder, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    builder.parser = parser
    try:
        parser.feed(data)
        root = parser.close()
    except DefusedXmlException as exc:
        line = getattr(parser.parser, "CurrentLineNumber", 0)
        what = {
            "DTDForbidden": "the XML declares a DTD",
            "EntitiesForbidden": "the XML declares entities",
            "ExternalReferenceForbidden": "the XML refers to an external resource",
        }.get(type(exc).__name__, f"unsafe XML ({exc})")
        raise QDAError(
            f"{label}: refused: {what} (line {line}); REFI-QDA files have none, "
            "and a DTD can hide entity expansion or external entities"
        ) from None
    except ET.ParseError as exc:
        line, col = getattr(exc, "position", (0, 0))
        reason = str(exc).split(":")[0]
        raise QDAError(
            f"{label}, line {line}, column {col}: not well-formed XML ({reason}); the file is damaged or truncated"
        ) from None
    return XmlDoc(root=root, label=label, positions=builder.positions, multiline=builder.max_line > 1,
                  namespace=builder.namespace)
