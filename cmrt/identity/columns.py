"""Plain rows as people pass them: column names the way templates, RMI lists and spreadsheets spell them.

A DataFrame read from a Smelter List has ``Metal``, ``Smelter Name``, ``Smelter Country`` and ``Smelter
Identification``; an RMI list export ``METAL``, ``STANDARD SMELTER NAME``, ``COUNTRY`` and ``SMELTER
ID``; code uses ``metal``, ``name``, ``country``, ``smelter_id``. All of them mean the same fields, so
columns are matched without regard to case, spacing, punctuation or a ``(*)`` marker, and a row that
carries none of the fields cmrt needs is an error naming them, never zero facilities in silence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from cmrt.errors import ColumnsError

__all__ = ["COLUMN_NAMES", "ColumnsError", "columns_of", "field_reader", "require_usable"]


COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "metal": ("metal", "mineral", "metal (*)", "commodity"),
    "name": (
        "name", "smelter name", "smelter name (*)", "smelter name (1)", "facility name", "refiner name",
        "standard smelter name", "standard smelter names", "smelter", "facility", "smelter look-up",
        "smelter look-up (*)", "smelter reference list", "smelter reference",
    ),
    "country": (
        "country", "smelter country", "smelter country (*)", "country location", "facility country",
        "smelter facility location: country", "country of smelter", "location",
    ),
    "smelter_id": (
        "smelter_id", "smelter id", "smelter identification", "smelter identification number", "facility id",
        "cid", "rmi id", "smelter identification number input column",
    ),
    "supplier": ("supplier", "supplier name", "company", "company name"),
    "source": ("source", "file", "source file"),
    "mine_countries": ("mine_countries", "location (country) of mine(s)", "mine country", "mine countries"),
    "recycled_scrap": ("recycled_scrap", "recycled or scrap", "100% recycled or scrap"),
    "state_province": ("state_province", "state / province", "smelter facility location: state / province"),
}  # fmt: skip
"""Each field and the column names that mean it, best first: where a row has several (a Smelter List's
typed name and its look-up value), the first that holds a value wins."""


def _fold(column: str) -> str:
    """``"Smelter Name (*)"``, ``"SMELTER_NAME"`` and ``"smelter-name"`` fold alike."""
    text = re.sub(r"\((\*|\d)\)", " ", str(column).casefold())
    return re.sub(r"[^0-9a-z]+", "", text.replace("_", " "))


_FOLDED = {field: tuple(dict.fromkeys(_fold(n) for n in names)) for field, names in COLUMN_NAMES.items()}


@lru_cache(maxsize=256)
def _columns(keys: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    folded: dict[str, list[str]] = {}
    for key in keys:
        folded.setdefault(_fold(key), []).append(key)
    return {
        field: tuple(key for name in names for key in folded.get(name, ()))
        for field, names in _FOLDED.items()
        if any(name in folded for name in names)
    }


def columns_of(keys: Iterable[Any]) -> dict[str, tuple[str, ...]]:
    """For each field, the columns among ``keys`` that mean it, best first."""
    return _columns(tuple(str(k) for k in keys))


def field_reader(row: Mapping[Any, Any]) -> Any:
    """``text(field)``: the row's value for a field, stripped, or ``None`` (blank, NaN, missing)."""
    found = columns_of(row.keys())

    def text(field: str) -> str | None:
        for column in found.get(field, ()):
            value = row.get(column)
            if _missing(value):
                continue
            value = str(value).strip()
            if value and not (field == "name" and value.casefold() in _NO_NAME):
                return value
        return None

    return text


_NO_NAME = {"smelter not listed", "smelter not yet identified"}
"""Look-up values that are no name: a row picking them has its name in the typed column, or none."""


def _missing(value: object) -> bool:
    """None, and pandas' and numpy's missing values (NaN of any float type, NaT, pd.NA) without pandas."""
    if value is None:
        return True
    try:
        return bool(value != value)
    except TypeError:  # pd.NA: its truth is ambiguous
        return True


def require_usable(rows: Sequence[Mapping[Any, Any]], usable: int) -> None:
    """Raise :class:`ColumnsError` when ``rows`` were given but none could be used (``usable`` is 0)."""
    if not rows or usable:
        return
    seen = list(dict.fromkeys(str(k) for row in rows[:100] for k in row))
    found = columns_of(seen)
    missing = [f for f in ("metal", "name", "smelter_id") if f not in found]
    names = "; ".join(f"{f}: {', '.join(repr(n) for n in COLUMN_NAMES[f][:4])} …" for f in missing)
    raise ColumnsError(
        f"no row has a metal and a name, or a smelter ID: columns {seen[:12]} lack "
        f"{' and '.join(missing) or 'values'} ({names or 'the columns are there but empty'})"
    )
