"""Damage workbooks the ways supplier files arrive damaged, and the ways an attacker would: for fuzzing.

Every mutation is a pure function of the original bytes and a seed, so a mutant is reproduced from its
name alone: ``mutate(original, "xml.cell_ref", 1234)``. The operations work at five levels:

- ``bytes.*``: bit flips, overwritten, inserted, deleted or duplicated spans, truncation (any file);
- ``zip.*``: the .xlsx container's headers: CRCs, sizes, methods, offsets, flags, names, the end record;
- ``xml.*``: the parts inside an .xlsx: extreme cell references and counts, broken markup, encodings,
  deep nesting, DTDs, missing or misdirected parts;
- ``biff.*``: the records of an .xls workbook stream: lengths, DIMENSIONS, SST counts, cell positions,
  string lengths, sheet offsets, removed or repeated records (rewrapped in a fresh OLE2 container);
- ``ole.*``: the OLE2 container of an .xls or encrypted file: header fields, FAT chains, directory
  entries (sizes, start sectors, tree links).

:func:`mutants` draws ``n`` mutants from a corpus with one seed, mixing levels that fit each file.
"""

from __future__ import annotations

import io
import random
import re
import struct
import warnings
import zipfile
from collections.abc import Callable, Iterator, Sequence

import attrs

from cmrt.read import column_letter

__all__ = ["OPERATIONS", "Mutant", "mutants", "mutate", "operations_for", "plan"]

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

Mutation = Callable[[bytes, random.Random], bytes]


@attrs.frozen
class Mutant:
    """One damaged workbook and how to make it again."""

    origin: str
    """The corpus entry it was made from."""
    operation: str
    """``"level.name"``, a key of :data:`OPERATIONS`."""
    seed: int
    data: bytes = attrs.field(repr=False)

    @property
    def name(self) -> str:
        return f"{self.origin}#{self.operation}#{self.seed}"


def mutate(data: bytes, operation: str, seed: int) -> bytes:
    """``data`` damaged by ``operation`` with ``seed``; the same arguments always give the same bytes.

    An operation that does not fit the file (a BIFF edit of an .xlsx) falls back to a byte flip.
    """
    rng = random.Random(f"{operation}:{seed}")
    try:
        return OPERATIONS[operation](data, rng)
    except _DoesNotFit:
        return _flip(data, rng)


def operations_for(data: bytes) -> list[str]:
    """The operations that fit a file: zip and XML ones for .xlsx, BIFF and OLE2 ones for .xls."""
    levels = {"bytes"}
    if data.startswith(_ZIP):
        levels |= {"zip", "xml"}
    elif data.startswith(_OLE):
        levels |= {"ole"}
        if _workbook_stream(data) is not None:
            levels |= {"biff"}
    return [name for name in OPERATIONS if name.split(".")[0] in levels]


def plan(corpus: Sequence[tuple[str, Sequence[str]]], n: int, seed: int) -> Iterator[tuple[str, str, int]]:
    """``n`` (origin, operation, seed) triples for ``(name, operations that fit it)`` entries, drawn with
    ``seed``: a level first, then an operation of that level, so each level gets its share."""
    rng = random.Random(seed)
    for _ in range(n):
        name, operations = rng.choice(corpus)
        level = rng.choice(sorted({op.split(".")[0] for op in operations}))
        operation = rng.choice([op for op in operations if op.startswith(level + ".")])
        yield name, operation, rng.randrange(1 << 31)


def mutants(corpus: Sequence[tuple[str, bytes]], n: int, seed: int) -> Iterator[Mutant]:
    """``n`` mutants of the corpus ``(name, bytes)`` entries, drawn with ``seed`` (see :func:`plan`)."""
    originals = dict(corpus)
    fitting = [(name, operations_for(data)) for name, data in corpus]
    for name, operation, mutant_seed in plan(fitting, n, seed):
        yield Mutant(name, operation, mutant_seed, mutate(originals[name], operation, mutant_seed))


class _DoesNotFit(Exception):
    """The operation has nothing to work on in this file."""


# -- bytes -------------------------------------------------------------------------------------------


def _flip(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.choice((1, 1, 2, 4, 16, 64))):
        if out:
            out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return bytes(out)


def _span(data: bytes, rng: random.Random) -> tuple[int, int]:
    start = rng.randrange(max(1, len(data)))
    return start, min(len(data), start + rng.choice((1, 2, 4, 8, 64, 512, 4096)))


def _overwrite(data: bytes, rng: random.Random) -> bytes:
    start, end = _span(data, rng)
    fill = rng.choice((b"\x00", b"\xff", b"\x7f", None))
    chunk = bytes(rng.randrange(256) for _ in range(end - start)) if fill is None else fill * (end - start)
    return data[:start] + chunk + data[end:]


def _truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(max(1, len(data)))]


def _insert(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + bytes(rng.randrange(256) for _ in range(rng.choice((1, 3, 17, 300)))) + data[at:]


def _delete(data: bytes, rng: random.Random) -> bytes:
    start, end = _span(data, rng)
    return data[:start] + data[end:]


def _duplicate(data: bytes, rng: random.Random) -> bytes:
    start, end = _span(data, rng)
    at = rng.randrange(len(data) + 1)
    return data[:at] + data[start:end] + data[at:]


# -- zip container -----------------------------------------------------------------------------------

_HUGE32 = (0xFFFFFFFF, 0x7FFFFFFF, 0x80000000, 0x10000000, 0)


def _records(data: bytes, signature: bytes) -> list[int]:
    return [m.start() for m in re.finditer(re.escape(signature), data)]


def _patch(data: bytes, offset: int, fmt: str, value: int) -> bytes:
    size = struct.calcsize(fmt)
    if offset < 0 or offset + size > len(data):
        raise _DoesNotFit
    return data[:offset] + struct.pack(fmt, value & ((1 << (8 * size)) - 1)) + data[offset + size :]


def _zip_field(where: str, field: int, fmt: str, values: Sequence[int] | None = None) -> Mutation:
    """Set one header field (``where``: local, central or end record) of a random entry."""
    signature = {"local": b"PK\x03\x04", "central": b"PK\x01\x02", "end": b"PK\x05\x06"}[where]

    def mutation(data: bytes, rng: random.Random) -> bytes:
        offsets = _records(data, signature)
        if not offsets:
            raise _DoesNotFit
        offset = rng.choice(offsets) + field
        size = struct.calcsize(fmt)
        if values is not None:
            value = rng.choice(values)
        elif rng.random() < 0.5:
            value = rng.choice(_HUGE32) & ((1 << (8 * size)) - 1)
        else:
            (old,) = struct.unpack_from(fmt, data, offset) if offset + size <= len(data) else (0,)
            value = old + rng.choice((-1000, -1, 1, 7, 1000, 1 << 20))
        return _patch(data, offset, fmt, value)

    return mutation


def _zip_rebuild(transform: Callable[[list[tuple[zipfile.ZipInfo, bytes]], random.Random], None]) -> Mutation:
    """Read every member, let ``transform`` edit the list in place, write a fresh zip."""

    def mutation(data: bytes, rng: random.Random) -> bytes:
        members = _members(data)
        transform(members, rng)
        return _write_zip(members)

    return mutation


def _members(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        return [(info, archive.read(info)) for info in archive.infolist()]
    except Exception as exc:  # an .xlsx that is already damaged
        raise _DoesNotFit from exc


def _write_zip(members: list[tuple[zipfile.ZipInfo, bytes]]) -> bytes:
    out = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        warnings.simplefilter("ignore")  # duplicate names are the point of some mutations
        for info, body in members:
            fresh = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            fresh.compress_type = info.compress_type
            archive.writestr(fresh, body)
    return out.getvalue()


def _drop_member(members: list[tuple[zipfile.ZipInfo, bytes]], rng: random.Random) -> None:
    members.pop(rng.randrange(len(members)))


def _duplicate_member(members: list[tuple[zipfile.ZipInfo, bytes]], rng: random.Random) -> None:
    info, body = rng.choice(members)
    members.append((info, body[: len(body) // 2] if rng.random() < 0.5 else body))


def _rename_member(members: list[tuple[zipfile.ZipInfo, bytes]], rng: random.Random) -> None:
    index = rng.randrange(len(members))
    info, body = members[index]
    name = rng.choice(
        (info.filename.upper(), "../" + info.filename, "/" + info.filename, info.filename + "\x00x",
         "x" * 1000, info.filename.replace("/", "\\"), "")
    )  # fmt: skip
    members[index] = (zipfile.ZipInfo(name or "_", date_time=info.date_time), body)


# -- XML parts ----------------------------------------------------------------------------------------

_SHEET = re.compile(r"xl/worksheets/sheet\d+\.xml$")
_EXTREME_REFS = ("XFD1048576", "A1048576", "XFD1", "ZZZZ1", "A0", "A4294967296", "A99999999999", "AAA65536",
                 "1A", "", "-1", "A-1", "A 1", "ÄB1")  # fmt: skip
_EXTREME_NUMBERS = ("4294967295", "4294967296", "2147483648", "-1", "-2147483649", "99999999999999999999",
                    "1e308", "NaN", "0", "", "1.5", "0x10", "١٢")  # fmt: skip


def _xml_edit(choose: Callable[[str], bool], edit: Callable[[bytes, random.Random], bytes]) -> Mutation:
    """Apply ``edit`` to one part whose name ``choose`` accepts (sheets weighted first), then rezip."""

    def mutation(data: bytes, rng: random.Random) -> bytes:
        members = _members(data)
        candidates = [i for i, (info, _) in enumerate(members) if choose(info.filename)]
        if not candidates:
            raise _DoesNotFit
        index = rng.choice(candidates)
        info, body = members[index]
        members[index] = (info, edit(body, rng))
        return _write_zip(members)

    return mutation


def _any_xml(name: str) -> bool:
    return name.endswith((".xml", ".rels"))


def _sub_one(
    pattern: bytes, replace: Callable[[re.Match[bytes], random.Random], bytes]
) -> Callable[[bytes, random.Random], bytes]:
    """Replace one random match of ``pattern`` (or a few, sometimes) in a part."""
    compiled = re.compile(pattern)

    def edit(body: bytes, rng: random.Random) -> bytes:
        found = list(compiled.finditer(body))
        if not found:
            raise _DoesNotFit
        chosen = sorted(
            rng.sample(found, min(len(found), rng.choice((1, 1, 1, 3)))), key=lambda m: -m.start()
        )
        for match in chosen:
            body = body[: match.start()] + replace(match, rng) + body[match.end() :]
        return body

    return edit


def _extreme_ref(match: re.Match[bytes], rng: random.Random) -> bytes:
    return match.group(1) + rng.choice(_EXTREME_REFS).encode() + b'"'


def _extreme_number(match: re.Match[bytes], rng: random.Random) -> bytes:
    return match.group(1) + rng.choice(_EXTREME_NUMBERS).encode() + b'"'


def _extreme_range(match: re.Match[bytes], rng: random.Random) -> bytes:
    a, b = rng.choice(_EXTREME_REFS), rng.choice(_EXTREME_REFS)
    return match.group(1) + f"{a}:{b}".encode() + b'"'


def _value(match: re.Match[bytes], rng: random.Random) -> bytes:
    text = rng.choice(("4294967295", "-1", "1e308", "-1e308", "NaN", "inf", "abc", "", "2958466", "-693594",
                       "9" * 400, "\u00e9", "&#0;", "1.7976931348623157e309"))  # fmt: skip
    return b"<v>" + text.encode() + b"</v>"


def _cell_type(match: re.Match[bytes], rng: random.Random) -> bytes:
    return b' t="' + rng.choice((b"s", b"str", b"inlineStr", b"b", b"e", b"n", b"d", b"x", b"")) + b'"'


def _truncate_part(body: bytes, rng: random.Random) -> bytes:
    return body[: rng.randrange(max(1, len(body)))]


def _drop_close_tag(body: bytes, rng: random.Random) -> bytes:
    return _sub_one(rb"</[A-Za-z:]+>", lambda m, r: b"")(body, rng)


def _bad_encoding(body: bytes, rng: random.Random) -> bytes:
    declaration = rng.choice((
        b'<?xml version="1.0" encoding="UTF-16"?>', b'<?xml version="1.0" encoding="ebcdic-cp-us"?>',
        b'<?xml version="1.0" encoding="no-such-codec"?>', b'<?xml version="9.9"?>', b"\xff\xfe", b"\xef\xbb",
    ))  # fmt: skip
    return declaration + re.sub(rb"^<\?xml[^>]*\?>", b"", body)


def _invalid_utf8(body: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(body) + 1)
    return (
        body[:at] + rng.choice((b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x00", b"\xf4\x90\x80\x80")) + body[at:]
    )


def _deep_nesting(body: bytes, rng: random.Random) -> bytes:
    depth = rng.choice((1000, 50_000, 200_000))
    at = body.find(b"<sheetData>")
    at = at + len(b"<sheetData>") if at >= 0 else body.find(b">", body.find(b"<", 2)) + 1
    return body[:at] + b"<a>" * depth + b"</a>" * depth + body[at:]


def _dtd(body: bytes, rng: random.Random) -> bytes:
    doctype = rng.choice(
        (b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>',
         b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>', b"<!DOCTYPE x>")
    )  # fmt: skip
    head = re.match(rb"^<\?xml[^>]*\?>\s*", body)
    at = head.end() if head else 0
    return body[:at] + doctype + body[at:]


def _entities(body: bytes, rng: random.Random) -> bytes:
    return _sub_one(rb"<v>[^<]*</v>|<t[^>]*>[^<]*</t>", lambda m, r: m.group(0)[:3] + r.choice(
        (b"&#0;", b"&#xFFFF;", b"&#x110000;", b"&undefined;", b"&amp", b"&#99999999999;", b"<![CDATA[x")
    ) + m.group(0)[3:])(body, rng)  # fmt: skip


def _huge_text(body: bytes, rng: random.Random) -> bytes:
    size = rng.choice((40_000, 1_000_000, 8_000_000))
    return _sub_one(rb"<t[^>]*>|<v>", lambda m, r: m.group(0) + b"x" * size)(body, rng)


def _many_cells(body: bytes, rng: random.Random) -> bytes:
    """A sheet with far more rows or columns than any template: the 1,048,576-row Smelter List."""
    at = body.find(b"</sheetData>")
    if at < 0:
        raise _DoesNotFit
    if rng.random() < 0.5:
        start = rng.choice((3000, 60000))
        rows = b"".join(
            b'<row r="%d"><c r="B%d" t="inlineStr"><is><t>x</t></is></c></row>' % (r, r)
            for r in range(start, start + rng.choice((100_000, 400_000)), rng.choice((1, 7)))
        )
    else:
        rows = (
            b'<row r="65000">'
            + b"".join(
                b'<c r="%s65000"><v>1</v></c>' % column_letter(c).encode()
                for c in range(1, 16385, rng.choice((1, 3)))
            )
            + b"</row>"
        )
    return body[:at] + rows + body[at:]


def _missing_target(body: bytes, rng: random.Random) -> bytes:
    target = rng.choice((b"worksheets/nothing.xml", b"/etc/passwd", b"../../../../x.xml", b"http://example.invalid/x",
                         b"", b"xl/worksheets/sheet1.xml", b"worksheets/sheet1.xml#x"))  # fmt: skip
    return _sub_one(rb'Target="[^"]*"', lambda m, r: b'Target="' + target + b'"')(body, rng)


def _sheet_name(body: bytes, rng: random.Random) -> bytes:
    name = rng.choice((b"", b"Declaration", b"Smelter List", b"x" * 5000, b"&#0;", b"'", b"L"))
    return _sub_one(rb'<sheet name="[^"]*"', lambda m, r: b'<sheet name="' + name + b'"')(body, rng)


def _sheet(name: str) -> bool:
    return bool(_SHEET.search(name))


def _strings(name: str) -> bool:
    return _sheet(name) or name.endswith("sharedStrings.xml")


def _in_sheets(pattern: bytes, replace: Callable[[re.Match[bytes], random.Random], bytes]) -> Mutation:
    return _xml_edit(_sheet, _sub_one(pattern, replace))


_COUNTED = (
    rb"((?:uniqueCount|count|sheetId|numFmtId|xfId|s|spans|min|max|defaultRowHeight|width|ht|outlineLevel"
    rb'|activeTab)=")[^"]*"'
)

XML_OPERATIONS: dict[str, Mutation] = {
    "xml.cell_ref": _in_sheets(rb'(<c r=")[^"]*"', _extreme_ref),
    "xml.row_ref": _in_sheets(rb'(<row r=")[^"]*"', _extreme_number),
    "xml.dimension": _in_sheets(rb'(<dimension ref=")[^"]*"', _extreme_range),
    "xml.merge_ref": _in_sheets(rb'(<mergeCell ref=")[^"]*"', _extreme_range),
    "xml.count": _xml_edit(_any_xml, _sub_one(_COUNTED, _extreme_number)),
    "xml.shared_count": _xml_edit(
        lambda n: n.endswith("sharedStrings.xml"),
        _sub_one(rb'((?:uniqueCount|count)=")[^"]*"', _extreme_number),
    ),
    "xml.value": _in_sheets(rb"<v>[^<]*</v>", _value),
    "xml.cell_type": _in_sheets(rb' t="[^"]*"', _cell_type),
    "xml.truncate": _xml_edit(_any_xml, _truncate_part),
    "xml.drop_close_tag": _xml_edit(_any_xml, _drop_close_tag),
    "xml.encoding": _xml_edit(_any_xml, _bad_encoding),
    "xml.invalid_utf8": _xml_edit(_any_xml, _invalid_utf8),
    "xml.deep_nesting": _xml_edit(_strings, _deep_nesting),
    "xml.dtd": _xml_edit(_any_xml, _dtd),
    "xml.entities": _xml_edit(_strings, _entities),
    "xml.huge_text": _xml_edit(_strings, _huge_text),
    "xml.many_cells": _xml_edit(_sheet, _many_cells),
    "xml.rels_target": _xml_edit(lambda n: n.endswith(".rels"), _missing_target),
    "xml.sheet_name": _xml_edit(lambda n: n == "xl/workbook.xml", _sheet_name),
}


# -- BIFF records (.xls) -----------------------------------------------------------------------------

_CELL_RECORDS = (0x0006, 0x00FD, 0x0203, 0x027E, 0x0201, 0x0204, 0x0205, 0x00BD, 0x00BE, 0x0208)
"""FORMULA, LABELSST, NUMBER, RK, BLANK, LABEL, BOOLERR, MULRK, MULBLANK, ROW: all start row, col."""


def _workbook_stream(data: bytes) -> bytes | None:
    try:
        import olefile

        with olefile.OleFileIO(data) as ole:
            for name in ("Workbook", "Book"):
                if ole.exists(name):
                    return ole.openstream(name).read()
    except Exception:
        return None
    return None


def _biff_records(stream: bytes) -> list[tuple[int, bytes]]:
    records, offset = [], 0
    while offset + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, offset)
        records.append((kind, stream[offset + 4 : offset + 4 + length]))
        offset += 4 + length
    return records


def _biff_join(records: list[tuple[int, bytes]]) -> bytes:
    return b"".join(struct.pack("<HH", kind, len(body) & 0xFFFF) + body for kind, body in records)


def _rewrap(stream: bytes) -> bytes:
    from xlwt.CompoundDoc import XlsDoc

    out = io.BytesIO()
    XlsDoc().save(out, stream)
    return out.getvalue()


def _biff(edit: Callable[[list[tuple[int, bytes]], random.Random], bytes | None]) -> Mutation:
    """Edit the record list (or return a whole new stream), then wrap it in a fresh OLE2 container."""

    def mutation(data: bytes, rng: random.Random) -> bytes:
        stream = _workbook_stream(data)
        if stream is None:
            raise _DoesNotFit
        records = _biff_records(stream)
        raw = edit(records, rng)
        return _rewrap(raw if raw is not None else _biff_join(records))

    return mutation


def _pick(records: list[tuple[int, bytes]], kinds: Sequence[int], rng: random.Random) -> int:
    found = [i for i, (kind, _) in enumerate(records) if kind in kinds]
    if not found:
        raise _DoesNotFit
    return rng.choice(found)


def _set(body: bytes, offset: int, fmt: str, value: int) -> bytes:
    size = struct.calcsize(fmt)
    if offset + size > len(body):
        raise _DoesNotFit
    return body[:offset] + struct.pack(fmt, value & ((1 << (8 * size)) - 1)) + body[offset + size :]


def _biff_length(records: list[tuple[int, bytes]], rng: random.Random) -> bytes:
    index = rng.randrange(len(records))
    stream = bytearray(_biff_join(records))
    offset = sum(4 + len(body) for _, body in records[:index])
    struct.pack_into("<H", stream, offset + 2, rng.choice((0, 1, 0xFFFF, 8224, len(records[index][1]) + 1)))
    return bytes(stream)


def _biff_dimensions(records: list[tuple[int, bytes]], rng: random.Random) -> None:
    index = _pick(records, (0x0200,), rng)
    kind, body = records[index]
    field, fmt = rng.choice(((0, "<I"), (4, "<I"), (8, "<H"), (10, "<H")))
    records[index] = (kind, _set(body, field, fmt, rng.choice(_HUGE32 + (65536, 65537, 257, 1 << 20))))


def _biff_sst(records: list[tuple[int, bytes]], rng: random.Random) -> None:
    index = _pick(records, (0x00FC,), rng)
    kind, body = records[index]
    if rng.random() < 0.6:
        field = rng.choice((0, 4))
        records[index] = (kind, _set(body, field, "<I", rng.choice(_HUGE32 + (1 << 24,))))
    else:  # the first string's character count
        records[index] = (kind, _set(body, 8, "<H", rng.choice((0xFFFF, 0x8000, 0))))


def _biff_cell_position(records: list[tuple[int, bytes]], rng: random.Random) -> None:
    for _ in range(rng.choice((1, 1, 3, 20))):
        index = _pick(records, _CELL_RECORDS, rng)
        kind, body = records[index]
        if rng.random() < 0.5:
            body = _set(body, 0, "<H", rng.choice((0xFFFF, 0xFFFE, 65535, 32768, 0)))
        else:
            body = _set(body, 2, "<H", rng.choice((0xFFFF, 0x00FF, 0x0100, 0x4000, 0)))
        records[index] = (kind, body)


def _biff_mul_range(records: list[tuple[int, bytes]], rng: random.Random) -> None:
    index = _pick(records, (0x00BD, 0x00BE), rng)
    kind, body = records[index]
    records[index] = (kind, _set(body, len(body) - 2, "<H", rng.choice((0, 0xFFFF, 1, 0x100))))


def _biff_string_length(records: list[tuple[int, bytes]], rng: random.Random) -> None:
    index = _pick(
        records, (0x0204, 0x0085, 0x0207, 0x041E, 0x0018), rng
    )  # LABEL BOUNDSHEET STRING FORMAT NAME
    kind, body = records[index]
    offset = {0x0204: 6, 0x0085: 6, 0x0207: 0, 0x041E: 2, 0x0018: 3}[kind]
    fmt = "<B" if kind in (0x0085, 0x0018) else "<H"
    records[index] = (kind, _set(body, offset, fmt, rng.choice((0xFFFF, 0xFF, 0x8000, 0))))


def _biff_sheet_offset(records: list[tuple[int, bytes]], rng: random.Random) -> None:
    index = _pick(records, (0x0085,), rng)
    kind, body = records[index]
    records[index] = (kind, _set(body, 0, "<I", rng.choice(_HUGE32 + (1, 12345, 1 << 20))))


def _biff_xf_index(records: list[tuple[int, bytes]], rng: random.Random) -> None:
    index = _pick(records, (0x00FD, 0x0203, 0x027E, 0x0201, 0x0006, 0x0204), rng)
    kind, body = records[index]
    records[index] = (kind, _set(body, 4, "<H", rng.choice((0xFFFF, 4000, 0x0FFF))))


def _biff_drop(records: list[tuple[int, bytes]], rng: random.Random) -> None:
    kinds = (0x0809, 0x000A, 0x00FC, 0x003C, 0x0085, 0x0200, 0x00E0, 0x0031, 0x041E, 0x0006, 0x0207)
    del records[_pick(records, kinds, rng)]


def _biff_repeat(records: list[tuple[int, bytes]], rng: random.Random) -> None:
    index = rng.randrange(len(records))
    records.insert(rng.randrange(len(records)), records[index])


def _biff_garbage(records: list[tuple[int, bytes]], rng: random.Random) -> None:
    index = rng.randrange(len(records))
    kind, body = records[index]
    garbage = bytes(rng.randrange(256) for _ in range(len(body)))
    records[index] = (kind, garbage if rng.random() < 0.5 else body[: len(body) // 2])


def _biff_filepass(records: list[tuple[int, bytes]], rng: random.Random) -> None:
    records.insert(1, (0x002F, bytes(rng.randrange(256) for _ in range(rng.choice((6, 54))))))


def _biff_continue(records: list[tuple[int, bytes]], rng: random.Random) -> None:
    index = _pick(records, (0x00FC, 0x003C), rng)
    records.insert(index + 1, (0x003C, bytes(rng.randrange(256) for _ in range(rng.choice((0, 1, 8224))))))


BIFF_OPERATIONS: dict[str, Mutation] = {
    "biff.length": _biff(_biff_length),
    "biff.dimensions": _biff(_biff_dimensions),
    "biff.sst": _biff(_biff_sst),
    "biff.cell_position": _biff(_biff_cell_position),
    "biff.mul_range": _biff(_biff_mul_range),
    "biff.string_length": _biff(_biff_string_length),
    "biff.sheet_offset": _biff(_biff_sheet_offset),
    "biff.xf_index": _biff(_biff_xf_index),
    "biff.drop": _biff(_biff_drop),
    "biff.repeat": _biff(_biff_repeat),
    "biff.garbage": _biff(_biff_garbage),
    "biff.filepass": _biff(_biff_filepass),
    "biff.continue": _biff(_biff_continue),
}


# -- OLE2 container ----------------------------------------------------------------------------------

_OLE_HEADER_FIELDS = (
    (0x1A, "<H"), (0x1C, "<H"), (0x1E, "<H"), (0x20, "<H"), (0x28, "<I"), (0x2C, "<I"), (0x30, "<I"),
    (0x38, "<I"), (0x3C, "<I"), (0x40, "<I"), (0x44, "<I"), (0x48, "<I"), (0x4C, "<I"), (0x50, "<I"),
)  # fmt: skip
"""Version, byte order, sector shifts, counts of directory/FAT/MiniFAT/DIFAT sectors, first sectors, the
mini-stream cutoff and the first DIFAT entries."""


def _ole_header(data: bytes, rng: random.Random) -> bytes:
    if not data.startswith(_OLE):
        raise _DoesNotFit
    offset, fmt = rng.choice(_OLE_HEADER_FIELDS)
    value = rng.choice((0, 1, 2, 7, 12, 16, 31, 0xFFFF, 0xFFFFFFFE, 0xFFFFFFFF, 0x7FFFFFFF, 1 << 20))
    return _patch(data, offset, fmt, value)


def _sector_size(data: bytes) -> int:
    return 1 << min(16, struct.unpack_from("<H", data, 0x1E)[0])


def _fat_sectors(data: bytes) -> list[int]:
    count = min(109, struct.unpack_from("<I", data, 0x2C)[0])
    return [s for s in struct.unpack_from(f"<{count}I", data, 0x4C) if s < 0xFFFFFFFA]


def _ole_fat(data: bytes, rng: random.Random) -> bytes:
    """Point a FAT entry at itself, back to the start, or past the end: chains that loop or escape."""
    if not data.startswith(_OLE):
        raise _DoesNotFit
    size, sectors = _sector_size(data), _fat_sectors(data)
    if not sectors:
        raise _DoesNotFit
    fat = rng.choice(sectors)
    entry = rng.randrange(size // 4)
    offset = (fat + 1) * size + entry * 4
    sector_number = (offset - size) // 4  # the sector this entry describes is ``entry + fat_index * size/4``
    value = rng.choice((entry, 0, sector_number, 0xFFFFFFFD, 0xFFFFFFFA, 0x7FFFFFFF, len(data) // size + 5))
    return _patch(data, offset, "<I", value)


def _ole_directory(data: bytes, rng: random.Random) -> bytes:
    """Damage one 128-byte directory entry: its size, start sector, tree links or type."""
    if not data.startswith(_OLE):
        raise _DoesNotFit
    size = _sector_size(data)
    first = struct.unpack_from("<I", data, 0x30)[0]
    base = (first + 1) * size
    if base + 128 > len(data):
        raise _DoesNotFit
    entry = base + 128 * rng.randrange(min(4, (len(data) - base) // 128))
    field, fmt, values = rng.choice((
        (0x78, "<Q", (0xFFFFFFFFFFFFFFFF, 1 << 40, 1 << 31, 0, 4097)),
        (0x74, "<I", (0xFFFFFFFF, 0xFFFFFFFE, 0, 0x7FFFFFFF, 3)),
        (0x44, "<I", (0, 1, 2, 0xFFFFFFFE)),
        (0x48, "<I", (0, 1, 2, 0xFFFFFFFE)),
        (0x4C, "<I", (0, 1, 2, 0xFFFFFFFE)),
        (0x42, "<B", (0, 1, 2, 5, 0xFF)),
        (0x40, "<H", (0, 0xFFFF, 64)),
    ))  # fmt: skip
    return _patch(data, entry + field, fmt, rng.choice(values))


OPERATIONS: dict[str, Mutation] = {
    "bytes.flip": _flip,
    "bytes.overwrite": _overwrite,
    "bytes.truncate": _truncate,
    "bytes.insert": _insert,
    "bytes.delete": _delete,
    "bytes.duplicate": _duplicate,
    "zip.local_crc": _zip_field("local", 14, "<I"),
    "zip.local_sizes": _zip_field("local", 18, "<Q"),
    "zip.local_method": _zip_field("local", 8, "<H", (1, 6, 9, 12, 14, 19, 95, 98, 99, 0xFFFF)),
    "zip.local_flags": _zip_field("local", 6, "<H", (1, 8, 0x41, 0x800, 0xFFFF)),
    "zip.local_name_length": _zip_field("local", 26, "<H", (0, 1, 0xFFFF, 300)),
    "zip.local_extra_length": _zip_field("local", 28, "<H", (0, 4, 0xFFFF, 20)),
    "zip.central_crc": _zip_field("central", 16, "<I"),
    "zip.central_sizes": _zip_field("central", 20, "<Q"),
    "zip.central_method": _zip_field("central", 10, "<H", (1, 6, 9, 12, 14, 19, 95, 98, 99, 0xFFFF)),
    "zip.central_flags": _zip_field("central", 8, "<H", (1, 8, 0x41, 0x800, 0xFFFF)),
    "zip.central_offset": _zip_field("central", 42, "<I"),
    "zip.central_name_length": _zip_field("central", 28, "<H", (0, 1, 0xFFFF, 300)),
    "zip.end_entries": _zip_field("end", 8, "<I", (0, 1, 0xFFFF, 0xFFFFFFFF, 65535 << 16)),
    "zip.end_directory": _zip_field("end", 12, "<Q"),
    "zip.end_comment": _zip_field("end", 20, "<H", (1, 100, 0xFFFF)),
    "zip.drop_member": _zip_rebuild(_drop_member),
    "zip.duplicate_member": _zip_rebuild(_duplicate_member),
    "zip.rename_member": _zip_rebuild(_rename_member),
    **XML_OPERATIONS,
    **BIFF_OPERATIONS,
    "ole.header": _ole_header,
    "ole.fat": _ole_fat,
    "ole.directory": _ole_directory,
}
"""Every mutation by name."""
