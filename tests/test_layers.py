"""The import graph of the product code: no cycles, no upward imports, no oversized modules.

Layers, bottom to top (docs/architecture.md): the shared contracts `crawler.model` (0), `db`
(1), `pipelines` (2), `spiders` (3), the rest of `crawler` (4: CLI, scheduler, Scrapy settings,
middlewares, extensions, the demo web, commands). A module imports only modules of its own layer
or below. `crawler.model` lives under `crawler/` because the top-level folders are fixed, yet it
is the bottom layer: importing it from db/, pipelines/ and spiders/ is the intended direction.
Imports inside functions count too: deferring an import hides a dependency, it does not remove
it.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("crawler", "spiders", "pipelines", "db")
MAX_LINES = 650

# Upward imports allowed, (importer, imported) -> why. Empty: none is needed.
UPWARD_EXCEPTIONS: dict[tuple[str, str], str] = {}
# Modules allowed past MAX_LINES, module -> why (data only). Empty: none is needed.
LONG_MODULES: dict[str, str] = {}


def _modules() -> dict[str, tuple[Path, bool]]:
    """Every module of the product packages: dotted name -> (file, is a package __init__)."""
    found: dict[str, tuple[Path, bool]] = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            is_package = parts[-1] == "__init__"
            if is_package:
                parts = parts[:-1]
            found[".".join(parts)] = (path, is_package)
    return found


MODULES = _modules()


def _resolve(name: str) -> str | None:
    """The project module a dotted import name lands in (its longest known prefix)."""
    while name:
        if name in MODULES:
            return name
        name = name.rpartition(".")[0]
    return None


def _imported_names(module: str, path: Path, is_package: bool) -> Iterator[str]:
    """Every dotted name `module` imports, at module level or inside functions, with relative
    imports resolved against its package."""
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = parts[: len(parts) - (node.level - 1)]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            for alias in node.names:
                # `from pkg import module` imports the module; `from module import name` the module.
                yield f"{source}.{alias.name}" if _resolve(f"{source}.{alias.name}") else source


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for module, (path, is_package) in MODULES.items():
        targets = {_resolve(name) for name in _imported_names(module, path, is_package)}
        graph[module] = {t for t in targets if t is not None and t != module}
    return graph


GRAPH = _graph()


def layer(module: str) -> int:
    if module == "crawler.model" or module.startswith("crawler.model."):
        return 0
    top = module.split(".")[0]
    return {"db": 1, "pipelines": 2, "spiders": 3}.get(top, 4)


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle (a path back to its start) per strongly connected group of modules."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(group)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return [_cycle_in(graph, group) for group in groups]


def _cycle_in(graph: dict[str, set[str]], group: set[str]) -> list[str]:
    """A shortest import path from the group's first module back to itself."""
    start = min(group)
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for target in sorted(graph[node] & group):
            if target == start:
                return [*paths[node], start]
            if target not in paths:
                paths[target] = [*paths[node], target]
                queue.append(target)
    raise AssertionError(f"no cycle through {start}")  # a strongly connected group has one


def test_the_graph_sees_module_and_function_level_imports() -> None:
    # A module-level import, a function-level one and a relative one the graph must see.
    assert "crawler.model.items" in GRAPH["pipelines.store_pipeline"]
    assert "crawler.monitors" in GRAPH["crawler.extensions"]  # imported inside a function
    assert "crawler.commands" in MODULES and "crawler.model" in MODULES
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]


def test_no_import_cycles() -> None:
    cycles = [" -> ".join(cycle) for cycle in _cycles(GRAPH)]
    assert not cycles, "import cycles:\n" + "\n".join(cycles)


def test_the_contracts_import_nothing_of_the_project() -> None:
    wrong = [
        f"{module} imports {target}"
        for module, targets in sorted(GRAPH.items())
        if layer(module) == 0
        for target in sorted(targets)
        if layer(target) != 0
    ]
    assert not wrong, "\n".join(wrong)


def test_no_module_imports_a_layer_above_its_own() -> None:
    upward = [
        f"{module} (layer {layer(module)}) imports {target} (layer {layer(target)})"
        for module, targets in sorted(GRAPH.items())
        for target in sorted(targets)
        if layer(target) > layer(module) and (module, target) not in UPWARD_EXCEPTIONS
    ]
    assert not upward, "upward imports:\n" + "\n".join(upward)


def test_the_listed_exceptions_are_still_needed() -> None:
    stale = [pair for pair in UPWARD_EXCEPTIONS if pair[1] not in GRAPH.get(pair[0], set())]
    stale += [module for module in LONG_MODULES if module not in MODULES]
    assert not stale


@pytest.mark.parametrize("package", PACKAGES)
def test_no_module_is_over_the_size_limit(package: str) -> None:
    long = [
        f"{module}: {lines} lines"
        for module, (path, _) in sorted(MODULES.items())
        if module.split(".")[0] == package and module not in LONG_MODULES
        for lines in [len(path.read_text(encoding="utf-8").splitlines())]
        if lines > MAX_LINES
    ]
    assert not long, f"modules over {MAX_LINES} lines:\n" + "\n".join(long)
