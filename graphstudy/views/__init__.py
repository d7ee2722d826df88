"""Interactive HTML views of a study: offline, self-contained, safe with untrusted text.

Examples
--------
>>> import tempfile, pathlib
>>> from graphstudy import load_study
>>> from graphstudy.views import write_psw_view
>>> path = write_psw_view(load_study(), "Sue", pathlib.Path(tempfile.mkdtemp()) / "sue.html")
>>> path.stat().st_size > 100_000          # vis-network travels inside the file
True
"""

from .graph_views import dyad_graph, psw_graph, study_graph, themes_graph
from .write import write_dyad_view, write_psw_view, write_study_view, write_themes_view

__all__ = [
    "dyad_graph",
    "psw_graph",
    "study_graph",
    "themes_graph",
    "write_dyad_view",
    "write_psw_view",
    "write_study_view",
    "write_themes_view",
]
