"""Conflict-affected and high-risk areas (CAHRAs): the list a user passes, and whether a place is on it.

The EU Conflict Minerals Regulation asks importers to look at CAHRAs, not only at the SEC's ten Covered
Countries. The EU's indicative list (cahraslist.net) changes quarterly and cmrt bundles none: users pass
the list they rely on, as the JSON the cahraslist.net API gives (one entry per country, with its regions
or ``wholeCountry``), as a CSV/text file of countries (and optional regions), or as country names or
codes in code.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import attrs

from cmrt.errors import NotExcelError, ReferenceFormatError, UnsafeFileError
from cmrt.identity.countries import Country, normalize_country
from cmrt.identity.names import strip_accents
from cmrt.workbook.guard import engine_errors
from cmrt.workbook.source import read_path
from cmrt.workbook.text import MAX_TEXT_BYTES, csv_rows, decode, load_json

__all__ = ["CahraArea", "CahraList"]


def _region_key(text: str) -> str:
    """A region name without accents, punctuation or words like "province": ``"Bāmyān"`` -> ``"bamyan"``."""
    text = strip_accents(text.casefold())
    text = re.sub(r"[^\w]+", " ", text.replace("'", "").replace("’", "").replace("‘", ""))
    words = [w for w in text.split() if w not in {"province", "state", "region", "oblast", "sheng", "of"}]
    return " ".join(words)


@attrs.frozen
class CahraArea:
    """One country on a CAHRA list: the whole country, or some of its regions."""

    country: Country
    whole_country: bool
    regions: tuple[str, ...] = ()
    region_codes: tuple[str, ...] = ()
    """ISO 3166-2 codes of the regions (``"MX-GRO"``), one per region ("" where the list has none)."""


@attrs.define
class CahraList:
    """A CAHRA list keyed by country, with the file and version it came from."""

    areas: dict[str, CahraArea]
    source: str | None = None
    version: str | None = None

    @classmethod
    def from_countries(cls, countries: Iterable[str | Country], source: str | None = None) -> CahraList:
        """A list of whole countries, given by name or code.

        Raises :class:`~cmrt.ReferenceFormatError` (a ``ValueError``) naming an unknown one."""
        if isinstance(countries, (str, Country)):
            countries = [countries]
        areas: dict[str, CahraArea] = {}
        for item in countries:
            country = normalize_country(item)
            if country is None:
                raise ReferenceFormatError(f"not a country: {item!r:.80}")
            areas[country.code] = CahraArea(country, True)
        return cls(areas, source)

    @classmethod
    def from_file(cls, path: str | os.PathLike[str]) -> CahraList:
        """Read a CAHRA list: cahraslist.net-style JSON, or CSV/text with a country (and a region) column.

        Raises :class:`~cmrt.ReferenceFormatError` when the file is neither.
        """
        path = Path(path)
        try:
            data = read_path(str(path), limit=MAX_TEXT_BYTES, what="CAHRA list")
        except NotExcelError as exc:  # a folder, a FIFO: not a file at all
            raise ReferenceFormatError(str(exc)) from exc
        except UnsafeFileError as exc:
            raise ReferenceFormatError(str(exc)) from exc
        with engine_errors(f"{path.name}: not a usable CAHRA list", ReferenceFormatError):
            text = decode(data, path.name)
            if text.lstrip().startswith(("{", "[")):
                return cls._from_json(load_json(text, path.name), path.name)
            return cls._from_rows(csv_rows(text, path.name), path.name)

    @classmethod
    def _from_json(cls, data: Any, name: str) -> CahraList:
        entries = data.get("entries") if isinstance(data, dict) else data
        meta = data.get("meta", {}) if isinstance(data, dict) else {}
        if not isinstance(entries, list) or not entries:
            raise ReferenceFormatError(
                f"{name}: expected a JSON list of country entries (or {{'entries': [...]}})"
            )
        areas: dict[str, CahraArea] = {}
        for entry in entries:
            if not isinstance(entry, dict):
                raise ReferenceFormatError(f"{name}: a CAHRA entry is not an object: {entry!r:.60}")
            country = normalize_country(entry.get("iso2")) or normalize_country(
                entry.get("countryName") or entry.get("country")
            )
            if country is None:
                raise ReferenceFormatError(f"{name}: unknown country in CAHRA entry {entry!r:.80}")
            given = entry.get("regions") or []
            if not isinstance(given, list):
                raise ReferenceFormatError(
                    f"{name}: 'regions' of {country.name} is not a list: {given!r:.60}"
                )
            regions = [
                r for r in given if isinstance(r, dict) and isinstance(r.get("name"), str) and r["name"]
            ]
            whole = bool(entry.get("wholeCountry")) or not regions
            areas[country.code] = CahraArea(
                country,
                whole,
                tuple(r["name"] for r in regions),
                tuple(str(r.get("code") or "").upper() for r in regions),
            )
        version = meta.get("version") if isinstance(meta, dict) else None
        return cls(areas, name, str(version) if isinstance(version, (str, int, float)) else None)

    @classmethod
    def _from_rows(cls, rows: list[list[str]], name: str) -> CahraList:
        rows = [r for r in rows if any(c.strip() for c in r)]
        if rows and normalize_country(rows[0][0]) is None:  # a header line
            rows = rows[1:]
        regions: dict[str, list[str]] = {}
        whole: dict[str, Country] = {}
        countries: dict[str, Country] = {}
        for row in rows:
            country = normalize_country(row[0])
            if country is None:
                raise ReferenceFormatError(
                    f"{name}: {row[0]!r} is not a country (expected country[,region] rows)"
                )
            countries[country.code] = country
            region = row[1].strip() if len(row) > 1 else ""
            if region:
                regions.setdefault(country.code, []).append(region)
            else:
                whole[country.code] = country
        if not countries:
            raise ReferenceFormatError(f"{name}: no countries in the CAHRA list")
        areas = {
            code: CahraArea(country, code in whole, tuple(regions.get(code, ())))
            for code, country in countries.items()
        }
        return cls(areas, name)

    def __contains__(self, country: object) -> bool:
        found = normalize_country(country)
        return found is not None and found.code in self.areas

    def __len__(self) -> int:
        return len(self.areas)

    def assess(self, country: Country | None, region: str | None = None) -> str | None:
        """Why a place is a CAHRA (a sentence), or ``None`` when the list does not cover it.

        A country listed only by regions counts when ``region`` is one of them, or when the region is not
        known (a conservative answer, said as such).
        """
        if country is None or country.code not in self.areas:
            return None
        area = self.areas[country.code]
        if area.whole_country:
            return f"{country.name} is on the CAHRA list"
        if not region:
            some = ", ".join(area.regions[:3])
            return f"{country.name} has CAHRA regions ({some}...) and the region is not known"
        key = _region_key(region)
        codes = area.region_codes or ("",) * len(area.regions)
        for name, code in zip(area.regions, codes, strict=True):
            other = _region_key(name)
            by_code = bool(code) and key == _region_key(code)
            if key == other or by_code or re.search(rf"\b{re.escape(other)}\b", key):
                return f"{region}, {country.name} is a CAHRA region ({name})"
        return None
