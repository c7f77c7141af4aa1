"""The only code that knows file formats: give the cells of the sheets asked for, nothing more.

``open_workbook`` takes the bytes in (:mod:`~cmrt.workbook.source`: regular files only, within a size
limit), sniffs the container (zip for .xlsx/.xlsm, OLE2 for .xls and for encrypted files of either kind),
decrypts with the given password or Excel's default one, checks what the file will make an engine
allocate (:mod:`~cmrt.workbook.xlsx`, :mod:`~cmrt.workbook.xls`), and returns a :class:`Workbook` whose
sheets are parsed lazily, one at a time, on first use, each after its own check.

The engine is python-calamine (Rust; reads cached values of only the sheets asked for, both formats,
both date systems). If it cannot parse a file, openpyxl (with defusedxml) or xlrd is tried before the
file is declared corrupt (:mod:`~cmrt.workbook.engines`). Every failure of any engine ends as one
:class:`~cmrt.CmrtError` (:mod:`~cmrt.workbook.guard`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from cmrt.errors import CorruptFileError, NotExcelError
from cmrt.workbook.engines import DEFAULT_PASSWORD, Engines, Opened, Rows, decrypt
from cmrt.workbook.guard import engine_errors
from cmrt.workbook.source import MAX_FILE_BYTES, Source, read_source

__all__ = [
    "DEFAULT_PASSWORD",
    "ERROR_VALUES",
    "MAX_FILE_BYTES",
    "Rows",
    "Source",
    "Workbook",
    "cell_text",
    "open_workbook",
]

ERROR_VALUES = frozenset(
    {"#N/A", "#VALUE!", "#REF!", "#NAME?", "#DIV/0!", "#NULL!", "#NUM!", "#GETTING_DATA"}
)

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_LOOKALIKES = (
    (b"%PDF", "a PDF document"),
    (b"<!doctype html", "an HTML page (some tools save web tables as .xls)"),
    (b"<html", "an HTML page (some tools save web tables as .xls)"),
    (b"<?xml", "an XML file (Excel 2003 XML spreadsheets are not supported; save as .xlsx)"),
    (b"PK\x05\x06", "an empty zip archive"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"{\\rtf", "an RTF document"),
)


def cell_text(value: Any) -> str | None:
    """A cell as the text Excel shows in a text column; blanks, errors and formula zeros -> None.

    >>> cell_text("  Gold "), cell_text("#N/A"), cell_text(0.0), cell_text(242332.0), cell_text("")
    ('Gold', None, None, '242332', None)
    """
    if type(value) is str:  # most cells: the last line's case, without the checks before it
        text = value.strip()
        return text if text and text not in ERROR_VALUES else None
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return None if value == 0 else str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    text = str(value).strip()
    return None if not text or text in ERROR_VALUES else text


class Workbook:
    """A read-only view of one workbook: sheet names, and each sheet's rows of cached values."""

    def __init__(self, engines: Engines) -> None:
        self._engines = engines
        self.sheet_names: tuple[str, ...] = tuple(engines.sheet_names)
        self._cache: dict[str, Rows] = {}
        self._by_folded = {n.strip().casefold(): n for n in self.sheet_names}
        self.notes: list[str] = engines.notes
        """What reading left out of the file (cells beyond any template's extent), said to the user."""

    def prefetch(self, *candidates: str) -> None:
        """Have the engine parse these sheets (those the workbook has), in order, while the caller goes
        on: where the engine has a thread of its own, the rows are ready by the time they are asked for."""
        self._engines.prefetch(self._found(candidates))

    def prepare(self, *candidates: str, until: str | tuple[str, ...]) -> None:
        """Check the markup of these sheets (those the workbook has), in order, while the engine parses
        ``until`` (the first of those names the workbook has), and no longer: a sheet checked already is
        given to the engine the moment it is asked for. For sheets the caller may or may not read next,
        which the sheet ``until`` will tell."""
        waited = self._found((until,) if isinstance(until, str) else until)[:1]
        self._engines.prepare(self._found(candidates), until=waited)

    def _found(self, candidates: Sequence[str]) -> list[str]:
        return [name for name in dict.fromkeys(map(self.find_sheet, candidates)) if name is not None]

    def close(self) -> None:
        """Stop the engine's work for this workbook (sheets read ahead and not asked for are dropped)."""
        self._engines.close()

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def find_sheet(self, *candidates: str) -> str | None:
        """The real name of the first candidate sheet present (case and spacing ignored)."""
        for candidate in candidates:
            name = self._by_folded.get(candidate.strip().casefold())
            if name is not None:
                return name
        return None

    def rows(self, sheet: str, max_rows: int | None = None) -> Rows:
        """Rows of ``sheet`` from A1 (Excel row r is index r-1), cached values only ("" when empty)."""
        key = f"{sheet}\0{max_rows}"
        if key not in self._cache:
            with engine_errors(f"cannot read sheet {sheet!r}"):
                self._cache[key] = self._engines.rows(sheet, max_rows)
        return self._cache[key]


def open_workbook(
    source: Source, *, password: str | None = None, ahead: Sequence[str] = (), maybe: Sequence[str] = ()
) -> tuple[Workbook, str | None]:
    """Open ``source`` for reading; returns the workbook and the source's file name (if any).

    ``ahead`` names sheets the caller will read first, ``maybe`` those it may read next (case and spacing
    ignored). In an .xlsx, the first are checked and queued for the engine as it opens the file, and the
    others checked while it opens it and parses the first. Close the workbook (or use it in a ``with``
    block) when done with it."""
    data, name = read_source(source)
    with engine_errors(f"{name or 'input'}: cannot open"):  # the checks' own slips included
        if data.startswith(_OLE_MAGIC):
            opened = decrypt(data, password)
        elif data.startswith(_ZIP_MAGIC):
            opened = Opened(data, True)
        else:
            raise NotExcelError(f"{name or 'input'} is {_what_it_is(data)}")
        if opened.is_xlsx and not opened.data.startswith(_ZIP_MAGIC):
            raise CorruptFileError(f"{name or 'input'}: the decrypted content is not an .xlsx (zip)")
        engines = Engines(*opened, ahead=ahead, maybe=maybe)
    return Workbook(engines), name


def _what_it_is(data: bytes) -> str:
    if not data:
        return "an empty file"
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    for magic, what in _LOOKALIKES:
        if head.startswith(magic):
            return f"{what}, not an Excel workbook"
    return "not an Excel workbook (no zip or OLE2 signature)"
