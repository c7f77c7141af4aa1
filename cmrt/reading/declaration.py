"""The Declaration sheet: company fields, the minerals declared, and the answers to every question.

Everything is found by its English label (fields in column B, numbered questions "1) ...", lettered
company questions "A. ..."), with the layout family's cells as the fallback. Under each numbered question
one row per mineral holds the answer (D) and a comment (G): the CMRT's four metals in a fixed order, the
CRT's cobalt, or, in the EMRT 2 and AMRT, the minerals chosen in the selection cells, in alphabetical
order as the template sorts them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from cmrt.dates import parse_date
from cmrt.layouts import COMPANY_PATTERNS, DECLARATION_PATTERNS, QUESTION_PATTERNS, key_for
from cmrt.layouts.vocabulary import normalize_answer
from cmrt.reading import MAX_DECLARATION_ROWS
from cmrt.reading.cells import Context, clean
from cmrt.records import MINERALS, Answer, Declaration, Severity, normalize_metal

__all__ = [
    "MAX_DECLARATION_ROWS",
    "read_company_questions",
    "read_declaration",
    "read_minerals",
    "read_questions",
]

_NOT_CHOSEN = re.compile(r"^\(?\s*delete\b|^other\b.*specify", re.I)
"""A selection cell left at "(Delete Cobalt)", or AMRT's "Other [specify below]" placeholder."""


def read_declaration(ctx: Context) -> tuple[Declaration, dict[str, str], frozenset[str]]:
    """The company fields, where each was read from, and which the template marks mandatory."""
    found: dict[str, int] = {}
    required: set[str] = set()
    for row in range(5, ctx.layout.first_question_row + 2):
        text = ctx.label(ctx.decl, row)
        key = key_for(text, DECLARATION_PATTERNS)
        if key and key not in found:
            found[key] = row
            if "(*)" in text.replace(" ", ""):
                required.add(key)
    if not found:  # labels unreadable (translated file without L): the family's cells
        found = dict(ctx.layout.declaration_rows)
        required = {"company_name", "scope", "effective_date"} & set(found)
    values: dict[str, Any] = {}
    cells: dict[str, str] = {}
    for key, row in found.items():
        cells[key] = ctx.decl.ref(row, 4)
        if key != "effective_date":
            values[key] = clean(ctx.decl.get(row, 4))
    if "effective_date" in found:
        values.update(_effective_date(ctx, found["effective_date"]))
    return Declaration(**values), cells, frozenset(required)


def _effective_date(ctx: Context, row: int) -> dict[str, Any]:
    raw: Any = ctx.decl.get(row, 4)
    parts = ctx.layout.date_parts
    if parts:  # D holds the label "Day:"; the day, month and year are cells of their own
        day, month, year = (clean(ctx.decl.get(row, c)) for c in parts)
        raw = f"{day} {month} {year}" if day and month and year else ""
    date, ambiguous = parse_date(raw, ctx.layout.date_1904)
    text = raw.strip() if isinstance(raw, str) and raw.strip() else None
    where = ctx.decl.ref(row, 4)
    if text and date is None:
        ctx.problem(Severity.ERROR, "invalid-date", f"effective date {text!r} is not a date", where)
    elif ambiguous:
        ctx.problem(
            Severity.WARNING,
            "ambiguous-date",
            f"effective date {text!r} could be day-first or month-first; read as {date}",
            where,
        )
    elif isinstance(raw, (int, float)) and not isinstance(raw, bool) and date is None:
        ctx.problem(Severity.ERROR, "invalid-date", f"effective date {raw!r} is not a date", where)
    return {"effective_date": date, "effective_date_text": text}


def read_minerals(ctx: Context) -> tuple[str, ...]:
    """The minerals the declaration covers: the family's own, or those chosen in its selection cells
    (and typed as "other"), sorted as the template sorts them for the rows under each question."""
    family = ctx.layout
    if not family.selection_cells:
        return family.minerals
    chosen: dict[str, None] = {}
    for cell in (*family.selection_cells, *family.other_mineral_cells):
        text = clean(ctx.decl.at(cell))
        if text and not _NOT_CHOSEN.search(text):
            mineral = normalize_metal(text)
            if mineral:
                chosen[mineral] = None
    return tuple(sorted(chosen, key=str.casefold))


def read_questions(ctx: Context, minerals: tuple[str, ...]) -> Iterator[Answer]:
    """Every per-mineral answer, question by question, mineral by mineral."""
    headers: list[tuple[int, str, str]] = []
    for row in range(ctx.layout.first_question_row - 4, MAX_DECLARATION_ROWS + 1):
        text = ctx.label(ctx.decl, row)
        match = re.match(r"^\s*(\d{1,2})\)\s*(.*)", text, re.S)
        if match:
            headers.append((row, match.group(1), match.group(2)))
        elif headers and re.match(r"^\s*[A-K]\.\s", text):
            break
    if not headers:
        headers = [(q.row, q.number, "") for q in ctx.layout.questions]
    only = {q.number: q.minerals for q in ctx.layout.questions if q.minerals}
    for row, number, text in headers:
        key = key_for(text, QUESTION_PATTERNS) or ctx.layout.question_keys.get(number, f"q{number}")
        for mineral, at in _mineral_rows(ctx, row, minerals):
            if not only.get(number) or mineral in only[number]:
                yield _answer(ctx, key, number, text, mineral, at)


def _mineral_rows(ctx: Context, row: int, minerals: tuple[str, ...]) -> Iterator[tuple[str, int]]:
    """The mineral of each row under a question, and the row.

    A row's mineral is its cached label: the CMRT's metal names are translated, the other templates'
    are the chosen minerals themselves. Where labels were never calculated or are in another language,
    the row's position in the template's order (the family's minerals, or the chosen ones) tells; a row
    left blank in a calculated file holds no mineral."""
    order = minerals if ctx.layout.selection_cells else ctx.layout.minerals
    for offset in range(1, ctx.layout.mineral_rows + 1):
        cached = clean(ctx.decl.get(row + offset, 2))
        if cached and re.match(r"^\s*(\d{1,2}\)|[A-K]\.\s)", cached):
            break
        mineral = normalize_metal(cached)
        if mineral not in MINERALS and mineral not in order:
            if cached is None and ctx.recalculated and ctx.layout.selection_cells:
                continue  # a row no chosen mineral fills
            mineral = order[offset - 1] if offset <= len(order) else None
        if mineral is not None:
            yield mineral, row + offset


def read_company_questions(ctx: Context, minerals: tuple[str, ...]) -> Iterator[Answer]:
    """The company-level answers; a question asked per mineral (the EMRT's C) gives one per mineral."""
    found: list[tuple[int, str, str]] = []
    start = ctx.layout.company_first_row - 12
    per_mineral = {q.number for q in ctx.layout.company_questions if q.per_mineral}
    for row in range(max(start, 1), MAX_DECLARATION_ROWS + 1):
        match = re.match(r"^\s*([A-K])\.\s+(.*)", ctx.label(ctx.decl, row), re.S)
        if found:
            block = ctx.layout.mineral_rows if found[-1][1] in per_mineral else 0
            if row - found[-1][0] > 3 + block:
                break  # past the block: below it some versions keep hidden translation tables
        if match:
            found.append((row, match.group(1), match.group(2)))
    if not found:
        found = [(q.row, q.number, "") for q in ctx.layout.company_questions]
    for row, letter, text in found:
        key = key_for(text, COMPANY_PATTERNS) or ctx.layout.company_keys.get(letter, letter.lower())
        if letter in per_mineral:
            for mineral, at in _mineral_rows(ctx, row, minerals):
                yield _answer(ctx, key, letter, text, mineral, at)
        else:
            yield _answer(ctx, key, letter, text, None, row)


def _answer(ctx: Context, key: str, number: str, text: str, metal: str | None, row: int) -> Answer:
    value = ctx.decl.get(row, 4)
    raw = clean(value) if not isinstance(value, (int, float)) or isinstance(value, bool) else f"{value:g}"
    return Answer(
        key=key, number=number, question=re.sub(r"\s*\(\*\)\s*$", "", text.strip()), metal=metal,
        answer=normalize_answer(value, key), raw=raw, comment=clean(ctx.decl.get(row, 7)),
        cell=ctx.decl.ref(row, 4),
    )  # fmt: skip
