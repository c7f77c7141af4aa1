"""What an .xls will make an engine do, found out before the engine is asked.

An .xls is an OLE2 compound file whose ``Workbook`` stream is a sequence of BIFF records. Its sizes,
counts and cell positions are numbers the file declares, and python-calamine (Rust) trusts them: a
``DIMENSIONS`` record or a cell at column 65,535 makes it allocate a rectangle of billions of cells and
abort the process. So, before calamine sees a byte:

- the container: a sane header (sector sizes, counts of FAT sectors within the file), every stream
  no larger than the file that holds it;
- the records as the engine walks them (the globals, then each sheet from the offset its ``BOUNDSHEET``
  record gives, damaged or not): ``MULRK``/``MULBLANK`` column ranges that are ranges, no record claiming
  encryption in a stream that is not encrypted;
- per sheet, the rectangle its cells and its ``DIMENSIONS`` record span, within the same cell budget as
  an .xlsx sheet (an .xls sheet has at most 65,536 rows and 256 columns).
"""

from __future__ import annotations

import struct

from cmrt.errors import CorruptFileError, UnsafeFileError
from cmrt.workbook.guard import engine_errors
from cmrt.workbook.xlsx import MAX_SHEET_CELLS

XLS_ROWS = 65_536
XLS_COLUMNS = 256

_EOF, _FILEPASS, _BOUNDSHEET, _DIMENSIONS, _MULRK, _MULBLANK = 0x000A, 0x002F, 0x0085, 0x0200, 0x00BD, 0x00BE
_POSITIONED = frozenset(
    {0x0006, 0x00FD, 0x0203, 0x027E, 0x0201, 0x0204, 0x0205, 0x00BD, 0x00BE, 0x00D6, 0x0406, 0x0206,
     0x0002, 0x0003, 0x0004, 0x0005, 0x007E}
)  # fmt: skip
"""Records that start with a cell's row and column: FORMULA, LABELSST, NUMBER, RK, BLANK, LABEL,
BOOLERR, MULRK, MULBLANK, RSTRING, and the BIFF2-4 forms of these."""


def inspect_xls(data: bytes) -> None:
    """Check the OLE2 container and the workbook stream's records.

    Raises :class:`~cmrt.CorruptFileError` for a damaged file, :class:`~cmrt.UnsafeFileError` for one
    that passes a limit; returns quietly where there is no workbook stream to check (the engine will say).
    """
    stream = _workbook_stream(data)
    if stream is not None:
        check_records(stream)


def _workbook_stream(data: bytes) -> bytes | None:
    import olefile

    check_header(data)
    with engine_errors("damaged OLE2 container"), olefile.OleFileIO(data) as ole:
        for entry in ole.direntries:
            if entry is not None and entry.size > len(data):
                raise CorruptFileError(
                    f"the OLE2 stream {entry.name!r} claims {entry.size:,} bytes in a file of {len(data):,}"
                )
        for name in ("Workbook", "Book"):
            if ole.exists(name):
                return ole.openstream(name).read()
    return None


def check_header(data: bytes) -> None:
    """The OLE2 header's sector sizes and counts are possible for a file of this length."""
    if len(data) < 512:
        raise CorruptFileError(f"truncated OLE2 file ({len(data)} bytes)")
    sector_shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
    if sector_shift not in (9, 12) or mini_shift != 6:
        raise CorruptFileError(f"damaged OLE2 header (sector shifts {sector_shift}, {mini_shift})")
    sectors = len(data) >> sector_shift
    fat_sectors, first_directory = struct.unpack_from("<II", data, 0x2C)
    if fat_sectors > sectors:
        raise CorruptFileError(f"damaged OLE2 header ({fat_sectors:,} FAT sectors in {sectors:,})")
    if first_directory >= sectors and first_directory < 0xFFFFFFFA:
        raise CorruptFileError("damaged OLE2 header (directory beyond the end of the file)")


def check_records(stream: bytes) -> None:
    """Walk the BIFF records as an engine does: the globals from the start, then each sheet from the
    offset its BOUNDSHEET record gives (a damaged offset lands mid-record, and the engine reads on from
    there), to the sheet's EOF. Checks bounds, counts, and each sheet's span of cells."""
    sheets = _walk_globals(stream)
    walked = 0
    for offset in sorted(set(sheets)):
        walked += _walk_sheet(stream, offset)
        if walked > 4 * len(stream) + (1 << 20):
            raise UnsafeFileError("the .xls sheets overlap one another many times over (a crafted file?)")


def _walk_globals(stream: bytes) -> list[int]:
    """The sheet offsets the globals declare; checks their records on the way."""
    unpack = struct.unpack_from
    offset, end = 0, len(stream)
    sheets: list[int] = []
    while offset + 4 <= end:
        kind, length = unpack("<HH", stream, offset)
        body = offset + 4
        offset = body + length
        if offset > end:
            break  # a last record cut short: engines stop there
        if kind == _BOUNDSHEET and length >= 4:
            sheets.append(unpack("<I", stream, body)[0])
        elif kind == _FILEPASS:
            raise CorruptFileError("a record says the workbook is encrypted, yet the file is not")
        elif kind == _EOF:
            break
    return [s for s in sheets if s < end]


def _walk_sheet(stream: bytes, offset: int) -> int:
    """Check one sheet's records from ``offset`` to its EOF; returns the bytes walked."""
    unpack = struct.unpack_from
    start, end = offset, len(stream)
    top = left = XLS_ROWS * XLS_COLUMNS
    bottom = right = -1
    declared = 0
    while offset + 4 <= end:
        kind, length = unpack("<HH", stream, offset)
        body = offset + 4
        offset = body + length
        if offset > end:
            break
        if kind in _POSITIONED:
            if length < 4:
                raise CorruptFileError(f"a cell record of {length} bytes at offset {body - 4:,}")
            row, column = unpack("<HH", stream, body)
            last = column
            if kind in (_MULRK, _MULBLANK):
                last = unpack("<H", stream, offset - 2)[0] if length >= 6 else -1
                width = 6 if kind == _MULRK else 2
                if last < column or length != 6 + width * (last - column + 1):
                    raise CorruptFileError(f"a damaged MULRK/MULBLANK record at offset {body - 4:,}")
            top, bottom = min(top, row), max(bottom, row)
            left, right = min(left, column), max(right, last)
        elif kind == _DIMENSIONS:
            declared = _dimensions(stream, body, length)
        elif kind == _FILEPASS:
            raise CorruptFileError("a record says the workbook is encrypted, yet the file is not")
        elif kind == _EOF:
            break
    _check_span(top, left, bottom, right, declared)
    return offset - start


def _dimensions(stream: bytes, body: int, length: int) -> int:
    """The number of cells a DIMENSIONS record declares (engines may reserve them)."""
    if length >= 14:
        first_row, last_row, first_column, last_column = struct.unpack_from("<IIHH", stream, body)
    elif length >= 10:
        first_row, last_row, first_column, last_column = struct.unpack_from("<HHHH", stream, body)
    else:
        return 0
    if last_row > XLS_ROWS or last_column > XLS_COLUMNS or first_row > last_row or first_column > last_column:
        raise CorruptFileError(
            f"a DIMENSIONS record declares rows {first_row:,}-{last_row:,}, columns {first_column:,}-"
            f"{last_column:,}; an .xls sheet has {XLS_ROWS:,} rows and {XLS_COLUMNS} columns"
        )
    return (last_row - first_row) * (last_column - first_column)


def _check_span(top: int, left: int, bottom: int, right: int, declared: int) -> None:
    cells = (bottom - top + 1) * (right - left + 1) if bottom >= 0 else 0
    if bottom >= XLS_ROWS or right >= XLS_COLUMNS:
        raise CorruptFileError(
            f"a cell at row {bottom + 1:,}, column {right + 1:,}: beyond the {XLS_ROWS:,} rows and "
            f"{XLS_COLUMNS} columns an .xls sheet has"
        )
    if max(cells, declared) > MAX_SHEET_CELLS:
        raise UnsafeFileError(
            f"an .xls sheet spans {max(cells, declared):,} cells; the limit is {MAX_SHEET_CELLS:,}"
        )
