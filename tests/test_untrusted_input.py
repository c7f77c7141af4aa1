"""Property tests: whatever text, numbers or bytes arrive, the parsers answer or raise one named error.

Supplier cells and users' reference files are untrusted; these functions take them first.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cmrt
from cmrt.dates import parse_date, parse_version_date
from cmrt.identity.countries import countries_in

CELLS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True), st.text(),
    st.datetimes(), st.dates(), st.binary(max_size=40),
)  # fmt: skip
"""What a cell, or a field of a reference file, can hold."""

SETTINGS = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(CELLS)
def test_dates_parse_or_say_no(value: object) -> None:
    date, *_ = parse_date(value)
    assert date is None or isinstance(date, dt.date)
    found = parse_version_date(value if isinstance(value, str) else str(value))
    assert found is None or isinstance(found, dt.date)


@SETTINGS
@given(CELLS)
def test_countries_and_ids_and_names_never_raise(value: object) -> None:
    country = cmrt.normalize_country(value)
    assert country is None or isinstance(country, cmrt.Country)
    assert isinstance(countries_in(value if isinstance(value, str) else None), tuple | list)
    found = cmrt.normalize_smelter_id(value)
    assert found is None or (isinstance(found, str) and found == found.strip().upper())
    assert isinstance(cmrt.normalize_name(value), str)


def _expect_result_or_named_error(make) -> None:  # type: ignore[no-untyped-def]
    with contextlib.suppress(cmrt.CmrtError):  # anything else fails the test
        make()


@SETTINGS
@given(st.binary(max_size=3000))
def test_any_bytes_as_a_cahra_list_or_a_reference_file(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes(data)
    _expect_result_or_named_error(lambda: cmrt.CahraList.from_file(path))
    _expect_result_or_named_error(lambda: cmrt.SmelterReference.from_files(path))


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["entries", "meta", "version", "iso2", "countryName", "country", "regions", "name",
                         "code", "wholeCountry"]) | st.text(max_size=5), inner, max_size=5),
    max_leaves=30,
)  # fmt: skip


@SETTINGS
@given(JSON)
def test_any_json_as_a_cahra_list(tmp_path: Path, data: object) -> None:
    path = tmp_path / "cahra.json"
    path.write_text(json.dumps(data))
    _expect_result_or_named_error(lambda: cmrt.CahraList.from_file(path))


FIELDS = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=30)
ROWS = st.lists(st.lists(FIELDS, max_size=8), max_size=30)


@SETTINGS
@given(ROWS, st.sampled_from([
    ["SMELTER ID", "STANDARD SMELTER NAME", "METAL", "COUNTRY", "TYPE"],
    ["Smelter ID", "Metal", "Standard Smelter Name", "Basis for revision", "Revision date"],
    ["Country", "Region"],
]))  # fmt: skip
def test_any_rows_under_a_real_header(tmp_path: Path, rows: list[list[str]], header: list[str]) -> None:
    import csv
    import io

    text = io.StringIO()
    csv.writer(text).writerows([header, *rows])
    path = tmp_path / "list.csv"
    path.write_text(text.getvalue(), encoding="utf-8")
    _expect_result_or_named_error(lambda: cmrt.CahraList.from_file(path))
    _expect_result_or_named_error(lambda: cmrt.SmelterReference.from_files(path))


def test_pathological_json_is_a_named_error(tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    big_int = tmp_path / "big.json"
    big_int.write_text('{"entries": [{"iso2": ' + "9" * 5000 + "}]}")
    numbers = tmp_path / "numbers.json"
    numbers.write_text('{"entries": [{"countryName": "Mexico", "regions": 5}]}')
    for path in (deep, big_int, numbers):
        try:
            cmrt.CahraList.from_file(path)
        except cmrt.ReferenceFormatError as exc:
            assert path.name in str(exc)
        else:
            raise AssertionError(f"{path.name} was accepted")


def test_pathological_csv_is_a_named_error(tmp_path: Path) -> None:
    long_field = tmp_path / "long.csv"
    long_field.write_text("SMELTER ID,STANDARD SMELTER NAME,METAL\nCID000001," + "x" * 200_000 + ",Gold\n")
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"\x81\x8d\x8f\x90\x9d" * 100)  # undecodable as UTF-8 and Windows-1252
    for path in (long_field, binary):
        for read in (cmrt.SmelterReference.from_files, cmrt.CahraList.from_file):
            try:
                read(path)
            except cmrt.ReferenceFormatError:
                pass
            else:
                raise AssertionError(f"{path.name} was accepted by {read.__qualname__}")


def test_folders_and_missing_paths_are_named_errors(tmp_path: Path) -> None:
    for read in (cmrt.SmelterReference.from_files, cmrt.CahraList.from_file):
        try:
            read(tmp_path)
        except cmrt.ReferenceFormatError as exc:
            assert "directory" in str(exc)
        try:
            read(tmp_path / "missing.csv")
        except cmrt.FileMissingError as exc:
            assert isinstance(exc, FileNotFoundError)


def test_utf16_tab_separated_export_is_read(tmp_path: Path) -> None:
    path = tmp_path / "unicode-text.txt"
    path.write_bytes("Country\tRegion\r\nBurundi\t\r\nMexico\tGuerrero\r\n".encode("utf-16"))
    cahra = cmrt.CahraList.from_file(path)
    assert "BI" in cahra and cahra.assess(cmrt.normalize_country("MX"), "Guerrero")
