"""Networks per time point, what changed between two of them, and the study as a graph for Gephi and Cytoscape.

Two networks are read at each time point (or occasion):

- the **co-occurrence network** of :mod:`graphstudy.reports.cooccurrence`:
  themes linked when one interview has quotes coded as both;
- the **theme-link network**: participants linked to the themes their quotes
  at that time point are coded as (a two-mode network, edge ``weight`` the
  number of distinct quotes).

:func:`compare_networks` sets two time points' co-occurrence networks side by
side, as epistemic network analysis compares networks by subtraction. Since
time points differ in how many interviews they hold, a link's strength is by
default its **share**: the share of the time point's interviews (those with
any coding) in which both themes were coded; ``weight="count"`` compares the
raw numbers of interviews instead. Each pair of themes linked at either time
point gets one row:

============  =====================================================
link          rule
============  =====================================================
gained        not linked at the first time point, linked at the second
lost          linked at the first, not at the second
strengthened  linked at both, stronger at the second
weakened      linked at both, weaker at the second
steady        linked at both, as strong at both
============  =====================================================

:func:`study_network` is the whole study as one graph (participants,
interviews, quotes, themes, coders' codings, relationships with their spans)
and :func:`write_network` writes any of these graphs as GraphML or GEXF, the
formats Gephi, Cytoscape and ``networkx.read_graphml`` read.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

from ..engines.base import Backend
from ..errors import GraphStudyError
from ..files import atomic_path
from ..frames import each
from ..model import Study, occasion_id
from ..queries import as_backend, theme_levels, with_occasion
from .cooccurrence import PER, Cooccurrence, cooccurrence

__all__ = [
    "GRAPH_FORMATS",
    "LINK_CHANGES",
    "NETWORKS",
    "WEIGHTS",
    "compare_networks",
    "period_network",
    "study_network",
    "theme_link_networks",
    "write_network",
]

LINK_CHANGES = ("gained", "lost", "strengthened", "weakened", "steady")
"""The words of the module's table, in its order."""

WEIGHTS = ("share", "count")
"""How :func:`compare_networks` weighs a link: share of the time point's interviews, or number of interviews."""

NETWORKS = ("cooccurrence", "theme-links")
"""The networks of one time point :func:`period_network` builds."""

GRAPH_FORMATS = ("graphml", "gexf")
_SUFFIXES = {"graphml": (".graphml", ".xml"), "gexf": (".gexf",)}

COMPARE_COLUMNS = ["theme_a", "theme_a_name", "theme_b", "theme_b_name", "change", "interviews_from", "interviews_to",
                   "share_from", "share_to", "difference", "interview_ids_from", "interview_ids_to"]


def _periods(backend: Backend, per: str) -> dict[str, tuple[int, int]]:
    """``{time point or occasion: sort key}`` of every interview."""
    iv = with_occasion(backend.all_interviews())
    keys: dict[str, tuple[int, int]] = {}
    for tp, o, k, w in each(iv, "timepoint", "occasion", "order", "wave"):
        keys[str(tp if per == "timepoint" else o)] = (int(k), 0 if per == "timepoint" else int(w))
    return keys


def _check_period(period: str, keys: dict[str, tuple[int, int]], per: str, study: str) -> None:
    if period not in keys:
        known = ", ".join(sorted(keys, key=lambda p: keys[p]))
        what = "time point" if per == "timepoint" else "occasion"
        raise GraphStudyError(f"no interview at {what} '{period}' in study '{study}' ({what}s: {known})")


def compare_networks(source: Study | Backend | Cooccurrence, first: str, second: str, *, level: str = "subtheme",
                     per: str = "timepoint", weight: str = "share", backend: Backend | None = None) -> pd.DataFrame:
    """The co-occurrence links gained, lost, strengthened, weakened or steady from ``first`` to ``second``.

    Parameters
    ----------
    source : Study, Backend or Cooccurrence
        The study, or co-occurrence networks already built (then pass ``backend`` too).
    first, second : str
        Two time points (``per="timepoint"``) or occasions (``per="occasion"``).
    level : {"subtheme", "theme"}
    per : {"timepoint", "occasion"}
    weight : {"share", "count"}
        See the module's rule.

    Returns
    -------
    pandas.DataFrame
        Columns ``theme_a, theme_a_name, theme_b, theme_b_name, change,
        interviews_from, interviews_to, share_from, share_to, difference,
        interview_ids_from, interview_ids_to``: one row per pair linked at
        either, ``difference`` the second's strength minus the first's (in the
        chosen weight), ordered by the module's table, then codebook order.

    Raises
    ------
    GraphStudyError
        For an unknown time point, ``per`` or ``weight``.

    Examples
    --------
    >>> from graphstudy import load_study
    >>> d = compare_networks(load_study(), "T2", "T3")
    >>> d[["theme_a", "theme_b", "change", "interviews_from", "interviews_to"]].values.tolist()[-1]
    ['uncertainty', 'resilience', 'weakened', 1, 1]
    >>> d["change"].tolist(), compare_networks(load_study(), "T2", "T3", weight="count")["change"].tolist()
    (['gained', 'gained', 'weakened'], ['gained', 'gained', 'steady'])

    One interview of 7 coded at T2 links uncertainty and resilience, one of 18 at T3: weaker as a share, steady as a count.

    Notes
    -----
    The cost of :func:`~graphstudy.reports.cooccurrence.cooccurrence` (or none when given it), then linear in links.
    """
    if weight not in WEIGHTS:
        raise GraphStudyError(f"weight must be one of {', '.join(WEIGHTS)}; got '{weight}'")
    if per not in PER:
        raise GraphStudyError(f"per must be one of {', '.join(PER)}; got '{per}'")
    if isinstance(source, Cooccurrence):
        if backend is None:
            raise GraphStudyError("compare_networks: give the backend with networks already built")
        result = source
    else:
        backend = as_backend(source)
        result = cooccurrence(backend, level=level, per=per)
    keys = _periods(backend, per)
    for p in (first, second):
        _check_period(p, keys, per, backend.study_name)
    book = theme_levels(backend, level)
    col = "timepoint" if per == "timepoint" else "occasion"
    cod = with_occasion(backend.all_codings())
    coded = cod.groupby(col)["interview_id"].nunique().to_dict()
    edges = result.edges
    at = {p: {(a, b): (int(n), ids) for a, b, n, ids in
              edges.loc[edges[col] == p, ["theme_a", "theme_b", "interviews", "interview_ids"]].itertuples(index=False)}
          for p in (first, second)}
    rows = []
    for pair in set(at[first]) | set(at[second]):
        n1, ids1 = at[first].get(pair, (0, ""))
        n2, ids2 = at[second].get(pair, (0, ""))
        s1 = n1 / coded[first] if coded.get(first) else 0.0
        s2 = n2 / coded[second] if coded.get(second) else 0.0
        w1, w2 = (s1, s2) if weight == "share" else (n1, n2)
        if not n1:
            change = "gained"
        elif not n2:
            change = "lost"
        else:
            change = "strengthened" if w2 > w1 else "weakened" if w2 < w1 else "steady"
        rows.append({"theme_a": pair[0], "theme_a_name": book.name(pair[0]), "theme_b": pair[1],
                     "theme_b_name": book.name(pair[1]), "change": change, "interviews_from": n1, "interviews_to": n2,
                     "share_from": s1, "share_to": s2, "difference": w2 - w1, "interview_ids_from": ids1,
                     "interview_ids_to": ids2})
    rank = {c: i for i, c in enumerate(LINK_CHANGES)}
    rows.sort(key=lambda r: (rank[r["change"]], book.key(r["theme_a"]), book.key(r["theme_b"])))
    return pd.DataFrame(rows, columns=COMPARE_COLUMNS)


def theme_link_networks(source: Study | Backend, level: str = "subtheme", per: str = "timepoint",
                        by: str = "role") -> dict[str, nx.Graph]:
    """``{time point: graph}``: participants linked to the themes of their quotes there.

    Nodes ``p:<id>`` (``kind`` participant, ``group`` the value of ``by``)
    and ``t:<theme>`` (``kind`` theme, ``name``); edges participant-theme with
    ``weight`` (distinct quotes) and ``quotes`` (their ids, ``;``-joined).

    Examples
    --------
    >>> from graphstudy import load_study
    >>> g = theme_link_networks(load_study())["T1"]
    >>> sorted(n for n, k in g.nodes(data="kind") if k == "participant")
    ['p:Eliza', 'p:May', 'p:Sue']
    """
    from .compare import grouping

    if per not in PER:
        raise GraphStudyError(f"per must be one of {', '.join(PER)}; got '{per}'")
    backend = as_backend(source)
    book = theme_levels(backend, level)
    groups = grouping(backend, by)
    keys = _periods(backend, per)
    cod = with_occasion(backend.all_codings())
    cod = cod.assign(theme=cod["theme_id"].map(book.rollup), period=cod["timepoint"] if per == "timepoint" else cod["occasion"])
    cod = cod.drop_duplicates(["period", "participant", "theme", "quote_id"])
    out: dict[str, nx.Graph] = {}
    for period in sorted(keys, key=lambda p: keys[p]):
        g = nx.Graph(period=period, network="theme-links", level=level)
        sub = cod[cod["period"] == period]
        for pid in sorted(set(sub["participant"])):
            g.add_node(f"p:{pid}", kind="participant", label=pid, group=groups.of.get(pid, ""))
        for theme in book.ordered(sub["theme"]):
            g.add_node(f"t:{theme}", kind="theme", label=book.name(theme), name=book.name(theme), group="theme")
        for key, grp in sub.groupby(["participant", "theme"], sort=True):
            who, what = (str(k) for k in key)
            g.add_edge(f"p:{who}", f"t:{what}", weight=len(grp), quotes=";".join(sorted(grp["quote_id"])))
        out[period] = g
    return out


def period_network(source: Study | Backend, period: str, network: str = "cooccurrence", level: str = "subtheme",
                   per: str = "timepoint", by: str = "role") -> nx.Graph:
    """One time point's (or occasion's) co-occurrence or theme-link network, ready to write.

    Co-occurrence nodes are ``t:<theme>`` with ``name``, ``interviews``,
    ``degree``, ``betweenness``, ``groups`` and ``bridge``; edges carry
    ``weight`` (interviews coding both) and ``interview_ids``.

    Examples
    --------
    >>> from graphstudy import load_study
    >>> g = period_network(load_study(), "T2")
    >>> sorted(g.edges(data="weight"))
    [('t:uncertainty', 't:resilience', 1)]
    """
    if network not in NETWORKS:
        raise GraphStudyError(f"network must be one of {', '.join(NETWORKS)}; got '{network}'")
    backend = as_backend(source)
    _check_period(period, _periods(backend, per), per, backend.study_name)
    if network == "theme-links":
        return theme_link_networks(backend, level=level, per=per, by=by)[period]
    result = cooccurrence(backend, level=level, per=per, by=by)
    col = "timepoint" if per == "timepoint" else "occasion"
    g = nx.Graph(period=period, network="cooccurrence", level=level)
    for r in result.nodes[result.nodes[col] == period].to_dict("records"):
        g.add_node(f"t:{r['theme']}", kind="theme", label=r["theme_name"], name=r["theme_name"],
                   interviews=int(r["interviews"]), degree=int(r["degree"]), betweenness=float(r["betweenness"]),
                   groups=r["groups"], bridge=bool(r["bridge"]), bridge_share=float(r["bridge_share"]))
    for r in result.edges[result.edges[col] == period].to_dict("records"):
        g.add_edge(f"t:{r['theme_a']}", f"t:{r['theme_b']}", weight=int(r["interviews"]), groups=r["groups"],
                   interview_ids=r["interview_ids"])
    return g


def study_network(source: Study | Backend, quote_text: bool = True) -> nx.MultiDiGraph:
    """The whole study as one graph, every node and edge with plain attributes.

    Nodes, keyed ``<kind>:<id>``: ``participant`` (role, role_label and
    every attribute), ``interview`` (timepoint, timepoint_label, wave,
    occasion, date), ``quote`` (stance, citation, and the text unless
    ``quote_text=False``), ``theme`` (name, parent). Edges (``type``): GAVE
    (participant to interview), HAS_QUOTE (interview to quote), CODED_AS
    (quote to theme; ``coder``), ABOUT (quote to each participant it is
    about), SUBTHEME_OF (theme to parent) and each relationship between
    people (its type, ``start`` and ``end``).

    Examples
    --------
    >>> from graphstudy import load_study
    >>> g = study_network(load_study())
    >>> g.nodes["participant:Sue"]["role_label"], g.nodes["interview:Sue_T1"]["timepoint_label"]
    ('PSW', 'Training')
    >>> sorted({t for _, _, t in g.edges(data="type")})[:4]
    ['ABOUT', 'CODED_AS', 'COLLEAGUE_OF', 'FAMILY_OF']

    Notes
    -----
    One :meth:`~graphstudy.engines.base.Backend.table` look-up per kind of record; linear in records.
    """
    backend = as_backend(source)
    info = backend.study_info()
    g = nx.MultiDiGraph(study=backend.study_name, network="study")
    for r in backend.table("participants").to_dict("records"):
        g.add_node(f"participant:{r['id']}", kind="participant", label=r["id"], role_label=info.role_label(r["role"]),
                   **{str(k): v for k, v in r.items() if k != "id"})
    for r in backend.table("interviews").to_dict("records"):
        g.add_node(f"interview:{r['id']}", kind="interview", label=r["id"], participant=r["participant_id"],
                   timepoint=r["timepoint"], timepoint_label=info.timepoint_label(r["timepoint"]), wave=int(r["wave"]),
                   occasion=occasion_id(r["timepoint"], int(r["wave"])), date=r["date"], note=r["note"])
        g.add_edge(f"participant:{r['participant_id']}", f"interview:{r['id']}", key="GAVE", type="GAVE")
    for r in backend.table("themes").to_dict("records"):
        g.add_node(f"theme:{r['id']}", kind="theme", label=r["name"] or r["id"], name=r["name"], parent=r["parent_id"],
                   description=r["description"], color=r["color"])
    for r in backend.table("themes").to_dict("records"):
        if r["parent_id"]:
            g.add_edge(f"theme:{r['id']}", f"theme:{r['parent_id']}", key="SUBTHEME_OF", type="SUBTHEME_OF")
    for r in backend.table("quotes").to_dict("records"):
        g.add_node(f"quote:{r['id']}", kind="quote", label=r["id"], stance=r["stance"], citation=r["citation"],
                   text=r["text"] if quote_text else "")
        g.add_edge(f"interview:{r['interview_id']}", f"quote:{r['id']}", key="HAS_QUOTE", type="HAS_QUOTE")
        for who in [p for p in str(r["about"]).split(";") if p]:
            g.add_edge(f"quote:{r['id']}", f"participant:{who}", key=f"ABOUT:{who}", type="ABOUT")
    for r in backend.table("codings").to_dict("records"):
        g.add_edge(f"quote:{r['quote_id']}", f"theme:{r['theme_id']}", key=f"CODED_AS:{r['coder']}", type="CODED_AS",
                   coder=r["coder"])
    for r in backend.table("relationships").to_dict("records"):
        g.add_edge(f"participant:{r['source_id']}", f"participant:{r['target_id']}",
                   key=f"{r['type']}:{r['start']}:{r['end']}", type=r["type"], start=r["start"], end=r["end"],
                   note=r["note"])
    return g


def _plain(value: Any) -> Any:
    """An attribute GraphML and GEXF can hold: str, int, float or bool (None as "")."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float, str)):
        return value
    if hasattr(value, "item"):
        return value.item()
    return str(value)


def write_network(graph: nx.Graph, path: str | Path, fmt: str | None = None) -> Path:
    """Write ``graph`` as GraphML (``.graphml`` or ``.xml``) or GEXF (``.gexf``), atomically; ``fmt`` defaults to the suffix's.

    Attribute values are written as text, integers, floats or booleans. The file holds no date
    of writing, so the same study always gives the same bytes.

    Examples
    --------
    >>> import tempfile, pathlib, networkx as nx
    >>> from graphstudy import load_study
    >>> out = write_network(period_network(load_study(), "T3"), pathlib.Path(tempfile.mkdtemp()) / "t3.graphml")
    >>> back = nx.read_graphml(out)
    >>> back.nodes["t:connections"]["bridge"], back.graph["period"]
    (True, 'T3')
    """
    path = Path(path)
    suffix = path.suffix.lower()
    fmt = fmt or next((f for f, ends in _SUFFIXES.items() if suffix in ends), None)
    if fmt not in _SUFFIXES or suffix not in _SUFFIXES[fmt]:
        wanted = " or ".join(_SUFFIXES[fmt]) if fmt in _SUFFIXES else ".graphml or .gexf"
        raise GraphStudyError(f"{path}: a network in {fmt or 'GraphML or GEXF'} is written as {wanted}; got '{path.suffix or 'no suffix'}'")
    if not path.parent.is_dir():
        raise GraphStudyError(f"{path}: the folder {path.parent} does not exist")
    clean = graph.__class__()
    clean.graph.update({k: _plain(v) for k, v in graph.graph.items()})
    for n, data in graph.nodes(data=True):
        clean.add_node(n, **{k: _plain(v) for k, v in data.items()})
    if graph.is_multigraph():
        for a, b, k, data in graph.edges(keys=True, data=True):
            clean.add_edge(a, b, key=k, **{x: _plain(v) for x, v in data.items()})
    else:
        for a, b, data in graph.edges(data=True):
            clean.add_edge(a, b, **{x: _plain(v) for x, v in data.items()})
    with atomic_path(path) as tmp:
        if fmt == "graphml":
            nx.write_graphml(clean, tmp)
        else:
            # NetworkX stamps today's date in <meta>; without it the same study gives the same bytes
            text = '<?xml version="1.0" encoding="utf-8"?>\n' + "\n".join(nx.generate_gexf(clean))
            Path(tmp).write_text(re.sub(r'(<meta[^>]*?) lastmodifieddate="[^"]*"', r"\1", text, count=1) + "\n",
                                 encoding="utf-8")
    return path
