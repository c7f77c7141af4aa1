"""cmrt: read, check and classify the RMI reporting templates (CMRT, EMRT, CRT, AMRT), every version.

>>> import cmrt
>>> report = cmrt.read(cmrt.example_path())
>>> report.version, report.declaration.company_name
('6.5', 'Example Components Ltd.')

Every public name is imported when first used (PEP 562), so ``import cmrt`` and ``cmrt read`` load
neither the classifier (rapidfuzz), the worker processes (multiprocessing) nor the deliverables until
something asks for them; type checkers and IDEs see the names through the ``TYPE_CHECKING`` imports.
"""

from __future__ import annotations

import sys as _sys
from importlib import import_module as _import_module
from types import ModuleType as _ModuleType

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing; type checkers take it as True
if TYPE_CHECKING:
    import pathlib

    from cmrt.batch import FileFailure
    from cmrt.cahra import CahraArea, CahraList
    from cmrt.check import check
    from cmrt.classification import (
        Classification,
        Facility,
        ReportedRow,
        RiskFlag,
        Status,
        Summary,
        SupplierRows,
        classify_smelters,
    )
    from cmrt.errors import (
        CmrtError,
        ColumnsError,
        CorruptFileError,
        FileAccessError,
        FileMissingError,
        NotExcelError,
        NotTemplateError,
        PasswordError,
        ReaderCrashError,
        ReadTimeoutError,
        ReferenceFormatError,
        UnsafeFileError,
        WrongTemplateError,
    )
    from cmrt.identity.countries import COVERED_COUNTRIES, Country, countries_in, normalize_country
    from cmrt.identity.facilities import Listing, ReferenceFacility, Revision, Source
    from cmrt.identity.ids import normalize_smelter_id
    from cmrt.identity.names import normalize_name
    from cmrt.identity.reference import SmelterReference
    from cmrt.identity.resolve import Candidate, Match, Method
    from cmrt.reading import read
    from cmrt.records import (
        METALS,
        MINERALS,
        Answer,
        CmrtReport,
        Declaration,
        MineEntry,
        Problem,
        Product,
        RowKind,
        Severity,
        SmelterEntry,
        normalize_metal,
    )
    from cmrt.survey import SupplierResponse, Survey, survey

    __version__: str

_WHERE = {
    "cmrt.batch": ("FileFailure",),
    "cmrt.cahra": ("CahraArea", "CahraList"),
    "cmrt.check": ("check",),
    "cmrt.classification": (
        "Classification",
        "Facility",
        "ReportedRow",
        "RiskFlag",
        "Status",
        "Summary",
        "SupplierRows",
        "classify_smelters",
    ),
    "cmrt.errors": (
        "CmrtError",
        "ColumnsError",
        "CorruptFileError",
        "FileAccessError",
        "FileMissingError",
        "NotExcelError",
        "NotTemplateError",
        "PasswordError",
        "ReaderCrashError",
        "ReadTimeoutError",
        "ReferenceFormatError",
        "UnsafeFileError",
        "WrongTemplateError",
    ),
    "cmrt.identity.countries": ("COVERED_COUNTRIES", "Country", "countries_in", "normalize_country"),
    "cmrt.identity.facilities": ("Listing", "ReferenceFacility", "Revision", "Source"),
    "cmrt.identity.ids": ("normalize_smelter_id",),
    "cmrt.identity.names": ("normalize_name",),
    "cmrt.identity.reference": ("SmelterReference",),
    "cmrt.identity.resolve": ("Candidate", "Match", "Method"),
    "cmrt.reading": ("read",),
    "cmrt.records": (
        "METALS",
        "MINERALS",
        "Answer",
        "CmrtReport",
        "Declaration",
        "MineEntry",
        "Problem",
        "Product",
        "RowKind",
        "Severity",
        "SmelterEntry",
        "normalize_metal",
    ),
    "cmrt.survey": ("SupplierResponse", "Survey", "survey"),
}
_MODULE_OF = {name: module for module, names in _WHERE.items() for name in names}
"""Where each public name lives: imported from there on first use."""

__all__ = [
    "COVERED_COUNTRIES",
    "METALS",
    "MINERALS",
    "Answer",
    "CahraArea",
    "CahraList",
    "Candidate",
    "Classification",
    "CmrtError",
    "ColumnsError",
    "CmrtReport",
    "CorruptFileError",
    "Country",
    "Declaration",
    "Facility",
    "FileAccessError",
    "FileFailure",
    "FileMissingError",
    "Listing",
    "Match",
    "MineEntry",
    "Method",
    "NotExcelError",
    "NotTemplateError",
    "PasswordError",
    "Problem",
    "Product",
    "ReadTimeoutError",
    "ReaderCrashError",
    "ReferenceFacility",
    "ReferenceFormatError",
    "ReportedRow",
    "Revision",
    "RiskFlag",
    "RowKind",
    "Severity",
    "SmelterEntry",
    "SmelterReference",
    "Source",
    "Status",
    "Summary",
    "SupplierResponse",
    "SupplierRows",
    "Survey",
    "UnsafeFileError",
    "WrongTemplateError",
    "check",
    "classify_smelters",
    "countries_in",
    "example_path",
    "example_survey_path",
    "normalize_country",
    "normalize_metal",
    "normalize_name",
    "normalize_smelter_id",
    "read",
    "survey",
]


def __getattr__(name: str) -> object:
    """A public name, imported from its module on first use and kept; ``__version__`` from the installed
    metadata (the one place the version is written is pyproject.toml)."""
    if name == "__version__":
        value: object = _installed_version()
    elif name in _MODULE_OF:
        value = getattr(_import_module(_MODULE_OF[name]), name)
    else:
        raise AttributeError(f"module 'cmrt' has no attribute {name!r}")
    globals()[name] = value
    return value


def _installed_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("cmrt")
    except PackageNotFoundError:  # imported from a source tree that was never installed
        return "0+unknown"


def example_path() -> pathlib.Path:
    """The bundled example: a CMRT 6.5-shaped workbook made by cmrt (illustrative data, not RMI's)."""
    return _examples() / "example_cmrt_6.5.xlsx"


def example_survey_path() -> pathlib.Path:
    """The bundled example survey: ``suppliers/`` (four CMRTs and an EMRT made by cmrt) and ``reference/``
    (a look-up, a status list and a revision history of made-up facilities, clearly marked: not RMI
    data)."""
    return _examples() / "survey"


def _examples() -> pathlib.Path:
    import pathlib
    from importlib.resources import files

    return pathlib.Path(str(files("cmrt") / "examples"))


def __dir__() -> list[str]:
    """The public API only: ``dir(cmrt)`` and tab completion show what ``__all__`` promises."""
    return sorted([*__all__, "__version__"])


class _Package(_ModuleType):
    """``cmrt`` itself. Two public functions share their names with their modules (``cmrt.check``,
    ``cmrt.survey``); importing such a module sets it as the package's attribute, which here leaves the
    name to the function, as the eager imports did."""

    def __setattr__(self, name: str, value: object) -> None:
        if name in ("check", "survey") and isinstance(value, _ModuleType):
            return
        super().__setattr__(name, value)


_sys.modules[__name__].__class__ = _Package

del annotations, TYPE_CHECKING
