"""Which REFI-QDA source is which participant at which occasion.

Most exports carry no cases or variables, so the researcher says it: a mapping
CSV (``source, participant_id, role, timepoint, wave``) or a regular
expression over source names with the named groups ``participant``,
``timepoint`` and optionally ``wave`` and ``role``. Variables written by the
tools (``Cases:Age group`` in NVivo, document variables in MAXQDA) are read by
their normalised names.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..errors import Problem, QDAError

__all__ = [
    "MAPPING_COLUMNS",
    "PARTICIPANT_FIELDS",
    "SourceMap",
    "compile_pattern",
    "lookup",
    "match_source",
    "natural_key",
    "normalise_role",
    "read_mapping",
    "variable_field",
]

MAPPING_COLUMNS = ["source", "participant_id", "role", "timepoint", "wave"]
"""The columns of a mapping CSV; ``source`` and ``participant_id`` are required."""

PARTICIPANT_FIELDS = ("role", "subrole", "gender", "age_band", "diagnosis", "agency", "setting")
"""Participant attributes read from case (or document) variables."""

_FIELDS = {
    **{f: f for f in PARTICIPANT_FIELDS},
    "stakeholder": "role", "stakeholder_group": "role", "participant_role": "role", "sub_role": "subrole",
    "sex": "gender", "age_group": "age_band", "age": "age_band", "age_range": "age_band",
    "timepoint": "timepoint", "time_point": "timepoint", "wave": "wave",
    "date": "date", "interview_date": "date",
    "participant": "participant_id", "participant_id": "participant_id",
}
_ROLES = {
    "peer_support_worker": "psw", "peer_supporter": "psw", "coworker": "co_worker", "co_workers": "co_worker",
    "serviceuser": "service_user", "service_users": "service_user", "family_member": "family",
}


def _key(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "_", text.lower()).strip("_")


def variable_field(name: str) -> str | None:
    """The graphstudy field a tool's variable holds, or None.

    Examples
    --------
    >>> variable_field("Cases:Age group"), variable_field("Time point"), variable_field("Favourite colour")
    ('age_band', 'timepoint', None)
    """
    return _FIELDS.get(_key(name.rpartition(":")[2]))


def normalise_role(value: str) -> str:
    """A role as graphstudy spells it.

    Examples
    --------
    >>> normalise_role("Service user"), normalise_role("PSW"), normalise_role("Co-worker")
    ('service_user', 'psw', 'co_worker')
    """
    key = _key(value)
    return _ROLES.get(key, key)


def natural_key(text: str) -> tuple:
    """Sort key putting ``T2`` before ``T10``.

    Examples
    --------
    >>> sorted(["T10", "T2", "T1"], key=natural_key)
    ['T1', 'T2', 'T10']
    """
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p.lower()) for p in re.split(r"(\d+)", text) if p)


@dataclass
class SourceMap:
    """What the mapping or the pattern says about one source."""

    participant_id: str
    role: str = ""
    timepoint: str = ""
    wave: str = ""
    row: int = 0


def read_mapping(path: str | Path) -> tuple[dict[str, SourceMap], list[Problem]]:
    """Read a mapping CSV into ``{source name or GUID: SourceMap}``.

    Raises
    ------
    QDAError
        When the file cannot be read as UTF-8 CSV.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "map.csv"
    >>> _ = f.write_text("source,participant_id,role,timepoint,wave\\nSue_T1,Sue,psw,T1,\\n")
    >>> rows, problems = read_mapping(f)
    >>> rows["Sue_T1"].participant_id, rows["Sue_T1"].timepoint, problems
    ('Sue', 'T1', [])
    """
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except FileNotFoundError:
        raise QDAError(f"{path}: mapping file not found") from None
    except UnicodeDecodeError as exc:
        raise QDAError(f"{path.name}: not UTF-8 text (byte at offset {exc.start}); save the mapping as 'CSV UTF-8'") from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise QDAError(f"{path.name}: not a readable CSV file: {str(exc).strip()}") from None
    frame.columns = [str(c).strip() for c in frame.columns]
    problems: list[Problem] = []
    for col in ("source", "participant_id"):
        if col not in frame.columns:
            problems.append(Problem(path.name, 1, col, f"missing column '{col}'; a mapping has the columns {', '.join(MAPPING_COLUMNS)}"))
    for col in frame.columns:
        if col not in MAPPING_COLUMNS:
            problems.append(Problem(path.name, 1, col, f"unknown column '{col}' is ignored; known columns: {', '.join(MAPPING_COLUMNS)}", "warning"))
    if problems and any(p.severity == "error" for p in problems):
        return {}, problems
    rows: dict[str, SourceMap] = {}
    first: dict[str, int] = {}
    for i, rec in enumerate(frame.to_dict("records"), start=2):
        source = str(rec.get("source", "")).strip()
        pid = str(rec.get("participant_id", "")).strip()
        if not source:
            problems.append(Problem(path.name, i, "source", "empty source; name the source (or give its GUID)"))
            continue
        if source in first:
            problems.append(Problem(path.name, i, "source", f"source '{source}' is mapped twice (first in row {first[source]})"))
            continue
        if not pid:
            problems.append(Problem(path.name, i, "participant_id", f"empty participant_id for source '{source}'"))
            continue
        first[source] = i
        role = str(rec.get("role", "")).strip()
        rows[source] = SourceMap(pid, role, str(rec.get("timepoint", "")).strip(),
                                 str(rec.get("wave", "")).strip(), i)
    return rows, problems


def compile_pattern(pattern: str) -> re.Pattern:
    """Compile a source-name pattern; it must have a ``participant`` group.

    Raises
    ------
    QDAError
        When it is not a valid regular expression or lacks the group.

    Examples
    --------
    >>> p = compile_pattern(r"(?P<participant>[^_]+)_(?P<timepoint>T\\d)(?:_(?P<wave>\\d+))?")
    >>> match_source(p, "Sue_T3_1")
    {'participant': 'Sue', 'timepoint': 'T3', 'wave': '1'}
    >>> match_source(p, "Sue notes") is None
    True
    """
    try:
        compiled = re.compile(pattern)
    except re.error as exc:
        raise QDAError(f"--source-pattern {pattern!r}: not a valid regular expression ({exc})") from None
    if "participant" not in compiled.groupindex:
        raise QDAError(f"--source-pattern {pattern!r}: needs a named group (?P<participant>...); "
                       "timepoint, wave and role are optional groups")
    return compiled


def match_source(pattern: re.Pattern, name: str) -> dict[str, str] | None:
    """The pattern's named groups for a source name (the whole name must match), or None."""
    m = pattern.fullmatch(name)
    if m is None:
        return None
    return {k: v.strip() for k, v in m.groupdict().items() if v is not None and v.strip()}


def lookup(rows: dict[str, SourceMap], by_guid: dict[str, SourceMap], name: str, guid: str) -> SourceMap | None:
    """The mapping row for a source, by name, then by GUID (``by_guid``: the rows keyed by :func:`guid_of`)."""
    if name in rows:
        return rows[name]
    return by_guid.get(guid) if guid else None
