"""Taking workbooks apart and putting them back together, for the tools that damage them.

Shared by :mod:`cmrt.testing.mutate` (random damage) and :mod:`cmrt.testing.hostile` (crafted damage):
an .xlsx's members read and rewritten, an .xls's workbook stream taken out of its OLE2 container, split
into BIFF records, joined and wrapped in a fresh container (by xlwt, a test dependency).
"""

from __future__ import annotations

import io
import random
import struct
import warnings
import zipfile
from collections.abc import Callable

__all__ = [
    "EXTREME_32",
    "DoesNotFit",
    "Mutation",
    "biff_join",
    "biff_records",
    "patch",
    "workbook_stream",
    "wrap_ole",
    "write_zip",
    "zip_members",
]

EXTREME_32 = (0xFFFFFFFF, 0x7FFFFFFF, 0x80000000, 0x10000000, 0)
"""32-bit values that break sizes and counts: all ones, the sign bit, zero."""
Mutation = Callable[[bytes, random.Random], bytes]
"""Original bytes and a seeded random source in, damaged bytes out."""


class DoesNotFit(Exception):
    """The operation has nothing to work on in this file."""


def patch(data: bytes, offset: int, fmt: str, value: int) -> bytes:
    """``data`` with one ``struct`` field at ``offset`` set (wrapped to its size)."""
    size = struct.calcsize(fmt)
    if offset < 0 or offset + size > len(data):
        raise DoesNotFit
    return data[:offset] + struct.pack(fmt, value & ((1 << (8 * size)) - 1)) + data[offset + size :]


def zip_members(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    """Every member of a zip with its inflated bytes (:class:`DoesNotFit` for a zip already broken)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        return [(info, archive.read(info)) for info in archive.infolist()]
    except Exception as exc:
        raise DoesNotFit from exc


def write_zip(members: list[tuple[zipfile.ZipInfo, bytes]]) -> bytes:
    """A fresh zip of these members (names may repeat: that is the point of some damage)."""
    out = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        warnings.simplefilter("ignore")
        for info, body in members:
            fresh = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            fresh.compress_type = info.compress_type
            archive.writestr(fresh, body)
    return out.getvalue()


def workbook_stream(data: bytes) -> bytes | None:
    """The ``Workbook`` (or ``Book``) stream of an OLE2 file, or ``None``."""
    try:
        import olefile

        with olefile.OleFileIO(data) as ole:
            for name in ("Workbook", "Book"):
                if ole.exists(name):
                    return ole.openstream(name).read()
    except Exception:
        return None
    return None


def biff_records(stream: bytes) -> list[tuple[int, bytes]]:
    """A workbook stream as (record type, body) pairs."""
    records, offset = [], 0
    while offset + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, offset)
        records.append((kind, stream[offset + 4 : offset + 4 + length]))
        offset += 4 + length
    return records


def biff_join(records: list[tuple[int, bytes]]) -> bytes:
    return b"".join(struct.pack("<HH", kind, len(body) & 0xFFFF) + body for kind, body in records)


def wrap_ole(stream: bytes) -> bytes:
    """A workbook stream in a fresh OLE2 container."""
    from xlwt.CompoundDoc import XlsDoc

    out = io.BytesIO()
    XlsDoc().save(out, stream)
    return out.getvalue()
