"""Where a work location is, for the pay laws: its state or province (typed as a code or a name,
or decided by a US ZIP code or a Canadian postal code's first letter), its county (from a ZIP
code), and which city or county laws' places it is in, by whole names from a gazetteer kept as
data (``places.json``): Brooklyn and White Plains are in New York City and Westchester County;
Cleveland Heights is not Cleveland, and York is not New York.

Geography, not something HR edits: it lives beside the checks, not in the admin's tables."""

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import zipcodes

_DATA = Path(__file__).resolve().parent / "places.json"
# US ZIP codes: five digits, optionally with the four of ZIP+4.
_ZIP = re.compile(r"^(\d{5})(?:-?\d{4})?$")
_NOT_A_LETTER_OR_DIGIT = re.compile(r"[^0-9a-z]+")


@cache
def _gazetteer() -> dict:
    return json.loads(_DATA.read_text(encoding="utf-8"))


def _key(name: str) -> str:
    """A name as it is compared: case, accents' absence and punctuation ignored ("St. Albans" and
    "st albans" are one name; "Croton-on-Hudson" and "Croton on Hudson" too)."""
    return _NOT_A_LETTER_OR_DIGIT.sub(" ", name.casefold()).strip()


@cache
def _regions_by_name(country: str) -> dict[str, str]:
    data = _gazetteer()
    regions = data["regions"].get(country, {})
    by_name = {_key(code): code for code in regions}
    by_name |= {_key(name): code for code, name in regions.items()}
    by_name |= {_key(name): code for name, code in data["region_aliases"].get(country, {}).items()}
    return by_name


def knows_regions(country: str) -> bool:
    """Whether the gazetteer lists the country's states or provinces (US and Canada)."""
    return country in _gazetteer()["regions"]


def region_code(country: str, text: str) -> str | None:
    """The state or province code that ``text`` names, as a code ("co") or a name ("Colorado");
    None if the country's regions are listed and ``text`` is none of them. A country whose
    regions are not listed takes any code as typed."""
    text = text.strip()
    if not knows_regions(country):
        return text.upper() or None
    return _regions_by_name(country).get(_key(text))


def region_name(country: str, code: str) -> str:
    return _gazetteer()["regions"].get(country, {}).get(code, code)


def province_from_postal_code(code: str) -> str | None:
    """A Canadian postal code's province, by its first letter (M5V 2T6: Ontario)."""
    code = code.strip().upper()
    return _gazetteer()["postal_first_letter"]["CA"].get(code[:1]) if code else None


@dataclass(frozen=True)
class ZipPlace:
    zip_code: str
    state: str
    county: str
    #: The USPS city names the ZIP code is used for (its own and those it also accepts).
    cities: tuple[str, ...]


@cache
def _zip_index() -> dict[str, ZipPlace]:
    """Every US ZIP code the ``zipcodes`` package ships, by code: read once (about 40,000 rows)
    so that a lookup is a dict access, not the package's scan of the whole list."""
    index = {}
    for row in zipcodes.list_all():
        index[row["zip_code"]] = ZipPlace(
            zip_code=row["zip_code"],
            state=row["state"],
            county=row.get("county") or "",
            cities=(row["city"], *row.get("acceptable_cities", ())),
        )
    return index


def zip_place(code: str) -> ZipPlace | None:
    """The state, county and postal cities of a US ZIP code; None if it is not one."""
    match = _ZIP.match(code.strip())
    return _zip_index().get(match.group(1)) if match else None


@dataclass(frozen=True)
class Locality:
    country: str
    region: str
    locality: str
    names: frozenset[str]
    counties: frozenset[str]


@cache
def _localities() -> dict[tuple[str, str, str], Locality]:
    found = {}
    for entry in _gazetteer()["localities"]:
        locality = Locality(
            country=entry["country"],
            region=entry["region"],
            locality=entry["locality"],
            names=frozenset(_key(name) for name in entry["names"]),
            counties=frozenset(_key(county) for county in entry.get("counties", ())),
        )
        found[(locality.country, locality.region, _key(locality.locality))] = locality
    return found


def locality(country: str, region: str, name: str) -> Locality:
    """The gazetteer's entry for a city or county law's place; one of just its own name for a
    place the gazetteer does not list yet (a new law an admin added)."""
    key = (country, region.upper(), _key(name))
    return _localities().get(key) or Locality(
        country, region.upper(), name, frozenset({_key(name)}), frozenset()
    )


def in_locality(place: Locality, city: str, county: str = "") -> bool:
    """Whether a typed city (or a ZIP code's county) is inside ``place``, by whole names."""
    return bool(city and _key(city) in place.names) or bool(
        county and _key(county) in place.counties
    )


def zip_also_in(place: Locality, zip_code: ZipPlace | None) -> bool:
    """Whether the ZIP code is also used for ``place`` (44118 is Cleveland's as well as
    Cleveland Heights'): the typed city then decides, and the finding asks which it is."""
    return bool(zip_code) and any(_key(city) in place.names for city in zip_code.cities)
