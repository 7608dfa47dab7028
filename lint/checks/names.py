"""The ``names`` kind: house spellings of people, organisations and places, exact and fuzzy."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from lint.document import Document
from lint.findings import Applicability, Finding
from lint.fuzzy import DeletionIndex
from lint.lexicon import is_common_word, is_dictionary_word, zipf
from lint.memory.lookup import is_known_to_archive
from lint.packfiles import shipped_pack_dir
from lint.phrases import PhraseIndex, match_case, phrase_words
from lint.rule import Context, Rule
from lint.words import is_sentence_start, strip_possessive
from lint.yamlsource import Node, as_choice, as_list, as_number, as_str, as_str_list, check_keys

ENTRY_TYPES = ("person", "organisation", "place", "title", "other")
ENTRY_KEYS = {"canonical", "type", "short", "wrong", "note", "as_of"}
MIN_PART = 5  # name parts shorter than this are not matched fuzzily (too many near words)


@dataclass(frozen=True)
class NameEntry:
    """One canonical name with its accepted short forms and ruled-out variants."""

    canonical: str
    type: str
    short: tuple[str, ...] = ()
    wrong: tuple[str, ...] = ()
    note: str | None = None

    @cached_property
    def parts(self) -> tuple[str, ...]:
        """Capitalised words of the canonical form and its short forms."""
        words = [w for phrase in (self.canonical, *self.short) for w in phrase_words(phrase)]
        return tuple(w for w in words if w[:1].isupper())


@dataclass
class NamesOptions:
    """Compiled ``names`` data."""

    entries: list[NameEntry]
    wrong: PhraseIndex[str]
    correct_forms: frozenset[str]
    fuzzy: DeletionIndex
    part_to_display: dict[str, str]
    sibling_parts: dict[str, frozenset[str]]  # a name part -> every part of names that have it
    threshold: float
    as_of: str | None = None
    house: bool = False  # a newsroom's own list: its near misses need no further evidence
    given_names: dict[str, frozenset[str]] = field(default_factory=dict)  # surname -> given
    _verdicts: dict[str, tuple[str, ...]] = field(default_factory=dict)
    _wide: dict[str, tuple[str, ...]] = field(default_factory=dict)


def compile_names(fields: dict[str, Node], rule_node: Node) -> NamesOptions:
    """Validate entries and build the exact and fuzzy indexes."""
    entries = as_list(fields["entries"], "entries", _entry)
    if not entries:
        raise fields["entries"].error("'entries' must not be empty")
    threshold = (
        as_number(fields["threshold"], "threshold", 50, 100) if "threshold" in fields else 80.0
    )
    correct: set[str] = set()
    display: dict[str, str] = {}
    for entry in entries:
        correct.add(entry.canonical)
        correct.update(entry.short)
        for part in entry.parts:
            correct.add(part)
            if len(part) >= MIN_PART:
                display.setdefault(part.lower(), part)
    wrong: PhraseIndex[str] = PhraseIndex()
    for node, entry in zip(fields["entries"].value, entries, strict=True):
        for variant in entry.wrong:
            if variant in correct:
                raise node.error(f"wrong variant '{variant}' is also a correct form")
            wrong.add(variant, _replacement_for(variant, entry), ignorecase=False)
    as_of = as_str(fields["as_of"], "as_of") if "as_of" in fields else None
    siblings: dict[str, set[str]] = {}
    given: dict[str, set[str]] = {}
    for entry in entries:
        for part in entry.parts:
            siblings.setdefault(part, set()).update(entry.parts)
        for form in (entry.canonical, *entry.short):
            words = phrase_words(form)
            if entry.type == "person" and len(words) >= 2 and words[0] not in TITLES:
                given.setdefault(words[-1], set()).add(words[0])
    return NamesOptions(
        entries,
        wrong,
        frozenset(correct),
        DeletionIndex(display),
        display,
        {part: frozenset(group) for part, group in siblings.items()},
        threshold,
        as_of,
        house=not _is_shipped(rule_node.path),
        given_names={surname: frozenset(names) for surname, names in given.items()},
    )


def _is_shipped(path: str) -> bool:
    """Whether a pack file is one of those that ship with copydesk."""
    try:
        return Path(path).resolve().parent == shipped_pack_dir().resolve()
    except OSError:
        return False


def _entry(node: Node, key: str) -> NameEntry:
    fields = check_keys(node, ENTRY_KEYS, {"canonical", "type"}, "names entry")
    return NameEntry(
        canonical=as_str(fields["canonical"], "canonical"),
        type=as_choice(fields["type"], "type", ENTRY_TYPES),
        short=tuple(as_str_list(fields["short"], "short")) if "short" in fields else (),
        wrong=tuple(as_str_list(fields["wrong"], "wrong")) if "wrong" in fields else (),
        note=as_str(fields["note"], "note") if "note" in fields else None,
    )


def _replacement_for(variant: str, entry: NameEntry) -> str:
    """The correct form a wrong variant stands for: the whole name or its closest part."""
    choices = [entry.canonical, *entry.short, *entry.parts]
    best = process.extractOne(variant, choices, scorer=fuzz.ratio)
    return str(best[0]) if best else entry.canonical


def check_names(doc: Document, rule: Rule, ctx: Context) -> Iterator[Finding]:
    """Report ruled-out variants, then capitalised near misses of the pack's names."""
    options: NamesOptions = rule.options
    exact_spans = []
    for hit in options.wrong.find(doc):
        exact_spans.append((hit.start, hit.end))
        match = doc.text[hit.start : hit.end]
        replacement = match_case(hit.payload, match)
        yield rule.finding(
            hit.start,
            hit.end,
            match,
            (replacement,),
            applicability=Applicability.SAFE,  # a variant the pack rules out
            canonical=hit.payload,
        )
    # near misses of names are looked for in capitalised words, each distinct one judged once
    for token, indexes in doc.capitalised_tokens.items():
        suggestions = near_names(token, options, ctx)
        wide = options._wide.get(token, ())
        if not suggestions and token not in options._wide:
            if not could_be_misspelt_name(token, ctx):
                options._wide[token] = ()
            elif any(_beside_another_part(doc, i, options.sibling_parts.keys()) for i in indexes):
                wide = _two_edit_names(token, options, ctx)  # a scan worth it beside a name
        if not suggestions and not wide:
            continue
        parts = {p for s in suggestions or wide for p in options.sibling_parts.get(s, ())}
        for index in indexes:
            start = doc.words[index][0]
            if exact_spans and any(a <= start < b for a, b in exact_spans):
                continue
            if suggestions:
                evident = options.house or _has_evidence(doc, index, suggestions, parts)
                if not evident or _someone_else(doc, index, parts):
                    continue
            elif not _beside_another_part(doc, index, parts - {token}):
                continue
            chosen = suggestions or wide
            replacements = tuple(match_case(s, token) for s in chosen)
            yield rule.finding(start, start + len(token), token, replacements, canonical=chosen[0])
    yield from _given_name_slips(doc, rule, options)


def _beside_another_part(doc: Document, index: int, parts: Collection[str]) -> bool:
    """Whether a word directly beside this one is another part of the same name
    ("Vlamidir Putin", "Annalena Burbock"): evidence for a wider match."""
    return any(word in parts for _, word in doc.touching(index))


COMMON_SURNAME_ZIPF = 4.5  # a surname this common ("Johnson") is shared by many people


def _given_name_slips(doc: Document, rule: Rule, options: NamesOptions) -> Iterator[Finding]:
    """A listed surname after a given name one or two edits from the listed one: "Joseph
    Borrell" for "Josep Borrell", "Jan Psaki" for "Jen Psaki", although both are names."""
    for surname, indexes in doc.capitalised_tokens.items():
        given = options.given_names.get(surname)
        if not given or zipf(surname.lower()) >= COMMON_SURNAME_ZIPF:
            continue
        for index in indexes:
            if index == 0:
                continue
            (start, end), (after, _) = doc.words[index - 1], doc.words[index]
            written = doc.prose[start:end]
            if doc.prose[end:after].strip() or written in given or not written[:1].isupper():
                continue
            meant = _closest_given_name(written, given)
            if meant is not None:
                yield rule.finding(start, end, written, (meant,), canonical=f"{meant} {surname}")


def _closest_given_name(written: str, given: frozenset[str]) -> str | None:
    """The listed given name ``written`` is a slip of: one edit, or two for long names."""
    for name in sorted(given):
        budget = 1 if len(name) <= 4 else 2
        if written not in TITLES and OSA.distance(written.lower(), name.lower()) <= budget:
            return name
    return None


def _has_evidence(doc: Document, index: int, suggestions: tuple[str, ...], parts: set[str]) -> bool:
    """Whether the article supports reading the token as a misspelling of a pack name.

    A near miss counts when the article also uses the correct spelling or another part of the
    same name ("Angela Merkle"), when a specific title precedes it ("Chancellor Merkle"), or
    when the name it resembles is long enough to be distinctive. Otherwise a surname that
    merely resembles a famous one ("Scholl", "Neeson") would be reported.
    """
    if parts & doc.word_set:
        return True
    if index > 0 and strip_possessive(_word(doc, index - 1)) in SPECIFIC_TITLES:
        return True
    others = parts - set(suggestions)  # the other parts of the name: "Boing Boing" is no name
    if any(_nearly_a_part(word, others) for _, word in doc.touching(index)):
        return True  # "Sergey Lavrow": beside another part of the name, spelled nearly so
    return max(len(s) for s in suggestions) >= DISTINCTIVE_LENGTH


def _nearly_a_part(word: str, parts: set[str]) -> bool:
    """Whether a word is one of the parts, or one edit from one (a transliteration)."""
    if not word[:1].isupper():
        return False
    lower = word.lower()
    return any(OSA.distance(lower, part.lower(), score_cutoff=1) <= 1 for part in parts)


def _someone_else(doc: Document, index: int, parts: set[str]) -> bool:
    """Whether a neighbouring capitalised name shows the token belongs to another full name.

    "Martin Sorrell" is not a misspelling of "Josep Borrell": its given name is not Borrell's.
    """
    for side, word in doc.touching(index):  # punctuation between them: not one name
        if (
            word[:1].isupper()
            and not _nearly_a_part(word, parts)
            and word not in TITLES
            and not (_sentence_initial(doc, index + side) and is_dictionary_word(word.lower()))
        ):
            return True
    return False


def _word(doc: Document, index: int) -> str:
    start, end = doc.words[index]
    return doc.prose[start:end]


def _sentence_initial(doc: Document, index: int) -> bool:
    return is_sentence_start(doc.prose, doc.words[index][0])


DISTINCTIVE_LENGTH = 8
SPECIFIC_TITLES = frozenset(
    [
        "President",
        "Premier",
        "Chancellor",
        "King",
        "Queen",
        "Prince",
        "Princess",
        "Pope",
        "General",
        "Gen",
        "Sen",
        "Senator",
        "Gov",
        "Governor",
        "Minister",
        "Secretary",
        "Mayor",
        "Ambassador",
        "Commissioner",
        "Sheikh",
        "Emir",
    ]
)
TITLES = SPECIFIC_TITLES | frozenset(
    ["Mr", "Mrs", "Ms", "Miss", "Dr", "Prof", "Sir", "Dame", "Lord", "Lady", "Judge", "Rev"]
)


def near_names(token: str, options: NamesOptions, ctx: Context) -> tuple[str, ...]:
    """Pack names that ``token`` looks like a misspelling of (empty when it looks fine)."""
    cached = options._verdicts.get(token)
    if cached is not None:
        return cached
    verdict: tuple[str, ...] = ()
    # a house list's near misses need no evidence, so a name in use is taken for another
    # person's ("Henman" beside a listed "Herman")
    known = options.house and zipf(token.lower()) >= KNOWN_NAME_ZIPF
    if could_be_misspelt_name(token, ctx) and token not in options.correct_forms and not known:
        close = options.fuzzy.near(token)
        if close:
            best = close[0][1]
            verdict = tuple(
                options.part_to_display[key]
                for key, distance in close
                if distance == best
                and fuzz.ratio(token.lower(), key) >= options.threshold
                and not is_name_inflection(token.lower(), key)
            )
    options._verdicts[token] = verdict
    return verdict


def _two_edit_names(token: str, options: NamesOptions, ctx: Context) -> tuple[str, ...]:
    """Pack names two edits from ``token``, reported only beside another part of the name
    (a scan of every name part, once per distinct token)."""
    cached = options._wide.get(token)
    if cached is not None:
        return cached
    verdict: tuple[str, ...] = ()
    if len(token) >= MIN_PART and could_be_misspelt_name(token, ctx):
        lower = token.lower()
        close = process.extract(
            lower, options.fuzzy.keys, scorer=OSA.distance, score_cutoff=2, limit=None
        )
        verdict = tuple(
            options.part_to_display[key]
            for key, distance, _ in sorted(close, key=lambda hit: (hit[1], hit[0]))
            if distance == 2 and fuzz.ratio(lower, key) >= WIDE_THRESHOLD
        )
    options._wide[token] = verdict
    return verdict


WIDE_THRESHOLD = 70.0
KNOWN_NAME_ZIPF = 2.0  # a capitalised word this common is a name in use


def could_be_misspelt_name(token: str, ctx: Context) -> bool:
    """A capitalised, unknown token: not a dictionary word, a frequent word or a known name.

    All-capital tokens (headlines) count from six letters, so acronyms are left alone.
    """
    if token.isupper() and len(token) >= 6:
        token = token.capitalize()
    return (
        len(token) >= MIN_PART - 1
        and token[:1].isupper()
        and token[1:2].islower()
        and token.isalpha()
        and token not in ctx.known_names
        and token not in ctx.accept
        and not is_dictionary_word(token)
        and not is_common_word(token)
        and not is_known_to_archive(token, ctx)
    )


_NAME_ENDINGS = ("s", "es", "er", "ers", "n", "ns", "an", "ans", "i")


def is_name_inflection(word: str, key: str) -> bool:
    """Whether one is the other with a plural or a demonym's ending ("Zealander")."""
    short, long = sorted((word, key), key=len)
    return long.startswith(short) and long[len(short) :] in _NAME_ENDINGS
