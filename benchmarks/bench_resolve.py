"""Throughput of SmelterReference.resolve_many, and the time to build the reference.

    python benchmarks/bench_resolve.py

1. 100,000 reported rows, 5,000 distinct (metal, name, country). Goal (issue 3): <= 2 s on this machine.
   Baseline, measured in the same run: resolving row by row with no de-duplication (timed on a 5,000-row
   sample and scaled), which is what resolve_many avoids.
2. 1,000,000 rows, 20,000 distinct. Goal (issue 12): >= 300,000 rows/s (best of 3 runs, the name
   normaliser's cache emptied before each). Baselines in the same run: the floor, a plain dict look-up
   of each row's (metal, name, country) in the finished results, which no resolution can beat; and row
   by row without de-duplication, scaled from a 5,000-row sample.
3. Building the reference: its time, and how often each distinct string was normalised (goal: once).

The reference is the real one from ../shared when present (6.5 template, 2023 lists, revision history),
else a made-up one of 600 facilities built by cmrt.testing. Rows: 40 % exact names, 30 % names typed
with case/punctuation/legal-form changes, 30 % typos or unknown names that need fuzzy matching.
"""

from __future__ import annotations

import random
import tempfile
import time
from collections import Counter
from pathlib import Path

import cmrt.identity.names as names
from cmrt import SmelterReference
from cmrt.testing import LookupRow, build_cmrt

SHARED = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "reference"
METALS = ("Gold", "Tin", "Tantalum", "Tungsten")
WORDS = [
    "Jiangxi",
    "Hunan",
    "Golden",
    "Metal",
    "Smelting",
    "Refinery",
    "Tungsten",
    "Mining",
    "Precious",
    "Industrial",
    "Nonferrous",
]


def reference() -> tuple[SmelterReference, str]:
    if (SHARED / "RMI_CMRT_6.5_template.xlsx").exists():
        files = [
            SHARED / f
            for f in (
                "RMI_CMRT_6.5_template.xlsx",
                "rmi_conformant_2023.csv",
                "rmi_active_2023.csv",
                "rmi_srl_revision_history_2023.csv",
            )
        ]
        return SmelterReference.from_files(*files), "real (shared/)"
    rng = random.Random(1)
    rows = []
    for i in range(600):
        name = f"{' '.join(rng.sample(WORDS, 3))} {i} Co., Ltd."
        rows.append(LookupRow(METALS[i % 4], name, name, "CHINA", f"CID9{i:05d}"))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "lookup.xlsx"
        path.write_bytes(build_cmrt(lookup=rows))
        return SmelterReference.from_files(path), "made-up (600 facilities)"


def workload(ref: SmelterReference, distinct: int = 5000, total: int = 100_000) -> list[dict[str, str]]:
    rng = random.Random(7)
    facilities = list(ref.facilities.values())
    keys: set[tuple[str, str, str]] = set()
    while len(keys) < distinct:
        f = rng.choice(facilities)
        kind = rng.random()
        name = f.name
        if kind < 0.4:
            pass
        elif kind < 0.7:
            name = rng.choice(
                [name.upper(), name.lower(), name.replace(",", "").replace(".", "")]
            ) + rng.choice(["", " Co Ltd", " Limited", " Inc"])
        else:
            i = rng.randrange(1, max(2, len(name) - 1))
            name = name[:i] + rng.choice("aeiorstxz") + name[i + 1 :] + f" {rng.randrange(1000)}"
        keys.add((f.metal, name, rng.choice([f.country.name if f.country else "", "USA", "China", ""])))
    distinct_rows = [{"metal": m, "name": n, "country": c} for m, n, c in keys]
    rows = distinct_rows + [rng.choice(distinct_rows) for _ in range(total - distinct)]
    rng.shuffle(rows)
    return rows


def normalising_counted() -> tuple[SmelterReference, str, float, Counter[object]]:
    """The reference built with the name normaliser's cache emptied and each real normalisation counted."""
    calls: Counter[object] = Counter()
    tokens = names.name_tokens

    def counted(text: object) -> list[str]:
        calls[text] += 1
        return tokens(text)

    names._name_key.cache_clear()
    names.name_tokens = counted
    try:
        start = time.perf_counter()
        ref, kind = reference()
        return ref, kind, time.perf_counter() - start, calls
    finally:
        names.name_tokens = tokens


def row_by_row(ref: SmelterReference, rows: list[dict[str, str]], sample: int = 5000) -> float:
    """Seconds to resolve ``rows`` one by one with no de-duplication, scaled from the first ``sample``."""
    start = time.perf_counter()
    for row in rows[:sample]:
        ref.resolve(**row)
    return (time.perf_counter() - start) * len(rows) / min(sample, len(rows))


def small(ref: SmelterReference) -> None:
    rows = workload(ref)
    start = time.perf_counter()
    matches = ref.resolve_many(rows)
    elapsed = time.perf_counter() - start
    naive = row_by_row(ref, rows)
    automatic = sum(m.is_automatic for m in matches)
    print(
        f"resolve_many: {len(rows):,} rows, {len({tuple(r.values()) for r in rows}):,} distinct: "
        f"{elapsed:.2f} s "
        f"({len(rows) / elapsed:,.0f} rows/s); {100 * automatic / len(rows):.1f}% automatic"
    )
    print(
        f"baseline, row by row without de-duplication (scaled from 5,000 rows): {naive:.2f} s "
        f"-> resolve_many is {naive / elapsed:.1f}x faster"
    )
    print(f"goal <= 2.0 s: {'met' if elapsed <= 2.0 else 'NOT met'}")


def large(ref: SmelterReference, goal: float = 300_000) -> None:
    rows = workload(ref, distinct=20_000, total=1_000_000)
    times = []
    for _ in range(3):
        names._name_key.cache_clear()
        start = time.perf_counter()
        matches = ref.resolve_many(rows)
        times.append(time.perf_counter() - start)
    elapsed = min(times)
    by_key = {(r["metal"], r["name"], r["country"]): m for r, m in zip(rows, matches, strict=True)}
    start = time.perf_counter()
    floor = [by_key[(r["metal"], r["name"], r["country"])] for r in rows]
    floor_time = time.perf_counter() - start
    assert floor == matches
    naive = row_by_row(ref, rows)
    rate = len(rows) / elapsed
    print(
        f"resolve_many: {len(rows):,} rows, {len(by_key):,} distinct: {elapsed:.2f} s "
        f"(best of {', '.join(f'{t:.2f}' for t in times)} s): {rate:,.0f} rows/s"
    )
    print(
        f"floor, a dict look-up of each row's (metal, name, country) in the results: {floor_time:.2f} s "
        f"({len(rows) / floor_time:,.0f} rows/s) -> resolve_many takes {elapsed / floor_time:.1f}x the floor"
    )
    print(
        f"baseline, row by row without de-duplication (scaled from 5,000 rows): {naive:.2f} s "
        f"-> resolve_many is {naive / elapsed:.1f}x faster"
    )
    print(f"goal >= {goal:,.0f} rows/s: {'PASS' if rate >= goal else 'FAIL'}")


def main() -> None:
    ref, kind, built, calls = normalising_counted()
    print(f"reference: {kind}, {len(ref)} facilities, built in {built:.2f} s")
    most = max(calls.values(), default=0)
    print(
        f"reference build: {sum(calls.values()):,} names normalised, {len(calls):,} distinct: "
        f"{sum(calls.values()) / max(len(calls), 1):.2f} normalisations per distinct string (most {most}); "
        f"goal once each: {'PASS' if most <= 1 else 'FAIL'}"
    )
    print("\n-- 100,000 rows, 5,000 distinct")
    small(ref)
    print("\n-- 1,000,000 rows, 20,000 distinct")
    large(ref)


if __name__ == "__main__":
    main()
