"""graphstudy: longitudinal qualitative research as a graph.

Participants, their interviews at time points and waves, the quotes, the
theme/sub-theme tree and the relationships between people, with questions
about change: how did each stakeholder's view move over time, and inside each
relationship?

Examples
--------
>>> import graphstudy as gs
>>> study = gs.load_study()                      # the bundled peer-support study
>>> table = gs.shifts(study, focal="Sue", role="service_user")
>>> sorted(table["participant"].unique())
['User14', 'User15']
>>> gs.build_graph(study).number_of_nodes() > 0   # the study graph, for your own NetworkX algorithms
True

Notes
-----
``import graphstudy`` imports nothing heavy: each name below is imported the
first time it is used (pandas with the first study, NetworkX only with the
graph), so a command pays only for what it uses.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .engines.embedded import build_graph
    from .errors import GraphStudyError, Problem, StudyInvalid
    from .loader import check_path, load_study
    from .model import Study
    from .queries import dyad, shifts, themes, trajectory
    from .store import open_store, save_store

__all__ = [
    "GraphStudyError",
    "Problem",
    "Study",
    "StudyInvalid",
    "build_graph",
    "check_path",
    "dyad",
    "load_study",
    "open_store",
    "save_store",
    "shifts",
    "themes",
    "trajectory",
]

__version__ = "0.1.0"

_WHERE = {
    "GraphStudyError": ".errors", "Problem": ".errors", "StudyInvalid": ".errors", "Study": ".model",
    "build_graph": ".engines.embedded", "check_path": ".loader", "load_study": ".loader", "open_store": ".store",
    "save_store": ".store", "dyad": ".queries", "shifts": ".queries", "themes": ".queries", "trajectory": ".queries",
}


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'graphstudy' has no attribute {name!r}")
    value = getattr(importlib.import_module(_WHERE[name], __name__), name)
    globals()[name] = value  # once imported, an ordinary attribute
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
