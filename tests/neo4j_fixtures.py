"""Neo4j fixtures for the Neo4j engine's tests: settings for the shared server, throwaway servers.

The shared server is the one ``scripts/test`` starts (fixture ``neo4j_uri`` in
conftest). Tests that must not disturb it (an auth-enabled server, a server
killed on purpose) start their own with ``scripts/neo4j-dev-server.sh`` in a
folder of their own (``GRAPHSTUDY_NEO4J_DIR``) and stop it afterwards.

Import the fixtures you use into a test module::

    from neo4j_fixtures import neo4j_settings  # noqa: F401
"""

from __future__ import annotations

import dataclasses
import os
import secrets
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest
from conftest import REPO, need

from graphstudy.engines.neo4j.connect import Neo4jSettings

SCRIPT = REPO / "scripts" / "neo4j-dev-server.sh"


def unique_name(prefix: str) -> str:
    """A study key no other test (or engineer) uses."""
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def renamed(study, name: str):
    """The same study under another key."""
    return dataclasses.replace(study, name=name)


@pytest.fixture(scope="session")
def neo4j_settings(neo4j_uri) -> Neo4jSettings:
    """Settings for the shared server: its URI, credentials from the environment, no config file."""
    return dataclasses.replace(Neo4jSettings.from_env(config=None), uri=neo4j_uri)


class DevServer:
    """A throwaway ``scripts/neo4j-dev-server.sh`` server in its own folder.

    With ``data``, its store lives there (``--data``) and outlives the server: the next
    :meth:`start` opens the same store, as after a crash.
    """

    def __init__(self, folder: Path, auth: bool, password: str | None = None, data: Path | None = None):
        self.folder = folder
        self.auth = auth
        self.password = password
        self.data = data
        self.uri = ""

    def _env(self) -> dict:
        env = dict(os.environ, GRAPHSTUDY_NEO4J_DIR=str(self.folder))
        env.pop("NEO4J_PASSWORD", None)
        if self.password:
            env["NEO4J_PASSWORD"] = self.password
        return env

    def start(self) -> DevServer:
        args = [str(SCRIPT), "start"] + (["--auth"] if self.auth else []) + (["--data", str(self.data)] if self.data else [])
        done = subprocess.run(args, env=self._env(), capture_output=True, text=True, timeout=600, check=False)
        assert done.returncode == 0, f"dev server did not start: {done.stderr[-2000:]}"
        self.uri = (self.folder / "uri").read_text().strip()
        return self

    @property
    def pid(self) -> int:
        return int((self.folder / "pid").read_text().strip())

    def stop(self) -> None:
        subprocess.run([str(SCRIPT), "stop"], env=self._env(), capture_output=True, text=True, timeout=120, check=False)

    def settings(self, password: str | None = None) -> Neo4jSettings:
        return Neo4jSettings(uri=self.uri, password=password)


def _need_dev_server() -> None:
    need(SCRIPT.is_file() and shutil.which("java") is not None and shutil.which("mvn") is not None,
         "a throwaway Neo4j needs Java 17 and Maven (apt-get install openjdk-17-jdk-headless maven) "
         "and scripts/neo4j-dev-server.sh")


@pytest.fixture
def throwaway_server(tmp_path_factory, neo4j_uri):
    """A fresh server of this test's own, stopped afterwards (for tests that kill it).

    Its store is kept in ``server.data`` across :meth:`DevServer.start` calls, so a
    server killed and started again opens (and recovers) the same database.
    """
    _need_dev_server()
    folder = tmp_path_factory.mktemp("neo4j-throwaway")
    server = DevServer(folder, auth=False, data=folder / "store")
    yield server.start()
    server.stop()


@pytest.fixture(scope="session")
def auth_server(tmp_path_factory, neo4j_uri):
    """A server with authentication on (user neo4j, a random password in ``server.password``)."""
    _need_dev_server()
    server = DevServer(tmp_path_factory.mktemp("neo4j-auth"), auth=True, password=secrets.token_urlsafe(12))
    yield server.start()
    server.stop()
