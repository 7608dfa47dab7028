"""`copydesk vocab add`: the new text is validated before it replaces the configuration."""

from __future__ import annotations

from pathlib import Path

import pytest

from lint.config import load_config
from tests.helpers import run_cli, write

LAYOUTS = {
    "block": "packs: [spelling]\nvocabulary:\n  accept:\n    - Zaluzhnyi\n",
    "flow": "packs: [spelling]\nvocabulary:\n  accept: [Zaluzhnyi, Syrskyi]\n",
    "flow mapping": "packs: [spelling]\nvocabulary: {accept: [A1]}\n",
    "empty flow": "packs: [spelling]\nvocabulary:\n  accept: []\n",
    "four spaces": "packs: [spelling]\nvocabulary:\n    accept:\n        - Zaluzhnyi\n    reject: [utilise]\n",
    "comments": "# house\npacks: [spelling]  # only\nvocabulary:\n  accept:\n    - A1  # why\n  # more\nlanguage: en-GB\n",
    "none": "packs: [spelling]\n",
}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_every_layout_gains_the_word_and_keeps_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, layout: str
) -> None:
    config = write(tmp_path / ".copydesk.yaml", LAYOUTS[layout])
    before = load_config(config)
    monkeypatch.chdir(tmp_path)
    result = run_cli("vocab", "add", "Budanov")
    assert result.code == 0, result.err
    after = load_config(config)
    assert after.accept == before.accept | {"Budanov"}
    assert (after.reject, after.language, [r.id for r in after.rules]) == (
        before.reject,
        before.language,
        [r.id for r in before.rules],
    )
    if layout == "comments":
        assert "# why" in config.read_text() and "# house" in config.read_text()


@pytest.mark.parametrize("word", ["'90s", "'tis", "- x", "yes", "null", "a: b", "#tag", "[x]", "é"])
def test_words_yaml_would_misread_are_quoted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, word: str
) -> None:
    config = write(tmp_path / ".copydesk.yaml", LAYOUTS["block"])
    monkeypatch.chdir(tmp_path)
    assert run_cli("vocab", "add", word).code == 0
    assert word in load_config(config).accept


@pytest.mark.parametrize("word", ["", "two\nlines", " padded", "tab\there\r"])
def test_words_that_are_not_one_line_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, word: str
) -> None:
    config = write(tmp_path / ".copydesk.yaml", LAYOUTS["block"])
    monkeypatch.chdir(tmp_path)
    result = run_cli("vocab", "add", word)
    assert result.code == 2
    assert result.err.count("\n") == 1 and ".copydesk.yaml" in result.err
    assert config.read_text() == LAYOUTS["block"]


def test_an_invalid_configuration_is_not_edited(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = "packs: [spelling]\nlanguage: fr\n"
    config = write(tmp_path / ".copydesk.yaml", broken)
    monkeypatch.chdir(tmp_path)
    assert run_cli("vocab", "add", "Budanov").code == 2
    assert config.read_text() == broken


def test_a_pyproject_configuration_is_not_shadowed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pyproject = write(tmp_path / "pyproject.toml", '[tool.copydesk]\npacks = ["house"]\n')
    monkeypatch.chdir(tmp_path)
    result = run_cli("vocab", "add", "Budanov")
    assert result.code == 2 and "[tool.copydesk]" in result.err
    assert not (tmp_path / ".copydesk.yaml").exists()
    assert pyproject.read_text() == '[tool.copydesk]\npacks = ["house"]\n'


def test_with_no_configuration_the_file_goes_to_the_repository_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".git").mkdir()
    inner = tmp_path / "desk" / "stories"
    inner.mkdir(parents=True)
    monkeypatch.chdir(inner)
    assert run_cli("vocab", "add", "Budanov").code == 0
    assert "Budanov" in load_config(tmp_path / ".copydesk.yaml").accept
    assert not (inner / ".copydesk.yaml").exists()


class _Folder:
    def __init__(self, uri: str) -> None:
        self.uri = uri


class _Workspace:
    def __init__(self, root: Path) -> None:
        self.folders = {"w": _Folder(root.as_uri())}
        self.root_uri = root.as_uri()


class _Server:
    def __init__(self, root: Path) -> None:
        self.workspace = _Workspace(root)


def test_the_language_server_writes_only_inside_the_workspace(tmp_path: Path) -> None:
    from lint.lsp import _workspace_file

    project = tmp_path / "proj"
    project.mkdir()
    server = _Server(project)
    inside = (project / "a.md").as_uri()
    assert _workspace_file(server, inside) == (project / "a.md").resolve()  # type: ignore[arg-type]
    escaping = project.as_uri() + "/../victim/x.md"
    for uri in (escaping, "https://example.org/a.md", 42, {"uri": inside}):
        assert _workspace_file(server, uri) is None  # type: ignore[arg-type]
