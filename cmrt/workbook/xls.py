"""What an .xls will make an engine do, found out before the engine is asked.

An .xls is an OLE2 compound file whose ``Workbook`` stream is a sequence of BIFF records. Its sizes,
counts and cell positions are numbers the file declares, and python-calamine (Rust) trusts them: a
``DIMENSIONS`` record or a cell at column 65,535 makes it allocate a rectangle of billions of cells and
abort the process. So, before calamine sees a byte:

- the container (:mod:`~cmrt.workbook.ole`): every chain walked, no loops, no sector past the end, no
  size beyond its chain; and not a zip as well (calamine would try that next, unchecked);
- the records as the engine walks them (the globals, then each sheet from the offset its ``BOUNDSHEET``
  record gives, damaged or not): ``MULRK``/``MULBLANK`` column ranges that are ranges, no record claiming
  encryption in a stream that is not encrypted;
- per sheet, the rectangle its cells and its ``DIMENSIONS`` record span, within the same cell budget as
  an .xlsx sheet (an .xls sheet has at most 65,536 rows and 256 columns).

An encrypted workbook's records are checked in the pass that decryption makes anyway
(:func:`restore_and_check`), wherever that walk is the engine's walk; its verdict travels with the
decrypted container (``Compound.checked``), so :func:`inspect_xls` does not walk the records again.
"""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Callable, Container

from cmrt.errors import CorruptFileError, UnsafeFileError
from cmrt.workbook import ole
from cmrt.workbook.xlsx import MAX_SHEET_CELLS

XLS_ROWS = 65_536
XLS_COLUMNS = 256
MAX_XLS_CELLS = MAX_SHEET_CELLS // 2
"""calamine keeps an .xls sheet's cells twice (built at open, copied when read)."""

_EOF, _FILEPASS, _BOUNDSHEET, _DIMENSIONS, _MULRK, _MULBLANK = 0x000A, 0x002F, 0x0085, 0x0200, 0x00BD, 0x00BE
_POSITIONED = frozenset(
    {0x0006, 0x00FD, 0x0203, 0x027E, 0x0201, 0x0204, 0x0205, 0x00BD, 0x00BE, 0x00D6, 0x0406, 0x0206,
     0x0002, 0x0003, 0x0004, 0x0005, 0x007E}
)  # fmt: skip
"""Records that start with a cell's row and column: FORMULA, LABELSST, NUMBER, RK, BLANK, LABEL,
BOOLERR, MULRK, MULBLANK, RSTRING, and the BIFF2-4 forms of these."""
_RANGED = frozenset({_MULRK, _MULBLANK})
_SINGLE = _POSITIONED - _RANGED
"""Records of one cell, tested first: most records of a sheet are these."""
_HEADER, _COLUMN, _POSITION = struct.Struct("<HH"), struct.Struct("<H"), struct.Struct("<I")
"""A record's type and size (and a cell's row and column); a MULRK's or MULBLANK's last column; a sheet's
stream position (a BOUNDSHEET's first field)."""


def inspect_xls(data: bytes, compound: ole.Compound | None = None) -> None:
    """Check the OLE2 container (:mod:`~cmrt.workbook.ole`) and the workbook stream's records.

    ``compound`` is ``data``'s container where the caller has walked it already. Raises
    :class:`~cmrt.CorruptFileError` for a damaged file, :class:`~cmrt.UnsafeFileError` for one that passes
    a limit; returns quietly where there is no workbook stream to check (the engine will say).
    """
    if zipfile.is_zipfile(io.BytesIO(data)):  # calamine would try it as an .xlsx, unchecked
        raise CorruptFileError("a file that is both an OLE2 compound file and a zip archive")
    if compound is None or compound.data is not data:
        compound = ole.Compound(data)
    found = compound.streams
    name = "Workbook" if "Workbook" in found else "Book"
    if name in compound.checked:  # walked already, as it was decrypted
        error = compound.checked[name]
        if error is not None:
            raise error
    elif name in found:
        check_records(found[name])


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


def restore_and_check(
    encrypted: bytes, plain: bytearray, keep: Container[int]
) -> list[tuple[int, int, int]] | None:
    """Put each record header of ``encrypted`` (headers are never encrypted) back into ``plain`` (the
    stream decrypted whole), and in the same pass check ``plain`` as :func:`check_records` would check it
    once its FILEPASS records are written over with zeros; returns the (offset, type, size) of the
    records whose type is in ``keep``, for the caller to finish.

    The one walk serves both only where it is the engine's walk: where every sheet's offset is a record
    boundary of it past the globals, and no sheet begins inside another. ``None`` where not so (or where
    the last record runs past the end): then nothing is decided, and :func:`check_records` must walk
    ``plain`` once it is finished. Raises what :func:`check_records` would raise (``plain``'s headers are
    then not all back). A record past the end may also stop it with :class:`struct.error`.
    """
    unpack, put, end = _HEADER.unpack_from, _HEADER.pack_into, len(encrypted)
    kept: list[tuple[int, int, int]] = []
    sheets: list[int] = []
    offset = 0
    while offset + 4 <= end:  # the globals
        kind, length = unpack(encrypted, offset)
        put(plain, offset, kind, length)
        if kind in keep:
            kept.append((offset, kind, length))
        body = offset + 4
        offset = body + length
        if kind == _BOUNDSHEET and length >= 4:
            sheets.append(_POSITION.unpack_from(encrypted, body)[0])
        elif kind == _EOF:
            break
    starts = sorted({s for s in sheets if s < end}, reverse=True)  # the next one last
    while offset + 4 <= end:
        if starts and starts[-1] <= offset:
            if starts.pop() < offset:
                return None  # a sheet that begins inside a record, the globals or another sheet
            offset = _restore_and_check_sheet(encrypted, plain, offset, keep, kept.append)
            continue
        kind, length = unpack(encrypted, offset)  # between sheets: nothing the engine reads
        put(plain, offset, kind, length)
        if kind in keep:
            kept.append((offset, kind, length))
        offset += 4 + length
    return kept if offset == end and not starts else None


def _restore_and_check_sheet(
    encrypted: bytes,
    plain: bytearray,
    offset: int,
    keep: Container[int],
    kept: Callable[[tuple[int, int, int]], None],
) -> int:
    """:func:`_walk_sheet` of ``plain`` from ``offset``, each header put back on the way (what it reads
    of a body is never a record kept in clear); returns where the sheet ends. The same checks as
    :func:`_walk_sheet`'s, written out again: a function shared by the two loops would be called once a
    cell (``tests/test_xls_crypto.py`` holds them to the same verdicts)."""
    unpack, put, unpack_column = _HEADER.unpack_from, _HEADER.pack_into, _COLUMN.unpack_from
    single, ranged = _SINGLE, _RANGED
    last_header = len(encrypted) - 4
    bottom = right = -1
    declared = 0
    while offset <= last_header:
        kind, length = unpack(encrypted, offset)
        put(plain, offset, kind, length)
        body = offset + 4
        offset = body + length
        if kind in single:
            if length < 4:
                raise _short_cell(length, body - 4)
            row, column = unpack(plain, body)
            if row > bottom:
                bottom = row
            if column > right:
                right = column
        elif kind in ranged:
            if length < 4:
                raise _short_cell(length, body - 4)
            row, first = unpack(plain, body)
            last = unpack_column(plain, offset - 2)[0] if length >= 6 else -1
            if last < first or length != 6 + (6 if kind == _MULRK else 2) * (last - first + 1):
                raise _damaged_run(body - 4)
            if row > bottom:
                bottom = row
            if last > right:
                right = last
        elif kind in keep:  # FILEPASS among them: written over with zeros, so no longer one
            kept((body - 4, kind, length))
        elif kind == _DIMENSIONS:
            declared = _dimensions(plain, body, length)
        elif kind == _EOF:
            break
    _check_span(bottom, right, declared)
    return offset


def has_filepass(stream: bytes) -> bool:
    """Whether the workbook's globals say it is encrypted (a FILEPASS record, right after the first BOF)."""
    offset = 0
    for _ in range(64):
        if offset + 4 > len(stream):
            return False
        kind, length = struct.unpack_from("<HH", stream, offset)
        if kind == _FILEPASS:
            return True
        if kind == _EOF:
            return False
        offset += 4 + length
    return False


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
    """Check one sheet's records from ``offset`` to its EOF; returns the bytes walked.

    The loop runs once per record of every sheet (35,000 in a CFSI 3.01 template), so it is kept lean:
    bound methods of compiled structs, comparisons rather than ``max``."""
    unpack, unpack_column = _HEADER.unpack_from, _COLUMN.unpack_from
    single, ranged = _SINGLE, _RANGED
    start, end = offset, len(stream)
    bottom = right = -1
    declared = 0
    while offset + 4 <= end:
        kind, length = unpack(stream, offset)
        body = offset + 4
        offset = body + length
        if offset > end:
            break
        if kind in single:
            if length < 4:
                raise _short_cell(length, body - 4)
            row, column = unpack(stream, body)
            if row > bottom:
                bottom = row
            if column > right:
                right = column
        elif kind in ranged:
            if length < 4:
                raise _short_cell(length, body - 4)
            row, first = unpack(stream, body)
            last = unpack_column(stream, offset - 2)[0] if length >= 6 else -1
            if last < first or length != 6 + (6 if kind == _MULRK else 2) * (last - first + 1):
                raise _damaged_run(body - 4)
            if row > bottom:
                bottom = row
            if last > right:
                right = last
        elif kind == _DIMENSIONS:
            declared = _dimensions(stream, body, length)
        elif kind == _FILEPASS:
            raise CorruptFileError("a record says the workbook is encrypted, yet the file is not")
        elif kind == _EOF:
            break
    _check_span(bottom, right, declared)
    return offset - start


def _short_cell(length: int, offset: int) -> CorruptFileError:
    return CorruptFileError(f"a cell record of {length} bytes at offset {offset:,}")


def _damaged_run(offset: int) -> CorruptFileError:
    return CorruptFileError(f"a damaged MULRK/MULBLANK record at offset {offset:,}")


def _dimensions(stream: bytes | bytearray, body: int, length: int) -> int:
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


def _check_span(bottom: int, right: int, declared: int) -> None:
    """The rectangle python-calamine allocates for a sheet runs from A1 (``to_python``) to its farthest
    cell; for an .xls it is built at open and copied when read, so it counts twice."""
    if bottom >= XLS_ROWS or right >= XLS_COLUMNS:
        raise CorruptFileError(
            f"a cell at row {bottom + 1:,}, column {right + 1:,}: beyond the {XLS_ROWS:,} rows and "
            f"{XLS_COLUMNS} columns an .xls sheet has"
        )
    cells = (bottom + 1) * (right + 1) if bottom >= 0 else 0
    if max(cells, declared) > MAX_XLS_CELLS:
        raise UnsafeFileError(
            f"an .xls sheet spans {max(cells, declared):,} cells; the limit is {MAX_XLS_CELLS:,}"
        )
