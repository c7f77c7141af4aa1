"""The ``cmrt`` command: output a person or a script can use, and exit codes that mean something."""

from __future__ import annotations

import csv
import errno
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import cmrt
from cmrt.classification import ATTENTION_TITLES
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
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a workbook at all")
    assert main(["check", str(cmrt.example_path())]) == EXIT_OK
    assert main(["check", str(incomplete)]) == EXIT_PROBLEMS
    assert main(["check", str(incomplete), str(broken)]) == EXIT_UNREADABLE
    assert "UNREADABLE" in capsys.readouterr().out
    # A path that does not exist is no longer an UNREADABLE line but a stop before any work (66)
    assert main(["check", str(incomplete), str(tmp_path / "missing.xlsx")]) == EXIT_NO_INPUT


def test_classify_the_example_survey_as_a_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["classify", "--example", "--as-of", "2025-06-30", "--wide"]) == EXIT_OK
    out = capsys.readouterr().out
    assert out.splitlines()[0] == (
        "5 supplier responses (4 complete); 3TG: 13 facilities: 5 compliant, 2 active, 6 indeterminable; "
        "1 in a Covered Country; other minerals (Cobalt, Mica): 4 facilities: 1 compliant, 1 active, "
        "2 indeterminable"
    )
    assert "EMRT 2.1, English; scope A. Company; metals Cobalt, Mica;" in out
    assert "CAHRA sourcing: Cobalt No, Mica No" in out
    assert "    Mica CID990101 Illustrative Mica Processors Pvt. Ltd. (INDIA)\n" in out
    assert "      Indeterminable: Non-Conformant on illustrative_status_list.csv (2024-06-01)\n" in out
    assert "Status lists: illustrative_status_list.csv (2024-06-01)" in out
    assert "      located in RWANDA\n" in out


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


# Issue: unambiguous options, folders everywhere, missing paths, option values, wording, width -------------

SUPPLIERS = EXAMPLE / "suppliers"
SWALLOWED = (
    "was taken as a --reference file; put supplier files before --reference or use -r for each reference file"
)


def _r_each(paths: list[str]) -> list[str]:
    return [arg for path in paths for arg in ("-r", path)]


def test_a_supplier_folder_swallowed_by_reference_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    folder = f"{SUPPLIERS}/"
    assert main(["classify", "--reference", *EXAMPLE_REFERENCE, folder]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert err == f"cmrt classify: '{folder}' {SWALLOWED}\n"


def test_a_filled_in_template_swallowed_by_reference_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    response = str(SUPPLIERS / "example_components_cmrt_6.5.xlsx")
    assert main(["classify", "--reference", *EXAMPLE_REFERENCE, response]) == EXIT_USAGE
    assert capsys.readouterr().err == f"cmrt classify: '{response}' {SWALLOWED}\n"
    # Reference files only (no supplier path at all): the plain usage message, nothing named
    assert main(["classify", "--reference", *EXAMPLE_REFERENCE]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "give supplier files or folders" in err and "was taken" not in err


def test_r_takes_one_reference_file_and_repeats(capsys: pytest.CaptureFixture[str]) -> None:
    as_csv = ["--format", "csv", "--jobs", "1"]
    assert main(["classify", *_r_each(EXAMPLE_REFERENCE), str(SUPPLIERS), *as_csv]) == EXIT_OK
    by_r = capsys.readouterr().out
    assert main(["classify", str(SUPPLIERS), "--reference", *EXAMPLE_REFERENCE, *as_csv]) == EXIT_OK
    assert capsys.readouterr().out == by_r and len(by_r.splitlines()) == 18
    # -r with several files: the others land among the supplier paths, and that is said
    assert main(["classify", str(SUPPLIERS), "-r", *EXAMPLE_REFERENCE]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert f"'{EXAMPLE_REFERENCE[1]}' was taken as a supplier file, but it is a list, not a workbook" in err


def test_paths_after_options_count(capsys: pytest.CaptureFixture[str]) -> None:
    first, second = (
        str(SUPPLIERS / n) for n in ("example_components_cmrt_6.5.xlsx", "mock_metals_cmrt_6.31.xlsx")
    )
    assert main(["check", first, "--jobs", "1", second]) == EXIT_OK
    assert [
        line.split(":")[0] for line in capsys.readouterr().out.splitlines() if not line.startswith(" ")
    ] == [
        first,
        second,
    ]
    assert main(["check", first, "--no-such-option"]) == EXIT_USAGE
    assert "unrecognized arguments: --no-such-option" in capsys.readouterr().err


def test_a_folder_given_to_reference_is_refused_clearly(capsys: pytest.CaptureFixture[str]) -> None:
    folder = str(EXAMPLE / "reference")
    assert main(["classify", str(SUPPLIERS), "-r", folder]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert err.startswith(f"cmrt classify: '{folder}' is a folder: -r/--reference takes reference files")
    assert "Errno" not in err


def test_read_takes_folders(capsys: pytest.CaptureFixture[str]) -> None:
    names = sorted(p.name for p in SUPPLIERS.iterdir())
    assert main(["read", str(SUPPLIERS), "--jobs", "2"]) == EXIT_PROBLEMS  # the CMRT 3.01 has errors
    out = capsys.readouterr().out
    headers = [line for line in out.splitlines() if line.startswith("==> ")]
    assert headers == [f"==> {SUPPLIERS / n} <==" for n in names]
    assert out.count("\nCompany:   ") == 5
    assert main(["read", str(SUPPLIERS), "--format", "json"]) == EXIT_PROBLEMS
    data = json.loads(capsys.readouterr().out)
    assert isinstance(data, list) and [Path(r["source"]).name for r in data] == names
    # One file: one object, as before
    assert main(["read", str(SUPPLIERS / names[1]), "--format", "json"]) == EXIT_OK
    assert json.loads(capsys.readouterr().out)["template"] == "CMRT"


def test_read_names_an_unreadable_file_and_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "broken.xlsx").write_bytes(b"not a workbook at all")
    shutil.copy(SUPPLIERS / "example_components_cmrt_6.5.xlsx", tmp_path / "good.xlsx")
    assert main(["read", str(tmp_path), "--format", "json"]) == EXIT_UNREADABLE
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert data[0]["source"] == str(tmp_path / "broken.xlsx") and "error" in data[0]
    assert data[1]["template"] == "CMRT"
    assert captured.err.startswith(f"cmrt: {tmp_path / 'broken.xlsx'}")


@pytest.mark.parametrize(
    "where",
    ["read", "check", "classify", "classify paths", "--reference", "-r", "--cahra"],
)
def test_a_missing_path_stops_every_command_at_once(
    where: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = str(tmp_path / "no-such-thing.xlsx")
    args = {
        "read": ["read", missing],
        "check": ["check", str(SUPPLIERS), missing],
        "classify": ["classify", missing, "--reference", *EXAMPLE_REFERENCE],
        "classify paths": ["classify", str(SUPPLIERS), missing, "--reference", *EXAMPLE_REFERENCE],
        "--reference": ["classify", str(SUPPLIERS), "--reference", *EXAMPLE_REFERENCE, missing],
        "-r": ["classify", "-r", missing, str(SUPPLIERS)],
        "--cahra": ["classify", "--example", "--cahra", missing],
    }[where]
    assert main(args) == EXIT_NO_INPUT
    captured = capsys.readouterr()
    assert captured.err == f"cmrt: no such file or directory: {missing}\n"  # once, nothing else
    assert captured.out == ""  # no work done


@pytest.mark.parametrize("command", ["read", "check", "classify"])
def test_a_folder_without_a_workbook_stops_every_command(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.txt").write_text("no workbook here", encoding="utf-8")
    args = [command, str(SUPPLIERS), str(tmp_path / "empty")]
    assert (
        main([*args, *(["--reference", *EXAMPLE_REFERENCE] if command == "classify" else [])])
        == EXIT_NO_INPUT
    )
    captured = capsys.readouterr()
    assert captured.err == f"cmrt: no workbook (.xlsx, .xlsm, .xls) in folder: {tmp_path / 'empty'}\n"
    assert captured.out == ""


def test_a_missing_file_the_library_finds_is_66(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def gone(*args: object, **kwargs: object) -> None:
        raise cmrt.FileMissingError(errno.ENOENT, "no such file or directory", "vanished.xlsx")

    monkeypatch.setattr("cmrt.cli.survey", gone)
    assert main(["classify", "--example"]) == EXIT_NO_INPUT
    assert capsys.readouterr().err == "cmrt: no such file or directory: vanished.xlsx\n"


@pytest.mark.parametrize("value", ["0", "-3", "two"])
@pytest.mark.parametrize("command", [["read"], ["check", str(SUPPLIERS)], ["classify", "--example"]])
def test_jobs_must_be_at_least_one(
    value: str, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*command, "--jobs", value]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "argument --jobs:" in err and value in err and "Traceback" not in err


@pytest.mark.parametrize("value", ["20250630", "30/06/2025", "2025-02-30", "2025-6-30"])
def test_as_of_takes_yyyy_mm_dd_only(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["classify", "--example", "--as-of", value]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "argument --as-of: " in err and "YYYY-MM-DD" in err and repr(value) in err


def test_a_bad_cahra_file_is_a_cahra_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "cahra.csv"
    bad.write_text("Atlantis\n", encoding="utf-8")
    assert main(["classify", "--example", "--cahra", str(bad)]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert err.startswith(f"cmrt: --cahra {bad}: ") and "reference data" not in err
    assert main(["classify", "--example", "--cahra", str(tmp_path)]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert err == f"cmrt: --cahra {tmp_path}: a folder, not a CAHRA list file\n"


def test_counts_are_singular_or_plural(capsys: pytest.CaptureFixture[str]) -> None:
    one = str(SUPPLIERS / "example_components_cmrt_6.5.xlsx")  # 4 smelter rows, 1 placeholder, 0 errors
    assert main(["classify", one, "--reference", *EXAMPLE_REFERENCE, "--wide"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "; 4 smelter rows, 1 placeholder; 0 errors;" in out
    assert main(["check", str(SUPPLIERS / "demo_plastics_cmrt_3.01.xls")]) == EXIT_PROBLEMS
    first = capsys.readouterr().out.splitlines()[0]
    assert first.endswith(": CMRT 3.01, 33 errors, 1 other problem")
    assert main(["read", str(SUPPLIERS / "example_components_emrt_2.1.xlsx")]) == EXIT_OK
    assert "\nMines: 1 row\n" in capsys.readouterr().out


def test_the_table_fits_80_columns_and_wide_cuts_nothing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    bolivia = "BOLIVIA (PLURINATIONAL STATE OF)"
    for columns in ("80", None):  # COLUMNS=80, and output that is no terminal: 80 too
        if columns is None:
            monkeypatch.delenv("COLUMNS", raising=False)
        else:
            monkeypatch.setenv("COLUMNS", columns)
        assert main(["classify", "--example", "--as-of", "2025-06-30"]) == EXIT_OK
        lines = capsys.readouterr().out.splitlines()
        assert max(len(line) for line in lines) <= 80, [line for line in lines if len(line) > 80]
        assert any(line.strip() == bolivia for line in lines)  # wrapped, not cut
    monkeypatch.setenv("COLUMNS", "80")
    assert main(["classify", "--example", "--wide"]) == EXIT_OK
    out = capsys.readouterr().out
    facility = next(line for line in out.splitlines() if "Sample Tin Works" in line)
    assert bolivia in facility and "[unidentified]" in facility
    supplier = next(line for line in out.splitlines() if "[mock_metals_cmrt_6.31.xlsx]" in line)
    assert supplier.endswith("covered-country sourcing: Tin No, Gold No, Tungsten No")


def test_needs_attention_is_grouped_under_titles(capsys: pytest.CaptureFixture[str]) -> None:
    expected = cmrt.survey(SUPPLIERS, EXAMPLE_REFERENCE).summary().needs_attention
    assert set(expected) >= {"covered_country", "mine_in_covered_country", "non_conformant", "removed"}
    assert main(["classify", "--example", "--wide"]) == EXIT_OK
    out = capsys.readouterr().out
    section = out[out.index("\nNeeds attention:\n") :].splitlines()[1:]
    titles = [line.strip() for line in section if line.startswith("  ") and not line.startswith("   ")]
    assert titles == [
        f"{ATTENTION_TITLES[key]}: {len(found)} facilit{'y' if len(found) == 1 else 'ies'}"
        for key, found in expected.items()
    ]
    for key, found in expected.items():
        start = section.index(
            f"  {ATTENTION_TITLES[key]}: {len(found)} facilit{'y' if len(found) == 1 else 'ies'}"
        )
        group = section[start + 1 :]
        for facility in found:
            assert any(facility.name in line for line in group[: 5 * len(found)])
    removed = section.index(next(line for line in section if line.startswith("  Removed from the RMI")))
    assert section[removed + 1] == "    Tantalum CID900102 Placeholder Niobium-Tantalum Plant (BRAZIL)"
    assert section[removed + 2].startswith(
        "      Indeterminable: removed from the RMI Smelter Reference List"
    )
    assert section[removed + 3] == "      named by Sample Circuits GmbH"


def test_warnings_and_overdue_audits(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["classify", "--example", "--as-of", "2025-06-30", "--wide"]) == EXIT_OK
    out = capsys.readouterr().out
    top = out[: out.index("\nSuppliers:")]
    assert (
        "\nWarning: as of 2025-06-30, the newest status list (illustrative_status_list.csv (2024-06-01))"
        in top
    )
    assert "\nAudits overdue as of 2025-06-30: 4\n" in top
    assert main(["classify", "--example", "--as-of", "2025-06-30", "--format", "json"]) == EXIT_OK
    captured = capsys.readouterr()
    assert [w["code"] for w in json.loads(captured.out)["warnings"]] == ["lists-outdated"]
    assert captured.err.startswith("Warning: as of 2025-06-30, the newest status list")
    assert main(["classify", "--example", "--as-of", "2025-06-30", "--format", "csv"]) == EXIT_OK
    assert capsys.readouterr().err.startswith("Warning: as of 2025-06-30")
    assert main(["classify", "--example"]) == EXIT_OK  # no date: no warning, no audit line
    captured = capsys.readouterr()
    assert "Warning" not in captured.out + captured.err and "Audits overdue" not in captured.out


@pytest.mark.parametrize("command", [[], ["read"], ["check"], ["classify"]])
def test_help_documents_every_exit_code(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*command, "--help"]) == EXIT_OK
    out = capsys.readouterr().out
    codes = out[out.index("\nexit codes:\n") :]
    for code, words in [
        (EXIT_OK, "all went well"),
        (EXIT_PROBLEMS, "error-level problems (read, check)"),
        (EXIT_UNREADABLE, "could not be read"),
        (EXIT_USAGE, "bad usage"),
        (EXIT_NO_INPUT, "does not exist"),
    ]:
        line = next(line for line in codes.splitlines() if line.startswith(f"  {code:<3} "))
        assert words in line
    assert max(len(line) for line in out.splitlines()) <= 80


def test_readme_lists_the_exit_codes() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    codes = readme[readme.index("\nExit codes:\n") :]
    for code in (EXIT_OK, EXIT_PROBLEMS, EXIT_UNREADABLE, EXIT_USAGE, EXIT_NO_INPUT):
        assert f"\n- `{code}` " in codes


def test_read_of_one_file_that_kills_its_reader_is_an_unreadable_file(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """One file is read in a forked child: a reader that segfaults costs the file, not the command."""
    import ctypes

    import cmrt.reading

    monkeypatch.setattr(cmrt.reading, "read_one", lambda path, password=None: ctypes.string_at(0))
    assert main(["read", str(cmrt.example_path())]) == EXIT_UNREADABLE
    assert "SIGSEGV" in capsys.readouterr().err
