"""Workbooks whose sheets an engine may find elsewhere than where cmrt's checks look, each with a cell at
XFD1048576 in the part cmrt would not have checked: a sheet's name, its relationship's id and target, and
the workbook part itself, each resolved one way by cmrt's plan and another by calamine. Three of them (two
sheets of one name, a target read as written, the workbook part named elsewhere) aborted the process
before cmrt checked every part a name may stand for (found 2026-11-29); the other two did not, by luck of
which part calamine takes.

:data:`RESOLUTION` maps a file name to (how it must end when read, its builder), as
:data:`cmrt.testing.hostile.EXPECTED` does.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable

from cmrt.testing.builder import SmelterRow, build_cmrt
from cmrt.testing.containers import write_zip, zip_members

__all__ = ["RESOLUTION"]

_FAR_CELL = b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
_RELS = "xl/_rels/workbook.xml.rels"


def _xlsx() -> bytes:
    return build_cmrt(
        declaration={"company_name": "Hostile Test Ltd."},
        smelters=[SmelterRow("Gold", smelter_id="CID900001")],
    )


def _member(data: bytes, name: str) -> bytes:
    return next(body for info, body in zip_members(data) if info.filename == name)


def _far(body: bytes) -> bytes:
    """A sheet's XML with a cell at XFD1048576 (17 billion cells from A1) before its data ends."""
    at = body.find(b"</sheetData>")
    return body[:at] + _FAR_CELL + body[at:]


def _edited(
    data: bytes, edits: dict[str, Callable[[bytes], bytes]], extra: dict[str, bytes] | None = None
) -> bytes:
    members = [
        (info, edits[info.filename](body) if info.filename in edits else body)
        for info, body in zip_members(data)
    ]
    return write_zip([*members, *((zipfile.ZipInfo(name), body) for name, body in (extra or {}).items())])


def _part(data: bytes, sheet: str) -> str:
    from cmrt.workbook.xlsx import inspect_xlsx

    return inspect_xlsx(data).sheet_parts()[sheet]


def _two_sheets_one_name() -> bytes:
    """The first sheet, given a far cell, renamed ``&#68;eclaration``: to an engine two sheets are then
    named Declaration, and it takes the first of them."""
    data = _xlsx()
    first = re.findall(rb'<sheet name="([^"]*)"', _member(data, "xl/workbook.xml"))[0]
    renamed = lambda body: body.replace(b'<sheet name="' + first, b'<sheet name="&#68;eclaration', 1)  # noqa: E731
    return _edited(data, {_part(data, first.decode()): _far, "xl/workbook.xml": renamed})


def _relationship_id_twice() -> bytes:
    """The Declaration's relationship id given twice, first to a sheet with a far cell."""
    data = _xlsx()
    target, other = (b"/" + _part(data, sheet).encode() for sheet in ("Declaration", "Instructions"))
    found = re.findall(rb'<Relationship [^>]*Target="' + target + rb'"[^>]*/>', _member(data, _RELS))[0]
    twice = lambda body: body.replace(found, found.replace(target, other) + found)  # noqa: E731
    return _edited(data, {other[1:].decode(): _far, _RELS: twice})


def _dotdot_target() -> bytes:
    """The Declaration's target written ``worksheets/../worksheets/sheetN.xml``, and a part of that very
    name (with a far cell) beside the real one: calamine looks the target up as written."""
    data = _xlsx()
    part = _part(data, "Declaration")
    literal = part.replace("worksheets/", "worksheets/../worksheets/")
    retarget = lambda body: body.replace(b"/" + part.encode(), b"/" + literal.encode())  # noqa: E731
    return _edited(data, {_RELS: retarget}, {literal: _far(_member(data, part))})


def _case_twin() -> bytes:
    """A second Declaration part whose name differs in case only, with a far cell, before the real one."""
    data = _xlsx()
    part = _part(data, "Declaration")
    twin = (zipfile.ZipInfo(part.replace("sheet", "Sheet")), _far(_member(data, part)))
    return write_zip([twin, *zip_members(data)])


def _workbook_part_elsewhere() -> bytes:
    """The package's relationships name ``xl/wb2.xml`` (a copy of the workbook part) as the workbook,
    while ``xl/workbook.xml``, which calamine reads whatever they say, sends the Declaration to a part
    with a far cell."""
    data = _xlsx()
    part = _part(data, "Declaration")
    elsewhere = lambda body: re.sub(rb'Target="/?xl/workbook.xml"', b'Target="/xl/wb2.xml"', body)  # noqa: E731
    evil = lambda body: body.replace(b"/" + part.encode(), b"/xl/worksheets/evil.xml")  # noqa: E731
    copies = {"xl/wb2.xml": _member(data, "xl/workbook.xml"), "xl/_rels/wb2.xml.rels": _member(data, _RELS)}
    return _edited(
        data,
        {"_rels/.rels": elsewhere, _RELS: evil},
        {**copies, "xl/worksheets/evil.xml": _far(_member(data, part))},
    )


RESOLUTION: dict[str, tuple[str, Callable[[], bytes]]] = {
    "two-sheets-one-name.xlsx": ("NotTemplateError", _two_sheets_one_name),
    "relationship-id-twice.xlsx": ("read", _relationship_id_twice),
    "dotdot-target-literal-part.xlsx": ("read", _dotdot_target),
    "case-twin-parts.xlsx": ("CorruptFileError", _case_twin),
    "workbook-part-elsewhere.xlsx": ("read", _workbook_part_elsewhere),
}
