"""Workbooks made by cmrt for tests, examples and fuzzing: never RMI's templates or data.

- :mod:`cmrt.testing.builder` builds template-shaped CMRTs, EMRTs, CRTs and AMRTs (``build_report``,
  ``build_cmrt``, ``write_cmrt``) from the same layout data the reader reads (:mod:`cmrt.layouts`):
  :mod:`~.declaration`, :mod:`~.minerals_declaration` and :mod:`~.sheets` write the sheets through a
  :class:`~.form.Form` into an openpyxl or xlwt sink (:mod:`~.sinks`); :mod:`~.examples` makes the bundled
  examples;
- :mod:`cmrt.testing.mutate` damages workbooks the ways real and hostile files are damaged (bytes, zip
  container, XML parts, BIFF records, OLE2 container), for fuzzing any reader, cmrt's or yours;
- :mod:`cmrt.testing.encrypted` encrypts a built .xls as Excel does (RC4 CryptoAPI or RC4, Excel's
  default password or another), like every CFSI 3.x and EICC 2.x template.
"""

from cmrt.testing.builder import (
    BUILT_VERSIONS,
    EXAMPLE_LOOKUP,
    EXAMPLE_MINERALS_LOOKUP,
    LookupRow,
    MineRow,
    SmelterRow,
    build_cmrt,
    build_report,
    write_cmrt,
)
from cmrt.testing.examples import example_survey, example_workbook

__all__ = [
    "BUILT_VERSIONS",
    "EXAMPLE_LOOKUP",
    "EXAMPLE_MINERALS_LOOKUP",
    "LookupRow",
    "MineRow",
    "SmelterRow",
    "build_cmrt",
    "build_report",
    "example_survey",
    "example_workbook",
    "write_cmrt",
]
