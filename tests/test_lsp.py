"""The language server end to end, through a real LSP client over stdio (pytest-lsp)."""

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

WORKSPACE = Path(tempfile.mkdtemp(prefix="copydesk-lsp-"))
(WORKSPACE / ".copydesk.yaml").write_text("packs: [names, terms, spelling]\n")
ARTICLE = "# Talks\n\nJens Stoltenberg spoke. 🙂 Stotenberg also noted the risks.\n"


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=[sys.executable, "-m", "lint", "lsp"]),
)
async def client(lsp_client: LanguageClient) -> AsyncIterator[None]:
    await lsp_client.initialize_session(
        lsp.InitializeParams(
            capabilities=lsp.ClientCapabilities(),
            root_uri=WORKSPACE.as_uri(),
        )
    )
    yield
    await lsp_client.shutdown_session()


def _open(client: LanguageClient, name: str, text: str) -> str:
    path = WORKSPACE / name
    path.write_text(text)
    uri = path.as_uri()
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(uri, "markdown", 1, text))
    )
    return uri


async def _diagnostics(client: LanguageClient, uri: str) -> list[lsp.Diagnostic]:
    await asyncio.wait_for(client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 20)
    return list(client.diagnostics.get(uri, []))


def _apply(text: str, edit: lsp.TextEdit) -> str:
    lines = text.split("\n")
    line = lines[edit.range.start.line]
    encoded = line.encode("utf-16-le")
    start, end = edit.range.start.character * 2, edit.range.end.character * 2
    lines[edit.range.start.line] = (
        encoded[:start].decode("utf-16-le") + edit.new_text + encoded[end:].decode("utf-16-le")
    )
    return "\n".join(lines)


@pytest.mark.asyncio
async def test_diagnostic_fix_and_clear(client: LanguageClient) -> None:
    uri = _open(client, "story.md", ARTICLE)
    (diagnostic,) = [d for d in await _diagnostics(client, uri) if d.code == "names.people"]
    line = ARTICLE.split("\n")[2]
    units_before = len(line[: line.index("Stotenberg")].encode("utf-16-le")) // 2
    assert diagnostic.range.start == lsp.Position(2, units_before)  # the emoji counts twice
    assert diagnostic.range.end == lsp.Position(2, units_before + len("Stotenberg"))
    assert diagnostic.source == "copydesk"

    actions = await client.text_document_code_action_async(
        lsp.CodeActionParams(
            lsp.TextDocumentIdentifier(uri),
            diagnostic.range,
            lsp.CodeActionContext(diagnostics=[diagnostic]),
        )
    )
    assert actions is not None
    titles = [a.title for a in actions]  # an action with a command may arrive as a Command
    assert "Replace with 'Stoltenberg'" in titles
    assert "Add 'Stotenberg' to the house vocabulary" in titles
    assert "Disable names.people on this line" in titles
    fix = next(
        a for a in actions if isinstance(a, lsp.CodeAction) and a.title.startswith("Replace")
    )
    assert fix.edit is not None and fix.edit.document_changes
    (change,) = fix.edit.document_changes
    assert isinstance(change, lsp.TextDocumentEdit)
    assert change.text_document.uri == uri and change.text_document.version == 1
    edit = change.edits[0]
    assert isinstance(edit, lsp.TextEdit)
    fixed = _apply(ARTICLE, edit)
    assert "🙂 Stoltenberg also" in fixed
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(version=2, uri=uri),
            [lsp.TextDocumentContentChangeWholeDocument(fixed)],
        )
    )
    remaining = await _diagnostics(client, uri)
    assert [d for d in remaining if d.code == "names.people"] == []
    stale = await client.text_document_code_action_async(
        lsp.CodeActionParams(
            lsp.TextDocumentIdentifier(uri),
            diagnostic.range,
            lsp.CodeActionContext(diagnostics=[diagnostic]),
        )
    )
    assert not [a for a in stale or [] if a.title.startswith("Replace")]

    report = await client.text_document_diagnostic_async(
        lsp.DocumentDiagnosticParams(lsp.TextDocumentIdentifier(uri))
    )
    assert isinstance(report, lsp.RelatedFullDocumentDiagnosticReport)
    assert [d for d in report.items if d.code == "names.people"] == []


@pytest.mark.asyncio
async def test_hover_and_vocabulary(client: LanguageClient) -> None:
    uri = _open(client, "vocab.md", "The zorblax arrived.\n")
    (diagnostic,) = await _diagnostics(client, uri)
    assert diagnostic.code == "spelling.misspelling"
    hover = await client.text_document_hover_async(
        lsp.HoverParams(lsp.TextDocumentIdentifier(uri), diagnostic.range.start)
    )
    assert hover is not None and "spelling.misspelling" in str(hover.contents)
    await client.workspace_execute_command_async(
        lsp.ExecuteCommandParams("copydesk.addToVocabulary", [uri, "zorblax"])
    )
    # The server re-lints before it answers the command, so the new diagnostics are already here.
    assert list(client.diagnostics[uri]) == []
    assert "zorblax" in (WORKSPACE / ".copydesk.yaml").read_text()


@pytest.mark.asyncio
async def test_configuration_change_relints(client: LanguageClient) -> None:
    uri = _open(client, "config.md", "Merkle arrived. Chancellor Merkle spoke.\n")
    assert any(d.code == "names.people" for d in await _diagnostics(client, uri))
    config = WORKSPACE / ".copydesk.yaml"
    original = config.read_text()
    try:
        config.write_text(original + "disable: [names.people]\n")
        client.workspace_did_change_watched_files(
            lsp.DidChangeWatchedFilesParams(
                [lsp.FileEvent(config.as_uri(), lsp.FileChangeType.Changed)]
            )
        )
        diagnostics = await _diagnostics(client, uri)
        assert not any(d.code == "names.people" for d in diagnostics)
        config.write_text("packs: [nope]\n")
        client.workspace_did_change_watched_files(
            lsp.DidChangeWatchedFilesParams(
                [lsp.FileEvent(config.as_uri(), lsp.FileChangeType.Changed)]
            )
        )
        message = await asyncio.wait_for(client.wait_for_notification(lsp.WINDOW_SHOW_MESSAGE), 20)
        assert "unknown pack 'nope'" in message.message
        await asyncio.sleep(0.1)
        (on_config,) = client.diagnostics[config.as_uri()]
        assert on_config.range.start == lsp.Position(0, 7) and "unknown pack" in on_config.message
        config.write_text("packs: [names]\nseverity:\n  names: loud\n")  # a value error
        client.workspace_did_change_watched_files(
            lsp.DidChangeWatchedFilesParams(
                [lsp.FileEvent(config.as_uri(), lsp.FileChangeType.Changed)]
            )
        )
        message = await asyncio.wait_for(client.wait_for_notification(lsp.WINDOW_SHOW_MESSAGE), 20)
        assert message.message.startswith(f"copydesk: {config}:3:10: 'severity.names' must be")
        await asyncio.sleep(0.1)
        (on_config,) = client.diagnostics[config.as_uri()]
        assert on_config.range.start == lsp.Position(2, 9)
    finally:
        config.write_text(original)


@pytest.mark.asyncio
async def test_closing_within_the_pause_publishes_nothing_after_the_close(
    client: LanguageClient,
) -> None:
    from lint.lsp import DEBOUNCE_SECONDS

    uri = _open(client, "closing.md", ARTICLE)
    assert [d for d in await _diagnostics(client, uri) if d.code == "names.people"]
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(version=2, uri=uri),
            [lsp.TextDocumentContentChangeWholeDocument(ARTICLE + "\nMore.\n")],
        )
    )
    client.text_document_did_close(lsp.DidCloseTextDocumentParams(lsp.TextDocumentIdentifier(uri)))
    await asyncio.sleep(DEBOUNCE_SECONDS + 1.0)
    assert not client.diagnostics.get(uri)  # cleared at the close; the pending lint never ran


@pytest.mark.asyncio
async def test_an_open_document_past_the_size_limit_is_refused(client: LanguageClient) -> None:
    folder = WORKSPACE / "small"
    folder.mkdir(exist_ok=True)
    (folder / ".copydesk.yaml").write_text("packs: [names]\nmax_file_size: 100\n")
    uri = _open(client, "small/big.md", "Jens Stotenberg spoke. " * 10)
    message = await asyncio.wait_for(client.wait_for_notification(lsp.WINDOW_SHOW_MESSAGE), 20)
    assert message.message == f"copydesk: {folder / 'big.md'}: larger than the 100 bytes limit"
    await asyncio.sleep(0.2)
    shown = len(client.messages)
    client.text_document_did_save(lsp.DidSaveTextDocumentParams(lsp.TextDocumentIdentifier(uri)))
    await client.text_document_diagnostic_async(  # a round trip: the save has been handled
        lsp.DocumentDiagnosticParams(lsp.TextDocumentIdentifier(uri))
    )
    assert len(client.messages) == shown  # said once, not at every lint
