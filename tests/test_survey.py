"""The survey roll-up end to end: the 318-facility acceptance survey (from shared RMI data, built at test
time), the process pool, and the bundled example survey."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import attrs
import pytest
from acceptance_survey import TOTAL, SurveyFiles, build_survey, reference_files
from conftest import REFERENCE, needs_shared

import cmrt
from cmrt import RiskFlag, SmelterReference, Status
from cmrt.testing import example_survey


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> SurveyFiles:
    if not REFERENCE.is_dir():
        pytest.skip(f"shared reference data not found at {REFERENCE} (set CMRT_SHARED)")
    return build_survey(REFERENCE, tmp_path_factory.mktemp("survey"))


@pytest.fixture(scope="module")
def reference(files: SurveyFiles) -> SmelterReference:
    return SmelterReference.from_files(*reference_files(REFERENCE))


@pytest.fixture(scope="module")
def result(files: SurveyFiles, reference: SmelterReference) -> cmrt.Survey:
    return cmrt.survey(files.paths, reference, jobs=1)


@needs_shared
def test_the_suppliers_fill_their_templates_as_suppliers_do(result: cmrt.Survey) -> None:
    shapes = {Path(r.source or "").name: (r.version, r.language) for r in result.responses}
    assert shapes["S1_CMRT_3.01.xls"] == ("3.01", "English")
    assert shapes["S4_CMRT_6.22.xlsx"] == ("6.22", "Chinese")
    assert {v for v, _ in shapes.values()} == {"3.01", "6.01", "6.1", "6.22", "6.31", "6.4", "6.5"}
    assert not result.failures and len(result.responses) == 7


@needs_shared
def test_exactly_the_318_facilities_with_their_ids_and_2023_statuses(
    files: SurveyFiles, result: cmrt.Survey
) -> None:
    facilities = result.classification.facilities
    assert len(facilities) == TOTAL
    found = {(f.metal, f.smelter_id): f for f in facilities}
    assert set(found) == set(files.truth)
    wrong = {
        k: (f.status.value, files.truth[k].status)
        for k, f in found.items()
        if f.status.value != files.truth[k].status
    }
    assert wrong == {}
    expected = Counter(t.status for t in files.truth.values())
    summary = result.summary()
    assert {s.value: n for s, n in summary.by_status.items()} == dict(expected)
    assert summary.headline == (
        f"318 facilities: {expected['Compliant']} compliant, {expected['Active']} active, "
        f"{expected['Indeterminable']} indeterminable; 1 in a Covered Country"
    )
    assert not summary.unidentified
    assert len(summary.needs_review) <= 3  # hand-typed names the resolver will not take on its own


@needs_shared
@pytest.mark.parametrize("seed", [1, 2])
def test_318_facilities_even_with_a_typo_in_every_hand_typed_name(
    seed: int, reference: SmelterReference, tmp_path: Path
) -> None:
    files = build_survey(REFERENCE, tmp_path, typo_seed=seed)
    result = cmrt.classify_smelters(files.paths, reference)
    found = {(f.metal, f.smelter_id): f.status.value for f in result.facilities}
    assert found == {key: truth.status for key, truth in files.truth.items()}


@needs_shared
def test_the_zambia_refinery_and_the_drc_mine_are_flagged(files: SurveyFiles, result: cmrt.Survey) -> None:
    summary = result.summary()
    assert [(f.metal, f.smelter_id) for f in summary.covered_country] == [files.zambia]
    zambia = summary.covered_country[0]
    assert zambia.country is not None and zambia.country.name == "ZAMBIA"
    assert zambia.status is Status.INDETERMINABLE and RiskFlag.REMOVED_FROM_RMI_LIST in zambia.flags
    assert [(f.metal, f.smelter_id) for f in summary.mine_in_covered_country] == [files.drc_mine]


@needs_shared
def test_placeholders_are_counted_per_supplier_not_as_facilities(
    files: SurveyFiles, result: cmrt.Survey
) -> None:
    counted = {s.supplier: s.placeholders for s in result.classification.suppliers if s.placeholders}
    assert counted == files.placeholders
    assert {r.company: r.placeholders for r in result.responses if r.placeholders} == files.placeholders
    assert result.response_counts()["placeholder_rows"] == sum(files.placeholders.values())
    assert not any("not yet identified" in f.name.lower() for f in result.classification.facilities)


@needs_shared
def test_every_reference_file_at_once_gives_the_same_answer(files: SurveyFiles, result: cmrt.Survey) -> None:
    """Loading everything, CFSI 2014 lists included, must not change a status: old lists are superseded."""
    everything = [
        p for p in sorted(REFERENCE.iterdir()) if p.suffix in (".csv", ".xlsx") and "countr" not in p.name
    ]
    wide = cmrt.classify_smelters(files.paths, everything)
    assert "cfsi_compliant_smelters_2014_ddm.csv" in {s.file for s in wide.superseded_lists}
    assert [(f.metal, f.smelter_id, f.status) for f in wide.facilities] == [
        (f.metal, f.smelter_id, f.status) for f in result.classification.facilities
    ]


@needs_shared
def test_a_process_pool_gives_the_same_survey_and_reports_progress(
    files: SurveyFiles, reference: SmelterReference, result: cmrt.Survey, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    seen: list[tuple[int, int]] = []
    pooled = cmrt.survey(
        [*files.paths, broken], reference, jobs=2, progress=lambda done, total, _: seen.append((done, total))
    )
    assert pooled.classification.facilities == result.classification.facilities
    assert [Path(f.source).name for f in pooled.failures] == ["broken.xlsx"]
    assert seen[-1] == (8, 8) and len(seen) == 8
    assert pooled.response_counts()["unreadable"] == 1 and "1 unreadable" in pooled.headline


@needs_shared
def test_cahra_list_from_the_real_eu_json(files: SurveyFiles, reference: SmelterReference) -> None:
    cahra = cmrt.CahraList.from_file(REFERENCE / "eu_cahra_list_2026-06_dpp-lint.json")
    assert len(cahra) == 29 and "Burundi" in cahra and cahra.version and "June 2026" in cahra.version
    mexico = cmrt.normalize_country("Mexico")
    assert cahra.assess(mexico, "Guerrero") and cahra.assess(mexico, "Sonora") is None
    assert "region is not known" in (cahra.assess(mexico) or "")
    result = cmrt.classify_smelters(files.paths, reference, cahra=cahra, as_of=dt.date(2023, 6, 30))
    flagged = {(f.metal, f.smelter_id) for f in result.summary().cahra}
    assert files.drc_mine in flagged  # its mine is in the DRC, a country with CAHRA regions
    for facility in result.summary().cahra:
        assert any(note.startswith("cahra:") for note in facility.notes)


def test_the_bundled_example_survey_is_current_and_marked_illustrative() -> None:
    shipped = cmrt.example_survey_path()
    for name, data in example_survey().items():
        path = shipped / name
        assert path.is_file(), f"{name} missing: run tools/build_example.py"
        if name.endswith(".csv"):
            assert path.read_bytes() == data, "run tools/build_example.py"
            assert path.read_text(encoding="utf-8").startswith('"ILLUSTRATIVE DATA'), name
        else:
            current = attrs.evolve(cmrt.read(data), source=path.name)
            assert cmrt.read(path) == current, f"{name}: run tools/build_example.py"


def test_the_example_survey_end_to_end() -> None:
    example = cmrt.example_survey_path()
    result = cmrt.survey(
        example / "suppliers", sorted((example / "reference").iterdir()), as_of=dt.date(2025, 6, 30)
    )
    counts = result.response_counts()
    assert (counts["read"], counts["complete"], counts["placeholder_rows"]) == (5, 4, 3)
    assert (counts["cmrt_files"], counts["emrt_files"], counts["suppliers"]) == (4, 1, 4)
    assert counts["declare_no_covered_country_sourcing"] == 2
    summary = result.summary()
    assert summary.headline == (
        "3TG: 13 facilities: 5 compliant, 2 active, 6 indeterminable; 1 in a Covered Country; "
        "other minerals (Cobalt, Mica): 4 facilities: 1 compliant, 1 active, 2 indeterminable"
    )
    rwanda = summary.covered_country[0]
    assert rwanda.smelter_id == "CID900303" and RiskFlag.MINE_IN_COVERED_COUNTRY in rwanda.flags
    annex = result.annex("3TG")
    assert annex[0] == {
        "metal": "Tantalum",
        "name": "Demo Tantalum Smelting GmbH",
        "country": "GERMANY",
        "status": "Indeterminable",
    }
    assert len(annex) == 13
    assert [(row["metal"], row["status"]) for row in result.annex("other")] == [
        ("Cobalt", "Compliant"),
        ("Cobalt", "Active"),
        ("Mica", "Indeterminable"),
        ("Mica", "Indeterminable"),
    ]


def test_the_example_survey_keeps_a_suppliers_cmrt_and_emrt_together() -> None:
    example = cmrt.example_survey_path()
    result = cmrt.survey(example / "suppliers", sorted((example / "reference").iterdir()))
    both = result.by_supplier()["Example Components Ltd."]
    assert sorted((r.template, r.version) for r in both) == [("CMRT", "6.5"), ("EMRT", "2.1")]
    emrt = next(r for r in both if r.template == "EMRT")
    assert emrt.metals_in_scope == ("Cobalt", "Mica") and emrt.cahra == {"Cobalt": "No", "Mica": "No"}
    assert [(m.name, m.country) for m in emrt.mines] == [("Example Hill Mine", "DRC")]
    facilities = {(f.metal, f.smelter_id): f for f in result.classification.facilities}
    drc_cobalt = facilities[("Cobalt", "CID990001")]
    assert drc_cobalt.country is not None and drc_cobalt.country.code == "CD"
    assert RiskFlag.COVERED_COUNTRY not in drc_cobalt.flags  # a Dodd-Frank 3TG notion
    mica = facilities[("Mica", "CID990101")]
    assert mica.status is Status.INDETERMINABLE and RiskFlag.NON_CONFORMANT in mica.flags
    assert result.summary().non_conformant == (mica,)
