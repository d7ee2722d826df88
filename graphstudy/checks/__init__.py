"""The row checks :func:`graphstudy.validate.check_study` runs that have a job of their own.

* :mod:`~graphstudy.checks.citations`: participants, interviews, ``about`` and
  relationships built from citation codes (the bundled study's convention);
* :mod:`~graphstudy.checks.relationships`: relationship types, the roles each
  type joins, and the time a relationship holds (``start`` / ``end``);
* :mod:`~graphstudy.checks.advice`: what is not wrong but should not pass
  unseen (a quote with no coding, a theme no quote uses, ...), as warnings.
"""

from .advice import advise
from .citations import derive_from_citations
from .relationships import check_relationships, occasion_key

__all__ = ["advise", "check_relationships", "derive_from_citations", "occasion_key"]
