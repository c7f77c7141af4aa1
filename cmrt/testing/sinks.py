"""Where a test workbook's cells go: one small interface over openpyxl (.xlsx) and xlwt (.xls)."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any, Protocol

import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import CALENDAR_MAC_1904
from openpyxl.workbook.defined_name import DefinedName

__all__ = ["Sink", "XlsSink", "XlsxSink"]


class Sink(Protocol):
    """Where cells go; writers call ``put`` and never touch openpyxl or xlwt themselves."""

    def put(
        self,
        sheet: str,
        row: int,
        col: int,
        value: object,
        formula: str | None = None,
        fmt: str | None = None,
    ) -> None: ...

    def hide_columns(self, sheet: str, first: int, last: int) -> None: ...

    def define_name(self, name: str, ref: str) -> None: ...

    def finish(self) -> bytes: ...


class XlsxSink:
    """openpyxl sink; writes formulas (uncached) instead of values when ``formulas`` is set."""

    def __init__(self, sheets: Iterable[tuple[str, bool]], *, formulas: bool, epoch_1904: bool) -> None:
        self._wb = openpyxl.Workbook()
        self._wb.remove(self._wb.active)
        if epoch_1904:
            self._wb.epoch = CALENDAR_MAC_1904
        for name, hidden in sheets:
            ws = self._wb.create_sheet(name)
            if hidden:
                ws.sheet_state = "hidden"
        self._formulas = formulas

    def put(
        self,
        sheet: str,
        row: int,
        col: int,
        value: object,
        formula: str | None = None,
        fmt: str | None = None,
    ) -> None:
        """Write one cell; ``None`` or ``""`` values are skipped, like the empty cells Excel saves."""
        cell = self._wb[sheet].cell(row=row, column=col)
        if self._formulas and formula is not None:
            cell.value = "=" + formula
            return
        if value is None or value == "":
            return
        cell.value = value
        if cell.data_type == "f":  # typed text that merely starts with "=" stays text
            cell.data_type = "s"
        if fmt:
            cell.number_format = fmt

    def hide_columns(self, sheet: str, first: int, last: int) -> None:
        """Hide a column range, as the templates hide their helper columns."""
        for col in range(first, last + 1):
            self._wb[sheet].column_dimensions[get_column_letter(col)].hidden = True

    def define_name(self, name: str, ref: str) -> None:
        """Add a global defined name used by the uncached formulas (SL, LN, CL)."""
        self._wb.defined_names[name] = DefinedName(name, attr_text=ref)

    def finish(self) -> bytes:
        buf = io.BytesIO()
        self._wb.save(buf)
        return buf.getvalue()


class XlsSink:
    """xlwt sink (BIFF8 .xls); always writes values because xlwt cannot cache formula results."""

    _ERRORS = {"#N/A": 0x2A}  # xlwt's own map lacks "#N/A"

    def __init__(self, sheets: Iterable[tuple[str, bool]], *, epoch_1904: bool) -> None:
        import xlwt  # optional test dependency, needed only for .xls

        self._xlwt = xlwt
        self._wb = xlwt.Workbook(encoding="utf-8")
        self._wb.dates_1904 = epoch_1904
        self._sheets: dict[str, Any] = {}
        self._styles: dict[str, Any] = {}
        for name, hidden in sheets:
            ws = self._wb.add_sheet(name, cell_overwrite_ok=True)
            if hidden:
                ws.visibility = 1
            self._sheets[name] = ws

    def put(
        self,
        sheet: str,
        row: int,
        col: int,
        value: object,
        formula: str | None = None,
        fmt: str | None = None,
    ) -> None:
        """Write one cell's value (the formula is ignored); ``None`` or ``""`` values are skipped."""
        if value is None or value == "":
            return
        ws = self._sheets[sheet]
        if isinstance(value, str) and value in self._ERRORS:
            ws.row(row - 1).set_cell_error(col - 1, self._ERRORS[value])
            return
        if fmt is None:
            ws.write(row - 1, col - 1, value)
            return
        if fmt not in self._styles:
            self._styles[fmt] = self._xlwt.easyxf(num_format_str=fmt)
        ws.write(row - 1, col - 1, value, self._styles[fmt])

    def hide_columns(self, sheet: str, first: int, last: int) -> None:
        """Hide a column range, as the templates hide their helper columns."""
        for col in range(first, last + 1):
            self._sheets[sheet].col(col - 1).hidden = True

    def define_name(self, name: str, ref: str) -> None:
        """Nothing to do: an .xls made here holds no formulas that could use the name."""

    def finish(self) -> bytes:
        buf = io.BytesIO()
        self._wb.save(buf)
        return buf.getvalue()
