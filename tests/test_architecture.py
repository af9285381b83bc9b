"""The package's layers point one way: an import-graph test.

Layers, lowest first: shared helpers (messages, util, problems, domain, results and the
package itself) → inputs → rules → scoring → outputs → commands (api, cli, reports). A
module may import from its own layer and the layers below, never from one above, and
no two packages or top-level modules import each other, directly or round a longer
cycle. Imports inside functions and under ``TYPE_CHECKING`` count: a lazy import is still
a dependency. Scoring is pure: it reads and writes no file.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "csreport"

LAYERS: dict[str, int] = {
    "csreport": 0,
    "csreport.messages": 0,
    "csreport.util": 0,
    "csreport.problems": 0,
    "csreport.domain": 0,
    "csreport.fields": 0,
    "csreport.results": 0,
    "csreport.chat_data": 0,
    "csreport.calibration_data": 0,
    "csreport.inputs": 1,
    "csreport.history": 1,
    "csreport.rules": 2,
    "csreport.scoring": 3,
    "csreport.outputs": 4,
    "csreport.api": 5,
    "csreport.cli": 5,
    "csreport.reports": 5,
    "csreport.cycle": 5,
    "csreport.qa": 5,
    "csreport.office": 5,
}

# Edges being removed by work in progress; each must still exist, so the list is emptied as
# they go and cannot hide a new one. Form: (importing module, imported module).
# (Emptied: inputs.writeback -> outputs.xlsx.base went when write-back got its rows from the
# column specification.)
PENDING: set[tuple[str, str]] = set()


def _modules() -> Iterator[tuple[str, Path]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        yield ".".join(parts), path


def _is_package(name: str) -> bool:
    return (PACKAGE.parent / name.replace(".", "/") / "__init__.py").is_file()


def _imports(module: str, path: Path) -> set[str]:
    """Every ``csreport`` module ``module`` imports, wherever the import statement is."""
    found: set[str] = set()
    package = module if _is_package(module) else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            found.add(target)
            # ``from csreport.x import y`` where y is itself a module imports that module.
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                if (PACKAGE.parent / (sub.replace(".", "/") + ".py")).is_file() or _is_package(sub):
                    found.add(sub)
    return {name for name in found if name == "csreport" or name.startswith("csreport.")}


def _unit(module: str) -> str:
    """The package or top-level module ``module`` belongs to: ``csreport.inputs``, ..."""
    return ".".join(module.split(".")[:2])


def module_edges() -> set[tuple[str, str]]:
    """(importer, imported) for every import of a csreport module by another."""
    return {(name, target) for name, path in _modules() for target in _imports(name, path) if target != name}


def _unit_edges(edges: set[tuple[str, str]]) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for src, dst in edges:
        a, b = _unit(src), _unit(dst)
        if a != b:
            graph.setdefault(a, set()).add(b)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle through each strongly connected group of more than one unit (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


_FILE_METHODS = ("open", "read_text", "read_bytes", "write_text", "write_bytes")


def _live(edges: set[tuple[str, str]]) -> set[tuple[str, str]]:
    return edges - PENDING


def test_every_unit_has_a_layer() -> None:
    units = {_unit(name) for name, _ in _modules()}
    assert units - LAYERS.keys() == set(), "give each new package or top-level module a layer"


def test_no_import_from_a_higher_layer() -> None:
    upward = sorted(
        (src, dst) for src, dst in _live(module_edges()) if LAYERS[_unit(dst)] > LAYERS[_unit(src)]
    )
    assert upward == []


def test_no_import_cycle_between_packages() -> None:
    assert _cycles(_unit_edges(_live(module_edges()))) == []


def test_pending_edges_still_exist() -> None:
    """A pending edge that is gone must leave the list, so the list cannot hide a new one."""
    assert PENDING - module_edges() == set()


def test_scoring_reads_and_writes_no_file() -> None:
    edges = module_edges()
    io_imports = sorted(
        (src, dst)
        for src, dst in edges
        if _unit(src) == "csreport.scoring" and _unit(dst) in ("csreport.inputs", "csreport.outputs")
    )
    assert io_imports == []
    file_calls = []
    for name, path in _modules():
        if _unit(name) != "csreport.scoring":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            opens = isinstance(func, ast.Name) and func.id == "open"
            if opens or (isinstance(func, ast.Attribute) and func.attr in _FILE_METHODS):
                file_calls.append(f"{name}:{node.lineno}")
    assert file_calls == []


def test_the_graph_is_read() -> None:
    """The walk sees imports at module level, inside functions and relative ones."""
    edges = module_edges()
    assert ("csreport.cli.main", "csreport.api") in edges
    # A lazy import inside a function body.
    assert ("csreport.cli.main", "csreport.util.resources") in edges
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_a_run_without_write_back_does_not_load_openpyxl() -> None:
    """openpyxl (and PIL with it) is ~9 MB that only write-back and the rules workbook need; the
    modules of an ordinary run must not pull it in (it once came in through the column spec)."""
    code = (
        "import sys\n"
        "import csreport.api, csreport.cli.main, csreport.outputs.columns, csreport.outputs.json\n"
        "import csreport.outputs.xlsx.workbook, csreport.inputs.dataset, csreport.inputs.writeback\n"
        "print(sorted(m for m in ('openpyxl', 'PIL') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
