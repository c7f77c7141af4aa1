"""Regenerate the bundled examples: python tools/build_example.py (tests check they are current).

Writes the single example workbook and the example survey (four suppliers' CMRTs and an illustrative
reference of made-up facilities) under cmrt/examples/.
"""

from pathlib import Path

from cmrt.testing import example_survey, example_workbook

EXAMPLES = Path(__file__).resolve().parent.parent / "cmrt" / "examples"

if __name__ == "__main__":
    (EXAMPLES / "example_cmrt_6.5.xlsx").write_bytes(example_workbook())
    for name, data in example_survey().items():
        target = EXAMPLES / "survey" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    print(f"wrote {EXAMPLES}")
