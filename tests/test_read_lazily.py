"""A read parses only the sheets the file needs: ``L`` where labels must be translated (each sheet costs
a parse: the ``L`` of a real CMRT 6.5, about a tenth of a whole read)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import cmrt
from cmrt.testing import EXAMPLE_LOOKUP, SmelterRow, build_cmrt, build_report
from cmrt.workbook import Workbook

BY_ID = [SmelterRow(smelter_id_input=row.smelter_id) for row in EXAMPLE_LOOKUP[1:3]]


@pytest.fixture
def sheets_read(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The sheets every read asks the workbook for, in order."""
    asked: list[str] = []
    rows = Workbook.rows

    def spy(self: Workbook, sheet: str, max_rows: int | None = None) -> list[list[object]]:
        asked.append(sheet)
        return rows(self, sheet, max_rows)

    monkeypatch.setattr(Workbook, "rows", spy)
    yield asked


def test_an_english_file_with_cached_labels_is_read_without_its_l_sheet(sheets_read: list[str]) -> None:
    report = cmrt.read(build_cmrt(declaration={"company_name": "English Co."}, smelters=BY_ID))
    assert "L" not in sheets_read
    assert report.declaration.company_name == "English Co." and len(report.smelters) == 2
    assert report.declaration.company_name and {a.key for a in report.answers} >= {"intentionally_added"}


@pytest.mark.parametrize(
    ("language", "recalculated"), [("Deutsch", True), ("中文 Chinese", True), ("English", False)]
)
def test_labels_in_another_language_or_never_calculated_are_read_from_l(
    sheets_read: list[str], language: str, recalculated: bool
) -> None:
    report = cmrt.read(
        build_report(
            language=language,
            recalculated=recalculated,
            declaration={"company_name": "Labels Co."},
            smelters=BY_ID,
        )
    )
    assert "L" in sheets_read
    assert report.declaration.company_name == "Labels Co." and len(report.smelters) == 2
    assert {a.key for a in report.answers} >= {"intentionally_added", "all_smelters_identified"}
