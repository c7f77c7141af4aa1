"""One engine that reads any CMRT version: workbook + layout -> :class:`~cmrt.records.CmrtReport`.

Everything is found by its English label (``L`` sheet for translated files) with the family's default
cells as fallback; values are what the supplier sees in Excel (cached formula results), recomputed from
the template's own look-up sheet where a tool saved formulas without results.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import attrs

from cmrt.check import check
from cmrt.dates import parse_date, parse_version_date
from cmrt.errors import NotTemplateError, WrongTemplateError
from cmrt.identity.ids import normalize_smelter_id
from cmrt.layouts import (
    COMPANY_PATTERNS,
    DECLARATION_PATTERNS,
    HEADER_PATTERNS,
    LOOKUP_PATTERNS,
    PRODUCT_PATTERNS,
    QUESTION_PATTERNS,
    family_for,
    key_for,
)
from cmrt.layouts.vocabulary import fold, normalize_answer
from cmrt.records import (
    METALS,
    Answer,
    CmrtReport,
    Declaration,
    Problem,
    Product,
    RowKind,
    Severity,
    SmelterEntry,
    normalize_metal,
)
from cmrt.workbook import ERROR_VALUES, Source, Workbook, open_workbook
from cmrt.workbook import cell_text as clean
from cmrt.workbook.guard import engine_errors

MAX_DECLARATION_ROWS = 200
MAX_PRODUCT_ROWS = 10_000
_LANGUAGES = {
    "english": "English", "中文 chinese": "Chinese", "日本語 japanese": "Japanese", "한국어 korean": "Korean",
    "français": "French", "português": "Portuguese", "deutsch": "German", "español": "Spanish",
    "italiano": "Italian", "türkçe": "Turkish",
}  # fmt: skip
_OTHER_TEMPLATES = (
    ("EMRT", r"\(emrt\)|extended minerals reporting"),
    ("CRT", r"\(crt\)|cobalt reporting template"),
    ("AMRT", r"\(amrt\)|additional minerals reporting"),
    ("PRT", r"\(prt\)|pilot reporting template"),
    ("MRT", r"\(mrt\)|mica reporting template"),
)
VERSION_PATTERN = re.compile(
    r"^\s*(?:revision|version)?\s*(\d+(?:\.\d+)?[a-z]?)(?=[\s.,]|$)[.\s,]*(.*)$", re.I | re.S
)
_BLANK = frozenset({"", None, 0, *ERROR_VALUES})
NOT_LISTED = "smelter not listed"
NOT_YET_IDENTIFIED = "smelter not yet identified"


def read(source: Source, *, password: str | None = None) -> CmrtReport:
    """Read one CMRT workbook (any version, .xls or .xlsx, any UI language) into a :class:`CmrtReport`.

    ``source`` is a path, the file's bytes, or a binary file object. Encrypted files open with
    ``password`` or Excel's default one. Raises a :class:`~cmrt.CmrtError` only for files that cannot
    be read as a CMRT at all; everything a reviewer would flag is in ``report.problems``.
    """
    book, name = open_workbook(source, password=password)
    with engine_errors(f"{name or 'the workbook'}: content cmrt cannot make sense of"):
        return _Reader(book, name).read()  # whatever a file holds, reading it ends in a CmrtError


def column_letter(col: int) -> str:
    """1-based column number -> letters (``28`` -> ``"AB"``)."""
    letters = ""
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _key(text: str | None) -> str:
    """A look-up key as Excel's MATCH compares text: case-insensitive, here also spacing-insensitive."""
    return " ".join(text.split()).casefold() if text else ""


def _is_footer(values: dict[str, str | None]) -> bool:
    """The copyright row that closes the Smelter and Product lists."""
    return any(v and (v.startswith("©") or "all rights reserved" in v.lower()) for v in values.values())


@attrs.define
class _Cells:
    """One sheet's rows with helpers that speak Excel's 1-based row/column numbers."""

    name: str
    rows: list[list[Any]]

    def get(self, row: int, col: int) -> Any:
        if row < 1 or row > len(self.rows):
            return ""
        cells = self.rows[row - 1]
        return cells[col - 1] if 0 < col <= len(cells) else ""

    def ref(self, row: int, col: int) -> str:
        return f"{self.name}!{column_letter(col)}{row}"


class _Translations:
    """English text of label cells, from the hidden ``L`` sheet (key = sheet name + cell address)."""

    def __init__(self, book: Workbook) -> None:
        sheet = book.find_sheet("L")
        self.by_cell = {  # column A is the formula =B&C: build it, for files saved without results
            f"{row[1]}{row[2]}".strip(): row[3]
            for row in (book.rows(sheet) if sheet else [])
            if len(row) > 3 and isinstance(row[3], str) and row[3].strip() and isinstance(row[1], str)
        }

    def english(self, cells: _Cells, row: int, col: int, *, english_ui: bool = False) -> str:
        """The English label of a cell: in an English UI the cached text where there is one, otherwise
        L's text (German or French labels are ASCII too, so ASCII alone does not make a label English)."""
        cached = cells.get(row, col)
        text = cached if isinstance(cached, str) else ""
        if english_ui and text.strip():
            return text
        return self.by_cell.get(f"{cells.name}{column_letter(col)}{row}") or text


class _Reader:
    def __init__(self, book: Workbook, source: str | None) -> None:
        self.book = book
        self.source = source
        self.problems: list[Problem] = []
        self._translations: _Translations | None = None

    # -- plumbing -------------------------------------------------------------------------------
    @property
    def tr(self) -> _Translations:
        if self._translations is None:
            self._translations = _Translations(self.book)
        return self._translations

    def label(self, cells: _Cells, row: int, col: int = 2) -> str:
        cached = cells.get(row, col)
        if isinstance(cached, str) and cached.strip() and cached.isascii() and self.language == "English":
            return cached
        return self.tr.english(cells, row, col, english_ui=self.language == "English")

    def problem(self, severity: Severity, code: str, message: str, location: str | None = None) -> None:
        self.problems.append(Problem(severity, code, message, location))

    # -- the whole file -------------------------------------------------------------------------
    def read(self) -> CmrtReport:
        sheet = self.book.find_sheet("Declaration")
        if sheet is None:
            raise NotTemplateError(
                f"{self.source or 'the workbook'} has no 'Declaration' sheet, so it is not a CMRT "
                f"(sheets: {', '.join(self.book.sheet_names[:12])})"
            )
        self.decl = _Cells(sheet, self.book.rows(sheet, MAX_DECLARATION_ROWS))
        self.language = _LANGUAGES.get(fold(self.decl.get(3, 4)), clean(self.decl.get(3, 4)) or "English")
        # Every label cell of a real template is a formula: blank labels mean the file was saved by a tool
        # that never calculated, so auto-filled smelter cells must be recomputed from the look-up sheet.
        self.recalculated = any(clean(self.decl.get(row, 2)) for row in range(6, 10))
        self._check_template()
        self.version, self.version_date = self._version()
        self.family = family_for(self.version)
        declaration, field_cells, required = self._declaration()
        answers = tuple(self._questions())
        company = tuple(self._company_questions())
        smelters = tuple(self._smelters())
        products = tuple(self._products())
        report = CmrtReport(
            template="CMRT", version=self.version, version_date=self.version_date, language=self.language,
            declaration=declaration, answers=answers, company_answers=company, smelters=smelters,
            products=products, problems=(), source=self.source, field_cells=field_cells,
            required_fields=required,
        )  # fmt: skip
        for note in self.book.notes:  # cells no template has, left unread: said, not dropped silently
            self.problem(Severity.WARNING, "cells-ignored", note)
        return attrs.evolve(report, problems=tuple(self.problems) + check(report))

    def _title(self) -> str:
        return self.label(self.decl, 2, 4)

    def _check_template(self) -> None:
        title = fold(self._title())
        for template, pattern in _OTHER_TEMPLATES:
            if re.search(pattern, title):
                version = self._version()[0]
                raise WrongTemplateError(
                    f"{self.source or 'the workbook'} is an RMI {template} (version {version}), not a CMRT",
                    template,
                    version,
                )
        is_cmrt = "conflict minerals reporting template" in title or "(cmrt)" in title
        if not is_cmrt and not any(
            key_for(self.label(self.decl, r), DECLARATION_PATTERNS) for r in range(5, 25)
        ):
            raise NotTemplateError(
                f"{self.source or 'the workbook'} has a 'Declaration' sheet but no CMRT title or labels"
            )

    def _version(self) -> tuple[str, dt.date | None]:
        """The printed version: Declaration!J3 ("Revision 6.5\nApril 25, 2025"; CMRT 1 splits it over
        I3 "Revision" and J3 "1.   July 18th 2011"), else the copy on the Smelter List's row 3."""
        j3, i3 = clean(self.decl.get(3, 10)), clean(self.decl.get(3, 9))
        texts = [f"{i3} {j3}" if i3 and j3 and i3.lower() == "revision" else j3]
        smelter = self.book.find_sheet("Smelter List", "Smelter and Mine List")
        if smelter is not None:
            row3 = _Cells(smelter, self.book.rows(smelter, 4))
            texts += [clean(row3.get(3, col)) for col in (17, 15, 14, 18)]
        for text in texts:
            match = VERSION_PATTERN.match(text or "")
            if match and re.match(r"\s*(revision|version)\b", text or "", re.I):
                return match.group(1), parse_version_date(match.group(2))
        self.problem(Severity.WARNING, "version-unknown", "the template version could not be read",
                     self.decl.ref(3, 10))  # fmt: skip
        return "unknown", None

    # -- Declaration ----------------------------------------------------------------------------
    def _declaration(self) -> tuple[Declaration, dict[str, str], frozenset[str]]:
        found: dict[str, int] = {}
        required: set[str] = set()
        limit = self.family.first_question_row + 2
        for row in range(5, limit):
            text = self.label(self.decl, row)
            key = key_for(text, DECLARATION_PATTERNS)
            if key and key not in found:
                found[key] = row
                if "(*)" in text.replace(" ", ""):
                    required.add(key)
        if not found:  # labels unreadable (translated file without L): the family's cells
            found = dict(self.family.declaration_rows)
            required = {"company_name", "scope", "effective_date"} & set(found)
        values: dict[str, Any] = {}
        cells: dict[str, str] = {}
        for key, row in found.items():
            cells[key] = self.decl.ref(row, 4)
            if key != "effective_date":
                values[key] = clean(self.decl.get(row, 4))
        if "effective_date" in found:
            values.update(self._effective_date(found["effective_date"]))
        return Declaration(**values), cells, frozenset(required)

    def _effective_date(self, row: int) -> dict[str, Any]:
        raw: Any = self.decl.get(row, 4)
        parts = self.family.date_parts
        if parts:  # D holds the label "Day:"; the day, month and year are cells of their own
            day, month, year = (clean(self.decl.get(row, c)) for c in parts)
            raw = f"{day} {month} {year}" if day and month and year else ""
        date, ambiguous = parse_date(raw, self.family.date_1904)
        text = raw.strip() if isinstance(raw, str) and raw.strip() else None
        where = self.decl.ref(row, 4)
        if text and date is None:
            self.problem(Severity.ERROR, "invalid-date", f"effective date {text!r} is not a date", where)
        elif ambiguous:
            self.problem(
                Severity.WARNING,
                "ambiguous-date",
                f"effective date {text!r} could be day-first or month-first; read as {date}",
                where,
            )
        elif isinstance(raw, (int, float)) and not isinstance(raw, bool) and date is None:
            self.problem(Severity.ERROR, "invalid-date", f"effective date {raw!r} is not a date", where)
        return {"effective_date": date, "effective_date_text": text}

    # -- questions --------------------------------------------------------------------------------
    def _questions(self) -> Iterator[Answer]:
        headers: list[tuple[int, str, str]] = []
        for row in range(self.family.first_question_row - 4, MAX_DECLARATION_ROWS + 1):
            text = self.label(self.decl, row)
            match = re.match(r"^\s*(\d{1,2})\)\s*(.*)", text, re.S)
            if match:
                headers.append((row, match.group(1), match.group(2)))
            elif headers and re.match(r"^\s*[A-K]\.\s", text):
                break
        if not headers:
            headers = [(q.row, q.number, "") for q in self.family.questions]
        for row, number, text in headers:
            key = key_for(text, QUESTION_PATTERNS) or self.family.question_keys.get(number, f"q{number}")
            for offset, default_metal in enumerate(self.family.minerals, start=1):
                label = self.label(self.decl, row + offset)
                if re.match(r"^\s*\d{1,2}\)", label):
                    break
                metal = normalize_metal(label)
                metal = metal if metal in METALS else default_metal
                yield self._answer(key, number, text, metal, row + offset)

    def _company_questions(self) -> Iterator[Answer]:
        found: list[tuple[int, str, str]] = []
        start = self.family.company_first_row - 12
        for row in range(max(start, 1), MAX_DECLARATION_ROWS + 1):
            match = re.match(r"^\s*([A-K])\.\s+(.*)", self.label(self.decl, row), re.S)
            if found and row - found[-1][0] > 3:
                break  # past the block: below it some versions keep hidden translation tables
            if match:
                found.append((row, match.group(1), match.group(2)))
        if not found:
            found = [(q.row, q.number, "") for q in self.family.company_questions]
        for row, letter, text in found:
            key = key_for(text, COMPANY_PATTERNS) or self.family.company_keys.get(letter, letter.lower())
            yield self._answer(key, letter, text, None, row)

    def _answer(self, key: str, number: str, text: str, metal: str | None, row: int) -> Answer:
        value = self.decl.get(row, 4)
        raw = clean(value) if not isinstance(value, (int, float)) or isinstance(value, bool) else f"{value:g}"
        return Answer(
            key=key, number=number, question=re.sub(r"\s*\(\*\)\s*$", "", text.strip()), metal=metal,
            answer=normalize_answer(value, key), raw=raw, comment=clean(self.decl.get(row, 7)),
            cell=self.decl.ref(row, 4),
        )  # fmt: skip

    # -- Smelter List ---------------------------------------------------------------------------
    def _smelters(self) -> Iterator[SmelterEntry]:
        sheet = self.book.find_sheet(self.family.smelter_sheet, "Smelter List", "Smelter and Mine List")
        if sheet is None:
            self.problem(Severity.ERROR, "sheet-missing", "the workbook has no Smelter List sheet")
            return
        cells = _Cells(sheet, self.book.rows(sheet, self.family.smelter_last_row))
        header_row, columns = self._header(
            cells, HEADER_PATTERNS, self.family.smelter_header_row, range(1, 11)
        )
        for key, col in self.family.smelter_cols.items():
            if header_row == self.family.smelter_header_row and col not in columns.values():
                columns.setdefault(key, col)
        catalogue: _Catalogue | None = None
        keys = [columns[k] for k in ("smelter_id_input", "metal", "lookup_name", "name") if k in columns]
        for row in range(header_row + 1, min(len(cells.rows), self.family.smelter_last_row) + 1):
            raw = cells.rows[row - 1]
            if all(c > len(raw) or raw[c - 1] in _BLANK or not str(raw[c - 1]).strip() for c in keys):
                continue  # the template pre-fills 2,500 rows with formulas whose results are blank
            values = {key: clean(cells.get(row, col)) for key, col in columns.items()}
            if _is_footer(values):
                break
            if not any(values.get(k) for k in ("smelter_id_input", "metal", "lookup_name", "name")):
                continue
            if catalogue is None:
                catalogue = self._catalogue()
            yield self._smelter(cells, row, values, columns, catalogue)

    def _smelter(
        self,
        cells: _Cells,
        row: int,
        v: dict[str, str | None],
        columns: dict[str, int],
        catalogue: _Catalogue,
    ) -> SmelterEntry:
        id_input = normalize_smelter_id(v.get("smelter_id_input"))
        v["metal"] = normalize_metal(v.get("metal"))
        lookup = v.get("lookup_name")
        special = fold(lookup) if fold(lookup) in (NOT_LISTED, NOT_YET_IDENTIFIED) else None
        picked = bool(v.get("metal") and lookup and not special)
        key = (_key(v.get("metal")), _key(lookup))
        if picked and catalogue.rows and "lookup_name" in columns and key not in catalogue.by_alias:
            self.problem(Severity.WARNING, "lookup-not-in-list",
                         f"{v['metal']} smelter {lookup!r} is not in this template's look-up list",
                         cells.ref(row, columns["lookup_name"]))  # fmt: skip
        if not self.recalculated:  # formulas saved without results: compute what Excel would show
            lookup = self._recompute(v, id_input, key if picked else None, special, columns, catalogue)
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
            self.problem(Severity.WARNING, "smelter-id-mismatch",
                         f"the ID typed in column A ({id_input}) differs from the row's ID ({smelter_id})",
                         cells.ref(row, columns.get("smelter_id_input", 1)))  # fmt: skip
        return SmelterEntry(
            row=row, kind=kind, metal=v.get("metal"), lookup_name=lookup, name=name, country=v.get("country"),
            smelter_id=smelter_id or id_input, id_source=v.get("id_source"), street=v.get("street"),
            city=v.get("city"), state_province=v.get("state_province"), contact_name=v.get("contact_name"),
            contact_email=v.get("contact_email"), next_steps=v.get("next_steps"),
            mine_names=v.get("mine_names"),
            mine_countries=v.get("mine_countries"), recycled_scrap=normalize_answer(v.get("recycled_scrap")),
            comments=v.get("comments"), standard_name=v.get("standard_name"), smelter_id_input=id_input,
        )  # fmt: skip

    @staticmethod
    def _recompute(
        v: dict[str, str | None],
        id_input: str | None,
        key: tuple[str, str] | None,
        special: str | None,
        columns: dict[str, int],
        catalogue: _Catalogue,
    ) -> str | None:
        """Fill the auto-filled cells of one row as the template's formulas would; returns the look-up."""
        known = None
        if id_input and not v.get("metal"):  # option A: the typed ID fills metal, look-up and the rest
            known = catalogue.by_id.get(id_input)
            if known:
                v["metal"], v["lookup_name"] = known["metal"], known["standard_name"]
        elif key:
            known = catalogue.by_alias.get(key)
        if known:
            for field in ("country", "smelter_id", "id_source", "street", "city", "state_province"):
                v[field] = v.get(field) or known.get(field)
            v["standard_name"] = v.get("standard_name") or known["standard_name"]
        elif special == NOT_LISTED and "id_source" in columns:
            v["id_source"] = v.get("id_source") or "Enter smelter details"
        return v.get("lookup_name")

    def _header(
        self, cells: _Cells, patterns: tuple[tuple[str, str], ...], default: int, rows: range
    ) -> tuple[int, dict[str, int]]:
        """The header row among ``rows`` (the one naming most known columns) and its column map.

        The family's usual row is tried first and kept when it names most of the columns."""
        best_row, best = default, self._columns(cells, default, patterns)
        if len(best) >= len(patterns) // 2:
            return best_row, best
        for row in rows:
            columns = self._columns(cells, row, patterns)
            if len(columns) > len(best):
                best_row, best = row, columns
        return best_row, best

    def _columns(self, cells: _Cells, row: int, patterns: tuple[tuple[str, str], ...]) -> dict[str, int]:
        columns: dict[str, int] = {}
        for col in range(1, 41):  # labels saved without results are blank cells: scan a fixed width
            key = key_for(self.label(cells, row, col), patterns)
            if key and key not in columns:
                columns[key] = col
        return columns

    def _catalogue(self) -> _Catalogue:
        sheet = self.book.find_sheet(self.family.lookup_sheet) if self.family.lookup_sheet else None
        if sheet is None:
            return _Catalogue({}, {}, 0)
        cells = _Cells(sheet, self.book.rows(sheet))
        header_row, columns = self._header(cells, LOOKUP_PATTERNS, 4, range(1, 7))
        if columns.get("alias") == 2:
            columns.setdefault("metal", 1)  # the 2.x/3.x 'K' sheet leaves the metal column's header blank
        if not {"metal", "alias", "smelter_id"} <= columns.keys():
            return _Catalogue({}, {}, 0)
        by_alias: dict[tuple[str, str], dict[str, str | None]] = {}
        by_id: dict[str, dict[str, str | None]] = {}
        count = 0
        for row in range(header_row + 1, len(cells.rows) + 1):
            entry = {key: clean(cells.get(row, col)) for key, col in columns.items()}
            if not entry.get("metal") or not entry.get("alias"):
                continue
            count += 1
            entry["metal"] = normalize_metal(entry["metal"])
            entry["standard_name"] = entry.get("standard_name") or entry["alias"]
            entry["smelter_id"] = normalize_smelter_id(entry.get("smelter_id"))
            entry["id_source"] = entry.pop("source", None)
            by_alias.setdefault((_key(entry["metal"]), _key(entry["alias"])), entry)
            if entry["smelter_id"]:
                by_id.setdefault(entry["smelter_id"], entry)
        return _Catalogue(by_alias, by_id, count)

    # -- Product List ---------------------------------------------------------------------------
    def _products(self) -> Iterator[Product]:
        sheet = self.book.find_sheet("Product List")
        if sheet is None:
            return
        cells = _Cells(sheet, self.book.rows(sheet, MAX_PRODUCT_ROWS))
        header_row, columns = self._header(cells, PRODUCT_PATTERNS, 5, range(1, 9))
        if "number" not in columns:
            return
        for row in range(header_row + 1, len(cells.rows) + 1):
            values = {key: clean(cells.get(row, col)) for key, col in columns.items()}
            if _is_footer(values):
                break
            if any(values.values()):
                yield Product(row=row, **values)


@attrs.frozen
class _Catalogue:
    """The template's own smelter look-up: (metal, alias) -> row, and ID -> first row."""

    by_alias: dict[tuple[str, str], dict[str, str | None]]
    by_id: dict[str, dict[str, str | None]]
    rows: int
