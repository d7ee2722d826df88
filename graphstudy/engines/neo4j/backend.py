"""The Neo4j engine: the look-ups of :class:`~graphstudy.engines.base.Backend` as Cypher.

Each look-up runs one statement from ``cypher/`` (``participants.cypher``,
``codings_of.cypher``, ...) and returns exactly what
:class:`~graphstudy.engines.embedded.EmbeddedBackend` returns: the same columns,
dtypes and canonical row order. The questions of :mod:`graphstudy.queries`
(shifts, trajectory, dyad, themes) run unchanged on top.

Which study
-----------
One database may hold several studies; every node carries its study's key,
which is the study's name (``name`` in ``study.toml``, or the store's). A
backend answers for one study, given its name, and checks that the study was
loaded completely (``graphstudy load PATH --backend neo4j``).

Examples
--------
>>> from graphstudy import load_study, shifts
>>> from graphstudy.engines.neo4j.load import load_into_neo4j
>>> load_into_neo4j(load_study(), progress=False)["Participant"]     # doctest: +SKIP
22
>>> with Neo4jBackend(load_study().name) as neo:                     # doctest: +SKIP
...     shifts(neo, "Sue", role="service_user").equals(shifts(load_study(), "Sue", role="service_user"))
True
>>> with Neo4jBackend(load_study().name) as neo:                     # doctest: +SKIP
...     neo.study_info() == load_study().info, len(neo.table("quotes"))
(True, 42)
"""

from __future__ import annotations

import json
from typing import Any

import neo4j
import pandas as pd
from neo4j import exceptions as neo_exc

from ...errors import BackendError
from ...model import COLUMNS, StudyInfo
from ..base import TABLES, Backend, StudyNotLoaded, canonical_table, sort_lookup
from .connect import Neo4jSettings, connect, explain
from .counts import study_counts
from .load import GRAPH_FORMAT
from .statements import cypher

__all__ = ["Neo4jBackend", "loaded_studies"]


def loaded_studies(settings: Neo4jSettings | None = None) -> pd.DataFrame:
    """``study, status, completed_at`` of every study in the database (``status``: complete or loading)."""
    driver, settings = connect(settings)
    try:
        records = driver.execute_query(cypher("studies"), database_=settings.database,
                                       routing_=neo4j.RoutingControl.READ).records
    except (neo_exc.Neo4jError, neo_exc.DriverError, OSError) as exc:
        raise explain(exc, settings) from None
    finally:
        driver.close()
    return pd.DataFrame([r.data() for r in records], columns=["study", "status", "completed_at"])


class Neo4jBackend(Backend):
    """Answers the look-ups for one study loaded into Neo4j.

    Parameters
    ----------
    study_name : str
        The study's key (its name).
    settings : Neo4jSettings, optional
        Default: :meth:`Neo4jSettings.from_env`.
    driver : neo4j.Driver, optional
        An open driver to use (not closed by :meth:`close`); default: a new one.
    check : bool
        Refuse a study that is absent or whose last load did not finish.

    Raises
    ------
    ConnectionFailed
        The server cannot be reached, refuses the credentials or has no such database.
    StudyNotLoaded
        The study is not in the database (the error lists the studies it holds).
    BackendError
        The study's last load did not finish.

    Notes
    -----
    Each look-up is one round trip; costs are those of the Cypher, which
    starts from an index on ``(study, id)`` or on ``study``. Use the backend
    as a context manager (or call :meth:`close`): nothing closes it for you.
    """

    name = "neo4j"

    def __init__(self, study_name: str, settings: Neo4jSettings | None = None, *,
                 driver: neo4j.Driver | None = None, check: bool = True) -> None:
        self.study_name = study_name
        self._own = driver is None
        if driver is None:
            driver, settings = connect(settings)
        self.driver: neo4j.Driver | None = driver
        self.settings = settings or Neo4jSettings.from_env()
        self._format: int | None = None  # the graph layout of the study's load, once read (see load.GRAPH_FORMAT)
        if check:
            try:
                self._check_loaded()
            except BaseException:
                self.close()
                raise

    def close(self) -> None:
        """Close the driver (when this backend opened it); closing twice is harmless."""
        driver, self.driver = self.driver, None
        if self._own and driver is not None:
            driver.close()

    # ---- running statements ---------------------------------------------
    def _records(self, statement: str, **params: Any) -> list[dict[str, Any]]:
        if self.driver is None:
            raise BackendError(f"the Neo4j backend for study '{self.study_name}' is closed")
        try:
            result = self.driver.execute_query(cypher(statement), {"study": self.study_name, **params},
                                               database_=self.settings.database, routing_=neo4j.RoutingControl.READ)
        except (neo_exc.Neo4jError, neo_exc.DriverError, OSError) as exc:
            raise explain(exc, self.settings, f"looking up {statement} of study '{self.study_name}'") from None
        return [r.data() for r in result.records]

    def _lookup(self, name: str, statement: str | None = None, **params: Any) -> pd.DataFrame:
        return sort_lookup(name, pd.DataFrame(self._records(statement or name, **params)))

    @property
    def _where(self) -> str:
        return f"Neo4j database '{self.settings.database}' at {self.settings.uri}"

    def _check_loaded(self) -> None:
        rows = self._records("study_status")
        if not rows or not rows[0]["present"]:
            others = tuple(r["study"] for r in self._records("studies"))
            listed = f" (it holds: {'; '.join(others[:5])}{' ...' if len(others) > 5 else ''})" if others else " (it holds no study)"
            raise StudyNotLoaded(f"study '{self.study_name}' is not loaded in {self._where}{listed}; "
                                 "load it with 'graphstudy load PATH --backend neo4j'",
                                 study=self.study_name, loaded=others, where=self._where)
        if rows[0]["status"] != "complete":
            raise BackendError(f"the last load of study '{self.study_name}' into {self._where} did not finish; "
                               "run 'graphstudy load PATH --backend neo4j' again to complete it")
        self._format = rows[0]["format"]

    # ---- the study as a whole ----------------------------------------------
    def study_info(self) -> StudyInfo:
        rows = self._records("study_info")
        if not rows:
            raise StudyNotLoaded(f"study '{self.study_name}' is no longer in {self._where}",
                                 study=self.study_name, where=self._where)
        try:
            data = json.loads(rows[0]["metadata"] or "{}")
            return StudyInfo.from_dict({"name": self.study_name, **data})
        except (ValueError, TypeError, KeyError) as exc:
            raise BackendError(f"the metadata of study '{self.study_name}' in {self._where} cannot be read ({exc}); "
                               "load the study again with 'graphstudy load PATH --backend neo4j --replace'") from None

    def table(self, kind: str) -> pd.DataFrame:
        if kind not in TABLES:
            return canonical_table(kind, pd.DataFrame())  # names the tables there are
        if self._format is None:
            status = self._records("study_status")
            self._format = status[0]["format"] if status else None
        if self._format is None or int(self._format) < GRAPH_FORMAT:
            raise BackendError(f"study '{self.study_name}' in {self._where} was loaded by an earlier graphstudy that kept "
                               "fewer columns; load it again with 'graphstudy load PATH --backend neo4j --replace'")
        rows = self._records(f"table_{kind}")
        if kind == "quotes":
            for row in rows:
                row["about"] = ";".join(row["about"])
        frame = pd.DataFrame(rows, columns=["position", *COLUMNS[kind]])
        frame = frame.sort_values("position", kind="stable", na_position="last")
        return canonical_table(kind, frame)

    # ---- the look-ups -----------------------------------------------------
    def participants(self, ids: list[str] | None = None) -> pd.DataFrame:
        if ids is None:
            return self._lookup("participants", "participants_all")
        return self._lookup("participants", ids=list(ids))

    def relationships(self) -> pd.DataFrame:
        return self._lookup("relationships")

    def quotes(self, ids: list[str]) -> pd.DataFrame:
        rows = self._records("quotes", ids=list(ids))
        for row in rows:
            row["about"] = ";".join(sorted(row["about"]))
        return sort_lookup("quotes", pd.DataFrame(rows))

    def linked_people(self, focal: str, role: str | None = None) -> pd.DataFrame:
        return self._lookup("linked_people", focal=focal, role=role)

    def interviews_of(self, participants: list[str]) -> pd.DataFrame:
        return self._lookup("interviews_of", participants=list(participants))

    def codings_of(self, participants: list[str], about: str | None = None) -> pd.DataFrame:
        rows = self._records("codings_of", participants=list(participants), about=about)
        for row in rows:
            row["about"] = ";".join(row["about"])
        return sort_lookup("codings_of", pd.DataFrame(rows))

    def theme_tree(self) -> pd.DataFrame:
        return self._lookup("theme_tree")

    def all_interviews(self) -> pd.DataFrame:
        return self._lookup("all_interviews")

    def all_codings(self) -> pd.DataFrame:
        return self._lookup("all_codings")

    def coders(self) -> list[str]:
        return sorted(str(r["coder"]) for r in self._records("coders") if r["coder"])

    def counts(self) -> dict[str, Any]:
        return study_counts(self._records)
