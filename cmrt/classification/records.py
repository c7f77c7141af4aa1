"""The records a classification is made of: statuses, flags, facilities, per-supplier counts, and the
result with its summary (the numbers of a Conflict Minerals Report)."""

from __future__ import annotations

import datetime as dt
import html
from typing import TYPE_CHECKING, Any

import attrs

from cmrt.batch import FileFailure
from cmrt.cahra import CahraList
from cmrt.display import ValueEnum, html_table, plural, shorten
from cmrt.identity.countries import Country
from cmrt.identity.facilities import ReferenceFacility, Source
from cmrt.identity.resolve import Match, Method
from cmrt.records import METALS, Problem

if TYPE_CHECKING:
    import pandas

__all__ = [
    "ATTENTION_TITLES",
    "RECORD_FIELDS",
    "Classification",
    "Facility",
    "ReportedRow",
    "RiskFlag",
    "Status",
    "Summary",
    "SupplierRows",
]


class Status(ValueEnum):
    """A facility's conformance class, as a Conflict Minerals Report states it."""

    COMPLIANT = "Compliant"
    """On a conformant (RMI) or compliant (CFSI) list, or cross-recognised (LBMA, RJC) as a list says."""
    ACTIVE = "Active"
    """On an active list: committed to an audit, or in one."""
    INDETERMINABLE = "Indeterminable"
    """On no status list given, not identified, or removed: the reason says which."""


class RiskFlag(ValueEnum):
    """Something about a facility a reviewer must see; :attr:`Facility.notes` says why it was raised."""

    COVERED_COUNTRY = "covered_country"
    """A 3TG facility located in the DRC or an adjoining country (the SEC's Covered Countries, a Dodd-Frank
    notion for tin, tantalum, tungsten and gold only; for other minerals :attr:`CAHRA` is the test)."""
    MINE_IN_COVERED_COUNTRY = "mine_in_covered_country"
    """A supplier reported a mine of origin in a Covered Country, for a 3TG facility."""
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
    NON_CONFORMANT = "non_conformant"
    """A status list says the facility failed or refused RMAP (Non-Conformant, Communication Suspended,
    Due Diligence Review - Unable to Proceed): a reviewer escalates it."""


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

    def __repr__(self) -> str:
        where = f" row {self.row}" if self.row is not None else ""
        found = self.match.facility.smelter_id if self.match.facility else "unresolved"
        return (
            f"<ReportedRow {shorten(self.supplier, 30)}{where}: {self.metal or '-'} "
            f"{shorten(self.name or '-')} {self.smelter_id or ''} -> {found}>"
        ).replace("  ", " ")


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

    def __repr__(self) -> str:
        where = f" ({self.country.name})" if self.country else ""
        flags = f" [{', '.join(sorted(f.value for f in self.flags))}]" if self.flags else ""
        return (
            f"<Facility {self.metal} {self.smelter_id or '-'} {shorten(self.name)}{where}: "
            f"{self.status.value}{flags}; {plural(len(self.suppliers), 'supplier')}>"
        )

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


ATTENTION_TITLES: dict[str, str] = {
    "covered_country": "In a Covered Country (3TG: the DRC or an adjoining country)",
    "mine_in_covered_country": "Mine of origin in a Covered Country (3TG)",
    "cahra": "In or sourcing from a conflict-affected or high-risk area (CAHRA)",
    "non_conformant": "Failed or refused the RMI assessment (non-conformant)",
    "status_conflict": "On a conformant or active list, yet removed from the RMI list",
    "removed": "Removed from the RMI Smelter Reference List",
    "unidentified_shared": "Not identified, named by two or more suppliers",
    "needs_review": "Identified by a doubtful match: confirm it",
    "id_conflict": "A reported smelter ID disagrees with the name, country or metal",
}
"""The groups of :attr:`Summary.needs_attention`, in the order a reviewer takes them, with their titles."""


def _attention(facilities: tuple[Facility, ...]) -> dict[str, tuple[Facility, ...]]:
    removed = RiskFlag.REMOVED_FROM_RMI_LIST
    tests = {
        "covered_country": lambda f: RiskFlag.COVERED_COUNTRY in f.flags,
        "mine_in_covered_country": lambda f: RiskFlag.MINE_IN_COVERED_COUNTRY in f.flags,
        "cahra": lambda f: RiskFlag.CAHRA in f.flags,
        "non_conformant": lambda f: RiskFlag.NON_CONFORMANT in f.flags,
        "status_conflict": lambda f: removed in f.flags and f.status is not Status.INDETERMINABLE,
        "removed": lambda f: removed in f.flags and f.status is Status.INDETERMINABLE,
        "unidentified_shared": lambda f: RiskFlag.UNIDENTIFIED in f.flags and len(f.suppliers) > 1,
        "needs_review": lambda f: RiskFlag.NEEDS_REVIEW in f.flags,
        "id_conflict": lambda f: RiskFlag.ID_CONFLICT in f.flags,
    }
    groups = {key: tuple(f for f in facilities if test(f)) for key, test in tests.items()}
    return {key: found for key, found in groups.items() if found}


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
    non_conformant: tuple[Facility, ...] = ()
    """Facilities a status list says failed or refused RMAP."""
    audit_overdue: tuple[Facility, ...] = ()
    """Facilities whose audit, as of the ``as_of`` date, is past its cycle."""
    needs_attention: dict[str, tuple[Facility, ...]] = attrs.field(factory=dict)
    """What a reviewer must look at, by group (keys and titles in :data:`ATTENTION_TITLES`, in that
    order; only groups that hold a facility). A facility may stand in several groups."""

    @property
    def headline(self) -> str:
        """``"318 facilities: 260 compliant, 2 active, 56 indeterminable; 1 in a Covered Country"``; with
        other minerals too, per program: the 3TG numbers a Conflict Minerals Report needs, then the rest
        (``"...; other minerals (Cobalt, Mica): 25 facilities: ..."``)."""
        others = [m for m in self.by_metal if m not in METALS]
        if not others:
            return self._program([m for m in self.by_metal], covered=True)
        threetg = [m for m in self.by_metal if m in METALS]
        parts = [f"3TG: {self._program(threetg, covered=True)}"] if threetg else []
        parts.append(f"other minerals ({', '.join(others)}): {self._program(others, covered=False)}")
        return "; ".join(parts)

    def _program(self, metals: list[str], *, covered: bool) -> str:
        counts = {s: sum(self.by_metal[m][s] for m in metals) for s in Status}
        total = sum(counts.values())
        text = f"{plural(total, 'facility')}: " + ", ".join(f"{counts[s]} {s.value.lower()}" for s in Status)
        if covered:
            return (
                f"{text}; {len([f for f in self.covered_country if f.metal in metals])} in a Covered Country"
            )
        cahra = len([f for f in self.cahra if f.metal in metals])
        return f"{text}; {cahra} CAHRA" if cahra else text

    def __str__(self) -> str:
        return self.headline

    def __repr__(self) -> str:
        attention = ", ".join(f"{key} {len(found)}" for key, found in self.needs_attention.items())
        return f"<Summary {self.headline}" + (f"; needs attention: {attention}>" if attention else ">")


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
    problems: tuple[Problem, ...] = ()
    """What may make the result misleading, such as status lists far older than ``as_of``
    (``lists-outdated``)."""

    @property
    def placeholders(self) -> int:
        return sum(s.placeholders for s in self.suppliers)

    def __repr__(self) -> str:
        lists = ", ".join(s.file for s in self.lists) or "no status list"
        when = f", as of {self.as_of}" if self.as_of else ""
        unread = f", {plural(len(self.failures), 'file')} unreadable" if self.failures else ""
        warned = f", {plural(len(self.problems), 'warning')}" if self.problems else ""
        return (
            f"<Classification {self.summary().headline}; {plural(len(self.suppliers), 'source')}{unread}; "
            f"lists: {lists}{when}{warned}>"
        )

    def _repr_html_(self) -> str:
        summary = self.summary()
        counts = [(m, *(row[s] for s in Status)) for m, row in summary.by_metal.items()]
        rows = [
            (f.metal, f.smelter_id, f.name, f.country.name if f.country else "", f.status.value,
             ", ".join(sorted(x.value for x in f.flags)), len(f.suppliers))
            for f in self.facilities
        ]  # fmt: skip
        warnings = "".join(
            f"<div><strong>Warning:</strong> {html.escape(p.message)}</div>" for p in self.problems
        )
        return (
            warnings
            + html_table(summary.headline, ("Metal", *(s.value for s in Status)), counts, note="By metal")
            + html_table(
                "Facilities", ("Metal", "Smelter ID", "Name", "Country", "Status", "Flags", "Suppliers"), rows
            )
        )

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
            non_conformant=flagged(RiskFlag.NON_CONFORMANT),
            audit_overdue=flagged(RiskFlag.AUDIT_OVERDUE),
            needs_attention=_attention(self.facilities),
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
