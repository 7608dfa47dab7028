"""The language server with a house archive: an archive finding links the archived article
and its hover shows it (through a real LSP client over stdio)."""

from __future__ import annotations

import asyncio
import sys
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient

from lint.config import load_config
from lint.memory.build import SourceArticle, build_index

WORKSPACE = Path(tempfile.mkdtemp(prefix="copydesk-lsp-archive-"))
ARCHIVED = (
    "---\ndate: 2024-03-01\n---\n\nThe ministers met in Vilnius.\n\n"
    '"We will not stand by while our neighbours suffer in silence," Ms Kallas said '
    "after the talks.\n"
)


def _workspace() -> None:
    (WORKSPACE / "archive").mkdir()
    (WORKSPACE / "archive" / "kyiv.md").write_text(ARCHIVED)
    (WORKSPACE / ".copydesk.yaml").write_text("archive: .copydesk/archive.sqlite\n")
    article = SourceArticle("archive/kyiv.md", ARCHIVED, "markdown")
    build_index(WORKSPACE / ".copydesk" / "archive.sqlite", [article], load_config(None))


_workspace()


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=[sys.executable, "-m", "lint", "lsp"]),
)
async def client(lsp_client: LanguageClient) -> AsyncIterator[None]:
    await lsp_client.initialize_session(
        lsp.InitializeParams(capabilities=lsp.ClientCapabilities(), root_uri=WORKSPACE.as_uri())
    )
    yield
    await lsp_client.shutdown_session()


async def _open(client: LanguageClient, name: str, text: str) -> str:
    """Open a new document in the workspace and wait for its first diagnostics."""
    path = WORKSPACE / name
    path.write_text(text)
    uri = path.as_uri()
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(uri, "markdown", 1, text))
    )
    await asyncio.wait_for(client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 30)
    return uri


@pytest.mark.asyncio
async def test_a_misquote_links_and_shows_the_archived_article(client: LanguageClient) -> None:
    text = '"We will not stand by while our allies suffer in silence," Ms Kallas said.\n'
    uri = await _open(client, "new.md", text)
    (misquote,) = [d for d in client.diagnostics[uri] if d.code == "archive.misquote"]
    archived_uri = (WORKSPACE / "archive" / "kyiv.md").resolve().as_uri()
    assert misquote.related_information is not None
    assert [r.location.uri for r in misquote.related_information] == [archived_uri]
    hover = await client.text_document_hover_async(
        lsp.HoverParams(lsp.TextDocumentIdentifier(uri), misquote.range.start)
    )
    assert hover is not None and isinstance(hover.contents, lsp.MarkupContent)
    shown = hover.contents.value
    assert f"Archived article: [archive/kyiv.md]({archived_uri}) (2024-03-01)" in shown
    assert (
        '> "We will not stand by while our neighbours suffer in silence," Ms Kallas said '
        "after the talks." in shown
    )


@pytest.mark.asyncio
async def test_a_rebuilt_archive_is_read_at_the_next_check(client: LanguageClient) -> None:
    text = '"The bridge will be open to traffic by the end of the summer," Ms Ruiz said.\n'
    uri = await _open(client, "bridge.md", text)
    assert not [d for d in client.diagnostics[uri] if d.code == "archive.misquote"]
    archived = '"The bridge will be open to traffic by the end of the spring," Ms Ruiz said.\n'
    (WORKSPACE / "archive" / "bridge.md").write_text(archived)
    build_index(
        WORKSPACE / ".copydesk" / "archive.sqlite",
        [SourceArticle("archive/bridge.md", archived, "markdown")],
        load_config(None),
    )
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(version=2, uri=uri),
            [lsp.TextDocumentContentChangeWholeDocument(text)],
        )
    )
    await asyncio.wait_for(client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 30)
    assert [d.code for d in client.diagnostics[uri] if d.code == "archive.misquote"] == [
        "archive.misquote"
    ]
