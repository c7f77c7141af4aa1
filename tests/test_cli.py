"""The ``cmrt`` command: output a person or a script can use, and exit codes that mean something."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import cmrt
from cmrt.cli import EXIT_NO_INPUT, EXIT_OK, EXIT_PROBLEMS, EXIT_UNREADABLE, EXIT_USAGE, main
from cmrt.testing import write_cmrt

EXAMPLE = cmrt.example_survey_path()
EXAMPLE_REFERENCE = [str(p) for p in sorted((EXAMPLE / "reference").iterdir())]


def test_read_the_example(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["read", "--example"]) == EXIT_OK
    out = capsys.readouterr().out
    assert out.startswith("CMRT 6.5") and "Example Components Ltd." in out


def test_check_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    incomplete = write_cmrt(tmp_path / "incomplete.xlsx")
    assert main(["check", str(cmrt.example_path())]) == EXIT_OK
    assert main(["check", str(incomplete)]) == EXIT_PROBLEMS
    assert main(["check", str(incomplete), str(tmp_path / "missing.xlsx")]) == EXIT_UNREADABLE
    assert "UNREADABLE" in capsys.readouterr().out


def test_classify_the_example_survey_as_a_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["classify", "--example", "--as-of", "2025-06-30"]) == EXIT_OK
    out = capsys.readouterr().out
    assert out.splitlines()[0] == (
        "5 supplier responses (4 complete); 3TG: 13 facilities: 5 compliant, 2 active, 6 indeterminable; "
        "1 in a Covered Country; other minerals (Cobalt, Mica): 4 facilities: 1 compliant, 1 active, "
        "2 indeterminable"
    )
    assert "EMRT 2.1, English; scope A. Company; metals Cobalt, Mica;" in out
    assert "CAHRA sourcing: Cobalt No, Mica No" in out
    assert "Mica CID990101 Illustrative Mica Processors Pvt. Ltd.: Non-Conformant" in out
    assert "Status lists: illustrative_status_list.csv (2024-06-01)" in out
    assert "covered_country: located in RWANDA" in out


def test_classify_csv_is_one_row_per_facility(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["classify", str(EXAMPLE / "suppliers"), "--reference", *EXAMPLE_REFERENCE, "--format", "csv"]
    assert main(args) == EXIT_OK
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 17 and list(rows[0]) == list(cmrt.classification.RECORD_FIELDS)
    rwanda = next(r for r in rows if r["smelter_id"] == "CID900303")
    assert (
        rwanda["flags"] == "covered_country; mine_in_covered_country" and rwanda["status"] == "Indeterminable"
    )


def test_classify_json_with_cahra_and_an_unreadable_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "cahra.csv").write_text("country,region\nRwanda,\nMexico,Guerrero\n", encoding="utf-8")
    broken = tmp_path / "broken.xls"
    broken.write_bytes(b"not a workbook at all")
    args = ["classify", str(EXAMPLE / "suppliers"), str(broken), "--reference", *EXAMPLE_REFERENCE]
    code = main([*args, "--cahra", str(tmp_path / "cahra.csv"), "--format", "json", "--jobs", "1"])
    captured = capsys.readouterr()
    assert code == EXIT_UNREADABLE
    data = json.loads(captured.out)
    assert data["response_counts"]["unreadable"] == 1 and len(data["facilities"]) == 17
    assert [Path(f["source"]).name for f in data["failures"]] == ["broken.xls"]
    assert "skipped" in captured.err and "broken.xls" in captured.err
    cahra = [f["smelter_id"] for f in data["facilities"] if "cahra" in f["flags"]]
    assert cahra == ["CID900303"]


def test_classify_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    suppliers = str(EXAMPLE / "suppliers")
    assert main(["classify", suppliers]) == EXIT_USAGE  # no reference
    (tmp_path / "junk.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    assert main(["classify", suppliers, "--reference", str(tmp_path / "junk.csv")]) == EXIT_USAGE
    assert "reference data" in capsys.readouterr().err
    assert main(["classify", "--example", "--as-of", "30/06/2025"]) == EXIT_USAGE
    (tmp_path / "empty").mkdir()
    assert main(["classify", str(tmp_path / "empty"), "--reference", *EXAMPLE_REFERENCE]) == EXIT_NO_INPUT


def test_python_dash_m_cmrt_runs_the_main_job() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "cmrt", "classify", "--example", "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == EXIT_OK, done.stderr
    assert json.loads(done.stdout)["by_status"] == {"Compliant": 6, "Active": 3, "Indeterminable": 8}
