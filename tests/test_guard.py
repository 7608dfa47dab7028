"""Literal guards skip only the searches that would fail."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.guard import FOLDS_TO_ASCII, GuardedPattern, guard_for, opens_with_boundary
from lint.saferegex import compile_user

NAME = r"(?:[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*)"


@pytest.mark.parametrize(
    ("pattern", "ignorecase", "expected"),
    [
        (r"(?i)according to (?P<source>\w+)", False, {"according to "}),
        (
            rf"(?P<source>{NAME}) (?:reports|said|told [A-Z]\w*)",
            False,
            {"reports", "said", "told "},
        ),
        (rf"^(?P<source>{NAME}):", False, {":"}),
        (r"\bNo Decision\b", True, {"no decision"}),
        (r"plans? to", False, {"plan"}),
        (r"(?:ab)+c", False, {"ab"}),
        (r"(?:ab)*c", False, {"c"}),
        (r"x(?=yz)y", False, {"xy"}),  # a lookahead consumes nothing
    ],
)
def test_guard_lists_what_every_match_contains(
    pattern: str, ignorecase: bool, expected: set[str]
) -> None:
    assert guard_for(pattern, ignorecase) == expected


@pytest.mark.parametrize(
    "pattern",
    [
        r"[A-Z]\w+",  # classes only: nothing fixed
        r"a?b*",  # nothing required
        r"(?:a|b*)c?",  # one branch needs nothing
        r"(?:apple){e<=1}",  # a fuzzy match to the regex module, literal braces to re
        r"[[:alpha:]]x",  # a POSIX class to the regex module, a different set to re
        r"\p{Lu}x",  # regex-only syntax
        r"(?:one|two|three|four|five|six|seven|eight|nine)",  # too many strings to scan for
        r"(?x) a b c",  # verbose
        r"(?i:ab)",  # flags scoped to a group
    ],
)
def test_patterns_not_understood_get_no_guard(pattern: str) -> None:
    assert guard_for(pattern) is None


def test_version1_patterns_get_no_guard() -> None:
    # full case folding matches "straße" too, which lowercasing does not show
    pattern = regex.compile("strasse", regex.VERSION1 | regex.IGNORECASE)
    assert GuardedPattern.build(pattern).guard is None


def test_a_pattern_mixing_versions_is_a_regex_error() -> None:
    with pytest.raises(regex.error):
        compile_user("(?V1)abc")


PATTERNS = [
    (r"(?i)according to (?P<source>[A-Z]\w*)", False),
    (rf"(?P<source>{NAME}) (?:reports|reported|said|says|told [A-Z][\w.]*)", False),
    (rf"^(?P<source>{NAME}):", False),
    (r"\bno decision\b", True),
    (r"\b(?:said|says)\b", True),
    (r"(?:ab)+c|abd", False),
    (r"sa+id", True),
]
ALPHABET = ["a", "b", "c", "d", "i", "s", "S", "A", "I", " ", ":", ".", "\n", "ſ", "İ", "K"]
WORDS = ["according to ", "According to ", "SAID", "said", "says", "Said", "reports", "told "]
WORDS += ["No decision", "no decision", "Ab", "ab"]


@settings(max_examples=300, deadline=None)
@given(
    index=st.integers(0, len(PATTERNS) - 1),
    pieces=st.lists(st.sampled_from(ALPHABET + WORDS), max_size=30),
    cut=st.tuples(st.integers(0, 200), st.integers(0, 200)),
)
def test_guarded_search_finds_what_the_pattern_finds(
    index: int, pieces: list[str], cut: tuple[int, int]
) -> None:
    pattern_text, ignorecase = PATTERNS[index]
    pattern = compile_user(pattern_text, ignorecase)
    guarded = GuardedPattern.build(pattern)
    assert guarded.guard is not None
    text = "".join(pieces)
    start, end = sorted(min(c, len(text)) for c in cut)
    found = guarded.scan(text).search(start, end)
    expected = pattern.search(text[start:end])
    assert (found and found.span()) == (expected and expected.span())


def test_a_sentence_without_the_guard_is_not_searched() -> None:
    guarded = GuardedPattern.build(compile_user(r"(?i)according to (?P<source>\w+)"))
    text = "According to Reuters, it rained. Nobody said so."
    scan = guarded.scan(text)
    assert scan.may_match(0, 32)
    assert not scan.may_match(33, len(text))
    assert not scan.may_match(1, 32)  # the guard's string must lie wholly inside


def test_texts_with_special_case_folds_are_always_searched() -> None:
    guarded = GuardedPattern.build(compile_user(r"said", ignorecase=True))
    for odd in FOLDS_TO_ASCII:
        assert guarded.scan(f"x {odd} y").may_match(0, 5)
    assert guarded.scan("ſaid").search(0, 4) is not None


@pytest.mark.parametrize(
    ("pattern", "shared"),
    [
        (r"\bfoo\b", True),
        (r"\b(?:a|b)\b", True),
        (r"\bfoo|bar", False),  # the boundary belongs to the first branch only
        (r"foo\b", False),
        (r"(?i)\bfoo", False),
    ],
)
def test_a_leading_word_boundary_is_found_only_where_it_governs_the_whole(
    pattern: str, shared: bool
) -> None:
    assert opens_with_boundary(pattern) is shared


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"^(?P<s>[A-Z]\w+):?\s*(?=[\"“])", {'"', "“"}),  # required by a lookahead
        (r"(?<=[ab])c?", {"a", "b"}),  # by a lookbehind
        (r"[xyz]+q?", {"x", "y", "z"}),  # a class of a few characters
    ],
)
def test_lookarounds_and_small_classes_give_guards(pattern: str, expected: set[str]) -> None:
    assert guard_for(pattern) == expected
