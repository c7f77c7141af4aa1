"""A classification as map and combine: what some inputs contribute (a :class:`Partial`), combined
associatively, then classified once.

The map step (:func:`of_report`, :func:`of_mappings`) resolves each row against the reference where the
input is (a worker process, a Dask worker) and keeps only the rows that name a facility, with their
matches, and per supplier the row counts: what the roll-up needs, not the report. :func:`combine` joins
partials in order; it is associative, so partials may be combined in any grouping (a fold in the calling
process, a tree on a cluster) as long as their order is kept. :func:`classify` then merges the rows that
name one facility and judges each facility.

Partials travel pickled, so a match's reference facility arrives as a copy of the one in the caller's
reference; :func:`compact` links it back to the caller's own object and shares equal strings and
matches across files (:class:`Interner`), which is what keeps a survey's memory to its rows.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from cmrt.batch import FileFailure, Progress, failure, map_in_order, read_one
from cmrt.cahra import CahraList
from cmrt.classification.gather import Rows, mapping_rows, report_rows, split_sources, supplier_name
from cmrt.classification.group import identity, merge_countryless, merge_into_reported_ids, trusted
from cmrt.classification.judge import facility
from cmrt.classification.lists import current_lists, outdated_lists
from cmrt.classification.records import Classification, ReportedRow, SupplierRows
from cmrt.errors import CmrtError
from cmrt.identity.facilities import ReferenceFacility
from cmrt.identity.names import normalize_name
from cmrt.identity.reference import SmelterReference
from cmrt.identity.resolve import Match, resolve_many
from cmrt.records import METALS, CmrtReport

__all__ = [
    "Interner",
    "Partial",
    "classify",
    "combine",
    "compact",
    "gather",
    "of_mappings",
    "of_report",
    "read_partial",
]


@attrs.frozen
class Partial:
    """What some inputs contribute to a classification: picklable, and small next to the reports."""

    rows: tuple[ReportedRow, ...] = ()
    """The rows that name a facility, each with the match it resolved to (placeholders left out)."""
    suppliers: tuple[SupplierRows, ...] = ()
    """Per input, in order: how many rows named a facility, how many were placeholders."""
    failures: tuple[FileFailure, ...] = ()
    """The files that could not be read."""

    def __repr__(self) -> str:
        return (
            f"<Partial {len(self.rows)} rows from {len(self.suppliers)} sources, "
            f"{len(self.failures)} unreadable>"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled with each matched facility as its key, not a copy of its record: the receiver holds the
        reference, and :func:`compact` (which :func:`classify` runs) links the keys back to it."""
        keys: dict[int, FacilityKey] = {}

        def key(found: Any) -> Any:
            if not isinstance(found, ReferenceFacility):
                return found
            if id(found) not in keys:
                keys[id(found)] = FacilityKey(found.metal, found.smelter_id)
            return keys[id(found)]

        def shipped(row: ReportedRow) -> ReportedRow:
            match = row.match
            if match.facility is None and not match.candidates:
                return row
            candidates = tuple(attrs.evolve(c, facility=key(c.facility)) for c in match.candidates)
            return attrs.evolve(
                row, match=attrs.evolve(match, facility=key(match.facility), candidates=candidates)
            )

        return (Partial, (tuple(shipped(r) for r in self.rows), self.suppliers, self.failures))


@attrs.frozen
class FacilityKey:
    """A reference facility as a pickled :class:`Partial` names it: by metal and smelter ID."""

    metal: str
    smelter_id: str


def of_report(report: CmrtReport, reference: SmelterReference, supplier: str) -> Partial:
    """The map step for one report: its rows resolved against ``reference``."""
    return _resolved(report_rows(report, reference, supplier), reference, {
        (supplier, report.source): report.metals_in_scope
    })  # fmt: skip


def of_mappings(mappings: Iterable[Mapping[str, Any]], reference: SmelterReference) -> Partial:
    """The map step for plain rows (their columns named as :mod:`cmrt.identity.columns` knows)."""
    rows = mapping_rows(list(mappings), reference)
    return _resolved(rows, reference, dict.fromkeys((r.supplier, r.source) for r, _ in rows))


def read_partial(path: str, *, reference: SmelterReference, password: str | None = None) -> Partial:
    """The map step for one file, as worker processes run it: read, then :func:`of_report`; a file
    that cannot be read is a partial with its :class:`~cmrt.batch.FileFailure`."""
    try:
        report = read_one(path, password)
    except CmrtError as exc:
        return Partial(failures=(failure(path, exc),))
    return of_report(report, reference, supplier_name(report, 0))


def gather(
    source: Any,
    reference: SmelterReference,
    *,
    password: str | None = None,
    jobs: int | None = 1,
    progress: Progress | None = None,
    isolate: bool = True,
) -> Partial:
    """Every report, file and plain row of ``source`` mapped to a partial (files in ``jobs`` worker
    processes, each keeping only its partial) and combined in order: reports, files, rows."""
    paths, reports, mappings = split_sources(source)
    parts = [
        of_report(report, reference, supplier_name(report, index)) for index, report in enumerate(reports)
    ]
    if paths:
        interner = Interner(reference)
        parts += map_in_order(
            functools.partial(read_partial, reference=reference, password=password),
            paths,
            failed=lambda lost: Partial(failures=(lost,)),
            kept=lambda part: compact(part, reference, interner),
            jobs=jobs,
            progress=progress,
            isolate=isolate,
        )
    if mappings:
        parts.append(of_mappings(mappings, reference))
    return combine(*parts)


def _resolved(
    rows: Rows, reference: SmelterReference, origins: dict[tuple[str, str | None], tuple[str, ...] | None]
) -> Partial:
    named = [r for r, placeholder in rows if not placeholder and (r.name or r.smelter_id)]
    matches = resolve_many(
        reference,
        ({"metal": r.metal, "name": r.name, "country": r.country, "smelter_id": r.smelter_id} for r in named),
    )
    kept = [
        attrs.evolve(row, match=trusted(found))
        for row, found in zip(named, matches, strict=True)
        if "placeholder" not in found.reasons  # "Unknown", "TBD" typed as names: no facility
    ]
    facility_rows = Counter((r.supplier, r.source) for r in kept)
    all_rows = Counter((r.supplier, r.source) for r, _ in rows)
    suppliers = tuple(
        SupplierRows(name, file, facility_rows[key], all_rows[key] - facility_rows[key], scope)
        for key, scope in origins.items()
        for name, file in (key,)
    )
    return Partial(tuple(kept), suppliers)


def combine(*partials: Partial) -> Partial:
    """Partials joined in the order given (associative: ``combine(a, combine(b, c)) ==
    combine(combine(a, b), c)``); ``combine()`` is the empty partial."""
    return Partial(
        tuple(r for p in partials for r in p.rows),
        tuple(s for p in partials for s in p.suppliers),
        tuple(f for p in partials for f in p.failures),
    )


class Interner:
    """What the parts of one survey share once kept: equal strings, keys, problems and matches are one
    object each, the matches pointing at the caller's own reference facilities."""

    def __init__(self, reference: SmelterReference) -> None:
        self.reference = reference
        self.values: dict[Any, Any] = {}
        self.matches: dict[tuple[Any, ...], Match] = {}

    def value(self, value: Any) -> Any:
        """The one kept object equal to ``value`` (hashable: a string, a tuple, a frozen record)."""
        return value if value is None else self.values.setdefault(value, value)


def compact(partial: Partial, reference: SmelterReference, interner: Interner | None = None) -> Partial:
    """``partial`` as a caller keeps it: every match pointing at ``reference``'s own facility records (not
    the copies unpickling made), equal strings and matches shared through ``interner`` (kept across
    calls): what is kept of a file costs little more than its rows."""
    interner = Interner(reference) if interner is None else interner
    linker = _Linker(interner)
    return attrs.evolve(partial, rows=tuple(_compact_row(row, interner, linker) for row in partial.rows))


_SHARED_TEXT = ("supplier", "source", "metal", "name", "country", "mine_countries", "recycled_scrap",
                "state_province")  # fmt: skip


def _compact_row(row: ReportedRow, interner: Interner, linker: _Linker) -> ReportedRow:
    changes: dict[str, Any] = {}
    for field in _SHARED_TEXT:
        value = getattr(row, field)
        shared = interner.value(value)
        if shared is not value:
            changes[field] = shared
    match = linker.match(row.match)
    if match is not row.match:
        changes["match"] = match
    return attrs.evolve(row, **changes) if changes else row


class _Linker:
    """One part's matches re-pointed at the reference's own facilities (looked up once per facility
    object of the part) and shared through the interner."""

    def __init__(self, interner: Interner) -> None:
        self.interner = interner
        self.facilities: dict[int, ReferenceFacility] = {}

    def facility(self, found: ReferenceFacility | FacilityKey) -> ReferenceFacility:
        known = self.facilities.get(id(found))
        if known is None:
            own = self.interner.reference.facilities.get((found.metal, found.smelter_id))
            if isinstance(found, FacilityKey):
                if own is None:
                    raise ValueError(
                        f"a survey part names facility {found.metal} {found.smelter_id}, which the reference "
                        "lacks: combine and finish parts with the reference they were made with"
                    )
                known = own
            else:
                known = own if own is not None and (own is found or own == found) else found
            self.facilities[id(found)] = known
        return known

    def match(self, match: Match) -> Match:
        facility_ = self.facility(match.facility) if match.facility is not None else None
        candidates = tuple(
            c
            if self.facility(c.facility) is c.facility
            else attrs.evolve(c, facility=self.facility(c.facility))
            for c in match.candidates
        )
        same = facility_ is match.facility and all(
            a is b for a, b in zip(candidates, match.candidates, strict=True)
        )  # already linked (a part made in this process): no copy
        own = self.interner.reference.facilities
        if any(
            f is not own.get((f.metal, f.smelter_id))
            for f in (facility_, *(c.facility for c in candidates))
            if f
        ):
            return match if same else attrs.evolve(match, facility=facility_, candidates=candidates)
        key = (id(facility_), match.method, match.score, match.needs_review, match.reasons,
               tuple((id(c.facility), c.score, c.matched_name, c.kind) for c in candidates))  # fmt: skip
        known = self.interner.matches.get(key)
        if known is None:
            known = match if same else attrs.evolve(match, facility=facility_, candidates=candidates)
            self.interner.matches[key] = known
        return known


def classify(
    partial: Partial,
    reference: SmelterReference,
    *,
    as_of: dt.date | None = None,
    cahra: CahraList | None = None,
) -> Classification:
    """The reduce step: rows naming one facility merged, each facility judged, in report order."""
    if not _linked(partial, reference):  # parts kept by a survey are linked already: not walked twice
        partial = compact(partial, reference)
    lists, superseded = current_lists(reference)
    groups: dict[tuple[str, ...], list[ReportedRow]] = defaultdict(list)
    for row in partial.rows:
        groups[identity(row, row.match)].append(row)
    merge_countryless(groups)
    merge_into_reported_ids(groups)
    current = set(lists)
    facilities = [facility(reported, current, bool(lists), as_of, cahra) for reported in groups.values()]
    order = {m: i for i, m in enumerate(METALS)}
    facilities.sort(
        key=lambda f: (order.get(f.metal, 99), f.metal, normalize_name(f.name), f.smelter_id or "")
    )
    return Classification(
        tuple(facilities), _merged(partial.suppliers), partial.failures, lists, superseded, as_of, cahra,
        problems=tuple(outdated_lists(lists, as_of)),
    )  # fmt: skip


def _linked(partial: Partial, reference: SmelterReference) -> bool:
    """Every match names the reference's own facility records (no key from a pickle, no copy)."""
    own = reference.facilities
    return all(
        found is None or own.get((found.metal, found.smelter_id)) is found
        for row in partial.rows
        for found in (row.match.facility, *(c.facility for c in row.match.candidates))
    )


def _merged(suppliers: Iterable[SupplierRows]) -> tuple[SupplierRows, ...]:
    """One entry per (supplier, source): the same file given twice counts its rows once each time."""
    merged: dict[tuple[str, str | None], SupplierRows] = {}
    for entry in suppliers:
        key = (entry.supplier, entry.source)
        before = merged.get(key)
        if before is not None:
            scope = entry.metals_in_scope if entry.metals_in_scope is not None else before.metals_in_scope
            rows, placeholders = before.rows + entry.rows, before.placeholders + entry.placeholders
            entry = attrs.evolve(entry, rows=rows, placeholders=placeholders, metals_in_scope=scope)
        merged[key] = entry
    return tuple(merged.values())
