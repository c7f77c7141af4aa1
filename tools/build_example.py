"""Regenerate the bundled example workbook: python tools/build_example.py (a test checks it is current)."""

from pathlib import Path

from cmrt.testing import example_workbook

TARGET = Path(__file__).resolve().parent.parent / "cmrt" / "examples" / "example_cmrt_6.5.xlsx"

if __name__ == "__main__":
    TARGET.write_bytes(example_workbook())
    print(f"wrote {TARGET}")
