"""The cache never runs code someone else wrote: entries are signed, owned and not links."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

import lint.cache
from lint.cache import _HEADER, content_key, load_object, store_object


class _Payload:
    """Unpickling this writes a marker file: what an attacker's entry would do."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        return (Path.write_text, (self.marker, "ran"))


@pytest.fixture()
def cache(tmp_path: Path) -> Path:
    directory = tmp_path / "cache"
    directory.mkdir(mode=0o700)
    lint.cache._secret.cache_clear()
    return directory


def _forged(marker: Path) -> bytes:
    payload = pickle.dumps(_Payload(marker))
    return _HEADER + content_key(payload).encode("ascii") + b"\n\n" + payload


def test_a_stored_entry_loads_back(cache: Path) -> None:
    store_object(cache / "list-a", {"words": [1, 2]}, "list")
    assert load_object(cache / "list-a") == {"words": [1, 2]}
    key = cache / "signing-key"
    assert key.stat().st_mode & 0o777 == 0o600


def test_an_entry_with_a_plain_checksum_is_not_unpickled(cache: Path, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    (cache / "pack-x").write_bytes(_forged(marker))
    assert load_object(cache / "pack-x") is None
    assert not marker.exists()


def test_an_entry_signed_with_another_key_is_not_unpickled(cache: Path, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    store_object(cache / "pack-y", "honest", "pack")
    forged = tmp_path / "forged"  # signed with the key of another directory
    store_object(forged, _Payload(marker), "pack")
    (cache / "pack-y").write_bytes(forged.read_bytes())
    assert load_object(cache / "pack-y") is None
    assert not marker.exists()


def test_a_symlinked_entry_is_not_followed(cache: Path, tmp_path: Path) -> None:
    store_object(tmp_path / "elsewhere", "value", "pack")
    (cache / "pack-z").symlink_to(tmp_path / "elsewhere")
    assert load_object(cache / "pack-z") is None


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_an_entry_owned_by_another_user_is_not_trusted(cache: Path) -> None:
    store_object(cache / "pack-w", "value", "pack")
    os.chown(cache / "pack-w", 1234, 1234)
    assert load_object(cache / "pack-w") is None


def test_a_key_others_may_read_is_not_used(cache: Path) -> None:
    store_object(cache / "pack-v", "value", "pack")
    os.chmod(cache / "signing-key", 0o644)
    lint.cache._secret.cache_clear()
    assert load_object(cache / "pack-v") is None
