"""The language server's wire: JSON-RPC messages framed by ``Content-Length`` headers.

A client that sends a wrong length, a malformed header or a message too large gets one error
reply (-32700) and the server reads on from the next header, so one bad frame never costs the
connection. A message is held in memory only up to ``MAX_MESSAGE_BYTES``.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import re
from collections.abc import Callable
from concurrent.futures import CancelledError
from dataclasses import dataclass
from threading import Event, Thread
from typing import BinaryIO

from lsprotocol.types import ResponseError
from pygls.exceptions import JsonRpcException
from pygls.protocol import JsonRPCProtocol, LanguageServerProtocol
from pygls.protocol.json_rpc import MsgId

from lint.safefile import describe_size

MAX_MESSAGE_BYTES = 64 * 1024 * 1024  # an article at the 20 MB limit, JSON-escaped, fits
MAX_HEADER_BYTES = 8 * 1024
READ_BYTES = 64 * 1024
_LENGTH = re.compile(rb"content-length[ \t]*:[ \t]*([^\r\n]*)\r?\n", re.IGNORECASE)
_OTHER_HEADER = re.compile(rb"[A-Za-z][\w-]*[ \t]*:[^\r\n]*\r?\n")
_BLANK = re.compile(rb"\r?\n")
_NUMBER = re.compile(rb"[ \t]*(\d{1,15})[ \t]*")


@dataclass(frozen=True)
class Frame:
    """The body of one well-framed message."""

    body: bytes


@dataclass(frozen=True)
class FramingError:
    """Why bytes on the wire were not a message (they are skipped)."""

    message: str


class Framer:
    """Splits a byte stream into message bodies, recovering from framing errors.

    A JSON body never holds a raw line break inside a string, nor a bare word, so a
    ``Content-Length:`` line found within a declared body shows the declared length was
    wrong: the frame is dropped and reading goes on from that header."""

    def __init__(self, max_message: int = MAX_MESSAGE_BYTES) -> None:
        self._buffer = bytearray()
        self._max_message = max_message
        self._skipping = False  # junk after a reported error is not reported again
        self._pending: tuple[int, int] | None = None  # (start, length) of a body being read
        self._searched = 0  # how far the pending body was searched for another header

    def feed(self, data: bytes) -> list[Frame | FramingError]:
        """Add bytes read from the wire; return the messages and errors they complete."""
        self._buffer += data
        found: list[Frame | FramingError] = []
        while (item := self._next()) is not None:
            if isinstance(item, Frame | FramingError):
                found.append(item)
        return found

    def _next(self) -> Frame | FramingError | bool | None:
        """The next message or error; True when bytes were dropped silently; None to wait."""
        if self._pending is not None:
            return self._body(*self._pending)
        buffer = self._buffer
        header = _LENGTH.search(buffer)
        if header is None:
            if len(buffer) <= MAX_HEADER_BYTES:
                return None
            return self._drop(len(buffer) - MAX_HEADER_BYTES, "bytes with no Content-Length")
        if header.start() > 0:
            return self._drop(header.start(), "bytes outside a message")
        body_start = self._end_of_headers(header.end())
        if body_start is None:
            return None
        if isinstance(body_start, FramingError):
            return body_start
        number = _NUMBER.fullmatch(header[1])
        if number is None:
            return self._reject(body_start, f"Content-Length {_shown(header[1])} is not a number")
        length = int(number[1])
        if length > self._max_message:
            size = describe_size(self._max_message)
            return self._reject(body_start, f"a message of {length} bytes is over the {size} limit")
        self._pending, self._searched = (body_start, length), body_start
        return self._body(body_start, length)

    def _end_of_headers(self, start: int) -> int | FramingError | None:
        """Where the body begins (after the blank line), an error, or None to wait."""
        position = start
        while True:
            blank = _BLANK.match(self._buffer, position)
            if blank is not None:
                return blank.end()
            other = _OTHER_HEADER.match(self._buffer, position)
            if other is not None:
                position = other.end()
                continue
            if b"\n" in self._buffer[position : position + MAX_HEADER_BYTES]:
                return self._reject(position, "no blank line after the headers")
            if len(self._buffer) - position > MAX_HEADER_BYTES:
                return self._reject(position, "headers too long")
            return None

    def _body(self, start: int, length: int) -> Frame | FramingError | None:
        """The body of ``length`` bytes from ``start``, or an error if another header lies in
        it (the length was too large), or None to wait for more bytes."""
        end = start + length
        available = min(end, len(self._buffer))
        # searched in steps as the body arrives; the overlap finds a header cut between reads
        inner = _LENGTH.search(self._buffer, max(start, self._searched - 64), available)
        self._searched = available
        if inner is not None:
            del self._buffer[: inner.start()]
            self._pending, self._skipping = None, False
            return FramingError(f"Content-Length {length} runs into the next message")
        if len(self._buffer) < end:
            return None
        body = bytes(self._buffer[start:end])
        del self._buffer[:end]
        self._pending, self._skipping = None, False
        return Frame(body)

    def _drop(self, count: int, why: str) -> FramingError | bool:
        """Drop ``count`` bytes; an error for them unless they are blank or other headers."""
        dropped = bytes(self._buffer[:count])
        del self._buffer[:count]
        junk = _OTHER_HEADER.sub(b"", dropped).strip()
        if not junk or self._skipping:
            return True
        self._skipping = True
        return FramingError(f"{why} ignored ({len(dropped)} bytes)")

    def _reject(self, through: int, why: str) -> FramingError:
        """Drop a frame's headers up to ``through`` and skip to the next header."""
        del self._buffer[:through]
        self._skipping = True
        return FramingError(why)


def _shown(value: bytes) -> str:
    text = value.decode("ascii", "replace").strip()
    return repr(text[:20] + ("…" if len(text) > 20 else ""))


PARSE_ERROR = -32700
INVALID_REQUEST = -32600
SERVER_NOT_INITIALIZED = -32002


class CopydeskProtocol(LanguageServerProtocol):
    """pygls's protocol, with error replies that carry no Python traceback."""

    def _send_response(
        self, msg_id: MsgId, result: object | None = None, error: ResponseError | None = None
    ) -> None:
        if error is not None and error.data is not None:
            error = ResponseError(code=error.code, message=error.message)
        super()._send_response(msg_id, result, error)


class Dispatcher:
    """Checks each message before pygls handles it: JSON-RPC 2.0, after ``initialize``, and
    ``initialize`` only once; anything else gets the error reply LSP specifies."""

    def __init__(self, protocol: JsonRPCProtocol) -> None:
        self.protocol = protocol
        self.initialized = False

    def handle(self, body: bytes) -> None:
        """Handle one message body read off the wire."""
        try:
            data = json.loads(body)
        except (ValueError, RecursionError):  # a UnicodeDecodeError is a ValueError
            self.reply_error(None, PARSE_ERROR, "Parse error: the message is not JSON")
            return
        ident = data.get("id") if isinstance(data, dict) else None
        if not _well_formed(data):
            valid = isinstance(ident, int | str) and not isinstance(ident, bool)
            self.reply_error(ident if valid else None, INVALID_REQUEST, "Invalid request")
            return
        method = data.get("method")
        request = method is not None and "id" in data
        if request and method == "initialize" and self.initialized:
            self.reply_error(ident, INVALID_REQUEST, "Invalid request: already initialized")
            return
        if not self.initialized and method not in (None, "initialize", "exit"):
            if request:
                message = "Server not initialized: send initialize first"
                self.reply_error(ident, SERVER_NOT_INITIALIZED, message)
            return  # a notification before initialize is dropped, as LSP says
        if method is not None:
            data.setdefault("params", None)  # pygls needs the key; JSON-RPC lets it be left out
        try:
            message = self.protocol.structure_message(data)
        except JsonRpcException as exc:
            if request:
                self.reply_error(ident, exc.code, exc.message)
            return
        if request and method == "initialize":
            self.initialized = True
        self.protocol.handle_message(message)

    def reply_error(self, ident: int | str | None, code: int, message: str) -> None:
        """Send an error response (``id`` null when the request's id is unknown)."""
        error = {"code": code, "message": message}
        self.protocol._send_data({"jsonrpc": "2.0", "id": ident, "error": error})


def _well_formed(data: object) -> bool:
    """Whether a decoded message has the shape of a JSON-RPC 2.0 request, notification or
    response."""
    if not isinstance(data, dict) or data.get("jsonrpc") != "2.0":
        return False
    ident = data.get("id")
    if "id" in data and (isinstance(ident, bool) or not isinstance(ident, int | str | None)):
        return False
    method = data.get("method")
    if "method" in data:
        return isinstance(method, str) and isinstance(data.get("params"), dict | list | None)
    return "id" in data and ("result" in data or "error" in data)


async def read_messages(protocol: JsonRPCProtocol, stdin: BinaryIO, stop: Event) -> None:
    """Read framed messages from ``stdin`` and hand each to ``protocol`` until end of input."""
    loop = asyncio.get_running_loop()
    chunks: asyncio.Queue[bytes] = asyncio.Queue(maxsize=16)  # a flood waits, memory does not
    # a daemon thread: a read blocked on a silent client must not hold up the exit
    Thread(target=_pump, args=(stdin, chunks, loop), daemon=True, name="lsp-stdin").start()
    framer, dispatcher = Framer(), Dispatcher(protocol)
    while not stop.is_set():
        data = await chunks.get()
        if not data:
            return
        for item in framer.feed(data):
            if isinstance(item, FramingError):
                dispatcher.reply_error(None, PARSE_ERROR, f"Parse error: {item.message}")
            else:
                dispatcher.handle(item.body)


def _raw_reader(stdin: BinaryIO) -> Callable[[int], bytes]:
    """A read of at most n bytes that returns what is there. On a real file descriptor it is
    ``os.read``: a buffered reader's lock, held by a thread blocked in a read, would stop the
    interpreter from exiting."""
    try:
        descriptor = stdin.fileno()
    except (OSError, ValueError, AttributeError):
        return getattr(stdin, "read1", stdin.read)
    return lambda size: os.read(descriptor, size)


def _pump(stdin: BinaryIO, chunks: asyncio.Queue[bytes], loop: asyncio.AbstractEventLoop) -> None:
    """Move bytes from ``stdin`` to the queue until end of input (an empty chunk)."""
    read = _raw_reader(stdin)
    data = b"-"
    while data:
        try:
            data = read(READ_BYTES)
        except (OSError, ValueError):  # closed under us
            data = b""
        try:
            asyncio.run_coroutine_threadsafe(chunks.put(data), loop).result()
        except (RuntimeError, CancelledError):  # the loop has ended
            return


class OneLineLog(logging.Filter):
    """Keeps the server's log to one line a record: a message it could not read is answered
    with an error reply, and its traceback would only alarm whoever reads the editor's log."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Drop the traceback from a record (always keeps the record)."""
        record.msg, record.args = record.getMessage().split("\n", 1)[0], ()
        record.exc_info, record.exc_text = None, None
        return True


def quiet_logs() -> None:
    """Send pygls's warnings and errors to standard error, one line each."""
    handler = logging.StreamHandler()
    handler.addFilter(OneLineLog())
    handler.setFormatter(logging.Formatter("copydesk lsp: %(levelname)s: %(message)s"))
    logger = logging.getLogger("pygls")
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    logger.propagate = False
