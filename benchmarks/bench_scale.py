"""A survey's memory and speed as the number of files grows: does the parent stay small?

    python benchmarks/bench_scale.py [--files 500,1000,2500,5000] [--jobs 1,2]

Goal (issue 12): ``survey()`` keeps of each file only its compact record (the rows resolved, the
supplier's answers and problems), not the report; the parent's memory must not grow with the number of
files beyond that record. Each configuration runs in a fresh process, which loads the reference (built
once, pickled), resets its peak resident memory (``/proc/self/clear_refs``, Linux), runs the survey and
reports the peak (``VmHWM``; the worker processes are not counted) and its time; the baseline, in the
same run, is the same survey with ``keep_reports=True`` (every report kept, as surveys did before).

Printed: per run, files/s and the parent's peak memory; per mode, the growth per file (the slope of
peak memory between the smallest and largest survey), against the compact record's own size, measured
with tracemalloc on parts unpickled and kept as the survey keeps them. PASS when the growth per file is
within 1.5x the compact record plus 2 KiB (allocator slack), and the compact survey's growth is under
a quarter of the baseline's.

The files: when ../shared is present, fifteen workbooks: the thirteen of the acceptance surveys (CMRT
3.01 .xls to 6.5, EMRT, CRT and AMRT on real look-ups, 10-160 rows, 0.03-0.16 MB) and the real CMRT 6.5
and EMRT 2.1 templates with 300 rows typed in by openpyxl (about 1.5 MB each, never recalculated), hard-
linked round-robin to as many files as needed in a temporary folder; otherwise cmrt-made workbooks.
Nothing is written into the project.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import cmrt
from cmrt.classification.partial import Interner
from cmrt.survey import compact, read_part

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "fixtures"
KiB, MiB = 1024, 1024 * 1024


def seed_files(folder: Path) -> tuple[list[Path], list[Path], str]:
    """Distinct supplier workbooks and the reference to classify them with."""
    if (SHARED / "reference").is_dir():
        sys.path.insert(0, str(ROOT / "tests"))
        from acceptance_minerals import build_minerals_survey
        from acceptance_minerals import reference_files as minerals_reference
        from acceptance_survey import build_survey, reference_files

        (folder / "cmrt").mkdir()
        (folder / "minerals").mkdir()
        paths = [
            *build_survey(SHARED / "reference", folder / "cmrt").paths,
            *build_minerals_survey(SHARED / "reference", folder / "minerals").paths,
        ]
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from bench_read import real_filled_65, real_filled_emrt_21

        (folder / "real_cmrt_6.5_300_rows.xlsx").write_bytes(
            real_filled_65(SHARED / "real" / "RMI_CMRT_6.5.xlsx")
        )
        (folder / "real_emrt_2.1_300_rows.xlsx").write_bytes(
            real_filled_emrt_21(SHARED / "real" / "RMI_EMRT_2.1.xlsx")
        )
        paths += [folder / "real_cmrt_6.5_300_rows.xlsx", folder / "real_emrt_2.1_300_rows.xlsx"]
        reference = list(
            dict.fromkeys(
                [
                    *reference_files(SHARED / "reference"),
                    *minerals_reference(SHARED / "reference", SHARED / "real"),
                ]
            )
        )
        return (
            paths,
            reference,
            "15 workbooks: the acceptance surveys' 13 (CMRT, EMRT, CRT, AMRT on real look-ups) and the real "
            "CMRT 6.5 and EMRT 2.1 templates with 300 rows typed in (../shared)",
        )
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_survey import seed_files as cmrt_made  # without ../shared: cmrt-made workbooks

    return cmrt_made(folder)


def rss(field: str) -> int:
    """``VmRSS`` (now) or ``VmHWM`` (peak) of this process in bytes, from /proc (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * KiB
    raise RuntimeError(f"no {field} in /proc/self/status")


def child(args: argparse.Namespace) -> None:
    """One survey in this fresh process; prints what it measured as JSON. The reference comes pickled
    (built once by the parent), and the peak is reset once it is loaded: what is measured is the survey."""
    reference = pickle.loads(Path(args.reference).read_bytes())
    paths = sorted(Path(args.folder).iterdir())[: args.count]
    Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the current RSS
    start = rss("VmRSS")
    began = time.perf_counter()
    result = cmrt.survey(paths, reference, jobs=args.jobs, keep_reports=args.keep_reports)
    took = time.perf_counter() - began
    peak, end = rss("VmHWM"), rss("VmRSS")
    assert len(result.responses) == args.count and not result.failures, result.failures[:3]
    rows = sum(len(f.reported) for f in result.classification.facilities)
    print(json.dumps({"seconds": took, "start": start, "peak": peak, "end": end, "rows": rows}))


def run(folder: Path, reference: Path, count: int, jobs: int, keep_reports: bool) -> dict[str, float]:
    command = [sys.executable, __file__, "--child", "--folder", str(folder), "--count", str(count),
               "--jobs", str(jobs), "--reference", str(reference)]  # fmt: skip
    if keep_reports:
        command.append("--keep-reports")
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def record_size(seeds: list[Path], reference: cmrt.SmelterReference, copies: int = 20) -> tuple[float, float]:
    """Bytes a survey keeps per file: each seed's part pickled (as a worker sends it), unpickled and
    compacted as the survey keeps it, measured with tracemalloc: the first time each file is seen (its
    strings new to the survey), and again ``copies`` times over (what copies of it add)."""
    sent = [pickle.dumps(read_part(str(p), reference=reference)) for p in seeds]
    interner = Interner(reference)
    tracemalloc.start()
    kept = [compact(pickle.loads(data), reference, interner) for data in sent]
    first = tracemalloc.get_traced_memory()[0]
    kept += [compact(pickle.loads(data), reference, interner) for _ in range(copies) for data in sent]
    again = tracemalloc.get_traced_memory()[0] - first
    tracemalloc.stop()
    return first / len(sent), again / (copies * len(sent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", default="1000,2500,5000")
    parser.add_argument("--jobs", default="1,2")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    parser.add_argument("--count", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--reference", help=argparse.SUPPRESS)
    parser.add_argument("--keep-reports", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        args.jobs = int(args.jobs)
        child(args)
        return
    counts = sorted(int(n) for n in args.files.split(","))
    jobs_list = [int(j) for j in args.jobs.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "seed").mkdir()
        seeds, reference, kind = seed_files(folder / "seed")
        survey_dir = folder / "survey"
        survey_dir.mkdir()
        for i in range(counts[-1]):
            seed = seeds[i % len(seeds)]
            os.link(seed, survey_dir / f"supplier_{i:05d}_{seed.name}")
        sizes = [p.stat().st_size / 1e6 for p in seeds]
        print(f"files: {kind}; {min(sizes):.2f}-{max(sizes):.2f} MB each; {os.cpu_count()} cores")
        built = cmrt.SmelterReference.from_files(*reference)
        (folder / "reference.pickle").write_bytes(pickle.dumps(built))
        first, record = record_size(seeds, built)
        print(f"compact record per file (tracemalloc): {first / KiB:.1f} KiB for a file new to the survey, "
              f"{record / KiB:.1f} KiB for a copy")  # fmt: skip
        print(
            f"{'mode':14} {'jobs':>4} {'files':>6} {'seconds':>8} {'files/s':>8} {'start MiB':>9} "
            f"{'peak MiB':>9}"
        )
        run(
            survey_dir, folder / "reference.pickle", min(counts[0], 60), jobs_list[-1], False
        )  # warm up, unused
        growth: dict[tuple[str, int], float] = {}
        runs = [(mode, jobs) for jobs in jobs_list for mode in ("compact",)] + [
            ("keep_reports", jobs_list[-1])
        ]
        for mode, jobs in runs:
            peaks = {}
            for count in counts if mode == "compact" else (counts[0], counts[-1]):
                got = run(
                    survey_dir, folder / "reference.pickle", count, jobs, keep_reports=mode == "keep_reports"
                )
                peaks[count] = got["peak"] - got["start"]
                print(f"{mode:14} {jobs:>4} {count:>6} {got['seconds']:8.1f} {count / got['seconds']:8.1f} "
                      f"{got['start'] / MiB:9.0f} {got['peak'] / MiB:9.0f}")  # fmt: skip
            low, high = min(peaks), max(peaks)
            growth[(mode, jobs)] = (peaks[high] - peaks[low]) / (high - low)
        print()
        baseline = growth[("keep_reports", jobs_list[-1])]
        print(
            f"growth per file, keep_reports=True (baseline), jobs={jobs_list[-1]}: {baseline / KiB:7.1f} KiB"
        )
        for (mode, jobs), per_file in growth.items():
            if mode != "compact":
                continue
            bound = 1.5 * record + 2 * KiB
            ok = per_file <= bound and per_file <= baseline / 4
            print(
                f"growth per file, compact, jobs={jobs}: {per_file / KiB:7.1f} KiB "
                f"({per_file / max(baseline, 1):.2f}x the baseline; bound {bound / KiB:.1f} KiB): "
                f"{'PASS' if ok else 'FAIL'}"
            )


if __name__ == "__main__":
    main()
