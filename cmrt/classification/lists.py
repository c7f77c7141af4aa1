"""Which status lists count, and what a listing says: the RMI-era lists supersede CFSI-era ones, a newer
dated list supersedes an older one with the same statuses."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence

from cmrt.identity.facilities import Listing, Source
from cmrt.identity.reference import SmelterReference
from cmrt.records import Problem, Severity

__all__ = ["OUTDATED_AFTER_DAYS", "current_lists", "list_label", "outdated_lists", "status_class"]


_PREFIX = r"^((rmap|rmi)\s+)?"
_COMPLIANT = re.compile(_PREFIX + r"(conformant|compliant|cross[- ]?recogni[sz]ed)", re.I)
_ACTIVE = re.compile(_PREFIX + r"(active|progressing)", re.I)
_FAILED = re.compile(r"non[- ]?conformant|not conformant|suspended|unable to proceed", re.I)
"""RMAP statuses of facilities that failed or refused the assessment: a reviewer escalates them."""
_CFSI_ONLY = re.compile(r"^(compliant|progressing)", re.I)


def status_class(listing: Listing) -> str | None:
    """``"compliant"`` (RMAP Conformant, CFSI Compliant, cross-recognised), ``"active"`` (Active,
    Progressing), ``"failed"`` (Non-Conformant, Communication Suspended, Due Diligence Review - Unable to
    Proceed), or ``None`` (Outreach Required, In Communication ...: Indeterminable, with the status kept).

    >>> from cmrt.identity.facilities import Source
    >>> [status_class(Listing(s, Source("list.csv", "facility-list"))) for s in
    ...  ("Conformant", "RMAP Active", "Non-Conformant", "Outreach Required")]
    ['compliant', 'active', 'failed', None]
    """
    if _COMPLIANT.match(listing.status):
        return "compliant"
    if _ACTIVE.match(listing.status):
        return "active"
    if _FAILED.search(listing.status):
        return "failed"
    return None


def current_lists(reference: SmelterReference) -> tuple[tuple[Source, ...], tuple[Source, ...]]:
    """The status lists that count and those superseded (see the module docstring for the rule)."""
    classes: dict[Source, set[str]] = defaultdict(set)
    cfsi: set[Source] = set()
    for facility in reference.facilities.values():
        for listing in facility.listings:
            classes[listing.source].add(status_class(listing) or "other")
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


def list_label(source: Source) -> str:
    """A status list as results name it: ``"file.xlsx [Conformant] (2023-02-17)"``."""
    sheet = f" [{source.sheet}]" if source.sheet else ""
    dated = f" ({source.date.isoformat()})" if source.date else ""
    return f"{source.file}{sheet}{dated}"


OUTDATED_AFTER_DAYS = 180
"""RMI updates its facility lists monthly: a newest list half a year older than ``as_of`` is stale."""


def outdated_lists(lists: Sequence[Source], as_of: dt.date | None) -> Iterator[Problem]:
    """A ``lists-outdated`` warning when ``as_of`` is well past the newest dated status list: audits
    would all look overdue and the statuses may have changed since."""
    dated = [s for s in lists if s.date]
    if as_of is None or not dated:
        return
    newest = max(dated, key=lambda s: s.date or dt.date.min)
    days = (as_of - (newest.date or as_of)).days
    if days > OUTDATED_AFTER_DAYS:
        yield Problem(
            Severity.WARNING,
            "lists-outdated",
            f"as of {as_of}, the newest status list ({list_label(newest)}) is {days} days old: statuses "
            f"and audit dates may have changed since; give the lists current on {as_of}",
        )
