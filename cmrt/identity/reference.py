"""The facilities a user's reference files describe, merged with provenance: ``SmelterReference``.

cmrt bundles no RMI data (RMI's terms forbid redistribution): users pass the files they have, and each
is recognised by its content, not its name:

- any RMI/CFSI reporting template (.xlsx/.xls, encrypted or not): its ``Smelter Look-up`` (6.x, EMRT,
  CRT, AMRT), ``K`` and ``Standard Smelter Names`` (3.x, 2.03) or ``Smelter Reference List`` (4.x)
  sheets: standard names, aliases, countries, IDs, legacy v2 IDs;
- RMI facility-list exports (CSV or XLSX; conformant, active, cobalt/mica lists; "Type" or
  "Assessment Status" columns, audit dates and cycles, LBMA/RJC cross-recognition);
- the Smelter Reference List revision history (renames with dates, removals, additions);
- the CFSI 2014 lists: compliant smelters, key terms with v2 and v3 IDs, the v2 -> CID table.

Names age: each facility's standard name is the one from its most recent dated source; every other
standard name it had becomes a *former name*, resolvable as such.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import attrs

from cmrt.dates import parse_date, parse_version_date
from cmrt.errors import NotExcelError, ReferenceFormatError
from cmrt.identity.countries import Country, normalize_country
from cmrt.identity.facilities import FacilityIndex, Listing, ReferenceFacility, Revision, Source
from cmrt.identity.ids import normalize_smelter_id
from cmrt.identity.names import normalize_name
from cmrt.identity.resolve import Match, resolve, resolve_many
from cmrt.layouts.vocabulary import fold
from cmrt.records import normalize_metal
from cmrt.workbook import cell_text
from cmrt.workbook.guard import engine_errors
from cmrt.workbook.source import read_path
from cmrt.workbook.text import MAX_TABLE_ROWS, MAX_TEXT_BYTES, csv_rows, decode

__all__ = ["Listing", "ReferenceFacility", "Revision", "SmelterReference", "Source"]
"""(The records live in :mod:`cmrt.identity.facilities`; they are named here too, where they were first.)"""

_COLUMNS: tuple[tuple[str, str], ...] = (
    ("legacy_id", r"^(old smelter id|v2[ _]smelter[ _]id|version 2)$|old format"),
    ("smelter_id", r"^((new |v3 )?smelter[ _]id|facility id|version 3|smelter identification)$"),
    ("metal", r"^metal$"),
    (
        "alias",
        r"^(smelter look-?up|smelter_lookup_name|smelter reference( list)?|smelter_reference_name"
        r"|smelter names|known alias)$",
    ),
    ("standard", r"^(standard (smelter|facility) names?|standard_smelter_name|common name|smelter name)$"),
    ("country", r"^(country( location)?|smelter facility location: country|location)$"),
    ("city", r"^(smelter )?city$"),
    (
        "state",
        r"^(state ?/ ?province( ?/ ?region)?|state province|state_province"
        r"|smelter facility location: state / province)$",
    ),
    ("status", r"^(type|status|assessment status)$"),
    ("last_audit", r"^(last audit date|dd assessment date)$"),
    ("audit_cycle", r"^(audit cycle|dd assessment cycle)$"),
    ("reaudit", r"^(reaudit in progress|re-assessment in progress)$"),
    ("lbma", r"^lbma( rg)?$"),
    ("rjc", r"^rjc$"),
    ("cross", r"^rmi cross recognition$"),
    ("basis", r"^basis for revision$"),
    ("details", r"^details$"),
    ("revision_date", r"^revision date$"),
)
_STATUSES = re.compile(
    r"^((rmap|rmi)\s+)?(conformant|compliant|active|progressing|non[- ]?conformant|not conformant"
    r"|cross[- ]recogni[sz]ed|outreach required|in communication|communication suspended"
    r"|due diligence review|unable to proceed|suspended)",
    re.I,
)
"""The statuses a facility list gives: CFSI's and RMI's, RMAP's as filed reports print them today."""
_TEMPLATE_SHEETS = ("Smelter Look-up", "K", "Standard Smelter Names", "Smelter Reference List")
_EXPECTED = (
    "an RMI/CFSI reporting template (with its Smelter Look-up sheet), an RMI facility list export "
    "(SMELTER ID, STANDARD SMELTER NAME, Type / Assessment Status), the Smelter Reference List revision "
    "history (BASIS FOR REVISION, REVISION DATE), or a CFSI 2014 list (key terms, v2 -> v3 IDs, compliant)"
)


def _columns(header: list[Any]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        label = fold(cell)
        for key, pattern in _COLUMNS:
            if key not in found and re.search(pattern, label):
                found[key] = index
                break
    return found


@attrs.define
class _Table:
    """Rows of one sheet or CSV with a recognised header."""

    source: Source
    columns: dict[str, int]
    rows: list[list[Any]]

    def records(self) -> Iterator[dict[str, Any]]:
        for row in self.rows:
            yield {k: row[i] if i < len(row) else None for k, i in self.columns.items()}


_HEADER_ROWS = 8
"""A reference table's header is within its first rows."""


def _find_header(rows: list[list[Any]]) -> tuple[int, dict[str, int]] | None:
    best: tuple[int, dict[str, int]] | None = None
    for index, row in enumerate(rows[:_HEADER_ROWS]):
        columns = _columns(row)
        if "version 2" in [fold(c) for c in row] and "smelter_id" in columns and "legacy_id" in columns:
            columns = {"metal": 0, "standard": 1, "country": 2} | columns  # the CFSI v2 -> v3 table
        identified = "smelter_id" in columns or "legacy_id" in columns
        named = "standard" in columns or "alias" in columns
        if identified and named and (best is None or len(columns) > len(best[1])):
            best = (index, columns)
    return best


def _tables(path: Path, data: bytes | None = None) -> Iterator[_Table]:
    """The recognisable tables of one file (its bytes read here unless given)."""
    if data is None:
        data = read_path(str(path), what="reference file")
    if data[:4] == b"PK\x03\x04" or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        yield from _workbook_tables(path, data)
        return
    if len(data) > MAX_TEXT_BYTES:
        raise ReferenceFormatError(
            f"{path.name} is {len(data):,} bytes; a text list over {MAX_TEXT_BYTES:,} is refused"
        )
    try:
        rows = csv_rows(decode(data, path.name), path.name)
    except ReferenceFormatError as exc:
        raise ReferenceFormatError(f"{exc}; expected {_EXPECTED}") from exc
    found = _find_header(rows)
    if found is None:
        raise ReferenceFormatError(f"{path.name} is not a smelter reference file; expected {_EXPECTED}")
    start, columns = found
    kind = _table_kind(columns, rows[start + 1 :])
    yield _Table(Source(path.name, kind, None), columns, rows[start + 1 :])


def _table_kind(columns: dict[str, int], rows: list[list[Any]]) -> str:
    if "basis" in columns:
        return "revision-history"
    if "status" in columns:
        index = columns["status"]
        if any(_STATUSES.match(str(r[index] or "")) for r in rows[:50] if index < len(r)):
            return "facility-list"
    return "look-up"


def _workbook_tables(path: Path, data: bytes) -> Iterator[_Table]:
    from cmrt.reading.cells import VERSION_PATTERN, Cells, Translations
    from cmrt.workbook import open_workbook

    try:
        book, _ = open_workbook(data)
    except NotExcelError as exc:
        raise ReferenceFormatError(f"{path.name}: {exc}; expected {_EXPECTED}") from exc
    declaration = book.find_sheet("Declaration")
    template_date = None
    if declaration is not None:  # a reporting template: only its reference sheets count
        rows = book.rows(declaration, 4)
        version_cell = str(rows[2][9]) if len(rows) > 2 and len(rows[2]) > 9 else ""
        match = VERSION_PATTERN.match(version_cell)
        template_date = parse_version_date(match.group(2)) if match else None
        sheets = [s for s in (book.find_sheet(n) for n in _TEMPLATE_SHEETS) if s]
    else:
        sheets = list(book.sheet_names)
    found_any = False
    translations = Translations(book) if declaration is not None else None
    for sheet in sheets:
        rows = book.rows(sheet, _HEADER_ROWS)
        if translations is not None:  # headers in the UI language: take their English from the L sheet
            cells = Cells(sheet, rows)
            head = [[translations.english(cells, r, c) for c in range(1, 13)] for r in range(1, 9)]
            found = _find_header(head + [[]])
        else:
            found = _find_header(rows)
        if found is None:
            continue
        rows = book.rows(sheet, MAX_TABLE_ROWS + _HEADER_ROWS + 1)
        if len(rows) > MAX_TABLE_ROWS + _HEADER_ROWS:
            raise ReferenceFormatError(
                f"{path.name}: sheet {sheet!r} has more than {MAX_TABLE_ROWS:,} rows; "
                "no reference list is that long"
            )
        start, columns = found
        if sheet == "K" and columns.get("alias") == 1:
            columns.setdefault("metal", 0)  # the 'K' sheet leaves the metal column's header blank
        body = rows[start + 1 :]
        kind = "template" if declaration is not None else _table_kind(columns, body)
        found_any = True
        yield _Table(Source(path.name, kind, template_date, sheet), columns, body)
    if not found_any:
        raise ReferenceFormatError(
            f"{path.name} has no sheet cmrt recognises as smelter reference data; expected {_EXPECTED}"
        )


@attrs.define
class _Builder:
    """Facts gathered from every table, before names are aged and facilities frozen."""

    names: dict[tuple[str, str], list[tuple[dt.date | None, int, str, Source]]] = attrs.Factory(
        lambda: defaultdict(list)
    )
    aliases: dict[tuple[str, str], dict[str, None]] = attrs.Factory(lambda: defaultdict(dict))
    countries: dict[tuple[str, str], Country] = attrs.Factory(dict)
    places: dict[tuple[str, str], tuple[str | None, str | None]] = attrs.Factory(dict)
    legacy: dict[str, str] = attrs.Factory(dict)
    legacy_rows: list[tuple[str, str, str | None, str | None, Source]] = attrs.Factory(list)
    listings: dict[tuple[str, str], list[Listing]] = attrs.Factory(lambda: defaultdict(list))
    revisions: dict[tuple[str, str], list[Revision]] = attrs.Factory(lambda: defaultdict(list))
    sources: dict[tuple[str, str], dict[Source, None]] = attrs.Factory(lambda: defaultdict(dict))
    order: int = 0

    def add(self, table: _Table) -> Source:
        """Take a table's facts; returns its source, dated from its content where it has no date."""
        source = table.source
        if source.kind == "facility-list" and source.date is None:
            audits = [parse_date(r.get("last_audit"))[0] for r in table.records()]
            source = attrs.evolve(source, date=max((d for d in audits if d), default=None))
        if source.kind == "revision-history":
            dates = [parse_date(r.get("revision_date"))[0] for r in table.records()]
            source = attrs.evolve(source, date=max((d for d in dates if d), default=None))
        for record in table.records():
            self._add(record, source)
        return source

    def _add(self, r: dict[str, Any], source: Source) -> None:
        metal = normalize_metal(r.get("metal"))
        cid = normalize_smelter_id(r.get("smelter_id"))
        legacy = normalize_smelter_id(r.get("legacy_id"))
        standard, alias = cell_text(r.get("standard")), cell_text(r.get("alias"))
        if not metal:
            return
        if cid and not cid.startswith("CID"):  # a 2.x sheet's "Smelter ID" holds legacy IDs
            legacy, cid = cid, None
        if legacy and cid:
            self.legacy[legacy] = cid
        if not cid:
            if legacy and (standard or alias):
                self.legacy_rows.append((metal, legacy, standard, alias, source))
            return
        self._facts((metal, cid), r, source, standard, alias)

    def _facts(
        self, key: tuple[str, str], r: dict[str, Any], source: Source, standard: str | None, alias: str | None
    ) -> None:
        self.order += 1
        self.sources[key][source] = None
        date = source.date
        if source.kind == "revision-history":
            revised = parse_date(r.get("revision_date"))[0]
            basis = cell_text(r.get("basis")) or ""
            self.revisions[key].append(
                Revision(basis, revised, standard, cell_text(r.get("details")), source)
            )
            date = revised if basis.lower().startswith("name") else None
        if standard:
            self.names[key].append((date, self.order, standard, source))
        if alias and alias != standard:
            self.aliases[key][alias] = None
        country = normalize_country(r.get("country"))
        if country and (key not in self.countries or date):
            self.countries[key] = country
        city, state = cell_text(r.get("city")), cell_text(r.get("state"))
        if state and "," in state and not city:  # RMI lists write "Toyama City, Toyama" in one column
            city, state = (part.strip() for part in state.split(",", 1))
        if city or state:
            self.places.setdefault(key, (city, state))
        status = cell_text(r.get("status"))
        if source.kind == "facility-list" and status and _STATUSES.match(status):
            self.listings[key].append(
                Listing(
                    status=status,
                    source=source,
                    last_audit=parse_date(r.get("last_audit"))[0],
                    audit_cycle=cell_text(r.get("audit_cycle")),
                    reaudit_in_progress=cell_text(r.get("reaudit")),
                    lbma=_yes(r.get("lbma")),
                    rjc=_yes(r.get("rjc")),
                    cross_recognition=cell_text(r.get("cross")),
                )
            )

    def build(self) -> dict[tuple[str, str], ReferenceFacility]:
        for metal, legacy, standard, alias, source in self.legacy_rows:
            cid = self.legacy.get(legacy)
            if cid:
                self._facts((metal, cid), {}, source, standard, alias)
        by_cid_legacy: dict[str, list[str]] = defaultdict(list)
        for legacy, cid in self.legacy.items():
            by_cid_legacy[cid].append(legacy)
        facilities = {}
        for key in self.sources:
            names = self.names.get(key) or []
            if not names:
                continue
            # newest dated source first; undated sources after, later-listed first among equals
            ranked = sorted(names, key=lambda n: (n[0] is not None, n[0] or dt.date.min, n[1]), reverse=True)
            current = ranked[0][2]
            current_key = normalize_name(current)
            former = tuple(dict.fromkeys(n[2] for n in ranked if normalize_name(n[2]) != current_key))
            city, state = self.places.get(key, (None, None))
            facilities[key] = ReferenceFacility(
                smelter_id=key[1],
                metal=key[0],
                name=current,
                country=self.countries.get(key),
                city=city,
                state_province=state,
                aliases=tuple(a for a in self.aliases.get(key, {}) if a != current),
                former_names=former,
                legacy_ids=tuple(sorted(by_cid_legacy.get(key[1], ()))),
                listings=tuple(self.listings.get(key, ())),
                revisions=tuple(self.revisions.get(key, ())),
                sources=tuple(self.sources[key]),
            )
        return facilities


def _yes(value: Any) -> bool:
    return str(value or "").strip().lower() in ("yes", "y", "x", "true", "1")


class SmelterReference(FacilityIndex):
    """Every facility the user's reference files describe, with name and ID indexes for resolution."""

    @classmethod
    def from_files(cls, *paths: str | os.PathLike[str]) -> SmelterReference:
        """Build one reference from the files users really have, recognising each by its content.

        Raises :class:`ReferenceFormatError` for a file of no recognised kind, naming what was expected.
        """
        if not paths:
            raise ValueError("give at least one reference file")
        builder = _Builder()
        sources: list[Source] = []
        for raw in paths:
            path = Path(raw)
            try:
                with engine_errors(f"{path.name}: cannot be used as reference data", ReferenceFormatError):
                    sources.extend(builder.add(table) for table in _tables(path))
            except NotExcelError as exc:  # a folder, a FIFO: not a file at all
                raise ReferenceFormatError(str(exc)) from exc
        facilities = builder.build().values()
        return cls(facilities, sources, builder.legacy)

    @classmethod
    def from_bytes(cls, data: bytes, name: str) -> SmelterReference:
        """A reference from one file's bytes (a template or list you hold in memory); ``name`` is what
        sources and errors call it. As :meth:`from_files` otherwise."""
        builder = _Builder()
        with engine_errors(f"{name}: cannot be used as reference data", ReferenceFormatError):
            sources = [builder.add(table) for table in _tables(Path(name), bytes(data))]
        return cls(builder.build().values(), sources, builder.legacy)

    def resolve(
        self,
        *,
        metal: str,
        name: str | None = None,
        country: str | None = None,
        smelter_id: str | None = None,
    ) -> Match:
        """Resolve one reported smelter to a facility; see :func:`cmrt.identity.resolve.resolve`."""
        return resolve(self, metal=metal, name=name, country=country, smelter_id=smelter_id)

    def resolve_many(self, rows: Iterable[Any]) -> list[Match]:
        """Resolve many rows (mappings or SmelterEntry records); see ``resolve_many``."""
        return resolve_many(self, rows)
