"""The list sheets: Smelter List, Mine List and Product List, found by their header texts.

The Smelter List is pre-filled with formulas down to its last row, so a row counts only where the
supplier typed an ID, picked a metal or look-up value, or typed a name. In a file saved by a tool that
never calculated, the cells those formulas fill are recomputed from the template's own look-up sheet,
as Excel would show them.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Iterator
from itertools import chain, compress
from typing import Any

import attrs

from cmrt.identity.ids import normalize_smelter_id
from cmrt.layouts import HEADER_PATTERNS, LOOKUP_PATTERNS, PRODUCT_PATTERNS, key_for
from cmrt.layouts.vocabulary import MINE_PATTERNS, fold, is_known_answer, normalize_answer
from cmrt.reading.cells import BLANK, Cells, Context, clean, is_footer
from cmrt.records import MineEntry, Product, RowKind, Severity, SmelterEntry, normalize_metal

__all__ = ["NOT_LISTED", "NOT_YET_IDENTIFIED", "read_mines", "read_products", "read_smelters"]

MAX_PRODUCT_ROWS = 10_000
_NO_COLUMNS = {"metal": 1, "alias": 2, "smelter_id": 3}
"""A catalogue without a table (no look-up sheet, or one without these columns) has no rows."""
_BLOCK = 64
"""Rows tested for blanks at once."""
NOT_LISTED = "smelter not listed"
NOT_YET_IDENTIFIED = "smelter not yet identified"


def _key(text: str | None) -> str:
    """A look-up key as Excel's MATCH compares text: case-insensitive, here also spacing-insensitive."""
    return " ".join(text.split()).casefold() if text else ""


class _Catalogue:
    """The template's own smelter look-up: (metal, alias) -> row, and ID -> first row, each index built
    when a Smelter List row first needs it (a file saved with results never needs the IDs). A row's other
    cells become an entry only when a row asks for it (a file uses a few of its 600 rows)."""

    def __init__(self, table: list[list[Any]], first: int, columns: dict[str, int]) -> None:
        self.table = table
        self.columns = columns
        self._entries: dict[int, dict[str, str | None]] = {}
        self._read_row = _row_reader(columns)
        self._listed = _listed_rows(table, first, columns["metal"], columns["alias"])
        """(index, metal, alias) of every row naming a metal and an alias, as text."""
        self._by_alias: dict[tuple[str, str], int] | None = None
        self._by_id: dict[str, int] | None = None

    @property
    def rows(self) -> int:
        """How many rows name a metal and an alias."""
        return len(self._listed)

    @property
    def by_alias(self) -> dict[tuple[str, str], int]:
        """(metal key, alias key) -> the first row with them (see :func:`_key`)."""
        if self._by_alias is None:
            metal_keys: dict[str, str] = {}  # a few metals, 600 rows
            by_alias: dict[tuple[str, str], int] = {}
            for index, metal, alias in self._listed:
                metal_key = metal_keys.get(metal)
                if metal_key is None:
                    metal_key = metal_keys[metal] = _key(normalize_metal(metal))
                by_alias.setdefault((metal_key, " ".join(alias.split()).casefold()), index)  # _key(alias)
            self._by_alias = by_alias
        return self._by_alias

    @property
    def by_id(self) -> dict[str, int]:
        """Normalised smelter ID -> the first row with it."""
        if self._by_id is None:
            by_id: dict[str, int] = {}
            col = self.columns["smelter_id"] - 1
            table = self.table
            for index, _, _ in self._listed:
                raw = table[index]
                smelter_id = normalize_smelter_id(clean(raw[col]) if col < len(raw) else None)
                if smelter_id:
                    by_id.setdefault(smelter_id, index)
            self._by_id = by_id
        return self._by_id

    def entry(self, index: int | None) -> dict[str, str | None] | None:
        """Row ``index`` of the table by key (metal and ID normalised, standard name at least the alias);
        ``None`` for no row."""
        if index is None:
            return None
        if index not in self._entries:
            entry = self._read_row(self.table[index])
            entry["metal"] = normalize_metal(entry["metal"])
            entry["standard_name"] = entry.get("standard_name") or entry["alias"]
            entry["smelter_id"] = normalize_smelter_id(entry.get("smelter_id"))
            entry["id_source"] = entry.pop("source", None)
            self._entries[index] = entry
        return self._entries[index]


def _listed_rows(
    table: list[list[Any]], first: int, metal_col: int, alias_col: int
) -> list[tuple[int, str, str]]:
    """(index, metal, alias) of the rows from index ``first`` on whose metal and alias cells hold text
    (as :func:`clean` gives it)."""
    listed = []
    metal_at, alias_at = metal_col - 1, alias_col - 1
    for index in range(first, len(table)):
        raw = table[index]
        width = len(raw)
        metal = clean(raw[metal_at]) if metal_at < width else None
        if metal:
            alias = clean(raw[alias_at]) if alias_at < width else None
            if alias:
                listed.append((index, metal, alias))
    return listed


def header(
    ctx: Context, cells: Cells, patterns: tuple[tuple[str, str], ...], default: int, rows: range
) -> tuple[int, dict[str, int]]:
    """The header row among ``rows`` (the one naming most known columns) and its column map.

    The family's usual row is tried first and kept when it names most of the columns."""
    best_row, best = default, _columns(ctx, cells, default, patterns)
    if len(best) >= len(patterns) // 2:
        return best_row, best
    for row in rows:
        columns = _columns(ctx, cells, row, patterns)
        if len(columns) > len(best):
            best_row, best = row, columns
    return best_row, best


def _columns(ctx: Context, cells: Cells, row: int, patterns: tuple[tuple[str, str], ...]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for col in range(1, 41):  # labels saved without results are blank cells: scan a fixed width
        key = key_for(ctx.label(cells, row, col), patterns)
        if key and key not in columns:
            columns[key] = col
    return columns


# -- Smelter List ------------------------------------------------------------------------------------


def read_smelters(ctx: Context, then: tuple[str, ...] = ()) -> list[SmelterEntry]:
    """The Smelter List's filled rows. The engine is given the look-up at the first row that will need
    it, and the sheets ``then`` names once every row is found, to parse while the rows are built."""
    family = ctx.layout
    cells = ctx.sheet(
        family.smelter_sheet, "Smelter List", "Smelter and Mine List", max_rows=family.smelter_last_row
    )
    if cells is None:
        ctx.problem(Severity.ERROR, "sheet-missing", "the workbook has no Smelter List sheet")
        ctx.book.prefetch(*then)
        return []
    header_row, columns = header(ctx, cells, HEADER_PATTERNS, family.smelter_header_row, range(1, 11))
    for key, col in family.smelter_cols.items():
        if header_row == family.smelter_header_row and col not in columns.values():
            columns.setdefault(key, col)
    keys = [columns[k] for k in ("smelter_id_input", "metal", "lookup_name", "name") if k in columns]
    last = min(len(cells.rows), family.smelter_last_row)
    read_row = _row_reader(columns)
    filled = []
    lookup = family.lookup_sheet  # queued for the engine at the first row that needs it
    for row in _filled_rows(cells.rows, header_row + 1, last, keys):  # formulas pre-fill blank rows
        values = read_row(cells.rows[row - 1])
        if is_footer(values):
            break
        get = values.get
        if get("smelter_id_input") or get("metal") or get("lookup_name") or get("name"):
            filled.append((row, values))
            if lookup and _needs_catalogue(ctx, values, columns):
                ctx.book.prefetch(lookup)
                lookup = None
    ctx.book.prefetch(*then)
    catalogue = functools.cache(lambda: _catalogue(ctx))  # read only when a row needs it
    return [_smelter(ctx, cells, row, values, columns, catalogue) for row, values in filled]


def _needs_catalogue(ctx: Context, v: dict[str, str | None], columns: dict[str, int]) -> bool:
    """Whether :func:`_smelter` will look the row up in the template's look-up: a value picked from it is
    checked against it, and where the file was saved without results, a picked value or a typed ID fills
    the row from it. (Said before the rows are built, so that the look-up is parsed meanwhile.)"""
    lookup = v.get("lookup_name")
    picked = _picked(ctx, v.get("metal"), lookup, _special(lookup))
    if not ctx.recalculated:
        return picked or bool(not lookup and normalize_smelter_id(v.get("smelter_id_input")))
    return picked and "lookup_name" in columns


def _picked(ctx: Context, metal: str | None, lookup: str | None, special: str | None) -> bool:
    """Whether a row names a metal (the CRT's one mineral where it shows none) and a value picked from
    the look-up, not one of its two ``special`` values (:func:`_special`)."""
    return bool((metal or len(ctx.layout.minerals) == 1) and lookup and not special)


def _filled_rows(rows: list[list[Any]], first: int, last: int, cols: list[int]) -> Iterator[int]:
    """The numbers of rows ``first`` to ``last`` (1-based) whose cells in ``cols`` are not all blank
    (empty, an error, a formula's zero, spaces). The templates pre-fill thousands of blank rows: they are
    passed over a block at a time, before anything is built from them."""
    if not cols:
        return
    pick = operator.itemgetter(*(c - 1 for c in cols))
    cells = (lambda block: map(pick, block)) if len(cols) == 1 else (lambda block: chain(*map(pick, block)))
    row_cells = pick if len(cols) > 1 else (lambda raw: (pick(raw),))
    for start in range(first, last + 1, _BLOCK):
        end = min(start + _BLOCK, last + 1)
        try:
            if BLANK.issuperset(cells(rows[start - 1 : end - 1])):
                continue
        except IndexError:  # a short row (the fallback engines give ragged ones): row by row
            pass
        for row in range(start, end):
            raw = rows[row - 1]
            try:
                values = row_cells(raw)
            except IndexError:
                values = [raw[c - 1] for c in cols if c <= len(raw)]
            if not BLANK.issuperset(values) and any(v not in BLANK and str(v).strip() for v in values):
                yield row


def _values(raw: list[Any], columns: dict[str, int]) -> dict[str, str | None]:
    """A row's cells by column key, as text (blanks as ``None``)."""
    width = len(raw)
    return {key: clean(raw[col - 1]) if 0 < col <= width else None for key, col in columns.items()}


def _row_reader(columns: dict[str, int]) -> Callable[[list[Any]], dict[str, str | None]]:
    """:func:`_values` for one sheet's ``columns``, made once per sheet: the cells picked in one call,
    and only those not falsy cleaned (an empty, zero or ``None`` cell is blank: most cells of a row). A
    short row, as the fallback engines give, the slow way."""
    keys, indexes = tuple(columns), tuple(col - 1 for col in columns.values())
    if len(indexes) < 2 or min(indexes) < 0:
        return functools.partial(_values, columns=columns)
    pick = operator.itemgetter(*indexes)
    blank: dict[str, str | None] = dict.fromkeys(keys)

    def read_row(raw: list[Any]) -> dict[str, str | None]:
        try:
            cells = pick(raw)
        except IndexError:
            return _values(raw, columns)
        values = blank.copy()
        values.update(zip(compress(keys, cells), map(clean, filter(None, cells)), strict=True))
        return values

    return read_row


def _smelter(
    ctx: Context,
    cells: Cells,
    row: int,
    v: dict[str, str | None],
    columns: dict[str, int],
    catalogue: Callable[[], _Catalogue],
) -> SmelterEntry:
    id_input = normalize_smelter_id(v.get("smelter_id_input"))
    v["metal"] = normalize_metal(v.get("metal"))
    if not v["metal"] and len(ctx.layout.minerals) == 1:
        v["metal"] = ctx.layout.minerals[0]  # the CRT lists cobalt only; rows with a typed ID may show none
    lookup = v.get("lookup_name")
    special = _special(lookup)
    picked = _picked(ctx, v.get("metal"), lookup, special)
    key = (_key(v.get("metal")), _key(lookup)) if picked else None
    if picked and "lookup_name" in columns and catalogue().rows and key not in catalogue().by_alias:
        ctx.problem(Severity.WARNING, "lookup-not-in-list",
                    f"{v['metal']} smelter {lookup!r} is not in this template's look-up list",
                    cells.ref(row, columns["lookup_name"]))  # fmt: skip
    if not ctx.recalculated:  # formulas saved without results: compute what Excel would show
        lookup = _recompute(v, id_input, key, special, columns, catalogue)
    if special == NOT_LISTED:
        kind = RowKind.NOT_LISTED
    elif special == NOT_YET_IDENTIFIED:
        kind = RowKind.NOT_YET_IDENTIFIED
    elif lookup or id_input or v.get("smelter_id"):
        kind = RowKind.LISTED
    else:
        kind = RowKind.NOT_LISTED  # a name typed with no look-up value
    name = v.get("name") or v.get("standard_name") or lookup
    if kind is RowKind.NOT_YET_IDENTIFIED:
        name = v.get("name")  # a placeholder names no facility (the template shows "Unknown")
    smelter_id = normalize_smelter_id(v.get("smelter_id"))
    if id_input and smelter_id and id_input != smelter_id:
        ctx.problem(Severity.WARNING, "smelter-id-mismatch",
                    f"the ID typed in column A ({id_input}) differs from the row's ID ({smelter_id})",
                    cells.ref(row, columns.get("smelter_id_input", 1)))  # fmt: skip
    return SmelterEntry(
        row=row, kind=kind, metal=v.get("metal"), lookup_name=lookup, name=name, country=v.get("country"),
        smelter_id=smelter_id or id_input, id_source=v.get("id_source"), street=v.get("street"),
        city=v.get("city"), state_province=v.get("state_province"), contact_name=v.get("contact_name"),
        contact_email=v.get("contact_email"), next_steps=v.get("next_steps"),
        mine_names=v.get("mine_names"),
        mine_countries=v.get("mine_countries"), recycled_scrap=_in_english(ctx, v.get("recycled_scrap")),
        comments=v.get("comments"), standard_name=v.get("standard_name"), smelter_id_input=id_input,
    )  # fmt: skip


def _special(lookup: str | None) -> str | None:
    """:data:`NOT_LISTED` or :data:`NOT_YET_IDENTIFIED` where the look-up value is one of them (in any
    case, spacing or punctuation :func:`fold` evens out), else ``None``."""
    if not lookup or "smelter" not in lookup.lower():  # both say it: most values need no folding
        return None
    folded = fold(lookup)
    return folded if folded in (NOT_LISTED, NOT_YET_IDENTIFIED) else None


def _in_english(ctx: Context, answer: str | None) -> str | None:
    """A dropdown answer in English, also where the template stores it in the UI language (AMRT)."""
    value = normalize_answer(answer)
    if value and not is_known_answer(value) and ctx.language != "English":
        value = normalize_answer(ctx.translations.to_english(value)) or value
    return value


def _recompute(
    v: dict[str, str | None],
    id_input: str | None,
    key: tuple[str, str] | None,
    special: str | None,
    columns: dict[str, int],
    catalogue: Callable[[], _Catalogue],
) -> str | None:
    """Fill the auto-filled cells of one row as the template's formulas would; returns the look-up."""
    known = None
    if id_input and not v.get("lookup_name"):  # option A: the typed ID fills metal, look-up and the rest
        known = catalogue().entry(catalogue().by_id.get(id_input))
        if known:
            v["metal"] = v.get("metal") or known["metal"]
            v["lookup_name"] = known["standard_name"]
    elif key:
        known = catalogue().entry(catalogue().by_alias.get(key))
    if known:
        for field in ("country", "smelter_id", "id_source", "street", "city", "state_province"):
            v[field] = v.get(field) or known.get(field)
        v["standard_name"] = v.get("standard_name") or known["standard_name"]
    elif special == NOT_LISTED and "id_source" in columns:
        v["id_source"] = v.get("id_source") or "Enter smelter details"
    return v.get("lookup_name")


def _catalogue(ctx: Context) -> _Catalogue:
    family = ctx.layout
    cells = ctx.sheet(family.lookup_sheet) if family.lookup_sheet else None
    if cells is None:
        return _Catalogue([], 0, _NO_COLUMNS)
    header_row, columns = header(ctx, cells, LOOKUP_PATTERNS, family.lookup_header_row, range(1, 7))
    if columns.get("alias") == 2:
        columns.setdefault("metal", 1)  # the 2.x/3.x 'K' sheet leaves the metal column's header blank
    if not {"metal", "alias", "smelter_id"} <= columns.keys():
        return _Catalogue([], 0, _NO_COLUMNS)
    return _Catalogue(cells.rows, header_row, columns)


# -- Mine List and Product List ----------------------------------------------------------------------


def read_mines(ctx: Context) -> Iterator[MineEntry]:
    """Mine List rows (EMRT 2.x, AMRT): those naming a mine or its smelter."""
    family = ctx.layout
    cells = ctx.sheet(family.mine_sheet, max_rows=family.smelter_last_row) if family.mine_sheet else None
    if cells is None:
        return
    header_row, columns = header(ctx, cells, MINE_PATTERNS, family.mine_header_row, range(1, 8))
    if "name" not in columns:
        return
    read_row = _row_reader(columns)
    for row in _filled_rows(cells.rows, header_row + 1, len(cells.rows), list(columns.values())):
        values = read_row(cells.rows[row - 1])
        if is_footer(values):
            break
        if not any(values.get(k) for k in ("name", "smelter_names", "mine_id")):
            continue  # the template's formulas and empty-string constants fill blank rows
        values["metal"] = normalize_metal(values.get("metal"))
        fields = {k: values.get(k) for k in attrs.fields_dict(MineEntry) if k != "row"}
        yield MineEntry(row=row, **fields)


def read_products(ctx: Context) -> Iterator[Product]:
    cells = ctx.sheet("Product List", max_rows=MAX_PRODUCT_ROWS)
    if cells is None:
        return
    header_row, columns = header(ctx, cells, PRODUCT_PATTERNS, ctx.layout.product_header_row, range(1, 9))
    if "number" not in columns:
        return
    read_row = _row_reader(columns)
    for row in _filled_rows(cells.rows, header_row + 1, len(cells.rows), list(columns.values())):
        values = read_row(cells.rows[row - 1])
        if is_footer(values):
            break
        if any(values.values()):
            yield Product(row=row, **values)
