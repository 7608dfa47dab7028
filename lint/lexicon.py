"""Shared word knowledge: the Hunspell dictionary and word frequencies, loaded once per process."""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any


@cache
def hunspell_dictionary(language: str = "en_US") -> Any:
    """The bundled Hunspell dictionary (loaded lazily, once)."""
    import hunspell

    return hunspell.Hunspell(language)


@lru_cache(maxsize=200_000)
def is_dictionary_word(word: str) -> bool:
    """Whether Hunspell accepts the word as written (proper names in the dictionary included)."""
    try:
        return bool(hunspell_dictionary().spell(word))
    except UnicodeError:  # the bundled dictionary is Latin-1: other scripts are not in it
        return False


@lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    """Word frequency on the Zipf scale (0 = unseen, 3 = once per million words, 7 = "the")."""
    import wordfreq

    return float(wordfreq.zipf_frequency(word, "en"))


def is_common_word(word: str, threshold: float = 3.0) -> bool:
    """Whether a word is frequent enough in English text to be taken as real, name or not."""
    return zipf(word.lower()) >= threshold
