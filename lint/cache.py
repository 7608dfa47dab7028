"""Where copydesk keeps data it can rebuild: compiled rule packs, the word table, word lists.

Every cached file is named by a key derived from its inputs, written to a temporary file and
renamed into place, and rebuilt when it cannot be read. Set ``COPYDESK_CACHE_DIR`` to move the
cache, or ``COPYDESK_NO_CACHE=1`` to use none (everything is then built in memory).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import stat
import sys
import time
import zlib
from collections.abc import Callable
from functools import cache
from pathlib import Path


def cache_dir() -> Path | None:
    """The cache directory, or None when caching is off or the directory is not safe to use.

    Compiled packs are pickles, which run code when loaded: a directory that someone else owns
    or may write to is not used, and each entry is signed besides (``load_object``).
    """
    if os.environ.get("COPYDESK_NO_CACHE"):
        return None
    explicit = os.environ.get("COPYDESK_CACHE_DIR")
    if explicit:
        directory = Path(explicit)
    else:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        directory = Path(base) / "copydesk"
    return directory if _private(directory) else None


def _private(directory: Path) -> bool:
    """Whether a directory (or, if missing, its nearest existing parent) is safe to cache in."""
    probe = directory
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    try:
        info = probe.stat()
    except OSError:
        return False
    if probe != directory:
        return True  # it will be created, with this user as its owner
    getuid = getattr(os, "getuid", None)
    owned = getuid is None or info.st_uid == getuid()
    return owned and not info.st_mode & 0o022


def content_key(*parts: bytes | str) -> str:
    """A checksum of the inputs a cached file is derived from (or of a file's payload).

    CRC-32 and Adler-32 together give 64 bits: the checks zip files and zlib streams use
    against damage. A cryptographic hash is not needed, since only its owner can write to the
    directory (see ``cache_dir``), and importing one adds 2 ms to every start.
    """
    crc, adler = 0, 1
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        for chunk in (len(data).to_bytes(8, "little"), data):
            crc, adler = zlib.crc32(chunk, crc), zlib.adler32(chunk, adler)
    return f"{crc:08x}{adler:08x}"


def file_stamp(path: str | os.PathLike[str]) -> str:
    """Path, size and modification time of a file: cheap evidence that it has not changed."""
    try:
        info = os.stat(path)
    except OSError:
        return f"{path}:missing"
    return f"{path}:{info.st_size}:{info.st_mtime_ns}"


def write_atomically(path: Path, write: Callable[[Path], object]) -> bool:
    """Create ``path`` through ``write(temporary)`` and a rename; False when it cannot be."""
    import tempfile

    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
        os.close(handle)
    except OSError:
        return False
    try:
        write(Path(temporary))
        os.replace(temporary, path)
        return True
    except OSError:
        return False
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def prune(directory: Path, pattern: str, keep: Path, older_than: float = 0.0) -> None:
    """Remove files matching ``pattern``, other than ``keep``, not modified for ``older_than``
    seconds (stale builds); best effort."""
    try:
        now = time.time()
        for stale in directory.glob(pattern):
            if stale != keep and now - stale.stat().st_mtime >= older_than:
                stale.unlink(missing_ok=True)
    except OSError:
        pass


_HEADER = b"copydesk cache\n"
PRUNE_AFTER_SECONDS = 7 * 24 * 3600  # other entries are kept a week after they were written


@cache
def code_stamp() -> str:
    """Evidence of the code that made a cached object: Python's version and copydesk's sources."""
    sources = sorted(Path(__file__).parent.rglob("*.py"))
    return content_key(sys.version, *(file_stamp(p) for p in sources))


def load_object(path: Path) -> object | None:
    """A pickled object stored by ``store_object``, or None if missing, damaged, forged or
    unreadable.

    A pickle runs code when it is loaded, so an entry is unpickled only when it is a regular
    file of this user's (no link), and its signature, an HMAC-SHA256 keyed by a secret only
    this user can read, matches its payload: an entry someone else wrote is never trusted.
    """
    import pickle

    key = _secret(path.parent)
    data = _own_file_bytes(path)
    if key is None or data is None:
        return None
    header, _, payload = data.partition(b"\n\n")
    if not hmac.compare_digest(header, _HEADER + _signature(key, payload)):
        return None
    try:
        value: object = pickle.loads(payload)
    except Exception:  # a damaged or incompatible entry is rebuilt, never trusted
        return None
    return value


def store_object(path: Path, value: object, family: str) -> None:
    """Pickle an object to ``path`` with a checksum; entries of ``family-*`` a week old go."""
    import pickle

    key = _secret(path.parent)
    if key is None:
        return  # with no secret to sign with, nothing is stored
    try:
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError):
        return  # what cannot be pickled is simply rebuilt each time
    blob = _HEADER + _signature(key, payload) + b"\n\n" + payload
    if write_atomically(path, lambda temporary: temporary.write_bytes(blob)):
        prune(path.parent, f"{family}-*", path, older_than=PRUNE_AFTER_SECONDS)


_KEY_FILE = "signing-key"
_KEY_BYTES = 32


def _signature(key: bytes, payload: bytes) -> bytes:
    return hmac.new(key, payload, hashlib.sha256).hexdigest().encode("ascii")


def _own_file_bytes(path: Path) -> bytes | None:
    """The bytes of a regular file this user owns, opened without following a link."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    with os.fdopen(descriptor, "rb") as stream:
        info = os.fstat(stream.fileno())
        getuid = getattr(os, "getuid", None)
        if not stat.S_ISREG(info.st_mode) or (getuid is not None and info.st_uid != getuid()):
            return None
        return stream.read()


@cache
def _secret(directory: Path) -> bytes | None:
    """The key cache entries are signed with: made once, readable by this user alone. None
    when it cannot be made or read safely (no entry is then trusted or stored)."""
    path = directory / _KEY_FILE
    key = _own_file_bytes(path)
    if key is None:
        try:
            directory.mkdir(parents=True, exist_ok=True, mode=0o700)
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
            descriptor = os.open(path, flags, 0o600)
        except OSError:
            key = _own_file_bytes(path)  # another process made it meanwhile
        else:
            with os.fdopen(descriptor, "wb") as stream:
                stream.write(secrets.token_bytes(_KEY_BYTES))
            key = _own_file_bytes(path)
    if key is None or len(key) != _KEY_BYTES:
        return None
    try:
        if path.lstat().st_mode & 0o077:
            return None  # others may read it: they could sign entries
    except OSError:
        return None
    return key


_announced: list[bool] = []


def announce_first_run() -> None:
    """Say once, on a terminal, that the word data is being built: a first run is silent for
    several seconds otherwise (a pipe or CI log is not interrupted)."""
    if _announced or not sys.stderr.isatty():
        return
    _announced.append(True)
    where = cache_dir()
    place = f" in {where}" if where is not None else ""
    print(
        f"copydesk: building the word table{place}; this happens once and takes a few seconds",
        file=sys.stderr,
        flush=True,
    )
