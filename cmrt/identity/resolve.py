"""Resolve a reported smelter (metal, name, country, ID) to one RMI facility, and say how sure that is.

Order of evidence: a valid smelter ID for the metal; the exact normalised name (standard name, alias,
former name); then a fuzzy match. Rules that always hold:

- never across metals: an ID or name of another metal's facility is never the answer;
- an ID wins, but an ID whose facility disagrees with the reported name or country is flagged;
- a name shared by several facilities is decided by the reported country, else it needs review;
- a fuzzy match is automatic only when it is high *and* clearly ahead of every other facility *and*
  the country agrees; anything less is returned with ``needs_review`` - a wrong automatic match is worse
  than a review.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import chain, islice
from typing import Any

import attrs
from rapidfuzz import fuzz, process

from cmrt.display import ValueEnum, shorten
from cmrt.identity.columns import field_reader, require_usable
from cmrt.identity.countries import Country, normalize_country
from cmrt.identity.facilities import FacilityIndex, NameEntry, ReferenceFacility
from cmrt.identity.ids import id_typed_as_name, normalize_smelter_id
from cmrt.identity.names import normalize_name
from cmrt.records import normalize_metal

AUTO_SCORE = 92.0
"""Lowest fuzzy score accepted without review..."""
AUTO_MARGIN = 6.0
"""...and how far it must lead the best other facility."""
AUTO_SCORE_NO_COUNTRY = 96.0
AUTO_MARGIN_NO_COUNTRY = 10.0
"""Without a reported country the bar is higher: near-identical, and far ahead of any other facility."""
ORDERED_SCORE = 88.0
"""Lowest similarity, words kept in order, that counts beside the word-order-free score."""
REVIEW_SCORE = 75.0
"""Lowest fuzzy score still offered as a candidate for review."""
NAME_AGREES = 80.0
"""How close a reported name must be to an ID's facility's names not to be a conflict."""
_PLACEHOLDERS = frozenset({"smelter not yet identified", "unknown", "not yet identified", "tbd", "n a", "na"})


class Method(ValueEnum):
    """How a facility was found."""

    ID = "id"
    NAME = "name"
    ALIAS = "alias"
    FORMER_NAME = "former_name"
    FUZZY = "fuzzy"
    NONE = "none"


@attrs.frozen
class Candidate:
    """A facility a reported row might be, with the name that matched and its score (0-100)."""

    facility: ReferenceFacility
    score: float
    matched_name: str
    kind: str


@attrs.frozen
class Match:
    """The facility a reported row resolves to, how it was found, and whether a person must look."""

    facility: ReferenceFacility | None
    method: Method
    score: float
    """100 for ID and exact-name matches; the similarity for fuzzy ones; 0 when nothing matched."""
    candidates: tuple[Candidate, ...] = ()
    """The runners-up (other facilities), best first."""
    needs_review: bool = False
    reasons: tuple[str, ...] = ()
    """Why review is needed or what was odd: ``"id-conflict:name"``, ``"ambiguous-name"``, ...

    All codes: ``id-conflict:name``, ``id-conflict:country``, ``id-other-metal``, ``id-unknown``,
    ``ambiguous-name``, ``country-mismatch``, ``fuzzy-low``, ``fuzzy-no-country``, ``no-match``,
    ``placeholder``."""

    @property
    def smelter_id(self) -> str | None:
        return self.facility.smelter_id if self.facility else None

    @property
    def is_automatic(self) -> bool:
        """A facility was found and no review is needed."""
        return self.facility is not None and not self.needs_review

    def __repr__(self) -> str:
        found = self.facility
        what = f"{found.smelter_id} {shorten(found.name)}" if found else "no facility"
        review = ", needs review" if self.needs_review else ""
        return f"<Match {what} by {self.method.value} ({self.score:.0f}){review}>"


def _country_agrees(facility: ReferenceFacility, reported: Country | None) -> bool:
    return reported is None or facility.country is None or facility.country.code == reported.code


def _names_of(facility: ReferenceFacility) -> list[str]:
    return [facility.name, *facility.aliases, *facility.former_names]


def _name_agrees(facility: ReferenceFacility, key: str) -> bool:
    if not key:
        return True
    keys = [normalize_name(n) for n in _names_of(facility)]
    return key in keys or max(fuzz.token_set_ratio(key, k) for k in keys) >= NAME_AGREES


def resolve(
    reference: FacilityIndex,
    *,
    metal: str,
    name: str | None = None,
    country: str | Country | None = None,
    smelter_id: str | None = None,
) -> Match:
    """The facility one reported row names.

    ``metal`` is required (a facility has one ID per metal and matches never cross metals); any of
    ``name``, ``country`` (free text or a :class:`~cmrt.identity.countries.Country`) and ``smelter_id``
    may be missing.
    """
    reported = country if isinstance(country, Country) else normalize_country(country)
    name, smelter_id = id_typed_as_name(name, smelter_id)  # type: ignore[assignment]
    key = normalize_name(name)
    cid = normalize_smelter_id(smelter_id)
    return _resolve(reference, normalize_metal(metal) or "", key, reported, cid, _Scores())


def _resolve(
    reference: FacilityIndex, metal: str, key: str, reported: Country | None, cid: str | None, scores: _Scores
) -> Match:
    """:func:`resolve` of a row already normalised: metal, name key, country, smelter ID."""
    if key in _PLACEHOLDERS:
        return Match(None, Method.NONE, 0.0, reasons=("placeholder",))
    reasons: list[str] = []
    if cid:
        cid = reference.legacy_ids.get(cid, cid)
        facility = reference.facilities.get((metal, cid))
        if facility is not None:
            return _by_id(reference, facility, metal, key, reported, scores)
        if cid in reference.metals_by_id:
            reasons.append("id-other-metal")
        else:
            reasons.append("id-unknown")
    if not key:
        return Match(None, Method.NONE, 0.0, needs_review=bool(reasons), reasons=tuple(reasons))
    match = _by_name(reference, metal, key, reported) or _fuzzy(reference, metal, key, reported, scores)
    if reasons:  # an ID was given but does not identify this metal's facility: a person must look
        return attrs.evolve(
            match, needs_review=match.facility is not None, reasons=tuple(reasons) + match.reasons
        )
    return match


def _by_id(
    reference: FacilityIndex,
    facility: ReferenceFacility,
    metal: str,
    key: str,
    reported: Country | None,
    scores: _Scores,
) -> Match:
    reasons = []
    if not _name_agrees(facility, key):
        reasons.append("id-conflict:name")
    if not _country_agrees(facility, reported):
        reasons.append("id-conflict:country")
    candidates: tuple[Candidate, ...] = ()
    if reasons and key:
        other = _by_name(reference, metal, key, reported) or _fuzzy(reference, metal, key, reported, scores)
        if other.facility is not None and other.facility.smelter_id != facility.smelter_id:
            candidates = (Candidate(other.facility, other.score, other.facility.name, other.method.value),)
    return Match(facility, Method.ID, 100.0, candidates, bool(reasons), tuple(reasons))


_KIND_METHOD = {"name": Method.NAME, "alias": Method.ALIAS, "former_name": Method.FORMER_NAME}
_KIND_RANK = {"name": 0, "alias": 1, "former_name": 2}


def _by_name(reference: FacilityIndex, metal: str, key: str, reported: Country | None) -> Match | None:
    entries = reference.names.get(metal, {}).get(key)
    if not entries:
        return None
    entries = sorted(entries, key=lambda e: _KIND_RANK[e.kind])  # a current name before an alias or old name
    facilities = [reference.facilities[(metal, e.smelter_id)] for e in entries]
    fitting = [(e, f) for e, f in zip(entries, facilities, strict=True) if _country_agrees(f, reported)]
    reasons: list[str] = []
    if len(entries) > 1:
        if len(fitting) == 1 and reported is not None:
            entry, facility = fitting[0]
        else:
            entry, facility = (fitting or list(zip(entries, facilities, strict=True)))[0]
            reasons.append("ambiguous-name")
    else:
        entry, facility = entries[0], facilities[0]
        if not fitting:
            reasons.append("country-mismatch")
    others = tuple(
        Candidate(f, 100.0, e.name, e.kind)
        for e, f in zip(entries, facilities, strict=True)
        if f.smelter_id != facility.smelter_id
    )
    return Match(facility, _KIND_METHOD[entry.kind], 100.0, others, bool(reasons), tuple(reasons))


def _choices(reference: FacilityIndex, metal: str) -> tuple[list[str], list[list[NameEntry]]]:
    cache = reference._fuzzy_cache
    if metal not in cache:
        names = reference.names.get(metal, {})
        cache[metal] = (list(names), list(names.values()))
    return cache[metal]


def _rank(candidate: Candidate) -> tuple[float, int]:
    """Best score first; on a tie a current name before an alias, an alias before a former name."""
    return candidate.score, -_KIND_RANK[candidate.kind]


def _scorers() -> tuple[tuple[Any, float], ...]:
    """Each scorer with its cutoff; each keeps its best 12 reference keys (``_BEST``).

    Word order ignored (token sort), or kept when the strings are near-identical as written: sorting moves
    a word whose first letter is mistyped ("Atniobis Japan") away from its place. Plain ratio only counts
    that high, since at lower scores it rewards shared filler ("... Refinery")."""
    return ((fuzz.token_sort_ratio, 60.0), (fuzz.ratio, ORDERED_SCORE))


_BEST = 12
_BATCH = 1024
"""Names scored against a metal's reference names at once (a matrix of 1,024 by their number)."""


class _Deferred(Exception):
    """A name's fuzzy scores are wanted and will be worked out with others' (``resolve_many``)."""


class _Scores:
    """Fuzzy scores of reported name keys against a metal's reference keys: for each name, the index of
    each reference key among either scorer's best 12 and its higher score, token sort's best first.

    One name at a time with ``process.extract``; or, in ``resolve_many``, every name asked for first
    (``defer``: its row waits), then a metal's names scored together with ``process.cdist``. Both give
    the same scores in the same order (on a tie, the reference key listed first), so the same matches."""

    def __init__(self, *, defer: bool = False) -> None:
        self.defer = defer
        self.wanted: dict[tuple[str, str], None] = {}
        self.found: dict[tuple[str, str], dict[int, float]] = {}

    def of(self, reference: FacilityIndex, metal: str, key: str) -> dict[int, float]:
        found = self.found.get((metal, key))
        if found is None:
            if self.defer:
                self.wanted[(metal, key)] = None
                raise _Deferred
            found = self.found[(metal, key)] = _scores_one(_choices(reference, metal)[0], key)
        return found

    def score_wanted(self, reference: FacilityIndex) -> None:
        """Score every name asked for, a metal at a time; afterwards nothing is deferred."""
        by_metal: dict[str, list[str]] = {}
        for metal, key in self.wanted:
            by_metal.setdefault(metal, []).append(key)
        for metal, keys in by_metal.items():
            choices = _choices(reference, metal)[0]
            for start in range(0, len(keys), _BATCH):
                chunk = keys[start : start + _BATCH]
                for key, found in zip(chunk, _scores_many(choices, chunk), strict=True):
                    self.found[(metal, key)] = found
        self.wanted.clear()
        self.defer = False


def _scores_one(choices: list[str], key: str) -> dict[int, float]:
    scores: dict[int, float] = {}
    for scorer, cutoff in _scorers():
        for _, found, index in process.extract(key, choices, scorer=scorer, limit=_BEST, score_cutoff=cutoff):
            scores[index] = max(found, scores.get(index, 0.0))
    return scores


def _scores_many(choices: list[str], keys: list[str]) -> list[dict[int, float]]:
    """:func:`_scores_one` of each key, the scores computed as one matrix (numpy where installed)."""
    try:
        import numpy as np
    except ImportError:  # numpy is not a dependency: without it, one name at a time
        return [_scores_one(choices, key) for key in keys]
    out: list[dict[int, float]] = [{} for _ in keys]
    if not choices:
        return out
    for scorer, cutoff in _scorers():
        # float64: the scores exactly as process.extract gives them; below the cutoff a score is 0
        matrix = process.cdist(keys, choices, scorer=scorer, score_cutoff=cutoff, dtype=np.float64)
        rows, columns = matrix.nonzero()  # row by row, each row's columns in order
        per_row: dict[int, list[tuple[int, float]]] = {}
        values = matrix[rows, columns]
        for row, column, score in zip(rows.tolist(), columns.tolist(), values.tolist(), strict=True):
            per_row.setdefault(row, []).append((column, score))
        for row, found in per_row.items():
            found.sort(key=lambda item: -item[1])  # best first; stable: ties in reference order
            scores = out[row]
            for index, score in found[:_BEST]:
                scores[index] = max(score, scores.get(index, 0.0))
    return out


def _fuzzy(
    reference: FacilityIndex, metal: str, key: str, reported: Country | None, scores: _Scores
) -> Match:
    _, entries = _choices(reference, metal)
    best: dict[str, Candidate] = {}
    for index, score in scores.of(reference, metal, key).items():
        for entry in entries[index]:
            facility = reference.facilities[(metal, entry.smelter_id)]
            candidate = Candidate(facility, float(score), entry.name, entry.kind)
            if entry.smelter_id not in best or _rank(candidate) > _rank(best[entry.smelter_id]):
                best[entry.smelter_id] = candidate
    ranked = sorted(best.values(), key=_rank, reverse=True)
    if not ranked or ranked[0].score < REVIEW_SCORE:
        return Match(None, Method.NONE, 0.0, tuple(ranked[:5]), False, ("no-match",))
    top, rest = ranked[0], tuple(ranked[1:5])
    reasons = []
    if top.score < AUTO_SCORE:
        reasons.append("fuzzy-low")
    if rest and top.score - rest[0].score < AUTO_MARGIN:
        reasons.append("ambiguous-name")
    if reported is None and (
        top.score < AUTO_SCORE_NO_COUNTRY or (rest and top.score - rest[0].score < AUTO_MARGIN_NO_COUNTRY)
    ):
        reasons.append("fuzzy-no-country")
    elif not _country_agrees(top.facility, reported):
        reasons.append("country-mismatch")
    return Match(top.facility, Method.FUZZY, top.score, rest, bool(reasons), tuple(reasons))


_FIELDS = frozenset(("metal", "name", "country", "smelter_id"))


def _row_fields(row: Any) -> tuple[str | None, str | None, str | None, str | None]:
    if isinstance(row, Mapping):
        if type(row) is dict and row.keys() <= _FIELDS:  # cmrt's own keys: no column matching
            get = row.get
            return (get("metal"), get("name"), get("country"), get("smelter_id"))
        text = field_reader(row)
        return (text("metal"), text("name"), text("country"), text("smelter_id"))
    return (row.metal, row.name, row.country, row.smelter_id)


def resolve_many(reference: FacilityIndex, rows: Iterable[Any]) -> list[Match]:
    """Resolve many rows (mappings with metal, name, country, smelter_id, or SmelterEntry records).

    Mapping keys may be spelt as templates and RMI lists spell their columns ("Smelter Name",
    "STANDARD SMELTER NAME", "Smelter Identification"; :mod:`cmrt.identity.columns`).

    The same as :func:`resolve` of each row, but each distinct row is normalised once and each distinct
    (metal, name, country, ID) resolved once; rows that repeat share their :class:`Match`. Names not
    found exactly are scored against their metal's names together, not one by one.
    """
    rows = iter(rows)
    head = list(islice(rows, 100))  # to name the columns in an error
    slots: dict[tuple[Any, ...], int] = {}  # each distinct row as given, by its place among them
    of_row: list[int] = []
    slot_of = slots.get
    append = of_row.append
    others = usable = 0
    for row in chain(head, rows):
        # the common case inline: a dict with cmrt's own keys
        if type(row) is dict and row.keys() <= _FIELDS:
            get = row.get
            fields = (get("metal"), get("name"), get("country"), get("smelter_id"))
            mapping = True
        else:
            fields = _row_fields(row)
            mapping = isinstance(row, Mapping)
            others += not mapping
        slot = slot_of(fields)
        if slot is None:
            slot = slots[fields] = len(slots)
            usable += mapping and bool((fields[0] and fields[1]) or fields[3])
        append(slot)
    if not others:  # only plain rows, and none usable: a column-name problem, said so
        require_usable(head, usable)
    found = _resolve_distinct(reference, list(slots))
    return [found[slot] for slot in of_row]


def _resolve_distinct(reference: FacilityIndex, distinct: list[tuple[Any, ...]]) -> list[Match]:
    """A match for each distinct row as given, each distinct normalised row resolved once."""
    countries: dict[Any, Country | None] = {}
    by_key: dict[tuple[str, str, str | None, str | None], int] = {}
    keyed: list[tuple[str, str, Country | None, str | None]] = []
    key_of: list[int] = []
    for metal, name, country, smelter_id in distinct:
        if country not in countries:
            countries[country] = normalize_country(country)
        reported = countries[country]
        name, smelter_id = id_typed_as_name(name, smelter_id)
        row = (normalize_metal(metal) or "", normalize_name(name), reported, normalize_smelter_id(smelter_id))
        key = (row[0], row[1], reported.code if reported else None, row[3])
        index = by_key.get(key)
        if index is None:
            index = by_key[key] = len(keyed)
            keyed.append(row)
        key_of.append(index)
    scores = _Scores(defer=True)
    matches: list[Match | None] = []
    waiting = []
    for index, row in enumerate(keyed):
        try:
            matches.append(_resolve(reference, *row, scores))
        except _Deferred:  # a fuzzy match: once every such name is known, scored together
            matches.append(None)
            waiting.append(index)
    scores.score_wanted(reference)
    for index in waiting:
        matches[index] = _resolve(reference, *keyed[index], scores)
    return [matches[index] for index in key_of]  # type: ignore[misc]  # every one filled by now
