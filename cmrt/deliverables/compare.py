"""This year's survey against last year's: facilities added and dropped, statuses that changed, suppliers
that answered better or worse. A compliance team states these year-on-year changes in its report and
asks about them, so either side may be a :class:`~cmrt.Survey` or last year's saved survey JSON (what
``cmrt classify --format json`` prints), the workbooks of which may be long gone.

Pure: nothing here prints or writes; it reads a file only when given the path of a saved JSON. It
imports neither :mod:`cmrt.survey` nor :mod:`cmrt.rendering` (a survey is duck-typed), so that
``Survey.compare`` may import it without an import cycle.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from cmrt.classification.records import Status
from cmrt.dates import as_date
from cmrt.display import plural, shorten
from cmrt.errors import FileAccessError, FileMissingError
from cmrt.identity.countries import normalize_country
from cmrt.identity.ids import normalize_smelter_id
from cmrt.identity.names import normalize_name
from cmrt.records import METALS, Severity, normalize_metal

__all__ = [
    "COMPARISON_FIELDS",
    "SURVEY_SCHEMA",
    "Comparison",
    "FacilityRecord",
    "MetalChanges",
    "Snapshot",
    "StatusChange",
    "SupplierChange",
    "SupplierRecord",
    "compare",
    "survey_snapshot",
]

SURVEY_SCHEMA = "cmrt-survey/1"
"""The saved-survey layout this module reads; the same text as ``cmrt.rendering.SURVEY_SCHEMA`` (not
imported from there: see the module's docstring)."""

COMPARISON_FIELDS: tuple[str, ...] = (
    "kind",
    "metal",
    "smelter_id",
    "name",
    "country",
    "old_status",
    "new_status",
)
"""The keys of :meth:`Comparison.to_records`, in order (the columns of a CSV of the changes)."""


# What is compared ------------------------------------------------------------------------------------


@attrs.frozen
class FacilityRecord:
    """A facility as a comparison needs it: who it is and its status, nothing that only one year has."""

    metal: str
    smelter_id: str | None
    name: str
    country: str | None
    """The country's name as the survey gives it (``"GERMANY"``), or ``None``."""
    status: Status

    def __repr__(self) -> str:
        where = f" ({self.country})" if self.country else ""
        who = f"{self.metal} {self.smelter_id or '-'} {shorten(self.name)}{where}"
        return f"<FacilityRecord {who}: {self.status}>"


@attrs.frozen
class SupplierRecord:
    """One supplier's responses, counted together: a company that sends a CMRT and an EMRT is one
    supplier, as :meth:`Survey.by_supplier <cmrt.Survey.by_supplier>` groups them."""

    company: str
    """The declared company name, else the file name."""
    responses: int
    errors: int
    """Error-level problems (what the template's own Checker fails) over all its files."""
    placeholders: int
    """Smelter List rows naming no facility, over all its files."""


@attrs.frozen
class Snapshot:
    """What of a survey a comparison looks at, from a live :class:`~cmrt.Survey` or its saved JSON alike."""

    facilities: tuple[FacilityRecord, ...]
    suppliers: tuple[SupplierRecord, ...]
    as_of: dt.date | None = None
    headline: str = ""

    def __repr__(self) -> str:
        when = f" as of {self.as_of}" if self.as_of else ""
        return (
            f"<Snapshot{when}: {plural(len(self.facilities), 'facility')}, "
            f"{plural(len(self.suppliers), 'supplier')}>"
        )


# What changed ----------------------------------------------------------------------------------------


@attrs.frozen
class StatusChange:
    """A facility in both surveys whose status is not the same."""

    facility: FacilityRecord
    """As this year's survey gives it (its name may have been standardised since)."""
    old: Status
    new: Status

    def __repr__(self) -> str:
        f = self.facility
        return f"<StatusChange {f.metal} {f.smelter_id or '-'} {shorten(f.name)}: {self.old} -> {self.new}>"


@attrs.frozen
class SupplierChange:
    """A supplier in both surveys whose answers got more or less complete, and by which measure."""

    company: str
    measure: str
    """``"errors"`` (error-level problems) when those changed, else ``"placeholders"``: errors first,
    since they are what fails the template's own Checker."""
    old: int
    new: int

    @property
    def better(self) -> bool:
        return self.new < self.old

    def __repr__(self) -> str:
        return f"<SupplierChange {shorten(self.company, 30)}: {self.measure} {self.old} -> {self.new}>"


@attrs.frozen
class MetalChanges:
    """One metal's changes, and its facilities per status in each year."""

    metal: str
    added: int
    dropped: int
    changed: int
    old: dict[Status, int]
    new: dict[Status, int]


@attrs.frozen
class Comparison:
    """Everything that changed between two surveys; empty when nothing did."""

    added: tuple[FacilityRecord, ...]
    """In this year's survey only, in its order."""
    dropped: tuple[FacilityRecord, ...]
    """In last year's survey only, in its order."""
    status_changes: tuple[StatusChange, ...]
    suppliers_better: tuple[SupplierChange, ...]
    suppliers_worse: tuple[SupplierChange, ...]
    by_metal: dict[str, MetalChanges]
    """Every metal of either survey, 3TG first, as :meth:`Classification.summary` orders them."""
    previous_as_of: dt.date | None = None
    current_as_of: dt.date | None = None

    @property
    def is_empty(self) -> bool:
        """No facility added, dropped or changed, and no supplier better or worse."""
        return not (
            self.added or self.dropped or self.status_changes or self.suppliers_better or self.suppliers_worse
        )

    @property
    def headline(self) -> str:
        """The changes in one sentence, as a report's year-on-year paragraph starts."""
        since = f"Since {self.previous_as_of}" if self.previous_as_of else "Since the previous survey"
        changes = self.status_changes
        to = sum(c.new is Status.COMPLIANT for c in changes)
        off = sum(c.old is Status.COMPLIANT for c in changes)
        between = len(changes) - to - off
        parts = [f"{to} to Compliant" if to else "", f"{off} from Compliant" if off else ""]
        parts.append(f"{between} between Active and Indeterminable" if between else "")
        detail = ", ".join(p for p in parts if p)
        return (
            f"{since}: {plural(len(self.added), 'facility')} added, {len(self.dropped)} dropped, "
            f"{len(changes)} changed status{f' ({detail})' if detail else ''}; "
            f"{plural(len(self.suppliers_better), 'supplier')} answered better, "
            f"{len(self.suppliers_worse)} worse"
        )

    def __str__(self) -> str:
        return self.headline

    def __repr__(self) -> str:
        return (
            f"<Comparison {self.previous_as_of or '?'} -> {self.current_as_of or '?'}: "
            f"{len(self.added)} added, {len(self.dropped)} dropped, {len(self.status_changes)} changed; "
            f"suppliers {len(self.suppliers_better)} better, {len(self.suppliers_worse)} worse>"
        )

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per facility change (keys :data:`COMPARISON_FIELDS`): added, then dropped, then
        status-changed; for CSV, JSON or a DataFrame."""
        rows = [_change("added", f, None, f.status) for f in self.added]
        rows += [_change("dropped", f, f.status, None) for f in self.dropped]
        rows += [_change("status-changed", c.facility, c.old, c.new) for c in self.status_changes]
        return rows


def _change(kind: str, f: FacilityRecord, old: Status | None, new: Status | None) -> dict[str, Any]:
    return {
        "kind": kind,
        "metal": f.metal,
        "smelter_id": f.smelter_id,
        "name": f.name,
        "country": f.country,
        "old_status": old.value if old else None,
        "new_status": new.value if new else None,
    }


# Comparing -------------------------------------------------------------------------------------------


def compare(previous: Any, current: Any) -> Comparison:
    """What changed from ``previous`` (last year's survey) to ``current``: each a :class:`~cmrt.Survey`,
    a :class:`Snapshot`, or the saved survey JSON (a dict, its text, or the path of the .json file).

    A facility is the same in both years when metal and smelter ID agree; one without an ID (on either
    side) is the same as one of the same metal, normalised name and country, so a facility first
    reported by name and identified this year is not counted as dropped and added.
    """
    old = _snapshot(previous, "previous")
    new = _snapshot(current, "current")
    pairs, dropped_at, added_at = _pair(old.facilities, new.facilities)
    added = tuple(new.facilities[j] for j in added_at)
    dropped = tuple(old.facilities[i] for i in dropped_at)
    changes = tuple(
        StatusChange(new.facilities[j], old.facilities[i].status, new.facilities[j].status)
        for i, j in pairs
        if old.facilities[i].status is not new.facilities[j].status
    )
    better, worse = _supplier_changes(old.suppliers, new.suppliers)
    return Comparison(
        added=added,
        dropped=dropped,
        status_changes=changes,
        suppliers_better=better,
        suppliers_worse=worse,
        by_metal=_by_metal(old, new, added, dropped, changes),
        previous_as_of=old.as_of,
        current_as_of=new.as_of,
    )


def _id_key(f: FacilityRecord) -> Hashable | None:
    smelter_id = normalize_smelter_id(f.smelter_id) or (f.smelter_id or "").strip().upper()
    return (f.metal.casefold(), smelter_id) if smelter_id else None


def _name_key(f: FacilityRecord) -> Hashable:
    country = normalize_country(f.country) if f.country else None
    where = country.code if country else (f.country or "").strip().casefold()
    return (f.metal.casefold(), normalize_name(f.name), where)


def _pair(
    old: Sequence[FacilityRecord], new: Sequence[FacilityRecord]
) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Pairs of (old index, new index) that are one facility; the old and new indices left unpaired.

    By smelter ID first; then by metal, name and country where at least one of the two has no ID (two
    different IDs are two facilities, whatever their names). A key twice on one side pairs in order."""
    pairs: list[tuple[int, int]] = []
    free_old, free_new = set(range(len(old))), set(range(len(new)))

    def match(key: Callable[[FacilityRecord], Hashable | None], allowed: Callable[[int, int], bool]) -> None:
        waiting: dict[Hashable, list[int]] = {}
        for j in sorted(free_new):
            k = key(new[j])
            if k is not None:
                waiting.setdefault(k, []).append(j)
        for i in sorted(free_old):
            k = key(old[i])
            candidates = waiting.get(k, []) if k is not None else []
            j = next((j for j in candidates if allowed(i, j)), None)
            if j is not None:
                candidates.remove(j)
                pairs.append((i, j))
                free_old.discard(i)
                free_new.discard(j)

    match(_id_key, lambda i, j: True)
    match(_name_key, lambda i, j: _id_key(old[i]) is None or _id_key(new[j]) is None)
    pairs.sort(key=lambda p: p[1])
    return pairs, sorted(free_old), sorted(free_new)


def _supplier_key(company: str) -> str:
    return normalize_name(company) or company.strip().casefold()


def _supplier_changes(
    old: Iterable[SupplierRecord], new: Iterable[SupplierRecord]
) -> tuple[tuple[SupplierChange, ...], tuple[SupplierChange, ...]]:
    """Suppliers in both surveys whose error count, else placeholder count, went down (better) or up."""
    before: dict[str, SupplierRecord] = {}
    for s in old:
        before.setdefault(_supplier_key(s.company), s)
    better: list[SupplierChange] = []
    worse: list[SupplierChange] = []
    for s in new:
        was = before.pop(_supplier_key(s.company), None)
        if was is None:
            continue
        if was.errors != s.errors:
            change = SupplierChange(s.company, "errors", was.errors, s.errors)
        elif was.placeholders != s.placeholders:
            change = SupplierChange(s.company, "placeholders", was.placeholders, s.placeholders)
        else:
            continue
        (better if change.better else worse).append(change)
    return tuple(better), tuple(worse)


def _by_metal(
    old: Snapshot,
    new: Snapshot,
    added: Sequence[FacilityRecord],
    dropped: Sequence[FacilityRecord],
    changes: Sequence[StatusChange],
) -> dict[str, MetalChanges]:
    order = {m: i for i, m in enumerate(METALS)}
    metals = {f.metal for f in (*old.facilities, *new.facilities)}

    def totals(facilities: Iterable[FacilityRecord], metal: str) -> dict[Status, int]:
        counts = {s: 0 for s in Status}
        for f in facilities:
            if f.metal == metal:
                counts[f.status] += 1
        return counts

    return {
        metal: MetalChanges(
            metal=metal,
            added=sum(f.metal == metal for f in added),
            dropped=sum(f.metal == metal for f in dropped),
            changed=sum(c.facility.metal == metal for c in changes),
            old=totals(old.facilities, metal),
            new=totals(new.facilities, metal),
        )
        for metal in sorted(metals, key=lambda m: (order.get(m, 99), m))
    }


# Snapshots -------------------------------------------------------------------------------------------


def survey_snapshot(data: Any) -> Snapshot:
    """The comparable part of a survey: ``data`` is a :class:`~cmrt.Survey` (or anything with its
    ``classification`` and ``responses``), a :class:`Snapshot`, or the saved survey JSON of
    ``cmrt classify --format json``: a dict, its text, or the path (``str`` or path-like) of the file.

    A JSON of another or no ``schema`` is refused with a :class:`ValueError`; a path that does not exist
    raises :class:`~cmrt.FileMissingError`; any other kind of ``data`` a :class:`TypeError`."""
    return _snapshot(data, "data")


def _snapshot(data: Any, name: str) -> Snapshot:
    if isinstance(data, Snapshot):
        return data
    if hasattr(data, "classification") and hasattr(data, "responses"):
        return _from_survey(data)
    if isinstance(data, Mapping):
        return _from_json(data, "the survey JSON")
    if isinstance(data, str) and data.lstrip()[:1] in ("{", "["):
        return _from_json(_parse(data, "the survey JSON text"), "the survey JSON text")
    if isinstance(data, (str, os.PathLike)):
        if isinstance(data, str) and not data.strip():
            raise ValueError(
                f"{name} is an empty text: give a survey, its saved JSON or the JSON file's path"
            )
        path = Path(data)
        return _from_json(_parse(_read(path), str(path)), str(path))
    raise TypeError(
        f"{name} must be a cmrt.Survey, a Snapshot or a saved survey JSON (a dict, its text or the path of "
        f"the .json file), not {type(data).__name__}"
    )


def _from_survey(survey: Any) -> Snapshot:
    facilities = tuple(
        FacilityRecord(
            metal=f.metal,
            smelter_id=f.smelter_id,
            name=f.name,
            country=f.country.name if f.country else None,
            status=Status(f.status),
        )
        for f in survey.classification.facilities
    )
    tallies = [
        (r.company, r.source, sum(_is_error(p.severity) for p in r.problems), r.placeholders)
        for r in survey.responses
    ]
    return Snapshot(
        facilities, _suppliers(tallies), as_date(survey.classification.as_of), str(survey.headline)
    )


def _is_error(severity: Any) -> bool:
    return str(getattr(severity, "value", severity)).strip().lower() == Severity.ERROR.value


def _suppliers(tallies: Iterable[tuple[str | None, str | None, int, int]]) -> tuple[SupplierRecord, ...]:
    """Per company (else file name), in the order first seen, its files' errors and placeholders summed."""
    grouped: dict[str, SupplierRecord] = {}
    for company, source, errors, placeholders in tallies:
        who = company or (Path(source).name if source else "-")
        key = _supplier_key(who)
        was = grouped.get(key, SupplierRecord(who, 0, 0, 0))
        grouped[key] = SupplierRecord(
            was.company, was.responses + 1, was.errors + errors, was.placeholders + placeholders
        )
    return tuple(grouped.values())


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise FileMissingError(errno.ENOENT, "no such file or directory", str(path)) from None
    except OSError as exc:
        raise FileAccessError(exc.errno, exc.strerror or str(exc), str(path)) from None
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path} is not a saved cmrt survey: not UTF-8 text ({exc.reason})") from None


def _parse(text: str, where: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"{where} is not valid JSON: {exc}") from None


def _from_json(data: Any, where: str) -> Snapshot:
    """A snapshot of a saved survey, every field it uses checked, so a hand-edited or foreign JSON is
    refused with what is wrong rather than compared wrongly."""
    if not isinstance(data, Mapping):
        raise ValueError(f"{where} is not a saved cmrt survey: a JSON {_kind(data)}, not an object")
    if "schema" not in data:
        raise ValueError(
            f"{where} is not a saved cmrt survey: it has no 'schema' (expected {SURVEY_SCHEMA!r}, "
            "as `cmrt classify --format json` writes)"
        )
    if data["schema"] != SURVEY_SCHEMA:
        raise ValueError(
            f"{where} has schema {data['schema']!r}; this version of cmrt compares {SURVEY_SCHEMA!r} only"
        )
    try:
        as_of = as_date(data.get("as_of"), "as_of")
    except (TypeError, ValueError):
        raise ValueError(f"{where}: 'as_of' is not an ISO date: {data.get('as_of')!r}") from None
    facilities = tuple(
        _facility(f, f"{where}: facilities[{i}]") for i, f in enumerate(_list(data, "facilities", where))
    )
    tallies = []
    for i, s in enumerate(_list(data, "suppliers", where)):
        at = f"{where}: suppliers[{i}]"
        record = _object(s, at)
        problems = [_object(p, f"{at}.problems[{k}]") for k, p in enumerate(_list(record, "problems", at))]
        placeholders = record.get("placeholders") or 0
        if not isinstance(placeholders, int) or isinstance(placeholders, bool):
            raise ValueError(f"{at}: 'placeholders' must be a whole number, not {placeholders!r}")
        tallies.append(
            (_text(record, "company", at), _text(record, "source", at),
             sum(_is_error(p.get("severity")) for p in problems), placeholders)
        )  # fmt: skip
    headline = data.get("headline")
    return Snapshot(facilities, _suppliers(tallies), as_of, headline if isinstance(headline, str) else "")


def _facility(record: Any, at: str) -> FacilityRecord:
    record = _object(record, at)
    metal, name = _text(record, "metal", at), _text(record, "name", at)
    if not metal or not metal.strip():
        raise ValueError(f"{at} has no 'metal'")
    metal = normalize_metal(metal) or metal  # "GOLD" in a hand-edited file is still Gold
    status = record.get("status")
    try:
        status = Status(status)
    except ValueError:
        known = ", ".join(s.value for s in Status)
        raise ValueError(f"{at}: status {status!r} is none of {known}") from None
    return FacilityRecord(
        metal, _text(record, "smelter_id", at), name or "", _text(record, "country", at), status
    )


def _list(record: Mapping[str, Any], key: str, where: str) -> list[Any]:
    value = record.get(key, [])
    if not isinstance(value, list):
        raise ValueError(f"{where}: {key!r} must be a list, not a JSON {_kind(value)}")
    return value


def _object(value: Any, at: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ValueError(f"{at} must be an object, not a JSON {_kind(value)}")
    return value


def _text(record: Mapping[str, Any], key: str, at: str) -> str | None:
    value = record.get(key)
    if value is not None and not isinstance(value, str):
        raise ValueError(f"{at}: {key!r} must be text or null, not {value!r}")
    return value


def _kind(value: Any) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean", int: "number", float: "number"}
    return "null" if value is None else names.get(type(value), type(value).__name__)
