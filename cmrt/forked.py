"""One call in a forked child process, and the protections every reading process gets.

A light module (no attrs, no multiprocessing): ``cmrt read FILE`` forks its reader before it imports what
prints the report, so that the child's imports and the parent's go on at once. :mod:`cmrt.isolation`
builds its worker processes from the same pieces: an address-space limit, output to ``/dev/null``,
anything raised turned into a :class:`~cmrt.CmrtError`, a wall-clock limit kept by the parent.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from typing import Any

from cmrt.errors import CmrtError, ReaderCrashError, ReadTimeoutError

__all__ = [
    "DEFAULT_MEMORY",
    "DEFAULT_SECONDS",
    "answer",
    "call_forked",
    "can_fork",
    "crash_error",
    "limit_memory",
    "peak_rss",
    "silence_output",
    "timeout_error",
]

DEFAULT_MEMORY = 2 * 1024**3
"""Address space of a reading process in bytes. A real template needs under 300 MiB of it."""
DEFAULT_SECONDS = 60.0
"""Wall-clock time for one input. A real template reads in well under a second."""

Answer = tuple[Any, CmrtError | None, int | None]
"""What a child sends back: the value, or the error that ended it; and its peak resident memory."""


def can_fork() -> bool:
    """Whether this process may fork a child to do one call: it has ``fork`` and one thread (forking a
    process that holds threads may deadlock the child)."""
    threading = sys.modules.get("threading")
    return hasattr(os, "fork") and (threading is None or threading.active_count() == 1)


def call_forked(
    func: Callable[[Any], Any],
    item: Any,
    *,
    memory: int | None = DEFAULT_MEMORY,
    seconds: float | None = DEFAULT_SECONDS,
    meanwhile: Callable[[], object] | None = None,
) -> Answer:
    """``func(item)`` in a forked child under ``memory`` and ``seconds`` (see :func:`can_fork`): its value,
    or the error it raised, or the :class:`~cmrt.ReaderCrashError` or :class:`~cmrt.ReadTimeoutError` of
    a child that died or ran out of time. ``meanwhile()`` runs here while the child works."""
    import pickle
    import select

    readable, writable = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: answer, then leave without running the parent's exit handlers
        code = 0
        try:
            os.close(readable)
            if "faulthandler" in sys.modules:  # its dump would go to the caller's error output
                sys.modules["faulthandler"].disable()
            limit_memory(memory)
            silence_output()
            value, error = answer(func, item)
            try:
                data = pickle.dumps((value, error, peak_rss()))
            except Exception as exc:  # noqa: BLE001 - an answer that cannot be pickled
                data = pickle.dumps((None, ReaderCrashError(f"cannot send the result: {exc}"), peak_rss()))
            view = memoryview(data)
            while view:
                view = view[os.write(writable, view) :]
        except BaseException:  # noqa: BLE001 - nothing may escape a forked child
            code = 70
        finally:
            os._exit(code)
    os.close(writable)
    chunks: list[bytes] = []
    deadline = None if seconds is None else time.monotonic() + seconds
    try:
        if meanwhile is not None:
            meanwhile()
        while True:
            wait = None if deadline is None else max(0.0, deadline - time.monotonic())
            if not select.select([readable], [], [], wait)[0]:  # out of time
                os.kill(pid, 9)
                os.waitpid(pid, 0)
                return None, timeout_error(seconds), None
            chunk = os.read(readable, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    except BaseException:  # Ctrl-C while waiting: the child goes too
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        raise
    finally:
        os.close(readable)
    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    if code != 0 or not chunks:
        return None, crash_error(code), None
    value, error, peak = pickle.loads(b"".join(chunks))
    return value, error, peak


def answer(func: Callable[[Any], Any], item: Any) -> tuple[Any, CmrtError | None]:
    """``func(item)``, or what it raised as a :class:`~cmrt.CmrtError` (anything else wrapped in a
    :class:`~cmrt.ReaderCrashError` naming its type)."""
    try:
        return func(item), None
    except CmrtError as exc:
        return None, exc
    except BaseException as exc:  # noqa: BLE001 - anything else is reported, not fatal
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        return None, ReaderCrashError(f"{type(exc).__name__}: {exc}")


def timeout_error(seconds: float | None) -> ReadTimeoutError:
    return ReadTimeoutError(f"stopped after {seconds:g} s (the per-file time limit)")


def crash_error(code: int | None) -> ReaderCrashError:
    """What is said of a reading process that ended with exit ``code`` (negative: killed by a signal)."""
    import signal

    if code is not None and code < 0:
        try:
            how = f"was killed by {signal.Signals(-code).name}"
        except ValueError:
            how = f"was killed by signal {-code}"
    else:
        how = f"exited with code {code}"
    hint = " (a native engine aborted, or the memory limit was reached)" if code in (-6, -9, -11) else ""
    return ReaderCrashError(f"the reading process {how}{hint}")


def limit_memory(memory: int | None) -> None:
    """This process's address space limited to ``memory`` bytes (``None``: unlimited; not on Windows)."""
    if memory is None:
        return
    try:
        import resource
    except ImportError:  # Windows
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = memory if hard == resource.RLIM_INFINITY else min(memory, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def silence_output() -> None:
    """Standard output and error to /dev/null: what engines print (Rust's panic messages among it) is
    not the caller's output; what went wrong comes back as the outcome."""
    import warnings

    warnings.simplefilter("ignore")
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        os.close(devnull)
    except OSError:
        pass
    sys.stdout = sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the worker


def peak_rss() -> int | None:
    """This process's peak resident memory in bytes (``None`` where the platform does not say)."""
    try:
        import resource
    except ImportError:
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak * 1024 if os.uname().sysname == "Linux" else peak  # kB on Linux, bytes on macOS
