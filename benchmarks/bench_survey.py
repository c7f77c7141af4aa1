"""A survey of 1,000 supplier files: does reading scale with cores?

    python benchmarks/bench_survey.py [--files 1000] [--jobs N]

Goal (issue 4): reading 1,000 supplier CMRTs scales with the machine's cores. The baseline is the same
1,000 files read in the calling process (``isolate=False``), measured in the same run; the script
prints the ratio for isolated reading (issue 8: worker processes that may die without loss) with
``jobs=1 .. N`` (default N: every core) and the time of the whole ``survey()`` (read, check, classify).

The files are supplier CMRTs shaped as suppliers send them: when ../shared is present, the seven
workbooks of the acceptance survey (3.01 .xls to 6.5, real look-up sheets, 30-90 smelter rows each,
one never recalculated), built in a temporary folder and copied round-robin to 1,000 files; otherwise
seven cmrt-made workbooks with 150 smelter rows each. Nothing is written into the project.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import cmrt
from cmrt.batch import read_all
from cmrt.testing import EXAMPLE_LOOKUP, SmelterRow, write_cmrt

ROOT = Path(__file__).resolve().parents[1]
SHARED_REFERENCE = ROOT.parent / "shared" / "fixtures" / "reference"


def seed_files(folder: Path) -> tuple[list[Path], list[Path], str]:
    """A few distinct supplier workbooks and the reference to classify them with."""
    if SHARED_REFERENCE.is_dir():
        sys.path.insert(0, str(ROOT / "tests"))
        from acceptance_survey import build_survey, reference_files  # test helper, only with ../shared

        files = build_survey(SHARED_REFERENCE, folder)
        return files.paths, reference_files(SHARED_REFERENCE), "acceptance survey (real look-ups, ../shared)"
    example = cmrt.example_survey_path()
    rows = [SmelterRow(metal=r.metal, lookup=r.alias) for r in EXAMPLE_LOOKUP] * 12
    paths = [
        write_cmrt(folder / f"seed_{i}.xlsx", version=v, smelters=rows[:150], recalculated=i % 3 != 0)
        for i, v in enumerate(("6.5", "6.4", "6.31", "6.22", "6.1", "6.01", "6.5"))
    ]
    return paths, sorted((example / "reference").iterdir()), "cmrt-made workbooks (../shared absent)"


def timed(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "seed").mkdir()
        seeds, reference, kind = seed_files(folder / "seed")
        survey_dir = folder / "survey"
        survey_dir.mkdir()
        paths = []
        for i in range(args.files):
            seed = seeds[i % len(seeds)]
            target = survey_dir / f"supplier_{i:04d}{seed.suffix}"
            shutil.copyfile(seed, target)
            paths.append(target)
        size = sum(p.stat().st_size for p in paths) / 1e6
        print(f"{args.files} files ({size:.0f} MB) from {kind}; {os.cpu_count()} cores")

        base, (reports, failures) = timed(read_all, paths, jobs=1, isolate=False)
        assert len(reports) == args.files and not failures, failures[:3]
        print(f"  read in this process (baseline): {base:6.1f} s  {args.files / base:6.1f} files/s")
        for jobs in range(1, max(2, args.jobs) + 1):
            took, (pooled, failed) = timed(read_all, paths, jobs=jobs)
            assert [r.smelters for r in pooled] == [r.smelters for r in reports] and not failed
            print(
                f"  read in {jobs} worker(s):          {took:6.1f} s  {args.files / took:6.1f} files/s"
                f"  {base / took:4.2f}x the baseline"
            )

        ref = cmrt.SmelterReference.from_files(*reference)
        took, result = timed(cmrt.survey, survey_dir, ref, jobs=args.jobs)
        print(f"  survey() read+check+classify, jobs={args.jobs}: {took:6.1f} s -> {result.headline}")


if __name__ == "__main__":
    main()
