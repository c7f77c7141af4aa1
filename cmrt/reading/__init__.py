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

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from cmrt.workbook import Rows, Source, cell_text, open_workbook
from cmrt.workbook.guard import engine_errors

if TYPE_CHECKING:
    from cmrt.records import CmrtReport
    from cmrt.workbook import Workbook

__all__ = ["TEMPLATES", "VERSION_PATTERN", "column_letter", "read", "read_one"]

TEMPLATES = ("CMRT", "EMRT", "CRT", "AMRT")
"""The templates cmrt reads."""
LISTS = ("Product List", "Smelter List", "Smelter and Mine List")
"""The lists every read parses once the Declaration is: the Product List first, which is small and is
parsed while the Smelter List's markup is still being checked (after it where ``L`` is parsed then)."""
LAST = ("Mine List",)
"""Parsed last, once it is known whether the Smelter List's rows need the look-up (which goes first)."""
EVERY_READ = ("Declaration", *LISTS, *LAST)
"""The sheets a read asks for whatever the file holds (those it has): the look-up and ``L`` are read
only where a file needs them."""
MAYBE_READ = ("L", *LISTS, *LAST)
"""What a read may ask for once the Declaration tells which (``L`` for labels in another language or
saved without results): inflated while calamine opens the file. (The look-up, which only a filled file
needs, is checked while the Smelter List is parsed.)"""
MAX_DECLARATION_ROWS = 200
"""Rows of the Declaration read (every template's last question is above it)."""


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
    book, name = open_workbook(source, password=password, ahead=EVERY_READ[:1], maybe=MAYBE_READ)
    with book:
        with engine_errors(f"{name or 'the workbook'}: cannot read its Declaration"):
            book.prefetch(*_next_sheets(book))
        from cmrt.reading.template import read_book  # the first read's imports: while they are parsed

        with engine_errors(f"{name or 'the workbook'}: content cmrt cannot make sense of"):
            return read_book(book, name, accepted)  # whatever a file holds, reading it ends in a CmrtError


def read_one(source: Source, password: str | None = None) -> CmrtReport:
    """:func:`read` for a worker process: anything at all that goes wrong is a :class:`~cmrt.CmrtError`."""
    with engine_errors("unexpected failure while reading"):
        return read(source, password=password)


def _next_sheets(book: Workbook) -> tuple[str, ...]:
    """The sheets the engine is to parse once the Declaration is read: ``L`` first where the labels must
    come from it (a UI language other than English, or a file saved without formula results: its label
    cells are blank), and the :data:`LISTS`. Only an order of work: what is read, and how, is
    :func:`~cmrt.reading.template.read_book`'s to decide (a sheet not queued is parsed when asked for)."""
    sheet = book.find_sheet(EVERY_READ[0])
    rows = book.rows(sheet, MAX_DECLARATION_ROWS) if sheet else []
    language = cell_text(rows[2][3]) if len(rows) > 2 and len(rows[2]) > 3 else None
    english = (language or "English").casefold() == "english"
    if english and saved_with_results(rows):  # the Product List is parsed while the Smelter List is checked
        return LISTS
    return ("L", *LISTS[1:], LISTS[0])  # ... or L, if the labels need it


def saved_with_results(declaration: Rows) -> bool:
    """Whether the Declaration's labels B6:B9 hold text. Every label cell of a real template is a
    formula: blank ones mean a tool that never calculated saved the file, and its formula cells must be
    recomputed from the template's own data (labels from ``L``, list rows from the look-up)."""
    return any(cell_text(row[1]) for row in declaration[5:9] if len(row) > 1)


def _accepted(template: str | Iterable[str] | None) -> tuple[str, ...]:
    names = (template,) if isinstance(template, str) else tuple(template or TEMPLATES)
    unknown = [n for n in names if n not in TEMPLATES]
    if unknown:
        raise ValueError(f"unknown template {unknown[0]!r}; cmrt reads {', '.join(TEMPLATES)}")
    return names


def __getattr__(name: str) -> Any:  # PEP 562: what the engine's steps define, loaded with them
    if name in ("VERSION_PATTERN", "column_letter"):
        from cmrt.reading import cells

        return getattr(cells, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
