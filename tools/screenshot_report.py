"""Screenshot the example survey's HTML report with headless Chromium, to look at it as a person would.

    python tools/screenshot_report.py report.png [--width 1280] [--height 2400] [--keep-html report.html]

Writes the report of the bundled example survey (``cmrt.example_survey_path()``, as of 2025-06-30) to a
temporary file and has ``chromium --headless`` (or ``$CHROMIUM``) save a PNG of it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import cmrt
from cmrt.deliverables.report_html import survey_html


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("png", type=Path, help="where to write the screenshot")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=2400)
    parser.add_argument("--keep-html", type=Path, help="also keep the report's HTML here")
    args = parser.parse_args(argv)

    example = cmrt.example_survey_path()
    survey = cmrt.survey(example / "suppliers", sorted((example / "reference").iterdir()), as_of="2025-06-30")
    page = survey_html(survey, title="Example survey")
    browser = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not browser:
        print("no chromium found: set CHROMIUM to the browser's path", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        html_path = Path(tmp) / "report.html"
        html_path.write_text(page, encoding="utf-8")
        if args.keep_html:
            args.keep_html.write_text(page, encoding="utf-8")
        command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                   f"--screenshot={args.png.resolve()}", f"--window-size={args.width},{args.height}",
                   html_path.as_uri()]  # fmt: skip
        done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    if done.returncode or not args.png.exists():
        print(done.stderr, file=sys.stderr)
        return done.returncode or 1
    print(f"{args.png} ({len(page):,} characters of HTML)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
