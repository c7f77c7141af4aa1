"""OLE2 compound files (.xls, and the wrapper of encrypted .xlsx), read only after every chain is sound.

A compound file is a FAT file system in one file: sectors, a FAT chaining them, a directory of streams,
a mini FAT for small streams. calamine follows those chains without looking for cycles and reserves
what sizes declare, so a chain that loops, a sector number past the end or a size larger than its chain
makes it allocate until the process aborts. :func:`streams` walks every chain with a visited set first:
DIFAT, FAT, directory, mini FAT, mini stream and each stream, checking numbers against the file, and
returns the streams' bytes, so what the checks read is what the engine will read.
"""

from __future__ import annotations

import struct
from array import array

from cmrt.errors import CorruptFileError

MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_END, _FREE = 0xFFFFFFFE, 0xFFFFFFFF
_MAX_REGULAR = 0xFFFFFFFA
_MINI_SECTOR = 64


def _broken(why: str) -> CorruptFileError:
    return CorruptFileError(f"damaged OLE2 container: {why}")


class _Container:
    def __init__(self, data: bytes) -> None:
        if len(data) < 512 or not data.startswith(MAGIC):
            raise _broken(f"no OLE2 header in {len(data)} bytes")
        self.data = data
        shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
        if shift not in (9, 12) or mini_shift != 6:
            raise _broken(f"sector shifts {shift} and {mini_shift}")
        self.size = 1 << shift
        self.sectors = (len(data) - self.size + self.size - 1) // self.size
        (fat_count, self.first_directory, _, self.cutoff, self.first_mini_fat, mini_fat_count,
         first_difat, difat_count) = struct.unpack_from("<IIIIIIII", data, 0x2C)  # fmt: skip
        if fat_count > self.sectors or mini_fat_count > self.sectors or difat_count > self.sectors:
            raise _broken(f"{fat_count:,} FAT, {mini_fat_count:,} mini FAT, {difat_count:,} DIFAT sectors "
                          f"in a file of {self.sectors:,}")  # fmt: skip
        self.fat = self._fat(fat_count, first_difat)

    def sector(self, number: int) -> bytes:
        if number >= self.sectors:
            raise _broken(f"sector {number:,} is past the end of the file ({self.sectors:,} sectors)")
        start = (number + 1) * self.size
        return self.data[start : start + self.size].ljust(self.size, b"\0")  # a short last sector

    def _fat(self, count: int, first_difat: int) -> array:
        numbers = list(struct.unpack_from("<109I", self.data, 0x4C))
        seen: set[int] = set()
        next_difat = first_difat
        while next_difat < _MAX_REGULAR:
            if next_difat in seen:
                raise _broken("the DIFAT chain loops")
            seen.add(next_difat)
            entries = struct.unpack(f"<{self.size // 4}I", self.sector(next_difat))
            numbers += entries[:-1]
            next_difat = entries[-1]
        listed = [n for n in numbers if n < _MAX_REGULAR]
        fat_sectors = listed[:count] if count else listed
        fat = array("I")
        for number in fat_sectors:
            fat.frombytes(self.sector(number))
        if struct.pack("<I", 1).startswith(b"\x00"):  # a big-endian machine
            fat.byteswap()
        return fat

    def chain(self, start: int, table: array, limit: int, what: str) -> list[int]:
        """Sector numbers from ``start`` to the end of chain; loops, numbers past ``limit`` and chains
        longer than the table are damage."""
        numbers: list[int] = []
        seen: set[int] = set()
        current = start
        while current != _END:
            if current >= limit or current >= len(table) or current in seen:
                why = "loops" if current in seen else f"runs to sector {current:,}"
                raise _broken(f"the {what} chain {why}")
            seen.add(current)
            numbers.append(current)
            current = table[current]
        return numbers

    def read(self, start: int, size: int | None, what: str) -> bytes:
        """A stream in big sectors; ``size`` ``None`` reads the whole chain."""
        chain = self.chain(start, self.fat, self.sectors, what) if start < _MAX_REGULAR else []
        if size is None:
            return b"".join(self.sector(n) for n in chain)
        if size > len(chain) * self.size:
            raise _broken(f"the {what} claims {size:,} bytes in a chain of {len(chain) * self.size:,}")
        return b"".join(self.sector(n) for n in chain)[:size]


def streams(data: bytes) -> dict[str, bytes]:
    """Every stream of a compound file by name, each chain checked; :class:`~cmrt.CorruptFileError`
    for a damaged container."""
    box = _Container(data)
    directory = box.read(box.first_directory, None, "directory")
    entries = [directory[i : i + 128] for i in range(0, len(directory) - 127, 128)]
    if not entries or entries[0][0x42] != 5:
        raise _broken("no root entry")
    root_start, root_size = struct.unpack_from("<IQ", entries[0], 0x74)
    mini_stream = box.read(
        root_start, root_size & 0xFFFFFFFF if box.size == 512 else root_size, "mini stream"
    )
    mini_fat = array("I", box.read(box.first_mini_fat, None, "mini FAT"))
    found: dict[str, bytes] = {}
    for entry in entries[1:]:
        if entry[0x42] != 2:  # streams only
            continue
        length = min(struct.unpack_from("<H", entry, 0x40)[0], 64)
        name = entry[: max(0, length - 2)].decode("utf-16-le", "replace")
        start, size = struct.unpack_from("<IQ", entry, 0x74)
        if box.size == 512:
            size &= 0xFFFFFFFF  # version 3 files keep garbage in the high half
        if size > len(data):
            raise _broken(f"the stream {name!r} claims {size:,} bytes in a file of {len(data):,}")
        if size == 0:
            found[name] = b""
        elif size < box.cutoff:
            chain = box.chain(start, mini_fat, len(mini_stream) // _MINI_SECTOR, f"{name!r} mini")
            if size > len(chain) * _MINI_SECTOR:
                raise _broken(f"the stream {name!r} claims {size:,} bytes in a chain of {len(chain) * 64:,}")
            body = b"".join(mini_stream[n * _MINI_SECTOR : (n + 1) * _MINI_SECTOR] for n in chain)
            found[name] = body[:size]
        else:
            found[name] = box.read(start, size, f"stream {name!r}")
    return found
