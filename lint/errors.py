"""Errors reported to the user as one line, naming the file and, where known, line and column."""

from __future__ import annotations


class CopydeskError(Exception):
    """A user-facing error: bad input, bad configuration, bad rule pack."""

    def __init__(self, path: str, message: str, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.path = path
        self.message = message
        self.line = line
        self.column = column

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"


class InputError(CopydeskError):
    """An article that cannot be read or decoded."""


class ConfigError(CopydeskError):
    """A configuration file or rule pack that is invalid."""
