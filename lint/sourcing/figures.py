"""Figures that make a claim: a percentage, a sum or a count in millions ("12%", "£5bn",
"800m euros"), told apart from distances and heights ("the 100m final", "a leap of 6.63m",
"the 508m tall tower").

The search pattern is loose on purpose; ``is_claim_figure`` decides the one ambiguous unit,
a bare ``m``, which is millions before a plural noun and usually metres otherwise.
"""

from __future__ import annotations

import re

# a number (not the tail of a longer one, nor of "4x4") and its unit
FIGURE_PATTERN = (
    r"\d(?<![\d.,x]\d)\d*(?:[.,]\d+)*\s*(?:%|per ?cent|million|billion|trillion|bn\b|m\b)"
)

# the distances of running races: "the 100m final", "the 1,500m" are events, not sums
TRACK_DISTANCES = frozenset({60, 100, 110, 200, 400, 800, 1000, 1500, 3000, 5000, 10000})
_CURRENCY = "£$€¥"
# plural nouns after which "m" is still metres ("the 60m hurdles", "two 100m titles")
EVENTS = frozenset({"hurdles", "events", "titles", "races", "finals", "heats", "relays"})
ATHLETICS = frozenset({"records", "times", "medals"})
# words that merely end in s ("800m is", "5m as")
NOT_PLURALS = frozenset({"as", "is", "was", "has", "his", "its", "this", "thus", "plus", "across"})
_NEXT_WORD = re.compile(r"\s+([a-z]+)\b", re.IGNORECASE)
_CENTIMETRES = re.compile(r"\.\d\d$")  # "6.63m": metres to the centimetre


def is_claim_figure(text: str, start: int, end: int) -> bool:
    """Whether the figure matched at ``text[start:end]`` (by ``FIGURE_PATTERN``) is a claim."""
    figure = text[start:end].lower()  # the pattern is searched without case: "A400M"
    if not figure.endswith("m"):
        return True  # "%", "per cent", "million", "billion", "trillion", "bn"
    number = figure[:-1].rstrip()
    after = _NEXT_WORD.match(text, end)
    written = after.group(1) if after else ""
    word = written.lower()
    plural = word.endswith("s") and written[1:].islower()  # "euros", "Euros"; not "AAAs"
    if start > 0 and text[start - 1] in _CURRENCY:
        return True  # "£5m deal": money
    if (plural and word not in EVENTS | ATHLETICS | NOT_PLURALS) or word == "people":
        return True  # "800m euros", "5m people"
    if _track_distance(number) or _CENTIMETRES.search(number):
        return False
    # a singular word after a bare "m" makes it metres ("a 40m penalty", "the 300m stage");
    # sums are written with their currency
    return not word


def _track_distance(number: str) -> bool:
    """Whether a number ("1,500") is the distance of a running race."""
    digits = number.replace(",", "")
    return digits.isdigit() and int(digits) in TRACK_DISTANCES
