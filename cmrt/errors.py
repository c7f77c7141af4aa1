"""The exceptions :func:`cmrt.read` raises for files it cannot read at all.

Everything else a file can get wrong is a :class:`cmrt.Problem`, not an exception. Every exception
here is a :class:`CmrtError`, so a batch job needs one ``except`` clause to skip a bad file and go on.
"""

from __future__ import annotations


class CmrtError(Exception):
    """Base class: the file could not be read as a CMRT."""


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


class PasswordError(CmrtError):
    """The workbook is encrypted and neither the given password nor Excel's default one opens it."""


class CorruptFileError(CmrtError):
    """The workbook is damaged, truncated, or not parseable by any engine."""


class UnsafeFileError(CorruptFileError):
    """The file looks like an attack (XML entity expansion, decompression bomb) or exceeds size limits."""
