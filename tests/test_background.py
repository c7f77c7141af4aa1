"""The engine's helper thread: jobs in order, the one needed now first, errors handed over, and no
thread left once a workbook is read (``cmrt read`` forks only a single-threaded process)."""

from __future__ import annotations

import threading
import time

import pytest

import cmrt
from cmrt.testing import build_cmrt
from cmrt.workbook import open_workbook
from cmrt.workbook.background import Worker

BEFORE = 1
"""Threads of the test process as each test here starts (other tests' libraries may have left some)."""


@pytest.fixture(autouse=True)
def _threads_before() -> None:
    global BEFORE
    BEFORE = threading.active_count()


def test_jobs_run_in_order_on_one_thread_and_the_needed_one_goes_first() -> None:
    worker = Worker()
    gate = threading.Event()
    ran: list[str] = []
    blocker = worker.submit(gate.wait)
    jobs = {name: worker.submit(lambda name=name: ran.append(name) or name) for name in "abc"}
    worker.first(jobs["c"])
    gate.set()
    assert [jobs[n].result() for n in "abc"] == ["a", "b", "c"]
    assert blocker.result() is True
    assert ran == ["c", "a", "b"]
    worker.close()


def test_what_a_job_raises_is_raised_to_whoever_waits_and_the_worker_goes_on() -> None:
    worker = Worker()
    failing = worker.submit(lambda: 1 / 0)
    after = worker.submit(lambda: "after")
    with pytest.raises(ZeroDivisionError):
        failing.result()
    assert after.result() == "after"
    worker.close()


def test_close_drops_what_has_not_started_and_waits_for_what_has() -> None:
    worker = Worker()
    started, gate = threading.Event(), threading.Event()
    running = worker.submit(lambda: (started.set(), gate.wait(), "done")[2])
    queued = worker.submit(lambda: "never")
    started.wait()
    threading.Timer(0.2, gate.set).start()
    worker.close()
    assert running.result() == "done"
    with pytest.raises(RuntimeError, match="closed"):
        queued.result()
    assert threading.active_count() == BEFORE


def test_the_thread_ends_when_there_is_nothing_to_do_and_a_new_job_starts_another() -> None:
    worker = Worker()
    assert worker.submit(lambda: 1).result() == 1
    deadline = time.monotonic() + 5
    while threading.active_count() > BEFORE and time.monotonic() < deadline:
        time.sleep(0.01)
    assert threading.active_count() == BEFORE
    assert worker.submit(lambda: 2).result() == 2
    worker.close()
    assert threading.active_count() == BEFORE


def test_reading_a_workbook_leaves_no_thread_behind_whether_it_reads_or_fails() -> None:
    data = build_cmrt(version="6.5", declaration={"company_name": "Threads Ltd."})
    assert cmrt.read(data).declaration.company_name == "Threads Ltd."
    assert threading.active_count() == BEFORE
    with pytest.raises(cmrt.WrongTemplateError):
        cmrt.read(data, template="EMRT")
    assert threading.active_count() == BEFORE


def test_sheets_read_ahead_are_the_sheets_read_in_order_and_close_stops_the_rest() -> None:
    data = build_cmrt(version="6.5", declaration={"company_name": "Ahead Ltd."})
    book, _ = open_workbook(data, ahead=("Declaration", "Smelter List"))
    with book:
        book.prefetch("Declaration", "Smelter List", "No Such Sheet", "product list")
        assert book.rows("Declaration", 10) == open_workbook(data)[0].rows("Declaration", 10)
        assert len(book.rows("Product List")) > 1  # the real name, found case-insensitively
    assert threading.active_count() == BEFORE
