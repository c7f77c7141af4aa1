"""The survey as map and combine: parts combine associatively into what ``survey()`` returns, a survey
keeps no report unless asked, kept parts point at the caller's reference and share what is equal."""

from __future__ import annotations

import datetime as dt
import gc
import pickle
import shutil
from pathlib import Path

import pytest

import cmrt
from cmrt import CmrtReport, SmelterReference
from cmrt.classification.partial import FacilityKey, Interner
from cmrt.survey import SurveyPart, combine, compact, finish, read_part

EXAMPLE = cmrt.example_survey_path()
SUPPLIERS = sorted((EXAMPLE / "suppliers").iterdir())


@pytest.fixture(scope="module")
def reference() -> SmelterReference:
    return SmelterReference.from_files(*sorted((EXAMPLE / "reference").iterdir()))


@pytest.fixture(scope="module")
def parts(reference: SmelterReference) -> list[SurveyPart]:
    return [read_part(str(p), reference=reference) for p in SUPPLIERS]


def test_parts_combine_in_any_grouping_into_the_survey(
    parts: list[SurveyPart], reference: SmelterReference
) -> None:
    a, b, c, *rest = parts
    assert combine(a, combine(b, c)) == combine(combine(a, b), c) == combine(a, b, c)
    assert combine(combine(), a) == a == combine(a, combine())
    tree = combine(combine(*parts[:2]), combine(*parts[2:]))
    ours = finish(tree, reference, as_of=dt.date(2025, 6, 30))
    local = cmrt.survey(SUPPLIERS, reference, as_of="2025-06-30", isolate=False)
    assert ours.classification.facilities == local.classification.facilities
    assert ours.responses == local.responses and ours.headline == local.headline


def test_a_part_travels_pickled_with_facility_keys_and_is_linked_back_to_the_callers_reference(
    parts: list[SurveyPart], reference: SmelterReference
) -> None:
    data = pickle.dumps(parts[0])
    sent = pickle.loads(data)
    facility = next(r.match.facility for r in sent.partial.rows if r.match.facility)
    assert isinstance(facility, FacilityKey)  # a key travels, not a copy of the record
    assert b"ReferenceFacility" not in data and b"Listing" not in data
    kept = compact(sent, reference)
    assert kept == parts[0]
    for row in kept.partial.rows:
        found = row.match.facility
        assert found is None or found is reference.facilities[(found.metal, found.smelter_id)]
    with pytest.raises(ValueError, match="reference they were made with"):
        compact(sent, SmelterReference([]))


def test_equal_strings_and_matches_are_shared_across_files(
    parts: list[SurveyPart], reference: SmelterReference
) -> None:
    interner = Interner(reference)
    one, two = (compact(pickle.loads(pickle.dumps(parts[1])), reference, interner) for _ in range(2))
    assert one == two
    for x, y in zip(one.partial.rows, two.partial.rows, strict=True):
        assert x.name is y.name and x.match is y.match
    assert one.responses[0].problems is two.responses[0].problems or not one.responses[0].problems


def test_the_reference_pickles_and_resolves_as_before(reference: SmelterReference) -> None:
    copy = pickle.loads(pickle.dumps(reference))
    assert type(copy) is SmelterReference and copy.facilities == reference.facilities
    for metal, name in [("Tin", f.name.upper()) for f in reference.facilities.values()][:20]:
        assert copy.resolve(metal=metal, name=name) == reference.resolve(metal=metal, name=name)


def test_a_survey_keeps_no_report_unless_asked(reference: SmelterReference, tmp_path: Path) -> None:
    for i in range(3):
        for path in SUPPLIERS:
            shutil.copy(path, tmp_path / f"{i}_{path.name}")
    gc.collect()
    before = sum(isinstance(o, CmrtReport) for o in gc.get_objects())
    result = cmrt.survey(tmp_path, reference, isolate=False)
    gc.collect()
    assert sum(isinstance(o, CmrtReport) for o in gc.get_objects()) == before
    assert all(r.report is None for r in result.responses) and len(result.responses) == 3 * len(SUPPLIERS)

    kept = cmrt.survey(tmp_path, reference, keep_reports=True, jobs=2)
    assert all(isinstance(r.report, CmrtReport) and r.report.source == r.source for r in kept.responses)
    assert kept.responses == result.responses and kept.classification == result.classification

    given = cmrt.read(SUPPLIERS[0])
    assert cmrt.survey([given], reference).responses[0].report is given


def test_a_response_keeps_what_the_roll_up_needs(parts: list[SurveyPart]) -> None:
    response = next(r for p in parts for r in p.responses if r.template == "EMRT")
    report = cmrt.read(next(p for p in SUPPLIERS if p.name == Path(response.source or "").name))
    for answer in (*report.answers, *report.company_answers):
        assert response.answer(answer.key, answer.metal) == answer.answer
    assert response.mines == report.mines
