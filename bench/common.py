"""Helpers shared by the benchmark scripts: where the third-party data lives, and loading it."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
BBC = SHARED / "corpus" / "bbc"
POLNEAR = SHARED / "eval" / "polnear"
MISSPELLINGS = SHARED / "eval" / "misspellings"


def require(path: Path) -> Path:
    """Exit with a clear message when the shared data is not beside the repository."""
    if not path.exists():
        sys.exit(f"bench: {path} not found (the benchmarks read ../shared beside the repository)")
    return path


def bbc_articles() -> Iterator[tuple[Path, str]]:
    """Every BBC article as (path, text); the one Latin-1 file is decoded as such."""
    for path in sorted(require(BBC).glob("*/*.txt")):
        data = path.read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
        yield path, text


def word_count(text: str) -> int:
    """Whitespace-separated words, as the corpus README counts them."""
    return len(text.split())


def sentence_of(text: str, start: int, end: int) -> str:
    """The line around a span, shortened, with the span bracketed."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    left = text[max(line_start, start - 60) : start]
    right = text[end : min(line_end, end + 60)]
    return re.sub(r"\s+", " ", f"{left}[{text[start:end]}]{right}")
