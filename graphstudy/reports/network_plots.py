"""Pictures of the co-occurrence networks: one panel per time point, and what changed between two.

Every panel puts the themes at the same place, on a circle in codebook order,
so that panels compare at a glance: a theme not coded at a time point is a
faint ring, a coded one a disc sized by the interviews coding it, a link as
thick as the interviews coding both themes. The picture of a comparison
(:func:`plot_network_change`) draws the links of
:func:`~graphstudy.reports.networks.compare_networks` in the words of its
table: gained (green), lost (red, dashed), strengthened (blue, thick),
weakened (orange, thin), steady (grey).
"""

from __future__ import annotations

import math
import textwrap
from pathlib import Path
from typing import Any

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from ..errors import GraphStudyError
from ..frames import each
from ..queries import Codebook
from .cooccurrence import Cooccurrence
from .plots import save_figure

__all__ = ["CHANGE_STYLE", "plot_network_change", "plot_networks"]

CHANGE_STYLE: dict[str, dict[str, Any]] = {
    "gained": {"color": "#2e9d4f", "linestyle": "-", "width": 2.6},
    "lost": {"color": "#d1495b", "linestyle": "--", "width": 2.0},
    "strengthened": {"color": "#1b6ca8", "linestyle": "-", "width": 3.6},
    "weakened": {"color": "#f08a24", "linestyle": "-", "width": 1.3},
    "steady": {"color": "#9a9a9a", "linestyle": "-", "width": 1.6},
}
"""How each word of the comparison table is drawn."""


def _positions(themes: list[str]) -> dict[str, tuple[float, float]]:
    n = max(len(themes), 1)
    return {t: (math.cos(math.pi / 2 - 2 * math.pi * i / n), math.sin(math.pi / 2 - 2 * math.pi * i / n))
            for i, t in enumerate(themes)}


def _label(ax, pos: dict[str, tuple[float, float]], book: Codebook, width: int = 18) -> None:
    for t, (x, y) in pos.items():
        lines = textwrap.wrap(book.name(t), width)
        text = "\n".join(lines[:3]) + ("…" if len(lines) > 3 else "")
        ha = "left" if x > 0.25 else "right" if x < -0.25 else "center"
        va = "bottom" if y > 0.9 else "top" if y < -0.9 else "center"
        ax.text(x * 1.2, y * 1.2, text, ha=ha, va=va, fontsize=6.5, color="#333333")


def _n(k: int, word: str) -> str:
    return f"{k} {word}" + ("" if k == 1 else "s")


def _frame(ax) -> None:
    ax.set_xlim(-2.15, 2.15)
    ax.set_ylim(-1.45, 1.45)
    ax.set_aspect("equal")
    ax.axis("off")


def plot_networks(result: Cooccurrence, book: Codebook, path: str | Path, periods: list[str] | None = None,
                  title: str = "") -> Path:
    """One panel per time point (or occasion) of the co-occurrence networks, themes at fixed places.

    Parameters
    ----------
    result : Cooccurrence
        From :func:`~graphstudy.reports.cooccurrence.cooccurrence`.
    book : Codebook
        The themes at the level the networks were built at (names, order).
    path : str or Path
        ``.png`` or ``.svg``.
    periods : list of str, optional
        Only these time points, in this order (default: all).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from graphstudy import load_study
    >>> from graphstudy.queries import as_backend, theme_levels
    >>> from graphstudy.reports.cooccurrence import cooccurrence
    >>> b = as_backend(load_study())
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "networks.png"
    >>> plot_networks(cooccurrence(b), theme_levels(b, "subtheme"), out).exists()
    True
    """
    col = "timepoint" if "timepoint" in result.nodes.columns else "occasion"
    shown = periods or list(dict.fromkeys(result.nodes[col]))
    if not shown:
        raise GraphStudyError("no co-occurrence network to plot: no theme is coded")
    themes = book.ordered(result.nodes["theme"])
    pos = _positions(themes)
    most = max([1, *result.edges["interviews"].tolist()])
    most_iv = max([1, *result.nodes["interviews"].tolist()])
    cols = min(3, len(shown))
    rows = -(-len(shown) // cols)
    fig = Figure(figsize=(5.6 * cols, 3.9 * rows + 0.7))
    axes = fig.subplots(rows, cols, squeeze=False)
    for k, period in enumerate(shown):
        ax = axes[k // cols][k % cols]
        nodes = result.nodes[result.nodes[col] == period]
        edges = result.edges[result.edges[col] == period]
        for a, b, n in each(edges, "theme_a", "theme_b", "interviews"):
            (x1, y1), (x2, y2) = pos[a], pos[b]
            ax.plot([x1, x2], [y1, y2], color="#1b6ca8", alpha=0.75, linewidth=1 + 5 * int(n) / most, zorder=1)
            ax.text((x1 + x2) / 2, (y1 + y2) / 2, str(n), fontsize=6.5, color="#1b6ca8", ha="center", va="center",
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none"}, zorder=2)
        coded = dict(each(nodes, "theme", "interviews"))
        bridges = set(nodes.loc[nodes["bridge"].astype(bool), "theme"])
        for t, (x, y) in pos.items():
            if t in coded:
                size = 90 + 420 * int(coded[t]) / most_iv
                ax.scatter([x], [y], s=size, color="#f4a259" if t in bridges else "#7fb3d5", edgecolors="#333333",
                           linewidths=0.8, zorder=3)
            else:
                ax.scatter([x], [y], s=60, facecolors="none", edgecolors="#cccccc", linewidths=0.8, zorder=3)
        _label(ax, pos, book)
        ax.set_title(f"{period}: {_n(len(nodes), 'theme')} coded, {_n(len(edges), 'link')}", fontsize=9, loc="left")
        _frame(ax)
    for k in range(len(shown), rows * cols):
        axes[k // cols][k % cols].set_visible(False)
    handles = [Line2D([], [], marker="o", linestyle="", markerfacecolor="#7fb3d5", markeredgecolor="#333333", markersize=8,
                      label="theme coded (size: interviews)"),
               Line2D([], [], marker="o", linestyle="", markerfacecolor="#f4a259", markeredgecolor="#333333", markersize=8,
                      label="bridges groups (2+ groups voice it)"),
               Line2D([], [], marker="o", linestyle="", markerfacecolor="none", markeredgecolor="#cccccc", markersize=7,
                      label="not coded at this time point"),
               Line2D([], [], color="#1b6ca8", linewidth=2.5, label="co-occurrence (number: interviews coding both)")]
    fig.legend(handles=handles, loc="lower center", ncol=2, frameon=False, fontsize=8)
    fig.suptitle(title or "Themes coded in the same interview, per time point", fontsize=11, y=0.995)
    fig.subplots_adjust(bottom=0.1 if rows == 1 else 0.05, top=0.93 if rows == 1 else 0.95, hspace=0.05)
    return save_figure(fig, path)


def plot_network_change(diff: pd.DataFrame, book: Codebook, path: str | Path, first: str, second: str,
                        weight: str = "share") -> Path:
    """The links of :func:`~graphstudy.reports.networks.compare_networks` on one circle of themes.

    Each link is drawn in its word's style (:data:`CHANGE_STYLE`) and
    labelled with its strength at both time points (share in percent, or
    interviews).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from graphstudy import load_study
    >>> from graphstudy.queries import as_backend, theme_levels
    >>> from graphstudy.reports.networks import compare_networks
    >>> b = as_backend(load_study())
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "t2-t3.svg"
    >>> plot_network_change(compare_networks(b, "T2", "T3"), theme_levels(b, "subtheme"), out, "T2", "T3").exists()
    True
    """
    if diff.empty:
        raise GraphStudyError(f"no co-occurrence link at {first} or {second} to plot")
    themes = book.ordered([*diff["theme_a"], *diff["theme_b"]])
    pos = _positions(themes)
    fig = Figure(figsize=(9.0, 6.6))
    ax = fig.add_subplot()
    for r in diff.to_dict("records"):
        style = CHANGE_STYLE[r["change"]]
        (x1, y1), (x2, y2) = pos[r["theme_a"]], pos[r["theme_b"]]
        ax.plot([x1, x2], [y1, y2], color=style["color"], linestyle=style["linestyle"], linewidth=style["width"], zorder=1)
        if weight == "share":
            text = f"{r['share_from']:.0%} → {r['share_to']:.0%}"
        else:
            text = f"{r['interviews_from']} → {r['interviews_to']}"
        ax.text((x1 + x2) / 2, (y1 + y2) / 2, text, fontsize=7, color=style["color"], ha="center", va="center",
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none"}, zorder=2)
    for _t, (x, y) in pos.items():
        ax.scatter([x], [y], s=160, color="#eeeeee", edgecolors="#333333", linewidths=0.8, zorder=3)
    _label(ax, pos, book, width=22)
    _frame(ax)
    present = set(diff["change"].tolist())
    used = [c for c in CHANGE_STYLE if c in present]
    handles = [Line2D([], [], color=CHANGE_STYLE[c]["color"], linestyle=CHANGE_STYLE[c]["linestyle"],
                      linewidth=CHANGE_STYLE[c]["width"], label=f"{c} ({int((diff['change'] == c).sum())})") for c in used]
    ax.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, -0.08), ncol=len(used), frameon=False, fontsize=8)
    what = "share of the time point's coded interviews" if weight == "share" else "interviews"
    ax.set_title(f"Co-occurrence links from {first} to {second} (labels: {what}, {first} → {second})", fontsize=10, loc="left")
    return save_figure(fig, path)
