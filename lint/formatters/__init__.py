"""Output formats, chosen by name: each module renders a ``Report`` to a string."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from lint.formatters.report import Report

Formatter = Callable[[Report], str]

# format name -> module in this package with a ``render(report) -> str`` function; a module is
# imported only when its format is asked for
FORMATS: dict[str, str] = {
    "text": "text",
    "json": "json_format",
    "sarif": "sarif",
    "github": "github",
    "lsp": "lsp",
}


def formatter(name: str) -> Formatter:
    """The render function of a format named in ``FORMATS``."""
    module = import_module(f"lint.formatters.{FORMATS[name]}")
    render: Formatter = module.render
    return render


__all__ = ["FORMATS", "Formatter", "Report", "formatter"]
