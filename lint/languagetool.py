"""LanguageTool grammar and style checks through language-tool-python, against a server URL.

Only a configured server is used: copydesk never lets language-tool-python download and start
LanguageTool by itself.
"""

from __future__ import annotations

import re
import time
from functools import cache
from typing import Any

from lint.config import LanguageToolSettings
from lint.document import Document
from lint.errors import CopydeskError
from lint.findings import Applicability, Finding, Severity

_CATEGORIES = {"TYPOS": "spelling", "STYLE": "style", "REDUNDANCY": "style", "TYPOGRAPHY": "style"}
_SPELLING_RULES = ("MORFOLOGIK_RULE_EN_US", "MORFOLOGIK_RULE_EN_GB", "HUNSPELL_RULE")


class LanguageToolError(CopydeskError):
    """The server could not be reached or answered badly."""


@cache
def _client(url: str, language: str, timeout: float) -> Any:
    try:
        import language_tool_python
    except ImportError:
        raise LanguageToolError(
            url, "LanguageTool needs the extra: pip install 'copydesk[languagetool]'"
        ) from None
    language_tool_python.LanguageTool._TIMEOUT = timeout  # type: ignore[assignment]
    try:
        root = re.sub(r"/v2/?$", "/", url.rstrip("/") + "/")  # the library appends v2/ itself
        return language_tool_python.LanguageTool(language, remote_server=root)
    except Exception as exc:  # the library raises several types for one failure: unreachable
        raise LanguageToolError(url, f"LanguageTool server unreachable: {_short(exc)}") from None


def _short(exc: Exception) -> str:
    return str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__


def check_languagetool(
    doc: Document, settings: LanguageToolSettings, language: str
) -> tuple[list[Finding], list[str]]:
    """LanguageTool's matches on the document's prose, as findings with character offsets,
    and a warning for each match that does not fit the text (which is dropped)."""
    failed = _failures.get(settings.url)
    if failed is not None and time.monotonic() - failed[0] < RETRY_AFTER_SECONDS:
        raise LanguageToolError(settings.url, f"{failed[1]} (not tried again for a while)")
    try:
        return _check(doc, settings, language)
    except LanguageToolError as exc:
        # a server that is down is not waited for again by every file of the run
        _failures[settings.url] = (time.monotonic(), exc.message)
        raise


RETRY_AFTER_SECONDS = 60.0  # a long-running language server tries a failed server again
_failures: dict[str, tuple[float, str]] = {}


def _check(
    doc: Document, settings: LanguageToolSettings, language: str
) -> tuple[list[Finding], list[str]]:
    client = _client(settings.url, settings.language or language, settings.timeout)
    disabled = set(settings.disabled_rules)
    if not settings.spelling:
        disabled.update(_SPELLING_RULES)
    client.disabled_rules = disabled
    try:
        matches = client.check(doc.prose)
    except Exception as exc:
        raise LanguageToolError(settings.url, f"LanguageTool check failed: {_short(exc)}") from None
    findings, warnings = [], []
    for match in matches:
        try:
            found = _finding(doc, match)
        except _OutsideText as exc:
            warnings.append(f"{doc.path}: {exc}")
            continue
        if found is not None:
            findings.append(found)
    return findings, warnings


class _OutsideText(ValueError):
    """A match whose offset or length does not fit the text it was asked about."""


def _finding(doc: Document, match: Any) -> Finding | None:
    start = int(match.offset)  # language-tool-python has already converted UTF-16 to characters
    length = int(match.error_length)
    if start < 0 or length < 0 or start > len(doc.text):
        raise _OutsideText(f"LanguageTool match at offset {start} is outside the text; ignored")
    end = _advance_utf16(doc.text, start, length)
    if _utf16_length(doc.text[start:end]) < length:
        raise _OutsideText(f"LanguageTool match at offset {start} runs past the text; ignored")
    if end <= start or not doc.prose[start:end].strip():
        return None
    category = _CATEGORIES.get(str(match.category), "grammar")
    severity = Severity.ERROR if category == "spelling" else Severity.WARNING
    return Finding(
        rule=f"languagetool.{match.rule_id}",
        category=category,
        severity=severity,
        message=str(match.message),
        start=start,
        end=end,
        match=doc.text[start:end],
        replacements=tuple(str(r) for r in match.replacements[:5]),
        applicability=(
            Applicability.UNSAFE if len(match.replacements) == 1 else Applicability.DISPLAY
        ),
    )


def _utf16_length(text: str) -> int:
    return sum(2 if ord(ch) > 0xFFFF else 1 for ch in text)


def _advance_utf16(text: str, start: int, units: int) -> int:
    """The character offset ``units`` UTF-16 code units after ``start``."""
    position = start
    while units > 0 and position < len(text):
        units -= 2 if ord(text[position]) > 0xFFFF else 1
        position += 1
    return position
