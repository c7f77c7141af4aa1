"""Rows that name the same facility, merged: resolved rows by (metal, smelter ID); unresolved ones by
their own ID, or by normalised metal, name and country, joining rows without a country to the one group
of that name that has one."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import attrs

from cmrt.classification.records import ReportedRow
from cmrt.identity.countries import normalize_country
from cmrt.identity.facilities import ReferenceFacility
from cmrt.identity.ids import normalize_smelter_id
from cmrt.identity.names import normalize_name
from cmrt.identity.reference import SmelterReference
from cmrt.identity.resolve import Candidate, Match, Method

__all__ = ["best", "identity", "merge_countryless", "merge_into_reported_ids", "trusted"]


def trusted(match: Match) -> Match:
    """A reported ID the reference does not know is stronger evidence of a distinct facility than a fuzzy
    name: such a row stays unidentified under its own ID, the fuzzy facility kept as a candidate."""
    if match.facility is None or match.method is not Method.FUZZY or "id-unknown" not in match.reasons:
        return match
    kept = Candidate(match.facility, match.score, match.facility.name, "fuzzy")
    return attrs.evolve(
        match, facility=None, method=Method.NONE, score=0.0, candidates=(kept, *match.candidates)
    )


def identity(row: ReportedRow, match: Match) -> tuple[str, ...]:
    if match.facility is not None:
        return ("id", match.facility.metal, match.facility.smelter_id)
    cid = normalize_smelter_id(row.smelter_id)
    if cid:
        return ("id", row.metal, cid)
    country = normalize_country(row.country)
    return ("name", row.metal, normalize_name(row.name), country.code if country else "")


def merge_countryless(
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


def merge_into_reported_ids(
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


def best(matches: Iterable[Match]) -> Match:
    """The most trustworthy match: automatic first, then by the strength of its method, then score."""
    return max(matches, key=lambda m: (m.is_automatic, _METHOD_RANK[m.method], m.score))
