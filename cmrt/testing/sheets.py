"""The list sheets of a test workbook: look-up (6.x ``Smelter Look-up``, 3.01 ``K`` and ``Standard Smelter
Names``), Smelter List (with the values the template's formulas would show), Product List, ``C`` and ``L``."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import attrs
from openpyxl.utils import get_column_letter

from cmrt.layouts.cmrt import PRODUCT_NOTE
from cmrt.records import METALS
from cmrt.testing.form import AS_TEXT, NA, NOT_LISTED, NOT_YET, Form, Spec, same
from cmrt.testing.rows import LookupRow, MineRow, SmelterRow
from cmrt.testing.translations import translate

__all__ = [
    "SheetRow", "place_lookup", "write_countries", "write_k_3", "write_l", "write_lookup_6",
    "write_mine_list", "write_product_list", "write_smelter_list", "write_standard_names_3",
]  # fmt: skip

_LIST_METALS = ("Tantalum", "Tin", "Tungsten", "Gold")  # metal dropdown source on the Smelter List
_STANDARD_HEADERS = (  # 3.01 Standard Smelter Names A2..E2
    "Metal",
    "Standard Smelter Names",
    "Smelter Facility Location: Country",
    "Old Smelter ID",
    "New Smelter ID",
)
# (alpha-2, ISO name as in the 6.x C sheet, name as in the 3.01 C sheet, alpha-3 as in the 3.01 C sheet)
_COUNTRIES = (
    ("BR", "BRAZIL", "BRAZIL", "BRA"),
    ("CN", "CHINA", "CHINA", "CHN"),
    ("CD", "CONGO, DEMOCRATIC REPUBLIC OF THE", "ZAIRE", "ZAR"),
    ("DE", "GERMANY", "GERMANY", "DEU"),
    ("ID", "INDONESIA", "INDONESIA", "IDN"),
    ("JP", "JAPAN", "JAPAN", "JPN"),
    ("KR", "KOREA, REPUBLIC OF", "KOREA, REPUBLIC OF", "KOR"),
    ("MY", "MALAYSIA", "MALAYSIA", "MYS"),
    ("PE", "PERU", "PERU", "PER"),
    ("RW", "RWANDA", "RWANDA", "RWA"),
    ("TW", "TAIWAN, PROVINCE OF CHINA", "TAIWAN", "TWN"),
    ("GB", "UNITED KINGDOM OF GREAT BRITAIN AND NORTHERN IRELAND", "UNITED KINGDOM", "GBR"),
    ("US", "UNITED STATES OF AMERICA", "UNITED STATES", "USA"),
    ("AU", "AUSTRALIA", "AUSTRALIA", "AUS"),
    ("CA", "CANADA", "CANADA", "CAN"),
    ("CL", "CHILE", "CHILE", "CHL"),
    ("FI", "FINLAND", "FINLAND", "FIN"),
    ("IN", "INDIA", "INDIA", "IND"),
    ("MG", "MADAGASCAR", "MADAGASCAR", "MDG"),
    ("CH", "SWITZERLAND", "SWITZERLAND", "CHE"),
)


@attrs.frozen
class SheetRow:
    """A look-up row as placed on the sheet: special rows have empty (None) fields."""

    row: int
    metal: str
    alias: str
    standard_name: str | None = None
    country: str | None = None
    smelter_id: str | None = None
    source: str | None = None
    street: str | None = None
    city: str | None = None
    state: str | None = None


def place_lookup(lookup: Sequence[LookupRow], spec: Spec) -> list[SheetRow]:
    """Order look-up rows in metal blocks (alphabetical, as the real sheets are) with the special entries
    each real block has."""
    allowed = set(spec.family.minerals)
    unknown_metals = {r.metal for r in lookup} - allowed if allowed else set()
    if unknown_metals:
        raise ValueError(f"look-up metals must be among {sorted(allowed)}, got {sorted(unknown_metals)}")
    six = spec.six
    placed: list[SheetRow] = []
    row = 5 if six else 2
    blocks = {r.metal for r in lookup} | (set(METALS) if spec.family.template == "CMRT" else set())
    for metal in sorted(blocks):
        block = [
            SheetRow(
                0,
                metal,
                r.alias,
                r.standard_name,
                r.country,
                r.smelter_id,
                spec.source,
                r.street,
                r.city,
                r.state,
            )
            for r in lookup
            if r.metal == metal
        ]
        if six:
            block += [SheetRow(0, metal, NOT_LISTED), SheetRow(0, metal, NOT_YET, "Unknown", "Unknown")]
        else:
            block = [SheetRow(0, metal, NOT_YET), *block, SheetRow(0, metal, "Smelter Not Listed")]
        for entry in block:
            placed.append(attrs.evolve(entry, row=row))
            row += 1
    return placed


def write_lookup_6(form: Form, placed: Sequence[SheetRow]) -> None:
    """The visible 6.x ``Smelter Look-up`` sheet: header row 4, data from row 5, J/K = metal & alias."""
    s = "Smelter Look-up"
    form.put(s, 1, 1, "Illustrative look-up list made by cmrt.testing: fictitious facilities, not RMI data.")
    for column in form.spec.family.lookup_columns:
        if column.key != "key":
            form.label(s, 4, column.col, column.header)
    form.put(s, 4, 10, "METAL+Alias")
    form.put(s, 4, 11, "METAL+Alias")
    for e in placed:
        for col, value in enumerate(
            (e.metal, e.alias, e.standard_name, e.country, e.smelter_id, e.source, e.street, e.city, e.state),
            1,
        ):
            form.put(s, e.row, col, value)
        form.put(s, e.row, 10, e.metal + e.alias, f"A{e.row}&B{e.row}")
        form.put(s, e.row, 11, e.metal + e.alias, f"A{e.row}&B{e.row}")
    form.sink.hide_columns(s, 10, 11)


def write_k_3(form: Form, placed: Sequence[SheetRow]) -> None:
    """The hidden 3.01 ``K`` sheet: alias, country, common (standard) name, metal & alias, ID, source."""
    for column in form.spec.family.lookup_columns:
        form.put("K", 1, column.col, column.header)
    for e in placed:
        form.put("K", e.row, 1, e.metal)
        form.put("K", e.row, 2, e.alias)
        form.put("K", e.row, 3, e.country)
        form.put("K", e.row, 4, e.standard_name)
        form.put("K", e.row, 5, e.metal + e.alias, f"A{e.row}&B{e.row}")
        form.put("K", e.row, 6, e.smelter_id)
        form.put("K", e.row, 7, e.source)


def write_standard_names_3(form: Form, lookup: Sequence[LookupRow]) -> None:
    """The visible 3.01 ``Standard Smelter Names`` sheet: header row 2, one row per standard name."""
    s = "Standard Smelter Names"
    form.put(s, 1, 1, "Illustrative list made by cmrt.testing: fictitious facilities, not CFSI data.")
    for col, english in enumerate(_STANDARD_HEADERS, 1):
        form.label(s, 2, col, english)
    unique = {(r.metal, r.standard_name): r for r in lookup}
    for row, r in enumerate(sorted(unique.values(), key=lambda r: (r.metal, r.standard_name)), 3):
        for col, value in enumerate((r.metal, r.standard_name, r.country, None, r.smelter_id), 1):
            form.put(s, row, col, value)


def _first(placed: Sequence[SheetRow], pred: Callable[[SheetRow], bool]) -> SheetRow | None:
    """Excel's exact MATCH: the first row that fits."""
    return next((e for e in placed if pred(e)), None)


def _pulled(entry: SheetRow | None, field: str, *, text: bool) -> object:
    """What a template formula shows for a look-up field: "" on no match, 0 for an empty referenced cell
    (unless the formula appends ``&""``)."""
    if entry is None:
        return ""
    value = getattr(entry, field)
    if value is None or value == "":
        return "" if text else 0
    return value


def _input_cells(r: SmelterRow) -> dict[int, object]:
    """Columns H..Q the supplier types (6.x H..J are formulas and are filled in by the caller)."""
    return {
        11: r.contact_name,
        12: r.contact_email,
        13: r.next_steps,
        14: r.mine_names,
        15: r.mine_countries,
        16: r.recycled,
        17: r.comments,
    }


def _smelter_cells_6(
    r: SmelterRow, placed: Sequence[SheetRow], spec: Spec, n: int
) -> dict[int, tuple[object, str | None]]:
    """Column -> (shown value, formula or None for typed cells) of one 6.x Smelter List row ``n``."""
    look = "'Smelter Look-up'!"
    typed_id = r.smelter_id_input
    by_id = _first(placed, lambda e: same(e.smelter_id, typed_id)) if typed_id else None
    id_b: object = "" if not typed_id else (by_id.metal if by_id else NA)
    id_c: object = "" if not typed_id else (_pulled(by_id, "standard_name", text=False) if by_id else NA)
    b = r.metal if r.metal is not None else id_b
    c = r.lookup if r.lookup is not None else id_c
    d = r.name or ""
    match: SheetRow | None = None
    if NA not in (b, c) and c != "":
        by_name = spec.release.lookup_by_typed_name and (same(c, NOT_LISTED) or same(c, NOT_YET))
        key = f"{b}{d if by_name else c}"
        match = _first(placed, lambda e: same(e.metal + e.alias, key))
    e = r.country if r.country is not None else _pulled(match, "country", text=True)
    if c == NA:
        g: object = NA
    elif same(c, NOT_LISTED):
        g = "RMI" if spec.release.lookup_by_typed_name and match else "Enter smelter details"
    else:
        g = _pulled(match, "source", text=False)
    code = next((a2 for a2, name, _, _ in _COUNTRIES if same(e, name)), "Unknown")
    by_metal_and_alias = f"MATCH($B{n}&$C{n},{look}$J:$J,0)"
    if spec.release.lookup_by_typed_name:
        v_match = (
            f'IF(OR(C{n}="{NOT_LISTED}",C{n}="{NOT_YET}"),MATCH($B{n}&$D{n},{look}$J:$J,0),'
            f"{by_metal_and_alias})"
        )
        not_listed_g = f'IF(ISERROR($V{n}),"Enter smelter details","RMI")'
    else:
        v_match, not_listed_g = by_metal_and_alias, '"Enter smelter details"'
    cells: dict[int, tuple[object, str | None]] = {
        1: (typed_id, None),
        2: (b, None)
        if r.metal is not None
        else (id_b, f'IF(LEN(A{n})=0,"",INDEX({look}$A:$A,MATCH($A{n},{look}$E:$E,0)))'),
        3: (c, None)
        if r.lookup is not None
        else (id_c, f'IF(LEN(A{n})=0,"",INDEX({look}$C:$C,MATCH($A{n},{look}$E:$E,0)))'),
        4: (r.name, None),
        5: (e, None) if r.country is not None else (e, _pull_formula(n, "D", text=True)),
        6: (r.smelter_id, None)
        if r.smelter_id is not None
        else (_pulled(match, "smelter_id", text=False), _pull_formula(n, "E")),
        7: (g, f'IF(C{n}=$X$4,{not_listed_g},IF(ISERROR($V{n}),"",INDEX({look}$F:$F,$V{n})))'),
        8: (_pulled(match, "street", text=False), _pull_formula(n, "G")),
        9: (_pulled(match, "city", text=False), _pull_formula(n, "H")),
        10: (_pulled(match, "state", text=False), _pull_formula(n, "I")),
        18: (_pulled(match, "standard_name", text=True), _pull_formula(n, "C", text=True)),
        19: (
            NA if b == NA else ("" if b == "" else code),
            f'IF(B{n}="","",IF(ISERROR(MATCH($E{n},CL,0)),"Unknown",INDEX(\'C\'!$A:$A,MATCH($E{n},CL,0)+1)))',
        ),
        22: (match.row if match else NA, f'IF(C{n}="",NA(),{v_match})'),
        24: (
            NA if c == NA else int(same(c, NOT_LISTED) and (d == "" or e == "")),
            f'IF(AND(C{n}="{NOT_LISTED}",OR(LEN(D{n})=0,LEN(E{n})=0)),1,0)',
        ),
        28: (NA if NA in (b, c) else f"{b}{c}", f"B{n}&C{n}"),
    }
    cells.update((col, (value, None)) for col, value in _input_cells(r).items())
    return cells


def _pull_formula(n: int, column: str, *, text: bool = False) -> str:
    """6.x Smelter List formula that shows one Look-up column of the row found by hidden column V."""
    as_text = AS_TEXT if text else ""
    return f"IF(ISERROR($V{n}),\"\",INDEX('Smelter Look-up'!${column}:${column},$V{n}){as_text})"


def _smelter_cells_3(
    r: SmelterRow, placed: Sequence[SheetRow], n: int
) -> dict[int, tuple[object, str | None]]:
    """Column -> (shown value, formula or None for typed cells) of one 3.01 Smelter List row ``n``."""
    if r.smelter_id_input is not None:
        raise ValueError("CMRT 3.01 has no Smelter Identification Number input column")
    b, c = r.metal or "", r.lookup or ""
    match = None
    if c and not same(c, NOT_YET):
        match = _first(placed, lambda e: same(e.metal + e.alias, f"{b}{c}"))

    def pull(column: str, field: str, *, text: bool) -> tuple[object, str]:
        as_text = AS_TEXT if text else ""
        return _pulled(
            match, field, text=text
        ), f'IF(ISERROR($S{n}),"",OFFSET(K!${column}$1,$S{n}-1,0){as_text})'

    cells: dict[int, tuple[object, str | None]] = {
        2: (r.metal, None),
        3: (r.lookup, None),
        4: (r.name, None) if r.name is not None else pull("D", "standard_name", text=True),
        5: (r.country, None) if r.country is not None else pull("C", "country", text=True),
        6: (r.smelter_id, None) if r.smelter_id is not None else pull("F", "smelter_id", text=False),
        7: (
            "Enter smelter details"
            if same(c, "Smelter Not Listed")
            else _pulled(match, "source", text=False),
            f'IF(C{n}=$U$4,"Enter smelter details",IF(ISERROR($S{n}),"",OFFSET(K!$G$1,$S{n}-1,0)))',
        ),
        8: (r.street, None),
        9: (r.city, None),
        10: (r.state, None),
        19: (match.row if match else NA, f'IF(OR(C{n}="",C{n}=T$4),NA(),MATCH($B{n}&$C{n},K!$E:$E,0))'),
    }
    cells.update((col, (value, None)) for col, value in _input_cells(r).items())
    return cells


def write_smelter_list(
    form: Form,
    smelters: Sequence[SmelterRow],
    placed: Sequence[SheetRow],
    last_row: int | None = None,
    minerals: Sequence[str] = _LIST_METALS,
) -> None:
    """Header row 4, one row per :class:`SmelterRow` from row 5, and pre-filled blank rows after them."""
    s, six, release = "Smelter List", form.spec.six, form.spec.release
    if not form.spec.family.lookup_sheet and form.spec.family.template != "CMRT":
        _write_typed_smelter_list(form, smelters)
        return
    for column in form.spec.family.smelter_columns:
        if column.col <= 17:  # R:T are plain helper headers, written below
            form.label(s, 4, column.col, column.header)
    if six:
        form.put(s, 3, 17, f"Revision {release.version}\n{release.date}")
        for col, text in ((18, "Standard Smelter Name"), (19, "Country Code"), (20, "State / Province Code")):
            form.put(s, 4, col, text)
        helper_col = 23  # W3:Z3 metals, W4/X4 special look-up values, AH2:AH4 the P dropdown
        for row, text in enumerate(("Yes", "No", "Unknown"), 2):
            form.put(s, row, 34, text)
    else:
        form.put(s, 3, 17, f"Revision {release.version} {release.date}")
        helper_col = 20  # T3:W3 metals, T4/U4 special look-up values
    for col, metal in enumerate(minerals, helper_col):
        form.put(s, 3, col, metal)
    form.put(s, 4, helper_col, NOT_YET)
    form.put(s, 4, helper_col + 1, "Smelter Not Listed")

    rows: dict[int, SmelterRow] = {}
    next_row = 5
    for entry in smelters:
        n = entry.row if entry.row is not None else next_row
        if n < 5 or n in rows:
            raise ValueError(f"Smelter List row {n} is before row 5 or used twice")
        rows[n] = entry
        next_row = n + 1
    last = max(max([4, *rows]) + 20, last_row or 0)
    blank = SmelterRow()
    for n in range(5, last + 1):
        cells = (
            _smelter_cells_6(rows.get(n, blank), placed, form.spec, n)
            if six
            else _smelter_cells_3(rows.get(n, blank), placed, n)
        )
        for col, (value, formula) in cells.items():
            form.put(s, n, col, value, formula)
    if six:
        form.sink.hide_columns(s, 18, 34)
    else:
        form.sink.hide_columns(s, 19, 23)


def write_product_list(
    form: Form, products: Sequence[tuple[str, str | None]] | Sequence[Mapping[str, str]]
) -> None:
    """Note in A1, the header row (number, name, [requester's number and name,] comments), products from
    the row below, footer row."""
    s, family = "Product List", form.spec.family
    form.label(s, 1, 1, PRODUCT_NOTE)
    form.put(s, 4, 2, "Click here to return to Declaration tab")
    labels = dict(zip(("number", "name"), form.spec.product_labels, strict=True))
    columns = {c.key: c.col for c in family.product_columns}
    for column in family.product_columns:
        form.label(s, family.product_header_row, column.col, labels.get(column.key, column.header))
    footer_row = form.spec.product_footer_row
    first = family.product_header_row + 1
    if len(products) > footer_row - first:
        raise ValueError(f"at most {footer_row - first} products fit on this Product List")
    for row, product in enumerate(products, first):
        if isinstance(product, Mapping):
            unknown = set(product) - set(columns)
            if unknown:
                raise ValueError(f"unknown product keys {sorted(unknown)}; use {', '.join(columns)}")
            values = dict(product)
        else:
            number, name = product
            values = {"number": number, "name": name}
        for key, value in values.items():
            form.put(s, row, columns[key], value)
    footer = "© cmrt. Template-shaped workbook made by cmrt; not an RMI template."
    form.put(s, footer_row, 2, footer)


_TYPED_FIELDS = {
    "metal": "metal", "name": "name", "country": "country", "smelter_id": "smelter_id",
    "street": "street", "city": "city", "state_province": "state", "contact_name": "contact_name",
    "contact_email": "contact_email", "next_steps": "next_steps", "mine_names": "mine_names",
    "mine_countries": "mine_countries", "recycled_scrap": "recycled", "comments": "comments",
}  # fmt: skip
"""Smelter List column key -> the :class:`SmelterRow` field typed into it."""


def _write_typed_smelter_list(form: Form, smelters: Sequence[SmelterRow]) -> None:
    """A Smelter List without a look-up (AMRT 1.2): every cell typed, nothing filled by formulas."""
    s, family, release = "Smelter List", form.spec.family, form.spec.release
    form.put(s, 3, 15, f"Version {release.version}")
    for column in family.smelter_columns:
        form.label(s, family.smelter_header_row, column.col, column.header)
    for row, entry in enumerate(smelters, family.smelter_header_row + 1):
        for column in family.smelter_columns:
            field = _TYPED_FIELDS.get(column.key)
            form.put(s, row, column.col, getattr(entry, field) if field else None)


def write_mine_list(form: Form, mines: Sequence[MineRow]) -> None:
    """Header row 4 and one row per :class:`MineRow` (EMRT 2.x, AMRT)."""
    family = form.spec.family
    if family.mine_sheet is None:
        if mines:
            raise ValueError(f"the {family.name} has no Mine List")
        return
    s = family.mine_sheet
    for column in family.mine_columns:
        form.label(s, family.mine_header_row, column.col, column.header)
    fields = {"state_province": "state"}
    for row, mine in enumerate(mines, family.mine_header_row + 1):
        for column in family.mine_columns:
            field = fields.get(column.key, column.key)
            if hasattr(mine, field):
                form.put(s, row, column.col, getattr(mine, field))


def write_countries(form: Form) -> None:
    """Hidden ``C``: 6.x lists alpha-2 code and ISO name; 3.01 lists its older names and alpha-3 codes."""
    six = form.spec.six
    header = ("COUNTRY CODE LIST", "FULL NAME") if six else ("full name", "COUNTRY CODE LIST")
    form.put("C", 1, 1, header[0])
    form.put("C", 1, 2, header[1])
    for row, (alpha2, name, old_name, alpha3) in enumerate(_COUNTRIES, 2):
        form.put("C", row, 1, alpha2 if six else old_name)
        form.put("C", row, 2, name if six else alpha3)
    last = len(_COUNTRIES) + 1
    form.sink.define_name("CL", f"'C'!$B$2:$B${last}" if six else f"'C'!$A$2:$A${last}")


def write_l(form: Form) -> None:
    """Hidden ``L``: one row per label cell (A key, B sheet, C cell, D English, then each language)."""
    languages = form.spec.family.languages
    for col, text in enumerate(("", "Sheets", "Cells", *languages), 1):
        form.put("L", 1, col, text)
    for row, (sheet, cell, english) in enumerate(form.labels, 2):
        form.put("L", row, 1, sheet + cell, f"B{row}&C{row}")
        form.put("L", row, 2, sheet)
        form.put("L", row, 3, cell)
        for col, language in enumerate(languages, 4):
            form.put("L", row, col, translate(english, language))
    form.sink.define_name("LN", f"L!$D$1:${get_column_letter(3 + len(languages))}$1")
    form.sink.define_name("SL", "Declaration!$P$3")
