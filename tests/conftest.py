"""Test-session setup: caches go to a private directory, never the user's own."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Point ``COPYDESK_CACHE_DIR`` at a temporary directory for the whole session."""
    before = os.environ.get("COPYDESK_CACHE_DIR")
    os.environ["COPYDESK_CACHE_DIR"] = str(tmp_path_factory.mktemp("copydesk-cache"))
    yield
    if before is None:
        os.environ.pop("COPYDESK_CACHE_DIR", None)
    else:
        os.environ["COPYDESK_CACHE_DIR"] = before
