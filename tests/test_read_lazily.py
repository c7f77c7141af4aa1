"""A read parses only the sheets the file needs: ``L`` where labels must be translated, the look-up sheet
where a row needs it (each sheet costs a parse: the ``L`` of a real CMRT 6.5, about a tenth of a whole
read), and builds nothing from the blank rows the templates pre-fill by the thousand."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import cmrt
from cmrt.testing import EXAMPLE_LOOKUP, SmelterRow, build_cmrt, build_report
from cmrt.workbook import Workbook

PICKED = [SmelterRow(metal=EXAMPLE_LOOKUP[0].metal, lookup=EXAMPLE_LOOKUP[0].alias)]
BY_ID = [SmelterRow(smelter_id_input=row.smelter_id) for row in EXAMPLE_LOOKUP[1:3]]
NOT_LISTED = [SmelterRow(metal="Gold", lookup="Smelter not listed", name="Typed Refinery", country="CHINA")]


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


def test_the_look_up_sheet_is_read_only_when_a_row_needs_it(sheets_read: list[str]) -> None:
    cmrt.read(build_cmrt())  # no row at all
    report = cmrt.read(build_cmrt(smelters=NOT_LISTED))  # nothing to look up
    assert "Smelter Look-up" not in sheets_read
    assert [s.kind for s in report.smelters] == [cmrt.RowKind.NOT_LISTED]
    report = cmrt.read(build_cmrt(smelters=[*NOT_LISTED, *PICKED, *BY_ID]))  # picks checked against the list
    assert sheets_read.count("Smelter Look-up") == 1
    assert [s.smelter_id for s in report.smelters[1:]] == [r.smelter_id for r in EXAMPLE_LOOKUP[:3]]
    sheets_read.clear()
    report = cmrt.read(build_cmrt(smelters=BY_ID, recalculated=False))  # IDs typed, never calculated
    assert sheets_read.count("Smelter Look-up") == 1
    assert [s.name for s in report.smelters] == [r.standard_name for r in EXAMPLE_LOOKUP[1:3]]


def test_blank_list_rows_are_skipped_and_filled_ones_kept_wherever_they_are() -> None:
    products = [("P-1", "First"), *[("", "")] * 40, ("P-42", None), ("  ", "   "), (None, "Named only")]
    report = cmrt.read(
        build_cmrt(declaration={"scope": "B. Product (or List of Products)"}, products=products)
    )
    assert [(p.number, p.name) for p in report.products] == [
        ("P-1", "First"),
        ("P-42", None),
        (None, "Named only"),
    ]
