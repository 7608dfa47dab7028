"""What an article gives the archive index: its names, quotations and titles.

A pure function of the parsed article and the attribution rule's lexicon (for the speakers of
quotations); no I/O, so that a Dask worker can run it as well as the build loop.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from lint.checks.names import TITLES
from lint.document import Document
from lint.lexicon import is_dictionary_word
from lint.memory.quotes import MAX_QUOTE_WORDS, quote_words
from lint.rule import Rule
from lint.sources import sourcing
from lint.sourcing.records import SentenceInfo
from lint.words import is_sentence_start, strip_possessive

_NAME_WORD = re.compile(r"[A-Z][^\W\d_]*(?:['’-][^\W\d_]+)*")
_FRONT_MATTER_DATE = re.compile(
    r"\A---[ \t]*\n(?:.*\n)*?date:[ \t]*['\"]?(\d{4}-\d{2}-\d{2})", re.MULTILINE
)
# words that end a title before a name, besides the honorifics the names check knows
TITLE_WORDS = TITLES | frozenset(
    {
        "Ambassador", "Archbishop", "Bishop", "Chair", "Chairman", "Chairwoman", "Chief",
        "Cllr", "Commissioner", "Councillor", "Director", "Editor", "Governor", "Inspector",
        "Leader", "MEP", "MP", "Mayor", "Minister", "Secretary", "Senator", "Speaker",
        "Spokesman", "Spokeswoman",
    }
)  # fmt: skip
PARAGRAPH_CHARS = 600  # of an archived quotation's paragraph kept for the hover
_TITLE_STOP = frozenset({"The", "A", "An", "And", "Of", "In", "On", "For", "To", "At", "By"})


@dataclass(frozen=True)
class Quotation:
    """A direct quotation: its normalised words, its wording and where it is, its speaker."""

    words: str
    wording: str
    offset: int
    speaker: str | None
    paragraph: str = ""  # the paragraph it is in, as written (shortened around it if long)


@dataclass(frozen=True)
class ArticleRecord:
    """Everything the index keeps of one article."""

    key: str
    digest: str
    date: str | None
    words: int
    names: dict[str, int] = field(default_factory=dict)  # spelling -> uses
    quotes: tuple[Quotation, ...] = ()
    titles: tuple[tuple[str, str], ...] = ()  # (title, name): ("Foreign Secretary", "David Lammy")


def digest_of(text: str) -> str:
    """The content hash that tells an unchanged article from a changed one."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def front_matter_date(text: str) -> str | None:
    """The ``date:`` of a Markdown article's front matter (YYYY-MM-DD), if it has one."""
    match = _FRONT_MATTER_DATE.search(text[:4000])
    return match.group(1) if match else None


def extract_article(
    doc: Document, key: str, lexicon_rule: Rule | None, date: str | None = None
) -> ArticleRecord:
    """The index record of a parsed article."""
    names, titles = _names_and_titles(doc)
    return ArticleRecord(
        key=key,
        digest=digest_of(doc.text),
        date=date or front_matter_date(doc.text),
        words=len(doc.words),
        names=names,
        quotes=tuple(_quotations(doc, lexicon_rule)),
        titles=tuple(titles),
    )


def name_sequences(doc: Document) -> list[list[tuple[int, str]]]:
    """Runs of capitalised words (start offset, word), possessives removed, that are names
    or titles. A dictionary word opening a sentence counts only in a run with a title word
    ("Foreign Secretary David Lammy"), not alone ("Aides to ...")."""
    cached = doc.cache.get("name runs")
    if cached is None:
        cached = doc.cache["name runs"] = _name_runs(doc)
    return cached  # type: ignore[return-value]


def _name_runs(doc: Document) -> list[list[tuple[int, str]]]:
    prose, tokens = doc.prose, doc.tokens
    runs: list[list[tuple[int, str]]] = []
    run: list[tuple[int, str]] = []
    tentative = False  # the run opens a sentence with a dictionary word
    last_end = -2
    for index in doc.capitalised:
        start, end = doc.words[index]
        word = strip_possessive(tokens[index]).rstrip("'’")
        if not _NAME_WORD.fullmatch(word) or (word.isupper() and len(word) > 1):
            run, last_end = _close(runs, run, tentative), -2
            continue
        if not (run and prose[last_end:start] == " "):
            run = _close(runs, run, tentative)
            tentative = is_sentence_start(prose, start) and is_dictionary_word(word.lower())
        run.append((start, word))
        last_end = end
    _close(runs, run, tentative)
    return runs


def _close(
    runs: list[list[tuple[int, str]]], run: list[tuple[int, str]], tentative: bool
) -> list[tuple[int, str]]:
    """Add a finished run to ``runs`` (its opening dictionary word dropped unless a title
    word is in it; articles and prepositions at either end dropped); a new empty run."""
    if tentative and not any(word in TITLE_WORDS for _, word in run):
        run = run[1:]
    while run and run[0][1] in _TITLE_STOP:
        run = run[1:]
    while run and run[-1][1] in _TITLE_STOP:
        run = run[:-1]
    if run:
        runs.append(run)
    return []


def _names_and_titles(doc: Document) -> tuple[dict[str, int], list[tuple[str, str]]]:
    names: dict[str, int] = {}
    titles: list[tuple[str, str]] = []
    for run in name_sequences(doc):
        words = [w for _, w in run]
        for word in words:
            names[word] = names.get(word, 0) + 1
        if len(words) > 1:
            whole = " ".join(words)
            names[whole] = names.get(whole, 0) + 1
        split = _title_length(words)
        if 0 < split < len(words):
            name = " ".join(words[split:])
            titles.append((" ".join(words[:split]), name))
            if len(words) - split > 1:  # the name without its title, as it is also written
                names[name] = names.get(name, 0) + 1
    return names, titles


def name_part(words: list[str]) -> list[str]:
    """The words of a run after its title ("Foreign Secretary David Lammy": "David Lammy")."""
    return words[_title_length(words) :]


def _title_length(words: list[str]) -> int:
    """How many leading words are a title ("Foreign Secretary", "Sir"): up to the last title
    word, when a name follows."""
    ends = [i + 1 for i, word in enumerate(words[:-1]) if word in TITLE_WORDS]
    return ends[-1] if ends else 0


def _quotations(doc: Document, lexicon_rule: Rule | None) -> list[Quotation]:
    if lexicon_rule is None:
        return []
    found = []
    for (start, end), speaker in sorted(quotation_speakers(sourcing(doc, lexicon_rule)).items()):
        wording = doc.text[start:end].strip(" \"'“”‘’")
        words = quote_words(wording)
        if words and len(words) <= MAX_QUOTE_WORDS:
            paragraph = paragraph_around(doc.text, start, end)
            found.append(Quotation(" ".join(words), wording, start, speaker, paragraph))
    return found


def paragraph_around(text: str, start: int, end: int) -> str:
    """The paragraph holding ``[start, end)``, its lines joined, cut to about
    ``PARAGRAPH_CHARS`` around the span when longer."""
    low = text.rfind("\n\n", 0, start)
    high = text.find("\n\n", end)
    low, high = (0 if low < 0 else low + 2), (len(text) if high < 0 else high)
    spare = max(0, PARAGRAPH_CHARS - (end - start)) // 2
    if high - low > PARAGRAPH_CHARS:
        low, high = max(low, start - spare), min(high, end + spare)
    return " ".join(text[low:high].split())


def quotation_speakers(infos: list[SentenceInfo]) -> dict[tuple[int, int], str | None]:
    """Each quotation's span with the speaker a sourcing analysis gives it (the first one
    named, when the quotation runs over sentences)."""
    speakers: dict[tuple[int, int], str | None] = {}
    for info in infos:
        if info.quote is not None:
            speakers[info.quote] = speakers.get(info.quote) or info.source
    return speakers
