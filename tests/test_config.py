"""Configuration discovery, located validation errors, overrides and the vocabulary command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import run_cli, write

ARTICLE = "The regime met in Kiev.\n"


def rules_fired(result_out: str) -> list[tuple[str, str]]:
    files = json.loads(result_out)["files"]
    return [(f["rule"], f["severity"]) for file in files for f in file["findings"]]


def test_nearest_config_wins_and_disables_rules(tmp_path: Path) -> None:
    write(tmp_path / ".copydesk.yaml", "packs: [house]\ndisable: [house.regime]\n")
    article = write(tmp_path / "desk" / "a.md", ARTICLE)
    assert rules_fired(run_cli("check", "-f", "json", str(article)).out) == [
        ("house.ukraine-places", "error")
    ]
    write(tmp_path / "desk" / ".copydesk.yaml", "packs: [house]\nseverity: {house: info}\n")
    assert rules_fired(run_cli("check", "-f", "json", str(article)).out) == [
        ("house.regime", "info"),
        ("house.ukraine-places", "info"),
    ]


def test_enable_overrides_a_broader_disable(tmp_path: Path) -> None:
    write(tmp_path / ".copydesk.yaml", "packs: [house]\ndisable: [house]\nenable: [house.regime]\n")
    article = write(tmp_path / "a.md", ARTICLE)
    assert rules_fired(run_cli("check", "-f", "json", str(article)).out) == [
        ("house.regime", "warning")
    ]


def test_pyproject_section(tmp_path: Path) -> None:
    write(
        tmp_path / "pyproject.toml",
        '[tool.copydesk]\npacks = ["house"]\ndisable = ["house.regime"]\n',
    )
    article = write(tmp_path / "a.md", ARTICLE)
    assert rules_fired(run_cli("check", "-f", "json", str(article)).out) == [
        ("house.ukraine-places", "error")
    ]
    write(tmp_path / "pyproject.toml", '[tool.copydesk]\npacks = ["house"]\n\nbogus = 1\n')
    result = run_cli("check", str(article))
    assert result.code == 2
    assert f"{tmp_path / 'pyproject.toml'}:4:1: unknown key 'bogus'" in result.err


def test_per_path_overrides(tmp_path: Path) -> None:
    write(
        tmp_path / ".copydesk.yaml",
        "packs: [house]\noverrides:\n  - paths: ['opinion/*']\n    disable: [house.regime]\n",
    )
    news = write(tmp_path / "news" / "a.md", ARTICLE)
    opinion = write(tmp_path / "opinion" / "a.md", ARTICLE)
    assert ("house.regime", "warning") in rules_fired(run_cli("check", "-f", "json", str(news)).out)
    assert ("house.regime", "warning") not in rules_fired(
        run_cli("check", "-f", "json", str(opinion)).out
    )


def test_fail_level_from_config(tmp_path: Path) -> None:
    write(
        tmp_path / ".copydesk.yaml",
        "packs: [house]\nfail_level: error\ndisable: [house.ukraine-places]\n",
    )
    article = write(tmp_path / "a.md", ARTICLE)
    assert run_cli("check", str(article)).code == 0


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        (
            "packs: [house]\nlanguage: fr\n",
            ".copydesk.yaml:2:11: 'language' must be one of auto, en-US, en-GB",
        ),
        ("packs: [nope]\n", ".copydesk.yaml:1:8: unknown pack 'nope'"),
        (
            "packs: [house]\nvocabulary: {accept: [a], deny: [b]}\n",
            ".copydesk.yaml:2:27: unknown key 'deny'",
        ),
        (
            "packs: [house]\nseverity: {house: fatal}\n",
            ".copydesk.yaml:2:19: 'severity.house' must be one of",
        ),
        ("packs: [house\n", ".copydesk.yaml:2:1: invalid YAML"),
        (
            "packs: [house]\nvocabulary: {accept_patterns: ['(']}\n",
            ".copydesk.yaml:2:32: 'accept_patterns' has a regex",
        ),
    ],
)
def test_config_errors_are_located(tmp_path: Path, config: str, expected: str) -> None:
    write(tmp_path / ".copydesk.yaml", config)
    article = write(tmp_path / "a.md", ARTICLE)
    result = run_cli("check", str(article))
    assert result.code == 2
    assert f"{tmp_path}/{expected}" in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert "Traceback" not in result.err


def test_bad_local_pack_is_located(tmp_path: Path) -> None:
    write(tmp_path / "mine.yaml", "- id: mine.x\n  kind: existence\n  severity: loud\n")
    write(tmp_path / ".copydesk.yaml", "packs: [house, mine.yaml]\n")
    result = run_cli("check", str(write(tmp_path / "a.md", ARTICLE)))
    assert (
        result.code == 2
        and f"{tmp_path / 'mine.yaml'}:1:3: rule is missing required key" in result.err
    )


def test_vocab_add_keeps_comments_and_is_idempotent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = write(
        tmp_path / ".copydesk.yaml",
        "# house settings\npacks: [house]\nvocabulary:\n  accept:\n    - Zaluzhnyi  # general\n"
        "fail_level: warning\n",
    )
    monkeypatch.chdir(tmp_path)
    assert run_cli("vocab", "add", "Syrskyi").code == 0
    text = config.read_text()
    assert text == (
        "# house settings\npacks: [house]\nvocabulary:\n  accept:\n    - Zaluzhnyi  # general\n"
        "    - Syrskyi\nfail_level: warning\n"
    )
    assert "already in" in run_cli("vocab", "add", "Syrskyi").out
    assert config.read_text() == text


def test_vocab_add_creates_a_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run_cli("vocab", "add", "Budanov").code == 0
    assert (tmp_path / ".copydesk.yaml").read_text() == "vocabulary:\n  accept:\n    - Budanov\n"
