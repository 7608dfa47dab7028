"""Shared helpers for the test suite."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterable
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

from lint.cli import main
from lint.document import parse_document
from lint.engine import run_rules
from lint.findings import Finding
from lint.packs import load_pack_file, shipped_packs
from lint.rule import Context, Rule


@dataclass
class CliRun:
    """The outcome of one in-process CLI call."""

    code: int
    out: str
    err: str


def run_cli(*args: str, stdin: bytes | None = None) -> CliRun:
    """Run ``copydesk`` in-process, capturing its output."""
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdin
    if stdin is not None:
        sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    try:
        with redirect_stdout(out), redirect_stderr(err):
            code = main(list(args))
    finally:
        sys.stdin = saved
    return CliRun(code, out.getvalue(), err.getvalue())


def shipped_rules(*packs: str) -> list[Rule]:
    """Rules of the named shipped packs (all packs when none are named)."""
    available = shipped_packs()
    names = packs or tuple(available)
    return [rule for name in names for rule in load_pack_file(available[name])]


def lint_text(
    text: str, rules: Iterable[Rule], fmt: str = "markdown", ctx: Context | None = None
) -> list[Finding]:
    """Findings of the given rules on a text."""
    doc = parse_document(text, "<test>", "text" if fmt == "text" else "markdown")
    findings, _ = run_rules(doc, list(rules), ctx or Context())
    return findings


def write(path: Path, text: str) -> Path:
    """Write a UTF-8 file, creating parent folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def languagetool_down(
    folder: Path, message: str, monkeypatch: pytest.MonkeyPatch
) -> list[tuple[object, ...]]:
    """A configuration in ``folder`` naming a LanguageTool server (warnings on error) whose
    every check fails with ``message``; returns the list of the checks tried."""
    import lint.languagetool as lt
    from lint.languagetool import LanguageToolError

    url = "http://127.0.0.1:9/v2/"
    write(
        folder / ".copydesk.yaml",
        f"packs: [house]\nlanguagetool: {{url: '{url}', timeout: 2, on_error: warning}}\n",
    )
    calls: list[tuple[object, ...]] = []

    def down(*args: object) -> object:
        calls.append(args)
        raise LanguageToolError(url, message)

    monkeypatch.setattr(lt, "_check", down)
    monkeypatch.setattr(lt, "_failures", {})
    return calls


def copy_pack_files(folder: Path) -> None:
    """Copy the files the shipped attribution pack reads beside it (its word lists and cue
    model) into ``folder``, for a test that writes its own copy of the pack there."""
    rules = Path(__file__).parent.parent / "rules"
    for path in rules.glob("attribution-*"):
        (folder / path.name).write_bytes(path.read_bytes())
