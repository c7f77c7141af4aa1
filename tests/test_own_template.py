"""Your own CMRT or EMRT, rolled up into your blank RMI template: read back, re-classified, opened by
openpyxl and LibreOffice. Uses the real templates in ../shared (skipped without them)."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from acceptance_survey import build_survey, reference_files
from conftest import REAL, REFERENCE, needs_shared

import cmrt
from cmrt.cli import EXIT_OK, EXIT_USAGE, main

DECLARATION = {
    "company_name": "Our Components Inc.", "scope": "A. Company", "contact_name": "Pat Example",
    "contact_email": "pat@example.com", "contact_phone": "+1 555 0100", "authorizer_name": "Sam Example",
    "authorizer_email": "sam@example.com", "effective_date": dt.date(2025, 12, 31),
}  # fmt: skip
COMPANY = {letter: "Yes" for letter in "ABCDFG"} | {
    "E": "Yes, in conformance with IPC1755 (e.g., CMRT)",
    "H": "No",
}


@pytest.fixture(scope="module")
def survey(tmp_path_factory: pytest.TempPathFactory) -> cmrt.Survey:
    if not REFERENCE.is_dir():
        pytest.skip(f"shared reference data not found at {REFERENCE} (set CMRT_SHARED)")
    files = build_survey(REFERENCE, tmp_path_factory.mktemp("suppliers"))
    return cmrt.survey(files.paths, reference_files(REFERENCE))


@pytest.fixture(scope="module")
def ours(survey: cmrt.Survey) -> bytes:
    answers = {("supplier_response", m): "100%" for m in cmrt.METALS}
    return survey.to_cmrt(
        REAL / "RMI_CMRT_6.5.xlsx", DECLARATION, answers=answers, company_answers=COMPANY,
        company_comments={"B": "https://example.com/policy"},
    )  # fmt: skip


@needs_shared
def test_it_reads_back_with_exactly_the_surveys_facilities(survey: cmrt.Survey, ours: bytes) -> None:
    report = cmrt.read(ours)
    assert (report.template, report.version) == ("CMRT", "6.5")
    assert report.declaration.company_name == "Our Components Inc."
    assert report.declaration.effective_date == dt.date(2025, 12, 31)
    assert len(report.smelters) == len(survey.classification.facilities) == 318
    again = cmrt.classify_smelters(report, reference_files(REFERENCE))

    def key(f: cmrt.Facility) -> tuple[str, str | None, str]:
        return (f.metal, f.smelter_id, f.status.value)

    assert {key(f) for f in again.facilities} == {key(f) for f in survey.classification.facilities}
    errors = [p for p in report.problems if p.severity is cmrt.Severity.ERROR]
    assert errors == [], errors


@needs_shared
def test_answers_are_rolled_up_conservatively(survey: cmrt.Survey, ours: bytes) -> None:
    report = cmrt.read(ours)
    for metal in cmrt.METALS:
        key = ("covered_countries", metal)
        said = {r.answers[key] for r in survey.responses if key in r.answers}
        expected = "Yes" if "Yes" in said else "Unknown" if "Unknown" in said or None in said else "No"
        assert report.answer("covered_countries", metal).answer == expected, metal
    assert report.answer("supplier_response", "Gold").answer == "100%"
    assert report.answer("policy_public").answer == "Yes"


@needs_shared
def test_the_template_is_patched_not_rebuilt(ours: bytes) -> None:
    blank = zipfile.ZipFile(REAL / "RMI_CMRT_6.5.xlsx")
    mine = zipfile.ZipFile(io.BytesIO(ours))
    assert mine.namelist() == blank.namelist()  # drawings, styles, validations: every part is there
    for name in blank.namelist():
        if not name.startswith(("xl/worksheets/sheet", "xl/workbook.xml")):
            assert mine.read(name) == blank.read(name), name
    declaration = mine.read("xl/worksheets/sheet4.xml")
    assert declaration.count(b"<dataValidation ") == blank.read("xl/worksheets/sheet4.xml").count(
        b"<dataValidation "
    )
    assert b'fullCalcOnLoad="1"' in mine.read("xl/workbook.xml")
    book = openpyxl.load_workbook(io.BytesIO(ours))
    assert book["Smelter List"]["A5"].value.startswith("CID")


@needs_shared
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_it_and_its_formulas_fill_the_rows(ours: bytes, tmp_path: Path) -> None:
    (tmp_path / "ours.xlsx").write_bytes(ours)
    done = subprocess.run(
        ["soffice", "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,"
         "false,false,false,5", "--outdir", str(tmp_path), str(tmp_path / "ours.xlsx")],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    rows = (tmp_path / "ours-Smelter List.csv").read_text(encoding="utf-8").splitlines()
    first = next(r for r in rows if r.startswith("CID"))
    cid, metal = first.split(",")[:2]
    assert metal in cmrt.METALS and first.split(",")[5] == cid  # the template's formulas computed them


def test_a_template_with_rows_or_of_another_kind_is_refused(tmp_path: Path) -> None:
    example = cmrt.example_survey_path()
    survey = cmrt.survey(example / "suppliers", sorted((example / "reference").iterdir()))
    with pytest.raises(ValueError, match="blank template"):
        survey.to_cmrt(cmrt.example_path(), {"company_name": "Us"})
    from cmrt.testing import build_report

    with pytest.raises(ValueError, match="CMRT 6.x or EMRT 2.x"):
        survey.to_cmrt(build_report("CRT"), {"company_name": "Us"})
    with pytest.raises(ValueError, match="unknown declaration fields"):
        survey.to_cmrt(build_report("CMRT"), {"company": "Us"})


@needs_shared
def test_the_rollup_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    example = cmrt.example_survey_path()
    refs = [str(p) for p in sorted((example / "reference").iterdir())]
    out = tmp_path / "ours.xlsx"
    (tmp_path / "decl.json").write_text('{"fields": {"effective_date": "2025-12-31"}, "answers": '
                                        '{"supplier_response Gold": "100%"}}', encoding="utf-8")  # fmt: skip
    args = ["rollup", str(example / "suppliers"), "--template", str(REAL / "RMI_CMRT_6.5.xlsx"),
            "--company", "Us Inc.", "--declaration", str(tmp_path / "decl.json"), "--output", str(out),
            "--reference", *refs]  # fmt: skip
    assert main(args) == EXIT_OK
    report = cmrt.read(out)
    assert report.declaration.company_name == "Us Inc." and report.declaration.effective_date == dt.date(
        2025, 12, 31
    )
    assert len(report.smelters) == 13  # the example's 3TG facilities (made-up IDs: written as not listed)
    assert main([*args[: -len(refs) - 1]]) == EXIT_USAGE  # no reference


@needs_shared
def test_an_emrt_of_the_extended_minerals(tmp_path: Path) -> None:
    from acceptance_minerals import build_minerals_survey
    from acceptance_minerals import reference_files as minerals_references

    reference = cmrt.SmelterReference.from_files(*minerals_references(REFERENCE, REAL))
    survey = cmrt.survey(build_minerals_survey(REFERENCE, tmp_path).paths, reference)
    report = cmrt.read(
        survey.to_cmrt(REAL / "RMI_EMRT_2.1.xlsx", {"company_name": "Us", "scope": "A. Company"})
    )
    assert (report.template, report.version) == ("EMRT", "2.1")

    def key(f: cmrt.Facility) -> tuple[str, str | None, str]:
        return (f.metal, f.smelter_id, f.status.value)

    expected = {key(f) for f in survey.classification.facilities if f.metal in report.minerals}
    assert {key(f) for f in cmrt.classify_smelters(report, reference).facilities} == expected
    assert len(expected) > 100
    covered = {
        "minerals-missing",
        "metal-invalid",
        "metal-missing",
        "not-listed-incomplete",
        "required-field-missing",
    }
    fields = [p for p in report.problems if p.code in covered and p.severity is cmrt.Severity.ERROR]
    assert [p.location for p in fields if p.code == "required-field-missing"] == [
        f"Declaration!D{row}" for row in (19, 20, 21, 22, 24, 26)
    ]  # the contact and authorizer fields and the date, not given here
    assert [p for p in fields if p.code != "required-field-missing"] == []


def test_a_full_recalculation_is_asked_for_where_the_schema_puts_it() -> None:
    from cmrt.deliverables.own_template import _full_calc_on_load

    with_ext = b"<workbook><sheets/><definedNames/><extLst><x/></extLst></workbook>"
    assert _full_calc_on_load(with_ext) == (
        b'<workbook><sheets/><definedNames/><calcPr fullCalcOnLoad="1"/><extLst><x/></extLst></workbook>'
    )
    existing = b'<workbook><calcPr calcId="191029" fullCalcOnLoad="0"/></workbook>'
    assert (
        _full_calc_on_load(existing) == b'<workbook><calcPr fullCalcOnLoad="1" calcId="191029"/></workbook>'
    )


@needs_shared
def test_an_emrt_lists_the_chosen_minerals_in_its_first_rows(tmp_path: Path) -> None:
    """The example's EMRT names cobalt and mica only: mica's answers go to the second row of each question
    (where the template shows it once the others are deleted), not to its row in the blank."""
    example = cmrt.example_survey_path()
    survey = cmrt.survey(example / "suppliers", sorted((example / "reference").iterdir()))
    mine = survey.to_cmrt(
        REAL / "RMI_EMRT_2.1.xlsx", {"company_name": "Us", "effective_date": dt.datetime(2025, 12, 31, 9)},
        company_answers={"A": "Yes", ("C", "Mica"): "No"},
    )  # fmt: skip
    report = cmrt.read(mine)
    assert report.minerals == ("Cobalt", "Mica") and report.declaration.effective_date == dt.date(
        2025, 12, 31
    )
    found = {(a.key, a.metal): (a.answer, a.cell) for a in report.answers}
    assert found[("intentionally_added", "Mica")] == ("Yes", "Declaration!D31")
    assert not [
        p
        for p in report.problems
        if p.code == "answer-missing" and p.location in ("Declaration!D30", "Declaration!D31")
    ]
    company = {(a.key, a.metal): a.answer for a in report.company_answers}
    assert company[("policy", None)] == "Yes" and company[("require_validated_smelters", "Mica")] == "No"
    with pytest.raises(ValueError, match="keyed"):
        survey.to_cmrt(REAL / "RMI_EMRT_2.1.xlsx", {"company_name": "Us"}, answers={"cahra": "Yes"})


def test_rows_are_inserted_in_order_and_dates_follow_the_workbooks_system() -> None:
    from cmrt.deliverables.own_template import _with_cells

    sheet = b'<worksheet><sheetData><row r="1"/><row r="10"/></sheetData></worksheet>'
    patched = _with_cells(sheet, {"B5": "x", "B20": "y", "C1": "z"}, False)
    import re

    assert re.findall(rb'<row r="(\d+)"', patched) == [b"1", b"5", b"10", b"20"]
    in_1904 = _with_cells(sheet, {"A1": dt.date(2025, 12, 31)}, True)
    assert b"<v>44560</v>" in in_1904  # 2025-12-31 counted from 1904-01-01
