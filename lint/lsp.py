"""``copydesk lsp``: a language server with diagnostics, quick fixes, hover and house vocabulary.

It calls the same ``lint_document`` as the command line; UTF-16 positions come from
``lint.formatters.lsp``, the one place they are computed.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Sequence
from pathlib import Path
from threading import Event
from typing import Any, BinaryIO

from lsprotocol import types as lsp
from pygls.io_ import StdoutWriter
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from lint import __version__
from lint.config import Config
from lint.document import Document, format_for, parse_document
from lint.engine import ConfigResolver, lint_document
from lint.errors import CopydeskError
from lint.findings import ArchivedText, Finding
from lint.formatters.lsp import LSP_SEVERITY, archive_note, utf16_position
from lint.lspwire import CopydeskProtocol, quiet_logs, read_messages
from lint.results import FileResult, RuleInfo, SourceText
from lint.safefile import describe_size
from lint.vocab import add_words, vocabulary_file

DEBOUNCE_SECONDS = 0.25
ADD_WORD = "copydesk.addToVocabulary"
WORD_CATEGORIES = ("spelling", "names")


class CopydeskServer(LanguageServer):
    """Holds the configuration cache and the latest results of the open documents."""

    def __init__(self) -> None:
        super().__init__("copydesk", __version__, protocol_cls=CopydeskProtocol)
        self.resolver = ConfigResolver()
        self.results: dict[str, FileResult] = {}
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.closed: set[str] = set()  # documents closed since they were last opened

    def serve(self, stdin: BinaryIO, stdout: BinaryIO) -> None:
        """Serve over a byte stream pair, framing messages with ``lint.lspwire``."""
        self._stop_event = stop = Event()
        self.protocol.set_writer(StdoutWriter(stdout))
        try:
            asyncio.run(read_messages(self.protocol, stdin, stop))
        except BrokenPipeError:
            pass  # the client has gone
        except (KeyboardInterrupt, SystemExit):
            pass  # 'exit' ends the loop by raising SystemExit
        finally:
            self.shutdown()  # type: ignore[no-untyped-call]

    def reload_configuration(self) -> None:
        """Forget loaded configurations and packs so the next lint reads them again."""
        self.resolver = ConfigResolver()

    def lint(self, uri: str) -> FileResult:
        """Lint an open document and remember the result."""
        text_document = self.workspace.get_text_document(uri)
        path = Path(to_fs_path(uri) or uri)
        try:
            config = self.resolver.for_article(path)
            if config.house_archive is not None and config.house_archive.is_stale():
                self.reload_configuration()  # the archive was rebuilt: read it afresh
                config = self.resolver.for_article(path)
        except CopydeskError as exc:
            self._report_config_error(exc)
            result = FileResult(str(path), error=str(exc))
        else:
            result = self._lint_open(text_document.source, path, config)
            previous = self.results.get(uri)
            if result.error and (previous is None or previous.error != result.error):
                message = f"copydesk: {result.error}"  # once, not at every pause in typing
                self.window_show_message(lsp.ShowMessageParams(lsp.MessageType.Warning, message))
        self.results[uri] = result
        return result

    def _lint_open(self, text: str, path: Path, config: Config) -> FileResult:
        """Lint the text of an open document, within the configuration's size limit."""
        if len(text) > config.max_file_size:  # characters: a lower bound of the bytes
            error = f"{path}: larger than the {describe_size(config.max_file_size)} limit"
            return FileResult(str(path), error=error)
        doc = parse_document(text, str(path), format_for(path))
        return lint_document(doc, config, path)

    def _report_config_error(self, exc: CopydeskError) -> None:
        self.window_show_message(
            lsp.ShowMessageParams(type=lsp.MessageType.Error, message=f"copydesk: {exc}")
        )
        line = max((exc.line or 1) - 1, 0)
        column = max((exc.column or 1) - 1, 0)
        where = lsp.Range(lsp.Position(line, column), lsp.Position(line, column + 1))
        diagnostic = lsp.Diagnostic(
            where, exc.message, lsp.DiagnosticSeverity.Error, source="copydesk"
        )
        uri = Path(exc.path).resolve().as_uri()
        self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri, [diagnostic]))

    def publish(self, uri: str) -> None:
        """Lint an open document and push its diagnostics; a closed one is left alone (a change
        handled after its close must not publish again what the close cleared)."""
        if uri in self.closed:
            return
        result = self.lint(uri)
        version = self.workspace.get_text_document(uri).version
        params = lsp.PublishDiagnosticsParams(uri, diagnostics(result), version)
        self.text_document_publish_diagnostics(params)

    def relint_open_documents(self) -> None:
        """Lint every open document again (after a configuration change)."""
        for uri in list(self.workspace.text_documents):
            self.publish(uri)


def diagnostics(result: FileResult) -> list[lsp.Diagnostic]:
    """LSP diagnostics for a file result."""
    if result.source is None:
        return []
    return [to_diagnostic(result.source, f) for f in result.findings]


def to_diagnostic(doc: Document | SourceText, finding: Finding) -> lsp.Diagnostic:
    """One finding as an LSP diagnostic, with UTF-16 positions."""
    start, end = utf16_position(doc, finding.start), utf16_position(doc, finding.end)
    return lsp.Diagnostic(
        range=lsp.Range(
            lsp.Position(start["line"], start["character"]),
            lsp.Position(end["line"], end["character"]),
        ),
        message=finding.message,
        severity=lsp.DiagnosticSeverity(LSP_SEVERITY[finding.severity.value]),
        code=finding.rule,
        code_description=lsp.CodeDescription(href=finding.link) if finding.link else None,
        source="copydesk",
        data={
            "replacements": list(finding.replacements),
            "match": finding.match,
            "category": finding.category,
            "applicability": finding.applicability.value,
            **({"signal": finding.signal} if finding.signal else {}),
            **({"archived": finding.archived.as_json()} if finding.archived else {}),
        },
        related_information=_archive_location(finding),
    )


def _archive_location(finding: Finding) -> list[lsp.DiagnosticRelatedInformation] | None:
    """The archived article a finding was compared with, when it is a file."""
    if finding.archived is None or not finding.archived.uri:
        return None
    start = lsp.Position(0, 0)
    return [
        lsp.DiagnosticRelatedInformation(
            lsp.Location(finding.archived.uri, lsp.Range(start, start)),
            archive_note(finding.archived),
        )
    ]


server = CopydeskServer()


@server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: CopydeskServer, params: lsp.DidOpenTextDocumentParams) -> None:
    """Lint a document when it opens."""
    ls.closed.discard(params.text_document.uri)
    ls.publish(params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
async def did_change(ls: CopydeskServer, params: lsp.DidChangeTextDocumentParams) -> None:
    """Lint after typing pauses: each change restarts a short timer."""
    uri = params.text_document.uri
    previous = ls.pending.pop(uri, None)
    if previous is not None:
        previous.cancel()

    async def later() -> None:
        await asyncio.sleep(DEBOUNCE_SECONDS)
        ls.pending.pop(uri, None)
        ls.publish(uri)

    ls.pending[uri] = asyncio.ensure_future(later())


@server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: CopydeskServer, params: lsp.DidSaveTextDocumentParams) -> None:
    """Lint on save; saving a configuration file reloads it."""
    if params.text_document.uri.endswith((".copydesk.yaml", ".yaml", "pyproject.toml")):
        ls.reload_configuration()
        ls.relint_open_documents()
    else:
        ls.publish(params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: CopydeskServer, params: lsp.DidCloseTextDocumentParams) -> None:
    """Clear a closed document's diagnostics (and forget a lint still waiting to run)."""
    pending = ls.pending.pop(params.text_document.uri, None)
    if pending is not None:
        pending.cancel()
    ls.closed.add(params.text_document.uri)
    ls.results.pop(params.text_document.uri, None)
    ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(params.text_document.uri, []))


@server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched_files(ls: CopydeskServer, params: lsp.DidChangeWatchedFilesParams) -> None:
    """A configuration file or pack changed on disk: reload and lint again."""
    ls.reload_configuration()
    ls.relint_open_documents()


@server.feature(
    lsp.TEXT_DOCUMENT_DIAGNOSTIC,
    lsp.DiagnosticOptions(inter_file_dependencies=False, workspace_diagnostics=False),
)
def pull_diagnostics(
    ls: CopydeskServer, params: lsp.DocumentDiagnosticParams
) -> lsp.RelatedFullDocumentDiagnosticReport:
    """Diagnostics on request (pull model)."""
    return lsp.RelatedFullDocumentDiagnosticReport(
        items=diagnostics(ls.lint(params.text_document.uri))
    )


@server.feature(
    lsp.TEXT_DOCUMENT_CODE_ACTION,
    lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]),
)
def code_actions(ls: CopydeskServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
    """Quick fixes: each replacement, adding the word to the vocabulary, disabling the rule."""
    uri = params.text_document.uri
    document = ls.workspace.get_text_document(uri)
    actions: list[lsp.CodeAction] = []
    for diagnostic in params.context.diagnostics:
        if diagnostic.source != "copydesk" or not isinstance(diagnostic.data, dict):
            continue
        if _covered(document.lines, diagnostic.range) != diagnostic.data.get("match"):
            continue  # the text has changed since: an edit at the old range would damage it
        actions += _replacement_actions(uri, diagnostic, document.version)
        word = str(diagnostic.data.get("match", ""))
        if diagnostic.data.get("category") in WORD_CATEGORIES and word and " " not in word:
            actions.append(
                lsp.CodeAction(
                    title=f"Add '{word}' to the house vocabulary",
                    kind=lsp.CodeActionKind.QuickFix,
                    diagnostics=[diagnostic],
                    command=lsp.Command(f"Add '{word}'", ADD_WORD, arguments=[uri, word]),
                )
            )
        if uri.endswith((".md", ".markdown")):
            actions.append(_disable_action(uri, diagnostic))
    return actions


def _covered(lines: Sequence[str], where: lsp.Range) -> str | None:
    """The text a range covers now (UTF-16 positions), or None if it is outside the text."""
    start, end = where.start, where.end
    if not (start.line <= end.line < len(lines)):
        return None
    if start.line == end.line:
        return _utf16_slice(lines[start.line], start.character, end.character)
    middle = "".join(lines[start.line + 1 : end.line])
    first = _utf16_slice(lines[start.line], start.character, None)
    return first + middle + _utf16_slice(lines[end.line], 0, end.character)


def _utf16_slice(line: str, start: int, end: int | None) -> str:
    units = line.encode("utf-16-le")
    return units[start * 2 : None if end is None else end * 2].decode("utf-16-le", "replace")


def _replacement_actions(
    uri: str, diagnostic: lsp.Diagnostic, version: int | None = None
) -> list[lsp.CodeAction]:
    """One quick fix per replacement, as an edit of the document's version it was made for."""
    assert isinstance(diagnostic.data, dict)
    replacements = diagnostic.data.get("replacements") or []
    # only a safe fix is offered as the one to take (an editor may apply it unasked)
    safe = diagnostic.data.get("applicability") == "safe"
    document = lsp.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version)
    return [
        lsp.CodeAction(
            title=f"Replace with '{text}'",
            kind=lsp.CodeActionKind.QuickFix,
            diagnostics=[diagnostic],
            is_preferred=safe and index == 0,
            edit=lsp.WorkspaceEdit(
                document_changes=[
                    lsp.TextDocumentEdit(document, [lsp.TextEdit(diagnostic.range, str(text))])
                ]
            ),
        )
        for index, text in enumerate(replacements)
    ]


def _disable_action(uri: str, diagnostic: lsp.Diagnostic) -> lsp.CodeAction:
    line = diagnostic.range.start.line
    comment = f"<!-- copydesk-disable-next-line {diagnostic.code} -->\n"
    at = lsp.Position(line, 0)
    return lsp.CodeAction(
        title=f"Disable {diagnostic.code} on this line",
        kind=lsp.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        edit=lsp.WorkspaceEdit(changes={uri: [lsp.TextEdit(lsp.Range(at, at), comment)]}),
    )


def _workspace_file(ls: CopydeskServer, uri: object) -> Path | None:
    """The path of a ``file:`` URI inside one of the workspace's folders, else None."""
    if not isinstance(uri, str) or not uri.startswith("file:"):
        return None
    path = Path(to_fs_path(uri) or "").resolve()
    folders = [f.uri for f in ls.workspace.folders.values()] or [ls.workspace.root_uri or ""]
    for folder in folders:
        root = to_fs_path(folder) if folder else None
        if root and path.is_relative_to(Path(root).resolve()):
            return path
    return None


@server.command(ADD_WORD)
def add_to_vocabulary(ls: CopydeskServer, uri: Any, word: Any) -> None:  # untrusted: checked
    """Write the word to the nearest .copydesk.yaml, then lint the open documents again.

    Only a word that is a string, for a ``file:`` document inside a workspace folder: a
    command may come from anywhere, and must not write a configuration elsewhere."""
    path = _workspace_file(ls, uri)
    if path is None or not isinstance(word, str):
        message = "copydesk: Add to the house vocabulary needs a word and a file in the workspace"
        ls.window_show_message(lsp.ShowMessageParams(lsp.MessageType.Error, message))
        return
    try:
        add_words(vocabulary_file(path), [word])
    except (CopydeskError, OSError) as exc:
        ls.window_show_message(lsp.ShowMessageParams(lsp.MessageType.Error, f"copydesk: {exc}"))
        return
    ls.reload_configuration()
    ls.relint_open_documents()


@server.feature(lsp.TEXT_DOCUMENT_HOVER)
def hover(ls: CopydeskServer, params: lsp.HoverParams) -> lsp.Hover | None:
    """Over a finding: the rule's description and examples."""
    result = ls.results.get(params.text_document.uri) or ls.lint(params.text_document.uri)
    if result.source is None:
        return None
    for finding in result.findings:
        start = utf16_position(result.source, finding.start)
        end = utf16_position(result.source, finding.end)
        position = (params.position.line, params.position.character)
        if (start["line"], start["character"]) <= position <= (end["line"], end["character"]):
            return lsp.Hover(
                contents=lsp.MarkupContent(
                    lsp.MarkupKind.Markdown, explain(finding, result.rules.get(finding.rule))
                )
            )
    return None


def explain(finding: Finding, rule: RuleInfo | None) -> str:
    """Markdown for a hover: message, the archived article (for an archive check), the rule's
    description and examples."""
    lines = [f"**{finding.rule}**: {finding.message}"]
    if finding.archived is not None:
        lines += ["", archived_markdown(finding.archived)]
    if rule is not None:
        lines += ["", rule.description.strip()]
        if rule.examples.bad:
            lines += ["", "Fires on:"] + [f"- {text}" for text in rule.examples.bad]
        if rule.examples.good:
            lines += ["", "Does not fire on:"] + [f"- {text}" for text in rule.examples.good]
    return "\n".join(lines)


def archived_markdown(archived: ArchivedText) -> str:
    """The archived article as Markdown: a link when it is a file, its date and text."""
    name = f"[{archived.article}]({archived.uri})" if archived.uri else f"`{archived.article}`"
    lines = [f"Archived article: {name} ({archived.date or 'undated'})"]
    if archived.text:
        lines += [""] + [f"> {line}" for line in archived.text.splitlines()]
    return "\n".join(lines)


def run() -> int:
    """Serve over standard input and output until the client exits."""
    quiet_logs()
    server.serve(sys.stdin.buffer, sys.stdout.buffer)
    return 0
