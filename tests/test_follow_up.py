"""The follow-up list: one row per thing to ask a supplier, with where it sits in their file."""

from __future__ import annotations

from collections import Counter

import cmrt
from cmrt.deliverables import follow_up

EXAMPLE = cmrt.example_survey_path()


def test_every_case_of_the_example_survey_is_a_follow_up() -> None:
    survey = cmrt.survey(EXAMPLE / "suppliers", sorted((EXAMPLE / "reference").iterdir()))
    rows = follow_up(survey)
    topics = Counter(r.topic for r in rows)
    errors = sum(len(r.errors) for r in survey.responses)
    assert topics["checker-error"] == errors == 33
    assert topics["placeholder"] == 2 and topics["removed"] == 1 and topics["non-conformant"] == 1
    assert topics["unidentified"] == 3
    mica = next(r for r in rows if r.topic == "non-conformant")
    assert (mica.supplier, mica.file, mica.where) == (
        "Example Components Ltd.", "example_components_emrt_2.1.xlsx", "Smelter List row 7"
    )  # fmt: skip
    assert all(
        r.where.startswith(("Declaration!", "Smelter List")) for r in rows if r.topic == "checker-error"
    )
    suppliers = [r.supplier for r in rows]
    assert suppliers == sorted(suppliers, key=[r.company for r in survey.responses].index)
