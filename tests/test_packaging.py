"""The package as a user gets it: one version (pyproject.toml's), the LICENSE in both archives, and a wheel
that installs into a fresh virtual environment and works there, example workbooks included.

The build and the install need the package index (setuptools for the isolated build, the dependencies for
the install); without it those tests are skipped and say so. Together they take about 15 s with a warm pip
cache: the sdist and wheel are built once for the module, from a copy of the source tree so nothing is
written into the repository.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import venv
import zipfile
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as installed_version
from pathlib import Path

import pytest

import cmrt

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    tomllib = None  # type: ignore[assignment]

ROOT = Path(__file__).resolve().parent.parent
# Never copied into the build tree: environments, caches and earlier build output.
NOT_SOURCE = shutil.ignore_patterns(
    ".git", ".venv*", "*.egg-info", "build", "dist", "__pycache__", ".*_cache", ".hypothesis"
)


def pyproject_version() -> str:
    if tomllib is None:
        pytest.skip("tomllib is Python 3.11+")
    with (ROOT / "pyproject.toml").open("rb") as f:
        return tomllib.load(f)["project"]["version"]


def clean_env() -> dict[str, str]:
    """This process's environment without what would let a child see the source tree or this venv."""
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"}}
    env["PYTHONNOUSERSITE"] = "1"
    # pip, and the one ``build`` runs for its isolated environment: give up soon if the index is unreachable
    env["PIP_DEFAULT_TIMEOUT"] = "15"
    env["PIP_RETRIES"] = "1"
    return env


def run(args: list[str | Path], cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    argv = [str(a) for a in args]
    try:
        return subprocess.run(
            argv, cwd=cwd, env=clean_env(), capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        return subprocess.CompletedProcess(argv, -1, "", f"{argv[:4]} timed out after {timeout:g} s")


# What pip prints when it cannot reach an index (refused, no DNS, no route, proxy or TLS trouble, timeouts).
UNREACHABLE = (
    "NewConnectionError",
    "Failed to establish a new connection",
    "Temporary failure in name resolution",
    "Name or service not known",
    "Network is unreachable",
    "ConnectTimeoutError",
    "ReadTimeoutError",
    "ProxyError",
    "SSLError",
    "timed out",
)


def skip_if_index_unreachable(failed: subprocess.CompletedProcess[str], what: str) -> None:
    """After a failed build or install: skip when pip could not reach the package index, else fail loudly."""
    output = failed.stdout + failed.stderr
    if any(sign in output for sign in UNREACHABLE):
        pytest.skip(f"{what} needs the package index, which is unreachable here")
    pytest.fail(f"{what} failed:\n{failed.stdout[-3000:]}\n{failed.stderr[-3000:]}")


def test_one_version_pyproject_is_the_source() -> None:
    assert cmrt.__version__ == pyproject_version()
    # Not a second literal: it is what the installed metadata says (stale if pyproject changed since install).
    assert cmrt.__version__ == installed_version("cmrt")
    assert not {"_version", "_NotInstalled"} & set(vars(cmrt))


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sdist and the wheel (built from that sdist, as ``python -m build`` does), in a temporary folder."""
    try:
        installed_version("build")
    except PackageNotFoundError:
        pytest.skip("the 'build' package is not installed (pip install -e '.[test]')")
    tmp = tmp_path_factory.mktemp("dist")
    source = tmp / "source"
    shutil.copytree(ROOT, source, ignore=NOT_SOURCE)
    out = tmp / "out"
    done = run([sys.executable, "-m", "build", "--outdir", out, source], cwd=tmp)
    if done.returncode != 0:
        skip_if_index_unreachable(done, "building the sdist and wheel")
    return out


def only(folder: Path, pattern: str) -> Path:
    found = sorted(folder.glob(pattern))
    assert len(found) == 1, f"expected one {pattern} in {folder}, found {found}"
    return found[0]


def test_license_and_package_data_in_the_wheel(dist: Path) -> None:
    version = pyproject_version()
    wheel = only(dist, f"cmrt-{version}-py3-none-any.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    licenses = {f"cmrt-{version}.dist-info/licenses/LICENSE", f"cmrt-{version}.dist-info/LICENSE"}
    assert licenses & names, sorted(n for n in names if ".dist-info/" in n)
    assert {"cmrt/py.typed", "cmrt/examples/example_cmrt_6.5.xlsx"} <= names


def test_license_in_the_sdist(dist: Path) -> None:
    version = pyproject_version()
    sdist = only(dist, f"cmrt-{version}.tar.gz")
    with tarfile.open(sdist) as tar:
        names = set(tar.getnames())
    assert f"cmrt-{version}/LICENSE" in names
    assert f"cmrt-{version}/cmrt/examples/example_cmrt_6.5.xlsx" in names


def test_the_wheel_installs_and_runs_in_a_fresh_venv(dist: Path, tmp_path: Path) -> None:
    version = pyproject_version()
    wheel = only(dist, f"cmrt-{version}-py3-none-any.whl")
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True, system_site_packages=False, clear=True).create(env_dir)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / "python"
    done = run([python, "-m", "pip", "install", "--quiet", wheel], cwd=tmp_path)
    if done.returncode != 0:
        skip_if_index_unreachable(done, "installing the wheel's dependencies")

    # The cmrt imported there is the installed one, not this source tree.
    where = run([python, "-c", "import cmrt; print(cmrt.__file__)"], cwd=tmp_path)
    assert where.returncode == 0, where.stderr
    assert Path(where.stdout.strip()).is_relative_to(env_dir), where.stdout

    shown = run([bin_dir / "cmrt", "--version"], cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.strip() == f"cmrt {version}"

    # The bundled example survey (package data) is there and reads.
    example = run([bin_dir / "cmrt", "classify", "--example"], cwd=tmp_path)
    assert example.returncode == 0, example.stderr
    assert example.stdout.startswith("5 supplier responses"), example.stdout[:500]
