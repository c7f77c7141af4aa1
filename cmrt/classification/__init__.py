"""Classify the facilities suppliers report: Compliant, Active or Indeterminable, with risk flags.

``classify_smelters`` takes what suppliers reported (reports, files, or plain rows), resolves every row
to one RMI facility, merges the rows that name the same facility (by metal and smelter ID; unresolved
rows by normalised metal, name and country), and gives each facility:

- a :class:`Status` from the status lists in the reference: on a conformant (or compliant /
  cross-recognised) list -> ``COMPLIANT``; on an active list -> ``ACTIVE``; otherwise
  ``INDETERMINABLE``, always with the reason in words;
- :class:`RiskFlag` values, each explained in :attr:`Facility.notes`.

Which lists count: the status lists loaded into the :class:`~cmrt.SmelterReference`, except lists
another one supersedes. RMI-era lists (RMAP "Conformant"/"Active") supersede CFSI-era lists (whose
statuses say "Compliant"/"Progressing"), and a dated list is superseded by a newer dated list that
carries all its statuses (a 2023 conformant list supersedes a 2019 one; an undated active list stays).
The lists used and those set aside are on :attr:`Classification.lists` and
:attr:`Classification.superseded_lists`, so a result always says what it was computed from.

The flow, a module a step: :mod:`~.gather` (rows in) -> :mod:`cmrt.identity.resolve` (each row to a
facility) -> :mod:`~.group` (rows naming one facility merged) -> :mod:`~.judge` (status and flags, with
:mod:`~.lists` saying which lists count) -> :mod:`~.records` (the result and its summary).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from cmrt.batch import FileFailure, Progress, check_jobs
from cmrt.cahra import CahraList
from cmrt.classification.gather import split_sources, supplier_name, workbook_paths
from cmrt.classification.lists import current_lists, list_label
from cmrt.classification.partial import Partial, classify, combine, gather
from cmrt.classification.records import (
    ATTENTION_TITLES,
    RECORD_FIELDS,
    Classification,
    Facility,
    ReportedRow,
    RiskFlag,
    Status,
    Summary,
    SupplierRows,
)
from cmrt.dates import as_date
from cmrt.identity.reference import SmelterReference

__all__ = [
    "ATTENTION_TITLES",
    "RECORD_FIELDS",
    "Classification",
    "Facility",
    "FileFailure",
    "Partial",
    "ReportedRow",
    "RiskFlag",
    "Status",
    "Summary",
    "SupplierRows",
    "as_cahra",
    "as_reference",
    "classify",
    "classify_smelters",
    "combine",
    "current_lists",
    "list_label",
    "split_sources",
    "supplier_name",
    "workbook_paths",
]


def classify_smelters(
    source: Any,
    reference: SmelterReference | str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    as_of: dt.date | dt.datetime | str | None = None,
    cahra: CahraList | str | os.PathLike[str] | Iterable[str] | None = None,
    password: str | None = None,
    jobs: int | None = 1,
    progress: Progress | None = None,
    isolate: bool = True,
) -> Classification:
    """Classify every facility the source names: Compliant, Active or Indeterminable, with risk flags.

    ``source``: a :class:`~cmrt.CmrtReport`, a workbook path or a directory of them, plain rows (mappings
    with ``metal``, ``name``, ``country`` and optionally ``smelter_id``, ``supplier``, ``mine_countries``,
    ``recycled_scrap``; a pandas DataFrame works too), or an iterable mixing these. Files that cannot be
    read are skipped and listed in :attr:`Classification.failures`.

    ``reference``: a :class:`~cmrt.SmelterReference` or the reference files to build one from (templates,
    RMI lists, revision history). ``as_of`` (a date, datetime or "YYYY-MM-DD") dates audit expiry and
    removals (default: all removals count, no audit is overdue); when it is well past the newest status
    list, :attr:`Classification.problems` says so. ``cahra``: a :class:`~cmrt.CahraList`, a CAHRA list
    file, or country names/codes.
    ``jobs`` worker processes read the files (``None``: one per core; a file that kills its worker
    costs only itself, see :func:`cmrt.batch.read_all`; ``isolate=False`` reads in this process);
    ``progress(done, total, path)`` is called as each finishes.
    """
    as_of = as_date(as_of, "as_of")
    check_jobs(jobs)
    reference = as_reference(reference)
    cahra = as_cahra(cahra)
    partial = gather(source, reference, password=password, jobs=jobs, progress=progress, isolate=isolate)
    return classify(partial, reference, as_of=as_of, cahra=cahra)


def as_reference(
    reference: SmelterReference | str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
) -> SmelterReference:
    """The reference as given, or built from the files given."""
    if isinstance(reference, SmelterReference):
        return reference
    paths = [reference] if isinstance(reference, (str, os.PathLike)) else list(reference)
    return SmelterReference.from_files(*paths)


def as_cahra(value: CahraList | str | os.PathLike[str] | Iterable[str] | None) -> CahraList | None:
    """A CAHRA list as given, from a file path, or from country names / codes (one, or an iterable)."""
    if value is None or isinstance(value, CahraList):
        return value
    if isinstance(value, os.PathLike) or (isinstance(value, str) and Path(value).is_file()):
        return CahraList.from_file(value)
    return CahraList.from_countries([value] if isinstance(value, str) else list(value))
