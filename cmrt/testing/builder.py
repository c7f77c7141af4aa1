"""Build template-SHAPED CMRT, EMRT, CRT and AMRT workbooks for tests and examples.

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

from cmrt.layouts import FAMILIES, Family, family_for, release_for
from cmrt.testing.declaration import write_declaration, write_revision, write_title_sheet
from cmrt.testing.examples_data import EXAMPLE_LOOKUP, EXAMPLE_MINERALS_LOOKUP
from cmrt.testing.form import Form, Spec
from cmrt.testing.minerals_declaration import chosen_order, write_mineral_declaration
from cmrt.testing.rows import LookupRow, MineRow, SmelterRow
from cmrt.testing.sheets import (
    place_lookup,
    write_countries,
    write_k_3,
    write_l,
    write_lookup_6,
    write_mine_list,
    write_product_list,
    write_smelter_list,
    write_standard_names_3,
)
from cmrt.testing.sinks import Sink, XlsSink, XlsxSink
from cmrt.testing.translations import SUPPORTED_LANGUAGES

__all__ = [
    "BUILT_VERSIONS", "EXAMPLE_LOOKUP", "EXAMPLE_MINERALS_LOOKUP", "LookupRow", "MineRow", "SmelterRow",
    "build_cmrt", "build_report", "write_cmrt",
]  # fmt: skip

_EMPTY: Mapping[Any, Any] = MappingProxyType({})
_BUILT_FAMILIES = ("CMRT 6", "CMRT 3", "EMRT 2", "EMRT 1", "CRT 2.2", "AMRT 1.3", "AMRT 1.2")
BUILT_VERSIONS: dict[str, tuple[str, ...]] = {
    template: tuple(
        r.version
        for f in reversed(FAMILIES)
        if f.template == template and f.name in _BUILT_FAMILIES
        for r in f.releases
        if r.date
    )
    for template in ("CMRT", "EMRT", "CRT", "AMRT")
}
"""The versions :func:`build_report` builds, per template, oldest first (those with a known release date)."""


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
    return build_report(
        "CMRT", version=version, fmt=fmt, language=language, declaration=declaration, answers=answers,
        comments=comments, company_answers=company_answers, company_comments=company_comments,
        smelters=smelters, products=products, lookup=lookup, recalculated=recalculated, last_row=last_row,
    )  # fmt: skip


def build_report(
    template: str = "CMRT",
    *,
    version: str | None = None,
    fmt: str = "xlsx",
    language: str = "English",
    minerals: Sequence[str] | None = None,
    declaration: Mapping[str, object] = _EMPTY,
    answers: Mapping[tuple[str, str], object] = _EMPTY,
    comments: Mapping[tuple[str, str], str] = _EMPTY,
    company_answers: Mapping[Any, object] = _EMPTY,
    company_comments: Mapping[Any, str] = _EMPTY,
    smelters: Sequence[SmelterRow] = (),
    mines: Sequence[MineRow] = (),
    products: Sequence[tuple[str, str | None]] | Sequence[Mapping[str, str]] = (),
    lookup: Sequence[LookupRow] | None = None,
    recalculated: bool = True,
    last_row: int | None = None,
) -> bytes:
    """Return the bytes of a template-shaped CMRT, EMRT, CRT or AMRT filled with the given answers.

    ``version``: one of :data:`BUILT_VERSIONS` for the template (default: its newest). ``minerals``: the
    minerals chosen in the EMRT 2's and AMRT's selection cells (default: all the EMRT 2's; the AMRT needs
    them; one not on the AMRT 1.3's list goes in as "Other"). ``answers``/``comments`` are keyed by
    (question number, mineral); ``company_answers``/``company_comments`` by letter, or (letter, mineral)
    for a question asked per mineral (the EMRT's C). ``mines`` fill the Mine List (EMRT 2, AMRT).
    ``lookup``: the look-up sheet's rows (default: illustrative ones for the template's minerals). The
    rest as for :func:`build_cmrt`.

    >>> build_report("EMRT", declaration={"company_name": "Example Co."})[:2]
    b'PK'
    """
    if template not in BUILT_VERSIONS:
        raise ValueError(f"unknown template {template!r}; use one of {sorted(BUILT_VERSIONS)}")
    version = version or BUILT_VERSIONS[template][-1]
    if version not in BUILT_VERSIONS[template]:
        raise ValueError(f"unsupported {template} version {version!r}; use one of {BUILT_VERSIONS[template]}")
    if fmt not in ("xlsx", "xls"):
        raise ValueError(f"fmt must be 'xlsx' or 'xls', not {fmt!r}")
    if fmt == "xls" and not recalculated:
        raise ValueError("an .xls cannot hold formulas without cached values; use recalculated=True")
    family = family_for(version, template)
    supported = [lang for lang in SUPPORTED_LANGUAGES if lang in family.languages]
    if language not in supported:
        raise ValueError(f"language must be one of {supported}, not {language!r}")
    spec = Spec(family, release_for(family, version))
    chosen = _minerals(family, minerals)
    order = chosen_order(chosen) if family.selection_cells else family.minerals
    _check_keys("declaration keys", declaration, [f.key for f in family.fields])
    numbers = [q.number for q in family.questions]
    _check_keys("(question, mineral) keys", [*answers, *comments], [(q, m) for q in numbers for m in order])
    letters: list[object] = [q.number for q in family.company_questions if not q.per_mineral]
    letters += [(q.number, m) for q in family.company_questions if q.per_mineral for m in order]
    _check_keys("company question keys", [*company_answers, *company_comments], letters)
    if lookup is None:
        lookup = EXAMPLE_LOOKUP if template == "CMRT" else tuple(
            r for r in EXAMPLE_MINERALS_LOOKUP if r.metal in (family.minerals or order)
        )  # fmt: skip

    sink: Sink = (
        XlsxSink(family.sheets, formulas=not recalculated, epoch_1904=family.date_1904)
        if fmt == "xlsx"
        else XlsSink(family.sheets, epoch_1904=family.date_1904)
    )
    form = Form(sink, spec, language)
    placed = place_lookup(lookup, spec) if family.lookup_sheet else []
    write_revision(form)
    for sheet in ("Instructions", "Definitions", "Checker"):
        write_title_sheet(form, sheet, f"{sheet} (template-shaped workbook made by cmrt)")
    if template == "CMRT":
        write_declaration(form, declaration, answers, comments, company_answers, company_comments)
        write_smelter_list(form, smelters, placed, last_row)
    else:
        write_mineral_declaration(
            form, chosen, declaration, answers, comments, company_answers, company_comments
        )
        write_smelter_list(form, smelters, placed, last_row, minerals=order)
        write_mine_list(form, mines)
    write_product_list(form, products)
    if family.lookup_sheet == "Smelter Look-up":
        write_lookup_6(form, placed)
    elif family.lookup_sheet == "K":
        write_k_3(form, placed)
        write_standard_names_3(form, lookup)
    write_countries(form)
    write_l(form)
    return sink.finish()


def _minerals(family: Family, minerals: Sequence[str] | None) -> tuple[str, ...]:
    """The minerals a test file declares: chosen where the template has selection cells."""
    if not family.selection_cells:
        if minerals is not None and tuple(minerals) != family.minerals:
            raise ValueError(
                f"the {family.name} lists {', '.join(family.minerals)}; it has no selection cells"
            )
        return family.minerals
    if minerals is None:
        if family.template == "AMRT":
            raise ValueError("give the minerals an AMRT declares (minerals=...)")
        return family.minerals
    unknown = set(minerals) - set(family.minerals) if family.template == "EMRT" else set()
    if unknown:
        raise ValueError(f"the {family.name} has no {sorted(unknown)}; choose among {family.minerals}")
    return tuple(minerals)


def write_cmrt(path: str | os.PathLike[str], **options: Any) -> Path:
    """Write :func:`build_cmrt` ``(**options)`` to ``path`` and return it, for examples and fixtures."""
    target = Path(path)
    target.write_bytes(build_cmrt(**options))
    return target
