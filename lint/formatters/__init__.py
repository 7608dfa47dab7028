"""Output formats, chosen by name: each module renders a ``Report`` to a string."""

from __future__ import annotations

from collections.abc import Callable

from lint.formatters import github, json_format, lsp, sarif, text
from lint.formatters.report import Report

Formatter = Callable[[Report], str]

FORMATTERS: dict[str, Formatter] = {
    "text": text.render,
    "json": json_format.render,
    "sarif": sarif.render,
    "github": github.render,
    "lsp": lsp.render,
}

__all__ = ["FORMATTERS", "Formatter", "Report"]
