"""What a test workbook is filled with: the template's look-up rows and the supplier's Smelter List rows."""

from __future__ import annotations

import attrs

__all__ = ["LookupRow", "MineRow", "SmelterRow"]


@attrs.frozen
class LookupRow:
    """One row of the template's own smelter look-up sheet (6.x ``Smelter Look-up``, 3.01 ``K``)."""

    metal: str
    alias: str
    standard_name: str
    country: str
    smelter_id: str
    street: str = ""
    city: str = ""
    state: str = ""


@attrs.frozen
class SmelterRow:
    """One Smelter List row as the supplier filled it; ``None`` means the supplier left the cell alone."""

    metal: str | None = None
    lookup: str | None = None
    name: str | None = None
    country: str | None = None
    smelter_id_input: str | None = None
    smelter_id: str | None = None
    street: str | None = None
    city: str | None = None
    state: str | None = None
    contact_name: str | None = None
    contact_email: str | None = None
    next_steps: str | None = None
    mine_names: str | None = None
    mine_countries: str | None = None
    recycled: str | None = None
    comments: str | None = None
    row: int | None = None


@attrs.frozen
class MineRow:
    """One Mine List row (EMRT 2.x, AMRT) as the supplier filled it."""

    metal: str | None = None
    smelter_names: str | None = None
    name: str | None = None
    mine_id: str | None = None
    id_source: str | None = None
    country: str | None = None
    street: str | None = None
    city: str | None = None
    state: str | None = None
    contact_name: str | None = None
    contact_email: str | None = None
    next_steps: str | None = None
    comments: str | None = None
