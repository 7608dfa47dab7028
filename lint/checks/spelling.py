"""The ``spelling`` kind (Hunspell, names left to the names check) and ``spelling-variants``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from lint.cache import cache_dir, code_stamp, content_key, load_object, store_object
from lint.document import Document
from lint.findings import Finding
from lint.lexicon import is_dictionary_word, prefetch, typo_fixes, zipf
from lint.phrases import match_case
from lint.rule import Context, Rule
from lint.words import is_sentence_start, strip_possessive
from lint.wordtable import codespell_file, table_key, word_table
from lint.yamlsource import Node, as_number, as_str_list

MAX_SUGGESTIONS = 5
_PART = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")


COMMON_ZIPF = 2.5  # a word this frequent in English text is taken as a word, unless a known typo


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


def compile_variants(fields: dict[str, Node], rule_node: Node) -> None:
    """The ``spelling-variants`` kind takes no options."""
    return None


# --- word lists shipped by codespell (CC BY-SA 3.0, used as a dependency) ------------------------


@cache
def british_to_american() -> dict[str, str]:
    """British spellings mapped to American ones (codespell's en-GB to en-US list)."""
    pairs: dict[str, str] = {}
    for line in codespell_file("dictionary_en-GB_to_en-US.txt").read_text("utf-8").splitlines():
        gb, _, us = line.partition("->")
        if gb and us:
            pairs[gb.strip()] = us.strip().rstrip(",")
    return pairs


@cache
def american_to_british() -> dict[str, str]:
    """The reverse of ``british_to_american``."""
    return {us: gb for gb, us in british_to_american().items()}


@cache
def _variant_words() -> frozenset[str]:
    """Every British and American spelling in the lists."""
    return frozenset(british_to_american()) | frozenset(american_to_british())


# --- the verdict on one word -------------------------------------------------------------------


@lru_cache(maxsize=300_000)
def is_known_word(word: str, language: str) -> bool:
    """Whether a lowercase word is spelled right for the house language (no suggestions made)."""
    if typo_fixes(word) is not None:
        return False
    if word in british_to_american():
        return language == "en-GB"
    if is_dictionary_word(word) or zipf(word) >= COMMON_ZIPF:
        return True
    if language == "en-GB" and any(is_dictionary_word(us) for us in american_forms(word)):
        return True
    return is_derived_word(word)


@lru_cache(maxsize=50_000)
def word_verdict(word: str, language: str) -> tuple[str, ...] | None:
    """None when a lowercase word is spelled right, else its ranked suggestions (maybe empty)."""
    if is_known_word(word, language):
        return None
    fixes = typo_fixes(word)
    if fixes is not None:
        return fixes[:MAX_SUGGESTIONS]
    if word in british_to_american():
        return (british_to_american()[word],)
    suggestions = ranked_suggestions(word)
    if any(s.lower() == word for s in suggestions):
        return None  # only the capitalisation differs ("internet" for "Internet")
    return suggestions


_PREFIXES = (
    "re",
    "un",
    "pre",
    "non",
    "co",
    "de",
    "over",
    "under",
    "anti",
    "mis",
    "out",
    "sub",
    "inter",
    "super",
    "mega",
    "giga",
    "tera",
    "multi",
    "micro",
    "cyber",
    "counter",
    "post",
    "semi",
    "ultra",
)
_SUFFIXES = ("s", "es", "er", "ers", "ing", "ed", "ly")


def _plain_word(word: str) -> bool:
    return len(word) >= 3 and (is_dictionary_word(word) or zipf(word) >= COMMON_ZIPF)


@lru_cache(maxsize=100_000)
def is_derived_word(word: str, depth: int = 0) -> bool:
    """A word built from known words: a prefix ("reoffending"), a closed compound ("ringtones")."""
    if not word.isalpha():
        return False
    for prefix in _PREFIXES:
        if (
            word.startswith(prefix)
            and len(word) - len(prefix) >= 4
            and _plain_word(word[len(prefix) :])
        ):
            return True
    for cut in range(3, len(word) - 2):
        if _plain_word(word[:cut]) and _plain_word(word[cut:]):
            return True
    if depth == 0:
        for suffix in _SUFFIXES:
            stem = word[: -len(suffix)]
            if (
                word.endswith(suffix)
                and len(stem) >= 4
                and (_plain_word(stem) or is_derived_word(stem, 1))
            ):
                return True
    return False


# British endings and their American counterparts, for words the en-US dictionary lacks.
_GB_TO_US_ENDINGS = (
    ("our", "or"),
    ("ours", "ors"),
    ("oured", "ored"),
    ("ouring", "oring"),
    ("ourite", "orite"),
    ("tre", "ter"),
    ("tres", "ters"),
    ("ence", "ense"),
    ("ences", "enses"),
    ("ise", "ize"),
    ("ised", "ized"),
    ("ises", "izes"),
    ("ising", "izing"),
    ("isation", "ization"),
    ("yse", "yze"),
    ("ysed", "yzed"),
    ("ogue", "og"),
    ("ogues", "ogs"),
    ("amme", "am"),
    ("ammes", "ams"),
    ("lled", "led"),
    ("lling", "ling"),
    ("ller", "ler"),
    ("llers", "lers"),
    ("llist", "list"),
    ("llists", "lists"),
    ("llery", "lery"),
    ("ement", "ment"),
)
_GB_INNER = (
    ("our", "or"),
    ("ae", "e"),
    ("oe", "e"),
    ("ll", "l"),
    ("sceptic", "skeptic"),
    ("ough", "ow"),
    ("isation", "ization"),
    ("ise", "ize"),
    ("yse", "yze"),
)


def american_forms(word: str) -> set[str]:
    """Plausible American spellings of a British-spelt word ("rumours" -> "rumors")."""
    forms = {word[: -len(gb)] + us for gb, us in _GB_TO_US_ENDINGS if word.endswith(gb)}
    forms |= {word.replace(gb, us, 1) for gb, us in _GB_INNER if gb in word}
    forms.discard(word)
    return forms


@lru_cache(maxsize=10_000)
def _one_edit_suggestions(word: str) -> tuple[str, ...]:
    close = [w for w, distance in _near(word, common_words(), 1) if distance == 1]
    return tuple(sorted(close, key=lambda s: (-zipf(s), s))[:MAX_SUGGESTIONS])


def ranked_suggestions(word: str) -> tuple[str, ...]:
    """Close, frequent words first; then rarer dictionary words up to three edits away."""
    candidates: list[str] = list(_one_edit_suggestions(word))
    if not candidates:
        candidates = [w for w, _ in _near(word, common_words(), 2)]
    if not candidates:
        candidates = [w for w, _ in _near(word, frequent_words(), FAR_EDITS)]
    ranked = sorted(candidates, key=lambda s: (OSA.distance(word, s.lower()), -zipf(s.lower()), s))
    return tuple(ranked[:MAX_SUGGESTIONS])


SUGGESTION_ZIPF = 3.0  # words at least this frequent are offered as one- and two-edit suggestions
CLEAR_TYPO_ZIPF = 3.5  # a capitalised word one edit from a word this common is a typo
FAR_EDITS = 3  # the widest suggestion offered
FREQUENT_WORDS = 50_000  # how many of the commonest dictionary words the far scan looks at


@dataclass(frozen=True)
class _WordList:
    """Words grouped for near-miss scans: by length, and by length with first or last letter."""

    by_length: dict[int, list[str]]
    by_end: dict[tuple[int, str], list[str]]  # keys (length, "^x") and (length, "x$")

    @staticmethod
    def of(words: list[str]) -> _WordList:
        """Group a word list."""
        by_length: dict[int, list[str]] = {}
        by_end: dict[tuple[int, str], list[str]] = {}
        for word in words:
            by_length.setdefault(len(word), []).append(word)
            by_end.setdefault((len(word), "^" + word[0]), []).append(word)
            by_end.setdefault((len(word), word[-1] + "$"), []).append(word)
        return _WordList(by_length, by_end)

    def candidates(self, word: str, edits: int) -> list[list[str]]:
        """Lists (maybe overlapping) of the words worth comparing with ``word``.

        One edit changes one character or two neighbours, so in a word of three letters or
        more it leaves the first or the last letter in place. Misspellings further away nearly
        always keep one of them too, so only words sharing one are compared: a few hundred
        instead of thousands (the misspelling lists score the same either way).
        """
        lengths = range(max(1, len(word) - edits), len(word) + edits + 1)
        if len(word) >= 3:
            keys = [(n, end) for n in lengths for end in ("^" + word[0], word[-1] + "$")]
            return [self.by_end[key] for key in keys if key in self.by_end]
        return [self.by_length[n] for n in lengths if n in self.by_length]


@cache
def common_words() -> _WordList:
    """Frequent dictionary words (not known misspellings)."""
    return _word_list(SUGGESTION_ZIPF)


@cache
def very_common_words() -> _WordList:
    """Dictionary words common enough that a word one edit away is taken for a typo of one."""
    return _word_list(CLEAR_TYPO_ZIPF)


@cache
def frequent_words() -> _WordList:
    """The commonest dictionary words, for suggestions of last resort."""
    return _word_list(0.0, FREQUENT_WORDS)


def _word_list(min_zipf: float, limit: int = -1) -> _WordList:
    """A grouped word list from the word table, kept in the cache: each process needs it."""
    directory = cache_dir()
    key = content_key("words-list", code_stamp(), table_key(), str(min_zipf), str(limit))
    path = directory / f"list-{key}" if directory is not None else None
    stored = load_object(path) if path is not None else None
    if isinstance(stored, _WordList):
        return stored
    built = _WordList.of(word_table().dictionary_words(min_zipf, limit))
    if path is not None:
        store_object(path, built, "list")
    return built


def _near(word: str, words: _WordList, edits: int) -> list[tuple[str, int]]:
    """Words within ``edits`` edits (OSA) of ``word``, closest first: one C-speed scan."""
    found = {
        w: int(d)
        for group in words.candidates(word, edits)
        for w, d, _ in process.extract(
            word, group, scorer=OSA.distance, score_cutoff=edits, limit=None
        )
        if w != word
    }  # a word sharing both its first and last letter is in two groups: a dict keeps one
    return sorted(found.items(), key=lambda item: (item[1], item[0]))


def _clear_typo(word: str) -> bool:
    """A known misspelling, or one edit away from a very common word."""
    return typo_fixes(word) is not None or bool(_near(word, very_common_words(), 1))


# --- the check ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Misspelling:
    """A word of a token to report: where it sits in the token and what to offer.

    ``replacements`` is None for a capitalised word: it is judged only where it opens a
    sentence or stands in a headline, so the costly verdict is put off until then.
    """

    offset: int
    word: str
    replacements: tuple[str, ...] | None
    detail: str = ""


_Plan = tuple[_Misspelling, ...]


@dataclass
class _Memo:
    """Per-process verdicts for one configuration: most tokens recur from article to article."""

    tokens: dict[str, _Plan] = field(default_factory=dict)
    capitalised: dict[str, tuple[str, ...] | None] = field(default_factory=dict)


_MEMO_LIMIT = 200_000  # tokens remembered per configuration
_MEMOS_KEPT = 8  # configurations remembered (a language server may reload many)
_memos: dict[tuple[SpellingOptions, Context], _Memo] = {}


def check_spelling(doc: Document, rule: Rule, ctx: Context) -> Iterator[Finding]:
    """Report misspelt words; capitalised words mid-sentence are left to the names check."""
    options: SpellingOptions = rule.options
    memo = _memo_for(options, ctx)
    plans = memo.tokens
    prose, tokens = doc.prose, doc.tokens
    distinct = set(tokens)
    new = [token for token in distinct if token not in plans]
    if new:
        prefetch(_lookup_forms(new))  # one query for the document's new words
        for token in new:
            plans[token] = _plan_token(token, options, ctx)
    suspects = {token for token in distinct if plans[token]}
    if not suspects:
        return  # most articles: nothing to report, and no need to walk the words again
    for index in [i for i, token in enumerate(tokens) if token in suspects]:
        start = doc.words[index][0]
        plan = plans[tokens[index]]
        if start > 0 and prose[start - 1] in "@#/\\":
            continue
        for item in plan:
            at = start + item.offset
            replacements = item.replacements
            if replacements is None:
                if not _checked_capitalised(doc, at):
                    continue
                if item.word not in memo.capitalised:
                    memo.capitalised[item.word] = _capitalised_verdict(item.word, ctx)
                replacements = memo.capitalised[item.word]
                if replacements is None:
                    continue
            yield rule.finding(at, at + len(item.word), item.word, replacements, detail=item.detail)


def _memo_for(options: SpellingOptions, ctx: Context) -> _Memo:
    key = (options, ctx)
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


def _plan_token(token: str, options: SpellingOptions, ctx: Context) -> _Plan:
    """What to report in a token wherever it occurs, position checks aside."""
    if _skip_token(token):
        return ()
    normal = token.replace("’", "'")
    parts = list(_PART.finditer(normal))
    if len(parts) > 1 and "-" in normal and _whole_compound_known(normal, ctx.language):
        return ()
    plan = []
    for part in parts:
        word = _strip_possessive(part.group())
        if len(word) < options.min_length or word in options.accept:
            continue
        if len(parts) > 1 and len(word) < 3:
            continue  # "wi-fi", "pre-tax": fragments are not words on their own
        found = _misspelling(part.start(), word, ctx)
        if found is not None:
            plan.append(found)
    return tuple(plan)


def _whole_compound_known(token: str, language: str) -> bool:
    word = _strip_possessive(token).lower()
    joined = word.replace("-", "")
    return any(is_known_word(form, language) for form in (word, joined))


def _skip_token(token: str) -> bool:
    if any(ch.isdigit() for ch in token) or "." in token or "_" in token:
        return True
    letters = [c for c in token if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def _strip_possessive(word: str) -> str:
    return strip_possessive(word).rstrip("'")  # also the plural possessive: "ministers'"


def _misspelling(offset: int, word: str, ctx: Context) -> _Misspelling | None:
    if word in ctx.accept or word in ctx.known_names:
        return None
    if any(p.fullmatch(word) for p in ctx.accept_patterns):
        return None
    lower = word.lower()
    if lower in ctx.reject or word in ctx.reject:
        return _Misspelling(offset, word, (), "a word the house rejects")
    if lower != word:
        if word[1:] != lower[1:] or lower in ctx.accept:
            return None  # mixed case ("iPhone", "McDonald"): the names check owns it
        if is_dictionary_word(word) or (typo_fixes(lower) is None and zipf(lower) >= 1.5):
            return None  # a known or frequent word ("The", "Paris"), or a common name
        return _Misspelling(offset, word, None)
    suggestions = word_verdict(word, ctx.language)
    if suggestions is None:
        return None
    return _Misspelling(
        offset, word, tuple(dict.fromkeys(match_case(s, word) for s in suggestions))
    )


def _capitalised_verdict(word: str, ctx: Context) -> tuple[str, ...] | None:
    """Suggestions for a rare capitalised word that is clearly a typo, else None (a name)."""
    lower = word.lower()
    if is_known_word(lower, ctx.language) or not _clear_typo(lower):
        return None
    suggestions = word_verdict(lower, ctx.language)
    if suggestions is None:
        return None
    return tuple(dict.fromkeys(match_case(s, word) for s in suggestions))


def _checked_capitalised(doc: Document, start: int) -> bool:
    """Capitalised words are checked at the start of a sentence and in headlines."""
    block = doc.block_at(start)
    if block is not None and block.kind in ("heading", "title"):
        return True
    return is_sentence_start(doc.prose, start, block.start if block is not None else 0)


# --- mixed British and American spelling ------------------------------------------------------


def check_variants(doc: Document, rule: Rule, ctx: Context) -> Iterator[Finding]:
    """Report the minority spelling when both the British and American form of a word appear."""
    gb_to_us = british_to_american()
    us_to_gb = american_to_british()
    seen: dict[str, dict[str, list[tuple[int, str]]]] = {}
    variant_keys = doc.key_set & _variant_words()
    if len(variant_keys) < 2:
        return  # a word spelled both ways needs two different keys
    words, prose = doc.words, doc.prose
    for key, positions in doc.positions_of(variant_keys).items():
        gb = key if key in gb_to_us else us_to_gb[key]
        for index in positions:
            start, end = words[index]
            token = strip_possessive(prose[start:end])
            seen.setdefault(gb, {}).setdefault(key, []).append((start, token))
    preferred_gb = ctx.language == "en-GB"
    for gb, forms in seen.items():
        if len(forms) < 2:
            continue
        us = gb_to_us[gb]
        house = gb if preferred_gb else us
        other = us if preferred_gb else gb
        for start, token in forms[other]:
            replacement = match_case(house, token)
            yield rule.finding(start, start + len(token), token, (replacement,), canonical=house)
