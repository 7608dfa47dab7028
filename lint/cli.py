"""The ``copydesk`` command line: check, rules, sources, vocab and lsp."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from lint import __version__
from lint.cli_archive import add_archive, run_archive
from lint.cli_check import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, add_check, run_check
from lint.config import Config, find_config_file, load_config
from lint.document import read_article
from lint.engine import ConfigResolver, expand_paths
from lint.errors import CopydeskError
from lint.examples import example_failures
from lint.packs import load_pack_file
from lint.rule import Rule, first_sentence
from lint.saferegex import RegexTimeout


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


def _add_rules(sub: argparse._SubParsersAction[_Parser]) -> None:
    rules = sub.add_parser("rules", help="list, explain or test rules")
    rules.add_argument("action", nargs="?", choices=("list", "explain"), default="list")
    rules.add_argument("rule_id", nargs="?", help="a rule id, or a pack to list its rules")
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
    "check": add_check,
    "rules": _add_rules,
    "sources": _add_sources,
    "lsp": _add_lsp,
    "vocab": _add_vocab,
    "archive": add_archive,
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
            return run_check(args)
        if args.command == "rules":
            return _rules(args)
        if args.command == "vocab":
            return _vocab(args)
        if args.command == "sources":
            return _sources(args)
        if args.command == "archive":
            return run_archive(args)
        if args.command == "lsp":
            from lint.lsp import run

            return run()
    except CopydeskError as exc:
        print(f"copydesk: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    return EXIT_ERROR


# --- rules --------------------------------------------------------------------------------------


def _rules(args: argparse.Namespace) -> int:
    if args.check:
        return _check_pack(args.check)
    config = load_config(args.config or find_config_file(Path.cwd()))
    active, _ = config.rules_for(None)
    if args.action == "explain":
        return _explain(config, args.rule_id)
    _print_rules(active)
    return EXIT_OK


def _print_rules(rules: list[Rule]) -> None:
    """A table of rules: id, severity, category and the first sentence of the description."""
    print(f"{'RULE':40} {'SEVERITY':8} {'CATEGORY':12} DESCRIPTION")
    for rule in rules:
        print(
            f"{rule.id:40} {rule.severity.value:8} {rule.category:12} "
            f"{first_sentence(rule.description)}"
        )


def _explain(config: Config, rule_id: str | None) -> int:
    if not rule_id:
        print("copydesk: error: 'rules explain' needs a rule id", file=sys.stderr)
        return EXIT_ERROR
    rule = next((r for r in config.rules if r.id == rule_id), None)
    pack = [r for r in config.rules if r.id.startswith(rule_id + ".")]
    if rule is None and pack:  # "rules explain names": the pack's rules
        _print_rules(pack)
        return EXIT_OK
    if rule is None:
        print(
            f"copydesk: error: no rule or pack '{rule_id}' (see 'copydesk rules')", file=sys.stderr
        )
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
