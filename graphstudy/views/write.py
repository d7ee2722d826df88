"""Write the HTML views: the study, a focal person over time, one dyad (both sides) and the theme network.

Each function takes a :class:`~graphstudy.model.Study` or any
:class:`~graphstudy.engines.base.Backend` (so the views work on Neo4j too), writes
one self-contained, offline HTML file and returns its path. With
``redact_quotes=True`` the file holds quote ids, citations and counts but no quote
text; with ``redact_attributes=True`` participants' gender, age band, diagnosis,
agency and setting are left out too (role and subrole stay).

Examples
--------
>>> import tempfile, pathlib
>>> from graphstudy import load_study
>>> out = pathlib.Path(tempfile.mkdtemp()) / "sue.html"
>>> write_focal_view(load_study(), "Sue", out).name
'sue.html'
>>> "https://" in out.read_text().split("<script>")[0]
False
"""

from __future__ import annotations

from pathlib import Path

from ..engines.base import Backend
from ..model import Study
from .graph_views import dyad_graph, focal_graph, study_graph, themes_graph
from .groups import check_group_by
from .page import write_page

__all__ = ["write_dyad_view", "write_focal_view", "write_psw_view", "write_study_view", "write_themes_view"]


def write_study_view(source: Study | Backend, path: str | Path, redact_quotes: bool = False,
                     level: str = "subtheme", redact_attributes: bool = False, group_by: str = "role",
                     grouped: bool | None = None) -> Path:
    """The whole study: participants by role, relationships, the theme tree and who spoke to which theme.

    Parameters
    ----------
    group_by : str
        How people are grouped (:data:`~graphstudy.views.groups.GROUP_BY`).
    grouped : bool, optional
        Open grouped (True), with everyone drawn (False), or grouped above
        :data:`~graphstudy.views.groups.GROUP_LIMIT` nodes (None, the default).

    Raises
    ------
    GraphStudyError
        When ``group_by`` is unknown, or shows attributes ``redact_attributes`` leaves out.

    Notes
    -----
    Above :data:`~graphstudy.views.layout.PHYSICS_LIMIT` nodes the layout is
    computed in Python and physics is off; above
    :data:`~graphstudy.views.parts.QUOTE_TEXT_LIMIT` characters quote text is
    left out (ids, citations and counts stay). See ``bench/views.py`` for sizes and times.
    """
    check_group_by(group_by, redact_attributes)
    g = study_graph(source, level=level, quote_text=not redact_quotes, group_by=group_by)
    return write_page(g, path, redact_quotes, redact_attributes, grouped=grouped)


def write_focal_view(source: Study | Backend, focal: str, path: str | Path, redact_quotes: bool = False,
                     level: str = "subtheme", redact_attributes: bool = False) -> Path:
    """A focal person, everyone linked to them and their theme links, with a control stepping through the occasions."""
    return write_page(focal_graph(source, focal, level=level, quote_text=not redact_quotes), path, redact_quotes,
                      redact_attributes)


def write_psw_view(source: Study | Backend, psw: str, path: str | Path, redact_quotes: bool = False,
                   level: str = "subtheme", redact_attributes: bool = False) -> Path:
    """:func:`write_focal_view` under its first name."""
    return write_focal_view(source, psw, path, redact_quotes=redact_quotes, level=level,
                            redact_attributes=redact_attributes)


def write_dyad_view(source: Study | Backend, a: str, b: str, path: str | Path, redact_quotes: bool = False,
                    level: str = "subtheme", redact_attributes: bool = False) -> Path:
    """One dyad, both sides: A's quotes about B and B's about A, occasion by occasion, and whether they agree."""
    return write_page(dyad_graph(source, a, b, level=level, quote_text=not redact_quotes), path, redact_quotes,
                      redact_attributes)


def write_themes_view(source: Study | Backend, path: str | Path, redact_quotes: bool = False,
                      timepoint: str | None = None, level: str = "subtheme",
                      redact_attributes: bool = False) -> Path:
    """Theme co-occurrence (themes coded in the same interview), nodes sized by prevalence, the theme tree drawn.

    The page holds counts and interview ids only, so ``redact_quotes`` changes
    nothing but the note it shows.
    """
    return write_page(themes_graph(source, timepoint=timepoint, level=level), path, redact_quotes, redact_attributes)
