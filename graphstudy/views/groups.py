"""Groups of people for large study views: the study view opens grouped above :data:`GROUP_LIMIT` nodes.

A grouped view draws one node per group (sized by its members, labelled with
how many) with the themes and the links between groups and themes summed; a
click on a group draws its members in its place. The groupings
(:data:`GROUP_BY`):

==========  =====================================================================
group by    groups
==========  =====================================================================
role        the study's roles, in its order, with its labels (the default)
agency      the participants' ``agency`` column (blank: "no agency given")
setting     the participants' ``setting`` column (blank: "no setting given")
community   communities of the relationships between people, as NetworkX's
            Louvain method finds them (seed fixed, so the same study gives the
            same groups); people without relationships form one group
==========  =====================================================================

Grouping by agency or setting shows those attributes, so it is refused with
``--redact-attributes``.

Examples
--------
>>> import pandas as pd
>>> people = pd.DataFrame({"id": ["A", "B", "C"], "role": ["psw", "service_user", "service_user"]})
>>> groups, member = group_people(people, "role", pd.DataFrame(columns=["source_id", "target_id"]),
...                               {"psw": "PSW", "service_user": "Service user"})
>>> [(g["id"], g["label"], g["members"]) for g in groups], member["C"]
([('g:role:psw', 'PSW', 1), ('g:role:service_user', 'Service user', 2)], 'g:role:service_user')
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import networkx as nx
import pandas as pd

from ..errors import GraphStudyError
from ..frames import each

__all__ = ["GROUP_BY", "GROUP_LIMIT", "check_group_by", "group_people"]

GROUP_LIMIT = 1000
"""Above this many nodes the study view opens grouped (``--grouped`` / ``--ungrouped`` choose either way)."""

GROUP_BY = ("role", "agency", "setting", "community")
"""How a study view can group its people."""

_ATTRIBUTE_GROUPS = ("agency", "setting")


def check_group_by(group_by: str, redact_attributes: bool = False) -> None:
    """Refuse an unknown grouping, or one that shows attributes the file must leave out."""
    if group_by not in GROUP_BY:
        raise GraphStudyError(f"group by must be one of {', '.join(GROUP_BY)}; got '{group_by}'")
    if redact_attributes and group_by in _ATTRIBUTE_GROUPS:
        raise GraphStudyError(f"grouping by {group_by} would show participants' {group_by}, which "
                              "--redact-attributes leaves out; group by role or community instead")


def _communities(people: pd.DataFrame, rel: pd.DataFrame) -> dict[str, tuple[str, str]]:
    g = nx.Graph()
    ids = [str(p) for p in people["id"]]
    known = set(ids)
    g.add_edges_from((str(s), str(t)) for s, t in each(rel, "source_id", "target_id")
                     if str(s) in known and str(t) in known and s != t)
    found = nx.community.louvain_communities(g, seed=7) if g.number_of_edges() else []
    ranked = sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))
    out: dict[str, tuple[str, str]] = {}
    for i, members in enumerate(ranked, start=1):
        hub = max(members, key=lambda p: (g.degree(p), p))
        for p in members:
            out[p] = (f"g:community:{i}", f"Community {i}, around {hub}")
    for p in ids:
        out.setdefault(p, ("g:community:none", "Not linked to anyone"))
    return out


def group_people(people: pd.DataFrame, group_by: str, rel: pd.DataFrame,
                 role_labels: dict[str, str]) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The groups (``id, label, members``, in the grouping's order) and ``{participant: group id}``.

    Parameters
    ----------
    people : pandas.DataFrame
        A ``participants`` look-up.
    group_by : str
        One of :data:`GROUP_BY`.
    rel : pandas.DataFrame
        The relationships (``source_id``, ``target_id``), for ``community``.
    role_labels : dict
        ``{role id: label}`` in the study's order.

    Notes
    -----
    O(p) for the attribute groupings; Louvain is about O(r log r) for r relationships.
    """
    check_group_by(group_by)
    ids = [str(p) for p in people["id"]]
    if group_by == "community":
        found = _communities(people, rel)
    elif group_by == "role":
        order = {r: i for i, r in enumerate(role_labels)}
        found = {p: (f"g:role:{r}", role_labels.get(str(r), str(r))) for p, r in zip(ids, people["role"])}
        found = dict(sorted(found.items(), key=lambda kv: (order.get(kv[1][0][7:], len(order)), kv[1][0])))
    else:
        values = people[group_by].fillna("").astype(str) if group_by in people.columns else pd.Series([""] * len(ids))
        found = {p: (f"g:{group_by}:{v}", v or f"no {group_by} given") for p, v in zip(ids, values)}
        found = dict(sorted(found.items(), key=lambda kv: (kv[1][1].startswith("no "), kv[1][1])))
    sizes = Counter(g for g, _ in found.values())
    groups, seen = [], set()
    for gid, label in found.values():
        if gid not in seen:
            seen.add(gid)
            groups.append({"id": gid, "label": label, "members": sizes[gid]})
    return groups, {p: gid for p, (gid, _) in found.items()}
