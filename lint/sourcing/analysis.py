"""The sourcing map of a document: each pass run once, in order, and their results joined
into one ``SentenceInfo`` per sentence (what ``copydesk sources`` prints and the attribution
rules read).

Passes, each in its own module: quotations (``quotations``), cues (``cues``), sources
(``sources``), the speakers of quotations (``speakers``), what covers a sentence without a
cue of its own (``coverage``), claims (here, from the lexicon's claim signals) and the learned
cue model (``learned``).
"""

from __future__ import annotations

from dataclasses import replace

from lint.document import Document
from lint.saferegex import search_bounded
from lint.sentences import Sentence, sentences
from lint.sourcing.coverage import (
    carried_from,
    colon_intros,
    in_note,
    is_turn,
    paragraph_openers,
    uncovered_reason,
    writers_view,
)
from lint.sourcing.cues import first_cue, title_case
from lint.sourcing.further import source_further
from lint.sourcing.learned import doubted, learned_cue
from lint.sourcing.lexicon import Lexicon
from lint.sourcing.quotations import quote_span
from lint.sourcing.records import SentenceInfo
from lint.sourcing.sources import (
    clean_source,
    local_attribution,
    pronoun_resolved,
    resolve_sources,
)
from lint.sourcing.speakers import person_subject, quoted_sentences


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
    local = [local_attribution(text, s, sources, lexicon) for s in units]
    claims = lexicon.claims.scan(text)
    quoted, spoken, unvoiced = quoted_sentences(doc, units, local)
    people = _people(doc, units, local, lexicon) if complete else None
    own, latest = resolve_sources(local, units, text, people)
    openers = paragraph_openers(units, local, text, lexicon)
    intros = colon_intros(units, local, text)
    first_person: dict[int, bool] = {}  # per paragraph, filled as claims need it
    result = []
    for i, sentence in enumerate(units):
        # "He said it over and over" inside a quotation: the speaker's words, the speaker's
        # own attribution
        cue = None if i in spoken else local[i][0]
        body = text[sentence.start : sentence.end]
        quote = quote_span(body, sentence.start)
        unsourced = cue is None and i not in quoted  # only these can take a claim finding
        hit = claims.first(sentence.start, sentence.end) if complete or unsourced else None
        voice = None
        if complete or hit is not None:
            voice = _voice(text, sentence, lexicon, first_person, units)
        if voice != "reporter" or (hit is not None and _market_data(body, lexicon)):
            # the writer's own view, signed by the byline; the publication's note; a market
            # report ("The FTSE 100 rose 1.2% to 8,142 points")
            hit = None
        claim = (hit.start, hit.end) if hit is not None else None
        needs = sentence.block.kind not in ("heading", "title") and (
            claim is not None or quote is not None
        )
        cover = None  # the sentence whose attribution covers this one, if it has none itself
        covered_by = "cue" if cue is not None else None
        if cue is None:
            if i in quoted:
                cover, covered_by = quoted[i], "quotation"
            elif intros[i] is not None:
                # "The report found:" then a list or a paragraph: its content
                cover, covered_by = intros[i], "colon lead-in"
            elif needs and not is_turn(sentence, text, lexicon):  # "However, ...": none covers
                # only a sentence that needs a source takes its neighbour's: a plain fact
                # after a quotation is the reporter's, not the speaker's
                cover = carried_from(units, local, i, text, openers[i], lexicon)
                if cover is not None:
                    covered_by = "neighbour" if abs(cover - i) == 1 else "paragraph opener"
        carried = cue is None and (i in quoted or cover is not None)
        attributed = cue is not None or carried
        source = own[i] if cue else None
        if complete and cue is not None and source is None:
            span = first_cue(body, lexicon)
            if span is not None:
                source = source_further(body, span, latest[i], lexicon)
        if carried:  # the covering sentence's source: the map names none rather than guess
            source = own[cover] if cover is not None else None
            if cover is not None and local[cover][0] is None:
                # "Mr Howard was dismissive. 'These things happen.'": its subject speaks next
                subject = clean_source(person_subject(doc, units[cover]), lexicon)
                source = pronoun_resolved(subject, latest[cover])
        info = SentenceInfo(
            start=sentence.start,
            end=sentence.end,
            attributed=attributed,
            needs_attribution=needs,
            cue=cue,
            source=source,
            quote=quote,
            claim=claim,
            signal=hit.signal if hit is not None else None,
            unvoiced=i in unvoiced,
            covered_by=covered_by,
            voice=voice,
            uncovered=(
                uncovered_reason(units, local, i, text, lexicon)
                if needs and not attributed and quote is None
                else None
            ),
        )
        if complete and lexicon.cue_model is not None and not needs:
            model = lexicon.cue_model.model
            if cue is not None and doubted(body, cue, lexicon, model):
                info = replace(info, attributed=False, cue=None, source=None)
            headline = sentence.block.kind in ("heading", "title") or title_case(body)
            if not info.attributed and not headline:  # a heading reports no one
                info = learned_cue(info, body, latest[i], lexicon, model)
        result.append(info)
    return result


def _people(
    doc: Document,
    units: list[Sentence],
    local: list[tuple[str | None, str | None]],
    lexicon: Lexicon,
) -> list[str | None]:
    """Per sentence with no source of its own, the person it introduces as its subject."""
    people: list[str | None] = []
    for sentence, (_, source) in zip(units, local, strict=True):
        person = None if source else person_subject(doc, sentence)
        if person is not None and (person[0].islower() or person.split()[0] in _NO_ONE_NEW):
            person = None  # "he", "she", "the 31-year-old": no one new
        people.append(clean_source(person, lexicon) if person else None)
    return people


_NO_ONE_NEW = frozenset(["He", "She", "The"])  # openings that introduce no one


def _market_data(body: str, lexicon: Lexicon) -> bool:
    """Whether a sentence reports market data (an index, a price, an exchange rate)."""
    return lexicon.market is not None and search_bounded(lexicon.market, body) is not None


def _voice(
    text: str,
    sentence: Sentence,
    lexicon: Lexicon,
    paragraphs: dict[int, bool],
    units: list[Sentence],
) -> str:
    """Whose voice a sentence is in: the publication's note ("Correction: ..."), the writer in
    the first person (a column, a review, a reader's letter) or the reporter."""
    if in_note(text, sentence, lexicon):
        return "note"
    return "first person" if writers_view(text, sentence, paragraphs, units) else "reporter"
