"""Conformance: every real template workbook in shared/fixtures reads right.

Expected values come from an independent engine (openpyxl / xlrd reading the same cells), not from
literals, so the suite also holds for real workbooks that are not in shared/.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import attrs
import msoffcrypto
import openpyxl
import pytest
import xlrd
from conftest import REAL, REFERENCE, needs_shared, real_files

import cmrt
import cmrt.layouts
from cmrt.layouts.vocabulary import normalize_answer

pytestmark = needs_shared

CMRT_FILES = [p for p in real_files() if "CMRT" in p.name]
OTHER_FILES = [p for p in real_files() if "CMRT" not in p.name]


def expected_version(path: Path) -> str:
    """The version a file's name gives ("CFSI_CMRT_1.00_empty" -> "1", "..._2.00_..." -> "2")."""
    version = re.search(r"CMRT_(\d+\.\d+a?)", path.name).group(1)
    return {"1.00": "1", "2.00": "2"}.get(version, version)


def plain_bytes(path: Path) -> bytes:
    data = path.read_bytes()
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        office = msoffcrypto.OfficeFile(io.BytesIO(data))
        if office.is_encrypted():
            office.load_key(password="VelvetSweatshop")
            out = io.BytesIO()
            office.decrypt(out)
            return out.getvalue()
    return data


class Oracle:
    """Cells of a workbook read by openpyxl (.xlsx) or xlrd (.xls): an engine independent of calamine."""

    def __init__(self, path: Path) -> None:
        data = plain_bytes(path)
        if data.startswith(b"PK"):
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            self.cell = lambda sheet, ref: _opx(book[sheet], ref)
        else:
            book = xlrd.open_workbook(file_contents=data, logfile=io.StringIO())
            self.cell = lambda sheet, ref: _xlrd(book, book.sheet_by_name(sheet), ref)

    def at(self, location: str):
        sheet, ref = location.split("!")
        return self.cell(sheet, ref)


def _split(ref: str) -> tuple[int, int]:
    letters, digits = re.match(r"([A-Z]+)(\d+)", ref).groups()
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch) - 64
    return int(digits), col


def _opx(sheet, ref):
    row, col = _split(ref)
    value = next(sheet.iter_rows(min_row=row, max_row=row, min_col=col, max_col=col, values_only=True))[0]
    return value


def _xlrd(book, sheet, ref):
    row, col = _split(ref)
    if row > sheet.nrows or col > sheet.row_len(row - 1):
        return None
    kind, value = sheet.cell_type(row - 1, col - 1), sheet.cell_value(row - 1, col - 1)
    if kind == xlrd.XL_CELL_DATE:
        return xlrd.xldate_as_datetime(value, book.datemode)
    return None if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR) else value


def text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    out = str(value).strip()
    return out or None


@pytest.mark.parametrize("path", CMRT_FILES, ids=lambda p: p.name)
def test_every_cmrt_reads_with_its_version(path: Path) -> None:
    report = cmrt.read(path)
    assert report.template == "CMRT"
    assert report.version == expected_version(path)
    assert report.version_date is not None and report.version_date.year >= 2011
    assert len(report.answers) == 4 * {"1": 5, "2": 6, "3": 7, "6": 8}[report.version[0]]
    assert len(report.company_answers) == {"1": 11, "2": 10, "3": 10, "6": 8}[report.version[0]]
    assert sorted({a.metal for a in report.answers}) == sorted(cmrt.METALS)


@pytest.mark.parametrize("path", OTHER_FILES, ids=lambda p: p.name)
def test_other_templates_are_refused_by_name_where_only_a_cmrt_is_wanted(path: Path) -> None:
    kind = re.match(r"RMI_([A-Z]+)_", path.name).group(1)
    with pytest.raises(cmrt.WrongTemplateError, match=kind) as caught:
        cmrt.read(path, template="CMRT")
    assert caught.value.template == kind
    assert caught.value.version and caught.value.version[0] in "12"
    assert isinstance(caught.value, cmrt.CmrtError)


OTHER_VERSIONS = {"RMI_CRT_2.21.xlsx": "2.2"}
"""The file named 2.21 prints 2.2 everywhere."""


@pytest.mark.parametrize("path", OTHER_FILES, ids=lambda p: p.name)
def test_every_emrt_crt_and_amrt_reads_with_its_template_and_version(path: Path) -> None:
    kind, version = re.match(r"RMI_([A-Z]+)_(\d+\.\d+)", path.name).groups()
    report = cmrt.read(path)
    assert (report.template, report.version) == (kind, OTHER_VERSIONS.get(path.name, version))
    assert report.version_date is not None and report.version_date.year >= 2020
    family = cmrt.layouts.family_for(report.version, kind)
    assert len(report.company_answers) >= len(family.company_questions)
    rows = {q.number: q.row for q in family.questions}
    for answer in report.answers:  # under its own question, in a row for a mineral the file covers
        assert 0 < int(answer.cell.split("D")[-1]) - rows[answer.number] <= family.mineral_rows
        assert answer.metal in report.minerals
    if not family.selection_cells:
        assert report.minerals == family.minerals
        assert {a.metal for a in report.answers} == set(family.minerals)


@pytest.mark.parametrize("path", CMRT_FILES + OTHER_FILES, ids=lambda p: p.name)
def test_answers_and_declaration_match_an_independent_engine(path: Path) -> None:
    report = cmrt.read(path)
    oracle = Oracle(path)
    for answer in report.answers + report.company_answers:
        assert answer.answer == normalize_answer(oracle.at(answer.cell), answer.key), answer.cell
        comment = oracle.at(answer.cell.replace("!D", "!G"))
        assert answer.comment == text(comment), answer.cell
    decl = report.declaration
    for field, cell in report.field_cells.items():
        if field not in ("effective_date", "minerals"):
            assert getattr(decl, field) == text(oracle.at(cell)), cell
    if "effective_date" in report.field_cells and report.version != "1":
        raw = oracle.at(report.field_cells["effective_date"])
        if isinstance(raw, dt.datetime):
            assert decl.effective_date == raw.date()


@pytest.mark.parametrize("path", CMRT_FILES, ids=lambda p: p.name)
def test_smelter_rows_match_an_independent_engine(path: Path) -> None:
    report = cmrt.read(path)
    oracle = Oracle(path)
    sheet = "Smelter and Mine List" if report.version == "1" else "Smelter List"
    for entry in report.smelters:
        assert entry.metal == text(oracle.at(f"{sheet}!B{entry.row}")).split(" (")[0]
        if report.version != "1":
            assert entry.lookup_name == text(oracle.at(f"{sheet}!C{entry.row}"))
            assert entry.country == text(oracle.at(f"{sheet}!E{entry.row}"))
    filled = [s for s in report.smelters if s.kind is not cmrt.RowKind.NOT_YET_IDENTIFIED]
    assert len(filled) <= len(report.smelters)


def test_test_filled_files_give_their_content() -> None:
    goertech = cmrt.read(REAL / "CFSI_CMRT_3.01_filled.xls")  # encrypted with Excel's default password
    assert goertech.declaration.company_name == "GoerTech Inc."
    assert goertech.declaration.effective_date == dt.date(2014, 5, 22)  # 1904 date system
    assert len(goertech.smelters) == 40
    # row 19's auto-filled cells are cached blank in Excel: the reader shows what Excel shows, and flags it
    assert {s.row for s in goertech.smelters if not s.smelter_id} == {19}
    assert all(re.fullmatch(r"CID\d{6}", s.smelter_id) for s in goertech.smelters if s.smelter_id)
    assert any(p.code == "smelter-row-incomplete" and p.location.endswith("19") for p in goertech.problems)
    assert goertech.answer("covered_countries", "Gold").answer == "Yes"
    green = cmrt.read(REAL / "EICC_CMRT_2.03a_filled_green.xlsx")
    assert green.declaration.company_name == "Green Status Pro"
    assert green.declaration.effective_date == dt.date(2014, 5, 31)
    assert green.answer("covered_countries", "Gold").answer == "Uncertain or Unknown"
    assert green.answer("policy_public").comment == "http://company/policy"
    assert [s.metal for s in green.smelters] == ["Gold", "Tin", "Tantalum", "Tungsten"]


@pytest.mark.parametrize(
    "encrypted",
    [p for p in real_files() if (REAL / "decrypted" / p.name.replace(".xls", ".decrypted.xls")).exists()],
    ids=lambda p: p.name,
)
def test_encrypted_original_reads_like_its_decrypted_copy(encrypted: Path) -> None:
    copy = REAL / "decrypted" / encrypted.name.replace(".xls", ".decrypted.xls")
    a, b = cmrt.read(encrypted), cmrt.read(copy)
    assert attrs.evolve(a, source=None) == attrs.evolve(b, source=None)


def test_wrong_password_is_a_password_error() -> None:
    path = REAL / "CFSI_CMRT_3.01_empty.xls"
    assert cmrt.read(path, password="wrong").version == "3.01"  # default password still tried
    data = (REAL / "decrypted" / "CFSI_CMRT_3.01_empty.decrypted.xls").read_bytes()
    assert cmrt.read(data).version == "3.01"


def test_translated_files_are_read_through_the_L_sheet() -> None:
    report = cmrt.read(REAL / "RMI_CMRT_6.5.xlsx")  # saved with the Chinese UI
    assert report.language == "Chinese"
    assert report.field_cells["company_name"] == "Declaration!D8"
    assert report.field_cells["effective_date"] == "Declaration!D22"
    assert [a.key for a in report.answers[::4]] == [
        "intentionally_added", "remains_in_product", "covered_countries", "cahra", "recycled_scrap",
        "supplier_response", "all_smelters_identified", "all_smelter_info_reported",
    ]  # fmt: skip
    assert report.answer("covered_countries", "Gold").cell == "Declaration!D40"
    assert report.required_fields == {
        "company_name", "scope", "contact_name", "contact_email", "contact_phone", "authorizer_name",
        "authorizer_email", "effective_date",
    }  # fmt: skip


def test_question_keys_are_stable_across_versions() -> None:
    v6 = cmrt.read(REAL / "RMI_CMRT_6.22.xlsx").answer("covered_countries", "Tin")
    v3 = cmrt.read(REAL / "CFSI_CMRT_3.01_filled_green.xlsx").answer("covered_countries", "Tin")
    v2 = cmrt.read(REAL / "EICC_CMRT_2.00_filled_green.xlsx").answer("covered_countries", "Tin")
    assert (v6.number, v3.number, v2.number) == ("3", "3", "2")


def test_reference_copies_read() -> None:
    assert cmrt.read(REFERENCE / "RMI_CMRT_6.5_template.xlsx").version == "6.5"
    assert cmrt.read(REFERENCE / "cmrt_3.01_sample_green_ddm.xlsx").version == "3.01"


def test_blank_template_problems_follow_the_checker() -> None:
    report = cmrt.read(REAL / "RMI_CMRT_6.5.xlsx")
    missing = {p.location for p in report.problems if p.code == "required-field-missing"}
    assert missing == {f"Declaration!D{r}" for r in (8, 9, 15, 16, 17, 18, 20, 22)}
    assert sum(p.code == "answer-missing" for p in report.problems) == 4 + 28 + 8
    assert not report.is_complete
