"""Quotations as the index compares them: normalised words, and shingles to find them by."""

from __future__ import annotations

import hashlib
import re

MIN_QUOTE_WORDS = 8  # shorter quotations are phrases too common to compare
MAX_QUOTE_WORDS = 200  # longer ones are extracts (a speech, a letter): not indexed or compared
SHINGLE = 3  # words per shingle: a quotation is found by any three words in a row

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def comparable(words: list[str]) -> bool:
    """Whether a quotation of these words is one the archive indexes and compares."""
    return MIN_QUOTE_WORDS <= len(words) <= MAX_QUOTE_WORDS


def quote_words(text: str) -> list[str]:
    """A quotation's words, normalised: lower case, curly apostrophes straightened."""
    return [w.replace("’", "'") for w in _WORD.findall(text.lower())]


def shingles(words: list[str]) -> set[int]:
    """Hashes of every ``SHINGLE`` words in a row (signed 64-bit, as SQLite stores them)."""
    found = set()
    for i in range(max(1, len(words) - SHINGLE + 1)):
        chunk = " ".join(words[i : i + SHINGLE]).encode("utf-8", "surrogatepass")
        digest = hashlib.blake2b(chunk, digest_size=8).digest()
        found.add(int.from_bytes(digest, "little", signed=True))
    return found
