"""Smelter identity: reference files recognised by content, names and IDs normalised, rows resolved."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from conftest import REAL, REFERENCE, needs_shared
from hypothesis import given
from hypothesis import strategies as st

import cmrt
from cmrt import Method, SmelterReference, normalize_metal, normalize_name, normalize_smelter_id
from cmrt.testing import SmelterRow, build_cmrt

# -- normalisers ----------------------------------------------------------------------------------------


@given(st.text(max_size=60))
def test_normalize_name_is_idempotent_and_never_raises(text: str) -> None:
    once = normalize_name(text)
    assert normalize_name(once) == once


@given(
    st.lists(
        st.sampled_from(["Tokuriki", "Honten", "Gold", "Refinery", "Metalor", "Mining"]),
        min_size=1,
        max_size=4,
    ),
    st.sampled_from(["", " Co., Ltd.", " Company Limited", " Inc.", " GmbH", " S.A.", " Corporation", " AG"]),
    st.sampled_from([str.upper, str.lower, str.title, lambda s: "  " + s.replace(" ", "   ") + " "]),
)
def test_case_spacing_and_legal_form_never_change_the_key(words, legal, style) -> None:
    name = " ".join(words)
    assert normalize_name(style(name + legal)) == normalize_name(name)


@given(
    st.integers(min_value=1, max_value=999_999),
    st.sampled_from(["CID{:06d}", "CID {:06d}", "cid-{:d}", " CID{:d} ", "CID#{:06d}", "Cid_{:05d}"]),
)
def test_smelter_id_variants_normalise_to_one_form(number: int, template: str) -> None:
    canonical = f"CID{number:06d}"
    assert normalize_smelter_id(template.format(number)) == canonical
    assert normalize_smelter_id(canonical) == canonical


@pytest.mark.parametrize("junk", ["not supplied", "0", "unknown", "n/a", "", None, 0, "CID", "ABC123"])
def test_smelter_id_junk_is_none(junk) -> None:
    assert normalize_smelter_id(junk) is None


# -- a reference made by cmrt.testing (runs without shared/) ----------------------------------------------


@pytest.fixture(scope="module")
def example_reference(tmp_path_factory) -> SmelterReference:
    path = tmp_path_factory.mktemp("ref") / "template.xlsx"
    path.write_bytes(build_cmrt(version="6.5", language="中文 Chinese"))
    return SmelterReference.from_files(path)


def test_a_template_is_recognised_by_its_look_up_sheet(example_reference: SmelterReference) -> None:
    (source,) = example_reference.sources
    assert (source.kind, source.sheet, source.date) == ("template", "Smelter Look-up", dt.date(2025, 4, 25))
    facility = example_reference.get("CID900001", "Gold")
    assert facility.name == "Example Gold Refinery Ltd."
    assert "EGR Refining" in facility.aliases
    assert facility.country.code == "JP"


def test_resolution_methods_on_the_example(example_reference: SmelterReference) -> None:
    ref = example_reference
    assert ref.resolve(metal="Gold", smelter_id="CID 900002").method is Method.ID
    alias = ref.resolve(metal="Gold", name="EGR REFINING", country="Japan")
    assert (alias.method, alias.smelter_id, alias.is_automatic) == (Method.ALIAS, "CID900001", True)
    typo = ref.resolve(metal="Gold", name="Exampel Gold Refinery Ltd", country="JAPAN")
    assert (typo.method, typo.smelter_id, typo.is_automatic) == (Method.FUZZY, "CID900001", True)
    assert ref.resolve(metal="Tin", name="Example Gold Refinery Ltd.").facility is None  # never across metals
    assert ref.resolve(metal="Gold", name="Smelter not yet identified").method is Method.NONE


def test_resolve_many_takes_report_rows_and_mappings(example_reference: SmelterReference) -> None:
    report = cmrt.read(
        build_cmrt(
            smelters=[
                SmelterRow(metal="Gold", lookup="EGR Refining"),
                SmelterRow(
                    metal="Tin",
                    lookup="Smelter not listed",
                    name="Sample Tin Refinery P.T.",
                    country="Indonesia",
                ),
                SmelterRow(metal="Tin", lookup="Smelter not yet identified"),
            ]
        )
    )
    matches = example_reference.resolve_many(report.smelters)
    assert [m.smelter_id for m in matches] == ["CID900001", "CID900202", None]
    rows = [{"metal": "Gold", "name": "Fictional Bullion AG", "country": "DE"}] * 3
    assert [m.method for m in example_reference.resolve_many(rows)] == [Method.NAME] * 3


def test_unrecognised_files_are_clear_errors(tmp_path) -> None:
    text = tmp_path / "notes.csv"
    text.write_text("a,b,c\n1,2,3\n")
    with pytest.raises(cmrt.ReferenceFormatError, match="expected an RMI/CFSI reporting template"):
        SmelterReference.from_files(text)
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0")
    with pytest.raises(cmrt.CmrtError):
        SmelterReference.from_files(binary)
    with pytest.raises(ValueError):
        SmelterReference.from_files()


# -- the real reference files ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_reference() -> SmelterReference:
    if not REFERENCE.is_dir():
        pytest.skip(f"reference lists not found at {REFERENCE}")
    return SmelterReference.from_files(
        REFERENCE / "RMI_CMRT_6.5_template.xlsx",
        REAL / "RMI_CMRT_6.01.xlsx",
        REFERENCE / "rmi_conformant_2023.csv",
        REFERENCE / "rmi_active_2023.csv",
        REFERENCE / "rmi_srl_revision_history_2023.csv",
        REFERENCE / "cfsi_cmrt_v2_to_v3_smelter_ids_2014_ddm.csv",
        REFERENCE / "cfsi_smelter_references_keyterms_2014_ddm.csv",
        REFERENCE / "cfsi_compliant_smelters_2014_ddm.csv",
        REFERENCE / "rmi_facility_lists_2023_cmrt_backend.xlsx",
        REAL / "CFSI_CMRT_3.01_filled.xls",
    )


@needs_shared
def test_every_kind_of_real_file_is_recognised(real_reference: SmelterReference) -> None:
    kinds = {(s.file, s.kind) for s in real_reference.sources}
    assert ("RMI_CMRT_6.5_template.xlsx", "template") in kinds
    assert ("rmi_conformant_2023.csv", "facility-list") in kinds
    assert ("rmi_srl_revision_history_2023.csv", "revision-history") in kinds
    assert ("cfsi_compliant_smelters_2014_ddm.csv", "facility-list") in kinds
    sheets = {
        s.sheet for s in real_reference.sources if s.file == "rmi_facility_lists_2023_cmrt_backend.xlsx"
    }
    assert {"Conformant", "Active List", "Revisions History of smelters", "Cobalt List"} <= sheets
    assert ("CFSI_CMRT_3.01_filled.xls", "template") in kinds  # encrypted with Excel's default password
    history = next(s for s in real_reference.sources if s.kind == "revision-history")
    assert history.date == dt.date(2023, 1, 20)


@needs_shared
def test_facilities_merge_names_ids_lists_and_history(real_reference: SmelterReference) -> None:
    agosi = real_reference.get("CID000035", "Gold")
    assert agosi.name == "Agosi AG"  # renamed 2022-01-21
    assert "Allgemeine Gold-und Silberscheideanstalt A.G." in agosi.former_names + agosi.aliases
    assert agosi.legacy_ids == ("1DEU001",)
    conformant = [item for item in agosi.listings if item.status == "Conformant"]
    assert conformant and conformant[0].last_audit == dt.date(2019, 8, 15) and conformant[0].lbma
    assert real_reference.get("1DEU001", "Gold") is agosi
    removed = real_reference.get("CID003379", "Tin")
    assert removed is not None and removed.removed_on == dt.date(2022, 2, 8)
    assert real_reference.get("CID000035", "Tin") is None


@needs_shared
def test_resolution_rules_on_real_names(real_reference: SmelterReference) -> None:
    ref = real_reference
    old = ref.resolve(metal="Gold", name="Allgemeine Gold-und Silberscheideanstalt A.G.", country="Germany")
    assert (
        old.smelter_id == "CID000035"
        and old.method in (Method.ALIAS, Method.FORMER_NAME)
        and old.is_automatic
    )
    by_id = ref.resolve(
        metal="Tin", name="Mitsubishi Materials Corp", smelter_id="CID 001191", country="Japan"
    )
    assert (by_id.method, by_id.smelter_id, by_id.needs_review) == (Method.ID, "CID001191", False)
    conflict = ref.resolve(metal="Gold", name="Asahi Pretec Corp.", country="Japan", smelter_id="CID000801")
    assert conflict.method is Method.ID and conflict.needs_review
    assert "id-conflict:name" in conflict.reasons
    assert conflict.candidates and conflict.candidates[0].facility.smelter_id == "CID000082"
    wrong_metal = ref.resolve(metal="Tin", smelter_id="CID000035", name="Agosi AG")
    assert wrong_metal.facility is None or wrong_metal.facility.metal == "Tin"
    assert "id-other-metal" in wrong_metal.reasons
    ambiguous = ref.resolve(metal="Gold", name="Johnson Matthey")
    assert ambiguous.needs_review and "ambiguous-name" in ambiguous.reasons
    usa = ref.resolve(metal="Gold", name="Johnson Matthey Inc", country="USA")
    assert usa.is_automatic and usa.facility.country.code == "US"
    legacy = ref.resolve(metal="Gold", smelter_id="1JPN072")
    assert legacy.smelter_id == "CID000019"
    near = ref.resolve(metal="Gold", name="Tokuriki Hontenn")  # near-identical, no rival: automatic
    assert near.smelter_id == "CID001938" and near.is_automatic
    weaker = ref.resolve(metal="Gold", name="Tokurki Hontn")  # without a country, a weaker one is reviewed
    assert weaker.smelter_id == "CID001938" and weaker.needs_review and "fuzzy-no-country" in weaker.reasons
    typed = ref.resolve(metal="Gold", name="TOKURIKI HONTENN CO LTD", country="Japan")
    assert typed.smelter_id == "CID001938" and typed.is_automatic and typed.method is Method.FUZZY


@needs_shared
@pytest.mark.parametrize(
    "name",
    [
        "RMI_EMRT_1.1.xlsx", "RMI_EMRT_1.11.xlsx", "RMI_EMRT_1.2.xlsx", "RMI_EMRT_2.0.xlsx",
        "RMI_EMRT_2.1.xlsx", "RMI_CRT_2.2.xlsx", "RMI_CRT_2.21.xlsx", "RMI_AMRT_1.3.xlsx",
    ],
)  # fmt: skip
def test_every_newer_template_is_a_reference_with_its_look_up(name: str) -> None:
    """Facilities equal openpyxl's read of the template's Smelter Look-up sheet: (metal, ID) pairs from
    columns A and E below the header row 4 (the blanks are saved with their UI's headers, Chinese here)."""
    sheet = openpyxl.load_workbook(REAL / name, read_only=True, data_only=True)["Smelter Look-up"]
    expected = {
        (normalize_metal(str(row[0])), str(row[4]).strip())
        for row in sheet.iter_rows(min_row=5, max_col=5, values_only=True)
        if row[0] and row[4] and str(row[4]).strip().upper().startswith("CID")
    }
    reference = SmelterReference.from_files(REAL / name)
    assert set(reference.facilities) == expected
    assert [s.kind for s in reference.sources] == ["template"]


@needs_shared
def test_the_cobalt_and_mica_lists_are_references_of_their_own_mineral() -> None:
    reference = SmelterReference.from_files(
        REFERENCE / "rmi_cobalt_refiner_list_2023.csv", REFERENCE / "rmi_mica_processor_list_2023.csv"
    )
    metals = {metal for metal, _ in reference.facilities}
    assert metals == {"Cobalt", "Mica"}
    cobalt = reference.resolve(metal="Cobalt", name="CDM Lubumbashi")
    assert cobalt.smelter_id == "CID003430" and not cobalt.needs_review
    assert reference.resolve(metal="Tin", name="CDM Lubumbashi").facility is None  # never across minerals
