"""Reading a REFI-QDA project into the raw tables every study input gives.

:func:`read_refi` returns a :class:`~graphstudy.tables.RawStudy`, so the one
validation pipeline (:func:`~graphstudy.validate.check_study`) checks it like a
study folder. What it makes of the project:

=========================================  ===========================================
REFI-QDA                                   graphstudy
=========================================  ===========================================
CodeBook codes, nested to any depth        themes and sub-themes (name, colour, description;
                                           notes on the code become the theme's note)
TextSource                                 an interview (its name is the interview id)
PlainTextSelection                         a quote (selections of the same passage are one quote)
Coding                                     a coding; the coder is the coding's user
Case with a name                           a participant; its variables give role, gender, ...
Case without a name and one SourceRef      that source's variables (MAXQDA, Quirkos)
Case SelectionRef                          the quote is ``about`` that participant
Link between two cases                     a relationship (the link's name is its type)
Note                                       memos (or the note of what it is attached to)
=========================================  ===========================================

Ids are readable and stable: an interview is its source's name; a theme its
code's name (with its parents' names, ``parent/child``, where the name alone is
not unique); a quote ``interview@start-end``. A project written by
:func:`~graphstudy.refi_qda.writer.write_qdpx` gives its own ids back.

Problems name the project file and the element's line (or, in a project
written on one line, the element's number among those of its kind).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path, PurePosixPath

import pandas as pd

from ..errors import Problem
from ..model import COLUMNS
from ..tables import RawStudy
from .archive import MAX_BYTES, ProjectArchive, SourceMissing, SourceRefused
from .cases import PeopleReader
from .codebook import theme_ids
from .mapping import PARTICIPANT_FIELDS, compile_pattern, natural_key, read_mapping
from .project import Project, guid_of, read_project
from .safexml import parse_xml
from .settings import SETTINGS_NOTE, load_settings
from .text import SourceText, decode_text, positions_for

__all__ = ["read_refi"]

_TAGS = {"participants": "Case", "interviews": "TextSource", "themes": "Code", "quotes": "PlainTextSelection",
         "codings": "Coding", "relationships": "Link"}


def _join(parts) -> str:
    return "\n\n".join(dict.fromkeys(p.strip() for p in parts if p and p.strip()))


class _Reader(PeopleReader):
    """One reading of one project: the rows built so far and the problems found."""

    def __init__(self, arc: ProjectArchive, proj: Project, *, pattern, mapping: dict, default_role: str | None,
                 scheme: str, coder_from: str, skip_missing: bool = False):
        self.arc, self.proj, self.doc = arc, proj, proj.doc
        self.pattern, self.default_role, self.scheme, self.coder_from = pattern, default_role, scheme, coder_from
        self.mapping = mapping
        self.mapping_guids = {guid_of(k): v for k, v in mapping.items()}
        self.mapped: set[int] = set()
        self.problems: list[Problem] = []
        self.rows: dict[str, list[dict]] = {k: [] for k in COLUMNS}
        self.consumed: set[str] = set()
        self.unknown_vars: set[str] = set()
        self.settings: dict | None = None
        self.quote_selections: dict[str, list[str]] = {}
        self.role_labels: dict[str, str] = {}
        self.skip_missing = skip_missing
        self.skipped: list[str] = []

    def add(self, tag: str, elem_where: int | None, column: str | None, message: str, severity: str = "error") -> None:
        self.problems.append(Problem(self.doc.file_for(tag), elem_where, column, message, severity))

    # ---- notes ----------------------------------------------------------
    def note_text(self, guid: str) -> str:
        note = self.proj.notes.get(guid)
        if note is None:
            return ""
        self.consumed.add(guid)
        if note.content is not None:
            return note.content
        if not note.plain_path:
            return ""
        try:
            return decode_text(self.arc.source_bytes(note.plain_path), note.plain_path)
        except SourceRefused as exc:
            self.add("Note", note.where, "plainTextPath", f"note '{note.name}': {exc}; its text is not kept", "warning")
            return ""

    def notes(self, refs: list[str]) -> str:
        return _join(self.note_text(g) for g in refs)

    def read_settings(self) -> None:
        for note in self.proj.notes.values():
            if note.name == SETTINGS_NOTE and note.content is not None:
                self.settings = load_settings(note.content)
                if self.settings is None:
                    self.add("Note", note.where, "PlainTextContent",
                             f"'{SETTINGS_NOTE}' is not graphstudy settings this version reads; ids are derived from names", "warning")
                self.consumed.add(note.guid)
                return

    # ---- themes ---------------------------------------------------------
    def themes(self) -> dict[str, str]:
        ids = theme_ids(self.proj.codes)
        if self.settings:
            known = self.settings["themes"]
            ids = {g: known.get(g, i) for g, i in ids.items()}
        for c in self.proj.codes:
            self.rows["themes"].append({"_row": c.where, "id": ids[c.guid], "name": c.name, "parent_id": ids.get(c.parent, ""),
                                        "description": c.description, "color": c.color, "note": self.notes(c.note_refs)})
        return ids

    # ---- sources --------------------------------------------------------
    def source_text(self, src, key: str) -> SourceText | bool | None:
        """The source's text; None when it cannot be read (an error), False when it is missing and skipped (a warning)."""
        if src.content is not None:
            text = src.content
        elif src.plain_path:
            try:
                text = decode_text(self.arc.source_bytes(src.plain_path), src.plain_path)
            except SourceMissing as exc:
                if self.skip_missing:
                    self.add("TextSource", src.where, "plainTextPath", f"source '{key}': {exc}; skipped with its "
                             f"{len(src.selections)} selections (--skip-missing-sources)", "warning")
                    self.skipped.append(key)
                    return False
                self.add("TextSource", src.where, "plainTextPath", f"source '{key}': {exc} (give --skip-missing-sources "
                         "to load the rest of the project)")
                return None
            except SourceRefused as exc:
                self.add("TextSource", src.where, "plainTextPath", f"source '{key}': {exc}")
                return None
        else:
            self.add("TextSource", src.where, "plainTextPath", f"source '{key}' has neither PlainTextContent nor plainTextPath")
            return None
        return SourceText(text, self.scheme)

    def coder(self, sel, coding) -> str:
        first, second = (sel.user, coding.user) if self.coder_from == "selection" else (coding.user, sel.user)
        guid = first or second
        return (self.proj.users.get(guid) or guid) if guid else ""

    def sources(self, code_ids: dict[str, str]) -> None:
        keys: Counter = Counter()
        unmapped = []
        for src in self.proj.sources:
            name = src.name or (PurePosixPath(src.plain_path.partition("://")[2] or src.plain_path).stem if src.plain_path else "") or src.guid
            keys[name] += 1
            key = name if keys[name] == 1 else f"{name}~{src.guid[:8]}"
            if keys[name] > 1:
                self.add(src.kind, src.where, "name", f"a second source named '{name}' is loaded as interview '{key}'", "warning")
            if src.kind != "TextSource":
                self.add(src.kind, src.where, None, f"{src.kind} '{key}' is not loaded ({src.other_selections} selections): "
                         "graphstudy reads text sources only", "warning")
                continue
            person_fields = dict(self.doc_vars.get(src.guid, {}), **src.variables)
            probe: dict = {}
            fields = self.apply_variables(probe, person_fields)
            if probe.get("role"):
                fields.setdefault("role", probe["role"])
            got = self.assign(src, key, fields)
            if not got["participant_id"] or not got["timepoint"]:
                unmapped.append((src, key, got))
                continue
            text = self.source_text(src, key) if src.selections else None
            if text is False:
                continue
            pid = got["participant_id"]
            person = self.people.setdefault(pid, {"_row": src.where, "id": pid})
            if got["role"]:
                person["role"] = got["role"]
            for f in PARTICIPANT_FIELDS:
                if probe.get(f) and not person.get(f):
                    person[f] = probe[f]
            self.rows["interviews"].append({"_row": src.where, "id": key, "participant_id": pid, "timepoint": got["timepoint"],
                                            "wave": got["wave"], "date": fields.get("date", ""),
                                            "note": _join([src.description, self.notes(src.note_refs)])})
            if src.codings:
                self.add("TextSource", src.where, "Coding", f"{len(src.codings)} codings of the whole source '{key}' are not "
                         "loaded; graphstudy reads codings of selections", "warning")
            if isinstance(text, SourceText):
                self.selections(src, key, code_ids, text)
        for src, key, got in unmapped:
            missing = " and ".join(x for x, v in (("participant", got["participant_id"]), ("time point", got["timepoint"])) if not v)
            how = got.get("hint") or "give --mapping or --source-pattern, or case variables"
            if src.selections:
                self.add("TextSource", src.where, "name", f"source '{key}' (GUID {src.guid}) has no {missing}; "
                         f"its {len(src.selections)} selections cannot be loaded ({how})")
            else:
                self.add("TextSource", src.where, "name", f"source '{key}' (GUID {src.guid}) has no {missing} and no "
                         f"selections; it is not loaded ({how})", "warning")

    def selections(self, src, key: str, code_ids: dict[str, str], text: SourceText) -> None:
        known_quotes = self.settings["quotes"] if self.settings else {}
        by_range: dict[tuple[int, int], dict] = {}
        for sel in src.selections:
            if sel.start is None or sel.end is None:
                continue
            cut = text.cut(sel.start, sel.end)
            if cut is None:
                self.add("PlainTextSelection", sel.where, "endPosition" if sel.start >= 0 and sel.end >= sel.start else "startPosition",
                         f"selection [{sel.start}, {sel.end}) is outside its source '{key}' ({text.length} characters)")
                continue
            quote = by_range.get((sel.start, sel.end))
            if quote is None:
                qid = sel.name if self.settings and sel.name else f"{key}@{sel.start}-{sel.end}"
                extra = known_quotes.get(qid, {})
                quote = {"_row": sel.where, "id": qid, "interview_id": key, "text": cut.replace("\r\n", "\n").strip(),
                         "about": "", "stance": str(extra.get("stance", "")), "citation": str(extra.get("citation", "")),
                         "note": ""}
                by_range[(sel.start, sel.end)] = quote
                self.rows["quotes"].append(quote)
                self.quote_selections[qid] = []
            quote["note"] = _join([quote["note"], sel.description, self.notes(sel.note_refs)])
            self.quote_selections[quote["id"]].append(sel.guid)
            for c in sel.codings:
                if c.code not in code_ids:
                    self.add("Coding", c.where, "CodeRef", f"coding of selection [{sel.start}, {sel.end}) in '{key}' refers to "
                             f"code '{c.code}', which is not in the CodeBook")
                    continue
                self.rows["codings"].append({"_row": c.where, "quote_id": quote["id"], "theme_id": code_ids[c.code],
                                             "coder": self.coder(sel, c), "note": self.notes(c.note_refs)})

    # ---- the rest -------------------------------------------------------
def read_refi(path: str | Path, *, mapping: str | Path | None = None, source_pattern: str | None = None,
              allow_absolute: bool = False, default_role: str | None = "psw", coder_from: str = "auto",
              positions: str = "auto", max_bytes: int = MAX_BYTES, skip_missing_sources: bool = False,
              focal_roles: tuple[str, ...] | list[str] = ()) -> RawStudy:
    """Read a REFI-QDA project (``.qdpx`` or ``.qde``) into raw study tables.

    Parameters
    ----------
    path : str or Path
        The project.
    mapping : str or Path, optional
        CSV with ``source, participant_id, role, timepoint, wave``: which
        source (by name, or GUID) is which participant at which occasion.
        Wins over ``source_pattern``, which wins over cases and variables.
    source_pattern : str, optional
        Regular expression matching whole source names, with named groups
        ``participant``, ``timepoint`` and optionally ``wave`` and ``role``.
    allow_absolute : bool
        Read ``absolute://`` sources and ``relative://`` ones outside the
        project's folder (refused by default).
    default_role : str or None
        Role of participants given none (a warning lists them), when the
        project's roles are the default vocabulary's; None (or roles of the
        study's own) leaves it blank, which validation reports as an error.
    coder_from : {"auto", "coding", "selection"}
        Whose user is the coder: the Coding's ``creatingUser`` or the
        selection's. ``auto``: the selection's for NVivo (which writes one
        selection per coding reference, its coder on the selection, and the
        user and time of a later merge on the Coding), the Coding's otherwise.
    positions : {"auto", "codepoints", "utf16", "crlf"}
        How selection positions count (see :mod:`graphstudy.refi_qda.text`).
    max_bytes : int
        Refuse a project that decompresses to more than this.
    skip_missing_sources : bool
        Load a project whose archive lacks some sources' files without those
        sources (one warning each); by default each is an error.
    focal_roles : sequence of str
        The roles whose members are the centres of dyads (``--focal-role``);
        by default those of the settings note graphstudy writes, or ``psw``
        for the default vocabulary.

    Returns
    -------
    RawStudy
        ``meta["refi"]`` holds what the project contains (origin, codes,
        text sources, selections, codings, users); sources that are not mapped
        are listed in ``problems`` (an error when they have selections).

    Raises
    ------
    QDAError
        When the file cannot be read safely at all (damaged, truncated, a DTD
        or entities, a member escaping the archive, too large).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from graphstudy import load_study
    >>> from graphstudy.refi_qda import write_qdpx
    >>> f = write_qdpx(load_study(), pathlib.Path(tempfile.mkdtemp()) / "hk.qdpx")
    >>> raw = read_refi(f)
    >>> raw.meta["refi"]["codes"], len(raw.tables["quotes"])
    (11, 42)

    Notes
    -----
    O(n) in the size of the project; a source's text is read only when it
    has selections, and the whole project is held in memory.
    """
    path = Path(path)
    if coder_from not in ("auto", "coding", "selection"):
        raise ValueError(f"coder_from must be auto, coding or selection; got {coder_from!r}")
    pattern = compile_pattern(source_pattern) if source_pattern else None
    rows, map_problems = read_mapping(mapping) if mapping is not None else ({}, [])
    with ProjectArchive(path, allow_absolute=allow_absolute, max_bytes=max_bytes) as arc:
        doc = parse_xml(arc.project_xml(), arc.label)
        early: list[Problem] = []
        proj = read_project(doc, early)
        if coder_from == "auto":
            coder_from = "selection" if proj.origin.lower().startswith("nvivo") else "coding"
        r = _Reader(arc, proj, pattern=pattern, mapping=rows, default_role=default_role,
                    scheme=positions_for(proj.origin, positions), coder_from=coder_from, skip_missing=skip_missing_sources)
        r.problems.extend(map_problems + early)
        r.read_settings()
        code_ids = r.themes()
        r.cases()
        r.sources(code_ids)
        roles = r.vocabulary(tuple(focal_roles))
        r.about_and_roles(roles)
        r.relationships()
        memos = [{"name": n.name, "text": r.note_text(g)} for g, n in proj.notes.items() if g not in r.consumed]
    for key, row in rows.items():
        if id(row) not in r.mapped:
            r.problems.append(Problem(Path(str(mapping)).name, row.row, "source", f"no source named '{key}' (or with that GUID) in {path.name}", "warning"))
    people = list(r.people.values())
    r.rows["participants"] = people
    settings = r.settings or {}
    used = {row["timepoint"] for row in r.rows["interviews"]}
    timepoints = settings.get("timepoints") or [{"id": t, "label": "", "order": i}
                                                for i, t in enumerate(sorted(used, key=natural_key), start=1)]
    tables, files = {}, {}
    for kind, cols in COLUMNS.items():
        recs = r.rows[kind]
        data: dict[str, pd.Series] = {"_row": pd.Series([int(x.get("_row") or 0) for x in recs], dtype="int64")}
        for c in cols:
            data[c] = pd.Series(["" if x.get(c) is None else str(x[c]).strip() for x in recs], dtype=str)
        tables[kind] = pd.DataFrame(data)
        files[kind] = doc.file_for(_TAGS[kind])
    selections = sum(len(s.selections) for s in proj.sources if s.kind == "TextSource")
    meta = {
        "name": proj.name or path.stem,
        "description": proj.description,
        "source": settings["source"] if settings else f"{path.name} (REFI-QDA project from {proj.origin or 'an unnamed tool'})",
        "timepoints": timepoints,
        "relationship_types": r.relationship_types(),
        **({"roles": roles} if roles is not None else {}),
        "design": settings.get("design", {}),
        "memos": memos,
        "refi": {"origin": proj.origin, "codes": len(proj.codes), "text_sources": sum(s.kind == "TextSource" for s in proj.sources),
                 "selections": selections, "codings": sum(len(x.codings) for s in proj.sources for x in s.selections),
                 "users": len(proj.users), "positions": r.scheme, "coder_from": r.coder_from},
    }
    return RawStudy(meta=meta, tables=tables, files=files, problems=r.problems, origin=str(path))
