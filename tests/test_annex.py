"""The annex workbook and the command's --output: opened and checked as a reviewer would use them."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import openpyxl
import pytest

import cmrt
from cmrt.cli import EXIT_CANT_CREATE, EXIT_NO_INPUT, EXIT_OK, EXIT_USAGE, main
from cmrt.deliverables import follow_up
from cmrt.testing import SmelterRow, build_cmrt

EXAMPLE = cmrt.example_survey_path()
REFERENCE = sorted((EXAMPLE / "reference").iterdir())


@pytest.fixture(scope="module")
def survey() -> cmrt.Survey:
    return cmrt.survey(EXAMPLE / "suppliers", REFERENCE, as_of="2025-06-30")


@pytest.fixture(scope="module")
def book(survey: cmrt.Survey) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(survey.to_excel()))


def _rows(sheet: openpyxl.worksheet.worksheet.Worksheet) -> list[dict[str, object]]:
    values = list(sheet.iter_rows(values_only=True))
    return [dict(zip(values[0], row, strict=True)) for row in values[1:]]


def test_four_sheets_with_frozen_filtered_headers(book: openpyxl.Workbook) -> None:
    assert book.sheetnames == ["Summary", "Facilities", "Suppliers", "Follow-up"]
    for name in book.sheetnames[1:]:
        sheet = book[name]
        assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
        assert all(cell.font.bold for cell in sheet[1])
        assert sheet.column_dimensions["A"].width >= 10


def test_the_facility_sheet_is_the_classification(survey: cmrt.Survey, book: openpyxl.Workbook) -> None:
    rows = _rows(book["Facilities"])
    facilities = survey.classification.facilities
    assert [(r["Metal"], r["Smelter ID"] or None, r["Status"]) for r in rows] == [
        (f.metal, f.smelter_id, f.status.value) for f in facilities
    ]
    mica = next(r for r in rows if r["Smelter ID"] == "CID990101")
    assert mica["List status"] == "Non-Conformant" and "non conformant" in str(mica["Flags"])
    gold = next(r for r in rows if r["Smelter ID"] == "CID900001")
    assert isinstance(gold["List date"], dt.datetime) and gold["Supplier count"] == 3
    column = list(rows[0]).index("Status") + 1
    cells = [book["Facilities"].cell(i, column) for i in range(2, len(rows) + 2)]
    fills = {cell.value: cell.fill.start_color.rgb for cell in cells}
    assert fills == {"Compliant": "00C6EFCE", "Active": "00FFEB9C", "Indeterminable": "00F2F2F2"}


def test_summary_suppliers_and_follow_up(survey: cmrt.Survey, book: openpyxl.Workbook) -> None:
    summary = {row[0]: row[1] for row in book["Summary"].iter_rows(values_only=True) if row[0]}
    assert summary["Headline"] == survey.headline and summary["As of"] == dt.datetime(2025, 6, 30)
    assert "illustrative_status_list.csv (2024-06-01)" in summary["Status lists used"]
    assert "illustrative_revision_history.csv" in summary["Reference files"]
    assert "394 days old" in summary["Warning"]
    assert summary["All"] == 6 and summary["Covered Country"] == "Tungsten"  # 6 compliant; the Rwanda case
    suppliers = _rows(book["Suppliers"])
    assert [(r["File"], r["Template"], r["Errors"]) for r in suppliers][:3] == [
        ("demo_plastics_cmrt_3.01.xls", "CMRT", 33),
        ("example_components_cmrt_6.5.xlsx", "CMRT", 0),
        ("example_components_emrt_2.1.xlsx", "EMRT", 0),
    ]
    asks = _rows(book["Follow-up"])
    assert len(asks) == len(follow_up(survey)) == 40
    assert {"Supplier": "Example Components Ltd.", "File": "example_components_emrt_2.1.xlsx",
            "Topic": "non conformant", "Where in their file": "Smelter List row 7"}.items() <= next(
        r for r in asks if r["Topic"] == "non conformant").items()  # fmt: skip


def test_text_from_a_supplier_never_becomes_a_formula(tmp_path: Path) -> None:
    path = tmp_path / "hostile.xlsx"
    path.write_bytes(build_cmrt(
        declaration={"company_name": "=HYPERLINK(\"http://x\",\"click\")"},
        smelters=[SmelterRow(metal="Gold", lookup="Smelter not listed", name="=1+1", country="Peru")],
    ))  # fmt: skip
    book = openpyxl.load_workbook(io.BytesIO(cmrt.survey(path, REFERENCE).to_excel()))
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert any(c.value == "'=1+1" for c in cells)


def test_to_excel_writes_to_a_file_object_it_is_given(survey: cmrt.Survey) -> None:
    target = io.BytesIO()
    data = survey.to_excel(target)
    assert target.getvalue() == data and data[:2] == b"PK"


def test_the_command_writes_xlsx_csv_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for suffix in ("xlsx", "csv", "json"):
        out = tmp_path / f"annex.{suffix}"
        assert main(["classify", "--example", "--output", str(out)]) == EXIT_OK
        assert f"wrote {out}" in capsys.readouterr().err
    assert openpyxl.load_workbook(tmp_path / "annex.xlsx").sheetnames[1] == "Facilities"
    table = list(csv.DictReader((tmp_path / "annex.csv").open(encoding="utf-8")))
    assert len(table) == 17 and table[0]["metal"] == "Tantalum"
    data = json.loads((tmp_path / "annex.json").read_text(encoding="utf-8"))
    assert data["schema"] == "cmrt-survey/1" and len(data["facilities"]) == 17


def test_a_bad_output_is_refused_before_any_work(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["classify", "--example", "--output", str(tmp_path / "annex.pdf")]) == EXIT_USAGE
    assert main(["classify", "--example", "--output", str(tmp_path / "no" / "annex.csv")]) == EXIT_NO_INPUT
    assert main(["classify", "--example", "--output", str(tmp_path)]) == EXIT_USAGE
    (tmp_path / "locked").mkdir(mode=0o500)
    code = main(["classify", "--example", "--output", str(tmp_path / "locked" / "annex.csv")])
    assert code in (EXIT_CANT_CREATE, EXIT_OK)  # root may write anywhere
    assert "Traceback" not in capsys.readouterr().err


def _last_year(tmp_path: Path) -> Path:
    """Last year's survey as saved JSON: Example Components named one facility more, and its status list
    had CID900003 conformant (it is active this year)."""
    survey = cmrt.survey(EXAMPLE / "suppliers", REFERENCE)
    data = json.loads(json.dumps(cmrt.rendering.survey_json(survey)))
    gone = dict(
        data["facilities"][0], smelter_id="CID900104", name="Closed Tantalum Works", status="Compliant"
    )
    data["facilities"].append(gone)
    for record in data["facilities"]:
        if record["smelter_id"] == "CID900003":
            record["status"] = "Compliant"
    data["as_of"] = "2024-06-30"
    path = tmp_path / "survey-2024.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_this_years_survey_against_last_years_json(tmp_path: Path, survey: cmrt.Survey) -> None:
    changes = survey.compare(_last_year(tmp_path))
    assert changes.headline == (
        "Since 2024-06-30: 0 facilities added, 1 dropped, 1 changed status (1 from Compliant); "
        "0 suppliers answered better, 0 worse"
    )
    book = openpyxl.load_workbook(io.BytesIO(survey.to_excel(previous=_last_year(tmp_path))))
    assert book.sheetnames[-1] == "Changes"
    rows = list(book["Changes"].iter_rows(values_only=True))
    assert rows[0][0] == changes.headline
    assert rows[2][:4] == ("dropped", "Tantalum", "CID900104", "Closed Tantalum Works")
    assert rows[3][2] == "CID900003" and rows[3][5:] == ("Compliant", "Active")


def test_the_command_compares_json_and_folders(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = str(_last_year(tmp_path))
    refs = [str(p) for p in REFERENCE]
    assert main(["compare", old, str(EXAMPLE / "suppliers"), "--reference", *refs]) == EXIT_OK
    out = capsys.readouterr().out
    assert out.startswith("Since 2024-06-30: 0 facilities added, 1 dropped")
    assert "dropped         Tantalum  CID900104  Compliant -> -: Closed Tantalum Works" in out
    assert main(["compare", old, old, "--format", "json"]) == EXIT_OK
    assert json.loads(capsys.readouterr().out)["changes"] == []
    assert main(["compare", old]) == EXIT_USAGE
    assert main(["compare", old, str(EXAMPLE / "suppliers")]) == EXIT_USAGE  # a folder needs -r
    assert "give -r FILE" in capsys.readouterr().err
    (tmp_path / "other.json").write_text('{"schema": "something-else/9"}', encoding="utf-8")
    assert main(["compare", old, str(tmp_path / "other.json")]) == EXIT_USAGE
    assert "something-else/9" in capsys.readouterr().err
    assert main(["compare", old, str(tmp_path / "missing.json")]) == EXIT_NO_INPUT


def test_the_command_writes_the_html_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "report.html"
    old = str(_last_year(tmp_path))
    assert main(["classify", "--example", "--output", str(out)]) == EXIT_OK
    page = out.read_text(encoding="utf-8")
    assert page.lstrip().lower().startswith("<!doctype html") and "CID990101" in page and "<svg" in page
    assert "Since last year" not in page
    survey = cmrt.survey(EXAMPLE / "suppliers", REFERENCE)
    assert "Since last year" in survey.to_html(previous=old)


def test_control_characters_from_a_supplier_file_break_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A name holding a BEL or an escape sequence (``_x0007_``, ``_x001B_`` in the file): no crash in the
    workbook, the report or the table, and no raw control character reaches a terminal."""
    import zipfile

    data = build_cmrt(
        declaration={"company_name": "BellQQCo"},
        smelters=[SmelterRow(metal="Gold", lookup="Smelter not listed", name="EscEEWorks", country="Peru")],
    )
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info).replace(b"QQ", b"_x0007_").replace(b"EE", b"_x001B_[31m"))
    (tmp_path / "x.xlsx").write_bytes(out.getvalue())
    survey = cmrt.survey(tmp_path / "x.xlsx", REFERENCE)
    assert survey.responses[0].company == "Bell\x07Co"  # read as the file says
    book = openpyxl.load_workbook(io.BytesIO(survey.to_excel()))
    assert book["Suppliers"]["A2"].value == "Bell\ufffdCo"
    assert "Bell" in survey.to_html()
    assert main(["classify", str(tmp_path / "x.xlsx"), "--reference", *map(str, REFERENCE)]) == EXIT_OK
    printed = capsys.readouterr().out
    assert "Bell\ufffdCo" in printed and "\x07" not in printed and "\x1b" not in printed


def test_rollup_and_compare_refuse_bad_input_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    refs = [str(p) for p in REFERENCE]
    for bad in ('{"fields": "x"}', '{"company_answers": ["A"]}', '{"products": 5}', "[1]"):
        (tmp_path / "decl.json").write_text(bad, encoding="utf-8")
        args = ["rollup", str(EXAMPLE / "suppliers"), "--template", str(cmrt.example_path()), "--company",
                "Us", "--declaration", str(tmp_path / "decl.json"), "--output", str(tmp_path / "o.xlsx"),
                "--reference", *refs]  # fmt: skip
        assert main(args) == EXIT_USAGE, bad
        assert "--declaration" in capsys.readouterr().err
    (tmp_path / "x.json").write_text("{}", encoding="utf-8")
    code = main(
        ["compare", str(EXAMPLE / "suppliers"), str(EXAMPLE / "suppliers"), "-r", str(tmp_path / "x.json")]
    )
    assert code == EXIT_USAGE and "reference data" in capsys.readouterr().err
