"""The crafted hostile set: every file ends in a report or its named CmrtError, in bounded time and
memory, and a survey or a check of good files mixed with them loses no good file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from isolation_support import read_outcome

import cmrt
from cmrt.cli import main
from cmrt.isolation import GiB, Limits, map_isolated
from cmrt.testing import EXAMPLE_LOOKUP, SmelterRow, build_cmrt
from cmrt.testing.hostile import EXPECTED, write_hostile

PER_FILE = Limits(memory=2 * GiB, seconds=20)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return write_hostile(tmp_path_factory.mktemp("hostile"))


def test_every_hostile_file_ends_as_expected_within_limits(hostile: dict[str, Path]) -> None:
    names = sorted(hostile)
    outcomes = {names[o.index]: o for o in map_isolated(read_outcome, [str(hostile[n]) for n in names],
                                                         jobs=2, limits=PER_FILE)}  # fmt: skip
    wrong = []
    for name in names:
        outcome = outcomes[name]
        assert outcome.error is None, f"{name}: the reading process did not survive: {outcome.error}"
        ended, kinds, codes, seconds = outcome.value
        expected = EXPECTED[name]
        if (expected == "read") != (ended == "read") or (ended == "error" and expected not in kinds):
            wrong.append(f"{name}: expected {expected}, got {ended} {kinds[:1]}")
        assert seconds < 10, f"{name} took {seconds:.1f} s"
        assert outcome.peak_rss is None or outcome.peak_rss < GiB, (
            f"{name}: {outcome.peak_rss / 2**20:.0f} MiB"
        )
    assert not wrong, "\n".join(wrong)


def test_cells_no_template_has_are_left_out_and_said(hostile: dict[str, Path]) -> None:
    [(ended, _, codes, _)] = [o.value for o in map_isolated(
        read_outcome, [str(hostile["cell-at-XFD1048576-smelter-list.xlsx"])], limits=PER_FILE
    )]  # fmt: skip
    assert ended == "read" and "cells-ignored" in codes


def _good_suppliers(folder: Path) -> list[Path]:
    paths = []
    for index, lookup in enumerate(EXAMPLE_LOOKUP[:6:2]):
        path = folder / f"good-{index}.xlsx"
        path.write_bytes(build_cmrt(
            declaration={"company_name": f"Good Supplier {index}"},
            smelters=[SmelterRow(lookup.metal, smelter_id=lookup.smelter_id)],
        ))  # fmt: skip
        paths.append(path)
    return paths


BAD = ("cell-at-XFD1048576-declaration.xlsx", "shared-strings-4294967295.xlsx", "xls-dimensions-absurd.xls",
       "negative-seek.xlsx", "lzma-parts.xlsx", "truncated.xlsx", "angle-in-attribute.xlsx",
       "prefixed-far-cell.xlsx", "xls-sheet-offset-past-end.xls", "zip-bomb.xlsx")  # fmt: skip
"""Files that killed the process, or raised raw exceptions, before cmrt 0.2."""


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_survey_of_good_files_mixed_with_bad_ones_loses_no_good_file(
    hostile: dict[str, Path], tmp_path: Path, jobs: int
) -> None:
    good = _good_suppliers(tmp_path)
    for name in BAD:
        shutil.copy(hostile[name], tmp_path / name)
    reference = cmrt.SmelterReference.from_files(*(cmrt.example_survey_path() / "reference").iterdir())
    result = cmrt.survey(tmp_path, reference, jobs=jobs)
    assert sorted(r.company for r in result.responses if r.company and r.company.startswith("Good")) == [
        f"Good Supplier {i}" for i in range(len(good))
    ]
    assert {f.smelter_id for f in result.classification.facilities} >= {
        row.smelter_id for row in EXAMPLE_LOOKUP[:6:2]
    }
    failed = {Path(f.source).name: f.kind for f in result.failures}
    read_bad = {Path(r.source or "").name for r in result.responses} & set(BAD)
    assert set(failed) | read_bad == set(BAD)  # every bad file is accounted for: read, or listed with why
    assert all(issubclass(getattr(cmrt, kind), cmrt.CmrtError) for kind in failed.values())


def test_cmrt_check_goes_through_a_folder_of_hostile_files(
    hostile: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = _good_suppliers(tmp_path)
    for name in BAD:
        shutil.copy(hostile[name], tmp_path / name)
    code = main(["check", str(tmp_path), "--format", "json"])
    results = json.loads(capsys.readouterr().out)  # valid JSON: nothing an engine printed got in
    assert code == 2  # some file could not be read
    by_file = {Path(r["file"]).name: r for r in results}
    assert set(by_file) == {p.name for p in good} | set(BAD)
    assert all("problems" in by_file[p.name] for p in good)
