"""OLE2 compound files (.xls, and the wrapper of encrypted .xlsx), read only after every chain is sound.

A compound file is a FAT file system in one file: sectors, a FAT chaining them, a directory of streams,
a mini FAT for small streams. calamine follows those chains without looking for cycles and reserves
what sizes declare, so a chain that loops, a sector number past the end or a size larger than its chain
makes it allocate until the process aborts. :func:`streams` walks every chain with a visited set first:
DIFAT, FAT, directory, mini FAT, mini stream and each stream, checking numbers against the file, and
returns the streams' bytes, so what the checks read is what the engine will read. :class:`Compound` also
knows where each large stream lies, so that an encrypted stream can be written back decrypted in place.
"""

from __future__ import annotations

import copy
import struct
from array import array
from itertools import compress
from operator import itemgetter, sub

from cmrt.errors import CmrtError, CorruptFileError

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
        self.structure: set[int] = set()
        """Sectors holding the container's own tables: DIFAT, FAT, directory, mini FAT, mini stream."""
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
        self.structure.update(seen, fat_sectors)
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
        add, append, bound = seen.add, numbers.append, min(limit, len(table))
        current = start
        while current != _END:  # once per sector (4,700 for a CFSI template): kept lean
            if current >= bound or current in seen:
                why = "loops" if current in seen else f"runs to sector {current:,}"
                raise _broken(f"the {what} chain {why}")
            add(current)
            append(current)
            current = table[current]
        return numbers

    def read(self, start: int, size: int | None, what: str) -> bytes:
        """A stream in big sectors; ``size`` ``None`` reads the whole chain."""
        return self.read_chain(start, size, what)[0]

    def read_chain(self, start: int, size: int | None, what: str) -> tuple[bytes, list[int]]:
        """A stream in big sectors and its chain; ``size`` ``None`` reads the whole chain."""
        chain = self.chain(start, self.fat, self.sectors, what) if start < _MAX_REGULAR else []
        if size is not None and size > len(chain) * self.size:
            raise _broken(f"the {what} claims {size:,} bytes in a chain of {len(chain) * self.size:,}")
        view, pieces = memoryview(self.data), []
        left = len(chain) * self.size if size is None else size
        for first, count in runs(chain):  # copied once, a run of sectors at a time
            if left <= 0:
                break
            begin, length = (first + 1) * self.size, count * self.size
            piece: bytes | memoryview = view[begin : begin + length]
            if len(piece) < length:  # the file's last sector, cut short
                piece = bytes(piece).ljust(length, b"\0")
            pieces.append(piece[:left])
            left -= length
        return b"".join(pieces), chain


def runs(chain: list[int]) -> list[tuple[int, int]]:
    """A chain of sector numbers as runs of consecutive ones: (first, count) each."""
    if not chain:
        return []
    # where a number is not its predecessor's successor, found without a Python loop per sector
    breaks = [0, *compress(range(1, len(chain)), map((1).__ne__, map(sub, chain[1:], chain)))]
    return [(chain[b], e - b) for b, e in zip(breaks, [*breaks[1:], len(chain)], strict=True)]


def streams(data: bytes) -> dict[str, bytes]:
    """Every stream of a compound file by name, each chain checked; :class:`~cmrt.CorruptFileError`
    for a damaged container."""
    return Compound(data).streams


class Compound:
    """A compound file whose every chain was checked: its streams by name, and where the large ones lie."""

    def __init__(self, data: bytes) -> None:
        box = _Container(data)
        self.data = data
        self.sector_size = box.size
        self.streams: dict[str, bytes] = {}
        """Every stream's bytes by name (the last of streams sharing a name)."""
        self.checked: dict[str, CmrtError | None] = {}
        """What a walk of a stream's records found (``None``: nothing wrong), by stream name, where it was
        walked already (:func:`cmrt.workbook.xls.restore_and_check`, as it was decrypted)."""
        self._chains: dict[str, list[int]] = {}
        self._named: dict[str, int] = {}
        directory, chain = box.read_chain(box.first_directory, None, "directory")
        box.structure.update(chain)
        entries = [directory[i : i + 128] for i in range(0, len(directory) - 127, 128)]
        if not entries or entries[0][0x42] != 5:
            raise _broken("no root entry")
        root_start, root_size = struct.unpack_from("<IQ", entries[0], 0x74)
        mini_stream, chain = box.read_chain(
            root_start, root_size & 0xFFFFFFFF if box.size == 512 else root_size, "mini stream"
        )
        box.structure.update(chain)
        mini_fat_bytes, chain = box.read_chain(box.first_mini_fat, None, "mini FAT")
        box.structure.update(chain)
        mini_fat = array("I", mini_fat_bytes)
        for entry in entries[1:]:
            if entry[0x42] != 2:  # streams only
                continue
            length = min(struct.unpack_from("<H", entry, 0x40)[0], 64)
            name = entry[: max(0, length - 2)].decode("utf-16-le", "replace")
            self._named[name.casefold()] = self._named.get(name.casefold(), 0) + 1
            start, size = struct.unpack_from("<IQ", entry, 0x74)
            if box.size == 512:
                size &= 0xFFFFFFFF  # version 3 files keep garbage in the high half
            if size > len(data):
                raise _broken(f"the stream {name!r} claims {size:,} bytes in a file of {len(data):,}")
            self._chains.pop(name, None)
            if size == 0:
                self.streams[name] = b""
            elif size < box.cutoff:
                chain = box.chain(start, mini_fat, len(mini_stream) // _MINI_SECTOR, f"{name!r} mini")
                if size > len(chain) * _MINI_SECTOR:
                    raise _broken(
                        f"the stream {name!r} claims {size:,} bytes in a chain of {len(chain) * 64:,}"
                    )
                body = b"".join(mini_stream[n * _MINI_SECTOR : (n + 1) * _MINI_SECTOR] for n in chain)
                self.streams[name] = body[:size]
            else:
                self.streams[name], self._chains[name] = box.read_chain(start, size, f"stream {name!r}")
        self._structure = box.structure
        self._cutoff = box.cutoff

    def named(self, name: str) -> int:
        """How many streams bear ``name``, case ignored (as olefile finds a stream)."""
        return self._named.get(name.casefold(), 0)

    def rewritten(self, name: str, body: bytes) -> Compound | None:
        """The file with stream ``name`` holding ``body`` (of its own size) instead, written byte for byte
        as olefile's ``write_stream`` writes it: each sector in place, the last one padded with zeros.

        ``None`` where that is not so simple: a stream kept in the mini stream, a name borne by more than
        one stream, a chain longer than the stream needs, a sector past the end of the file or shared
        with another stream or the container's tables. Otherwise every other stream and table is as it
        was, so the new file's streams are known without walking its chains again.
        """
        chain, size = self._chains.get(name), self.sector_size
        if chain is None or self._cutoff != 4096 or self.named(name) != 1:
            return None  # olefile takes the mini stream cutoff to be 4,096, whatever the header says
        if len(body) != len(self.streams[name]) or len(chain) != -(-len(body) // size):
            return None
        sectors = set(chain)
        if (max(chain) + 2) * size > len(self.data) or not sectors.isdisjoint(self._structure):
            return None
        if any(not sectors.isdisjoint(other) for n, other in self._chains.items() if n != name):
            return None
        placed, view, done = [], memoryview(body), 0  # (where in the file, the stream's bytes there)
        for first, count in runs(chain):
            start, length = (first + 1) * size, count * size
            piece = view[done : done + length]
            placed.append((start, piece, bytes(length - len(piece))))  # the last one padded
            done += length
        pieces: list[bytes | memoryview] = []
        data, at = memoryview(self.data), 0
        for start, piece, padding in sorted(placed, key=itemgetter(0)):
            pieces += (data[at:start], piece, padding)
            at = start + len(piece) + len(padding)
        pieces.append(data[at:])
        twin = copy.copy(self)  # the new file copied once, not a file-sized buffer edited and copied
        twin.data, twin.streams, twin.checked = b"".join(pieces), {**self.streams, name: body}, {}
        return twin
