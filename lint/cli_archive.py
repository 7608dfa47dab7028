"""``copydesk archive build`` and ``copydesk archive stats``: the house archive's index."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lint.config import Config, find_config_file, load_config
from lint.memory.build import (
    DEFAULT_INDEX,
    SourceArticle,
    build_index,
    file_articles,
    jsonl_articles,
)
from lint.memory.schema import IndexUnavailable, open_for_reading
from lint.memory.store import BuildCounts, index_stats
from lint.walk import Excluder, find_articles

EXIT_OK, EXIT_ERROR = 0, 2


def add_archive(sub: argparse._SubParsersAction[Any]) -> None:
    """The ``archive`` subcommand and its actions."""
    archive = sub.add_parser("archive", help="build or describe the house archive's index")
    actions = archive.add_subparsers(dest="action", required=True, parser_class=type(archive))
    build = actions.add_parser("build", help="index articles (unchanged ones are skipped)")
    build.add_argument("paths", nargs="*", type=Path, help="article files and folders")
    build.add_argument(
        "--jsonl", action="append", default=[], type=Path, metavar="FILE",
        help="also index a JSON-lines stream (id, text, format, date); repeatable",
    )  # fmt: skip
    build.add_argument("--output", "-o", type=Path, help="the index file to write")
    build.add_argument("--prune", action="store_true", help="drop articles no longer given")
    build.add_argument("--dask", metavar="ADDRESS", help="extract on this Dask scheduler")
    build.add_argument("--config", type=Path)
    stats = actions.add_parser("stats", help="say what an index holds")
    stats.add_argument("--archive", type=Path, metavar="FILE", help="the index to describe")
    stats.add_argument("--config", type=Path)


def default_index(config: Config) -> Path:
    """``archive:`` of the configuration, else ``.copydesk/archive.sqlite`` beside it (or in
    the current folder when there is no configuration)."""
    if config.archive is not None:
        return config.archive.path
    return (config.path.parent if config.path else Path.cwd()) / DEFAULT_INDEX


def run_archive(args: argparse.Namespace) -> int:
    """Run ``archive build`` or ``archive stats``; returns the exit status."""
    config = load_config(args.config or find_config_file(Path.cwd()))
    if args.action == "stats":
        return _stats(args.archive or default_index(config))
    if not args.paths and not args.jsonl:
        print("copydesk: error: give article paths or --jsonl streams to index", file=sys.stderr)
        return EXIT_ERROR
    output = args.output or default_index(config)
    errors: list[str] = []
    articles = _articles(args, config, errors)
    try:
        if args.dask:
            from lint.memory.dask_build import build_index_on_dask

            counts = build_index_on_dask(output, list(articles), args.dask, args.config, args.prune)
        else:
            counts = build_index(output, articles, config, prune=args.prune)
    except IndexUnavailable as exc:
        print(f"copydesk: {exc}", file=sys.stderr)
        return EXIT_ERROR
    for error in errors:
        print(f"copydesk: {error}", file=sys.stderr)
    print(_summary(output, counts))
    return EXIT_ERROR if errors else EXIT_OK


def _articles(
    args: argparse.Namespace, config: Config, errors: list[str]
) -> Iterator[SourceArticle]:
    def exclude(path: Path) -> tuple[Path, tuple[str, ...]] | None:
        return (config.root, config.exclude) if config.exclude else None

    excluder = Excluder(config_exclude=exclude)
    yield from file_articles(find_articles(args.paths, excluder), config.max_file_size, errors)
    for stream in args.jsonl:
        yield from jsonl_articles(stream, config.max_file_size, errors)


def _summary(output: Path, counts: BuildCounts) -> str:
    return (
        f"{output}: {counts.added} added, {counts.replaced} replaced, "
        f"{counts.unchanged} unchanged, {counts.pruned} pruned"
    )


def _stats(path: Path) -> int:
    try:
        db = open_for_reading(path)
    except IndexUnavailable as exc:
        print(f"copydesk: {exc}", file=sys.stderr)
        return EXIT_ERROR
    try:
        stats = index_stats(db)
    finally:
        db.close()
    print(f"{path}")
    for name, value in stats.items():
        print(f"  {name}: {value if value is not None else '-'}")
    return EXIT_OK
