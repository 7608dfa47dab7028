"""The ``copydesk`` command line: check, rules, sources, vocab and lsp."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from lint import __version__
from lint.config import FAIL_LEVELS, Config, find_config_file, load_config
from lint.document import decode_article, format_for, parse_document, read_article
from lint.engine import ConfigResolver, expand_paths, lint_document, lint_paths
from lint.errors import CopydeskError
from lint.examples import example_failures
from lint.formatters import FORMATS, Report, formatter
from lint.formatters.text import visible
from lint.packs import load_pack_file
from lint.results import FileResult
from lint.saferegex import RegexTimeout

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_ERROR, f"copydesk: error: {message}\n")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser: every subcommand, or only ``command`` (a run needs only its own)."""
    parser = _Parser(
        prog="copydesk", description="Lint news articles: names, spelling, attribution."
    )
    parser.add_argument("--version", action="version", version=f"copydesk {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for name, add in SUBCOMMANDS.items():
        if command is None or name == command:
            add(sub)
    return parser


def _add_check(sub: argparse._SubParsersAction[_Parser]) -> None:
    check = sub.add_parser("check", help="check articles and report findings")
    check.add_argument("paths", nargs="*", type=Path, help="files or directories")
    check.add_argument("--format", "-f", choices=sorted(FORMATS), default="text")
    check.add_argument("--fail-level", choices=FAIL_LEVELS, default=None)
    check.add_argument("--config", type=Path, help="use this configuration file")
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
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    check.add_argument(
        "-j", "--jobs", type=int, default=os.cpu_count() or 1, help="worker processes"
    )
    check.add_argument("--jsonl", metavar="FILE", help="archive mode: one JSON article per line")
    check.add_argument(
        "--languagetool", metavar="URL", help="also check with this LanguageTool server"
    )


def _add_rules(sub: argparse._SubParsersAction[_Parser]) -> None:
    rules = sub.add_parser("rules", help="list, explain or test rules")
    rules.add_argument("action", nargs="?", choices=("list", "explain"), default="list")
    rules.add_argument("rule_id", nargs="?")
    rules.add_argument("--check", type=Path, metavar="PACK", help="run a pack's examples")
    rules.add_argument("--config", type=Path)


def _add_sources(sub: argparse._SubParsersAction[_Parser]) -> None:
    sources = sub.add_parser("sources", help="show which sentences are attributed, and to whom")
    sources.add_argument("paths", nargs="+", type=Path)
    sources.add_argument("--format", "-f", choices=("text", "json"), default="text")
    sources.add_argument("--config", type=Path)


def _add_lsp(sub: argparse._SubParsersAction[_Parser]) -> None:
    sub.add_parser("lsp", help="run the language server over standard input and output")


def _add_vocab(sub: argparse._SubParsersAction[_Parser]) -> None:
    vocab = sub.add_parser("vocab", help="manage the house vocabulary")
    vocab.add_argument("action", choices=("add", "reject"))
    vocab.add_argument("words", nargs="+")
    vocab.add_argument("--config", type=Path, help="configuration file to edit")


SUBCOMMANDS: dict[str, Callable[[argparse._SubParsersAction[_Parser]], None]] = {
    "check": _add_check,
    "rules": _add_rules,
    "sources": _add_sources,
    "lsp": _add_lsp,
    "vocab": _add_vocab,
}


def run() -> NoReturn:
    """Console entry point: run the command, flush its output, and end the process at once.

    Tearing the interpreter down (freeing every module and object) costs about 8 ms, a tenth
    of a single-article run, and a pre-commit hook pays it on every commit. Once the output is
    flushed there is nothing left to clean up: files are written atomically and closed, and
    worker processes have been joined. The language server exits the ordinary way.
    """
    if sys.argv[1:2] == ["lsp"]:
        sys.exit(main())
    try:
        code = main()
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # the reader went away ("copydesk check ... | head")
        code = EXIT_ERROR
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    command = arguments[0] if arguments and arguments[0] in SUBCOMMANDS else None
    try:
        args = build_parser(command).parse_args(arguments)
    except SystemExit as exc:  # --help, --version and usage errors
        return exc.code if isinstance(exc.code, int) else EXIT_ERROR
    try:
        if args.command == "check":
            return _check(args)
        if args.command == "rules":
            return _rules(args)
        if args.command == "vocab":
            return _vocab(args)
        if args.command == "sources":
            return _sources(args)
        if args.command == "lsp":
            from lint.lsp import run

            return run()
    except CopydeskError as exc:
        print(f"copydesk: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    return EXIT_ERROR


# --- check --------------------------------------------------------------------------------------


def _check(args: argparse.Namespace) -> int:
    if args.jsonl:
        from lint.archive import check_jsonl

        return check_jsonl(args.jsonl, ConfigResolver(args.config, languagetool=args.languagetool))
    if args.stdin == bool(args.paths) and not args.jsonl:
        print("copydesk: error: give paths or --stdin (not both)", file=sys.stderr)
        return EXIT_ERROR
    if args.fix and args.stdin:
        print("copydesk: error: --fix needs files; use --diff with --stdin", file=sys.stderr)
        return EXIT_ERROR
    resolver = ConfigResolver(args.config, languagetool=args.languagetool)
    results = [_check_stdin(args, resolver)] if args.stdin else _check_files(args, resolver)
    for result in results:
        if result.error:
            print(f"copydesk: {visible(result.error)}", file=sys.stderr)
        for warning in result.warnings:
            print(f"copydesk: warning: {visible(warning)}", file=sys.stderr)
    if args.fix or args.diff:
        results = _apply_fixes(results, args, resolver)
    color = args.color == "always" or (args.color == "auto" and sys.stdout.isatty())
    sys.stdout.write(formatter(args.format)(Report(results, color)))
    return _exit_status(results, args.fail_level)


def _check_stdin(args: argparse.Namespace, resolver: ConfigResolver) -> FileResult:
    name = args.stdin_filename or "-"
    anchor = Path(name) if args.stdin_filename else Path.cwd() / "stdin.md"
    config = resolver.for_article(anchor)
    text = decode_article(sys.stdin.buffer.read(), name)
    doc = parse_document(text, name, format_for(name))
    return lint_document(doc, config, anchor)


def _check_files(args: argparse.Namespace, resolver: ConfigResolver) -> list[FileResult]:
    results = []
    for path in args.paths:
        if not path.exists():
            results.append(FileResult(str(path), error=f"{path}: no such file or directory"))
    unreadable: list[Path] = []
    files = list(expand_paths((p for p in args.paths if p.exists()), unreadable))
    for folder in unreadable:
        results.append(FileResult(str(folder), error=f"{folder}: cannot read folder"))
    results.extend(lint_paths(files, resolver, max(1, args.jobs)))
    return results


def _apply_fixes(
    results: list[FileResult], args: argparse.Namespace, resolver: ConfigResolver
) -> list[FileResult]:
    from lint.fix import apply_fixes, fixable, unified_diff  # only --fix and --diff need them

    updated = []
    applied = left = 0
    for result in results:
        doc = result.source
        if doc is None:
            updated.append(result)
            continue
        applied_here = len(fixable(result.findings, args.unsafe_fixes))
        applied += applied_here
        left += len(result.findings) - applied_here
        fixed = apply_fixes(doc.text, result.findings, args.unsafe_fixes)
        if fixed == doc.text:
            updated.append(result)
            continue
        if args.diff:
            sys.stdout.write(unified_diff(result.path, doc.text, fixed))
            updated.append(result)
            continue
        path = Path(result.path)
        problem = _write_fixes(path, doc.text, fixed)
        if problem:
            print(f"copydesk: {problem}", file=sys.stderr)
            updated.append(FileResult(result.path, error=problem))
            continue
        new_doc = parse_document(fixed, result.path, doc.format)
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


def _exit_status(results: list[FileResult], fail_level: str | None) -> int:
    """2 when a file could not be checked, 1 when a finding reaches its fail level, else 0."""
    if any(r.error for r in results):
        return EXIT_ERROR
    return EXIT_FINDINGS if any(r.fails(fail_level) for r in results) else EXIT_OK


# --- rules --------------------------------------------------------------------------------------


def _rules(args: argparse.Namespace) -> int:
    if args.check:
        return _check_pack(args.check)
    config = load_config(args.config or find_config_file(Path.cwd()))
    active, _ = config.rules_for(None)
    if args.action == "explain":
        return _explain(config, args.rule_id)
    for rule in active:
        print(
            f"{rule.id:40} {rule.severity.value:8} {rule.category:12} "
            f"{_first_line(rule.description)}"
        )
    return EXIT_OK


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else ""


def _explain(config: Config, rule_id: str | None) -> int:
    if not rule_id:
        print("copydesk: error: 'rules explain' needs a rule id", file=sys.stderr)
        return EXIT_ERROR
    rule = next((r for r in config.rules if r.id == rule_id), None)
    if rule is None:
        print(f"copydesk: error: no rule '{rule_id}' (see 'copydesk rules')", file=sys.stderr)
        return EXIT_ERROR
    print(f"{rule.id} ({rule.kind}, {rule.category}, {rule.severity.value})")
    print(f"defined in {rule.source}:{rule.line}")
    print()
    print(rule.description.strip())
    if rule.link:
        print(f"\nMore: {rule.link}")
    if rule.examples.bad:
        print("\nFires on:")
        print("".join(f"  - {text}\n" for text in rule.examples.bad), end="")
    if rule.examples.good:
        print("\nDoes not fire on:")
        print("".join(f"  - {text}\n" for text in rule.examples.good), end="")
    return EXIT_OK


def _check_pack(path: Path) -> int:
    rules = load_pack_file(path)
    failures = [failure for rule in rules for failure in example_failures(rule)]
    for failure in failures:
        print(f"{path}: {failure}")
    untested = [rule.id for rule in rules if not rule.examples.bad]
    for rule_id in untested:
        print(f"{path}: {rule_id}: has no 'bad' examples", file=sys.stderr)
    examples = sum(len(r.examples.bad) + len(r.examples.good) for r in rules)
    print(f"{len(rules)} rules, {examples} examples, {len(failures)} failed")
    return EXIT_FINDINGS if failures else EXIT_OK


# --- sources ------------------------------------------------------------------------------------


def _sources(args: argparse.Namespace) -> int:
    from lint import sources

    resolver = ConfigResolver(args.config)
    maps = []
    status = EXIT_OK
    for path in expand_paths(args.paths):
        try:
            config = resolver.for_article(path)
            rules, _ = config.rules_for(path)
            doc = read_article(path, config.max_file_size)
        except CopydeskError as exc:
            print(f"copydesk: {exc}", file=sys.stderr)
            status = EXIT_ERROR
            continue
        rule = sources.lexicon_rule(rules)
        if rule is None:
            print(f"copydesk: {path}: no attribution rule is active", file=sys.stderr)
            return EXIT_ERROR
        try:
            maps.append((doc, sources.sourcing(doc, rule)))
        except RegexTimeout as exc:
            print(f"copydesk: {path}: pattern {exc} took too long; no map", file=sys.stderr)
            status = EXIT_ERROR
    if args.format == "json":
        sys.stdout.write(sources.render_json([(d.path, infos) for d, infos in maps]))
    else:
        if maps:
            print(sources.LEGEND)
        for doc, infos in maps:
            sys.stdout.write(sources.render_text(doc, infos, sys.stdout.isatty()))
    return status


# --- vocab --------------------------------------------------------------------------------------


def _vocab(args: argparse.Namespace) -> int:
    from lint.vocab import add_words, vocabulary_file

    target = vocabulary_file(Path.cwd(), args.config)
    added = add_words(target, args.words, "accept" if args.action == "add" else "reject")
    for word in args.words:
        state = "added to" if word in added else "already in"
        print(f"'{word}' {state} {target} ({'accept' if args.action == 'add' else 'reject'})")
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
