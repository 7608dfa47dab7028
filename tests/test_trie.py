"""The trie-shaped phrase regex matches exactly what a longest-first alternation matches."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from lint.trie import trie_alternation

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
