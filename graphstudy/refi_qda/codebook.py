"""Theme ids for the codes of a REFI-QDA codebook.

A code's GUID means nothing to a researcher and its name need not be unique
(QualCoder's demo has ``programming`` under two parents), so a theme's id is
the code's name, with as many parents' names in front (``parent/child``) as it
takes to tell it apart. :func:`read_codebook` reads a ``.qdc`` codebook on its
own, as a study of themes only.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import QDAError
from ..model import COLUMNS
from ..tables import RawStudy
from .archive import MAX_BYTES, ProjectArchive
from .project import Code, read_codes
from .safexml import child, local, parse_xml

__all__ = ["read_codebook", "theme_ids"]


def theme_ids(codes: list[Code]) -> dict[str, str]:
    """``{code GUID: theme id}``: the code's name, or ``parent/name`` (as many parents as it takes) when not unique.

    Examples
    --------
    >>> from graphstudy.refi_qda.project import Code
    >>> codes = [Code("a", "cs", "", "", "", [], 1), Code("b", "programming", "a", "", "", [], 2),
    ...          Code("c", "programming", "", "", "", [], 3), Code("d", "logic", "a", "", "", [], 4)]
    >>> theme_ids(codes)
    {'a': 'cs', 'b': 'cs/programming', 'c': 'programming', 'd': 'logic'}
    """
    by_guid = {c.guid: c for c in codes}

    def path(c: Code, depth: int) -> str:
        names = [c.name]
        node: Code | None = c
        for _ in range(depth):
            node = by_guid.get(node.parent) if node is not None else None
            if node is None:
                break
            names.append(node.name)
        return "/".join(reversed(names))

    ids: dict[str, str] = {}
    pending = list(codes)
    depth = 0
    while pending and depth < 64:
        counts = Counter(path(c, depth) for c in pending)
        taken = set(ids.values())
        rest = []
        for c in pending:
            p = path(c, depth)
            if counts[p] == 1 and p not in taken:
                ids[c.guid] = p
            else:
                rest.append(c)
        pending, depth = rest, depth + 1
    seen: Counter = Counter()
    for c in pending:  # same name under the same parents: number them
        seen[path(c, depth)] += 1
        ids[c.guid] = f"{path(c, depth)}#{seen[path(c, depth)]}"
    return {c.guid: ids[c.guid] for c in codes}


def read_codebook(path: str | Path, max_bytes: int = MAX_BYTES) -> RawStudy:
    """Read a REFI-QDA codebook (``.qdc``) as a study of themes only.

    Its codes become themes and sub-themes exactly as a project's codebook
    does (:func:`theme_ids`); use it to check a codebook with ``validate``, or
    to start a study from it (``graphstudy template --codebook``).

    Raises
    ------
    QDAError
        When the file is not a readable, safe REFI-QDA codebook.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from graphstudy import load_study
    >>> from graphstudy.refi_qda import write_qdc
    >>> raw = read_codebook(write_qdc(load_study(), pathlib.Path(tempfile.mkdtemp()) / "hk.qdc"))
    >>> len(raw.tables["themes"]), raw.tables["themes"]["id"].iloc[0]
    (11, 'Perceptions over time about peer support workers')
    """
    path = Path(path)
    with ProjectArchive(path, max_bytes=max_bytes) as arc:
        doc = parse_xml(arc.project_xml(), path.name)
    root = doc.root
    if local(root) != "CodeBook":
        raise QDAError(f"{path.name}: the root element is <{local(root)}>, expected <CodeBook>; is this a REFI-QDA codebook?")
    codes = read_codes(doc, child(root, "Codes"))
    ids = theme_ids(codes)
    rows: list[dict[str, Any]] = [{"_row": c.where, "id": ids[c.guid], "name": c.name, "parent_id": ids.get(c.parent, ""),
             "description": c.description, "color": c.color, "note": ""} for c in codes]
    tables = {}
    for kind, cols in COLUMNS.items():
        recs = rows if kind == "themes" else []
        data: dict[str, pd.Series] = {"_row": pd.Series([int(r["_row"] or 0) for r in recs], dtype="int64")}
        for col in cols:
            data[col] = pd.Series([str(r.get(col, "")) for r in recs], dtype=str)
        tables[kind] = pd.DataFrame(data)
    meta = {"name": path.stem, "source": f"{path.name} (REFI-QDA codebook from {(root.get('origin') or '').strip() or 'an unnamed tool'})"}
    return RawStudy(meta=meta, tables=tables, files={k: doc.file_for("Code") if k == "themes" else f"{path.name} ({k})" for k in COLUMNS},
                    origin=str(path), absent=set(COLUMNS) - {"themes"})
