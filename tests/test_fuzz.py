"""A fast slice of the fuzz campaign (tools/fuzz.py runs the whole one): seeded mutants of cmrt's own
workbooks, and of the real templates where ../shared is present, each read in a worker under limits."""

from __future__ import annotations

from pathlib import Path

import pytest

from cmrt.testing.fuzz import builder_corpus, campaign
from cmrt.testing.mutate import OPERATIONS, mutate, operations_for

SHARED = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "real"


def test_mutants_of_builder_workbooks(tmp_path: Path) -> None:
    result = campaign(builder_corpus(tmp_path), 240, seed=20261128, jobs=2, max_seconds=10)
    assert not result.bad(), result.report()
    counts = result.counts()
    assert counts["read"] > 20 and counts["error"] > 60  # mutants of every kind, not only broken zips


@pytest.mark.skipif(not SHARED.exists(), reason="../shared/fixtures (real templates) is not present")
def test_mutants_of_real_templates() -> None:
    corpus = sorted(p for p in SHARED.rglob("*") if p.suffix.lower() in (".xlsx", ".xls"))
    result = campaign(corpus, 120, seed=11282026, jobs=2, max_seconds=10)
    assert not result.bad(), result.report()


def test_mutation_is_reproducible_and_fits_the_file(tmp_path: Path) -> None:
    xlsx, _, xls, _ = builder_corpus(tmp_path)
    data = xlsx.read_bytes()
    assert mutate(data, "xml.cell_ref", 7) == mutate(data, "xml.cell_ref", 7)
    assert mutate(data, "xml.cell_ref", 7) != data
    levels = {op.split(".")[0] for op in operations_for(data)}
    assert levels == {"bytes", "zip", "xml"}
    assert {op.split(".")[0] for op in operations_for(xls.read_bytes())} == {"bytes", "biff", "ole"}
    for original in (data, xls.read_bytes()):
        fitting = operations_for(original)
        changed = [op for op in fitting if any(mutate(original, op, seed) != original for seed in range(3))]
        assert changed == fitting  # every operation that fits a file does damage it
    assert set(OPERATIONS) >= {"zip.local_crc", "xml.cell_ref", "biff.dimensions", "ole.fat", "bytes.flip"}
