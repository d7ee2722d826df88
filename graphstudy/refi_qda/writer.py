"""Writing a study as a REFI-QDA project (``.qdpx``) or codebook (``.qdc``).

What goes where (child order follows the schema's ``xsd:sequence``):

* coders: ``Users``; themes: ``CodeBook`` codes nested by ``parent_id``
  (name, colour, description; the theme's note as a ``Note`` the code refers to);
* participants: ``Cases`` named by their id, with ``Variables`` role, subrole,
  gender, age_band, diagnosis, agency, setting; a ``SourceRef`` to each of their
  interviews and a ``SelectionRef`` to each quote about them;
* interviews: ``TextSource`` named by their id, with variables timepoint, wave
  and date; the text is the interview's quotes joined by a blank line, in
  ``Sources/<guid>.txt``, and each quote a ``PlainTextSelection`` named by its
  id at its code-point offsets, with one ``Coding`` per theme and coder;
* relationships: ``Links`` from case to case named by their type (the time
  they hold, ``start`` / ``end``, in the settings note);
* memos: ``Notes``; and one more note, :data:`~graphstudy.refi_qda.settings.SETTINGS_NOTE`,
  for what REFI-QDA has no place for: time points, roles and which are focal,
  relationship types with their roles, spans, design (see
  :mod:`graphstudy.refi_qda.settings`).

GUIDs are derived from the study's name and the ids (UUID 5), so writing the
same study twice gives the same file. Files are written to a temporary file
beside the target, which replaces it only when complete.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import io
import re
import uuid
import xml.etree.ElementTree as ET
import zipfile
from collections import defaultdict
from pathlib import Path

import pandas as pd

from ..errors import QDAError
from ..files import atomic_path
from ..model import BASE_RELATIONSHIP_TYPES, Study, split_ids
from .mapping import PARTICIPANT_FIELDS
from .settings import SETTINGS_NOTE, dump_settings

__all__ = ["CODEBOOK_NS", "PROJECT_NS", "SEPARATOR", "build_project", "write_qdc", "write_qdpx"]

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
SEPARATOR = "\n\n"
"""Between two quotes in an exported interview's text."""

_RGB = re.compile(r"^#([A-Fa-f0-9]{6}|[A-Fa-f0-9]{3})$")
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def _origin() -> str:
    try:
        version = importlib.metadata.version("graphstudy")
    except importlib.metadata.PackageNotFoundError:
        version = "unknown"
    return f"graphstudy {version}"


class _Guids:
    """Deterministic GUIDs: UUID 5 (SHA-1) of the study's name and a record's kind and id."""

    def __init__(self, study_name: str):
        self.base = uuid.uuid5(uuid.NAMESPACE_URL, f"graphstudy:{study_name}").bytes

    def __call__(self, kind: str, *key) -> str:
        h = hashlib.sha1(self.base + (kind + ":" + "\x1f".join(str(k) for k in key)).encode("utf-8")).hexdigest()
        variant = "89ab"[int(h[16], 16) & 3]
        return f"{h[:8]}-{h[8:12]}-5{h[13:16]}-{variant}{h[17:20]}-{h[20:32]}"


def _records(frame: pd.DataFrame) -> list[dict]:
    """The rows as dicts (much faster than ``to_dict("records")`` on Arrow-backed text)."""
    cols = list(frame.columns)
    return [dict(zip(cols, vals)) for vals in zip(*(frame[c].tolist() for c in cols))]


def _sub(parent: ET.Element, tag: str, attrs: dict | None = None, text: str | None = None) -> ET.Element:
    elem = ET.SubElement(parent, tag, {k: str(v) for k, v in (attrs or {}).items() if v not in (None, "")})
    if text is not None:
        elem.text = text
    return elem


def _codes(parent: ET.Element, study: Study, guid: _Guids, notes: list | None) -> dict[str, str]:
    """Nest the themes as codes under ``parent``; return ``{theme id: code GUID}``."""
    themes = study.themes
    ids = set(themes["id"])
    kids: dict[str, list[dict]] = defaultdict(list)
    for row in _records(themes):
        kids[row["parent_id"] if row["parent_id"] in ids else ""].append(row)
    guids: dict[str, str] = {}

    def add(into: ET.Element, row: dict) -> None:
        g = guids[row["id"]] = guid("theme", row["id"])
        color = row["color"] if _RGB.match(str(row["color"])) else ""
        code = _sub(into, "Code", {"guid": g, "name": row["name"] or row["id"], "isCodable": "true", "color": color})
        if row["description"]:
            _sub(code, "Description", text=row["description"])
        if notes is not None and row["note"]:
            notes.append((guid("theme-note", row["id"]), f"Note on theme {row['id']}", row["note"]))
            _sub(code, "NoteRef", {"targetGUID": notes[-1][0]})
        for child in kids.get(row["id"], []):
            add(code, child)

    for row in kids[""]:
        add(parent, row)
    return guids


def _variables(root: ET.Element, study: Study, guid: _Guids) -> dict[str, str]:
    used = [f for f in PARTICIPANT_FIELDS if (study.participants[f] != "").any()]
    used += [f for f in ("timepoint", "wave", "date") if len(study.interviews) and (study.interviews[f].astype(str) != "").any()]
    if not used:
        return {}
    parent = _sub(root, "Variables")
    out = {}
    for f in used:
        out[f] = guid("variable", f)
        var = _sub(parent, "Variable", {"guid": out[f], "name": f, "typeOfVariable": "Integer" if f == "wave" else "Text"})
        _sub(var, "Description", text="interview " + f if f in ("timepoint", "wave", "date") else "participant " + f)
    return out


def _value(parent: ET.Element, var_guid: str, value, integer: bool = False) -> None:
    vv = _sub(parent, "VariableValue")
    _sub(vv, "VariableRef", {"targetGUID": var_guid})
    _sub(vv, "IntegerValue" if integer else "TextValue", text=str(int(value) if integer else value))


def _quote_settings(quotes: list[dict]) -> dict[str, dict]:
    """Stance and citation of each quote, and the order of ``about`` where it names several PSWs."""
    out = {}
    for q in quotes:
        extra = {k: q[k] for k in ("stance", "citation") if q[k]}
        if len(split_ids(q["about"])) > 1:
            extra["about"] = q["about"]
        if extra:
            out[q["id"]] = extra
    return out


def build_project(study: Study) -> tuple[bytes, dict[str, bytes]]:
    """The ``project.qde`` document and the source files (``{member name: bytes}``) of a study.

    Notes
    -----
    O(n) in the number of records.
    """
    guid = _Guids(study.name)
    notes: list[tuple[str, str, str]] = []
    root = ET.Element("Project", {"xmlns": PROJECT_NS, "name": study.name or "graphstudy study", "origin": _origin()})
    coders = study.coders()
    users = {c: guid("coder", c) for c in coders}
    if users:
        parent = _sub(root, "Users")
        for name, g in users.items():
            _sub(parent, "User", {"guid": g, "name": name})
    theme_guids: dict[str, str] = {}
    if len(study.themes):
        theme_guids = _codes(_sub(_sub(root, "CodeBook"), "Codes"), study, guid, notes)
    var = _variables(root, study, guid)

    interviews = _records(study.interviews)
    quotes = _records(study.quotes)
    quotes_of: dict[str, list[dict]] = defaultdict(list)
    for q in quotes:
        quotes_of[q["interview_id"]].append(q)
    codings_of: dict[str, list[dict]] = defaultdict(list)
    for c in _records(study.codings):
        codings_of[c["quote_id"]].append(c)
    interviews_of: dict[str, list[str]] = defaultdict(list)
    for iv in interviews:
        interviews_of[iv["participant_id"]].append(iv["id"])
    about_of: dict[str, list[str]] = defaultdict(list)
    for q in quotes:
        for psw in split_ids(q["about"]):
            about_of[psw].append(q["id"])

    if len(study.participants):
        parent = _sub(root, "Cases")
        for p in _records(study.participants):
            case = _sub(parent, "Case", {"guid": guid("participant", p["id"]), "name": p["id"]})
            if p["note"]:
                _sub(case, "Description", text=p["note"])
            for f in PARTICIPANT_FIELDS:
                if p[f]:
                    _value(case, var[f], p[f])
            for iid in interviews_of.get(p["id"], []):
                _sub(case, "SourceRef", {"targetGUID": guid("interview", iid)})
            for qid in about_of.get(p["id"], []):
                _sub(case, "SelectionRef", {"targetGUID": guid("quote", qid)})

    files: dict[str, bytes] = {}
    if interviews:
        parent = _sub(root, "Sources")
        for iv in interviews:
            g = guid("interview", iv["id"])
            src = _sub(parent, "TextSource", {"guid": g, "name": iv["id"], "plainTextPath": f"internal://{g}.txt"})
            if iv["note"]:
                _sub(src, "Description", text=iv["note"])
            texts, pos = [], 0
            for q in quotes_of.get(iv["id"], []):
                start, end = pos, pos + len(q["text"])
                texts.append(q["text"])
                pos = end + len(SEPARATOR)
                sel = _sub(src, "PlainTextSelection", {"guid": guid("quote", q["id"]), "name": q["id"],
                                                                   "startPosition": start, "endPosition": end})
                if q["note"]:
                    _sub(sel, "Description", text=q["note"])
                for c in codings_of.get(q["id"], []):
                    cg = guid("coding", c["quote_id"], c["theme_id"], c["coder"])
                    coding = _sub(sel, "Coding", {"guid": cg, "creatingUser": users.get(c["coder"], "")})
                    _sub(coding, "CodeRef", {"targetGUID": theme_guids[c["theme_id"]]})
                    if c["note"]:
                        notes.append((guid("coding-note", cg), f"Note on coding of {c['quote_id']} as {c['theme_id']}", c["note"]))
                        _sub(coding, "NoteRef", {"targetGUID": notes[-1][0]})
            files[f"Sources/{g}.txt"] = SEPARATOR.join(texts).encode("utf-8")
            for f in ("timepoint", "wave", "date"):
                if f in var and str(iv[f]) != "":
                    _value(src, var[f], iv[f], integer=f == "wave")

    links = []
    spans: dict[str, dict] = {}
    for r in _records(study.relationships):
        span = {k: r[k] for k in ("start", "end") if r.get(k)}
        lg = guid("relationship", r["source_id"], r["type"], r["target_id"], *(f"{k}={v}" for k, v in span.items()))
        links.append((lg, r))
        if span:
            spans[lg] = span
        if r["note"]:
            notes.append((guid("relationship-note", lg), f"Note on {r['source_id']} {r['type']} {r['target_id']}", r["note"]))
    memo_refs = []
    for i, memo in enumerate(study.memos, start=1):
        text = memo.get("text", "") if isinstance(memo, dict) else str(memo)
        name = memo.get("name", "") if isinstance(memo, dict) else ""
        notes.append((guid("memo", i), name or f"memo {i}", str(text)))
        memo_refs.append(notes[-1][0])
    base_types = set(BASE_RELATIONSHIP_TYPES)
    settings = dump_settings(
        source=study.source,
        timepoints=[{"id": t.id, "label": t.label, "order": t.order} for t in study.timepoints],
        roles=[r.to_dict() for r in study.roles],
        relationship_types=[t.to_dict() for t in study.relationship_types
                            if t.id not in base_types or t.label or t.from_roles or t.to_roles],
        relationships=spans,
        design=study.design,
        themes={g: tid for tid, g in theme_guids.items()},
        quotes=_quote_settings(quotes),
    )
    notes.append((guid("settings"), SETTINGS_NOTE, settings))
    parent = _sub(root, "Notes")
    for g, name, text in notes:
        note = _sub(parent, "Note", {"guid": g, "name": name})
        _sub(note, "PlainTextContent", text=text)
    if links:
        parent = _sub(root, "Links")
        for lg, r in links:
            link = _sub(parent, "Link", {"guid": lg, "name": r["type"], "direction": "OneWay",
                                                     "originGUID": guid("participant", r["source_id"]),
                                                     "targetGUID": guid("participant", r["target_id"])})
            if r["note"]:
                _sub(link, "NoteRef", {"targetGUID": guid("relationship-note", lg)})
    if study.description:
        _sub(root, "Description", text=study.description)
    for g in [guid("settings"), *memo_refs]:
        _sub(root, "NoteRef", {"targetGUID": g})
    return _serialise(root), files


def _serialise(root: ET.Element) -> bytes:
    """The document as UTF-8; the root carries its namespace as a plain ``xmlns`` attribute."""
    ET.indent(root, space=" ")
    buf = io.BytesIO()
    ET.ElementTree(root).write(buf, encoding="utf-8", xml_declaration=True)
    return buf.getvalue()


def _atomic_write(path: Path, write) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(path) as tmp:
        write(tmp)
    return path


def write_qdpx(study: Study, path: str | Path) -> Path:
    """Write a study as a REFI-QDA project archive (``.qdpx``), atomically.

    Parameters
    ----------
    study : Study
        The study (see :func:`graphstudy.load_study`).
    path : str or Path
        The ``.qdpx`` file to write.

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    GraphStudyError
        When the file cannot be written (an earlier file stays as it was).

    Examples
    --------
    >>> import tempfile, pathlib, zipfile
    >>> from graphstudy import load_study
    >>> f = write_qdpx(load_study(), pathlib.Path(tempfile.mkdtemp()) / "hk.qdpx")
    >>> names = zipfile.ZipFile(f).namelist()
    >>> names[0], sum(n.startswith("Sources/") for n in names)
    ('project.qde', 29)

    Notes
    -----
    O(n) in the number of records; the project is built in memory.
    """
    qde, files = build_project(study)

    def write(tmp: str) -> None:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for name, data in [("project.qde", qde), *sorted(files.items())]:
                info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(info, data)

    return _atomic_write(Path(path), write)


def write_qdc(study: Study, path: str | Path) -> Path:
    """Write a study's themes as a REFI-QDA codebook (``.qdc``), atomically.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from graphstudy import load_study
    >>> f = write_qdc(load_study(), pathlib.Path(tempfile.mkdtemp()) / "hk.qdc")
    >>> f.read_text(encoding="utf-8").count("<Code ")
    11
    """
    if not len(study.themes):
        raise QDAError(f"study '{study.name}' has no themes; a codebook needs at least one")
    root = ET.Element("CodeBook", {"xmlns": CODEBOOK_NS, "origin": _origin()})
    _codes(_sub(root, "Codes"), study, _Guids(study.name), None)
    data = _serialise(root)
    return _atomic_write(Path(path), lambda tmp: Path(tmp).write_bytes(data))
