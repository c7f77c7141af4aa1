"""Resolving many rows at once: the same matches as row by row; a reference normalising each name once.

No timings here: ``benchmarks/bench_resolve.py`` measures the speed.
"""

from __future__ import annotations

import random
import sys
from collections import Counter
from types import SimpleNamespace

import pytest
import rapidfuzz.process
from conftest import REAL, REFERENCE

import cmrt.identity.names as names
import cmrt.identity.resolve as resolving
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


# -- resolve_many gives what resolve gives, row by row -----------------------------------------------------


def _typo(name: str, rng: random.Random) -> str:
    i = rng.randrange(1, max(2, len(name) - 1))
    return name[:i] + rng.choice("aeiorstxz") + name[i + 1 :]


def _rows(reference: SmelterReference, count: int, seed: int = 5) -> list[dict[str, object]]:
    """Rows of every kind: names exact, typed, misspelt, unknown; aliases, former names; IDs right,
    conflicting, of another metal, unknown, legacy, typed as the name; placeholders, blanks; countries
    right, wrong, missing."""
    rng = random.Random(seed)
    facilities = sorted(reference.facilities.values(), key=lambda f: (f.metal, f.smelter_id))
    rows: list[dict[str, object]] = [
        {"metal": "Gold", "name": "C.I.D. 900001"},  # normalises as "CID 900001" does, but is no ID
        {"metal": "Gold", "name": "CID 900001"},
        {"metal": "Gold", "name": "Unknown"},
        {"metal": "Tin", "name": "Smelter not yet identified", "smelter_id": "CID900201"},
        {"metal": "Tin", "name": "", "country": "Peru"},
        {"metal": "Tin", "name": None, "smelter_id": "not supplied"},
        {"metal": None, "name": "Example Gold Refinery"},
        {"metal": "Unobtainium", "name": "Example Gold Refinery"},
        {"metal": "gold (Au)", "name": "example gold refinery", "country": "japan"},
    ]
    for _ in range(count):
        f = rng.choice(facilities)
        other = rng.choice(facilities)
        names_known = [f.name, *f.aliases, *f.former_names]
        name = rng.choice(names_known)
        name = rng.choice(
            [
                name,
                name.upper(),
                name.replace(",", "").replace(".", "") + rng.choice(["", " Co Ltd", " Limited", " Inc"]),
                _typo(name, rng),
                _typo(_typo(name, rng), rng),
                f"{_typo(name, rng)} {rng.randrange(100)}",
                other.name,
                " ".join(name.split()[:1]),
            ]
        )
        country = rng.choice(
            [f.country.name if f.country else None, f.country.code if f.country else "", "USA", "Korea", None]
        )
        smelter_id = rng.choice(
            [
                None,
                None,
                None,
                f.smelter_id,
                other.smelter_id,
                "CID999999",
                *f.legacy_ids,
                "cid-" + f.smelter_id[3:],
            ]
        )
        row: dict[str, object] = {"metal": rng.choice([f.metal, f.metal, f.metal.upper()]), "name": name}
        if country is not None:
            row["country"] = country
        if smelter_id is not None:
            row["smelter_id"] = smelter_id
        if rng.random() < 0.05:
            row = {"metal": row["metal"], "name": smelter_id or f.smelter_id}  # an ID typed as the name
        rows.append(row)
    return rows + [rng.choice(rows) for _ in range(count)]  # and every kind again


def _one_by_one(reference: SmelterReference, rows: list[dict[str, object]]) -> list:
    return [reference.resolve(**row) for row in rows]  # type: ignore[arg-type]


@pytest.mark.parametrize("numpy", [True, False], ids=["matrix", "without numpy"])
def test_resolve_many_is_resolve_row_by_row(example_reference, numpy, monkeypatch) -> None:
    if numpy:
        pytest.importorskip("numpy")
    else:
        monkeypatch.setitem(sys.modules, "numpy", None)  # import numpy fails
    monkeypatch.setattr(resolving, "_BATCH", 7)  # several matrices per metal
    rows = _rows(example_reference, 400)
    matches = example_reference.resolve_many(rows)
    assert matches == _one_by_one(example_reference, rows)
    methods = Counter(m.method.value for m in matches)
    assert {"id", "name", "alias", "former_name", "fuzzy", "none"} <= set(methods)
    reasons = {r for m in matches for r in m.reasons}
    assert {"id-conflict:name", "id-other-metal", "id-unknown", "placeholder", "fuzzy-low"} <= reasons
    assert matches[1].method.value == "id" and matches[0].method.value != "id"


def test_resolve_many_is_resolve_row_by_row_on_the_real_reference(real_reference) -> None:
    pytest.importorskip("numpy")
    rows = _rows(real_reference, 1500, seed=11)
    matches = real_reference.resolve_many(rows)
    assert matches == _one_by_one(real_reference, rows)
    fuzzy = [m for m in matches if m.method.value == "fuzzy"]
    assert len(fuzzy) > 200 and any(m.is_automatic for m in fuzzy) and any(m.needs_review for m in fuzzy)
    assert sum(len(m.candidates) >= 2 for m in fuzzy) > 50  # rivals ranked alike, ties and all


def test_rows_of_every_shape_share_one_match_per_key(example_reference) -> None:
    exact = {"metal": "Gold", "name": "Fictional Bullion AG", "country": "DE"}
    typo = {"metal": "Tin", "name": "Exampel Tin Smelter", "country": "Malaysia"}
    rows = [
        exact,
        {"Metal": "Gold", "Smelter Name": "Fictional Bullion AG", "Smelter Country": "DE"},
        SimpleNamespace(metal="Gold", name="FICTIONAL BULLION A.G.", country="Germany", smelter_id=None),
        typo,
        dict(typo),
        SimpleNamespace(**typo, smelter_id=None),
    ]
    matches = example_reference.resolve_many(iter(rows))
    assert matches[0] is matches[1] is matches[2] and matches[3] is matches[4] is matches[5]
    assert matches[0] == example_reference.resolve(**exact)
    assert matches[3] == example_reference.resolve(**typo) and matches[3].method.value == "fuzzy"


def test_fuzzy_names_are_scored_together_per_metal(example_reference, monkeypatch) -> None:
    pytest.importorskip("numpy")
    calls: Counter[str] = Counter()
    for name in ("cdist", "extract"):
        original = getattr(rapidfuzz.process, name)

        def counted(*args, _name=name, _original=original, **kwargs):
            calls[_name] += 1
            return _original(*args, **kwargs)

        monkeypatch.setattr(rapidfuzz.process, name, counted)
    rows = [{"metal": "Gold", "name": f"Exampel Gold Refinery {i}"} for i in range(50)]
    rows += [{"metal": "Tin", "name": f"Sample Tin Refinary {i}"} for i in range(50)]
    assert all(m.facility is not None for m in example_reference.resolve_many(rows))
    assert calls == {"cdist": 4}  # two scorers, two metals; never a name at a time
