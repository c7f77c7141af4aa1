"""How long ``cmrt read FILE`` takes as a whole process, against a bare python-calamine script.

Goal (issue 12, start-up): ``cmrt read FILE`` (output to /dev/null) at most 2x a separate ``python -c``
process that imports python_calamine and reads the same two sheets, Declaration and Smelter List, with
``get_sheet_by_name(...).to_python()``. Both are timed in the same run, interleaved, best of N processes
each, so the ratio holds on a noisy machine. ``cmrt read`` runs the code pip writes as the ``cmrt``
console script; ``python -m cmrt read`` is shown beside it. Also printed: ``import cmrt`` against a bare
``python -c pass`` and against ``import python_calamine``, ``cmrt --version`` and ``cmrt read --help``,
and where a ``cmrt read`` process's time goes (the interpreter, the imports and the first ``cmrt.read``,
the last two timed inside the process).

    python benchmarks/bench_startup.py [--repeat 15] [--as-is] [--explain]

Workbooks measured:
- RMI's blank CMRT 6.5 from ../shared, as RMI ships it (only where ../shared exists; read at run time,
  nothing from it is stored);
- a cmrt.testing CMRT 6.5 with 300 smelter rows (by smelter ID) and cached look-up values: far sparser than
  the real sheet, so calamine reads it in a few milliseconds and the ratio is mostly cmrt's imports.

How the processes run: every one with ``-S`` and ``PYTHONPATH`` set to this source tree and the
interpreter's site-packages, so no ``.pth`` file runs (an editable install's finder costs every process,
the bare one too, 15-30 ms that no installed cmrt pays and that would flatter the ratio), and with its
bytecode cached in a temporary ``-X pycache_prefix`` after a warm-up run (as an installed wheel has it;
this also holds where PYTHONDONTWRITEBYTECODE is set). ``--as-is`` runs the interpreter as it is instead
(site, ``.pth`` files and the environment's bytecode setting).

``--explain`` then says where the first workbook's ``cmrt read`` spends its time: the slowest imports
(``-X importtime``, best of 5 runs) and a cProfile of the whole command (imports included).
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import site
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REAL = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "real"
SHARED_65 = REAL / "RMI_CMRT_6.5.xlsx"
SHEETS = ("Declaration", "Smelter List")
SMELTERS = 300
GOAL = 2.0

CONSOLE = """\
import re
import sys
from cmrt.cli import run
if __name__ == '__main__':
    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])
    sys.exit(run())
"""
"""What pip writes as the ``cmrt`` console script (run here by the same interpreter, with the same flags)."""

CALAMINE = f"""\
import sys
import python_calamine
book = python_calamine.CalamineWorkbook.from_path(sys.argv[1])
rows = [book.get_sheet_by_name(name).to_python() for name in {SHEETS!r}]
if len(sys.argv) > 2:
    print(sum(len(r) for r in rows))
"""

SPLIT = """\
import sys, time
start = time.perf_counter()
from cmrt.cli import main
import cmrt.reading
imported = time.perf_counter()
cmrt.reading.read(sys.argv[1])
print(imported - start, time.perf_counter() - imported)
"""
"""A ``cmrt read`` process's imports and its first ``cmrt.read``, each timed inside the process."""

PROFILE = """\
import cProfile, io, pstats, sys, contextlib
profile = cProfile.Profile()
with contextlib.redirect_stdout(io.StringIO()):
    profile.enable()
    from cmrt.cli import main
    main(["read", sys.argv[1]])
    profile.disable()
stats = pstats.Stats(profile, stream=sys.stdout)
stats.sort_stats("cumulative").print_stats(int(sys.argv[2]))
"""


def built_65() -> bytes:
    from cmrt.testing import LookupRow, SmelterRow, build_cmrt

    metals = ("Gold", "Tin", "Tantalum", "Tungsten")
    lookup = [
        LookupRow(metals[i % 4], f"Benchmark Facility {i:03d}", f"Benchmark Facility {i:03d}", "CHINA",
                  f"CID9{i:05d}", f"{i} Mill Road", "Sampleton")
        for i in range(400)
    ]  # fmt: skip
    return build_cmrt(
        version="6.5",
        declaration={"company_name": "Benchmark Supplier Ltd.", "scope": "A. Company"},
        answers={("1", m): "Yes" for m in metals},
        smelters=[SmelterRow(smelter_id_input=entry.smelter_id) for entry in lookup[:SMELTERS]],
        lookup=lookup,
    )


class Runner:
    """Runs ``python ARGS`` as the module's docstring says: ``-S`` with an explicit path and cached
    bytecode, or the interpreter as it is."""

    def __init__(self, as_is: bool, cache: Path) -> None:
        self.env = dict(os.environ)
        self.flags: list[str] = []
        if not as_is:
            self.env.pop("PYTHONDONTWRITEBYTECODE", None)
            packages = [p for p in site.getsitepackages() if Path(p).is_dir()]
            self.env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *packages])
            self.flags = ["-S", "-X", f"pycache_prefix={cache}"]
        self.cwd = cache

    def run(self, *args: str, out: int | None = subprocess.DEVNULL) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, *self.flags, *args], stdout=out, stderr=subprocess.PIPE, text=True,
            env=self.env, cwd=self.cwd, check=False,
        )  # fmt: skip

    def best(self, commands: dict[str, list[str]], repeat: int) -> dict[str, float]:
        """Each command ``repeat`` times, interleaved: the fastest process of each, in seconds."""
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(repeat):
            for name, args in commands.items():
                start = time.perf_counter()
                done = self.run(*args)
                times[name].append(time.perf_counter() - start)
                if done.returncode not in (0, 1):  # 1: cmrt read of a template with error-level problems
                    raise SystemExit(f"{name} failed ({done.returncode}): {done.stderr[-2000:]}")
        return {name: min(t) for name, t in times.items()}

    def split(self, path: Path, repeat: int) -> tuple[float, float]:
        """The fastest imports and the fastest first ``cmrt.read`` of ``repeat`` processes, in seconds."""
        runs = [self.run("-c", SPLIT, str(path), out=subprocess.PIPE).stdout.split() for _ in range(repeat)]
        return min(float(r[0]) for r in runs), min(float(r[1]) for r in runs)


def check_outputs(runner: Runner, path: Path, smelters: int | None) -> None:
    """Both sides really read the file: cmrt finds the template (and the rows written), calamine rows."""
    done = runner.run("-c", CONSOLE, "read", "--format", "json", str(path), out=subprocess.PIPE)
    report = json.loads(done.stdout)
    assert (report["template"], report["version"]) == ("CMRT", "6.5"), (path, done.stderr)
    if smelters is not None:
        assert len(report["smelters"]) == smelters, (path, len(report["smelters"]))
    rows = runner.run("-c", CALAMINE, str(path), "count", out=subprocess.PIPE)
    assert int(rows.stdout) > 0, (path, rows.stderr)


def whole_processes(runner: Runner, workbooks: list[tuple[str, Path]], repeat: int) -> None:
    print(f"{'whole process, ms':<34} {'cmrt read':>9} {'-m cmrt':>8} {'calamine':>8} {'ratio':>6}  goal")
    splits = []
    for label, path in workbooks:
        commands = {
            "cmrt": ["-c", CONSOLE, "read", str(path)],
            "-m cmrt": ["-m", "cmrt", "read", str(path)],
            "calamine": ["-c", CALAMINE, str(path)],
        }
        best = runner.best(commands, repeat)
        ratio = best["cmrt"] / best["calamine"]
        shown = " ".join(
            f"{best[k] * 1000:{w}.0f}" for k, w in (("cmrt", 9), ("-m cmrt", 8), ("calamine", 8))
        )
        print(f"{label:<34} {shown} {ratio:5.2f}x  {'PASS' if ratio <= GOAL else 'FAIL'} (<= {GOAL:g}x)")
        splits.append((label, best["cmrt"], *runner.split(path, repeat)))

    commands = {
        "python -c pass": ["-c", "pass"],
        "python -c 'import python_calamine'": ["-c", "import python_calamine"],
        "python -c 'import cmrt'": ["-c", "import cmrt"],
        "cmrt --version": ["-c", CONSOLE, "--version"],
        "cmrt read --help": ["-c", CONSOLE, "read", "--help"],
    }
    best = runner.best(commands, repeat)
    bare, calamine, cmrt = (best[k] for k in list(commands)[:3])
    print(f"\n{'process, ms':<34} {'':>9} {'over pass':>9}")
    for label, seconds in best.items():
        print(f"{label:<34} {seconds * 1000:9.0f} {(seconds - bare) * 1000:9.0f}")
    print(f"import cmrt: {cmrt / bare:.2f}x python -c pass, {cmrt / calamine:.2f}x import python_calamine")

    columns = f"{'process':>9} {'python':>7} {'imports':>8} {'read':>6} {'rest':>6}"
    print(f"\n{'where cmrt read goes, ms':<34} {columns}")
    for label, total, imports, read in splits:
        parts = ((total, 9), (bare, 7), (imports, 8), (read, 6), (total - bare - imports - read, 6))
        print(f"{label:<34} " + " ".join(f"{p * 1000:{w}.0f}" for p, w in parts))
    print("(python: python -c pass; imports and first read timed inside the process; rest: arguments,")
    print(" printing, exit. Each column is a best of its own: on a busy machine they need not add up)")


def explain(runner: Runner, path: Path, top: int) -> None:
    """The slowest imports of ``cmrt read`` (best of 5 runs each) and a cProfile of the whole command."""
    cumulative: dict[str, list[int]] = collections.defaultdict(list)
    own: dict[str, list[int]] = collections.defaultdict(list)
    depth: dict[str, int] = {}
    for _ in range(5):
        err = runner.run("-X", "importtime", "-c", CONSOLE, "read", str(path)).stderr
        for line in err.splitlines():
            if not line.startswith("import time:") or "[us]" in line:
                continue
            self_us, cumulative_us, name = line.split(":", 1)[1].split("|")
            key = name.strip()
            own[key].append(int(self_us))
            cumulative[key].append(int(cumulative_us))
            depth[key] = (len(name) - len(name.lstrip()) - 1) // 2
    total = sum(min(cumulative[k]) for k in cumulative if depth[k] == 0)
    print(f"\nimports of cmrt read {path.name}: {total / 1000:.0f} ms in all (-X importtime, best of 5)")
    print(f"{'self ms':>8} {'cumul ms':>8}  module (indented under what imported it)")
    for key in sorted(cumulative, key=lambda k: -min(cumulative[k]))[:top]:
        print(f"{min(own[key]) / 1000:8.1f} {min(cumulative[key]) / 1000:8.1f}  {'  ' * depth[key]}{key}")
    print(f"\ncProfile of cmrt read {path.name} (one run, imports included):")
    print(runner.run("-c", PROFILE, str(path), str(top), out=subprocess.PIPE).stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=15, help="processes per command (best of)")
    parser.add_argument("--as-is", action="store_true", help="the interpreter as it is (site, .pth)")
    parser.add_argument("--explain", action="store_true", help="then: slowest imports and a cProfile")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        runner = Runner(args.as_is, Path(tmp))
        built = Path(tmp) / "built_cmrt_6.5.xlsx"
        built.write_bytes(built_65())
        workbooks = [(f"cmrt.testing CMRT 6.5, {SMELTERS} rows", built, SMELTERS)]
        if SHARED_65.is_file():
            workbooks.insert(0, ("RMI CMRT 6.5, blank (../shared)", SHARED_65, None))
        for _, path, smelters in workbooks:
            check_outputs(runner, path, smelters)  # also the warm-up that caches the bytecode
        runner.run("-c", "import cmrt; cmrt.__version__")

        how = "as is" if args.as_is else "-S, source tree and site-packages on PYTHONPATH, bytecode cached"
        print(f"Python {sys.version.split()[0]}, {how}; best of {args.repeat} processes each, interleaved")
        print("cmrt read: the console script's code; calamine: python_calamine reading", ", ".join(SHEETS))
        print()
        whole_processes(runner, [(label, path) for label, path, _ in workbooks], args.repeat)
        if args.explain:
            explain(runner, workbooks[0][1], top=30)


if __name__ == "__main__":
    main()
