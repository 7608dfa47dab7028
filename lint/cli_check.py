"""``copydesk check``: its options, the files it checks, and how it reports and exits."""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path
from typing import IO, Any

from lint.config import FAIL_LEVELS
from lint.document import decode_article, format_for, parse_document
from lint.engine import ConfigResolver, lint_document, lint_paths
from lint.errors import InputError
from lint.formatters import FORMATS, Report, formatter
from lint.formatters.text import visible
from lint.results import FileResult
from lint.safefile import read_regular_text
from lint.walk import ConfigExclude, Excluder, find_articles

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def add_check(sub: argparse._SubParsersAction[Any]) -> None:
    """The ``check`` subcommand's options."""
    check = sub.add_parser("check", help="check articles and report findings")
    check.add_argument("paths", nargs="*", type=Path, help="files or directories; - reads stdin")
    check.add_argument("--format", "-f", choices=sorted(FORMATS), default="text")
    check.add_argument("--fail-level", choices=FAIL_LEVELS, default=None)
    check.add_argument(
        "--exit-zero", action="store_true", help="exit 0 even with findings (--fail-level never)"
    )
    check.add_argument("--config", type=Path, help="use this configuration file")
    check.add_argument(
        "--select",
        action="append",
        default=[],
        metavar="RULES",
        help="check only these rule ids or packs (comma-separated)",
    )
    check.add_argument(
        "--ignore",
        action="append",
        default=[],
        metavar="RULES",
        help="leave out these rule ids or packs (comma-separated)",
    )
    check.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="PATTERNS",
        help="leave out paths matching these gitignore-style patterns",
    )
    check.add_argument(
        "--file-list", metavar="FILE", help="check the paths listed in FILE (- for stdin)"
    )
    check.add_argument("--stdin", action="store_true", help="read one article from standard input")
    check.add_argument("--stdin-filename", default=None, help="name for the standard input article")
    check.add_argument("--fix", action="store_true", help="apply safe fixes in place")
    check.add_argument(
        "--unsafe-fixes",
        action="store_true",
        help="with --fix or --diff, also apply fixes that are guesses (spelling suggestions)",
    )
    check.add_argument(
        "--diff", action="store_true", help="print the fixes as a diff; write nothing"
    )
    check.add_argument("--statistics", action="store_true", help="print counts per rule instead")
    check.add_argument(
        "--quiet", "-q", action="store_true", help="print findings only: no summary, no warnings"
    )
    check.add_argument(
        "--output-file",
        "-o",
        type=Path,
        metavar="FILE",
        help="write the report to FILE instead of standard output",
    )
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    check.add_argument(
        "-j", "--jobs", type=int, default=os.cpu_count() or 1, help="worker processes"
    )
    check.add_argument("--jsonl", metavar="FILE", help="archive mode: one JSON article per line")
    check.add_argument(
        "--languagetool", metavar="URL", help="also check with this LanguageTool server"
    )
    check.add_argument(
        "--archive", type=Path, metavar="FILE", help="check against this archive index"
    )


def _selectors(values: list[str]) -> tuple[str, ...]:
    """Rule ids and packs from repeated, comma-separated options."""
    return tuple(item.strip() for value in values for item in value.split(",") if item.strip())


def run_check(args: argparse.Namespace) -> int:
    """Check the articles the arguments name; returns the exit status."""
    fail_level = "never" if args.exit_zero else args.fail_level
    resolver = ConfigResolver(
        args.config,
        languagetool=args.languagetool,
        select=_selectors(args.select),
        ignore=_selectors(args.ignore),
        archive=args.archive,
    )
    if args.jsonl:
        from lint.archive import check_jsonl

        return check_jsonl(args.jsonl, resolver, fail_level, max(1, args.jobs))
    problem = _usage_problem(args)
    if problem:
        print(f"copydesk: error: {problem}", file=sys.stderr)
        return EXIT_ERROR
    paths = list(args.paths)
    if args.file_list:
        paths += _listed_paths(args.file_list)
    stdin = args.stdin or Path("-") in paths
    paths = [p for p in paths if p != Path("-")]
    results = [_check_stdin(args, resolver)] if stdin else []
    excluder = Excluder(_selectors(args.exclude), config_exclude=_config_exclude(resolver))
    results += _check_files(paths, args, resolver, excluder)
    if not results and not excluder.named_excluded:
        print("copydesk: warning: no articles found in the paths given", file=sys.stderr)
        return EXIT_ERROR
    _report_problems(results, resolver, args.quiet)
    if args.fix or args.diff:
        results = _apply_fixes(results, args, resolver)
    with _Output(args.output_file) as stream:
        color = _color(args.color, stream)
        if args.statistics:
            stream.write(statistics(results))
        else:
            stream.write(formatter(args.format)(Report(results, color, quiet=args.quiet)))
    return exit_status(results, fail_level)


def _usage_problem(args: argparse.Namespace) -> str | None:
    """Why the options cannot work together, if they cannot."""
    reads_stdin = args.stdin or Path("-") in args.paths
    if not args.paths and not args.stdin and not args.file_list:
        return "give paths, - for standard input, or --file-list"
    if args.stdin and args.paths:
        return "give paths or --stdin (not both)"
    if reads_stdin and args.file_list == "-":
        return "standard input cannot hold both an article and a file list"
    if args.fix and reads_stdin:
        return "--fix needs files; use --diff with standard input"
    return None


def _listed_paths(source: str) -> list[Path]:
    """The paths a file list names, one per line (blank lines ignored); a list that cannot be
    read is an ``InputError`` naming it."""
    try:
        text = sys.stdin.read() if source == "-" else read_regular_text(Path(source))
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        raise InputError(source, f"cannot read the file list: {reason}") from None
    return [Path(line.strip()) for line in text.splitlines() if line.strip()]


def _check_stdin(args: argparse.Namespace, resolver: ConfigResolver) -> FileResult:
    name = args.stdin_filename or "-"
    anchor = Path(name) if args.stdin_filename else Path.cwd() / "stdin.md"
    config = resolver.for_article(anchor)
    text = decode_article(sys.stdin.buffer.read(), name)
    doc = parse_document(text, name, format_for(name))
    return lint_document(doc, config, anchor)


def _check_files(
    paths: list[Path], args: argparse.Namespace, resolver: ConfigResolver, excluder: Excluder
) -> list[FileResult]:
    results = [
        FileResult(str(path), error=f"{path}: no such file or directory")
        for path in paths
        if not path.exists()
    ]
    unreadable: list[Path] = []
    files = list(find_articles((p for p in paths if p.exists()), excluder, unreadable))
    results += [FileResult(str(f), error=f"{f}: cannot read folder") for f in unreadable]
    return results + lint_paths(files, resolver, max(1, args.jobs))


def _config_exclude(resolver: ConfigResolver) -> ConfigExclude:
    def exclude(path: Path) -> tuple[Path, tuple[str, ...]] | None:
        config = resolver.for_article(path)
        return (config.root, config.exclude) if config.exclude else None

    return exclude


def _report_problems(results: list[FileResult], resolver: ConfigResolver, quiet: bool) -> None:
    """Errors always; warnings (the configuration's, the command line's, each file's) unless
    ``quiet``."""
    for result in results:
        if result.error:
            print(f"copydesk: {visible(result.error)}", file=sys.stderr)
    if quiet:
        return
    # the configurations' and the command line's once each; each file's as it came
    shared = [w for config in resolver.loaded() for w in config.warnings]
    shared += resolver.unknown_selectors()
    warnings = list(dict.fromkeys(shared)) + [w for r in results for w in r.warnings]
    for warning in warnings:
        print(f"copydesk: warning: {visible(warning)}", file=sys.stderr)


class _Output:
    """Standard output, or a file written whole when the report is done."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.stream: IO[str] = sys.stdout

    def __enter__(self) -> IO[str]:
        if self.path is not None:
            try:
                self.stream = self.path.open("w", encoding="utf-8")
            except OSError as exc:
                reason = exc.strerror or exc
                raise InputError(str(self.path), f"cannot write the report: {reason}") from None
        return self.stream

    def __exit__(self, *exc: object) -> None:
        if self.path is not None:
            self.stream.close()


def _color(choice: str, stream: IO[str]) -> bool:
    """Whether to colour: ``--color``, then ``NO_COLOR``, ``FORCE_COLOR`` and ``TERM=dumb``
    (https://no-color.org, https://force-color.org), then whether the output is a terminal."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    return stream.isatty()


def statistics(results: list[FileResult]) -> str:
    """Counts per rule, most frequent first, as ruff's ``--statistics`` prints them."""
    counts = Counter(f.rule for result in results for f in result.findings)
    fixable = Counter(f.rule for result in results for f in result.findings if f.fixable)
    lines = [
        f"{count:>6}  {rule}{'  [fixable]' if fixable[rule] else ''}"
        for rule, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]
    return "\n".join(lines) + "\n" if lines else ""


def _apply_fixes(
    results: list[FileResult], args: argparse.Namespace, resolver: ConfigResolver
) -> list[FileResult]:
    from lint.fix import apply_fixes, fixable, unified_diff  # only --fix and --diff need them

    updated = []
    applied = left = 0
    for result in results:
        source = result.source
        if source is None:
            updated.append(result)
            continue
        applied_here = len(fixable(result.findings, args.unsafe_fixes))
        applied += applied_here
        left += len(result.findings) - applied_here
        fixed = apply_fixes(source.text, result.findings, args.unsafe_fixes)
        if fixed == source.text:
            updated.append(result)
            continue
        if args.diff:
            sys.stdout.write(unified_diff(result.path, source.text, fixed))
            updated.append(result)
            continue
        path = Path(result.path)
        problem = _write_fixes(path, source.text, fixed)
        if problem:
            print(f"copydesk: {problem}", file=sys.stderr)
            updated.append(FileResult(result.path, error=problem))
            continue
        new_doc = parse_document(fixed, result.path, source.format)
        updated.append(lint_document(new_doc, resolver.for_article(path), path))
    if args.fix:
        hint = "" if args.unsafe_fixes else " (--unsafe-fixes also applies suggestions)"
        print(f"copydesk: fixed {applied}, {left} need a person{hint}", file=sys.stderr)
    return updated


def _write_fixes(path: Path, checked: str, fixed: str) -> str | None:
    """Write fixed text safely; returns a one-line problem if it must not or cannot."""
    from lint.fix import ChangedOnDisk, write_fixes

    try:
        if not path.stat().st_mode & 0o222:
            return f"{path}: file is read-only; not fixed"
        write_fixes(path, checked, fixed)
    except ChangedOnDisk as exc:
        return str(exc)
    except OSError as exc:
        return f"{path}: cannot write fixes: {exc.strerror or exc}"
    return None


def exit_status(results: list[FileResult], fail_level: str | None) -> int:
    """2 when a file could not be checked, 1 when a finding reaches its fail level, else 0."""
    if any(r.error for r in results):
        return EXIT_ERROR
    return EXIT_FINDINGS if any(r.fails(fail_level) for r in results) else EXIT_OK
