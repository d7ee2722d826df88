"""Node and relationship counts of one study in Neo4j, shared by the loader and the backend."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["study_counts"]


def study_counts(records: Callable[..., list[dict[str, Any]]]) -> dict[str, int]:
    """``{kind: n}`` for the study's nodes (by label) and relationships (by type), sorted by kind.

    ``records(statement)`` runs ``cypher/<statement>.cypher`` for the study and
    returns its rows as dicts.
    """
    out = {r["kind"]: int(r["n"]) for r in records("count_nodes") if r["n"]}
    out.update({r["kind"]: int(r["n"]) for r in records("count_relationships")})
    return dict(sorted(out.items()))
