"""Every word form a Hunspell dictionary accepts, expanded from its stems and affix rules.

Loading Hunspell costs about 25 ms, and a third of single-article runs needed it only to ask
about a word or fragment that wordfreq does not list ("patchier", "pre-budget"). With the
dictionary's forms in the word table, the table answers those too.

Only the affix features the bundled English dictionary uses are supported: one-character
flags, prefixes and suffixes with strip, add and condition, and their cross products, and
compound rules for numbers only. A dictionary that uses anything else (long or numeric flags,
continuation classes, circumfixes, forbidden or affix-only words, compounding of words, input
conversion) is not expanded, and Hunspell is asked as before. ``tests/test_cache.py``
compares the answers with Hunspell's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

_UNSUPPORTED = frozenset(
    [
        "FLAG",
        "COMPLEXPREFIXES",
        "CIRCUMFIX",
        "NEEDAFFIX",
        "PSEUDOROOT",
        "FORBIDDENWORD",
        "KEEPCASE",
        "FORCEUCASE",
        "IGNORE",
        "ICONV",
        "OCONV",
        "FULLSTRIP",
        "SUBSTANDARD",
        "LEMMA_PRESENT",
        "CHECKSHARPS",
        "AF",
        "AM",
        "COMPOUNDFLAG",
        "COMPOUNDBEGIN",
        "COMPOUNDMIDDLE",
        "COMPOUNDLAST",
        "COMPOUNDEND",
        "BREAK",  # word breaking other than Hunspell's default at hyphens
        "LANG",  # language-specific case and compounding rules
    ]
)


_RULE_SYNTAX = str.maketrans("", "", "*?()")  # COMPOUNDRULE's operators, around its flags


class UnsupportedDictionary(Exception):
    """The dictionary uses an affix feature this expansion does not model."""


@dataclass(frozen=True)
class AffixRule:
    """One line of a PFX or SFX block: strip, then add, where the condition holds."""

    strip: str
    add: str
    condition: re.Pattern[str] | None  # None: any stem

    def apply(self, stem: str, suffix: bool) -> str | None:
        """The affixed form of a stem, or None when the rule does not apply to it."""
        if self.condition is not None and not self.condition.search(stem):
            return None
        if suffix:
            if not stem.endswith(self.strip):
                return None
            return stem[: len(stem) - len(self.strip)] + self.add
        if not stem.startswith(self.strip):
            return None
        return self.add + stem[len(self.strip) :]


@dataclass(frozen=True)
class AffixClass:
    """The rules of one flag."""

    suffix: bool
    cross: bool  # combines with affixes of the other kind
    rules: tuple[AffixRule, ...]


def read_affixes(aff: str) -> tuple[dict[str, AffixClass], frozenset[str]]:
    """The affix classes of an .aff file, and the flags of words that may form compounds."""
    headers: dict[str, tuple[bool, bool]] = {}
    rules: dict[str, list[AffixRule]] = {}
    compounding: set[str] = set()
    for line in aff.splitlines():
        fields = line.split()
        if not fields or fields[0].startswith("#"):
            continue
        if fields[0] in _UNSUPPORTED:
            raise UnsupportedDictionary(fields[0])
        compound = fields[0] in ("ONLYINCOMPOUND", "COMPOUNDRULE") and len(fields) > 1
        if compound and not fields[1].isdigit():  # "COMPOUNDRULE 2" only counts the rules
            compounding.update(fields[1].translate(_RULE_SYNTAX))
        if fields[0] not in ("PFX", "SFX") or len(fields) < 4:
            continue
        suffix, flag = fields[0] == "SFX", fields[1]
        if len(flag) != 1:
            raise UnsupportedDictionary(f"flag {flag}")
        if flag not in headers:
            headers[flag] = (suffix, fields[2] == "Y")
            rules[flag] = []
            continue
        rules[flag].append(_rule(fields, suffix))
    classes = {
        flag: AffixClass(suffix, cross, tuple(rules[flag]))
        for flag, (suffix, cross) in headers.items()
    }
    return classes, frozenset(compounding)


def _rule(fields: list[str], suffix: bool) -> AffixRule:
    if len(fields) < 5:
        raise UnsupportedDictionary(" ".join(fields))
    strip = "" if fields[2] == "0" else fields[2]
    add, _, continuation = fields[3].partition("/")
    if continuation:
        raise UnsupportedDictionary(f"continuation class {fields[3]}")
    condition = fields[4]
    compiled = None
    if condition != ".":
        compiled = re.compile(f"{condition}$" if suffix else f"^{condition}")
    return AffixRule(strip, "" if add == "0" else add, compiled)


def expand(dic: str, classes: dict[str, AffixClass], compounding: frozenset[str]) -> Iterator[str]:
    """Every form of every entry of a .dic file (duplicates possible)."""
    for line in dic.splitlines()[1:]:
        fields = line.split()
        if not fields:
            continue
        if "\\" in fields[0]:
            raise UnsupportedDictionary(f"escaped entry {fields[0]}")
        stem, _, flags = fields[0].partition("/")
        if any(ch.isdigit() for ch in stem):
            continue  # numbers ("0th", "1990s"): Hunspell's compound rules, not these forms
        if compounding.intersection(flags):
            raise UnsupportedDictionary(f"a word that forms compounds: {stem}")
        yield from _forms(stem, flags, classes)


def _forms(stem: str, flags: str, classes: dict[str, AffixClass]) -> Iterator[str]:
    yield stem
    suffixed: list[tuple[str, bool]] = []
    prefixes = [classes[f] for f in flags if f in classes and not classes[f].suffix]
    for flag in flags:
        affix = classes.get(flag)
        if affix is None or not affix.suffix:
            continue
        for rule in affix.rules:
            form = rule.apply(stem, suffix=True)
            if form is not None:
                suffixed.append((form, affix.cross))
                yield form
    for prefix in prefixes:
        for rule in prefix.rules:
            form = rule.apply(stem, suffix=False)
            if form is not None:
                yield form
            if not prefix.cross:
                continue
            for suffixed_form, cross in suffixed:
                combined = rule.apply(suffixed_form, suffix=False) if cross else None
                if combined is not None:
                    yield combined


def dictionary_forms(aff_path: Path, dic_path: Path) -> set[str]:
    """The forms a Hunspell dictionary accepts as written; raises ``UnsupportedDictionary``."""
    aff = aff_path.read_bytes()
    encoding = _encoding(aff)
    classes, compounding = read_affixes(aff.decode(encoding))
    return set(expand(dic_path.read_text(encoding=encoding), classes, compounding))


def _encoding(aff: bytes) -> str:
    match = re.search(rb"^SET\s+(\S+)", aff, re.MULTILINE)
    name = match.group(1).decode("ascii", "replace") if match else "ISO8859-1"
    return {"ISO8859-1": "latin-1", "UTF-8": "utf-8"}.get(name.upper(), name)
