"""One facility judged: its status from the lists that count, and every risk flag with its reason."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import Counter, defaultdict

from cmrt.cahra import CahraList
from cmrt.classification.group import best
from cmrt.classification.lists import list_label, status_class
from cmrt.classification.records import Facility, ReportedRow, RiskFlag, Status
from cmrt.identity.countries import countries_in, normalize_country
from cmrt.identity.facilities import Listing, ReferenceFacility, Source
from cmrt.identity.ids import normalize_smelter_id
from cmrt.records import METALS

__all__ = ["facility"]


_YES = re.compile(r"^\s*(yes|y|true|1|是|はい|ja|oui|sí|si)\b", re.I)


def facility(
    reported: list[ReportedRow],
    current: set[Source],
    have_lists: bool,
    as_of: dt.date | None,
    cahra: CahraList | None,
) -> Facility:
    match = best(r.match for r in reported)
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

    conflict_mineral = metal in METALS  # the SEC's Covered Countries are a 3TG notion (CAHRA is for all)
    if conflict_mineral and country is not None and country.is_covered:
        flags[RiskFlag.COVERED_COUNTRY].append(f"located in {country.name}")
    for r in reported:
        said = normalize_country(r.country)
        if (
            conflict_mineral
            and said is not None
            and said.is_covered
            and (country is None or said.code != country.code)
        ):
            flags[RiskFlag.COVERED_COUNTRY].append(f"{r.supplier} reports it located in {said.name}")
        for mine in countries_in(r.mine_countries):
            if conflict_mineral and mine.is_covered:
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
        failed = [item for item in ref.listings if item.source in current and status_class(item) == "failed"]
        for item in failed:
            flags[RiskFlag.NON_CONFORMANT].append(f"{item.status} on {list_label(item.source)}")
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
        if status_class(listing) == "compliant":
            return Status.COMPLIANT, f"{listing.status} on {list_label(listing.source)}", *_of(listing)
    for listing in listings:
        if status_class(listing) is None and (listing.lbma or listing.rjc):
            programme = " and ".join(p for p, yes in (("LBMA", listing.lbma), ("RJC", listing.rjc)) if yes)
            return (
                Status.COMPLIANT,
                f"cross-recognised ({programme}) on {list_label(listing.source)}",
                *_of(listing),
            )
    for listing in listings:
        if status_class(listing) == "active":
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
