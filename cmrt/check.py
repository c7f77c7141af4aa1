"""The problems a reviewer raises about a report: the template's own Checker, then reviewers' red flags.

``check(report)`` is a pure function of a :class:`~cmrt.records.CmrtReport` (``read`` calls it and adds
what only the workbook can tell, such as look-up names missing from the template's list). Rules follow
each template's own Checker sheet: the CMRT 6.x Checker (cmrt_layouts.md §1.7) generalised to older
versions through each label's mandatory marker ``(*)``; the EMRT's, CRT's and AMRT's (which minerals
are in scope, which questions count, the comments an "other format" answer needs); and the reviewer
rules of commercial tools (anchors.md §3.2).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator

from cmrt.layouts.vocabulary import FULL_RESPONSE, LOW_RESPONSE, is_known_answer
from cmrt.records import METALS, MINERALS, Answer, CmrtReport, Problem, RowKind, Severity

LATEST_VERSION = (6, 5)
"""The CMRT's current version."""
_LATEST_MAJOR = {"CMRT": 6, "EMRT": 2, "AMRT": 1}
_OUT_OF_SCOPE = {"No", "Not applicable for this declaration", "Not declaring"}
"""Scope answers that take a mineral out; the EMRT, CRT and AMRT count "Unknown" as out too."""
_OTHER_FORMAT = "yes, using other format (describe)"
_CAHRA_YES = {"Yes", "DRC only", "India and/or Madagascar only", "DRC or adjoining countries only"}
_NEWER_TEMPLATE_BOUND = dt.date(2026, 3, 31)
"""The EMRT's, CRT's and AMRT's date validation ends on 31 March 2026."""
_EARLIEST_DATE = dt.date(2006, 12, 31)
_DATE_UPPER_BOUND = {"3": dt.date(2026, 3, 31), "2": dt.date(2026, 3, 31), "6.0": dt.date(2026, 3, 31),
                     "6.1": dt.date(2026, 3, 31), "6.2": dt.date(2026, 3, 31)}  # fmt: skip
_GATES = ("intentionally_added", "necessary_to_product")
_FIELD_NAMES = {
    "company_name": "company name", "scope": "declaration scope", "scope_description": "description of scope",
    "contact_name": "contact name", "contact_email": "contact e-mail", "contact_phone": "contact phone",
    "authorizer_name": "authorizer", "authorizer_email": "authorizer e-mail",
    "authorizer_phone": "authorizer phone", "effective_date": "effective date", "address": "address",
    "company_id": "company unique ID", "authorizer_title": "authorizer title",
}  # fmt: skip


@functools.cache
def _not_available() -> re.Pattern[str]:
    """What is written in an e-mail field that has none; compiled for the first field without an '@'."""
    return re.compile(r"^(n/?a|not available|none)$", re.I)


@functools.cache
def _url() -> re.Pattern[str]:
    """What a public policy's comment should hold; compiled for the first such comment."""
    return re.compile(r"(https?://|www\.|\.[a-z]{2,}(/|$))", re.I)


def check(report: CmrtReport) -> tuple[Problem, ...]:
    """Every Checker gap and reviewer red flag in ``report``, in the order a reviewer reads the file."""
    in_scope = frozenset(report.metals_in_scope)  # a property that walks every answer: asked once
    return tuple(
        [
            *_declaration(report),
            *_answers(report, in_scope),
            *_company(report, in_scope),
            *_smelters(report, in_scope),
            *_red_flags(report, in_scope),
        ]
    )


def _version_tuple(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in re.findall(r"\d+", version)[:2]) or (0,)


def _declaration(report: CmrtReport) -> Iterator[Problem]:
    decl, cells = report.declaration, report.field_cells
    for field in sorted(report.required_fields, key=lambda f: cells.get(f, "")):
        if getattr(decl, field) in (None, "") and not (
            field == "effective_date" and decl.effective_date_text
        ):
            yield Problem(Severity.ERROR, "required-field-missing",
                          f"{_FIELD_NAMES.get(field, field)} is required", cells.get(field))  # fmt: skip
    if decl.scope and re.search(r"user defined|\[specify", decl.scope, re.I) and not decl.scope_description:
        yield Problem(
            Severity.ERROR,
            "scope-description-missing",
            f"scope {decl.scope!r} needs a description of scope",
            cells.get("scope_description"),
        )
    for field in ("contact_email", "authorizer_email"):
        value = getattr(decl, field)
        if value and "@" not in value and not _not_available().match(value.strip()):
            yield Problem(Severity.ERROR, "invalid-email", f"{_FIELD_NAMES[field]} {value!r} has no '@'",
                          cells.get(field))  # fmt: skip
    if decl.authorizer_name and decl.authorizer_name.strip().lower() in (
        "same",
        "same as above",
        "same as contact",
    ):
        yield Problem(
            Severity.ERROR,
            "authorizer-same",
            "the authorizer must be named, not 'same'",
            cells.get("authorizer_name"),
        )
    date = decl.effective_date
    if date is not None:
        where = cells.get("effective_date")
        bound = (
            next((d for prefix, d in _DATE_UPPER_BOUND.items() if report.version.startswith(prefix)), None)
            if report.template == "CMRT"
            else _NEWER_TEMPLATE_BOUND
        )
        if date <= _EARLIEST_DATE:
            yield Problem(Severity.ERROR, "date-out-of-range", f"effective date {date} is before 2007", where)
        elif bound and date > bound:
            yield Problem(
                Severity.ERROR,
                "date-out-of-range",
                f"effective date {date} is after this template's limit {bound}",
                where,
            )
        elif date > dt.date.today():
            yield Problem(
                Severity.WARNING, "date-in-future", f"effective date {date} is in the future", where
            )
    if decl.scope and re.search(r"product", decl.scope, re.I) and not report.products:
        yield Problem(
            Severity.ERROR,
            "products-missing",
            f"scope {decl.scope!r} needs the Product List filled",
            "Product List!B6",
        )
    for product in report.products:
        if not product.number:
            yield Problem(Severity.ERROR, "product-number-missing",
                          f"Product List row {product.row} has no product number (required)",
                          f"Product List!B{product.row}")  # fmt: skip


def _out_answers(report: CmrtReport) -> set[str]:
    return _OUT_OF_SCOPE | ({"Unknown"} if report.template != "CMRT" else set())


def _answers(report: CmrtReport, in_scope: frozenset[str]) -> Iterator[Problem]:
    if "minerals" in report.field_cells and not report.minerals:
        yield Problem(Severity.ERROR, "minerals-missing", "choose at least one mineral or metal in scope",
                      report.field_cells["minerals"])  # fmt: skip
    out = _out_answers(report)
    gates_out = [a for a in report.answers if a.answer in out and a.key in _GATES]
    for answer in report.answers:
        metal = answer.metal or ""
        gate_no = any(a.metal == metal for a in gates_out if a is not answer)
        is_gate = answer.key in _GATES
        counted = report.template != "AMRT"  # the AMRT's Checker counts question 1 only
        required = is_gate or (
            counted and not gate_no and (answer.key == "remains_in_product" or metal in in_scope)
        )
        if answer.answer is None:
            if required:
                yield Problem(Severity.ERROR, "answer-missing",
                              f"question {answer.number} ({metal}) needs an answer", answer.cell)  # fmt: skip
        elif not is_known_answer(answer.answer):
            yield _invalid(answer)


def _invalid(answer: Answer) -> Problem:
    what = f"question {answer.number}" + (f" ({answer.metal})" if answer.metal else "")
    return Problem(Severity.ERROR, "invalid-answer",
                   f"{what}: {answer.raw!r} is not one of the template's options", answer.cell)  # fmt: skip


def _company(report: CmrtReport, in_scope: frozenset[str]) -> Iterator[Problem]:
    any_in_scope = bool(in_scope) and bool(report.answers)
    for answer in report.company_answers:
        needed = any_in_scope and (answer.metal is None or answer.metal in in_scope)
        if answer.answer is None:
            if needed:
                what = f"company question {answer.number}" + (f" ({answer.metal})" if answer.metal else "")
                yield Problem(Severity.ERROR, "answer-missing", f"{what} needs an answer", answer.cell)
            continue
        if not is_known_answer(answer.answer):
            yield _invalid(answer)
        if answer.answer.lower() == _OTHER_FORMAT and not answer.comment and _describes_formats(report):
            yield Problem(Severity.ERROR, "comment-missing",
                          f"company question {answer.number}: describe the other format in the comment",
                          re.sub(r"!D(\d+)$", r"!G\1", answer.cell))  # fmt: skip
        if answer.key == "policy_public" and answer.answer == "Yes":
            comment_cell = re.sub(r"!D(\d+)$", r"!G\1", answer.cell)
            if not answer.comment:
                yield Problem(
                    Severity.ERROR,
                    "policy-url-missing",
                    "the policy is said to be public: give its URL in the comment",
                    comment_cell,
                )
            elif not _url().search(answer.comment):
                yield Problem(
                    Severity.WARNING,
                    "policy-url-invalid",
                    f"the policy comment {answer.comment!r} does not look like a URL",
                    comment_cell,
                )


def _duplicates(report: CmrtReport) -> Iterator[Problem]:
    """The same smelter listed twice for one metal: counted twice by whoever rolls the list up."""
    rows: dict[tuple[str, str], list[int]] = {}
    for s in report.smelters:
        if s.smelter_id and s.kind is not RowKind.NOT_YET_IDENTIFIED:
            rows.setdefault((s.metal or "", s.smelter_id), []).append(s.row)
    for (metal, smelter_id), found in rows.items():
        if len(found) > 1:
            yield Problem(Severity.WARNING, "duplicate-smelter",
                          f"{smelter_id} ({metal or 'no metal'}) is listed {len(found)} times: rows "
                          f"{', '.join(map(str, found))}", f"Smelter List!A{found[1]}")  # fmt: skip


def _smelters(report: CmrtReport, in_scope: frozenset[str]) -> Iterator[Problem]:
    in_scope = in_scope if report.answers else frozenset()
    listed_metals = {s.metal for s in report.smelters if s.metal and (s.lookup_name or s.name)}
    counted = (
        Severity.WARNING if report.template == "CRT" else Severity.ERROR
    )  # the CRT's shows, never counts
    for metal in sorted(in_scope - listed_metals):
        yield Problem(counted, "smelters-missing",
                      f"{metal} is declared in scope but the Smelter List names no {metal} smelter",
                      "Smelter List!B5")  # fmt: skip
    yield from _duplicates(report)
    valid = _valid_minerals(report)
    for s in report.smelters:
        where = f"Smelter List!B{s.row}"
        if not s.metal:
            yield Problem(Severity.ERROR, "metal-missing", f"row {s.row} has no metal", where)
        elif s.metal not in valid:
            what = "a 3TG metal" if report.template == "CMRT" else f"a mineral the {report.template} covers"
            yield Problem(Severity.ERROR, "metal-invalid", f"row {s.row}: {s.metal!r} is not {what}", where)
        elif in_scope and s.metal not in in_scope:
            yield Problem(
                Severity.WARNING,
                "metal-not-declared",
                f"row {s.row} lists a {s.metal} smelter, but {s.metal} is declared out of scope",
                where,
            )
        if s.kind is RowKind.NOT_LISTED and (not s.name or not s.country):
            missing = " and ".join(w for w, v in (("name", s.name), ("country", s.country)) if not v)
            yield Problem(
                Severity.ERROR,
                "not-listed-incomplete",
                f"row {s.row} is 'Smelter not listed' without a {missing}",
                f"Smelter List!D{s.row}",
            )
        if s.kind is RowKind.LISTED and (not s.name or not s.country):
            yield Problem(Severity.WARNING, "smelter-row-incomplete",
                          f"row {s.row}: {s.lookup_name or s.smelter_id!r} shows no smelter name or country",
                          f"Smelter List!D{s.row}")  # fmt: skip
        if s.kind is RowKind.NOT_LISTED and not s.lookup_name:
            yield Problem(
                Severity.WARNING,
                "lookup-missing",
                f"row {s.row} names a smelter without choosing a look-up value",
                f"Smelter List!C{s.row}",
            )
        if any("!" in (v or "") for v in (s.name, s.country)):
            yield Problem(Severity.WARNING, "exclamation-mark", f"row {s.row}: '!' in the name or country",
                          f"Smelter List!D{s.row}")  # fmt: skip
    placeholders = [s.row for s in report.smelters if s.kind is RowKind.NOT_YET_IDENTIFIED]
    if placeholders:
        yield Problem(
            Severity.INFO,
            "smelter-not-yet-identified",
            f"{len(placeholders)} row(s) say 'Smelter not yet identified' (rows "
            f"{', '.join(map(str, placeholders[:10]))}{'…' if len(placeholders) > 10 else ''})",
        )


def _describes_formats(report: CmrtReport) -> bool:
    """The CRT's and EMRT 1's Checkers want a comment on a survey in another format; EMRT 2's does not."""
    return report.template == "CRT" or (report.template == "EMRT" and _version_tuple(report.version)[0] < 2)


def _valid_minerals(report: CmrtReport) -> set[str]:
    if report.template == "CMRT":
        return set(METALS)
    if report.template == "CRT":
        return {"Cobalt"}
    return set(MINERALS) | set(report.minerals)


def _red_flags(report: CmrtReport, in_scope: frozenset[str]) -> Iterator[Problem]:
    for answer in report.answers:
        a, metal = answer.answer, answer.metal
        if answer.key == "covered_countries" and a == "Yes":
            yield Problem(
                Severity.WARNING,
                "covered-countries-sourcing",
                f"{metal} is sourced from the Covered Countries (DRC or adjoining): high risk",
                answer.cell,
            )
        elif answer.key == "cahra" and a in _CAHRA_YES:
            where = "" if a == "Yes" else f" ({a})"
            yield Problem(
                Severity.WARNING,
                "cahra-sourcing",
                f"{metal} is sourced from conflict-affected and high-risk areas{where}",
                answer.cell,
            )
        elif answer.key == "supplier_response" and a in LOW_RESPONSE:
            yield Problem(
                Severity.WARNING,
                "low-supplier-response",
                f"{metal}: under half of the relevant suppliers responded ({a})",
                answer.cell,
            )
        elif answer.key == "all_smelters_identified" and a == "No" and (metal or "") in in_scope:
            yield Problem(
                Severity.WARNING,
                "smelters-not-all-identified",
                f"{metal}: not all smelters have been identified",
                answer.cell,
            )
        if answer.key == "all_smelters_identified" and a and a.startswith("Yes"):
            response = report.answer("supplier_response", metal)
            if response and response.answer and response.answer not in FULL_RESPONSE:
                yield Problem(Severity.WARNING, "inconsistent-answers",
                              f"{metal}: all smelters identified, yet only {response.answer} of suppliers "
                              "responded", answer.cell)  # fmt: skip
    for answer in report.company_answers:
        if answer.answer == "No":
            yield Problem(
                Severity.INFO,
                "company-answer-no",
                f"company question {answer.number} answered No: {answer.question[:80]}",
                answer.cell,
            )
    if report.template == "CRT":
        yield Problem(Severity.INFO, "outdated-version",
                      "the CRT is an outdated template: RMI's EMRT covers cobalt now")  # fmt: skip
    latest = _LATEST_MAJOR.get(report.template)
    if latest and report.version != "unknown" and _version_tuple(report.version)[0] < latest:
        yield Problem(Severity.INFO, "outdated-version",
                      f"{report.template} {report.version} is an outdated template; RMI's current major "
                      f"version is {latest}")  # fmt: skip
