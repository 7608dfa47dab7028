"""Human-readable output: ``path:line:col: severity rule message``, the line, a caret underline."""

from __future__ import annotations

from collections import Counter

from lint.formatters.report import Report, replacement_hint, span_of

_COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_BOLD, _RESET = "\033[1m", "\033[0m"


def render(report: Report) -> str:
    """Render findings with their source lines, then a summary line."""
    out: list[str] = []
    counts: Counter[str] = Counter()
    files_with_findings = 0
    for result in report.results:
        if result.error is not None or result.document is None:
            continue
        doc = result.document
        files_with_findings += bool(result.findings)
        for finding in result.findings:
            counts[finding.severity.value] += 1
            span = span_of(doc, finding)
            severity = finding.severity.value
            if report.color:
                severity = f"{_COLORS[severity]}{severity}{_RESET}"
            hint = replacement_hint(finding.message, finding.replacements)
            out.append(
                f"{result.path}:{span.line}:{span.column}: {severity} {finding.rule} "
                f"{finding.message}{hint}"
            )
            line_start, line_end = doc.lines.line_span(span.line, doc.text)
            source = doc.text[line_start:line_end]
            width = max(1, min(finding.end, line_end) - finding.start)
            out.append(f"    {source.expandtabs(1)}")
            out.append("    " + " " * (span.column - 1) + "^" * width)
    total = sum(counts.values())
    if total:
        parts = [
            f"{counts[k]} {k}{'s' if counts[k] != 1 else ''}"
            for k in ("error", "warning", "info")
            if counts[k]
        ]
        summary = (
            f"{_plural(total, 'finding')} in {_plural(files_with_findings, 'file')} "
            f"({', '.join(parts)})"
        )
    else:
        checked = sum(1 for r in report.results if r.error is None)
        summary = f"No findings in {_plural(checked, 'file')}."
    failed = sum(1 for r in report.results if r.error is not None)
    if failed:  # a file that could not be checked must not read as a clean one
        summary = (
            f"{summary.rstrip('.')}; {_plural(failed, 'file')} not checked (see errors above)."
        )
    out.append(f"{_BOLD}{summary}{_RESET}" if report.color else summary)
    return "\n".join(out) + "\n"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' if count != 1 else ''}"
