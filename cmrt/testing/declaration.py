"""The Declaration sheet of a test workbook (and the title sheets around it), written from the layout."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from cmrt.layouts.cmrt import SCOPE_LABELS, SCOPES
from cmrt.testing.form import NA, Form, is_no, label_formula
from cmrt.testing.translations import translate

__all__ = ["LANGUAGE_PROMPT", "write_declaration", "write_revision", "write_scope_label", "write_title_sheet"]

LANGUAGE_PROMPT = (
    "Select Language Preference Here:\n请选择语言:\n表示言語を選択してください:\nSprache hier auswählen:"
)


def write_title_sheet(form: Form, sheet: str, title: str) -> None:
    """Revision/Instructions/Definitions/Checker only need to exist, with a title cell."""
    form.put(sheet, 1, 1, title)


def write_revision(form: Form) -> None:
    """Title and one revision-history row: the last history row names the version, as in real files."""
    form.put("Revision", 2, 2, "DOCUMENT TITLE")
    form.put("Revision", 3, 2, form.spec.family.title)
    form.put("Revision", 9, 2, "REVISION HISTORY")
    for col, text in enumerate(
        ("REVISION", "ORIGINATOR", "RELEASE DATE", "DESCRIPTION OF FUNCTIONAL CHANGE"), 2
    ):
        form.put("Revision", 12, col, text)
    for col, text in enumerate(
        (
            form.spec.release.version,
            "cmrt.testing",
            form.spec.release.date,
            "Template-shaped workbook made by cmrt for tests; not an RMI template.",
        ),
        2,
    ):
        form.put("Revision", 13, col, text)


def write_heading(form: Form) -> None:
    """The Declaration's title, language prompt and choice, revision, and the scope list's helper cells."""
    fam, s, release = form.spec.family, "Declaration", form.spec.release
    form.label(s, 2, 4, fam.title)
    form.put(s, 3, 2, LANGUAGE_PROMPT)
    form.put(s, 3, 4, form.language)
    form.put(s, 3, 10, f"Revision {release.version}\n{release.date}")
    form.put(s, 3, 16, fam.languages.index(form.language) + 1, "MATCH($D$3,LN,0)")
    for col, scope in enumerate(SCOPES, 16):
        form.put(s, 9, col, scope)


def write_declaration(
    form: Form,
    declaration: Mapping[str, object],
    answers: Mapping[tuple[str, str], object],
    comments: Mapping[tuple[str, str], str],
    company_answers: Mapping[str, object],
    company_comments: Mapping[str, str],
) -> None:
    """Company block (D8..D22), per-metal questions (D/G under rows 25, 31, ...) and company questions."""
    fam, s = form.spec.family, "Declaration"
    six = form.spec.six
    write_heading(form)
    for field in fam.fields:
        key, row, english = field.key, field.row, field.label
        if key == "scope_description":
            write_scope_label(form, declaration.get("scope"))
        else:
            form.label(s, row, 2, english)
        value = declaration.get(key)
        form.put(s, row, 4, value, fmt=form.spec.date_format if isinstance(value, dt.date) else None)

    count = len(fam.questions)
    form.label(
        s, 24, 2, f"Answer the following questions 1 - {count} based on the declaration scope indicated above"
    )
    q1 = {m: answers.get(("1", m)) for m in fam.minerals}
    q2 = {m: answers.get(("2", m)) for m in fam.minerals}
    no_count = sum(is_no(v) for v in (*q1.values(), *q2.values()))
    if six:  # Q37 drives the " (*)" after questions 2-8 and the company questions
        question_marker = company_marker = "" if no_count > 3 else " (*)"
        company_ref = "$Q$37"
        form.put(s, 37, 17, company_marker, 'IF(COUNTIF(D26:D29,"No")+COUNTIF(D32:D35,"No")>3,""," (*)")')
    else:  # 3.01 question texts carry their own "(*)"; Q69 drives the company questions' marker
        question_marker, company_marker = "", "" if no_count == 8 else "(*)"
        company_ref = "$Q$69"
        form.put(s, 69, 17, company_marker, 'IF(COUNTIF(D25:D35,"No")=8,"","(*)")')
    for k, metal in enumerate(fam.minerals):  # hidden P markers behind the metal labels
        if six:
            form.put(s, 26 + k, 16, "" if is_no(q1[metal]) else "(*)", f'IF(D${26 + k}="No","","(*)")')
            p3 = "" if is_no(q1[metal]) or is_no(q2[metal]) else "(*)"
            p3_formula = f'IF(OR(D${26 + k}="No",D${32 + k}="No"),"","(*)")'
            form.put(s, 38 + k, 16, p3, p3_formula)
            form.put(s, 44 + k, 16, p3, p3_formula)
        else:
            form.put(s, 26 + k, 16, "(*)")
            form.put(
                s,
                38 + k,
                16,
                "" if is_no(q1[metal]) and is_no(q2[metal]) else "(*)",
                f'IF(AND(D{26 + k}="No",D{32 + k}="No"),"","(*)")',
            )
    labelled_metal_rows = (0, 2, 3) if six else (0, 2)  # other questions repeat Q1's or Q3's metal labels
    for i, question in enumerate(fam.questions):
        text, head, number = question.text, question.row, question.number
        if i == 0:
            form.label(s, head, 2, text)
            form.label(s, head, 4, "Answer")
            form.label(s, head, 7, "Comments")
        else:
            form.label(
                s,
                head,
                2,
                text,
                marker=question_marker,
                marker_ref="Q$37" if six else None,
            )
            form.ref(s, head, 4, 25, 4)
            form.ref(s, head, 7, 25, 7)
        for k, metal in enumerate(fam.minerals):
            row = head + 1 + k
            if i in labelled_metal_rows:
                form.label(
                    s, row, 2, f"{metal}  ", marker=str(form.shown[(s, row, 16)]), marker_ref=f"P{row}"
                )
            else:
                form.ref(s, row, 2, (26 if i == 1 else 38) + k, 2)
            value = answers.get((number, metal))
            form.put(s, row, 4, value, fmt="0%" if isinstance(value, (int, float)) else None)
            form.put(s, row, 7, comments.get((number, metal)))

    top = fam.company_first_row - 2
    form.label(s, top, 2, "Answer the Following Questions at a Company Level")
    form.label(s, top + 1, 2, "Question")
    form.ref(s, top + 1, 4, 25, 4)
    form.ref(s, top + 1, 7, 25, 7)
    for question in fam.company_questions:
        row, letter = question.row, question.number
        form.label(s, row, 2, question.text, marker=company_marker, marker_ref=company_ref)
        form.put(s, row, 4, company_answers.get(letter))
        form.put(s, row, 7, company_comments.get(letter))
    form.sink.hide_columns(s, 16, 18)


def write_scope_label(form: Form, scope: object) -> None:
    """B10 follows the scope in D9: its L key is "DeclarationB10" plus the scope's first letter."""
    for letter, english in SCOPE_LABELS.items():
        form.labels.append(("Declaration", f"B10{letter}", english))
    form.labels.append(("Declaration", "B10", SCOPE_LABELS["A"]))
    letter = scope[:1].upper() if isinstance(scope, str) else ""
    shown = NA if letter and letter not in SCOPE_LABELS else SCOPE_LABELS.get(letter, SCOPE_LABELS["A"])
    if shown != NA:
        shown = translate(shown, form.language)
    form.put("Declaration", 10, 2, shown, label_formula("Declaration", "&LEFT($D$9,1)"))
