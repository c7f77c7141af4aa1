"""cmrt: read, check and classify the RMI reporting templates (CMRT, EMRT, CRT, AMRT), every version.

>>> import cmrt
>>> report = cmrt.read(cmrt.example_path())
>>> report.version, report.declaration.company_name
('6.5', 'Example Components Ltd.')
"""

from __future__ import annotations

import pathlib as _pathlib
from importlib.metadata import PackageNotFoundError as _NotInstalled
from importlib.metadata import version as _version
from importlib.resources import files as _files

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

try:  # the one place the version is written is pyproject.toml; this reads it from the installed metadata
    __version__ = _version("cmrt")
except _NotInstalled:  # imported from a source tree that was never installed
    __version__ = "0+unknown"
del _NotInstalled, _version

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


def example_path() -> _pathlib.Path:
    """The bundled example: a CMRT 6.5-shaped workbook made by cmrt (illustrative data, not RMI's)."""
    return _pathlib.Path(str(_files("cmrt") / "examples" / "example_cmrt_6.5.xlsx"))


def example_survey_path() -> _pathlib.Path:
    """The bundled example survey: ``suppliers/`` (four CMRTs and an EMRT made by cmrt) and ``reference/``
    (a look-up, a status list and a revision history of made-up facilities, clearly marked: not RMI
    data)."""
    return _pathlib.Path(str(_files("cmrt") / "examples" / "survey"))


def __dir__() -> list[str]:
    """The public API only: ``dir(cmrt)`` and tab completion show what ``__all__`` promises."""
    return sorted([*__all__, "__version__"])


del annotations
