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

import random
import re
import struct
import zipfile
from collections.abc import Callable, Iterator, Sequence

import attrs

from cmrt.testing.biff_mutations import BIFF_OPERATIONS
from cmrt.testing.containers import (
    EXTREME_32,
    DoesNotFit,
    Mutation,
    patch,
    workbook_stream,
    write_zip,
    zip_members,
)
from cmrt.testing.xml_mutations import XML_OPERATIONS

__all__ = ["OPERATIONS", "Mutant", "mutants", "mutate", "operations_for", "plan"]

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


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
    except DoesNotFit:
        return _flip(data, rng)


def operations_for(data: bytes) -> list[str]:
    """The operations that fit a file: zip and XML ones for .xlsx, BIFF and OLE2 ones for .xls."""
    levels = {"bytes"}
    if data.startswith(_ZIP):
        levels |= {"zip", "xml"}
    elif data.startswith(_OLE):
        levels |= {"ole"}
        if workbook_stream(data) is not None:
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


def _records(data: bytes, signature: bytes) -> list[int]:
    return [m.start() for m in re.finditer(re.escape(signature), data)]


def _zip_field(where: str, field: int, fmt: str, values: Sequence[int] | None = None) -> Mutation:
    """Set one header field (``where``: local, central or end record) of a random entry."""
    signature = {"local": b"PK\x03\x04", "central": b"PK\x01\x02", "end": b"PK\x05\x06"}[where]

    def mutation(data: bytes, rng: random.Random) -> bytes:
        offsets = _records(data, signature)
        if not offsets:
            raise DoesNotFit
        offset = rng.choice(offsets) + field
        size = struct.calcsize(fmt)
        if values is not None:
            value = rng.choice(values)
        elif rng.random() < 0.5:
            value = rng.choice(EXTREME_32) & ((1 << (8 * size)) - 1)
        else:
            (old,) = struct.unpack_from(fmt, data, offset) if offset + size <= len(data) else (0,)
            value = old + rng.choice((-1000, -1, 1, 7, 1000, 1 << 20))
        return patch(data, offset, fmt, value)

    return mutation


def _zip_rebuild(transform: Callable[[list[tuple[zipfile.ZipInfo, bytes]], random.Random], None]) -> Mutation:
    """Read every member, let ``transform`` edit the list in place, write a fresh zip."""

    def mutation(data: bytes, rng: random.Random) -> bytes:
        members = zip_members(data)
        transform(members, rng)
        return write_zip(members)

    return mutation


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


# -- OLE2 container ----------------------------------------------------------------------------------

_OLE_HEADER_FIELDS = (
    (0x1A, "<H"), (0x1C, "<H"), (0x1E, "<H"), (0x20, "<H"), (0x28, "<I"), (0x2C, "<I"), (0x30, "<I"),
    (0x38, "<I"), (0x3C, "<I"), (0x40, "<I"), (0x44, "<I"), (0x48, "<I"), (0x4C, "<I"), (0x50, "<I"),
)  # fmt: skip
"""Version, byte order, sector shifts, counts of directory/FAT/MiniFAT/DIFAT sectors, first sectors, the
mini-stream cutoff and the first DIFAT entries."""


def _ole_header(data: bytes, rng: random.Random) -> bytes:
    if not data.startswith(_OLE):
        raise DoesNotFit
    offset, fmt = rng.choice(_OLE_HEADER_FIELDS)
    value = rng.choice((0, 1, 2, 7, 12, 16, 31, 0xFFFF, 0xFFFFFFFE, 0xFFFFFFFF, 0x7FFFFFFF, 1 << 20))
    return patch(data, offset, fmt, value)


def _sector_size(data: bytes) -> int:
    return 1 << min(16, struct.unpack_from("<H", data, 0x1E)[0])


def _fat_sectors(data: bytes) -> list[int]:
    count = min(109, struct.unpack_from("<I", data, 0x2C)[0])
    return [s for s in struct.unpack_from(f"<{count}I", data, 0x4C) if s < 0xFFFFFFFA]


def _ole_fat(data: bytes, rng: random.Random) -> bytes:
    """Point a FAT entry at itself, back to the start, or past the end: chains that loop or escape."""
    if not data.startswith(_OLE):
        raise DoesNotFit
    size, sectors = _sector_size(data), _fat_sectors(data)
    if not sectors:
        raise DoesNotFit
    fat = rng.choice(sectors)
    entry = rng.randrange(size // 4)
    offset = (fat + 1) * size + entry * 4
    sector_number = (offset - size) // 4  # the sector this entry describes is ``entry + fat_index * size/4``
    value = rng.choice((entry, 0, sector_number, 0xFFFFFFFD, 0xFFFFFFFA, 0x7FFFFFFF, len(data) // size + 5))
    return patch(data, offset, "<I", value)


def _ole_directory(data: bytes, rng: random.Random) -> bytes:
    """Damage one 128-byte directory entry: its size, start sector, tree links or type."""
    if not data.startswith(_OLE):
        raise DoesNotFit
    size = _sector_size(data)
    first = struct.unpack_from("<I", data, 0x30)[0]
    base = (first + 1) * size
    if base + 128 > len(data):
        raise DoesNotFit
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
    return patch(data, entry + field, fmt, rng.choice(values))


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
