"""The Declaration sheet of a test EMRT, CRT or AMRT, written from its layout family.

What differs from the CMRT: the minerals. The EMRT 1 and the CRT list theirs in fixed rows (cobalt and
mica; cobalt); the EMRT 2 and the AMRT have selection cells, and under each question the chosen minerals
fill the rows in alphabetical order, through hidden helper cells (``AA12:AA21``) that formulas read. The
EMRT's company question C is answered per mineral. The EMRT 1 and CRT ship legacy answer rows pre-filled
"No" below the minerals' rows, which a reader must not take for minerals: they are written too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from cmrt.layouts import Question
from cmrt.reading.cells import column_letter
from cmrt.testing.declaration import write_heading, write_scope_label
from cmrt.testing.form import Form

__all__ = ["chosen_order", "write_mineral_declaration"]

_HELPER_COL = 27  # AA: the chosen minerals, sorted, that the rows under each question show


def chosen_order(minerals: Sequence[str]) -> tuple[str, ...]:
    """The chosen minerals as the rows under each question list them: sorted, case-insensitively."""
    return tuple(sorted(dict.fromkeys(minerals), key=str.casefold))


def write_mineral_declaration(
    form: Form,
    minerals: Sequence[str],
    declaration: Mapping[str, object],
    answers: Mapping[tuple[str, str], object],
    comments: Mapping[tuple[str, str], str],
    company_answers: Mapping[object, object],
    company_comments: Mapping[object, str],
) -> None:
    """Title, language, version, the mineral selection, the company fields, every question."""
    fam, s = form.spec.family, "Declaration"
    write_heading(form)
    if fam.selection_cells:
        _write_selection(form, minerals)
    for field in fam.fields:
        if field.key == "scope_description":
            write_scope_label(form, declaration.get("scope"))
        else:
            form.label(s, field.row, 2, field.label)
        form.put(
            s,
            field.row,
            4,
            declaration.get(field.key),
            fmt=form.spec.date_format if field.key == "effective_date" else None,
        )
    order = chosen_order(minerals) if fam.selection_cells else fam.minerals
    for k, mineral in enumerate(order):
        form.put(s, 12 + k, _HELPER_COL, mineral)
    for i, question in enumerate(fam.questions):
        form.label(s, question.row, 2, question.text)
        if i == 0:
            form.label(s, question.row, 4, "Answer")
            form.label(s, question.row, 7, "Comments")
        _mineral_rows(form, question, order, answers, comments, question.number)
    for question in fam.questions[: 2 if fam.template == "EMRT" else 1]:
        first = question.row + 1 + fam.mineral_rows
        for row in range(first, question.row + 5):  # the legacy rows the blanks ship with "No" in
            form.put(s, row, 4, "No")
    top = fam.company_first_row - 2
    form.label(s, top, 2, "Answer the Following Questions at a Company Level")
    form.label(s, top + 1, 2, "Question")
    for question in fam.company_questions:
        form.label(s, question.row, 2, question.text)
        if question.per_mineral:
            _mineral_rows(form, question, order, company_answers, company_comments, question.number)
        else:
            form.put(s, question.row, 4, company_answers.get(question.number))
            form.put(s, question.row, 7, company_comments.get(question.number))
    form.sink.hide_columns(s, 16, _HELPER_COL)


def _mineral_rows(
    form: Form,
    question: Question,
    order: Sequence[str],
    answers: Mapping[object, object],
    comments: Mapping[object, str],
    number: str,
) -> None:
    """One row per mineral under a question: its label (a formula over the helper column where minerals
    are chosen), the answer and the comment."""
    fam, s = form.spec.family, "Declaration"
    for k, mineral in enumerate(order):
        row = question.row + 1 + k
        if question.minerals and mineral not in question.minerals:
            continue  # asked for some minerals only (the EMRT 1's question 4: cobalt)
        helper = f"{column_letter(_HELPER_COL)}{12 + k}"
        if fam.selection_cells:
            form.put(s, row, 2, f"{mineral}(*)", f'IF(COUNTBLANK({helper}),"",{helper}&"(*)")')
        else:
            form.label(s, row, 2, mineral)
        form.put(s, row, 4, answers.get((number, mineral)))
        form.put(s, row, 7, comments.get((number, mineral)))


def _write_selection(form: Form, minerals: Sequence[str]) -> None:
    """The selection cells: EMRT 2's one per mineral ("(Delete Cobalt)" when not chosen); the AMRT 1.3's
    listed minerals, or "Other [specify below]" with the name typed three rows below; AMRT 1.2's typed."""
    fam, s = form.spec.family, "Declaration"
    form.label(s, 12, 2, "Select Minerals/Metals in Scope (*):")
    if fam.template == "EMRT":
        for cell, mineral in zip(fam.selection_cells, fam.minerals, strict=True):
            _put_at(form, cell, mineral if mineral in minerals else f"(Delete {mineral})")
        return
    if len(minerals) > len(fam.selection_cells):
        raise ValueError(f"at most {len(fam.selection_cells)} minerals fit the {fam.name} selection cells")
    for index, mineral in enumerate(minerals):
        listed = not fam.minerals or mineral in fam.minerals
        _put_at(form, fam.selection_cells[index], mineral if listed else "Other [specify below]")
        if not listed:
            if not fam.other_mineral_cells:
                raise ValueError(f"{mineral!r} is not on the {fam.name} list, which has no 'Other' cells")
            _put_at(form, fam.other_mineral_cells[index], mineral)


def _put_at(form: Form, cell: str, value: object) -> None:
    col = 0
    letters = "".join(c for c in cell if c.isalpha())
    for letter in letters:
        col = col * 26 + ord(letter) - 64
    form.put("Declaration", int(cell[len(letters) :]), col, value)
