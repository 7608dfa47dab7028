"""An article: its text, the prose to lint, its blocks, and line/column arithmetic."""

from __future__ import annotations

import bisect
import errno
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from lint.errors import InputError
from lint.safefile import MAX_BYTES, read_regular
from lint.words import WordSpans, shared_strings, strip_possessive

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

Format = Literal["markdown", "text"]
BlockKind = Literal["paragraph", "heading", "title", "item", "quote"]

MARKDOWN_SUFFIXES = (".md", ".markdown")
TEXT_SUFFIXES = (".txt",)
ARTICLE_SUFFIXES = MARKDOWN_SUFFIXES + TEXT_SUFFIXES
FRONT_MATTER_PROSE = ("title", "subtitle", "description", "summary")

_URLISH = re.compile(
    r"(?:https?://|ftp://|www\.)[^\s<>()\[\]\"']+[^\s<>()\[\]\"'.,;:!?]"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
)
_POSSESSIVE = ("'s", "’s")


@dataclass(frozen=True, slots=True)
class Block:
    """A unit of prose: a paragraph, heading, list item, quote or front-matter field."""

    start: int
    end: int
    kind: BlockKind


@dataclass(frozen=True, slots=True)
class Suppression:
    """Rules silenced over ``[start, end)``; an empty ``rules`` set means every rule."""

    start: int
    end: int
    rules: frozenset[str]
    directive: int = 0  # the offset of the comment that set it


class LineIndex:
    """Maps character offsets to 1-based line and column numbers."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset."""
        row = bisect.bisect_right(self.starts, offset) - 1
        return row + 1, offset - self.starts[row] + 1

    def line_span(self, line: int, text: str) -> tuple[int, int]:
        """``[start, end)`` of a 1-based line, without its line break."""
        start = self.starts[line - 1]
        end = self.starts[line] if line < len(self.starts) else len(text)
        while end > start and text[end - 1] in "\r\n":
            end -= 1
        return start, end


@dataclass
class Document:
    """An article ready for checking: ``prose`` is ``text`` with non-prose masked by spaces."""

    path: str
    text: str
    format: Format
    prose: str
    blocks: list[Block]
    suppressions: list[Suppression] = field(default_factory=list)
    cache: dict[object, object] = field(default_factory=dict, repr=False, compare=False)

    @cached_property
    def lines(self) -> LineIndex:
        """The line index of the text."""
        return LineIndex(self.text)

    @cached_property
    def words(self) -> WordSpans:
        """``[start, end)`` of every word in the prose."""
        return WordSpans(self.prose)

    @cached_property
    def tokens(self) -> list[str]:
        """The text of every word of the prose, as written."""
        prose = self.prose
        return shared_strings(prose[s:e] for s, e in self.words)

    @cached_property
    def word_set(self) -> frozenset[str]:
        """Every distinct word of the prose, possessive endings removed."""
        return frozenset(map(strip_possessive, set(self.tokens)))

    @cached_property
    def keys(self) -> list[str]:
        """Each word lowercased with its possessive ending removed: the lookup key of a word."""
        lower = self.prose.lower()
        if len(lower) != len(self.prose):  # a few characters lowercase to two ("İ")
            return shared_strings(strip_possessive(self.prose[s:e]).lower() for s, e in self.words)
        words = (lower[s:e] for s, e in self.words)
        return shared_strings(w[:-2] if w[-2:] in _POSSESSIVE and len(w) > 3 else w for w in words)

    @cached_property
    def capitalised(self) -> list[int]:
        """Indexes of the words that begin with a capital letter (where names are looked for)."""
        prose = self.prose
        return [i for i, start in enumerate(self.words.starts) if prose[start].isupper()]

    @cached_property
    def capitalised_tokens(self) -> dict[str, list[int]]:
        """Each capitalised word (possessive removed) with the indexes where it occurs."""
        by_token: dict[str, list[int]] = {}
        tokens = self.tokens
        for index in self.capitalised:
            by_token.setdefault(tokens[index], []).append(index)
        found: dict[str, list[int]] = {}
        for token, indexes in by_token.items():
            word = strip_possessive(token)
            found[word] = sorted(found[word] + indexes) if word in found else indexes
        return found

    @cached_property
    def key_set(self) -> frozenset[str]:
        """Every distinct key of the document."""
        return frozenset(self.keys)

    def positions_of(self, keys: frozenset[str] | set[str]) -> dict[str, list[int]]:
        """The indexes of the words whose key is one of ``keys``, in order, by key."""
        positions: dict[str, list[int]] = {}
        for i, key in enumerate(self.keys):
            if key in keys:
                positions.setdefault(key, []).append(i)
        return positions

    def slim(self) -> None:
        """Drop derived data (word lists, analyses) before sending the document elsewhere."""
        self.cache.clear()
        for name in (
            "words",
            "tokens",
            "keys",
            "key_set",
            "capitalised",
            "capitalised_tokens",
            "word_set",
            "_block_starts",
            "lines",
        ):
            self.__dict__.pop(name, None)

    def touching(self, index: int) -> list[tuple[int, str]]:
        """(side, word) for the words directly before (-1) and after (+1) a word, with only
        spaces between: the other parts of a name it may belong to. Possessives removed."""
        found = []
        for side in (-1, 1):
            other = index + side
            if 0 <= other < len(self.words):
                lo, hi = sorted((self.words[other], self.words[index]))
                if not self.prose[lo[1] : hi[0]].strip():
                    found.append((side, strip_possessive(self.prose[slice(*self.words[other])])))
        return found

    def block_at(self, offset: int) -> Block | None:
        """The block containing an offset, if any."""
        starts = self._block_starts
        index = bisect.bisect_right(starts, offset) - 1
        if index >= 0 and offset < self.blocks[index].end:
            return self.blocks[index]
        return None

    @cached_property
    def _block_starts(self) -> list[int]:
        return [block.start for block in self.blocks]

    def is_suppressed(self, rule: str, start: int) -> bool:
        """Whether an inline comment silences ``rule`` at ``start``."""
        return any(
            s.start <= start < s.end and (not s.rules or _rule_matches(rule, s.rules))
            for s in self.suppressions
        )


def _rule_matches(rule: str, patterns: frozenset[str]) -> bool:
    return rule in patterns or rule.split(".", 1)[0] in patterns


# --- reading ------------------------------------------------------------------------------------


def read_article(path: Path, limit: int = MAX_BYTES) -> Document:
    """Read and parse one article file of at most ``limit`` bytes, raising ``InputError`` for
    unreadable input."""
    try:
        data = read_regular(path, limit)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        if exc.errno == errno.EFBIG:
            reason += " (max_file_size in the configuration)"
        raise InputError(str(path), f"cannot read file: {reason}") from None
    text = decode_article(data, str(path))
    return parse_document(text, str(path), format_for(path))


def decode_article(data: bytes, path: str) -> str:
    """Decode UTF-8 (a BOM is dropped), rejecting binary data and naming other encodings."""
    if _utf16(data):
        raise InputError(path, "UTF-16 text, not UTF-8; save it as UTF-8 to check it")
    if b"\x00" in data:
        raise InputError(path, "binary file (contains NUL bytes); not an article")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            path, f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from None
    return text.removeprefix("\ufeff")


def _utf16(data: bytes) -> bool:
    """Whether bytes read as UTF-16 text: a byte-order mark, whole code units, and the zero
    bytes that Latin letters have in UTF-16 (a BOM alone proves little)."""
    if not data.startswith((b"\xff\xfe", b"\xfe\xff")) or len(data) % 2 or b"\x00" not in data:
        return False
    try:
        data.decode("utf-16")
    except UnicodeDecodeError:
        return False
    return True


def format_for(path: Path | str) -> Format:
    """The document format implied by a file name (Markdown unless it ends in .txt)."""
    return "text" if str(path).lower().endswith(TEXT_SUFFIXES) else "markdown"


def parse_document(text: str, path: str = "<text>", fmt: Format = "markdown") -> Document:
    """Build a ``Document`` from text in the given format."""
    parsed = _parse_markdown(text) if fmt == "markdown" else None
    # nested past what the Markdown parser reads, a document is checked as plain text rather
    # than left partly unread
    prose, blocks = parsed if parsed is not None else _parse_plain(text)
    prose = _mask_urls(prose)
    return Document(path, text, fmt, prose, blocks, _suppressions(text))


# --- plain text ---------------------------------------------------------------------------------


def _parse_plain(text: str) -> tuple[str, list[Block]]:
    blocks: list[Block] = []
    for match in re.finditer(r"[^\n]+(?:\n(?![ \t]*\n)[^\n]+)*", text):
        start = match.start()
        chunk = match.group()
        stripped = chunk.rstrip()
        if not stripped.strip():
            continue
        lead = len(chunk) - len(chunk.lstrip())
        kind: BlockKind = "heading" if _looks_like_heading(stripped) else "paragraph"
        blocks.append(Block(start + lead, start + len(stripped), kind))
    return text, blocks


def _looks_like_heading(chunk: str) -> bool:
    line = chunk.strip()
    if "\n" in line or len(line) >= 120:
        return False
    # a headline may end with a quoted phrase: Voters 'don't trust politicians'
    bare = line.rstrip("\"”'’")
    return bool(bare) and bare[-1] not in ".!?:;,…)"


# --- Markdown -----------------------------------------------------------------------------------


@cache
def _markdown_parser() -> MarkdownIt:
    """CommonMark with front matter (imported on first use: plain text does not need it)."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    parser = MarkdownIt("commonmark").use(front_matter_plugin)
    # CommonMark's default of 20 levels left a list nested 8 deep unread; deeper than this,
    # a document is read as plain text (``parse_document``)
    parser.options["maxNesting"] = MAX_NESTING
    return parser


MAX_NESTING = 100


_BLOCK_KINDS: dict[str, BlockKind] = {
    "paragraph_open": "paragraph",
    "heading_open": "heading",
}


class _Mask:
    """Collects the spans of the source that are prose."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.keep = bytearray(len(text))

    def unmask(self, start: int, end: int) -> None:
        self.keep[start:end] = b"\x01" * (end - start)

    def render(self) -> str:
        text, keep = self.text, self.keep
        out = [ch if keep[i] or ch in "\r\n" else " " for i, ch in enumerate(text)]
        return "".join(out)


def _parse_markdown(text: str) -> tuple[str, list[Block]] | None:
    line_starts = LineIndex(text).starts
    mask = _Mask(text)
    blocks: list[Block] = []
    tokens = _markdown_parser().parse(text)
    if tokens and max(token.level for token in tokens) >= MAX_NESTING - 2:
        return None
    context: list[BlockKind] = []
    pending: BlockKind | None = None
    for token in tokens:
        if token.type == "front_matter":
            blocks.extend(_front_matter(token, text, line_starts, mask))
        elif token.type in ("list_item_open", "blockquote_open"):
            context.append("item" if token.type == "list_item_open" else "quote")
        elif token.type in ("list_item_close", "blockquote_close"):
            context.pop()
        elif token.type in _BLOCK_KINDS:
            pending = _BLOCK_KINDS[token.type]
            if pending == "paragraph" and context:
                pending = context[-1]
        elif token.type == "inline" and token.map is not None and pending is not None:
            block = _inline_block(token, text, line_starts, mask, pending)
            if block is not None:
                blocks.append(block)
            pending = None
    return mask.render(), blocks


def _line_range(token_map: list[int], text: str, line_starts: list[int]) -> tuple[int, int]:
    first, last = token_map
    start = line_starts[first] if first < len(line_starts) else len(text)
    end = line_starts[last] if last < len(line_starts) else len(text)
    return start, end


def _inline_block(
    token: Token, text: str, line_starts: list[int], mask: _Mask, kind: BlockKind
) -> Block | None:
    assert token.map is not None
    cursor, limit = _line_range(token.map, text, line_starts)
    first = last = -1
    for start, end in _inline_text_spans(token.children or [], text, cursor, limit):
        mask.unmask(start, end)
        first = start if first < 0 else first
        last = end
    if first < 0:
        return None
    return Block(first, last, kind)


def _inline_text_spans(
    children: list[Token], text: str, cursor: int, limit: int
) -> Iterator[tuple[int, int]]:
    """Locate, in order, the source spans of the prose text tokens of an inline run."""
    skip_depth = 0
    for child in children:
        if child.type == "link_open" and child.markup == "autolink":
            skip_depth += 1
        elif child.type == "link_close" and child.markup == "autolink":
            skip_depth -= 1
        elif child.type == "image":
            yield from _inline_text_spans(child.children or [], text, cursor, limit)
        elif child.type == "text" and skip_depth == 0 and child.content:
            for start, end in _locate(child.content, text, cursor, limit):
                yield start, end
                cursor = end
        elif child.type in ("code_inline", "html_inline") or skip_depth:
            found = text.find(child.content, cursor, limit) if child.content else -1
            if found >= 0:
                cursor = found + len(child.content)


def _locate(content: str, text: str, cursor: int, limit: int) -> Iterator[tuple[int, int]]:
    found = text.find(content, cursor, limit)
    if found >= 0:
        yield found, found + len(content)
        return
    # Escapes or entities changed the text: fall back to locating each word on its own.
    for piece in re.finditer(r"[^\s\\&;*_`]+", content):
        found = text.find(piece.group(), cursor, limit)
        if found >= 0:
            cursor = found + len(piece.group())
            yield found, cursor


def _front_matter(token: Token, text: str, line_starts: list[int], mask: _Mask) -> list[Block]:
    assert token.map is not None
    start = line_starts[token.map[0] + 1] if token.map[0] + 1 < len(line_starts) else len(text)
    body = token.content
    if text.find(body, start) != start:
        return []
    import yaml

    try:
        root = yaml.compose(body, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return []
    if not isinstance(root, yaml.MappingNode):
        return []
    blocks = []
    for key, value in root.value:
        if not (isinstance(key, yaml.ScalarNode) and key.value in FRONT_MATTER_PROSE):
            continue
        if not isinstance(value, yaml.ScalarNode) or value.style in ("|", ">"):
            continue
        span_start = start + value.start_mark.index + (1 if value.style else 0)
        span_end = start + value.end_mark.index - (1 if value.style else 0)
        if text[span_start:span_end] == value.value:
            mask.unmask(span_start, span_end)
            blocks.append(Block(span_start, span_end, "title"))
    return blocks


def _mask_urls(prose: str) -> str:
    if "@" not in prose and "://" not in prose and "www." not in prose:
        return prose
    return _URLISH.sub(lambda m: " " * len(m.group()), prose)


# --- inline suppressions ------------------------------------------------------------------------

_DIRECTIVE = re.compile(
    r"<!--\s*copydesk-(disable-next-line|disable|enable)\b([^>]*?)-->", re.IGNORECASE
)


def _suppressions(text: str) -> list[Suppression]:
    if "copydesk-" not in text:
        return []
    result: list[Suppression] = []
    open_regions: list[tuple[int, frozenset[str]]] = []
    for match in _DIRECTIVE.finditer(text):
        action = match.group(1).lower()
        rules = frozenset(r for r in re.split(r"[\s,]+", match.group(2).strip()) if r)
        if action == "disable-next-line":
            line_end = text.find("\n", match.end())
            if line_end < 0:
                continue
            next_end = text.find("\n", line_end + 1)
            end = len(text) if next_end < 0 else next_end
            result.append(Suppression(line_end + 1, end, rules, match.start()))
        elif action == "disable":
            open_regions.append((match.end(), rules))
        else:
            for start, region_rules in open_regions:
                if not rules or region_rules & rules or not region_rules:
                    result.append(Suppression(start, match.start(), region_rules, start))
            open_regions = [(s, r) for s, r in open_regions if rules and r and not (r & rules)]
    result.extend(Suppression(start, len(text), rules, start) for start, rules in open_regions)
    return result
