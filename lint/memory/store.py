"""Writing article records into the index: incremental, in one transaction per build.

A build replaces the rows of each changed article and recomputes the name totals of the
spellings it touched. Everything is written in one transaction, so a build stopped at any
point leaves the previous index as it was; readers (WAL mode) see it until the commit.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from lint.memory.extract import ArticleRecord
from lint.memory.lookup import KNOWN_ARTICLES
from lint.memory.neighbours import neighbour_keys
from lint.memory.quotes import shingles


@dataclass
class BuildCounts:
    """What a build did."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    pruned: int = 0
    errors: int = 0


def known_digests(db: sqlite3.Connection) -> dict[str, str]:
    """Each indexed article's key with its content digest."""
    return dict(db.execute("SELECT key, digest FROM articles"))


def write_records(
    db: sqlite3.Connection,
    records: Iterable[ArticleRecord],
    counts: BuildCounts,
    keep_only: set[str] | None = None,
) -> None:
    """Insert or replace the records; with ``keep_only``, remove articles not named in it.
    All in one transaction: nothing is changed unless everything is."""
    touched: set[str] = set()
    db.execute("BEGIN IMMEDIATE")
    try:
        for record in records:
            existing = db.execute("SELECT id FROM articles WHERE key = ?", (record.key,)).fetchone()
            if existing is not None:
                touched.update(_remove_article(db, existing[0]))
                counts.replaced += 1
            else:
                counts.added += 1
            _insert(db, record)
            touched.update(record.names)
        if keep_only is not None:
            stale = [
                (row_id, key)
                for row_id, key in db.execute("SELECT id, key FROM articles")
                if key not in keep_only
            ]
            for row_id, _ in stale:
                touched.update(_remove_article(db, row_id))
            counts.pruned += len(stale)
        _update_totals(db, touched)
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


def _remove_article(db: sqlite3.Connection, article: int) -> list[str]:
    names = [
        row[0] for row in db.execute("SELECT spelling FROM name_uses WHERE article = ?", (article,))
    ]
    db.execute(
        "DELETE FROM quote_shingles WHERE quote IN (SELECT id FROM quotes WHERE article = ?)",
        (article,),
    )
    for table in ("quotes", "titles", "name_uses"):
        db.execute(f"DELETE FROM {table} WHERE article = ?", (article,))
    db.execute("DELETE FROM articles WHERE id = ?", (article,))
    return names


def _insert(db: sqlite3.Connection, record: ArticleRecord) -> None:
    cursor = db.execute(
        "INSERT INTO articles (key, digest, date, words) VALUES (?, ?, ?, ?)",
        (record.key, record.digest, record.date, record.words),
    )
    article = cursor.lastrowid
    db.executemany(
        "INSERT INTO name_uses VALUES (?, ?, ?)",
        ((spelling, article, count) for spelling, count in record.names.items()),
    )
    for quote in record.quotes:
        quote_id = db.execute(
            "INSERT INTO quotes (article, offset, wording, speaker, paragraph) "
            "VALUES (?, ?, ?, ?, ?)",
            (article, quote.offset, quote.wording, quote.speaker, quote.paragraph),
        ).lastrowid
        db.executemany(
            "INSERT OR IGNORE INTO quote_shingles VALUES (?, ?)",
            ((shingle, quote_id) for shingle in shingles(quote.words.split())),
        )
    db.executemany(
        "INSERT INTO titles VALUES (?, ?, ?)", ((article, t, n) for t, n in record.titles)
    )


def _update_totals(db: sqlite3.Connection, spellings: set[str]) -> None:
    """Recompute the totals of the names table for these spellings, and file a single name
    word under its neighbour keys while it is in at least ``KNOWN_ARTICLES`` articles."""
    for spelling in sorted(spellings):
        before = db.execute("SELECT articles FROM names WHERE spelling = ?", (spelling,)).fetchone()
        articles, uses = db.execute(
            "SELECT COUNT(*), COALESCE(SUM(count), 0) FROM name_uses WHERE spelling = ?",
            (spelling,),
        ).fetchone()
        if not articles:
            db.execute("DELETE FROM names WHERE spelling = ?", (spelling,))
        else:
            parts = spelling.count(" ") + 1
            db.execute(
                "INSERT OR REPLACE INTO names VALUES (?, ?, ?, ?, ?)",
                (spelling, parts, len(spelling), articles, uses),
            )
        if " " not in spelling:
            _file_keys(
                db,
                spelling,
                before is not None and before[0] >= KNOWN_ARTICLES,
                articles >= KNOWN_ARTICLES,
            )


def _file_keys(db: sqlite3.Connection, spelling: str, filed: bool, file: bool) -> None:
    """Add or remove a spelling's neighbour keys when it crosses the threshold."""
    if filed == file:
        return
    sql = (
        "INSERT OR IGNORE INTO name_keys VALUES (?, ?)"
        if file
        else ("DELETE FROM name_keys WHERE key = ? AND spelling = ?")
    )
    db.executemany(sql, ((key, spelling) for key in neighbour_keys(spelling)))


def index_stats(db: sqlite3.Connection) -> dict[str, int | str | None]:
    """What an index holds: articles, names, quotations, titles, and its date range."""

    def one(sql: str) -> int:
        return int(db.execute(sql).fetchone()[0] or 0)

    first, last = db.execute("SELECT MIN(date), MAX(date) FROM articles").fetchone()
    return {
        "articles": one("SELECT COUNT(*) FROM articles"),
        "words": one("SELECT SUM(words) FROM articles"),
        "name spellings": one("SELECT COUNT(*) FROM names"),
        "name words": one("SELECT COUNT(*) FROM names WHERE parts = 1"),
        "quotations": one("SELECT COUNT(*) FROM quotes"),
        "titles": one("SELECT COUNT(*) FROM titles"),
        "earliest date": first,
        "latest date": last,
    }
