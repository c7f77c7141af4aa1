"""One engine that reads every RMI reporting template: workbook + layout -> :class:`~cmrt.CmrtReport`.

The template (CMRT, EMRT, CRT, AMRT) is known by the Declaration's title, the version by
``Declaration!J3`` (or the Smelter List's row-3 copy); together they pick a layout family
(:mod:`cmrt.layouts`). Everything is then found by its English label (``L`` sheet for translated files)
with the family's cells as fallback; values are what the supplier sees in Excel (cached formula
results), recomputed from the template's own look-up sheet where a tool saved formulas without results.

The steps, a module each: :mod:`~.cells` (what they share), :mod:`~.declaration` (fields, minerals,
answers), :mod:`~.lists` (Smelter, Mine and Product Lists); then :func:`cmrt.check` adds the problems.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

import attrs

from cmrt.check import check
from cmrt.dates import parse_version_date
from cmrt.errors import NotTemplateError, WrongTemplateError
from cmrt.layouts import DECLARATION_PATTERNS, family_for, key_for
from cmrt.layouts.vocabulary import fold, searcher
from cmrt.reading.cells import VERSION_PATTERN, Cells, Context, clean, column_letter
from cmrt.reading.declaration import (
    MAX_DECLARATION_ROWS,
    read_company_questions,
    read_declaration,
    read_minerals,
    read_questions,
)
from cmrt.reading.lists import read_mines, read_products, read_smelters
from cmrt.records import CmrtReport, Severity
from cmrt.workbook import Source, Workbook, open_workbook
from cmrt.workbook.guard import engine_errors

__all__ = ["TEMPLATES", "VERSION_PATTERN", "column_letter", "read"]

TEMPLATES = ("CMRT", "EMRT", "CRT", "AMRT")
"""The templates cmrt reads."""
_TITLES = (
    ("EMRT", r"\(emrt\)|extended minerals reporting"),
    ("CRT", r"\(crt\)|cobalt reporting template"),
    ("AMRT", r"\(amrt\)|additional minerals reporting|\(prt\)|pilot reporting template"),
    ("MRT", r"\(mrt\)|mica reporting template"),
    ("CMRT", r"\(cmrt\)|conflict minerals reporting template"),
)
"""Each template by its title; the Pilot Reporting Template (PRT) was the AMRT's first name."""
_LANGUAGES = {
    "english": "English", "中文 chinese": "Chinese", "日本語 japanese": "Japanese", "한국어 korean": "Korean",
    "français": "French", "português": "Portuguese", "deutsch": "German", "español": "Spanish",
    "italiano": "Italian", "türkçe": "Turkish",
}  # fmt: skip


def read(
    source: Source, *, password: str | None = None, template: str | Iterable[str] | None = None
) -> CmrtReport:
    """Read one reporting template (CMRT, EMRT, CRT or AMRT; any version, .xls or .xlsx, any UI language).

    ``source`` is a path, the file's bytes, or a binary file object. Encrypted files open with
    ``password`` or Excel's default one. ``template`` (a name or several) accepts only those templates:
    any other raises :class:`~cmrt.WrongTemplateError` naming what the file is. Raises a
    :class:`~cmrt.CmrtError` only for files that cannot be read at all; everything a reviewer would flag
    is in ``report.problems``.
    """
    accepted = _accepted(template)
    book, name = open_workbook(source, password=password)
    with engine_errors(f"{name or 'the workbook'}: content cmrt cannot make sense of"):
        return _read(book, name, accepted)  # whatever a file holds, reading it ends in a CmrtError


def _accepted(template: str | Iterable[str] | None) -> tuple[str, ...]:
    names = (template,) if isinstance(template, str) else tuple(template or TEMPLATES)
    unknown = [n for n in names if n not in TEMPLATES]
    if unknown:
        raise ValueError(f"unknown template {unknown[0]!r}; cmrt reads {', '.join(TEMPLATES)}")
    return names


def _read(book: Workbook, source: str | None, accepted: tuple[str, ...]) -> CmrtReport:
    sheet = book.find_sheet("Declaration")
    if sheet is None:
        raise NotTemplateError(
            f"{source or 'the workbook'} has no 'Declaration' sheet, so it is not an RMI reporting template "
            f"(sheets: {', '.join(book.sheet_names[:12])})"
        )
    decl = Cells(sheet, book.rows(sheet, MAX_DECLARATION_ROWS))
    ctx = Context(
        book, source, decl,
        language=_LANGUAGES.get(fold(decl.get(3, 4)), clean(decl.get(3, 4)) or "English"),
        recalculated=any(clean(decl.get(row, 2)) for row in range(6, 10)),
    )  # fmt: skip
    template = _template(ctx)
    version, version_date = _version(ctx)
    if template not in accepted:
        raise WrongTemplateError(
            f"{source or 'the workbook'} is an RMI {template} (version {version}), not "
            f"{' or '.join('an ' + t if t[0] in 'AE' else 'a ' + t for t in accepted)}",
            template,
            version,
        )
    ctx.family = family_for(version, template)
    declaration, field_cells, required = read_declaration(ctx)
    minerals = read_minerals(ctx)
    if ctx.family.selection_cells:
        field_cells["minerals"] = f"Declaration!{ctx.family.selection_cells[0]}"
    report = CmrtReport(
        template=template, version=version, version_date=version_date, language=ctx.language,
        declaration=declaration, answers=tuple(read_questions(ctx, minerals)),
        company_answers=tuple(read_company_questions(ctx, minerals)), smelters=tuple(read_smelters(ctx)),
        products=tuple(read_products(ctx)), problems=(), source=source, field_cells=field_cells,
        required_fields=required, minerals=minerals, mines=tuple(read_mines(ctx)),
    )  # fmt: skip
    for note in book.notes:  # cells no template has, left unread: said, not dropped silently
        ctx.problem(Severity.WARNING, "cells-ignored", note)
    return attrs.evolve(report, problems=tuple(ctx.problems) + check(report))


def _template(ctx: Context) -> str:
    """The template, by the Declaration's title; an untitled file with CMRT labels is a CMRT."""
    title = fold(ctx.label(ctx.decl, 2, 4))
    for template, pattern in _TITLES:
        if searcher(pattern)(title):
            if template not in TEMPLATES:
                version = _version(ctx)[0]
                raise WrongTemplateError(
                    f"{ctx.source or 'the workbook'} is an RMI {template} (version {version}), which cmrt "
                    f"does not read", template, version,
                )  # fmt: skip
            return template
    if not any(key_for(ctx.label(ctx.decl, r), DECLARATION_PATTERNS) for r in range(5, 25)):
        raise NotTemplateError(
            f"{ctx.source or 'the workbook'} has a 'Declaration' sheet but no template title or labels"
        )
    return "CMRT"


def _version(ctx: Context) -> tuple[str, dt.date | None]:
    """The printed version: Declaration!J3 ("Revision 6.5\\nApril 25, 2025"; CMRT 1 splits it over
    I3 "Revision" and J3 "1.   July 18th 2011"), else the copy on the Smelter List's row 3."""
    j3, i3 = clean(ctx.decl.get(3, 10)), clean(ctx.decl.get(3, 9))
    texts = [f"{i3} {j3}" if i3 and j3 and i3.lower() == "revision" else j3]
    smelter = ctx.sheet("Smelter List", "Smelter and Mine List", max_rows=4)
    if smelter is not None:
        texts += [clean(smelter.get(3, col)) for col in (17, 15, 14, 18)]
    for text in texts:
        match = VERSION_PATTERN.match(text or "")
        if match and re.match(r"\s*(revision|version)\b", text or "", re.I):
            return match.group(1), parse_version_date(match.group(2))
    ctx.problem(Severity.WARNING, "version-unknown", "the template version could not be read",
                ctx.decl.ref(3, 10))  # fmt: skip
    return "unknown", None
