"""Jupyter display through the model's registry, and a model that imports nothing above it."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import remediation
from remediation import Assessment, Evaluation
from remediation.model import display
from remediation.render.html import repr_html
from remediation.render.markdown import repr_markdown

_MODEL = Path(remediation.__file__).parent / "model"
# The layers the model may import: itself and the exceptions below it.
_BELOW = ("remediation.model", "remediation.exceptions")
_MODULE_NAME = re.compile(r"remediation(\.\w+)*")


def _docstrings(tree: ast.Module) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _named_modules(source: str, package: str) -> Iterator[tuple[int, str]]:
    """Each module of the library that *source* (a module of *package*) imports or names.

    Import statements anywhere (in functions and ``TYPE_CHECKING`` blocks too),
    ``importlib.import_module`` and ``__import__`` calls, and any string other
    than a docstring that reads as the name of a module of the library.
    """
    tree = ast.parse(source)
    docstrings = _docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0]
                base = f"{parent}.{base}" if base else parent
            if base == "remediation":  # from remediation import render, render_html, ...
                for alias in node.names:
                    yield node.lineno, f"remediation.{alias.name}"
            else:
                yield node.lineno, base
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
            and _MODULE_NAME.fullmatch(node.value)
        ):
            yield node.lineno, node.value


def _above(name: str) -> bool:
    library = name == "remediation" or name.startswith("remediation.")
    below = any(name == layer or name.startswith(f"{layer}.") for layer in _BELOW)
    return library and not below


def _upward(source: str, package: str = "remediation.model") -> list[tuple[int, str]]:
    return [(line, name) for line, name in _named_modules(source, package) if _above(name)]


def test_the_model_imports_nothing_above_it() -> None:
    found = [
        f"{path.name}:{line}: {name}"
        for path in sorted(_MODEL.glob("*.py"))
        for line, name in _upward(path.read_text(encoding="utf-8"))
    ]
    assert found == []


@pytest.mark.parametrize(
    "source",
    [
        "def f():\n    from remediation.render.html import repr_html\n",
        "import remediation.render.jupyter\n",
        "import remediation\n",
        "from .. import render\n",
        "from ..render import html\n",
        "from remediation import render_html\n",
        "if TYPE_CHECKING:\n    from remediation.evaluation.engine import Evaluation\n",
        "import importlib\nimportlib.import_module('remediation.render.jupyter')\n",
        "def f():\n    __import__('remediation.render.html')\n",
        "LOADER = 'remediation.render.jupyter'\n",
    ],
)
def test_the_scan_finds_an_upward_import_wherever_it_is(source: str) -> None:
    assert _upward(source)


@pytest.mark.parametrize(
    "source",
    [
        '"""Shown by remediation.render.jupyter."""\nfrom remediation.model import status\n',
        "from . import duration\nfrom .status import Status\n",
        "from remediation import exceptions\nfrom remediation.exceptions import RemediationError\n",
        "import attrs\nMESSAGE = 'remediation plan'\n",
    ],
)
def test_the_scan_lets_the_model_import_itself_and_what_is_below(source: str) -> None:
    assert _upward(source) == []


@pytest.fixture(scope="module")
def plan() -> Assessment:
    return remediation.examples.issue_1176()


@pytest.fixture(scope="module")
def result(plan: Assessment) -> Evaluation:
    return remediation.evaluate(plan, as_of="2025-09-15")


def test_records_and_results_show_themselves_through_the_registry(
    plan: Assessment, result: Evaluation
) -> None:
    shown = (
        plan,
        result,
        plan.phases[0],
        plan.next_steps[0],
        plan.criteria[0],
        result.phases[0],
        result.criteria[0],
    )
    for obj in shown:
        assert display.html(obj) == repr_html(obj)
        assert display.markdown(obj) == repr_markdown(obj)
    assert plan._repr_html_() == repr_html(plan)
    assert plan._repr_markdown_() == repr_markdown(plan)
    assert plan.phases[0]._repr_html_() == repr_html(plan.phases[0])
    assert plan.next_steps[0]._repr_html_() == repr_html(plan.next_steps[0])
    assert plan.criteria[0]._repr_html_() == repr_html(plan.criteria[0])


def test_the_renderers_are_loaded_the_first_time_a_record_is_shown() -> None:
    code = (
        "import sys, remediation\n"
        "phase = remediation.Phase(id='p', title='Fix <it>')\n"
        "print(sorted(m for m in sys.modules if m.startswith('remediation.render')))\n"
        "page = phase._repr_html_()\n"
        "print('remediation.render.jupyter' in sys.modules)\n"
        "from remediation.render.html import repr_html\n"
        "print(page == repr_html(phase))\n"
    )
    completed = subprocess.run(  # noqa: S603  (our own interpreter, our own code)
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert completed.stdout.splitlines() == ["[]", "True", "True"]


def test_a_loader_is_called_once_the_first_time_a_type_has_no_implementation() -> None:
    phase = remediation.Phase(id="p", title="Fix")
    display.html(phase)  # the package's own loader has run
    calls: list[str] = []
    display.add_loader(lambda: calls.append("loaded"))
    display.html(phase)
    assert calls == []
    for _ in range(2):
        with pytest.raises(TypeError, match="cannot show object: no implementation"):
            display.markdown(object())
        with pytest.raises(TypeError, match="cannot show object: no implementation"):
            display.html(object())
    assert calls == ["loaded"]


def test_a_loader_registers_the_types_it_knows() -> None:
    class Note:
        pass

    display.add_loader(lambda: display.html.register(Note, lambda _: "<p>a note</p>"))
    assert display.html(Note()) == "<p>a note</p>"
    with pytest.raises(TypeError, match="cannot show Note"):
        display.markdown(Note())


def test_a_loader_that_fails_is_called_again_next_time() -> None:
    attempts: list[int] = []

    def loader() -> None:
        attempts.append(len(attempts))
        if len(attempts) == 1:
            msg = "not yet"
            raise RuntimeError(msg)

    display.add_loader(loader)
    with pytest.raises(RuntimeError, match="not yet"):
        display.html(object())
    with pytest.raises(TypeError, match="cannot show object"):
        display.html(object())
    with pytest.raises(TypeError, match="cannot show object"):
        display.html(object())
    assert attempts == [0, 1]
