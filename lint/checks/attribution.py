"""The ``attribution`` kind: unattributed claims and quotes, vague sources, and the sourcing map."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import regex

from lint.cache import content_key
from lint.cuemodel import CueModel, CueModelFile
from lint.document import Document
from lint.errors import ConfigError
from lint.findings import Finding
from lint.guard import GuardedPattern, GuardScan, opens_with_boundary
from lint.packfiles import read_beside_pack
from lint.rule import Context, Rule
from lint.saferegex import compile_user, finditer_bounded
from lint.sentences import Sentence, sentences
from lint.trie import PhraseSet
from lint.yamlsource import Node, as_choice, as_str, as_str_list, check_keys

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
}
OPTIONAL_LEXICON_KEYS = {"cue_files", "not_cues", "cue_model", "labels", "notes", "vague_patterns"}
REQUIRED_LEXICON_KEYS = LEXICON_KEYS - OPTIONAL_LEXICON_KEYS
# "''" is a double quote mark in some archives and typesetting ("''We will win,'' she said")
_QUOTE_MARK = re.compile(r"[“”\"]|''")
_QUOTE_CHAR = re.compile(r"[“”\"]")  # the same, faster, for a text without "''"
_QUOTE_END = re.compile(r"[,.?!](?:[\"”]|'')")
_QUOTE_DOUBLED = re.compile(r"(?:[\"“]|'')((?:(?!'')[^\"“”]){3,}?)(?:[\"”]|''|$)", re.DOTALL)
_QUOTE_PLAIN = re.compile(r"[\"“]([^\"“”]{3,}?)(?:[\"”]|$)", re.DOTALL)
# at most sixteen words ("According to a registration document filed with the ..." under
# (?i)): an unbounded run of capitals (a shouted paragraph) would make every search that tries
# it from each word quadratic
_NAME = r"(?:[A-Z][\w’'./-]*(?:\s+(?:of\s+|the\s+|de\s+|von\s+der\s+)?[A-Z][\w’'./-]*){0,15})"


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
    claim: GuardedPattern
    breaks: PhraseSet
    pronoun: PhraseSet
    labels: frozenset[str] = frozenset()  # "Correction:" is a label, not a speaker
    notes: frozenset[str] = frozenset()  # "Editor's note:" opens the publication's own note
    cue_model: CueModelFile | None = None
    signature: str = ""


@dataclass(frozen=True)
class AttributionOptions:
    """Which finding a rule reports, and the shared lexicon."""

    report: str
    lexicon: Lexicon


@dataclass(frozen=True)
class SentenceInfo:
    """The sourcing of one sentence: the contract of ``copydesk sources``."""

    start: int
    end: int
    attributed: bool
    needs_attribution: bool
    cue: str | None
    source: str | None
    quote: tuple[int, int] | None = None
    claim: tuple[int, int] | None = None
    learned: bool = False  # the cue is the learned model's (see ``_learned``)
    unvoiced: bool = False  # in a quotation whose only cues are its own words: no speaker


def compile_attribution(fields: dict[str, Node], rule_node: Node) -> AttributionOptions:
    """Validate ``report`` and the ``lexicon`` mapping."""
    report = as_choice(fields["report"], "report", REPORTS)
    lex = check_keys(fields["lexicon"], LEXICON_KEYS, REQUIRED_LEXICON_KEYS, "'lexicon'")
    skip = {"source_patterns", "cue_files", "cue_model"}
    words = {key: as_str_list(node, key) for key, node in lex.items() if key not in skip}
    if "cue_files" in lex:
        for name in as_str_list(lex["cue_files"], "cue_files"):
            words["cues"] = words["cues"] + _read_cue_file(lex["cue_files"], name)
    patterns = [
        _user_pattern(
            item, "source_patterns", as_str(item, "source_patterns").replace("{NAME}", _NAME)
        )
        for item in lex["source_patterns"].value or []
    ]
    claims = [
        _user_pattern(item, "claims", as_str(item, "claims")) for item in lex["claims"].value or []
    ]
    vague = [
        _user_pattern(item, "vague_patterns", as_str(item, "vague_patterns"))
        for item in (lex["vague_patterns"].value or [] if "vague_patterns" in lex else [])
    ]
    model_file = _read_model(lex["cue_model"]) if "cue_model" in lex else None
    model_key = (model_file[0], content_key(model_file[1])) if model_file else None
    signature = repr((sorted(words.items()), [p.pattern for p in patterns], model_key))
    lexicon = _LEXICONS.get(signature)
    if lexicon is None:  # the three shipped rules share one lexicon: compile it once
        lexicon = _compile_lexicon(words, patterns, claims, signature)
        lexicon = replace(lexicon, vague_patterns=tuple(vague))
        if model_file is not None:
            lexicon = replace(lexicon, cue_model=CueModelFile(*model_file))
        _LEXICONS[signature] = lexicon
    return AttributionOptions(report, lexicon)


_LEXICONS: dict[str, Lexicon] = {}


def _user_pattern(item: Node, key: str, pattern: str) -> regex.Pattern[str]:
    try:
        return compile_user(pattern, ignorecase=key == "claims")
    except regex.error as exc:
        raise item.error(f"'{key}' has a regex that does not compile: {exc}") from None


def _compile_lexicon(
    words: dict[str, list[str]],
    patterns: list[regex.Pattern[str]],
    claims: list[regex.Pattern[str]],
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
        claim=GuardedPattern.build(compile_user(_one_pattern(claims), ignorecase=True)),
        breaks=PhraseSet(words["breaks"], before="^[\"“‘']?"),
        pronoun=PhraseSet(words["pronouns"]),
        labels=frozenset(_fold(label) for label in words.get("labels", [])),
        notes=frozenset(_fold(label) for label in words.get("notes", [])),
        signature=signature,
    )


def _fold(words: str) -> str:
    """Words compared without case, curly apostrophes or spacing ("Editor’s  Note")."""
    return " ".join(words.lower().replace("’", "'").split())


def _one_pattern(claims: list[regex.Pattern[str]]) -> str:
    """The claim signals as one alternation; those opening with ``\\b`` share it."""
    bounded = [p.pattern[2:] for p in claims if opens_with_boundary(p.pattern)]
    others = [p.pattern for p in claims if not opens_with_boundary(p.pattern)]
    shared = [rf"\b(?:{'|'.join(bounded)})"] if bounded else []
    return f"(?:{'|'.join(shared + others)})"


def _read_model(node: Node) -> tuple[str, str]:
    """The path and text of the cue model file a lexicon names beside its pack."""
    name = as_str(node, "cue_model")
    return str(Path(node.path).parent / name), read_beside_pack(node, name)


def _read_cue_file(node: Node, name: str) -> list[str]:
    """Cues from a file beside the pack: the first tab-separated field of each line."""
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


# --- analysis ----------------------------------------------------------------------------------


def analyse(doc: Document, lexicon: Lexicon, complete: bool = True) -> list[SentenceInfo]:
    """Sentence-level sourcing of a document (memoised on the document per lexicon).

    With ``complete`` false, claims are looked for only in sentences with neither a cue of
    their own nor a quotation's speaker, and the learned cue model is not asked, which is all
    the checks need; any other sentence then has no ``claim`` and its ``needs_attribution``
    reflects its quotation alone.
    """
    for key in (
        ("attribution", lexicon.signature, True),
        ("attribution", lexicon.signature, complete),
    ):
        cached = doc.cache.get(key)
        if isinstance(cached, list):
            return cached
    found = _analyse(doc, lexicon, complete)
    doc.cache[("attribution", lexicon.signature, complete)] = found
    return found


def _analyse(doc: Document, lexicon: Lexicon, complete: bool) -> list[SentenceInfo]:
    text = doc.prose
    units = sentences(doc)
    sources = [pattern.scan(text) for pattern in lexicon.source_patterns]
    local = [_local(text, s, sources, lexicon) for s in units]
    claims = lexicon.claim.scan(text)
    quoted, spoken, unvoiced = _quoted_sentences(doc, units, local)
    own, latest = _resolve_sources(local, units, text)
    openers = _paragraph_openers(units, local, text, lexicon)
    intros = _colon_intros(units, local, text)
    first_person: dict[int, bool] = {}  # per paragraph, filled as claims need it
    result = []
    for i, sentence in enumerate(units):
        # "He said it over and over" inside a quotation: the speaker's words, the speaker's
        # own attribution
        cue = None if i in spoken else local[i][0]
        body = text[sentence.start : sentence.end]
        quote = _quote_span(body, sentence.start)
        unsourced = cue is None and i not in quoted  # only these can take a claim finding
        claim = _claim_span(sentence, claims) if complete or unsourced else None
        if claim is not None and _writers_view(text, sentence, first_person):
            claim = None  # the writer's own view ("I think ..."), signed by the byline
        if claim is not None and _in_note(text, sentence, lexicon):
            claim = None  # "Correction: ...": the publication's own statement
        needs = sentence.block.kind not in ("heading", "title") and (
            claim is not None or quote is not None
        )
        cover = None  # the sentence whose attribution covers this one, if it has none itself
        if cue is None:
            if i in quoted:
                cover = quoted[i]
            elif intros[i] is not None:
                cover = intros[i]  # "The report found:" then a list or a paragraph: its content
            elif needs and not _turns(sentence, text, lexicon):  # "However, ...": none covers
                # only a sentence that needs a source takes its neighbour's: a plain fact
                # after a quotation is the reporter's, not the speaker's
                cover = _carried(units, local, i, text, openers[i])
        carried = cue is None and (i in quoted or cover is not None)
        attributed = cue is not None or carried
        source = own[i] if cue else None
        if complete and cue is not None and source is None:
            span = _first_cue(body, lexicon)
            if span is not None:
                source = _source_further(body, span, latest[i], lexicon)
        if carried:  # the covering sentence's source: the map names none rather than guess
            source = own[cover] if cover is not None else None
            if cover is not None and local[cover][0] is None:
                # "Mr Howard was dismissive. 'These things happen.'": its subject speaks next
                subject = _clean_source(_person_subject(doc, units[cover]), lexicon)
                source = _pronoun_resolved(subject, latest[cover])
        info = SentenceInfo(
            start=sentence.start,
            end=sentence.end,
            attributed=attributed,
            needs_attribution=needs,
            cue=cue,
            source=source,
            quote=quote,
            claim=claim,
            unvoiced=i in unvoiced,
        )
        if complete and lexicon.cue_model is not None and not needs:
            model = lexicon.cue_model.model
            if cue is not None and _doubted(body, cue, lexicon, model):
                info = replace(info, attributed=False, cue=None, source=None)
            if not info.attributed:
                info = _learned(info, body, latest[i], lexicon, model)
        result.append(info)
    return result


def _learned(
    info: SentenceInfo, body: str, last_source: str | None, lexicon: Lexicon, model: CueModel
) -> SentenceInfo:
    """A sentence that needs no source, attributed if the learned model finds its cue.

    The model decides only sentences with neither a claim nor a quotation, and its cues cover
    no other sentence: every finding stays the rules' own, explained by the lexicon a newsroom
    can read and edit. The model only tells the map which plain sentences report someone's
    account ("Clinton championed the plan").
    """

    # a word the pack lists inside a not-cue phrase ("talks continued") is no cue here either
    found = model.best_cue(
        body, lambda: _quotations(body), lambda span: not _in_not_cue(body, span, lexicon)
    )
    if found is None:
        return info
    cue = found[:2]
    source = _clean_source(_source_near(body, cue), lexicon)
    if source is None:
        source = _source_further(body, cue, last_source, lexicon)
    else:
        source = _pronoun_resolved(source, last_source)
    return replace(info, attributed=True, cue=body[cue[0] : cue[1]], source=source, learned=True)


def _doubted(body: str, cue: str, lexicon: Lexicon, model: CueModel) -> bool:
    """Whether the model overrules a noun cue in a sentence that needs no source: "The poll
    of 1,000 voters was taken on Thursday" reports no one's account. A noun cue counts there
    only if the model also reads it as a cue; verbs ("said") always count, and in a sentence
    with a claim or a quotation the lexicon alone decides.
    """
    if cue.lower() not in _NOUN_CUES:
        return False
    span = _first_cue(body, lexicon)
    if span is None:
        return False
    probability = model.probability_at(body, span[0], lambda: _quotations(body))
    return probability is not None and probability < model.threshold


def _quotations(body: str) -> list[tuple[int, int]]:
    """The quoted spans of a sentence."""
    return quote_regions(body, 0, len(body)) if _has_quote_mark(body, 0, len(body)) else []


def _pronoun_resolved(source: str | None, last_source: str | None) -> str | None:
    """A cleaned source, with a pronoun referred back to the last source named."""
    if source in (_PRONOUN, _PLURAL_PRONOUN):
        return _refer_back(last_source, plural=source == _PLURAL_PRONOUN)
    return source


def _resolve_sources(
    local: list[tuple[str | None, str | None]], units: list[Sentence], text: str
) -> tuple[list[str | None], list[str | None]]:
    """Each sentence's own source with pronouns resolved, and the last source named by it."""
    own: list[str | None] = []
    latest: list[str | None] = []
    last: str | None = None
    for i, (_, source) in enumerate(local):
        if source == _PLURAL_PRONOUN:
            source = _refer_back(last, plural=True) or _named_group(units, i, text)
        elif source == _PRONOUN:
            source = _refer_back(last, plural=False)
        elif source:
            last = source
        own.append(source)
        latest.append(last)
    return own, latest


# Two people named as the subject of a sentence ("Blinken and Lammy arrived"), whom a later
# "they" can mean though neither was quoted.
_NAMED_GROUP = re.compile(rf"\b({_NAME}\s+and\s+{_NAME})(?=\s+[a-z])")


def _named_group(units: list[Sentence], i: int, text: str) -> str | None:
    """The group a plural pronoun refers to: two people named in the sentence before it."""
    if i == 0:
        return None
    before = units[i - 1]
    found = _NAMED_GROUP.search(text, before.start, before.end)
    if found is None:
        return None
    return " ".join(_without_connectives(found.group(1).split())) or None


def _local(
    text: str, sentence: Sentence, sources: list[GuardScan], lexicon: Lexicon
) -> tuple[str | None, str | None]:
    for scan in sources:
        match = scan.search(sentence.start, sentence.end)
        if match and _fold(match.groupdict().get("source") or "") not in lexicon.labels:
            return match.group(0).strip(), _clean_source(match.groupdict().get("source"), lexicon)
    body = text[sentence.start : sentence.end]
    cue = _first_cue(body, lexicon)
    if cue is None:
        return None, None
    source = _clean_source(_source_near(body, cue), lexicon)
    if source is None:  # "In his opinion, ...": the cue's own pronoun refers back
        owner = next(
            (w for w in body[cue[0] : cue[1]].split() if lexicon.pronoun.fullmatch(w)), None
        )
        source = _clean_source(owner, lexicon)
    return body[cue[0] : cue[1]], source


def _first_cue(body: str, lexicon: Lexicon) -> tuple[int, int] | None:
    """The cue of a sentence: the first outside its quotations, else the first inside.

    A cue inside a not-cue phrase ("showed up") is not one, nor is a capitalised cue inside
    the sentence, which is part of a name or title ("the Mobile Data Association", "Most
    Wanted"), unless the sentence is a title-case headline. A cue inside a quotation ("'I
    think we will win,' she said") is the speaker's word, not the attribution.
    """
    cue = lexicon.cue.search(body)
    if cue is None:
        return None
    quoted = quote_regions(body, 0, len(body)) if _has_quote_mark(body, 0, cue[0]) else []
    headline = _title_case(body) if body[cue[0]].isupper() else False
    if not _inside(cue, quoted) and _counts(body, cue, lexicon, headline):
        return cue
    headline = _title_case(body)
    found = [c for c in lexicon.cue.finditer(body) if _counts(body, c, lexicon, headline)]
    outside = [c for c in found if not _inside(c, quoted)]
    chosen = outside or found
    return chosen[0] if chosen else None


def _inside(span: tuple[int, int], regions: list[tuple[int, int]]) -> bool:
    """Whether a span lies strictly within one of the regions."""
    return any(start < span[0] and span[1] < end for start, end in regions)


def _counts(body: str, cue: tuple[int, int], lexicon: Lexicon, headline: bool) -> bool:
    """Whether a cue found in a sentence is one here: not in a not-cue phrase or a name, nor
    a label before a colon ("Analysis: ...")."""
    if not headline and _named(body, cue):
        return False
    if body.startswith(":", cue[1]) and _fold(body[: cue[1]]) in lexicon.labels:
        return False
    return not _in_not_cue(body, cue, lexicon)


def _in_not_cue(body: str, cue: tuple[int, int], lexicon: Lexicon) -> bool:
    """Whether a cue lies inside one of the lexicon's not-cue phrases ("talks continued")."""
    if lexicon.not_cue is None or " ".join(body[cue[0] : cue[1]].lower().split()) not in (
        lexicon.not_cue_holds
    ):
        return False
    # a not-cue phrase holding the cue lies within reach of it
    offset = max(0, cue[0] - lexicon.not_cue_reach)
    near = body[offset : cue[1] + lexicon.not_cue_reach]
    return any(
        s + offset <= cue[0] and cue[1] <= e + offset for s, e in lexicon.not_cue.finditer(near)
    )


_NEXT_WORD = re.compile(r"\s+([\w&])")


def _named(body: str, cue: tuple[int, int]) -> bool:
    """Whether a cue is inside a name: capitalised after the sentence's first word, and followed
    by a capitalised word ("the Mobile Data Association"). A name that ends with the cue is
    a source ("the ABC News Poll found").
    """
    if not body[cue[0]].isupper() or not body[: cue[0]].strip(" \"“‘'([-—"):
        return False
    after = _NEXT_WORD.match(body, cue[1])
    return after is not None and (after.group(1).isupper() or after.group(1) == "&")


def _title_case(body: str) -> bool:
    """Whether three words in four of a sentence are capitalised, as in a headline."""
    words = [w for w in body.split() if w[:1].isalpha()]
    return len(words) > 1 and sum(w[0].isupper() for w in words) * 4 >= len(words) * 3


_PRONOUN = "\0pronoun"
_PLURAL_PRONOUN = "\0plural pronoun"
_PLURAL = frozenset(["they", "their", "them"])
# Words a capitalised-name pattern finds that name no one: the quoted speaker's own voice
# ("I think"), and times ("Donald Trump on Sunday tweeted").
_NOT_NAMES = frozenset(
    [
        *("i", "we", "you", "it", "my", "our", "your", "me", "us", "do"),
        *("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    ]
)


def _refer_back(last_source: str | None, plural: bool) -> str | None:
    """The source a pronoun refers to: the last named one, if its number agrees."""
    if last_source is None or not plural:
        return last_source
    words = last_source.split()
    group = " and " in last_source or (words[-1].endswith("s") and not words[-1][0].isupper())
    led = words[0].lower() in ("both", "the", "two", "three", "many", "several", "some")
    return last_source if group or (led and words[-1].endswith("s")) else None


_LEADING = frozenset(
    [
        "although",
        "however",
        "but",
        "and",
        "as",
        "while",
        "when",
        "after",
        "before",
        "if",
        "because",
        "then",
        "also",
        "so",
        # "On Tuesday Mr Ebbers said"; not "sunday", which opens newspapers' names
        *("on", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"),
    ]
)


_DAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
# between a source and its verb: "Clinton has not mentioned", "Trump has steadfastly refused",
# "he later said"
_AUXILIARIES = r"(?:(?:has|had|have|also|not|never|once|later|again|[a-z]+ly)\s+){0,3}"
# "At the risk of stating ...": a cue after a preposition has no source before it
_PREPOSITION = r"(?:of|for|to|in|on|at|by|with|from|about|into)\b"
_SOURCE_BEFORE = re.compile(
    rf"({_NAME}|\b(?:[Hh]e|[Ss]he|[Tt]hey)\b"
    rf"|\b(?:[Tt]he|[Bb]oth)\s+[a-z][\w-]*(?:\s+(?!{_PREPOSITION})[a-z][\w-]*)?)"
    rf"(?:\s+(?:on|late|early|last)\s+{_DAY}(?:\s+(?:morning|afternoon|evening|night))?)?"
    rf"\s+{_AUXILIARIES}$"
)
_SOURCE_AFTER = re.compile(rf"\s+({_NAME}|the\s+[\w-]+(?:\s+[\w-]+)?)")
_INVERTED = re.compile(r"[,\"”’']\s*$")  # '"...," said the minister': the source follows
# '"...," the RNC member said', '"...," Jeff Weaver, Sanders' campaign manager, said': the
# words between a quotation and its cue name the speaker
_AFTER_QUOTE = re.compile(
    r"[,?!—-]\s*(?:[\"”’]|'')\s+((?:[^\s\"“”]+\s+){0,11}?[^\s\"“”]+?),?"
    rf"\s+{_AUXILIARIES}$"
)
_CLAUSE_WORDS = frozenset(["and", "but", "or", "then", "while", "as", "because", "when", "who"])
# The sentence's opening noun phrase as the source of a verb it leads to, perhaps across an
# apposition: "Rep. Meeks, chairman of the caucus, said", "A union of flight attendants endorsed".
_OPENING_SUBJECT = re.compile(
    r"(?!(?:In|On|At|After|Before|During|Since|For|With|By|From|When|While|If|As|Although|Despite"
    r"|Under|Over|Asked|It|There|This|We|I|You|He|She|They|No|Yet|Among|Following|Earlier|Later)\b)"
    r"((?:[A-Z][\w.'’-]*|[Tt]he|[Aa]n?)"
    r"(?:\s+(?!(?:to|that|who|which|is|was|are|were|will|would|has|have|had|and|does|do|did|not"
    r"|never|meanwhile|however)\b)(?![\w.'’-]*n[’']t\b)[\w(][\w.'’()&-]*){0,6})"
    rf"(?:(?:,[^,\"“”]{{1,120}}){{1,4}},)?\s+{_AUXILIARIES}$"
)
# Cues that are nouns ("a spokesman for", "the report"): a phrase before one modifies it.
_NOUN_CUES = frozenset(
    [
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "poll",
        "report",
        "survey",
        "study",
        "figures",
        "data",
        "research",
        "analysis",
        "statement",
        "speech",
        "letter",
        "memo",
        "interview",
        "remarks",
        "testimony",
        "warning",
        "allegations",
        "sources",
        "according",
        "prediction",
        "rumours",
        "rumors",
    ]
)
_DETERMINERS = frozenset(["a", "an", "the", "of", "for", "to", "in", "on"])


def _opening_subject(body: str, cue: tuple[int, int]) -> str | None:
    """The noun phrase that opens a sentence and leads to its cue, if the cue is a verb.

    A headline ("Howard dismisses Tory tax fears") has no closing stop and no subject to name.
    """
    if body.rstrip()[-1:] not in ".!?\"”'’" or body[cue[0] : cue[1]].split()[0].lower() in (
        _NOUN_CUES
    ):
        return None
    opening = _OPENING_SUBJECT.match(body, 0, cue[0])
    if opening is None or opening.group(1).split()[-1].lower() in _DETERMINERS:
        return None
    return opening.group(1)


def _source_near(body: str, cue: tuple[int, int]) -> str | None:
    before = _SOURCE_BEFORE.search(body, 0, cue[0])
    if before:
        return _mended(body, cue, before.group(1))
    opening = _opening_subject(body, cue)
    if opening:
        return _mended(body, cue, opening)
    speaker = _AFTER_QUOTE.search(body, 0, cue[0])
    if (
        speaker
        and body[cue[0] : cue[1]].split()[0].lower() not in _NOUN_CUES  # "a BT spokesman"
        and _CLAUSE_WORDS.isdisjoint(speaker.group(1).lower().split())
    ):
        return _mended(body, cue, speaker.group(1))
    if not _INVERTED.search(body, 0, cue[0]):
        return None  # "said the plan was sound": what follows is what was said
    after = _SOURCE_AFTER.match(body, cue[1])
    return after.group(1) if after else None


def _mended(body: str, cue: tuple[int, int], phrase: str) -> str:
    """A phrase found before a cue, mended: with the noun cue it modifies ("The party
    spokesman"), the agent of a passive ("The bill was opposed by the House"), the subject
    of a coordinated verb ("Giles attempted to reach the campaign and said"), or cut at its
    first auxiliary or modal ("the review will conclude"). A source is named either way, so
    what the sentence covers stays the same."""
    words = phrase.split()
    noun = body[cue[0] : cue[1]].split()[0]
    if noun.lower() in _NOUN_CUES and words[0].lower() == "the" and phrase[4:].islower():
        return f"{phrase} {noun}"  # "The new survey": the words before a noun cue modify it
    found = None
    if words[-1] in _PASSIVE:
        found = _compiled(_AGENT).match(body, cue[1])
    elif words[-1] in ("and", "but", "or", "then"):
        found = _compiled(_OPENING_NAME).match(body, 0, cue[0])
    if found:
        return found.group(1)
    cut = next((k for k, word in enumerate(words) if k and word in _VERB_WORDS), None)
    kept = _without_connectives(words[:cut]) if cut is not None else []
    if kept and kept[-1].lower() not in _NO_SUBJECT:
        return " ".join(words[:cut])  # "the review will conclude", "Coaches should let players"
    return phrase


def _source_further(
    body: str, cue: tuple[int, int], last_source: str | None, lexicon: Lexicon
) -> str | None:
    """For the map only, the source of a cue with none next to it (see ``_verb_source`` and
    ``_possessor``). These sources never let a sentence cover its paragraph: many are groups
    ("analysts say") or sit in a subordinate clause, which name no one a claim can rest on.
    """
    noun = body[cue[0] : cue[1]].split()[0].lower()
    document = noun in _DOCUMENTS or noun.removesuffix("s") in _DOCUMENTS  # "after reports"
    if noun in _NOUN_CUES or document:
        found = _possessor(body, cue)
        if found is None and document:
            found = _document(body, cue)
    else:
        found = _verb_source(body, cue)
    return _pronoun_resolved(_clean_source(found, lexicon), last_source)


# The map's further source patterns below are kept as text and compiled on first use: they
# cost about 9 ms to compile, which ``copydesk check`` (it rarely needs them) should not pay at
# every start.
_compiled = cache(re.compile)


_NOT_OPENING = (
    r"(?!(?:In|On|At|After|Before|During|Since|For|With|By|From|When|While|If|As|Although"
    r"|Despite|Under|Over|Asked|It|There|This|That|The|A|An|We|I|You|He|She|They|No|Yet|But|And"
    r"|So|Among|Following|Earlier|Later|Meanwhile|However|Still|Now|Then|Both|Along|Elsewhere|One"
    r"|Some|Many|Most|All|Each|Every|Other|Another)\b)"
)
# Plural nouns for people, who can be a source as a group: "aides say", "analysts said".
_GROUP_NOUNS = (
    r"(?:aides|analysts|economists|experts|officials|advisers|advisors|critics|observers|investors"
    r"|shareholders|lawmakers|legislators|voters|residents|campaigners|activists|supporters"
    r"|opponents|leaders|ministers|members|executives|researchers|scientists|doctors|police"
    r"|officers|staff|staffers|sources|lawyers|judges|fans|players|managers|producers|authorities"
    r"|councillors|councilors|politicians|diplomats|delegates|republicans|democrats|conservatives"
    r"|liberals|strategists|donors|attendees|protesters|workers|unions|employees|parents|teachers"
    r"|students|users|consumers|customers|traders|dealers|bankers|regulators|prosecutors"
    r"|investigators|witnesses|commentators|pundits|pollsters|insiders|allies|rivals|colleagues"
    r"|friends|neighbours|neighbors|families|victims|survivors|drivers|writers|readers|viewers"
    r"|listeners|people|groups|companies|firms|governments|countries|states|agencies)"
)
_GROUP = (
    r"(?:(?:[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Ss]ome|[Mm]any|[Mm]ost|[Ss]everal|[Oo]ther|[Aa]\s+number"
    r"\s+of|[Aa]\s+group\s+of|[Tt]he)\s+)?(?:(?!(?:with|and|but|or|of|for|to|in|on|at|by|as|that"
    r"|than|from|after|before|while|when|if|because|who|which|where|do|does|did|can|will|would"
    r"|should|could|may|might|must|are|were|is|was|have|has|had)\s)[a-z][\w-]*\s+)?"
    rf"{_GROUP_NOUNS}"
)
# The agent of a passive cue: "opposed by House Republicans", "charged by the Greek authorities".
_TITLES = (
    r"(?:coach|manager|boss|chairman|chairwoman|chief|president|minister|secretary|leader"
    r"|captain|spokesman|spokeswoman|director|head|founder|editor|governor|senator)"
)
_AGENT = (
    rf"\s+by\s+((?:the\s+)?{_NAME}(?:\s+{_TITLES}\s+{_NAME}|\s+(?:[a-z][\w-]*\s+)?{_GROUP_NOUNS}\b)?"
    rf"|{_GROUP})\b"
)
_CONTRACTED = frozenset(["", "let", "he", "she", "it", "that", "there", "what", "who", "here"])
_VERB_WORDS = frozenset(
    [
        *("will", "would", "can", "could", "may", "might", "must", "should", "shall", "cannot"),
        *("is", "are", "was", "were", "be", "been", "being", "did", "does", "do"),
    ]
)
_NO_SUBJECT = _NOT_NAMES | {"the", "a", "an"}  # what would leave no source once cleaned
_PASSIVE = frozenset(["was", "were", "is", "are", "been", "be"])
# "let players know", "hear aspiring writers read": the group does, it does not report
_CAUSATIVE = frozenset(
    [
        *("let", "lets", "make", "makes", "made", "help", "helps", "helped", "hear", "heard"),
        *("see", "saw", "watch", "watched"),
    ]
)
_PARTICIPLES = frozenset(["written", "seen", "shown", "known", "told", "said", "made", "given"])
# A group just before its verb: "aides say", "political analysts say", "his advisers said".
_GROUP_BEFORE = rf"(?<![\w’'-])({_GROUP})\s+{_AUXILIARIES}$"
# "Fiorina was upfront about her distaste for Trump, saying ...": the subject speaks
_PARTICIPLE_CLAUSE = re.compile(r"(?:,|\bby)\s+$")
# A verb that goes on from the sentence's subject: "Giles attempted ... and said", "Kasich
# cautioned ... before predicting".
_COORDINATED = re.compile(r"\b(?:and|but|before|after|then|while)\s+(?:[a-z]+ly\s+)?$")
_OPENING_NAME = (
    rf"(?:[^,]{{1,60}},\s+)?{_NOT_OPENING}({_NAME})(?:\s+\([^)]{{1,40}}\))?(?:,[^,]{{1,120}},)?"
    r"\s+(?:[a-z]+ly\s+)?(?:has|had|have|is|was|will|would|can|could|[a-z]+ed|said|says|told)\b"
)
# Whose the noun cue is: "Christie's Nov. 14 speech", "Mr. Pence used his keynote speech".
_POSSESSOR = (
    rf"(?:({_NAME})[’']s?|\b([Hh]is|[Hh]er|[Tt]heir))\s+"
    r"(?:(?!(?:to|of|a|an|the|in|on|for|by|with|from|at|about)\s)[\w.-]+\s+){0,3}$"
)
_SUBJECT_BEFORE = (
    rf"{_NOT_OPENING}(?!(?:What|Which|Who|Why|How|Where)\b)({_NAME})\s+(?:[a-z]+\s+){{1,3}}$"
)


def _verb_source(body: str, cue: tuple[int, int]) -> str | None:
    """The source of a verb cue that has none next to it: a passive's agent, a plural group
    just before it, or the subject of the verb it is coordinated with or that a participle
    after a comma goes on from."""
    words = body[cue[0] : cue[1]].split()
    last = words[-1].lower()
    if last.endswith("ed") or last in _PARTICIPLES:
        agent = _compiled(_AGENT).match(body, cue[1])
        if agent:
            return agent.group(1)
    group = _compiled(_GROUP_BEFORE).search(body, 0, cue[0])
    if group and not _CAUSATIVE.intersection(body[: group.end(1)].lower().split()[-3:-1]):
        return group.group(1)
    clause = last.endswith("ing") and _PARTICIPLE_CLAUSE.search(body, 0, cue[0])
    if clause or _COORDINATED.search(body, 0, cue[0]):
        opening = _compiled(_OPENING_NAME).match(body, 0, cue[0])
        if opening:
            return opening.group(1)
    return None


# Noun cues that are themselves the source they name: "The survey found", "A new CNN/ORC poll".
_DOCUMENTS = frozenset(
    [
        *("poll", "report", "survey", "study", "data", "research", "analysis", "statement"),
        *("letter", "memo", "figures"),
    ]
)
_DOCUMENT_OPENING = r"[\"“‘']?((?:The|A|An|Its|Their)\s+(?:(?!(?:a|an|the)\s)[\w/&.’'-]+\s+){0,3})$"


def _document(body: str, cue: tuple[int, int]) -> str | None:
    """A document cue that opens its sentence, with its article and modifiers: "The survey
    found", "A new CNN/ORC poll shows". One met later ("He issued a statement") is not the
    source but what the source put out."""
    found = _compiled(_DOCUMENT_OPENING).match(body, 0, cue[0])
    return found.group(1) + body[cue[0] : cue[1]].split()[0] if found else None


def _possessor(body: str, cue: tuple[int, int]) -> str | None:
    """The owner of a noun cue: a name with "'s", or the sentence's subject a "his" or "her"
    refers to. A "his" with no subject before it is left unresolved: on PolNeAR train the last
    source named was its owner only a third of the time."""
    owner = _compiled(_POSSESSOR).search(body, 0, cue[0])
    if owner is None:
        return None
    if owner.group(1):
        return owner.group(1)
    subject = _compiled(_SUBJECT_BEFORE).search(body, 0, owner.start())
    return subject.group(1) if subject else None


def _without_connectives(words: list[str]) -> list[str]:
    """The words of a source after its leading connectives ("But", "And", "However") and days
    ("On Tuesday Mr Ebbers")."""
    while words and words[0].lower() in _LEADING:
        words = words[1:]
    return words


_CONTRACTION = re.compile(r"([A-Za-z]{1,4})[’'](?:s|ve|d|ll|re|m)")
_ADVERBS = frozenset(["also", "still"])
_LONE_WORDS = frozenset(["the", "a", "an", "this", "that", "these", "those", "by", "so"])


def _clean_source(source: str | None, lexicon: Lexicon) -> str | None:
    """Drop sentence connectives from a source; a pronoun refers back to the last source."""
    if not source:
        return None
    words = _without_connectives(source.split())
    for at, word in enumerate(words[1:], start=1):
        if word in _ADVERBS:  # "The 32-year-old also", "Obama still": the subject ends there
            words = words[:at]
            break
    if not words or (len(words) == 1 and words[0].lower() in _LONE_WORDS):
        return None  # "A study by ... found": "A" names no one
    contracted = _CONTRACTION.fullmatch(words[0]) if len(words) == 1 else None
    if contracted and (  # "He's supported", "I've said": the pronoun before the contraction
        lexicon.pronoun.fullmatch(contracted.group(1)) or contracted.group(1).lower() in _NOT_NAMES
    ):
        words = [contracted.group(1)]
    if len(words) == 1 and lexicon.pronoun.fullmatch(words[0]):
        return _PLURAL_PRONOUN if words[0].lower() in _PLURAL else _PRONOUN
    last = words[-1]
    if len(last) > 4 and last.endswith(".") and last[:-1].isalpha():
        words[-1] = last[:-1]  # '"...," said Mulgrew.': the sentence's stop, not an initial
    elif last[-2:] in ("’s", "'s") and last[:-2].lower() not in _CONTRACTED:
        words[-1] = last[:-2]  # "Christie's speech": the speech is Christie's
    if words[-1].lower() in _NOT_NAMES:  # "Thursday's figures" are no one's
        return None
    return " ".join(words)


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


def _quoted(text: str) -> re.Pattern[str]:
    """The quotation pattern for a text: the slower one knows "''" and is used only for it."""
    return _QUOTE_DOUBLED if "''" in text else _QUOTE_PLAIN


def _has_quote_mark(text: str, start: int, end: int) -> bool:
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


def _quoted_sentences(
    doc: Document, units: list[Sentence], local: list[tuple[str | None, str | None]]
) -> tuple[dict[int, int | None], set[int], set[int]]:
    """Sentences inside a quotation whose speaker is named next to it (before, in, or after),
    each with the sentence that names the speaker: for a quotation that goes on from the
    paragraph before, the last sentence before it to name a source; for one after a sentence
    about a person, that sentence; ``None`` when no sentence names one (a cue with no source
    next to it, a lead-in ending in a colon). Guessing the last source named for those was
    wrong 268 times in 357 on PolNeAR train.

    Also the sentences with a cue that a quotation with a named speaker holds whole: their
    cue is the speaker's word ('"He said it over and over."'), and they are the speaker's;
    and the sentences of a quotation whose only cues are its own words ('"I think we will
    win."'): attributed, as PolNeAR counts them, to a speaker no one names.
    """
    covered: dict[int, int | None] = {}
    spoken: set[int] = set()
    unvoiced: set[int] = set()
    named_before = _last_named(local)
    carry = False  # the quotation opening the next paragraph continues a named speaker
    by_block: dict[int, list[int]] = {}
    for i, unit in enumerate(units):
        by_block.setdefault(unit.block.start, []).append(i)
    for block in doc.blocks:
        members = by_block.get(block.start, [])
        if not members:
            continue
        regions = quote_regions(doc.prose, block.start, block.end)
        for q_start, q_end in regions:
            inside = [i for i in members if units[i].start < q_end and q_start < units[i].end]
            if inside:
                has_speaker, speaker = _speaker(
                    doc,
                    units,
                    local,
                    covered,
                    inside,
                    members,
                    (q_start, q_end),
                    carry,
                    named_before,
                )
                if has_speaker:
                    covered.update((i, speaker) for i in inside)
                elif any(local[i][0] for i in inside):
                    covered.update((i, None) for i in inside)
                    unvoiced.update(inside)
                if speaker is not None:
                    spoken.update(
                        i
                        for i in inside
                        if local[i][0] and _holds(doc.prose, units[i], q_start, q_end)
                    )
        last = regions[-1] if regions else None
        carry = bool(last and last[1] == block.end and covered.keys() & set(members))
        if _introduces(doc, units[members[-1]]) or local[members[-1]][1]:
            # 'He said:' introduces the quotation in the next paragraph, and a paragraph that
            # ends naming its speaker ('..." he said.', 'Smith says ...') goes on in the next
            carry = True
    return covered, spoken, unvoiced


def _speaker(
    doc: Document,
    units: list[Sentence],
    local: list[tuple[str | None, str | None]],
    covered: dict[int, int | None],
    inside: list[int],
    members: list[int],
    quotation: tuple[int, int],
    carry: bool,
    named_before: list[int | None],
) -> tuple[bool, int | None]:
    """Whether a quotation has a speaker, and the sentence that names it, if any (see
    ``_quoted_sentences``).
    """
    q_start, q_end = quotation
    members = _same_item(units, doc.prose, members, inside)
    # the speaker is named inside the quotation, or just after it, or just before it
    near = [*inside, inside[-1] + 1, inside[0] - 1]
    # a cue in a sentence the quotation holds whole is the speaker's word ('"He said it
    # over and over."'), not the quotation's attribution: others name the speaker first
    named = [
        i
        for i in near
        if i in members and local[i][0] and not _holds(doc.prose, units[i], q_start, q_end)
    ]
    if named:
        return True, next((i for i in named if local[i][1]), None)
    before = inside[0] - 1
    if inside[0] in covered or (before in members and before in covered):
        return True, covered.get(inside[0], covered.get(before))  # the same speaker goes on
    lead_in = doc.prose[units[inside[0]].block.start : q_start]
    opens = not lead_in.strip()
    if opens and carry:  # the speaker of the paragraph before goes on
        return True, named_before[inside[0]]
    if lead_in.rstrip().endswith(":"):  # "He went further: '...'"
        return True, None
    if before >= 0 and (opens or before in members) and _person_subject(doc, units[before]):
        # "Mr Howard was dismissive. 'These things happen.'": he speaks, if the quotation
        # opens its sentence rather than being a phrase inside one ('a "worldwide" plan')
        speaks = not doc.prose[units[inside[0]].start : q_start].strip()
        return True, before if speaks else None
    return False, None


def _same_item(
    units: list[Sentence], text: str, members: list[int], inside: list[int]
) -> list[int]:
    """The sentences of a paragraph in the plain-text list item that holds a quotation (all of
    them when the paragraph is no list): another item speaks for itself."""
    first, last = inside[0], inside[-1] + 1
    while first > members[0] and not _opens_item(units[first], text):
        first -= 1
    while last <= members[-1] and not _opens_item(units[last], text):
        last += 1
    return [i for i in members if first <= i < last]


def _holds(text: str, sentence: Sentence, q_start: int, q_end: int) -> bool:
    """Whether a closed quotation holds the whole of a sentence, between its quote marks (an
    unclosed one runs to the paragraph's end, and may hold the reporter's words)."""
    closed = text[q_end - 1] in "\"”'"
    return closed and q_start <= sentence.start and sentence.end <= q_end


def _last_named(local: list[tuple[str | None, str | None]]) -> list[int | None]:
    """For each sentence, the last sentence before it that names a source, if any."""
    found: list[int | None] = []
    last: int | None = None
    for i, (_, source) in enumerate(local):
        found.append(last)
        if source:
            last = i
    return found


# A sentence about a person, who speaks in the quotation that follows: a name or "he"/"she",
# perhaps after an opening phrase and with an apposition, then its verb. A single capitalised
# word may be any sentence's first word ("Shops closed"), so it needs a verb of state ("Kerr
# was delighted").
_NOT_PERSON = (
    r"(?!(?:It|Its|This|That|There|These|Those|The|They|We|I|You|What|Which|Who|Here|A|An|Some"
    r"|Many|All|Most|One|No|Now|Then|Nobody|Everyone|Everybody|Someone|Somebody|Anyone)\b)"
)
_CAPITALISED = r"[A-Z][\w'’-]+"
_STATE_VERB = (
    r"(?:is|was|has|had|looked|seemed|remained|appeared|sounded|felt"
    r"|(?:will|would|did|does|could|can)(?:n[’']t)?|won[’']t|can[’']t)\b"
)
_BETWEEN = r"(?:,[^,]{1,80},)?\s+(?:[a-z]+ly\s+|also\s+|then\s+|still\s+)?"
_NAMED_PERSON = (
    rf"{_NOT_PERSON}(?:(?:Mr|Mrs|Ms|Dr|Prof|Sir)\.?\s+{_CAPITALISED}"
    rf"|{_CAPITALISED}(?:\s+{_CAPITALISED}){{1,2}})"
    r"|[Hh]e|[Ss]he|[Tt]he\s+(?:\d+-year-old|world\s+number\s+\d+)"
)
_PERSON_SUBJECT = re.compile(
    rf"(?:[^,.]{{1,60}},\s+){{0,2}}(?:[A-Za-z-]+\s+){{0,3}}?"
    rf"(?:(?P<named>{_NAMED_PERSON}){_BETWEEN}(?:{_STATE_VERB}|[a-z]+ed\b|[a-z]+s\b)"
    rf"|{_NOT_PERSON}(?P<word>{_CAPITALISED}){_BETWEEN}{_STATE_VERB})"
)


# A one-word subject and an active verb: "Kerr applauded the move."
_WORD_SUBJECT = re.compile(r"([A-Z][a-z’'-]+)\s+[a-z]+(?:ed|s)\b")


def _person_subject(doc: Document, sentence: Sentence) -> str | None:
    """The person a sentence is about, named as its subject (see ``_PERSON_SUBJECT``), if any.

    A single capitalised word opening the sentence is a name if the article also capitalises
    it after a lower-case word ("since Kerr succeeded"), which "Shops closed" never shows.
    """
    person = _PERSON_SUBJECT.match(doc.prose, sentence.start, sentence.end)
    if person:
        return person.group("named") or person.group("word")
    word = _WORD_SUBJECT.match(doc.prose, sentence.start, sentence.end)
    if word is None or re.fullmatch(_NOT_PERSON + r"\w+", word.group(1)) is None:
        return None
    named = re.search(rf"\b[a-z]+\s+{re.escape(word.group(1))}\b", doc.prose) is not None
    return word.group(1) if named else None


def _introduces(doc: Document, sentence: Sentence) -> bool:
    """Whether a sentence ends with a colon that introduces a quotation ("He went further:")."""
    return doc.prose[sentence.start : sentence.end].rstrip().endswith(":")


_BREAK_REACH = 80  # a turn ("However", "On the other hand") opens its sentence


# A sentence that goes on with the document just cited ("The report predicts ...") names the
# source of the sentence before it too.
_REFERS_BACK = re.compile(
    r"(?:The|This|Its|Their)\s+(?:new\s+|latest\s+)?(?:report|study|survey|research|poll|analysis)"
    r"\s+(?:also\s+)?[a-z]+"
)


def _carried(
    units: list[Sentence],
    local: list[tuple[str | None, str | None]],
    i: int,
    text: str,
    opener: int | None,
) -> int | None:
    """The sentence whose attribution covers this one, if any: one sentence earlier or later
    in the same paragraph, else the paragraph's ``opener`` (see ``_paragraph_openers``).

    A later attribution covers only quoted sentences ("'...,' the Secretary-General said"),
    or any sentence when it goes on with a document ("The report predicts ..."). Items of a
    list cover no other item.
    """
    sentence = units[i]
    for j in (i - 1, i + 1):
        if 0 <= j < len(units) and units[j].block == sentence.block and local[j][0]:
            if _opens_item(units[max(i, j)], text):
                continue  # another item of a plain-text list

            neighbour = text[units[j].start : units[j].end]
            body = text[sentence.start : sentence.end]
            if j > i and not (
                _quoted(body).search(body)
                or _QUOTE_END.search(neighbour)
                or _REFERS_BACK.match(neighbour)
            ):
                continue
            return j
    return opener if opener is not None and opener < i - 1 else None


# A list item's line: a Markdown item, or a plain-text line that opens with a list marker.
_LIST_MARKER = re.compile(r"[-~•*][ \t\u00a0]?\S")


def _opens_item(unit: Sentence, text: str) -> bool:
    """Whether a sentence opens an item of a list: a Markdown item's first sentence, or one
    at the start of a plain-text line with a list marker."""
    if unit.block.kind == "item":
        return unit.start == unit.block.start
    return _list_item(unit, text)


def _list_item(unit: Sentence, text: str) -> bool:
    """Whether a sentence is (the start of) an item of a list."""
    if unit.block.kind == "item":
        return True
    if not _LIST_MARKER.match(text, unit.start):
        return False
    # only blanks before it on its line: looked for backwards from the sentence, so that a
    # very long line is not scanned again for each of its sentences
    i = unit.start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i < 0 or text[i] in "\r\n"


def _colon_intros(
    units: list[Sentence], local: list[tuple[str | None, str | None]], text: str
) -> list[int | None]:
    """For each sentence, the sentence that introduces it if that attributes it: it has a cue
    and ends with a colon ("As part of his reforms he has announced:", "Limbaugh added:").
    It introduces the list that follows it, or the paragraph that follows when it ends its
    own: the words quoted as a block, without quote marks.
    """
    intros: list[int | None] = []
    intro: int | None = None  # for the list being read, or the one the last sentence opens
    paragraph: int | None = None  # for the paragraph being read
    for i, unit in enumerate(units):
        if _list_item(unit, text):
            intros.append(intro)
            continue
        if i > 0 and units[i - 1].block != unit.block:
            heading = unit.block.kind in ("heading", "title")
            paragraph = intro if intro == i - 1 and not heading else None
        intros.append(paragraph)
        body = text[unit.start : unit.end]
        intro = i if local[i][0] is not None and body.rstrip().endswith(":") else None
    return intros


def _paragraph_openers(
    units: list[Sentence],
    local: list[tuple[str | None, str | None]],
    text: str,
    lexicon: Lexicon,
) -> list[int | None]:
    """For each sentence, the paragraph's first sentence if that names its source and covers it.

    The rest of a paragraph after a sentence that turns to the reporter's own voice ("However,
    ...") is not covered by its opener. Each item of a plain-text list is a paragraph here.
    """
    openers: list[int | None] = []
    opener: int | None = None
    for i, sentence in enumerate(units):
        if i == 0 or units[i - 1].block != sentence.block or _opens_item(sentence, text):
            cue, source = local[i]
            opener = i if cue is not None and source is not None else None
        elif opener is not None and _turns(sentence, text, lexicon):
            opener = None
        openers.append(opener)
    return openers


def _turns(sentence: Sentence, text: str, lexicon: Lexicon) -> bool:
    """Whether a sentence opens with a turn to the reporter's own voice ("However, ...")."""
    return lexicon.breaks.search(text[sentence.start : sentence.start + _BREAK_REACH]) is not None


# "I" as the writer, not a numeral in a name ("World War I", "the Zone I tie")
_NUMERAL_NAMES = ("War", "Zone", "Group", "Division", "Phase", "Part", "Chapter", "Class", "Stage")
_FIRST_PERSON = re.compile(
    r"(?:^|[\s(])(?:"
    + "".join(rf"(?<!{name}\s)" for name in _NUMERAL_NAMES)
    + r"I(?:[’'](?:m|ve|d|ll))?\s+[a-z]|[Mm]y\s+[a-z]|me\b)"
)


def _writers_view(text: str, sentence: Sentence, paragraphs: dict[int, bool]) -> bool:
    """Whether a sentence is in a paragraph where the writer speaks in the first person: a
    column, a review or a reader's letter, signed by its byline.
    """
    block = sentence.block
    if block.start not in paragraphs:
        paragraphs[block.start] = _first_person(text[block.start : block.end])
    return paragraphs[block.start]


_LABEL = re.compile(r"\s*([^:\n]{1,40}):")


def _in_note(text: str, sentence: Sentence, lexicon: Lexicon) -> bool:
    """Whether a sentence is in a paragraph opening with one of the lexicon's note labels
    ("Correction:", "Editor's note:"): a note in the publication's own voice."""
    label = _LABEL.match(text, sentence.block.start, sentence.block.end)
    return label is not None and _fold(label.group(1)) in lexicon.notes


def _first_person(body: str) -> bool:
    """Whether the writer speaks in the first person outside any quotation in a text."""
    if _FIRST_PERSON.search(body) is None:
        return False
    if not _has_quote_mark(body, 0, len(body)):
        return True
    quoted = quote_regions(body, 0, len(body))
    return any(not _inside(m.span(), quoted) for m in _FIRST_PERSON.finditer(body))


def _quote_span(body: str, offset: int) -> tuple[int, int] | None:
    if '"' not in body and "“" not in body and "''" not in body:
        return None
    for match in _quoted(body).finditer(body):
        words = match.group(1).split()
        if len(words) >= 4 and not _is_title(words) and not _is_phrase(body, match):
            return offset + match.start(), offset + match.end()
    return None


_COPULA = re.compile(r"\s+(?:is|was|are|were|has been|had been|remains|became)\b")


def _is_phrase(body: str, quotation: re.Match[str]) -> bool:
    """A quoted phrase within a sentence rather than quoted speech ('known as "the Eton of the
    valleys"', 'to "set the record straight"'): closed, with no punctuation of its own at its
    end, it follows a word with no comma or colon, or opens the sentence as the subject of "is"
    or "was".
    """
    if body[quotation.end() - 1] not in "\"”'" or quotation.group(1).rstrip()[-1:] in ".?!,;:…":
        return False
    before = body[: quotation.start()].rstrip()
    if not before:  # '"Welcome to CeBit 2005" was the message': a slogan as the subject
        return _COPULA.match(body, quotation.end()) is not None
    return before[-1].isalnum()


def _is_title(words: list[str]) -> bool:
    """A quoted title ("Jerry's Guide to the World Wide Web") rather than quoted speech."""
    if words[-1][-1:] in ".?!,":
        return False
    return sum(word[:1].isupper() for word in words) * 5 >= len(words) * 3


def _quotation_around(doc: Document, offset: int) -> tuple[int, int]:
    """The quotation (reopened sentence by sentence or not) that holds a quote mark's offset;
    the mark's own offset if none is found."""
    for block in doc.blocks:
        if block.start <= offset < block.end:
            for start, end in quote_regions(doc.prose, block.start, block.end):
                if start <= offset < end:
                    return start, end
    return offset, offset


def _vague_sources(prose: str, lexicon: Lexicon) -> list[tuple[int, int]]:
    """The vague sources of a text, from the phrase list and the patterns, in order; where two
    overlap ("experts say" in "some experts say"), the one that starts first, else the longer.
    """
    found = list(lexicon.vague.finditer(prose))
    for pattern in lexicon.vague_patterns:
        found.extend(m.span() for m in finditer_bounded(pattern, prose))
    kept: list[tuple[int, int]] = []
    for start, end in sorted(found, key=lambda span: (span[0], -span[1])):
        if not kept or start >= kept[-1][1]:
            kept.append((start, end))
    return kept


def _claim_span(sentence: Sentence, claims: GuardScan) -> tuple[int, int] | None:
    match = claims.search(sentence.start, sentence.end)
    if match is None:
        return None
    return sentence.start + match.start(), sentence.start + match.end()


# --- the checks --------------------------------------------------------------------------------


def check_attribution(doc: Document, rule: Rule, ctx: Context) -> Iterator[Finding]:
    """Report what the rule's ``report`` names, from the shared sentence analysis."""
    options: AttributionOptions = rule.options
    text = doc.text
    if options.report == "vague-source":
        for start, end in _vague_sources(doc.prose, options.lexicon):
            yield rule.finding(start, end, text[start:end])
        return
    infos = analyse(doc, options.lexicon, complete=False)
    reported: set[tuple[int, int]] = set()  # quotations reported: once each
    for i, info in enumerate(infos):
        # a quotation whose only cues are its own words ("I think ...") still has no speaker
        if options.report == "unattributed-quote" and info.quote is not None:
            if info.attributed and not info.unvoiced:
                continue
            near = (infos[j] for j in (i - 1, i + 1) if 0 <= j < len(infos))
            if not any(n.cue and not n.learned and not n.unvoiced for n in near):
                start, end = info.quote
                quotation = _quotation_around(doc, start)
                if quotation not in reported:
                    reported.add(quotation)
                    yield rule.finding(start, end, text[start:end])
        elif (
            options.report == "unattributed-claim"
            and not info.attributed
            and info.needs_attribution
            and info.quote is None
        ):
            yield rule.finding(info.start, info.end, text[info.start : info.end])
