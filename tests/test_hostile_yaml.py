"""Hostile YAML in a configuration: one located line and exit 2, never a hang or a traceback."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.helpers import run_cli, write

BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
    f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
    f"*{chr(97 + i)}]\n"
    for i in range(8)
)


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        (BOMB, "aliases expand too far"),
        ("packs: &a [*a]\n", "alias"),
        ("packs: [house]\nlanguage: !!int abc\n", ".copydesk.yaml:2:"),
        ("packs: [house]\nfail_level: !!float abc\n", ".copydesk.yaml:2:"),
        ("packs: [house]\nlanguage: !!timestamp abc\n", ".copydesk.yaml:2:"),
        ("packs: [house]\nlanguage: 2024-13-45\n", ".copydesk.yaml:2:"),
        ("packs: [house]\nlanguage: " + "9" * 5000 + "\n", ".copydesk.yaml:2:"),
        ("packs: " + "[" * 2000 + "]" * 2000 + "\n", ".copydesk.yaml:1:"),
    ],
)
def test_hostile_yaml_is_one_located_error(tmp_path: Path, config: str, expected: str) -> None:
    write(tmp_path / ".copydesk.yaml", config)
    article = write(tmp_path / "a.md", "Talks in Kiev.\n")
    started = time.perf_counter()
    result = run_cli("check", str(article))
    assert time.perf_counter() - started < 20
    assert result.code == 2
    assert "Traceback" not in result.err
    assert expected in result.err
    assert result.err.strip().count("\n") == 0
