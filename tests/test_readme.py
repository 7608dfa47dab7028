"""The README works as written: its commands agree with CI, its example output is what
copydesk prints, its command lines parse, its pre-commit snippet names the shipped hook, and
its Python runs."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from lint.cli import build_parser
from tests.helpers import run_cli

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _blocks(language: str) -> list[str]:
    """The fenced code blocks of the README written in ``language`` ("" for none)."""
    fences = re.finditer(r"^```(\w*)\n(.*?)^```$", README, re.DOTALL | re.MULTILINE)
    return [match.group(2) for match in fences if match.group(1) == language]


def test_the_test_command_is_the_one_ci_runs() -> None:
    commands = [block.strip() for block in _blocks("sh") if "pytest" in block]
    assert len(commands) == 1
    assert commands[0] in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()


def test_the_quick_start_makes_a_virtual_environment_and_checks_the_example() -> None:
    [quick] = [block.strip() for block in _blocks("sh") if "examples/article.md" in block]
    assert quick.startswith("python3 -m venv .venv && . .venv/bin/activate")
    assert quick.endswith("copydesk check examples/article.md")


def test_the_example_output_is_what_copydesk_prints(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    shown = next(block for block in _blocks("") if block.startswith("examples/article.md:"))
    result = run_cli("check", "--color", "never", "examples/article.md")
    assert result.out == shown
    assert result.code == 1  # as the README says


def test_every_command_line_in_the_usage_parses() -> None:
    usage = next(block for block in _blocks("sh") if "copydesk rules" in block)
    for line in usage.splitlines():
        words = shlex.split(line.split(" #", 1)[0].split("<")[0].split("|")[-1])
        if not words or words[0] != "copydesk":
            continue
        args = words[1:]
        build_parser(args[0]).parse_args(args)  # exits (fails the test) on an unknown option


def test_the_pre_commit_snippet_names_the_shipped_hook() -> None:
    [snippet] = [block for block in _blocks("yaml") if "repos:" in block]
    repo = yaml.safe_load(snippet)["repos"][0]
    hooks = {hook["id"] for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert {hook["id"] for hook in repo["hooks"]} <= hooks
    assert repo["rev"] == f"v{__import__('lint').__version__}"
    assert re.compile(repo["hooks"][0]["files"]).search("articles/story.md")


@pytest.mark.slow
def test_the_python_in_the_readme_runs(tmp_path: Path) -> None:
    pytest.importorskip("dask.bag")
    pytest.importorskip("distributed")
    (tmp_path / "archive").mkdir()
    for part in range(2):
        lines = [
            json.dumps({"id": f"{part}-{i}", "text": f"Talks in Kiev, day {i}."}) for i in range(3)
        ] + ["not json"]
        (tmp_path / "archive" / f"{part}.jsonl").write_text("\n".join(lines) + "\n")
    (tmp_path / ".copydesk.yaml").write_text("packs: [house]\n")
    for n, code in enumerate(_blocks("python")):
        script = tmp_path / f"readme_{n}.py"
        script.write_text(code, encoding="utf-8")
        done = subprocess.run(
            [sys.executable, str(script)],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
    results = [
        json.loads(line)
        for path in sorted((tmp_path / "results").glob("*.jsonl"))
        for line in path.read_text().splitlines()
    ]
    assert sorted(r["id"] for r in results if "id" in r and "error" not in r) == [
        f"{p}-{i}" for p in range(2) for i in range(3)
    ]
    errors = [r for r in results if "error" in r]
    assert [(Path(r["source"]).name, r["line"]) for r in errors] == [("0.jsonl", 4), ("1.jsonl", 4)]
