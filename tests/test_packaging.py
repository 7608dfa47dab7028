"""The package list in pyproject.toml names every package of the source tree."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_subpackage_of_lint_is_installed() -> None:
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "lint").rglob("__init__.py")
    }
    assert found, "no packages found under lint/"
    assert found <= listed, f"not installed by a regular install: {sorted(found - listed)}"
