"""The engine's steps for one opened workbook: which template and version, then its layout family's
cells and lists (:mod:`cmrt.reading` opens the file and starts the engine first)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import attrs

from cmrt.check import check
from cmrt.dates import parse_version_date
from cmrt.errors import NotTemplateError, WrongTemplateError
from cmrt.layouts import DECLARATION_PATTERNS, family_for, key_for
from cmrt.layouts.vocabulary import fold, searcher
from cmrt.reading import LAST, LISTS, MAX_DECLARATION_ROWS, TEMPLATES, saved_with_results
from cmrt.reading.cells import VERSION_PATTERN, Cells, Context, clean
from cmrt.reading.declaration import (
    read_company_questions,
    read_declaration,
    read_minerals,
    read_questions,
)
from cmrt.reading.lists import read_mines, read_products, read_smelters
from cmrt.records import CmrtReport, Severity
from cmrt.workbook import Workbook

__all__ = ["read_book"]

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


def read_book(book: Workbook, source: str | None, accepted: tuple[str, ...]) -> CmrtReport:
    """The report of an opened workbook, one of the ``accepted`` templates (anything else raises)."""
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
        recalculated=saved_with_results(decl.rows),
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
    answers = tuple(read_questions(ctx, minerals))
    company_answers = tuple(read_company_questions(ctx, minerals))
    lookup = (ctx.family.lookup_sheet,) if ctx.family.lookup_sheet else ()
    book.prepare(*lookup, *LAST, until=(ctx.family.smelter_sheet, *LISTS[1:]))  # while it is parsed
    report = CmrtReport(
        template=template, version=version, version_date=version_date, language=ctx.language,
        declaration=declaration, answers=answers, company_answers=company_answers,
        smelters=tuple(read_smelters(ctx, then=LAST)), products=tuple(read_products(ctx)),
        problems=(), source=source, field_cells=field_cells, required_fields=required, minerals=minerals,
        mines=tuple(read_mines(ctx)),
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


def _version_texts(ctx: Context, declared: str | None) -> Iterator[str | None]:
    """The Declaration's version text, then the Smelter List's copies, read only where needed (the
    Smelter List is the largest sheet: it is parsed meanwhile, while the Declaration is read)."""
    yield declared
    smelter = ctx.sheet("Smelter List", "Smelter and Mine List", max_rows=4)
    if smelter is not None:
        yield from (clean(smelter.get(3, col)) for col in (17, 15, 14, 18))


def _version(ctx: Context) -> tuple[str, dt.date | None]:
    """The printed version: Declaration!J3 ("Revision 6.5\\nApril 25, 2025"; CMRT 1 splits it over
    I3 "Revision" and J3 "1.   July 18th 2011"), else the copy on the Smelter List's row 3."""
    j3, i3 = clean(ctx.decl.get(3, 10)), clean(ctx.decl.get(3, 9))
    for text in _version_texts(ctx, f"{i3} {j3}" if i3 and j3 and i3.lower() == "revision" else j3):
        match = VERSION_PATTERN.match(text or "")
        if match and re.match(r"\s*(revision|version)\b", text or "", re.I):
            return match.group(1), parse_version_date(match.group(2))
    ctx.problem(Severity.WARNING, "version-unknown", "the template version could not be read",
                ctx.decl.ref(3, 10))  # fmt: skip
    return "unknown", None
