"""Hostile YAML in a configuration: one located line and exit 2, never a hang or a traceback."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.safefile import read_regular
from tests.helpers import copy_pack_files, run_cli, write

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


def test_special_files_are_refused_and_the_others_still_checked(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.md"
    zero.symlink_to("/dev/zero")
    good = write(tmp_path / "good.md", "Talks in Kiev.\n")
    started = time.perf_counter()
    result = run_cli("check", "-f", "json", str(fifo), str(zero), str(good))
    assert time.perf_counter() - started < 20
    assert result.code == 2
    assert "pipe.md: cannot read file: not a regular file" in result.err
    assert "zero.md: cannot read file: not a regular file" in result.err
    checked = json.loads(result.out)["files"]
    assert [f["path"] for f in checked] == [str(good)]


def test_a_file_past_the_size_limit_is_refused_and_the_others_still_checked(
    tmp_path: Path,
) -> None:
    write(tmp_path / ".copydesk.yaml", "max_file_size: 1 KB\n")
    big = write(tmp_path / "big.md", "Talks in Kyiv went on. " * 50)
    small = write(tmp_path / "small.md", "Talks in Kiev.\n")
    result = run_cli("check", "-f", "json", str(big), str(small))
    assert result.code == 2
    assert result.err.strip() == (
        f"copydesk: {big}: cannot read file: larger than the 1 KB limit "
        "(max_file_size in the configuration)"
    )
    assert [f["path"] for f in json.loads(result.out)["files"]] == [str(small)]


def test_the_default_size_limit_is_twenty_megabytes(tmp_path: Path) -> None:
    big = tmp_path / "big.md"
    with big.open("wb") as stream:  # sparse: no twenty megabytes written
        stream.truncate(20 * 1024 * 1024 + 1)
    result = run_cli("check", str(big))
    assert result.code == 2 and "larger than the 20 MB limit" in result.err
    assert len(read_regular(big, limit=20 * 1024 * 1024 + 1)) == 20 * 1024 * 1024 + 1


@pytest.mark.parametrize(
    ("value", "expected"),
    [("3 MB", 3 * 1024**2), ("512kb", 512 * 1024), ("4096", 4096), ("'1 GB'", 1024**3)],
)
def test_sizes_are_read_with_their_units(tmp_path: Path, value: str, expected: int) -> None:
    from lint.config import load_config

    config = write(tmp_path / ".copydesk.yaml", f"packs: [terms]\nmax_file_size: {value}\n")
    assert load_config(config).max_file_size == expected


@pytest.mark.parametrize("value", ["0", "-5", "lots", "2 TB", "true", "[1]"])
def test_a_bad_size_is_an_error_at_its_line(tmp_path: Path, value: str) -> None:
    write(tmp_path / ".copydesk.yaml", f"packs: [terms]\nmax_file_size: {value}\n")
    article = write(tmp_path / "a.md", "Talks.\n")
    result = run_cli("check", str(article))
    assert result.code == 2
    assert ".copydesk.yaml:2:" in result.err and "'max_file_size' must be a size" in result.err
    assert result.err.strip().count("\n") == 0


def test_a_pyproject_that_is_not_utf8_is_reported(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_bytes(b'[tool.copydesk]\npacks = ["house"]\n# \xff\n')
    article = write(tmp_path / "a.md", "Talks in Kiev.\n")
    result = run_cli("check", str(article))
    assert result.code == 2 and "pyproject.toml" in result.err and "Traceback" not in result.err


def test_a_message_with_an_unbalanced_brace_is_an_error_at_its_line(tmp_path: Path) -> None:
    write(
        tmp_path / "desk.yaml",
        "- id: desk.x\n  kind: existence\n  severity: error\n  category: style\n"
        '  message: "bad {match"\n  description: d\n  tokens: [foo]\n',
    )
    write(tmp_path / ".copydesk.yaml", "packs: [./desk.yaml]\n")
    article = write(tmp_path / "a.md", "foo\n")
    result = run_cli("check", str(article))
    assert result.code == 2
    assert "desk.yaml:5:" in result.err and "Traceback" not in result.err


def test_an_overlong_cue_is_an_error_at_its_line(tmp_path: Path) -> None:
    from lint.packs import shipped_packs

    pack = shipped_packs()["attribution"].read_text(encoding="utf-8")
    write(tmp_path / "attribution.yaml", pack)
    copy_pack_files(tmp_path)
    write(tmp_path / "attribution-cue-model.tsv", "")
    cues = "said\n" + "x" * 2000 + "\n"
    write(tmp_path / "attribution-cues.txt", cues)
    write(tmp_path / ".copydesk.yaml", "packs: [./attribution.yaml]\n")
    article = write(tmp_path / "a.md", "Prices rose 5%.\n")
    result = run_cli("check", str(article))
    assert result.code == 2 and "Traceback" not in result.err
    assert "attribution-cues.txt:2:" in result.err


def test_terminal_escapes_are_never_printed_raw(tmp_path: Path) -> None:
    article = write(tmp_path / "a\x1b[31m.md", "Talks in Kiev \x1b]0;pwned\x07 today.\n")
    (tmp_path / "b\x1b[2J.md").write_bytes(b"\xff\xfe bad")
    result = run_cli("check", "--color", "never", str(article), str(tmp_path / "b\x1b[2J.md"))
    assert "Kiev" in result.out
    assert "\x1b" not in result.out and "\x1b" not in result.err and "\x07" not in result.out


def test_a_timed_out_pattern_is_named_briefly() -> None:
    from lint.saferegex import RegexTimeout

    assert len(str(RegexTimeout("(a|b)" * 1000))) < 70


def test_a_configuration_that_is_a_directory_is_reported(tmp_path: Path) -> None:
    (tmp_path / ".copydesk.yaml").mkdir()
    article = write(tmp_path / "a.md", "Talks in Kiev.\n")
    result = run_cli("check", str(article))
    assert result.code == 2 and ".copydesk.yaml: not a regular file" in result.err


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any folder")
def test_an_unreadable_folder_is_reported(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    write(locked / "a.md", "Talks in Kiev.\n")
    write(tmp_path / "b.md", "Talks in Kiev.\n")
    locked.chmod(0)
    try:
        result = run_cli("check", str(tmp_path))
    finally:
        locked.chmod(0o755)
    assert result.code == 2 and "locked: cannot read folder" in result.err


def test_an_unreadable_folder_is_noted_by_the_walk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lint.engine import expand_paths

    write(tmp_path / "ok" / "a.md", "x\n")
    real_walk = os.walk

    def walk(top: object, onerror: object = None, **kwargs: object) -> object:
        onerror(PermissionError(13, "Permission denied", str(tmp_path / "locked")))  # type: ignore[operator]
        return real_walk(top, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "walk", walk)
    unreadable: list[Path] = []
    files = list(expand_paths([tmp_path], unreadable))
    assert files == [tmp_path / "ok" / "a.md"]
    assert unreadable == [tmp_path / "locked"]


@pytest.mark.parametrize("depth", [12, 60, 200])
def test_deeply_nested_markdown_is_checked_whole(depth: int) -> None:
    from tests.helpers import lint_text, shipped_rules

    text = "".join("  " * i + "- item in Kiev\n" for i in range(depth))
    found = [f for f in lint_text(text, shipped_rules("house")) if f.match == "Kiev"]
    assert len(found) == depth
    quoted = ">" * depth + " Talks in Kiev.\n"
    assert [f.match for f in lint_text(quoted, shipped_rules("house"))] == ["Kiev"]


def test_utf16_is_named_not_called_binary(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_bytes("Talks in Kiev.\n".encode("utf-16"))
    result = run_cli("check", str(article))
    assert result.code == 2 and "UTF-16 text, not UTF-8" in result.err


def test_a_pyproject_value_error_names_its_line(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.copydesk]\npacks = ["house"]\nlanguage = "fr"\n',
        encoding="utf-8",
    )
    article = write(tmp_path / "a.md", "Talks in Kiev.\n")
    result = run_cli("check", str(article))
    assert result.code == 2 and "pyproject.toml:6:" in result.err


def test_decomposed_text_is_not_split_at_its_accents() -> None:
    import unicodedata

    from lint.document import parse_document
    from tests.helpers import lint_text, shipped_rules

    text = unicodedata.normalize(
        "NFD", "The Secrétaire général met a café owner. It was importnat."
    )
    assert "Secrétaire" in [unicodedata.normalize("NFC", t) for t in parse_document(text).tokens]
    found = lint_text(text, shipped_rules("spelling"))
    assert [f.match for f in found] == ["importnat"]
    assert all(text[f.start : f.end] == f.match for f in found)


def test_a_pack_name_too_long_for_a_path_is_an_unknown_pack(tmp_path: Path) -> None:
    write(tmp_path / ".copydesk.yaml", "packs: ['" + "x" * 100_000 + "']\n")
    result = run_cli("check", str(write(tmp_path / "a.md", "Talks.\n")))
    assert result.code == 2 and "Traceback" not in result.err
    assert "unknown pack 'xxxxx" in result.err and len(result.err) < 400


def test_a_toml_number_too_long_to_read_is_an_error_at_its_line(tmp_path: Path) -> None:
    write(
        tmp_path / "pyproject.toml",
        "[tool.copydesk]\npacks = ['names']\nfail_level = " + "9" * 5000 + "\n",
    )
    result = run_cli("check", str(write(tmp_path / "a.md", "Talks.\n")))
    assert result.code == 2
    assert result.err.strip() == (
        f"copydesk: {tmp_path / 'pyproject.toml'}:3: invalid TOML: a number too long to read"
    )


_YAML_PIECES = [
    "packs: ",
    "[names]",
    "[nope]",
    "&a ",
    "*a",
    "!!int ",
    "!!str ",
    "!!binary ",
    "!!set ",
    "language: ",
    "en-GB",
    "2024-13-45",
    "severity:",
    "\n  ",
    "names: ",
    "loud",
    "{",
    "}",
    "[",
    "]",
    ", ",
    "- ",
    "? ",
    ": ",
    "'",
    '"',
    "\\",
    "#",
    "\t",
    "\n",
    "vocabulary:",
    "accept: ",
    "accept_patterns: ",
    "(a|aa)+",
    "max_file_size: ",
    "20 MB",
    "overrides:",
    "paths: ",
    "9" * 30,
    "~",
    "null",
    ".inf",
    "\ufeff",
    "\x00",
    "é",
    "%YAML 1.1\n",
    "---\n",
    "...\n",
    "|\n",
    ">-\n",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_YAML_PIECES), max_size=25))
def test_any_configuration_text_loads_or_is_one_located_error(pieces: list[str]) -> None:
    from lint.config import config_from_text
    from lint.errors import ConfigError

    path = Path("/nonexistent/project/.copydesk.yaml")
    try:
        config_from_text(path, "".join(pieces))
    except ConfigError as exc:
        message = str(exc)
        assert message.startswith(str(path)) and "\n" not in message.strip()


_ARTICLE_PIECES = [
    "Jens Stotenberg",
    " said",
    '"',
    "“",
    "”",
    "'",
    " prices rose 5%",
    ".",
    "\n",
    "\n\n",
    "# ",
    "- ",
    "> ",
    "    ",
    "```",
    "<!-- copydesk-disable -->",
    "<!-- copydesk-enable -->",
    "[",
    "](",
    ")",
    "*",
    "_",
    "|",
    "---\n",
    "Kiev",
    "colour",
    "color",
    "\u0301",
    "\r\n",
    "\r",
    "\x1b[31m",
    "İ",
    "ß",
    "🙂",
    "\u200b",
    "Mr",
    " Ms",
    " Sinclair",
    " Sinclaire",
    "Secretary-Genera",
    ":",
]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from(_ARTICLE_PIECES), max_size=40), st.sampled_from(["markdown", "text"])
)
def test_any_article_text_is_checked_and_findings_lie_in_it(pieces: list[str], fmt: str) -> None:
    from lint.config import load_config
    from lint.document import parse_document
    from lint.engine import run_rules

    text = "".join(pieces)
    rules, ctx = load_config(None).rules_for(None)
    findings, _ = run_rules(parse_document(text, "a.md", fmt), rules, ctx)  # type: ignore[arg-type]
    for finding in findings:
        assert 0 <= finding.start <= finding.end <= len(text)
        assert text[finding.start : finding.end] == finding.match or finding.start == finding.end
