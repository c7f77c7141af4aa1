"""A crafted set of hostile and broken inputs, made from cmrt's own workbooks: each one a way a file has
taken a reader down (a raw exception, a dead process, gigabytes of memory, a read that never ends).

``write_hostile(folder)`` writes them all and returns ``{name: path}``; :data:`EXPECTED` says how each
must end when read: ``"read"`` (a report, perhaps with problems) or the name of the
:class:`~cmrt.CmrtError` subclass expected (a subclass of it counts too).
"""

from __future__ import annotations

import io
import os
import re
import socket
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

from cmrt.reading.cells import column_letter
from cmrt.testing.builder import SmelterRow, build_cmrt
from cmrt.testing.containers import biff_join, biff_records, workbook_stream, wrap_ole, write_zip, zip_members
from cmrt.testing.encrypted import encrypt_xls
from cmrt.testing.resolution import RESOLUTION

__all__ = ["EXPECTED", "write_hostile"]

Edit = Callable[[bytes], bytes]


def _xlsx() -> bytes:
    return build_cmrt(
        declaration={"company_name": "Hostile Test Ltd."},
        smelters=[SmelterRow("Gold", smelter_id="CID900001")],
    )


def _xls() -> bytes:
    return build_cmrt(version="3.01", fmt="xls", declaration={"company_name": "Hostile Test Ltd."})


def _sheet_part(data: bytes, sheet: str) -> str:
    from cmrt.workbook.xlsx import inspect_xlsx

    return inspect_xlsx(data).sheet_parts()[sheet]


def _edit(data: bytes, part: str, edit: Edit) -> bytes:
    return write_zip(
        [(info, edit(body) if info.filename == part else body) for info, body in zip_members(data)]
    )


def _edit_sheet(sheet: str, edit: Edit) -> bytes:
    data = _xlsx()
    return _edit(data, _sheet_part(data, sheet), edit)


def _append(cells: bytes) -> Edit:
    def edit(body: bytes) -> bytes:
        at = body.find(b"</sheetData>")
        return body[:at] + cells + body[at:]

    return edit


def _sub(pattern: bytes, replacement: bytes, count: int = 1) -> Edit:
    return lambda body: re.sub(pattern, replacement, body, count=count)


def _zip_field(data: bytes, signature: bytes, field: int, fmt: str, value: int) -> bytes:
    out = bytearray(data)
    for match in re.finditer(re.escape(signature), data):
        struct.pack_into(fmt, out, match.start() + field, value)
    return bytes(out)


def _zip_with(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, body in members.items():
            archive.writestr(name, body)
    return out.getvalue()


def _lzma_xlsx() -> bytes:
    return _zip_with(dict((i.filename, b) for i, b in zip_members(_xlsx())), zipfile.ZIP_LZMA)


def _bomb() -> bytes:
    base = dict((i.filename, b) for i, b in zip_members(_xlsx()))
    base["xl/media/zeros.bin"] = bytes(600 * 1024 * 1024)
    return _zip_with(base)


def _overlapping_bomb() -> bytes:
    """Many central-directory entries sharing one compressed body (a non-recursive zip bomb)."""
    body = bytes(50 * 1024 * 1024)
    data = _zip_with({"xl/worksheets/sheet1.xml": body})
    archive = zipfile.ZipFile(io.BytesIO(data))
    info = archive.infolist()[0]
    central = data.find(b"PK\x01\x02")
    end = data.find(b"PK\x05\x06")
    entry = data[central:end]
    entries = b"".join(entry.replace(b"sheet1.xml", f"sheet{i:04d}.xml".encode()[-10:]) for i in range(40))
    record = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, 40, 40, len(entries), central, 0)
    del info
    return data[:central] + entries + record


def _many_members() -> bytes:
    base = dict((i.filename, b) for i, b in zip_members(_xlsx()))
    base.update({f"xl/junk/{i}.bin": b"x" for i in range(6000)})
    return _zip_with(base)


_SHARED_STRINGS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2">'
    b"<si><t>Hostile Test Ltd.</t></si><si><t>Gold</t></si></sst>"
)


def _with_shared_strings() -> bytes:
    """The builder's workbook (inline strings only) with a sharedStrings part that a cell uses."""
    members = []
    for info, body in zip_members(_xlsx()):
        if info.filename == "[Content_Types].xml":
            body = body.replace(
                b"</Types>",
                b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
            )
        if info.filename == "xl/_rels/workbook.xml.rels":
            body = body.replace(
                b"</Relationships>",
                b'<Relationship Id="rIdSST" Type="http://schemas.openxmlformats'
                b'.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
                b"</Relationships>",
            )
        members.append((info, body))
    members.append((zipfile.ZipInfo("xl/sharedStrings.xml"), _SHARED_STRINGS))
    data = write_zip(members)
    return _edit(
        data,
        _sheet_part(data, "Declaration"),
        _append(b'<row r="150"><c r="A150" t="s"><v>0</v></c></row>'),
    )


def _shared(edit: Edit) -> bytes:
    return _edit(_with_shared_strings(), "xl/sharedStrings.xml", edit)


def _smelter_rows(count: int, step: int = 1) -> bytes:
    return b"".join(
        b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>CID900001</t></is></c></row>' % (r, r)
        for r in range(6000, 6000 + count, step)
    )


def _biff(edit: Callable[[list[tuple[int, bytes]]], None]) -> bytes:
    stream = workbook_stream(_xls())
    assert stream is not None
    records = biff_records(stream)
    edit(records)
    return wrap_ole(biff_join(records))


def _set_record(
    kind: int, offset: int, fmt: str, value: int, *, last: bool = False
) -> Callable[[list], None]:
    def edit(records: list[tuple[int, bytes]]) -> None:
        found = [i for i, (k, _) in enumerate(records) if k == kind]
        index = found[-1] if last else found[0]
        k, body = records[index]
        body = bytearray(body)
        struct.pack_into(fmt, body, offset if offset >= 0 else len(body) + offset, value)
        records[index] = (k, bytes(body))

    return edit


def _record_past_end() -> bytes:
    stream = workbook_stream(_xls())
    assert stream is not None
    return wrap_ole(stream + struct.pack("<HH", 0x0203, 0xFFFF) + bytes(20))


def _encrypted_record_past_end() -> bytes:
    """An encrypted workbook whose last record claims more than the stream holds: cmrt leaves it to
    msoffcrypto, as it leaves every odd encrypted file."""
    stream = workbook_stream(encrypt_xls(_xls()))
    assert stream is not None
    records = [(kind, body) for kind, body in biff_records(stream) if kind]  # not xlwt's padding
    return wrap_ole(biff_join(records) + struct.pack("<HH", 0x0203, 0xFFFF) + bytes(20))


def _insert_after(kind: int, new_kind: int, body: bytes) -> Callable[[list], None]:
    def edit(records: list[tuple[int, bytes]]) -> None:
        index = next(i for i, (k, _) in enumerate(records) if k == kind)
        records.insert(index + 1, (new_kind, body))

    return edit


def _sheet_inside_a_record() -> bytes:
    """A sheet whose BOUNDSHEET offset lands inside another record, where records are hidden: a walk
    from the start sees one harmless LABEL; an engine starting at the offset finds a cell at column
    65,535 (calamine allocates billions of cells for it)."""
    stream = workbook_stream(_xls())
    assert stream is not None
    records = biff_records(stream)
    hidden = (
        struct.pack("<HH", 0x0809, 16) + struct.pack("<HHHHII", 0x0600, 0x10, 0, 0, 0, 0)
        + struct.pack("<HHHHHd", 0x0203, 14, 1, 0, 15, 1.0)
        + struct.pack("<HHHHHd", 0x0203, 14, 60000, 0xFFFF, 15, 1.0)
        + struct.pack("<HH", 0x000A, 0)
    )  # fmt: skip
    label = struct.pack("<HHHHB", 0, 0, 15, len(hidden), 0) + hidden
    records.insert(len(records) - 1, (0x0204, label))
    sheets = [i for i, (k, _) in enumerate(records) if k == 0x0085]
    before = sum(4 + len(body) for _, body in records[:-2])
    kind, body = records[sheets[0]]
    records[sheets[0]] = (kind, struct.pack("<I", before + 4 + 9) + body[4:])
    return wrap_ole(biff_join(records))


def _invalid_utf8_name() -> bytes:
    """A member name flagged UTF-8 (bit 11) that is not UTF-8: Python's zipfile raises UnicodeDecodeError."""
    data = bytearray(_with_member("xl/media/\u00e9.bin", b"x"))
    at = data.find("\u00e9".encode())
    while at >= 0:
        data[at : at + 2] = b"\xff\xfe"
        at = data.find("\u00e9".encode(), at)
    return bytes(data)


def _corrupt_deflate() -> bytes:
    """Garbage in the middle of a compressed part that every read parses, the Smelter List: zlib's
    "invalid distance too far back" and kin. (Damage to a sheet cmrt has no need to read, such as the
    ``L`` of an English file with cached labels, goes unseen: calamine parses only the sheets asked for.)"""
    data = bytearray(_xlsx())
    archive = zipfile.ZipFile(io.BytesIO(bytes(data)))
    info = archive.getinfo(_sheet_part(bytes(data), "Smelter List"))
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for offset in range(start + info.compress_size // 3, start + info.compress_size // 3 + 64):
        data[offset] ^= 0x5A
    return bytes(data)


def _ole(offset: int, fmt: str, value: int) -> bytes:
    data = bytearray(_xls())
    struct.pack_into(fmt, data, offset, value)
    return bytes(data)


def _ole_directory_size() -> bytes:
    data = bytearray(_xls())
    sector = 1 << struct.unpack_from("<H", data, 0x1E)[0]
    first = struct.unpack_from("<I", data, 0x30)[0]
    struct.pack_into("<Q", data, (first + 1) * sector + 128 + 0x78, 1 << 62)  # the Workbook stream's size
    return bytes(data)


def _ole_header_fields(data: bytes) -> tuple[int, int, int]:
    """Sector size, the first FAT sector and the first directory sector."""
    size = 1 << struct.unpack_from("<H", data, 0x1E)[0]
    return size, struct.unpack_from("<I", data, 0x4C)[0], struct.unpack_from("<I", data, 0x30)[0]


def _ole_directory_loop() -> bytes:
    """The directory's FAT entry points back at itself: a chain without end (calamine allocates until
    it aborts)."""
    data = bytearray(_xls())
    size, fat, directory = _ole_header_fields(data)
    struct.pack_into("<I", data, (fat + 1) * size + 4 * directory, directory)
    return bytes(data)


def _ole_difat_loop() -> bytes:
    """A DIFAT sector whose next-DIFAT pointer is itself."""
    data = bytearray(_xls())
    size, fat, _ = _ole_header_fields(data)
    spare = len(data) // size - 2  # the last sector (the header is sector -1), reused as a DIFAT sector
    struct.pack_into("<II", data, 0x44, spare, 1)
    struct.pack_into(f"<{size // 4}I", data, (spare + 1) * size, *([0xFFFFFFFF] * (size // 4 - 1) + [spare]))
    return bytes(data)


def _ole_mini_fat_loop() -> bytes:
    """A huge mini FAT sector count, and a mini FAT chain that loops."""
    data = bytearray(_xls())
    size, fat, _ = _ole_header_fields(data)
    spare = len(data) // size - 2
    struct.pack_into("<II", data, 0x3C, spare, 0xFFFFFFF0)
    struct.pack_into("<I", data, (fat + 1) * size + 4 * spare, spare)
    return bytes(data)


def _ods_in_zip() -> bytes:
    """An OpenDocument spreadsheet declaring 60 million repeated cells: calamine tries a zip as .ods when
    it is no .xlsx, and aborts."""
    content = (
        b'<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:'
        b'office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body>'
        b'<office:spreadsheet><table:table table:name="Declaration">'
        b'<table:table-row table:number-rows-repeated="6000">'
        b'<table:table-cell table:number-columns-repeated="10000" office:value-type="float" '
        b'office:value="1"/></table:table-row></table:table></office:spreadsheet></office:body>'
        b"</office:document-content>"
    )
    manifest = (
        b'<?xml version="1.0"?>'
        b'<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>'
    )
    return _zip_with({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": content,
                      "META-INF/manifest.xml": manifest})  # fmt: skip


def _ole_fat_loop() -> bytes:
    data = bytearray(_xls())
    sector = 1 << struct.unpack_from("<H", data, 0x1E)[0]
    fat = struct.unpack_from("<I", data, 0x4C)[0]
    for entry in range(0, 8):
        struct.pack_into("<I", data, (fat + 1) * sector + 4 * entry, 0)  # every chain runs back to sector 0
    return bytes(data)


def _encrypted(password: str) -> bytes:
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(_xlsx())).encrypt(password, out)
    return out.getvalue()


_FAR_CELL = b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
_PREFIXED_FAR_CELL = (
    b'<x:row r="1048576" xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b'<x:c r="XFD1048576"><x:v>1</x:v></x:c></x:row>'
)
_LAUGHS = (
    rb'\1<!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    rb'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
)
_XML_HEAD = rb"^(<\?xml[^>]*\?>)?"


def _row(number: int, cells: bytes) -> bytes:
    return b'<row r="%d">' % number + cells + b"</row>"


def _wide_row() -> bytes:
    return _row(
        9000, b"".join(b'<c r="%s9000"><v>1</v></c>' % column_letter(c).encode() for c in range(1, 16385))
    )


def _without(name: str | None = None, sheet: str | None = None) -> bytes:
    data = _xlsx()
    drop = name or _sheet_part(data, sheet or "")
    return write_zip([(i, b) for i, b in zip_members(data) if i.filename != drop])


def _with_member(name: str, body: bytes) -> bytes:
    return _zip_with({name: body, **{i.filename: b for i, b in zip_members(_xlsx())}})


def _central(field: int, fmt: str, value: int) -> bytes:
    return _zip_field(_xlsx(), b"PK\x01\x02", field, fmt, value)


_FILES: dict[str, tuple[str, Callable[[], bytes]]] = {
    # not workbooks at all
    "empty.xlsx": ("NotExcelError", lambda: b""),
    "one-byte.xlsx": ("NotExcelError", lambda: b"P"),
    "pdf.xlsx": ("NotExcelError", lambda: b"%PDF-1.7\n" + bytes(100)),
    "html-table.xls": ("NotExcelError", lambda: b"<html><body><table><tr><td>CMRT</td></tr></table></html>"),
    "spreadsheetml-2003.xls": ("NotExcelError", lambda: b'<?xml version="1.0"?><Workbook></Workbook>'),
    "csv-renamed.xlsx": ("NotExcelError", lambda: b"Metal,Smelter Name\nGold,Example\n"),
    "empty-zip.xlsx": ("NotExcelError", lambda: b"PK\x05\x06" + bytes(18)),
    "ole-without-workbook.xls": ("CmrtError", lambda: wrap_ole(b"")[:512] + bytes(1024)),
    # the zip container
    "truncated.xlsx": ("CorruptFileError", lambda: _xlsx()[: len(_xlsx()) // 2]),
    "bad-crc.xlsx": ("CorruptFileError", lambda: _central(16, "<I", 0xDEADBEEF)),
    "lzma-parts.xlsx": ("CorruptFileError", _lzma_xlsx),
    "unknown-method.xlsx": ("CorruptFileError", lambda: _central(10, "<H", 99)),
    "zip-encrypted-parts.xlsx": ("CorruptFileError", lambda: _central(8, "<H", 1)),
    "negative-seek.xlsx": ("CorruptFileError", lambda: _central(42, "<I", 0xFFFFFF00)),
    "liar-sizes.xlsx": ("CorruptFileError", lambda: _central(24, "<I", 10)),
    "central-directory-offset.xlsx": (
        "CorruptFileError", lambda: _zip_field(_xlsx(), b"PK\x05\x06", 16, "<I", 7)
    ),
    "zip-bomb.xlsx": ("UnsafeFileError", _bomb),
    "overlapping-zip-bomb.xlsx": ("UnsafeFileError", _overlapping_bomb),
    "6000-parts.xlsx": ("UnsafeFileError", _many_members),
    "zip-name-invalid-utf8.xlsx": ("CmrtError", _invalid_utf8_name),
    "corrupt-deflate.xlsx": ("CorruptFileError", _corrupt_deflate),
    "traversal-name.xlsx": ("read", lambda: _with_member("../../../etc/passwd", b"x")),
    # the XML parts
    "billion-laughs.xlsx": ("UnsafeFileError", lambda: _shared(_sub(_XML_HEAD, _LAUGHS))),
    "external-entity.xlsx": ("UnsafeFileError", lambda: _edit(_xlsx(), "xl/workbook.xml", _sub(
        _XML_HEAD, rb'\1<!DOCTYPE w [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    ))),
    "cell-at-XFD1048576-declaration.xlsx": ("read", lambda: _edit_sheet("Declaration", _append(_FAR_CELL))),
    # sheets an engine may find elsewhere than where cmrt's checks look (cmrt.testing.resolution)
    **RESOLUTION,
    "cell-at-XFD1048576-smelter-list.xlsx": ("read", lambda: _edit_sheet("Smelter List", _append(_FAR_CELL))),
    "stray-cell-XFD5-smelter-list.xlsx": ("read", lambda: _edit_sheet("Smelter List", _sub(
        rb'(<row r="5"[^>]*>)', rb'\1<c r="XFD5"><v>7</v></c>'
    ))),
    "dimension-A1-XFD1048576.xlsx": ("read", lambda: _edit_sheet("Smelter List", _sub(
        rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"'
    ))),
    "shared-strings.xlsx": ("read", _with_shared_strings),
    "shared-strings-4294967295.xlsx": ("UnsafeFileError", lambda: _shared(_sub(
        rb'uniqueCount="\d+"', b'uniqueCount="4294967295"'
    ))),
    "shared-strings-prefixed-4294967295.xlsx": ("UnsafeFileError", lambda: _shared(lambda body: body.replace(
        b'<sst xmlns="', b'<x:sst xmlns:x="').replace(b"</sst>", b"</x:sst>").replace(
        b'uniqueCount="2"', b'uniqueCount="4294967295"'))),
    "shared-strings-sst-in-text.xlsx": ("read", lambda: _shared(_sub(
        rb"Hostile Test Ltd\.", b'Re:sst uniqueCount="4294967295" Ltd.'
    ))),
    "shared-strings-count-x.xlsx": ("read", lambda: _shared(_sub(rb'count="\d+"', b'count="x"'))),
    "styles-count-huge.xlsx": ("read", lambda: _edit(_xlsx(), "xl/styles.xml", _sub(
        rb'<cellXfs count="\d+"', b'<cellXfs count="4294967295"'
    ))),
    "1048576-row-smelter-list.xlsx": (
        "UnsafeFileError", lambda: _edit_sheet("Smelter List", _append(_smelter_rows(1_042_577)))
    ),
    "16384-column-row.xlsx": ("read", lambda: _edit_sheet("Smelter List", _append(_wide_row()))),
    "deep-nesting.xlsx": ("read", lambda: _edit_sheet("Declaration", _append(
        b"<a>" * 100_000 + b"</a>" * 100_000
    ))),
    "huge-inline-string.xlsx": ("UnsafeFileError", lambda: _edit_sheet("Declaration", _append(
        _row(150, b'<c r="A150" t="inlineStr"><is><t>' + b"x" * (30 << 20) + b"</t></is></c>")
    ))),
    "cells-without-references.xlsx": ("read", lambda: _edit_sheet("Smelter List", _append(
        _row(9000, b"<c><v>1</v></c>" * 20000) + b"<row/>" * 70000 + b"<row><c><v>2</v></c></row>"
    ))),
    "row-number-from-the-row-element.xlsx": ("read", lambda: _edit_sheet("Declaration", _append(
        b'<row r="1048576"><c r="XFD1"><v>1</v></c></row>'
    ))),
    "prefixed-far-cell.xlsx": ("read", lambda: _edit_sheet("Declaration", _append(_PREFIXED_FAR_CELL))),
    "single-quoted-far-cell.xlsx": ("read", lambda: _edit_sheet("Declaration", _append(
        b"<row r='1048576'><c r = 'XFD1048576'><v>1</v></c></row>"
    ))),
    "angle-in-attribute.xlsx": ("CorruptFileError", lambda: _edit_sheet("Declaration", _append(
        _row(200, b'<c s=">" r="XFD1048576"><v>1</v></c>')
    ))),
    "invalid-utf8.xlsx": ("CmrtError", lambda: _edit_sheet("Declaration", _append(
        _row(150, b'<c r="A150" t="inlineStr"><is><t>\xff\xfe</t></is></c>')
    ))),
    "utf16-declared.xlsx": ("read", lambda: _edit_sheet("Declaration", _sub(rb'"UTF-8"', b'"UTF-16"'))),
    "shared-string-index-out-of-range.xlsx": ("CmrtError", lambda: _edit_sheet("Declaration", _append(
        _row(150, b'<c r="A150" t="s"><v>99999999</v></c>')
    ))),
    "absurd-numbers.xlsx": ("read", lambda: _edit_sheet("Declaration", _append(_row(
        150, b'<c r="A150"><v>1e308</v></c><c r="B150"><v>NaN</v></c><c r="C150" t="d"><v>not a date</v></c>'
    )))),
    "missing-sheet-part.xlsx": ("CmrtError", lambda: _without(sheet="Declaration")),
    "missing-workbook-part.xlsx": ("CmrtError", lambda: _without("xl/workbook.xml")),
    "external-relationship.xlsx": ("read", lambda: _edit(_xlsx(), "xl/_rels/workbook.xml.rels", _sub(
        rb'Target="[^"]*sheet1\.xml"', b'Target="http://example.invalid/x.xml" TargetMode="External"'
    ))),
    # the .xls records and OLE2 container
    "xls-dimensions-absurd.xls": ("CorruptFileError", lambda: _biff(_set_record(0x0200, 4, "<I", 1 << 31))),
    "xls-sst-4294967295.xls": ("read", lambda: _biff(_set_record(0x00FC, 4, "<I", 0xFFFFFFFF))),
    "xls-cell-at-column-65535.xls": ("CorruptFileError", lambda: _biff(_set_record(0xFD, 2, "<H", 0xFFFF))),
    "xls-mulblank-backwards.xls": ("CmrtError", lambda: _biff(_insert_after(
        0x00FD, 0x00BE, struct.pack("<HHHHH", 5, 10, 15, 15, 0)
    ))),
    "xls-record-length-past-end.xls": ("read", _record_past_end),
    "xls-sheet-offset-past-end.xls": ("read", lambda: _biff(_set_record(0x0085, 0, "<I", 0x7FFFFFFF))),
    "xls-sheet-inside-a-record.xls": ("CorruptFileError", _sheet_inside_a_record),
    "xls-filepass-in-clear.xls": ("CmrtError", lambda: _biff(lambda r: r.insert(1, (0x002F, bytes(54))))),
    "xls-encrypted-wrong-password.xls": ("PasswordError", lambda: encrypt_xls(_xls(), "not-the-default")),
    "xls-encrypted-record-past-end.xls": ("read", _encrypted_record_past_end),
    "xls-encrypted-truncated.xls": ("CorruptFileError", lambda: encrypt_xls(_xls())[:-3000]),
    "xls-encrypted-cell-at-column-65535.xls": (
        "CorruptFileError", lambda: encrypt_xls(_biff(_set_record(0xFD, 2, "<H", 0xFFFF)))
    ),
    "xls-encrypted-dimensions-absurd.xls": (
        "CorruptFileError", lambda: encrypt_xls(_biff(_set_record(0x0200, 4, "<I", 1 << 31)))
    ),
    "xls-encrypted-sheet-inside-a-record.xls": (
        "CorruptFileError", lambda: encrypt_xls(_sheet_inside_a_record())
    ),
    "ole-sector-shift-31.xls": ("CorruptFileError", lambda: _ole(0x1E, "<H", 31)),
    "ole-fat-sectors-huge.xls": ("CorruptFileError", lambda: _ole(0x2C, "<I", 0x7FFFFFFF)),
    "ole-stream-size-2-62.xls": ("CmrtError", _ole_directory_size),
    "ole-fat-loop.xls": ("CmrtError", _ole_fat_loop),
    "ole-truncated-mid-sector.xls": ("CorruptFileError", lambda: _xls()[:-1001]),
    "ole-directory-loop.xls": ("CorruptFileError", _ole_directory_loop),
    "ole-difat-loop.xls": ("CorruptFileError", _ole_difat_loop),
    "ole-mini-fat-loop.xls": ("CorruptFileError", _ole_mini_fat_loop),
    "ods-60-million-cells.xlsx": ("NotExcelError", _ods_in_zip),
    "encrypted-wrong-password.xlsx": ("PasswordError", lambda: _encrypted("not-the-default")),
}  # fmt: skip


_SPECIAL = {
    "fifo.xlsx": "NotExcelError",
    "dev-zero-link.xlsx": "NotExcelError",
    "dev-null-link.xlsx": "NotExcelError",
    "socket.xlsx": "NotExcelError",
    "folder.xlsx": "NotExcelError",
    "symlink-loop.xlsx": "FileAccessError",
    "dangling-link.xlsx": "FileMissingError",
    "oversize-101MB.xlsx": "UnsafeFileError",
}

EXPECTED: dict[str, str] = {name: expected for name, (expected, _) in _FILES.items()} | _SPECIAL
"""How reading each hostile file must end: ``"read"`` or a CmrtError subclass name."""


def write_hostile(folder: str | os.PathLike[str]) -> dict[str, Path]:
    """Write every hostile input into ``folder`` (FIFOs, device links and sockets where the platform has
    them); returns ``{name: path}``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    for name, (_, make) in _FILES.items():
        path = folder / name
        path.write_bytes(make())
        written[name] = path
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "fifo.xlsx")
        written["fifo.xlsx"] = folder / "fifo.xlsx"
    for name, target in (("dev-zero-link.xlsx", "/dev/zero"), ("dev-null-link.xlsx", "/dev/null")):
        if os.path.exists(target):
            os.symlink(target, folder / name)
            written[name] = folder / name
    if hasattr(socket, "AF_UNIX") and len(str(folder / "socket.xlsx")) < 100:
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(folder / "socket.xlsx"))
        server.close()
        written["socket.xlsx"] = folder / "socket.xlsx"
    (folder / "folder.xlsx").mkdir()
    written["folder.xlsx"] = folder / "folder.xlsx"
    os.symlink(folder / "loop-b.xlsx", folder / "symlink-loop.xlsx")
    os.symlink(folder / "symlink-loop.xlsx", folder / "loop-b.xlsx")
    written["symlink-loop.xlsx"] = folder / "symlink-loop.xlsx"
    os.symlink(folder / "nowhere.xlsx", folder / "dangling-link.xlsx")
    written["dangling-link.xlsx"] = folder / "dangling-link.xlsx"
    with open(folder / "oversize-101MB.xlsx", "wb") as handle:
        handle.write(b"PK\x03\x04")
        handle.truncate(101 * 1024 * 1024)  # sparse: no disk used
    written["oversize-101MB.xlsx"] = folder / "oversize-101MB.xlsx"
    return written
