"""Strict rule-pack loading: every mistake is reported at file:line:col."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from lint.document import parse_document
from lint.engine import run_rules
from lint.errors import ConfigError
from lint.packs import load_pack_text
from lint.rule import Context
from tests.helpers import run_cli, write

GOOD = """\
- id: my.regime
  kind: existence
  severity: warning
  category: style
  message: "avoid '{match}'"
  description: A loaded word.
  tokens: [regime]
  examples:
    bad: ["The regime fell."]
    good: ["The government fell."]
"""


def error_of(text: str) -> str:
    with pytest.raises(ConfigError) as info:
        load_pack_text(text, "pack.yaml")
    return str(info.value)


def test_a_valid_pack_loads() -> None:
    (rule,) = load_pack_text(GOOD, "pack.yaml")
    assert rule.id == "my.regime" and rule.examples.bad == ("The regime fell.",)


def test_unknown_key_is_named_with_its_position() -> None:
    text = GOOD.replace("  tokens: [regime]\n", "  tokens: [regime]\n  tokenz: [x]\n")
    assert error_of(text).startswith("pack.yaml:8:3: unknown key 'tokenz'")


def test_field_of_another_kind_is_rejected() -> None:
    text = GOOD.replace("  tokens: [regime]\n", "  tokens: [regime]\n  swap: {a: b}\n")
    assert "unknown key 'swap' in existence rule" in error_of(text)


def test_missing_field() -> None:
    text = GOOD.replace("  description: A loaded word.\n", "")
    assert error_of(text) == "pack.yaml:1:3: rule is missing required key 'description'"


def test_wrong_type_and_bad_choice() -> None:
    assert error_of(GOOD.replace("severity: warning", "severity: fatal")).startswith(
        "pack.yaml:3:13: 'severity' must be one of info, warning, error"
    )
    assert error_of(GOOD.replace("tokens: [regime]", "tokens: {a: 1}")).startswith(
        "pack.yaml:7:11: 'tokens' must be a list"
    )


def test_regex_that_does_not_compile() -> None:
    for bad in ("(unclosed", "(?V1)versions clash"):
        text = GOOD.replace("tokens: [regime]", f"patterns: ['{bad}']")
        assert error_of(text).startswith(
            "pack.yaml:7:14: 'patterns' has a regex that does not compile"
        )


def test_unknown_message_placeholder() -> None:
    assert "unknown placeholder '{nope}'" in error_of(GOOD.replace("{match}", "{nope}"))


def test_invalid_yaml_and_unsafe_tags() -> None:
    assert error_of("- id: [unclosed\n").startswith("pack.yaml:2:1: invalid YAML")
    unsafe = "- !!python/object/apply:os.system ['echo hacked']\n"
    assert "YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed" in error_of(
        unsafe
    )
    assert "is not allowed" in error_of("- id: !!python/name:os.system x\n")


def test_duplicate_ids_and_keys() -> None:
    assert "duplicate rule id 'my.regime'" in error_of(GOOD + GOOD)
    assert "duplicate key 'kind'" in error_of(
        GOOD.replace("  severity:", "  kind: existence\n  severity:")
    )


def test_catastrophic_user_regex_cannot_hang_the_run() -> None:
    text = GOOD.replace("tokens: [regime]", "patterns: ['(x+x+)+y']")
    rules = load_pack_text(text, "pack.yaml")
    started = time.monotonic()
    findings, warnings = run_rules(parse_document("x" * 5000 + " regime"), rules, Context())
    assert time.monotonic() - started < 2.0
    assert findings == [] and "took too long" in warnings[0]


def test_catastrophic_regex_is_a_warning_in_the_cli(tmp_path: Path) -> None:
    pack = write(tmp_path / "slow.yaml", GOOD.replace("tokens: [regime]", "patterns: ['(x+x+)+y']"))
    write(tmp_path / ".copydesk.yaml", f"packs: [{pack}]\n")
    article = write(tmp_path / "a.md", "x" * 5000 + "\n\nThe regime.\n")
    started = time.monotonic()
    result = run_cli("check", str(article))
    assert time.monotonic() - started < 3.0
    assert "took too long; skipped" in result.err
    assert result.code == 0


def test_rules_check_runs_a_users_examples(tmp_path: Path) -> None:
    pack = write(tmp_path / "mine.yaml", GOOD)
    ok = run_cli("rules", "--check", str(pack))
    assert ok.code == 0 and "1 rules, 2 examples, 0 failed" in ok.out
    write(pack, GOOD.replace("The government fell.", "The regime fell again."))
    bad = run_cli("rules", "--check", str(pack))
    assert bad.code == 1 and "should not fire on: 'The regime fell again.'" in bad.out


def test_rules_list_and_explain() -> None:
    listing = run_cli("rules")
    assert listing.code == 0 and "house.ukraine-places" in listing.out
    explained = run_cli("rules", "explain", "house.ukraine-places")
    assert "Fires on:" in explained.out and "Talks were held in Kiev" in explained.out
    assert run_cli("rules", "explain", "no.such").code == 2
