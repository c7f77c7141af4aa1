"""Writing a template-shaped workbook: what is built (:class:`Spec`), and the form that writes cells,
shows what Excel would show, and remembers every label cell the ``L`` sheet must translate."""

from __future__ import annotations

import attrs
from openpyxl.utils import get_column_letter

from cmrt.layouts import Family, Release
from cmrt.testing.sinks import Sink
from cmrt.testing.translations import translate

__all__ = [
    "AS_TEXT", "EXCEL_DATE", "NA", "NOT_LISTED", "NOT_YET", "Form", "Spec", "a1", "is_no", "label_formula",
    "same",
]  # fmt: skip

NA = "#N/A"
NOT_LISTED = "Smelter not listed"
NOT_YET = "Smelter not yet identified"
AS_TEXT = '&""'
"""Appended by formulas that show an empty referenced cell as "" rather than 0."""
EXCEL_DATE = r"[$-409]d\-mmm\-yyyy;@"


@attrs.frozen
class Spec:
    """What is built: one release of one layout family (both from :mod:`cmrt.layouts`)."""

    family: Family
    release: Release

    @property
    def six(self) -> bool:
        """The RMI 6.x generation (look-up by ID, L-driven markers); else the CFSI 3.01 generation."""
        return not self.family.date_1904

    @property
    def date_format(self) -> str:
        return self.release.date_format or EXCEL_DATE

    @property
    def product_labels(self) -> tuple[str, str]:
        headers = {c.key: c.header for c in self.family.product_columns}
        return self.release.product_labels or (headers["number"], headers["name"])

    @property
    def product_footer_row(self) -> int:
        return self.release.product_footer_row or self.family.product_footer_row or 2006

    @property
    def source(self) -> str:
        """What the template's look-up says is the source of a smelter's ID."""
        return "RMI" if self.six else "CFSI"


def label_formula(sheet: str, key_suffix: str = "") -> str:
    """The template's label formula: look the cell's own address up in sheet L, column = language."""
    return f'OFFSET(L!$C$1,MATCH("{sheet}"&ADDRESS(ROW(),COLUMN(),4){key_suffix},L!$A:$A,0)-1,SL,,)'


def a1(row: int, col: int) -> str:
    return f"{get_column_letter(col)}{row}"


def is_no(answer: object) -> bool:
    """Excel's ``cell="No"``: case-insensitive, no trimming (so " No" is not "No")."""
    return isinstance(answer, str) and answer.casefold() == "no"


def same(a: object, b: str) -> bool:
    return isinstance(a, str) and a.casefold() == b.casefold()


@attrs.define
class Form:
    """Writes cells through a sink, remembering shown values and the label cells sheet L must list."""

    sink: Sink
    spec: Spec
    language: str
    labels: list[tuple[str, str, str]] = attrs.Factory(list)  # (sheet, L key cell, English)
    shown: dict[tuple[str, int, int], object] = attrs.Factory(dict)

    def put(
        self,
        sheet: str,
        row: int,
        col: int,
        value: object,
        formula: str | None = None,
        fmt: str | None = None,
    ) -> None:
        self.shown[(sheet, row, col)] = value
        self.sink.put(sheet, row, col, value, formula, fmt)

    def label(
        self, sheet: str, row: int, col: int, english: str, *, marker: str = "", marker_ref: str | None = None
    ) -> None:
        """A translated label cell (``=OFFSET(L!...)``), optionally followed by a ``(*)`` marker cell."""
        self.labels.append((sheet, a1(row, col), english))
        formula = label_formula(sheet) + (f"&{marker_ref}" if marker_ref else "")
        self.put(sheet, row, col, translate(english, self.language) + marker, formula)

    def ref(self, sheet: str, row: int, col: int, target_row: int, target_col: int) -> None:
        """A cell that repeats another cell of the same sheet (``=B26``)."""
        self.put(sheet, row, col, self.shown.get((sheet, target_row, target_col)), a1(target_row, target_col))
