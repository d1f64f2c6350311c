"""Modules import each other in one direction only: no import cycle, inside functions neither.

Every import statement counts, those inside functions and under
``TYPE_CHECKING`` too: a cycle that only closes when a function runs is still
a cycle. Importing a submodule runs its parent packages first, but that is
not counted as an edge: a package's ``__init__`` importing its own submodules
is how a public namespace is built over private modules.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

import remediation
import remediation.testing


def module_name(package: str, root: Path, path: Path) -> str:
    """The dotted name of the module at *path*, in *package* whose directory is *root*."""
    parts = [package, *path.relative_to(root).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(node: ast.Import | ast.ImportFrom, name: str, is_package: bool) -> list[str]:
    """The dotted names an import statement in module *name* may bring in."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        anchor = name.split(".")
        anchor = anchor if is_package else anchor[:-1]
        anchor = anchor[: len(anchor) - (node.level - 1)]
        base = ".".join([*anchor, base] if base else anchor)
    return [f"{base}.{alias.name}" for alias in node.names]


def import_graph(package: str, root: Path) -> nx.DiGraph[str]:
    """Which modules of *package* (its directory *root*) import which, statement by statement."""
    paths = {module_name(package, root, path): path for path in sorted(root.rglob("*.py"))}
    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_nodes_from(paths)
    for name, path in paths.items():
        is_package = path.name == "__init__.py"
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Import | ast.ImportFrom):
                continue
            for dotted in imported(node, name, is_package):
                # The longest prefix that is one of our modules: `from a.b import c`
                # imports the module a.b.c if there is one, else a.b; `import a.b.c`
                # imports a.b.c.
                target = dotted
                while target and target not in paths:
                    target = target.rpartition(".")[0]
                if target and not (is_package and target == name):
                    graph.add_edge(name, target)
    return graph


def cycles(package: str, root: Path) -> list[str]:
    """Each import cycle among the modules of *package*, as ``a -> b -> a`` from its first name."""
    found = []
    for cycle in nx.simple_cycles(import_graph(package, root)):
        start = cycle.index(min(cycle))
        ring = [*cycle[start:], *cycle[:start]]
        found.append(" -> ".join([*ring, ring[0]]))
    return sorted(found)


def test_no_two_modules_of_the_testing_toolkit_import_each_other() -> None:
    root = Path(remediation.testing.__file__).parent
    assert cycles("remediation.testing", root) == []


def test_the_invalid_documents_sit_above_the_valid_strategies() -> None:
    graph = import_graph("remediation.testing", Path(remediation.testing.__file__).parent)
    valid = "remediation.testing.strategies._assessments"
    invalid = "remediation.testing.strategies._invalid"
    assert nx.has_path(graph, invalid, valid)
    assert not nx.has_path(graph, valid, invalid)


def write(root: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        path = root / "pkg" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "pkg"


@pytest.mark.parametrize(
    ("files", "found"),
    [
        pytest.param(
            {"__init__.py": "", "a.py": "from pkg import b\n", "b.py": "import pkg.a\n"},
            ["pkg.a -> pkg.b -> pkg.a"],
            id="direct",
        ),
        pytest.param(
            {
                "__init__.py": "",
                "a.py": "from pkg.b import x\n",
                "b.py": "from .c import y\n",
                "c.py": "def f():\n    from pkg.a import z\n",
            },
            ["pkg.a -> pkg.b -> pkg.c -> pkg.a"],
            id="through-a-function",
        ),
        pytest.param(
            {
                "__init__.py": "from pkg.sub._low import low\n",
                "sub/__init__.py": "from ._high import high\nfrom ._low import low\n",
                "sub/_low.py": "def low():\n    from pkg.sub import high\n",
                "sub/_high.py": "from pkg.sub._low import low\n",
            },
            [
                "pkg.sub -> pkg.sub._high -> pkg.sub._low -> pkg.sub",
                "pkg.sub -> pkg.sub._low -> pkg.sub",
            ],
            id="through-a-package-namespace",
        ),
        pytest.param(
            {
                "__init__.py": "from pkg.sub import high\n",
                "sub/__init__.py": "from . import _low\nfrom ._high import high\n",
                "sub/_low.py": "import attrs\n",
                "sub/_high.py": "from pkg.sub._low import low\nfrom .. import other\n",
                "other.py": "import json\n",
            },
            [],
            id="layered",
        ),
    ],
)
def test_the_check_finds_cycles(tmp_path: Path, files: dict[str, str], found: list[str]) -> None:
    assert cycles("pkg", write(tmp_path, files)) == found


def test_no_module_of_the_library_is_part_of_an_import_cycle() -> None:
    root = Path(remediation.__file__).parent
    assert cycles("remediation", root) == []
