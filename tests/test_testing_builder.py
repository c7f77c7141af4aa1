"""Tests of cmrt.testing: the builder must put every cell where the real templates have it."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from python_calamine import CalamineWorkbook, SheetVisibleEnum

from cmrt.testing import EXAMPLE_LOOKUP, SmelterRow, build_cmrt, write_cmrt

HEADERS_6 = [
    "Smelter Identification Number Input Column",
    "Metal (*)",
    "Smelter Look-up (*)",
    "Smelter Name (1)",
    "Smelter Country (*)",
    "Smelter Identification",
    "Source of Smelter Identification Number",
    "Smelter Street ",
    "Smelter City",
    "Smelter Facility Location: State / Province",
    "Smelter Contact Name",
    "Smelter Contact Email",
    "Proposed next steps",
    'Name of Mine(s) or if recycled or scrap sourced, enter "recycled" or "scrap"',
    'Location (Country) of Mine(s) or if recycled or scrap sourced, enter "recycled" or "scrap"',
    "Does 100% of the smelter’s feedstock originate from recycled or scrap sources?",
    "Comments",
]
DECLARATION = {
    "company_name": "Example Components Co.",
    "scope": "A. Company",
    "contact_email": "contact@example.com",
    "effective_date": dt.date(2024, 3, 1),
}
SMELTERS = [
    SmelterRow(metal="Gold", lookup="EGR Refining"),
    SmelterRow(smelter_id_input="CID900201"),
    SmelterRow(metal="Tin", lookup="Smelter not listed", name="Unlisted Tin Works", country="CHINA", row=9),
]


def grid(data: bytes, sheet: str) -> list[list[Any]]:
    """The sheet as calamine reads it (1-based access via cell())."""
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    return book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)


def cell(rows: list[list[Any]], ref: str) -> object:
    """Value at an A1 address, "" when outside the used area (as calamine pads)."""
    col_letters = "".join(ch for ch in ref if ch.isalpha())
    row = int(ref[len(col_letters) :])
    col = openpyxl.utils.column_index_from_string(col_letters)
    if row > len(rows) or col > len(rows[row - 1]):
        return ""
    return rows[row - 1][col - 1]


@pytest.fixture(scope="module")
def english_65() -> bytes:
    return build_cmrt(
        declaration=DECLARATION,
        answers={("1", "Tin"): "Yes", ("6", "Gold"): "Greater than 90%"},
        comments={("1", "Tin"): "solder"},
        company_answers={"A": "Yes", "B": "Yes"},
        company_comments={"B": "https://example.com/policy"},
        smelters=SMELTERS,
        products=[("P-1", "Widget")],
    )


def test_sheet_order_and_hidden_sheets(english_65: bytes) -> None:
    book = CalamineWorkbook.from_filelike(io.BytesIO(english_65))
    assert book.sheet_names == [
        "Revision", "Instructions", "Definitions", "Declaration", "Smelter List", "Checker",
        "Product List", "Smelter Look-up", "L", "C", "SorP",
    ]  # fmt: skip
    hidden = {m.name for m in book.sheets_metadata if m.visible != SheetVisibleEnum.Visible}
    assert hidden == {"L", "C", "SorP"}


def test_declaration_cells(english_65: bytes) -> None:
    decl = grid(english_65, "Declaration")
    assert cell(decl, "D2") == "Conflict Minerals Reporting Template (CMRT)"
    assert cell(decl, "D3") == "English"
    assert cell(decl, "J3") == "Revision 6.5\nApril 25, 2025"
    assert cell(decl, "B8") == "Company Name (*):"
    assert cell(decl, "D8") == "Example Components Co."
    assert cell(decl, "B22") == "Effective Date (*):"
    assert cell(decl, "D22") == dt.date(2024, 3, 1)
    assert cell(decl, "D25") == "Answer" and cell(decl, "G25") == "Comments"
    assert cell(decl, "B27") == "Tin  (*)"  # metal label plus the template's "(*)" marker
    assert (cell(decl, "D27"), cell(decl, "G27")) == ("Yes", "solder")
    assert cell(decl, "D58") == "Greater than 90%"  # Q6 Gold
    assert str(cell(decl, "B75")).startswith("A. Have you established")
    assert (cell(decl, "D77"), cell(decl, "G77")) == ("Yes", "https://example.com/policy")


def test_smelter_list_rows(english_65: bytes) -> None:
    smelters = grid(english_65, "Smelter List")
    assert smelters[3][:17] == HEADERS_6
    assert cell(smelters, "Q3") == "Revision 6.5\nApril 25, 2025"
    assert cell(smelters, "R4") == "Standard Smelter Name"
    # look-up pick by alias: ID, source and standard name come from the look-up row
    assert [cell(smelters, f"{c}5") for c in "BCEFG"] == ["Gold", "EGR Refining", "JAPAN", "CID900001", "RMI"]
    assert cell(smelters, "R5") == "Example Gold Refinery Ltd."
    # ID typed in column A: metal, standard name, country and ID are filled in
    assert [cell(smelters, f"{c}6") for c in "ABCEF"] == [
        "CID900201", "Tin", "Example Tin Smelter Sdn. Bhd.", "MALAYSIA", "CID900201",
    ]  # fmt: skip
    assert cell(smelters, "H6") == 0  # empty look-up street shows 0, as the template formula does
    # row 7-8 left blank on purpose, "Smelter not listed" entry on row 9
    assert cell(smelters, "B7") == "" and cell(smelters, "X7") == 0
    assert [cell(smelters, f"{c}9") for c in "BCDEFG"] == [
        "Tin", "Smelter not listed", "Unlisted Tin Works", "CHINA", "", "Enter smelter details",
    ]  # fmt: skip


def test_lookup_and_label_sheets(english_65: bytes) -> None:
    lookup = grid(english_65, "Smelter Look-up")
    assert cell(lookup, "B4") == "Smelter Look-up (*)" and cell(lookup, "E4") == "Smelter ID"
    ids = {cell(lookup, f"E{r}") for r in range(5, len(lookup) + 1)} - {""}
    assert ids == {r.smelter_id for r in EXAMPLE_LOOKUP}
    labels = grid(english_65, "L")
    assert labels[0][:5] == ["", "Sheets", "Cells", "English", "中文 Chinese"]
    keyed = {row[0]: row for row in labels[1:]}
    assert keyed["DeclarationB8"][3] == "Company Name (*):"
    assert keyed["Smelter ListP4"][3] == HEADERS_6[15]
    product = grid(english_65, "Product List")
    assert cell(product, "B5") == "Responder’s Product Number (*)"
    assert (cell(product, "B6"), cell(product, "C6")) == ("P-1", "Widget")


def test_chinese_not_recalculated() -> None:
    data = build_cmrt(language="中文 Chinese", recalculated=False, declaration=DECLARATION, smelters=SMELTERS)
    decl = grid(data, "Declaration")
    assert cell(decl, "D3") == "中文 Chinese"
    assert cell(decl, "D8") == "Example Components Co."  # typed values stay values
    assert cell(decl, "B8") == ""  # label formula without a cached value
    smelters = grid(data, "Smelter List")
    assert cell(smelters, "B5") == "Gold" and cell(smelters, "F5") == ""
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Smelter List"]
    assert str(sheet["F5"].value).startswith("=") and "Smelter Look-up" in str(sheet["F5"].value)
    assert str(sheet["A4"].value).startswith("=OFFSET(L!")
    assert str(sheet["F29"].value).startswith("=")  # blank rows pre-filled down to last row + 20


def test_chinese_recalculated_labels_are_translated() -> None:
    data = build_cmrt(language="中文 Chinese", declaration=DECLARATION, answers={("1", "Tin"): "No"})
    decl = grid(data, "Declaration")
    assert cell(decl, "B8") == "公司名称 (*)："
    assert cell(decl, "B26") == "钽(*)" and cell(decl, "B27") == "锡"  # "No" drops the marker
    assert cell(decl, "D27") == "No"  # answers stay English
    assert cell(grid(data, "Smelter List"), "B4") == "金属 (*)"


def test_301_xls() -> None:
    data = build_cmrt(
        version="3.01",
        fmt="xls",
        declaration=DECLARATION,
        answers={("2", "Gold"): " No"},
        company_answers={"J": "Yes"},
        smelters=[SmelterRow(metal="Tantalum", lookup="Demo Tantalum Smelting GmbH")],
    )
    assert data[:4] == b"\xd0\xcf\x11\xe0"  # an OLE2 (BIFF8) file
    decl = grid(data, "Declaration")
    assert cell(decl, "J3") == "Revision 3.01\nMay 30, 2014"
    assert cell(decl, "B21") == "Phone - Authorizer (*):"
    assert cell(decl, "D22") == dt.date(2024, 3, 1)  # 1904 date system, same date back
    assert cell(decl, "D34") == " No"  # written exactly as given
    assert cell(decl, "D87") == "Yes"
    smelters = grid(data, "Smelter List")
    assert cell(smelters, "A4") == "" and cell(smelters, "C4") == "Smelter Reference List (*)"
    name, cid = "Demo Tantalum Smelting GmbH", "CID900103"
    assert [cell(smelters, f"{c}5") for c in "BCDEFG"] == ["Tantalum", name, name, "GERMANY", cid, "CFSI"]
    assert cell(grid(data, "K"), "B1") == "Smelter Names"


def test_301_xlsx_uses_1904_dates() -> None:
    data = build_cmrt(version="3.01", declaration=DECLARATION)
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.epoch == openpyxl.utils.datetime.CALENDAR_MAC_1904
    assert cell(grid(data, "Declaration"), "D22") == dt.date(2024, 3, 1)


@pytest.mark.parametrize(
    ("version", "date", "product_label"),
    [("6.01", "May 19, 2020", "Manufacturer’s"), ("6.31", "May 26, 2023", "Manufacturer’s")],
)
def test_other_6x_versions(version: str, date: str, product_label: str) -> None:
    data = build_cmrt(version=version, fmt="xls", declaration=DECLARATION)
    assert cell(grid(data, "Declaration"), "J3") == f"Revision {version}\n{date}"
    assert str(cell(grid(data, "Product List"), "B5")).startswith(product_label)


def test_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match="version"):
        build_cmrt(version="5.0")
    with pytest.raises(ValueError, match="recalculated"):
        build_cmrt(fmt="xls", recalculated=False)
    with pytest.raises(ValueError, match="question"):
        build_cmrt(answers={("9", "Tin"): "Yes"})
    with pytest.raises(ValueError, match="input column"):
        build_cmrt(version="3.01", smelters=[SmelterRow(smelter_id_input="CID900001")])


def test_write_cmrt(tmp_path: Path) -> None:
    path = write_cmrt(tmp_path / "example.xlsx", declaration=DECLARATION)
    assert cell(grid(path.read_bytes(), "Declaration"), "D8") == "Example Components Co."
