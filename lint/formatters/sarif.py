"""SARIF 2.1.0 output for code-scanning dashboards."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from lint import __version__
from lint.formatters.report import Report, span_of
from lint.results import RuleInfo
from lint.rule import first_sentence

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _rule_descriptor(rule_id: str, rules: dict[str, RuleInfo]) -> dict[str, Any]:
    rule = rules.get(rule_id)
    descriptor: dict[str, Any] = {"id": rule_id}
    if rule is not None:
        summary = first_sentence(rule.description)
        descriptor["shortDescription"] = {"text": summary}
        descriptor["fullDescription"] = {"text": " ".join(rule.description.split())}
        help_text = " ".join(rule.description.split())
        if rule.examples.bad:
            help_text += " Fires on: " + " | ".join(rule.examples.bad[:3])
        descriptor["help"] = {"text": help_text}
        descriptor["defaultConfiguration"] = {"level": _LEVEL[rule.severity.value]}
        descriptor["properties"] = {"category": rule.category}
        if rule.link:
            descriptor["helpUri"] = rule.link
    return descriptor


def render(report: Report) -> str:
    """Render one SARIF run holding every finding."""
    used = sorted({f.rule for r in report.results for f in r.findings})
    known = report.rules  # merged from every result once
    index = {rule_id: i for i, rule_id in enumerate(used)}
    results = []
    for result in report.results:
        if result.source is None:
            continue
        for finding in result.findings:
            span = span_of(result.source, finding)
            entry: dict[str, Any] = {
                "ruleId": finding.rule,
                "ruleIndex": index[finding.rule],
                "level": _LEVEL[finding.severity.value],
                "message": {"text": finding.message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": artifact_uri(result.path)},
                            "region": {
                                "startLine": span.line,
                                "startColumn": span.column,
                                "endLine": span.end_line,
                                "endColumn": span.end_column,
                                "charOffset": finding.start,
                                "charLength": finding.end - finding.start,
                                "snippet": {"text": finding.match},
                            },
                        }
                    }
                ],
            }
            if finding.replacements:
                entry["fixes"] = [
                    _fix(result.path, finding.start, finding.end, text, span)
                    for text in finding.replacements
                ]
                entry["properties"] = {"applicability": finding.applicability.value}
            if finding.signal is not None:
                entry.setdefault("properties", {})["signal"] = finding.signal
            if finding.archived is not None:
                entry.setdefault("properties", {})["archived"] = finding.archived.as_json()
            results.append(entry)
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "copydesk",
                        "version": __version__,
                        "informationUri": "https://pypi.org/project/copydesk/",
                        "rules": [_rule_descriptor(rule_id, known) for rule_id in used],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "invocations": [_invocation(report)],
                "results": results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def artifact_uri(path: str) -> str:
    """A file path as a SARIF artifact URI reference: forward slashes, percent-encoded
    (spaces, '#', '%' and non-ASCII letters would otherwise break the link)."""
    return quote(path.replace("\\", "/"), safe="/-._~")


def _invocation(report: Report) -> dict[str, Any]:
    """Whether the run succeeded: a file that could not be checked makes it a failed run
    (exit 2), with each error as a notification, so a dashboard never shows it as clean."""
    errors = [r for r in report.results if r.error is not None]
    invocation: dict[str, Any] = {"executionSuccessful": not errors}
    if errors:
        invocation["exitCode"] = 2
        invocation["toolExecutionNotifications"] = [
            {
                "level": "error",
                "message": {"text": result.error},
                "locations": [
                    {"physicalLocation": {"artifactLocation": {"uri": artifact_uri(result.path)}}}
                ],
            }
            for result in errors
        ]
    return invocation


def _fix(path: str, start: int, end: int, text: str, span: Any) -> dict[str, Any]:
    return {
        "description": {"text": f"Replace with '{text}'"},
        "artifactChanges": [
            {
                "artifactLocation": {"uri": artifact_uri(path)},
                "replacements": [
                    {
                        "deletedRegion": {
                            "startLine": span.line,
                            "startColumn": span.column,
                            "endLine": span.end_line,
                            "endColumn": span.end_column,
                        },
                        "insertedContent": {"text": text},
                    }
                ],
            }
        ],
    }
