"""The Neo4j engine: connecting (:mod:`.connect`), loading in batches (:mod:`.load`),
answering the look-ups (:mod:`.backend`), every statement a file in ``cypher/``
(:mod:`.statements`)."""

from __future__ import annotations

from .backend import Neo4jBackend, loaded_studies
from .connect import Neo4jSettings, connect
from .load import load_into_neo4j, remove_from_neo4j

__all__ = ["Neo4jBackend", "Neo4jSettings", "connect", "load_into_neo4j", "loaded_studies", "remove_from_neo4j"]
