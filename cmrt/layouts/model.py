"""The shape of a template layout: what one family of versions prints, and where.

One :class:`Family` per group of versions that share their cells (``CMRT 6``, ``EMRT 2``, ``AMRT 1.3``
...). The reader (:mod:`cmrt.reading`) finds everything by its English label and falls back on these cells;
the test-file builder (:mod:`cmrt.testing`) writes exactly these labels into exactly these cells. Both
read the same data, so a new release is one entry here plus a real-file test.
"""

from __future__ import annotations

import attrs

__all__ = ["Column", "Family", "Field", "Question", "Release"]


@attrs.frozen
class Field:
    """A Declaration field: its stable key, the row of its answer cell (column D) and its label (B)."""

    key: str
    row: int
    label: str
    """The English label as the template prints it, mandatory marker ``(*)`` included."""


@attrs.frozen
class Question:
    """A Declaration question: per-mineral (numbered) or company-level (lettered)."""

    number: str
    """As printed: ``"1"`` .. ``"8"``, or ``"A"`` .. ``"K"``."""
    key: str
    """Stable across templates and versions (``"cahra"``, ``"policy_public"`` ...)."""
    row: int
    """The row of the question's text; per-mineral answers are in the rows below it."""
    text: str
    """The English text as printed, number and markers included (``"1) Is any 3TG ... (*)"``)."""
    options: tuple[str, ...] = ()
    """The template's dropdown options for the answer, in order."""
    per_mineral: bool = False
    """Answered once per mineral in the rows below (company question C of the EMRT is)."""
    minerals: tuple[str, ...] = ()
    """Asked only for these minerals, where not for all (the EMRT 1's question 4: cobalt)."""


@attrs.frozen
class Column:
    """A column of a list sheet: key, 1-based column number and English header."""

    key: str
    col: int
    header: str


@attrs.frozen
class Release:
    """One published version of a family: as printed in ``Declaration!J3``, its release date, and what
    it changed within its family."""

    version: str
    date: str
    """As printed after the version ("April 25, 2025")."""
    product_labels: tuple[str, str] | None = None
    """Product List number and name headers, where this release relabelled them."""
    product_footer_row: int | None = None
    """The Product List's copyright footer row, where this release moved it."""
    date_format: str | None = None
    """Number format of the effective date cell, where this release changed it."""
    lookup_by_typed_name: bool = True
    """Smelter List formulas look a "Smelter not listed" row up by its typed name (CMRT 6.22 on)."""


@attrs.frozen
class Family:
    """What one group of template versions shares."""

    template: str
    """``"CMRT"``, ``"EMRT"``, ``"CRT"`` or ``"AMRT"``."""
    name: str
    version_pattern: str
    """Regex matched against the printed version (``"6.5"``) to pick this family among its template's."""
    releases: tuple[Release, ...]
    title: str
    """The form title (``Declaration!D2``)."""
    sheets: tuple[tuple[str, bool], ...]
    """Every sheet in workbook order, with whether it is hidden."""
    languages: tuple[str, ...]
    """The UI languages, as the language dropdown (``Declaration!D3``) names them."""
    fields: tuple[Field, ...]
    minerals: tuple[str, ...]
    """Every mineral the template can declare, in the order of its rows under a question when none is
    chosen by selection cells (CMRT: Tantalum, Tin, Gold, Tungsten)."""
    mineral_rows: int
    """Rows under each per-mineral question (4 for the CMRT, 10 where minerals are chosen)."""
    questions: tuple[Question, ...]
    company_questions: tuple[Question, ...]
    selection_cells: tuple[str, ...] = ()
    """Cells where the minerals in scope are chosen (EMRT 2, AMRT), in the template's order."""
    other_mineral_cells: tuple[str, ...] = ()
    """Cells where minerals not on the list are typed (AMRT 1.3 "Other")."""
    smelter_sheet: str = "Smelter List"
    smelter_header_row: int = 4
    smelter_last_row: int = 2504
    """Last data row of the Smelter List; below it some versions keep hidden list tables."""
    smelter_columns: tuple[Column, ...] = ()
    lookup_sheet: str | None = None
    """The template's own smelter catalogue (to recompute formula cells that have no cached value)."""
    lookup_header_row: int = 4
    lookup_columns: tuple[Column, ...] = ()
    mine_sheet: str | None = None
    mine_header_row: int = 4
    mine_columns: tuple[Column, ...] = ()
    product_header_row: int = 5
    product_columns: tuple[Column, ...] = ()
    product_footer_row: int | None = None
    date_1904: bool = False
    """CFSI / EICC-GeSI templates use Excel's 1904 date system; RMI's use 1900."""
    date_parts: tuple[int, int, int] | None = None
    """CMRT 1 splits the date into day, month and year cells: their 1-based columns on the date's row."""

    # -- what the reader needs, derived ------------------------------------------------------------
    @property
    def declaration_rows(self) -> dict[str, int]:
        """Field key -> row of its answer cell."""
        return {f.key: f.row for f in self.fields}

    @property
    def first_question_row(self) -> int:
        return self.questions[0].row if self.questions else 25

    @property
    def company_first_row(self) -> int:
        return self.company_questions[0].row if self.company_questions else self.first_question_row

    @property
    def question_keys(self) -> dict[str, str]:
        """Printed question number -> stable key, for questions whose text cannot be read."""
        return {q.number: q.key for q in self.questions}

    @property
    def company_keys(self) -> dict[str, str]:
        return {q.number: q.key for q in self.company_questions}

    @property
    def smelter_cols(self) -> dict[str, int]:
        return {c.key: c.col for c in self.smelter_columns}
