"""Shared word knowledge: Hunspell and word frequencies, answered from the cached word table."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache, lru_cache
from typing import Any, TypeVar

from lint.wordtable import table_form, word_table, wordfreq_tokens, zipf_of_frequency


@cache
def hunspell_dictionary(language: str = "en_US") -> Any:
    """The bundled Hunspell dictionary (loaded lazily, once)."""
    import hunspell

    return hunspell.Hunspell(language)


_Entry = tuple[float, bool, bool]
V = TypeVar("V")
_MEMO_LIMIT = 500_000
_entries: dict[str, _Entry | None] = {}  # the table's answers so far, misses included
_typos: dict[str, tuple[str, ...] | None] = {}


def _remembered(memo: dict[str, V], word: str, look_up: Callable[[str], V]) -> V:
    """The memo's answer for a word, looked up (and remembered) the first time."""
    try:
        return memo[word]
    except KeyError:
        if len(memo) > _MEMO_LIMIT:
            memo.clear()
        value = memo[word] = look_up(word)
        return value


def _table_entry(word: str) -> _Entry | None:
    return _remembered(_entries, word, lambda w: word_table().entry(w))


def prefetch(words: Iterable[str]) -> None:
    """Look many lowercase words up at once, so that the questions that follow are answered
    from memory (one query for a document instead of one per word)."""
    if len(_entries) > _MEMO_LIMIT:
        _entries.clear()
        _typos.clear()
    new = [w for w in dict.fromkeys(words) if w not in _entries and table_form(w)]
    if not new:
        return
    table = word_table()
    found = table.entries(new)
    typos = table.typos_among(new)
    for word in new:
        _entries[word] = found.get(word)
        _typos[word] = typos.get(word)


@lru_cache(maxsize=200_000)
def is_dictionary_word(word: str) -> bool:
    """Whether Hunspell accepts the word as written (proper names in the dictionary included).

    Answered from the word table where it can be: wordfreq's words with Hunspell's verdicts,
    then the dictionary's expanded forms for lower-case, capitalised and mixed-case words, so
    that Hunspell itself is loaded only for words in capitals or with digits.
    """
    if "-" in word and all(is_dictionary_word(part) for part in word.split("-")):
        return True  # Hunspell accepts a hyphenated compound of accepted words
    lower = word.lower()
    if table_form(word):
        entry = _table_entry(lower)
        if word == lower and entry is not None:
            return entry[1]
        if word == lower.capitalize() and entry is not None:
            return entry[2]
    verdict = _form_verdict(word, lower)
    return _hunspell_verdict(word) if verdict is None else verdict


def _form_verdict(word: str, lower: str) -> bool | None:
    """Hunspell's verdict from the dictionary's forms, or None where its case rules or
    compounding go beyond what the forms show (capitals, digits, abbreviations)."""
    if word != lower and (not word[:1].isupper() or word.isupper()):
        return None
    if not word.replace("'", "").replace("-", "").isalpha():
        return None
    table = word_table()
    found = table.is_form(word)
    if found is None:
        return None
    if not found and word != lower and word == lower.capitalize():
        found = bool(table.is_form(lower))  # "Patchier" for "patchier"
    if not found and "-" in word:
        found = _accepted_around_hyphen(word)
    return found


def _accepted_around_hyphen(word: str) -> bool:
    """Hunspell's word breaking: accepted on both sides of its first or its last hyphen."""
    for at in {word.find("-"), word.rfind("-")}:
        inside = 0 < at < len(word) - 1
        if inside and is_dictionary_word(word[at + 1 :]) and is_dictionary_word(word[:at]):
            return True
    return False


def _hunspell_verdict(word: str) -> bool:
    try:
        return bool(hunspell_dictionary().spell(word))
    except UnicodeError:  # the bundled dictionary is Latin-1: other scripts are not in it
        return False


@lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    """Word frequency on the Zipf scale (0 = unseen, 3 = once per million words, 7 = "the")."""
    tokens = wordfreq_tokens(word)
    if tokens is None:
        import wordfreq  # a word of other characters: rare enough to load wordfreq for

        return float(wordfreq.zipf_frequency(word, "en"))
    # wordfreq combines the frequencies of a word's tokens so that 1/f = 1/f1 + 1/f2 + ...;
    # a missing token makes the word unseen
    inverse = 0.0
    for token in tokens:
        entry = _table_entry(token)
        if entry is None:
            return 0.0
        inverse += 1.0 / entry[0]
    return zipf_of_frequency(1.0 / inverse) if inverse else 0.0


def is_common_word(word: str, threshold: float = 3.0) -> bool:
    """Whether a word is frequent enough in English text to be taken as real, name or not."""
    return zipf(word.lower()) >= threshold


@lru_cache(maxsize=100_000)
def place_weight(word: str) -> float:
    """How large a place a lowercase word names (``lint.places``; 0 for none)."""
    return word_table().place_weight(word)


def typo_fixes(word: str) -> tuple[str, ...] | None:
    """Corrections of a common misspelling (codespell's list), or None for other words."""
    return _remembered(_typos, word, lambda w: word_table().typo_fixes(w))
