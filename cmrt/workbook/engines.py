"""The engines that parse workbooks: python-calamine first, openpyxl or xlrd where it fails.

Each engine is asked only after the file's checks passed (:func:`~cmrt.workbook.xlsx.inspect_xlsx`,
:func:`~cmrt.workbook.xls.inspect_xls`), and each .xlsx sheet only after its own plan: a sheet too large
for calamine's rectangle of cells is read by openpyxl's streaming reader, bounded to the rows and columns
a template can have. Engines that print (openpyxl does, on some damaged styles) print into nothing, and
their warnings are not the user's concern: what they mean reaches the user as errors or notes.
"""

from __future__ import annotations

import contextlib
import functools
import io
import warnings
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from cmrt.errors import NotExcelError, PasswordError
from cmrt.workbook.background import Job, Worker, threads_allowed
from cmrt.workbook.guard import FATAL, converted, engine_errors
from cmrt.workbook.xlsx import TEMPLATE_COLUMNS, SheetPlan, XlsxPlan, inspect_xlsx

if TYPE_CHECKING:  # the OLE2 and .xls modules (hashlib among them) are imported for an OLE2 file only
    from cmrt.workbook import ole

__all__ = ["DEFAULT_PASSWORD", "Engines", "Opened", "Rows", "decrypt", "quiet"]

Rows = list[list[Any]]

DEFAULT_PASSWORD = "VelvetSweatshop"
"""The password Excel uses when a workbook is 'encrypted' only to protect its structure."""
_ZIP_MAGIC = b"PK\x03\x04"


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    """No prints on standard output and no warnings from an engine while it runs."""
    with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
        warnings.simplefilter("ignore")
        yield


class Opened(NamedTuple):
    """A workbook's bytes, decrypted if they were encrypted."""

    data: bytes
    is_xlsx: bool
    compound: ole.Compound | None = None
    """The checked OLE2 container of ``data`` (an .xls), where it is known already."""


def decrypt(data: bytes, password: str | None) -> Opened:
    """An OLE2 file decrypted if it is encrypted; tells whether the payload is an .xlsx (zip).

    The container is checked first (:class:`~cmrt.workbook.ole.Compound`), and only what is encrypted is
    decrypted: an .xls whose records begin with FILEPASS (RC4 and RC4 CryptoAPI by
    :mod:`~cmrt.workbook.xls_crypto`), or an .xlsx in an ``EncryptedPackage``. msoffcrypto is not even
    imported for an .xls in clear, and is asked only for what xls_crypto leaves to it: the .xlsx, XOR
    obfuscation, odd files and wrong passwords.
    """
    from cmrt.workbook import ole, xls_crypto
    from cmrt.workbook.xls import has_filepass

    compound = ole.Compound(data)
    found = compound.streams
    workbook = found.get("Workbook", found.get("Book"))
    if "EncryptedPackage" not in found and workbook is None:
        names = ", ".join(sorted(found)[:6]) or "none"
        raise NotExcelError(f"an OLE2 file that is not an Excel workbook (streams: {names})")
    if "EncryptedPackage" not in found and not has_filepass(workbook or b""):
        return Opened(data, False, compound)
    candidates = [p for p in (password, DEFAULT_PASSWORD) if p is not None]
    if "EncryptedPackage" not in found:
        plain = xls_crypto.decrypt(compound, candidates)
        if plain is not None:
            return Opened(plain.data, False, plain)
    return _msoffcrypto(data, password, candidates)


def _open_calamine(data: bytes) -> tuple[Any, list[str]]:
    """calamine's workbook and its sheet names (asked on the worker: the workbook is used by one thread)."""
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    return book, list(book.sheet_names)


def _parse_sheet(opening: Job, sheet: str) -> Any:
    """calamine's parse of one sheet of the workbook ``opening`` opened (on the worker, after it)."""
    return opening.result()[0].get_sheet_by_name(sheet)


def _msoffcrypto(data: bytes, password: str | None, candidates: list[str]) -> Opened:
    """msoffcrypto's decryption, each candidate password in turn (the first that opens the file)."""
    import msoffcrypto
    from msoffcrypto.exceptions import DecryptionError, InvalidKeyError

    for candidate in candidates:
        try:
            with quiet():
                office = msoffcrypto.OfficeFile(io.BytesIO(data))
                office.load_key(password=candidate)
                out = io.BytesIO()
                office.decrypt(out)
        except (InvalidKeyError, DecryptionError):
            continue
        except BaseException as exc:
            raise converted(exc, "cannot decrypt") from exc
        plain = out.getvalue()
        return Opened(plain, plain.startswith(_ZIP_MAGIC))
    given = "the given password nor " if password is not None else ""
    raise PasswordError(f"the workbook is encrypted and neither {given}Excel's default password opens it")


class Engines:
    """One workbook's bytes and the engines reading them: calamine, or a fallback once calamine fails.

    For an .xlsx, calamine runs on a :class:`~cmrt.workbook.background.Worker` thread, one job after
    another: it opens the workbook, then parses each sheet :meth:`prefetch` queued, while the caller
    goes on. A sheet is queued only once its markup has passed its check (:meth:`check`), here: the next
    sheet is checked while calamine parses the last one, so calamine seldom waits for a check."""

    def __init__(
        self,
        data: bytes,
        is_xlsx: bool,
        compound: ole.Compound | None = None,
        ahead: Sequence[str] = (),
        maybe: Sequence[str] = (),
    ) -> None:
        self.data = data
        self.is_xlsx = is_xlsx
        self.plan: XlsxPlan | None = inspect_xlsx(data) if is_xlsx else None
        if not is_xlsx:
            from cmrt.workbook.xls import inspect_xls

            inspect_xls(data, compound)
        self.notes: list[str] = []
        """What reading left out of the file, said to the user."""
        self._plans: dict[str, SheetPlan] = {}
        self._parsed: dict[str, Job] = {}  # parsing a sheet is the cost; converting rows again is cheap
        self._openpyxl: Any = None
        self._xlrd: Any = None
        self._calamine: Any = None
        self._worker = Worker() if is_xlsx and threads_allowed() else None
        self._opening: Job | None = None
        self.sheet_names: list[str] = self._open(ahead, maybe)

    def close(self) -> None:
        """Stop the engine's thread: what was queued for it is dropped, what runs is waited for."""
        if self._worker is not None:
            self._worker.close()

    def _open(self, ahead: Sequence[str], maybe: Sequence[str]) -> list[str]:
        import python_calamine

        try:
            if self._worker is None:
                with quiet():
                    self._calamine, names = _open_calamine(self.data)
                return names
            self._opening = self._worker.submit(functools.partial(_open_calamine, self.data))  # started
            self.prefetch(self._part_names(ahead))  # checked, then queued behind the opening
            for name in self._part_names(maybe):  # calamine holds the interpreter's lock as it opens a
                if self._opening.done() or self.plan is None:  # workbook: meanwhile only what releases
                    break  # it (zlib) is done here
                self.plan.inflate(name)
            self._calamine, names = self._opening.result()
            return names
        except python_calamine.PasswordError as exc:
            raise PasswordError("the workbook is password-protected") from exc
        except BaseException as exc:
            if isinstance(exc, FATAL):
                raise
            self._calamine = None
            if self._worker is not None:  # nothing is left for calamine to do
                self._worker.close()
                self._worker = None
            with engine_errors("no engine can read this workbook"):
                return self._openpyxl_book().sheetnames if self.is_xlsx else self._xlrd_book().sheet_names()

    def _part_names(self, sheets: Sequence[str]) -> list[str]:
        """The sheets, as the file's own workbook part names them (calamine has not named them yet)."""
        assert self.plan is not None
        try:
            parts = {name.strip().casefold(): name for name in self.plan.sheet_parts()}
        except Exception:  # noqa: BLE001 - said again when the sheet is read
            return []
        return [parts[key] for key in (s.strip().casefold() for s in sheets) if key in parts]

    def check(self, sheet: str) -> None:
        """Check the markup of a sheet (real name) the caller may read, so that calamine can be given it
        at once when it is asked for. A sheet that fails is left alone: the same check fails again when it
        is read, and says so then."""
        if self.plan is not None:
            with contextlib.suppress(Exception):
                self.plan.plan_sheet(sheet)

    def prepare(self, sheets: Sequence[str], until: Sequence[str]) -> None:
        """:meth:`check` ``sheets`` (real names), in order, while calamine parses any of ``until`` (real
        names), and no longer."""
        for name in sheets:
            if all(self._parsed[n].done() for n in until if n in self._parsed):
                return
            self.check(name)

    def prefetch(self, sheets: Sequence[str]) -> None:
        """Queue the sheets (real names) the caller will read next for calamine, in order, each once its
        check has passed; they are parsed on the worker while the caller goes on."""
        if self._worker is None:
            return
        for name in sheets:
            if name in self._parsed:
                continue
            try:
                plan = self._sheet_plan(name)
                if plan is not None and plan.calamine:
                    self._parsed[name] = self._parse(name)
            except Exception:  # noqa: BLE001 - raised again, with its message, when the sheet is read
                continue

    def _parse(self, sheet: str) -> Job:
        """calamine's parse of ``sheet`` as a job: on the worker (once it has opened the workbook), or run
        here for an .xls (whose sheets calamine parsed when it opened the file)."""
        if self._worker is not None and self._opening is not None:
            return self._worker.submit(functools.partial(_parse_sheet, self._opening, sheet))
        job = Job(functools.partial(self._calamine.get_sheet_by_name, sheet))
        job.run()
        return job

    def rows(self, sheet: str, max_rows: int | None) -> Rows:
        """Rows of one sheet, by the engine its plan allows, up to ``max_rows``."""
        plan = self._sheet_plan(sheet)
        if self._calamine is not None and (plan is None or plan.calamine):
            try:
                with quiet():
                    return self._calamine_sheet(sheet).to_python(skip_empty_area=False, nrows=max_rows)
            except BaseException as exc:
                if isinstance(exc, FATAL):
                    raise
        with engine_errors(f"no engine can read sheet {sheet!r}"):
            return (
                self._openpyxl_rows(sheet, max_rows, plan)
                if self.is_xlsx
                else self._xlrd_rows(sheet, max_rows)
            )

    def _calamine_sheet(self, sheet: str) -> Any:
        """calamine's parse of ``sheet``, put first in the worker's queue now that it is needed."""
        if sheet not in self._parsed:
            self._parsed[sheet] = self._parse(sheet)
        if self._worker is not None:
            self._worker.first(self._parsed[sheet])
        return self._parsed[sheet].result()

    def _sheet_plan(self, sheet: str) -> SheetPlan | None:
        if self.plan is None:
            return None
        if sheet not in self._plans:
            self._plans[sheet] = self.plan.plan_sheet(sheet)
            if self._plans[sheet].note:
                self.notes.append(f"sheet {sheet!r}: {self._plans[sheet].note}")
        return self._plans[sheet]

    def _openpyxl_book(self) -> Any:
        import openpyxl  # uses defusedxml automatically when it is installed

        if self._openpyxl is None:
            with quiet():
                self._openpyxl = openpyxl.load_workbook(io.BytesIO(self.data), read_only=True, data_only=True)
        return self._openpyxl

    def _openpyxl_rows(self, sheet: str, max_rows: int | None, plan: SheetPlan | None) -> Rows:
        """A streaming read bounded to the plan's rows and columns (never the sheet's own claims)."""
        assert plan is not None
        rows = plan.rows if max_rows is None else min(max_rows, plan.rows)
        with quiet():
            return [
                ["" if v is None else v for v in row]
                for row in self._openpyxl_book()[sheet].iter_rows(
                    min_row=1, max_row=rows, max_col=min(plan.columns, TEMPLATE_COLUMNS), values_only=True
                )
            ]

    def _xlrd_book(self) -> Any:
        import xlrd

        if self._xlrd is None:
            try:
                with quiet():
                    self._xlrd = xlrd.open_workbook(
                        file_contents=self.data, on_demand=True, logfile=io.StringIO(), verbosity=0
                    )
            except xlrd.biffh.XLRDError as exc:
                if "encrypted" in str(exc).lower():
                    raise PasswordError("the workbook is encrypted") from exc
                raise NotExcelError(f"not a readable .xls workbook: {exc}") from exc
        return self._xlrd

    def _xlrd_rows(self, sheet_name: str, max_rows: int | None) -> Rows:
        import xlrd

        book = self._xlrd_book()
        with quiet():
            sheet = book.sheet_by_name(sheet_name)

        def cell(r: int, c: int) -> Any:
            kind, value = sheet.cell_type(r, c), sheet.cell_value(r, c)
            if kind == xlrd.XL_CELL_DATE:
                try:
                    return xlrd.xldate_as_datetime(value, book.datemode)
                except (ValueError, OverflowError, xlrd.xldate.XLDateError):
                    return value
            return "" if kind in (xlrd.XL_CELL_ERROR, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_EMPTY) else value

        n = sheet.nrows if max_rows is None else min(sheet.nrows, max_rows)
        return [[cell(r, c) for c in range(sheet.row_len(r))] for r in range(n)]
