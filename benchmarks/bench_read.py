"""How fast cmrt.read is against openpyxl merely iterating the same file's two main sheets.

Goal (issue 2): reading a filled CMRT 6.5 with cmrt.read at least 5x faster than
``openpyxl.load_workbook(read_only=True, data_only=True)`` iterating Declaration and Smelter List.
Both are timed in the same run on the same machine (best of N), so the ratio is meaningful on a noisy box.

    python benchmarks/bench_read.py [--repeat 7]

Workbooks measured:
- real template, filled: RMI's CMRT 6.5 from ../shared with 300 smelter rows and the Declaration typed in
  by openpyxl and saved (as supplier tools do: formulas kept, cached results dropped, so cmrt must take
  labels from the L sheet and recompute every look-up: its slowest path). Only where ../shared exists;
  nothing from it is stored.
- real template, blank, as RMI ships it (../shared).
- cmrt.testing: a template-shaped 6.5 with 300 rows and Excel-style cached values; far sparser than the
  real sheet (no styles on 2,500 rows), so openpyxl is quick on it and the ratio is smaller.
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import openpyxl

import cmrt
from cmrt.testing import LookupRow, SmelterRow, build_cmrt

METALS = ("Gold", "Tin", "Tantalum", "Tungsten")
SHARED_65 = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "real" / "RMI_CMRT_6.5.xlsx"


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


def openpyxl_iterate(data: bytes) -> None:
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    for name in ("Declaration", "Smelter List"):
        for _ in book[name].iter_rows(values_only=True):
            pass
    book.close()


def best(func: Callable[[bytes], object], data: bytes, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func(data)
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


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
    print(f"{'workbook':45} {'openpyxl iterate':>17} {'cmrt.read':>10} {'ratio':>7}")
    goal = None
    for name, data in cases.items():
        base, base_median = best(openpyxl_iterate, data, args.repeat)
        ours, ours_median = best(cmrt.read, data, args.repeat)
        ratio = base / ours
        goal = ratio if goal is None else goal
        print(f"{name:45} {base * 1000:14.1f} ms {ours * 1000:7.1f} ms {ratio:6.1f}x"
              f"   (medians {base_median * 1000:.0f} / {ours_median * 1000:.0f} ms)")  # fmt: skip
    verdict = "met" if goal >= 5 else "NOT met"
    print(f"goal: a filled CMRT 6.5 read >= 5.0x faster: {verdict} ({goal:.1f}x on the first workbook above)")


if __name__ == "__main__":
    main()
