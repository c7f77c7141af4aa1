"""What an .xlsx will make an engine do, found out before the engine is asked.

An .xlsx is a zip of XML parts. python-calamine (Rust) aborts the whole process, past any ``except``,
when a part makes it allocate more than there is: one cell at ``XFD1048576`` beside one at ``A1`` asks
for 17 billion cells; a ``sharedStrings`` part declaring 4,294,967,295 strings asks for that many.
So, before calamine sees a byte:

- the container: a readable zip, only the compressions Excel writes (stored, deflate), no zip-level
  encryption, no part inflating beyond its limit or its ratio, no XML part declaring a DTD;
- the count the engine reserves memory for: the shared strings';
- for each sheet, when it is first read, the span of its cells (the rectangle calamine allocates).

Sheets written the way Excel and every mainstream tool write them pass a quick whitelist of their cell
markup, which bounds the span; any other sheet is scanned cell by cell. A sheet whose span is too large
for calamine is read by a bounded streaming reader instead (:class:`SheetPlan`), keeping only the columns
and rows a template can have, and saying so.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from posixpath import dirname, join, normpath

import attrs

from cmrt.errors import CorruptFileError, UnsafeFileError
from cmrt.workbook.guard import engine_errors

MAX_UNCOMPRESSED_BYTES = 256 * 1024 * 1024
"""Largest total inflated size of an .xlsx's parts. A real template inflates to about 11 MB."""
MAX_PART_BYTES = 64 * 1024 * 1024
"""Largest inflated size of one part an engine parses. A real template's largest sheet is about 6 MB."""
MAX_SHARED_STRINGS_BYTES = 16 * 1024 * 1024
"""Largest inflated ``sharedStrings`` part; real templates have about 1 MB."""
MAX_RATIO = 200
"""Largest compression ratio of one part over 1 MB (real template parts stay well under 40)."""
MAX_MEMBERS = 5000
MAX_DECLARED_COUNT = 4_000_000
"""Largest count of shared strings a part may declare (calamine reserves memory for each). Real
templates declare about 20,000."""
MAX_SHEET_CELLS = 8_000_000
"""Largest rectangle of cells calamine may allocate for one sheet (about 250 MB). A real Smelter
List spans 2,504 rows by 34 columns, 85,000 cells."""
TEMPLATE_COLUMNS = 256
"""Columns a template can use: every RMI template fits the 256 columns of an .xls (A:IV)."""
TEMPLATE_ROWS = 65_536
"""Rows a template can use: the rows of an .xls."""

_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}
_DTD = re.compile(rb"<!DOCTYPE|<!ENTITY")
_COUNT = re.compile(rb'\b(count|uniqueCount)\s*=\s*["\']?([^"\'\s>]*)')
_SHEET = re.compile(rb"<(?:\w+:)?sheet\b([^>]*)>")
_SST = re.compile(rb"<(?:[\w.-]+:)?sst\b[^>]*>")
_ATTRIBUTE = re.compile(rb'([\w:]+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')
_RELATIONSHIP = re.compile(rb"<(?:\w+:)?Relationship\b([^>]*)>")
_CANONICAL_CELLS = re.compile(
    rb"<(?!/c>|c r=\"[A-Z]{1,2}[0-9]{1,4}\"[\s/>]|/[fv]>|f[\s>/]|v[\s>/]|/row>|row r=\"[0-9]{1,4}\"[\s/>]"
    rb"|/?is>|/?t[\s>]|/?r>|/?rPr>)"
)
"""Any tag in a sheet's cell data other than those Excel writes, with references of at most two column
letters and four row digits. Where there is none, the sheet spans at most ZZ9999 (7 million cells)."""
_CELL_OR_ROW = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(c|row)(?=[\s/>])([^>]*)>")
_REF = re.compile(rb"^\s*\$?([A-Za-z]{1,4})\$?([0-9]{1,8})\s*$")


def inspect_xlsx(data: bytes) -> XlsxPlan:
    """Check the container and the declared counts; returns the plan that checks each sheet on first use.

    Raises :class:`~cmrt.CorruptFileError` for a damaged container, :class:`~cmrt.UnsafeFileError` for
    one that passes a limit.
    """
    with engine_errors("damaged .xlsx (zip) container"):
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise UnsafeFileError(f"the .xlsx has {len(infos):,} parts; the limit is {MAX_MEMBERS:,}")
    total = sum(info.file_size for info in infos)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise UnsafeFileError(
            f"the .xlsx inflates to {total:,} bytes; the limit is {MAX_UNCOMPRESSED_BYTES:,}"
            " (decompression bomb?)"
        )
    for info in infos:
        _check_member(info)
    plan = XlsxPlan(archive, {info.filename.lower(): info for info in infos})
    for info in infos:  # a DTD comes first; openpyxl's defusedxml also refuses one found further in
        xml = info.filename.lower().endswith((".xml", ".rels", ".vml"))
        if xml and _DTD.search(plan.head(info.filename, 4096)):
            raise UnsafeFileError(f"part {info.filename} declares a DTD; refused (XML entity attack?)")
    plan.check_counts()
    return plan


def _check_member(info: zipfile.ZipInfo) -> None:
    if info.compress_type not in _METHODS:
        raise CorruptFileError(
            f"part {info.filename} uses zip compression method {info.compress_type}, which Excel never writes"
        )
    if info.flag_bits & 0x1:
        raise CorruptFileError(f"part {info.filename} is encrypted inside the zip, which Excel never does")
    ratio = info.file_size / info.compress_size if info.compress_size else 0
    if ratio > MAX_RATIO and info.file_size > 1 << 20:
        raise UnsafeFileError(f"part {info.filename} inflates {ratio:.0f}x (decompression bomb?)")


@attrs.frozen
class SheetPlan:
    """How to read one sheet: with calamine, or bounded to ``rows`` x ``columns`` by a streaming reader.

    ``rows`` and ``columns`` bound the sheet's cells (within a template's extent) either way, so that a
    fallback engine reading the sheet is bounded too."""

    calamine: bool
    rows: int = 9_999
    columns: int = TEMPLATE_COLUMNS
    note: str | None = None
    """What a bounded read leaves out, said to the user."""


@attrs.define
class XlsxPlan:
    """The container's parts, and what reading each sheet will cost."""

    archive: zipfile.ZipFile
    members: dict[str, zipfile.ZipInfo]
    _sheets: dict[str, str] | None = None

    def part(self, name: str) -> bytes:
        """A part's inflated bytes (``b""`` when there is none); one inflating past its limit is refused."""
        info = self.members.get(name.lower())
        if info is None:
            return b""
        if info.file_size > MAX_PART_BYTES:
            raise UnsafeFileError(
                f"part {info.filename} inflates to {info.file_size:,} bytes; the limit is {MAX_PART_BYTES:,}"
            )
        body = self.head(name, MAX_PART_BYTES + 1)
        if len(body) > MAX_PART_BYTES:  # the zip understated the size
            raise UnsafeFileError(f"part {info.filename} inflates past {MAX_PART_BYTES:,} bytes")
        return body

    def head(self, name: str, size: int) -> bytes:
        """The first ``size`` inflated bytes of a part."""
        info = self.members.get(name.lower())
        if info is None:
            return b""
        with engine_errors(f"damaged part {info.filename}"), self.archive.open(info) as stream:
            return stream.read(size)

    def check_counts(self) -> None:
        """The counts engines reserve memory for: the shared strings'."""
        for name, info in self.members.items():
            if name.endswith("sharedstrings.xml") and info.file_size > MAX_SHARED_STRINGS_BYTES:
                raise UnsafeFileError(
                    f"part {info.filename} inflates to {info.file_size:,} bytes; "
                    f"the limit is {MAX_SHARED_STRINGS_BYTES:,}"
                )
            if name.endswith("sharedstrings.xml"):  # calamine reserves a string for each one declared
                for tag in _SST.findall(self.part(info.filename)):
                    for attribute, value in _COUNT.findall(tag):
                        _check_count(info.filename, attribute, value)

    def sheet_parts(self) -> dict[str, str]:
        """Sheet name -> part name, as workbook.xml and its relationships say (engines resolve the same)."""
        if self._sheets is None:
            workbook = next(
                (n for n in self.members if n.endswith("workbook.xml") and "/" in n), "xl/workbook.xml"
            )
            rels = join(dirname(workbook), "_rels", "workbook.xml.rels")
            targets = {}
            for attributes in _RELATIONSHIP.findall(self.part(rels)):
                found = _attributes(attributes)
                if "Id" in found and "Target" in found:
                    target = found["Target"]
                    path = target.lstrip("/") if target.startswith("/") else join(dirname(workbook), target)
                    targets[found["Id"]] = normpath(path)
            self._sheets = {}
            for attributes in _SHEET.findall(self.part(workbook)):
                found = _attributes(attributes)
                rid = next((v for k, v in found.items() if k.endswith(":id")), None)
                if "name" in found and rid in targets:
                    self._sheets[found["name"]] = targets[rid]
        return self._sheets

    def plan_sheet(self, sheet: str) -> SheetPlan:
        """How ``sheet`` can be read safely. A sheet whose part cannot be found is judged by every
        worksheet part, as an engine might take any of them."""
        part = self.sheet_parts().get(sheet)
        parts = [part] if part and part.lower() in self.members else self._worksheet_parts()
        plans = [_plan_part(p, self.part(p)) for p in parts]
        bounded = [p for p in plans if not p.calamine]
        return bounded[0] if bounded else SheetPlan(True)

    def _worksheet_parts(self) -> list[str]:
        return [i.filename for n, i in self.members.items() if "worksheets/" in n and n.endswith(".xml")]


def _attributes(text: bytes) -> dict[str, str]:
    return {
        name.decode("utf-8", "replace"): (double if double is not None else single).decode("utf-8", "replace")
        for name, double, single in _ATTRIBUTE.findall(text)
    }


def _check_count(part: str, attribute: bytes, value: bytes) -> None:
    digits = value.strip()
    if not digits.isdigit() or len(digits) > 12 or int(digits) > MAX_DECLARED_COUNT:
        raise UnsafeFileError(
            f"part {part} declares {attribute.decode()}={value[:20].decode('ascii', 'replace')!r}; "
            f"the limit is {MAX_DECLARED_COUNT:,}"
        )


def _plan_part(name: str, body: bytes) -> SheetPlan:
    start = body.find(b"sheetData")
    if start < 0:
        return SheetPlan(True)
    head = body[:start]
    dimension = re.search(rb"<(?:\w+:)?dimension\b[^>]*\bref\s*=\s*[\"']([^\"']*)", head)
    if dimension and not _small_range(dimension.group(1)):
        return _scan(name, body[start:])
    opening = body.find(b">", start) + 1
    closing = body.rfind(b"sheetData>")  # what lies between holds every cell, whatever else it holds
    end = closing - 2 if closing > opening else len(body)  # unclosed: every cell to the end
    if not _CANONICAL_CELLS.search(body, opening, end):
        return SheetPlan(True)
    return _scan(name, body[start:])


def _small_range(text: bytes) -> bool:
    return all(re.fullmatch(rb"\$?[A-Z]{1,2}\$?[0-9]{1,4}", ref.strip()) for ref in text.split(b":"))


def _scan(name: str, cells: bytes) -> SheetPlan:
    """Every cell's position as calamine would place it; calamine if their rectangle is affordable."""
    top = left = None
    bottom = right = 0
    in_bounds_rows = in_bounds_columns = 0
    row = 0
    column = 0
    for tag, attributes in _positions(cells):
        if attributes.count(b'"') % 2 or attributes.count(b"'") % 2:
            raise CorruptFileError(f"malformed cell markup in part {name}")
        reference = _reference(attributes)
        if tag == b"row":
            row = int(reference) if reference and reference.isdigit() else row + 1
            column = 0
            continue
        if reference:
            match = _REF.match(reference)
            if not match:
                raise CorruptFileError(f"part {name} has a cell reference {reference[:20]!r} that is not one")
            column, row = _column_number(match.group(1)), int(match.group(2))
        else:
            column += 1
        top = row if top is None else min(top, row)
        left = column if left is None else min(left, column)
        bottom, right = max(bottom, row), max(right, column)
        if row <= TEMPLATE_ROWS and column <= TEMPLATE_COLUMNS:
            in_bounds_rows, in_bounds_columns = max(in_bounds_rows, row), max(in_bounds_columns, column)
    if top is None or left is None:
        return SheetPlan(True, 0, 0)
    span = (bottom - top + 1) * (right - left + 1)
    if span <= MAX_SHEET_CELLS:
        return SheetPlan(True, min(bottom, TEMPLATE_ROWS), min(right, TEMPLATE_COLUMNS))
    if in_bounds_rows * in_bounds_columns > MAX_SHEET_CELLS:
        raise UnsafeFileError(
            f"part {name} spans {in_bounds_rows:,} rows x {in_bounds_columns:,} columns; the limit is "
            f"{MAX_SHEET_CELLS:,} cells"
        )
    return SheetPlan(
        False,
        in_bounds_rows,
        in_bounds_columns,
        f"cells beyond row {TEMPLATE_ROWS:,} or column IV ({TEMPLATE_COLUMNS}) were ignored: "
        f"the sheet reaches row {bottom:,}, column {right:,}, where no template has cells",
    )


def _positions(cells: bytes) -> Iterator[tuple[bytes, bytes]]:
    for match in _CELL_OR_ROW.finditer(cells):
        yield match.group(1), match.group(2)


def _reference(attributes: bytes) -> bytes | None:
    for found in re.finditer(rb'(?:^|\s)r\s*=\s*(?:"([^"]*)"|\'([^\']*)\')', attributes):
        return found.group(1) if found.group(1) is not None else found.group(2)
    return None


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - 64
    return number
