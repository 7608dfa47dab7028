"""The versioned JSON contract of ``copydesk check`` (see docs/json-schema.md)."""

from __future__ import annotations

import json
from typing import Any

from lint.formatters.report import Report, span_of
from lint.results import FileResult

SCHEMA_VERSION = 1


def file_record(result: FileResult) -> dict[str, Any]:
    """One file's entry: its path and findings."""
    findings = []
    doc = result.source
    for finding in result.findings:
        assert doc is not None
        span = span_of(doc, finding)
        record: dict[str, object] = {
            "rule": finding.rule,
            "category": finding.category,
            "severity": finding.severity.value,
            "message": finding.message,
            "match": finding.match,
            "start": finding.start,
            "end": finding.end,
            "line": span.line,
            "column": span.column,
            "end_line": span.end_line,
            "end_column": span.end_column,
            "replacements": list(finding.replacements),
            "applicability": finding.applicability.value,
        }
        if finding.signal is not None:
            record["signal"] = finding.signal
        if finding.archived is not None:
            record["archived"] = finding.archived.as_json()
        findings.append(record)
    return {"path": result.path, "findings": findings}


def render(report: Report) -> str:
    """Render all files that were checked (files with input errors are reported on stderr)."""
    files = [file_record(r) for r in report.results if r.error is None]
    return (
        json.dumps({"version": SCHEMA_VERSION, "files": files}, ensure_ascii=False, indent=2) + "\n"
    )
