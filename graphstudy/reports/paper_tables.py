"""The bundled paper's own tables, computed from the data and set beside the study's design.

A study's ``study.toml`` may record what its design says (``[design]``, kept
as :attr:`Study.design <graphstudy.model.Study>`). These reports count the
same things in the data and flag every cell where the two differ:

- :func:`table1`: participants per group, their gender and roles (Table 1);
- :func:`table2`: the themes and sub-themes (Table 2), with how many quotes
  and participants the data holds for each;
- :func:`figure1`: interviews (and interviewed participants) per group and
  time point (Figure 1).

The design keys read are (``role`` is a participant role such as ``psw``)::

    participants              = {role: n}
    interviews                = {role: {timepoint: n}}
    interviewed_participants  = {role: {timepoint: n}}
    gender                    = {role: {value: n}}       # also diagnosis, age_band, setting, agency
    roles, employment, subrole = {role: {subrole: n}} or {subrole: n}

A flat ``{subrole: n}`` section belongs to the group whose participants hold
those subroles in the data (the bundled study's ``roles``: co-workers).

The flag of a cell is empty when data and design agree, otherwise one of
``fewer in data: 7 of 15``, ``more in data: 3, design 0``, ``not in design``
or ``not stated in the data`` (participants whose attribute is blank).

The data and the design both come from any :class:`~graphstudy.engines.base.Backend`
(so Neo4j too): the design and the time points' labels from its
:meth:`~graphstudy.engines.base.Backend.study_info`. Pass ``design=`` (a
study, or the ``[design]`` dict itself) to set the data beside another design.

Examples
--------
>>> from graphstudy import load_study
>>> t = table1(load_study())
>>> t[(t["group"] == "service_user") & (t["characteristic"] == "participants")][["data", "design", "flag"]].values.tolist()
[[7, 15, 'fewer in data: 7 of 15']]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from ..engines.base import Backend
from ..frames import each
from ..model import ROLES, Study, StudyInfo
from ..queries import as_backend

__all__ = [
    "ALL_GROUPS",
    "FIGURE1_COLUMNS",
    "NOT_STATED",
    "TABLE1_COLUMNS",
    "TABLE2_COLUMNS",
    "compare_counts",
    "figure1",
    "table1",
    "table2",
]

NOT_STATED = "(not stated)"
"""The category of participants whose attribute is blank in the data."""

ALL_GROUPS = "all"
"""The group of the all-groups total rows of :func:`table1` and :func:`figure1`."""

TABLE1_COLUMNS = ["group", "characteristic", "category", "data", "design", "flag"]
TABLE2_COLUMNS = ["theme", "subtheme", "name", "quotes", "direct", "participants", "groups", "flag"]
FIGURE1_COLUMNS = ["group", "timepoint", "label", "interviews", "design_interviews", "participants",
                   "design_participants", "cell", "design_cell", "flag"]

_ATTRIBUTES = {"gender": "gender", "diagnosis": "diagnosis", "age_band": "age_band", "setting": "setting",
               "agency": "agency", "subrole": "subrole", "roles": "subrole", "employment": "subrole"}
"""Design sections counting a participant attribute: section -> column."""


def compare_counts(data: int, design: int | None, category: str = "", what: str = "") -> str:
    """The flag of one cell: empty when data and design agree.

    Examples
    --------
    >>> compare_counts(7, 15), compare_counts(3, 0), compare_counts(3, None), compare_counts(5, 5)
    ('fewer in data: 7 of 15', 'more in data: 3, design 0', 'not in design', '')
    >>> compare_counts(2, None, NOT_STATED)
    'not stated in the data'
    >>> compare_counts(3, 5, what="interviews")
    'fewer interviews in data: 3 of 5'
    """
    what = f" {what}" if what else ""
    if category == NOT_STATED:
        return "not stated in the data" if data else ""
    if design is None:
        return f"{what.strip()} not in design".lstrip() if data else ""
    if data == design:
        return ""
    if data < design:
        return f"fewer{what} in data: {data} of {design}"
    return f"more{what} in data: {data}, design {design}"


def _design(info: StudyInfo, design: Study | StudyInfo | Mapping[str, Any] | None) -> tuple[dict, dict[str, str]]:
    """``(design dict, {time point: label})``: the source's own (its ``study_info()``), or ``design``'s."""
    if design is None:
        design = info
    if isinstance(design, Study):
        design = design.info
    if isinstance(design, StudyInfo):
        return dict(design.design), design.timepoint_labels
    return dict(design), info.timepoint_labels


def _role_order(roles: Iterable[str], declared: Iterable[str] = ROLES) -> list[str]:
    """The roles in the order the study declares them, then any others alphabetically."""
    order = list(declared)
    return sorted(set(roles), key=lambda r: (order.index(r) if r in order else len(order), r))


def _subrole_design(design: dict, people: pd.DataFrame) -> dict[str, dict[str, int]]:
    """Merge the ``roles``, ``employment`` and ``subrole`` sections into ``{role: {subrole: n}}``."""
    out: dict[str, dict[str, int]] = {}
    for section, column in _ATTRIBUTES.items():
        if column != "subrole" or not isinstance(design.get(section), dict):
            continue
        value = design[section]
        if all(isinstance(v, dict) for v in value.values()):
            for role, counts in value.items():
                out.setdefault(role, {}).update({k: int(v) for k, v in counts.items()})
            continue
        holders = set(people.loc[people["subrole"].isin(list(value)), "role"])
        role = holders.pop() if len(holders) == 1 else "all"
        out.setdefault(role, {}).update({k: int(v) for k, v in value.items()})
    return out


def _attribute_rows(group: str, characteristic: str, data_counts: dict, design_counts: dict | None) -> list[dict]:
    design_counts = design_counts or {}
    cats = list(design_counts) + sorted(c for c in data_counts if c not in design_counts and c != NOT_STATED)
    if data_counts.get(NOT_STATED):
        cats.append(NOT_STATED)
    rows = []
    for cat in cats:
        n = int(data_counts.get(cat, 0))
        d = design_counts.get(cat)
        d = None if d is None or cat == NOT_STATED else int(d)
        rows.append({"group": group, "characteristic": characteristic, "category": cat, "data": n, "design": d,
                     "flag": compare_counts(n, d, cat)})
    return rows


def table1(source: Study | Backend, design: Study | StudyInfo | Mapping[str, Any] | None = None) -> pd.DataFrame:
    """Table 1 from the data: participants per group, interviews, gender and roles, beside the design.

    Parameters
    ----------
    source : Study or Backend
        Where the data come from.
    design : Study, StudyInfo or dict, optional
        The design to set the data beside (default: the source's own, from
        its ``study_info()``); a dict is the ``[design]`` section itself.

    Returns
    -------
    pandas.DataFrame
        Columns ``group, characteristic, category, data, design, flag``. For
        each group (role, in the usual order, then ``all``): ``participants``
        and ``interviews`` (category ``number``), then ``gender``,
        ``subrole`` and any other attribute the design counts, one row per
        category (the design's first, then the data's, then
        ``(not stated)``). ``design`` is empty (``<NA>``) where the design
        gives no figure; ``flag`` says how the data differ.

    Examples
    --------
    >>> from graphstudy import load_study
    >>> t = table1(load_study())
    >>> t[(t["group"] == "co_worker") & (t["characteristic"] == "subrole")][["category", "data", "design"]].values.tolist()
    [['supervisor', 2, 7], ['mentor', 3, 5], ['non_peer_colleague', 0, 2], ['(not stated)', 2, <NA>]]

    Notes
    -----
    O(p + i) for p participants and i interviews.
    """
    backend = as_backend(source)
    info = backend.study_info()
    spec, _ = _design(info, design)
    people = backend.participants()
    iv = backend.all_interviews()
    subroles = _subrole_design(spec, people)
    want = dict(spec.get("participants", {}))
    groups = _role_order(set(people["role"]) | set(want) | set(spec.get("interviews", {})), info.role_ids)
    rows = []

    def number(group, characteristic, n, d):
        d = None if d is None else int(d)
        rows.append({"group": group, "characteristic": characteristic, "category": "number", "data": int(n),
                     "design": d, "flag": compare_counts(int(n), d)})

    for group in groups:
        mine = people[people["role"] == group]
        number(group, "participants", len(mine), want.get(group))
        planned = spec.get("interviews", {}).get(group)
        number(group, "interviews", int((iv["role"] == group).sum()), sum(planned.values()) if planned else None)
        sections = ["gender"] + [s for s in spec if _ATTRIBUTES.get(s) not in (None, "gender", "subrole")] + ["subrole"]
        for section in sections:
            column = _ATTRIBUTES[section]
            values = mine[column].replace("", NOT_STATED)
            counts = values.value_counts().to_dict()
            planned = subroles.get(group) if column == "subrole" else spec.get(section, {}).get(group)
            if planned or any(k != NOT_STATED for k in counts):
                rows.extend(_attribute_rows(group, section, counts, planned))
    number(ALL_GROUPS, "participants", len(people), sum(want.values()) if want else None)
    planned_all = [n for per in spec.get("interviews", {}).values() for n in per.values()]
    number(ALL_GROUPS, "interviews", len(iv), sum(planned_all) if planned_all else None)
    if "all" in subroles:
        rows.extend(_attribute_rows("all", "subrole", people["subrole"].replace("", NOT_STATED).value_counts().to_dict(),
                                    subroles["all"]))
    out = pd.DataFrame(rows, columns=TABLE1_COLUMNS)
    out["design"] = out["design"].astype("Int64")
    return out


def table2(source: Study | Backend) -> pd.DataFrame:
    """Table 2 from the data: the themes and sub-themes, with the quotes and participants behind each.

    The design of Table 2 is the codebook itself, so the flags mark codebook
    entries the data give no quote for, and themes that hold quotes coded to
    the theme itself rather than to one of its sub-themes.

    Returns
    -------
    pandas.DataFrame
        Columns ``theme, subtheme, name, quotes, direct, participants,
        groups, flag``, in codebook order: each top-level theme (``subtheme``
        empty) followed by its sub-themes. ``quotes``: distinct quotes coded
        as it or anything below it; ``direct``: coded as exactly it;
        ``participants``: distinct speakers of those quotes; ``groups``:
        their roles, ``;``-separated.

    Examples
    --------
    >>> from graphstudy import load_study
    >>> t = table2(load_study())
    >>> t.loc[t["subtheme"] == "", ["theme", "quotes", "direct"]].values.tolist()
    [['perceptions', 24, 4], ['service_user_changes', 10, 1], ['family_role', 8, 0]]

    Notes
    -----
    O(c + t x d) for c codings, t themes and tree depth d.
    """
    backend = as_backend(source)
    declared = backend.study_info().role_ids
    tree = backend.theme_tree().sort_values("position")
    parent = dict(each(tree, "id", "parent_id"))
    cod = backend.all_codings()[["participant", "role", "quote_id", "theme_id"]].drop_duplicates()

    def ancestors(t):
        seen = []
        while t and t not in seen:
            seen.append(t)
            t = parent.get(t, "")
        return seen

    reach = cod.assign(node=cod["theme_id"].map(ancestors)).explode("node")
    by_node = dict(iter(reach.groupby("node")))
    root = {t: ancestors(t)[-1] for t in parent}
    depth_first = []
    for t in tree["id"]:
        if not parent.get(t):
            depth_first.append(t)
            depth_first.extend(s for s in tree["id"] if s != t and root[s] == t)
    rows = []
    for t in depth_first:
        g = by_node.get(t, reach.iloc[0:0])
        n = int(g["quote_id"].nunique())
        direct = int(cod.loc[cod["theme_id"] == t, "quote_id"].nunique())
        has_children = any(parent.get(s) == t for s in parent)
        flag = "no quotes in the data" if n == 0 else (
            f"{direct} quote(s) coded to the theme itself, not to a sub-theme" if direct and has_children else "")
        rows.append({"theme": root[t], "subtheme": "" if t == root[t] else t,
                     "name": dict(each(tree, "id", "name"))[t], "quotes": n, "direct": direct,
                     "participants": int(g["participant"].nunique()),
                     "groups": ";".join(_role_order(g["role"].unique(), declared)), "flag": flag})
    return pd.DataFrame(rows, columns=TABLE2_COLUMNS)


def figure1(source: Study | Backend, design: Study | StudyInfo | Mapping[str, Any] | None = None) -> pd.DataFrame:
    """Figure 1 from the data: interviews (and participants interviewed) per group and time point, beside the design.

    Parameters
    ----------
    source : Study or Backend
    design : Study, StudyInfo or dict, optional
        As :func:`table1`. The time points' labels are the design's when it
        is a study, else the source's own.

    Returns
    -------
    pandas.DataFrame
        Columns ``group, timepoint, label, interviews, design_interviews,
        participants, design_participants, cell, design_cell, flag``: one row
        per group and time point of the design or the data, then a
        ``total`` row per group; then the same rows for every group together
        (group ``all``: the design's figures summed over the groups that have one). ``cell`` is written as in the paper's
        figure, ``interviews(participants)``, e.g. ``16(5)``. The design's
        total of participants is the group's size (``participants``).

    Examples
    --------
    >>> from graphstudy import load_study
    >>> f = figure1(load_study())
    >>> f[f["group"] == "psw"][["timepoint", "cell", "design_cell"]].values.tolist()
    [['T1', '3(3)', '5(5)'], ['T2', '1(1)', '5(5)'], ['T3', '4(4)', '16(5)'], ['total', '8(5)', '26(5)']]
    >>> f[(f["group"] == "all") & (f["timepoint"] == "total")][["interviews", "design_interviews"]].values.tolist()
    [[29, 77]]

    Notes
    -----
    O(i) for i interviews.
    """
    backend = as_backend(source)
    info = backend.study_info()
    spec, labels = _design(info, design)
    iv = backend.all_interviews()
    planned = spec.get("interviews", {})
    planned_people = spec.get("interviewed_participants", {})
    order = dict(each(iv, "timepoint", "order"))
    tps = list(dict.fromkeys([*labels, *(tp for per in planned.values() for tp in per), *order]))
    tps.sort(key=lambda tp: (order.get(tp, list(labels).index(tp) + 1 if tp in labels else 99), tp))
    rows = []
    groups = _role_order(set(iv["role"]) | set(planned), info.role_ids)

    def design_of(group: str, tp: str) -> tuple[int | None, int | None]:
        if group == ALL_GROUPS:
            parts = [design_of(g, tp) for g in groups]
            found_iv = [d for d, _ in parts if d is not None]
            found_p = [d for _, d in parts if d is not None]
            return (sum(found_iv) if found_iv else None), (sum(found_p) if found_p else None)
        if tp == "total":
            return (sum(planned[group].values()) if group in planned else None), spec.get("participants", {}).get(group)
        return planned.get(group, {}).get(tp), planned_people.get(group, {}).get(tp)

    for group in [*groups, ALL_GROUPS]:
        mine = iv if group == ALL_GROUPS else iv[iv["role"] == group]
        for tp in tps + ["total"]:
            cell = mine if tp == "total" else mine[mine["timepoint"] == tp]
            n_iv, n_p = len(cell), int(cell["participant"].nunique())
            d_iv, d_p = design_of(group, tp)
            flags = [f for f in (compare_counts(n_iv, d_iv, what="interviews"),
                                 compare_counts(n_p, d_p, what="participants")) if f]
            rows.append({"group": group, "timepoint": tp, "label": labels.get(tp, ""), "interviews": n_iv,
                         "design_interviews": d_iv, "participants": n_p, "design_participants": d_p,
                         "cell": f"{n_iv}({n_p})",
                         "design_cell": "" if d_iv is None else f"{d_iv}({'' if d_p is None else d_p})",
                         "flag": "; ".join(flags)})
    out = pd.DataFrame(rows, columns=FIGURE1_COLUMNS)
    for c in ("design_interviews", "design_participants"):
        out[c] = out[c].astype("Int64")
    return out
