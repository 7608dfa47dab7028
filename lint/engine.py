"""Running rules over documents: the one library call the CLI and the language server share."""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import suppress
from dataclasses import replace
from pathlib import Path

from lint.config import (
    Config,
    LanguageToolSettings,
    find_config_file,
    load_config,
    matches_a_rule,
)
from lint.document import Document, read_article
from lint.errors import CopydeskError
from lint.findings import Finding
from lint.memory.settings import ArchiveSettings
from lint.registry import KINDS
from lint.results import FileResult, SourceText, rule_infos
from lint.rule import Context, Rule
from lint.saferegex import RegexTimeout
from lint.variety import document_variety
from lint.walk import Excluder, find_articles
from lint.wordtable import word_table


def run_rules(
    doc: Document, rules: Iterable[Rule], ctx: Context
) -> tuple[list[Finding], list[str]]:
    """Apply rules to a document: sorted, de-duplicated, unsuppressed findings, and warnings."""
    findings: dict[tuple[str, int, int], Finding] = {}
    warnings: list[str] = []
    for rule in rules:
        try:
            for finding in KINDS[rule.kind].check(doc, rule, ctx):
                if not doc.is_suppressed(finding.rule, finding.start):
                    findings.setdefault((finding.rule, finding.start, finding.end), finding)
        except RegexTimeout as exc:
            warnings.append(f"{doc.path}: rule {rule.id}: pattern {exc} took too long; skipped")
        except CopydeskError as exc:
            warnings.append(f"{exc} (rule {rule.id})")
    return _drop_repeats(sorted(findings.values(), key=Finding.sort_key)), warnings


def _drop_repeats(findings: list[Finding]) -> list[Finding]:
    """Keep one finding per span and fix: two rules agreeing on a fix are reported once."""
    kept: dict[tuple[int, int, tuple[str, ...]], Finding] = {}
    for finding in findings:
        key = (finding.start, finding.end, tuple(r.lower() for r in finding.replacements[:1]))
        if not finding.replacements or key not in kept:
            kept[key if finding.replacements else (finding.start, finding.end, (finding.rule,))] = (
                finding
            )
        elif finding.severity.rank > kept[key].severity.rank:
            kept[key] = finding
    return sorted(kept.values(), key=Finding.sort_key)


def lint_document(doc: Document, config: Config, article: Path | None = None) -> FileResult:
    """Check a parsed document against a configuration."""
    rules, ctx = config.rules_for(article)
    findings, warnings = run_rules(doc, rules, ctx)
    warnings += unknown_in_comments(doc, config.rules)
    if config.languagetool is not None:
        from lint.languagetool import check_languagetool

        try:
            variety = document_variety(ctx.language, doc)
            extra, dropped = check_languagetool(doc, config.languagetool, variety)
            warnings += dropped
        except CopydeskError as exc:
            if config.languagetool.on_error == "error":
                return FileResult(doc.path, error=str(exc))
            warnings.append(str(exc))
            extra = []
        extra = [f for f in extra if not doc.is_suppressed(f.rule, f.start)]
        findings = sorted(findings + extra, key=Finding.sort_key)
    return FileResult(
        doc.path,
        findings,
        warnings=warnings,
        source=SourceText.of(doc),
        rules=rule_infos(rules),
        fail_level=config.fail_level,
    )


def unknown_in_comments(doc: Document, rules: list[Rule]) -> list[str]:
    """A located warning for each rule id in a ``copydesk-disable`` comment that names no
    loaded rule or pack."""
    warnings = []
    for suppression in doc.suppressions:
        for name in sorted(suppression.rules):
            if not matches_a_rule(name, rules):
                line, _ = doc.lines.position(suppression.directive)
                warnings.append(f"{doc.path}:{line}: unknown rule or pack '{name}' in a comment")
    return list(dict.fromkeys(warnings))


class ConfigResolver:
    """Finds and caches the configuration for each article's directory."""

    def __init__(
        self,
        explicit: Path | None = None,
        languagetool: str | None = None,
        select: tuple[str, ...] = (),
        ignore: tuple[str, ...] = (),
        archive: Path | None = None,
    ) -> None:
        self.explicit = explicit
        self.archive = archive  # --archive: the index every article is checked against
        self.languagetool = languagetool
        self.select = select  # the command line's --select and --ignore, applied to every config
        self.ignore = ignore
        self._by_file: dict[Path | None, Config | CopydeskError] = {}
        self._source_by_dir: dict[Path, Path | None] = {}

    def for_article(self, article: Path) -> Config:
        """The configuration governing one article (explicit, nearest, or defaults)."""
        source = self.explicit if self.explicit else self._nearest(article)
        if source not in self._by_file:
            try:
                config = load_config(source)
                if self.languagetool:
                    current = config.languagetool or LanguageToolSettings(self.languagetool)
                    config.languagetool = replace(current, url=self.languagetool)
                if self.select or self.ignore:
                    config = replace(config, select=self.select, ignore=self.ignore, _resolved={})
                if self.archive is not None:
                    on_error = config.archive.on_error if config.archive else "warning"
                    config = config.with_archive(ArchiveSettings(self.archive, on_error))
                self._by_file[source] = config
            except CopydeskError as exc:
                self._by_file[source] = exc
        loaded = self._by_file[source]
        if isinstance(loaded, CopydeskError):
            raise loaded
        return loaded

    def _nearest(self, article: Path) -> Path | None:
        if article.is_dir():
            return find_config_file(article)
        if article.parent not in self._source_by_dir:
            self._source_by_dir[article.parent] = find_config_file(article)
        return self._source_by_dir[article.parent]

    @property
    def key(self) -> tuple[object, ...]:
        """What makes two resolvers resolve alike (a worker keeps one per key)."""
        return (self.explicit, self.languagetool, self.select, self.ignore, self.archive)

    def unknown_selectors(self) -> list[str]:
        """A warning for each ``--select`` or ``--ignore`` entry no loaded rule matches."""
        rules = [rule for config in self.loaded() for rule in config.rules]
        return [
            f"unknown rule or pack '{name}' in --{option}"
            for option, names in (("select", self.select), ("ignore", self.ignore))
            for name in names
            if rules and not matches_a_rule(name, rules)
        ]

    def loaded(self) -> list[Config]:
        """Every configuration loaded so far."""
        return [c for c in self._by_file.values() if isinstance(c, Config)]


def lint_path(path: Path, resolver: ConfigResolver) -> FileResult:
    """Read, parse and check one article file; input and config errors become the result's error."""
    try:
        config = resolver.for_article(path)
        doc = read_article(path, config.max_file_size)
    except CopydeskError as exc:
        return FileResult(str(path), error=str(exc))
    return lint_document(doc, config, path)


def expand_paths(paths: Iterable[Path], unreadable: list[Path] | None = None) -> Iterator[Path]:
    """Files as given; directories searched recursively for articles (``.gitignore``
    respected), in sorted order. A folder that cannot be read is added to ``unreadable``."""
    return find_articles(paths, Excluder(), unreadable)


PARALLEL_THRESHOLD = 16  # fewer files than this are linted in-process: workers cost a start-up


_worker_resolvers: dict[tuple[object, ...], ConfigResolver] = {}


def _lint_chunk(args: tuple[list[Path], tuple[object, ...]]) -> list[FileResult]:
    paths, key = args
    # one resolver per worker process: its rules, and the checks' memos keyed by them, are
    # reused from chunk to chunk instead of being rebuilt cold each time
    resolver = _worker_resolvers.get(key)
    if resolver is None:
        resolver = ConfigResolver(*key)  # type: ignore[arg-type]
        _worker_resolvers[key] = resolver
    results = [lint_path(path, resolver) for path in paths]
    gc.freeze()  # what survives a chunk (rules, memos) is kept: collections need not scan it
    return results


def lint_paths(paths: list[Path], resolver: ConfigResolver, jobs: int) -> list[FileResult]:
    """Lint files, in parallel worker processes when there are many; results keep input order."""
    if jobs <= 1 or len(paths) < PARALLEL_THRESHOLD:
        return [lint_path(path, resolver) for path in paths]
    from concurrent.futures import ProcessPoolExecutor

    # loaded before the workers start: forked workers inherit the parsed rules
    _worker_resolvers[resolver.key] = resolver
    with suppress(CopydeskError):  # a bad configuration is reported per file by the workers
        resolver.for_article(paths[0])
    word_table()  # built here once, not by every worker at the same time on a first run
    size = max(1, len(paths) // (jobs * 8))
    chunks = [paths[i : i + size] for i in range(0, len(paths), size)]
    work = [(chunk, resolver.key) for chunk in chunks]
    gc.disable()  # the results arriving are all kept: collecting meanwhile is wasted work
    try:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            return [result for batch in pool.map(_lint_chunk, work) for result in batch]
    finally:
        gc.enable()
