"""The archive index's SQLite schema, and opening the file for reading or writing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

SCHEMA_VERSION = 1  # raise when the tables change; a reader refuses a newer index

TABLES = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,      -- the path, or the JSONL record's id
    digest TEXT NOT NULL,          -- of the article's text: an unchanged article is skipped
    date TEXT,                     -- from front matter or the record, when there is one
    words INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS name_uses (
    spelling TEXT NOT NULL,
    article INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    count INTEGER NOT NULL,
    PRIMARY KEY (spelling, article)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS name_uses_by_article ON name_uses(article);
CREATE TABLE IF NOT EXISTS names (
    spelling TEXT PRIMARY KEY,
    parts INTEGER NOT NULL,        -- words in the name: 1 for a single name word
    length INTEGER NOT NULL,
    articles INTEGER NOT NULL,
    uses INTEGER NOT NULL
) WITHOUT ROWID;
-- single name words in at least KNOWN_ARTICLES articles, under each of their neighbour keys
-- (lint.memory.neighbours): where near spellings are looked for
CREATE TABLE IF NOT EXISTS name_keys (
    key TEXT NOT NULL,
    spelling TEXT NOT NULL,
    PRIMARY KEY (key, spelling)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS quotes (
    id INTEGER PRIMARY KEY,
    article INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    offset INTEGER NOT NULL,
    wording TEXT NOT NULL,         -- as written; its words (quotes.quote_words) are compared
    speaker TEXT,
    paragraph TEXT NOT NULL        -- the paragraph it is in, as written (about 600 characters)
);
CREATE INDEX IF NOT EXISTS quotes_by_article ON quotes(article);
CREATE TABLE IF NOT EXISTS quote_shingles (
    shingle INTEGER NOT NULL,
    quote INTEGER NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
    PRIMARY KEY (shingle, quote)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS quote_shingles_by_quote ON quote_shingles(quote);
CREATE TABLE IF NOT EXISTS titles (
    article INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    name TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS titles_by_name ON titles(name);
CREATE INDEX IF NOT EXISTS titles_by_article ON titles(article);
"""


class IndexUnavailable(Exception):
    """The index cannot be used: missing, damaged, locked or from a newer copydesk."""


def open_for_writing(path: Path) -> sqlite3.Connection:
    """Open (creating if need be) an index to build into, in WAL mode so that checks can read
    while it is written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        db = sqlite3.connect(path, timeout=30, isolation_level=None)
        _schema_version(db, path, "writes")
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA cache_size = -262144")  # 256 MB of pages: large builds write at random
        db.executescript(TABLES)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except sqlite3.DatabaseError as exc:
        raise IndexUnavailable(f"{path}: cannot write the archive index: {exc}") from None
    return db


def open_for_reading(path: Path) -> sqlite3.Connection:
    """Open an index read-only; ``IndexUnavailable`` says in one line why it cannot be."""
    if not path.is_file():
        raise IndexUnavailable(f"{path}: no archive index there (copydesk archive build)")
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=0.5)
        db.execute("PRAGMA query_only = ON")
        if _schema_version(db, path, "reads") < 1:
            db.close()
            raise IndexUnavailable(f"{path}: not a copydesk archive index")
        db.execute("SELECT 1 FROM names LIMIT 1").fetchall()
    except sqlite3.DatabaseError as exc:
        raise IndexUnavailable(f"{path}: cannot read the archive index: {exc}") from None
    return db


def _schema_version(db: sqlite3.Connection, path: Path, use: str) -> int:
    """The index's schema version; ``IndexUnavailable`` (and the connection closed) when it
    is newer than this copydesk ``use``s ("reads", "writes")."""
    version = int(db.execute("PRAGMA user_version").fetchone()[0])
    if version > SCHEMA_VERSION:
        db.close()
        raise IndexUnavailable(
            f"{path}: the archive index has schema {version}, newer than this copydesk "
            f"{use} ({SCHEMA_VERSION}); upgrade copydesk or rebuild the index"
        )
    return version
