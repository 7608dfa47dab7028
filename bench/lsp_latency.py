"""Language-server re-lint latency on a 2,000-word article (the work done after each change).

Usage: python bench/lsp_latency.py

Measures, in the server's own process, what happens between the end of the debounce and
publishDiagnostics: reading the open document, linting it and building the diagnostics. The
JSON-RPC transport is not included. Data: BBC articles joined to 2,000 words.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lsprotocol import types as lsp
from pygls.workspace import Workspace

from bench.common import bbc_articles
from lint.lsp import CopydeskServer, diagnostics


def article(words: int = 2000) -> str:
    """BBC paragraphs joined until the text has ``words`` words."""
    paragraphs: list[str] = []
    count = 0
    for _, text in bbc_articles():
        for paragraph in text.split("\n\n"):
            paragraphs.append(paragraph.strip())
            count += len(paragraph.split())
            if count >= words:
                return "\n\n".join(paragraphs) + "\n"
    return "\n\n".join(paragraphs)


def main() -> None:
    """Open the article, then time re-lints after single-character edits."""
    text = article()
    folder = Path(tempfile.mkdtemp())
    path = folder / "story.md"
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    server = CopydeskServer()
    server.protocol._workspace = Workspace(folder.as_uri())  # what initialize would set up
    server.protocol.workspace.put_text_document(lsp.TextDocumentItem(uri, "markdown", 1, text))
    diagnostics(server.lint(uri))  # first lint loads dictionaries and packs
    samples = []
    for version in range(2, 42):
        edited = text.replace("the ", "teh ", version % 5 + 1)
        server.protocol.workspace.put_text_document(
            lsp.TextDocumentItem(uri, "markdown", version, edited)
        )
        started = time.perf_counter()
        diagnostics(server.lint(uri))
        samples.append((time.perf_counter() - started) * 1000)
    print(f"2,000-word article ({len(text.split())} words), 40 edits:")
    print(
        f"  re-lint to diagnostics: median {statistics.median(samples):.1f} ms, "
        f"p90 {sorted(samples)[35]:.1f} ms (target median <= 50 ms)"
    )


if __name__ == "__main__":
    main()
