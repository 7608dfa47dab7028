"""Fix applicability: --fix applies only fixes made from the house's own data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lint.findings import Applicability
from lint.fix import applies
from lint.lsp import _replacement_actions
from lint.rule import Context
from tests.helpers import lint_text, run_cli, shipped_rules, write

ALL = shipped_rules()


def applicability(text: str, ctx: Context | None = None) -> dict[str, str]:
    """match -> applicability of every finding with a replacement."""
    return {f.match: f.applicability.value for f in lint_text(text, ALL, ctx=ctx) if f.replacements}


def test_house_data_is_safe_and_guesses_are_not() -> None:
    found = applicability(
        "Talks in Kiev. The minister did not recieve the Secretary-Genera. "
        "Stoltenberg spoke. Later Stotenberg left. The regime met."
    )
    assert found == {
        "Kiev": "safe",  # a substitution swap
        "recieve": "unsafe",  # a spelling suggestion
        "Secretary-Genera": "safe",  # a listed title
        "Stotenberg": "unsafe",  # a near miss of a name
    }
    assert applicability("President Zelensky spoke.")["Zelensky"] == "safe"  # ruled out


def test_consistency_and_the_articles_own_variety_are_guesses() -> None:
    assert applicability("Ms Gorbunova spoke. Later Ms Gorbonova left.") == {"Gorbonova": "unsafe"}
    assert applicability("We organise. They organize. You organise.") == {"organize": "unsafe"}
    house = Context(language="en-GB")
    assert applicability("We organise. They organize.", house) == {"organize": "safe"}


def test_a_finding_with_several_replacements_is_display_only() -> None:
    findings = [f for f in lint_text("The teh cat.", ALL) if f.match == "teh"]
    assert findings and all(
        f.applicability is Applicability.DISPLAY or len(f.replacements) == 1 for f in findings
    )
    assert not any(applies(f, unsafe=True) for f in findings if len(f.replacements) > 1)


def test_fix_leaves_guesses_and_says_so(tmp_path: Path) -> None:
    article = write(tmp_path / "a.md", "Talks in Kiev. They did not recieve it.\n")
    result = run_cli("check", "--fix", str(article))
    assert article.read_text() == "Talks in Kyiv. They did not recieve it.\n"
    assert "fixed 1, 1 need a person" in result.err
    run_cli("check", "--fix", "--unsafe-fixes", str(article))
    assert article.read_text() == "Talks in Kyiv. They did not receive it.\n"


@pytest.mark.parametrize("word", ["mpox", "norovirus", "semaglutide"])
def test_fix_never_rewrites_a_correct_modern_word(tmp_path: Path, word: str) -> None:
    article = write(tmp_path / "a.md", f"Cases of {word} rose.\n")
    run_cli("check", "--fix", "--unsafe-fixes", str(article))
    assert article.read_text() == f"Cases of {word} rose.\n"


def test_json_sarif_and_lsp_carry_the_applicability(tmp_path: Path) -> None:
    article = write(tmp_path / "a.md", "Talks in Kiev. They did not recieve it.\n")
    data = json.loads(run_cli("check", "-f", "json", str(article)).out)
    assert {f["match"]: f["applicability"] for f in data["files"][0]["findings"]} == {
        "Kiev": "safe",
        "recieve": "unsafe",
    }
    sarif = json.loads(run_cli("check", "-f", "sarif", str(article)).out)
    results = sarif["runs"][0]["results"]
    assert [r["properties"]["applicability"] for r in results] == ["safe", "unsafe"]
    lsp_out = json.loads(run_cli("check", "-f", "lsp", str(article)).out)
    diagnostics = next(iter(lsp_out.values())) if isinstance(lsp_out, dict) else lsp_out
    assert "applicability" in json.dumps(diagnostics)


def test_only_a_safe_fix_is_the_preferred_code_action() -> None:
    from lsprotocol import types as lsp

    def diagnostic(applicability: str) -> lsp.Diagnostic:
        return lsp.Diagnostic(
            range=lsp.Range(lsp.Position(0, 0), lsp.Position(0, 4)),
            message="m",
            data={"replacements": ["Kyiv"], "applicability": applicability},
        )

    safe = _replacement_actions("file:///a.md", diagnostic("safe"))
    unsafe = _replacement_actions("file:///a.md", diagnostic("unsafe"))
    assert [a.is_preferred for a in safe] == [True]
    assert [a.is_preferred for a in unsafe] == [False]
