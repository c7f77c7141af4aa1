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

from cmrt.errors import CmrtError, ReaderCrashError, ReadTimeoutError

if TYPE_CHECKING:  # multiprocessing is imported when workers start, not with cmrt (nor for Limits)
    from multiprocessing.connection import Connection

__all__ = ["Limits", "Outcome", "call_isolated", "map_isolated"]

GiB = 1024**3


@attrs.frozen
class Limits:
    """What one input may cost a worker process."""

    memory: int | None = 2 * GiB
    """Address space of a worker process in bytes (``None``: no limit). Reading a real template needs
    under 300 MiB of it; the rest is headroom. Not enforced on Windows."""
    seconds: float | None = 60.0
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
                    error = _timed_out(limits)
                    return Outcome(worker.index, error=error), worker


def _died(worker: _Worker) -> Outcome:
    worker.process.join(timeout=5)
    worker.alive = False
    assert worker.index is not None
    return Outcome(worker.index, error=_crash(worker.process.exitcode))


def _timed_out(limits: Limits) -> ReadTimeoutError:
    return ReadTimeoutError(f"stopped after {limits.seconds:g} s (the per-file time limit)")


def _crash(code: int | None) -> ReaderCrashError:
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


def _serve(conn: Connection, func: Callable[[Any], Any], memory: int | None) -> None:
    """A worker's life: limits first, then one input at a time until told to stop."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle; it stops us
    _limit_memory(memory)
    _silence_output()
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        index, item = message
        value, error = _answer(func, item)
        try:
            conn.send((index, value, error, _peak_rss()))
        except Exception as exc:  # noqa: BLE001 - an answer that cannot be pickled
            conn.send((index, None, ReaderCrashError(f"cannot send the result: {exc}"), _peak_rss()))


def _answer(func: Callable[[Any], Any], item: Any) -> tuple[Any, CmrtError | None]:
    try:
        return func(item), None
    except CmrtError as exc:
        return None, exc
    except BaseException as exc:  # noqa: BLE001 - anything else is reported, not fatal
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        return None, ReaderCrashError(f"{type(exc).__name__}: {exc}")


def call_isolated(
    func: Callable[[Any], Any],
    item: Any,
    *,
    limits: Limits = Limits(),  # noqa: B008 - a frozen value
    meanwhile: Callable[[], object] | None = None,
) -> Outcome:
    """``func(item)`` in one child process under ``limits``, as :func:`map_isolated` would run it, but
    cheap: a single-threaded caller (the command) is forked, with no interpreter to start and nothing to
    import. A caller with threads, or a platform without ``fork``, gets a worker as ``map_isolated``
    starts them (forking a process that holds threads may deadlock the child). ``meanwhile()`` runs in
    the caller while the child works (the command imports what prints the result)."""
    threading = sys.modules.get("threading")
    if not hasattr(os, "fork") or (threading is not None and threading.active_count() > 1):
        if meanwhile is not None:
            meanwhile()
        return next(map_isolated(func, [item], jobs=1, limits=limits))
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
            _limit_memory(limits.memory)
            _silence_output()
            value, error = _answer(func, item)
            try:
                data = pickle.dumps((value, error, _peak_rss()))
            except Exception as exc:  # noqa: BLE001 - an answer that cannot be pickled
                data = pickle.dumps((None, ReaderCrashError(f"cannot send the result: {exc}"), _peak_rss()))
            view = memoryview(data)
            while view:
                view = view[os.write(writable, view) :]
        except BaseException:  # noqa: BLE001 - nothing may escape a forked child
            code = 70
        finally:
            os._exit(code)
    os.close(writable)
    chunks: list[bytes] = []
    deadline = None if limits.seconds is None else time.monotonic() + limits.seconds
    try:
        if meanwhile is not None:
            meanwhile()
        while True:
            wait = None if deadline is None else max(0.0, deadline - time.monotonic())
            if not select.select([readable], [], [], wait)[0]:  # out of time
                os.kill(pid, 9)
                os.waitpid(pid, 0)
                error = _timed_out(limits)
                return Outcome(0, error=error)
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
        return Outcome(0, error=_crash(code))
    value, error, peak = pickle.loads(b"".join(chunks))
    return Outcome(0, value, error, peak)


def _limit_memory(memory: int | None) -> None:
    if memory is None:
        return
    try:
        import resource
    except ImportError:  # Windows
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = memory if hard == resource.RLIM_INFINITY else min(memory, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _silence_output() -> None:
    """Standard output and error to /dev/null: what engines print (Rust's panic messages among it) is
    not the caller's output; what went wrong comes back as the outcome."""
    import sys
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


def _peak_rss() -> int | None:
    try:
        import resource
    except ImportError:
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak * 1024 if os.uname().sysname == "Linux" else peak  # kB on Linux, bytes on macOS
