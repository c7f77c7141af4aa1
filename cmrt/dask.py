"""A survey on a Dask cluster: the same map and combine as :func:`cmrt.survey`, past one machine.

Install the extra (``pip install "cmrt[dask]"``) where the client runs and on every worker. The
reference is built where you call, sent to each worker once (``client.scatter(..., broadcast=True)``),
and every task reads a few files and combines their :class:`~cmrt.survey.SurveyPart` where it ran
(:func:`cmrt.survey.read_part`, :func:`cmrt.survey.combine`); the parts come back to the caller, which
keeps only what a survey keeps (rows and responses, not reports) and classifies once
(:func:`cmrt.survey.finish`). The result equals ``cmrt.survey()`` on the same files.

Files are local paths that every worker can open (a shared file system; folders are expanded where you
call) or fsspec URLs (``s3://bucket/cmrt/2026/a.xlsx``, ``gcs://...``, ``file://...``) read as bytes on
the worker, with ``storage_options`` passed to ``fsspec.open`` (the protocol's package, such as s3fs,
installed on the workers). A file that cannot be read is a :class:`~cmrt.batch.FileFailure`, as
locally; a task whose worker died (a file that crashed a native engine: Dask reports ``KilledWorker``
after its own retries) is retried one file per task, so only the file at fault is lost.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from cmrt.batch import FileFailure, Progress, failure, read_one, workbook_paths
from cmrt.cahra import CahraList
from cmrt.classification import as_cahra, as_reference
from cmrt.classification.partial import Interner
from cmrt.dates import as_date
from cmrt.errors import CmrtError, FileAccessError, FileMissingError
from cmrt.identity.reference import SmelterReference
from cmrt.survey import Survey, SurveyPart, combine, compact, failed_part, finish, read_part, survey_part
from cmrt.workbook.background import engine_thread
from cmrt.workbook.guard import engine_errors
from cmrt.workbook.source import read_source

__all__ = ["read_files", "survey"]


def survey(
    sources: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    reference: SmelterReference | str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    client: Any = None,
    as_of: dt.date | dt.datetime | str | None = None,
    cahra: CahraList | str | os.PathLike[str] | Iterable[str] | None = None,
    password: str | None = None,
    keep_reports: bool = False,
    files_per_task: int = 16,
    storage_options: Mapping[str, Any] | None = None,
    progress: Progress | None = None,
) -> Survey:
    """:func:`cmrt.survey` on the Dask cluster of ``client`` (default: the current client).

    ``sources``: local paths or folders every worker can see, or fsspec URLs; ``files_per_task`` files
    are read per task (fewer tasks for the scheduler; a crash retries that task's files one by one).
    At most a few tasks per worker thread are in flight, so neither the cluster nor this process holds
    more than the parts not yet combined. Other arguments as for :func:`cmrt.survey`.
    """
    distributed = _distributed()
    as_of = as_date(as_of, "as_of")
    if not isinstance(files_per_task, int) or isinstance(files_per_task, bool) or files_per_task < 1:
        raise ValueError(f"files_per_task must be a whole number of at least 1, not {files_per_task!r}")
    names = _names(sources)
    reference = as_reference(reference)
    cahra = as_cahra(cahra)
    client = client if client is not None else _current_client(distributed)
    shared = client.scatter(reference, broadcast=True, hash=False)
    options = {
        "password": password,
        "keep_reports": keep_reports,
        "storage_options": dict(storage_options or {}),
    }
    chunks = [names[i : i + files_per_task] for i in range(0, len(names), files_per_task)]
    parts: list[SurveyPart | None] = [None] * len(chunks)
    interner = Interner(reference)
    done = 0
    window = max(4, 3 * sum(client.nthreads().values()))
    pending = iter(enumerate(chunks))
    running = distributed.as_completed()
    which: dict[str, int] = {}

    def submit() -> None:
        for index, chunk in pending:
            future = client.submit(read_files, chunk, reference=shared, pure=False, **options)
            which[future.key] = index
            running.add(future)
            return

    for _ in range(window):
        submit()
    for future in running:
        index = which.pop(future.key)
        try:
            part = future.result()
        except Exception as exc:  # noqa: BLE001 - a dead worker or a lost task: retry file by file
            part = _one_by_one(client, distributed, chunks[index], shared, options, exc)
        future.release()
        parts[index] = compact(part, reference, interner)
        submit()
        for name in chunks[index]:
            done += 1
            if progress is not None:
                progress(done, len(names), name)
    return finish(combine(*(p for p in parts if p is not None)), reference, as_of=as_of, cahra=cahra)


def read_files(
    names: list[str],
    *,
    reference: SmelterReference,
    password: str | None = None,
    keep_reports: bool = False,
    storage_options: Mapping[str, Any] | None = None,
) -> SurveyPart:
    """One task: each file (path or fsspec URL) read into its part, the parts combined where they ran
    (each on the task's own thread: the worker's cores are its tasks')."""
    with engine_thread(False):
        return combine(*(_read(name, reference, password, keep_reports, storage_options) for name in names))


def _read(
    name: str,
    reference: SmelterReference,
    password: str | None,
    keep_report: bool,
    storage_options: Mapping[str, Any] | None,
) -> SurveyPart:
    if "://" not in name:
        return read_part(name, reference=reference, password=password, keep_report=keep_report)
    try:
        report = attrs.evolve(read_one(_fetch(name, storage_options or {}), password), source=name)
    except CmrtError as exc:
        return failed_part(failure(name, exc))
    return survey_part(report, reference, keep_report=keep_report)


def _fetch(url: str, storage_options: Mapping[str, Any]) -> bytes:
    """The bytes at ``url`` through fsspec, within cmrt's size limit."""
    import fsspec

    try:
        with (
            engine_errors(f"{url}: cannot fetch", FileAccessError),
            fsspec.open(url, "rb", **storage_options) as f,
        ):
            return read_source(f)[0]
    except FileAccessError as exc:
        if isinstance(exc.__cause__, FileNotFoundError):
            raise FileMissingError(f"{url}: no such file") from exc
        raise


def _one_by_one(
    client: Any, distributed: Any, names: list[str], shared: Any, options: dict[str, Any], exc: Exception
) -> SurveyPart:
    if len(names) > 1:
        futures = [client.submit(read_files, [n], reference=shared, pure=False, **options) for n in names]
        distributed.wait(futures)
        parts = [
            f.result()
            if f.status == "finished"
            else _one_by_one(client, distributed, [n], shared, options, f.exception())
            for f, n in zip(futures, names, strict=True)
        ]
        return combine(*parts)
    why = f"the Dask task reading it failed: {type(exc).__name__}: {exc}"
    return failed_part(FileFailure(names[0], why[:500], "ReaderCrashError"))


def _names(sources: Any) -> list[str]:
    """Local paths (folders expanded where the caller runs; a missing one refused now) and URLs, in order."""
    items = [sources] if isinstance(sources, (str, os.PathLike)) else list(sources)
    names: list[str] = []
    for item in items:
        if isinstance(item, str) and "://" in item:
            names.append(item)
        elif isinstance(item, (str, os.PathLike)):
            names.extend(str(p) for p in workbook_paths(item))
        else:
            raise TypeError(
                f"cmrt.dask.survey() reads files (paths, folders, fsspec URLs), not {type(item).__name__}"
            )
    return names


def _distributed() -> Any:
    try:
        import distributed
    except ImportError as exc:  # pragma: no cover - depends on what is installed
        raise ImportError('cmrt.dask needs Dask\'s distributed scheduler: pip install "cmrt[dask]"') from exc
    return distributed


def _current_client(distributed: Any) -> Any:
    try:
        return distributed.get_client()
    except ValueError as exc:
        raise ValueError(
            "no Dask client: pass client=distributed.Client(...) (a LocalCluster or a real cluster's address)"
        ) from exc
