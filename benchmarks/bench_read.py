"""How fast cmrt.read is against openpyxl merely iterating the same file's main sheets.

Goals: reading a filled CMRT 6.5 (issue 2) and a filled EMRT 2.1 with cmrt.read at least 5x faster than
``openpyxl.load_workbook(read_only=True, data_only=True)`` iterating their main sheets: Declaration and
Smelter List for the CMRT, Declaration, Smelter List and Mine List for the EMRT. Both are timed in the same
run on the same machine (best of N), so the ratio is meaningful on a noisy box. Before timing, each filled
workbook is read once and its smelter (and mine) row counts checked, so no case can time a no-op.

    python benchmarks/bench_read.py [--repeat 7]

Workbooks measured:
- real template, filled: RMI's CMRT 6.5 from ../shared with 300 smelter rows and the Declaration typed in
  by openpyxl and saved (as supplier tools do: formulas kept, cached results dropped, so cmrt must take
  labels from the L sheet and recompute every look-up: its slowest path). Only where ../shared exists;
  nothing from it is stored.
- real template, blank, as RMI ships it (../shared).
- cmrt.testing: a template-shaped 6.5 with 300 rows and Excel-style cached values; far sparser than the
  real sheet (no styles on 2,500 rows), so openpyxl is quick on it and the ratio is smaller.
- real EMRT 2.1 template, filled: RMI's EMRT 2.1 from ../shared filled the same way (cells taken from
  ``cmrt.layouts``): 300 Smelter List rows (a third by smelter ID, the rest by metal and a name from the
  workbook's own Smelter Look-up sheet, read at run time), 12 Mine List rows, the company name, scope,
  effective date, the six mineral selections and question 1 answered. Only where ../shared exists.
- cmrt.testing EMRT 2.1: ``build_report("EMRT", version="2.1", ...)`` with 300 smelter rows, 12 mines
  and cached values; sparse like the 6.5 one, so its ratio is near 2x and its line reads FAIL.

The EMRT lines end in PASS or FAIL against the 5x goal; the CMRT and EMRT goal lines judge the first
workbook of each table (the real filled template where ../shared exists).
"""

from __future__ import annotations

import argparse
import functools
import io
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import openpyxl

import cmrt
from cmrt.layouts import family_for, release_for
from cmrt.testing import LookupRow, SmelterRow, build_cmrt
from cmrt.testing.builder import build_report
from cmrt.testing.rows import MineRow

METALS = ("Gold", "Tin", "Tantalum", "Tungsten")
REAL = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "real"
SHARED_65 = REAL / "RMI_CMRT_6.5.xlsx"
SHARED_EMRT_21 = REAL / "RMI_EMRT_2.1.xlsx"
CMRT_SHEETS = ("Declaration", "Smelter List")
EMRT_SHEETS = ("Declaration", "Smelter List", "Mine List")
EMRT_21 = family_for("2.1", "EMRT")
SMELTERS = 300
MINES = 12
GOAL = 5.0


def filled_65() -> bytes:
    names = [f"Benchmark Facility {i:03d} Co., Ltd." for i in range(400)]
    lookup = [
        LookupRow(METALS[i % 4], name, name, "CHINA", f"CID9{i:05d}", f"{i} Mill Road", "Sampleton")
        for i, name in enumerate(names)
    ]
    rows = [
        SmelterRow(metal=entry.metal, lookup=entry.alias)
        if i % 3
        else SmelterRow(smelter_id_input=entry.smelter_id)
        for i, entry in enumerate(lookup[:300])
    ]
    return build_cmrt(
        version="6.5",
        declaration={"company_name": "Benchmark Supplier Ltd.", "scope": "A. Company"},
        answers={("1", m): "Yes" for m in ("Tantalum", "Tin", "Gold", "Tungsten")},
        smelters=rows,
        lookup=lookup,
        last_row=2504,
    )


def real_filled_65(template: Path, rows: int = 300) -> bytes:
    """The real template with a supplier's entries typed in by openpyxl (a tool that never calculates)."""
    book = openpyxl.load_workbook(template)
    decl, smelters = book["Declaration"], book["Smelter List"]
    decl["D3"], decl["D8"], decl["D9"], decl["D22"] = (
        "English",
        "Benchmark Supplier Ltd.",
        "A. Company",
        "15-Mar-2025",
    )
    lookup = [r for r in book["Smelter Look-up"].iter_rows(min_row=5, values_only=True) if r[4]]
    for i in range(rows):
        metal, alias, _, _, cid = lookup[(i * 7) % len(lookup)][:5]
        row = 5 + i
        if i % 3:
            smelters[f"B{row}"], smelters[f"C{row}"] = metal, alias
        else:
            smelters[f"A{row}"] = cid
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def filled_emrt_21(rows: int = SMELTERS, mines: int = MINES) -> bytes:
    """A cmrt.testing EMRT 2.1: all six minerals chosen, ``rows`` smelters, ``mines`` mines, cached values."""
    minerals = EMRT_21.minerals
    names = [f"Benchmark Processor {i:03d} Co., Ltd." for i in range(400)]
    lookup = [
        LookupRow(minerals[i % len(minerals)], name, name, "CHINA", f"CID8{i:05d}", f"{i} Mill Road", "Town")
        for i, name in enumerate(names)
    ]
    smelters = [
        SmelterRow(metal=entry.metal, lookup=entry.alias)
        if i % 3
        else SmelterRow(smelter_id_input=entry.smelter_id)
        for i, entry in enumerate(lookup[:rows])
    ]
    mine_rows = [
        MineRow(
            metal=entry.metal,
            smelter_names=entry.standard_name,
            name=f"Benchmark Mine {i:02d}",
            mine_id=f"MINE{i:04d}",
            country="CONGO, DEMOCRATIC REPUBLIC OF THE",
        )
        for i, entry in enumerate(lookup[:mines])
    ]
    return build_report(
        "EMRT",
        version="2.1",
        declaration={"company_name": "Benchmark Supplier Ltd.", "scope": "A. Company"},
        answers={("1", m): "Yes" for m in minerals},
        smelters=smelters,
        mines=mine_rows,
        lookup=lookup,
        last_row=EMRT_21.smelter_last_row,
    )


def real_filled_emrt_21(template: Path, rows: int = SMELTERS, mines: int = MINES) -> bytes:
    """The real EMRT 2.1 with a supplier's entries typed in by openpyxl, where ``cmrt.layouts`` puts them."""
    family, release = EMRT_21, release_for(EMRT_21, "2.1")
    book = openpyxl.load_workbook(template)
    decl = book["Declaration"]
    printed = str(decl["J3"].value)  # "Revision 2.1\nOctober 17, 2025"
    assert release.version in printed and release.date in printed, f"{template} prints {printed!r}"
    fields = family.declaration_rows
    decl["D3"] = family.languages[0]  # RMI ships 2.1 with Chinese chosen
    decl[f"D{fields['company_name']}"] = "Benchmark Supplier Ltd."
    decl[f"D{fields['scope']}"] = "A. Company"
    decl[f"D{fields['effective_date']}"] = "15-Mar-2025"
    for cell, mineral in zip(family.selection_cells, family.minerals, strict=True):
        decl[cell] = mineral
    first = family.questions[0]  # its per-mineral answers in D, one row per chosen mineral below it
    for i in range(len(family.minerals)):
        decl.cell(row=first.row + 1 + i, column=4, value="Yes")

    look = {c.key: c.col - 1 for c in family.lookup_columns}
    lookup = [
        r
        for r in book[family.lookup_sheet].iter_rows(min_row=family.lookup_header_row + 1, values_only=True)
        if r[look["smelter_id"]]
    ]
    smelters, cols = book[family.smelter_sheet], family.smelter_cols
    for i in range(rows):
        entry = lookup[(i * 7) % len(lookup)]
        row = family.smelter_header_row + 1 + i
        if i % 3:
            smelters.cell(row=row, column=cols["metal"], value=entry[look["metal"]])
            smelters.cell(row=row, column=cols["lookup_name"], value=entry[look["alias"]])
        else:
            smelters.cell(row=row, column=cols["smelter_id_input"], value=entry[look["smelter_id"]])
    mine_sheet, mine_cols = book[family.mine_sheet], {c.key: c.col for c in family.mine_columns}
    for i in range(mines):
        entry = lookup[(i * 11) % len(lookup)]
        row = family.mine_header_row + 1 + i
        for key, value in (
            ("metal", entry[look["metal"]]),
            ("smelter_names", entry[look["standard_name"]]),
            ("name", f"Benchmark Mine {i:02d}"),
            ("mine_id", f"MINE{i:04d}"),
            ("country", entry[look["country"]]),
        ):
            mine_sheet.cell(row=row, column=mine_cols[key], value=value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def check_emrt(name: str, data: bytes) -> None:
    """cmrt.read must really return every row written (so the timing is not of a no-op)."""
    report = cmrt.read(data)
    assert (report.template, report.version) == ("EMRT", "2.1"), (name, report.template, report.version)
    assert report.declaration.company_name == "Benchmark Supplier Ltd.", name
    assert len(report.smelters) == SMELTERS and all(s.smelter_id for s in report.smelters), name
    assert len(report.mines) == MINES and all(m.name and m.metal for m in report.mines), name
    assert set(report.minerals) == set(EMRT_21.minerals), (name, report.minerals)


def openpyxl_iterate(data: bytes, sheets: tuple[str, ...] = CMRT_SHEETS) -> None:
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    for name in sheets:
        for _ in book[name].iter_rows(values_only=True):
            pass
    book.close()


def best(func: Callable[[bytes], object], data: bytes, repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func(data)
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def table(cases: dict[str, bytes], sheets: tuple[str, ...], repeat: int, judge: bool) -> float:
    """Time each case both ways, print a line per case; the ratio of the first."""
    width = max(45, *(len(name) for name in cases))
    print(f"{'workbook':{width}} {'openpyxl iterate':>17} {'cmrt.read':>10} {'ratio':>7}")
    first = None
    for name, data in cases.items():
        base, base_median = best(functools.partial(openpyxl_iterate, sheets=sheets), data, repeat)
        ours, ours_median = best(cmrt.read, data, repeat)
        ratio = base / ours
        first = ratio if first is None else first
        verdict = f"   goal >= {GOAL:.0f}x: {'PASS' if ratio >= GOAL else 'FAIL'}" if judge else ""
        print(f"{name:{width}} {base * 1000:14.1f} ms {ours * 1000:7.1f} ms {ratio:6.1f}x"
              f"   (medians {base_median * 1000:.0f} / {ours_median * 1000:.0f} ms){verdict}")  # fmt: skip
    return first


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    cases = {}
    if SHARED_65.exists():
        cases["real 6.5 template, 300 rows, never calculated"] = real_filled_65(SHARED_65)
        cases["real 6.5 template, blank"] = SHARED_65.read_bytes()
    else:
        print(f"(real template not found at {SHARED_65}: real-file cases skipped)")
    cases["cmrt.testing 6.5, 300 rows, cached values"] = filled_65()
    for name, data in cases.items():
        if "300 rows" in name:
            report = cmrt.read(data)
            assert len(report.smelters) == 300 and all(s.smelter_id for s in report.smelters), name
    emrt_cases = {}
    if SHARED_EMRT_21.exists():
        emrt_cases[f"real EMRT 2.1 template, {SMELTERS} rows + {MINES} mines, never calculated"] = (
            real_filled_emrt_21(SHARED_EMRT_21)
        )
    else:
        print(f"(real template not found at {SHARED_EMRT_21}: real EMRT case skipped)")
    emrt_cases[f"cmrt.testing EMRT 2.1, {SMELTERS} rows + {MINES} mines, cached values"] = filled_emrt_21()
    for name, data in emrt_cases.items():
        check_emrt(name, data)

    goal = table(cases, CMRT_SHEETS, args.repeat, judge=False)
    verdict = "met" if goal >= 5 else "NOT met"
    print(f"goal: a filled CMRT 6.5 read >= 5.0x faster: {verdict} ({goal:.1f}x on the first workbook above)")
    print()
    goal = table(emrt_cases, EMRT_SHEETS, args.repeat, judge=True)
    verdict = "PASS" if goal >= GOAL else "FAIL"
    sheets = ", ".join(EMRT_SHEETS)
    print(f"goal: a filled EMRT 2.1 read >= {GOAL:.0f}x faster (openpyxl iterating {sheets}): {verdict} "
          f"({goal:.1f}x on the first workbook above)")  # fmt: skip


if __name__ == "__main__":
    main()
