"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` line per finding."""

from __future__ import annotations

from lint.formatters.report import Report, replacement_hint, span_of

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def render(report: Report) -> str:
    """Render every finding as a workflow annotation command."""
    lines = []
    for result in report.results:
        if result.source is None:
            continue
        for finding in result.findings:
            span = span_of(result.source, finding)
            props = (
                f"file={_escape_property(result.path)},line={span.line},col={span.column},"
                f"endLine={span.end_line},endColumn={span.end_column},"
                f"title={_escape_property(finding.rule)}"
            )
            message = finding.message + replacement_hint(finding.message, finding.replacements)
            lines.append(f"::{_LEVEL[finding.severity.value]} {props}::{_escape_data(message)}")
    return "".join(line + "\n" for line in lines)
