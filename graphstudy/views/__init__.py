"""Interactive HTML views of a study: offline, self-contained, safe with untrusted text.

Every view has a search box, filters (role, theme with its sub-themes, time
point and occasion, relationship type, coder), click-to-focus, a side panel
listing the quotes behind the selected person or link, and PNG and SVG export;
the study view opens grouped above :data:`~graphstudy.views.groups.GROUP_LIMIT`
nodes.

Examples
--------
>>> import tempfile, pathlib
>>> from graphstudy import load_study
>>> from graphstudy.views import write_focal_view
>>> path = write_focal_view(load_study(), "Sue", pathlib.Path(tempfile.mkdtemp()) / "sue.html")
>>> path.stat().st_size > 100_000          # vis-network travels inside the file
True
"""

from .graph_views import dyad_graph, focal_graph, psw_graph, study_graph, themes_graph
from .groups import GROUP_BY, GROUP_LIMIT
from .write import write_dyad_view, write_focal_view, write_psw_view, write_study_view, write_themes_view

__all__ = [
    "GROUP_BY",
    "GROUP_LIMIT",
    "dyad_graph",
    "focal_graph",
    "psw_graph",
    "study_graph",
    "themes_graph",
    "write_dyad_view",
    "write_focal_view",
    "write_psw_view",
    "write_study_view",
    "write_themes_view",
]
