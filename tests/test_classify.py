"""classify_smelters: statuses, flags and deduplication, on project-made data (made-up facilities)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import cmrt
from cmrt import RiskFlag, SmelterReference, Status, classify_smelters
from cmrt.testing import EXAMPLE_LOOKUP, SmelterRow, build_cmrt, write_cmrt

LOOKUP_CSV = "Metal,Smelter Look-up,Standard Smelter Name,Country,Smelter ID,City\n" + "".join(
    f'{r.metal},"{r.alias}","{r.standard_name}","{r.country}",{r.smelter_id},{r.city}\n'
    for r in EXAMPLE_LOOKUP
)
RMI_LIST = """Metal,Smelter ID,Standard Smelter Name,Country Location,Last Audit Date,Audit Cycle,LBMA RG,Type
Gold,CID900001,Example Gold Refinery Ltd.,JAPAN,2024-05-10,1 Year,,Conformant
Gold,CID900002,Fictional Bullion AG,GERMANY,2023-01-15,3 Years,Yes,Conformant
Tin,CID900203,Mock Tin Metals S.A.,PERU,,,,Active
Tungsten,CID900302,Fictitious Wolfram Industries,JAPAN,,,,Non-Conformant
"""
CFSI_LIST = """Metal,New Smelter ID,Smelter Name,Location,Status
Tin,CID900202,Sample Tin Refinery PT,INDONESIA,Compliant
Tantalum,CID900101,Example Tantalum Works Co.,CHINA,Progressing
"""
HISTORY = """Metal,Smelter ID,Standard Smelter Name,Country,Basis for Revision,Details,Revision Date
Tantalum,CID900102,Placeholder Niobium-Tantalum Plant,BRAZIL,Removed,No longer an operating smelter,2024-08-01
Tin,CID900201,Example Tin Smelter Sdn. Bhd.,MALAYSIA,Removed,Duplicate,2020-01-01
Tin,CID900201,Example Tin Smelter Sdn. Bhd.,MALAYSIA,Added,Back on the list,2021-01-01
"""


def _reference(folder: Path, *, cfsi: bool = False, rmi: bool = True) -> SmelterReference:
    files = {"lookup.csv": LOOKUP_CSV, "history.csv": HISTORY}
    if rmi:
        files["rmi_list.csv"] = RMI_LIST
    if cfsi:
        files["cfsi_list.csv"] = CFSI_LIST
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return SmelterReference.from_files(*(folder / name for name in files))


@pytest.fixture()
def reference(tmp_path: Path) -> SmelterReference:
    return _reference(tmp_path)


def _one(rows: list[dict[str, str]], reference: SmelterReference, **options: object) -> cmrt.Facility:
    result = classify_smelters(rows, reference, **options)
    assert len(result.facilities) == 1, result.facilities
    return result.facilities[0]


def test_conformant_is_compliant_with_the_list_it_came_from(reference: SmelterReference) -> None:
    f = _one([{"metal": "Gold", "name": "Example Gold Refinery Ltd.", "country": "Japan"}], reference)
    assert (f.status, f.smelter_id, f.list_status, f.list_source) == (
        Status.COMPLIANT,
        "CID900001",
        "Conformant",
        "rmi_list.csv",
    )
    assert f.list_date == dt.date(2024, 5, 10)  # an RMI export is dated by its newest audit
    assert f.status.value == "Compliant" and f.flags == frozenset()


def test_active_list_gives_active_and_other_statuses_indeterminable_with_reason(
    reference: SmelterReference,
) -> None:
    active = _one([{"metal": "Tin", "smelter_id": "CID900203"}], reference)
    assert active.status is Status.ACTIVE
    nonconformant = _one([{"metal": "Tungsten", "smelter_id": "cid 900302"}], reference)
    assert nonconformant.status is Status.INDETERMINABLE
    assert nonconformant.status_reason.startswith("Non-Conformant on rmi_list.csv")
    unlisted = _one(
        [{"metal": "Tungsten", "name": "Test Tungsten Powders Inc.", "country": "Rwanda"}], reference
    )
    assert (unlisted.status, unlisted.status_reason) == (
        Status.INDETERMINABLE,
        "on none of the status lists given",
    )


def test_without_status_lists_everything_is_indeterminable_and_says_why(tmp_path: Path) -> None:
    reference = _reference(tmp_path, rmi=False)
    f = _one([{"metal": "Gold", "smelter_id": "CID900001"}], reference)
    assert f.status is Status.INDETERMINABLE
    assert "no status list" in f.status_reason


def test_rmi_lists_supersede_cfsi_lists(tmp_path: Path) -> None:
    both = _reference(tmp_path, cfsi=True)
    result = classify_smelters([{"metal": "Tin", "smelter_id": "CID900202"}], both)
    assert [s.file for s in result.superseded_lists] == ["cfsi_list.csv"]
    assert [s.file for s in result.lists] == ["rmi_list.csv"]
    assert result.facilities[0].status is Status.INDETERMINABLE  # compliant in 2014 only
    (tmp_path / "old").mkdir()
    cfsi_only = _reference(tmp_path / "old", cfsi=True, rmi=False)
    tin = _one([{"metal": "Tin", "smelter_id": "CID900202"}], cfsi_only)
    tantalum = _one([{"metal": "Tantalum", "smelter_id": "CID900101"}], cfsi_only)
    assert (tin.status, tin.list_status) == (Status.COMPLIANT, "Compliant")
    assert (tantalum.status, tantalum.list_status) == (Status.ACTIVE, "Progressing")


def test_newer_dated_list_of_the_same_status_wins(tmp_path: Path) -> None:
    old = RMI_LIST.replace("2024-05-10", "2019-05-10").replace("2023-01-15", "2019-01-15")
    old = "\n".join(line for line in old.splitlines() if "CID900001" not in line or "Metal" in line)
    old += "\nTin,CID900201,Example Tin Smelter Sdn. Bhd.,MALAYSIA,2019-02-01,1 Year,,Conformant\n"
    (tmp_path / "old_list.csv").write_text(old, encoding="utf-8")
    reference = _reference(tmp_path)
    reference = SmelterReference.from_files(
        *(tmp_path / n for n in ("lookup.csv", "rmi_list.csv", "old_list.csv"))
    )
    result = classify_smelters([{"metal": "Tin", "smelter_id": "CID900201"}], reference)
    assert [s.file for s in result.superseded_lists] == ["old_list.csv"]
    assert result.facilities[0].status is Status.INDETERMINABLE


def test_removal_flags_and_decides_status_and_a_later_addition_undoes_it(reference: SmelterReference) -> None:
    removed = _one([{"metal": "Tantalum", "smelter_id": "CID900102"}], reference)
    assert RiskFlag.REMOVED_FROM_RMI_LIST in removed.flags
    assert removed.status_reason.startswith("removed from the RMI Smelter Reference List on 2024-08-01")
    before = _one([{"metal": "Tantalum", "smelter_id": "CID900102"}], reference, as_of=dt.date(2024, 1, 1))
    assert RiskFlag.REMOVED_FROM_RMI_LIST not in before.flags
    readded = _one([{"metal": "Tin", "smelter_id": "CID900201"}], reference)
    assert RiskFlag.REMOVED_FROM_RMI_LIST not in readded.flags


def test_audit_overdue_needs_as_of_past_audit_plus_cycle(reference: SmelterReference) -> None:
    row = [{"metal": "Gold", "smelter_id": "CID900001"}]
    assert RiskFlag.AUDIT_OVERDUE not in _one(row, reference).flags
    assert RiskFlag.AUDIT_OVERDUE not in _one(row, reference, as_of=dt.date(2025, 5, 10)).flags
    late = _one(row, reference, as_of=dt.date(2025, 5, 11))
    assert RiskFlag.AUDIT_OVERDUE in late.flags and late.status is Status.COMPLIANT
    assert any("due 2025-05-10" in note for note in late.notes)
    three_years = _one([{"metal": "Gold", "smelter_id": "CID900002"}], reference, as_of=dt.date(2025, 12, 31))
    assert RiskFlag.AUDIT_OVERDUE not in three_years.flags


def test_covered_country_from_the_reference_and_from_what_suppliers_say(reference: SmelterReference) -> None:
    rwanda = _one([{"metal": "Tungsten", "smelter_id": "CID900303"}], reference)
    assert RiskFlag.COVERED_COUNTRY in rwanda.flags
    assert rwanda.country is not None and rwanda.country.code == "RW"
    typed = _one([{"metal": "Gold", "name": "Kivu Gold Works", "country": "DR Congo"}], reference)
    assert {RiskFlag.COVERED_COUNTRY, RiskFlag.UNIDENTIFIED} <= typed.flags
    japan = _one([{"metal": "Gold", "smelter_id": "CID900001"}], reference)
    assert RiskFlag.COVERED_COUNTRY not in japan.flags


def test_mine_country_recycled_and_cahra(reference: SmelterReference) -> None:
    row = {
        "metal": "Gold",
        "smelter_id": "CID900001",
        "mine_countries": "Peru; CONGO, DEMOCRATIC REPUBLIC OF THE",
        "recycled_scrap": "Yes",
    }
    f = _one([row], reference, cahra=["Peru"])
    assert {RiskFlag.MINE_IN_COVERED_COUNTRY, RiskFlag.RECYCLED_SCRAP, RiskFlag.CAHRA} <= f.flags
    assert RiskFlag.COVERED_COUNTRY not in f.flags  # the facility itself is in Japan
    plain = _one([{"metal": "Gold", "smelter_id": "CID900001", "mine_countries": "Peru"}], reference)
    assert RiskFlag.CAHRA not in plain.flags  # no CAHRA list, no CAHRA flag
    located = _one([{"metal": "Tungsten", "smelter_id": "CID900303"}], reference, cahra=["RW"])
    assert RiskFlag.CAHRA in located.flags


def test_identity_flags(reference: SmelterReference) -> None:
    conflict = _one([{"metal": "Gold", "smelter_id": "CID900001", "name": "Fictional Bullion AG"}], reference)
    assert RiskFlag.ID_CONFLICT in conflict.flags and RiskFlag.NEEDS_REVIEW in conflict.flags
    assert conflict.smelter_id == "CID900001"  # an ID wins, and the conflict is shown
    fuzzy = _one([{"metal": "Gold", "name": "Exampl Gold Refining", "country": "Japan"}], reference)
    assert fuzzy.smelter_id == "CID900001" and RiskFlag.NEEDS_REVIEW in fuzzy.flags
    assert fuzzy.status is Status.COMPLIANT  # the proposed facility's status, to be confirmed
    unknown_id = _one([{"metal": "Gold", "smelter_id": "CID123456", "name": "Nowhere Refining"}], reference)
    assert (unknown_id.smelter_id, unknown_id.status) == ("CID123456", Status.INDETERMINABLE)
    assert RiskFlag.UNIDENTIFIED in unknown_id.flags
    assert unknown_id.match.candidates[0].facility.smelter_id == "CID900001"  # offered, not taken


def test_facilities_are_deduplicated_across_suppliers_and_spellings(reference: SmelterReference) -> None:
    rows = [
        {"supplier": "A", "metal": "Gold", "smelter_id": "CID900001"},
        {"supplier": "B", "metal": "gold", "name": "EGR Refining", "country": "JP"},  # an alias
        {"supplier": "C", "metal": "Gold", "name": "EXAMPLE GOLD REFINERY LTD", "country": "Japan"},
        {"supplier": "A", "metal": "Tin", "name": "Lost Tin Co", "country": "Bolivia"},
        {"supplier": "B", "metal": "Tin", "name": "Lost Tin Co.", "country": ""},  # no country: same one
        {"supplier": "C", "metal": "Tin", "name": "Lost Tin Co", "country": "Peru"},  # another facility
        {"supplier": "C", "metal": "Tin", "name": "Other Tin Co", "country": "Peru"},
        {"supplier": "D", "metal": "Tin", "name": "Other Tin Co"},  # one country known for it: joins
        {"supplier": "C", "metal": "Gold", "name": "Smelter not yet identified"},
    ]
    result = classify_smelters(rows, reference)
    gold = [f for f in result.facilities if f.metal == "Gold"]
    assert len(gold) == 1 and gold[0].suppliers == ("A", "B", "C") and len(gold[0].reported) == 3
    tin = sorted(
        (f.name, f.country.code if f.country else "", len(f.reported))
        for f in result.facilities
        if f.metal == "Tin"
    )
    # "Lost Tin Co" without a country is reported with two countries elsewhere: it cannot be placed
    assert tin == [
        ("Lost Tin Co", "BO", 1),
        ("Lost Tin Co", "PE", 1),
        ("Lost Tin Co.", "", 1),
        ("Other Tin Co", "PE", 2),
    ]
    assert {s.supplier: s.placeholders for s in result.suppliers} == {"A": 0, "B": 0, "C": 1, "D": 0}
    assert result.placeholders == 1


def test_unidentified_name_joins_the_row_that_gave_its_id(reference: SmelterReference) -> None:
    rows = [
        {
            "supplier": "A",
            "metal": "Tin",
            "smelter_id": "CID777777",
            "name": "Brand-New Tin Smelter",
            "country": "Peru",
        },
        {"supplier": "B", "metal": "Tin", "name": "Brand New Tin Smelter", "country": "PERU"},
    ]
    result = classify_smelters(rows, reference)
    assert [(f.smelter_id, f.suppliers) for f in result.facilities] == [("CID777777", ("A", "B"))]


def test_reports_from_workbooks_with_placeholders_and_undeclared_metal(
    reference: SmelterReference, tmp_path: Path
) -> None:
    path = write_cmrt(
        tmp_path / "supplier.xlsx",
        declaration={"company_name": "Supplier One"},
        answers={("1", "Tantalum"): "No", ("1", "Gold"): "Yes"},
        smelters=[
            SmelterRow(metal="Gold", lookup="Example Gold Refinery Ltd."),
            SmelterRow(metal="Tantalum", lookup="Demo Tantalum Smelting GmbH"),
            SmelterRow(metal="Gold", lookup="Smelter not yet identified"),
            SmelterRow(metal="Tin", lookup="Smelter not yet identified"),
        ],
    )
    result = classify_smelters(path, reference)
    assert [s.placeholders for s in result.suppliers] == [2]
    assert [s.rows for s in result.suppliers] == [2]
    tantalum = next(f for f in result.facilities if f.metal == "Tantalum")
    assert RiskFlag.METAL_NOT_DECLARED in tantalum.flags
    gold = next(f for f in result.facilities if f.metal == "Gold")
    assert RiskFlag.METAL_NOT_DECLARED not in gold.flags
    assert gold.reported[0].source == "supplier.xlsx" and gold.reported[0].row == 5


def test_a_bad_file_is_reported_and_the_batch_goes_on(reference: SmelterReference, tmp_path: Path) -> None:
    good = write_cmrt(
        tmp_path / "good.xlsx", smelters=[SmelterRow(metal="Gold", lookup="Fictional Bullion AG")]
    )
    (tmp_path / "broken.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    (tmp_path / "notes.txt").write_text("not a workbook")
    result = classify_smelters([tmp_path], reference)
    assert [f.smelter_id for f in result.facilities] == ["CID900002"]
    assert [(Path(f.source).name, f.kind) for f in result.failures] == [("broken.xlsx", "CorruptFileError")]
    assert good.exists()


@pytest.mark.parametrize("call", ["classify_smelters", "survey"])
def test_a_path_that_does_not_exist_is_an_error_before_any_work(
    call: str, reference: SmelterReference, tmp_path: Path
) -> None:
    """A mistyped folder is not an empty survey (it was: 0 facilities, no error)."""
    write_cmrt(tmp_path / "good.xlsx", smelters=[SmelterRow(metal="Gold", lookup="Fictional Bullion AG")])
    run = getattr(cmrt, call)
    with pytest.raises(cmrt.FileMissingError, match="responses-2025"):
        run([tmp_path, tmp_path / "responses-2025"], reference)
    with pytest.raises(FileNotFoundError):  # the same error, for code that catches the builtin
        run(tmp_path / "responses-2025", reference)


@pytest.mark.parametrize("as_of", ["2025-12-31", dt.datetime(2025, 12, 31, 17, 30), dt.date(2025, 12, 31)])
def test_as_of_takes_dates_datetimes_and_iso_strings(as_of: object, reference: SmelterReference) -> None:
    result = classify_smelters([{"metal": "Gold", "smelter_id": "CID900001"}], reference, as_of=as_of)
    assert result.as_of == dt.date(2025, 12, 31)


@pytest.mark.parametrize(
    ("as_of", "error", "message"),
    [(20251231, TypeError, "not int"), ("31/12/2025", ValueError, "'31/12/2025'"), (1.5, TypeError, "float")],
)
def test_a_wrong_as_of_is_refused_at_the_call(
    as_of: object, error: type[Exception], message: str, reference: SmelterReference
) -> None:
    for run in (cmrt.classify_smelters, cmrt.survey):
        with pytest.raises(error, match=message):
            run([{"metal": "Gold", "smelter_id": "CID900001"}], reference, as_of=as_of)


@pytest.mark.parametrize("jobs", [0, -3, 1.5, "2"])
def test_jobs_must_be_a_positive_whole_number(jobs: object, reference: SmelterReference) -> None:
    with pytest.raises(ValueError, match="jobs must be"):
        cmrt.survey([], reference, jobs=jobs)


def test_wrong_input_type_is_a_clear_error(reference: SmelterReference) -> None:
    with pytest.raises(TypeError, match="cannot classify int"):
        classify_smelters([42], reference)


def test_summary_records_and_dataframe(reference: SmelterReference) -> None:
    rows = [
        {"metal": "Gold", "smelter_id": "CID900001"},
        {"metal": "Tin", "smelter_id": "CID900203"},
        {"metal": "Tungsten", "smelter_id": "CID900303"},
    ]
    result = classify_smelters(rows, reference)
    summary = result.summary()
    assert summary.headline == "3 facilities: 1 compliant, 1 active, 1 indeterminable; 1 in a Covered Country"
    assert summary.by_metal["Tin"][Status.ACTIVE] == 1 and list(summary.by_metal) == [
        "Tin",
        "Gold",
        "Tungsten",
    ]
    records = result.to_records()
    assert list(records[0]) == list(cmrt.classification.RECORD_FIELDS)
    assert records[-1]["flags"] == ["covered_country"] and records[-1]["country_code"] == "RW"
    pandas = pytest.importorskip("pandas")
    frame = result.to_dataframe()
    assert isinstance(frame, pandas.DataFrame) and frame.shape == (3, len(cmrt.classification.RECORD_FIELDS))
    again = classify_smelters(
        frame.rename(columns={"status": "x"})[["metal", "smelter_id", "name"]], reference
    )
    assert [f.smelter_id for f in again.facilities] == [f.smelter_id for f in result.facilities]


def test_reference_may_be_given_as_files(tmp_path: Path) -> None:
    _reference(tmp_path)
    result = classify_smelters(
        [{"metal": "Gold", "smelter_id": "CID900001"}], [tmp_path / "lookup.csv", tmp_path / "rmi_list.csv"]
    )
    assert result.facilities[0].status is Status.COMPLIANT


def test_a_row_with_an_id_but_no_metal_is_still_a_facility(reference: SmelterReference) -> None:
    """An ID typed in the 6.x input column that the template's look-up lacks leaves the metal #N/A."""
    known = _one([{"smelter_id": "CID900001"}], reference)  # the reference knows the ID's one metal
    assert (known.metal, known.status) == ("Gold", Status.COMPLIANT)
    unknown = classify_smelters([{"smelter_id": "CID555555"}, {"metal": "Tin", "name": "Unknown"}], reference)
    assert [(f.metal, f.smelter_id) for f in unknown.facilities] == [("", "CID555555")]
    assert unknown.facilities[0].flags == {RiskFlag.UNIDENTIFIED}
    assert unknown.placeholders == 1  # "Unknown" typed as a name names no facility


def test_two_files_of_one_company_are_counted_apart(reference: SmelterReference, tmp_path: Path) -> None:
    """Suppliers often send one CMRT per division under one company name: counts stay per file, and a
    survey's responses count a name typed as "Unknown" as the classification does (a placeholder)."""
    one = write_cmrt(
        tmp_path / "division_a.xlsx",
        declaration={"company_name": "Same Co."},
        smelters=[SmelterRow(metal="Gold", lookup="Smelter not listed", name="Unknown", country="Japan")],
    )
    two = write_cmrt(
        tmp_path / "division_b.xlsx",
        declaration={"company_name": "Same Co."},
        smelters=[SmelterRow(metal="Gold", lookup="Fictional Bullion AG")],
    )
    result = cmrt.survey([one, two], reference)
    counted = [(s.supplier, s.source, s.rows, s.placeholders) for s in result.classification.suppliers]
    assert counted == [("Same Co.", "division_a.xlsx", 0, 1), ("Same Co.", "division_b.xlsx", 1, 0)]
    assert [(r.smelter_rows, r.placeholders) for r in result.responses] == [(0, 1), (1, 0)]


MINERALS_LOOKUP = """Metal,Smelter Look-up,Standard Smelter Name,Country,Smelter ID
Cobalt,Example Cobalt Refinery SARL,Example Cobalt Refinery SARL,"CONGO, DEMOCRATIC REPUBLIC OF THE",CID990001
Cobalt,Sample Cobalt Chemicals Ltd.,Sample Cobalt Chemicals Ltd.,CHINA,CID990002
Cobalt,Mock Cobalt Works,Mock Cobalt Works,FINLAND,CID990003
Mica,Illustrative Mica Processors,Illustrative Mica Processors,INDIA,CID990101
Mica,Demo Mica Mills,Demo Mica Mills,MADAGASCAR,CID990102
Nickel,Example Cobalt Refinery SARL,Example Nickel Line,"CONGO, DEMOCRATIC REPUBLIC OF THE",CID990201
"""
RMAP_LIST = """METAL,SMELTER ID,STANDARD SMELTER NAME,COUNTRY LOCATION,Assessment Status
Cobalt,CID990001,Example Cobalt Refinery SARL,"CONGO, DEMOCRATIC REPUBLIC OF THE",Conformant
Cobalt,CID990002,Sample Cobalt Chemicals Ltd.,CHINA,Communication Suspended
Cobalt,CID990003,Mock Cobalt Works,FINLAND,Outreach Required
Mica,CID990101,Illustrative Mica Processors,INDIA,Due Diligence Review – Unable to Proceed
Mica,CID990102,Demo Mica Mills,MADAGASCAR,Active
Nickel,CID990201,Example Nickel Line,"CONGO, DEMOCRATIC REPUBLIC OF THE",In Communication
"""


def test_every_mineral_is_classified_from_rmap_statuses_as_lists_print_them(tmp_path: Path) -> None:
    (tmp_path / "lookup.csv").write_text(MINERALS_LOOKUP, encoding="utf-8")
    (tmp_path / "rmap.csv").write_text(RMAP_LIST, encoding="utf-8")
    reference = SmelterReference.from_files(tmp_path / "lookup.csv", tmp_path / "rmap.csv")
    rows = [
        {"metal": "Cobalt", "name": "Example Cobalt Refinery SARL", "country": "DRC"},
        {"metal": "Cobalt", "smelter_id": "CID990002"},
        {"metal": "Cobalt", "name": "Mock Cobalt Works", "country": "Finland"},
        {"metal": "Mica", "name": "Illustrative Mica Processors", "country": "India"},
        {"metal": "Mica", "name": "Demo Mica Mills", "country": "Madagascar", "mine_countries": "DRC"},
        {
            "metal": "Nickel",
            "name": "Example Cobalt Refinery SARL",
            "country": "DRC",
        },  # never across minerals
    ]
    result = classify_smelters(rows, reference, cahra=["CD"])
    by_id = {f.smelter_id: f for f in result.facilities}
    assert {i: (f.metal, f.status, f.list_status) for i, f in by_id.items()} == {
        "CID990001": ("Cobalt", Status.COMPLIANT, "Conformant"),
        "CID990002": ("Cobalt", Status.INDETERMINABLE, "Communication Suspended"),
        "CID990003": ("Cobalt", Status.INDETERMINABLE, "Outreach Required"),
        "CID990101": ("Mica", Status.INDETERMINABLE, "Due Diligence Review – Unable to Proceed"),
        "CID990102": ("Mica", Status.ACTIVE, "Active"),
        "CID990201": ("Nickel", Status.INDETERMINABLE, "In Communication"),
    }
    failed = {i for i, f in by_id.items() if RiskFlag.NON_CONFORMANT in f.flags}
    assert failed == {"CID990002", "CID990101"}
    # The SEC's Covered Countries are a 3TG notion; the CAHRA list is the geographic test for the rest.
    assert not any(
        {RiskFlag.COVERED_COUNTRY, RiskFlag.MINE_IN_COVERED_COUNTRY} & f.flags for f in by_id.values()
    )
    assert {i for i, f in by_id.items() if RiskFlag.CAHRA in f.flags} == {
        "CID990001",
        "CID990102",
        "CID990201",
    }


def test_a_survey_of_plain_rows_is_refused_not_dropped(reference: SmelterReference) -> None:
    with pytest.raises(TypeError, match="classify_smelters"):
        cmrt.survey([{"metal": "Gold", "smelter_id": "CID900001"}], reference)


TEMPLATE_HEADERS = {  # a Smelter List read into a DataFrame, as pandas.read_excel gives it
    "Metal": "Gold", "Smelter Look-up": "Smelter not listed", "Smelter Name": "Fictional Bullion",
    "Smelter Country": "Germany", "Smelter Identification": None,
}  # fmt: skip
RMI_LIST_HEADERS = {"METAL": "Tin", "SMELTER ID": "CID900201", "STANDARD SMELTER NAME": "x", "COUNTRY": ""}


@pytest.mark.parametrize(
    "row", [TEMPLATE_HEADERS, RMI_LIST_HEADERS, {"metal (*)": "Gold", "SMELTER_NAME": "EGR Refining"}]
)
def test_rows_take_the_templates_and_the_lists_column_names(row: dict, reference: SmelterReference) -> None:
    pandas = pytest.importorskip("pandas")
    for source in ([row], pandas.DataFrame([row])):
        result = classify_smelters(source, reference)
        assert [f.is_identified for f in result.facilities] == [True], source
    assert reference.resolve_many([row])[0].facility is not None


def test_rows_without_usable_columns_are_an_error_naming_them(reference: SmelterReference) -> None:
    rows = [{"Metall": "Gold", "Schmelzhütte": "Fictional Bullion AG"}]
    for run in (lambda: classify_smelters(rows, reference), lambda: reference.resolve_many(rows)):
        with pytest.raises(cmrt.ColumnsError, match="Metall.*lack metal and name and smelter_id"):
            run()
    assert classify_smelters([], reference).facilities == ()  # nothing given is not an error


def test_a_smelter_id_typed_as_the_name_is_that_id(reference: SmelterReference) -> None:
    result = classify_smelters([{"metal": "Gold", "name": "cid 900002"}], reference)
    assert [(f.smelter_id, f.name) for f in result.facilities] == [("CID900002", "Fictional Bullion AG")]
    report = cmrt.read(
        build_cmrt(
            smelters=[SmelterRow(metal="Gold", lookup="Smelter not listed", name="CID900002", country="DE")]
        )
    )
    typed = classify_smelters(report, reference).facilities
    assert [(f.smelter_id, f.status) for f in typed] == [("CID900002", Status.COMPLIANT)]


def test_needs_attention_lists_every_case_grouped(tmp_path: Path) -> None:
    (tmp_path / "history.csv").write_text(HISTORY + "Gold,CID900001,Example Gold Refinery Ltd.,JAPAN,Removed,"
                                          "Merged,2024-09-01\n", encoding="utf-8")  # fmt: skip
    (tmp_path / "lookup.csv").write_text(LOOKUP_CSV, encoding="utf-8")
    (tmp_path / "rmi_list.csv").write_text(RMI_LIST, encoding="utf-8")
    reference = SmelterReference.from_files(
        *(tmp_path / n for n in ("lookup.csv", "rmi_list.csv", "history.csv"))
    )
    rows = [
        {"metal": "Gold", "smelter_id": "CID900001", "supplier": "A"},  # conformant, yet removed
        {"metal": "Tantalum", "smelter_id": "CID900102", "supplier": "A"},  # removed
        {"metal": "Tungsten", "smelter_id": "CID900302", "supplier": "A"},  # non-conformant
        {"metal": "Tin", "name": "Nowhere Tin Works", "country": "Peru", "supplier": "A"},
        {"metal": "Tin", "name": "NOWHERE TIN WORKS", "country": "Peru", "supplier": "B"},  # two suppliers
        {"metal": "Tin", "name": "Lonely Tin Works", "country": "Peru", "supplier": "B"},  # one: not listed
    ]
    summary = classify_smelters(rows, reference).summary()
    groups = {key: [f.smelter_id or f.name for f in found] for key, found in summary.needs_attention.items()}
    assert groups == {
        "non_conformant": ["CID900302"],
        "status_conflict": ["CID900001"],
        "removed": ["CID900102"],
        "unidentified_shared": ["Nowhere Tin Works"],
    }
    assert list(summary.needs_attention) == [k for k in cmrt.classification.ATTENTION_TITLES if k in groups]


def test_lists_far_older_than_as_of_are_a_warning_and_overdue_audits_are_counted(
    reference: SmelterReference,
) -> None:
    rows = [{"metal": "Gold", "smelter_id": "CID900001"}, {"metal": "Gold", "smelter_id": "CID900002"}]
    fresh = classify_smelters(rows, reference, as_of="2024-08-01")
    assert fresh.problems == () and fresh.summary().audit_overdue == ()
    stale = classify_smelters(rows, reference, as_of="2026-06-30")
    assert [(p.code, p.severity) for p in stale.problems] == [("lists-outdated", cmrt.Severity.WARNING)]
    assert "2024-05-10" in stale.problems[0].message and "2026-06-30" in stale.problems[0].message
    assert [f.smelter_id for f in stale.summary().audit_overdue] == ["CID900001", "CID900002"]


def test_pandas_missing_values_and_look_up_placeholders_are_no_names(reference: SmelterReference) -> None:
    pandas = pytest.importorskip("pandas")
    from cmrt.identity.columns import field_reader

    for missing in (pandas.NA, pandas.NaT, float("nan"), None):
        assert field_reader({"name": missing, "Smelter Look-up": "EGR Refining"})("name") == "EGR Refining"
    row = {"Metal": "Tin", "Smelter Look-up (*)": "Smelter not listed", "Smelter Name": None}
    assert field_reader(row)("name") is None
    frame = pandas.DataFrame([{"Metal": "Gold", "Smelter Name": "Fictional Bullion AG"}]).convert_dtypes()
    assert [f.smelter_id for f in classify_smelters(frame, reference).facilities] == ["CID900002"]
