"""The package's shape: data flows one way (no import cycles, lazy imports included), no module grows
past 600 lines, and the public namespace is what ``__all__`` says."""

from __future__ import annotations

import ast
from pathlib import Path

import cmrt

PACKAGE = Path(cmrt.__file__).parent


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, set[str]]:
    """Every cmrt module and the cmrt modules it imports anywhere (functions included)."""
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("cmrt"):
                targets = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names if a.name.startswith("cmrt")]
            else:
                continue
            graph[name] |= {t for t in targets if t in modules and t != name}
    return graph


def test_no_import_cycles() -> None:
    graph = _imports()
    packages = {name for name in graph if (PACKAGE.parent / name.replace(".", "/") / "__init__.py").exists()}
    done: set[str] = set()

    def visit(node: str, path: list[str]) -> None:
        if node in path:
            cycle = path[path.index(node) :] + [node]
            raise AssertionError("import cycle: " + " -> ".join(cycle))
        if node in done:
            return
        for target in graph[node]:
            if target in packages and node.startswith(target + "."):
                continue  # a module importing its own package's __init__ re-exports is not a flow upward
            visit(target, path + [node])
        done.add(node)

    for name in sorted(graph):
        if name not in packages:
            visit(name, [])


def test_no_module_over_600_lines() -> None:
    long = {
        p.name: n
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 600
    }
    assert not long, long


def test_the_public_namespace_is_all() -> None:
    assert set(cmrt.__all__) <= set(dir(cmrt))
    assert all(
        getattr(cmrt, name).__module__.startswith("cmrt")
        for name in cmrt.__all__
        if callable(getattr(cmrt, name))
    )
