"""Expanding a Hunspell dictionary into its word forms."""

from __future__ import annotations

from pathlib import Path

import pytest

from lint.affixes import UnsupportedDictionary, dictionary_forms

AFF = """SET ISO8859-1
ONLYINCOMPOUND c
PFX U Y 1
PFX U 0 un .

SFX S Y 3
SFX S y ies [^aeiou]y
SFX S 0 s [aeiou]y
SFX S 0 s [^y]

SFX V N 1
SFX V e ive e
"""

DIC = """5
play/SU
fly/S
create/VU
Paris
0th/c
"""


def _forms(tmp_path: Path, aff: str = AFF, dic: str = DIC) -> set[str]:
    (tmp_path / "x.aff").write_text(aff, encoding="latin-1")
    (tmp_path / "x.dic").write_text(dic, encoding="latin-1")
    return dictionary_forms(tmp_path / "x.aff", tmp_path / "x.dic")


def test_stems_affixes_conditions_and_cross_products(tmp_path: Path) -> None:
    assert _forms(tmp_path) == {
        "play",
        "plays",  # a vowel before the y: the plain "s" rule
        "unplay",
        "unplays",  # both cross products
        "fly",
        "flies",  # a consonant before the y: strip it, add "ies"
        "create",
        "creative",
        "uncreate",  # the "ive" suffix does not combine with prefixes
        "Paris",
    }


@pytest.mark.parametrize(
    ("aff", "dic"),
    [
        (AFF + "FLAG long\n", DIC),
        (AFF + "NEEDAFFIX X\n", DIC),
        (AFF + "COMPOUNDFLAG X\n", DIC),
        (AFF + "BREAK 0\n", DIC),  # no breaking at hyphens
        (AFF.replace("SFX V e ive e", "SFX V e ive/S e"), DIC),  # a continuation class
        (AFF, DIC + "word/c\n"),  # a word, not a number, that only forms compounds
        (AFF + "COMPOUNDRULE 1\nCOMPOUNDRULE x*y\n", DIC + "word/x\n"),
        (AFF, DIC + "AC\\/DC\n"),  # an escaped slash
    ],
)
def test_features_not_modelled_are_refused(tmp_path: Path, aff: str, dic: str) -> None:
    with pytest.raises(UnsupportedDictionary):
        _forms(tmp_path, aff, dic)
