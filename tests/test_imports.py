"""What `import remediation` costs: nothing it does not need to build and evaluate plans."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import remediation


def test_importing_the_library_leaves_reports_and_optional_packages_for_later() -> None:
    code = (
        "import sys, remediation\n"
        "lazy = ['remediation.io.formats', 'remediation.io.converter', 'remediation.io.schema',"
        " 'remediation.examples', 'cattrs', 'yaml', 'matplotlib', 'pandas', 'hypothesis']\n"
        "loaded = [m for m in sys.modules if m in lazy or m.startswith('remediation.render')]\n"
        "print(sorted(loaded))\n"
        "remediation.to_dot\n"
        "print('remediation.render.diagrams' in sys.modules)\n"
        "plan = remediation.examples.issue_1176()\n"
        "print(remediation.loads(remediation.dumps(plan)) == plan)\n"
    )
    completed = subprocess.run(  # noqa: S603  (our own interpreter, our own code)
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert completed.stdout.splitlines() == ["[]", "True", "True"]


def test_networkx_is_imported_with_the_first_graph_not_with_the_library() -> None:
    # Importing networkx takes longer than importing the rest of the library;
    # loading and evaluating a valid plan never need it.
    code = (
        "import sys, remediation\n"
        "plan = remediation.examples.issue_1176()\n"
        "remediation.evaluate(remediation.loads(remediation.dumps(plan)))\n"
        "print('networkx' in sys.modules)\n"
        "print(remediation.build_graph(plan).number_of_nodes())\n"
        "print('networkx' in sys.modules)\n"
    )
    completed = subprocess.run(  # noqa: S603  (our own interpreter, our own code)
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert completed.stdout.splitlines() == ["False", "49", "True"]


def _imported(node: ast.AST) -> list[str]:
    """The modules (or module members) an import statement names."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom):
        return [f"{node.module}.{alias.name}" for alias in node.names]
    return []


def test_reading_and_writing_import_nothing_from_the_layers_above() -> None:
    # io sits below rendering and the command line: none of its modules may
    # import them, not even inside a function.
    above = ("remediation.render", "remediation.cli")
    found: list[str] = []
    for module in sorted((Path(remediation.__file__).parent / "io").glob("*.py")):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        found.extend(
            f"{module.name}: {name}"
            for node in ast.walk(tree)
            for name in _imported(node)
            if name.startswith(above)
        )
    assert found == []
