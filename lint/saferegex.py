"""User-supplied regular expressions, compiled once and matched under a time limit."""

from __future__ import annotations

from collections.abc import Iterator

import regex

MATCH_TIMEOUT = 0.25  # seconds per search over one document


class RegexTimeout(Exception):
    """A user pattern took too long on a document and was abandoned."""

    def __str__(self) -> str:
        pattern = str(self.args[0]) if self.args else ""
        return repr(pattern if len(pattern) <= 60 else pattern[:57] + "...")


def compile_user(pattern: str, ignorecase: bool = False) -> regex.Pattern[str]:
    """Compile a user pattern (``regex`` syntax, VERSION0); raises ``regex.error`` if invalid."""
    flags = regex.VERSION0 | (regex.IGNORECASE if ignorecase else 0)
    try:
        return regex.compile(pattern, flags)
    except ValueError as exc:  # "(?V1)" clashes with VERSION0 as a ValueError, not regex.error
        raise regex.error(str(exc)) from None


def finditer_bounded(pattern: regex.Pattern[str], text: str) -> Iterator[regex.Match[str]]:
    """Iterate matches, raising ``RegexTimeout`` when the search exceeds its time budget."""
    try:
        yield from pattern.finditer(text, timeout=MATCH_TIMEOUT)
    except TimeoutError:
        raise RegexTimeout(pattern.pattern) from None


def fullmatch_bounded(pattern: regex.Pattern[str], text: str) -> bool:
    """Whether the whole text matches, raising ``RegexTimeout`` past the time budget."""
    try:
        return pattern.fullmatch(text, timeout=MATCH_TIMEOUT) is not None
    except TimeoutError:
        raise RegexTimeout(pattern.pattern) from None


def search_bounded(pattern: regex.Pattern[str], text: str, pos: int = 0) -> regex.Match[str] | None:
    """The first match from ``pos``, raising ``RegexTimeout`` past the time budget."""
    try:
        return pattern.search(text, pos, timeout=MATCH_TIMEOUT)
    except TimeoutError:
        raise RegexTimeout(pattern.pattern) from None
