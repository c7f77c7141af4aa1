"""The fuzz campaign: python tools/fuzz.py --n 10000 --seed 1 [--jobs 2] [--save DIR] [FILES...]

Mutates the project's own builder workbooks and, where ../shared/fixtures is present, every real
template there (or the FILES given), reads each mutant in a worker process under limits, and prints
counts by outcome and every bad class with a reproduction. --save writes the bad mutants to DIR.
Figures go in docs/reliability.md.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from cmrt.testing.fuzz import builder_corpus, campaign
from cmrt.testing.mutate import mutate

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "fixtures"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="workbooks to mutate (default: see above)")
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--max-seconds", type=float, default=10.0)
    parser.add_argument("--save", type=Path, help="write every bad mutant here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        corpus = list(args.files) or builder_corpus(Path(folder))
        if not args.files and SHARED.exists():
            corpus += sorted(p for p in SHARED.rglob("*") if p.suffix.lower() in (".xlsx", ".xls"))
        print(f"corpus: {len(corpus)} workbooks; {args.n} mutants, seed {args.seed}", file=sys.stderr)

        def progress(done: int, total: int) -> None:
            if done % 100 == 0 or done == total:
                print(f"\r{done}/{total}", end="", file=sys.stderr, flush=True)

        result = campaign(corpus, args.n, args.seed, jobs=args.jobs, max_seconds=args.max_seconds,
                          progress=progress)  # fmt: skip
        print(file=sys.stderr)
        print(result.report())
        if args.save and result.bad():
            args.save.mkdir(parents=True, exist_ok=True)
            for p in result.bad():
                data = mutate(Path(p.origin).read_bytes(), p.operation, p.seed)
                (args.save / f"{p.outcome}-{p.name.replace('#', '_')}{Path(p.origin).suffix}").write_bytes(
                    data
                )
    return 1 if result.bad() else 0


if __name__ == "__main__":
    raise SystemExit(main())
