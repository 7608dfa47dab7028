"""Fix applicability: --fix applies only fixes made from the house's own data."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import pytest

from lint.findings import Applicability
from lint.fix import ChangedOnDisk, applies, write_fixes
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


def test_several_replacements_or_an_unfixable_rule_are_display_only() -> None:
    (rule,) = [r for r in ALL if r.id == "spelling.misspelling"]
    several = rule.finding(0, 3, "teh", ("the", "ten"))
    one = rule.finding(0, 3, "teh", ("the",))
    unfixable = replace(rule, fixable=False).finding(0, 3, "teh", ("the",))
    assert [f.applicability for f in (several, one, unfixable)] == [
        Applicability.DISPLAY,
        Applicability.UNSAFE,
        Applicability.DISPLAY,
    ]
    assert [applies(f, unsafe=True) for f in (several, one, unfixable)] == [False, True, False]
    assert not applies(one)  # an unsafe fix waits for --unsafe-fixes


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


def test_an_edit_made_while_checking_is_never_lost(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import lint.cli_check

    article = write(tmp_path / "a.md", "Talks in Kiev.\n")
    real = lint.cli_check.lint_paths

    def lint_then_edit(*args: object, **kwargs: object) -> object:
        results = real(*args, **kwargs)  # type: ignore[arg-type]
        article.write_text("Talks in Kiev. A late line from the editor.\n", encoding="utf-8")
        return results

    monkeypatch.setattr(lint.cli_check, "lint_paths", lint_then_edit)
    result = run_cli("check", "--fix", str(article))
    assert result.code == 2
    assert "changed on disk" in result.err
    assert article.read_text() == "Talks in Kiev. A late line from the editor.\n"


def test_write_fixes_refuses_a_file_that_changed(tmp_path: Path) -> None:
    article = write(tmp_path / "a.md", "new text\n")
    with pytest.raises(ChangedOnDisk):
        write_fixes(article, "old text\n", "fixed text\n")
    assert article.read_text() == "new text\n"


def test_fix_follows_a_symlink_and_keeps_it(tmp_path: Path) -> None:
    target = write(tmp_path / "real" / "a.md", "Talks in Kiev.\n")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    run_cli("check", "--fix", str(link))
    assert link.is_symlink()
    assert target.read_text() == "Talks in Kyiv.\n"


def test_fix_keeps_hard_links(tmp_path: Path) -> None:
    article = write(tmp_path / "a.md", "Talks in Kiev.\n")
    other = tmp_path / "b.txt"
    os.link(article, other)
    run_cli("check", "--fix", str(article))
    assert other.read_text() == "Talks in Kyiv.\n"
    assert os.stat(article).st_ino == os.stat(other).st_ino


@pytest.mark.skipif(os.geteuid() != 0, reason="changing a file's owner needs root")
def test_fix_keeps_owner_group_and_mode(tmp_path: Path) -> None:
    article = write(tmp_path / "a.md", "Talks in Kiev.\n")
    os.chown(article, 1234, 2345)
    os.chmod(article, 0o640)
    run_cli("check", "--fix", str(article))
    status = os.stat(article)
    assert (status.st_uid, status.st_gid, status.st_mode & 0o7777) == (1234, 2345, 0o640)
    assert article.read_text() == "Talks in Kyiv.\n"


class _Match:
    def __init__(self, offset: int, length: int) -> None:
        self.offset, self.error_length = offset, length
        self.category, self.rule_id, self.message = "GRAMMAR", "X", "m"
        self.replacements = ["x"]


@pytest.mark.parametrize(("offset", "length"), [(-1, 2), (3, 100), (100, 1), (0, -1)])
def test_a_languagetool_match_outside_the_text_is_rejected(offset: int, length: int) -> None:
    from lint.document import parse_document
    from lint.languagetool import _finding, _OutsideText

    doc = parse_document("Short text.\n", "a.md")
    with pytest.raises(_OutsideText):
        _finding(doc, _Match(offset, length))
    assert _finding(doc, _Match(0, 5)) is not None


def test_a_catastrophic_accept_pattern_is_cut_off(tmp_path: Path) -> None:
    write(
        tmp_path / ".copydesk.yaml",
        "packs: [spelling]\nvocabulary:\n  accept_patterns: ['(a|aa)+']\n",
    )
    article = write(tmp_path / "a.md", "The " + "a" * 60 + "b word.\n")
    result = run_cli("check", str(article))
    assert result.code in (0, 1, 2)
    assert "took too long" in result.err
