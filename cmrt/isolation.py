"""Run a function over many inputs in child processes that may die without taking anything else down.

Reading a workbook ends in native code (python-calamine is Rust). cmrt checks what a file will make an
engine allocate before the engine runs, but a batch must survive what no check foresaw: a worker that
aborts, exceeds its memory limit or hangs costs only the input it was working on. That input is reported
as failed (:class:`~cmrt.ReaderCrashError`, :class:`~cmrt.ReadTimeoutError`), a new worker takes the
dead one's place, and every other input is processed.

Each worker handles one input at a time, under an address-space limit (``RLIMIT_AS``, where the
platform has one) and a wall-clock limit per input enforced by the parent. Workers start from a fork
server (or are spawned where there is none), never by forking the caller, which may hold threads.
Their standard output and error go to ``/dev/null``, so a library that prints cannot corrupt the caller's.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from cmrt.errors import CmrtError, ReaderCrashError
from cmrt.forked import (
    DEFAULT_MEMORY,
    DEFAULT_SECONDS,
    answer,
    call_forked,
    can_fork,
    crash_error,
    limit_memory,
    peak_rss,
    silence_output,
    timeout_error,
)

if TYPE_CHECKING:  # multiprocessing is imported when workers start, not with cmrt (nor for Limits)
    from multiprocessing.connection import Connection

__all__ = ["Limits", "Outcome", "call_isolated", "map_isolated"]

GiB = 1024**3


@attrs.frozen
class Limits:
    """What one input may cost a worker process."""

    memory: int | None = DEFAULT_MEMORY
    """Address space of a worker process in bytes (``None``: no limit). Reading a real template needs
    under 300 MiB of it; the rest is headroom. Not enforced on Windows."""
    seconds: float | None = DEFAULT_SECONDS
    """Wall-clock time for one input (``None``: no limit). A real template reads in well under a second."""


@attrs.frozen
class Outcome:
    """What became of one input: its ``value``, or the ``error`` that ended it."""

    index: int
    value: Any = None
    error: CmrtError | None = None
    peak_rss: int | None = None
    """The worker's peak resident memory in bytes after this input (it includes earlier inputs)."""


def map_isolated(
    func: Callable[[Any], Any],
    items: Sequence[Any],
    *,
    jobs: int = 1,
    limits: Limits = Limits(),  # noqa: B008 - a frozen value
    on_done: Callable[[Outcome], None] | None = None,
) -> Iterator[Outcome]:
    """``func(item)`` for every item in ``jobs`` worker processes; yields outcomes as they complete.

    ``func`` must be a module-level function; anything it raises or returns travels back pickled (an
    exception that is not a :class:`CmrtError` is wrapped in :class:`ReaderCrashError` with its type).
    """
    if not items:
        return
    context = _context()
    pending = list(range(len(items)))[::-1]
    idle: list[_Worker] = []
    busy: dict[Connection, _Worker] = {}
    try:
        for _ in range(min(max(1, jobs), len(items))):
            idle.append(_Worker(context, func, limits))
        while pending or busy:
            while idle and pending:
                worker = idle.pop()
                index = pending.pop()
                worker.send(index, items[index])
                busy[worker.conn] = worker
            outcome, worker = _next(busy, limits)
            del busy[worker.conn]
            if worker.alive:
                idle.append(worker)
            else:
                worker.close()
                if pending:
                    idle.append(_Worker(context, func, limits))
            if on_done is not None:
                on_done(outcome)
            yield outcome
    finally:
        for worker in [*idle, *busy.values()]:
            worker.close()


def _context() -> Any:
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["cmrt.reading"])
        return context
    return multiprocessing.get_context("spawn")


@contextlib.contextmanager
def _main_not_rerun() -> Iterator[None]:
    """Hide a ``__main__`` that is no file (``python - < script``, ``python -c``, some embedders) while a
    worker starts: multiprocessing would re-run it in the child, fail, and every file would be lost."""
    main = sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    spec = getattr(main, "__spec__", None)
    if main is None or path is None or spec is not None or os.path.isfile(path):
        yield
        return
    del main.__file__
    try:
        yield
    finally:
        main.__file__ = path


class _Worker:
    """One child process and the input it is working on."""

    def __init__(self, context: Any, func: Callable[[Any], Any], limits: Limits) -> None:
        self.conn, child = context.Pipe(duplex=True)
        self.process = context.Process(target=_serve, args=(child, func, limits.memory), daemon=True)
        with _main_not_rerun():
            self.process.start()
        child.close()
        self.index: int | None = None
        self.started = 0.0
        self.alive = True

    def send(self, index: int, item: Any) -> None:
        self.index, self.started = index, time.monotonic()
        try:
            self.conn.send((index, item))
        except (OSError, ValueError):  # the worker died before it could take the input
            self.alive = False

    def close(self) -> None:
        self.alive = False
        if self.process.is_alive():
            with contextlib.suppress(OSError, ValueError):
                self.conn.send(None)
            self.process.join(timeout=0.5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(timeout=5)
        self.conn.close()


def _next(busy: dict[Connection, _Worker], limits: Limits) -> tuple[Outcome, _Worker]:
    """Wait for the first worker to answer, die, or run out of time."""
    from multiprocessing.connection import Connection, wait

    while True:
        timeout = None
        if limits.seconds is not None:
            first = min(w.started for w in busy.values())
            timeout = max(0.0, first + limits.seconds - time.monotonic())
        sentinels = {w.process.sentinel: w for w in busy.values()}
        ready = wait([*busy, *sentinels], timeout=timeout)
        for item in ready:
            if isinstance(item, Connection) and item in busy:
                worker = busy[item]
                try:
                    index, value, error, peak = item.recv()
                except (EOFError, OSError):  # died while answering
                    return _died(worker), worker
                return Outcome(index, value, error, peak), worker
        for item in ready:
            if item in sentinels:
                worker = sentinels[item]
                if worker.conn.poll():  # answered, then exited: take the answer
                    continue
                return _died(worker), worker
        if limits.seconds is not None:
            now = time.monotonic()
            for worker in busy.values():
                if now - worker.started >= limits.seconds:
                    worker.process.kill()
                    worker.process.join(timeout=5)
                    worker.alive = False
                    assert worker.index is not None
                    error = timeout_error(limits.seconds)
                    return Outcome(worker.index, error=error), worker


def _died(worker: _Worker) -> Outcome:
    worker.process.join(timeout=5)
    worker.alive = False
    assert worker.index is not None
    return Outcome(worker.index, error=crash_error(worker.process.exitcode))


def _serve(conn: Connection, func: Callable[[Any], Any], memory: int | None) -> None:
    """A worker's life: limits first, then one input at a time until told to stop."""
    import signal

    from cmrt.workbook.background import engine_thread

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle; it stops us
    limit_memory(memory)
    silence_output()
    with engine_thread(False):  # the cores are the workers': each reads on its own thread
        while True:
            try:
                message = conn.recv()
            except (EOFError, OSError):
                return
            if message is None:
                return
            index, item = message
            value, error = answer(func, item)
            try:
                conn.send((index, value, error, peak_rss()))
            except Exception as exc:  # noqa: BLE001 - an answer that cannot be pickled
                conn.send((index, None, ReaderCrashError(f"cannot send the result: {exc}"), peak_rss()))


def call_isolated(
    func: Callable[[Any], Any],
    item: Any,
    *,
    limits: Limits = Limits(),  # noqa: B008 - a frozen value
    meanwhile: Callable[[], object] | None = None,
) -> Outcome:
    """``func(item)`` in one child process under ``limits``, as :func:`map_isolated` would run it, but
    cheap: a single-threaded caller (the command) is forked (:func:`cmrt.forked.call_forked`), with no
    interpreter to start and nothing to import. A caller with threads, or a platform without ``fork``,
    gets a worker as ``map_isolated`` starts them (forking a process that holds threads may deadlock the
    child). ``meanwhile()`` runs in the caller while the child works (the command imports what prints
    the result)."""
    if not can_fork():
        if meanwhile is not None:
            meanwhile()
        return next(map_isolated(func, [item], jobs=1, limits=limits))
    value, error, peak = call_forked(
        func, item, memory=limits.memory, seconds=limits.seconds, meanwhile=meanwhile
    )
    return Outcome(0, value, error, peak)
