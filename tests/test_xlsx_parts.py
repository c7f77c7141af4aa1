"""An .xlsx's parts as cmrt inflates and checks them before calamine sees them (cmrt.workbook.xlsx)."""

from __future__ import annotations

import io
import struct
import zipfile

import pytest

import cmrt
from cmrt.testing import build_cmrt
from cmrt.testing.containers import write_zip, zip_members
from cmrt.workbook import xlsx


def _smelter_list_part(data: bytes) -> str:
    return xlsx.inspect_xlsx(data).sheet_parts()["Smelter List"]


def _directory_entry(data: bytes, part: str) -> int:
    """Where the central directory's entry for ``part`` begins."""
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        name_length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + name_length] == part.encode():
            return at
        at = data.find(b"PK\x01\x02", at + 46)
    raise AssertionError(f"{part} not in the directory")


def _with_directory_field(data: bytes, part: str, offset: int, value: int) -> bytes:
    at = _directory_entry(data, part) + offset
    return data[:at] + struct.pack("<I", value) + data[at + 4 :]


def test_parts_inflate_to_what_zipfile_gives() -> None:
    data = build_cmrt(declaration={"company_name": "Parts Co."})
    plan = xlsx.inspect_xlsx(data)
    archive = zipfile.ZipFile(io.BytesIO(data))
    for info in archive.infolist():
        assert plan.part(info.filename) == archive.read(info), info.filename
    assert plan.part("xl/no-such-part.xml") == b""


def test_a_part_inflating_past_the_size_the_zip_says_is_corrupt() -> None:
    data = build_cmrt()
    part = _smelter_list_part(data)
    understated = _with_directory_field(data, part, 24, 1000)  # the uncompressed size
    with pytest.raises(cmrt.CorruptFileError, match="other than the 1,000 bytes the zip says"):
        xlsx.inspect_xlsx(understated).part(part)
    with pytest.raises(cmrt.CorruptFileError):
        cmrt.read(understated)


def test_a_part_whose_crc_is_not_the_zips_is_corrupt() -> None:
    data = build_cmrt()
    part = _smelter_list_part(data)
    damaged = _with_directory_field(data, part, 16, 0xDEADBEEF)
    with pytest.raises(cmrt.CorruptFileError, match="CRC"):
        xlsx.inspect_xlsx(damaged).part(part)
    with pytest.raises(cmrt.CorruptFileError, match="Smelter List"):  # as calamine, then zipfile, read it
        cmrt.read(damaged)


def test_a_damaged_deflate_stream_is_corrupt_in_zlibs_words() -> None:
    data = bytearray(build_cmrt())
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo(_smelter_list_part(bytes(data)))
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for offset in range(start + info.compress_size // 3, start + info.compress_size // 3 + 64):
        data[offset] ^= 0x5A
    with pytest.raises(cmrt.CorruptFileError, match="is damaged") as caught:
        cmrt.read(bytes(data))
    assert caught.value.__cause__ is None  # said on purpose, not an exception of cmrt's own converted


@pytest.mark.parametrize(
    ("cells", "scanned"),
    [
        (b'<row r="5" spans="1:2"><c r="A5" s="3" t="s"><v>1</v></c><c r="B5"/></row>', False),
        (b'<row r="9999"><c r="ZZ9999" t="inlineStr"><is><t>x</t></is></c></row>', False),
        (b'<row r="5"><c r="A5" t="inlineStr"><is><r><rPr><b/></rPr><t>x</t></r></is></c></row>', False),
        (b'<row r="5"><c r="AAA5"><v>1</v></c></row>', True),  # three column letters
        (b'<row r="5"><c r="A10000"><v>1</v></c></row>', True),  # five row digits
        (b'<row r="10000"><c r="A5"><v>1</v></c></row>', False),  # the cell's own reference places it
        (b'<row r="5"><c><v>1</v></c></row>', True),  # no reference: placed by counting
        (b'<row><c r="A5"><v>1</v></c></row>', False),
        (b'<row r="5"><c s="1" r="A5"><v>1</v></c></row>', True),  # attributes in another order
        (b"<row r='5'><c r='A5'><v>1</v></c></row>", True),
        (b'<row r="5"><x:c r="XFD1048576"><v>1</v></x:c></row>', True),  # prefixed: calamine takes it
        (b'<x:row r="5"><c r="A5"><v>1</v></c></x:row>', False),
        (b'<row r="5"><c r="A5"><v>1</v></c></row><c r="A6"><v>1</v></c>', False),  # outside a row
        (b'<row r="5"><c\tr="A5"><v>1</v></c></row>', True),
    ],
)
def test_only_cell_markup_as_excel_writes_it_skips_the_cell_by_cell_scan(
    cells: bytes, scanned: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = []
    monkeypatch.setattr(xlsx, "_scan", lambda name, body: seen.append(name) or xlsx.SheetPlan(True))
    body = b'<?xml version="1.0"?><worksheet><dimension ref="A1:B5"/><sheetData>' + cells + b"</sheetData>"
    xlsx._plan_part(
        "sheet.xml", body + b'<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>'
    )
    assert bool(seen) == scanned


def test_calamine_places_a_cell_by_its_own_reference_not_its_row_element() -> None:
    """What the quick check relies on to leave row tags unread: a far row number moves no cell that has
    a reference of its own (were it otherwise, this sheet would span a million rows)."""
    import python_calamine

    data = build_cmrt()
    part = _smelter_list_part(data)
    far = b'<sheetData><row r="1048576"><c r="A1"><v>1</v></c><c r="B2"><v>2</v></c></row>'
    members = []
    for info, body in zip_members(data):
        if info.filename == part:
            body = body[: body.find(b"<sheetData")] + far + body[body.find(b"</sheetData>") :]
        members.append((info, body))
    edited = write_zip(members)
    assert xlsx.inspect_xlsx(edited).plan_sheet("Smelter List") == xlsx.SheetPlan(True)
    sheet = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(edited)).get_sheet_by_name(
        "Smelter List"
    )
    assert (sheet.start, sheet.end) == ((0, 0), (1, 1))


def test_attribute_values_are_unescaped_as_an_engine_reads_them() -> None:
    assert xlsx._unescape("&#68;eclaration") == "Declaration"
    assert xlsx._unescape("R&amp;D &lt;&#x41;&gt; &quot;x&apos;") == "R&D <A> \"x'"
    assert xlsx._unescape("&nbsp; &#0; &#1114112; plain") == "&nbsp; &#0; &#1114112; plain"  # left alone


def test_every_part_a_sheet_name_may_stand_for_is_checked() -> None:
    """Two sheets bearing one name once unescaped (the first with a cell at XFD1048576): calamine takes
    the first, so both are checked, and the sheet is read bounded instead of aborting the process."""
    from cmrt.testing.resolution import _two_sheets_one_name

    data = _two_sheets_one_name()
    plan = xlsx.inspect_xlsx(data)
    assert len(plan._named_parts()["Declaration"]) == 2
    assert not plan.plan_sheet("Declaration").calamine
    with pytest.raises(cmrt.NotTemplateError):  # in this process, calamine on its helper thread
        cmrt.read(data)
