"""What a person sees in a notebook or a shell: short reprs, enums as words, a public namespace only."""

from __future__ import annotations

import cmrt
from cmrt.testing import SmelterRow, build_cmrt

EXAMPLE = cmrt.example_survey_path()


def _survey(**options: object) -> cmrt.Survey:
    return cmrt.survey(EXAMPLE / "suppliers", sorted((EXAMPLE / "reference").iterdir()), **options)


def test_every_public_record_has_a_one_line_repr() -> None:
    result = _survey(as_of="2025-06-30", keep_reports=True)
    classification = result.classification
    facility = classification.facilities[0]
    records = {
        "Survey": result,
        "Classification": classification,
        "Summary": result.summary(),
        "SupplierResponse": result.responses[0],
        "CmrtReport": result.responses[0].report,
        "Facility": facility,
        "ReportedRow": facility.reported[0],
        "Match": facility.match,
        "ReferenceFacility": facility.reference,
        "SmelterReference": cmrt.SmelterReference.from_files(*sorted((EXAMPLE / "reference").iterdir())),
    }
    for name, record in records.items():
        shown = repr(record)
        assert shown.startswith(f"<{name} ") and "\n" not in shown, shown
        assert len(shown) <= 300, (name, len(shown))
        assert " object at 0x" not in shown
    assert "5 supplier responses" in repr(result) and "as of 2025-06-30" in repr(classification)


def test_a_big_report_still_has_a_short_repr() -> None:
    rows = [SmelterRow(metal="Gold", lookup="Smelter not listed", name=f"Refinery {i}", country="Peru")
            for i in range(2000)]  # fmt: skip
    report = cmrt.read(build_cmrt(smelters=rows))
    assert len(repr(report)) < 250 and "2000 smelter rows" in repr(report)


def test_notebooks_get_html_tables_with_everything_escaped() -> None:
    result = _survey()
    page = result._repr_html_()
    assert (
        page.count("<table>") >= 3 and "Example Components Ltd." in page and "Village Mica Collective" in page
    )
    report = cmrt.read(build_cmrt(declaration={"company_name": "<script>alert(1)</script>"}))
    assert "<script>" not in report._repr_html_() and "&lt;script&gt;" in report._repr_html_()


def test_enums_read_as_their_words() -> None:
    summary = _survey().summary()
    assert repr(summary.by_status) == "{'Compliant': 6, 'Active': 3, 'Indeterminable': 8}"
    assert str(cmrt.RiskFlag.CAHRA) == "cahra" and f"{cmrt.Status.ACTIVE:>8}" == "  Active"
    assert cmrt.Status.COMPLIANT == "Compliant" and cmrt.Status("Compliant") is cmrt.Status.COMPLIANT


def test_the_namespace_is_the_public_api() -> None:
    shown = dir(cmrt)
    assert set(shown) == {*cmrt.__all__, "__version__"}
    assert not {"Path", "annotations", "files", "batch", "isolation"} & set(shown)
    for name in cmrt.__all__:
        assert hasattr(cmrt, name), name
    assert callable(cmrt.read) and callable(cmrt.check) and callable(cmrt.survey)


def test_one_of_a_kind_is_singular() -> None:
    one = cmrt.survey(
        EXAMPLE / "suppliers" / "example_components_emrt_2.1.xlsx", sorted((EXAMPLE / "reference").iterdir())
    )
    assert one.headline.startswith(
        "1 supplier response (1 complete); other minerals (Cobalt, Mica): 4 facilities"
    )
    assert "1 supplier responses" not in repr(one)
