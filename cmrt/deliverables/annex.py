"""The annex workbook of a survey: Summary, Facilities, Suppliers and Follow-up sheets, formatted for
people (bold frozen headers, filters, widths, real dates, coloured statuses), as ``.xlsx`` bytes."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from cmrt.classification import Status, list_label
from cmrt.deliverables.compare import Comparison
from cmrt.deliverables.follow_up import follow_up
from cmrt.display import visible

__all__ = ["STATUS_FILLS", "annex_workbook"]

STATUS_FILLS = {
    Status.COMPLIANT.value: "C6EFCE",
    Status.ACTIVE.value: "FFEB9C",
    Status.INDETERMINABLE.value: "F2F2F2",
}
"""Cell colours of the statuses (Excel's own good / neutral / plain fills); the word is always there too."""
_BOLD = Font(bold=True)
_TOP = Alignment(vertical="top", wrap_text=True)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def annex_workbook(survey: Any, changes: Comparison | None = None) -> bytes:
    """The survey as an ``.xlsx``: Summary, Facilities, Suppliers, Follow-up (see module docstring), and
    Changes since last year's survey when ``changes`` is given."""
    book = Workbook()
    _summary(book.active, survey)
    _facilities(book.create_sheet("Facilities"), survey)
    _suppliers(book.create_sheet("Suppliers"), survey)
    _follow_up(book.create_sheet("Follow-up"), survey)
    if changes is not None:
        _changes(book.create_sheet("Changes"), changes)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _text(value: object) -> object:
    """A cell value; text that Excel would take for a formula (supplier files are untrusted) is quoted."""
    if not isinstance(value, str):
        return value
    value = visible(value)  # control characters: Excel refuses them
    return "'" + value if value.startswith(_FORMULA_START) else value


def _table(
    sheet: Worksheet,
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    widths: Sequence[int],
    *,
    frozen: bool = True,
) -> int:
    """A bold header row and the rows under it; on a sheet that is one table (``frozen``) the header is
    frozen and filtered. Returns how many rows were written."""
    sheet.append(list(header))
    start = sheet.max_row
    for cell in sheet[start]:
        cell.font = _BOLD
    count = 0
    for row in rows:
        sheet.append([_text(v) for v in row])
        count += 1
    if frozen:
        sheet.freeze_panes = f"A{start + 1}"
        sheet.auto_filter.ref = f"A{start}:{get_column_letter(len(header))}{start + max(count, 1)}"
    for column, width in enumerate(widths, 1):
        current = sheet.column_dimensions[get_column_letter(column)].width or 0
        sheet.column_dimensions[get_column_letter(column)].width = max(width, current)
    return count


def _colour_status(sheet: Worksheet, column: int, first_row: int) -> None:
    for (cell,) in sheet.iter_rows(min_row=first_row, min_col=column, max_col=column):
        fill = STATUS_FILLS.get(str(cell.value))
        if fill:
            cell.fill = PatternFill("solid", start_color=fill, end_color=fill)


def _date_cells(sheet: Worksheet, column: int, first_row: int) -> None:
    for (cell,) in sheet.iter_rows(min_row=first_row, min_col=column, max_col=column):
        if isinstance(cell.value, dt.date):
            cell.number_format = "yyyy-mm-dd"


def _summary(sheet: Worksheet, survey: Any) -> None:
    sheet.title = "Summary"
    c = survey.classification
    summary = survey.summary()
    sheet.append(["Supplier survey"])
    sheet.cell(1, 1).font = Font(bold=True, size=14)
    lines: list[tuple[str, object]] = [
        ("Headline", survey.headline),
        ("As of", c.as_of),
        ("Status lists used", "; ".join(list_label(s) for s in c.lists) or "none"),
        (
            "Status lists set aside (superseded)",
            "; ".join(list_label(s) for s in c.superseded_lists) or "none",
        ),
        ("Reference files", "; ".join(dict.fromkeys(s.file for s in _reference_sources(survey))) or "-"),
        ("Made", dt.date.today()),
        *(("Warning", p.message) for p in c.problems),
    ]
    for label, value in lines:
        sheet.append([label, _text(value)])
        sheet.cell(sheet.max_row, 1).font = _BOLD
        if isinstance(value, dt.date):
            sheet.cell(sheet.max_row, 2).number_format = "yyyy-mm-dd"
    sheet.append([])
    statuses = [s.value for s in Status]
    first = sheet.max_row + 1
    rows = [[metal, *(row[s] for s in Status), sum(row.values())] for metal, row in summary.by_metal.items()]
    rows.append(["All", *(summary.by_status[s] for s in Status), summary.total])
    _table(sheet, ["Metal", *statuses, "Total"], rows, [38, 14, 14, 16, 10], frozen=False)
    for cell in sheet[first]:
        fill = STATUS_FILLS.get(str(cell.value))
        if fill:
            cell.fill = PatternFill("solid", start_color=fill, end_color=fill)
    sheet.append([])
    sheet.append(["Covered-Country and CAHRA cases"])
    sheet.cell(sheet.max_row, 1).font = _BOLD
    cases = [
        [title, f.metal, f.smelter_id or "", f.name, f.country.name if f.country else "", f.status.value]
        for title, found in (
            ("Covered Country", summary.covered_country),
            ("Mine in a Covered Country", summary.mine_in_covered_country),
            ("CAHRA", summary.cahra),
        )
        for f in found
    ]
    header = ["Case", "Metal", "Smelter ID", "Name", "Country", "Status"]
    _table(sheet, header, cases, [38, 60, 14, 40, 30, 16], frozen=False)
    _colour_status(sheet, 6, first)
    for row in sheet.iter_rows(min_row=2, max_row=len(lines) + 1):
        row[1].alignment = _TOP


def _reference_sources(survey: Any) -> list[Any]:
    c = survey.classification
    sources = [*c.lists, *c.superseded_lists]
    for facility in c.facilities:
        if facility.reference is not None:
            sources += facility.reference.sources
    return sources


def _facilities(sheet: Worksheet, survey: Any) -> None:
    header = [
        "Metal", "Smelter ID", "Name", "Country", "Status", "List status", "List date", "List", "Flags",
        "Why flagged", "Identified by", "Match score", "Suppliers", "Supplier count",
    ]  # fmt: skip
    rows = [
        [
            f.metal, f.smelter_id or "", f.name, f.country.name if f.country else "", f.status.value,
            f.list_status or "", f.list_date, f.list_source or "",
            ", ".join(sorted(flag.value.replace("_", " ") for flag in f.flags)), "\n".join(f.notes),
            f.match.method.value, round(f.match.score, 1), "; ".join(f.suppliers), len(f.suppliers),
        ]
        for f in survey.classification.facilities
    ]  # fmt: skip
    _table(sheet, header, rows, [11, 12, 42, 28, 15, 16, 12, 28, 30, 60, 13, 11, 40, 10])
    _colour_status(sheet, 5, 2)
    _date_cells(sheet, 7, 2)


def _suppliers(sheet: Worksheet, survey: Any) -> None:
    header = [
        "Company", "File", "Template", "Version", "Language", "Scope", "Metals in scope",
        "Covered-Country answers", "CAHRA answers", "Smelter rows", "Placeholders", "Errors", "Warnings",
        "Complete",
    ]  # fmt: skip

    def answers(found: dict[str, str | None]) -> str:
        return "; ".join(f"{metal}: {answer or '-'}" for metal, answer in found.items())

    rows = [
        [
            r.company or "", Path(r.source).name if r.source else "", r.template, r.version, r.language,
            r.scope or "", ", ".join(r.metals_in_scope), answers(r.covered_countries), answers(r.cahra),
            r.smelter_rows, r.placeholders, len(r.errors),
            sum(p.severity.value == "warning" for p in r.problems), "yes" if r.is_complete else "no",
        ]
        for r in survey.responses
    ]  # fmt: skip
    rows += [["", Path(f.source).name, "", "", "", "", "", "", "", "", "", f"unreadable: {f.kind}", "", "no"]
             for f in survey.failures]  # fmt: skip
    _table(sheet, header, rows, [30, 36, 10, 9, 11, 22, 34, 34, 34, 12, 12, 8, 10, 10])


def _follow_up(sheet: Worksheet, survey: Any) -> None:
    rows = [[r.supplier, r.file, r.topic.replace("-", " "), r.where, r.detail] for r in follow_up(survey)]
    _table(
        sheet, ["Supplier", "File", "Topic", "Where in their file", "What to ask"], rows, [30, 36, 16, 22, 90]
    )
    for row in sheet.iter_rows(min_row=2):
        row[4].alignment = _TOP


def _changes(sheet: Worksheet, changes: Comparison) -> None:
    sheet.append([changes.headline])
    sheet.cell(1, 1).font = _BOLD
    rows = [[r["kind"].replace("-", " "), r["metal"], r["smelter_id"] or "", r["name"], r["country"] or "",
             r["old_status"] or "", r["new_status"] or ""] for r in changes.to_records()]  # fmt: skip
    header = ["Change", "Metal", "Smelter ID", "Name", "Country", "Last year", "This year"]
    _table(sheet, header, rows, [16, 12, 12, 42, 28, 16, 16])
    _colour_status(sheet, 6, 3)
    _colour_status(sheet, 7, 3)
    sheet.append([])
    sheet.append(["Suppliers", "Measure", "Last year", "This year", "Better"])
    for change in (*changes.suppliers_better, *changes.suppliers_worse):
        sheet.append(
            [_text(change.company), change.measure, change.old, change.new, "yes" if change.better else "no"]
        )
