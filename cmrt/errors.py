"""The exceptions cmrt raises for inputs it cannot read at all.

Everything else a file can get wrong is a :class:`cmrt.Problem`, not an exception. Every exception
here is a :class:`CmrtError`, so a batch job needs one ``except`` clause to skip a bad file and go on:
whatever a supplier's file holds, reading it ends in a result or in one of these, never in another
exception and never in a dead process (see ``docs/reliability.md``).

    CmrtError
    ├── FileAccessError (also an OSError)      the path cannot be opened or read
    │   └── FileMissingError (also FileNotFoundError)
    ├── NotExcelError                          not a workbook at all (PDF, HTML, a FIFO, a folder ...)
    ├── NotTemplateError                       a workbook, but not an RMI template
    │   └── WrongTemplateError                 another RMI template than the one asked for
    ├── PasswordError                          encrypted, and no password given opens it
    ├── CorruptFileError                       damaged, truncated, unparseable
    │   ├── ReaderCrashError                   the isolated reading process died on it
    │   └── UnsafeFileError                    an attack or a limit passed (bombs, DTDs, sizes)
    │       └── ReadTimeoutError               reading took longer than the per-file limit
    └── ReferenceFormatError                   a reference or CAHRA file of no recognised kind
"""

from __future__ import annotations


class CmrtError(Exception):
    """Base class: the input could not be read."""


class FileAccessError(CmrtError, OSError):
    """The operating system would not open or read the path (permissions, I/O error, symlink loop ...)."""


class FileMissingError(FileAccessError, FileNotFoundError):
    """The path does not exist. Also a :class:`FileNotFoundError`, so either ``except`` catches it."""


class NotExcelError(CmrtError):
    """The input is not an Excel workbook (.xlsx, .xlsm or .xls) at all."""


class NotTemplateError(CmrtError):
    """The input is an Excel workbook, but not an RMI/CFSI reporting template."""


class WrongTemplateError(NotTemplateError):
    """The workbook is another RMI template (EMRT, CRT, AMRT, PRT) where a CMRT was expected.

    :attr:`template` names it (``"EMRT"``), :attr:`version` gives its version when known.
    """

    def __init__(self, message: str, template: str, version: str | None = None) -> None:
        super().__init__(message)
        self.template = template
        self.version = version

    def __reduce__(self):  # type: ignore[no-untyped-def]  # keeps the fields across process boundaries
        return (type(self), (str(self), self.template, self.version))


class PasswordError(CmrtError):
    """The workbook is encrypted and neither the given password nor Excel's default one opens it."""


class CorruptFileError(CmrtError):
    """The workbook is damaged, truncated, or not parseable by any engine."""


class ReaderCrashError(CorruptFileError):
    """The child process reading the file died (a native engine aborted, or the memory limit was hit).

    Only raised or reported where reading is isolated in a child process (surveys, the command)."""


class UnsafeFileError(CorruptFileError):
    """The file looks like an attack (XML entity expansion, decompression bomb) or exceeds a limit."""


class ReadTimeoutError(UnsafeFileError):
    """Reading the file took longer than the per-file time limit, so it was stopped."""


class ReferenceFormatError(CmrtError, ValueError):
    """Reference data (smelter lists, templates, CAHRA lists, in files or in code) cannot be used as such.

    Also a :class:`ValueError`, as it was for countries given in code before it existed."""


class ColumnsError(CmrtError, ValueError):
    """Plain rows (mappings, a DataFrame) none of which carries a metal with a name, or a smelter ID, under
    any column name cmrt knows: nothing could be classified, and that is said instead of 0 facilities."""
