"""Module-level functions for worker processes to run in the isolation tests (workers import them)."""

from __future__ import annotations

import ctypes
import os
import time


def misbehave(what: str) -> str:
    """Do what ``what`` says: the ways a native engine takes its process down, and the way it should not."""
    if what == "abort":
        os.abort()
    if what == "segfault":
        ctypes.string_at(0)
    if what == "hang":
        time.sleep(600)
    if what == "allocate":
        return str(len(bytearray(8 << 30)))
    if what == "raise":
        raise ValueError("not a CmrtError")
    if what == "print":
        print("noise on stdout")
        os.write(1, b"raw noise on fd 1\n")
        os.write(2, b"raw noise on fd 2\n")
    return what.upper()


def read_outcome(path: str) -> tuple[str, tuple[str, ...], tuple[str, ...], float]:
    """How ``cmrt.read`` ends on a file: ``("read", (), problem codes, seconds)`` or
    ``("error", the error's class and its bases, (), seconds)``; anything else escapes (and is a bug)."""
    import cmrt

    start = time.perf_counter()
    try:
        report = cmrt.read(path)
    except cmrt.CmrtError as exc:
        kinds = tuple(k.__name__ for k in type(exc).__mro__ if issubclass(k, cmrt.CmrtError))
        return "error", kinds, (), time.perf_counter() - start
    return "read", (), tuple(p.code for p in report.problems), time.perf_counter() - start
