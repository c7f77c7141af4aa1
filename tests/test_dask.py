"""The survey on a Dask cluster (a LocalCluster of two worker processes) gives what ``cmrt.survey()``
gives on the same files, facility for facility; files as local paths or fsspec URLs; bad files cost
only themselves."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from acceptance_minerals import build_minerals_survey
from acceptance_minerals import reference_files as minerals_reference_files
from acceptance_survey import build_survey, reference_files
from conftest import REAL, REFERENCE, needs_shared

import cmrt
from cmrt import SmelterReference

distributed = pytest.importorskip(
    "distributed", reason="the Dask extra is not installed: pip install 'cmrt[dask]'"
)
import cmrt.dask  # noqa: E402 - only with the extra

EXAMPLE = cmrt.example_survey_path()


@pytest.fixture(scope="module")
def client() -> Iterator[distributed.Client]:
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0", silence_logs=50
    )
    with cluster, distributed.Client(cluster) as client:
        yield client


@pytest.fixture(scope="module")
def example_reference() -> SmelterReference:
    return SmelterReference.from_files(*sorted((EXAMPLE / "reference").iterdir()))


@pytest.fixture(scope="module")
def suppliers(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The example survey's files, a file that is no workbook and one that is a truncated workbook."""
    folder = tmp_path_factory.mktemp("suppliers")
    for path in sorted((EXAMPLE / "suppliers").iterdir()):
        shutil.copy(path, folder / path.name)
    (folder / "broken.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    first = sorted(folder.glob("*.xlsx"))[0].read_bytes()
    (folder / "truncated.xlsx").write_bytes(first[: len(first) // 2])
    return sorted(folder.iterdir())


def _same(ours: cmrt.Survey, theirs: cmrt.Survey) -> None:
    assert ours.classification.facilities == theirs.classification.facilities
    assert ours.classification.suppliers == theirs.classification.suppliers
    assert ours.responses == theirs.responses
    assert ours.failures == theirs.failures
    assert ours.headline == theirs.headline


def test_a_survey_on_the_cluster_equals_the_local_one(
    client: distributed.Client, suppliers: list[Path], example_reference: SmelterReference
) -> None:
    seen: list[str] = []
    ours = cmrt.dask.survey(
        suppliers, example_reference, client=client, as_of="2025-06-30", files_per_task=2,
        progress=lambda done, total, name: seen.append(f"{done}/{total}"),
    )  # fmt: skip
    local = cmrt.survey(suppliers, example_reference, as_of="2025-06-30", jobs=2)
    _same(ours, local)
    assert [(Path(f.source).name, f.kind) for f in ours.failures] == [
        ("broken.xlsx", "CorruptFileError"),
        ("truncated.xlsx", "CorruptFileError"),
    ]
    assert len(ours.responses) == len(suppliers) - 2
    assert seen[-1] == f"{len(suppliers)}/{len(suppliers)}" and len(seen) == len(suppliers)
    assert all(r.report is None for r in ours.responses)


def test_fsspec_urls_are_read_on_the_workers(
    client: distributed.Client, suppliers: list[Path], example_reference: SmelterReference
) -> None:
    urls = [p.resolve().as_uri() for p in suppliers] + [
        (suppliers[0].parent / "gone.xlsx").resolve().as_uri()
    ]
    ours = cmrt.dask.survey(urls, example_reference, client=client, keep_reports=True)
    local = cmrt.survey(suppliers, example_reference)
    assert [r.source for r in ours.responses] == [u for u in urls if "broken" not in u and "trunc" not in u][
        :-1
    ]
    assert [(f.metal, f.smelter_id, f.status, len(f.reported)) for f in ours.classification.facilities] == [
        (f.metal, f.smelter_id, f.status, len(f.reported)) for f in local.classification.facilities
    ]
    assert ours.failures[-1].source == urls[-1] and ours.failures[-1].kind == "FileMissingError"
    assert all(r.report is not None for r in ours.responses)


def test_arguments_are_checked_before_anything_is_sent(
    client: distributed.Client, example_reference: SmelterReference, tmp_path: Path
) -> None:
    with pytest.raises(cmrt.FileMissingError):
        cmrt.dask.survey(tmp_path / "no such folder", example_reference, client=client)
    with pytest.raises(ValueError, match="files_per_task"):
        cmrt.dask.survey(EXAMPLE / "suppliers", example_reference, client=client, files_per_task=0)
    with pytest.raises(TypeError, match="reads files"):
        cmrt.dask.survey(
            [cmrt.read(next((EXAMPLE / "suppliers").iterdir()))], example_reference, client=client
        )


@needs_shared
def test_the_acceptance_surveys_on_the_cluster_equal_the_local_ones(
    client: distributed.Client, tmp_path: Path
) -> None:
    (tmp_path / "cmrt").mkdir(), (tmp_path / "minerals").mkdir()
    cmrts = build_survey(REFERENCE, tmp_path / "cmrt").paths
    minerals = build_minerals_survey(REFERENCE, tmp_path / "minerals").paths
    files = [*cmrts, *minerals]
    reference = SmelterReference.from_files(
        *dict.fromkeys([*reference_files(REFERENCE), *minerals_reference_files(REFERENCE, REAL)])
    )
    ours = cmrt.dask.survey(files, reference, client=client, as_of="2024-01-01", files_per_task=3)
    local = cmrt.survey(files, reference, as_of="2024-01-01", jobs=2)
    _same(ours, local)
    assert len(ours.classification.facilities) > 400 and not ours.failures


def test_a_task_that_fails_costs_only_the_file_at_fault(
    monkeypatch: pytest.MonkeyPatch, suppliers: list[Path], example_reference: SmelterReference
) -> None:
    """A task that dies (on a cluster: a worker killed by a native crash) is retried file by file."""
    real = cmrt.dask._read
    bad = str(suppliers[1])

    def dies_on_one(name: str, *args: object) -> object:
        if name == bad:
            raise RuntimeError("the worker died")
        return real(name, *args)

    monkeypatch.setattr(cmrt.dask, "_read", dies_on_one)
    cluster = distributed.LocalCluster(n_workers=1, processes=False, dashboard_address=":0", silence_logs=50)
    with cluster, distributed.Client(cluster, set_as_default=False) as threads:
        ours = cmrt.dask.survey(suppliers, example_reference, client=threads, files_per_task=4)
    local = cmrt.survey([p for p in suppliers if str(p) != bad], example_reference, isolate=False)
    assert ours.responses == local.responses
    lost = [f for f in ours.failures if f.source == bad]
    assert len(lost) == 1 and lost[0].kind == "ReaderCrashError" and "the worker died" in lost[0].error
    assert len(ours.failures) == len(local.failures) + 1
