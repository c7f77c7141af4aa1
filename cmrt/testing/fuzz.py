"""A fuzz campaign: damaged workbooks through ``cmrt.read`` and ``SmelterReference.from_files``.

Each mutant is made and read inside a worker process (:func:`cmrt.isolation.map_isolated`) under a
memory and a time limit, so a mutant that kills its reader is counted, not suffered. Outcomes:

- ``read``: a report came back (problems and all);
- ``error``: a :class:`~cmrt.CmrtError` subclass, the promised way to fail;
- ``uncaught``: any other exception escaped: a bug;
- ``internal``: a CmrtError came back, but it hid an exception raised in cmrt's own code: a bug;
- ``died``: the process died (a native abort, or the memory limit): a bug;
- ``timeout``: over the time limit: a bug;
- ``slow`` / ``big``: ended, but over the time or memory target: a bug.

``python tools/fuzz.py --n 10000 --seed 1`` runs one from the command line.
"""

from __future__ import annotations

import collections
import os
import time
import traceback
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path

import attrs

from cmrt.isolation import GiB, Limits, Outcome, map_isolated
from cmrt.testing.mutate import mutate, operations_for, plan

__all__ = ["Campaign", "Probe", "builder_corpus", "campaign", "probe"]

BAD = ("uncaught", "internal", "died", "timeout", "slow", "big")


@attrs.frozen
class Probe:
    """What reading one mutant did."""

    origin: str
    operation: str
    seed: int
    outcome: str
    kind: str = ""
    """The exception's class name, for ``error`` and ``uncaught``."""
    message: str = ""
    seconds: float = 0.0
    peak_rss: int | None = None
    size: int = 0

    @property
    def name(self) -> str:
        return f"{Path(self.origin).name}#{self.operation}#{self.seed}"


def builder_corpus(folder: str | os.PathLike[str]) -> list[Path]:
    """Workbooks cmrt builds, written into ``folder`` to be mutated: 6.5 and 3.01, .xlsx and .xls,
    translated, never calculated."""
    from cmrt.testing.builder import SmelterRow, build_cmrt

    rows = [
        SmelterRow("Gold", smelter_id="CID900001"),
        SmelterRow("Tin", name="Mock Tin Metals S.A.", country="PERU"),
    ]
    variants = {
        "built_6.5.xlsx": build_cmrt(smelters=rows),
        "built_6.5_deutsch_uncalculated.xlsx": build_cmrt(
            language="Deutsch", recalculated=False, smelters=rows
        ),
        "built_3.01.xls": build_cmrt(version="3.01", fmt="xls", smelters=rows),
        "built_6.22.xls": build_cmrt(version="6.22", fmt="xls", smelters=rows),
    }
    paths = []
    for name, data in variants.items():
        path = Path(folder) / name
        path.write_bytes(data)
        paths.append(path)
    return paths


@lru_cache(maxsize=64)
def _original(path: str) -> bytes:
    return Path(path).read_bytes()


def probe(task: tuple[str, str, int, bool]) -> Probe:
    """Make one mutant (``origin`` path, operation, seed) and read it; never raises."""
    import cmrt
    from cmrt.errors import CmrtError
    from cmrt.workbook.background import engine_thread

    origin, operation, seed, as_reference = task
    data = mutate(_original(origin), operation, seed)
    start = time.perf_counter()
    try:
        with engine_thread(seed % 2 == 0):  # half read as a notebook does, with calamine on a helper thread
            cmrt.read(data)
        if as_reference:
            _as_reference(data, Path(origin).suffix)
        outcome, kind, message = "read", "", ""
    except CmrtError as exc:
        outcome, kind, message = "error", type(exc).__name__, str(exc)[:300]
        where = _own_bug(exc)
        if where:
            outcome, kind, message = "internal", type(exc.__cause__).__name__, f"{message} [{where}]"
    except BaseException as exc:  # noqa: BLE001 - this is what the campaign looks for
        if isinstance(exc, KeyboardInterrupt):
            raise
        where = traceback.extract_tb(exc.__traceback__)[-3:]
        trail = " <- ".join(f"{Path(f.filename).name}:{f.lineno}" for f in reversed(where))
        outcome, kind, message = "uncaught", type(exc).__name__, f"{str(exc)[:200]} [{trail}]"
    return Probe(
        origin, operation, seed, outcome, kind, message, time.perf_counter() - start, None, len(data)
    )


def _own_bug(exc: BaseException) -> str | None:
    """Where in cmrt's own code the exception behind a converted error was raised, if it was: a bug
    that the contract hid (the caller still got a CmrtError)."""
    from cmrt.errors import CmrtError

    cause = exc.__cause__
    if cause is None or isinstance(cause, (CmrtError, OSError)) or cause.__traceback__ is None:
        return None  # the operating system's word on a path is no bug of cmrt's
    import cmrt

    frames = traceback.extract_tb(cause.__traceback__)
    inner = frames[-1]
    package = str(Path(cmrt.__file__).resolve().parent) + os.sep  # not a folder that happens to be named cmrt
    if str(Path(inner.filename).resolve()).startswith(package) and type(cause).__name__ not in (
        "MemoryError",
        "RecursionError",
    ):
        return f"{Path(inner.filename).name}:{inner.lineno}"
    return None


def _as_reference(data: bytes, suffix: str) -> None:
    import tempfile

    from cmrt.identity.reference import SmelterReference

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"reference{suffix}"
        path.write_bytes(data)
        try:
            SmelterReference.from_files(path)
        except Exception as exc:
            from cmrt.errors import CmrtError

            if not isinstance(exc, CmrtError):
                raise


@attrs.frozen
class Campaign:
    """The probes of one campaign and how they are summed up."""

    probes: tuple[Probe, ...]
    seconds: float
    max_seconds: float
    max_rss: int

    def counts(self) -> collections.Counter[str]:
        return collections.Counter(p.outcome for p in self.probes)

    def errors(self) -> collections.Counter[str]:
        return collections.Counter(p.kind for p in self.probes if p.outcome == "error")

    def bad(self) -> list[Probe]:
        return [p for p in self.probes if p.outcome in BAD]

    def report(self) -> str:
        """The campaign for people: counts by outcome and by error class, every bad class with a mutant."""
        total = len(self.probes) or 1
        lines = [f"{len(self.probes)} mutants in {self.seconds:.0f} s"]
        for outcome in ("read", "error", *BAD):
            n = self.counts()[outcome]
            lines.append(f"  {outcome:<9} {n:>6}  {100 * n / total:5.1f}%")
        lines.append("errors by class:")
        lines += [f"  {kind:<22} {n:>6}" for kind, n in self.errors().most_common()]
        read = [p for p in self.probes if p.outcome in ("read", "error")]
        if read:
            slowest = max(read, key=lambda p: p.seconds)
            lines.append(f"slowest: {slowest.seconds:.2f} s ({slowest.name})")
        rss = [p.peak_rss for p in self.probes if p.peak_rss]
        if rss:
            lines.append(f"largest worker peak RSS: {max(rss) / 2**20:.0f} MiB")
        by_class: dict[tuple[str, str], list[Probe]] = collections.defaultdict(list)
        for p in self.bad():
            by_class[(p.outcome, p.kind)].append(p)
        if by_class:
            lines.append("bad outcomes, by class (one reproduction each):")
        for (outcome, kind), found in sorted(by_class.items()):
            first = found[0]
            lines.append(f"  {outcome} {kind} x{len(found)}: {first.message[:160]}")
            lines.append(
                f"    reproduce: mutate(read_bytes({first.origin!r}), {first.operation!r}, {first.seed})"
            )
        return "\n".join(lines)


def campaign(
    corpus: Sequence[str | os.PathLike[str]],
    n: int,
    seed: int,
    *,
    jobs: int = 2,
    max_seconds: float = 10.0,
    max_rss: int = GiB,
    reference_share: float = 0.1,
    progress: Callable[[int, int], None] | None = None,
) -> Campaign:
    """``n`` mutants of the workbooks in ``corpus``, each read in a worker under limits.

    A mutant's reading counts as ``slow`` past ``max_seconds`` and is stopped (``timeout``) at three
    times that; as ``big`` when its worker's peak resident memory passes ``max_rss``. Workers run under
    an address-space limit of 4 GiB, so that what would exhaust the machine dies instead (``died``).
    ``reference_share`` of the mutants are also given to :meth:`SmelterReference.from_files`.
    """
    import random

    files = [str(p) for p in corpus]
    draw = random.Random(seed)
    fitting = [(f, operations_for(_original(f))) for f in files]
    tasks = [(f, op, s, draw.random() < reference_share) for f, op, s in plan(fitting, n, seed)]
    limits = Limits(memory=4 * GiB, seconds=3 * max_seconds)
    probes: list[Probe] = []
    start = time.monotonic()
    seen_peak = 0
    for outcome in map_isolated(probe, tasks, jobs=jobs, limits=limits):
        result = _probe_of(outcome, tasks[outcome.index])
        if (
            result.peak_rss
            and result.peak_rss > max(seen_peak, max_rss)
            and result.outcome in ("read", "error")
        ):
            result = attrs.evolve(
                result, outcome="big", message=f"peak RSS {result.peak_rss / 2**20:.0f} MiB"
            )
        seen_peak = max(seen_peak, result.peak_rss or 0)
        if result.outcome in ("read", "error") and result.seconds > max_seconds:
            result = attrs.evolve(result, outcome="slow", message=f"{result.seconds:.1f} s; {result.message}")
        probes.append(result)
        if progress is not None:
            progress(len(probes), len(tasks))
    return Campaign(tuple(probes), time.monotonic() - start, max_seconds, max_rss)


def _probe_of(outcome: Outcome, task: tuple[str, str, int, bool]) -> Probe:
    origin, operation, seed, _ = task
    if outcome.error is None:
        return attrs.evolve(outcome.value, peak_rss=outcome.peak_rss)
    kind = "timeout" if type(outcome.error).__name__ == "ReadTimeoutError" else "died"
    return Probe(origin, operation, seed, kind, type(outcome.error).__name__, str(outcome.error))
