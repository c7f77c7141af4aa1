"""Damage to the XML parts inside an .xlsx: extreme cell references and counts, broken markup,
encodings, deep nesting, DTDs, missing or misdirected parts (see :mod:`cmrt.testing.mutate`)."""

from __future__ import annotations

import random
import re
from collections.abc import Callable

from cmrt.reading.cells import column_letter
from cmrt.testing.containers import DoesNotFit, Mutation, write_zip, zip_members

__all__ = ["XML_OPERATIONS"]


_SHEET = re.compile(r"xl/worksheets/sheet\d+\.xml$")
_EXTREME_REFS = ("XFD1048576", "A1048576", "XFD1", "ZZZZ1", "A0", "A4294967296", "A99999999999", "AAA65536",
                 "1A", "", "-1", "A-1", "A 1", "ÄB1")  # fmt: skip
_EXTREME_NUMBERS = ("4294967295", "4294967296", "2147483648", "-1", "-2147483649", "99999999999999999999",
                    "1e308", "NaN", "0", "", "1.5", "0x10", "١٢")  # fmt: skip


def _xml_edit(choose: Callable[[str], bool], edit: Callable[[bytes, random.Random], bytes]) -> Mutation:
    """Apply ``edit`` to one part whose name ``choose`` accepts (sheets weighted first), then rezip."""

    def mutation(data: bytes, rng: random.Random) -> bytes:
        members = zip_members(data)
        candidates = [i for i, (info, _) in enumerate(members) if choose(info.filename)]
        if not candidates:
            raise DoesNotFit
        index = rng.choice(candidates)
        info, body = members[index]
        members[index] = (info, edit(body, rng))
        return write_zip(members)

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
            raise DoesNotFit
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
        raise DoesNotFit
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
