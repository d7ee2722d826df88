"""A source's text, and cutting a selection out of it the way its tool counted.

REFI-QDA counts selection positions in Unicode code points from 0. Two tools
count differently, and their exports are read as they were written:

* ATLAS.ti counts a ``\\r\\n`` line end as one character;
* NVivo (a .NET program) counts UTF-16 code units, so every character outside
  the Basic Multilingual Plane (emoji, some CJK) counts twice. Checked on the
  NVivo 12.6 export in ``../shared/fixtures/qdpx``: its source holds 892 emoji,
  and only UTF-16 counting puts its 330 selections on the text's line and
  sentence boundaries.
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import accumulate

from .archive import SourceRefused

__all__ = ["POSITIONS", "SourceText", "decode_text", "positions_for"]

POSITIONS = ("auto", "codepoints", "utf16", "crlf")
"""How selection positions count: ``auto`` picks by the exporting tool."""


def positions_for(origin: str, requested: str = "auto") -> str:
    """How the tool that wrote ``origin`` counts positions.

    Examples
    --------
    >>> positions_for("NVivo for Windows 12.6"), positions_for("ATLAS.ti 9"), positions_for("qc 1.3.2")
    ('utf16', 'crlf', 'codepoints')
    >>> positions_for("NVivo 14", "codepoints")
    'codepoints'
    """
    if requested not in POSITIONS:
        raise ValueError(f"positions must be one of {', '.join(POSITIONS)}; got {requested!r}")
    if requested != "auto":
        return requested
    o = (origin or "").lower()
    if o.startswith("nvivo"):
        return "utf16"
    if "atlas.ti" in o or o.startswith("atlas"):
        return "crlf"
    return "codepoints"


def decode_text(data: bytes, what: str) -> str:
    """A source file's text: UTF-8 (a byte-order mark is dropped), or UTF-16 with a byte-order mark.

    Raises
    ------
    SourceRefused
        When the bytes are neither.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SourceRefused(f"{what}: not UTF-8 text (byte 0x{data[exc.start]:02x} at line {line})") from None


class SourceText:
    """A source's text with its tool's way of counting positions.

    Examples
    --------
    >>> s = SourceText("a\\r\\nb😀c", "crlf")
    >>> s.length, s.cut(2, 4)
    (5, 'b😀')
    >>> u = SourceText("a😀bc", "utf16")
    >>> u.length, u.cut(1, 4), u.cut(3, 9)
    (5, '😀b', None)
    """

    def __init__(self, text: str, scheme: str = "codepoints"):
        if scheme == "crlf":
            text = text.replace("\r\n", "\n")
        self.text = text
        self._units: list[int] | None = None
        if scheme == "utf16" and any(ord(c) > 0xFFFF for c in text):
            self._units = [0, *accumulate(2 if ord(c) > 0xFFFF else 1 for c in text)]
        self.length = self._units[-1] if self._units else len(text)

    def _index(self, position: int) -> int:
        if self._units is None:
            return position
        return bisect_left(self._units, position)

    def cut(self, start: int, end: int) -> str | None:
        """The text at ``[start, end)`` in this source's units, or None when outside the text."""
        if start < 0 or end < start or end > self.length:
            return None
        return self.text[self._index(start): self._index(end)]
