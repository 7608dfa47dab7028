"""Frequent words grouped for near-miss scans, built from the word table and kept in the cache."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from lint.cache import (
    announce_first_run,
    cache_dir,
    code_stamp,
    content_key,
    load_object,
    store_object,
)
from lint.lexicon import zipf
from lint.wordtable import (
    WordSource,
    table_key,
    word_table,
    wordfreq_tokens,
    zipf_of_frequency,
)

SUGGESTION_ZIPF = 3.0  # dictionary words at least this frequent are one- and two-edit candidates
NAME_ZIPF = 2.0  # other words (names mostly) at least this frequent are candidates for names
PLACE_ZIPF = 3.5  # places at least this heavy (countries, US states, the largest cities) too
FREQUENT_WORDS = 50_000  # how many of the commonest dictionary words the far scan looks at
_BY_LENGTH = 5  # the longest word a token of two letters is compared with (three edits)


@dataclass(frozen=True)
class WordList:
    """Words grouped for near-miss scans, by length with first or last letter (or by length
    alone), each group heaviest first with the words' priors beside it (negated, so that a
    group's words at least so heavy are a prefix found by bisection)."""

    by_length: dict[int, tuple[list[str], list[float]]]
    by_end: dict[tuple[int, str], tuple[list[str], list[float]]]  # (length, "^x" or "x$")
    weights: dict[str, float]  # each word's prior: its Zipf value, or a place's weight

    @staticmethod
    def of(weighted: list[tuple[str, float]]) -> WordList:
        """Group words given with their priors, heaviest first."""
        by_length: dict[int, tuple[list[str], list[float]]] = {}
        by_end: dict[tuple[int, str], tuple[list[str], list[float]]] = {}
        for word, weight in weighted:
            size = len(word)
            for key in ((size, "^" + word[0]), (size, word[-1] + "$")):
                group = by_end.get(key)
                if group is None:
                    group = by_end[key] = ([], [])
                group[0].append(word)
                group[1].append(-weight)
            if size <= _BY_LENGTH:  # only words of one or two letters are looked up so
                group = by_length.setdefault(size, ([], []))
                group[0].append(word)
                group[1].append(-weight)
        return WordList(by_length, by_end, dict(weighted))

    def candidates(self, word: str, edits: int, min_zipf: float = 0.0) -> list[list[str]]:
        """Lists (maybe overlapping) of the words worth comparing with ``word``: those at
        least ``min_zipf`` common.

        One edit changes one character or two neighbours, so in a word of three letters or
        more it leaves the first or the last letter in place. Misspellings further away nearly
        always keep one of them too, so only words sharing one are compared: a few hundred
        instead of thousands (the misspelling lists score the same either way).
        """
        lengths = range(max(1, len(word) - edits), len(word) + edits + 1)
        if len(word) >= 3:
            keys = [(n, end) for n in lengths for end in ("^" + word[0], word[-1] + "$")]
            groups = [self.by_end[key] for key in keys if key in self.by_end]
        else:
            groups = [self.by_length[n] for n in lengths if n in self.by_length]
        return [
            words[: bisect_right(weights, -min_zipf)]
            for words, weights in groups
            if weights and -weights[0] >= min_zipf
        ]


def near(word: str, words: WordList, edits: int, min_zipf: float = 0.0) -> list[tuple[str, int]]:
    """Words with a prior of at least ``min_zipf`` within ``edits`` edits (OSA) of ``word``,
    closest first: one C-speed scan."""
    groups = words.candidates(word, edits, min_zipf)
    if not groups:
        return []  # nothing near is common enough: the usual case for a known name
    found = {
        w: int(d)
        for group in groups
        for w, d, _ in process.extract(
            word, group, scorer=OSA.distance, score_cutoff=edits, limit=None
        )
        if w != word
    }  # a word sharing both its first and last letter is in two groups: a dict keeps one
    return sorted(found.items(), key=lambda item: (item[1], item[0]))


@cache
def common_words() -> WordList:
    """Frequent dictionary words (not known misspellings)."""
    return _cached_list(
        "common", lambda t: _by_zipf(t.dictionary_word_frequencies(SUGGESTION_ZIPF))
    )


@cache
def name_words() -> WordList:
    """Frequent words that Hunspell does not accept in lower case: names, mostly."""
    return _cached_list("names", lambda t: _by_zipf(t.other_word_frequencies(NAME_ZIPF)))


@cache
def place_words() -> WordList:
    """Place names (``lint.places``), weighted by how large the place is."""
    return _cached_list(
        "places", lambda t: [(w, weight) for w, weight in t.places() if weight >= PLACE_ZIPF]
    )


@cache
def frequent_words() -> WordList:
    """The commonest dictionary words, for suggestions of last resort."""
    return _cached_list(
        "frequent", lambda t: _by_zipf(t.dictionary_word_frequencies(0.0, FREQUENT_WORDS))
    )


def _by_zipf(frequencies: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """Words with their Zipf values: from the listed frequency for a word that is one token
    (nearly all), from ``lint.lexicon.zipf`` for one that wordfreq splits ("y'all")."""
    values: dict[float, float] = {}  # wordfreq's frequencies are rounded: few are distinct
    weighted = []
    for word, frequency in frequencies:
        if "'" in word and wordfreq_tokens(word) != [word]:
            weighted.append((word, zipf(word)))
            continue
        value = values.get(frequency)
        if value is None:
            value = values[frequency] = zipf_of_frequency(frequency)
        weighted.append((word, value))
    return weighted


def _cached_list(name: str, select: Callable[[WordSource], list[tuple[str, float]]]) -> WordList:
    """A grouped word list from the word table, kept in the cache: each process needs it."""
    directory = cache_dir()
    key = content_key("words-list", code_stamp(), table_key(), name)
    path = directory / f"list-{key}" if directory is not None else None
    stored = load_object(path) if path is not None else None
    if isinstance(stored, WordList):
        return stored
    announce_first_run()
    built = WordList.of(select(word_table()))
    if path is not None:
        store_object(path, built, "list")
    return built
