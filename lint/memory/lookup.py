"""Questions a check asks the archive index: how it spells a name, what a quotation said.

``HouseArchive`` is a small picklable handle (the index's path and state); each process
opens its own read-only connection on first use. Answers are remembered per process.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from rapidfuzz.distance import OSA, Levenshtein

from lint.memory.neighbours import allowed_edits, neighbour_keys
from lint.memory.quotes import SHINGLE, comparable, quote_words, shingles
from lint.memory.schema import IndexUnavailable, open_for_reading

if TYPE_CHECKING:
    from lint.rule import Context

KNOWN_ARTICLES = 3  # a spelling in this many archived articles is one the desk uses
RARE_ARTICLES = 2  # a spelling in at most this many is rare, if a near one is far commoner
DOMINANCE = 5  # how many times more articles the archive's spelling must have
SHINGLE_FANOUT = 50  # archived quotations read per shingle, at most
CANDIDATES = 10  # archived quotations compared word by word, the most shingles shared first
MAX_QUOTE_EDITS = 3  # words changed, dropped or added for a near match


@dataclass(frozen=True)
class ArchivedName:
    """A spelling of the archive with the number of articles that use it."""

    spelling: str
    articles: int


@dataclass(frozen=True)
class ArchivedQuote:
    """An archived quotation that matches one in the article, and how."""

    wording: str
    speaker: str | None
    article: str
    date: str | None
    edits: int  # 0 for the same words
    differing: tuple[str, ...] = ()  # "'here' for 'archived'", one per differing stretch
    paragraph: str = ""  # the archived paragraph it is in


@dataclass(frozen=True)
class HouseArchive:
    """The archive index a check consults (picklable: it holds no connection). ``path`` is
    absolute and ``stamp`` tells one state of the file from the next, so that the answers
    remembered for an index are never given for another or for a rebuilt one."""

    path: str
    stamp: str = ""

    @cached_property
    def _key(self) -> str:
        return f"{self.stamp}|{self.path}"

    def is_stale(self) -> bool:
        """Whether the index has changed since this handle was made (a build since)."""
        return _stamp(Path(self.path)) != self.stamp

    def prefetch(self, spellings: Iterable[str]) -> None:
        """Look up the article counts of many spellings at once (a document's names), so
        that asking for each one later costs no query."""
        _prefetch(self._key, list(spellings))

    def name_articles(self, spelling: str) -> int:
        """How many archived articles use this spelling."""
        return _name_articles(self._key, spelling)

    def knows_name(self, spelling: str) -> bool:
        """Whether the desk uses this spelling regularly (and no far commoner one is near)."""
        return _knows(self._key, spelling)

    def near_spellings(self, spelling: str) -> tuple[ArchivedName, ...]:
        """Near spellings (one edit, two from nine letters, keeping the first or the last
        letter) the archive uses far more often than this rare one: the nearest first, and of
        those the commonest."""
        return _near(self._key, spelling)

    def article_using(self, spelling: str) -> tuple[str, str | None] | None:
        """An archived article (key and date) that uses this spelling."""
        return _article_using(self._key, spelling)

    def article_uri(self, key: str) -> str | None:
        """The file URI of an archived article, when its key is a file that is still there:
        an absolute path, or one relative to the folder of the index's ``.copydesk`` folder
        (where builds usually run) or to the current folder."""
        return _article_uri(self.path, key, os.getcwd())

    def matching_quotes(self, words: list[str]) -> list[ArchivedQuote]:
        """Archived quotations with the same or nearly the same words: the closest first,
        and of those the latest."""
        if not comparable(words):
            return []
        return list(_matching_quotes(self._key, tuple(words)))


def is_known_to_archive(word: str, ctx: Context) -> bool:
    """Whether the archive uses this spelling regularly: not a slip the other checks report.
    The archive holds capitalised names only, so a lowercase word is never asked about."""
    return ctx.archive is not None and word[:1].isupper() and ctx.archive.knows_name(word)


def check_index(path: Path) -> None:
    """Raise ``IndexUnavailable`` (one line) if the index cannot be read."""
    open_for_reading(path).close()


def open_archive(path: Path) -> HouseArchive:
    """A handle on the index at ``path`` as it is now."""
    absolute = path.resolve()
    return HouseArchive(str(absolute), _stamp(absolute))


def _stamp(path: Path) -> str:
    """The size and time of the index and its write-ahead log: a build changes them."""
    stamps = []
    for part in (path, path.with_name(path.name + "-wal")):
        try:
            info = part.stat()
            stamps.append(f"{info.st_size}:{info.st_mtime_ns}")
        except OSError:
            stamps.append("-")
    return "/".join(stamps)


@lru_cache(maxsize=8)
def _connection(key: str, pid: int) -> sqlite3.Connection | None:
    try:
        db = open_for_reading(Path(key.partition("|")[2]))
    except IndexUnavailable:
        return None
    db.execute("PRAGMA cache_size = -16000")  # 16 MB of pages at most
    return db


def _rows(key: str, sql: str, parameters: tuple[object, ...]) -> list[tuple[object, ...]]:
    db = _connection(key, os.getpid())
    if db is None:
        return []
    try:
        return db.execute(sql, parameters).fetchall()
    except sqlite3.Error:
        return []  # locked past the timeout or damaged since it was opened: no answer


@lru_cache(maxsize=100_000)
def _knows(path: str, spelling: str) -> bool:
    # asked of every capitalised word by the spelling and names checks: one cached call
    return _name_articles(path, spelling) >= KNOWN_ARTICLES and not _near(path, spelling)


_counts: dict[tuple[str, str], int] = {}  # (index key, spelling): articles, per process
COUNTS_KEPT = 200_000  # answers remembered, at most; then forgotten all at once


def _name_articles(path: str, spelling: str) -> int:
    found = _counts.get((path, spelling))
    if found is None:
        _prefetch(path, [spelling])
        found = _counts[(path, spelling)]
    return found


def _prefetch(path: str, spellings: list[str]) -> None:
    """Look up the articles of the spellings not yet known, a few hundred to a query."""
    missing = sorted({s for s in spellings if (path, s) not in _counts})
    if len(_counts) + len(missing) > COUNTS_KEPT:
        _counts.clear()
    for at in range(0, len(missing), 500):
        chunk = missing[at : at + 500]
        marks = ",".join("?" * len(chunk))
        rows = _rows(
            path, f"SELECT spelling, articles FROM names WHERE spelling IN ({marks})", tuple(chunk)
        )
        known = {str(spelling): int(articles) for spelling, articles in rows}  # type: ignore[call-overload]
        for spelling in chunk:
            _counts[(path, spelling)] = known.get(spelling, 0)


@lru_cache(maxsize=100_000)
def _near(path: str, spelling: str) -> tuple[ArchivedName, ...]:
    own = _name_articles(path, spelling)
    if own > RARE_ARTICLES or len(spelling) < 3:
        return ()
    edits = allowed_edits(spelling)
    floor = max(KNOWN_ARTICLES, DOMINANCE * max(own, 1))
    keys = sorted(neighbour_keys(spelling))
    rows = _rows(
        path,
        "SELECT DISTINCT n.spelling, n.articles FROM name_keys k "
        "JOIN names n ON n.spelling = k.spelling "
        f"WHERE k.key IN ({','.join('?' * len(keys))}) AND n.articles >= ?",
        (*keys, floor),
    )
    near = []
    for other, articles in rows:
        assert isinstance(other, str) and isinstance(articles, int)
        if other.lower() == spelling.lower():
            continue
        if other[0] != spelling[0] and other[-1] != spelling[-1]:
            continue  # a slip keeps the first or the last letter
        distance = OSA.distance(spelling, other, score_cutoff=edits)
        if distance <= edits:
            near.append((distance, -articles, other))
    return tuple(ArchivedName(other, -articles) for _, articles, other in sorted(near))


@lru_cache(maxsize=10_000)
def _article_using(path: str, spelling: str) -> tuple[str, str | None] | None:
    rows = _rows(
        path,
        "SELECT a.key, a.date FROM name_uses u JOIN articles a ON a.id = u.article "
        "WHERE u.spelling = ? LIMIT 1",
        (spelling,),
    )
    return (str(rows[0][0]), rows[0][1]) if rows else None  # type: ignore[return-value]


@lru_cache(maxsize=10_000)
def _article_uri(index: str, key: str, cwd: str) -> str | None:
    given = Path(key)
    folders = [Path(index).parent.parent, Path(cwd)]
    for candidate in [given] if given.is_absolute() else [f / given for f in folders]:
        try:
            if candidate.is_file():
                return candidate.resolve().as_uri()
        except (OSError, ValueError):
            continue
    return None


@lru_cache(maxsize=10_000)
def _matching_quotes(path: str, words: tuple[str, ...]) -> tuple[ArchivedQuote, ...]:
    own = shingles(list(words))
    # each changed, dropped or added word removes at most SHINGLE shingles: a quotation with
    # fewer in common cannot be within the edits allowed
    allowed = min(MAX_QUOTE_EDITS, len(words) // 4)
    needed = max(1, len(own) - SHINGLE * allowed)
    chosen = _candidates(path, sorted(own), needed)
    if not chosen:
        return ()
    rows = _rows(
        path,
        "SELECT q.wording, q.speaker, a.key, a.date, q.paragraph FROM quotes q "
        f"JOIN articles a ON a.id = q.article WHERE q.id IN ({','.join('?' * len(chosen))})",
        tuple(chosen),
    )
    found = []
    for wording, speaker, article, date, paragraph in rows:
        assert isinstance(wording, str)
        match = _aligned(list(words), quote_words(wording))
        if match is None:
            continue
        edits, differing = match
        found.append(
            ArchivedQuote(wording, speaker, str(article), date, edits, differing, str(paragraph))  # type: ignore[arg-type]
        )
    found.sort(key=lambda q: q.article)
    found.sort(key=lambda q: q.date or "", reverse=True)
    return tuple(sorted(found, key=lambda q: q.edits))  # the closest, then the latest


def _candidates(path: str, own: list[int], needed: int) -> list[int]:
    """The archived quotations sharing at least ``needed`` of these shingles, the
    ``CANDIDATES`` sharing most (the latest indexed, of as many).

    Each shingle's list is read ``SHINGLE_FANOUT`` long at most, the latest indexed first. A
    quotation left out of a list too common to read whole ("it is a") shares one more
    shingle than it is counted for, so ``needed`` drops by one for each such list: the same
    query counts them, as rows of the quotation -1."""
    lists = " UNION ALL ".join(
        "SELECT * FROM (SELECT quote FROM quote_shingles WHERE shingle = ? "
        "ORDER BY quote DESC LIMIT ?) UNION ALL "
        "SELECT -1 FROM (SELECT 1 FROM quote_shingles WHERE shingle = ? LIMIT 1 OFFSET ?)"
        for _ in own
    )
    rows = _rows(
        path,
        f"SELECT quote, COUNT(*) AS shared FROM ({lists}) GROUP BY quote "
        "ORDER BY quote = -1 DESC, shared DESC, quote DESC LIMIT ?",
        (
            *(x for shingle in own for x in (shingle, SHINGLE_FANOUT, shingle, SHINGLE_FANOUT)),
            CANDIDATES + 1,
        ),
    )
    counts = [(int(quote), int(shared)) for quote, shared in rows]  # type: ignore[call-overload]
    capped = counts.pop(0)[1] if counts and counts[0][0] == -1 else 0
    return [quote for quote, shared in counts if shared >= max(1, needed - capped)][:CANDIDATES]


def _aligned(words: list[str], archived: list[str]) -> tuple[int, tuple[str, ...]] | None:
    """The fewest word edits turning ``words`` into a stretch of ``archived`` (a quotation
    may be quoted in part), with the words that differ; None if more than allowed."""
    if f" {' '.join(words)} " in f" {' '.join(archived)} ":
        return 0, ()  # the same words, or a stretch of them: no alignment needed
    allowed = min(MAX_QUOTE_EDITS, len(words) // 4)
    best: tuple[int, int, int] | None = None
    size = len(words)
    for length in range(max(1, size - allowed), size + allowed + 1):
        for start in range(0, max(1, len(archived) - length + 1)):
            window = archived[start : start + length]
            distance = Levenshtein.distance(words, window, score_cutoff=allowed)
            if distance <= allowed and (best is None or distance < best[0]):
                best = (distance, start, length)
                if distance == 0:
                    return 0, ()
    if best is None:
        return None
    distance, start, length = best
    window = archived[start : start + length]
    differing = []
    for op in Levenshtein.opcodes(words, window):
        if op.tag == "equal":
            continue
        here = " ".join(words[op.src_start : op.src_end]) or "(nothing)"
        there = " ".join(window[op.dest_start : op.dest_end]) or "(nothing)"
        differing.append(f"'{here}' for '{there}'")
    return distance, tuple(differing)
