"""Neo4j failures: one clear line and exit status 2; a load cut off by a killed server completes when run again."""

from __future__ import annotations

import os
import pty
import select
import signal
import socket
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner
from neo4j_fixtures import auth_server, neo4j_settings, throwaway_server  # noqa: F401

from graphstudy.cli import main
from graphstudy.engines.embedded import EmbeddedBackend
from graphstudy.engines.neo4j.backend import Neo4jBackend
from graphstudy.engines.neo4j.connect import connect
from graphstudy.engines.neo4j.load import apply_schema, schema_statements
from graphstudy.engines.neo4j.statements import cypher
from graphstudy.errors import BackendError
from graphstudy.loader import bundled_study_path, load_study
from graphstudy.synth import write_synthetic_study

NO_CONFIG = "/nonexistent/graphstudy-neo4j.toml"


def run(args, **env):
    """Invoke the CLI with these Neo4j settings only (nothing from the caller's environment or config file)."""
    clean = dict.fromkeys(("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE"))
    return CliRunner(env={**clean, "GRAPHSTUDY_NEO4J_CONFIG": NO_CONFIG, **env}).invoke(main, args)


def one_error_line(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert result.exit_code == 2, result.output
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.output
    return lines[0]


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_unreachable_server_is_one_line_and_exit_2():
    uri = f"bolt://127.0.0.1:{closed_port()}"
    line = one_error_line(run(["themes", "--backend", "neo4j"], NEO4J_URI=uri))
    assert f"cannot reach Neo4j at {uri}" in line


def test_a_uri_that_is_not_neo4j_is_one_line_and_exit_2():
    line = one_error_line(run(["themes", "--backend", "neo4j"], NEO4J_URI="http://localhost:7474"))
    assert "'http://localhost:7474' is not a usable Neo4j URI" in line


@pytest.mark.neo4j
def test_a_wrong_password_is_one_line_and_exit_2_without_the_password(auth_server):  # noqa: F811
    result = run(["themes", "--backend", "neo4j"], NEO4J_URI=auth_server.uri, NEO4J_PASSWORD="not-the-password")
    line = one_error_line(result)
    assert f"Neo4j at {auth_server.uri} refused the user name 'neo4j' or its password" in line
    assert "not-the-password" not in result.output


@pytest.mark.neo4j
def test_the_password_from_the_environment_opens_an_auth_server(auth_server):  # noqa: F811
    env = {"NEO4J_URI": auth_server.uri, "NEO4J_PASSWORD": auth_server.password}
    assert run(["load", str(bundled_study_path()), "--backend", "neo4j"], **env).exit_code == 0
    neo = run(["themes", "--backend", "neo4j", "--format", "csv"], **env)
    assert neo.exit_code == 0, neo.stderr
    assert neo.stdout == run(["themes", "--format", "csv"]).stdout


@pytest.mark.neo4j
def test_a_terminal_is_asked_for_the_password_when_the_server_wants_one(auth_server):  # noqa: F811
    env = dict(os.environ, NEO4J_URI=auth_server.uri, GRAPHSTUDY_NEO4J_CONFIG=NO_CONFIG)
    for key in ("NEO4J_PASSWORD", "NEO4J_USERNAME", "NEO4J_DATABASE"):
        env.pop(key, None)
    main_fd, term_fd = pty.openpty()
    command = [sys.executable, "-c", "from graphstudy.cli import main; main()", "load", str(bundled_study_path()),
               "--backend", "neo4j"]
    proc = subprocess.Popen(command, stdin=term_fd, stdout=term_fd, stderr=term_fd, env=env, start_new_session=True)
    os.close(term_fd)
    seen = b""
    try:
        while b"Neo4j password for 'neo4j' at" not in seen:
            ready, _, _ = select.select([main_fd], [], [], 120)
            assert ready, f"no password prompt; the terminal showed: {seen.decode(errors='replace')}"
            seen += os.read(main_fd, 4096)
        os.write(main_fd, auth_server.password.encode() + b"\n")
        assert proc.wait(timeout=300) == 0
        while select.select([main_fd], [], [], 0.5)[0]:
            try:
                seen += os.read(main_fd, 4096)
            except OSError:  # the terminal closed
                break
    finally:
        os.close(main_fd)
        if proc.poll() is None:
            proc.kill()
    assert b"loaded study 'Peer support workers" in seen


@pytest.mark.neo4j
def test_an_unknown_database_is_one_line_and_exit_2(neo4j_settings):  # noqa: F811
    line = one_error_line(run(["themes", "--backend", "neo4j"], NEO4J_URI=neo4j_settings.uri, NEO4J_DATABASE="nosuchdb"))
    assert f"Neo4j at {neo4j_settings.uri} has no database 'nosuchdb'" in line


@pytest.mark.neo4j
def test_a_study_not_loaded_is_one_line_and_exit_2(neo4j_settings, tmp_path):  # noqa: F811
    write_synthetic_study(tmp_path / "never", participants=34, quotes_per_interview=1.0, seed=99)
    line = one_error_line(run(["themes", "--backend", "neo4j", "--study", str(tmp_path / "never")],
                              NEO4J_URI=neo4j_settings.uri))
    assert "is not loaded in Neo4j database 'neo4j'" in line and "graphstudy load PATH --backend neo4j" in line


@pytest.mark.neo4j
def test_every_schema_statement_can_be_dropped_and_created_again(auth_server):  # noqa: F811
    driver, settings = connect(auth_server.settings(auth_server.password))
    try:
        with driver.session(database=settings.database) as session:
            for statement in schema_statements("drop_schema"):
                session.run(statement).consume()
            assert not list(session.run("SHOW CONSTRAINTS YIELD name WHERE name STARTS WITH 'graphstudy'"))
            apply_schema(driver, settings.database)
            names = {r["name"] for r in session.run("SHOW INDEXES YIELD name WHERE name STARTS WITH 'graphstudy'")}
    finally:
        driver.close()
    assert len(names) == len(schema_statements("schema")) == len(schema_statements("drop_schema"))


DUPLICATE_NODES = """MATCH (n {study: $study}) WITH labels(n) AS kind, n.id AS id, count(*) AS copies
WHERE copies > 1 RETURN count(*) AS n"""
DUPLICATE_RELATIONSHIPS = """MATCH (a {study: $study})-[r]->(b) WITH a, type(r) AS type, b, count(r) AS copies
WHERE copies > 1 RETURN count(*) AS n"""


def _wait_for_quotes(uri: str, study: str, loading: subprocess.Popen) -> int:
    """Poll (on a connection of its own) until some quote batches of ``study`` are committed; their count."""
    from graphstudy.engines.neo4j.connect import Neo4jSettings

    driver, settings = connect(Neo4jSettings(uri=uri))
    deadline = time.monotonic() + 300
    try:
        while True:
            rows = driver.execute_query(cypher("count_nodes"), study=study, database_=settings.database).records
            quotes = sum(r["n"] for r in rows if r["kind"] == "Quote")
            if quotes:
                return quotes
            assert loading.poll() is None and time.monotonic() < deadline, "the load ended before any quote was written"
            time.sleep(0.1)
    finally:
        driver.close()


@pytest.mark.neo4j
@pytest.mark.slow
def test_a_load_cut_off_by_a_killed_server_completes_when_run_again(throwaway_server, tmp_path):  # noqa: F811
    folder = tmp_path / "study"
    write_synthetic_study(folder, participants=1020, quotes_per_interview=5.0, seed=5)   # 11,500 quotes, 55k rows
    study = load_study(folder)
    clean = EmbeddedBackend(study).counts()
    env = dict(os.environ, NEO4J_URI=throwaway_server.uri, GRAPHSTUDY_NEO4J_CONFIG=NO_CONFIG)
    env.pop("NEO4J_PASSWORD", None)
    env.pop("NEO4J_DATABASE", None)
    command = [sys.executable, "-c", "from graphstudy.cli import main; main()", "load", str(folder),
               "--backend", "neo4j", "--batch-size", "500"]
    loading = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seen = _wait_for_quotes(throwaway_server.uri, study.name, loading)   # quotes come 8th of 12 statements
    os.kill(throwaway_server.pid, signal.SIGKILL)
    _, err = loading.communicate(timeout=300)
    assert loading.returncode == 2, err
    last = err.strip().splitlines()[-1].split("\r")[-1]
    assert last.startswith("error: loading study") and " batch " in last and "run the same load again" in last, last

    throwaway_server.start()                               # the same store, recovered from its transaction log
    with pytest.raises(BackendError, match="did not finish"):
        Neo4jBackend(study.name, throwaway_server.settings())
    with Neo4jBackend(study.name, throwaway_server.settings(), check=False) as half:
        partial = half.counts()
    assert partial.get("Quote", 0) >= seen and partial != clean, partial

    env["NEO4J_URI"] = throwaway_server.uri
    again = subprocess.run(command, env=env, capture_output=True, text=True, timeout=900, check=False)
    assert again.returncode == 0, again.stderr[-2000:]
    with Neo4jBackend(study.name, throwaway_server.settings()) as neo:
        assert neo.counts() == clean
        duplicates = [neo.driver.execute_query(q, study=study.name, database_=neo.settings.database).records[0]["n"]
                      for q in (DUPLICATE_NODES, DUPLICATE_RELATIONSHIPS)]
    assert duplicates == [0, 0]
