"""Smelter identification numbers: RMI's ``CID`` + 6 digits, and the legacy EICC-GeSI v2 IDs.

Suppliers type IDs by hand: ``"CID 000801"``, ``"cid-2514"``, ``"CID00801 "``; and they put words
where an ID belongs (``"not supplied"``, ``"0"``). One facility has one ID per metal.
"""

from __future__ import annotations

import functools
import re


@functools.cache
def _typed_cid() -> re.Pattern[str]:
    """An RMI ID as suppliers type it; compiled for the first ID that is not canonical already (most
    IDs a file holds are: the look-up's, and what its formulas show)."""
    return re.compile(r"^\s*C\s*I\s*D\s*[-_#:.]?\s*0*(\d{1,6})\s*$", re.IGNORECASE)


@functools.cache
def _legacy_id() -> re.Pattern[str]:
    return re.compile(r"^\s*([1-4])\s*-?\s*([A-Z]{3})\s*-?\s*(\d{3})\s*$", re.IGNORECASE)


def normalize_smelter_id(value: object) -> str | None:
    """A smelter ID in its canonical form, or ``None`` when the text is not an ID.

    RMI IDs become ``CID`` + 6 digits; legacy v2 IDs (metal digit 1 Au, 2 Sn, 3 Ta, 4 W, ISO3 country,
    sequence) are kept, upper-cased. Anything else (junk, blank, ``0``) is ``None``.

    >>> normalize_smelter_id("CID 000801")
    'CID000801'
    >>> normalize_smelter_id("cid-2514")
    'CID002514'
    >>> normalize_smelter_id("1jpn072")
    '1JPN072'
    >>> normalize_smelter_id("not supplied") is None, normalize_smelter_id(0) is None
    (True, True)
    >>> normalize_smelter_id("CID0000000") is None
    True
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return None
    text = str(value)
    if len(text) == 9 and text.startswith("CID") and text[3:].isdecimal() and text[3:].isascii():
        return None if text == "CID000000" else text  # already canonical, as every look-up sheet has it
    match = _typed_cid().match(text)
    if match:
        digits = match.group(1)
        return None if int(digits) == 0 else f"CID{int(digits):06d}"
    match = _legacy_id().match(text)
    if match:
        return f"{match.group(1)}{match.group(2).upper()}{match.group(3)}"
    return None


def id_typed_as_name(name: object, smelter_id: object) -> tuple[object, object]:
    """(name, smelter_id), with an ID typed into the name cell ("CID001234" as the name, no ID given)
    moved to the ID: it then resolves as that ID.

    >>> id_typed_as_name("cid 1234", None)
    (None, 'CID001234')
    >>> id_typed_as_name("Tin Smelter", None)
    ('Tin Smelter', None)
    """
    if not normalize_smelter_id(smelter_id):
        as_id = normalize_smelter_id(name)
        if as_id:
            return None, as_id
    return name, smelter_id
