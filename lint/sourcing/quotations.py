"""Quotations: where quotation marks open and close, the quotation a sentence holds, and
which quoted phrases are titles or words in passing rather than someone's speech.
"""

from __future__ import annotations

import re

from lint.document import Document

# "''" is a double quote mark in some archives and typesetting ("''We will win,'' she said")
_QUOTE_MARK = re.compile(r"[“”\"]|''")
_QUOTE_CHAR = re.compile(r"[“”\"]")  # the same, faster, for a text without "''"
QUOTE_END = re.compile(r"[,.?!](?:[\"”]|'')")
_QUOTE_DOUBLED = re.compile(r"(?:[\"“]|'')((?:(?!'')[^\"“”]){3,}?)(?:[\"”]|''|$)", re.DOTALL)
_QUOTE_PLAIN = re.compile(r"[\"“]([^\"“”]{3,}?)(?:[\"”]|$)", re.DOTALL)


def quotation_spans(body: str) -> list[tuple[int, int]]:
    """The quoted spans of a sentence."""
    return quote_regions(body, 0, len(body)) if has_quote_mark(body, 0, len(body)) else []


def quote_regions(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of quoted speech in a block; an unclosed quotation runs to the block's end.

    A quote mark that opens while a quotation is open continues it: newsrooms reopen the
    quotation at each new quoted sentence or paragraph without closing the last one
    ('"We lost. "We will be back."'). A straight quote opens after a space and before a word,
    and closes after a word; one that could do either toggles. A closing curly mark that
    opens a line before a word opens a quotation, as it was meant to.
    """
    regions = []
    opened: int | None = None
    marks = _QUOTE_MARK if text.find("''", start, end) >= 0 else _QUOTE_CHAR
    for found in marks.finditer(text, start, end):
        i, ch = found.start(), found.group()
        straight = ch in ('"', "''")
        opens = (
            ch == "“"
            or (straight and _straight_opens(text, found, start, end, opened is None))
            or (ch == "”" and opened is None and _opens_line(text, i, start, end))
        )
        if opens:
            opened = i if opened is None else opened
        elif opened is not None:
            regions.append((opened, found.end()))
            opened = None
    if opened is not None:
        regions.append((opened, end))
    return regions


def _opens_line(text: str, i: int, start: int, end: int) -> bool:
    """Whether the mark at ``i`` opens its line before a word: a closing mark typed there
    ("”Mr. Trump embodies ...") opens a quotation all the same."""
    return (i == start or text[i - 1] == "\n") and i + 1 < end and text[i + 1].isalnum()


def quote_pattern_for(text: str) -> re.Pattern[str]:
    """The quotation pattern for a text: the slower one knows "''" and is used only for it."""
    return _QUOTE_DOUBLED if "''" in text else _QUOTE_PLAIN


def has_quote_mark(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds a quote mark."""
    return _QUOTE_CHAR.search(text, start, end) is not None or text.find("''", start, end) >= 0


def _straight_opens(text: str, mark: re.Match[str], start: int, end: int, closed: bool) -> bool:
    """Whether a straight quote mark opens a quotation (see ``quote_regions``)."""
    before = text[mark.start() - 1] if mark.start() > start else " "
    after = text[mark.end()] if mark.end() < end else " "
    if (before.isspace() or before in "([{—–/") and not after.isspace():
        return True
    if not before.isspace() and (after.isspace() or after in ".,;:!?)]}—–"):
        return False
    return closed


def quote_span(body: str, offset: int) -> tuple[int, int] | None:
    """The first quotation of four words or more in a sentence (offsets into the text), not
    a title or a phrase quoted in passing; None if there is none."""
    if '"' not in body and "“" not in body and "''" not in body:
        return None
    for match in quote_pattern_for(body).finditer(body):
        words = match.group(1).split()
        if len(words) >= 4 and not _is_title(words) and not _is_phrase(body, match):
            return offset + match.start(), offset + match.end()
    return None


_COPULA = re.compile(r"\s+(?:is|was|are|were|has been|had been|remains|became)\b")


# verbs that may run straight into the speech they report ('he said "We will win."')
_SPEECH_VERBS = frozenset(
    ["said", "says", "say", "asked", "asks", "added", "adds", "told", "replied", "wrote", "shouted"]
)


def _is_phrase(body: str, quotation: re.Match[str]) -> bool:
    """A quoted phrase within a sentence rather than quoted speech ('known as "the Eton of the
    valleys"', 'to "set the record straight"'): closed, with no punctuation of its own at its
    end, it follows a word with no comma or colon, or opens the sentence as the subject of "is"
    or "was".
    """
    before = body[: quotation.start()].rstrip()
    if before and quotation.group(1)[:1].islower():
        return True  # 'The pledge - "your child achieving more" - was': a phrase, not speech
    if body[quotation.end() - 1] not in "\"”'":
        return False
    if quotation.group(1).rstrip()[-1:] in ".?!,;:…":
        # speech takes a comma or a colon before it; words quoted straight after a noun are
        # a text ('under the words "How can they fight crime?"')
        word = before.rsplit(None, 1)[-1].lower() if before else ""
        return word.isalpha() and word not in _SPEECH_VERBS
    if not before:  # '"Welcome to CeBit 2005" was the message': a slogan as the subject
        return _COPULA.match(body, quotation.end()) is not None
    return before[-1].isalnum()


def _is_title(words: list[str]) -> bool:
    """A quoted title ("Jerry's Guide to the World Wide Web") rather than quoted speech."""
    if words[-1][-1:] in ".,":  # a title may end with "?" or "!" ("How Soon is Now?")
        return False
    return sum(word[:1].isupper() for word in words) * 5 >= len(words) * 3


def quotation_around(doc: Document, offset: int) -> tuple[int, int]:
    """The quotation (reopened sentence by sentence or not) that holds a quote mark's offset;
    the mark's own offset if none is found."""
    for block in doc.blocks:
        if block.start <= offset < block.end:
            for start, end in quote_regions(doc.prose, block.start, block.end):
                if start <= offset < end:
                    return start, end
    return offset, offset
