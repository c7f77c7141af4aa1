"""Limits that keep a hostile or broken file from exhausting memory or time.

Supplier files arrive by e-mail from thousands of companies: treat them as untrusted input. An .xlsx is
a zip of XML parts; we refuse zips that inflate far beyond any real template (decompression bombs) and
XML parts that declare a DTD (the door to entity-expansion and external-entity attacks; Excel never
writes one).
"""

from __future__ import annotations

import io
import zipfile

from cmrt.errors import UnsafeFileError

MAX_FILE_BYTES = 100 * 1024 * 1024
"""Largest input accepted. A filled CMRT 6.x is about 1.5 MB; 2.x .xls files about 2.5 MB."""
MAX_UNCOMPRESSED_BYTES = 400 * 1024 * 1024
"""Largest total inflated size of an .xlsx's parts."""
MAX_RATIO = 200
"""Largest compression ratio of one part (real template parts stay well under 40)."""
MAX_MEMBERS = 5000


def check_size(data: bytes) -> None:
    if len(data) > MAX_FILE_BYTES:
        raise UnsafeFileError(f"file is {len(data):,} bytes; the limit is {MAX_FILE_BYTES:,}")


def check_zip(data: bytes) -> None:
    """Refuse decompression bombs and XML with a DTD before any XML parser sees the parts."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        from cmrt.errors import CorruptFileError

        raise CorruptFileError(f"damaged .xlsx (zip) container: {exc}") from exc
    if len(infos) > MAX_MEMBERS:
        raise UnsafeFileError(f"the .xlsx has {len(infos):,} parts; the limit is {MAX_MEMBERS:,}")
    total = sum(info.file_size for info in infos)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise UnsafeFileError(
            f"the .xlsx inflates to {total:,} bytes; the limit is {MAX_UNCOMPRESSED_BYTES:,}"
            " (decompression bomb?)"
        )
    for info in infos:
        ratio = info.file_size / info.compress_size if info.compress_size else 0
        if ratio > MAX_RATIO and info.file_size > 1 << 20:
            raise UnsafeFileError(f"part {info.filename} inflates {ratio:.0f}x (decompression bomb?)")
        if info.filename.endswith((".xml", ".rels", ".vml")):
            with archive.open(info) as part:
                head = part.read(2048)
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                raise UnsafeFileError(f"part {info.filename} declares a DTD; refused (XML entity attack?)")
