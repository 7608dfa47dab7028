"""The news words list is data tested like code (as codespell tests its dictionary)."""

from __future__ import annotations

import re

import pytest

from lint.lexicon import is_dictionary_word, typo_fixes
from lint.packfiles import shipped_pack_dir
from lint.typos import news_words
from lint.variety import american_forms

PATH = shipped_pack_dir() / "news-words.txt"
ENTRIES = [
    line for line in PATH.read_text(encoding="utf-8").splitlines() if not line.startswith("#")
]


def test_the_list_is_sorted_lowercase_and_without_duplicates() -> None:
    assert sorted(ENTRIES) == ENTRIES
    assert len(ENTRIES) == len(set(ENTRIES))
    assert all(re.fullmatch(r"[a-z]+(?:-[a-z]+)*", entry) for entry in ENTRIES)


@pytest.mark.parametrize("word", ENTRIES)
def test_each_entry_is_needed_and_no_known_misspelling(word: str) -> None:
    assert typo_fixes(word) is None, f"{word} is a known misspelling"
    assert not is_dictionary_word(word), f"{word}: the dictionary has learned it; remove it"
    # a British form is accepted through its American one: listing both is redundant
    assert not american_forms(word) & news_words(), f"{word}: list one spelling variety"


def test_the_loader_reads_every_entry() -> None:
    assert news_words() == frozenset(ENTRIES)
    assert {"mpox", "norovirus", "semaglutide", "decarbonization"} <= news_words()
