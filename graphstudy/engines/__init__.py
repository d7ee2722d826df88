"""The engines that answer graphstudy's look-ups, behind one seam (:class:`~.base.Backend`).

* :mod:`.embedded`: NetworkX in this process, built from a loaded study; the default.
* :mod:`.neo4j`: a Neo4j 5.26 server, every statement a file in ``cypher/``.

:func:`open_engine` opens either for a study. Nothing outside this package
knows which engine answers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import BackendError
from ..model import Study
from .base import LOOKUP_COLUMNS, TABLES, Backend, StudyNotLoaded, canonical_table, sort_lookup

if TYPE_CHECKING:
    from .neo4j.connect import Neo4jSettings

__all__ = ["ENGINES", "LOOKUP_COLUMNS", "TABLES", "Backend", "StudyNotLoaded", "canonical_table", "open_engine",
           "sort_lookup"]

ENGINES: tuple[str, ...] = ("embedded", "neo4j")
"""The engines graphstudy can answer with: ``embedded`` (the default, no server) and ``neo4j``."""


def open_engine(study: Study | str, engine: str = "embedded", settings: Neo4jSettings | None = None) -> Backend:
    """Open an engine that answers for ``study``; use it as a context manager so it is closed.

    Parameters
    ----------
    study : Study or str
        The embedded engine is built from a loaded :class:`~graphstudy.model.Study`.
        Neo4j takes the name of a study loaded into it (or a Study, taking its name).
    engine : {"embedded", "neo4j"}
        One of :data:`ENGINES`.
    settings : Neo4jSettings, optional
        Neo4j: where and as whom to connect (default: from the environment).

    Returns
    -------
    Backend
        Closed by ``with`` (or :meth:`~Backend.close`); closing twice is harmless.

    Raises
    ------
    BackendError
        An unknown engine, or the embedded engine given a name rather than a study.
    StudyNotLoaded
        Neo4j holds no study of that name (the error lists those it holds).
    ConnectionFailed
        Neo4j cannot be reached, refuses the credentials or has no such database.

    Examples
    --------
    >>> from graphstudy import load_study
    >>> with open_engine(load_study()) as engine:
    ...     engine.name, engine.study_info().timepoint_label("T1")
    ('embedded', 'Training')
    >>> open_engine("hk", "embedded")
    Traceback (most recent call last):
    ...
    graphstudy.errors.BackendError: the embedded engine is built from a loaded study, not a name ('hk'): open_engine(load_study(PATH))
    >>> with open_engine(load_study(), "neo4j") as engine:      # doctest: +SKIP
    ...     engine.study_info().name
    'Peer support workers in Hong Kong ...'

    Notes
    -----
    The embedded engine builds its graph on the first look-up, O(n) in the
    study's records; Neo4j opens one driver (a connection pool) and checks
    the study is loaded, one round trip.
    """
    if engine == "embedded":
        if not isinstance(study, Study):
            raise BackendError(f"the embedded engine is built from a loaded study, not a name ({study!r}): "
                               "open_engine(load_study(PATH))")
        from .embedded import EmbeddedBackend

        return EmbeddedBackend(study)
    if engine == "neo4j":
        from .neo4j.backend import Neo4jBackend

        return Neo4jBackend(study.name if isinstance(study, Study) else str(study), settings)
    raise BackendError(f"unknown engine '{engine}'; expected one of {', '.join(ENGINES)}")
