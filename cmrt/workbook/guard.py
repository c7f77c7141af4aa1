"""Every failure inside a file-format engine becomes one :class:`~cmrt.CmrtError`, whatever raised it.

Engines fail in their own words: ``zipfile.BadZipFile``, ``zlib.error``, ``ValueError: negative seek``,
``NotImplementedError`` for an unknown compression, ``struct.error``, ``UnicodeDecodeError``, xlrd's and
msoffcrypto's exceptions, and python-calamine's ``PanicException``, which derives from
``BaseException`` so that ``except Exception`` misses it. At this boundary the file, not cmrt, is at
fault: all of them are converted, with the engine's message kept and the original chained as cause.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from cmrt.errors import CmrtError, CorruptFileError, UnsafeFileError

FATAL = (KeyboardInterrupt, SystemExit, GeneratorExit)
"""What is never converted: the user or the interpreter stopping."""


@contextmanager
def engine_errors(what: str, error: type[CmrtError] = CorruptFileError) -> Iterator[None]:
    """Run an engine step; re-raise :class:`CmrtError` as it is and anything else as ``error``, saying
    ``what`` was being done."""
    try:
        yield
    except CmrtError:
        raise
    except BaseException as exc:
        raise converted(exc, what, error) from exc


def converted(exc: BaseException, what: str, error: type[CmrtError] = CorruptFileError) -> CmrtError:
    """``exc`` as a :class:`CmrtError` (re-raising what is :data:`FATAL`)."""
    if isinstance(exc, FATAL):
        raise exc
    if isinstance(exc, CmrtError):
        return exc
    if isinstance(exc, MemoryError):
        return UnsafeFileError(f"{what}: the file needs more memory than is available")
    if isinstance(exc, RecursionError):
        return UnsafeFileError(f"{what}: structures nested too deeply")
    return error(f"{what}: {describe(exc)}")


def describe(exc: BaseException) -> str:
    """An engine's exception in one line: its message, or its class where it has none."""
    text = " ".join(str(exc).split())
    if type(exc).__name__ == "PanicException":
        return f"the Excel engine gave up ({text[:200] or 'panic'})"
    return text[:300] if text else type(exc).__name__
