"""Pictures where a person would rather look: case heatmaps, the change overview,
prevalence by group over time and the saturation curve.

Every function draws with Matplotlib's object API on the Agg canvas (no
display, no global pyplot state), takes the report's own data, and writes a
``.png`` or ``.svg`` whole or not at all.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from ..engines.base import Backend
from ..engines.memo import remembering
from ..errors import GraphStudyError
from ..files import atomic_path
from ..frames import each
from ..model import Study
from ..queries import as_backend, role_order, themes
from .changes import CHANGE_LABELS, case_data, changes_of
from .matrix import evidence
from .saturation import Saturation

__all__ = ["PLOT_FORMATS", "check_plot_path", "plot_case", "plot_changes", "plot_prevalence", "plot_saturation", "save_figure"]

PLOT_FORMATS = (".png", ".svg")
"""The picture formats ``--plot`` writes, chosen by the file's suffix."""

GROUP_PALETTE = ("#1b6ca8", "#d1495b", "#3a9d5d", "#8e6c8a", "#e08e0b", "#5b8e7d", "#7a5195", "#777777")
"""One colour per stakeholder group, in the study's order of roles (the bundled study: PSWs blue, service users red, ...)."""
CHANGE_COLORS = {
    "emerges": "#9ed69a", "increases": "#4daf4a", "cumulative": "#1f7a1f", "surges": "#006d2c",
    "decreases": "#fdae61", "ceases": "#d7301f", "constant": "#9fb6cd", "consistent": "#6a8caf",
    "idiosyncratic": "#f2d94e", "missing": "#f6dce3", "one occasion": "#e3e3e3",
}
SHORT = {"emerges": "em", "increases": "inc", "cumulative": "cum", "surges": "surge", "decreases": "dec",
         "ceases": "ceas", "constant": "const", "consistent": "cons", "idiosyncratic": "idio", "missing": "miss",
         "one occasion": "once"}
STANCE_MARK = {"positive": "+", "negative": "−", "mixed": "±", "neutral": "○"}
NOT_INTERVIEWED_COLOR = "#d9d9d9"


def check_plot_path(path: str | Path) -> Path:
    """``path`` as a Path, when it ends in ``.png`` or ``.svg`` and its folder exists (else GraphStudyError).

    Examples
    --------
    >>> check_plot_path("curve.svg").suffix
    '.svg'
    """
    path = Path(path)
    if path.suffix.lower() not in PLOT_FORMATS:
        raise GraphStudyError(f"{path}: --plot writes {' or '.join(PLOT_FORMATS)}; got '{path.suffix or 'no suffix'}'")
    if not path.parent.is_dir():
        raise GraphStudyError(f"{path}: the folder {path.parent} does not exist")
    return path


def save_figure(fig: Figure, path: str | Path) -> Path:
    """Write a figure as PNG (150 dpi) or SVG, chosen by the suffix, atomically.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from matplotlib.figure import Figure
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "empty.svg"
    >>> save_figure(Figure(), out).exists()
    True
    """
    path = check_plot_path(path)
    FigureCanvasAgg(fig)
    with atomic_path(path) as tmp:
        fig.savefig(tmp, format=path.suffix[1:].lower(), dpi=150, bbox_inches="tight")
    return path


def _wrap(text: str, width: int = 38) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


def plot_case(source: Study | Backend, case: str, path: str | Path, by: str = "participant",
              level: str = "subtheme") -> Path:
    """A theme x occasion heatmap of one case: quotes per cell, stance marks, not-interviewed cells hatched.

    Shade = number of the case's quotes coded as the theme at the occasion
    (``0``: interviewed, theme absent); grey hatched = not interviewed there;
    ``+ − ± ○`` = positive, negative, mixed, neutral stance. The change labels
    of :func:`~graphstudy.reports.changes.changes` are written on the right.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from graphstudy import load_study
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "user16.png"
    >>> plot_case(load_study(), "User16", out).stat().st_size > 0
    True
    """
    path = check_plot_path(path)
    ev = evidence(source, by=by, level=level, cases=[case])
    ev = ev[ev["case"] == case]
    if ev.empty:
        raise GraphStudyError(f"case '{case}' has no theme to plot")
    occ = list(dict.fromkeys(ev["occasion"]))
    theme_rows = list(dict.fromkeys(ev["theme"]))
    names = dict(each(ev, "theme", "theme_name"))
    change = dict(each(ev, "theme", "change"))
    grid = np.full((len(theme_rows), len(occ)), np.nan)
    marks = {}
    for r in ev.to_dict("records"):
        i, j = theme_rows.index(r["theme"]), occ.index(r["occasion"])
        if r["status"] != "not interviewed":
            grid[i, j] = r["count"]
            stance = str(r["stance"])
            marks[(i, j)] = f"{r['count']}{(' ' + STANCE_MARK[stance]) if stance in STANCE_MARK else ''}"
    fig = Figure(figsize=(3.6 + 1.1 * len(occ) + 1.8, max(2.6, 1.4 + 0.6 * len(theme_rows))))
    ax = fig.add_subplot()
    vmax = max(3.0, float(np.nanmax(grid)) if np.isfinite(grid).any() else 3.0)
    ax.imshow(np.ma.masked_invalid(grid), cmap="Blues", vmin=0, vmax=vmax * 1.15, aspect="auto")
    for i in range(len(theme_rows)):
        for j in range(len(occ)):
            if np.isnan(grid[i, j]):
                ax.add_patch(_hatch(j, i))
                ax.text(j, i, "not\ninterviewed", ha="center", va="center", fontsize=7, color="#555555")
            else:
                dark = grid[i, j] > vmax * 0.55
                ax.text(j, i, marks[(i, j)], ha="center", va="center", fontsize=10, color="white" if dark else "black")
    ax.set_xticks(range(len(occ)), occ)
    ax.set_yticks(range(len(theme_rows)), [_wrap(names[t]) for t in theme_rows], fontsize=8)
    ax.set_xticks(np.arange(-0.5, len(occ)), minor=True)
    ax.set_yticks(np.arange(-0.5, len(theme_rows)), minor=True)
    ax.grid(which="minor", color="white", linewidth=2)
    ax.tick_params(which="minor", length=0)
    right = len(occ) - 0.5 + 0.12
    ax.text(right, -0.5, "change", va="bottom", fontsize=8, fontweight="bold", clip_on=False)
    for i, t in enumerate(theme_rows):
        ax.text(right, i, _wrap(change[t].replace(";", "; "), 16), va="center", fontsize=8, clip_on=False)
    ax.set_title(f"{case}: quotes per theme and occasion", fontsize=11, loc="left")
    ax.set_xlabel("number = quotes (0: interviewed, theme absent); grey hatched: not interviewed;\n"
                  "stance: + positive, − negative, ± mixed, ○ neutral", fontsize=7, color="#444444")
    return save_figure(fig, path)


def _hatch(x: int, y: int):
    from matplotlib.patches import Rectangle

    return Rectangle((x - 0.5, y - 0.5), 1, 1, facecolor=NOT_INTERVIEWED_COLOR, edgecolor="#bbbbbb", hatch="//",
                     linewidth=0)


def plot_changes(source: Study | Backend, path: str | Path, by: str = "participant", level: str = "subtheme",
                 cases: list[str] | None = None) -> Path:
    """An overview of every case: themes x cases, each cell coloured by its first change label.

    Each cell names its labels in short (``em`` emerges, ``inc`` increases,
    ``cum`` cumulative, ``surge``, ``dec`` decreases, ``ceas`` ceases, ``const``
    constant, ``cons`` consistent, ``idio`` idiosyncratic, ``miss`` missing,
    ``once`` one occasion); a blank cell is a theme the case never voiced and
    no peer voiced at the case's occasions. Stakeholder groups are separated by
    vertical lines.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from graphstudy import load_study
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "changes.svg"
    >>> plot_changes(load_study(), out, by="dyad").exists()
    True
    """
    path = check_plot_path(path)
    data = case_data(as_backend(source), by=by, level=level)
    ch = changes_of(data, by=by, cases=cases)
    if ch.empty:
        raise GraphStudyError("no change to plot")
    order = list(dict.fromkeys(ch["case"]))
    role_of = dict(each(ch, "case", "role"))
    theme_rows = data.book.ordered(ch["theme"])
    names = dict(each(ch, "theme", "theme_name"))
    labels = list(CHANGE_LABELS)
    grid = np.full((len(theme_rows), len(order)), np.nan)
    text = {}
    for theme, case, change in each(ch, "theme", "case", "change"):
        found = change.split(";")
        i, j = theme_rows.index(theme), order.index(case)
        grid[i, j] = labels.index(found[0])
        text[(i, j)] = "\n".join(SHORT[lab] for lab in found)
    fig = Figure(figsize=(4.8 + 0.62 * len(order), 1.9 + 0.5 * len(theme_rows)))
    ax = fig.add_subplot()
    cmap = ListedColormap([CHANGE_COLORS[lab] for lab in labels])
    ax.imshow(np.ma.masked_invalid(grid), cmap=cmap, vmin=-0.5, vmax=len(labels) - 0.5, aspect="auto")
    for (i, j), t in text.items():
        dark = labels[int(grid[i, j])] in ("cumulative", "surges", "ceases", "increases", "consistent")
        ax.text(j, i, t, ha="center", va="center", fontsize=6.5, color="white" if dark else "#222222")
    ax.set_xticks(range(len(order)), order, rotation=60, ha="right", fontsize=8)
    ax.set_yticks(range(len(theme_rows)), [_wrap(names[t], 34) for t in theme_rows], fontsize=8)
    ax.set_xticks(np.arange(-0.5, len(order)), minor=True)
    ax.set_yticks(np.arange(-0.5, len(theme_rows)), minor=True)
    ax.grid(which="minor", color="#dddddd", linewidth=0.8)
    ax.tick_params(which="minor", length=0)
    for j in range(1, len(order)):
        if role_of[order[j]] != role_of[order[j - 1]]:
            ax.axvline(j - 0.5, color="#333333", linewidth=1.5)
    used = [lab for lab in labels if any(lab in c.split(";") for c in ch["change"])]
    handles = [Patch(facecolor=CHANGE_COLORS[lab], edgecolor="#999999", label=f"{SHORT[lab]}  {lab}") for lab in used]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False,
              title="labels (colour: the first)", title_fontsize=8)
    ax.set_title(f"Change per {by} and theme (blank: not voiced by the case, nor by a peer at its occasions)",
                 fontsize=10, loc="left")
    return save_figure(fig, path)


def plot_prevalence(source: Study | Backend, path: str | Path, level: str = "theme") -> Path:
    """Prevalence by stakeholder group over time: one panel per theme, one line per group.

    Prevalence is the share of the group's participants interviewed at the
    time point with the theme coded (:func:`graphstudy.queries.themes`); a
    group with nobody interviewed at a time point has no point there.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from graphstudy import load_study
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "prevalence.png"
    >>> plot_prevalence(load_study(), out).exists()
    True
    """
    path = check_plot_path(path)
    backend = remembering(as_backend(source))
    prev = themes(backend, level=level)
    if prev.empty:
        raise GraphStudyError("no theme to plot")
    iv = backend.all_interviews()
    tps = list(iv.sort_values(["order"])["timepoint"].drop_duplicates())
    theme_rows = list(dict.fromkeys(prev["theme"]))
    cols = min(3, len(theme_rows))
    nrows = -(-len(theme_rows) // cols)
    fig = Figure(figsize=(4.2 * cols, 3.0 * nrows + 0.6))
    axes = fig.subplots(nrows, cols, squeeze=False, sharey=True)
    roles = role_order(backend, prev["role"])
    info = backend.study_info()
    colour = {r: GROUP_PALETTE[i % len(GROUP_PALETTE)] for i, r in enumerate(role_order(backend, [*info.role_ids, *roles]))}
    for k, theme in enumerate(theme_rows):
        ax = axes[k // cols][k % cols]
        sub = prev[prev["theme"] == theme]
        for g, role in enumerate(roles):
            s = sub[sub["role"] == role].set_index("timepoint")
            dodge = (g - (len(roles) - 1) / 2) * 0.1
            xs = [i for i, t in enumerate(tps) if t in s.index]
            ys = [float(s.loc[tps[i], "prevalence"]) for i in xs]
            color = colour[role]
            ax.plot([x + dodge for x in xs], ys, marker="o", color=color, label=info.role_label(role), linewidth=2)
            for x, y in zip(xs, ys):
                voiced, n = int(s.loc[tps[x], "coded"]), int(s.loc[tps[x], "interviewed"])
                if voiced == 0:
                    continue
                ax.annotate(f"{voiced}/{n}", (x + dodge, y), textcoords="offset points", xytext=(0, 6), ha="center",
                            fontsize=6.5, color=color)
        ax.set_xticks(range(len(tps)), tps)
        ax.set_xlim(-0.35, len(tps) - 0.65)
        ax.set_ylim(-0.08, 1.15)
        ax.set_yticks([0, 0.5, 1], ["0%", "50%", "100%"])
        ax.grid(axis="y", color="#e5e5e5")
        ax.set_title(_wrap(sub["theme_name"].iloc[0], 44), fontsize=9, loc="left")
    for k in range(len(theme_rows), nrows * cols):
        axes[k // cols][k % cols].set_visible(False)
    handles, lab = axes[0][0].get_legend_handles_labels()
    fig.legend(handles, lab, loc="upper center", ncol=len(roles), frameon=False, bbox_to_anchor=(0.5, 0.985))
    fig.suptitle("Share of each group's interviewees voicing the theme (labels: voiced/interviewed, when any)",
                 y=1.0, fontsize=11)
    fig.tight_layout(rect=(0, 0, 1, 0.955 if nrows == 1 else 0.97))
    return save_figure(fig, path)


def plot_saturation(result: Saturation, path: str | Path) -> Path:
    """The cumulative curve of distinct themes by interview, new themes as bars, and where saturation is reached.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from graphstudy import load_study
    >>> from graphstudy.reports.saturation import saturation
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "saturation.png"
    >>> plot_saturation(saturation(load_study()), out).exists()
    True
    """
    path = check_plot_path(path)
    c = result.curve
    x = c["position"].to_numpy()
    fig = Figure(figsize=(max(6.5, 0.25 * len(c) + 3), 4.2))
    ax = fig.add_subplot()
    ax.axvspan(0.5, result.base + 0.5, color="#eef3f8", label=f"base ({result.base} interviews)")
    ax.bar(x, c["new_themes"], color="#f4a259", width=0.7, label="new themes in the interview")
    ax.step(x, c["cumulative"], where="mid", color="#1b6ca8", linewidth=2, label="distinct themes so far")
    ax.plot(x, c["cumulative"], "o", color="#1b6ca8", markersize=3)
    if result.reached_at is not None:
        end = result.reached_at + result.run
        ax.axvspan(result.reached_at + 0.5, end + 0.5, color="#c7e9c0", alpha=0.7,
                   label=f"first run ≤ {result.threshold:.0%} new ({result.reached_at + 1}-{end})")
        ax.axvline(result.reached_at + 0.5, color="#2e7d32", linestyle="--", linewidth=1.2)
    ax.set_xlim(0.5, len(c) + 0.5)
    ax.set_xlabel(f"interviews in collection order (by {result.order})")
    ax.set_ylabel("themes")
    ax.set_ylim(0, max(1, int(c["cumulative"].max())) * 1.15)
    step = 1 if len(c) <= 30 else 5
    ax.set_xticks(range(1, len(c) + 1, step))
    ax.grid(axis="y", color="#e5e5e5")
    ax.legend(loc="lower right", fontsize=8, frameon=True)
    verdict = (f"reached at {result.reached_at}+{result.run}" if result.reached_at is not None else "not reached")
    if result.after:
        verdict += f", {len(result.after)} new later"
    ax.set_title(f"Thematic saturation {verdict} (base {result.base}, run {result.run}, "
                 f"threshold ≤ {result.threshold:.0%})", fontsize=10, loc="left")
    return save_figure(fig, path)
