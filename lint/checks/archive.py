"""Checks against the house archive: names spelled as the archive rarely does, quotations
that differ from the archived wording or speaker (see ``lint.memory``)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lint.checks.names import is_name_inflection
from lint.document import Document
from lint.findings import ArchivedText, Finding
from lint.lexicon import is_common_word, is_dictionary_word
from lint.memory.extract import TITLE_WORDS, name_part, name_sequences, quotation_speakers
from lint.memory.lookup import ArchivedQuote, HouseArchive
from lint.memory.quotes import comparable, quote_words
from lint.rule import Context, Rule
from lint.sourcing.analysis import analyse
from lint.sourcing.lexicon import AttributionOptions
from lint.yamlsource import Node, as_choice

UNUSED_ZIPF = 1.0  # a word less frequent than this in wordfreq is one the world does not use
IN_USE_ZIPF = 2.5  # a word this frequent in wordfreq is a name or word in use, not a slip
LONG_WORD = 7  # a name this long is seldom another name one edit from a common one
SHORT_WORD_ARTICLES = 20  # a short slip's archive spelling needs this many articles
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
    """Each name word the archive rarely uses when a near spelling is far commoner there."""
    archive = ctx.archive
    if archive is None:
        return
    sequences = name_sequences(doc)
    fuller = [part for run in sequences if len(part := name_part([w for _, w in run])) > 1]
    archive.prefetch({word for run in sequences for _, word in run})
    verdicts: dict[str, tuple[str, int, int] | None] = {}
    for run in sequences:
        for start, word in run:
            if word not in verdicts:
                verdicts[word] = _respelling(word, [p for p in fuller if word in p], archive)
            verdict = verdicts[word]
            if verdict is None:
                continue
            preferred, articles, own = verdict
            yield rule.finding(
                start,
                start + len(word),
                word,
                (preferred,),
                archived=_article_using(archive, preferred),
                canonical=preferred,
                articles=str(articles),
                uses=str(own),
            )


def _article_using(archive: HouseArchive, spelling: str) -> ArchivedText | None:
    """An archived article with the archive's spelling, for the hover to show."""
    found = archive.article_using(spelling)
    if found is None:
        return None
    key, date = found
    return ArchivedText(key, date, None, archive.article_uri(key))


def _respelling(
    word: str, fuller: list[list[str]], archive: HouseArchive
) -> tuple[str, int, int] | None:
    """The archive's spelling for ``word`` (with its articles and the word's own), if the
    word is a slip for it.

    A fuller name the article writes the word in ("Los Angles") that the archive knows in the
    other spelling, and never as written, confirms a slip, even one that is a real word.
    Without that, a slip is a word the world does not use (not in wordfreq, not a dictionary
    word), or a long one it uses little written alone ("Zelensky" for the archive's
    "Zelenskyy"): a short name near a common one ("Larne" beside "Lane"), or one in a fuller
    name the archive does not know, is most often another name. A slip of three letters
    needs a name the archive uses a lot."""
    near = [n for n in archive.near_spellings(word) if not is_name_inflection(word, n.spelling)]
    if not near:
        return None
    own = archive.name_articles(word)
    for candidate in near:
        if _fuller_name_confirms(word, candidate.spelling, fuller, archive):
            return candidate.spelling, candidate.articles, own
    best, lower = near[0], word.lower()
    if is_dictionary_word(lower) or is_common_word(lower, IN_USE_ZIPF):
        return None
    if is_common_word(lower, UNUSED_ZIPF) and (fuller or len(word) < LONG_WORD):
        return None
    if len(word) < 4 and best.articles < SHORT_WORD_ARTICLES:
        return None
    return best.spelling, best.articles, own


def _fuller_name_confirms(
    word: str, preferred: str, fuller: list[list[str]], archive: HouseArchive
) -> bool:
    """Whether the archive knows, with ``preferred`` for ``word``, a fuller name the article
    writes the word in (the name, or the word with a neighbour: "Charles Kennedy" in
    "Liberal Democrat Charles Kennedy"), and never as the article writes it."""
    for part in fuller:
        respelled = [preferred if w == word else w for w in part]
        at = part.index(word)
        for low, high in ((0, len(part)), (max(0, at - 1), at + 1), (at, min(len(part), at + 2))):
            if high - low < 2:
                continue
            if archive.name_articles(" ".join(respelled[low:high])) > 0 and not (
                archive.name_articles(" ".join(part[low:high]))
            ):
                return True
    return False


def check_archive_quotes(doc: Document, rule: Rule, ctx: Context) -> Iterator[Finding]:
    """Quotations of eight to 200 words that the archive has with other words (a possible
    misquote) or from another speaker (a possible misattribution)."""
    archive, lexicon_rule = ctx.archive, ctx.lexicon_rule
    if archive is None or lexicon_rule is None:
        return
    options: QuoteOptions = rule.options
    attribution: AttributionOptions = lexicon_rule.options
    lexicon = attribution.lexicon
    # the quotations and a first guess at their speakers come from the analysis the
    # attribution checks share; the complete one, which the index's speakers come from, is
    # asked only when the archive names a speaker the guess does not
    quick = quotation_speakers(analyse(doc, lexicon, complete=False))
    for (start, end), guess in sorted(quick.items()):
        words = quote_words(doc.text[start:end])
        if not comparable(words):
            continue
        matches = archive.matching_quotes(words)
        exact = [m for m in matches if m.edits == 0]
        if options.report == "misquote" and matches and not exact:
            yield _misquote(rule, doc, start, end, matches[0], archive)
        elif options.report == "misattribution" and exact:
            if not any(_may_differ(guess, m.speaker) for m in exact):
                continue
            speaker = quotation_speakers(analyse(doc, lexicon)).get((start, end))
            other = next((m for m in exact if _different_people(speaker, m.speaker)), None)
            if other is not None and speaker is not None:
                yield rule.finding(
                    start,
                    end,
                    doc.text[start:end],
                    archived=_archived_quote(archive, other),
                    speaker=speaker,
                    archived_speaker=other.speaker or "",
                    article=other.article,
                    date=other.date or "undated",
                )


def _misquote(
    rule: Rule, doc: Document, start: int, end: int, match: ArchivedQuote, archive: HouseArchive
) -> Finding:
    return rule.finding(
        start,
        end,
        doc.text[start:end],
        archived=_archived_quote(archive, match),
        wording=match.wording,
        article=match.article,
        date=match.date or "undated",
        differences="; ".join(match.differing),
    )


def _archived_quote(archive: HouseArchive, match: ArchivedQuote) -> ArchivedText:
    """The archived quotation's article and paragraph, for the hover to show."""
    return ArchivedText(
        match.article, match.date, match.paragraph or None, archive.article_uri(match.article)
    )


def speaker_names(speaker: str | None) -> frozenset[str]:
    """The name words of a speaker ("Mr Johnson" gives {"Johnson"}); empty for "he"."""
    if not speaker:
        return frozenset()
    words = [w.strip(",.'’s") for w in speaker.split()]
    return frozenset(w for w in words if w[:1].isupper() and w not in TITLE_WORDS and len(w) > 1)


def _may_differ(guess: str | None, archived: str | None) -> bool:
    """Whether the complete analysis could give a speaker other than the archived one: the
    archive names one, and the quick guess names nobody or somebody else."""
    return bool(speaker_names(archived)) and (
        not speaker_names(guess) or _different_people(guess, archived)
    )


def _different_people(here: str | None, archived: str | None) -> bool:
    ours, theirs = speaker_names(here), speaker_names(archived)
    return bool(ours) and bool(theirs) and not ours & theirs
