"""compare(): last year's survey against this year's, from surveys and from saved survey JSON alike, on
project-made workbooks and reference lists (made-up facilities)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import cmrt
from cmrt import Status
from cmrt.deliverables.compare import (
    COMPARISON_FIELDS,
    SURVEY_SCHEMA,
    Comparison,
    FacilityRecord,
    Snapshot,
    SupplierRecord,
    compare,
    survey_snapshot,
)
from cmrt.rendering import survey_json
from cmrt.testing import EXAMPLE_LOOKUP, SmelterRow, write_cmrt

LOOKUP_CSV = "Metal,Smelter Look-up,Standard Smelter Name,Country,Smelter ID,City\n" + "".join(
    f'{r.metal},"{r.alias}","{r.standard_name}","{r.country}",{r.smelter_id},{r.city}\n'
    for r in EXAMPLE_LOOKUP
)
LIST_HEADER = (
    "Metal,Smelter ID,Standard Smelter Name,Country Location,Last Audit Date,Audit Cycle,LBMA RG,Type\n"
)
LAST_YEAR_LIST = LIST_HEADER + (
    "Gold,CID900001,Example Gold Refinery Ltd.,JAPAN,2024-05-10,1 Year,,Conformant\n"
    "Gold,CID900002,Fictional Bullion AG,GERMANY,2024-01-15,3 Years,Yes,Conformant\n"
    "Tin,CID900203,Mock Tin Metals S.A.,PERU,,,,Active\n"
)
THIS_YEAR_LIST = LIST_HEADER + (  # CID900001 gone from the list, CID900203 now conformant
    "Gold,CID900002,Fictional Bullion AG,GERMANY,2025-01-15,3 Years,Yes,Conformant\n"
    "Tin,CID900203,Mock Tin Metals S.A.,PERU,2025-05-20,1 Year,,Conformant\n"
)

DECLARATION = {
    "company_name": "Acme Parts Ltd.",
    "scope": "A. Company",
    "company_id": "AC-1",
    "company_id_authority": "Example registry",
    "address": "1 Example Road, Sampleton",
    "contact_name": "Alex Example",
    "contact_email": "alex@example.com",
    "contact_phone": "+1 555 0100",
    "authorizer_name": "Sam Example",
    "authorizer_title": "Head of Compliance",
    "authorizer_email": "sam@example.com",
    "effective_date": dt.date(2025, 3, 15),
}
COMPANY_ANSWERS = {letter: "Yes" for letter in "ABCDFG"} | {
    "E": "Yes, in conformance with IPC1755 (e.g., CMRT)",
    "H": "No",
}
SAMPLE_TIN_WORKS = SmelterRow(
    metal="Tin", lookup="Smelter not listed", name="Sample Tin Works", country="BOLIVIA"
)


def _answers(in_scope: tuple[str, ...]) -> dict[tuple[str, str], object]:
    answers: dict[tuple[str, str], object] = {
        ("1", m): "Yes" if m in in_scope else "No" for m in ("Tantalum", "Tin", "Gold", "Tungsten")
    }
    for m in in_scope:
        answers |= {("2", m): "Yes", ("6", m): "100%"}
        answers |= {(q, m): "No" for q in ("3", "4", "5")} | {(q, m): "Yes" for q in ("7", "8")}
    return answers


def _acme(path: Path, in_scope: tuple[str, ...], smelters: list[SmelterRow]) -> None:
    write_cmrt(
        path,
        declaration=DECLARATION,
        answers=_answers(in_scope),
        company_answers=COMPANY_ANSWERS,
        smelters=smelters,
    )


@pytest.fixture(scope="module")
def last_year(tmp_path_factory: pytest.TempPathFactory) -> cmrt.Survey:
    folder = tmp_path_factory.mktemp("2024")
    suppliers = folder / "suppliers"
    suppliers.mkdir()
    _acme(
        suppliers / "acme.xlsx",
        ("Tin", "Gold"),
        [
            SmelterRow(metal="Gold", lookup="Fictional Bullion AG"),
            SmelterRow(metal="Tin", lookup="Mock Tin Metals S.A."),
            SAMPLE_TIN_WORKS,
        ],
    )
    write_cmrt(  # Beta leaves nearly the whole declaration empty
        suppliers / "beta.xlsx",
        declaration={"company_name": "Beta Boards Inc."},
        answers={("1", "Gold"): "Yes"},
        smelters=[SmelterRow(metal="Gold", lookup="Example Gold Refinery Ltd.")],
    )
    return _reference_survey(folder, LAST_YEAR_LIST, "2024-06-30")


@pytest.fixture(scope="module")
def this_year(tmp_path_factory: pytest.TempPathFactory) -> cmrt.Survey:
    folder = tmp_path_factory.mktemp("2025")
    suppliers = folder / "suppliers"
    suppliers.mkdir()
    _acme(
        suppliers / "acme.xlsx",
        ("Tin", "Tungsten"),
        [
            SmelterRow(metal="Tin", lookup="Mock Tin Metals S.A."),
            SAMPLE_TIN_WORKS,
            SmelterRow(smelter_id_input="CID900302"),  # Fictitious Wolfram Industries, new this year
        ],
    )
    write_cmrt(  # Beta fills in its declaration this year
        suppliers / "beta.xlsx",
        declaration={**DECLARATION, "company_name": "Beta Boards Inc."},
        answers=_answers(("Gold",)),
        smelters=[SmelterRow(metal="Gold", lookup="Example Gold Refinery Ltd.")],
    )
    return _reference_survey(folder, THIS_YEAR_LIST, "2025-06-30")


def _reference_survey(folder: Path, status_list: str, as_of: str) -> cmrt.Survey:
    (folder / "lookup.csv").write_text(LOOKUP_CSV, encoding="utf-8")
    (folder / "rmi_list.csv").write_text(status_list, encoding="utf-8")
    return cmrt.survey(
        folder / "suppliers", [folder / "lookup.csv", folder / "rmi_list.csv"], as_of=as_of, jobs=1
    )


def _saved(survey: cmrt.Survey) -> dict[str, object]:
    return json.loads(json.dumps(survey_json(survey)))


def _ids(records: tuple[FacilityRecord, ...]) -> list[tuple[str, str | None]]:
    return [(f.metal, f.smelter_id) for f in records]


def test_last_year_against_this_year(last_year: cmrt.Survey, this_year: cmrt.Survey) -> None:
    c = compare(last_year, this_year)
    assert _ids(c.added) == [("Tungsten", "CID900302")]
    assert c.added[0].name == "Fictitious Wolfram Industries" and c.added[0].status is Status.INDETERMINABLE
    assert _ids(c.dropped) == [("Gold", "CID900002")]
    assert c.dropped[0].status is Status.COMPLIANT
    changes = {c.facility.smelter_id: (c.old, c.new) for c in c.status_changes}
    assert changes == {
        "CID900203": (Status.ACTIVE, Status.COMPLIANT),
        "CID900001": (Status.COMPLIANT, Status.INDETERMINABLE),
    }
    # the unidentified facility, keyed by metal, name and country, is the same one both years
    assert not [f for f in (*c.added, *c.dropped) if f.name == "Sample Tin Works"]
    [beta] = c.suppliers_better
    assert (beta.company, beta.measure) == ("Beta Boards Inc.", "errors")
    assert beta.new < beta.old and beta.better
    assert c.suppliers_worse == ()
    assert (c.previous_as_of, c.current_as_of) == (dt.date(2024, 6, 30), dt.date(2025, 6, 30))
    assert c.headline == (
        "Since 2024-06-30: 1 facility added, 1 dropped, 2 changed status (1 to Compliant, "
        "1 from Compliant); 1 supplier answered better, 0 worse"
    )
    assert str(c) == c.headline
    assert repr(c) == (
        "<Comparison 2024-06-30 -> 2025-06-30: 1 added, 1 dropped, 2 changed; suppliers 1 better, 0 worse>"
    )
    assert not c.is_empty


def test_by_metal_counts_changes_and_both_years_totals(
    last_year: cmrt.Survey, this_year: cmrt.Survey
) -> None:
    by_metal = compare(last_year, this_year).by_metal
    assert list(by_metal) == ["Tin", "Gold", "Tungsten"]  # 3TG order, as the survey's summary has it
    gold, tin, tungsten = by_metal["Gold"], by_metal["Tin"], by_metal["Tungsten"]
    assert (gold.added, gold.dropped, gold.changed) == (0, 1, 1)
    assert gold.old == {Status.COMPLIANT: 2, Status.ACTIVE: 0, Status.INDETERMINABLE: 0}
    assert gold.new == {Status.COMPLIANT: 0, Status.ACTIVE: 0, Status.INDETERMINABLE: 1}
    assert (tin.added, tin.dropped, tin.changed) == (0, 0, 1)
    assert tin.old == {Status.COMPLIANT: 0, Status.ACTIVE: 1, Status.INDETERMINABLE: 1}
    assert tin.new == {Status.COMPLIANT: 1, Status.ACTIVE: 0, Status.INDETERMINABLE: 1}
    assert (tungsten.added, tungsten.dropped, tungsten.changed) == (1, 0, 0)
    assert tungsten.old == dict.fromkeys(Status, 0)


def test_to_records_one_plain_dict_per_change(last_year: cmrt.Survey, this_year: cmrt.Survey) -> None:
    records = compare(last_year, this_year).to_records()
    assert all(tuple(r) == COMPARISON_FIELDS for r in records)
    assert [(r["kind"], r["smelter_id"], r["old_status"], r["new_status"]) for r in records] == [
        ("added", "CID900302", None, "Indeterminable"),
        ("dropped", "CID900002", "Compliant", None),
        ("status-changed", "CID900203", "Active", "Compliant"),
        ("status-changed", "CID900001", "Compliant", "Indeterminable"),
    ]
    assert records[1] == {
        "kind": "dropped",
        "metal": "Gold",
        "smelter_id": "CID900002",
        "name": "Fictional Bullion AG",
        "country": "GERMANY",
        "old_status": "Compliant",
        "new_status": None,
    }
    assert json.loads(json.dumps(records)) == records  # plain: strings and None only


def test_the_other_way_round_swaps_added_and_dropped(last_year: cmrt.Survey, this_year: cmrt.Survey) -> None:
    c = compare(this_year, last_year)
    assert _ids(c.added) == [("Gold", "CID900002")] and _ids(c.dropped) == [("Tungsten", "CID900302")]
    assert [(x.company, x.measure) for x in c.suppliers_worse] == [("Beta Boards Inc.", "errors")]
    assert c.headline.startswith("Since 2025-06-30: 1 facility added, 1 dropped, 2 changed status")
    assert c.headline.endswith("; 0 suppliers answered better, 1 worse")


def test_a_survey_and_its_saved_json_are_the_same(last_year: cmrt.Survey, this_year: cmrt.Survey) -> None:
    saved = _saved(this_year)
    assert survey_snapshot(saved) == survey_snapshot(this_year)
    c = compare(this_year, saved)
    assert c.is_empty and c.to_records() == []
    assert c.headline == (
        "Since 2025-06-30: 0 facilities added, 0 dropped, 0 changed status; "
        "0 suppliers answered better, 0 worse"
    )
    # and last year's JSON compares with this year's survey as last year's survey does
    assert compare(_saved(last_year), this_year).to_records() == compare(last_year, this_year).to_records()


def test_saved_json_from_a_file_path_or_as_text(
    tmp_path: Path, last_year: cmrt.Survey, this_year: cmrt.Survey
) -> None:
    path = tmp_path / "survey-2024.json"
    path.write_text(json.dumps(survey_json(last_year), indent=2), encoding="utf-8")
    expected = compare(last_year, this_year)
    for given in (path, str(path), path.read_text(encoding="utf-8")):
        c = compare(given, this_year)
        assert c.to_records() == expected.to_records()
        assert c.suppliers_better == expected.suppliers_better
        assert c.previous_as_of == dt.date(2024, 6, 30)
    snapshot = survey_snapshot(path)
    assert snapshot.headline == last_year.headline
    assert [s.company for s in snapshot.suppliers] == ["Acme Parts Ltd.", "Beta Boards Inc."]


def test_a_json_of_another_or_no_schema_is_refused_with_what_was_found(this_year: cmrt.Survey) -> None:
    assert SURVEY_SCHEMA == cmrt.rendering.SURVEY_SCHEMA
    saved = _saved(this_year)
    with pytest.raises(ValueError, match=r"has schema 'cmrt-survey/2'.*compares 'cmrt-survey/1' only"):
        compare(saved | {"schema": "cmrt-survey/2"}, this_year)
    with pytest.raises(ValueError, match=r"no 'schema' \(expected 'cmrt-survey/1'"):
        survey_snapshot({k: v for k, v in saved.items() if k != "schema"})
    with pytest.raises(ValueError, match=r"a JSON array, not an object"):
        survey_snapshot("[1, 2]")
    with pytest.raises(ValueError, match=r"not valid JSON"):
        survey_snapshot("{not json")
    broken = saved | {"facilities": [{**saved["facilities"][0], "status": "Conformant"}]}  # type: ignore[index]
    with pytest.raises(ValueError, match=r"facilities\[0\]: status 'Conformant' is none of Compliant"):
        survey_snapshot(broken)


def test_a_missing_file_and_wrong_types_are_refused(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.json"
    with pytest.raises(cmrt.FileMissingError) as caught:
        survey_snapshot(missing)
    assert isinstance(caught.value, FileNotFoundError) and caught.value.filename == str(missing)
    with pytest.raises(TypeError, match="previous must be a cmrt.Survey.*not int"):
        compare(42, {"schema": SURVEY_SCHEMA})
    with pytest.raises(TypeError, match="not bytes"):
        survey_snapshot(b"{}")


def test_the_example_survey_compared_with_itself_is_empty() -> None:
    e = cmrt.example_survey_path()
    s = cmrt.survey(e / "suppliers", sorted((e / "reference").iterdir()), as_of="2025-06-30")
    c = compare(s, s)
    assert c.is_empty
    assert (c.added, c.dropped, c.status_changes, c.suppliers_better, c.suppliers_worse) == ((),) * 5
    summary = s.summary()
    assert {m: row.new for m, row in c.by_metal.items()} == summary.by_metal
    assert all(
        row.old == row.new and row.added == row.dropped == row.changed == 0 for row in c.by_metal.values()
    )
    assert c.headline.startswith("Since 2025-06-30: 0 facilities added, 0 dropped, 0 changed status;")
    assert len(survey_snapshot(s).facilities) == summary.total


def _facility(
    metal: str, cid: str | None, name: str, status: Status, country: str = "PERU"
) -> FacilityRecord:
    return FacilityRecord(metal, cid, name, country, status)


def test_headline_plurals_and_status_directions() -> None:
    old = Snapshot(
        facilities=(
            _facility("Tin", "CID1", "One", Status.ACTIVE),
            _facility("Tin", "CID2", "Two", Status.ACTIVE),
            _facility("Gold", "CID3", "Three", Status.COMPLIANT),
        ),
        suppliers=(SupplierRecord("A", 1, 3, 0), SupplierRecord("B", 1, 0, 2), SupplierRecord("C", 1, 0, 0)),
    )
    new = Snapshot(
        facilities=(
            _facility("Tin", "CID1", "One", Status.INDETERMINABLE),
            _facility("Tin", "CID2", "Two", Status.ACTIVE),
            _facility("Gold", "CID3", "Three", Status.COMPLIANT),
            _facility("Gold", "CID4", "Four", Status.COMPLIANT),
            _facility("Gold", "CID5", "Five", Status.ACTIVE),
        ),
        suppliers=(SupplierRecord("A", 1, 0, 0), SupplierRecord("B", 1, 0, 1), SupplierRecord("C", 1, 1, 0)),
        as_of=dt.date(2025, 6, 30),
    )
    c = compare(old, new)
    assert c.headline == (
        "Since the previous survey: 2 facilities added, 0 dropped, 1 changed status "
        "(1 between Active and Indeterminable); 2 suppliers answered better, 1 worse"
    )
    assert [(s.company, s.measure, s.old, s.new) for s in c.suppliers_better] == [
        ("A", "errors", 3, 0),
        ("B", "placeholders", 2, 1),
    ]
    assert [(s.company, s.measure) for s in c.suppliers_worse] == [("C", "errors")]
    one = compare(new, old)
    assert one.headline == (
        "Since 2025-06-30: 0 facilities added, 2 dropped, 1 changed status "
        "(1 between Active and Indeterminable); 1 supplier answered better, 2 worse"
    )
    assert repr(one).startswith("<Comparison 2025-06-30 -> ?: 0 added, 2 dropped, 1 changed;")


def test_a_facility_without_an_id_is_matched_by_metal_name_and_country() -> None:
    old = Snapshot(
        facilities=(
            _facility("Tin", None, "Sample Tin Works S.A.", Status.INDETERMINABLE, "Bolivia"),
            _facility("Gold", "CID900001", "Same Name Refinery", Status.COMPLIANT),
            _facility("Gold", None, "Other Country Refinery", Status.INDETERMINABLE, "PERU"),
        ),
        suppliers=(),
    )
    new = Snapshot(
        facilities=(  # identified this year: same facility; same name under another ID: another one
            _facility(
                "Tin", "CID900204", "SAMPLE TIN WORKS", Status.ACTIVE, "BOLIVIA (PLURINATIONAL STATE OF)"
            ),
            _facility("Gold", "CID900009", "Same Name Refinery", Status.COMPLIANT),
            _facility("Gold", None, "Other Country Refinery", Status.INDETERMINABLE, "CHILE"),
        ),
        suppliers=(),
    )
    c = compare(old, new)
    assert [(x.facility.name, x.old, x.new) for x in c.status_changes] == [
        ("SAMPLE TIN WORKS", Status.INDETERMINABLE, Status.ACTIVE)
    ]
    assert _ids(c.added) == [("Gold", "CID900009"), ("Gold", None)]
    assert [f.country for f in c.added] == ["PERU", "CHILE"]
    assert _ids(c.dropped) == [("Gold", "CID900001"), ("Gold", None)]
    assert c.headline.endswith(
        "1 changed status (1 between Active and Indeterminable); 0 suppliers answered better, 0 worse"
    )


def test_a_snapshot_and_a_comparison_are_frozen_records(this_year: cmrt.Survey) -> None:
    snapshot = survey_snapshot(this_year)
    assert survey_snapshot(snapshot) is snapshot
    assert repr(snapshot) == "<Snapshot as of 2025-06-30: 4 facilities, 2 suppliers>"
    acme = next(s for s in snapshot.suppliers if s.company == "Acme Parts Ltd.")
    assert (acme.responses, acme.placeholders) == (1, 0)
    c = compare(snapshot, snapshot)
    assert isinstance(c, Comparison)
    with pytest.raises(AttributeError):
        c.added = ()  # type: ignore[misc]
