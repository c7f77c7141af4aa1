"""Rows in: every smelter row of every report, file or plain mapping, as a :class:`ReportedRow` with
its supplier, before anything is resolved or merged."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from cmrt.batch import workbook_paths
from cmrt.classification.records import ReportedRow
from cmrt.identity.columns import field_reader, require_usable
from cmrt.identity.ids import id_typed_as_name, normalize_smelter_id
from cmrt.identity.reference import SmelterReference
from cmrt.records import CmrtReport, RowKind, normalize_metal

__all__ = [
    "Origin",
    "Rows",
    "mapping_rows",
    "report_rows",
    "split_sources",
    "supplier_name",
    "workbook_paths",
]


def supplier_name(report: CmrtReport, index: int) -> str:
    """Who a report is from: the declared company, else the file name, else ``"report N"`` (1-based)."""
    return report.declaration.company_name or (
        Path(report.source).name if report.source else f"report {index + 1}"
    )


Rows = list[tuple[ReportedRow, bool]]
"""Rows as gathered: each with whether it is a placeholder row ("Smelter not yet identified")."""
Origin = tuple[str, str | None]
"""Where rows came from: (supplier, source file). Two files of one company stay two origins."""


def report_rows(report: CmrtReport, reference: SmelterReference, supplier: str) -> Rows:
    scope = set(report.metals_in_scope)
    rows = []
    for entry in report.smelters:
        name, smelter_id = id_typed_as_name(entry.name, entry.smelter_id)
        metal = normalize_metal(entry.metal) or _metal_from_id(reference, smelter_id)
        row = ReportedRow(
            supplier=supplier,
            source=report.source,
            row=entry.row,
            metal=metal or "",
            name=name,  # type: ignore[arg-type]
            country=entry.country,
            smelter_id=smelter_id,  # type: ignore[arg-type]
            mine_countries=entry.mine_countries,
            recycled_scrap=entry.recycled_scrap,
            state_province=entry.state_province,
            metal_declared=not metal or metal in scope,
        )
        rows.append((row, entry.kind is RowKind.NOT_YET_IDENTIFIED))
    return rows


def mapping_rows(mappings: list[Mapping[str, Any]], reference: SmelterReference) -> Rows:
    """Plain rows as reported rows; raises :class:`~cmrt.ColumnsError` when none is usable."""
    rows = [_mapping_row(mapping, reference, index) for index, mapping in enumerate(mappings)]
    require_usable(mappings, sum(bool((r.metal and r.name) or r.smelter_id) for r in rows))
    return [(row, False) for row in rows]


def _metal_from_id(reference: SmelterReference, smelter_id: object) -> str | None:
    cid = normalize_smelter_id(smelter_id)
    metals = reference.metals_by_id.get(reference.legacy_ids.get(cid, cid)) if cid else None
    return next(iter(metals)) if metals and len(metals) == 1 else None


def _mapping_row(row: Mapping[str, Any], reference: SmelterReference, index: int) -> ReportedRow:
    """A plain row, its columns named as code, templates or RMI lists name them (``Smelter Name``,
    ``STANDARD SMELTER NAME``, ``Smelter Identification`` ...: :mod:`cmrt.identity.columns`)."""
    text = field_reader(row)
    name, smelter_id = id_typed_as_name(text("name"), text("smelter_id"))
    metal = normalize_metal(text("metal")) or _metal_from_id(reference, smelter_id)
    return ReportedRow(
        supplier=text("supplier") or "rows",
        source=text("source"),
        row=index + 1,
        metal=metal or "",
        name=name,  # type: ignore[arg-type]
        country=text("country"),
        smelter_id=smelter_id,  # type: ignore[arg-type]
        mine_countries=text("mine_countries"),
        recycled_scrap=text("recycled_scrap"),
        state_province=text("state_province"),
    )


def split_sources(source: Any) -> tuple[list[Path], list[CmrtReport], list[Mapping[str, Any]]]:
    """The workbook paths (folders expanded), reports and plain rows in ``source``.

    Raises ``TypeError`` for anything else, and :class:`~cmrt.FileMissingError` for a path that does not
    exist, before a single file is read.
    """
    items: list[Any]
    if isinstance(source, (CmrtReport, Mapping, str, os.PathLike)):
        items = [source]
    elif hasattr(source, "to_dict") and callable(source.to_dict):  # a pandas DataFrame
        items = list(source.to_dict("records"))
    else:
        items = list(source)
    stray = [i for i in items if not isinstance(i, (CmrtReport, Mapping, str, os.PathLike))]
    if stray:
        raise TypeError(
            f"cannot classify {type(stray[0]).__name__}: give CmrtReports, paths, or mappings "
            "with metal, name, country (and smelter_id)"
        )
    paths = [p for item in items if isinstance(item, (str, os.PathLike)) for p in workbook_paths(item)]
    reports = [i for i in items if isinstance(i, CmrtReport)]
    return paths, reports, [i for i in items if isinstance(i, Mapping)]
