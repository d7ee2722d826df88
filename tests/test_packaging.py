"""The wheel users install carries the Cypher files and the bundled study."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_the_wheel_carries_every_cypher_file_and_the_bundled_study(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(REPO)],
                   check=True, capture_output=True)
    [wheel] = tmp_path.glob("graphstudy-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    cypher = {f"graphstudy/cypher/{p.name}" for p in (REPO / "cypher").glob("*.cypher")}
    assert cypher and cypher <= names
    data = {f"graphstudy/data/peer_support_hk/{p.name}" for p in (REPO / "graphstudy/data/peer_support_hk").iterdir()}
    assert data <= names


def test_the_installed_package_finds_its_bundled_study():
    from graphstudy.loader import bundled_study_path

    assert (bundled_study_path() / "quotes.csv").is_file()
