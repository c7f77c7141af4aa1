"""Many workbooks read at once, where one bad file costs only itself.

``read_all`` reads files in worker processes (:mod:`cmrt.isolation`): a file that makes its reader
abort, exceed the memory limit or hang is reported as a :class:`FileFailure` with its reason, the
worker is replaced, and every other file is read. ``jobs=1`` gets the same protection with one worker.
``isolate=False`` reads in the calling process instead (cmrt's own checks still bound every file;
this is also what happens inside a daemonic process, which may not start workers).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence

import attrs

from cmrt.errors import CmrtError
from cmrt.isolation import Limits, Outcome, map_isolated
from cmrt.records import CmrtReport
from cmrt.workbook.guard import engine_errors

__all__ = ["FileFailure", "Limits", "Progress", "check_jobs", "read_all", "read_each"]

Progress = Callable[[int, int, str], None]
"""``progress(done, total, source)``, called as each file finishes."""


@attrs.frozen
class FileFailure:
    """A file that could not be read; it was skipped and everything else went on."""

    source: str
    error: str
    kind: str
    """The error's class name: a :class:`~cmrt.CmrtError` subclass (``"PasswordError"``,
    ``"NotTemplateError"``, ``"FileMissingError"``, ``"ReaderCrashError"`` ...)."""


def read_one(task: tuple[str, str | None]) -> CmrtReport:
    """Read one file; anything that goes wrong is a :class:`~cmrt.CmrtError`. Runs in workers."""
    from cmrt.reading import read

    path, password = task
    with engine_errors("unexpected failure while reading"):
        return read(path, password=password)


def read_each(
    paths: Sequence[str | os.PathLike[str]],
    *,
    password: str | None = None,
    jobs: int | None = 1,
    isolate: bool = True,
    limits: Limits = Limits(),  # noqa: B008 - a frozen value
) -> Iterator[tuple[int, CmrtReport | FileFailure]]:
    """Read many workbooks with ``jobs`` worker processes (``None``: one per core); yields each file's
    index in ``paths`` and its report or failure, as files finish. ``limits`` bounds each worker's
    memory and each file's time."""
    import multiprocessing

    names = [str(p) for p in paths]
    workers = check_jobs(jobs) or os.cpu_count() or 1
    if isolate and not multiprocessing.current_process().daemon:
        tasks = [(name, password) for name in names]
        for outcome in map_isolated(read_one, tasks, jobs=workers, limits=limits):
            yield outcome.index, _result(outcome, names[outcome.index])
        return
    for index, name in enumerate(names):
        try:
            yield index, read_one((name, password))
        except CmrtError as exc:
            yield index, _failure(name, exc)


def read_all(
    paths: Sequence[str | os.PathLike[str]],
    *,
    password: str | None = None,
    jobs: int | None = 1,
    progress: Progress | None = None,
    isolate: bool = True,
    limits: Limits = Limits(),  # noqa: B008 - a frozen value
) -> tuple[list[CmrtReport], list[FileFailure]]:
    """Read many workbooks (see :func:`read_each`); returns the reports in the order of ``paths``, and
    the failures. ``progress(done, total, path)`` is called as each file finishes."""
    names = [str(p) for p in paths]
    results: list[CmrtReport | FileFailure | None] = [None] * len(names)
    for done, (index, result) in enumerate(
        read_each(names, password=password, jobs=jobs, isolate=isolate, limits=limits), start=1
    ):
        results[index] = result
        if progress is not None:
            progress(done, len(names), names[index])
    reports = [r for r in results if isinstance(r, CmrtReport)]
    failures = [r for r in results if isinstance(r, FileFailure)]
    return reports, failures


def _result(outcome: Outcome, name: str) -> CmrtReport | FileFailure:
    if outcome.error is not None:
        return _failure(name, outcome.error)
    return outcome.value


def _failure(name: str, exc: CmrtError) -> FileFailure:
    return FileFailure(name, str(exc) or type(exc).__name__, type(exc).__name__)


def check_jobs(value: object) -> int | None:
    """A ``jobs`` argument: ``None`` (one worker per core) or a whole number of at least 1.

    >>> check_jobs(0)
    Traceback (most recent call last):
    ...
    ValueError: jobs must be None (one per core) or a whole number of at least 1, not 0
    """
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return value
    raise ValueError(f"jobs must be None (one per core) or a whole number of at least 1, not {value!r}")
