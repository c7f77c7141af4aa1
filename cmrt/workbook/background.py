"""One helper thread that runs the engine while the caller goes on.

python-calamine parses with the GIL released, so while it opens a workbook or parses one sheet, the
calling thread can check the next sheet's markup or build records from the last one: on a real
template that is most of what cmrt does besides calamine (see docs/scale.md). Jobs run one at a time,
in order, on one thread (a calamine workbook may not be used from two threads at once); a job the
caller waits for goes first. The thread ends as soon as there is nothing left to do, and
:meth:`Worker.close` drops what is queued and waits for it, so no thread outlives the reading of a file
(a process that forks afterwards, such as ``cmrt read``'s isolation, has one thread again).
"""

from __future__ import annotations

import collections
import contextlib
import contextvars
import threading
from collections.abc import Callable, Iterator
from typing import Any

__all__ = ["Job", "Worker", "engine_thread", "threads_allowed"]

_threads: contextvars.ContextVar[bool] = contextvars.ContextVar("cmrt_engine_thread", default=True)


@contextlib.contextmanager
def engine_thread(allowed: bool) -> Iterator[None]:
    """Whether reads in this block (in this thread) may run the engine on a helper thread. Workers that
    share the machine's cores (a survey's processes, a Dask cluster's tasks) read without one: there it
    only competes with the other workers (a survey of real files ran a fifth slower with it, two workers
    on two cores; with one worker, no faster)."""
    token = _threads.set(allowed)
    try:
        yield
    finally:
        _threads.reset(token)


def threads_allowed() -> bool:
    """Whether a read here may run the engine on a helper thread (:func:`engine_thread`; by default yes)."""
    return _threads.get()


class Job:
    """A function to run on the worker, and then its result or what it raised (anything at all: an
    engine's ``PanicException`` derives from ``BaseException``)."""

    __slots__ = ("_done", "_error", "_func", "_started", "_value")

    def __init__(self, func: Callable[[], Any]) -> None:
        self._func = func
        self._started = threading.Event()
        self._done = threading.Event()
        self._value: Any = None
        self._error: BaseException | None = None

    def run(self) -> None:
        self._started.set()
        try:
            self._value = self._func()
        except BaseException as exc:  # noqa: BLE001 - handed to whoever waits for the result
            self._error = exc
        finally:
            self._func = None  # type: ignore[assignment]  # what it held is not kept past the run
            self._done.set()

    def cancel(self) -> None:
        self._error = RuntimeError("the workbook was closed before this sheet was read")
        self._started.set()
        self._done.set()

    def wait_started(self) -> None:
        """Wait until the job runs. Long work in C that holds the GIL (a regular expression over a
        sheet) would otherwise keep a new thread from starting the job that was to overlap it."""
        self._started.wait()

    def done(self) -> bool:
        """Whether the job has run (or was cancelled): :meth:`result` returns without waiting."""
        return self._done.is_set()

    def result(self) -> Any:
        """The job's value once it has run, or what it raised, raised here."""
        self._done.wait()
        if self._error is not None:
            raise self._error
        return self._value


class Worker:
    """Runs submitted jobs in order on one thread, started when there is work and ended when there is
    none."""

    def __init__(self, name: str = "cmrt-engine") -> None:
        self._name = name
        self._lock = threading.Lock()
        self._queue: collections.deque[Job] = collections.deque()
        self._running = False
        self._threads: list[threading.Thread] = []
        self._current: Job | None = None

    def submit(self, func: Callable[[], Any]) -> Job:
        """Queue ``func``; returns its job. Where the worker had nothing to do, this returns once the job
        has started: the caller holds the interpreter's lock while it runs Python code, and a thread
        waiting for that lock to start its job waits up to the switch interval (5 ms) otherwise."""
        job = Job(func)
        alone = False
        with self._lock:
            idle = not self._queue and (self._current is None or self._current.done())
            self._queue.append(job)
            if not self._running:
                self._running = True
                thread = threading.Thread(target=self._run, name=self._name, daemon=True)
                self._threads = [t for t in self._threads if t.is_alive()] + [thread]
                try:
                    thread.start()
                except RuntimeError:  # no thread to be had (a process at its limit)
                    self._threads.remove(thread)
                    alone = True
        if alone:  # the caller runs what is queued itself: slower, never stuck
            self._run()
        elif idle:
            job.wait_started()
        return job

    def first(self, job: Job) -> None:
        """Move ``job`` to the front of the queue if it is still waiting (the caller needs it now)."""
        with self._lock:
            if job in self._queue:
                self._queue.remove(job)
                self._queue.appendleft(job)

    def close(self) -> None:
        """Cancel what has not started, and wait for what has."""
        with self._lock:
            dropped = list(self._queue)
            self._queue.clear()
            threads, self._threads = self._threads, []
        for job in dropped:
            job.cancel()
        for thread in threads:
            if thread is not threading.current_thread():
                thread.join()

    def _run(self) -> None:
        while True:
            with self._lock:
                if not self._queue:
                    self._running = False  # the next submit starts a new thread
                    self._current = None
                    return
                job = self._current = self._queue.popleft()
            job.run()
