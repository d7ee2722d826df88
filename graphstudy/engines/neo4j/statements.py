"""The Cypher statements graphstudy runs, read from package data.

Every statement sent to Neo4j is a ``.cypher`` file in the repository's
top-level ``cypher/`` folder, which the wheel installs as the package
``graphstudy.cypher``. Statements take values only as ``$parameters``;
labels and relationship types are written in the files, never pasted in from
data (the one relationship type that varies, between people, travels as a
parameter too: see ``load_relationships.cypher``).

Examples
--------
>>> print(cypher("theme_tree").splitlines()[1])
MATCH (t:Theme {study: $study})
>>> "schema" in cypher_names()
True
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from ...errors import BackendError

__all__ = ["cypher", "cypher_names"]

_PACKAGE = "graphstudy.cypher"


@cache
def cypher_names() -> tuple[str, ...]:
    """The names of every statement file shipped with graphstudy (without ``.cypher``), sorted."""
    return tuple(sorted(p.name[: -len(".cypher")] for p in files(_PACKAGE).iterdir() if p.name.endswith(".cypher")))


@cache
def cypher(name: str) -> str:
    """The text of ``cypher/<name>.cypher``.

    Parameters
    ----------
    name : str
        The file's name without ``.cypher``, e.g. ``"shifts"`` or ``"load_quotes"``.

    Returns
    -------
    str
        The statement text (``schema`` holds several statements, each ending
        with ``;`` at the end of a line).

    Raises
    ------
    BackendError
        When graphstudy ships no such file (a broken installation).

    Examples
    --------
    >>> [line for line in cypher("load_quotes").splitlines() if not line.startswith("//")][0]
    'UNWIND $rows AS row'
    """
    if name not in cypher_names():
        raise BackendError(f"no Cypher statement '{name}' in the installed package {_PACKAGE}; reinstall graphstudy")
    return (files(_PACKAGE) / f"{name}.cypher").read_text(encoding="utf-8")
