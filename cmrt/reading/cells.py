"""What every part of the reader shares: a sheet's cells by Excel's numbers, labels in English, and the
:class:`Context` of one workbook being read (its layout family and the problems found so far)."""

from __future__ import annotations

import re
from typing import Any

import attrs

from cmrt.layouts import Family
from cmrt.records import Problem, Severity
from cmrt.workbook import ERROR_VALUES, Workbook
from cmrt.workbook import cell_text as clean

__all__ = [
    "BLANK",
    "VERSION_PATTERN",
    "Cells",
    "Context",
    "Translations",
    "clean",
    "column_letter",
    "is_footer",
]

VERSION_PATTERN = re.compile(
    r"^\s*(?:revision|version)?\s*(\d+(?:\.\d+)?[a-z]?)(?=[\s.,]|$)[.\s,]*(.*)$", re.I | re.S
)
"""A printed version and the release date after it: "Revision 6.5\\nApril 25, 2025", "Version 1.1"."""
BLANK = frozenset({"", None, 0, *ERROR_VALUES})


def column_letter(col: int) -> str:
    """1-based column number -> letters (``28`` -> ``"AB"``)."""
    letters = ""
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def is_footer(values: dict[str, str | None]) -> bool:
    """The copyright row that closes the Smelter and Product lists."""
    joined = "\n".join(filter(None, values.values()))  # one test of the row's text rules most rows out
    if "©" not in joined and "all rights reserved" not in joined.lower():
        return False
    return any(v and (v.startswith("©") or "all rights reserved" in v.lower()) for v in values.values())


@attrs.define
class Cells:
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

    def at(self, a1: str) -> Any:
        """The cell at an A1 reference of this sheet (``"D12"``)."""
        match = re.fullmatch(r"([A-Z]+)(\d+)", a1)
        if not match:
            raise ValueError(f"not a cell reference: {a1!r}")
        col = 0
        for letter in match.group(1):
            col = col * 26 + ord(letter) - 64
        return self.get(int(match.group(2)), col)


class Translations:
    """English text of label cells, from the hidden ``L`` sheet (key = sheet name + cell address)."""

    def __init__(self, book: Workbook) -> None:
        sheet = book.find_sheet("L")
        self._rows = [
            row
            for row in (book.rows(sheet) if sheet else [])
            if len(row) > 3 and isinstance(row[3], str) and row[3].strip() and isinstance(row[1], str)
        ]
        self.by_cell = {f"{row[1]}{row[2]}".strip(): row[3] for row in self._rows}  # A is =B&C: built here
        self._english: dict[str, str] | None = None

    def to_english(self, text: str) -> str | None:
        """The English of a text in any of the file's UI languages, where ``L`` translates it (the AMRT
        stores its recycled-feedstock answer in the UI language: "是" for "Yes")."""
        if self._english is None:
            self._english = {}
            for row in self._rows:
                for other in row[4:]:
                    if isinstance(other, str) and other.strip():
                        self._english.setdefault(other.strip(), row[3].strip())
        return self._english.get(text.strip())

    def english(self, cells: Cells, row: int, col: int, *, english_ui: bool = False) -> str:
        """The English label of a cell: in an English UI the cached text where there is one, otherwise
        L's text (German or French labels are ASCII too, so ASCII alone does not make a label English)."""
        cached = cells.get(row, col)
        text = cached if isinstance(cached, str) else ""
        if english_ui and text.strip():
            return text
        return self.by_cell.get(f"{cells.name}{column_letter(col)}{row}") or text


@attrs.define
class Context:
    """One workbook being read: its sheets, the Declaration, the layout family, the problems found."""

    book: Workbook
    source: str | None
    decl: Cells
    language: str
    recalculated: bool
    """Every label cell of a real template is a formula: blank labels mean the file was saved by a tool
    that never calculated, so formula cells must be recomputed from the template's own data."""
    family: Family | None = None
    problems: list[Problem] = attrs.Factory(list)
    _translations: Translations | None = None

    @property
    def layout(self) -> Family:
        assert self.family is not None, "the family is known once the version is read"
        return self.family

    def sheet(self, *names: str, max_rows: int | None = None) -> Cells | None:
        """The first of ``names`` the workbook has, as cells (``None`` when it has none)."""
        name = self.book.find_sheet(*names)
        return Cells(name, self.book.rows(name, max_rows)) if name else None

    @property
    def translations(self) -> Translations:
        if self._translations is None:
            self._translations = Translations(self.book)
        return self._translations

    def label(self, cells: Cells, row: int, col: int = 2) -> str:
        """A label cell's English text. In an English UI that is the cell as shown, blank included where
        the file was calculated: ``L`` is read only where labels are in another language or were saved
        without their results."""
        if self.language == "English":
            cached = cells.get(row, col)
            if isinstance(cached, str) and cached.strip():
                return cached
            if self.recalculated:
                return cached if isinstance(cached, str) else ""
        return self.translations.english(cells, row, col, english_ui=self.language == "English")

    def problem(self, severity: Severity, code: str, message: str, location: str | None = None) -> None:
        self.problems.append(Problem(severity, code, message, location))
