"""Who is who: participants, the study's roles (by its labels, in its order) and the relationships between people.

Every check that names a person or a role, and the one rule for when a
relationship holds (its span), is written here once.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from ..checks.relationships import occasion_key
from ..engines.base import Backend
from ..errors import GraphStudyError, UnknownParticipant
from ..model import StudyInfo

__all__ = [
    "check_focal",
    "check_participant",
    "check_role",
    "relationships_between",
    "require_focal",
    "require_participant",
    "role_order",
    "roles_named",
    "study_roles",
    "within_spans",
]


def study_roles(backend: Backend) -> tuple[str, ...]:
    """The role ids the study declares, in its order (from :meth:`~graphstudy.engines.base.Backend.study_info`)."""
    return backend.study_info().role_ids


def role_order(backend: Backend, found: Iterable[str] = ()) -> list[str]:
    """The stakeholder groups in ``found``: those the study declares in its order, then any other, sorted.

    Examples
    --------
    >>> from graphstudy import load_study
    >>> from graphstudy.queries import as_backend
    >>> role_order(as_backend(load_study()), ["family", "psw", "co_worker"])
    ['psw', 'co_worker', 'family']
    """
    declared = study_roles(backend)
    present = set(found)
    return [r for r in declared if r in present] + sorted(present - set(declared))


def check_role(backend: Backend, role: str | None) -> None:
    """Nothing when ``role`` is None or one of the study's roles; otherwise one line naming the roles it has."""
    if role is None:
        return
    roles = study_roles(backend)
    if role not in roles:
        raise GraphStudyError(f"no role '{role}' in study '{backend.study_name}' (its roles: {', '.join(roles)})")


def check_participant(people: pd.DataFrame, pid: str, study: str, role: str | None = None) -> dict[str, Any]:
    """The row of ``pid`` in a ``participants`` look-up, checked to exist (and to have ``role``, when given).

    Raises
    ------
    UnknownParticipant
        When ``people`` has no row for ``pid``.
    GraphStudyError
        When the participant's role is not ``role``.
    """
    rows = people[people["id"] == pid]
    if rows.empty:
        raise UnknownParticipant(f"no participant '{pid}' in study '{study}'")
    row: dict[str, Any] = {str(k): v for k, v in rows.iloc[0].to_dict().items()}
    if role is not None and row["role"] != role:
        raise GraphStudyError(f"'{pid}' is a {row['role']}, not a {role}")
    return row


def require_participant(backend: Backend, pid: str, role: str | None = None) -> dict[str, Any]:
    """The participant's ``participants`` row, from one look-up (see :func:`check_participant`)."""
    return check_participant(backend.participants([pid]), pid, backend.study_name, role)


def roles_named(info: StudyInfo, roles: Iterable[str]) -> str:
    """Roles by the study's labels, with an article: ``a Patient or Resident``, ``an Employee``.

    Examples
    --------
    >>> from graphstudy.model import StudyInfo
    >>> from graphstudy.vocabulary import Role
    >>> info = StudyInfo("s", roles=(Role("patient", "Patient", True), Role("resident", "Resident", True), Role("aide")))
    >>> roles_named(info, info.focal_roles), roles_named(info, ["aide"])
    ('a Patient or Resident', 'an aide')
    """
    labels = [info.role_label(r) for r in roles]
    if not labels:
        return "no role"
    article = "an" if labels[0][:1].lower() in "aeiou" else "a"
    return f"{article} {' or '.join(labels)}"


def check_focal(people: pd.DataFrame, pid: str, info: StudyInfo) -> dict[str, Any]:
    """The row of ``pid`` in a ``participants`` look-up, checked to exist and to be in one of the study's focal roles.

    Raises
    ------
    UnknownParticipant
        When ``people`` has no row for ``pid``.
    GraphStudyError
        When the participant's role is not focal, named by the study's labels:
        ``'K1' is a Family carer, not a Patient``.
    """
    row = check_participant(people, pid, info.name)
    if row["role"] not in info.focal_roles:
        if not info.focal_roles:
            raise GraphStudyError(f"study '{info.name}' has no focal role, so '{pid}' cannot be the centre of dyads "
                                  "(declare one with focal = true under [[roles]])")
        raise GraphStudyError(f"'{pid}' is {roles_named(info, [row['role']])}, not {roles_named(info, info.focal_roles)}")
    return row


def require_focal(backend: Backend, pid: str) -> dict[str, Any]:
    """The participant's ``participants`` row, checked to be in a focal role (see :func:`check_focal`); two look-ups."""
    return check_focal(backend.participants([pid]), pid, backend.study_info())


def relationships_between(backend: Backend, a: str, b: str) -> pd.DataFrame:
    """``participant, role, relationship, start, end`` of every relationship between ``a`` and ``b``, either way round.

    Raises
    ------
    GraphStudyError
        When they have none: ``'K1' and 'C1' have no relationship in study 'S'``.
    """
    links = backend.linked_people(a)
    links = links[links["participant"] == b]
    if links.empty:
        raise GraphStudyError(f"'{a}' and '{b}' have no relationship in study '{backend.study_name}'")
    return links.reset_index(drop=True)


def within_spans(frame: pd.DataFrame, spans: Iterable[tuple[str, str]], order: dict[str, int]) -> pd.Series:
    """Which rows of a look-up with ``order`` and ``wave`` columns fall inside at least one span.

    A span ``(start, end)`` holds from ``start`` to ``end`` inclusive, each a
    time point id (a start: from its first wave; an end: to its last) or an
    occasion id (that wave); ``""`` is open. ``order`` is the study's time
    point order (:attr:`~graphstudy.model.StudyInfo.timepoint_order`).

    Examples
    --------
    >>> iv = pd.DataFrame({"order": [1, 2, 2, 3], "wave": [0, 1, 2, 0]})
    >>> order = {"B": 1, "M3": 2, "M6": 3}
    >>> within_spans(iv, [("B", "M3")], order).tolist(), within_spans(iv, [("M3_2", "")], order).tolist()
    ([True, True, True, False], [False, False, True, True])
    >>> within_spans(iv, [("", "")], order).all(), within_spans(iv, [], order).any()
    (np.True_, np.False_)

    Notes
    -----
    Vectorised: O(rows x spans).
    """
    o = frame["order"].astype("float64").to_numpy()
    w = frame["wave"].astype("float64").to_numpy()
    inside = pd.Series(False, index=frame.index)
    inf = float("inf")
    for start, end in spans:
        lo = (occasion_key(start, order) if start else None) or (-inf, -inf)
        hi = (occasion_key(end, order, end=True) if end else None) or (inf, inf)
        after = (o > lo[0]) | ((o == lo[0]) & (w >= lo[1]))
        before = (o < hi[0]) | ((o == hi[0]) & (w <= hi[1]))
        inside |= pd.Series(after & before, index=frame.index)
    return inside


def held_spans(frame: pd.DataFrame, spans: pd.DataFrame, order: dict[str, int]) -> pd.Series:
    """:func:`within_spans` for many cases at once: which rows fall inside at least one span of their own case.

    ``frame`` has ``_case``, ``order`` and ``wave`` columns; ``spans`` one row per case and span
    (``_case``, ``start``, ``end``, read as :func:`within_spans` reads them). A row whose case has no
    span is outside.

    Examples
    --------
    >>> iv = pd.DataFrame({"_case": ["a", "a", "b", "c"], "order": [1, 2, 2, 3], "wave": [0, 0, 0, 0]})
    >>> spans = pd.DataFrame({"_case": ["a", "b", "b"], "start": ["", "B", "M6"], "end": ["B", "B", ""]})
    >>> held_spans(iv, spans, {"B": 1, "M3": 2, "M6": 3}).tolist()
    [True, False, False, False]

    Notes
    -----
    Vectorised: one merge of the rows with their cases' spans, O(rows x spans per case).
    """
    inf = float("inf")
    lo = [(occasion_key(v, order) if v else None) or (-inf, -inf) for v in spans["start"]]
    hi = [(occasion_key(v, order, end=True) if v else None) or (inf, inf) for v in spans["end"]]
    s = pd.DataFrame({"_case": spans["_case"].to_numpy(), "lo_o": [k[0] for k in lo], "lo_w": [k[1] for k in lo],
                      "hi_o": [k[0] for k in hi], "hi_w": [k[1] for k in hi]})
    f = pd.DataFrame({"_case": frame["_case"].to_numpy(), "o": frame["order"].astype("float64").to_numpy(),
                      "w": frame["wave"].astype("float64").to_numpy(), "_pos": range(len(frame))})
    m = f.merge(s, on="_case")
    ok = (((m["o"] > m["lo_o"]) | ((m["o"] == m["lo_o"]) & (m["w"] >= m["lo_w"])))
          & ((m["o"] < m["hi_o"]) | ((m["o"] == m["hi_o"]) & (m["w"] <= m["hi_w"]))))
    inside = pd.Series(False, index=range(len(frame)))
    inside[m.loc[ok, "_pos"].to_numpy()] = True
    return pd.Series(inside.to_numpy(), index=frame.index)
