"""Prose extraction from Markdown and plain text: what is linted, and exact offsets."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lint.document import Document, parse_document
from lint.rule import Rule
from tests.helpers import lint_text, shipped_rules


def prose_words(doc: Document) -> list[str]:
    return [doc.text[s:e] for s, e in doc.words]


def test_markdown_skips_code_urls_html_and_link_targets() -> None:
    text = (
        "Kiev `Kiev` [Kiev](https://kiev.example/Kiev) <b>x</b> <https://Kiev.example>\n\n"
        "    Kiev indented\n\n```\nKiev fenced\n```\n\n![Kiev photo](kiev.png) see www.kiev.ua\n"
    )
    words = prose_words(parse_document(text))
    assert words.count("Kiev") == 3  # plain text, link text, image alt text
    assert "indented" not in words and "fenced" not in words
    assert "ua" not in words


def test_front_matter_prose_fields_are_linted_and_others_are_not() -> None:
    text = '---\ntitle: "Talks in Kiev"\nauthor: Kiev Desk\nsummary: Kiev again\n---\n\nBody.\n'
    doc = parse_document(text)
    spans = [(b.kind, text[b.start : b.end]) for b in doc.blocks]
    assert ("title", "Talks in Kiev") in spans
    assert ("title", "Kiev again") in spans
    assert all("Desk" not in s for _, s in spans)


def test_plain_text_blocks_and_headings() -> None:
    text = "Headline without a stop\n\nFirst paragraph.\nStill first.\n\nSecond one.\n"
    doc = parse_document(text, "a.txt", "text")
    kinds = [(b.kind, text[b.start : b.end]) for b in doc.blocks]
    assert kinds == [
        ("heading", "Headline without a stop"),
        ("paragraph", "First paragraph.\nStill first."),
        ("paragraph", "Second one."),
    ]


def test_blocks_know_list_items_and_quotes() -> None:
    doc = parse_document("- item text\n\n> quoted text\n\n## Sub head\n")
    assert [b.kind for b in doc.blocks] == ["item", "quote", "heading"]


def test_escapes_and_entities_keep_offsets_exact() -> None:
    text = "Tom \\*and\\* Kiev &amp; more Kiev\n"
    findings = lint_text(text, shipped_rules("house"))
    assert [text[f.start : f.end] for f in findings] == ["Kiev", "Kiev"]


def test_suppression_comments() -> None:
    rules = shipped_rules("house")
    text = (
        "Kiev one.\n\n<!-- copydesk-disable house.ukraine-places -->\n\nKiev two.\n\n"
        "<!-- copydesk-enable -->\n\nKiev three.\n\n<!-- copydesk-disable-next-line house -->\n"
        "Kiev four.\nKiev five.\n"
    )
    lines = [text.count("\n", 0, f.start) + 1 for f in lint_text(text, rules)]
    assert lines == [1, 9, 13]


_WORDS = st.sampled_from(
    ["Kiev", "Kharkov", "regime", "news", "said", "the", "Kyiv", "e-mail", "é", "🙂", "naïve"]
)
_INLINE = st.one_of(
    _WORDS,
    _WORDS.map(lambda w: f"*{w}*"),
    _WORDS.map(lambda w: f"**{w}**"),
    _WORDS.map(lambda w: f"`{w}`"),
    _WORDS.map(lambda w: f"[{w}](http://x.org/{w})"),
    _WORDS.map(lambda w: f"<span>{w}</span>"),
    _WORDS.map(lambda w: f"\\*{w}"),
)
_LINE = st.lists(_INLINE, min_size=1, max_size=8).map(" ".join)
_BLOCK = st.one_of(
    _LINE,
    _LINE.map(lambda s: "# " + s),
    _LINE.map(lambda s: "> " + s),
    _LINE.map(lambda s: "- " + s),
    _LINE.map(lambda s: "```\n" + s + "\n```"),
    _LINE.map(lambda s: "    " + s),
)
_MARKDOWN = st.lists(_BLOCK, min_size=1, max_size=6).map("\n\n".join)


@settings(max_examples=150, deadline=None)
@given(_MARKDOWN, st.sampled_from(["\n", "\r\n"]))
def test_every_finding_matches_the_text_at_its_offsets(markdown: str, newline: str) -> None:
    text = markdown.replace("\n", newline)
    rules: list[Rule] = shipped_rules()
    for finding in lint_text(text, rules):
        assert text[finding.start : finding.end] == finding.match
        assert "`" not in finding.match
