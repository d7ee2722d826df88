"""The walkthrough notebook runs from top to bottom on the bundled study, and is stored as its generator writes it."""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import pytest
from conftest import REPO, need
from jupyter_client.kernelspec import KernelSpecManager
from nbclient import NotebookClient

NOTEBOOKS = REPO / "notebooks"
WALKTHROUGH = NOTEBOOKS / "walkthrough.ipynb"


def _builder():
    sys.path.insert(0, str(NOTEBOOKS))
    try:
        import build_walkthrough
    finally:
        sys.path.remove(str(NOTEBOOKS))
    return build_walkthrough


@pytest.fixture(scope="module")
def executed(tmp_path_factory) -> tuple[nbformat.NotebookNode, Path]:
    need("python3" in KernelSpecManager().find_kernel_specs(),
         "no 'python3' Jupyter kernel: install one with 'python -m ipykernel install --user'")
    out = tmp_path_factory.mktemp("walkthrough")
    nb = nbformat.read(WALKTHROUGH, as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(out)}}).execute()
    return nb, out


@pytest.mark.slow
def test_walkthrough_runs_without_an_error_or_a_warning(executed):
    nb, _ = executed
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
              if o.output_type == "error" or (o.output_type == "stream" and o.name == "stderr")]
    assert not errors, errors


@pytest.mark.slow
def test_walkthrough_shows_sues_service_users_shifts_and_the_view(executed):
    nb, out = executed
    shown = "\n".join(str(o.get("data", {}).get("text/html", "")) for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert "User14" in shown and "User15" in shown and "<iframe srcdoc=" in shown
    assert {p.name for p in (out / "walkthrough-output").iterdir()} >= {"sue.html", "framework-matrix.xlsx"}


def test_stored_walkthrough_has_no_outputs():
    nb = nbformat.read(WALKTHROUGH, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(not c.outputs and c.execution_count is None for c in code)


def test_stored_walkthrough_is_what_its_generator_writes():
    stored = nbformat.read(WALKTHROUGH, as_version=4)
    assert stored == _builder().build(), "run 'python notebooks/build_walkthrough.py' and commit the notebook"
