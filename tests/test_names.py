"""Names and terms: the canonical case, fuzzy matching, consistency, fixes and the pack data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.checks.names import NamesOptions
from lint.checks.terms import TermsOptions, normalise
from lint.fix import apply_fixes, fixable
from lint.rule import Context
from tests.helpers import lint_text, run_cli, shipped_rules, write

FIXTURES = Path(__file__).parent / "fixtures"
NAMES = shipped_rules("names", "terms", "house")


def names_findings(text: str, rules: list = NAMES) -> list[tuple[str, str, tuple[str, ...]]]:
    return [
        (f.rule, f.match, f.replacements)
        for f in lint_text(text, rules, fmt="text")
        if f.category in ("names", "terms")
    ]


def test_the_canonical_case() -> None:
    text = (FIXTURES / "red-lines.txt").read_text()
    found = names_findings(text)
    assert found == [
        ("terms.titles", "Secretary-Genera", ("Secretary-General",)),
        ("names.people", "Stotenberg", ("Stoltenberg",)),
    ]
    offsets = [f for f in lint_text(text, NAMES, fmt="text") if f.match == "Stotenberg"]
    assert text[offsets[0].start : offsets[0].end] == "Stotenberg"


def test_consistency_alone_catches_the_canonical_case() -> None:
    text = (FIXTURES / "red-lines.txt").read_text()
    consistency = [r for r in NAMES if r.id == "names.consistency"]
    found = [(f.match, f.replacements, f.severity.value) for f in lint_text(text, consistency)]
    assert found == [("Stotenberg", ("Stoltenberg",), "warning")]


def test_every_occurrence_of_a_consistent_misspelling_is_reported() -> None:
    text = "Angela Merkle arrived in Paris. Merkle said little. Later Merkle left."
    found = names_findings(text)
    assert [m for _, m, _ in found] == ["Merkle", "Merkle", "Merkle"]
    assert all(r == ("Merkel",) for _, _, r in found)


@pytest.mark.parametrize(
    "text",
    [
        "Johnston met Johnson in London.",  # two real names, both in the dictionary
        "Martin Sorrell runs the advertising group.",  # another person's full name
        "The Scholl family ran the footwear firm.",  # short name, no supporting evidence
        "Crown Prosecution Service lawyers met.",  # dictionary word
        "Jens Stoltenberg and Stoltenberg's deputy spoke.",
        "Volodymyr Zelenskyy and Zelenskyy's office.",
    ],
)
def test_no_false_alarms(text: str) -> None:
    assert names_findings(text) == []


def test_ruled_out_variants_with_possessives_and_case() -> None:
    found = names_findings("Zelensky's aides met Yanukovich. ZELENSKY spoke.")
    assert found[0] == ("names.people", "Zelensky", ("Zelenskyy",))
    assert found[1] == ("names.people", "Yanukovich", ("Yanukovych",))
    assert found[2] == ("names.people", "ZELENSKY", ("ZELENSKYY",))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Secretary-Genera spoke.", [("Secretary-Genera", "Secretary-General")]),
        ("The Prime Minster spoke.", [("Prime Minster", "Prime Minister")]),
        ("The secretary-genera spoke.", [("secretary-genera", "secretary-general")]),
        ("The Secretary-General's aide and two Secretaries-General.", []),
        ("NATO Secretary General Jens Stoltenberg.", []),
        ("The Secretary-Generals met.", []),
        ("The Foreign Ministry said.", []),
    ],
)
def test_terms_are_matched_at_phrase_level(text: str, expected: list[tuple[str, str]]) -> None:
    found = [(m, r[0]) for rule, m, r in names_findings(text) if rule == "terms.titles"]
    assert found == expected


def test_fix_preserves_case_and_a_second_run_finds_nothing(tmp_path: Path) -> None:
    write(tmp_path / ".copydesk.yaml", "packs: [names, terms]\n")
    article = write(
        tmp_path / "a.txt",
        "Jens Stoltenberg spoke.\n\n"
        "STOTENBERG SAID NO. Stotenberg's aide and the Secretary-Genera.\n",
    )
    # the title is the house's own data (safe); the near misses of the name are guesses
    safe = run_cli("check", "--fix", str(article))
    assert article.read_text() == (
        "Jens Stoltenberg spoke.\n\n"
        "STOTENBERG SAID NO. Stotenberg's aide and the Secretary-General.\n"
    )
    assert safe.code == 1 and "fixed 1, 2 need a person" in safe.err
    assert run_cli("check", "--fix", "--unsafe-fixes", str(article)).code == 0
    assert article.read_text() == (
        "Jens Stoltenberg spoke.\n\n"
        "STOLTENBERG SAID NO. Stoltenberg's aide and the Secretary-General.\n"
    )
    again = json.loads(run_cli("check", "-f", "json", str(article)).out)
    assert again["files"][0]["findings"] == []


_TEXT = st.lists(
    st.sampled_from(
        [
            "Stotenberg",
            "Stoltenberg",
            "Jens",
            "said",
            "Secretary-Genera",
            "Kiev",
            "é",
            "🙂",
            "\n",
            ".",
        ]
    ),
    min_size=1,
    max_size=30,
).map(" ".join)


@settings(max_examples=100, deadline=None)
@given(_TEXT)
def test_fixes_leave_all_other_text_byte_identical(text: str) -> None:
    findings = lint_text(text, NAMES, fmt="text")
    fixed = apply_fixes(text, findings)
    cursor = out = 0
    for finding in fixable(findings):
        kept = finding.start - cursor
        assert fixed[out : out + kept] == text[cursor : finding.start]
        out += kept
        assert fixed[out : out + len(finding.replacements[0])] == finding.replacements[0]
        out += len(finding.replacements[0])
        cursor = finding.end
    assert fixed[out:] == text[cursor:]


# --- the pack data, tested like code -------------------------------------------------------------


def names_rules() -> list:
    return [r for r in shipped_rules() if r.kind == "names"]


def test_no_duplicate_canonical_names() -> None:
    seen: dict[str, str] = {}
    for rule in names_rules():
        options: NamesOptions = rule.options
        for entry in options.entries:
            assert entry.canonical not in seen, (
                f"{entry.canonical} in {rule.id} and {seen.get(entry.canonical)}"
            )
            seen[entry.canonical] = rule.id


def test_no_wrong_variant_is_claimed_twice_or_is_a_correct_form() -> None:
    correct = {form for rule in names_rules() for form in rule.options.correct_forms}
    claimed: dict[str, str] = {}
    for rule in names_rules():
        for entry in rule.options.entries:
            for variant in entry.wrong:
                assert variant not in correct, variant
                assert claimed.setdefault(variant, entry.canonical) == entry.canonical, variant


def test_every_entry_is_dated_or_sourced() -> None:
    for rule in shipped_rules():
        if rule.kind in ("names", "terms"):
            assert rule.options.as_of or all(e.note for e in rule.options.entries), rule.id


def test_terms_are_unique() -> None:
    for rule in shipped_rules():
        if rule.kind == "terms":
            options: TermsOptions = rule.options
            keys = [normalise(e.term) for e in options.entries]
            assert len(keys) == len(set(keys))


def test_names_in_the_pack_are_known_to_the_context() -> None:
    from lint.config import load_config

    _, ctx = load_config(None).rules_for(None)
    assert isinstance(ctx, Context)
    assert {"Stoltenberg", "Zelenskyy", "Kyiv"} <= ctx.known_names
