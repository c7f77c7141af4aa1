"""The user's own CMRT or EMRT, rolled up from their suppliers' files and written into their blank RMI
template without disturbing it.

The template is patched, not rebuilt: only the cells a person would type change (declaration fields,
answers, Smelter List input columns), written as inline text into the sheet XML, so formulas, look-ups,
data validations, drawings and formatting stay byte for byte as RMI made them. The cached results of the
template's formulas are dropped and a full recalculation is asked for on opening, so Excel and
LibreOffice show what the formulas compute from the new inputs, and ``cmrt.read`` computes the same from
the template's own look-up (as for any file saved by a tool that never calculates).

Answers rolled up per mineral, conservatively (a supplier's "No" never hides another's "Yes"):
intentionally added, remains in the product, Covered-Country and CAHRA sourcing: any Yes (or a
"… only" answer) → Yes, else any Unknown or blank → Unknown (Yes where the template has no Unknown),
else No; 100 % recycled: all Yes → Yes, else any Unknown → Unknown, else No; all smelters identified and
all smelter information reported: Yes only when every supplier said Yes and, for the former, no facility
of that mineral is unidentified and no placeholder row names it; the supplier-response question is yours
to answer (``answers``). Answers you give override the roll-up.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from cmrt.classification import RiskFlag
from cmrt.dates import as_date
from cmrt.display import visible
from cmrt.identity.reference import SmelterReference
from cmrt.layouts import family_for
from cmrt.reading import read
from cmrt.records import CmrtReport

__all__ = ["ROLLED_UP", "own_template"]

ROLLED_UP = (
    "intentionally_added", "remains_in_product", "covered_countries", "cahra", "recycled_scrap",
    "all_smelters_identified", "all_smelter_info_reported",
)  # fmt: skip
"""The per-mineral questions rolled up from the suppliers' answers (see the module docstring)."""
_ANY_YES = {"intentionally_added", "remains_in_product", "covered_countries", "cahra"}
_NOT_LISTED = "Smelter not listed"
_CELL = re.compile(r"([A-Z]{1,3})([0-9]+)$")


def own_template(
    survey: Any,
    template: bytes,
    declaration: Mapping[str, object],
    *,
    answers: Mapping[tuple[str, str], str] | None = None,
    company_answers: Mapping[Any, str] | None = None,
    company_comments: Mapping[str, str] | None = None,
    products: Sequence[tuple[str, str | None]] = (),
) -> bytes:
    """The blank RMI ``template`` (CMRT 6.x or EMRT 2.x bytes) filled with ``declaration`` (field keys as
    :class:`~cmrt.Declaration` names them), the rolled-up answers (overridden by ``answers`` keyed by
    question key and mineral), ``company_answers`` (by letter, or (letter, mineral) for
    the EMRT's C), ``products`` (number, name) and one Smelter
    List row per facility of the template's minerals (an EMRT 2 chooses the minerals its suppliers declared
    or named): by smelter ID, or "Smelter not listed" with name and
    country when unidentified or when the template's own look-up does not know its ID (an older template
    than the reference: its formulas could not fill the row in). ``company_comments`` by letter (the
    policy's URL for B, for instance)."""
    blank = read(template)
    family = family_for(blank.version, blank.template)
    if (blank.template, family.name) not in (("CMRT", "CMRT 6"), ("EMRT", "EMRT 2")):
        raise ValueError(f"a CMRT 6.x or EMRT 2.x template is needed, not {blank.template} {blank.version}")
    if any(s.name or s.smelter_id_input for s in blank.smelters):
        raise ValueError("the template already has Smelter List entries: give a blank template")
    unknown = set(declaration) - set(blank.field_cells) - {"minerals"}
    if unknown:
        raise ValueError(f"unknown declaration fields: {sorted(unknown)}; use {sorted(blank.field_cells)}")
    cells: dict[str, dict[str, object]] = {"Declaration": {}, "Smelter List": {}, "Product List": {}}
    in_scope = {m for r in survey.responses for m in r.metals_in_scope} | {
        f.metal for f in survey.classification.facilities
    }
    choices = zip(family.minerals, family.selection_cells, strict=True) if family.selection_cells else ()
    for mineral, cell in choices:  # the EMRT 2's mineral choice
        cells["Declaration"][cell] = mineral if mineral in in_scope else f"(Delete {mineral})"
    for key, value in declaration.items():
        if key == "effective_date" and not isinstance(value, (int, float)):
            value = as_date(value, "effective_date")
        cells["Declaration"][blank.field_cells[key].split("!")[1]] = value
    rolled = _rolled_up(survey, blank)
    chosen = sorted((m for m in family.minerals if m in in_scope), key=str.casefold)
    given = dict(answers or {})
    asked = {(a.key, a.metal or "") for a in blank.answers}
    strange = [k for k in given if not (isinstance(k, tuple) and len(k) == 2 and k in asked)]
    if strange:
        raise ValueError(f"answers must be keyed (question key, mineral) of the template: not {strange[:3]}")
    rolled.update(given)
    for (key, metal), cell in _answer_cells(blank.answers, chosen, family.selection_cells).items():
        value = rolled.get((key, metal))
        if value is not None:
            cells["Declaration"][cell] = value
    by_letter = {k: v for k, v in (company_answers or {}).items() if isinstance(k, str)}
    per_mineral = {k: v for k, v in (company_answers or {}).items() if isinstance(k, tuple)}
    company_cells = _answer_cells(blank.company_answers, chosen, family.selection_cells, key="number")
    for (letter, metal), cell in company_cells.items():
        value = per_mineral.get((letter, metal), by_letter.get(letter))
        if value is not None:
            cells["Declaration"][cell] = value
        comment = (company_comments or {}).get(letter)
        if comment is not None:
            cells["Declaration"][re.sub(r"^D", "G", cell)] = comment
    known = set(SmelterReference.from_bytes(template, "template.xlsx").facilities)
    column = {c.key: c.col for c in family.smelter_columns}
    row = family.smelter_header_row + 1
    for facility in survey.classification.facilities:
        if facility.metal not in blank.minerals:
            continue
        if facility.smelter_id and (facility.metal, facility.smelter_id) in known:
            cells["Smelter List"][_ref(column["smelter_id_input"], row)] = facility.smelter_id
        else:
            cells["Smelter List"][_ref(column["metal"], row)] = facility.metal
            cells["Smelter List"][_ref(column["lookup_name"], row)] = _NOT_LISTED
            cells["Smelter List"][_ref(column["name"], row)] = facility.name
            cells["Smelter List"][_ref(column["country"], row)] = (
                facility.country.name if facility.country else ""
            )
        row += 1
    first = family.product_header_row + 1
    for offset, (number, name) in enumerate(products):
        cells["Product List"][_ref(2, first + offset)] = number
        if name:
            cells["Product List"][_ref(3, first + offset)] = name
    return _patched(template, cells)


def _answer_cells(
    answers: Sequence[Any], chosen: Sequence[str], selection: Sequence[str], key: str = "key"
) -> dict[tuple[str, str], str]:
    """Where each (question, mineral) answer goes. An EMRT 2 lists the chosen minerals alphabetically in
    the first rows of each question, so the i-th chosen mineral takes the question's i-th row, whatever
    row the blank (all minerals chosen) showed it in; a question asked once keeps its cell."""
    rows: dict[str, list[Any]] = {}
    for answer in answers:
        rows.setdefault(getattr(answer, key), []).append(answer)
    out: dict[tuple[str, str], str] = {}
    for question, found in rows.items():
        if found[0].metal is None:
            out[(question, "")] = found[0].cell.split("!")[1]
        elif selection:
            out.update({(question, m): a.cell.split("!")[1] for m, a in zip(chosen, found, strict=False)})
        else:
            out.update({(question, a.metal): a.cell.split("!")[1] for a in found})
    return out


def _ref(column: int, row: int) -> str:
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row}"


def _rolled_up(survey: Any, blank: CmrtReport) -> dict[tuple[str, str], str]:
    """Per (question key, mineral) of the template, the suppliers' answers rolled up conservatively."""
    options = {(a.key, a.metal or ""): _options(blank, a.key) for a in blank.answers}
    by_question: dict[tuple[str, str], list[str | None]] = {}
    for response in survey.responses:
        for metal in response.metals_in_scope:
            for key in ROLLED_UP:
                by_question.setdefault((key, metal), []).append(response.answer(key, metal))
    gaps = {
        f.metal
        for f in survey.classification.facilities
        if RiskFlag.UNIDENTIFIED in f.flags or RiskFlag.NEEDS_REVIEW in f.flags
    }
    placeholders = {metal for r in survey.responses for metal in r.placeholder_metals}
    out: dict[tuple[str, str], str] = {}
    for (key, metal), given in by_question.items():
        if (key, metal) not in options:
            continue
        yes = [a for a in given if a and (a == "Yes" or a.endswith("only"))]
        unknown = [a for a in given if not a or a == "Unknown"]
        if key in _ANY_YES:
            value = "Yes" if yes else "Unknown" if unknown else "No"
        elif key == "recycled_scrap":
            value = "Yes" if len(yes) == len(given) else "Unknown" if unknown else "No"
        else:
            complete = len(yes) == len(given) and not (
                key == "all_smelters_identified" and (metal in gaps or metal in placeholders)
            )
            value = "Yes" if complete else "No"
        if value not in options[(key, metal)]:
            value = "Yes" if value == "Unknown" else value
        out[(key, metal)] = value
    return out


def _options(blank: CmrtReport, key: str) -> tuple[str, ...]:
    family = family_for(blank.version, blank.template)
    return next((q.options for q in family.questions if q.key == key), ("Yes", "No", "Unknown"))


# -- the workbook, patched ---------------------------------------------------------------------------

_SHEET = re.compile(rb'<sheet\b[^>]*\bname="([^"]*)"[^>]*\br:id="([^"]*)"')
_REL = re.compile(rb'<Relationship\b[^>]*\bId="([^"]*)"[^>]*\bTarget="([^"]*)"')
_REL_ALT = re.compile(rb'<Relationship\b[^>]*\bTarget="([^"]*)"[^>]*\bId="([^"]*)"')
_ROW = re.compile(rb'<row\b[^>]*\br="(\d+)"[^>]*?(?:/>|>.*?</row>)', re.S)
_FORMULA_CELL = re.compile(rb"<c\b([^>]*)>(<f\b.*?)</c>", re.S)


def _patched(template: bytes, cells: Mapping[str, Mapping[str, object]]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(template))
    parts = _sheet_parts(source)
    book = source.read("xl/workbook.xml")
    if re.search(rb"<\w+:(?:workbook|sheets)\b", book) or any(
        re.search(rb"<\w+:sheetData\b", source.read(part)) for part in set(parts.values()) if part
    ):
        raise ValueError(
            "the template's XML uses namespace prefixes (not as Excel saves it): re-save it in Excel"
        )
    date_1904 = bool(re.search(rb'<workbookPr\b[^>]*\bdate1904="(?:1|true)"', book))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info)
            if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                body = _FORMULA_CELL.sub(_without_cached_value, body)
                for sheet, values in cells.items():
                    if parts.get(sheet) == info.filename and values:
                        body = _with_cells(body, values, date_1904)
            elif info.filename == "xl/workbook.xml":
                body = _full_calc_on_load(body)
            target.writestr(info, body)
    return out.getvalue()


def _sheet_parts(book: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> its part's path in the zip."""
    rels = book.read("xl/_rels/workbook.xml.rels")
    targets = {i.decode(): t.decode() for i, t in _REL.findall(rels)}
    targets |= {i.decode(): t.decode() for t, i in _REL_ALT.findall(rels)}
    parts = {}
    for name, rid in _SHEET.findall(book.read("xl/workbook.xml")):
        target = targets.get(rid.decode(), "")
        parts[name.decode()] = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return parts


def _without_cached_value(found: re.Match[bytes]) -> bytes:
    """A formula cell without its cached result (and result type): the application recalculates it."""
    attributes = re.sub(rb'\st="[a-z]+"', b"", found.group(1))
    content = re.sub(rb"<v>[^<]*</v>|<v/>", b"", found.group(2))
    return b"<c" + attributes + b">" + content + b"</c>"


def _full_calc_on_load(book: bytes) -> bytes:
    if re.search(rb"<calcPr\b", book):
        book = re.sub(rb'\sfullCalcOnLoad="[^"]*"', b"", book)
        return re.sub(rb"<calcPr\b", b'<calcPr fullCalcOnLoad="1"', book, count=1)
    later = re.search(  # calcPr's place in the schema's order: before these, else last
        rb"<(?:\w+:)?(?:oleSize|customWorkbookViews|pivotCaches|smartTagPr|smartTagTypes|webPublishing|"
        rb"fileRecoveryPr|webPublishObjects|extLst)\b|</(?:\w+:)?workbook>",
        book,
    )
    at = later.start() if later else len(book)
    return book[:at] + b'<calcPr fullCalcOnLoad="1"/>' + book[at:]


def _with_cells(sheet: bytes, values: Mapping[str, object], date_1904: bool) -> bytes:
    """The sheet XML with each cell of ``values`` (A1 references) set, its style kept."""
    by_row: dict[int, dict[str, object]] = {}
    for ref, value in values.items():
        letters, digits = _CELL.match(ref).groups()  # type: ignore[union-attr]
        by_row.setdefault(int(digits), {})[letters] = value
    pieces, last = [], 0
    seen: set[int] = set()
    for found in _ROW.finditer(sheet):
        number = int(found.group(1))
        if number in by_row:
            pieces += [
                sheet[last : found.start()],
                _row_with(found.group(0), number, by_row[number], date_1904),
            ]
            last = found.end()
            seen.add(number)
    pieces.append(sheet[last:])
    body = b"".join(pieces)
    for number in sorted(set(by_row) - seen):  # each at its place: Excel wants rows in order
        body = _insert_rows(
            body, _row_with(f'<row r="{number}"/>'.encode(), number, by_row[number], date_1904), [number]
        )
    return body


def _insert_rows(body: bytes, rows: bytes, numbers: list[int]) -> bytes:
    """New rows placed before the first existing row numbered higher (or at the end of sheetData)."""
    for found in _ROW.finditer(body):
        if int(found.group(1)) > numbers[0]:
            return body[: found.start()] + rows + body[found.start() :]
    if b"<sheetData/>" in body:
        return body.replace(b"<sheetData/>", b"<sheetData>" + rows + b"</sheetData>", 1)
    return body.replace(b"</sheetData>", rows + b"</sheetData>", 1)


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def _row_with(row: bytes, number: int, values: Mapping[str, object], date_1904: bool) -> bytes:
    if row.endswith(b"/>"):
        row = row[:-2] + b"></row>"
    for letters, value in sorted(values.items(), key=lambda item: _column_number(item[0])):
        ref = f"{letters}{number}".encode()
        cell = re.compile(rb'<c\b[^>]*\br="' + ref + rb'"[^>]*?(?:/>|>.*?</c>)', re.S)
        found = cell.search(row)
        style = re.search(rb'\ss="(\d+)"', found.group(0)) if found else None
        new = _cell(ref, value, style.group(1) if style else None, date_1904)
        if found:
            row = row[: found.start()] + new + row[found.end() :]
            continue
        after = next(
            (m for m in re.finditer(rb'<c\b[^>]*\br="([A-Z]+)\d+"', row)
             if _column_number(m.group(1).decode()) > _column_number(letters)),
            None,
        )  # fmt: skip
        at = after.start() if after else row.rindex(b"</row>")
        row = row[:at] + new + row[at:]
    return row


def _cell(ref: bytes, value: object, style: bytes | None, date_1904: bool) -> bytes:
    styled = b' s="' + style + b'"' if style else b""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        epoch = dt.date(1904, 1, 1) if date_1904 else dt.date(1899, 12, 30)
        return b'<c r="' + ref + b'"' + styled + b"><v>" + str((value - epoch).days).encode() + b"</v></c>"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return b'<c r="' + ref + b'"' + styled + b"><v>" + repr(value).encode() + b"</v></c>"
    text = escape(visible(str(value)), quote=False).encode("utf-8")  # XML refuses control characters
    return (
        b'<c r="'
        + ref
        + b'"'
        + styled
        + b' t="inlineStr"><is><t xml:space="preserve">'
        + text
        + b"</t></is></c>"
    )
