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

import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from cmrt.workbook import Source, open_workbook
from cmrt.workbook.guard import engine_errors

if TYPE_CHECKING:
    from cmrt.records import CmrtReport

__all__ = ["TEMPLATES", "VERSION_PATTERN", "column_letter", "read"]

TEMPLATES = ("CMRT", "EMRT", "CRT", "AMRT")
"""The templates cmrt reads."""
EVERY_READ = ("Declaration", "Smelter List", "Smelter and Mine List", "Product List", "Mine List")
"""The sheets a read asks for whatever the file holds (those it has), in that order: the look-up and
``L`` are read only where a file needs them."""


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
    book, name = open_workbook(source, password=password, ahead=EVERY_READ)
    with book:
        if "cmrt.reading.template" not in sys.modules:  # the first read: the sheets are parsed meanwhile
            book.prefetch(*EVERY_READ)
        from cmrt.reading.template import read_book

        with engine_errors(f"{name or 'the workbook'}: content cmrt cannot make sense of"):
            return read_book(book, name, accepted)  # whatever a file holds, reading it ends in a CmrtError


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
