"""The only code that knows file formats: give the cells of the sheets asked for, nothing more.

``open_workbook`` sniffs the container (zip for .xlsx/.xlsm, OLE2 for .xls and for encrypted files of
either kind), decrypts with the given password or Excel's default one, checks safety limits, and
returns a :class:`Workbook` whose sheets are parsed lazily, one at a time, on first use.

The engine is python-calamine (Rust; reads cached values of only the sheets asked for, both formats,
both date systems). If it cannot parse a file, openpyxl (with defusedxml) or xlrd is tried before the
file is declared corrupt.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Callable, Sequence
from typing import IO, Any, Union

import python_calamine

from cmrt.errors import CorruptFileError, NotExcelError, PasswordError, UnsafeFileError
from cmrt.workbook.safety import MAX_FILE_BYTES, check_size, check_zip

Source = Union[str, "os.PathLike[str]", bytes, bytearray, IO[bytes]]
Rows = list[list[Any]]

ERROR_VALUES = frozenset(
    {"#N/A", "#VALUE!", "#REF!", "#NAME?", "#DIV/0!", "#NULL!", "#NUM!", "#GETTING_DATA"}
)
DEFAULT_PASSWORD = "VelvetSweatshop"
"""The password Excel uses when a workbook is 'encrypted' only to protect its structure."""

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read_source(source: Source) -> tuple[bytes, str | None]:
    """The bytes of ``source`` (path, bytes or binary file object) and its file name, if any."""
    if isinstance(source, (bytes, bytearray)):
        return bytes(source), None
    if isinstance(source, (str, os.PathLike)):
        path = os.fspath(source)
        if os.path.isdir(path):
            raise NotExcelError(f"{path} is a directory, not a workbook")
        if os.path.getsize(path) > MAX_FILE_BYTES:
            raise UnsafeFileError(f"{path} is larger than {MAX_FILE_BYTES:,} bytes")
        with open(path, "rb") as handle:
            return handle.read(), os.path.basename(path)
    if hasattr(source, "read"):
        data = source.read()
        if isinstance(data, str):
            raise TypeError("open the file in binary mode ('rb')")
        return data, getattr(source, "name", None) and os.path.basename(str(source.name))
    raise TypeError(f"expected a path, bytes or a binary file object, not {type(source).__name__}")


def cell_text(value: Any) -> str | None:
    """A cell as the text Excel shows in a text column; blanks, errors and formula zeros -> None.

    >>> cell_text("  Gold "), cell_text("#N/A"), cell_text(0.0), cell_text(242332.0), cell_text("")
    ('Gold', None, None, '242332', None)
    """
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

    def __init__(self, names: Sequence[str], loader: Callable[[str, int | None], Rows]) -> None:
        self.sheet_names: tuple[str, ...] = tuple(names)
        self._loader = loader
        self._cache: dict[str, Rows] = {}
        self._by_folded = {n.strip().casefold(): n for n in names}

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
            try:
                self._cache[key] = self._loader(sheet, max_rows)
            except CorruptFileError:
                raise
            except Exception as exc:  # an engine's own error: the file, not our code, is at fault
                raise CorruptFileError(f"cannot read sheet {sheet!r}: {exc}") from exc
        return self._cache[key]


def open_workbook(source: Source, *, password: str | None = None) -> tuple[Workbook, str | None]:
    """Open ``source`` for reading; returns the workbook and the source's file name (if any)."""
    data, name = read_source(source)
    check_size(data)
    if data.startswith(_OLE_MAGIC):
        data, is_xlsx = _maybe_decrypt(data, password)
    elif data.startswith(_ZIP_MAGIC):
        is_xlsx = True
    else:
        what = "an empty file" if not data else "not an Excel workbook (no zip or OLE2 signature)"
        raise NotExcelError(f"{name or 'input'} is {what}")
    if is_xlsx:
        check_zip(data)
    return _calamine(data, is_xlsx), name


def _maybe_decrypt(data: bytes, password: str | None) -> tuple[bytes, bool]:
    """Decrypt an OLE2 file if it is encrypted; tell whether the payload is an .xlsx (zip)."""
    import msoffcrypto
    from msoffcrypto.exceptions import DecryptionError, FileFormatError, InvalidKeyError

    try:
        office = msoffcrypto.OfficeFile(io.BytesIO(data))
        encrypted = office.is_encrypted()
    except FileFormatError as exc:
        raise NotExcelError(f"an OLE2 file that is not an Excel workbook: {exc}") from exc
    except Exception as exc:
        raise CorruptFileError(f"damaged OLE2 container: {exc}") from exc
    if not encrypted:
        return data, False
    tried = [p for p in (password, DEFAULT_PASSWORD) if p is not None]
    for candidate in tried:
        try:
            office = msoffcrypto.OfficeFile(io.BytesIO(data))
            office.load_key(password=candidate)
            out = io.BytesIO()
            office.decrypt(out)
        except (InvalidKeyError, DecryptionError):
            continue
        except Exception as exc:
            raise CorruptFileError(f"cannot decrypt: {exc}") from exc
        plain = out.getvalue()
        return plain, plain.startswith(_ZIP_MAGIC)
    given = "the given password nor " if password is not None else ""
    raise PasswordError(f"the workbook is encrypted and neither {given}Excel's default password opens it")


def _calamine(data: bytes, is_xlsx: bool) -> Workbook:
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except python_calamine.PasswordError as exc:
        raise PasswordError("the workbook is password-protected") from exc
    except Exception:
        return _fallback(data, is_xlsx)
    parsed: dict[str, Any] = {}  # parsing a sheet is the cost; converting a few rows again is cheap

    def load(sheet: str, max_rows: int | None) -> Rows:
        try:
            if sheet not in parsed:
                parsed[sheet] = book.get_sheet_by_name(sheet)
            return parsed[sheet].to_python(skip_empty_area=False, nrows=max_rows)
        except Exception:
            return _fallback(data, is_xlsx).rows(sheet, max_rows)

    return Workbook(book.sheet_names, load)


def _fallback(data: bytes, is_xlsx: bool) -> Workbook:
    """openpyxl (.xlsx) or xlrd (.xls) for files calamine rejects; slower but forgiving."""
    try:
        return _openpyxl(data) if is_xlsx else _xlrd(data)
    except (CorruptFileError, NotExcelError):
        raise
    except Exception as exc:
        raise CorruptFileError(f"no engine can read this workbook: {exc}") from exc


def _openpyxl(data: bytes) -> Workbook:
    import openpyxl  # uses defusedxml automatically when it is installed

    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)

    def load(sheet: str, max_rows: int | None) -> Rows:
        return [
            ["" if v is None else v for v in row]
            for row in book[sheet].iter_rows(min_row=1, max_row=max_rows, values_only=True)
        ]

    return Workbook(book.sheetnames, load)


def _xlrd(data: bytes) -> Workbook:
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, on_demand=True, logfile=io.StringIO())
    except xlrd.biffh.XLRDError as exc:
        if "encrypted" in str(exc).lower():
            raise PasswordError("the workbook is encrypted") from exc
        raise NotExcelError(f"not a readable .xls workbook: {exc}") from exc

    def cell(sheet: Any, r: int, c: int) -> Any:
        kind = sheet.cell_type(r, c)
        value = sheet.cell_value(r, c)
        if kind == xlrd.XL_CELL_DATE:
            return xlrd.xldate_as_datetime(value, book.datemode)
        if kind in (xlrd.XL_CELL_ERROR, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_EMPTY):
            return ""
        return value

    def load(sheet_name: str, max_rows: int | None) -> Rows:
        sheet = book.sheet_by_name(sheet_name)
        n = sheet.nrows if max_rows is None else min(sheet.nrows, max_rows)
        return [[cell(sheet, r, c) for c in range(sheet.row_len(r))] for r in range(n)]

    return Workbook(book.sheet_names(), load)
