"""Every public operation does work in proportion to the plan: checked by counting, not timing.

A quadratic step (a list searched once per item, say) hides at the sizes of
the unit tests and takes minutes at 100k items. Timings cannot catch it here:
the machine is shared and noisy. So each operation runs on a generated plan
of N and of 4N work items while a tracer counts the lines of the library it
executes; linear work executes about four times as many lines on the larger
plan, a quadratic step about sixteen times as many for its share.

The benchmark (``python -m benchmarks``) measures the same operations' time
and prints their growth per tenfold.
"""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

import remediation
from remediation.evaluation.lookup import by_id
from remediation.exceptions import UnknownRecordError

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = str(Path(remediation.__file__).parent)
SMALL = 150
# Linear work gives at most 4x the lines at 4x the items (fixed costs make it less); the
# renderers' per-item list searches this guards against gave 7x to 10x.
MOST = 4.6


def _lines(action: Callable[[], object]) -> int:
    """The lines of the library *action* executes (tests, dependencies, generated code aside)."""
    count = 0

    def local(frame: FrameType, event: str, _arg: object) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return local

    def calls(frame: FrameType, _event: str, _arg: object) -> Any:
        return local if frame.f_code.co_filename.startswith(PACKAGE) else None

    previous = sys.gettrace()
    sys.settrace(calls)
    try:
        action()
    finally:
        sys.settrace(previous)
    return count


def _operations(plan: remediation.Assessment) -> Iterator[tuple[str, Callable[[], object]]]:
    """Each public operation on *plan*, the inputs it needs made outside its count."""
    text = remediation.dumps(plan)
    yaml_text = remediation.dumps(plan, "yaml")
    result = remediation.evaluate(plan)
    evaluator = remediation.Evaluator()
    evaluator.evaluate(plan)
    open_item = next(item.id for item in plan.items if not item.status.is_closed)
    variant = remediation.with_status(plan, open_item, "✅ RESOLVED")
    yield "load JSON", lambda: remediation.loads(text)
    yield "load YAML", lambda: remediation.loads(yaml_text, "yaml")
    yield "build graph", lambda: remediation.build_graph(remediation.loads(text))
    yield "evaluate", lambda: remediation.evaluate(plan)
    yield "what-if", lambda: evaluator.evaluate(variant)
    yield "render Markdown", lambda: remediation.render_markdown(plan, result)
    yield "render HTML", lambda: remediation.render_html(plan, result)
    yield "render DOT", lambda: remediation.to_dot(plan, result)
    yield "render Mermaid flowchart", lambda: remediation.mermaid_flowchart(plan, result)
    yield "render Mermaid Gantt", lambda: remediation.mermaid_gantt(plan, result)
    yield "render Mermaid timeline", lambda: remediation.mermaid_timeline(plan)
    yield "diff", lambda: remediation.diff(plan, variant)
    yield "dump JSON", lambda: remediation.dumps(plan)
    yield "dump YAML", lambda: remediation.dumps(plan, "yaml")
    yield "dump evaluation", lambda: remediation.dumps(result)


@pytest.fixture(scope="module")
def counts() -> dict[str, tuple[int, int]]:
    """The lines each operation executes on a plan of SMALL and of 4 * SMALL items."""
    sys.path.insert(0, str(ROOT))  # the benchmark's plan generator lives beside the tests
    try:
        document = importlib.import_module("benchmarks.generate").document
    finally:
        sys.path.remove(str(ROOT))
    seen: dict[str, list[int]] = {}
    for items in (SMALL, 4 * SMALL):
        plan = remediation.loads(json.dumps(document(items)))
        for name, action in _operations(plan):
            seen.setdefault(name, []).append(_lines(action))
    return {name: (small, large) for name, (small, large) in seen.items()}


OPERATIONS = [
    "load JSON",
    "load YAML",
    "build graph",
    "evaluate",
    "what-if",
    "render Markdown",
    "render HTML",
    "render DOT",
    "render Mermaid flowchart",
    "render Mermaid Gantt",
    "render Mermaid timeline",
    "diff",
    "dump JSON",
    "dump YAML",
    "dump evaluation",
]


@pytest.mark.parametrize("operation", OPERATIONS)
def test_work_grows_linearly_with_the_plan(
    counts: dict[str, tuple[int, int]], operation: str
) -> None:
    small, large = counts[operation]
    assert large <= MOST * max(small, 1), (operation, small, large)


def test_every_operation_is_counted(counts: dict[str, tuple[int, int]]) -> None:
    assert sorted(counts) == sorted(OPERATIONS)


_LIST_SEARCH = """
def item(self, item_id):
    for result in self.items:
        if result.id == item_id:
            return result
    raise KeyError(item_id)
"""


def test_a_per_item_list_search_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    # The lookup as it was before it kept an index: a list search, compiled as if it were
    # the library's own code so that the counter sees it. The DOT diagram looks up every
    # item once, so its lines now grow with the square of the plan.
    namespace: dict[str, Any] = {}
    exec(compile(_LIST_SEARCH, f"{PACKAGE}/evaluation/results.py", "exec"), namespace)  # noqa: S102
    monkeypatch.setattr(remediation.Evaluation, "item", namespace["item"])
    sys.path.insert(0, str(ROOT))
    try:
        document = importlib.import_module("benchmarks.generate").document
    finally:
        sys.path.remove(str(ROOT))
    small, large = (
        _lines(lambda plan=plan: remediation.to_dot(plan))  # type: ignore[misc]
        for plan in (remediation.loads(json.dumps(document(n))) for n in (SMALL, 4 * SMALL))
    )
    assert large > MOST * small


def test_a_lookup_finds_the_first_result_of_an_id_and_is_not_part_of_the_value() -> None:
    plan = remediation.examples.issue_1176()
    result = remediation.evaluate(plan)
    text = remediation.dumps(result)
    for item in result.items:
        assert result.item(item.id) is item
    for phase in (*result.phases, *result.next_steps):
        assert result.phase(phase.id) is phase
    for work in result.schedule.items:
        assert result.schedule.item(work.id) is work
    assert result.schedule.item("no-such-item") is None
    with pytest.raises(UnknownRecordError, match="no work item with id 'nope'"):
        result.item("nope")
    assert remediation.dumps(result) == text
    assert result == remediation.evaluate(plan)
    assert "_index" not in repr(result)
    assert by_id(result, "items", lambda: ()) is by_id(result, "items", lambda: ())
