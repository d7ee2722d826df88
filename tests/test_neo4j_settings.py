"""Neo4j connection settings: environment first, then a private config file, then defaults; never a password in sight."""

from __future__ import annotations

import os

import pytest

from graphstudy.engines.neo4j.connect import DEFAULT_URI, Neo4jSettings, connect
from graphstudy.errors import BackendError, ConnectionFailed


def config(tmp_path, text: str, mode: int = 0o600):
    path = tmp_path / "neo4j.toml"
    path.write_text(text)
    os.chmod(path, mode)
    return path


def test_defaults_without_environment_or_config_file():
    s = Neo4jSettings.from_env({}, config=None)
    assert (s.uri, s.username, s.password, s.database) == (DEFAULT_URI, "neo4j", None, "neo4j")


def test_the_environment_wins_over_the_config_file(tmp_path):
    path = config(tmp_path, 'uri = "bolt://file:7687"\ndatabase = "fromfile"\npassword = "filepass"\n')
    s = Neo4jSettings.from_env({"NEO4J_URI": "neo4j+s://env.databases.neo4j.io", "NEO4J_PASSWORD": "envpass"}, config=path)
    assert (s.uri, s.database, s.password) == ("neo4j+s://env.databases.neo4j.io", "fromfile", "envpass")


def test_the_config_file_is_found_through_graphstudy_neo4j_config(tmp_path):
    path = config(tmp_path, 'username = "ann"\n')
    assert Neo4jSettings.from_env({"GRAPHSTUDY_NEO4J_CONFIG": str(path)}).username == "ann"


def test_a_config_file_holding_a_password_others_can_read_is_refused(tmp_path):
    path = config(tmp_path, 'password = "secret-pw"\n', mode=0o644)
    with pytest.raises(BackendError, match=f"chmod 600 {path}") as err:
        Neo4jSettings.from_env({}, config=path)
    assert "secret-pw" not in str(err.value)


def test_a_config_file_with_an_unknown_key_is_refused_naming_it(tmp_path):
    path = config(tmp_path, 'url = "bolt://x:7687"\n')
    with pytest.raises(BackendError, match=r"unknown key.*url.*expected uri, username, password, database"):
        Neo4jSettings.from_env({}, config=path)


def test_the_password_never_shows_in_the_settings_repr():
    assert "hunter22" not in repr(Neo4jSettings(password="hunter22"))


def test_a_uri_scheme_the_driver_does_not_speak_is_refused_before_connecting():
    with pytest.raises(ConnectionFailed, match="'localhost:7687' is not a usable Neo4j URI"):
        connect(Neo4jSettings(uri="localhost:7687"))
