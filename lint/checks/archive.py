"""Checks against the house archive: names spelled as the archive rarely does, quotations
that differ from the archived wording or speaker (see ``lint.memory``)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lint.checks.names import is_name_inflection
from lint.document import Document
from lint.findings import Finding
from lint.lexicon import is_common_word, is_dictionary_word
from lint.memory.extract import TITLE_WORDS, name_part, name_sequences, quotation_speakers
from lint.memory.lookup import ArchivedQuote, HouseArchive
from lint.memory.quotes import MIN_QUOTE_WORDS, quote_words
from lint.rule import Context, Rule
from lint.sourcing.analysis import analyse
from lint.sourcing.lexicon import AttributionOptions
from lint.yamlsource import Node, as_choice

REAL_WORD_DOMINANCE = 20  # a respelling that is a real word needs this many archive articles
IN_USE_ZIPF = 2.5  # a word this frequent in wordfreq is a name or word in use, not a slip
REPORTS = ("misquote", "misattribution")


@dataclass(frozen=True)
class QuoteOptions:
    """Which quotation finding a rule reports."""

    report: str


def compile_archive_names(fields: dict[str, Node], rule_node: Node) -> None:
    """The names check has no options of its own."""
    return None


def compile_archive_quotes(fields: dict[str, Node], rule_node: Node) -> QuoteOptions:
    """Validate ``report``."""
    return QuoteOptions(as_choice(fields["report"], "report", REPORTS))


def check_archive_names(doc: Document, rule: Rule, ctx: Context) -> Iterator[Finding]:
    """Each name word the archive rarely uses when a near spelling is far commoner there.

    Where the word is part of a fuller name in the article ("Michael Eavis"), the archive
    must also know that name with its spelling ("Michael Davis"): a rare name near a common
    one is otherwise a different person."""
    archive = ctx.archive
    if archive is None:
        return
    sequences = name_sequences(doc)
    runs = [[w for _, w in run] for run in sequences]
    verdicts: dict[str, tuple[str, int, int] | None] = {}
    for run in sequences:
        for start, word in run:
            if word not in verdicts:
                found = _respelling(word, archive)
                agree = found is not None and _fuller_names_agree(word, found[0], runs, archive)
                verdicts[word] = found if agree else None
            verdict = verdicts[word]
            if verdict is None:
                continue
            preferred, articles, own = verdict
            yield rule.finding(
                start,
                start + len(word),
                word,
                (preferred,),
                canonical=preferred,
                articles=str(articles),
                uses=str(own),
            )


def _fuller_names_agree(
    word: str, preferred: str, runs: list[list[str]], archive: HouseArchive
) -> bool:
    """Whether the archive knows, with ``preferred`` for ``word``, the fuller name the article
    writes ``word`` in: the name, or the word with its neighbour in it ("Charles Kennedy" in
    "Liberal Democrat Charles Kennedy"). True when the article writes the word alone."""
    fuller = [part for run in runs if len(part := name_part(run)) > 1 and word in part]
    if not fuller:
        return True
    for part in fuller:
        respelled = [preferred if w == word else w for w in part]
        at = part.index(word)
        candidates = [respelled, respelled[max(0, at - 1) : at + 1], respelled[at : at + 2]]
        if any(len(c) > 1 and archive.name_articles(" ".join(c)) > 0 for c in candidates):
            return True
    return False


def _respelling(word: str, archive: HouseArchive) -> tuple[str, int, int] | None:
    preferred = archive.preferred_spelling(word)
    if preferred is None or is_common_word(word.lower(), IN_USE_ZIPF):
        return None  # a name in use elsewhere ("Greer" beside the archive's "Green")
    if is_name_inflection(word, preferred.spelling):
        return None  # "Israelis" and "Israeli", "Georgian" and "Georgia"
    own = archive.name_articles(word)
    if is_dictionary_word(word.lower()) and (own or preferred.articles < REAL_WORD_DOMINANCE):
        return None  # a real word ("Mark") is a slip only against a name the desk uses a lot
    return preferred.spelling, preferred.articles, own


def check_archive_quotes(doc: Document, rule: Rule, ctx: Context) -> Iterator[Finding]:
    """Quotations of at least eight words that the archive has with other words (a possible
    misquote) or from another speaker (a possible misattribution)."""
    archive, lexicon_rule = ctx.archive, ctx.lexicon_rule
    if archive is None or lexicon_rule is None:
        return
    options: QuoteOptions = rule.options
    attribution: AttributionOptions = lexicon_rule.options
    lexicon = attribution.lexicon
    # the quotations and a first guess at their speakers come from the analysis the
    # attribution checks share; the complete one, which the index's speakers come from, is
    # asked only when that guess differs from the archive's speaker
    quick = quotation_speakers(analyse(doc, lexicon, complete=False))
    for (start, end), guess in sorted(quick.items()):
        words = quote_words(doc.text[start:end])
        if len(words) < MIN_QUOTE_WORDS:
            continue
        matches = archive.matching_quotes(words)
        exact = [m for m in matches if m.edits == 0]
        if options.report == "misquote" and matches and not exact:
            yield _misquote(rule, doc, start, end, matches[0])
        elif options.report == "misattribution" and exact:
            if not any(_different_people(guess, m.speaker) or not guess for m in exact):
                continue
            speaker = quotation_speakers(analyse(doc, lexicon)).get((start, end))
            other = next((m for m in exact if _different_people(speaker, m.speaker)), None)
            if other is not None and speaker is not None:
                yield rule.finding(
                    start,
                    end,
                    doc.text[start:end],
                    speaker=speaker,
                    archived_speaker=other.speaker or "",
                    article=other.article,
                    date=other.date or "undated",
                )


def _misquote(rule: Rule, doc: Document, start: int, end: int, match: ArchivedQuote) -> Finding:
    return rule.finding(
        start,
        end,
        doc.text[start:end],
        wording=match.wording,
        article=match.article,
        date=match.date or "undated",
        differences="; ".join(match.differing),
    )


def speaker_names(speaker: str | None) -> frozenset[str]:
    """The name words of a speaker ("Mr Johnson" gives {"Johnson"}); empty for "he"."""
    if not speaker:
        return frozenset()
    words = [w.strip(",.'’s") for w in speaker.split()]
    return frozenset(w for w in words if w[:1].isupper() and w not in TITLE_WORDS and len(w) > 1)


def _different_people(here: str | None, archived: str | None) -> bool:
    ours, theirs = speaker_names(here), speaker_names(archived)
    return bool(ours) and bool(theirs) and not ours & theirs
