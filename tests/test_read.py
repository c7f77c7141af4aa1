"""Reading supplier files filled the way suppliers fill them.

The files are built by cmrt.testing, so the truth is known by construction.
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

import cmrt
from cmrt import RowKind
from cmrt.testing import EXAMPLE_LOOKUP, SmelterRow, build_cmrt, example_workbook

BY_ID = {row.smelter_id: row for row in EXAMPLE_LOOKUP}
BY_ALIAS = {(row.metal, row.alias): row for row in EXAMPLE_LOOKUP}

DECLARATION = {
    "company_name": "Supplier One Co., Ltd.",
    "scope": "A. Company",
    "contact_name": "Kim Contact",
    "contact_email": "kim@supplier.example",
    "contact_phone": "+82 2 555 0100",
    "authorizer_name": "Lee Authorizer",
    "authorizer_email": "lee@supplier.example",
    "effective_date": dt.date(2024, 2, 29),
}
ANSWERS = {
    **{("1", m): "Yes" for m in cmrt.METALS},
    **{("2", m): "Yes" for m in cmrt.METALS},
    **{("3", m): "No" for m in cmrt.METALS},
    ("3", "Gold"): "Unknown",
}
# A Smelter List as suppliers fill it: ID entry, look-up by standard name and by alias, a hand-typed
# "not listed" row with typos, a placeholder, and blank rows between entries.
ROWS = [
    SmelterRow(smelter_id_input="CID900001"),
    SmelterRow(metal="Gold", lookup="EGR Refining"),
    SmelterRow(metal="Tin", lookup="Sample Tin Refinery PT"),
    SmelterRow(
        metal="Tin", lookup="Smelter not listed", name="Exampel Tin Smleter", country="Malaysia", row=10
    ),  # fmt: skip
    SmelterRow(metal="Tantalum", lookup="Smelter not yet identified", row=11),
    SmelterRow(metal="Tungsten", lookup="Test Tungsten Powders Inc.", mine_countries="Rwanda", row=15),
]
EXPECTED = [  # (row, kind, metal, smelter_id, name)
    (5, RowKind.LISTED, "Gold", "CID900001", "Example Gold Refinery Ltd."),
    (6, RowKind.LISTED, "Gold", "CID900001", "Example Gold Refinery Ltd."),
    (7, RowKind.LISTED, "Tin", "CID900202", "Sample Tin Refinery PT"),
    (10, RowKind.NOT_LISTED, "Tin", None, "Exampel Tin Smleter"),
    (11, RowKind.NOT_YET_IDENTIFIED, "Tantalum", None, None),
    (15, RowKind.LISTED, "Tungsten", "CID900303", "Test Tungsten Powders Inc."),
]


def supplier_file(**options) -> bytes:
    base = {"declaration": DECLARATION, "answers": ANSWERS, "smelters": ROWS}
    return build_cmrt(**(base | options))


def summary(report: cmrt.CmrtReport) -> list[tuple]:
    return [(s.row, s.kind, s.metal, s.smelter_id, s.name) for s in report.smelters]


@pytest.mark.parametrize(
    "options",
    [
        {"version": "6.5"},
        {"version": "6.22"},
        {"version": "6.01"},
        {"version": "6.5", "language": "中文 Chinese"},
        {"version": "6.5", "language": "Deutsch", "recalculated": False},
        {"version": "6.22", "language": "Deutsch"},  # German labels are ASCII: still taken from L
        {"version": "6.31", "language": "日本語 Japanese", "recalculated": False},
        {"version": "6.5", "fmt": "xls"},
    ],
    ids=lambda o: "-".join(str(v) for v in o.values()),
)
def test_supplier_rows_read_row_for_row(options) -> None:
    report = cmrt.read(supplier_file(**options))
    assert report.version == options["version"]
    assert summary(report) == EXPECTED
    assert report.declaration.company_name == "Supplier One Co., Ltd."
    assert report.declaration.effective_date == dt.date(2024, 2, 29)
    assert report.answer("covered_countries", "Gold").answer == "Unknown"
    by_row = {s.row: s for s in report.smelters}
    assert by_row[7].country == BY_ALIAS[("Tin", "Sample Tin Refinery PT")].country
    assert by_row[10].country == "Malaysia"
    assert by_row[15].mine_countries == "Rwanda"
    assert by_row[5].smelter_id_input == "CID900001"


def test_language_is_reported_and_translation_changes_nothing() -> None:
    english = cmrt.read(supplier_file())
    german = cmrt.read(supplier_file(language="Deutsch", recalculated=False))
    assert (english.language, german.language) == ("English", "German")
    assert cmrt.read(supplier_file(language="Deutsch")).declaration == english.declaration
    assert english.answers == german.answers
    assert english.company_answers == german.company_answers
    assert english.smelters == german.smelters
    assert english.declaration == german.declaration


def test_cmrt_301_xls_with_legacy_answers_and_1904_dates() -> None:
    rows = [
        SmelterRow(metal="Gold", lookup="Fictional Bullion AG"),
        SmelterRow(metal="Tin", lookup="Smelter Not Listed", name="Hand Typed Tin", country="CHINA"),
    ]
    data = build_cmrt(
        version="3.01", fmt="xls", declaration=DECLARATION | {"effective_date": dt.date(2014, 5, 31)},
        answers={("1", m): "Yes" for m in cmrt.METALS} | {("3", "Tin"): " No"}, smelters=rows,
    )  # fmt: skip
    report = cmrt.read(data)
    assert report.version == "3.01"
    assert report.declaration.effective_date == dt.date(2014, 5, 31)
    assert report.answer("covered_countries", "Tin").answer == "No"
    assert report.answer("covered_countries", "Tin").raw == "No"
    assert [(s.kind, s.smelter_id, s.name) for s in report.smelters] == [
        (RowKind.LISTED, "CID900002", "Fictional Bullion AG"),
        (RowKind.NOT_LISTED, None, "Hand Typed Tin"),
    ]


def test_numeric_100_percent_and_text_dates() -> None:
    data = build_cmrt(
        version="6.1",
        declaration=DECLARATION | {"effective_date": "15-Mar-2020"},
        answers={("6", "Tin"): 1, ("6", "Gold"): "Greater than 75%"},
    )
    report = cmrt.read(data)
    assert report.answer("supplier_response", "Tin").answer == "100%"
    assert report.answer("supplier_response", "Tin").raw == "1"
    assert report.declaration.effective_date == dt.date(2020, 3, 15)
    assert report.declaration.effective_date_text == "15-Mar-2020"


def test_unparseable_date_is_a_problem_not_an_exception() -> None:
    report = cmrt.read(build_cmrt(declaration=DECLARATION | {"effective_date": "next spring"}))
    assert report.declaration.effective_date is None
    assert report.declaration.effective_date_text == "next spring"
    assert any(p.code == "invalid-date" and p.location == "Declaration!D22" for p in report.problems)


def test_typed_id_with_a_space_shows_as_excel_shows_it() -> None:
    # Excel's MATCH finds no "CID 900202": metal and look-up show #N/A; the ID is still read, normalised.
    report = cmrt.read(build_cmrt(smelters=[SmelterRow(smelter_id_input="CID 900202")]))
    (entry,) = report.smelters
    assert entry.smelter_id == "CID900202" and entry.metal is None
    assert any(p.code == "metal-missing" for p in report.problems)


def test_problems_a_reviewer_raises() -> None:
    data = build_cmrt(
        declaration={"company_name": "Half Done Ltd.", "scope": "B. Product (or List of Products)",
                     "contact_email": "no-at-sign", "authorizer_name": "same"},
        answers={("1", "Tin"): "Yes", ("2", "Tin"): "Yes", ("3", "Tin"): "Yes", ("6", "Tin"): "50% or less",
                 ("1", "Gold"): "No", ("1", "Tantalum"): "No", ("1", "Tungsten"): "No"},
        company_answers={"B": "Yes"},
        smelters=[SmelterRow(metal="Gold", lookup="Fictional Bullion AG"),
                  SmelterRow(metal="Tin", lookup="Smelter not listed", name="Only A Name")],
    )  # fmt: skip
    report = cmrt.read(data)
    codes = {(p.code, p.location) for p in report.problems}
    assert ("required-field-missing", "Declaration!D22") in codes
    assert ("invalid-email", "Declaration!D16") in codes
    assert ("authorizer-same", "Declaration!D18") in codes
    assert ("products-missing", "Product List!B6") in codes
    assert ("covered-countries-sourcing", "Declaration!D39") in codes
    assert ("low-supplier-response", "Declaration!D57") in codes
    assert ("policy-url-missing", "Declaration!G77") in codes
    assert ("metal-not-declared", "Smelter List!B5") in codes
    assert ("not-listed-incomplete", "Smelter List!D6") in codes
    assert ("answer-missing", "Declaration!D33") not in codes  # Q2 Tin answered
    assert ("answer-missing", "Declaration!D34") not in codes  # Q2 Gold not needed: Q1 Gold = No
    assert report.metals_in_scope == ("Tin",)
    assert not report.is_complete


def test_bundled_example_is_current_and_complete() -> None:
    shipped = attrs.evolve(cmrt.read(cmrt.example_path()), source=None)
    assert shipped == cmrt.read(example_workbook()), "run tools/build_example.py"
    report = cmrt.read(cmrt.example_path())
    assert report.is_complete
    assert report.metals_in_scope == ("Tin", "Gold")


def test_the_same_smelter_twice_and_a_product_without_its_number_are_flagged() -> None:
    report = cmrt.read(
        build_cmrt(
            declaration={"scope": "B. Product (or List of Products)"},
            smelters=[
                SmelterRow(smelter_id_input="CID900201"),
                SmelterRow(metal="Gold", lookup="Fictional Bullion AG"),
                SmelterRow(metal="Tin", lookup="Example Tin Smelter Sdn. Bhd."),  # CID900201 again
            ],
            products=[("P-100", "Widget"), {"name": "Gadget without a number"}],
        )
    )
    found = {p.code: (p.severity, p.location, p.message) for p in report.problems}
    assert found["duplicate-smelter"] == (
        cmrt.Severity.WARNING, "Smelter List!A7", "CID900201 (Tin) is listed 2 times: rows 5, 7"
    )  # fmt: skip
    assert found["product-number-missing"][:2] == (cmrt.Severity.ERROR, "Product List!B7")
    assert "products-missing" not in found
