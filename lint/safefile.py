"""Reading the files copydesk is given: regular files only, within a size limit.

A FIFO would block a read forever and ``/dev/zero`` would fill memory, so a file is opened
without blocking, checked to be a regular file, and read only up to the limit.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

MAX_BYTES = 20 * 1024 * 1024  # articles, configurations and packs larger than this are refused


def read_regular(path: Path | str, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; ``OSError`` with a one-line
    ``strerror`` for anything else (a FIFO, a device, a directory, a file too large)."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(descriptor, "rb") as stream:
        info = os.fstat(stream.fileno())
        if stat.S_ISDIR(info.st_mode):
            raise OSError(errno.EISDIR, "is a directory")
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        if info.st_size > limit:
            raise OSError(errno.EFBIG, f"larger than the {describe_size(limit)} limit")
        data = stream.read(limit + 1)
        if len(data) > limit:  # it grew while it was read
            raise OSError(errno.EFBIG, f"larger than the {describe_size(limit)} limit")
        return data


def read_regular_text(path: Path | str, limit: int = MAX_BYTES) -> str:
    """``read_regular`` decoded as UTF-8 (``UnicodeDecodeError`` if it is not)."""
    return read_regular(path, limit).decode("utf-8")


def describe_size(limit: int) -> str:
    """A size in bytes as people write it (``20 MB``)."""
    for unit, size in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if limit >= size:
            return f"{limit / size:.3g} {unit}"
    return f"{limit} bytes"
