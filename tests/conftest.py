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


@pytest.fixture(scope="module")
def browser(chromium):
    """Debian's chromium, headless, for one test module (tests/views_browser.py)."""
    from views_browser import launch

    yield from launch(chromium)


@pytest.fixture
def open_view(browser):
    """``open_view(path, downloads=False)``: a view opened in a fresh page, closed after the test."""
    from views_browser import opener

    yield from opener(browser)


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


MINI = {
    "study.toml": """name = "mini"
[[timepoints]]
id = "T1"
label = "Training"
order = 1
[[timepoints]]
id = "T2"
label = "Placement"
order = 2
""",
    "participants.csv": "id,role,subrole,gender\nAnn,psw,,F\nU1,service_user,,M\nC1,co_worker,supervisor,F\n",
    "interviews.csv": "id,participant_id,timepoint,wave\nU1_T1,U1,T1,\nU1_T2_1,U1,T2,1\nU1_T2_2,U1,T2,2\nC1_T1,C1,T1,\nAnn_T1,Ann,T1,\n",
    "themes.csv": "id,name,parent_id\nhope,Hope,\nhope_a,Hope for work,hope\nfear,Fear,\n",
    "quotes.csv": "id,interview_id,text,about,stance\n"
                  "q1,U1_T1,first hope,Ann,positive\nq2,U1_T1,first fear,Ann,negative\n"
                  "q3,U1_T2_1,more hope,Ann,positive\nq4,U1_T2_1,hope again,Ann,\n"
                  "q5,U1_T2_2,fear returns,Ann,negative\nq6,C1_T1,she copes,Ann,positive\nq7,Ann_T1,my hope,Ann,\n",
    "codings.csv": "quote_id,theme_id,coder\nq1,hope_a,\nq2,fear,\nq3,hope_a,\nq4,hope,\nq5,fear,\nq6,hope,\nq7,hope,\n",
    "relationships.csv": "source_id,type,target_id\nU1,SERVED_BY,Ann\nC1,SUPERVISES,Ann\n",
}
"""A tiny study whose answers can be worked out by hand:

U1 (service user of Ann) is interviewed at T1, T2_1, T2_2.
- T1: hope_a x1 (positive), fear x1 (negative)
- T2_1: hope_a x1 (positive), hope x1 (no stance)
- T2_2: fear x1 (negative)
"""


@pytest.fixture
def make_study(tmp_path):
    """Write a study folder from ``MINI`` with some files replaced: ``make_study(**{"quotes.csv": "..."})``."""

    def _make(name: str = "mini", **files: str) -> Path:
        folder = tmp_path / name
        folder.mkdir()
        for fname, text in {**MINI, **{k.replace("_csv", ".csv").replace("_toml", ".toml"): v for k, v in files.items()}}.items():
            if text is not None:
                (folder / fname).write_text(text, encoding="utf-8")
        return folder

    return _make
