"""What to ask each supplier about: one row per Checker error, unidentified or doubtful facility,
non-conformant or removed facility and placeholder, with where it sits in the supplier's file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs

from cmrt.classification import Facility, RiskFlag
from cmrt.records import Severity

__all__ = ["FollowUp", "follow_up"]


@attrs.frozen
class FollowUp:
    """One thing to ask one supplier about."""

    supplier: str
    file: str
    """The supplier's file name ("" for rows given in code)."""
    topic: str
    """``"checker-error"``, ``"unidentified"``, ``"needs-review"``, ``"id-conflict"``, ``"non-conformant"``,
    ``"removed"`` or ``"placeholder"``."""
    where: str
    """``Sheet!Cell`` or ``Smelter List row N`` in the supplier's file, or ``""``."""
    detail: str


_FACILITY_TOPICS = (
    (RiskFlag.UNIDENTIFIED, "unidentified", "the facility could not be identified: ask for its smelter ID"),
    (RiskFlag.NEEDS_REVIEW, "needs-review", "identified by a doubtful match: confirm the facility"),
    (RiskFlag.ID_CONFLICT, "id-conflict", "the smelter ID disagrees with the name, country or metal"),
    (RiskFlag.NON_CONFORMANT, "non-conformant", "the facility failed or refused the RMI assessment"),
    (RiskFlag.REMOVED_FROM_RMI_LIST, "removed", "RMI removed the facility from its reference list"),
)


def follow_up(survey: Any) -> list[FollowUp]:
    """Every follow-up of a :class:`~cmrt.Survey`, supplier by supplier in the survey's order."""
    rows: list[FollowUp] = []
    for response in survey.responses:
        who, file = response.company or "-", Path(response.source).name if response.source else ""
        for problem in response.problems:
            if problem.severity is Severity.ERROR:
                rows.append(FollowUp(who, file, "checker-error", problem.location or "", problem.message))
        if response.placeholders:
            rows.append(FollowUp(who, file, "placeholder", "Smelter List",
                                 f"{response.placeholders} 'Smelter not yet identified' row(s): ask for the "
                                 "facilities"))  # fmt: skip
    for facility in survey.classification.facilities:
        rows += _facility_rows(facility)
    order = {r.company or "-": i for i, r in enumerate(survey.responses)}
    return sorted(rows, key=lambda r: (order.get(r.supplier, len(order)), r.file))


def _facility_rows(facility: Facility) -> list[FollowUp]:
    out = []
    for flag, topic, why in _FACILITY_TOPICS:
        if flag not in facility.flags:
            continue
        note = next((n.split(": ", 1)[1] for n in facility.notes if n.startswith(flag.value + ":")), "")
        for row in facility.reported:
            where = f"Smelter List row {row.row}" if row.row is not None and row.source else ""
            name = f"{facility.metal} {facility.smelter_id or ''} {row.name or facility.name}".replace(
                "  ", " "
            )
            detail = f"{name}: {why}" + (f" ({note})" if note else "")
            out.append(
                FollowUp(row.supplier, Path(row.source).name if row.source else "", topic, where, detail)
            )
    return out
