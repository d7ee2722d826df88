"""Comparing groups by any participant attribute: role, gender, setting, agency, age band, ...

NVivo's matrix coding queries and Dedoose's descriptor charts compare codes
across any attribute of the cases. graphstudy does the same for its
longitudinal reports: ``--by ATTRIBUTE`` groups the participants by one column
of the participants table (``role`` by default; any of
:func:`compare_attributes`), and the report compares those groups instead of
the stakeholder groups.

Rules (the same for every report that takes ``--by``):

- A participant's **group** is their value of the attribute; a blank value is
  the group ``(not stated)``, shown last and never dropped silently.
- Groups are ordered as the study declares its roles (``--by role``) or
  alphabetically (any other attribute), ``(not stated)`` last.
- By role, groups are named by the study's labels (``Family carer``); by any
  other attribute, by the value itself.
- A dyad (a case of one person's quotes about one focal person) belongs to
  the group of that person, not of the focal person.

:func:`prevalence` is :func:`graphstudy.queries.themes` by any attribute
(``--by role`` gives exactly its rows); :func:`change_summary` counts, per
theme and group, the cases with each change label of
:mod:`graphstudy.reports.changes`.
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from ..engines.base import Backend
from ..errors import GraphStudyError
from ..frames import each
from ..model import Study
from ..queries import as_backend, role_order, theme_levels
from .changes import CHANGE_LABELS

__all__ = ["NOT_STATED", "Grouping", "change_summary", "compare_attributes", "cross_group_matrix", "grouping", "prevalence"]

NOT_STATED = "(not stated)"
"""The group of participants whose value of the attribute is blank."""


class Grouping(NamedTuple):
    """Participants grouped by one attribute.

    Attributes
    ----------
    by : str
        The attribute (a column of the participants table).
    of : dict
        ``{participant id: group}``.
    order : list of str
        Every group that has a participant, in the module's order.
    labels : dict
        ``{group: how tables name it}`` (the study's role labels ``--by role``).
    """

    by: str
    of: dict[str, str]
    order: list[str]
    labels: dict[str, str]

    def label(self, group: str) -> str:
        return self.labels.get(group, group)

    def rank(self) -> dict[str, int]:
        return {g: i for i, g in enumerate(self.order)}


def compare_attributes(source: Study | Backend) -> tuple[str, ...]:
    """The participant columns a report can compare by (``role`` first).

    Examples
    --------
    >>> from graphstudy import load_study
    >>> compare_attributes(load_study())
    ('role', 'subrole', 'gender', 'age_band', 'diagnosis', 'agency', 'setting')
    """
    cols = [str(c) for c in as_backend(source).participants().columns if c != "id"]
    return ("role", *[c for c in cols if c != "role"])


def grouping(source: Study | Backend, by: str = "role") -> Grouping:
    """Every participant's group by ``by`` (see the module's rules).

    Raises
    ------
    GraphStudyError
        When ``by`` is not a participant column; the message names the columns.

    Examples
    --------
    >>> from graphstudy import load_study
    >>> g = grouping(load_study(), "gender")
    >>> g.order, g.of["Sue"]
    (['F', 'M'], 'F')
    >>> grouping(load_study(), "role").label("service_user")
    'Service user'
    """
    backend = as_backend(source)
    people = backend.participants()
    known = [c for c in people.columns if c != "id"]
    if by not in known:
        raise GraphStudyError(f"--by '{by}': no such participant column in study '{backend.study_name}' "
                              f"(compare by one of: {', '.join(['role', *[c for c in known if c != 'role']])})")
    values = [str(v) if isinstance(v, str) and v.strip() else NOT_STATED for v in people[by]]
    of = dict(zip(people["id"], values))
    found = set(values)
    if by == "role":
        info = backend.study_info()
        order = role_order(backend, found - {NOT_STATED})
        labels = {r: info.role_label(r) for r in order}
    else:
        order = sorted(found - {NOT_STATED})
        labels = {g: g for g in order}
    if NOT_STATED in found:
        order.append(NOT_STATED)
    return Grouping(by=by, of=of, order=order, labels=labels)


def prevalence(source: Study | Backend, by: str = "role", level: str = "theme") -> pd.DataFrame:
    """Prevalence of each theme by group and time point: :func:`graphstudy.queries.themes` by any attribute.

    ``prevalence = coded / interviewed``: of the group's participants
    interviewed at the time point (any wave), the share with at least one
    quote coded as the theme there.

    Returns
    -------
    pandas.DataFrame
        Columns ``theme, theme_name, <by>, timepoint, coded, interviewed,
        prevalence`` (the group column is named after the attribute), every
        theme for every group and time point with someone interviewed, ordered
        by codebook, group and time point.

    Examples
    --------
    >>> from graphstudy import load_study
    >>> t = prevalence(load_study(), by="gender")
    >>> t[(t["theme"] == "perceptions") & (t["timepoint"] == "T3")][["gender", "coded", "interviewed"]].values.tolist()
    [['F', 7, 12], ['M', 0, 2]]

    Notes
    -----
    Four look-ups; linear in interviews and codings.
    """
    backend = as_backend(source)
    groups = grouping(backend, by)
    book = theme_levels(backend, level)
    iv = backend.all_interviews()
    cod = backend.all_codings()
    iv = iv.assign(group=iv["participant"].map(groups.of))
    cod = cod.assign(group=cod["participant"].map(groups.of), theme=cod["theme_id"].map(book.rollup))
    interviewed = iv.groupby(["group", "timepoint"])["participant"].nunique().to_dict()
    coded = cod.groupby(["theme", "group", "timepoint"])["participant"].nunique().to_dict()
    tps = sorted(dict(each(iv, "timepoint", "order")).items(), key=lambda kv: int(kv[1]))
    rows = []
    for theme in book.themes:
        for g in groups.order:
            for tp, _ in tps:
                n = int(interviewed.get((g, tp), 0))
                if not n:
                    continue  # as queries.themes: only groups with someone interviewed at the time point
                k = int(coded.get((theme, g, tp), 0))
                rows.append({"theme": theme, "theme_name": book.name(theme), by: g, "timepoint": tp,
                             "coded": k, "interviewed": n, "prevalence": k / n})
    return pd.DataFrame(rows, columns=["theme", "theme_name", by, "timepoint", "coded", "interviewed", "prevalence"])


def change_summary(changes: pd.DataFrame, groups: Grouping, cases: pd.DataFrame) -> pd.DataFrame:
    """Per theme and group: how many of the group's cases show each change label, and which.

    Parameters
    ----------
    changes : pandas.DataFrame
        Rows of :func:`graphstudy.reports.changes.changes`.
    groups : Grouping
    cases : pandas.DataFrame
        Every case considered (``case, participant``), so that a group's
        ``cases`` counts its cases with no row for the theme too.

    Returns
    -------
    pandas.DataFrame
        Columns ``theme, theme_name, <by>, cases, with_theme`` then one count
        per label of :data:`~graphstudy.reports.changes.CHANGE_LABELS` and
        ``who`` (``emerges: User14, User15; constant: User16``). ``cases`` is
        the number of the group's cases with an interview; ``with_theme``
        those of them with a row for the theme. A case counts once under each
        label it has.
    """
    by = groups.by
    group_of_case = {c: groups.of.get(p, NOT_STATED) for c, p in each(cases, "case", "participant")}
    size: dict[str, int] = {}
    for g in group_of_case.values():
        size[g] = size.get(g, 0) + 1
    names = dict(each(changes, "theme", "theme_name"))
    themes_in_order = list(dict.fromkeys(changes["theme"]))
    labelled: dict[tuple[str, str], dict[str, list[str]]] = {}
    for theme, case, change in each(changes, "theme", "case", "change"):
        entry = labelled.setdefault((theme, group_of_case.get(case, NOT_STATED)), {})
        for lab in change.split(";"):
            entry.setdefault(lab, []).append(case)
    rows = []
    for theme in themes_in_order:
        for g in groups.order:
            if g not in size:
                continue
            found = labelled.get((theme, g), {})
            with_theme = len({c for cs in found.values() for c in cs})
            rows.append({"theme": theme, "theme_name": names[theme], by: g, "cases": size[g], "with_theme": with_theme,
                         **{lab: len(found.get(lab, [])) for lab in CHANGE_LABELS},
                         "who": "; ".join(f"{lab}: {', '.join(found[lab])}" for lab in CHANGE_LABELS if lab in found)})
    return pd.DataFrame(rows, columns=["theme", "theme_name", by, "cases", "with_theme", *CHANGE_LABELS, "who"])


def cross_group_matrix(summary: pd.DataFrame, groups: Grouping) -> pd.DataFrame:
    """Themes x groups from :func:`change_summary`: each cell names the group's cases under each label.

    Returns
    -------
    pandas.DataFrame
        Columns ``theme, theme_name`` then one per group (its label), each
        cell reading ``emerges: User14, User15; constant: User16`` (empty when
        none of the group's cases has a row for the theme), in codebook order.

    Examples
    --------
    >>> from graphstudy import load_study
    >>> from graphstudy.reports.changes import case_data, changes_of
    >>> data = case_data(load_study("tests/fixtures/carers"))
    >>> g = grouping(load_study("tests/fixtures/carers"), "gender")
    >>> m = cross_group_matrix(change_summary(changes_of(data), g, data.cases), g)
    >>> m.loc[m["theme"] == "hope", "M"].item()
    'idiosyncratic: C1; missing: P2'
    """
    by = groups.by
    present = set(summary[by].tolist())
    shown = [g for g in groups.order if g in present]
    rows = []
    for theme, part in summary.groupby("theme", sort=False):
        cells = dict(zip(part[by], part["who"]))
        rows.append({"theme": theme, "theme_name": part["theme_name"].iloc[0],
                     **{groups.label(g): cells.get(g, "") for g in shown}})
    return pd.DataFrame(rows, columns=["theme", "theme_name", *[groups.label(g) for g in shown]])
