"""Layering: `rag` (the library) < `ingest` < `ui` (front-ends), and no import cycles between modules.

Read from the source with `ast`, nothing is imported or run, so the check takes well under a second
and also sees imports deferred into functions and those under `if TYPE_CHECKING:`. Run it alone with
`python -m pytest -q tests/test_layers.py`.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LAYERS = {"rag": 0, "ingest": 1, "ui": 2}
# The program entry behind `python -m rag` forwards to the CLI in `ui.cli`; nothing imports it.
ALLOWED_UPWARD = {("rag.__main__", "ui.cli")}
# Packages only an optional extra installs, and the one module that may import each (which no module imports).
OPTIONAL = {"llama_index": "rag.llamaindex"}


@dataclass(frozen=True)
class Import:
    source: str  # importing module, e.g. "rag.engine"
    target: str  # imported module of the project, e.g. "rag.keyword"
    line: int
    type_only: bool  # under `if TYPE_CHECKING:`


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_modules(root: Path) -> dict[str, Path]:
    return {module_name(p, root): p for package in LAYERS for p in sorted((root / package).rglob("*.py"))}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _walk(node: ast.AST, type_only: bool = False) -> Iterable[tuple[ast.Import | ast.ImportFrom, bool]]:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.Import | ast.ImportFrom):
            yield child, type_only
        elif isinstance(child, ast.If) and _is_type_checking(child.test):
            for statement in child.body:
                yield from _walk(ast.Module(body=[statement], type_ignores=[]), True)
            for statement in child.orelse:
                yield from _walk(ast.Module(body=[statement], type_ignores=[]), type_only)
        else:
            yield from _walk(child, type_only)


def imports(root: Path) -> list[Import]:
    """Every import of a project module by a project module (module-level, deferred or type-only)."""
    modules = project_modules(root)
    found: list[Import] = []
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node, type_only in _walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                base = node.module or ""
                if node.level:  # relative: from . import x / from ..pkg import y
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, *([base] if base else [])])
                for alias in node.names:
                    submodule = f"{base}.{alias.name}"
                    targets.append(submodule if submodule in modules else base)
            for target in targets:
                while target and target not in modules:  # `import rag.x.y` where only rag.x is a module
                    target = target.rpartition(".")[0]
                if target and target != name:
                    found.append(Import(name, target, node.lineno, type_only))
    return found


def package_imports(root: Path) -> list[tuple[str, str, int]]:
    """(module, top-level package it imports, line) for every absolute import of every project module."""
    found: list[tuple[str, str, int]] = []
    for name, path in project_modules(root).items():
        for node, _ in _walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                found.extend((name, alias.name.split(".")[0], node.lineno) for alias in node.names)
            elif not node.level and node.module:
                found.append((name, node.module.split(".")[0], node.lineno))
    return found


def optional_leaks(root: Path) -> list[str]:
    """Imports of an optional extra's package outside its module, and imports of that module."""
    leaks = [
        f"{module}:{line} imports {package}"
        for module, package, line in package_imports(root)
        if package in OPTIONAL and OPTIONAL[package] != module
    ]
    leaks += [f"{i.source}:{i.line} imports {i.target}" for i in imports(root) if i.target in OPTIONAL.values()]
    return leaks


def layer(module: str) -> int:
    return LAYERS[module.split(".")[0]]


def upward_imports(found: Iterable[Import]) -> list[str]:
    return [
        f"{i.source}:{i.line} imports {i.target}"
        for i in found
        if layer(i.target) > layer(i.source) and (i.source, i.target) not in ALLOWED_UPWARD
    ]


def cycles(found: Iterable[Import]) -> list[set[str]]:
    """Strongly connected groups of more than one module (Tarjan), each a set of module names."""
    graph: dict[str, set[str]] = {}
    for i in found:
        graph.setdefault(i.source, set()).add(i.target)
        graph.setdefault(i.target, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group: set[str] = set()
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
    return groups


# --- the project -------------------------------------------------------------------------


def test_rag_never_imports_ingest_or_ui_and_ingest_never_imports_ui() -> None:
    assert upward_imports(imports(ROOT)) == []


def test_llama_index_is_imported_only_by_its_optional_module() -> None:
    """`paperchat[llamaindex]` is optional: rag, ingest and ui run without llama-index installed."""
    assert optional_leaks(ROOT) == []


def test_no_import_cycles_at_run_time() -> None:
    assert cycles(i for i in imports(ROOT) if not i.type_only) == []


def test_no_import_cycles_even_through_type_only_imports() -> None:
    assert cycles(imports(ROOT)) == []


# --- the checker itself, on a made-up tree ---------------------------------------------------


def _tree(root: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_checker_finds_upward_imports_in_functions_and_type_checking_blocks(tmp_path: Path) -> None:
    root = _tree(tmp_path, {
        "rag/__init__.py": "",
        "rag/__main__.py": "from ui.cli import main\n",
        "rag/engine.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ingest.pipeline import Report\n",
        "rag/store.py": "def load():\n    import ui.app\n",
        "ingest/__init__.py": "",
        "ingest/pipeline.py": "from rag import engine\nfrom . import chunker\n",
        "ingest/chunker.py": "from ..ui import render\n",
        "ui/__init__.py": "",
        "ui/app.py": "from ingest.pipeline import Report\n",
        "ui/cli.py": "import rag.engine\n",
        "ui/render.py": "",
    })
    assert sorted(upward_imports(imports(root))) == [
        "ingest.chunker:1 imports ui.render",
        "rag.engine:3 imports ingest.pipeline",
        "rag.store:2 imports ui.app",
    ]


def test_checker_finds_cycles_and_tells_type_only_ones_apart(tmp_path: Path) -> None:
    root = _tree(tmp_path, {
        "rag/__init__.py": "from rag.offline import apply\n",
        "rag/offline.py": "",
        "rag/a.py": "from rag.b import x\n",
        "rag/b.py": "def f():\n    from rag import c\n",
        "rag/c.py": "import rag.a\n",
        "rag/d.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from rag.e import Plan\n",
        "rag/e.py": "from rag.d import answer\n",
        "ingest/__init__.py": "",
        "ui/__init__.py": "",
    })
    found = imports(root)
    assert cycles(i for i in found if not i.type_only) == [{"rag.a", "rag.b", "rag.c"}]
    assert sorted(map(sorted, cycles(found))) == [["rag.a", "rag.b", "rag.c"], ["rag.d", "rag.e"]]


def test_checker_finds_optional_packages_imported_elsewhere(tmp_path: Path) -> None:
    root = _tree(tmp_path, {
        "rag/__init__.py": "",
        "rag/llamaindex.py": "from llama_index.core.schema import TextNode\n",
        "rag/engine.py": "def build():\n    import llama_index.core\n",
        "ingest/__init__.py": "",
        "ui/__init__.py": "",
        "ui/app.py": "from rag import llamaindex\n",
    })
    assert sorted(optional_leaks(root)) == ["rag.engine:2 imports llama_index", "ui.app:1 imports rag.llamaindex"]
