"""The study's own look in every view: role and occasion labels, theme colours, wrapped names.

Everything a view shows of the study's vocabulary comes from
:meth:`~graphstudy.engines.base.Backend.study_info` and ``table("themes")``:

- **roles**, in the study's declared order, with its labels; each gets a colour
  from :data:`ROLE_COLOURS` in that order, focal roles are drawn as stars;
- **occasions** by their time point's label ("3 months, wave 1"; the id where
  the study gives no label);
- **theme colours** as the codebook gives them (``themes.csv``'s ``color``);
  a theme without one takes the next colour of :data:`THEME_COLOURS` in
  codebook order, a sub-theme without one a lighter shade of its theme's;
- **names** wrapped onto lines of at most :data:`WRAP` characters, never cut.

Examples
--------
>>> wrap_label("Essential ingredient of PSWs: Turning mental illness-related experiences into an asset")
'Essential ingredient\\nof PSWs: Turning\\nmental illness-\\nrelated experiences\\ninto an asset'
>>> lighter("#b03a2e"), text_colour("#8e44ad"), text_colour("#f7eab0")
('#dba6a1', '#ffffff', '#222222')
"""

from __future__ import annotations

import re
import textwrap
from typing import Any

import pandas as pd

from ..frames import each
from ..model import StudyInfo
from ..model.records import occasion_id
from ..queries import Codebook

__all__ = [
    "ROLE_COLOURS",
    "THEME_COLOURS",
    "WRAP",
    "lighter",
    "occasion_label",
    "occasion_table",
    "relationship_label",
    "role_styles",
    "text_colour",
    "theme_colours",
    "wrap_label",
]

WRAP = 20
"""Characters per line of a node's name (a long word is broken with a hyphen rather than cut)."""

ROLE_COLOURS = ("#f28e2b", "#4e79a7", "#59a14f", "#b07aa1", "#76b7b2", "#e15759", "#9c755f", "#edc948",
                "#ff9da7", "#bab0ac")
"""The colours of the study's roles, in its declared order (Tableau 10; the list repeats past ten roles)."""

THEME_COLOURS = ("#e8c547", "#8dd3c7", "#fdb462", "#bebada", "#fb8072", "#80b1d3", "#b3de69", "#fccde5",
                 "#bc80bd", "#ccebc5", "#ffed6f", "#d9d9d9")
"""The colour scheme for themes the codebook gives no colour (ColorBrewer Set3 after a first yellow)."""

_HEX = re.compile(r"^#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")


def wrap_label(text: str, width: int = WRAP) -> str:
    """``text`` on lines of at most ``width`` characters, every character kept."""
    text = " ".join(str(text).split())
    if len(text) <= width:
        return text
    return "\n".join(textwrap.wrap(text, width=width, break_long_words=True, break_on_hyphens=True)) or text


def _rgb(colour: str) -> tuple[int, int, int] | None:
    m = _HEX.match(colour.strip())
    if not m:
        return None
    h = m.group(1)
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def _hex(rgb: tuple[float, ...]) -> str:
    return "#" + "".join(f"{round(min(255.0, max(0.0, c))):02x}" for c in rgb)


def lighter(colour: str, share: float = 0.55) -> str:
    """``colour`` mixed with ``share`` of white (a sub-theme's shade of its theme's colour)."""
    rgb = _rgb(colour) or (187, 187, 187)
    return _hex(tuple(c + (255 - c) * share for c in rgb))


def text_colour(background: str) -> str:
    """Dark or white text, whichever reads on ``background`` (WCAG relative luminance)."""
    rgb = _rgb(background) or (255, 255, 255)

    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    lum = 0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2])
    return "#222222" if lum > 0.22 else "#ffffff"


def theme_colours(themes: pd.DataFrame, book: Codebook) -> dict[str, str]:
    """``{theme id: colour}`` for every theme of the codebook (see the module's rules).

    ``themes`` is ``table("themes")`` (its ``color`` column may be blank or missing).

    Examples
    --------
    >>> from graphstudy import load_study
    >>> from graphstudy.queries import as_backend, theme_levels
    >>> b = as_backend(load_study("tests/fixtures/carers"))
    >>> c = theme_colours(b.table("themes"), theme_levels(b, "subtheme"))
    >>> c["burden"], c["practical"]
    ('#b03a2e', '#e67e22')
    """
    given = {}
    if "color" in themes.columns:
        given = {str(t): str(c).strip() for t, c in each(themes.fillna({"color": ""}), "id", "color") if _rgb(str(c))}
    given = {t: c if c.startswith("#") else "#" + c for t, c in given.items()}
    out: dict[str, str] = {}
    everything = book.ordered(book.parents)
    roots = [t for t in everything if not book.parents.get(t)]
    for i, t in enumerate(roots):
        out[t] = given.get(t, THEME_COLOURS[i % len(THEME_COLOURS)])
    for t in everything:
        if t in out:
            continue
        root, seen = t, set()
        while book.parents.get(root) and root not in seen:
            seen.add(root)
            root = book.parents[root]
        out[t] = given.get(t, lighter(out.get(root, THEME_COLOURS[0])))
    return out


def role_styles(info: StudyInfo, found: list[str] | tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """The study's roles in its order (then any role only found in the data): id, label, focal, colour, shape.

    Examples
    --------
    >>> from graphstudy import load_study
    >>> [(r["label"], r["shape"]) for r in role_styles(load_study("tests/fixtures/carers").info)]
    [('Patient', 'star'), ('Family carer', 'dot'), ('Clinician', 'dot')]
    """
    ids = list(info.role_ids) + sorted(set(found) - set(info.role_ids))
    focal = set(info.focal_roles)
    return [{"id": r, "label": info.role_label(r), "focal": r in focal, "color": ROLE_COLOURS[i % len(ROLE_COLOURS)],
             "shape": "star" if r in focal else "dot"} for i, r in enumerate(ids)]


def relationship_label(info: StudyInfo, type_id: str) -> str:
    """The relationship type's label ("cares for"); when the study gives none, its id in words.

    Examples
    --------
    >>> from graphstudy.model import StudyInfo
    >>> relationship_label(StudyInfo(name="s"), "SERVED_BY"), relationship_label(StudyInfo(name="s"), "peer_of")
    ('served by', 'peer of')
    """
    for t in info.relationship_types:
        if t.id == type_id and t.label:
            return t.label
    return type_id.replace("_", " ").lower()


def occasion_label(info: StudyInfo, timepoint: str, wave: int) -> str:
    """An occasion as the study names it: "3 months, wave 1"; "Baseline" (no waves).

    Examples
    --------
    >>> from graphstudy import load_study
    >>> occasion_label(load_study().info, "T2", 1), occasion_label(load_study().info, "T1", 0)
    ('Placement, wave 1', 'Training')
    """
    label = info.timepoint_label(timepoint)
    return f"{label}, wave {wave}" if wave else label


def occasion_table(info: StudyInfo, frame: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """``{occasion id: {label, timepoint, timepoint_label, order, wave}}`` for the occasions of a look-up, in study order.

    ``frame`` has ``timepoint``, ``wave`` and ``order`` columns (``interviews_of``, ``all_interviews``).
    """
    seen: dict[tuple[int, int], tuple[str, str, int]] = {}
    for tp, w, k in each(frame, "timepoint", "wave", "order"):
        seen.setdefault((int(k), int(w)), (str(tp), occasion_id(str(tp), int(w)), int(w)))
    out = {}
    for (k, w), (tp, occ, _) in sorted(seen.items()):
        out[occ] = {"label": occasion_label(info, tp, w), "timepoint": tp, "timepoint_label": info.timepoint_label(tp),
                    "order": k, "wave": w}
    return out
