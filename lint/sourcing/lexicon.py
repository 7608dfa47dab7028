"""The attribution lexicon: a rule's ``lexicon`` mapping validated and compiled (cues,
source patterns, vague sources, claim signals, breaks, pronouns, cue files, the cue model).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import regex

from lint.cache import content_key
from lint.cuemodel import CueModelFile
from lint.errors import ConfigError
from lint.guard import GuardedPattern
from lint.packfiles import read_beside_pack, shipped_pack_dir
from lint.saferegex import compile_user
from lint.sentences import LIST_ITEM
from lint.sourcing.signals import ClaimSignals, compile_signals, phrase_pattern
from lint.sourcing.vague import compile_vague_groups
from lint.trie import PhraseSet
from lint.yamlsource import Node, as_choice, as_str, as_str_list, check_keys, plain

REPORTS = ("unattributed-claim", "unattributed-quote", "vague-source")
LEXICON_KEYS = {
    "cues",
    "not_cues",
    "source_patterns",
    "vague",
    "claims",
    "breaks",
    "pronouns",
    "cue_files",
    "cue_model",
    "labels",
    "notes",
    "vague_patterns",
    "market_data",
    "vague_groups",
    "noun_cues",
    "documents",
    "group_nouns",
}
OPTIONAL_LEXICON_KEYS = {
    "vague_groups",
    "noun_cues",
    "documents",
    "group_nouns",
    "cue_files",
    "not_cues",
    "cue_model",
    "labels",
    "notes",
    "vague_patterns",
    "market_data",
}
REQUIRED_LEXICON_KEYS = LEXICON_KEYS - OPTIONAL_LEXICON_KEYS
# at most sixteen words ("According to a registration document filed with the ..." under
# (?i)): an unbounded run of capitals (a shouted paragraph) would make every search that tries
# it from each word quadratic
NAME_PATTERN = (
    r"(?:[A-Z][\w’'./-]*(?:\s+(?:of\s+|for\s+|the\s+|de\s+|von\s+der\s+)?[A-Z][\w’'./-]*){0,15})"
)


# A speaker's label before a quotation: a capitalised word or two of description and a name,
# at most six words, with no reporting verb among them ("Southampton boss Harry Redknapp")
LABEL_PATTERN = (
    r"(?!(?:Said|Says|Added)\b)(?:[A-Z][\w'’.-]*[^\S\n]+)?"
    r"(?:(?!(?:told|tells|said|says|added|adds|wrote|writes|asked|explained|replied|insisted"
    r"|warned|meanwhile)\b)[\w'’.()-]+[^\S\n]+){0,4}?[A-Z][\w'’.-]*"
)
PLACEHOLDERS = {"{NAME}": NAME_PATTERN, "{ITEM}": LIST_ITEM, "{LABEL}": LABEL_PATTERN}


def with_placeholders(pattern: str) -> str:
    """A source pattern with ``{NAME}`` (a capitalised name), ``{ITEM}`` (a list item's
    marker, ``lint.sentences.LIST_ITEM``) and ``{LABEL}`` (a speaker's label) spelled out."""
    for placeholder, regex_text in PLACEHOLDERS.items():
        pattern = pattern.replace(placeholder, regex_text)
    return pattern


@dataclass(frozen=True)
class Lexicon:
    """Compiled attribution word lists: cues, source patterns, vague sources, claim signals."""

    cue: PhraseSet
    not_cue: PhraseSet | None
    not_cue_reach: int
    not_cue_holds: frozenset[str]  # the cues that occur inside a not-cue phrase
    source_patterns: tuple[GuardedPattern, ...]
    vague: PhraseSet
    vague_patterns: tuple[regex.Pattern[str], ...]
    claims: ClaimSignals
    breaks: PhraseSet
    pronoun: PhraseSet
    labels: frozenset[str] = frozenset()  # "Correction:" is a label, not a speaker
    notes: frozenset[str] = frozenset()  # "Editor's note:" opens the publication's own note
    cue_model: CueModelFile | None = None
    signature: str = ""
    # "The FTSE 100 rose 1.2% to 8,142 points": market data, a record rather than a claim
    market: regex.Pattern[str] | None = None
    noun_cues: frozenset[str] = frozenset()  # "a BT spokesman", "Christie's speech"
    documents: frozenset[str] = frozenset()  # noun cues that are their own source: "The poll"
    group_nouns: tuple[str, ...] = ()  # people as a group: "aides say", "by Republicans"


@dataclass(frozen=True)
class AttributionOptions:
    """Which finding a rule reports, and the shared lexicon."""

    report: str
    lexicon: Lexicon


def compile_attribution(fields: dict[str, Node], rule_node: Node) -> AttributionOptions:
    """Validate ``report`` and the ``lexicon`` mapping."""
    report = as_choice(fields["report"], "report", REPORTS)
    lex = check_keys(fields["lexicon"], LEXICON_KEYS, REQUIRED_LEXICON_KEYS, "'lexicon'")
    skip = {"source_patterns", "cue_files", "cue_model", "claims", "vague_groups"}
    words = {key: word_list(node, key) for key, node in lex.items() if key not in skip}
    for key, name in DEFAULT_LISTS.items():  # a lexicon written before these lists existed
        words.setdefault(key, _shipped_list(name))
    if "cue_files" in lex:
        for name in as_str_list(lex["cue_files"], "cue_files"):
            words["cues"] = words["cues"] + _read_cue_file(lex["cue_files"], name)
    model_file = _read_model(lex["cue_model"]) if "cue_model" in lex else None
    model_key = (model_file[0], content_key(model_file[1])) if model_file else None
    signature = repr(
        (
            sorted(words.items()),
            *(plain(lex[key]) if key in lex else None for key in _PATTERN_KEYS),
            model_key,
        )
    )
    lexicon = _LEXICONS.get(signature)
    if lexicon is None:  # the three shipped rules share one lexicon: compile it once
        patterns = [_source_pattern(item) for item in lex["source_patterns"].value or []]
        claims = compile_signals(lex["claims"])
        vague = [
            _user_pattern(item, "vague_patterns", as_str(item, "vague_patterns"))
            for item in (lex["vague_patterns"].value or [] if "vague_patterns" in lex else [])
        ]
        if "vague_groups" in lex:
            vague += compile_vague_groups(lex["vague_groups"])
        lexicon = _compile_lexicon(words, patterns, claims, signature)
        lexicon = replace(lexicon, vague_patterns=tuple(vague))
        if model_file is not None:
            lexicon = replace(lexicon, cue_model=CueModelFile(*model_file))
        _LEXICONS[signature] = lexicon
    return AttributionOptions(report, lexicon)


_LEXICONS: dict[str, Lexicon] = {}


def _source_pattern(item: Node) -> regex.Pattern[str]:
    """One of ``source_patterns``, its placeholders filled in."""
    key = "source_patterns"
    return _user_pattern(item, key, with_placeholders(as_str(item, key)))


# the lexicon's entries compiled to patterns: a lexicon seen before is known by their text
_PATTERN_KEYS = ("source_patterns", "claims", "vague_patterns", "vague_groups")


def _user_pattern(item: Node, key: str, pattern: str) -> regex.Pattern[str]:
    try:
        return compile_user(pattern, ignorecase=key == "claims")
    except regex.error as exc:
        raise item.error(f"'{key}' has a regex that does not compile: {exc}") from None


def _compile_lexicon(
    words: dict[str, list[str]],
    patterns: list[regex.Pattern[str]],
    claims: ClaimSignals,
    signature: str,
) -> Lexicon:
    cue = PhraseSet(words["cues"])
    not_cues = words.get("not_cues", [])
    return Lexicon(
        cue=cue,
        not_cue=PhraseSet(not_cues) if not_cues else None,
        # a not-cue phrase's words may be spaced more widely than written: allow for it
        not_cue_reach=2 * max((len(phrase) for phrase in not_cues), default=0),
        not_cue_holds=frozenset(
            " ".join(phrase[s:e].lower().split())
            for phrase in not_cues
            for s, e in cue.finditer(phrase)
        ),
        source_patterns=tuple(GuardedPattern.build(p) for p in patterns),
        vague=PhraseSet(words["vague"]),
        vague_patterns=(),
        claims=claims,
        breaks=PhraseSet(words["breaks"], before="^[\"“‘']?"),
        pronoun=PhraseSet(words["pronouns"]),
        labels=frozenset(fold(label) for label in words.get("labels", [])),
        notes=frozenset(fold(label) for label in words.get("notes", [])),
        signature=signature,
        market=phrase_pattern(words["market_data"]) if words.get("market_data") else None,
        noun_cues=frozenset(word.lower() for word in words["noun_cues"]),
        documents=frozenset(word.lower() for word in words["documents"]),
        group_nouns=tuple(words["group_nouns"]),
    )


def fold(words: str) -> str:
    """Words compared without case, curly apostrophes or spacing ("Editor’s  Note")."""
    return " ".join(words.lower().replace("’", "'").split())


def _read_model(node: Node) -> tuple[str, str]:
    """The path and text of the cue model file a lexicon names beside its pack."""
    name = as_str(node, "cue_model")
    return str(Path(node.path).parent / name), read_beside_pack(node, name)


# word lists a lexicon may leave out, read from the shipped pack's files
DEFAULT_LISTS = {
    "noun_cues": "attribution-noun-cues.txt",
    "documents": "attribution-documents.txt",
    "group_nouns": "attribution-group-nouns.txt",
}


def word_list(node: Node, key: str) -> list[str]:
    """A lexicon's word list: written in the pack, or ``{file: NAME}``, a file beside the pack
    with one entry per line (``#`` starts a comment line)."""
    if isinstance(node.value, dict):
        fields = check_keys(node, {"file"}, {"file"}, f"'{key}'")
        return _read_cue_file(node, as_str(fields["file"], "file"))
    return as_str_list(node, key)


def _shipped_list(name: str) -> list[str]:
    """A word list shipped beside the attribution pack."""
    text = (shipped_pack_dir() / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


def _read_cue_file(node: Node, name: str) -> list[str]:
    """Entries of a file beside the pack: the first tab-separated field of each line."""
    cues = []
    for number, line in enumerate(read_beside_pack(node, name).splitlines(), 1):
        cue = line.split("\t")[0].strip()
        if not cue or line.startswith("#"):
            continue
        if len(cue) > MAX_CUE:
            path = str(Path(node.path).parent / name)
            raise ConfigError(path, f"a cue of more than {MAX_CUE} characters", number)
        cues.append(cue)
    return cues


MAX_CUE = 200  # characters: a cue is a word or a phrase, and the matcher nests per character
