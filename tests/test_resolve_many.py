"""Resolving many rows at once: a reference normalising each name once.

No timings here: ``benchmarks/bench_resolve.py`` measures the speed.
"""

from __future__ import annotations

from collections import Counter

import pytest
from conftest import REAL, REFERENCE

import cmrt.identity.names as names
from cmrt import SmelterReference
from cmrt.testing import LookupRow, build_cmrt
from cmrt.testing.examples_data import EXAMPLE_LOOKUP

# -- references --------------------------------------------------------------------------------------------


def _example_files(tmp_path) -> list:
    """This year's template, last year's with two facilities named otherwise, and a facility list: most
    names come three times, from three files."""
    renamed = {"CID900002": "Fictional Bullion Aktiengesellschaft", "CID900203": "Mock Tin Metals"}
    older = [
        LookupRow(r.metal, r.alias, renamed.get(r.smelter_id, r.standard_name), r.country, r.smelter_id)
        for r in EXAMPLE_LOOKUP
    ]
    files = [tmp_path / "template_6.5.xlsx", tmp_path / "template_6.31.xlsx", tmp_path / "conformant.csv"]
    files[0].write_bytes(build_cmrt(version="6.5"))
    files[1].write_bytes(build_cmrt(version="6.31", lookup=older))
    lines = ["SMELTER ID,STANDARD SMELTER NAME,METAL,COUNTRY LOCATION,Type,LAST AUDIT DATE"]
    lines += [
        f'{r.smelter_id},"{r.standard_name}",{r.metal},"{r.country}",Conformant,2023-01-05'
        for r in EXAMPLE_LOOKUP
    ]
    files[2].write_text("\n".join(lines) + "\n", encoding="utf-8")
    return files


@pytest.fixture(scope="module")
def example_reference(tmp_path_factory) -> SmelterReference:
    return SmelterReference.from_files(*_example_files(tmp_path_factory.mktemp("ref")))


_REAL_FILES = (
    REFERENCE / "RMI_CMRT_6.5_template.xlsx",
    REAL / "RMI_CMRT_6.01.xlsx",
    REFERENCE / "rmi_conformant_2023.csv",
    REFERENCE / "rmi_active_2023.csv",
    REFERENCE / "rmi_srl_revision_history_2023.csv",
    REFERENCE / "cfsi_cmrt_v2_to_v3_smelter_ids_2014_ddm.csv",
)


@pytest.fixture(scope="module")
def real_reference() -> SmelterReference:
    if not all(path.is_file() for path in _REAL_FILES):
        pytest.skip(f"reference lists not found at {REFERENCE}")
    return SmelterReference.from_files(*_REAL_FILES)


# -- the reference build normalises each name once ---------------------------------------------------------


def _normalised_during(build, monkeypatch) -> Counter[object]:
    calls: Counter[object] = Counter()
    tokens = names.name_tokens

    def counted(text: object) -> list[str]:
        calls[text] += 1
        return tokens(text)

    names._name_key.cache_clear()  # what earlier tests left there would hide the build's own work
    monkeypatch.setattr(names, "name_tokens", counted)
    build()
    monkeypatch.undo()
    return calls


def test_a_reference_build_normalises_each_name_once(tmp_path, monkeypatch) -> None:
    files = _example_files(tmp_path)
    reference: list[SmelterReference] = []
    calls = _normalised_during(lambda: reference.append(SmelterReference.from_files(*files)), monkeypatch)
    (ref,) = reference
    assert ref.get("CID900002", "Gold").former_names == ("Fictional Bullion Aktiengesellschaft",)
    assert "Example Gold Refinery Ltd." in calls and "EGR Refining" in calls
    assert [text for text, n in calls.items() if n > 1] == []


def test_the_real_reference_build_normalises_each_name_once(monkeypatch) -> None:
    if not all(path.is_file() for path in _REAL_FILES):
        pytest.skip(f"reference lists not found at {REFERENCE}")
    calls = _normalised_during(lambda: SmelterReference.from_files(*_REAL_FILES), monkeypatch)
    assert len(calls) > 500
    assert [text for text, n in calls.items() if n > 1] == []


def test_normalising_non_text_is_not_cached() -> None:
    assert names.normalize_name(None) == "" and names.normalize_name(1234) == "1234"
    assert names.normalize_name(["unhashable"]) == "unhashable"
