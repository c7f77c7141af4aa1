"""Every template cmrt.testing builds reads back through cmrt.read: the EMRT (1.x, 2.x), CRT and AMRT, as
.xlsx and .xls, in English and Chinese, with and without cached results; and each template's own Checker
rules hold on them."""

from __future__ import annotations

import pytest

import cmrt
from cmrt import RowKind
from cmrt.layouts import family_for
from cmrt.testing import EXAMPLE_MINERALS_LOOKUP, LookupRow, MineRow, SmelterRow
from cmrt.testing.builder import BUILT_VERSIONS, build_report

CHINESE = "中文 Chinese"
VERSIONS = [(t, v) for t in ("EMRT", "CRT", "AMRT") for v in BUILT_VERSIONS[t]]
SHAPES = [
    pytest.param("xlsx", "English", True, id="xlsx"),
    pytest.param("xlsx", "English", False, id="uncached"),
    pytest.param("xlsx", CHINESE, False, id="chinese-uncached"),
    pytest.param("xlsx", CHINESE, True, id="chinese"),
    pytest.param("xls", "English", True, id="xls"),
]


def _minerals(template: str, version: str) -> tuple[str, ...]:
    family = family_for(version, template)
    if family.template == "AMRT":
        other = family.other_mineral_cells
        return ("Silver", "Aluminum", "Tungsten Carbide") if other else ("Silver", "Zinc")
    return family.minerals


def _lookup_for(minerals: tuple[str, ...]) -> list[LookupRow]:
    return [r for r in EXAMPLE_MINERALS_LOOKUP if r.metal in minerals and r.alias == r.standard_name]


def _filled(template: str, version: str, fmt: str, language: str, recalculated: bool) -> bytes:
    family = family_for(version, template)
    minerals = _minerals(template, version)
    listed = [m for m in minerals if m in family.minerals or not family.other_mineral_cells]
    first, second = (_lookup_for(tuple(listed)) * 2)[:2]
    answers = {
        (q.number, m): q.options[0] if q.options else "Yes"
        for q in family.questions
        for m in minerals
        if not q.minerals or m in q.minerals
    }
    company = {
        (q.number, m) if q.per_mineral else q.number: q.options[0] if q.options else "Yes"
        for q in family.company_questions
        for m in (minerals if q.per_mineral else minerals[:1])
    }
    smelters = [
        SmelterRow(metal=first.metal, lookup=first.alias),
        SmelterRow(metal=second.metal, lookup="Smelter not listed", name="Hand Typed Works", country="PERU"),
        SmelterRow(metal=listed[0], lookup="Smelter not yet identified"),
    ]
    if family.lookup_sheet and template != "CRT":  # the CRT 2.2 has no look-up formula in its rows
        smelters.append(SmelterRow(smelter_id_input=second.smelter_id))
    if not family.lookup_sheet:  # the AMRT 1.2 has no look-up: everything typed
        smelters = [SmelterRow(metal=first.metal, name=first.standard_name, country=first.country,
                               smelter_id=first.smelter_id)]  # fmt: skip
    mines = [MineRow(first.metal, first.standard_name, "Example Hill Mine", country="Zambia")]
    return build_report(
        template, version=version, fmt=fmt, language=language, recalculated=recalculated,
        minerals=minerals if family.selection_cells else None, answers=answers, company_answers=company,
        declaration={"company_name": "Example Supplier", "scope": "A. Company"},
        smelters=smelters, mines=mines if family.mine_sheet else (), lookup=_lookup_for(tuple(listed)),
    )  # fmt: skip


@pytest.mark.parametrize(("fmt", "language", "recalculated"), SHAPES)
@pytest.mark.parametrize(("template", "version"), VERSIONS)
def test_every_built_template_reads_back(
    template: str, version: str, fmt: str, language: str, recalculated: bool
) -> None:
    family = family_for(version, template)
    report = cmrt.read(_filled(template, version, fmt, language, recalculated))
    assert (report.template, report.version) == (template, version)
    assert report.language == language.split()[-1]
    assert report.declaration.company_name == "Example Supplier"
    assert set(report.minerals) == set(_minerals(template, version))
    for q in family.questions:
        for metal in report.minerals:
            if not q.minerals or metal in q.minerals:
                got = report.answer(q.key, metal)
                expected = q.options[0] if q.options else "Yes"
                assert got is not None and got.answer == expected, (q.key, metal)
    assert len(report.company_answers) >= len(family.company_questions)
    assert [a.key for a in report.company_answers if not a.answer] == []
    kinds = [s.kind for s in report.smelters]
    if family.lookup_sheet:
        first, second = (_lookup_for(tuple(m for m in report.minerals if m in family.minerals)) * 2)[:2]
        picked = report.smelters[0]
        assert (picked.smelter_id, picked.name) == (first.smelter_id, first.standard_name)
        assert kinds[:3] == [RowKind.LISTED, RowKind.NOT_LISTED, RowKind.NOT_YET_IDENTIFIED]
        assert report.smelters[1].name == "Hand Typed Works"
        if template != "CRT":
            typed = report.smelters[3]
            assert (typed.kind, typed.smelter_id) == (RowKind.LISTED, second.smelter_id)
            assert typed.metal == second.metal
    else:
        assert len(report.smelters) == 1 and report.smelters[0].smelter_id
    if family.mine_sheet:
        assert [(m.name, m.country) for m in report.mines] == [("Example Hill Mine", "Zambia")]
    else:
        assert report.mines == ()
    unexpected = ("minerals-missing", "answer-missing", "invalid-answer")
    assert [p for p in report.problems if p.code in unexpected] == []


def test_an_emrt_2_without_a_chosen_mineral_is_incomplete() -> None:
    report = cmrt.read(build_report("EMRT", version="2.1", minerals=()))
    assert report.minerals == ()
    assert [(p.code, p.location) for p in report.problems if p.code == "minerals-missing"] == [
        ("minerals-missing", "Declaration!D12")
    ]


def test_other_format_needs_a_description_where_the_template_asks_for_one() -> None:
    def problems(template: str, version: str, letter: str) -> list[str]:
        family = family_for(version, template)
        question = next(q for q in family.company_questions if q.number == letter)
        other = next(o for o in question.options if "Other Format" in o)
        data = build_report(template, version=version, company_answers={letter: other})
        return [p.location or "" for p in cmrt.read(data).problems if p.code == "comment-missing"]

    assert problems("CRT", "2.2", "G") == ["Declaration!G75"]
    assert problems("EMRT", "1.2", "E") == ["Declaration!G79"]


def test_a_crt_without_smelters_is_warned_not_failed() -> None:
    report = cmrt.read(build_report("CRT", answers={("1", "Cobalt"): "Yes"}))
    missing = [p for p in report.problems if p.code == "smelters-missing"]
    assert [p.severity for p in missing] == [cmrt.Severity.WARNING]
    emrt = cmrt.read(build_report("EMRT", minerals=("Cobalt",), answers={("1", "Cobalt"): "Yes"}))
    assert [p.severity for p in emrt.problems if p.code == "smelters-missing"] == [cmrt.Severity.ERROR]


def test_the_amrt_checker_counts_question_1_only() -> None:
    data = build_report("AMRT", minerals=("Silver",), answers={("1", "Silver"): "Yes"})
    missing = [p.location for p in cmrt.read(data).problems if p.code == "answer-missing"]
    assert missing == []
    blank = build_report("AMRT", minerals=("Silver",))
    missing = [p.location for p in cmrt.read(blank).problems if p.code == "answer-missing"]
    assert missing == ["Declaration!D31"]


def test_a_file_can_be_held_to_one_template() -> None:
    data = build_report("EMRT")
    with pytest.raises(cmrt.WrongTemplateError, match="EMRT"):
        cmrt.read(data, template="CMRT")
    assert cmrt.read(data, template=("CMRT", "EMRT")).template == "EMRT"
