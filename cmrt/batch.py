"""Many workbooks read at once, where one bad file costs only itself.

``read_all`` reads files in worker processes (:mod:`cmrt.isolation`): a file that makes its reader
abort, exceed the memory limit or hang is reported as a :class:`FileFailure` with its reason, the
worker is replaced, and every other file is read. ``jobs=1`` gets the same protection with one worker.
``isolate=False`` reads in the calling process instead (cmrt's own checks still bound every file;
this is also what happens inside a daemonic process, which may not start workers).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from cmrt.errors import CmrtError
from cmrt.isolation import Limits, Outcome, call_isolated, map_isolated
from cmrt.reading import read_one
from cmrt.workbook.source import WORKBOOK_SUFFIXES, workbook_paths

if TYPE_CHECKING:
    from cmrt.records import CmrtReport

__all__ = [
    "WORKBOOK_SUFFIXES",
    "FileFailure",
    "Limits",
    "Progress",
    "check_jobs",
    "map_files",
    "map_in_order",
    "read_alone",
    "read_one",
    "read_all",
    "read_each",
    "workbook_paths",
]

T = TypeVar("T")

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


def read_alone(
    path: str | os.PathLike[str],
    *,
    password: str | None = None,
    limits: Limits = Limits(),  # noqa: B008 - a frozen value
    meanwhile: Callable[[], object] | None = None,
) -> CmrtReport | FileFailure:
    """Read one workbook in a child process under ``limits`` (forked where the caller has one thread:
    no interpreter to start): what ``cmrt read FILE`` does, so that a file that kills its reader is an
    unreadable file, not a dead command. ``meanwhile`` runs here while the child reads."""
    name = str(path)
    func = functools.partial(read_one, password=password)
    return _result(call_isolated(func, name, limits=limits, meanwhile=meanwhile), name)


def map_files(
    func: Callable[[str], T],
    paths: Sequence[str | os.PathLike[str]],
    *,
    jobs: int | None = 1,
    isolate: bool = True,
    limits: Limits = Limits(),  # noqa: B008 - a frozen value
) -> Iterator[tuple[int, T | FileFailure]]:
    """``func(path)`` for every path in ``jobs`` worker processes (``None``: one per core); yields each
    path's index and its result, or a :class:`FileFailure` for a :class:`~cmrt.CmrtError`, a crash or a
    timeout, as files finish. ``func`` is a module-level function or a ``functools.partial`` of one: what
    it is bound to (a reference, say) is sent once to each worker, not with every file."""
    import multiprocessing

    names = [str(p) for p in paths]
    workers = check_jobs(jobs) or os.cpu_count() or 1
    if isolate and not multiprocessing.current_process().daemon:
        for outcome in map_isolated(func, names, jobs=workers, limits=limits):
            yield outcome.index, _result(outcome, names[outcome.index])
        return
    for index, name in enumerate(names):
        try:
            yield index, func(name)
        except CmrtError as exc:
            yield index, failure(name, exc)


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
    func = functools.partial(read_one, password=password)
    yield from map_files(func, paths, jobs=jobs, isolate=isolate, limits=limits)


def map_in_order(
    func: Callable[[str], T],
    paths: Sequence[str | os.PathLike[str]],
    *,
    failed: Callable[[FileFailure], T],
    kept: Callable[[T], T] = lambda value: value,
    jobs: int | None = 1,
    progress: Progress | None = None,
    isolate: bool = True,
    limits: Limits = Limits(),  # noqa: B008 - a frozen value
) -> list[T]:
    """:func:`map_files`, its results in the order of ``paths``: ``kept(result)`` as each file finishes
    (what the caller holds on to of it), ``failed(failure)`` for a file that failed."""
    names = [str(p) for p in paths]
    results: list[Any] = [None] * len(names)
    outcomes = map_files(func, names, jobs=jobs, isolate=isolate, limits=limits)
    for done, (index, result) in enumerate(outcomes, start=1):
        results[index] = failed(result) if isinstance(result, FileFailure) else kept(result)
        if progress is not None:
            progress(done, len(names), names[index])
    return results


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
    func = functools.partial(read_one, password=password)
    results: list[CmrtReport | FileFailure] = map_in_order(
        func, paths, failed=lambda f: f, jobs=jobs, progress=progress, isolate=isolate, limits=limits
    )
    reports = [r for r in results if not isinstance(r, FileFailure)]
    failures = [r for r in results if isinstance(r, FileFailure)]
    return reports, failures


def _result(outcome: Outcome, name: str) -> Any:
    if outcome.error is not None:
        return failure(name, outcome.error)
    return outcome.value


def failure(name: str, exc: CmrtError) -> FileFailure:
    """What is reported of a file that raised ``exc``."""
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
