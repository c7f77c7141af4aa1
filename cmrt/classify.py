"""Classify the facilities suppliers report: Compliant, Active or Indeterminable, with risk flags.

``classify_smelters`` takes what suppliers reported (reports, files, or plain rows), resolves every row
to one RMI facility, merges the rows that name the same facility (by metal and smelter ID; unresolved
rows by normalised metal, name and country), and gives each facility:

- a :class:`Status` from the status lists in the reference: on a conformant (or compliant /
  cross-recognised) list -> ``COMPLIANT``; on an active list -> ``ACTIVE``; otherwise
  ``INDETERMINABLE``, always with the reason in words;
- :class:`RiskFlag` values, each explained in :attr:`Facility.notes`.

Which lists count: the status lists loaded into the :class:`~cmrt.SmelterReference`, except lists
another one supersedes. RMI-era lists (RMAP "Conformant"/"Active") supersede CFSI-era lists (whose
statuses say "Compliant"/"Progressing"), and a dated list is superseded by a newer dated list that
carries all its statuses (a 2023 conformant list supersedes a 2019 one; an undated active list stays).
The lists used and those set aside are on :attr:`Classification.lists` and
:attr:`Classification.superseded_lists`, so a result always says what it was computed from.
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from cmrt.batch import FileFailure, Progress, read_all
from cmrt.cahra import CahraList
from cmrt.identity.countries import Country, countries_in, normalize_country
from cmrt.identity.ids import normalize_smelter_id
from cmrt.identity.names import normalize_name
from cmrt.identity.reference import Listing, ReferenceFacility, SmelterReference, Source
from cmrt.identity.resolve import Candidate, Match, Method, resolve_many
from cmrt.records import METALS, CmrtReport, RowKind, normalize_metal

if TYPE_CHECKING:
    import pandas

__all__ = [
    "Classification",
    "Facility",
    "FileFailure",
    "ReportedRow",
    "RiskFlag",
    "Status",
    "Summary",
    "SupplierRows",
    "classify_smelters",
]


class Status(str, enum.Enum):
    """A facility's conformance class, as a Conflict Minerals Report states it."""

    COMPLIANT = "Compliant"
    """On a conformant (RMI) or compliant (CFSI) list, or cross-recognised (LBMA, RJC) as a list says."""
    ACTIVE = "Active"
    """On an active list: committed to an audit, or in one."""
    INDETERMINABLE = "Indeterminable"
    """On no status list given, not identified, or removed: the reason says which."""


class RiskFlag(str, enum.Enum):
    """Something about a facility a reviewer must see; :attr:`Facility.notes` says why it was raised."""

    COVERED_COUNTRY = "covered_country"
    """Located in the DRC or an adjoining country (the SEC's Covered Countries)."""
    MINE_IN_COVERED_COUNTRY = "mine_in_covered_country"
    """A supplier reported a mine of origin in a Covered Country."""
    CAHRA = "cahra"
    """Located in, or sourcing from a mine in, a conflict-affected or high-risk area (given CAHRA list)."""
    UNIDENTIFIED = "unidentified"
    """No reference facility was found: the name (or ID) is not in the reference."""
    NEEDS_REVIEW = "needs_review"
    """Identified only by a doubtful match (fuzzy, ambiguous name, other country): a person must confirm."""
    ID_CONFLICT = "id_conflict"
    """A reported smelter ID disagrees with the name or country, is another metal's, is unknown, or the
    rows naming the facility give different IDs."""
    METAL_NOT_DECLARED = "metal_not_declared"
    """Listed under a metal the supplier declared out of scope."""
    REMOVED_FROM_RMI_LIST = "removed_from_rmi_list"
    """RMI removed the facility from its Smelter Reference List (revision history)."""
    AUDIT_OVERDUE = "audit_overdue"
    """``as_of`` is past the last audit date plus the audit cycle."""
    RECYCLED_SCRAP = "recycled_scrap"
    """A supplier said all its feedstock is recycled or scrap (lower risk, stated for the record)."""


@attrs.frozen
class ReportedRow:
    """One supplier row naming a facility, as reported, with the match it resolved to."""

    supplier: str
    source: str | None
    """The file it came from, when it came from a file."""
    row: int | None
    metal: str
    name: str | None
    country: str | None
    smelter_id: str | None
    mine_countries: str | None = None
    recycled_scrap: str | None = None
    state_province: str | None = None
    metal_declared: bool = True
    """False when the supplier's own declaration puts this metal out of scope."""
    match: Match = attrs.field(factory=lambda: Match(None, Method.NONE, 0.0))
    """What the row resolved to (filled in by :func:`classify_smelters`)."""


@attrs.frozen
class Facility:
    """One distinct facility of a survey, its status and its flags."""

    metal: str
    smelter_id: str | None
    """The RMI smelter ID; for an unidentified facility the ID the supplier gave, if any."""
    name: str
    """The reference's standard name; for an unidentified facility, the name most often reported."""
    country: Country | None
    status: Status
    status_reason: str
    list_status: str | None
    """The status as the list that decided it gives it ("Conformant", "Active", "Compliant" ...)."""
    list_date: dt.date | None
    list_source: str | None
    """The file of the list that decided the status."""
    flags: frozenset[RiskFlag]
    notes: tuple[str, ...]
    """Why each flag was raised, in words."""
    match: Match
    """The best of the rows' matches (an automatic one if any row has one)."""
    reported: tuple[ReportedRow, ...]
    reference: ReferenceFacility | None = attrs.field(default=None, repr=False)

    @property
    def suppliers(self) -> tuple[str, ...]:
        """The suppliers that reported this facility, each once, in the order first seen."""
        return tuple(dict.fromkeys(r.supplier for r in self.reported))

    @property
    def is_identified(self) -> bool:
        return self.reference is not None


@attrs.frozen
class SupplierRows:
    """How many rows one supplier (one report, or one ``supplier`` of plain rows) contributed."""

    supplier: str
    source: str | None
    rows: int
    """Rows naming a facility."""
    placeholders: int
    """"Smelter not yet identified" and other rows that name no facility."""
    metals_in_scope: tuple[str, ...] | None = None


@attrs.frozen
class Summary:
    """The numbers of a Conflict Minerals Report: facilities per status and metal, and the risk cases."""

    total: int
    by_status: dict[Status, int]
    by_metal: dict[str, dict[Status, int]]
    covered_country: tuple[Facility, ...]
    mine_in_covered_country: tuple[Facility, ...]
    cahra: tuple[Facility, ...]
    needs_review: tuple[Facility, ...]
    unidentified: tuple[Facility, ...]
    placeholders: int

    @property
    def headline(self) -> str:
        """``"318 facilities: 260 compliant, 2 active, 56 indeterminable; 1 in a Covered Country"``."""
        counts = ", ".join(f"{self.by_status[s]} {s.value.lower()}" for s in Status)
        covered = len(self.covered_country)
        return (
            f"{self.total} {'facility' if self.total == 1 else 'facilities'}: {counts}; "
            f"{covered} in a Covered Country"
        )

    def __str__(self) -> str:
        return self.headline


@attrs.frozen
class Classification:
    """Every distinct facility reported, classified, with what the result was computed from."""

    facilities: tuple[Facility, ...]
    suppliers: tuple[SupplierRows, ...]
    failures: tuple[FileFailure, ...]
    lists: tuple[Source, ...]
    """The status lists the statuses come from."""
    superseded_lists: tuple[Source, ...]
    """Status lists loaded but set aside because a newer one supersedes them."""
    as_of: dt.date | None = None
    cahra: CahraList | None = attrs.field(default=None, repr=False)

    @property
    def placeholders(self) -> int:
        return sum(s.placeholders for s in self.suppliers)

    def summary(self) -> Summary:
        """Counts by status and by metal, and the facilities behind each risk."""
        by_status = {s: 0 for s in Status}
        by_metal: dict[str, dict[Status, int]] = {}
        for facility in self.facilities:
            by_status[facility.status] += 1
            by_metal.setdefault(facility.metal, {s: 0 for s in Status})[facility.status] += 1
        order = {m: i for i, m in enumerate(METALS)}
        by_metal = dict(sorted(by_metal.items(), key=lambda item: (order.get(item[0], 99), item[0])))

        def flagged(flag: RiskFlag) -> tuple[Facility, ...]:
            return tuple(f for f in self.facilities if flag in f.flags)

        return Summary(
            total=len(self.facilities),
            by_status=by_status,
            by_metal=by_metal,
            covered_country=flagged(RiskFlag.COVERED_COUNTRY),
            mine_in_covered_country=flagged(RiskFlag.MINE_IN_COVERED_COUNTRY),
            cahra=flagged(RiskFlag.CAHRA),
            needs_review=flagged(RiskFlag.NEEDS_REVIEW),
            unidentified=flagged(RiskFlag.UNIDENTIFIED),
            placeholders=self.placeholders,
        )

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per facility (strings, numbers, lists): for CSV, JSON or a DataFrame."""
        return [_record(f) for f in self.facilities]

    def to_dataframe(self) -> pandas.DataFrame:
        """The facilities as a pandas DataFrame (``pip install "cmrt[pandas]"``)."""
        try:
            import pandas
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise ImportError('to_dataframe needs pandas: pip install "cmrt[pandas]"') from exc
        return pandas.DataFrame.from_records(self.to_records(), columns=list(RECORD_FIELDS))


RECORD_FIELDS: tuple[str, ...] = (
    "metal",
    "smelter_id",
    "name",
    "country",
    "country_code",
    "status",
    "status_reason",
    "list_status",
    "list_date",
    "list_source",
    "flags",
    "notes",
    "suppliers",
    "rows",
    "match_method",
    "match_score",
)
"""The keys of :meth:`Classification.to_records`, in order."""


def _record(f: Facility) -> dict[str, Any]:
    return {
        "metal": f.metal,
        "smelter_id": f.smelter_id,
        "name": f.name,
        "country": f.country.name if f.country else None,
        "country_code": f.country.code if f.country else None,
        "status": f.status.value,
        "status_reason": f.status_reason,
        "list_status": f.list_status,
        "list_date": f.list_date.isoformat() if f.list_date else None,
        "list_source": f.list_source,
        "flags": sorted(flag.value for flag in f.flags),
        "notes": list(f.notes),
        "suppliers": list(f.suppliers),
        "rows": len(f.reported),
        "match_method": f.match.method.value,
        "match_score": f.match.score,
    }


# --- which lists count ------------------------------------------------------------------------------

_COMPLIANT = re.compile(r"^(conformant|compliant|cross[- ]?recogni[sz]ed)", re.I)
_ACTIVE = re.compile(r"^(active|progressing)", re.I)
_CFSI_ONLY = re.compile(r"^(compliant|progressing)", re.I)


def _status_class(listing: Listing) -> str | None:
    if _COMPLIANT.match(listing.status):
        return "compliant"
    if _ACTIVE.match(listing.status):
        return "active"
    return None


def current_lists(reference: SmelterReference) -> tuple[tuple[Source, ...], tuple[Source, ...]]:
    """The status lists that count and those superseded (see the module docstring for the rule)."""
    classes: dict[Source, set[str]] = defaultdict(set)
    cfsi: set[Source] = set()
    for facility in reference.facilities.values():
        for listing in facility.listings:
            classes[listing.source].add(_status_class(listing) or "other")
            if _CFSI_ONLY.match(listing.status):
                cfsi.add(listing.source)
    sources = list(classes)
    superseded: set[Source] = set()
    if any(s not in cfsi for s in sources):
        superseded |= cfsi
    for source in sources:  # a dated list is superseded by a newer dated list carrying all its statuses
        kinds = classes[source] - {"other"}
        if source.date and any(
            other.date and other.date > source.date and kinds <= classes[other] and other not in superseded
            for other in sources
        ):
            superseded.add(source)
    return tuple(s for s in sources if s not in superseded), tuple(s for s in sources if s in superseded)


# --- rows in -------------------------------------------------------------------------------------------

"""``progress(done, total, source)``: called after each file is read."""

_WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls")


def workbook_paths(source: str | os.PathLike[str]) -> list[Path]:
    """The file itself, or every workbook under a directory (sorted, Office lock files ``~$`` left out)."""
    path = Path(source)
    if path.is_dir():
        return sorted(
            p
            for p in path.rglob("*")
            if p.is_file() and p.suffix.lower() in _WORKBOOK_SUFFIXES and not p.name.startswith("~$")
        )
    return [path]


def supplier_name(report: CmrtReport, index: int) -> str:
    """Who a report is from: the declared company, else the file name, else ``"report N"`` (1-based)."""
    return report.declaration.company_name or (
        Path(report.source).name if report.source else f"report {index + 1}"
    )


_Rows = list[tuple[ReportedRow, bool]]
"""Rows as gathered: each with whether it is a placeholder row ("Smelter not yet identified")."""
_Origin = tuple[str, str | None]
"""Where rows came from: (supplier, source file). Two files of one company stay two origins."""


def _report_rows(report: CmrtReport, reference: SmelterReference, supplier: str) -> _Rows:
    scope = set(report.metals_in_scope)
    rows = []
    for entry in report.smelters:
        metal = normalize_metal(entry.metal) or _metal_from_id(reference, entry.smelter_id)
        row = ReportedRow(
            supplier=supplier,
            source=report.source,
            row=entry.row,
            metal=metal or "",
            name=entry.name,
            country=entry.country,
            smelter_id=entry.smelter_id,
            mine_countries=entry.mine_countries,
            recycled_scrap=entry.recycled_scrap,
            state_province=entry.state_province,
            metal_declared=not metal or metal in scope,
        )
        rows.append((row, entry.kind is RowKind.NOT_YET_IDENTIFIED))
    return rows


def _metal_from_id(reference: SmelterReference, smelter_id: object) -> str | None:
    cid = normalize_smelter_id(smelter_id)
    metals = reference.metals_by_id.get(reference.legacy_ids.get(cid, cid)) if cid else None
    return next(iter(metals)) if metals and len(metals) == 1 else None


def _mapping_row(row: Mapping[str, Any], reference: SmelterReference, index: int) -> ReportedRow:
    def text(key: str) -> str | None:
        value = row.get(key)
        if value is None or (isinstance(value, float) and value != value):  # None or a DataFrame's NaN
            return None
        return str(value).strip() or None

    metal = normalize_metal(text("metal")) or _metal_from_id(reference, text("smelter_id"))
    return ReportedRow(
        supplier=text("supplier") or "rows",
        source=text("source"),
        row=index + 1,
        metal=metal or "",
        name=text("name"),
        country=text("country"),
        smelter_id=text("smelter_id"),
        mine_countries=text("mine_countries"),
        recycled_scrap=text("recycled_scrap"),
        state_province=text("state_province"),
    )


def split_sources(source: Any) -> tuple[list[Path], list[CmrtReport], list[Mapping[str, Any]]]:
    """The workbook paths (folders expanded), reports and plain rows in ``source``.

    Raises ``TypeError`` for anything else, before a single file is read.
    """
    items: list[Any]
    if isinstance(source, (CmrtReport, Mapping, str, os.PathLike)):
        items = [source]
    elif hasattr(source, "to_dict") and callable(source.to_dict):  # a pandas DataFrame
        items = list(source.to_dict("records"))
    else:
        items = list(source)
    stray = [i for i in items if not isinstance(i, (CmrtReport, Mapping, str, os.PathLike))]
    if stray:
        raise TypeError(
            f"cannot classify {type(stray[0]).__name__}: give CmrtReports, paths, or mappings "
            "with metal, name, country (and smelter_id)"
        )
    paths = [p for item in items if isinstance(item, (str, os.PathLike)) for p in workbook_paths(item)]
    reports = [i for i in items if isinstance(i, CmrtReport)]
    return paths, reports, [i for i in items if isinstance(i, Mapping)]


def _gather(
    source: Any,
    reference: SmelterReference,
    *,
    password: str | None,
    jobs: int | None,
    progress: Progress | None,
    isolate: bool,
) -> tuple[_Rows, dict[_Origin, tuple[str, ...] | None], list[FileFailure]]:
    """Every row of every report, file or mapping in ``source``, the origins (with their declared metal
    scope, where known) in order, and the files that could not be read."""
    paths, reports, mappings = split_sources(source)
    failures: list[FileFailure] = []
    if paths:
        read, failures = read_all(paths, password=password, jobs=jobs, progress=progress, isolate=isolate)
        reports += read
    rows: _Rows = []
    origins: dict[_Origin, tuple[str, ...] | None] = {}
    for index, report in enumerate(reports):
        supplier = supplier_name(report, index)
        rows += _report_rows(report, reference, supplier)
        origins[(supplier, report.source)] = report.metals_in_scope
    for index, mapping in enumerate(mappings):
        row = _mapping_row(mapping, reference, index)
        rows.append((row, False))
        origins.setdefault((row.supplier, row.source), None)
    return rows, origins, failures


# --- classification -----------------------------------------------------------------------------------


def classify_smelters(
    source: Any,
    reference: SmelterReference | str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    as_of: dt.date | None = None,
    cahra: CahraList | str | os.PathLike[str] | Iterable[str] | None = None,
    password: str | None = None,
    jobs: int | None = 1,
    progress: Progress | None = None,
    isolate: bool = True,
) -> Classification:
    """Classify every facility the source names: Compliant, Active or Indeterminable, with risk flags.

    ``source``: a :class:`~cmrt.CmrtReport`, a workbook path or a directory of them, plain rows (mappings
    with ``metal``, ``name``, ``country`` and optionally ``smelter_id``, ``supplier``, ``mine_countries``,
    ``recycled_scrap``; a pandas DataFrame works too), or an iterable mixing these. Files that cannot be
    read are skipped and listed in :attr:`Classification.failures`.

    ``reference``: a :class:`~cmrt.SmelterReference` or the reference files to build one from (templates,
    RMI lists, revision history). ``as_of`` dates audit expiry and removals (default: all removals count, no
    audit is overdue). ``cahra``: a :class:`~cmrt.CahraList`, a CAHRA list file, or country names/codes.
    ``jobs`` worker processes read the files (``None``: one per core; a file that kills its worker
    costs only itself, see :func:`cmrt.batch.read_all`; ``isolate=False`` reads in this process);
    ``progress(done, total, path)`` is called as each finishes.
    """
    if not isinstance(reference, SmelterReference):
        paths = [reference] if isinstance(reference, (str, os.PathLike)) else list(reference)
        reference = SmelterReference.from_files(*paths)
    if cahra is not None and not isinstance(cahra, CahraList):
        cahra = _cahra_list(cahra)
    rows, origins, failures = _gather(
        source, reference, password=password, jobs=jobs, progress=progress, isolate=isolate
    )
    lists, superseded = current_lists(reference)
    named = [r for r, placeholder in rows if not placeholder and (r.name or r.smelter_id)]
    matches = resolve_many(
        reference,
        ({"metal": r.metal, "name": r.name, "country": r.country, "smelter_id": r.smelter_id} for r in named),
    )
    groups: dict[tuple[str, ...], list[ReportedRow]] = defaultdict(list)
    facility_rows: Counter[_Origin] = Counter()
    for row, found in zip(named, matches, strict=True):
        if "placeholder" not in found.reasons:  # "Unknown", "TBD" typed as names: no facility
            match = _trusted(found)
            groups[_identity(row, match)].append(attrs.evolve(row, match=match))
            facility_rows[(row.supplier, row.source)] += 1
    all_rows = Counter((r.supplier, r.source) for r, _ in rows)
    suppliers = [
        SupplierRows(
            name,
            file,
            facility_rows[(name, file)],
            all_rows[(name, file)] - facility_rows[(name, file)],
            scope,
        )
        for (name, file), scope in origins.items()
    ]
    _merge_countryless(groups)
    _merge_into_reported_ids(groups)
    current = set(lists)
    facilities = [_facility(reported, current, bool(lists), as_of, cahra) for reported in groups.values()]
    order = {m: i for i, m in enumerate(METALS)}
    facilities.sort(
        key=lambda f: (order.get(f.metal, 99), f.metal, normalize_name(f.name), f.smelter_id or "")
    )
    return Classification(
        tuple(facilities), tuple(suppliers), tuple(failures), lists, superseded, as_of, cahra
    )


def _trusted(match: Match) -> Match:
    """A reported ID the reference does not know is stronger evidence of a distinct facility than a fuzzy
    name: such a row stays unidentified under its own ID, the fuzzy facility kept as a candidate."""
    if match.facility is None or match.method is not Method.FUZZY or "id-unknown" not in match.reasons:
        return match
    kept = Candidate(match.facility, match.score, match.facility.name, "fuzzy")
    return attrs.evolve(
        match, facility=None, method=Method.NONE, score=0.0, candidates=(kept, *match.candidates)
    )


def _cahra_list(value: str | os.PathLike[str] | Iterable[str]) -> CahraList:
    """A CAHRA list from a file path, or from country names / codes (one, or an iterable)."""
    if isinstance(value, os.PathLike) or (isinstance(value, str) and Path(value).is_file()):
        return CahraList.from_file(value)
    return CahraList.from_countries([value] if isinstance(value, str) else list(value))


def _identity(row: ReportedRow, match: Match) -> tuple[str, ...]:
    if match.facility is not None:
        return ("id", match.facility.metal, match.facility.smelter_id)
    cid = normalize_smelter_id(row.smelter_id)
    if cid:
        return ("id", row.metal, cid)
    country = normalize_country(row.country)
    return ("name", row.metal, normalize_name(row.name), country.code if country else "")


def _merge_countryless(
    groups: dict[tuple[str, ...], list[ReportedRow]],
) -> None:
    """An unidentified name reported once without a country and once with one is one facility, when
    that name appears with only one country."""
    countries: dict[tuple[str, str], list[tuple[str, ...]]] = defaultdict(list)
    for key in groups:
        if key[0] == "name" and key[3]:
            countries[(key[1], key[2])].append(key)
    for key in [k for k in groups if k[0] == "name" and not k[3]]:
        others = countries.get((key[1], key[2]), [])
        if len(others) == 1:
            groups[others[0]] += groups.pop(key)


def _merge_into_reported_ids(
    groups: dict[tuple[str, ...], list[ReportedRow]],
) -> None:
    """A facility the reference lacks, named by ID in one row (a supplier's template pairs its names with
    IDs) and by name only in another, is one facility: the name-only rows are matched to the ID rows'
    names with the resolver's own bars, and only automatic matches join."""
    local = []
    for key, reported in groups.items():
        if key[0] != "id" or any(r.match.facility is not None for r in reported):
            continue
        names = tuple(dict.fromkeys(r.name for r in reported if r.name))
        if names:
            country = next((c for c in (normalize_country(r.country) for r in reported) if c), None)
            local.append(ReferenceFacility(key[2], key[1], names[0], country, aliases=names[1:]))
    if not local:
        return
    seen = SmelterReference(local)
    for key in [k for k in groups if k[0] == "name"]:
        row = groups[key][0]
        match = seen.resolve(metal=row.metal, name=row.name, country=row.country)
        if match.facility is not None and match.is_automatic:
            target = ("id", match.facility.metal, match.facility.smelter_id)
            groups[target] += groups.pop(key)


_METHOD_RANK = {
    Method.ID: 5,
    Method.NAME: 4,
    Method.ALIAS: 3,
    Method.FORMER_NAME: 2,
    Method.FUZZY: 1,
    Method.NONE: 0,
}


def _best(matches: Iterable[Match]) -> Match:
    """The most trustworthy match: automatic first, then by the strength of its method, then score."""
    return max(matches, key=lambda m: (m.is_automatic, _METHOD_RANK[m.method], m.score))


_YES = re.compile(r"^\s*(yes|y|true|1|是|はい|ja|oui|sí|si)\b", re.I)


def _facility(
    reported: list[ReportedRow],
    current: set[Source],
    have_lists: bool,
    as_of: dt.date | None,
    cahra: CahraList | None,
) -> Facility:
    match = _best(r.match for r in reported)
    ref = match.facility
    flags: dict[RiskFlag, list[str]] = defaultdict(list)
    metal = reported[0].metal
    smelter_id: str | None
    if ref is not None:
        name, country, smelter_id = ref.name, ref.country, ref.smelter_id
    else:
        names = Counter(r.name for r in reported if r.name)
        name = names.most_common(1)[0][0] if names else ""
        countries = [c for c in (normalize_country(r.country) for r in reported) if c]
        country = Counter(countries).most_common(1)[0][0] if countries else None
        smelter_id = next((normalize_smelter_id(r.smelter_id) for r in reported if r.smelter_id), None)
        unknown_id = f" (reported ID {smelter_id} is not in the reference)" if smelter_id else ""
        flags[RiskFlag.UNIDENTIFIED].append(
            f"no reference facility matches {name or smelter_id!r}{unknown_id}"
        )
        if not name:
            name = smelter_id or ""
        if not metal:
            flags[RiskFlag.UNIDENTIFIED].append("no metal given, and the reference does not know the ID")
    status, reason, list_status, list_date, list_source = _status(ref, current, have_lists, as_of)

    if ref is not None:
        if not any(r.match.is_automatic for r in reported):
            why = ", ".join(dict.fromkeys(x for r in reported for x in r.match.reasons)) or "doubtful match"
            how = f"{match.method.value} match (score {match.score:.0f}; {why})"
            flags[RiskFlag.NEEDS_REVIEW].append(f"identified as {ref.smelter_id} by {how}")
        else:  # identified for sure, but a row whose own match is doubtful may name another facility
            for r in reported:
                if r.match.needs_review and not any(x.startswith("id-") for x in r.match.reasons):
                    flags[RiskFlag.NEEDS_REVIEW].append(
                        f"{r.supplier} row {r.row} {r.name!r}: {r.match.method.value} match "
                        f"(score {r.match.score:.0f}; {', '.join(r.match.reasons)})"
                    )
        for r in reported:  # without a facility there is nothing to conflict with: UNIDENTIFIED says it
            conflict = [x for x in r.match.reasons if x.startswith("id-")]
            if conflict:
                flags[RiskFlag.ID_CONFLICT].append(
                    f"{r.supplier} row {r.row}: ID {r.smelter_id} ({', '.join(conflict)})"
                )

    if country is not None and country.is_covered:
        flags[RiskFlag.COVERED_COUNTRY].append(f"located in {country.name}")
    for r in reported:
        said = normalize_country(r.country)
        if said is not None and said.is_covered and (country is None or said.code != country.code):
            flags[RiskFlag.COVERED_COUNTRY].append(f"{r.supplier} reports it located in {said.name}")
        for mine in countries_in(r.mine_countries):
            if mine.is_covered:
                flags[RiskFlag.MINE_IN_COVERED_COUNTRY].append(f"{r.supplier} reports a mine in {mine.name}")
            mine_cahra = cahra.assess(mine) if cahra is not None else None
            if mine_cahra:
                flags[RiskFlag.CAHRA].append(f"{r.supplier} reports a mine there: {mine_cahra}")
        if not r.metal_declared:
            flags[RiskFlag.METAL_NOT_DECLARED].append(f"{r.supplier} declared {r.metal} out of scope")
        if r.recycled_scrap and _YES.match(r.recycled_scrap):
            flags[RiskFlag.RECYCLED_SCRAP].append(f"{r.supplier}: 100% recycled or scrap feedstock")
    if cahra is not None:
        region = (
            ref.state_province
            if ref is not None
            else next((x.state_province for x in reported if x.state_province), None)
        )
        located = cahra.assess(country, region)
        if located:
            flags[RiskFlag.CAHRA].append(located)
    if ref is not None:
        removed = _removed(ref, as_of)
        if removed:
            flags[RiskFlag.REMOVED_FROM_RMI_LIST].append(removed)
        overdue = _overdue(ref, current, as_of)
        if overdue:
            flags[RiskFlag.AUDIT_OVERDUE].append(overdue)
    notes = tuple(dict.fromkeys(f"{flag.value}: {text}" for flag, texts in flags.items() for text in texts))
    return Facility(
        metal=metal,
        smelter_id=smelter_id,
        name=name,
        country=country,
        status=status,
        status_reason=reason,
        list_status=list_status,
        list_date=list_date,
        list_source=list_source,
        flags=frozenset(flags),
        notes=notes,
        match=match,
        reported=tuple(reported),
        reference=ref,
    )


def _status(
    ref: ReferenceFacility | None, current: set[Source], have_lists: bool, as_of: dt.date | None
) -> tuple[Status, str, str | None, dt.date | None, str | None]:
    if ref is None:
        return Status.INDETERMINABLE, "not identified: no reference facility matches", None, None, None
    listings = [item for item in ref.listings if item.source in current]
    for listing in listings:
        if _status_class(listing) == "compliant":
            return Status.COMPLIANT, f"{listing.status} on {list_label(listing.source)}", *_of(listing)
    for listing in listings:
        if _status_class(listing) is None and (listing.lbma or listing.rjc):
            programme = " and ".join(p for p, yes in (("LBMA", listing.lbma), ("RJC", listing.rjc)) if yes)
            return (
                Status.COMPLIANT,
                f"cross-recognised ({programme}) on {list_label(listing.source)}",
                *_of(listing),
            )
    for listing in listings:
        if _status_class(listing) == "active":
            return Status.ACTIVE, f"{listing.status} on {list_label(listing.source)}", *_of(listing)
    if listings:
        listing = listings[0]
        return Status.INDETERMINABLE, f"{listing.status} on {list_label(listing.source)}", *_of(listing)
    removed = _removed(ref, as_of)
    if removed:
        return Status.INDETERMINABLE, removed, None, None, None
    if not have_lists:
        return Status.INDETERMINABLE, "no status list (conformant or active) was given", None, None, None
    return Status.INDETERMINABLE, "on none of the status lists given", None, None, None


def _of(listing: Listing) -> tuple[str, dt.date | None, str]:
    return listing.status, listing.source.date, listing.source.file


def list_label(source: Source) -> str:
    """A status list as results name it: ``"file.xlsx [Conformant] (2023-02-17)"``."""
    sheet = f" [{source.sheet}]" if source.sheet else ""
    dated = f" ({source.date.isoformat()})" if source.date else ""
    return f"{source.file}{sheet}{dated}"


def _removed(ref: ReferenceFacility, as_of: dt.date | None) -> str | None:
    """ "removed from the RMI list on DATE: DETAILS" when the latest add/remove revision is a removal."""
    events = sorted(
        (r for r in ref.revisions if r.date and r.basis.lower() in ("removed", "added")),
        key=lambda r: r.date or dt.date.min,
    )
    events = [r for r in events if as_of is None or (r.date and r.date <= as_of)]
    if not events or events[-1].basis.lower() != "removed":
        return None
    last = events[-1]
    details = f": {last.details}" if last.details else ""
    return f"removed from the RMI Smelter Reference List on {last.date}{details}"


_CYCLE = re.compile(r"(\d+)\s*(year|yr|month)", re.I)


def _overdue(ref: ReferenceFacility, current: set[Source], as_of: dt.date | None) -> str | None:
    if as_of is None:
        return None
    for listing in ref.listings:
        if listing.source not in current or listing.last_audit is None or not listing.audit_cycle:
            continue
        found = _CYCLE.search(listing.audit_cycle)
        if not found:
            continue
        months = int(found.group(1)) * (12 if found.group(2).lower().startswith(("year", "yr")) else 1)
        due = _add_months(listing.last_audit, months)
        if as_of > due:
            reaudit = (
                "; re-audit in progress"
                if (listing.reaudit_in_progress or "").lower().startswith("yes")
                else ""
            )
            return f"last audit {listing.last_audit}, {listing.audit_cycle} cycle: due {due}{reaudit}"
    return None


def _add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus whole months, on the month's last day where the day does not exist (29 Feb + 1 year)."""
    years, month = divmod(day.month - 1 + months, 12)
    year = day.year + years
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))
