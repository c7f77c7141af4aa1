"""What an .xlsx will make an engine do, found out before the engine is asked.

An .xlsx is a zip of XML parts. python-calamine (Rust) aborts the whole process, past any ``except``,
when a part makes it allocate more than there is: one cell at ``XFD1048576`` beside one at ``A1`` asks
for 17 billion cells; a ``sharedStrings`` part declaring 4,294,967,295 strings asks for that many.
So, before calamine sees a byte:

- the container: a readable zip, only the compressions Excel writes (stored, deflate), no zip-level
  encryption, no part inflating beyond its limit or its ratio, no part an engine parses declaring a DTD;
- the count the engine reserves memory for: the shared strings';
- for each sheet, when it is first read, the span of its cells (the rectangle calamine allocates).

Sheets written the way Excel and every mainstream tool write them pass a quick check of their cell tags,
which bounds the span; any other sheet is scanned cell by cell. A sheet whose span is too large
for calamine is read by a bounded streaming reader instead (:class:`SheetPlan`), keeping only the columns
and rows a template can have, and saying so.
"""

from __future__ import annotations

import contextlib
import functools
import io
import re
import struct
import zipfile
import zlib
from posixpath import dirname, join, normpath
from typing import NamedTuple

from cmrt.errors import CorruptFileError, NotExcelError, UnsafeFileError
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
_OPENED = (".rels", "workbook.xml", "sharedstrings.xml", "styles.xml", "[content_types].xml")
"""Parts an engine parses when it opens a workbook."""
_UNIQUE_COUNT = re.compile(rb'\buniqueCount\s*=\s*["\']([^"\']*)')
"""calamine reserves ``uniqueCount`` strings when the value is all digits (``count`` it ignores)."""
_SHEET = re.compile(rb"<(?:\w+:)?sheet\b([^>]*)>")
_SST = re.compile(rb"sst\b[^>]*>")
"""The shared strings' root tag from its name on (``<sst ...>``, ``<x:sst ...>``): a search for a literal
skips the text between tags, where one for every ``<`` stops at each of the thousands of strings."""
_NAME_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-")
"""What a namespace prefix is made of (``[\\w.-]``, as the tag patterns here take it)."""
_ATTRIBUTE = re.compile(rb'([\w:]+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')
_RELATIONSHIP = re.compile(rb"<(?:\w+:)?Relationship\b([^>]*)>")
_ODD_CELL = re.compile(rb'<c(?=[\s/>])(?! r="[A-Z]{1,2}+[0-9]{1,4}+"[\s/>])')
_PREFIXED_CELL = re.compile(rb":c[\s/>]")
"""A cell tag other than Excel's own (``<c r="AB1234"``: at most two column letters and four row digits),
and one with a namespace prefix (calamine takes it as a cell). Where there is none, every cell is where
its own reference says, and the sheet spans at most ZZ9999 (7 million cells): calamine places a cell by
the row element only when the cell has no reference, and other tags (values, formulas, rich inline text)
place none. Two searches for a literal cost a third less than a look at every tag: 7.5 ms against 11.5
on a real Smelter List (5.8 MB); less would take a faster scanner than Python's regular expressions."""
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\b[^>]*\bref\s*=\s*[\"']([^\"']*)")


@functools.cache
def _scan_patterns() -> tuple[re.Pattern[bytes], re.Pattern[bytes], re.Pattern[bytes]]:
    """Start, end and empty tags of cells and rows (with any namespace prefix), a tag's ``r`` attribute,
    and a cell reference: compiled for the first sheet the quick check of cell tags cannot bound."""
    return (
        re.compile(rb"<(/?)(?:[A-Za-z_][\w.-]*:)?(c|row)(?=[\s/>])([^>]*)>"),
        re.compile(rb'(?:^|\s)r\s*=\s*(?:"([^"]*)"|\'([^\']*)\')'),
        re.compile(rb"^\s*\$?([A-Za-z]{1,4})\$?([0-9]{1,9})\s*$"),
    )


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
    members: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        _check_member(info)
        if members.setdefault(_key(info.filename), info) is not info:  # which an engine takes: unknown
            raise CorruptFileError(
                f"two parts are named {info.filename!r} (case and slashes aside), which Excel never writes"
            )
    plan = XlsxPlan(archive, members, data)
    plan.check_kind()
    for info in infos:  # the parts engines parse on opening; each sheet is looked at when it is read
        if info.filename.lower().endswith(_OPENED):
            _refuse_dtd(info.filename, plan.head(info.filename, 4096))
    plan.check_counts()
    return plan


def _key(name: str) -> str:
    """A part name as calamine matches it: case-insensitive, backslashes as slashes, no leading slash."""
    return name.replace("\\", "/").lstrip("/").lower()


def _refuse_dtd(name: str, head: bytes) -> None:
    """A DTD comes before the root element (openpyxl's defusedxml also refuses one found further in)."""
    if _DTD.search(head):
        raise UnsafeFileError(f"part {name} declares a DTD; refused (XML entity attack?)")


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


class SheetPlan(NamedTuple):
    """How to read one sheet: with calamine, or bounded to ``rows`` x ``columns`` by a streaming reader.

    ``rows`` and ``columns`` bound the sheet's cells (within a template's extent) either way, so that a
    fallback engine reading the sheet is bounded too. (Not attrs: this module is imported before a
    read starts the engine, and attrs is imported while the engine works.)"""

    calamine: bool
    rows: int = 9_999
    columns: int = TEMPLATE_COLUMNS
    note: str | None = None
    """What a bounded read leaves out, said to the user."""


class XlsxPlan:
    """The container's parts, and what reading each sheet will cost."""

    def __init__(self, archive: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo], data: bytes) -> None:
        self.archive = archive
        self.members = members
        self.data = data
        """The container's bytes, whose parts :meth:`part` inflates in one go."""
        self._sheets: dict[str, list[str]] | None = None
        self._planned: dict[str, SheetPlan] = {}
        """Each part's plan once made: a sheet checked ahead of its read is not checked again."""
        self._inflated: dict[str, bytes] = {}
        """Sheet parts inflated ahead of their check (:meth:`inflate`), each kept until it is checked."""

    def part(self, name: str, *, crc: bool = True) -> bytes:
        """A part's inflated bytes (``b""`` when there is none); one inflating past its limit is refused,
        and one whose bytes are not those the zip's directory says (size; CRC unless ``crc`` is false) is
        corrupt."""
        info = self.members.get(_key(name))
        if info is None:
            return b""
        if info.file_size > MAX_PART_BYTES:
            raise UnsafeFileError(
                f"part {info.filename} inflates to {info.file_size:,} bytes; the limit is {MAX_PART_BYTES:,}"
            )
        with engine_errors(f"damaged part {info.filename}"):
            body = _inflate(memoryview(self.data), info)
        if len(body) != info.file_size:  # never more than one byte past the size it declares
            raise CorruptFileError(
                f"part {info.filename} inflates to other than the {info.file_size:,} bytes the zip says"
            )
        if crc and zlib.crc32(body) != info.CRC:
            raise CorruptFileError(f"part {info.filename} is damaged: its CRC is not the zip's")
        return body

    def head(self, name: str, size: int) -> bytes:
        """The first ``size`` inflated bytes of a part."""
        info = self.members.get(_key(name))
        if info is None:
            return b""
        with engine_errors(f"damaged part {info.filename}"):
            raw = _compressed(memoryview(self.data), info)  # as _inflate reads: zipfile's reader costs
            if info.compress_type == zipfile.ZIP_STORED:  # more to set up than 4 KB cost to inflate
                return bytes(raw[:size])
            try:
                return zlib.decompressobj(-15).decompress(raw, size)
            except zlib.error as exc:
                raise CorruptFileError(f"part {info.filename} is damaged: {exc}") from None

    def check_kind(self) -> None:
        """An .xlsx, not another zip: where calamine fails on the workbook part, it tries the zip as an
        .xlsb and as an OpenDocument spreadsheet, whose parsers have their own limits (or none)."""
        if "content.xml" in self.members or "mimetype" in self.members:
            raise NotExcelError("an OpenDocument spreadsheet (.ods); cmrt reads .xlsx, .xlsm and .xls")
        if any(name.endswith(".bin") and "workbook" in name for name in self.members):
            raise NotExcelError("an Excel binary workbook (.xlsb); save it as .xlsx")
        if _key(self.workbook_part()) not in self.members:
            raise CorruptFileError("a zip without the workbook part of an .xlsx")

    def check_counts(self) -> None:
        """The count calamine reserves memory for: the shared strings' ``uniqueCount``."""
        for name, info in self.members.items():
            if not name.endswith("sharedstrings.xml"):
                continue
            if info.file_size > MAX_SHARED_STRINGS_BYTES:
                raise UnsafeFileError(
                    f"part {info.filename} inflates to {info.file_size:,} bytes; "
                    f"the limit is {MAX_SHARED_STRINGS_BYTES:,}"
                )
            body = self.part(info.filename)
            for match in _SST.finditer(body):
                if not _tag_name_at(body, match.start()):
                    continue  # "sst" in a string
                for value in _UNIQUE_COUNT.findall(match.group()):
                    if value.isdigit() and int(value) > MAX_DECLARED_COUNT:  # calamine skips other values
                        raise UnsafeFileError(
                            f"part {info.filename} declares {int(value):,} strings; the limit is "
                            f"{MAX_DECLARED_COUNT:,}"
                        )

    def workbook_part(self) -> str:
        """The workbook part, as the package's relationships name it (``xl/workbook.xml`` by default)."""
        for attributes in _RELATIONSHIP.findall(self.part("_rels/.rels")):
            found = _attributes(attributes)
            if found.get("Type", "").endswith("/officeDocument") and "Target" in found:
                return _key(normpath(found["Target"].replace("\\", "/").lstrip("/")))
        return "xl/workbook.xml"

    def sheet_parts(self) -> dict[str, str]:
        """Sheet name -> part name, as workbook.xml and its relationships say (engines resolve the same:
        names and targets unescaped as XML, the first sheet of a name taking it)."""
        named = self._named_parts().items()
        return {name: next((p for p in parts if p in self.members), parts[0]) for name, parts in named}

    def _named_parts(self) -> dict[str, list[str]]:
        """Sheet name -> every part that name may stand for. The package's relationships name the
        workbook part, but calamine reads ``xl/workbook.xml`` whatever they say; two sheets may bear one
        name once their names are unescaped (``&#68;eclaration`` is ``Declaration`` to an engine); an id
        may be given twice. Which of them an engine takes is its business, so each is checked."""
        if self._sheets is None:
            self._sheets = {}
            for workbook in dict.fromkeys((self.workbook_part(), "xl/workbook.xml")):
                if workbook not in self.members:
                    continue
                rels = join(dirname(workbook), "_rels", workbook.rsplit("/", 1)[-1] + ".rels")
                targets: dict[str, list[str]] = {}
                for attributes in _RELATIONSHIP.findall(self.part(rels)):
                    found = _attributes(attributes)
                    if "Id" in found and "Target" in found:
                        targets.setdefault(found["Id"], []).extend(_candidates(workbook, found["Target"]))
                for attributes in _SHEET.findall(self.part(workbook)):
                    found = _attributes(attributes)
                    rid = next((v for k, v in found.items() if k.endswith(":id")), None)
                    if "name" in found and rid in targets:
                        self._sheets.setdefault(found["name"], []).extend(targets[rid])
        return self._sheets

    def plan_sheet(self, sheet: str) -> SheetPlan:
        """How ``sheet`` can be read safely: every part its name may stand for checked. A sheet whose part
        cannot be found is judged by every XML part, as an engine might take any of them."""
        parts = [part for part in self._named_parts().get(sheet, []) if part in self.members]
        if not parts:
            parts = [n for n in self.members if n.endswith(".xml") and not n.endswith(_OPENED)]
        plans = [self._part_plan(name) for name in dict.fromkeys(parts)]
        if not plans:
            return SheetPlan(True, 0, 0)
        return SheetPlan(
            all(p.calamine for p in plans),
            max(p.rows for p in plans),
            max(p.columns for p in plans),
            next((p.note for p in plans if p.note), None),
        )

    def inflate(self, sheet: str) -> None:
        """Inflate ``sheet``'s part ahead of its check: zlib lets other threads run meanwhile, where the
        check's regular expressions do not. A part that cannot be inflated is left for the check to say so."""
        with contextlib.suppress(Exception):
            part = self.sheet_parts().get(sheet)
            if part in self.members and part not in self._planned and part not in self._inflated:
                self._inflated[part] = self.part(part, crc=False)

    def _part_plan(self, name: str) -> SheetPlan:
        if name not in self._planned:
            body = self._inflated.pop(name, None)
            if body is None:
                body = self.part(name, crc=False)  # the engines check it as they read the sheet: 1.5 ms saved
            _refuse_dtd(name, body[:4096])
            self._planned[name] = _plan_part(name, body)
        return self._planned[name]


def _candidates(workbook: str, target: str) -> list[str]:
    """The parts a relationship's target may name, as engines resolve it: from the workbook's folder or
    from ``xl/``, with ``..`` and ``.`` resolved or kept as written (a zip may hold a part literally
    named ``xl/worksheets/../worksheets/sheet1.xml``)."""
    target = target.replace("\\", "/")
    paths = (
        [target.lstrip("/")] if target.startswith("/") else [join(dirname(workbook), target), "xl/" + target]
    )
    return list(dict.fromkeys(_key(p) for path in paths for p in (normpath(path), path)))


def _compressed(data: memoryview, info: zipfile.ZipInfo) -> memoryview:
    """A part's stored bytes, where its local header says they begin."""
    start = info.header_offset
    header = bytes(data[start : start + 30])
    if len(header) < 30 or not header.startswith(b"PK\x03\x04"):
        raise CorruptFileError(f"part {info.filename} has no local header where the zip's directory says")
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    begin = start + 30 + name_length + extra_length
    raw = data[begin : begin + info.compress_size]
    if len(raw) < info.compress_size:
        raise CorruptFileError(f"part {info.filename} is cut short")
    return raw


def _inflate(data: memoryview, info: zipfile.ZipInfo) -> bytes:
    """A part's bytes, read where its local header says and inflated in one call, to at most one byte past
    its declared size (which tells a zip that understates it). zipfile's reader takes up to 2.7 times as
    long on a real Smelter List saved by Excel (5.8 MB)."""
    raw = _compressed(data, info)
    if info.compress_type == zipfile.ZIP_STORED:
        return bytes(raw[: info.file_size + 1])
    try:
        return zlib.decompressobj(-15).decompress(raw, info.file_size + 1)
    except zlib.error as exc:  # the file's fault, in zlib's words
        raise CorruptFileError(f"part {info.filename} is damaged: {exc}") from None


def _tag_name_at(body: bytes, at: int) -> bool:
    """Whether the name at ``at`` is a tag's: after ``<``, or after ``<`` and a prefix (``<x:``)."""
    if body[at - 1 : at] == b"<":
        return True
    if body[at - 1 : at] != b":":
        return False
    start = at - 1
    while start > 0 and body[start - 1] in _NAME_BYTES:  # rare: only a "sst" after a colon comes here
        start -= 1
    return start < at - 1 and body[start - 1 : start] == b"<"


def _attributes(text: bytes) -> dict[str, str]:
    """A tag's attributes, their values unescaped as an XML parser gives them to an engine."""
    return {
        name.decode("utf-8", "replace"): _unescape(
            (double if double is not None else single).decode("utf-8", "replace")
        )
        for name, double, single in _ATTRIBUTE.findall(text)
    }


_ENTITY = re.compile(r"&(?:#([0-9]+)|#[xX]([0-9a-fA-F]+)|(amp|lt|gt|quot|apos));")
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


def _unescape(value: str) -> str:
    """XML's five entities and character references replaced (anything else left as written)."""
    if "&" not in value:
        return value

    def one(match: re.Match[str]) -> str:
        if match.group(3):
            return _ENTITIES[match.group(3)]
        code = int(match.group(1) or match.group(2), 10 if match.group(1) else 16)
        return chr(code) if 0 < code < 0x110000 else match.group()

    return _ENTITY.sub(one, value)


def _plan_part(name: str, body: bytes) -> SheetPlan:
    start = body.find(b"sheetData")
    if start < 0:
        return SheetPlan(True)
    head = body[:start]
    dimension = _DIMENSION.search(head)
    if dimension and not _small_range(dimension.group(1)):
        return _scan(name, body[start:])
    opening = body.find(b">", start) + 1
    closing = body.rfind(b"sheetData>")  # what lies between holds every cell, whatever else it holds
    end = closing - 2 if closing > opening else len(body)  # unclosed: every cell to the end
    if not (_ODD_CELL.search(body, opening, end) or _PREFIXED_CELL.search(body, opening, end)):
        return SheetPlan(True)
    return _scan(name, body[start:])


def _small_range(text: bytes) -> bool:
    return all(re.fullmatch(rb"\$?[A-Z]{1,2}\$?[0-9]{1,4}", ref.strip()) for ref in text.split(b":"))


def _scan(name: str, cells: bytes) -> SheetPlan:
    """Every cell's position as calamine places it, and whether the rectangle from A1 to the farthest
    one is affordable (python-calamine's ``to_python`` allocates from A1, not from the first cell).

    calamine's rules: a ``<c r="..">`` is where its reference says; a ``<c>`` without one takes the
    next column of the current row, which ``<row r="N">`` sets and every end of a row advances;
    elements match by local name, whatever their prefix. A cell is counted at the further of its own
    row and its row element's, and empty cells count too: the rectangle can only be overstated."""
    tags, _, reference = _scan_patterns()
    row, column = 0, -1
    bottom = right = -1
    kept_rows = kept_columns = 0
    for closing, tag, attributes in tags.findall(cells):
        if attributes.count(b'"') % 2 or attributes.count(b"'") % 2:
            raise CorruptFileError(f"malformed cell markup in part {name}")
        ends = closing or attributes.rstrip().endswith(b"/")
        if tag == b"row":
            if not closing:
                given = _reference(attributes)
                if given is not None:
                    if not given.strip().isdigit() or len(given.strip()) > 9:
                        raise CorruptFileError(f"part {name} has a row number {given[:20]!r} that is not one")
                    row = int(given) - 1
            if ends:
                row += 1
            column = -1
            continue
        if closing:
            continue
        given = _reference(attributes)
        place = row
        if given:
            match = reference.match(given)
            if not match:
                raise CorruptFileError(f"part {name} has a cell reference {given[:20]!r} that is not one")
            column = _column_number(match.group(1)) - 1
            place = max(row, int(match.group(2)) - 1)  # its own row; the row element's, if further
        else:
            column += 1
        bottom, right = max(bottom, place), max(right, column)
        if place < TEMPLATE_ROWS and column < TEMPLATE_COLUMNS:
            kept_rows, kept_columns = max(kept_rows, place + 1), max(kept_columns, column + 1)
    if bottom < 0:
        return SheetPlan(True, 0, 0)
    if (bottom + 1) * (right + 1) <= MAX_SHEET_CELLS:
        return SheetPlan(True, min(bottom + 1, TEMPLATE_ROWS), min(right + 1, TEMPLATE_COLUMNS))
    if kept_rows * kept_columns > MAX_SHEET_CELLS:
        raise UnsafeFileError(
            f"part {name} spans {kept_rows:,} rows x {kept_columns:,} columns; the limit is "
            f"{MAX_SHEET_CELLS:,} cells"
        )
    return SheetPlan(
        False,
        kept_rows,
        kept_columns,
        f"cells beyond row {TEMPLATE_ROWS:,} or column IV ({TEMPLATE_COLUMNS}) were ignored: "
        f"the sheet reaches row {bottom + 1:,}, column {right + 1:,}, where no template has cells",
    )


def _reference(attributes: bytes) -> bytes | None:
    found = _scan_patterns()[1].search(attributes)
    if found is None:
        return None
    return found.group(1) if found.group(1) is not None else found.group(2)


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - 64
    return number
