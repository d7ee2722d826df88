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
"""

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
