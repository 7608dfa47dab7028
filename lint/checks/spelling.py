"""The ``spelling`` kind (the typo engine over every word) and ``spelling-variants``."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field

from lint.checks.names import TITLES
from lint.document import Document
from lint.findings import Applicability, Finding
from lint.lexicon import is_dictionary_word, prefetch
from lint.memory.lookup import is_known_to_archive
from lint.phrases import match_case
from lint.rule import Context, Rule
from lint.saferegex import fullmatch_bounded
from lint.typos import Position, capitalised_verdict, is_listed_word, lowercase_verdict
from lint.variety import (
    AUTO,
    american_to_british,
    british_to_american,
    document_variety,
    variant_words,
)
from lint.words import is_sentence_start, strip_possessive
from lint.yamlsource import Node, as_choice, as_number, as_str_list

_LETTERS = "(?:[^\\W\\d_]|[\u0300-\u036f])+"  # combining marks included: decomposed text
_PART = re.compile(f"{_LETTERS}(?:'{_LETTERS})*")


@dataclass(frozen=True)
class SpellingOptions:
    """Compiled ``spelling`` data."""

    min_length: int = 2
    accept: frozenset[str] = frozenset()


def compile_spelling(fields: dict[str, Node], rule_node: Node) -> SpellingOptions:
    """Validate ``min_length`` and the rule's own ``accept`` list."""
    length = (
        int(as_number(fields["min_length"], "min_length", 1, 20)) if "min_length" in fields else 2
    )
    accept = (
        frozenset(as_str_list(fields["accept"], "accept")) if "accept" in fields else frozenset()
    )
    return SpellingOptions(length, accept)


VARIANT_REPORTS = ("mixed", "house")


def compile_variants(fields: dict[str, Node], rule_node: Node) -> str:
    """What a ``spelling-variants`` rule reports: the minority form of a word spelled both
    ways (``mixed``), or every form of the other variety when the house sets one (``house``)."""
    if "report" in fields:
        return as_choice(fields["report"], "report", VARIANT_REPORTS)
    return "mixed"


# --- the check ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Misspelling:
    """A word of a token to report: where it sits in the token and what to offer.

    ``replacements`` is None for a capitalised word: whether it is a slip depends on where it
    stands (mid-sentence it is more likely a name), so it is judged at each position.
    """

    offset: int
    word: str  # as written: its length is the finding's
    replacements: tuple[str, ...] | None
    detail: str = ""
    lookup: str = ""  # the word composed (NFC), as the word lists hold it


_Plan = tuple[_Misspelling, ...]


@dataclass
class _Memo:
    """Per-process verdicts for one configuration: most tokens recur from article to article."""

    tokens: dict[str, _Plan] = field(default_factory=dict)
    capitalised: dict[tuple[str, Position], tuple[str, ...] | None] = field(default_factory=dict)


_MEMO_LIMIT = 200_000  # tokens remembered per configuration
_MEMOS_KEPT = 8  # configurations remembered (a language server may reload many)
_memos: dict[tuple[SpellingOptions, Context, str], _Memo] = {}


def check_spelling(doc: Document, rule: Rule, ctx: Context) -> Iterator[Finding]:
    """Report words that the typo engine takes for slips, lowercase and capitalised."""
    options: SpellingOptions = rule.options
    variety = document_variety(ctx.language, doc)
    memo = _memo_for(options, ctx, variety)
    plans = memo.tokens
    prose, tokens = doc.prose, doc.tokens
    distinct = set(tokens)
    new = [token for token in distinct if token not in plans]
    if new:
        prefetch(_lookup_forms(new))  # one query for the document's new words
        for token in new:
            plans[token] = _plan_token(token, options, ctx, variety)
    suspects = {token for token in distinct if plans[token]}
    if not suspects:
        return  # most articles: nothing to report, and no need to walk the words again
    for index in [i for i, token in enumerate(tokens) if token in suspects]:
        start = doc.words[index][0]
        if start > 0 and prose[start - 1] in "@#/\\":
            continue
        for item in plans[tokens[index]]:
            at = start + item.offset
            replacements = item.replacements
            if replacements is None:
                key = (item.lookup or item.word, _position(doc, index, at))
                if key not in memo.capitalised:
                    memo.capitalised[key] = capitalised_verdict(key[0], variety, key[1])
                replacements = memo.capitalised[key]
                if replacements is None or _two_names(doc, replacements[0]):
                    continue
            end = at + len(item.word)
            yield rule.finding(at, end, doc.text[at:end], replacements, detail=item.detail)


def _memo_for(options: SpellingOptions, ctx: Context, variety: str) -> _Memo:
    key = (options, ctx, variety)
    memo = _memos.get(key)
    if memo is None or len(memo.tokens) > _MEMO_LIMIT:
        if len(_memos) >= _MEMOS_KEPT:
            _memos.clear()
        memo = _memos[key] = _Memo()
    return memo


def _lookup_forms(tokens: list[str]) -> Iterator[str]:
    """The lowercase words that judging these tokens will look up (near enough)."""
    for token in tokens:
        lower = token.lower().replace("’", "'")
        yield lower
        if "-" in lower:
            yield from lower.split("-")
        if lower.endswith("'s"):
            yield lower[:-2]


def _plan_token(token: str, options: SpellingOptions, ctx: Context, variety: str) -> _Plan:
    """What to report in a token wherever it occurs, position checks aside."""
    if _skip_token(token):
        return ()
    normal = token.replace("’", "'")  # the same length: offsets stay those of the text
    parts = list(_PART.finditer(normal))
    if len(parts) > 1 and "-" in normal and _whole_compound_known(normal, variety):
        return ()
    plan = []
    for part in parts:
        word = _strip_possessive(part.group())
        if len(word) < options.min_length or word in options.accept:
            continue
        if len(parts) > 1 and len(word) < 3:
            continue  # "wi-fi", "pre-tax": fragments are not words on their own
        found = _misspelling(part.start(), word, ctx, variety)
        if found is not None:
            plan.append(found)
    return tuple(plan)


def _whole_compound_known(token: str, variety: str) -> bool:
    word = _strip_possessive(token).lower()
    joined = word.replace("-", "")
    return any(lowercase_verdict(form, variety) is None for form in (word, joined))


def _skip_token(token: str) -> bool:
    if any(ch.isdigit() for ch in token) or "." in token or "_" in token:
        return True
    letters = [c for c in token if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def _strip_possessive(word: str) -> str:
    return strip_possessive(word).rstrip("'")  # also the plural possessive: "ministers'"


def _misspelling(offset: int, written: str, ctx: Context, variety: str) -> _Misspelling | None:
    word = unicodedata.normalize("NFC", written)  # "Se\u0301cre\u0301taire" is "Sécrétaire"
    if word in ctx.accept or word in ctx.known_names or is_known_to_archive(word, ctx):
        return None
    if any(fullmatch_bounded(p, word) for p in ctx.accept_patterns):
        return None
    lower = word.lower()
    if lower in ctx.reject or word in ctx.reject:
        return _Misspelling(offset, written, (), "a word the house rejects", word)
    if lower != word:
        if word[1:] != lower[1:] or lower in ctx.accept:
            return None  # mixed case ("iPhone", "McDonald"): the names check owns it
        return _Misspelling(offset, written, None, lookup=word)
    suggestions = lowercase_verdict(word, variety)
    if suggestions is None:
        return None
    # a name keeps its capital ("amercia" is offered "America")
    cased = (s if s[:1].isupper() else match_case(s, word) for s in suggestions)
    return _Misspelling(offset, written, tuple(dict.fromkeys(cased)), lookup=word)


def _checked_as_word(doc: Document, start: int) -> bool:
    """Whether a capitalised word stands where any word is capitalised: at the start of a
    sentence or in a headline."""
    block = doc.block_at(start)
    if block is not None and block.kind in ("heading", "title"):
        return True
    return is_sentence_start(doc.prose, start, block.start if block is not None else 0)


def _two_names(doc: Document, meant: str) -> bool:
    """Whether the article also spells the name a capitalised word was taken for: then
    whether they are one name or two is the consistency rule's call ("Ms Sinclair and Ms
    Sinclaire"). A common word ("Environment") is one word however often it appears."""
    return meant in doc.word_set and not is_listed_word(meant.lower())


def _position(doc: Document, index: int, at: int) -> Position:
    """Where a capitalised word stands: opening a sentence or a headline, right after a name
    or a title (a surname follows), or elsewhere."""
    if _checked_as_word(doc, at):
        return "start"
    for side, before in doc.touching(index):
        if (
            side < 0
            and before[:1].isupper()
            and (before in TITLES or not is_dictionary_word(before.lower()))
        ):
            return "after-name"  # "Sarah Teather", "Mr Wass"; not "United Nations"
    return "mid"


# --- mixed British and American spelling ------------------------------------------------------


def check_variants(doc: Document, rule: Rule, ctx: Context) -> Iterator[Finding]:
    """Report British and American spellings that the article's variety does not use."""
    house_only = rule.options == "house"
    if house_only and ctx.language == AUTO:
        return  # with no house variety, only mixing is reported (``report: mixed``)
    gb_to_us = british_to_american()
    us_to_gb = american_to_british()
    variant_keys = doc.key_set & variant_words()
    if len(variant_keys) < (1 if house_only else 2):
        return  # a word spelled both ways needs two different keys
    seen: dict[str, dict[str, list[tuple[int, str]]]] = {}
    words, prose = doc.words, doc.prose
    for key, positions in doc.positions_of(variant_keys).items():
        gb = key if key in gb_to_us else us_to_gb[key]
        for index in positions:
            start, end = words[index]
            token = strip_possessive(prose[start:end])
            seen.setdefault(gb, {}).setdefault(key, []).append((start, token))
    preferred_gb = document_variety(ctx.language, doc) == "en-GB"
    # the variety the house configured is its own data; one read from the article a guess
    house_variety = Applicability.UNSAFE if ctx.language == AUTO else Applicability.SAFE
    for gb, forms in seen.items():
        if len(forms) < 2 and not house_only:
            continue
        us = gb_to_us[gb]
        house = gb if preferred_gb else us
        other = us if preferred_gb else gb
        for start, token in forms.get(other, ()):
            if token[:1].isupper() and not _checked_as_word(doc, start):
                continue  # a name ("Lincoln Center") keeps its own spelling
            replacement = match_case(house, token)
            end = start + len(token)
            yield rule.finding(
                start,
                end,
                doc.text[start:end],
                (replacement,),
                applicability=house_variety,
                canonical=house,
            )
