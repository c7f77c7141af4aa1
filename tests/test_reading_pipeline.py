"""The order of a read's work (issue 12): calamine opens the workbook and parses the Declaration while the
other sheets are checked, then parses what the Declaration and the Smelter List's rows say the file needs.
What is parsed ahead must be what the reader asks for, nothing more (``L`` and the look-up only where the
file needs them), and a sheet checked ahead must get the verdict it would get when read."""

from __future__ import annotations

import threading
import zipfile
from io import BytesIO
from pathlib import Path

import pytest

import cmrt
from cmrt.errors import CorruptFileError
from cmrt.isolation import map_isolated
from cmrt.testing import SmelterRow, build_cmrt, build_report
from cmrt.workbook import engines, open_workbook
from cmrt.workbook.background import engine_thread
from cmrt.workbook.xlsx import inspect_xlsx
from tests.conftest import needs_shared, real_files

ROWS = [
    SmelterRow(metal="Gold", lookup="Example Gold Refinery"),
    SmelterRow(smelter_id_input="CID900201"),
    SmelterRow(metal="Tin", lookup="Smelter not listed", name="Sample Tin Works", country="BOLIVIA"),
]


def parsed_and_asked(data: bytes, monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], list[str]]:
    """The sheets calamine was given to parse, in order, and those the reader asked for, in order."""
    parsed: list[str] = []
    asked: list[str] = []
    parse, rows = engines.Engines._parse, engines.Engines.rows

    def spy_parse(self: engines.Engines, sheet: str) -> engines.Job:
        parsed.append(sheet)
        return parse(self, sheet)

    def spy_rows(self: engines.Engines, sheet: str, max_rows: int | None) -> engines.Rows:
        asked.append(sheet)
        return rows(self, sheet, max_rows)

    with monkeypatch.context() as patch:
        patch.setattr(engines.Engines, "_parse", spy_parse)
        patch.setattr(engines.Engines, "rows", spy_rows)
        cmrt.read(data)
    return parsed, list(dict.fromkeys(asked))


@pytest.mark.parametrize(
    ("build", "labels", "lookup"),
    [
        ({}, False, False),  # English, saved by Excel, no rows: neither L nor the look-up
        ({"smelters": ROWS}, False, True),  # a value picked from the look-up is checked against it
        ({"recalculated": False}, True, False),  # labels saved without results come from L; no row
        ({"recalculated": False, "smelters": ROWS}, True, True),  # rows recomputed from the look-up
        ({"language": "中文 Chinese", "smelters": ROWS[2:]}, True, False),  # a typed name needs no look-up
    ],
)
def test_calamine_parses_what_the_reader_asks_for_and_l_before_the_lists(
    build: dict[str, object], labels: bool, lookup: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed, asked = parsed_and_asked(build_cmrt(**build), monkeypatch)  # type: ignore[arg-type]
    assert set(parsed) == set(asked)
    assert ("L" in parsed) is labels
    assert ("Smelter Look-up" in parsed) is lookup
    assert parsed[0] == "Declaration"
    if labels:  # the Declaration's labels wait for L; the Smelter List is parsed meanwhile, after it
        assert parsed.index("L") < parsed.index("Smelter List")
    if lookup:  # the look-up goes before the Mine List, as soon as the rows say they need it
        assert parsed.index("Smelter List") < parsed.index("Smelter Look-up")


def test_an_emrt_parses_its_mine_list_after_the_look_up(monkeypatch: pytest.MonkeyPatch) -> None:
    data = build_report("EMRT", smelters=[SmelterRow(metal="Cobalt", lookup="Example Cobalt Refinery")])
    parsed, asked = parsed_and_asked(data, monkeypatch)
    assert set(parsed) == set(asked)
    assert parsed.index("Smelter Look-up") < parsed.index("Mine List")


@needs_shared
@pytest.mark.parametrize("path", real_files("*.xlsx"), ids=lambda p: p.name)
def test_on_real_templates_nothing_is_parsed_that_is_not_read(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed, asked = parsed_and_asked(path.read_bytes(), monkeypatch)
    assert set(parsed) == set(asked)


def test_a_sheet_inflated_ahead_gets_the_plan_it_would_get_anyway() -> None:
    data = build_cmrt(smelters=ROWS, last_row=600)
    fresh = inspect_xlsx(data).plan_sheet("Smelter List")
    plan = inspect_xlsx(data)
    plan.inflate("Smelter List")
    plan.inflate("No Such Sheet")  # nothing to inflate: nothing happens
    assert len(plan._inflated) == 1
    assert plan.plan_sheet("Smelter List") == fresh
    assert plan._inflated == {}  # the inflated bytes are let go once checked


def _damaged(data: bytes, sheet_part: str) -> bytes:
    """``data`` with the deflated bytes of one part made garbage (the zip's directory left alone)."""
    info = zipfile.ZipFile(BytesIO(data)).getinfo(sheet_part)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    body = bytearray(data)
    body[start : start + 16] = b"\xff" * 16
    return bytes(body)


def test_a_part_that_cannot_be_inflated_ahead_is_said_when_its_sheet_is_read() -> None:
    data = build_cmrt(smelters=ROWS)
    part = inspect_xlsx(data).sheet_parts()["Smelter List"]
    damaged = _damaged(data, part)
    plan = inspect_xlsx(damaged)
    plan.inflate("Smelter List")  # silent: the check says it, with its message
    with pytest.raises(CorruptFileError, match="damaged"):
        plan.plan_sheet("Smelter List")
    with pytest.raises(CorruptFileError):
        cmrt.read(damaged)


def test_checks_ahead_stop_once_the_sheet_waited_for_is_parsed() -> None:
    data = build_cmrt(smelters=ROWS)
    book, _ = open_workbook(data, ahead=("Declaration",))
    with book:
        book.rows("Declaration")
        plan = book._engines.plan
        assert plan is not None
        before = set(plan._planned)
        book.prepare("Smelter List", "Product List", until="Declaration")
        assert set(plan._planned) == before  # the Declaration was ready: nothing checked
        gate = threading.Event()
        worker = book._engines._worker
        assert worker is not None
        book._engines._parsed["Busy"] = worker.submit(gate.wait)  # calamine still at work
        book._engines.prepare(["Smelter List", "Product List"], until=["Busy"])
        gate.set()
        assert len(plan._planned) == len(before) + 2  # both checked while it worked


def uses_thread(data: bytes) -> bool:
    """Whether a read of ``data`` here would run calamine on a helper thread."""
    book, _ = open_workbook(data)
    with book:
        return book._engines._worker is not None


def test_workers_sharing_the_cores_read_without_a_helper_thread() -> None:
    data = build_cmrt()
    assert uses_thread(data)  # a read on its own: calamine on a helper thread
    with engine_thread(False):
        assert not uses_thread(data)
    assert uses_thread(data)  # only inside the block
    outcomes = list(map_isolated(uses_thread, [data, data], jobs=2))
    assert [o.value for o in outcomes] == [False, False]  # a survey's workers: inline
