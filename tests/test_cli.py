"""The command line: the JSON contract, exit statuses, bad input, stdin, directories and --fix."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.helpers import run_cli, write

ARTICLE = "# Talks\n\nThe regime met in Kiev.\n"


def test_json_contract_with_exact_offsets(tmp_path: Path) -> None:
    article = write(tmp_path / "a.md", ARTICLE)
    result = run_cli("check", "--format", "json", str(article))
    assert result.code == 1
    data = json.loads(result.out)
    assert data == {
        "version": 1,
        "files": [
            {
                "path": str(article),
                "findings": [
                    {
                        "rule": "house.regime",
                        "category": "style",
                        "severity": "warning",
                        "message": (
                            "'regime' is a loaded label; name the government or its leader instead"
                        ),
                        "match": "regime",
                        "start": 13,
                        "end": 19,
                        "line": 3,
                        "column": 5,
                        "end_line": 3,
                        "end_column": 11,
                        "replacements": [],
                        "applicability": "display-only",
                    },
                    {
                        "rule": "house.ukraine-places",
                        "category": "names",
                        "severity": "error",
                        "message": "Use 'Kyiv', the house spelling, not 'Kiev'",
                        "match": "Kiev",
                        "start": 27,
                        "end": 31,
                        "line": 3,
                        "column": 19,
                        "end_line": 3,
                        "end_column": 23,
                        "replacements": ["Kyiv"],
                        "applicability": "safe",
                    },
                ],
            }
        ],
    }


def test_clean_article_exits_zero(tmp_path: Path) -> None:
    article = write(tmp_path / "clean.md", "# Talks\n\nThe ministers met in Kyiv on Monday.\n")
    result = run_cli("check", "--format", "json", str(article))
    assert result.code == 0
    assert json.loads(result.out)["files"][0]["findings"] == []


def test_fail_level_controls_the_exit_status(tmp_path: Path) -> None:
    article = write(tmp_path / "a.md", "The regime met.\n")
    assert run_cli("check", str(article)).code == 1
    assert run_cli("check", "--fail-level", "error", str(article)).code == 0
    assert run_cli("check", "--fail-level", "never", str(article)).code == 0


def test_offsets_count_characters_not_bytes(tmp_path: Path) -> None:
    text = "Naïve 🙂 reporters in Kiev.\n"
    article = write(tmp_path / "a.md", text)
    finding = json.loads(run_cli("check", "-f", "json", str(article)).out)["files"][0]["findings"][
        0
    ]
    assert text[finding["start"] : finding["end"]] == "Kiev"
    assert finding["column"] == text.index("Kiev") + 1


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes("\ufeffIn Kiev.\r\nMore in Kiev.\r\n".encode())
    findings = json.loads(run_cli("check", "-f", "json", str(path)).out)["files"][0]["findings"]
    assert [(f["line"], f["column"]) for f in findings] == [(1, 4), (2, 9)]


def test_bad_inputs_get_one_line_errors_and_the_rest_is_linted(tmp_path: Path) -> None:
    good = write(tmp_path / "good.md", "In Kiev.\n")
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Caf\xe9 in Kiev.\n".encode("latin-1"))
    binary = tmp_path / "binary.md"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    missing = tmp_path / "missing.md"
    result = run_cli("check", "-f", "json", str(latin1), str(binary), str(missing), str(good))
    assert result.code == 2
    errors = result.err.strip().splitlines()
    assert len(errors) == 3
    assert f"{latin1}: not valid UTF-8 (byte 0xe9 at offset 3)" in errors[1] + errors[0] + errors[2]
    assert any(f"{binary}: binary file" in line for line in errors)
    assert any(str(missing) in line and "no such file" in line for line in errors)
    assert "Traceback" not in result.err
    files = json.loads(result.out)["files"]
    assert [f["path"] for f in files] == [str(good)]
    assert files[0]["findings"][0]["match"] == "Kiev"
    text = run_cli("check", str(missing), str(binary))
    assert text.out.strip().splitlines()[-1] == (
        "No findings in 0 files; 2 files not checked (see errors above)."
    )


def test_unreadable_file(tmp_path: Path) -> None:
    directory_named_md = tmp_path / "dir.md"
    directory_named_md.mkdir()
    write(directory_named_md / "inner.md", "Kiev.\n")
    result = run_cli("check", "-f", "json", str(directory_named_md))
    assert [f["path"] for f in json.loads(result.out)["files"]] == [
        str(directory_named_md / "inner.md")
    ]


def test_directories_are_searched_recursively_in_order(tmp_path: Path) -> None:
    write(tmp_path / "b" / "two.markdown", "Kiev.\n")
    write(tmp_path / "a" / "one.txt", "Kiev.\n")
    write(tmp_path / "a" / "skip.py", "Kiev = 1\n")
    write(tmp_path / ".hidden" / "x.md", "Kiev.\n")
    result = run_cli("check", "-f", "json", str(tmp_path))
    paths = [
        Path(f["path"]).relative_to(tmp_path).as_posix() for f in json.loads(result.out)["files"]
    ]
    assert paths == ["a/one.txt", "b/two.markdown"]


def test_stdin_with_filename(tmp_path: Path) -> None:
    result = run_cli(
        "check", "--stdin", "--stdin-filename", "story.md", "-f", "json", stdin=b"In Kiev.\n"
    )
    assert result.code == 1
    assert json.loads(result.out)["files"][0]["path"] == "story.md"
    bad = run_cli("check", "--stdin", stdin=b"\xff\xfe bad")
    assert bad.code == 2 and bad.err.startswith("copydesk: -: not valid UTF-8")


def test_usage_errors_exit_two(tmp_path: Path) -> None:
    assert run_cli("check").code == 2
    assert run_cli("check", "--format", "nope", "x.md").code == 2


def test_fix_and_diff(tmp_path: Path) -> None:
    original = "\ufeffKIEV and Kiev's port.\r\nKeep `Kiev` code and the regime.\r\n"
    path = tmp_path / "a.md"
    path.write_bytes(original.encode())
    diff = run_cli("check", "--diff", str(path))
    assert "-KIEV and Kiev's port." in diff.out and "+KYIV and Kyiv's port." in diff.out
    assert path.read_bytes() == original.encode()
    fixed = run_cli("check", "--fix", str(path))
    assert fixed.code == 1  # the regime warning has no fix and remains
    expected = original.replace("KIEV", "KYIV").replace("Kiev's", "Kyiv's")
    assert path.read_bytes() == expected.encode()
    again = run_cli("check", "--fix", "-f", "json", str(path))
    remaining = json.loads(again.out)["files"][0]["findings"]
    assert [f["rule"] for f in remaining] == ["house.regime"]
    assert path.read_bytes() == expected.encode()


def test_fix_leaves_read_only_files_alone(tmp_path: Path) -> None:
    path = write(tmp_path / "a.md", "Talks in Kiev.\n")
    path.chmod(0o444)
    try:
        result = run_cli("check", "--fix", str(path))
        assert result.code == 2
        assert f"{path}: file is read-only; not fixed" in result.err
        assert path.read_text() == "Talks in Kiev.\n"
    finally:
        path.chmod(0o644)


def test_the_console_entry_point_flushes_everything_before_it_exits(tmp_path: Path) -> None:
    # run() ends the process without the interpreter's teardown: all output must be out first
    articles = []
    for i in range(30):
        articles.append(write(tmp_path / f"a{i:02}.md", "The Prime Minster met Stotenberg. " * 40))
    expected = run_cli("check", "--format", "json", *map(str, articles))
    done = subprocess.run(
        [sys.executable, "-m", "lint", "check", "--format", "json", *map(str, articles)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stdout) == (expected.code, expected.out)
    assert len(done.stdout) > 100_000


def test_a_reader_that_goes_away_is_not_a_traceback(tmp_path: Path) -> None:
    articles = [
        write(tmp_path / f"a{i:02}.md", "The Prime Minster spoke. " * 200) for i in range(20)
    ]
    reader = subprocess.Popen(
        [sys.executable, "-m", "lint", "check", "--fail-level", "never", *map(str, articles)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert reader.stdout is not None and reader.stderr is not None
    reader.stdout.read(100)
    reader.stdout.close()  # as "| head -c 100" does
    error = reader.stderr.read().decode()
    assert reader.wait(timeout=60) in (0, 2)  # 2 where the system reports the broken pipe
    assert "Traceback" not in error
