"""Build template-SHAPED CMRT workbooks for tests and examples.

The Conflict Minerals Reporting Template (CMRT) is an Excel form published by the Responsible Minerals
Initiative (RMI). cmrt may not ship RMI's templates or their data, so this module creates workbooks from
scratch (openpyxl for .xlsx, xlwt for .xls) that have the same *shape* as the real templates: the same
sheet names and order, the same label cells, header rows and columns, and the hidden ``L`` (labels and
translations) and ``C`` (countries) sheets.  A reader written for the real templates therefore reads them.

These workbooks are made by cmrt; they are NOT RMI's templates.  They carry no RMI data, instructions,
formatting, validation or protection, and the label translations are cmrt's own short paraphrases.
:data:`EXAMPLE_LOOKUP` lists made-up facilities with fictitious identifiers (``CID9xxxxx``); it is not
RMI's smelter list.

Cells hold what Excel shows once a supplier filled the form.  With ``recalculated=True`` the values the
template's formulas would show are written as plain values, including the quirks of real files:
metal labels carry their ``(*)`` marker, an ID typed in column A that matches no look-up row shows
``#N/A``, a look-up field left empty shows ``0`` in Smelter List columns F and H-J, and blank pre-filled
rows carry ``#N/A`` (hidden column V) and ``0`` (hidden column X).  With ``recalculated=False`` those cells
are formulas without cached values, like a file saved by a tool that never calculated.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any

from cmrt.layouts import FAMILIES, family_for, release_for
from cmrt.testing.declaration import write_declaration, write_revision, write_title_sheet
from cmrt.testing.examples_data import EXAMPLE_LOOKUP
from cmrt.testing.form import Form, Spec
from cmrt.testing.rows import LookupRow, SmelterRow
from cmrt.testing.sheets import (
    place_lookup,
    write_countries,
    write_k_3,
    write_l,
    write_lookup_6,
    write_product_list,
    write_smelter_list,
    write_standard_names_3,
)
from cmrt.testing.sinks import Sink, XlsSink, XlsxSink
from cmrt.testing.translations import SUPPORTED_LANGUAGES

__all__ = ["BUILT_VERSIONS", "EXAMPLE_LOOKUP", "LookupRow", "SmelterRow", "build_cmrt", "write_cmrt"]

_EMPTY: Mapping[Any, Any] = MappingProxyType({})
BUILT_VERSIONS = tuple(r.version for f in FAMILIES if f.name in ("CMRT 6", "CMRT 3") for r in f.releases)
"""The versions :func:`build_cmrt` builds."""


def _check_keys(name: str, keys: Iterable[object], allowed: Iterable[object]) -> None:
    unknown = set(keys) - set(allowed)
    if unknown:
        raise ValueError(f"unknown {name}: {sorted(map(str, unknown))}")


def build_cmrt(
    *,
    version: str = "6.5",
    fmt: str = "xlsx",
    language: str = "English",
    declaration: Mapping[str, object] = _EMPTY,
    answers: Mapping[tuple[str, str], object] = _EMPTY,
    comments: Mapping[tuple[str, str], str] = _EMPTY,
    company_answers: Mapping[str, object] = _EMPTY,
    company_comments: Mapping[str, str] = _EMPTY,
    smelters: Sequence[SmelterRow] = (),
    products: Sequence[tuple[str, str | None]] | Sequence[Mapping[str, str]] = (),
    lookup: Sequence[LookupRow] = EXAMPLE_LOOKUP,
    recalculated: bool = True,
    last_row: int | None = None,
) -> bytes:
    """Return the bytes of a template-shaped CMRT workbook filled with the given answers.

    ``version`` is "6.01", "6.1", "6.22", "6.31", "6.4", "6.5" or "3.01"; ``fmt`` "xlsx" or "xls" (xls
    needs xlwt and ``recalculated=True``).  ``answers``/``comments`` are keyed by (question number, metal),
    ``company_answers``/``company_comments`` by letter.  Values are written exactly as given (" No" stays
    " No"); a ``datetime.date`` effective date becomes an Excel date cell. ``last_row`` pre-fills blank
    Smelter List rows down to that row, as the real template does down to 2504 (default: 20 past the data).

    >>> build_cmrt(declaration={"company_name": "Example Co."})[:2]
    b'PK'
    """
    if version not in BUILT_VERSIONS:
        raise ValueError(f"unsupported version {version!r}; use one of {sorted(BUILT_VERSIONS)}")
    if fmt not in ("xlsx", "xls"):
        raise ValueError(f"fmt must be 'xlsx' or 'xls', not {fmt!r}")
    if fmt == "xls" and not recalculated:
        raise ValueError("an .xls cannot hold formulas without cached values; use recalculated=True")
    if language not in SUPPORTED_LANGUAGES:
        raise ValueError(f"language must be one of {SUPPORTED_LANGUAGES}, not {language!r}")
    family = family_for(version)
    spec = Spec(family, release_for(family, version))
    numbers = [q.number for q in family.questions]
    letters = [q.number for q in family.company_questions]
    _check_keys("declaration keys", declaration, [f.key for f in family.fields])
    _check_keys(
        "(question, metal) keys", [*answers, *comments], [(q, m) for q in numbers for m in family.minerals]
    )
    _check_keys("company question letters", [*company_answers, *company_comments], letters)

    sink: Sink = (
        XlsxSink(family.sheets, formulas=not recalculated, epoch_1904=family.date_1904)
        if fmt == "xlsx"
        else XlsSink(family.sheets, epoch_1904=family.date_1904)
    )
    form = Form(sink, spec, language)
    placed = place_lookup(lookup, spec)
    write_revision(form)
    for sheet in ("Instructions", "Definitions", "Checker"):
        write_title_sheet(form, sheet, f"{sheet} (template-shaped workbook made by cmrt)")
    write_declaration(form, declaration, answers, comments, company_answers, company_comments)
    write_smelter_list(form, smelters, placed, last_row)
    write_product_list(form, products)
    if spec.six:
        write_lookup_6(form, placed)
    else:
        write_k_3(form, placed)
        write_standard_names_3(form, lookup)
    write_countries(form)
    write_l(form)
    return sink.finish()


def write_cmrt(path: str | os.PathLike[str], **options: Any) -> Path:
    """Write :func:`build_cmrt` ``(**options)`` to ``path`` and return it, for examples and fixtures."""
    target = Path(path)
    target.write_bytes(build_cmrt(**options))
    return target
