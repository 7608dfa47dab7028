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
        if result.error is not None or result.source is None:
            continue
        doc = result.source
        files_with_findings += bool(result.findings)
        for finding in result.findings:
            counts[finding.severity.value] += 1
            span = span_of(doc, finding)
            severity = finding.severity.value
            if report.color:
                severity = f"{_COLORS[severity]}{severity}{_RESET}"
            hint = replacement_hint(finding.message, finding.replacements)
            out.append(
                f"{visible(result.path)}:{span.line}:{span.column}: {severity} {finding.rule} "
                f"{visible(finding.message + hint)}"
            )
            line_start, line_end = doc.lines.line_span(span.line, doc.text)
            width = max(1, min(finding.end, line_end) - finding.start)
            shown, column = excerpt(doc.text[line_start:line_end], span.column - 1, width)
            out.append(f"    {_one_cell(shown.expandtabs(1))}")
            out.append("    " + " " * column + "^" * width)
    if report.quiet:
        return "\n".join(out) + "\n" if out else ""
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


def visible(text: str) -> str:
    """Text safe to print to a terminal: control characters (an escape sequence in an article
    or a file name could recolour or retitle the terminal) shown escaped."""
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode() for ch in text)


def _one_cell(text: str) -> str:
    """A source line for the excerpt: each control character shown as one "?", so that the
    caret line below still points at the right columns."""
    return "".join(ch if ch.isprintable() else "?" for ch in text)


_LONG_LINE = 120  # a paragraph kept on one line is shown around the finding only
_CONTEXT = 40


def excerpt(line: str, column: int, width: int) -> tuple[str, int]:
    """The part of a long line around ``[column, column + width)``, and the span's new column.

    Cut ends are marked with "…" and fall on spaces, so no word is shown in part.
    """
    if len(line) <= _LONG_LINE:
        return line, column
    start = max(0, column - _CONTEXT)
    if start > 0:
        space = line.find(" ", start, column)
        start = space + 1 if space >= 0 else start
    end = min(len(line), column + width + _CONTEXT)
    if end < len(line):
        space = line.rfind(" ", column + width, end)
        end = space if space >= 0 else end
    head = "…" if start > 0 else ""
    tail = "…" if end < len(line) else ""
    return head + line[start:end] + tail, column - start + len(head)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' if count != 1 else ''}"
