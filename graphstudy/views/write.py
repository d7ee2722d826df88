"""Write the HTML views: the study, a PSW over time, one dyad and the theme network.

Each function takes a :class:`~graphstudy.model.Study` or any
:class:`~graphstudy.engines.base.Backend` (so the views work on Neo4j too), writes
one self-contained, offline HTML file and returns its path. With
``redact_quotes=True`` the file holds quote ids and counts but no quote text; with
``redact_attributes=True`` participants' gender, age band, diagnosis, agency and setting
are left out too (role and subrole stay).

Examples
--------
>>> import tempfile, pathlib
>>> from graphstudy import load_study
>>> out = pathlib.Path(tempfile.mkdtemp()) / "sue.html"
>>> write_psw_view(load_study(), "Sue", out).name
'sue.html'
>>> "https://" in out.read_text().split("<script>")[0]
False
"""

from __future__ import annotations

from pathlib import Path

from ..engines.base import Backend
from ..model import Study
from .graph_views import dyad_graph, psw_graph, study_graph, themes_graph
from .page import write_page

__all__ = ["write_dyad_view", "write_psw_view", "write_study_view", "write_themes_view"]


def write_study_view(source: Study | Backend, path: str | Path, redact_quotes: bool = False,
                     level: str = "subtheme", redact_attributes: bool = False) -> Path:
    """The whole study: participants coloured by role, relationships, themes and who spoke to which.

    Notes
    -----
    Above :data:`~graphstudy.views.layout.PHYSICS_LIMIT` nodes the layout is
    computed in Python and physics is off; above
    :data:`~graphstudy.views.graph_views.QUOTE_TEXT_LIMIT` nodes quote text is
    left out (counts and ids stay). See ``bench/views.py`` for sizes and times.
    """
    return write_page(study_graph(source, level=level, quote_text=not redact_quotes), path, redact_quotes, redact_attributes)


def write_psw_view(source: Study | Backend, psw: str, path: str | Path, redact_quotes: bool = False,
                   level: str = "subtheme", redact_attributes: bool = False) -> Path:
    """A PSW, everyone linked to them and their theme links, with a control stepping through the occasions."""
    return write_page(psw_graph(source, psw, level=level, quote_text=not redact_quotes), path, redact_quotes, redact_attributes)


def write_dyad_view(source: Study | Backend, psw: str, other: str, path: str | Path, redact_quotes: bool = False,
                    level: str = "subtheme", redact_attributes: bool = False) -> Path:
    """One dyad: the PSW, the other person and their theme links occasion by occasion."""
    return write_page(dyad_graph(source, psw, other, level=level, quote_text=not redact_quotes), path, redact_quotes, redact_attributes)


def write_themes_view(source: Study | Backend, path: str | Path, redact_quotes: bool = False,
                      timepoint: str | None = None, level: str = "subtheme",
                      redact_attributes: bool = False) -> Path:
    """Theme co-occurrence (themes coded in the same interview), nodes sized by prevalence.

    The page holds counts and interview ids only, so ``redact_quotes`` changes
    nothing but the note it shows.
    """
    return write_page(themes_graph(source, timepoint=timepoint, level=level), path, redact_quotes, redact_attributes)
