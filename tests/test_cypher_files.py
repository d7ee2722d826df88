"""The Cypher statements: package data, values only as parameters, one file per look-up, shipped in the wheel."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile

import pytest
from conftest import REPO

from graphstudy.engines.base import LOOKUP_COLUMNS
from graphstudy.engines.neo4j.statements import cypher, cypher_names
from graphstudy.errors import BackendError

FILES = sorted(p.stem for p in (REPO / "cypher").glob("*.cypher"))


def test_every_file_in_cypher_is_loadable_by_name():
    assert list(cypher_names()) == FILES
    assert all(cypher(name).strip() for name in FILES)


@pytest.mark.parametrize("name", FILES)
def test_a_statement_takes_values_only_as_parameters(name):
    text = cypher(name)
    assert not re.search(r"\{[a-zA-Z_]+\}|%s|\+ *\"", text), "a placeholder or string concatenation"
    code = "\n".join(line.split("//")[0] for line in text.splitlines())
    assert not re.search(r"'[^']*'\s*\+|\+\s*'", code), "string concatenation"


def test_every_look_up_of_the_backend_has_its_own_statement():
    assert set(LOOKUP_COLUMNS) <= set(FILES)


def test_an_unknown_statement_is_a_backend_error():
    with pytest.raises(BackendError, match="no Cypher statement 'nope'"):
        cypher("nope")


@pytest.mark.slow
def test_the_wheel_carries_every_statement(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for part in ("pyproject.toml", "README.md", "graphstudy", "cypher"):
        if (REPO / part).is_dir():
            shutil.copytree(REPO / part, src / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif (REPO / part).exists():
            shutil.copy(REPO / part, src / part)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), str(src)],
                   check=True, capture_output=True, timeout=300)
    wheel = next(tmp_path.glob("graphstudy-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {f"graphstudy/cypher/{name}.cypher" for name in FILES} <= names
