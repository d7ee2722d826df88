"""Saving a loaded study to one file and opening it again.

A store (``.gstudy`` by convention; any name works, the contents say what it
is) is a zip archive holding ``study.json`` (the study's metadata and format
version) and one Apache Parquet file per table. It holds data only, never code
(no pickle), and may come from someone else, so opening one checks it as
strictly as a study folder: its declarations and every row go through the
same validation (:func:`~graphstudy.validate.check_study`), and its size is
bounded before anything is decompressed. Parquet makes reopening a
million-quote study take seconds.

Writing goes to a temporary file beside the target that replaces it only when
complete, so a failed save leaves any earlier store as it was.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .errors import Problem, StoreError, StudyInvalid
from .files import atomic_path
from .findings import Findings, one_line, show
from .model import COLUMNS, Study
from .tables import RawStudy
from .validate import check_study

__all__ = ["MAX_STORE_BYTES", "STORE_FORMAT", "STORE_SUFFIX", "is_store", "open_store", "read_store", "save_store", "store_name"]

STORE_FORMAT = "graphstudy-store"
STORE_VERSION = 1
STORE_SUFFIX = ".gstudy"
MAX_STORE_BYTES = 4 << 30
"""A store whose members would decompress to more than this (4 GiB) is refused before it is read."""
MAX_META_BYTES = 64 << 20
"""``study.json`` holds metadata only; one larger than this (64 MiB) is refused."""
_ADDED_COLUMNS = {"relationships": ("start", "end")}
"""Columns added after version 1 of the store; older stores get them blank."""
_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError)


def save_store(study: Study, path: str | Path) -> Path:
    """Write ``study`` to the store file ``path`` (atomically).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from graphstudy import load_study
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "hk.gstudy"
    >>> save_store(load_study(), target).name
    'hk.gstudy'
    >>> open_store(target).counts()["interviews"] == load_study().counts()["interviews"]
    True

    Notes
    -----
    O(n) in the number of rows; Parquet compresses quote text with zstd.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    meta = {"format": STORE_FORMAT, "version": STORE_VERSION, "study": study.to_dict()}
    with atomic_path(path) as tmp, zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_STORED) as zf:
        zf.writestr("study.json", json.dumps(meta, ensure_ascii=False, indent=1, default=str))
        for kind, frame in study.tables().items():
            buf = io.BytesIO()
            table = pa.Table.from_pandas(frame[COLUMNS[kind]], preserve_index=False)
            pq.write_table(table, buf, compression="zstd")
            zf.writestr(f"{kind}.parquet", buf.getvalue())
    return path


def is_store(path: str | Path) -> bool:
    """Whether ``path`` is a file that holds a graphstudy store (whatever its name).

    Examples
    --------
    >>> from graphstudy.loader import bundled_study_path
    >>> is_store(bundled_study_path() / "study.toml")
    False
    """
    path = Path(path)
    if not path.is_file():
        return False
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
    except _ZIP_ERRORS:
        return False
    return "study.json" in names and not any(n.lower().endswith(".qde") for n in names)


def _read_meta(zf: zipfile.ZipFile, label: str) -> dict:
    try:
        info = zf.getinfo("study.json")
    except KeyError:
        raise StoreError(f"{label}: no study.json inside; not a graphstudy store") from None
    if info.file_size > MAX_META_BYTES:
        raise StoreError(f"{label}: study.json would decompress to {info.file_size} bytes, more than the {MAX_META_BYTES} "
                         "metadata may take; refused")
    try:
        with zf.open(info) as stream:
            data = stream.read(MAX_META_BYTES + 1)
        meta = json.loads(data.decode("utf-8"))
    except _ZIP_ERRORS + (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise StoreError(f"{label}: study.json cannot be read ({one_line(exc)}); the store is damaged or not a graphstudy "
                         "store") from None
    if not isinstance(meta, dict) or meta.get("format") != STORE_FORMAT:
        got = meta.get("format") if isinstance(meta, dict) else type(meta).__name__
        raise StoreError(f"{label}: not a graphstudy store (format {show(got)}, expected '{STORE_FORMAT}')")
    version = meta.get("version", 0)
    if not isinstance(version, int) or isinstance(version, bool):
        raise StoreError(f"{label}: store version {show(version)} is not a whole number")
    if version > STORE_VERSION:
        raise StoreError(f"{label}: store version {version} is newer than this graphstudy reads ({STORE_VERSION}); upgrade graphstudy")
    if not isinstance(meta.get("study"), dict):
        raise StoreError(f"{label}: study.json has no 'study' table; not a readable graphstudy store")
    return meta["study"]


def _text(col: pd.Series) -> pd.Series:
    if str(col.dtype) == "str":
        return col.fillna("") if col.hasnans else col
    if isinstance(col.dtype, np.dtype) and col.dtype.kind in "iu":
        return col.astype(str)  # a whole number's text, as str(v) gives it, without a Python call per row
    return col.map(lambda v: "" if v is None or (isinstance(v, float) and v != v) else str(v)).astype(str)


def _read_table(zf: zipfile.ZipFile, kind: str, label: str, raw: RawStudy, f: Findings, budget: list[int]) -> pd.DataFrame | None:
    name = f"{kind}.parquet"
    file = f"{label}:{name}"
    raw.files[kind] = file
    try:
        info = zf.getinfo(name)
    except KeyError:
        f.add(label, None, None, f"the store holds no {name}; it is damaged or not written by graphstudy")
        return None
    try:
        with zf.open(info) as stream:
            # A stored (uncompressed) member is read whole: its size on disk is its size, checked against the bound
            # already, and Arrow then reads it from memory rather than through the zip stream's seeks.
            pf = pq.ParquetFile(pa.BufferReader(stream.read()) if info.compress_type == zipfile.ZIP_STORED else stream)
            size = sum(pf.metadata.row_group(i).total_byte_size for i in range(pf.metadata.num_row_groups))
            if size > budget[0]:
                raise StoreError(f"{file}: the table would decompress to {size} bytes, more than the store may take; refused")
            budget[0] -= size
            names = set(pf.schema_arrow.names)
            frame = pf.read().to_pandas()
    except (pa.ArrowException, *_ZIP_ERRORS) as exc:
        f.add(file, None, None, f"cannot be read as a Parquet table ({type(exc).__name__}: {show(exc, 120)})")
        return None
    wanted = COLUMNS[kind]
    missing = [c for c in wanted if c not in names and c not in _ADDED_COLUMNS.get(kind, ())]
    if missing:
        raw.missing[kind] = set(missing)
        f.add(file, None, missing[0], f"the table lacks the column{'s' if len(missing) > 1 else ''} {', '.join(missing)}")
    for c in sorted(names - set(wanted)):
        f.add(file, None, c, f"unknown column {show(c)} is ignored; known columns: {', '.join(wanted)}", "warning")
    n = len(frame)
    frame = frame.reset_index(drop=True)
    columns: dict[str, pd.Series] = {"_row": pd.Series(range(1, n + 1), dtype="int64")}
    for c in wanted:
        columns[c] = _text(frame[c]) if c in frame.columns else pd.Series([""] * n, dtype=str)
    return pd.DataFrame(columns)


def read_store(path: str | Path, max_bytes: int = MAX_STORE_BYTES) -> RawStudy:
    """Read a store's metadata and tables as text, for :func:`~graphstudy.validate.check_study` to check.

    Raises
    ------
    StoreError
        When the file is not a graphstudy store, is damaged beyond reading, or
        would decompress to more than ``max_bytes``; a table that cannot be
        read is a problem of the returned study, like a broken CSV file.

    Notes
    -----
    The archive's declared sizes and each table's Parquet metadata are
    checked against ``max_bytes`` before a byte is decompressed; a table is
    then read column-wise by Arrow.
    """
    path = Path(path)
    label = path.name
    f = Findings()
    try:
        zf = zipfile.ZipFile(path)
    except _ZIP_ERRORS as exc:
        raise StoreError(f"{label}: not a readable graphstudy store ({one_line(exc)})") from None
    with zf:
        try:
            infos = zf.infolist()
        except _ZIP_ERRORS as exc:
            raise StoreError(f"{label}: not a readable graphstudy store ({one_line(exc)})") from None
        declared = sum(i.file_size for i in infos)
        if declared > max_bytes:
            raise StoreError(f"{label}: the store would decompress to {declared} bytes, more than the {max_bytes} allowed; refused")
        meta = _read_meta(zf, label)
        raw = RawStudy(meta=meta, tables={}, files={}, origin=str(path), fallback_name=path.stem,
                       meta_files=dict.fromkeys(("study", "timepoints", "roles", "relationship_types", "design"), f"{label}:study.json"))
        known = {"study.json", *(f"{k}.parquet" for k in COLUMNS)}
        for info in infos:
            if info.filename not in known:
                f.add(label, None, None, f"member {show(info.filename)} is not read; a store holds {', '.join(sorted(known))}", "warning")
        budget = [max_bytes]
        for kind in COLUMNS:
            table = _read_table(zf, kind, label, raw, f, budget)
            if table is None:
                raw.absent.add(kind)
                raw.broken.add(kind)
                table = pd.DataFrame({"_row": pd.Series([], dtype="int64"), **{c: pd.Series([], dtype=str) for c in COLUMNS[kind]}})
            raw.tables[kind] = table
    raw.problems = f.problems
    return raw


def check_store(path: str | Path, max_bytes: int = MAX_STORE_BYTES, strict: bool = False) -> tuple[Study | None, list[Problem]]:
    """Open and check a store: the study (None when invalid) and every problem found."""
    return check_study(read_store(path, max_bytes), strict=strict)


def store_name(path: str | Path) -> str | None:
    """The study name a store holds, read from its metadata alone (None when it cannot tell)."""
    try:
        with zipfile.ZipFile(path) as zf:
            name = _read_meta(zf, Path(path).name).get("name")
    except (StoreError, *_ZIP_ERRORS):
        return None
    return name if isinstance(name, str) else None


def open_store(path: str | Path, max_bytes: int = MAX_STORE_BYTES) -> Study:
    """Open a store written by :func:`save_store`, checked as strictly as a study folder.

    Raises
    ------
    StoreError
        When the file is not a graphstudy store, is damaged, or is too large.
    StudyInvalid
        When what it holds is not a valid study (``.problems`` lists why).
    """
    study, problems = check_study(read_store(path, max_bytes), advice=False)  # advice is for validate; the warnings are not kept
    if study is None:
        raise StudyInvalid(problems)
    return study
