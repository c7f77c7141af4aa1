"""Bytes in, safely: a path, bytes or a binary file object read whole, within a size limit.

A path is checked with ``stat`` before it is opened, opened without blocking, and checked again with
``fstat`` on the open descriptor before one byte is read: a FIFO, a device (``/dev/zero``, a terminal),
a socket or a folder is refused, whatever symlink led there, and a file larger than the limit is
refused by its size. Reading then stops one byte past
the limit, in case the file grew in between.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import IO, Union

from cmrt.errors import FileAccessError, FileMissingError, NotExcelError, UnsafeFileError

Source = Union[str, "os.PathLike[str]", bytes, bytearray, memoryview, IO[bytes]]

MAX_FILE_BYTES = 100 * 1024 * 1024
"""Largest input accepted. A filled CMRT 6.x is about 1.5 MB; 2.x .xls files about 2.5 MB."""

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def read_source(source: Source, *, limit: int = MAX_FILE_BYTES) -> tuple[bytes, str | None]:
    """The bytes of ``source`` and its file name (if any); at most ``limit`` bytes are accepted.

    Raises :class:`~cmrt.FileMissingError`, :class:`~cmrt.FileAccessError`, :class:`~cmrt.NotExcelError`
    (not a regular file) or :class:`~cmrt.UnsafeFileError` (too large); ``TypeError`` for an argument
    that is none of the accepted kinds.
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        if len(source) > limit:
            raise UnsafeFileError(f"input is {len(source):,} bytes; the limit is {limit:,}")
        return bytes(source), None
    if isinstance(source, (str, os.PathLike)):
        return read_path(os.fspath(source), limit=limit), os.path.basename(os.fspath(source))
    if hasattr(source, "read"):
        return _read_stream(source, limit), _stream_name(source)
    raise TypeError(f"expected a path, bytes or a binary file object, not {type(source).__name__}")


def read_path(path: str, *, limit: int = MAX_FILE_BYTES, what: str = "workbook") -> bytes:
    """The bytes of the regular file at ``path`` (see :func:`read_source`); ``what`` it should be is
    named in errors."""
    try:
        _refuse_special(path, os.stat(path).st_mode, what)  # before open: opening a FIFO or socket may block
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError as exc:
        raise FileMissingError(errno.ENOENT, "no such file or directory", path) from exc
    except (OSError, ValueError) as exc:  # permissions, symlink loops, a name too long, a NUL in the name
        raise FileAccessError(f"{path}: cannot open: {_reason(exc)}") from exc
    try:
        info = os.fstat(fd)
        _refuse_special(path, info.st_mode, what)  # again on what was opened: it may have been swapped
        if info.st_size > limit:
            raise UnsafeFileError(f"{path} is {info.st_size:,} bytes; the limit is {limit:,}")
        with os.fdopen(fd, "rb", closefd=True) as handle:
            fd = -1
            data = handle.read(limit + 1)
    except OSError as exc:
        raise FileAccessError(f"{path}: cannot read: {_reason(exc)}") from exc
    finally:
        if fd >= 0:
            os.close(fd)
    if len(data) > limit:
        raise UnsafeFileError(f"{path} grew past the limit of {limit:,} bytes while being read")
    return data


def _refuse_special(path: str, mode: int, what: str) -> None:
    for test, kind in _KINDS:
        if test(mode):
            raise NotExcelError(f"{path} is {kind}, not a {what}; refused before reading")
    if not stat.S_ISREG(mode):
        raise NotExcelError(f"{path} is not a regular file; refused before reading")


def _read_stream(stream: IO[bytes], limit: int) -> bytes:
    try:
        data = stream.read(limit + 1)
    except OSError as exc:
        raise FileAccessError(f"cannot read the file object: {_reason(exc)}") from exc
    if isinstance(data, str):
        raise TypeError("open the file in binary mode ('rb')")
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"the file object's read() gave {type(data).__name__}, not bytes")
    if len(data) > limit:
        raise UnsafeFileError(f"input is larger than the limit of {limit:,} bytes")
    return bytes(data)


def _stream_name(stream: IO[bytes]) -> str | None:
    name = getattr(stream, "name", None)
    return os.path.basename(name) if isinstance(name, str) else None


def _reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls")
"""What a folder's walk takes for a workbook."""


def workbook_paths(source: str | os.PathLike[str]) -> list[Path]:
    """The file itself, or every workbook under a directory (sorted, Office lock files ``~$`` left out).

    A path that does not exist raises :class:`~cmrt.FileMissingError` at once: a mistyped folder is an
    error, not an empty survey."""
    path = Path(source)
    if not path.exists() and not path.is_symlink():
        raise FileMissingError(errno.ENOENT, "no such file or directory", str(path))
    if path.is_dir():
        return sorted(
            p
            for p in path.rglob("*")
            if p.is_file() and p.suffix.lower() in WORKBOOK_SUFFIXES and not p.name.startswith("~$")
        )
    return [path]
