"""``copydesk archive build``: read articles and JSONL streams into the archive index."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from lint.config import Config
from lint.document import decode_article, format_for, parse_document
from lint.errors import CopydeskError
from lint.memory.extract import ArticleRecord, digest_of, extract_article
from lint.memory.schema import open_for_writing
from lint.memory.store import BuildCounts, known_digests, write_records
from lint.rule import Rule
from lint.safefile import read_regular
from lint.sources import lexicon_rule

DEFAULT_INDEX = Path(".copydesk") / "archive.sqlite"


@dataclass(frozen=True)
class SourceArticle:
    """One article to index: its key (path or record id), text, format and date if known."""

    key: str
    text: str
    format: str
    date: str | None = None


def file_articles(paths: Iterable[Path], limit: int, errors: list[str]) -> Iterator[SourceArticle]:
    """Articles read from files; one that cannot be read is noted in ``errors`` and skipped."""
    for path in paths:
        try:
            text = decode_article(read_regular(path, limit), str(path))
        except (OSError, CopydeskError) as exc:
            errors.append(f"{path}: cannot read file: {getattr(exc, 'strerror', None) or exc}")
            continue
        yield SourceArticle(str(path), text, format_for(path))


def jsonl_articles(path: Path, limit: int, errors: list[str]) -> Iterator[SourceArticle]:
    """Articles of a JSONL stream (``id``, ``text``, optional ``format`` and ``date``); a bad
    line is noted in ``errors`` with its number and skipped."""
    from lint.archive import OversizeRecord, bounded_lines

    try:
        stream = path.open("rb")
    except OSError as exc:
        errors.append(f"{path}: cannot read file: {exc.strerror or exc}")
        return
    with stream:
        for number, raw in enumerate(bounded_lines(stream, limit), 1):
            if isinstance(raw, OversizeRecord) or not raw.strip():
                if isinstance(raw, OversizeRecord):
                    errors.append(f"{path}:{number}: record larger than the size limit")
                continue
            try:
                record = json.loads(raw)
                text, fmt = record["text"], record.get("format", "markdown")
                date = record.get("date")
                if not isinstance(text, str) or fmt not in ("markdown", "text"):
                    raise ValueError("'text' must be a string and 'format' markdown or text")
            except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
                errors.append(f"{path}:{number}: bad record: {exc}")
                continue
            key = str(record.get("id", f"{path.name}:{number}"))
            yield SourceArticle(key, text, fmt, date if isinstance(date, str) else None)


def record_of(article: SourceArticle, rule: Rule | None) -> ArticleRecord:
    """The index record of one source article."""
    doc = parse_document(article.text, article.key, article.format)  # type: ignore[arg-type]
    return extract_article(doc, article.key, rule, article.date)


def build_index(
    output: Path,
    articles: Iterable[SourceArticle],
    config: Config,
    prune: bool = False,
) -> BuildCounts:
    """Index the articles into ``output``: unchanged ones (same digest) are skipped, changed
    ones replaced; with ``prune``, indexed articles not among them are removed."""
    rule = lexicon_rule(config.rules)
    counts = BuildCounts()
    db = open_for_writing(output)
    try:
        digests = known_digests(db)
        seen: set[str] = set()

        def changed() -> Iterator[ArticleRecord]:
            for article in articles:
                seen.add(article.key)
                if digests.get(article.key) == digest_of(article.text):
                    counts.unchanged += 1
                    continue
                yield record_of(article, rule)

        write_records(db, changed(), counts, keep_only=seen if prune else None)
    finally:
        db.close()
    return counts
