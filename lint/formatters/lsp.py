"""LSP ``PublishDiagnosticsParams`` per file, with 0-based UTF-16 ranges (computed only here)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from lint.document import Document
from lint.findings import ArchivedText, Finding
from lint.formatters.report import Report
from lint.results import SourceText

LSP_SEVERITY = {"error": 1, "warning": 2, "info": 3}


def utf16_position(doc: Document | SourceText, offset: int) -> dict[str, int]:
    """0-based LSP position (line, UTF-16 code units) of a character offset."""
    line, column = doc.lines.position(offset)
    line_start = doc.lines.starts[line - 1]
    prefix = doc.text[line_start : line_start + column - 1]
    units = len(prefix) + sum(1 for ch in prefix if ord(ch) > 0xFFFF)
    return {"line": line - 1, "character": units}


def diagnostic(doc: Document | SourceText, finding: Finding) -> dict[str, Any]:
    """One LSP diagnostic as plain JSON data."""
    data: dict[str, Any] = {
        "range": {
            "start": utf16_position(doc, finding.start),
            "end": utf16_position(doc, finding.end),
        },
        "severity": LSP_SEVERITY[finding.severity.value],
        "code": finding.rule,
        "source": "copydesk",
        "message": finding.message,
        "data": {
            "replacements": list(finding.replacements),
            "match": finding.match,
            "applicability": finding.applicability.value,
            **({"signal": finding.signal} if finding.signal else {}),
            **({"archived": finding.archived.as_json()} if finding.archived else {}),
        },
    }
    if finding.link:
        data["codeDescription"] = {"href": finding.link}
    if finding.archived is not None and finding.archived.uri:
        data["relatedInformation"] = [related_archive(finding.archived)]
    return data


def related_archive(archived: ArchivedText) -> dict[str, Any]:
    """The archived article as a diagnostic's related information (its first line)."""
    zero = {"line": 0, "character": 0}
    return {
        "location": {"uri": archived.uri, "range": {"start": zero, "end": zero}},
        "message": archive_note(archived),
    }


def archive_note(archived: ArchivedText) -> str:
    """One line naming the archived article, its date and its text."""
    note = f"archived: {archived.article} ({archived.date or 'undated'})"
    return f"{note}: {archived.text}" if archived.text else note


def render(report: Report) -> str:
    """One ``PublishDiagnosticsParams`` object per file, as a JSON list."""
    params = []
    for result in report.results:
        if result.source is None:
            continue
        uri = Path(result.path).resolve().as_uri() if result.path != "-" else "untitled:stdin"
        params.append(
            {"uri": uri, "diagnostics": [diagnostic(result.source, f) for f in result.findings]}
        )
    return json.dumps(params, ensure_ascii=False, indent=2) + "\n"
