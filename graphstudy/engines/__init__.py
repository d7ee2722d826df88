"""The engines that answer graphstudy's look-ups, behind one seam (:class:`~.base.Backend`).

* :mod:`.embedded`: NetworkX in this process, built from a loaded study; the default.
* :mod:`.neo4j`: a Neo4j 5.26 server, every statement a file in ``cypher/``.

Nothing outside this package knows which engine answers.
"""

from __future__ import annotations

from .base import LOOKUP_COLUMNS, Backend, sort_lookup

__all__ = ["LOOKUP_COLUMNS", "Backend", "sort_lookup"]
