"""Shared fixtures.

Three things the suite uses are outside the repository: a running Neo4j, Debian's
Chromium and ``../shared`` (reference files). Without them a test skips and says how
to get them; under ``CI=true`` it fails instead, because CI must run everything.
"""

from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path
from urllib.parse import urlparse

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def need(condition: bool, reason: str) -> None:
    """Skip (or, under CI, fail) unless ``condition``."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"CI=true and {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` beside the repository (REFI-QDA schemas, real exports, the paper)."""
    need(SHARED.is_dir(), f"{SHARED} is absent: these tests read the reference files in ../shared beside the repository")
    return SHARED


@pytest.fixture(scope="session")
def chromium() -> str:
    """Path of Debian's chromium."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    need(path is not None, "chromium not found: install Debian's browser with 'apt-get install -y chromium'")
    return path


def _bolt_answers(uri: str) -> bool:
    u = urlparse(uri)
    try:
        with socket.create_connection((u.hostname or "127.0.0.1", u.port or 7687), timeout=2):
            return True
    except OSError:
        return False


@pytest.fixture(scope="session")
def neo4j_uri() -> str:
    """The Bolt URI of a running Neo4j (NEO4J_URI, or the one scripts/neo4j-dev-server.sh started)."""
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        state = Path(os.environ.get("GRAPHSTUDY_NEO4J_DIR", Path(os.environ.get("TMPDIR", "/tmp")) / "graphstudy-neo4j")) / "uri"
        if state.is_file():
            uri = state.read_text().strip()
    need(bool(uri) and _bolt_answers(uri),
         "no Neo4j answering: start one with 'scripts/neo4j-dev-server.sh start' (needs Java 17 and Maven) "
         "or set NEO4J_URI to a running server")
    return uri


@pytest.fixture(scope="session")
def bundled_study():
    from graphstudy import load_study

    return load_study()
