"""Connecting to Neo4j: where the settings come from, one driver, one clear line when it fails.

Settings, first found wins:

1. the environment: ``NEO4J_URI``, ``NEO4J_USERNAME``, ``NEO4J_PASSWORD``,
   ``NEO4J_DATABASE``;
2. a TOML config file with the keys ``uri``, ``username``, ``password``,
   ``database``: ``$GRAPHSTUDY_NEO4J_CONFIG``, else
   ``$XDG_CONFIG_HOME/graphstudy/neo4j.toml`` (``~/.config/...``). A file that
   holds a password must be readable by its owner only (``chmod 600``);
3. defaults: ``bolt://localhost:7687``, user ``neo4j``, database ``neo4j``, no
   password.

With no password anywhere graphstudy connects without credentials (a server
with authentication disabled, such as ``scripts/neo4j-dev-server.sh``); if the
server then asks for them and standard input is a terminal, it prompts for the
password (never echoed). A password is never read from the command line and
never written to a log or an error message. Every request names the database.

Examples
--------
>>> s = Neo4jSettings.from_env({"NEO4J_URI": "neo4j+s://abc.databases.neo4j.io", "NEO4J_PASSWORD": "secret"},
...                            config=None)
>>> s.uri, s.username, s.database
('neo4j+s://abc.databases.neo4j.io', 'neo4j', 'neo4j')
>>> "secret" in repr(s)
False
"""

from __future__ import annotations

import getpass
import os
import re
import stat
import sys
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import neo4j
from neo4j import exceptions as neo_exc

from ...errors import BackendError, ConnectionFailed, GraphStudyError

__all__ = ["DEFAULT_URI", "Neo4jSettings", "config_path", "connect", "explain"]

DEFAULT_URI = "bolt://localhost:7687"
_KEYS = ("uri", "username", "password", "database")
_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
_RETRY_SECONDS = 10.0
"""How long the driver retries a transaction that failed for a transient reason (default 30 s)."""


def config_path(environ: Mapping[str, str] | None = None) -> Path:
    """Where the optional config file is looked for (it need not exist).

    Examples
    --------
    >>> str(config_path({"GRAPHSTUDY_NEO4J_CONFIG": "/etc/gs.toml"}))
    '/etc/gs.toml'
    >>> str(config_path({"XDG_CONFIG_HOME": "/home/ann/.config"}))
    '/home/ann/.config/graphstudy/neo4j.toml'
    """
    env = os.environ if environ is None else environ
    if env.get("GRAPHSTUDY_NEO4J_CONFIG"):
        return Path(env["GRAPHSTUDY_NEO4J_CONFIG"])
    base = Path(env["XDG_CONFIG_HOME"]) if env.get("XDG_CONFIG_HOME") else Path.home() / ".config"
    return base / "graphstudy" / "neo4j.toml"


def _read_config(path: Path) -> dict[str, str]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise BackendError(f"{path}: not a readable Neo4j config file ({exc})") from exc
    unknown = sorted(set(data) - set(_KEYS))
    if unknown:
        raise BackendError(f"{path}: unknown key(s) {', '.join(unknown)}; expected {', '.join(_KEYS)}")
    bad = [k for k, v in data.items() if not isinstance(v, str)]
    if bad:
        raise BackendError(f"{path}: key(s) {', '.join(bad)} must be text in quotes")
    if "password" in data and os.name == "posix" and path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise BackendError(f"{path}: holds a password but others may read it; run 'chmod 600 {path}'")
    return data


@dataclass(frozen=True)
class Neo4jSettings:
    """Where and as whom to connect. The password never shows in ``repr``."""

    uri: str = DEFAULT_URI
    username: str = "neo4j"
    password: str | None = field(default=None, repr=False)
    database: str = "neo4j"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, config: Path | bool | None = True) -> Neo4jSettings:
        """Settings from the environment, then the config file, then defaults.

        Parameters
        ----------
        environ : mapping, optional
            Default: ``os.environ``.
        config : Path, None or True
            The config file; True (default) looks in :func:`config_path`, None reads none.
        """
        env = os.environ if environ is None else environ
        values: dict[str, str] = {}
        path = config_path(env) if config is True else config
        if isinstance(path, Path) and path.is_file():
            values.update(_read_config(path))
        for key in _KEYS:
            if env.get(f"NEO4J_{key.upper()}"):
                values[key] = env[f"NEO4J_{key.upper()}"]
        return cls(**values)


def explain(exc: Exception, settings: Neo4jSettings, doing: str = "") -> GraphStudyError:
    """One clear line for a driver error: unreachable, credentials refused, no such database, or the server's reason.

    Examples
    --------
    >>> s = Neo4jSettings("bolt://127.0.0.1:1")
    >>> str(explain(neo_exc.AuthError("bad"), s))
    "Neo4j at bolt://127.0.0.1:1 refused the user name 'neo4j' or its password (set NEO4J_USERNAME and NEO4J_PASSWORD)"
    """
    where = f"Neo4j at {settings.uri}"
    prefix = f"{doing}: " if doing else ""
    if isinstance(exc, neo_exc.AuthError):
        return ConnectionFailed(f"{prefix}{where} refused the user name '{settings.username}' or its password "
                                "(set NEO4J_USERNAME and NEO4J_PASSWORD)")
    if isinstance(exc, (neo_exc.ServiceUnavailable, neo_exc.SessionExpired, OSError)):
        reasons = re.findall(r"reason ([^)]*)\)", str(exc))
        reason = reasons[-1] if reasons else (str(exc).splitlines() or ["no answer"])[0]
        return ConnectionFailed(f"{prefix}cannot reach {where}: {reason} (is the server running? set NEO4J_URI)")
    if isinstance(exc, neo_exc.Neo4jError) and exc.code == "Neo.ClientError.Database.DatabaseNotFound":
        return ConnectionFailed(f"{prefix}{where} has no database '{settings.database}' "
                                "(set NEO4J_DATABASE; Community edition serves only 'neo4j')")
    if isinstance(exc, (neo_exc.ConfigurationError, ValueError)):
        return ConnectionFailed(f"{prefix}'{settings.uri}' is not a usable Neo4j URI ({str(exc).splitlines()[0]}); "
                                "expected e.g. bolt://localhost:7687 or neo4j+s://xxxx.databases.neo4j.io")
    if isinstance(exc, neo_exc.Neo4jError):
        message = " ".join(str(exc.message or "").split())
        return BackendError(f"{prefix}{where} answered {exc.code}: {message}")
    message = " ".join(str(exc).split()) or type(exc).__name__
    return BackendError(f"{prefix}{where}: {message}")


def _driver(settings: Neo4jSettings) -> neo4j.Driver:
    auth: Any = None if settings.password is None else (settings.username, settings.password)
    return neo4j.GraphDatabase.driver(
        settings.uri, auth=auth, user_agent="graphstudy", connection_timeout=10.0,
        max_transaction_retry_time=_RETRY_SECONDS, notifications_min_severity="OFF",
    )


def connect(settings: Neo4jSettings | None = None) -> tuple[neo4j.Driver, Neo4jSettings]:
    """Open a driver and check that the server answers, accepts the credentials and has the database.

    Returns
    -------
    (neo4j.Driver, Neo4jSettings)
        The driver (close it when done) and the settings used (with the
        password, when it was prompted for).

    Raises
    ------
    ConnectionFailed
        With one line naming the URI and what went wrong: unreachable,
        credentials refused, no such database, unusable URI.

    Notes
    -----
    One round trip to the server (plus one for the prompt, when asked).
    """
    settings = settings or Neo4jSettings.from_env()
    scheme = settings.uri.split("://", 1)[0].lower() if "://" in settings.uri else ""
    if scheme not in _SCHEMES:
        raise ConnectionFailed(f"'{settings.uri}' is not a usable Neo4j URI: expected a {', '.join(s + '://' for s in _SCHEMES)} URI, "
                               "e.g. bolt://localhost:7687 or neo4j+s://xxxx.databases.neo4j.io (set NEO4J_URI)")
    for attempt in (1, 2):
        try:
            driver = _driver(settings)
        except (ValueError, TypeError, neo_exc.DriverError) as exc:  # a bad URI: ValueError or ConfigurationError
            raise explain(exc, settings) from None
        try:  # an auto-commit query: answers at once, where execute_query would retry for seconds
            with driver.session(database=settings.database, default_access_mode=neo4j.READ_ACCESS) as session:
                session.run("RETURN 1 AS ok").consume()
            return driver, settings
        except neo_exc.AuthError as exc:
            driver.close()
            if attempt == 1 and settings.password is None and sys.stdin is not None and sys.stdin.isatty():
                settings = replace(settings, password=getpass.getpass(
                    f"Neo4j password for '{settings.username}' at {settings.uri}: "))
                continue
            raise explain(exc, settings) from None
        except (neo_exc.Neo4jError, neo_exc.DriverError, OSError) as exc:
            driver.close()
            raise explain(exc, settings) from None
    raise AssertionError("unreachable")  # pragma: no cover
