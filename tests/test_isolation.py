"""A worker that aborts, segfaults, hangs or runs out of memory costs only its own input."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from isolation_support import misbehave

from cmrt.errors import ReaderCrashError, ReadTimeoutError
from cmrt.isolation import Limits, call_isolated, map_isolated

LIMITS = Limits(memory=2 << 30, seconds=3)


@pytest.mark.parametrize("jobs", [1, 2])
def test_every_good_input_survives_every_bad_one(jobs: int) -> None:
    items = ["a", "abort", "b", "segfault", "c", "hang", "d", "allocate", "e", "raise", "f"]
    start = time.monotonic()
    outcomes = {o.index: o for o in map_isolated(misbehave, items, jobs=jobs, limits=LIMITS)}
    assert sorted(outcomes) == list(range(len(items)))
    for index, item in enumerate(items):
        outcome = outcomes[index]
        if len(item) == 1:
            assert (outcome.value, outcome.error) == (item.upper(), None)
    assert isinstance(outcomes[1].error, ReaderCrashError) and "SIGABRT" in str(outcomes[1].error)
    assert isinstance(outcomes[3].error, ReaderCrashError) and "SIGSEGV" in str(outcomes[3].error)
    assert isinstance(outcomes[5].error, ReadTimeoutError)
    assert isinstance(outcomes[7].error, ReaderCrashError)  # MemoryError under the address-space limit
    assert isinstance(outcomes[9].error, ReaderCrashError) and "ValueError" in str(outcomes[9].error)
    assert time.monotonic() - start < 30  # the hang cost its time limit, not ten minutes


def test_workers_print_nothing_into_the_callers_output(capfd) -> None:
    assert [o.value for o in map_isolated(misbehave, ["print"], limits=LIMITS)] == ["PRINT"]
    out, err = capfd.readouterr()
    assert "noise" not in out and "noise" not in err


def test_no_items_no_workers() -> None:
    assert list(map_isolated(misbehave, [], limits=LIMITS)) == []


@pytest.mark.parametrize("how", ["stdin", "-c"])
def test_a_script_that_is_no_file_still_reads_in_workers(how: str) -> None:
    """``python - < script`` and ``python -c``: multiprocessing would re-run a ``__main__`` that is no file
    in every worker, each would die, and every file of the survey would be lost."""
    script = (
        "import cmrt; e = cmrt.example_survey_path(); "
        "s = cmrt.survey(e / 'suppliers', sorted((e / 'reference').iterdir()), jobs=2); "
        "print(len(s.responses), len(s.failures))"
    )
    stdin = script if how == "stdin" else None
    args = [sys.executable, "-"] if how == "stdin" else [sys.executable, "-c", script]
    done = subprocess.run(args, input=stdin, capture_output=True, text=True, timeout=120, check=False)
    assert (done.returncode, done.stdout.split()) == (0, ["5", "0"]), done.stderr[-2000:]


@pytest.mark.parametrize("item", ["a", "abort", "segfault", "hang", "allocate", "raise", "print"])
def test_one_input_alone_in_a_forked_child_costs_only_itself(item: str, capfd) -> None:
    """``cmrt read FILE``'s way: no pool to start, the same protection."""
    outcome = call_isolated(misbehave, item, limits=Limits(memory=2 << 30, seconds=2))
    expected = {
        "a": "A", "print": "PRINT", "abort": "SIGABRT", "segfault": "SIGSEGV", "hang": ReadTimeoutError,
        "allocate": ReaderCrashError, "raise": "ValueError",
    }[item]  # fmt: skip
    if isinstance(expected, type):
        assert isinstance(outcome.error, expected)
    elif len(item) == 1 or item == "print":
        assert (outcome.value, outcome.error) == (expected, None)
    else:
        assert isinstance(outcome.error, ReaderCrashError) and expected in str(outcome.error)
    out, err = capfd.readouterr()
    assert "noise" not in out and "noise" not in err


def test_a_caller_with_threads_is_not_forked() -> None:
    import threading

    stop = threading.Event()
    helper = threading.Thread(target=stop.wait)
    helper.start()
    try:
        outcome = call_isolated(misbehave, "segfault", limits=LIMITS)
    finally:
        stop.set()
        helper.join()
    assert isinstance(outcome.error, ReaderCrashError) and "SIGSEGV" in str(outcome.error)


@pytest.mark.skipif(not os.path.exists("/proc/self/stat"), reason="lists children through Linux's /proc")
def test_the_caller_works_meanwhile_and_a_failure_there_takes_the_child_with_it() -> None:
    """``cmrt read`` imports what prints the report while the child reads; should that fail, no child
    is left behind."""
    done: list[int] = []
    outcome = call_isolated(misbehave, "a", limits=LIMITS, meanwhile=lambda: done.append(os.getpid()))
    assert (outcome.value, outcome.error, done) == ("A", None, [os.getpid()])

    def fail() -> None:
        raise KeyboardInterrupt

    before = _children()
    with pytest.raises(KeyboardInterrupt):
        call_isolated(misbehave, "hang", limits=LIMITS, meanwhile=fail)
    assert _children() == before  # the hanging child was killed and reaped, not left behind


def _children() -> set[int]:
    """This process's child processes, zombies included (Linux's /proc)."""
    from pathlib import Path

    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == os.getpid():
            found.add(int(stat.parent.name))
    return found
