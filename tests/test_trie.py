"""The trie-shaped phrase regex matches exactly what a longest-first alternation matches."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from lint.trie import PhraseSet, trie_alternation

_WORDS = st.text(alphabet="abc. ", min_size=1, max_size=6).filter(lambda w: w.strip() != "")


def _plain_alternation(phrases: list[str]) -> str:
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


@given(st.lists(_WORDS, min_size=1, max_size=12), st.text(alphabet="abcAB. \n", max_size=40))
def test_same_matches_as_longest_first_alternation(phrases: list[str], text: str) -> None:
    phrases = [" ".join(p.split()) for p in phrases]
    trie = re.compile(rf"\b(?:{trie_alternation(phrases)})\b", re.IGNORECASE)
    plain = re.compile(rf"\b(?:{_plain_alternation(phrases)})\b", re.IGNORECASE)
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_shares_prefixes_and_spans_any_whitespace() -> None:
    pattern = trie_alternation(["accused", "accuses", "according to"])
    assert pattern.count("acc") == 1
    assert re.fullmatch(pattern, "According \n to", re.IGNORECASE)


def test_empty_list_matches_nothing() -> None:
    assert re.search(trie_alternation([]), "anything") is None


def test_phrase_set_spans_refer_to_the_original_text() -> None:
    phrases = PhraseSet(["according to", "said"])
    text = "Prices rose, ACCORDING  TO the office. She Said so."
    assert [text[a:b] for a, b in phrases.finditer(text)] == ["ACCORDING  TO", "Said"]
    assert phrases.search("unsaid words") is None  # whole words only
    assert phrases.fullmatch("SAID") and not phrases.fullmatch("said it")


def test_phrase_set_with_text_whose_lowercase_is_longer() -> None:
    text = "İstanbul officials said"  # "İ" lowercases to two characters
    span = PhraseSet(["said"]).search(text)
    assert span is not None and text[span[0] : span[1]] == "said"
