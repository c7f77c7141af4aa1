"""cmrt: read, check and classify RMI Conflict Minerals Reporting Templates (CMRT), every version.

>>> import cmrt
>>> report = cmrt.read(cmrt.example_path())
>>> report.version, report.declaration.company_name
('6.5', 'Example Components Ltd.')
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from cmrt.check import check
from cmrt.errors import (
    CmrtError,
    CorruptFileError,
    NotExcelError,
    NotTemplateError,
    PasswordError,
    UnsafeFileError,
    WrongTemplateError,
)
from cmrt.identity.countries import COVERED_COUNTRIES, Country, normalize_country
from cmrt.identity.ids import normalize_smelter_id
from cmrt.identity.names import normalize_name
from cmrt.identity.reference import (
    Listing,
    ReferenceFacility,
    ReferenceFormatError,
    Revision,
    SmelterReference,
    Source,
)
from cmrt.identity.resolve import Candidate, Match, Method
from cmrt.read import read
from cmrt.records import (
    METALS,
    Answer,
    CmrtReport,
    Declaration,
    Problem,
    Product,
    RowKind,
    Severity,
    SmelterEntry,
    normalize_metal,
)

__version__ = "0.1.0"

__all__ = [
    "COVERED_COUNTRIES",
    "METALS",
    "Answer",
    "Candidate",
    "Country",
    "ReferenceFacility",
    "Listing",
    "Match",
    "Method",
    "ReferenceFormatError",
    "Revision",
    "SmelterReference",
    "Source",
    "CmrtError",
    "CmrtReport",
    "CorruptFileError",
    "Declaration",
    "NotExcelError",
    "NotTemplateError",
    "PasswordError",
    "Problem",
    "Product",
    "RowKind",
    "Severity",
    "SmelterEntry",
    "UnsafeFileError",
    "WrongTemplateError",
    "check",
    "example_path",
    "normalize_country",
    "normalize_metal",
    "normalize_name",
    "normalize_smelter_id",
    "read",
]


def example_path() -> Path:
    """The bundled example: a CMRT 6.5-shaped workbook made by cmrt (illustrative data, not RMI's)."""
    return Path(str(files("cmrt") / "examples" / "example_cmrt_6.5.xlsx"))
