"""The language server's wire: bad frames and bad messages get an error reply, and the server
goes on serving (framing checked piece by piece, then against the real server)."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lint.lspwire import Frame, Framer, FramingError


def frame(body: bytes, length: int | str | None = None, newline: bytes = b"\r\n") -> bytes:
    """A message with its header (the true length unless another is given)."""
    stated = len(body) if length is None else length
    return b"Content-Length: " + str(stated).encode() + newline + newline + body


def message(ident: int, method: str = "ping") -> bytes:
    return json.dumps({"jsonrpc": "2.0", "id": ident, "method": method}).encode()


def bodies(items: list[Frame | FramingError]) -> list[bytes]:
    return [item.body for item in items if isinstance(item, Frame)]


def errors(items: list[Frame | FramingError]) -> list[str]:
    return [item.message for item in items if isinstance(item, FramingError)]


def test_messages_split_anywhere_are_read_whole() -> None:
    stream = frame(message(1)) + frame(message(2), newline=b"\n")  # LF-only headers too
    stream = stream.replace(b"\r\n\r\n", b"\r\nContent-Type: application/json\r\n\r\n", 1)
    for cut in range(len(stream) + 1):
        framer = Framer()
        found = framer.feed(stream[:cut]) + framer.feed(stream[cut:])
        assert bodies(found) == [message(1), message(2)] and not errors(found), cut


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        (frame(message(1), length=10), "bytes outside a message"),  # too small
        (frame(message(1), length=5000), "runs into the next message"),  # too large
        (frame(message(1), length="ten"), "is not a number"),
        (frame(message(1), length=-5), "is not a number"),
        (frame(message(1), length=10**12), "over the 64 MB limit"),
        (b'{"jsonrpc": "2.0", "id": 1}\r\n', "bytes outside a message"),  # no header
        (b"Content-Length: 5\r\nnot a header\r\n\r\n{}", "no blank line after the headers"),
    ],
)
def test_a_bad_frame_is_one_error_and_the_next_message_is_read(bad: bytes, reason: str) -> None:
    found = Framer().feed(bad + frame(message(2)))
    assert bodies(found)[-1] == message(2)
    assert any(reason in error for error in errors(found)), errors(found)
    assert len(errors(found)) == 1


def test_a_huge_stated_length_holds_no_memory() -> None:
    framer = Framer()
    found = framer.feed(frame(b"{}", length=10**12) + b"x" * 100_000)
    assert errors(found) == ["a message of 1000000000000 bytes is over the 64 MB limit"]
    assert len(framer._buffer) <= 8 * 1024
    assert bodies(framer.feed(frame(message(3)))) == [message(3)]


@given(
    junk=st.lists(st.binary(max_size=40), min_size=3, max_size=3),
    cuts=st.lists(st.integers(min_value=0, max_value=400), max_size=4),
)
def test_junk_between_messages_never_costs_a_later_message(
    junk: list[bytes], cuts: list[int]
) -> None:
    junk = [j for j in junk if b"ontent-" not in j.lower()]
    stream = b"".join(part + frame(message(i)) for i, part in enumerate(junk))
    framer, found, start = Framer(), [], 0
    for cut in [*sorted(cuts), len(stream)]:
        found += framer.feed(stream[start:cut])
        start = max(start, cut)
    assert bodies(found) == [message(i) for i in range(len(junk))]


# --- the real server over pipes ------------------------------------------------------------------


class Wire:
    """A language server process spoken to in raw bytes."""

    def __init__(self, root: Path, log: Path | None = None) -> None:
        self.root = root
        self.process = subprocess.Popen(
            [sys.executable, "-m", "lint", "lsp"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=log.open("wb") if log else subprocess.DEVNULL,
        )
        self.replies = self._reader()

    def send(self, data: bytes) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def request(self, ident: int, method: str, params: object = None) -> None:
        body = {"jsonrpc": "2.0", "id": ident, "method": method, "params": params}
        self.send(frame(json.dumps(body).encode()))

    def notify(self, method: str, params: object) -> None:
        self.send(
            frame(json.dumps({"jsonrpc": "2.0", "method": method, "params": params}).encode())
        )

    def initialize(self, ident: int) -> None:
        self.request(ident, "initialize", {"capabilities": {}, "rootUri": self.root.as_uri()})

    def reply(self, timeout: float = 30) -> dict[str, object]:
        """The next response (notifications from the server are passed over)."""
        result: list[dict[str, object]] = []
        reader = threading.Thread(target=lambda: result.append(next(self.replies)), daemon=True)
        reader.start()
        reader.join(timeout)
        assert result, "the server did not answer"
        return result[0]

    def _reader(self) -> Iterator[dict[str, object]]:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = 0
            while (line := stream.readline().strip()) != b"":
                name, _, value = line.partition(b":")
                if name.lower() == b"content-length":
                    length = int(value)
            decoded = json.loads(stream.read(length))
            if "id" in decoded and "method" not in decoded:
                yield decoded

    def close(self) -> int:
        self.request(99, "shutdown")
        assert self.reply()["id"] == 99
        self.notify("exit", None)
        return self.process.wait(timeout=30)


@pytest.fixture
def wire(tmp_path: Path) -> Iterator[Wire]:
    (tmp_path / ".copydesk.yaml").write_text("packs: [names]\n")
    server = Wire(tmp_path)
    yield server
    if server.process.poll() is None:
        server.process.kill()


def test_requests_before_initialize_and_a_second_initialize_are_refused(wire: Wire) -> None:
    wire.request(1, "textDocument/hover", {"textDocument": {"uri": "file:///x.md"}})
    refused = wire.reply()
    assert refused["id"] == 1
    assert refused["error"] == {
        "code": -32002,
        "message": "Server not initialized: send initialize first",
    }
    wire.initialize(2)
    assert "capabilities" in wire.reply()["result"]  # type: ignore[operator]
    wire.initialize(3)
    assert wire.reply()["error"] == {
        "code": -32600,
        "message": "Invalid request: already initialized",
    }
    assert wire.close() == 0


def test_broken_frames_and_bad_json_get_errors_and_the_server_keeps_serving(wire: Wire) -> None:
    wire.initialize(1)
    wire.reply()
    wire.send(frame(b'{"jsonrpc": "2.0", "id": 2, '))  # cut short
    assert wire.reply() == {
        "jsonrpc": "2.0",
        "id": None,
        "error": {"code": -32700, "message": "Parse error: the message is not JSON"},
    }
    wire.send(frame(message(3), length=10**12))
    assert "over the 64 MB limit" in str(wire.reply()["error"])
    wire.send(frame(b"[1, 2]"))
    assert wire.reply()["error"] == {"code": -32600, "message": "Invalid request"}
    wire.send(frame(b"[" * 100_000 + b"]" * 100_000))
    assert wire.reply()["error"]["code"] == -32700  # type: ignore[index]
    wire.request(4, "textDocument/hover", {"nonsense": True})
    failed = wire.reply()
    assert failed["id"] == 4 and "data" not in failed["error"]  # type: ignore[operator]
    wire.request(5, "shutdown")
    assert wire.reply() == {"jsonrpc": "2.0", "id": 5, "result": None}
    wire.notify("exit", None)
    assert wire.process.wait(timeout=30) == 0


def test_an_unknown_method_without_params_is_method_not_found_and_the_log_stays_short(
    tmp_path: Path,
) -> None:
    log = tmp_path / "log.txt"
    wire = Wire(tmp_path, log)
    wire.initialize(1)
    wire.reply()
    wire.send(frame(message(2, "$/nothing")))
    assert wire.reply()["error"]["code"] == -32601  # type: ignore[index]
    wire.request(3, "textDocument/hover", {"x": 1})  # params pygls cannot read
    assert wire.reply()["error"]["code"] == -32602  # type: ignore[index]
    assert wire.close() == 0
    lines = log.read_text().splitlines()
    assert lines and all(line.startswith("copydesk lsp: ") for line in lines), lines
