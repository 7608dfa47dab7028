"""Building the archive index on Dask: workers extract, the client writes.

Each partition of articles becomes a list of ``ArticleRecord`` (its partial tables) on a
worker; the records are merged into the one SQLite file by the same writer a single-process
build uses, so the two give the same index.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lint.config import find_config_file, load_config
from lint.memory.build import SourceArticle, record_of
from lint.memory.extract import ArticleRecord, digest_of
from lint.memory.schema import open_for_writing
from lint.memory.store import BuildCounts, known_digests, write_records
from lint.sources import lexicon_rule

PARTITION = 64  # articles per task


def _extract_partition(
    articles: list[SourceArticle], config_path: Path | None
) -> list[ArticleRecord]:
    """A worker's partition: the records of its articles."""
    config = load_config(config_path or find_config_file(Path.cwd()))
    rule = lexicon_rule(config.rules)
    return [record_of(article, rule) for article in articles]


def build_index_on_dask(
    output: Path,
    articles: list[SourceArticle],
    scheduler: str | Any,
    config_path: Path | None = None,
    prune: bool = False,
) -> BuildCounts:
    """Index ``articles`` into ``output``, extracting on a Dask cluster: ``scheduler`` is its
    address or a ``distributed.Client``. Unchanged articles are skipped before any is sent."""
    from distributed import Client

    counts = BuildCounts()
    db = open_for_writing(output)
    try:
        digests = known_digests(db)
        changed = [a for a in articles if digests.get(a.key) != digest_of(a.text)]
        counts.unchanged = len(articles) - len(changed)
        client = scheduler if isinstance(scheduler, Client) else Client(scheduler)  # type: ignore[no-untyped-call]
        try:
            partitions = [changed[i : i + PARTITION] for i in range(0, len(changed), PARTITION)]
            futures = client.map(
                _extract_partition, partitions, config_path=config_path, pure=False
            )
            records = (record for future in futures for record in future.result())
            keep = {a.key for a in articles} if prune else None
            write_records(db, records, counts, keep_only=keep)
        finally:
            if client is not scheduler:
                client.close()  # type: ignore[no-untyped-call]
    finally:
        db.close()
    return counts
