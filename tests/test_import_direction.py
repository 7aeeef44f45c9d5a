"""Dependencies run one way (docs/decisions/0002-dependency-direction.md).

The imports of every module under ``src/standortkompass`` are read with ``ast`` (also those
inside functions; those under ``if TYPE_CHECKING:`` only name types and are left out). Two
rules follow:

- an app imports only apps of its own layer or below, and a feature app imports no other
  feature app above it;
- no two modules import each other, directly or through others (no cycle).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE_DIR = Path(__file__).resolve().parents[1] / "src" / "standortkompass"
PACKAGE = "standortkompass"

# The layers, lowest first. An app may import apps of a lower rank and, in the base layer,
# apps of the same rank. Feature apps stand one above the other in the order they build on
# each other (a strategy cites the analysis and the survey; workshops feed the strategy;
# reports gather them all).
RANKS: dict[str, int] = {
    "analysis": 0,
    "core": 0,
    "regiondata": 1,
    "audit": 1,
    "accounts": 1,
    "processes": 1,
    "standortanalyse": 2,
    "surveys": 3,
    "strategy": 4,
    "governance": 5,
    "monitoring": 6,
    "workshops": 7,
    "reports": 8,
    "api": 9,
    # The project's wiring knows every app.
    "config": 100,
    "__main__": 100,
    "__init__": 100,
}
BASE_LAYER = 1


@dataclass(frozen=True)
class Import:
    source: str  # module that imports, e.g. "standortkompass.surveys.tasks"
    target: str  # module imported
    path: Path
    line: int


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules(root: Path) -> dict[str, Path]:
    return {
        _module_name(path, root): path
        for path in sorted(root.rglob("*.py"))
        if "migrations" not in path.relative_to(root).parts
    }


def _type_checking_lines(tree: ast.Module) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                lines.update(range(child.lineno, (child.end_lineno or child.lineno) + 1))
    return lines


def _resolve_relative(module: str, node: ast.ImportFrom, is_package: bool) -> str:
    base = module.split(".")
    if not is_package:
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
    return ".".join([*base, node.module] if node.module else base)


def imports_of(root: Path) -> Iterator[Import]:
    """Every import of one module of the package by another, resolved to the module file."""
    modules = _modules(root)
    package = root.name
    for module, path in modules.items():
        tree = ast.parse(path.read_text(), filename=str(path))
        skipped = _type_checking_lines(tree)
        for node in ast.walk(tree):
            if getattr(node, "lineno", None) in skipped:
                continue
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                name = _resolve_relative(module, node, path.name == "__init__.py") if node.level else node.module or ""
                # `from package import module` imports the module; `from module import name` the module.
                targets = [
                    f"{name}.{alias.name}" if f"{name}.{alias.name}" in modules else name for alias in node.names
                ]
            for target in targets:
                if target.split(".")[0] != package:
                    continue
                while target not in modules and "." in target:
                    target = target.rsplit(".", 1)[0]
                if target in modules and target != module:
                    yield Import(module, target, path, node.lineno)


def _app(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def upward_imports(root: Path) -> list[str]:
    found = []
    for imp in imports_of(root):
        where = f"{imp.path.relative_to(root.parent)}:{imp.line}"
        source_app, target_app = _app(imp.source), _app(imp.target)
        if source_app == target_app:
            continue
        source_rank, target_rank = RANKS.get(source_app), RANKS.get(target_app)
        if source_rank is None or target_rank is None:
            unknown = source_app if source_rank is None else target_app
            found.append(f"{where}: app '{unknown}' has no layer in RANKS (docs/decisions/0002)")
        elif target_rank > source_rank or (target_rank == source_rank != BASE_LAYER):
            found.append(f"{where}: {source_app} (layer {source_rank}) imports {imp.target}")
    return found


def import_cycles(root: Path) -> list[str]:
    """The strongly connected components of the module graph with more than one module (Tarjan)."""
    graph: dict[str, dict[str, Import]] = {}
    for imp in imports_of(root):
        graph.setdefault(imp.source, {}).setdefault(imp.target, imp)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, {}):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    found = []
    for component in components:
        members = set(component)
        edges = [
            f"{imp.path.relative_to(root.parent)}:{imp.line} imports {target}"
            for source in component
            for target, imp in graph.get(source, {}).items()
            if target in members
        ]
        found.append("cycle between " + ", ".join(component) + ":\n    " + "\n    ".join(edges))
    return found


def test_no_app_imports_an_app_above_it():
    found = upward_imports(PACKAGE_DIR)

    assert not found, "imports against the direction of docs/decisions/0002:\n" + "\n".join(found)


def test_no_modules_import_each_other():
    found = import_cycles(PACKAGE_DIR)

    assert not found, "\n".join(found)


# The check itself ---------------------------------------------------------------------------------


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / PACKAGE
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        for parent in path.relative_to(root).parents:
            (root / parent / "__init__.py").touch()
    return root


def test_the_check_names_the_file_of_an_upward_import(tmp_path):
    root = _tree(
        tmp_path,
        {
            "surveys/services.py": "X = 1\n",
            "processes/demo.py": "def build():\n    from standortkompass.surveys.services import X\n    return X\n",
        },
    )

    found = upward_imports(root)

    assert len(found) == 1
    assert "processes/demo.py:2" in found[0]
    assert "imports standortkompass.surveys.services" in found[0]


def test_the_check_allows_imports_downwards_and_within_the_base_layer(tmp_path):
    root = _tree(
        tmp_path,
        {
            "core/forms.py": "",
            "accounts/models.py": "from standortkompass.core import forms\n",
            "processes/models.py": "from standortkompass.accounts.models import *\n",
            "surveys/views.py": (
                "from standortkompass.processes import models\nfrom standortkompass.analysis import x\n"
            ),
            "analysis/x.py": "",
        },
    )

    assert upward_imports(root) == []


def test_the_check_refuses_an_app_without_a_layer(tmp_path):
    root = _tree(tmp_path, {"newapp/views.py": "from standortkompass.core import forms\n", "core/forms.py": ""})

    assert "app 'newapp' has no layer" in upward_imports(root)[0]


def test_the_check_finds_a_cycle_through_three_modules_and_names_each_import(tmp_path):
    root = _tree(
        tmp_path,
        {
            "surveys/tasks.py": "from standortkompass.surveys.services import exports\n",
            "surveys/services/exports.py": "from standortkompass.surveys import selectors\n",
            "surveys/selectors.py": "def f():\n    from standortkompass.surveys.tasks import g\n",
            "surveys/other.py": "from standortkompass.surveys import tasks\n",
        },
    )

    found = import_cycles(root)

    assert len(found) == 1
    assert "standortkompass.surveys.selectors, standortkompass.surveys.services.exports" in found[0]
    assert "surveys/selectors.py:2 imports standortkompass.surveys.tasks" in found[0]
    assert "other" not in found[0]


def test_the_check_ignores_imports_only_for_type_checking(tmp_path):
    root = _tree(
        tmp_path,
        {
            "surveys/a.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
            "    from standortkompass.surveys.b import B\n",
            "surveys/b.py": "from standortkompass.surveys.a import *\n",
        },
    )

    assert import_cycles(root) == []


@pytest.mark.parametrize("relative", ["from . import b\n", "from .b import B\n"])
def test_the_check_follows_relative_imports(tmp_path, relative):
    root = _tree(tmp_path, {"surveys/a.py": relative, "surveys/b.py": "from standortkompass.surveys import a\n"})

    assert len(import_cycles(root)) == 1
