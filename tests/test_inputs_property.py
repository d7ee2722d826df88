"""No traceback, ever, on bad input: property-based tests over every kind of study input.

Hypothesis breaks a small valid study in each form graphstudy reads (a study
folder, an .xlsx workbook, a .gstudy store, a REFI-QDA project and codebook):
truncated and empty files, random bytes, NUL bytes, shuffled and duplicated
lines, missing and extra columns, huge cells, cells of the wrong type, other
encodings, random TOML and JSON where declarations go. For every input,
``graphstudy validate`` or ``graphstudy load`` must

* exit with status 0 or 2, never a traceback (any other exception fails);
* print each problem on one line (``error: ...``, ``warning: ...``, ``note: ...``);
* leave an existing store exactly as it was when the load fails.

The runs are derandomised (the same inputs every run) and sized to take about
a minute together: see ``EXAMPLES``.
"""

from __future__ import annotations

import io
import json
import os
import random
import tempfile
import zipfile
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from conftest import MINI
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphstudy import load_study, save_store
from graphstudy.cli import main
from graphstudy.refi_qda import write_qdc, write_qdpx

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # hypothesis' failure report imports mypy_extensions

EXAMPLES = {"folder": 100, "study.toml": 120, "workbook": 30, "study sheets": 40, "store": 100, "refi": 80, "codebook": 30}
"""Generated inputs per kind: 500 in all."""
SCALE = int(os.environ.get("GRAPHSTUDY_FUZZ_SCALE", "1"))
"""``GRAPHSTUDY_FUZZ_SCALE=20`` tries twenty times as many inputs, freshly random each run (for hunting bugs)."""


def profile(kind: str):
    return settings(max_examples=EXAMPLES[kind] * SCALE, deadline=None, derandomize=SCALE == 1, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# ---- checking one input ---------------------------------------------------
def check(path: Path, load: bool, *options: str) -> None:
    """``validate`` (or ``load`` over an existing store) on ``path`` gives exit 0 or 2, one line per problem, no traceback."""
    runner = CliRunner()
    if load:
        with tempfile.TemporaryDirectory() as tmp:
            store = Path(tmp) / "kept.gstudy"
            store.write_bytes(KEPT_STORE)
            result = runner.invoke(main, ["load", str(path), "--store", str(store), *options])
            _assert_clean(result)
            if result.exit_code == 2:
                assert store.read_bytes() == KEPT_STORE, "a failed load changed the store"
            assert sorted(p.name for p in Path(tmp).iterdir()) == ["kept.gstudy"], "a temporary file was left behind"
    else:
        _assert_clean(runner.invoke(main, ["validate", str(path), *options]))


def _assert_clean(result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        f"{type(result.exception).__name__}: {result.exception}\n{result.output[-2000:]}"
    assert result.exit_code in (0, 2), result.output[-2000:]
    assert "Traceback" not in result.output
    for line in result.stderr.splitlines():
        assert line.startswith(("error: ", "warning: ", "note: ", "reading and checking ", "checked in ")), repr(line[:300])


# ---- a valid study in every form -------------------------------------------
def _mini_folder(root: Path) -> Path:
    folder = root / "mini"
    folder.mkdir()
    for name, text in MINI.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


_BASE = Path(tempfile.mkdtemp(prefix="graphstudy-property-"))
MINI_STUDY = load_study(_mini_folder(_BASE))
KEPT_STORE = save_store(MINI_STUDY, _BASE / "kept.gstudy").read_bytes()
QDPX = write_qdpx(MINI_STUDY, _BASE / "mini.qdpx").read_bytes()
QDC = write_qdc(MINI_STUDY, _BASE / "mini.qdc").read_bytes()
with zipfile.ZipFile(io.BytesIO(KEPT_STORE)) as _zf:
    STORE_MEMBERS = {n: _zf.read(n) for n in _zf.namelist()}

# ---- strategies -----------------------------------------------------------
TRICKY = ["", ";", ",", '"', '""', "\n", "\r\n", "\t", "\x00", "T1", "T2_1", "T9", "psw", "nurse", "Ann", "U1", "q1", "hope",
          "1", "-1", "1.5", "1e400", "2023-01-10", "10/01/2023", "2023-02-30", "NaN", "None", "true", "SERVED_BY", "manages",
          "Ann;U1", ";;", "é", "\u2028", "\ufeff", "=1+1", "<script>", "x" * 300]
cell_text = st.one_of(st.sampled_from(TRICKY), st.text(max_size=20))
toml_scalar = st.one_of(cell_text, st.integers(-10**9, 10**9), st.floats(allow_nan=False, allow_infinity=False), st.booleans())
toml_value = st.recursive(toml_scalar, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.sampled_from(["id", "label", "order", "focal", "from", "to", "name", "x"]), inner, max_size=4)), max_leaves=12)
toml_doc = st.dictionaries(st.sampled_from(["name", "description", "source", "date_format", "timepoints", "roles",
                                            "relationship_types", "design", "memos", "other"]), toml_value, max_size=6)
json_value = st.recursive(st.one_of(st.none(), toml_scalar), lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(["id", "label", "order", "focal", "from", "to", "name", "format",
                                                                  "version", "study", "x"]), inner, max_size=4)), max_leaves=12)

byte_mutation = st.one_of(
    st.tuples(st.just("truncate"), st.floats(0, 1)),
    st.tuples(st.just("empty")),
    st.tuples(st.just("bytes"), st.binary(max_size=300)),
    st.tuples(st.just("nul"), st.floats(0, 1)),
    st.tuples(st.just("shuffle"), st.integers(0, 2**32)),
    st.tuples(st.just("duplicate"), st.integers(0, 30)),
    st.tuples(st.just("delete_line"), st.integers(0, 30)),
    st.tuples(st.just("drop_column"), st.integers(0, 8)),
    st.tuples(st.just("extra_column"), cell_text),
    st.tuples(st.just("huge"), st.integers(0, 10), st.integers(0, 8)),
    st.tuples(st.just("cell"), st.integers(0, 10), st.integers(0, 8), cell_text),
    st.tuples(st.just("encoding"), st.sampled_from(["utf-16-le", "utf-16", "cp1252", "latin-1", "utf-8-sig", "utf-32"])),
)


def _lines(data: bytes) -> list[str]:
    return data.decode("utf-8", errors="surrogateescape").split("\n")


def _join(lines: list[str]) -> bytes:
    return "\n".join(lines).encode("utf-8", errors="surrogateescape")


def mutate(data: bytes, m: tuple, sep: str = ",") -> bytes:
    """``data`` broken in the way ``m`` says."""
    kind = m[0]
    if kind == "truncate":
        return data[: int(len(data) * m[1])]
    if kind == "empty":
        return b""
    if kind == "bytes":
        return m[1]
    if kind == "nul":
        at = int(len(data) * m[1])
        return data[:at] + b"\x00" + data[at:]
    if kind == "encoding":
        text = data.decode("utf-8", errors="replace")
        return text.encode(m[1], errors="replace")
    lines = _lines(data)
    if kind == "shuffle":
        random.Random(m[1]).shuffle(lines)
    elif kind == "duplicate" and lines:
        lines.insert(m[1] % len(lines), lines[m[1] % len(lines)])
    elif kind == "delete_line" and lines:
        del lines[m[1] % len(lines)]
    elif kind == "drop_column":
        lines = [sep.join(c for i, c in enumerate(line.split(sep)) if i != m[1]) for line in lines]
    elif kind == "extra_column":
        lines = [line + sep + (m[1] if i else "extra") for i, line in enumerate(lines) if line] + [""]
    elif kind in ("huge", "cell") and lines:
        row = lines[m[1] % len(lines)].split(sep)
        row[m[2] % len(row)] = "x" * 200_000 if kind == "huge" else m[3]
        lines[m[1] % len(lines)] = sep.join(row)
    return _join(lines)


def toml_text(doc: dict) -> str:
    def inline(v) -> str:
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, int | float):
            return repr(v)
        if isinstance(v, str):
            return json.dumps(v)
        if isinstance(v, list):
            return "[" + ", ".join(inline(x) for x in v) + "]"
        return "{ " + ", ".join(f"{json.dumps(k)} = {inline(x)}" for k, x in v.items()) + " }"

    return "".join(f"{k} = {inline(v)}\n" for k, v in doc.items())


# ---- folders ----------------------------------------------------------------
@profile("folder")
@given(changes=st.lists(st.tuples(st.sampled_from([*MINI, *MINI, "extra.csv", "Quote.csv"]),
                                  st.one_of(byte_mutation, st.tuples(st.just("delete")))), min_size=1, max_size=3),
       load=st.booleans())
def test_a_broken_study_folder_is_refused_in_one_line_per_problem(changes, load):
    with tempfile.TemporaryDirectory() as tmp:
        folder = _mini_folder(Path(tmp))
        for name, m in changes:
            f = folder / name
            data = f.read_bytes() if f.exists() else MINI["quotes.csv"].encode()
            if m[0] == "delete":
                f.unlink(missing_ok=True)
            elif m[0] == "toml":
                f.write_text(toml_text(m[1]), encoding="utf-8")
            else:
                f.write_bytes(mutate(data, m))
        check(folder, load)


@profile("study.toml")
@given(doc=toml_doc, timepoints=st.lists(st.dictionaries(st.sampled_from(["id", "label", "order", "x"]), toml_value, max_size=4),
                                          max_size=3),
       roles=st.lists(st.dictionaries(st.sampled_from(["id", "label", "focal", "x"]), toml_value, max_size=4), max_size=3),
       types=st.lists(st.one_of(cell_text, st.dictionaries(st.sampled_from(["id", "label", "from", "to"]), toml_value, max_size=4)),
                      max_size=3),
       load=st.booleans())
def test_random_declarations_in_study_toml_are_refused_in_one_line_per_problem(doc, timepoints, roles, types, load):
    doc = dict(doc)
    for key, value in (("timepoints", timepoints), ("roles", roles), ("relationship_types", types)):
        if value and key not in doc:
            doc[key] = value
    with tempfile.TemporaryDirectory() as tmp:
        folder = _mini_folder(Path(tmp))
        (folder / "study.toml").write_text(toml_text(doc), encoding="utf-8")
        check(folder, load)


# ---- workbooks --------------------------------------------------------------
cell_value = st.one_of(cell_text, st.integers(-10**12, 10**12), st.floats(allow_nan=False, allow_infinity=False), st.booleans(),
                       st.none(), st.datetimes(min_value=pd.Timestamp("1900-03-01").to_pydatetime(),
                                               max_value=pd.Timestamp("2100-01-01").to_pydatetime()), st.dates(min_value=pd.Timestamp("1900-03-01").date()))
SHEET_KINDS = ["study", "timepoints", "participants", "interviews", "themes", "quotes", "codings", "relationships", "roles",
               "relationship_types", "design"]


def _sheet_rows(kind: str) -> list[list]:
    if kind == "study":
        return [["name", "mini"]]
    if kind == "timepoints":
        return [["id", "label", "order"], ["T1", "Training", 1], ["T2", "Placement", 2]]
    if kind in ("roles", "relationship_types", "design"):
        return []
    return [line.split(",") for line in MINI[f"{kind}.csv"].strip().splitlines()]


@profile("workbook")
@given(names=st.lists(st.sampled_from(["same", "upper", "singular", "spaced", "other"]), min_size=len(SHEET_KINDS),
                      max_size=len(SHEET_KINDS)),
       cells=st.lists(st.tuples(st.sampled_from(SHEET_KINDS), st.integers(0, 8), st.integers(0, 8), cell_value), max_size=6),
       drop=st.sets(st.sampled_from(SHEET_KINDS), max_size=2),
       extra=st.lists(st.lists(cell_value, max_size=4), max_size=3),
       file_mutation=st.one_of(st.none(), st.tuples(st.just("truncate"), st.floats(0, 1)), st.tuples(st.just("bytes"), st.binary(max_size=200))),
       load=st.booleans())
def test_a_broken_workbook_is_refused_in_one_line_per_problem(names, cells, drop, extra, file_mutation, load):
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    def clean(v):
        return ILLEGAL_CHARACTERS_RE.sub("?", v) if isinstance(v, str) else v

    book = Workbook()
    book.remove(book.active)
    rename = {"same": str, "upper": str.upper, "singular": lambda k: k[:-1] if k.endswith("s") else k,
              "spaced": lambda k: f" {k.replace('_', ' ').title()} ", "other": lambda k: f"{k}_old"}
    used = set()
    for kind, how in zip(SHEET_KINDS, names):
        if kind in drop:
            continue
        title = rename[how](kind)[:31] or kind
        if title.lower() in used:
            title = f"{kind}{len(used)}"
        used.add(title.lower())
        ws = book.create_sheet(title)
        rows = _sheet_rows(kind)
        for k, r, c, v in cells:
            if k == kind:
                while len(rows) <= r:
                    rows.append([])
                rows[r] = (rows[r] + [None] * 9)[:9]
                rows[r][c] = v
        for row in rows:
            ws.append([clean(v) for v in row])
    if extra:
        ws = book.create_sheet("Notes")
        for row in extra:
            ws.append([clean(v) for v in row])
    if not book.worksheets:
        book.create_sheet("empty")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "study.xlsx"
        book.save(path)
        if file_mutation is not None:
            path.write_bytes(mutate(path.read_bytes(), file_mutation))
        check(path, load)


STUDY_KEYS = ["name", "description", "source", "date_format", "relationship_types", "timepoints", "roles", "design", "memos",
              "Key", "value", "x", ""]


@profile("study sheets")
@given(study=st.lists(st.tuples(st.sampled_from(STUDY_KEYS), cell_value), max_size=6),
       declarations=st.dictionaries(st.sampled_from(["timepoints", "roles", "relationship_types", "design"]),
                                    st.lists(st.lists(cell_value, max_size=5), max_size=4), max_size=4),
       load=st.booleans())
def test_random_study_and_declaration_sheets_are_refused_in_one_line_per_problem(study, declarations, load):
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    def clean(v):
        return ILLEGAL_CHARACTERS_RE.sub("?", v) if isinstance(v, str) else v

    headers = {"timepoints": ["id", "label", "order"], "roles": ["id", "label", "focal"],
               "relationship_types": ["id", "label", "from", "to"], "design": ["section", "key", "subkey", "value"]}
    book = Workbook()
    book.active.title = "study"
    for key, value in study:
        book.active.append([key, clean(value)])
    for kind, rows in declarations.items():
        ws = book.create_sheet(kind)
        ws.append(headers[kind])
        for row in rows:
            ws.append([clean(v) for v in row])
    for kind in TABLES_OF_MINI:
        ws = book.create_sheet(kind)
        for row in _sheet_rows(kind):
            ws.append(row)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "study.xlsx"
        book.save(path)
        check(path, load)


TABLES_OF_MINI = ["participants", "interviews", "themes", "quotes", "codings", "relationships"]


# ---- stores -------------------------------------------------------------------
def _table_change(kind: str, how: str, col: int, row: int, value) -> bytes | None:
    frame = MINI_STUDY.tables()[kind].copy()
    name = frame.columns[col % len(frame.columns)]
    if how == "drop":
        frame = frame.drop(columns=name)
    elif how == "ints":
        frame[name] = range(len(frame))
    elif how == "nulls":
        frame[name] = None
    elif how == "floats":
        frame[name] = [float("nan")] * len(frame)
    elif how == "cell" and len(frame):
        frame[name] = frame[name].astype(object)
        frame.iloc[row % len(frame), frame.columns.get_loc(name)] = value
        frame[name] = frame[name].map(lambda v: None if v is None else str(v))
    elif how == "extra":
        frame["extra"] = "x"
    elif how == "empty":
        frame = frame.iloc[0:0]
    elif how == "duplicate":
        frame = pd.concat([frame, frame])
    buf = io.BytesIO()
    try:
        pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), buf)
    except (pa.ArrowException, ValueError, TypeError):
        return None
    return buf.getvalue()


store_change = st.one_of(
    st.tuples(st.just("study.json"), json_value),
    st.tuples(st.just("meta_key"), st.sampled_from(["name", "description", "timepoints", "roles", "relationship_types", "design",
                                                     "memos", "source", "x"]), json_value),
    st.tuples(st.just("meta_del"), st.sampled_from(["name", "timepoints", "roles", "relationship_types", "design", "memos"])),
    st.tuples(st.just("top"), st.sampled_from(["format", "version", "study"]), json_value),
    st.tuples(st.just("table"), st.sampled_from(list(MINI_STUDY.tables())),
              st.sampled_from(["drop", "ints", "nulls", "floats", "cell", "extra", "empty", "duplicate"]),
              st.integers(0, 8), st.integers(0, 8), cell_text),
    st.tuples(st.just("member_bytes"), st.sampled_from(sorted(STORE_MEMBERS)), st.binary(max_size=300)),
    st.tuples(st.just("member_delete"), st.sampled_from(sorted(STORE_MEMBERS))),
    st.tuples(st.just("member_add"), st.from_regex(r"[A-Za-z0-9_.\-]{1,10}(/[A-Za-z0-9_.\-]{1,10})?", fullmatch=True),
              st.binary(max_size=50)),
)


@profile("store")
@given(changes=st.lists(store_change, min_size=1, max_size=3), archive=st.one_of(st.none(), st.none(), st.none(), byte_mutation),
       name=st.sampled_from(
    ["s.gstudy", "s.store", "s"]), load=st.booleans())
def test_a_broken_store_is_refused_in_one_line_per_problem(changes, archive, name, load):
    members = dict(STORE_MEMBERS)
    for ch in changes:
        try:
            meta = json.loads(members.get("study.json", b""))
        except ValueError:
            meta = None
        if ch[0] == "study.json":
            members["study.json"] = json.dumps(ch[1]).encode()
        elif ch[0] in ("meta_key", "meta_del", "top") and isinstance(meta, dict) and isinstance(meta.get("study"), dict):
            if ch[0] == "meta_key":
                meta["study"][ch[1]] = ch[2]
            elif ch[0] == "meta_del":
                meta["study"].pop(ch[1], None)
            else:
                meta[ch[1]] = ch[2]
            members["study.json"] = json.dumps(meta).encode()
        elif ch[0] == "table":
            data = _table_change(*ch[1:])
            if data is not None:
                members[f"{ch[1]}.parquet"] = data
        elif ch[0] == "member_bytes":
            members[ch[1]] = ch[2]
        elif ch[0] == "member_delete":
            members.pop(ch[1], None)
        elif ch[0] == "member_add":
            members[ch[1]] = ch[2]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        with zipfile.ZipFile(path, "w") as zf:
            for n, data in members.items():
                zf.writestr(n, data)
        if archive is not None:
            path.write_bytes(mutate(path.read_bytes(), archive))
        check(path, load)


# ---- REFI-QDA projects and codebooks -------------------------------------------
with zipfile.ZipFile(io.BytesIO(QDPX)) as _zf:
    QDPX_MEMBERS = {n: _zf.read(n) for n in _zf.namelist()}
ATTRIBUTES = ["startPosition", "endPosition", "guid", "targetGUID", "name", "plainTextPath", "originGUID", "creatingUser"]

qde_change = st.one_of(  # mostly changes that keep the XML well-formed, so the checks behind the parser are reached
    st.tuples(st.just("attr"), st.sampled_from(ATTRIBUTES), st.integers(0, 50), cell_text),
    st.tuples(st.just("attr"), st.sampled_from(["startPosition", "endPosition"]), st.integers(0, 50),
              st.integers(-5, 10**6).map(str)),
    st.tuples(st.just("settings"), json_value),
    st.tuples(st.just("drop_member"), st.integers(0, 40)),
    st.tuples(st.just("delete_line"), st.integers(0, 200)),
    st.tuples(st.just("duplicate"), st.integers(0, 200)),
    st.tuples(st.just("raw_attr"), st.sampled_from(ATTRIBUTES), st.integers(0, 50), cell_text),
    byte_mutation,
)
ARCHIVE = st.one_of(st.none(), st.none(), st.none(), st.tuples(st.just("truncate"), st.floats(0, 1)))


def _xml_attr(text: str, attr: str, nth: int, value: str, raw: bool = False) -> str:
    import re

    spots = list(re.finditer(rf'{attr}="[^"]*"', text))
    if not spots:
        return text
    m = spots[nth % len(spots)]
    escaped = value if raw else value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    return text[: m.start()] + f'{attr}="{escaped}"' + text[m.end():]


@profile("refi")
@given(changes=st.lists(qde_change, min_size=1, max_size=3), archive=ARCHIVE,
       options=st.lists(st.sampled_from([("--skip-missing-sources",), ("--focal-role", "psw"), ("--focal-role", "nurse"),
                                         ("--source-pattern", "(?P<participant>[^_]+)_(?P<timepoint>T\\d)(?:_(?P<wave>\\d+))?"),
                                         ("--allow-absolute-paths",)]), max_size=2, unique=True)
       | st.just([("--source-pattern", "(unclosed")]),
       load=st.booleans())
def test_a_broken_refi_project_is_refused_in_one_line_per_problem(changes, archive, options, load):
    members = dict(QDPX_MEMBERS)
    for ch in changes:
        qde = members.get("project.qde", b"")
        if ch[0] in ("attr", "raw_attr"):
            members["project.qde"] = _xml_attr(qde.decode("utf-8", errors="replace"), ch[1], ch[2], ch[3],
                                               raw=ch[0] == "raw_attr").encode("utf-8")
        elif ch[0] == "settings":
            import re

            body = json.dumps(ch[1]).replace("&", "&amp;").replace("<", "&lt;").encode()
            members["project.qde"] = re.sub(rb'(name="graphstudy study settings">\s*<PlainTextContent>).*?(</PlainTextContent>)',
                                            lambda m, body=body: m[1] + body + m[2], qde, flags=re.S)
        elif ch[0] == "drop_member":
            names = sorted(members)
            members.pop(names[ch[1] % len(names)], None)
        else:
            members["project.qde"] = mutate(qde, ch, sep=" ")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "project.qdpx"
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for n, data in members.items():
                zf.writestr(n, data)
        if archive is not None:
            path.write_bytes(mutate(path.read_bytes(), archive))
        check(path, load, *[x for opt in options for x in opt])


@profile("codebook")
@given(changes=st.lists(st.one_of(byte_mutation, st.tuples(st.just("attr"), st.sampled_from(["name", "guid", "color"]),
                                                           st.integers(0, 20), cell_text)), min_size=1, max_size=3),
       load=st.booleans())
def test_a_broken_codebook_is_refused_in_one_line_per_problem(changes, load):
    data = QDC
    for ch in changes:
        if ch[0] == "attr":
            data = _xml_attr(data.decode("utf-8", errors="replace"), ch[1], ch[2], ch[3]).encode("utf-8")
        else:
            data = mutate(data, ch, sep=" ")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "codes.qdc"
        path.write_bytes(data)
        check(path, load)
