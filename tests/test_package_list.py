"""Every package of graphstudy is listed for the wheel (pyproject.toml names them one by one)."""

from __future__ import annotations

import tomllib

from conftest import REPO


def test_every_package_folder_is_in_the_wheel():
    listed = set(tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(REPO).parts) for p in (REPO / "graphstudy").rglob("__init__.py")}
    assert found - listed == set(), f"packages missing from [tool.setuptools] packages: {sorted(found - listed)}"
