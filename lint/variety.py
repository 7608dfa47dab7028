"""British and American spelling: the word pairs, British forms of American words, and the
variety an article's own spelling follows (``language: auto``)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from lint.document import Document
from lint.wordtable import codespell_file

AUTO = "auto"
VARIETIES = ("en-US", "en-GB")
LANGUAGES = (AUTO, *VARIETIES)  # the values of ``language`` in configuration
DEFAULT_VARIETY = "en-US"  # an article with no variant word: the dictionary's own


@cache
def british_to_american() -> dict[str, str]:
    """British spellings mapped to American ones (codespell's en-GB to en-US list)."""
    pairs: dict[str, str] = {}
    for line in codespell_file("dictionary_en-GB_to_en-US.txt").read_text("utf-8").splitlines():
        gb, _, us = line.partition("->")
        if gb and us:
            pairs[gb.strip()] = us.strip().rstrip(",")
    return pairs


@cache
def american_to_british() -> dict[str, str]:
    """The reverse of ``british_to_american``."""
    return {us: gb for gb, us in british_to_american().items()}


@cache
def variant_words() -> frozenset[str]:
    """Every British and American spelling in the lists."""
    return frozenset(british_to_american()) | frozenset(american_to_british())


def document_variety(language: str, doc: Document) -> str:
    """``article_variety`` of a document, looking only at its words in the variant lists."""
    if language != AUTO or not doc.key_set & variant_words():
        return DEFAULT_VARIETY if language == AUTO else language
    words = variant_words()
    pairs = zip(doc.tokens, doc.keys, strict=True)
    return article_variety(language, (token for token, key in pairs if key in words))


def article_variety(language: str, tokens: Iterable[str]) -> str:
    """The variety to check an article in: the configured one, or under ``auto`` the one most
    of the article's variant words follow (each lowercase occurrence counts: a capitalised
    one may be a name, "Lincoln Center")."""
    if language != AUTO:
        return language
    gb_words, us_words = british_to_american(), american_to_british()
    british = american = 0
    for token in tokens:
        key = token.replace("’", "'").removesuffix("'s")
        if key in gb_words:
            british += 1
        elif key in us_words:
            american += 1
    if british == american:
        return DEFAULT_VARIETY
    return "en-GB" if british > american else "en-US"


# British endings and their American counterparts, for words the lists and the en-US
# dictionary lack ("decarbonisation" is "decarbonization").
_GB_TO_US_ENDINGS = (
    ("our", "or"),
    ("ours", "ors"),
    ("oured", "ored"),
    ("ouring", "oring"),
    ("ourite", "orite"),
    ("tre", "ter"),
    ("tres", "ters"),
    ("ence", "ense"),
    ("ences", "enses"),
    ("ise", "ize"),
    ("ised", "ized"),
    ("ises", "izes"),
    ("ising", "izing"),
    ("isation", "ization"),
    ("isations", "izations"),
    ("yse", "yze"),
    ("ysed", "yzed"),
    ("ogue", "og"),
    ("ogues", "ogs"),
    ("amme", "am"),
    ("ammes", "ams"),
    ("lled", "led"),
    ("lling", "ling"),
    ("ller", "ler"),
    ("llers", "lers"),
    ("llist", "list"),
    ("llists", "lists"),
    ("llery", "lery"),
    ("ement", "ment"),
)
_GB_INNER = (
    ("our", "or"),
    ("ae", "e"),
    ("oe", "e"),
    ("sceptic", "skeptic"),
    ("isation", "ization"),
    ("ise", "ize"),
    ("yse", "yze"),
)


def american_forms(word: str) -> set[str]:
    """Plausible American spellings of a British-spelt word ("rumours" -> "rumors")."""
    forms = {word[: -len(gb)] + us for gb, us in _GB_TO_US_ENDINGS if word.endswith(gb)}
    forms |= {word.replace(gb, us, 1) for gb, us in _GB_INNER if gb in word}
    forms.discard(word)
    return forms
