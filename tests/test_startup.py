"""Start-up: ``import cmrt`` and ``cmrt read FILE`` load only what they use (issue 12).

Each check runs in a fresh interpreter: in the test process everything is imported already."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import cmrt
from cmrt.testing import SmelterRow, write_cmrt

NOT_FOR_READING = {
    "rapidfuzz",
    "multiprocessing",
    "cmrt.identity.resolve",
    "cmrt.identity.reference",
    "cmrt.classification",
    "cmrt.survey",
    "cmrt.deliverables",
    "cmrt.cahra",
    "openpyxl",
    "xlrd",
    "msoffcrypto",
    "matplotlib",
    "importlib.metadata",
}


def _fresh(code: str, *args: str) -> list[str]:
    """What ``code`` prints, one line a item, run by a fresh interpreter."""
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=False, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def _modules_after(code: str, *args: str) -> set[str]:
    """The modules loaded once ``code`` has run (its own output goes nowhere)."""
    lines = _fresh(
        "import contextlib, io, sys\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):\n"
        f"    exec({code!r})\n"
        "print('\\n'.join(sys.modules))",
        *args,
    )
    return set(lines)


def test_import_cmrt_loads_none_of_the_library() -> None:
    loaded = _modules_after("import cmrt")
    assert NOT_FOR_READING & loaded == set()
    assert {"cmrt.reading", "cmrt.records", "cmrt.batch", "attrs", "typing"} & loaded == set()
    assert {m for m in loaded if m.startswith("cmrt")} == {"cmrt"}


def test_cmrt_read_of_a_file_loads_no_classifier_no_workers_and_no_records(tmp_path: Path) -> None:
    path = write_cmrt(
        tmp_path / "supplier.xlsx",
        declaration={"company_name": "Start-up Test Ltd."},
        smelters=[
            SmelterRow(smelter_id_input="CID000001"),
            SmelterRow(metal="Tin", lookup="Smelter not listed"),
        ],
    )
    for how in (["--format", "text"], ["--format", "json"]):
        code = "from cmrt.cli import main\nassert main(['read', sys.argv[1], *sys.argv[2:]]) in (0, 1)"
        loaded = _modules_after(code, str(path), *how)
        assert NOT_FOR_READING & loaded == set(), how
        # the forked child read the file and sent back what is printed: the command itself loads
        # neither the records nor attrs (nor does it wait for them before forking)
        assert {"cmrt.records", "cmrt.rendering", "attrs"} & loaded == set(), how
        assert ("json" in loaded) == (how[1] == "json"), how  # JSON is imported to print JSON only


def test_help_and_version_load_no_reader() -> None:
    for args in (["--help"], ["read", "--help"], ["--version"]):
        loaded = _modules_after(f"from cmrt.cli import main\nassert main({args!r}) == 0")
        assert {"cmrt.reading", "cmrt.batch", "attrs", "python_calamine"} & loaded == set(), args
        assert ("importlib.metadata" in loaded) == (args == ["--version"]), args
    assert _fresh("from cmrt.cli import main; main(['--version'])") == [f"cmrt {cmrt.__version__}"]


def test_every_public_name_resolves_in_a_fresh_process() -> None:
    code = (
        "import cmrt\n"
        "for name in cmrt.__all__:\n"
        "    value = getattr(cmrt, name)\n"
        "    print(name, getattr(value, '__module__', type(value).__module__))\n"
        "print('__version__', cmrt.__version__)"
    )
    shown = dict(line.split(" ", 1) for line in _fresh(code))
    assert set(shown) == {*cmrt.__all__, "__version__"}
    assert all(module.startswith("cmrt") for name, module in shown.items() if callable(getattr(cmrt, name)))
    assert shown["__version__"] == cmrt.__version__
    assert _fresh("from cmrt import *; print(read.__module__, survey.__module__)") == [
        "cmrt.reading cmrt.survey"
    ]


def test_functions_named_like_their_modules_stay_functions() -> None:
    """Importing the module ``cmrt.check`` (or ``cmrt.survey``) before the name is used leaves
    ``cmrt.check`` the function, as it was when ``cmrt/__init__.py`` imported everything."""
    code = (
        "import cmrt, cmrt.check, cmrt.survey, cmrt.reading\n"
        "print(callable(cmrt.check), callable(cmrt.survey), cmrt.check.__module__, cmrt.survey.__module__)"
    )
    assert _fresh(code) == ["True True cmrt.check cmrt.survey"]
    with pytest.raises(AttributeError, match="has no attribute 'no_such_name'"):
        cmrt.no_such_name  # noqa: B018


def test_type_checkers_see_every_public_name() -> None:
    """The names under ``if TYPE_CHECKING:`` in ``cmrt/__init__.py`` are ``__all__`` (bar the two functions
    defined there), so IDEs and type checkers know what the lazy ``__getattr__`` gives."""
    tree = ast.parse(Path(cmrt.__file__).read_text(encoding="utf-8"))
    block = next(
        n for n in tree.body if isinstance(n, ast.If) and getattr(n.test, "id", "") == "TYPE_CHECKING"
    )
    seen = {a.asname or a.name for n in block.body if isinstance(n, ast.ImportFrom) for a in n.names}
    assert seen == set(cmrt.__all__) - {"example_path", "example_survey_path"}


XLS_ONLY = {"hashlib", "_hashlib", "cmrt.workbook.ole", "cmrt.workbook.xls", "cmrt.workbook.xls_crypto"}
"""What only an OLE2 file (.xls, or an encrypted workbook) needs: the container, BIFF checks, RC4."""


def test_an_xlsx_is_read_without_the_xls_modules(tmp_path: Path) -> None:
    xlsx = write_cmrt(tmp_path / "supplier.xlsx", smelters=[SmelterRow(smelter_id_input="CID000001")])
    xls = write_cmrt(
        tmp_path / "supplier.xls", fmt="xls", smelters=[SmelterRow(smelter_id_input="CID000001")]
    )
    code = "import cmrt\nassert len(cmrt.read(sys.argv[1]).smelters) == 1"
    assert XLS_ONLY & _modules_after(code, str(xlsx)) == set()
    assert XLS_ONLY - {"_hashlib"} <= _modules_after(code, str(xls))  # what the .xls needs, it gets
    loaded = _modules_after(
        "from cmrt.cli import main\nassert main(['read', sys.argv[1]]) in (0, 1)", str(xlsx)
    )
    assert XLS_ONLY & loaded == set()


def test_the_command_leaves_nothing_for_the_exiting_interpreter_to_collect() -> None:
    """``cmrt`` as installed and ``python -m cmrt`` run :func:`cmrt.cli.run`: main(), then the heap frozen
    for the garbage collector (the process ends next). A library caller of main() keeps its heap as is."""

    def frozen_after(entry: str) -> bool:
        code = f"import gc, sys\nfrom cmrt.cli import {entry}\nsys.argv = ['cmrt', '--version']\n{entry}()\n"
        return _fresh(code + "print(gc.get_freeze_count() > 0)")[-1] == "True"

    assert frozen_after("run") and not frozen_after("main")
    pyproject = (Path(__file__).resolve().parents[1] / "pyproject.toml").read_text(encoding="utf-8")
    assert 'cmrt = "cmrt.cli:run"' in pyproject
    assert "run()" in (Path(cmrt.__file__).parent / "__main__.py").read_text(encoding="utf-8")
