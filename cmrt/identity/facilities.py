"""Reference facilities as records, and the index resolution looks them up in.

Knows nothing of files: :mod:`cmrt.identity.reference` builds these from the files users have,
:mod:`cmrt.identity.resolve` looks reported smelters up in a :class:`FacilityIndex`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from cmrt.display import html_table, plural, shorten
from cmrt.identity.countries import Country
from cmrt.identity.ids import normalize_smelter_id
from cmrt.identity.names import normalize_name
from cmrt.records import normalize_metal

__all__ = ["FacilityIndex", "Listing", "NameEntry", "ReferenceFacility", "Revision", "Source"]


@attrs.frozen
class Source:
    """Where reference data came from: a file (and sheet), what it was, and the date it speaks for."""

    file: str
    kind: str
    """``"template"``, ``"facility-list"``, ``"revision-history"`` or ``"look-up"`` (other name lists)."""
    date: dt.date | None = None
    sheet: str | None = None


@attrs.frozen
class Listing:
    """A facility's entry on a status list (RMI conformant or active list, CFSI compliant list)."""

    status: str
    """The status as the list gives it: "Conformant", "Active", "Compliant", "Progressing" ..."""
    source: Source
    last_audit: dt.date | None = None
    audit_cycle: str | None = None
    reaudit_in_progress: str | None = None
    lbma: bool = False
    rjc: bool = False
    cross_recognition: str | None = None


@attrs.frozen
class Revision:
    """One row of the Smelter Reference List revision history."""

    basis: str
    """"Name correction", "Removed", "Added", "Location correction", "Metal correction"."""
    date: dt.date | None
    name: str | None
    details: str | None
    source: Source


@attrs.frozen
class ReferenceFacility:
    """One RMI facility for one metal (RMI gives a facility one smelter ID per metal)."""

    smelter_id: str
    metal: str
    name: str
    """The standard name from the most recent dated source."""
    country: Country | None
    city: str | None = None
    state_province: str | None = None
    aliases: tuple[str, ...] = ()
    former_names: tuple[str, ...] = ()
    legacy_ids: tuple[str, ...] = ()
    listings: tuple[Listing, ...] = ()
    revisions: tuple[Revision, ...] = ()
    sources: tuple[Source, ...] = ()

    def __repr__(self) -> str:
        where = f" ({self.country.name})" if self.country else ""
        return (
            f"<ReferenceFacility {self.metal} {self.smelter_id} {shorten(self.name)}{where}: "
            f"{plural(len(self.listings), 'listing')}, {plural(len(self.revisions), 'revision')}>"
        )

    @property
    def removed_on(self) -> dt.date | None:
        """When RMI removed the facility from its reference list (latest "Removed" revision), if it did."""
        dates = [r.date for r in self.revisions if r.basis.lower() == "removed" and r.date]
        return max(dates) if dates else None


@attrs.frozen
class NameEntry:
    """One name under which a facility is known, for one metal."""

    key: str
    """The name as :func:`~cmrt.identity.names.normalize_name` keys it."""
    name: str
    smelter_id: str
    kind: str
    """``"name"`` (the standard name), ``"alias"`` or ``"former_name"``."""


class FacilityIndex:
    """Facilities by (metal, smelter ID), and every name each is known by, per metal, for resolution."""

    def __repr__(self) -> str:
        metals = Counter(metal for metal, _ in self.facilities)
        files = list(dict.fromkeys(s.file for s in self.sources))
        return (
            f"<{type(self).__name__} {plural(len(self.facilities), 'facility', 'facilities')} "
            f"({', '.join(f'{m} {n}' for m, n in metals.most_common(6))}{', …' if len(metals) > 6 else ''}) "
            f"from {plural(len(files), 'file')}>"
        )

    def _repr_html_(self) -> str:
        rows = [(s.file, s.kind, s.sheet, s.date) for s in self.sources]
        return html_table(repr(self), ("File", "Kind", "Sheet", "Date"), rows)

    def __init__(
        self,
        facilities: Iterable[ReferenceFacility],
        sources: Iterable[Source] = (),
        legacy_ids: Mapping[str, str] | None = None,
    ) -> None:
        self.facilities: dict[tuple[str, str], ReferenceFacility] = {
            (f.metal, f.smelter_id): f for f in facilities
        }
        self.sources: tuple[Source, ...] = tuple(sources)
        self.legacy_ids: dict[str, str] = dict(legacy_ids or {})
        self.names: dict[str, dict[str, list[NameEntry]]] = defaultdict(lambda: defaultdict(list))
        self.metals_by_id: dict[str, set[str]] = defaultdict(set)
        rank = {"name": 0, "alias": 1, "former_name": 2}
        for facility in self.facilities.values():
            self.metals_by_id[facility.smelter_id].add(facility.metal)
            for kind, names in (
                ("name", (facility.name,)),
                ("alias", facility.aliases),
                ("former_name", facility.former_names),
            ):
                for name in names:
                    key = normalize_name(name)
                    entries = self.names[facility.metal][key]
                    same = [e for e in entries if e.smelter_id == facility.smelter_id]
                    if same and rank[same[0].kind] <= rank[kind]:
                        continue
                    entries[:] = [e for e in entries if e.smelter_id != facility.smelter_id]
                    entries.append(NameEntry(key, name, facility.smelter_id, kind))
        self._fuzzy_cache: dict[str, tuple[list[str], list[list[NameEntry]]]] = {}

    def __len__(self) -> int:
        return len(self.facilities)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as its facilities, sources and legacy IDs (the name indexes are rebuilt): what a
        survey sends each worker process or Dask worker once."""
        return (type(self), (tuple(self.facilities.values()), self.sources, self.legacy_ids))

    def get(self, smelter_id: str, metal: str) -> ReferenceFacility | None:
        """The facility with this smelter ID (CID or legacy v2 ID) for this metal, if the reference has it."""
        cid = normalize_smelter_id(smelter_id)
        cid = self.legacy_ids.get(cid, cid) if cid else None
        return self.facilities.get((normalize_metal(metal) or "", cid or ""))
