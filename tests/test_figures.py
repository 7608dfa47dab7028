"""The figure recogniser: a percentage, a sum or a count is a claim; a distance or a height is
not."""

from __future__ import annotations

import pytest
import regex

from lint.sourcing.figures import FIGURE_PATTERN, is_claim_figure

PATTERN = regex.compile(FIGURE_PATTERN, regex.IGNORECASE)


def _claims(text: str) -> list[str]:
    return [m.group() for m in PATTERN.finditer(text) if is_claim_figure(text, *m.span())]


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("Unemployment rose by 12% last year.", "12%"),
        ("Sales rose 5 per cent.", "5 per cent"),
        ("The club was sold for 800m euros.", "800m"),
        ("Godzilla star Jean Reno earned 3.55m Euros.", "3.55m"),
        ("It cost £5m to build.", "5m"),
        ("The deal is worth $1.2bn.", "1.2bn"),
        ("About 5m people watched.", "5m"),
        ("Profits were 2 billion yen.", "2 billion"),
        ("Profits rose to 5m.", "5m"),
    ],
)
def test_a_figure_that_makes_a_claim(text: str, figure: str) -> None:
    assert _claims(text) == [figure]


@pytest.mark.parametrize(
    "text",
    [
        "She won the 100m final.",  # a race
        "She took the 1,500m title.",
        "Kluft took the long jump at 6.63m.",  # metres to the centimetre
        "The lifts whisk passengers to the top of the 508m tall tower.",
        "He was wide with a 40m penalty.",  # a distance before a singular noun
        "Britain edged ahead at the 300m stage.",
        "She won the 60m hurdles.",
        "She took the women's 1500m AAAs title.",  # an acronym is no plural noun
        "The A400M aircraft flew.",
        "Their 4x4m pen was empty.",  # the tail of another number
    ],
)
def test_a_distance_is_not_a_figure(text: str) -> None:
    assert _claims(text) == []
