"""Damage to the BIFF records of an .xls workbook stream, rewrapped in a fresh OLE2 container: record
lengths, DIMENSIONS, SST counts, cell positions, string lengths, sheet offsets, removed or repeated
records (see :mod:`cmrt.testing.mutate`)."""

from __future__ import annotations

import random
import struct
from collections.abc import Callable, Sequence

from cmrt.testing.containers import (
    EXTREME_32,
    DoesNotFit,
    Mutation,
    biff_join,
    biff_records,
    patch,
    workbook_stream,
    wrap_ole,
)

__all__ = ["BIFF_OPERATIONS"]


_CELL_RECORDS = (0x0006, 0x00FD, 0x0203, 0x027E, 0x0201, 0x0204, 0x0205, 0x00BD, 0x00BE, 0x0208)
"""FORMULA, LABELSST, NUMBER, RK, BLANK, LABEL, BOOLERR, MULRK, MULBLANK, ROW: all start row, col."""


def _biff(edit: Callable[[list[tuple[int, bytes]], random.Random], bytes | None]) -> Mutation:
    """Edit the record list (or return a whole new stream), then wrap it in a fresh OLE2 container."""

    def mutation(data: bytes, rng: random.Random) -> bytes:
        stream = workbook_stream(data)
        if stream is None:
            raise DoesNotFit
        records = biff_records(stream)
        raw = edit(records, rng)
        return wrap_ole(raw if raw is not None else biff_join(records))

    return mutation


def _pick(records: list[tuple[int, bytes]], kinds: Sequence[int], rng: random.Random) -> int:
    found = [i for i, (kind, _) in enumerate(records) if kind in kinds]
    if not found:
        raise DoesNotFit
    return rng.choice(found)


def _biff_length(records: list[tuple[int, bytes]], rng: random.Random) -> bytes:
    index = rng.randrange(len(records))
    stream = bytearray(biff_join(records))
    offset = sum(4 + len(body) for _, body in records[:index])
    struct.pack_into("<H", stream, offset + 2, rng.choice((0, 1, 0xFFFF, 8224, len(records[index][1]) + 1)))
    return bytes(stream)


def _biff_dimensions(records: list[tuple[int, bytes]], rng: random.Random) -> None:
    index = _pick(records, (0x0200,), rng)
    kind, body = records[index]
    field, fmt = rng.choice(((0, "<I"), (4, "<I"), (8, "<H"), (10, "<H")))
    records[index] = (kind, patch(body, field, fmt, rng.choice(EXTREME_32 + (65536, 65537, 257, 1 << 20))))


def _biff_sst(records: list[tuple[int, bytes]], rng: random.Random) -> None:
    index = _pick(records, (0x00FC,), rng)
    kind, body = records[index]
    if rng.random() < 0.6:
        field = rng.choice((0, 4))
        records[index] = (kind, patch(body, field, "<I", rng.choice(EXTREME_32 + (1 << 24,))))
    else:  # the first string's character count
        records[index] = (kind, patch(body, 8, "<H", rng.choice((0xFFFF, 0x8000, 0))))


def _biff_cell_position(records: list[tuple[int, bytes]], rng: random.Random) -> None:
    for _ in range(rng.choice((1, 1, 3, 20))):
        index = _pick(records, _CELL_RECORDS, rng)
        kind, body = records[index]
        if rng.random() < 0.5:
            body = patch(body, 0, "<H", rng.choice((0xFFFF, 0xFFFE, 65535, 32768, 0)))
        else:
            body = patch(body, 2, "<H", rng.choice((0xFFFF, 0x00FF, 0x0100, 0x4000, 0)))
        records[index] = (kind, body)


def _biff_mul_range(records: list[tuple[int, bytes]], rng: random.Random) -> None:
    index = _pick(records, (0x00BD, 0x00BE), rng)
    kind, body = records[index]
    records[index] = (kind, patch(body, len(body) - 2, "<H", rng.choice((0, 0xFFFF, 1, 0x100))))


def _biff_string_length(records: list[tuple[int, bytes]], rng: random.Random) -> None:
    index = _pick(
        records, (0x0204, 0x0085, 0x0207, 0x041E, 0x0018), rng
    )  # LABEL BOUNDSHEET STRING FORMAT NAME
    kind, body = records[index]
    offset = {0x0204: 6, 0x0085: 6, 0x0207: 0, 0x041E: 2, 0x0018: 3}[kind]
    fmt = "<B" if kind in (0x0085, 0x0018) else "<H"
    records[index] = (kind, patch(body, offset, fmt, rng.choice((0xFFFF, 0xFF, 0x8000, 0))))


def _biff_sheet_offset(records: list[tuple[int, bytes]], rng: random.Random) -> None:
    index = _pick(records, (0x0085,), rng)
    kind, body = records[index]
    records[index] = (kind, patch(body, 0, "<I", rng.choice(EXTREME_32 + (1, 12345, 1 << 20))))


def _biff_xf_index(records: list[tuple[int, bytes]], rng: random.Random) -> None:
    index = _pick(records, (0x00FD, 0x0203, 0x027E, 0x0201, 0x0006, 0x0204), rng)
    kind, body = records[index]
    records[index] = (kind, patch(body, 4, "<H", rng.choice((0xFFFF, 4000, 0x0FFF))))


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
