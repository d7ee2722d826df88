"""With Neo4j, a command answers from the database alone: the study's files may be gone.

A made-up study (not the bundled one's shape: other time points, waves, notes,
colours, coding notes, the times relationships hold, a quote nobody coded) is
loaded into Neo4j from a temporary folder through the command line; the
folder is then deleted, and ``shifts``, ``report table1``, ``report figure1``,
``view study`` and ``export qdpx`` run with ``--study NAME --backend neo4j``.
Each must print (or write) exactly what the embedded engine gave from the
folder before it was deleted.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from neo4j_fixtures import neo4j_settings, unique_name  # noqa: F401

from graphstudy import load_study
from graphstudy.cli import main
from graphstudy.cli._common import open_backend
from graphstudy.engines import Backend, open_engine
from graphstudy.engines.neo4j.backend import Neo4jBackend
from graphstudy.engines.neo4j.load import remove_from_neo4j
from graphstudy.errors import BackendError
from graphstudy.refi_qda import read_refi

pytestmark = pytest.mark.neo4j

STUDY_TOML = """name = "{name}"
description = "Made up for graphstudy's tests: two peer mentors, the people they support and a team lead."
source = "tests/test_neo4j_seam.py"

[[timepoints]]
id = "B"
label = "Baseline"
order = 1

[[timepoints]]
id = "M3"
label = "3 months"
order = 2

[[timepoints]]
id = "M6"
label = "6 months"
order = 3

[design.participants]
psw = 2
service_user = 4
co_worker = 1

[design.interviews]
psw = {{ B = 2, M3 = 2, M6 = 2 }}
service_user = {{ B = 4, M3 = 4, M6 = 4 }}
"""

FILES = {
    "participants.csv": """id,role,subrole,gender,age_band,diagnosis,agency,setting,note
Ann,psw,,F,30+,depression,North,clinic,"joined in January, left in July"
Bob,psw,,M,40+,,South,home,
Uma,service_user,,F,20+,psychosis,North,clinic,
Vic,service_user,,M,50+,,South,home,speaks Cantonese at home
Tia,co_worker,supervisor,F,40+,,North,clinic,
""",
    "interviews.csv": """id,participant_id,timepoint,wave,date,note
Ann_B,Ann,B,,2024-01-10,
Ann_M3,Ann,M3,,2024-04-02,by phone
Uma_B,Uma,B,,2024-01-12,
Uma_M3_1,Uma,M3,1,2024-04-03,
Uma_M3_2,Uma,M3,2,2024-04-20,second visit
Vic_B,Vic,B,,,
Vic_M6,Vic,M6,,2024-07-01,
Tia_B,Tia,B,,2024-01-15,
Tia_M6,Tia,M6,,2024-07-09,
""",
    "themes.csv": """id,name,parent_id,description,color,note
trust,Trust,,Whether they rely on the mentor,#1f77b4,
trust_doubt,Doubt,trust,,#aec7e8,"merged from ""suspicion"" in round 2"
growth,Growth,,What changed in them,#2ca02c,
""",
    "quotes.csv": """id,interview_id,text,about,stance,citation,note
q1,Uma_B,I did not know what she was for.,Ann,negative,Uma/F/20+/B/Ann,
q2,Uma_M3_1,She gets it; she has been there.,Ann,positive,,translated from Cantonese
q3,Uma_M3_2,I call her first now.,Ann,positive,,
q4,Vic_B,"Another worker, another form.",Bob,negative,,
q5,Vic_M6,Bob came to court with me.,Bob,positive,,
q6,Tia_B,Ann and Bob need a lot of supervision.,Ann;Bob,mixed,,
q7,Tia_M6,They run the group themselves now.,Bob;Ann,positive,,
q8,Ann_M3,I was scared to share my story.,,,,nobody has coded this yet
""",
    "codings.csv": """quote_id,theme_id,coder,note
q1,trust_doubt,ann,
q1,trust_doubt,ben,
q2,trust,ann,a clear case
q3,trust,ann,
q4,trust_doubt,ben,
q5,trust,ann,
q5,growth,ben,court support counts as growth
q6,growth,ann,
q7,growth,ann,
""",
    "relationships.csv": """source_id,type,target_id,start,end,note
Uma,SERVED_BY,Ann,B,,
Vic,SERVED_BY,Bob,,M6,until discharge
Tia,SUPERVISES,Ann,,,
Tia,SUPERVISES,Bob,B,M6,
""",
}


def write_study(folder: Path, name: str) -> Path:
    folder.mkdir()
    (folder / "study.toml").write_text(STUDY_TOML.format(name=name), encoding="utf-8")
    for fname, text in FILES.items():
        (folder / fname).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def runner(neo4j_settings, tmp_path):  # noqa: F811
    """A CliRunner whose commands reach the test server (and read no Neo4j config file of the user's)."""
    return CliRunner(env={"NEO4J_URI": neo4j_settings.uri, "GRAPHSTUDY_NEO4J_CONFIG": str(tmp_path / "no-config.toml")})


def _answers(runner: CliRunner, study: str, backend: str, out: Path) -> dict[str, object]:
    """What each command prints (and the files it writes) for ``--study study --backend backend``."""
    out.mkdir()
    where = ["--study", study, "--backend", backend]
    commands = {
        "shifts": ["shifts", "--psw", "Ann", "--format", "csv"],
        "shifts by role": ["shifts", "--psw", "Bob", "--role", "co_worker", "--level", "theme", "--format", "json"],
        "table1": ["report", "table1", "--format", "csv"],
        "figure1": ["report", "figure1", "--format", "csv"],
        "view study": ["view", "study", "-o", str(out / "study.html")],
        "export qdpx": ["export", "qdpx", str(out / "study.qdpx")],
    }
    answers: dict[str, object] = {}
    for what, args in commands.items():
        result = runner.invoke(main, args + where)
        assert result.exit_code == 0, f"{what} with {backend}: {result.stderr or result.output}"
        answers[what] = result.stdout.replace(str(out), "OUT")
    answers["study.html"] = (out / "study.html").read_bytes()
    with zipfile.ZipFile(out / "study.qdpx") as zf:
        answers["study.qdpx"] = {n: zf.read(n) for n in zf.namelist()}
    return answers


def test_commands_answer_from_the_database_alone_once_the_study_folder_is_deleted(runner, neo4j_settings, tmp_path):  # noqa: F811
    name = unique_name("made-up mentors study")
    folder = write_study(tmp_path / "study", name)
    embedded = _answers(runner, str(folder), "embedded", tmp_path / "embedded")
    loaded = runner.invoke(main, ["load", str(folder), "--backend", "neo4j"])
    assert loaded.exit_code == 0, loaded.stderr
    try:
        shutil.rmtree(folder)
        neo = _answers(runner, name, "neo4j", tmp_path / "neo4j")
        for what in embedded:
            assert neo[what] == embedded[what], f"{what} differs between the folder (embedded) and the database (neo4j)"
        # the answers are the study's, not empty ones
        assert "q2" in str(embedded["shifts"]) and "Baseline" in str(embedded["figure1"])
        raw = read_refi(tmp_path / "neo4j" / "study.qdpx")
        assert "court support counts as growth" in str(raw.tables["codings"]["note"].tolist())
        assert "nobody has coded this yet" in raw.tables["quotes"]["note"].tolist()
    finally:
        remove_from_neo4j(name, neo4j_settings)


def test_a_name_that_is_neither_a_path_nor_a_loaded_study_is_one_line_listing_the_loaded_ones(
        runner, neo4j_settings, tmp_path, bundled_study):  # noqa: F811
    loaded = unique_name("listed study")
    from graphstudy.engines.neo4j.load import load_into_neo4j

    load_into_neo4j(bundled_study.replace(name=loaded), progress=False, settings=neo4j_settings)
    try:
        result = runner.invoke(main, ["shifts", "--psw", "Sue", "--study", "no such study", "--backend", "neo4j"])
        assert result.exit_code == 2
        assert result.stderr.count("\n") == 1, result.stderr
        assert "--study 'no such study': no such file or folder, nor a study of that name" in result.stderr
        assert loaded in result.stderr or "more" in result.stderr
        near = runner.invoke(main, ["shifts", "--psw", "Sue", "--study", loaded[:-1], "--backend", "neo4j"])
        assert near.exit_code == 2 and f"did you mean '{loaded}'?" in near.stderr
    finally:
        remove_from_neo4j(loaded, neo4j_settings)


def test_the_command_line_closes_the_engine_it_opened(neo4j_settings, bundled_study):  # noqa: F811
    from graphstudy.engines.neo4j.load import load_into_neo4j

    name = unique_name("closed study")
    load_into_neo4j(bundled_study.replace(name=name), progress=False, settings=neo4j_settings)
    opened: list[Backend] = []

    @click.command()
    def probe() -> None:
        engine = open_backend(Path(name), "neo4j")
        assert engine.study_info().name == name          # open while the command runs
        opened.append(engine)

    try:
        result = CliRunner(env={"NEO4J_URI": neo4j_settings.uri}).invoke(probe, [])
        assert result.exit_code == 0, result.output
        with pytest.raises(BackendError, match="is closed"):
            opened[0].counts()                            # closed once it ended
        assert "__del__" not in vars(Neo4jBackend)
    finally:
        remove_from_neo4j(name, neo4j_settings)


def test_open_engine_takes_a_study_or_its_name_and_both_answer_the_same_info(neo4j_settings, bundled_study):  # noqa: F811
    from graphstudy.engines.neo4j.load import load_into_neo4j

    study = bundled_study.replace(name=unique_name("opened by name"))
    load_into_neo4j(study, progress=False, settings=neo4j_settings)
    try:
        with open_engine(study, "neo4j", neo4j_settings) as by_study, \
                open_engine(study.name, "neo4j", neo4j_settings) as by_name:
            assert by_study.study_info() == by_name.study_info() == study.info
        assert isinstance(by_study, Neo4jBackend) and isinstance(by_name, Neo4jBackend)
        assert by_study.driver is None and by_name.driver is None
    finally:
        remove_from_neo4j(study.name, neo4j_settings)


def test_the_made_up_study_comes_back_whole_from_neo4j(neo4j_settings, tmp_path):  # noqa: F811
    from graphstudy.engines.base import canonical_table
    from graphstudy.engines.neo4j.load import load_into_neo4j

    study = load_study(write_study(tmp_path / "s", unique_name("whole made-up study")))
    load_into_neo4j(study, progress=False, settings=neo4j_settings)
    try:
        with open_engine(study.name, "neo4j", neo4j_settings) as neo:
            back = neo.whole_study()
        assert back.info == study.info
        for kind, table in study.tables().items():
            assert back.tables()[kind].equals(canonical_table(kind, table)), kind
        assert back.quotes.set_index("id").loc["q7", "about"] == "Bob;Ann"      # the order the study gave
        assert back.relationships.set_index("source_id").loc["Vic", ["end", "note"]].tolist() == ["M6", "until discharge"]
    finally:
        remove_from_neo4j(study.name, neo4j_settings)


def test_a_study_loaded_by_an_earlier_graphstudy_answers_its_info_but_refuses_its_tables(neo4j_settings, bundled_study):  # noqa: F811
    from graphstudy.engines.neo4j.connect import connect
    from graphstudy.engines.neo4j.load import load_into_neo4j

    name = unique_name("loaded earlier")
    load_into_neo4j(bundled_study.replace(name=name), progress=False, settings=neo4j_settings)
    driver, settings = connect(neo4j_settings)
    try:
        driver.execute_query("MATCH (s:Study {key: $study}) REMOVE s.format", study=name, database_=settings.database)
        with open_engine(name, "neo4j", neo4j_settings) as neo:
            assert neo.study_info() == bundled_study.replace(name=name).info
            with pytest.raises(BackendError, match=r"loaded by an earlier graphstudy.*--replace"):
                neo.table("quotes")
    finally:
        driver.close()
        remove_from_neo4j(name, neo4j_settings)
