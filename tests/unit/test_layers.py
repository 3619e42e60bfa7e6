"""The runtime's import graph: no cycles, and each layer imports only from below.

``lint-imports`` (``nox -s lint``) checks the contracts of ``[tool.importlinter]``; these tests
read the same graph with grimp and name the offending chain when a layer reaches up.
"""

from __future__ import annotations

import grimp
import pytest

#: Lowest first, as in ``[tool.importlinter]`` of the root ``pyproject.toml``.
LAYERS = [
    "specblocks.core",
    "specblocks._generated",
    "specblocks.components",
    "specblocks.app",
    "specblocks.server",
    "specblocks.launch",
]


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("specblocks")


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append(
                        (child, iter(sorted(graph.find_modules_directly_imported_by(child))))
                    )
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_the_runtime_has_no_import_cycle(graph: grimp.ImportGraph) -> None:
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = grimp.ImportGraph()
    for name in ("a", "a.x", "a.y", "a.z"):
        graph.add_module(name)
    graph.add_import(importer="a.x", imported="a.y")
    graph.add_import(importer="a.y", imported="a.x")
    graph.add_import(importer="a.z", imported="a.x")
    assert _cycles(graph) == [["a.x", "a.y"]]


@pytest.mark.parametrize(
    ("lower", "upper"),
    [(LAYERS[i], LAYERS[j]) for i in range(len(LAYERS)) for j in range(i + 1, len(LAYERS))],
)
def test_no_layer_imports_a_layer_above_it(
    graph: grimp.ImportGraph, lower: str, upper: str
) -> None:
    chain = graph.find_shortest_chain(importer=lower, imported=upper, as_packages=True)
    assert chain is None, f"{lower} reaches up to {upper}: {' -> '.join(chain or ())}"


def test_the_core_needs_no_web_framework() -> None:
    graph = grimp.build_graph("specblocks", include_external_packages=True)
    for framework in ("fastapi", "starlette", "uvicorn"):
        chain = graph.find_shortest_chain(
            importer="specblocks.core", imported=framework, as_packages=True
        )
        assert chain is None, " -> ".join(chain or ())
