"""A whole study rebuilt from any engine: its metadata and every column of every table.

What Neo4j holds is all there is once the study's files are gone; this is how
it becomes a :class:`~graphstudy.model.Study` again (to export it to REFI-QDA,
to save it as a store). Nothing is lost: notes, dates, colours, descriptions,
time point labels, quotes with no coding, coding notes and the times a
relationship holds all come back, in the study's own row order.

Examples
--------
>>> from graphstudy import load_study
>>> from graphstudy.engines.embedded import EmbeddedBackend
>>> study = load_study()
>>> back = whole_study(EmbeddedBackend(study))
>>> back.info == study.info, all(back.tables()[k].equals(canonical_table(k, t)) for k, t in study.tables().items())
(True, True)
"""

from __future__ import annotations

from ..model import Study
from .base import TABLES, Backend, canonical_table

__all__ = ["canonical_table", "whole_study"]


def whole_study(backend: Backend) -> Study:
    """The study an engine answers for, rebuilt from :meth:`~Backend.study_info` and every :meth:`~Backend.table`.

    Parameters
    ----------
    backend : Backend
        Any engine (embedded, Neo4j, or one wrapping them).

    Returns
    -------
    Study
        Its tables laid out by :func:`~graphstudy.engines.base.canonical_table`
        (text as object dtype, ``wave`` as int64), its metadata the engine's
        :class:`~graphstudy.model.StudyInfo`.

    Notes
    -----
    One :meth:`~Backend.table` per kind of record, so six round trips on Neo4j,
    each O(n) in that table's rows; memory is that of the study.
    """
    info = backend.study_info()
    tables = {kind: backend.table(kind) for kind in TABLES}
    return Study(name=info.name, timepoints=info.timepoints, description=info.description, source=info.source,
                 relationship_types=info.relationship_types, design=dict(info.design), memos=info.memos,
                 roles=info.roles, **tables)
