"""The command line: help for everything, tables/CSV/JSON, one-line errors with exit status 2."""

import io
import json
import shlex
from pathlib import Path

import click
import pandas as pd
import pytest
from click.testing import CliRunner

from graphstudy.cli import main


def all_commands(group=main, prefix=()):
    for name, cmd in sorted(group.commands.items()):
        yield prefix + (name,), cmd
        if isinstance(cmd, click.Group):
            yield from all_commands(cmd, prefix + (name,))


@pytest.mark.parametrize("path, cmd", list(all_commands()), ids=lambda v: " ".join(v) if isinstance(v, tuple) else "")
def test_every_command_has_help_with_an_example(path, cmd):
    result = CliRunner().invoke(main, [*path, "--help"])
    assert result.exit_code == 0
    assert cmd.help and len(cmd.help.strip().splitlines()[0]) > 10
    assert "Example" in result.output or (isinstance(cmd, click.Group) and "Example" in (cmd.help or ""))


def test_shifts_as_csv_and_json_agree():
    runner = CliRunner()
    csv = runner.invoke(main, ["shifts", "--psw", "Sue", "--format", "csv"])
    js = runner.invoke(main, ["shifts", "--psw", "Sue", "--format", "json"])
    assert csv.exit_code == 0 and js.exit_code == 0
    a = pd.read_csv(io.StringIO(csv.stdout), dtype=str, keep_default_na=False)
    b = pd.DataFrame(json.loads(js.stdout)).astype(str)
    pd.testing.assert_frame_equal(a, b)
    assert {"participant", "focal", "theme", "from_occasion", "to_occasion", "change", "stance_change", "evidence"} <= set(a.columns)


def test_shifts_table_names_sues_service_users():
    result = CliRunner().invoke(main, ["shifts", "--psw", "Sue", "--role", "service_user"])
    assert result.exit_code == 0
    assert "User14" in result.output and "User15" in result.output and "Co-worker07" not in result.output


def test_an_unknown_psw_is_one_line_and_exit_2():
    result = CliRunner().invoke(main, ["shifts", "--psw", "Zed"])
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0 and "no participant 'Zed'" in result.stderr


def test_trajectory_dyad_and_themes_run_on_the_bundled_study():
    runner = CliRunner()
    assert "T3_2" in runner.invoke(main, ["trajectory", "User15"]).output
    assert "uncertainty" in runner.invoke(main, ["dyad", "Sue", "Co-worker07"]).output
    rows = json.loads(runner.invoke(main, ["themes", "--format", "json"]).stdout)
    assert {r["role"] for r in rows} == {"psw", "service_user", "co_worker"}


def test_citation_command_reads_codes():
    result = CliRunner().invoke(main, ["citation", "Co-worker08/F/40+/T3_1/May and Eliza", "--format", "json"])
    assert json.loads(result.stdout)[0]["about"] == "May;Eliza"


def test_demo_prints_the_headline_answer_and_saves_its_files(tmp_path):
    result = CliRunner().invoke(main, ["demo", "-o", str(tmp_path / "d")])
    assert result.exit_code == 0, result.output
    assert "Which themes did Sue's service users shift on?" in result.output
    assert "User15" in result.output and "q027:" in result.output
    assert (tmp_path / "d" / "peer_support_hk.gstudy").is_file()
    saved = pd.read_csv(tmp_path / "d" / "sue_service_user_shifts.csv")
    assert sorted(saved.participant.unique()) == ["User14", "User15"]


def test_synth_writes_a_study_that_validates(tmp_path):
    runner = CliRunner()
    out = tmp_path / "syn"
    result = runner.invoke(main, ["synth", "--participants", "68", "--seed", "3", "-o", str(out)])
    assert result.exit_code == 0, result.output
    summary = json.loads(runner.invoke(main, ["validate", str(out), "--format", "json"]).stdout)
    assert summary["participants_by_role"] == {"psw": 10, "service_user": 30, "co_worker": 28, "family": 10}
    assert summary["interviews"] == 154  # Figure 1's 77 per 34 participants


def test_synth_is_reproducible_from_its_seed():
    from graphstudy.synth import synthetic_study

    a, b, c = synthetic_study(34, 2, 7), synthetic_study(34, 2, 7), synthetic_study(34, 2, 8)
    pd.testing.assert_frame_equal(a.quotes, b.quotes)
    assert not a.quotes["text"].equals(c.quotes["text"])


def test_role_is_checked_against_the_study_in_one_line():
    """--role is not a fixed list of the bundled study's roles: the library checks it against the study."""
    from graphstudy.cli.questions import shifts

    role = next(p for p in shifts.params if p.name == "role")
    assert not isinstance(role.type, click.Choice)
    result = CliRunner().invoke(main, ["shifts", "--psw", "Sue", "--role", "carer"])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        ("error: no role 'carer' in study 'Peer support workers in Hong Kong: a one-year longitudinal qualitative study' "
         "(its roles: psw, service_user, co_worker, family)")]
    assert "User14" in CliRunner().invoke(main, ["shifts", "--psw", "Sue", "--role", "service_user"]).output


def test_the_cli_offers_the_librarys_own_choices():
    from graphstudy.engines.rules import PER
    from graphstudy.queries import LEVELS
    from graphstudy.reports.agreement import UNITS
    from graphstudy.reports.approaches import APPROACHES
    from graphstudy.reports.changes import CASE_KINDS, CHANGE_LABELS
    from graphstudy.reports.networks import WEIGHTS

    # --by is a participant attribute, checked by the library against the study (graphstudy.reports.compare)
    owners = {"change": CHANGE_LABELS, "case_kind": CASE_KINDS, "per": PER, "unit": UNITS, "level": LEVELS,
              "approach": APPROACHES, "weight": WEIGHTS}
    seen = set()
    for path, cmd in all_commands():
        for p in cmd.params:
            name = "change" if p.name == "only" else p.name
            if name in owners:
                assert isinstance(p.type, click.Choice), (path, name)
                assert tuple(p.type.choices) == tuple(owners[name]), (path, name, p.type.choices)
                seen.add(name)
    assert seen == set(owners)


README = Path(__file__).resolve().parents[1] / "README.md"


def _tour():
    """``{command: printed output}`` of every ``$ graphstudy ...`` block in the README."""
    blocks = {}
    for block in README.read_text(encoding="utf-8").split("```\n$ ")[1:]:
        command, _, rest = block.partition("\n")
        blocks[command] = rest.split("```", 1)[0]
    return blocks


@pytest.mark.parametrize("command", list(_tour()))
def test_the_readmes_tour_is_what_the_commands_print(command, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the demo writes into ./graphstudy-demo, as in the README
    args = shlex.split(command)
    assert args[0] == "graphstudy"
    # the README's paths are the repository's own (run from its folder): the fixtures, say
    args = [str(README.parent / a) if a.startswith("tests/") else a for a in args]
    result = CliRunner().invoke(main, args[1:])
    assert result.exit_code == 0, result.output
    assert result.stdout == _tour()[command]
