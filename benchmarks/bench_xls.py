"""How long cmrt.read takes on an encrypted .xls against python-calamine reading it already decrypted.

Every CFSI 3.x and EICC 2.x template ships encrypted with Excel's default password (RC4 or RC4 CryptoAPI).
Goal (issue 12): the whole ``cmrt.read`` of such a file at most 3x python-calamine's own read of the
same file already decrypted: ``CalamineWorkbook.from_filelike`` and ``to_python`` of exactly the sheets
(and row counts) cmrt asks for, found by watching one ``cmrt.read`` of the file. Both are timed in the
same run, taking turns within each round (best of N rounds), so the ratio holds on a noisy machine. For
reference, each line also gives the time cmrt's own decryption takes (``engines.decrypt``: the container
walked, ``cmrt.workbook.xls_crypto``) and the time msoffcrypto-tool's decryption took before it, and
checks that both decrypt to the same bytes.

    python benchmarks/bench_xls.py [--repeat 9]

Only where ../shared holds the real templates (nothing from them is stored).
"""

from __future__ import annotations

import argparse
import io
import time
from collections.abc import Callable
from pathlib import Path

import msoffcrypto
import python_calamine

import cmrt
from cmrt.workbook import DEFAULT_PASSWORD, engines, ole
from cmrt.workbook.xls import has_filepass

REAL = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "real"
GOAL = 3.0


def best(funcs: list[Callable[[], object]], repeat: int) -> list[float]:
    """The best time of each function over ``repeat`` rounds, the functions taking turns within a round
    (so that a busy spell on a shared machine falls on all of them alike)."""
    times: list[list[float]] = [[] for _ in funcs]
    for _ in range(repeat):
        for func, taken in zip(funcs, times, strict=True):
            start = time.perf_counter()
            func()
            taken.append(time.perf_counter() - start)
    return [min(taken) for taken in times]


def msoffcrypto_decrypt(data: bytes) -> bytes:
    office = msoffcrypto.OfficeFile(io.BytesIO(data))
    office.load_key(password=DEFAULT_PASSWORD)
    out = io.BytesIO()
    office.decrypt(out)
    return out.getvalue()


def cmrt_decrypt(data: bytes) -> bytes:
    """cmrt's decryption, the container's walk included (as ``cmrt.read`` does it)."""
    return engines.decrypt(data, None).data


def sheets_read(data: bytes) -> list[tuple[str, int | None]]:
    """The (sheet, rows) calls one cmrt.read of ``data`` makes of its engine, in order."""
    calls: list[tuple[str, int | None]] = []
    original = engines.Engines.rows

    def watched(self: engines.Engines, sheet: str, max_rows: int | None) -> engines.Rows:
        calls.append((sheet, max_rows))
        return original(self, sheet, max_rows)

    engines.Engines.rows = watched  # type: ignore[method-assign]
    try:
        cmrt.read(data)
    finally:
        engines.Engines.rows = original  # type: ignore[method-assign]
    return calls


def calamine_read(plain: bytes, calls: list[tuple[str, int | None]]) -> None:
    """python-calamine alone: open, and read the sheets cmrt reads as cmrt asks for them."""
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(plain))
    parsed = {}
    for sheet, rows in calls:
        if sheet not in parsed:
            parsed[sheet] = book.get_sheet_by_name(sheet)
        parsed[sheet].to_python(skip_empty_area=False, nrows=rows)


def encrypted_files() -> list[Path]:
    found = []
    for path in sorted(REAL.glob("*.xls")):
        streams = ole.streams(path.read_bytes())
        if has_filepass(streams.get("Workbook", b"")):
            found.append(path)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    files = encrypted_files() if REAL.is_dir() else []
    if not files:
        print(f"(no encrypted real .xls at {REAL}: nothing to measure)")
        return
    width = max(len(p.name) for p in files)
    print(f"{'encrypted .xls':{width}} {'calamine':>9} {'cmrt.read':>10} {'ratio':>6}   "
          f"{'decrypt: cmrt':>13} {'msoffcrypto':>11}")  # fmt: skip
    passed = 0
    for path in files:
        data = path.read_bytes()
        plain = msoffcrypto_decrypt(data)
        assert cmrt_decrypt(data) == plain, f"{path.name}: cmrt and msoffcrypto decrypt differently"
        calls = sheets_read(data)
        base, ours, fast = best(
            [lambda: calamine_read(plain, calls), lambda: cmrt.read(data), lambda: cmrt_decrypt(data)],  # noqa: B023
            args.repeat,
        )
        [old] = best([lambda: msoffcrypto_decrypt(data)], max(2, args.repeat // 3))  # noqa: B023
        ratio = ours / base
        passed += ratio <= GOAL
        verdict = "PASS" if ratio <= GOAL else "FAIL"
        print(f"{path.name:{width}} {base * 1000:6.1f} ms {ours * 1000:7.1f} ms {ratio:5.2f}x   "
              f"{fast * 1000:10.1f} ms {old * 1000:8.1f} ms   goal <= {GOAL:.0f}x: {verdict}")  # fmt: skip
    print(f"goal: cmrt.read of an encrypted .xls <= {GOAL:.0f}x calamine's read of it decrypted: "
          f"{passed} of {len(files)} files PASS")  # fmt: skip


if __name__ == "__main__":
    main()
