"""Layout data is one source for reader and builder: every label a family prints is one the reader's
patterns recognise as the same field, question or column."""

from __future__ import annotations

import pytest

from cmrt.layouts import (
    COMPANY_PATTERNS,
    DECLARATION_PATTERNS,
    FAMILIES,
    HEADER_PATTERNS,
    LOOKUP_PATTERNS,
    PRODUCT_PATTERNS,
    QUESTION_PATTERNS,
    Family,
    family_for,
    key_for,
)
from cmrt.layouts.vocabulary import ANSWER_OPTIONS, MINE_PATTERNS, normalize_answer

NAMED = [f for f in FAMILIES if f.releases]


@pytest.mark.parametrize("family", FAMILIES, ids=lambda f: f.name)
def test_every_label_reads_back_as_its_key(family: Family) -> None:
    wrong = []
    for field in family.fields:
        if field.label and key_for(field.label, DECLARATION_PATTERNS) != field.key:
            wrong.append(("field", field.key, field.label))
    for question in family.questions:
        text = question.text.split(") ", 1)[-1]
        if text and key_for(text, QUESTION_PATTERNS) != question.key:
            wrong.append(("question", question.key, question.text))
    for question in family.company_questions:
        text = question.text.split(". ", 1)[-1]
        if text and key_for(text, COMPANY_PATTERNS) != question.key:
            wrong.append(("company question", question.key, question.text))
    tables = (
        (family.smelter_columns, HEADER_PATTERNS),
        (family.lookup_columns, LOOKUP_PATTERNS),
        (family.product_columns, PRODUCT_PATTERNS),
        (family.mine_columns, MINE_PATTERNS),
    )
    for columns, patterns in tables:
        for column in columns:
            if column.header and key_for(column.header, patterns) != column.key:
                wrong.append(("column", column.key, column.header))
    assert not wrong


@pytest.mark.parametrize("family", NAMED, ids=lambda f: f.name)
def test_each_release_finds_its_own_family(family: Family) -> None:
    for release in family.releases:
        assert family_for(release.version, family.template) is family


def test_rows_and_columns_are_unique_within_a_family() -> None:
    for family in FAMILIES:
        questions = (*family.questions, *family.company_questions)
        rows = [f.row for f in family.fields] + [q.row for q in questions]
        assert len(rows) == len(set(rows)), family.name
        for columns in (family.smelter_columns, family.lookup_columns, family.product_columns):
            cols = [c.col for c in columns]
            assert len(cols) == len(set(cols)), family.name


@pytest.mark.parametrize("family", FAMILIES, ids=lambda f: f.name)
def test_every_option_is_known_and_kept_as_the_template_spells_it(family: Family) -> None:
    for question in (*family.questions, *family.company_questions):
        for option in question.options:
            assert option in ANSWER_OPTIONS, (family.name, question.number, option)
            assert normalize_answer(option) == option


def test_every_template_has_a_family_for_each_release_in_hand() -> None:
    assert {f.template for f in FAMILIES} == {"CMRT", "EMRT", "CRT", "AMRT"}
    assert family_for("2.1", "EMRT").name == "EMRT 2" and family_for("1.11", "EMRT").name == "EMRT 1"
    assert family_for("2.2", "CRT").template == "CRT"
    assert family_for("1.3", "AMRT").selection_cells and family_for("1.2", "AMRT").minerals == ()
