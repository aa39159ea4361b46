"""The shape of the package: no import cycles, and no screen that imports the app.

A check over the import graph, read from the source with ``ast``: every ``import`` counts,
at the top of a module or inside a function, except those under ``if TYPE_CHECKING:``,
which are for the type checker only and never run.
"""

from __future__ import annotations

import ast
from pathlib import Path

import somewizard

PACKAGE = Path(somewizard.__file__).parent
NO_TEXTUAL = (
    "answers",
    "changes",
    "drafts",
    "document",
    "errors",
    "export",
    "ics",
    "packaged",
    "presets",
    "quality",
    "rules",
    "session",
    "signatures",
    "ui",
    "validate",
    "yamlio",
)
"""The modules that work with no screen (the model, the content, the files, the export)."""


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The modules that ``name`` imports when it runs (the package's own and others)."""
    tree = ast.parse(path.read_text("utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for branch in node.orelse:
                visit(branch)
            return
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            out.add(target)
            for alias in node.names:
                if f"{target}.{alias.name}" in modules:
                    out.add(f"{target}.{alias.name}")
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    out.discard(name)
    return out


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {
        name: {m for m in _imports(name, path, modules) if m in modules}
        for name, path in modules.items()
    }


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def connect(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            connect(v)
    return groups


def test_the_graph_is_read() -> None:
    graph = _graph()
    assert "somewizard.session" in graph["somewizard.app"]
    assert "somewizard.answers" in graph["somewizard.rules"]
    assert "somewizard.widgets.option" in graph["somewizard.screens.picker"]


def test_there_are_no_import_cycles() -> None:
    assert _cycles(_graph()) == []


def test_a_cycle_would_be_found() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [["a", "b", "c"]]


def test_no_screen_or_widget_imports_the_app() -> None:
    graph = _graph()
    for name, imported in graph.items():
        if name.startswith(("somewizard.screens", "somewizard.widgets")):
            assert "somewizard.app" not in imported, name
            assert "somewizard.filework" not in imported, name


def test_the_model_and_the_files_never_import_textual() -> None:
    modules = _modules()
    for short in NO_TEXTUAL:
        name = f"somewizard.{short}"
        imported = _imports(name, modules[name], modules)
        assert not {m for m in imported if m.split(".")[0] in ("textual", "rich")}, name
        assert not {m for m in imported if m.startswith("somewizard.screens")}, name


def test_the_app_stays_small() -> None:
    lines = (PACKAGE / "app.py").read_text("utf-8").count("\n")
    assert lines <= 210, f"app.py has {lines} lines: move file work or screens out of it"
