"""Smoke test of the benchmark: the documented command runs on a tiny size.

The benchmark itself is not part of the test run (it takes minutes at 100k
items); this only checks that it still runs, that it measures both sides of
every comparison with the garbage collector on and with it off and leaves the
collector as it found it, and that its synthetic plans and baseline schemas
agree with the library. The baseline checks need the ``bench`` extra
(pydantic, msgspec) and are skipped without it.
"""

from __future__ import annotations

import gc
import importlib
import importlib.util
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import remediation

ROOT = Path(__file__).resolve().parent.parent


def _benchmark_module(monkeypatch: pytest.MonkeyPatch, name: str) -> Any:
    monkeypatch.syspath_prepend(str(ROOT))  # the benchmarks live beside the tests
    return importlib.import_module(f"benchmarks.{name}")


@pytest.fixture
def generate(monkeypatch: pytest.MonkeyPatch) -> Any:
    return _benchmark_module(monkeypatch, "generate")


@pytest.fixture
def evaluate_in_full(monkeypatch: pytest.MonkeyPatch) -> Any:
    # The benchmark's one way to a private full evaluation, wherever the library keeps it.
    return _benchmark_module(monkeypatch, "evaluation").evaluate_in_full


@pytest.fixture
def harness(monkeypatch: pytest.MonkeyPatch) -> Any:
    return _benchmark_module(monkeypatch, "harness")


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch) -> Any:
    return _benchmark_module(monkeypatch, "run")


@pytest.fixture(params=[True, False], ids=["collector on", "collector off"])
def caller_collector(request: pytest.FixtureRequest) -> Iterator[bool]:
    """The collector as the caller of the benchmark has it; the test's own state restored."""
    was_enabled = gc.isenabled()
    enabled: bool = request.param
    if enabled:
        gc.enable()
    else:
        gc.disable()
    yield enabled
    if was_enabled:
        gc.enable()
    else:
        gc.disable()


OPERATIONS = (
    "load JSON",
    "load YAML",
    "build + validate graph",
    "validate",
    "full evaluation",
    "what-if (median)",
    "render Markdown",
    "render HTML",
    "render DOT",
    "render Mermaid flowchart",
    "render Mermaid Gantt",
    "render Mermaid timeline",
    "diff (evaluates both)",
    "dump JSON",
)


def _table_lines(output: str) -> list[list[str]]:
    """The cells of each line of the printed tables, header and rule lines left out."""
    rows = []
    for line in output.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("|") and cells[0] not in {"operation", "---"}:
            rows.append(cells)
    return rows


def _baselines_installed() -> bool:
    return all(importlib.util.find_spec(name) is not None for name in ("pydantic", "msgspec"))


def test_the_benchmark_command_runs_on_a_tiny_size() -> None:
    command = [
        sys.executable,
        "-m",
        "benchmarks",
        "--sizes",
        "30,60",
        "--repeat",
        "1",
        "--settle",
        "0",
    ]
    command += ["--samples", "3", "--yaml-max", "60", "--portfolio", "0"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)  # noqa: S603
    assert result.returncode == 0, result.stderr
    smaller, largest = result.stdout.split("**60 work items**")
    largest, growth = largest.split("**growth per tenfold")
    growth, verdicts = growth.split("**targets (collector on)**")
    for row in OPERATIONS:
        assert f"| {row}" in smaller
        assert f"| {row}" in largest
        assert f"| {row} | on | " in growth  # its growth from 30 to 60 items, per tenfold
    assert "| dump YAML | on |" in largest
    assert "|   per million records (" in largest
    # Every target of the largest plan has its verdict at the end, and the growth its own.
    judged = [line for line in verdicts.splitlines() if line.startswith("- ")]
    targets = ["<= 1.5x load JSON", "<= 2x full evaluation"]
    if _baselines_installed():  # the comparisons with pydantic need the bench extra
        targets.append("<= 1.0x pydantic")
    for target in targets:
        assert any(target in line and line.rstrip(")").rsplit("(", 1)[1] for line in judged)
    assert all(": met (" in line or ": MISSED (" in line for line in judged[:-1])
    assert judged[-1].startswith("- growing more than 13x per tenfold: ")
    assert "| import remediation" in smaller
    # The targets are set for the largest plan of the run, and checked there only.
    assert "<= 1% of full evaluation" not in smaller
    assert "<= 1% of full evaluation" in largest

    # Every compared operation has a line with the collector on and one with it off, each
    # with both figures and their ratio; targets are judged on the collector-on line only.
    compared: dict[tuple[int, str], set[str]] = {}
    for table, text in enumerate(result.stdout.split("**growth per tenfold")[0].split("\n\n**")):
        for operation, collector, value, baseline, base, ratio, target in _table_lines(text):
            if baseline and base != "-":
                assert collector in {"on", "off"}, operation
                assert value != "-", operation
                assert ratio.endswith("x"), operation
                compared.setdefault((table, operation), set()).add(collector)
                assert collector == "on" or not target, operation
    assert compared
    assert all(states == {"on", "off"} for states in compared.values()), compared
    operations = {operation.strip() for _table, operation in compared}
    expected = {"full evaluation", "what-if (median)", "import remediation"}
    if importlib.util.find_spec("pydantic") and importlib.util.find_spec("msgspec"):
        expected.add("load JSON")  # its baselines are the bench extra's, not installed in CI
    assert expected <= operations


def test_the_harness_measures_with_the_collector_on_then_off(
    harness: Any, caller_collector: bool
) -> None:
    seen: list[bool] = []
    figures = harness.measured(
        lambda: harness.best(lambda: seen.append(gc.isenabled()), 2, settle=0)
    )
    assert seen == [True, True, False, False]
    assert figures.on >= 0
    assert figures.off >= 0
    assert gc.isenabled() is caller_collector


def test_a_quick_measurement_is_repeated_until_its_runs_add_up(harness: Any) -> None:
    runs: list[None] = []
    harness.best(lambda: runs.append(None), 2, settle=60.0, most=7)
    assert len(runs) == 7  # a no-op never adds up to a minute: it stops at the most runs
    runs.clear()
    harness.best(lambda: runs.append(None), 3, settle=0)
    assert len(runs) == 3  # without settling, exactly the runs asked for
    runs.clear()
    harness.best(lambda: runs.append(None), 5, budget=-1.0)
    assert len(runs) == 1  # past the budget after the first run: no more


def test_an_import_is_timed_with_the_collector_as_the_harness_has_it(harness: Any) -> None:
    check = "import gc; assert gc.isenabled() is {}"
    with harness.collector(enabled=True):
        harness.import_time(check.format(True), 1)
    with harness.collector(enabled=False):
        harness.import_time(check.format(False), 1)


def test_every_figure_is_measured_with_the_collector_on_and_off(
    run: Any, monkeypatch: pytest.MonkeyPatch, caller_collector: bool
) -> None:
    states: list[bool] = []
    for name in ("best", "peak", "what_if_timings"):
        measure = getattr(run, name)

        def recording(*args: Any, measure: Any = measure, **kwargs: Any) -> Any:
            states.append(gc.isenabled())
            return measure(*args, **kwargs)

        monkeypatch.setattr(run, name, recording)
    rows = run.measure(30, repeat=1, samples=2, yaml=False, settle=0)
    assert gc.isenabled() is caller_collector  # the caller's state, whatever it was
    assert states.count(True) == states.count(False) > 0
    for row in rows:
        if row.baseline_value is not None:
            assert row.ratio(collector_on=True) is not None, row.operation
            assert row.ratio(collector_on=False) is not None, row.operation


@pytest.mark.parametrize("items", [0, 1, 25, 300])
def test_synthetic_plans_are_valid_and_have_the_requested_size(
    generate: Any, evaluate_in_full: Any, items: int
) -> None:
    data = generate.document(items)
    plan = remediation.loads(json.dumps(data))
    assert len(plan.items) == items
    assert data == generate.document(items)  # reproducible
    result = remediation.evaluate(plan)
    assert result == evaluate_in_full(plan)


def test_synthetic_plans_have_what_real_ones_have(generate: Any) -> None:
    plan = remediation.loads(json.dumps(generate.document(500)))
    result = remediation.evaluate(plan)
    for records in (
        plan.gaps, plan.criteria, plan.root_causes, plan.next_steps, plan.timeline,
        plan.windows, plan.milestones,
    ):  # fmt: skip
        assert records
    assert any(item.depends_on for item in plan.items)
    assert any(item.milestone for item in plan.items)
    for derived in (result.blocked, result.actionable, result.schedule.critical_path):
        assert derived
    assert result.schedule.unscheduled == ()
    assert result.timeline.time_to_detect is not None
    assert any(m.replans for m in result.milestones)
    assert {f.code for f in result.findings} >= {"overdue", "phase-status-mismatch"}
    dues = [item.due for item in plan.items if item.due is not None]
    assert any(isinstance(due, remediation.Moment) and due.approximate for due in dues)
    assert any(isinstance(due, remediation.Moment) and not due.approximate for due in dues)
    assert any(item.fixed is not None for item in plan.items)
    assert any(work.fixed for work in result.schedule.items)
    assert any(slip.replans for slip in result.slips)


def test_baselines_decode_the_same_document(generate: Any) -> None:
    pytest.importorskip("pydantic")
    pytest.importorskip("msgspec")
    baselines = importlib.import_module("benchmarks.baselines")

    text = json.dumps(generate.document(200))
    plan = remediation.loads(text)
    model = baselines.pydantic_adapter().validate_json(text)
    struct = baselines.msgspec_decoder().decode(text)
    for decoded in (model, struct):
        assert sum(len(group.items) for group in decoded.phases + decoded.next_steps) == 200
        assert len(decoded.evidence) == len(plan.evidence)
        assert len(decoded.criteria) == len(plan.criteria)


def test_the_portfolio_rows_compare_one_process_with_several(run: Any) -> None:
    # A broken file among the generated ones is reported and the rest evaluated (checked
    # inside); both tables are the same; the speed-up is one timing over the other.
    rows = run.portfolio_rows(6, items=30, workers=2)
    one, many, speed_up, _ = rows
    assert one.operation == "evaluate a directory: 6 assessments of 30 items, 1 process"
    assert (many.operation.strip(), many.baseline) == ("on 2 processes", "1 process")
    assert speed_up.value == pytest.approx(one.value.on / many.value.on)
    assert "| x" not in run.table("portfolio", rows)
    assert f"{speed_up.value:,.2f}x" in run.table("portfolio", rows)


def test_synthetic_plans_have_claims_relations_and_series(generate: Any) -> None:
    plan = remediation.loads(json.dumps(generate.document(500)))
    result = remediation.evaluate(plan)
    assert any(isinstance(e, remediation.SeriesEvidence) for e in plan.evidence)
    assert any(c.scope is not None and c.scope.sum_of for c in plan.claims)
    assert any(c.key is not None for c in plan.claims)
    assert plan.relations
    assert {f.code for f in result.findings} >= {
        "sum-mismatch",
        "claim-conflict",
        "series-wrong-direction",
    }


def test_growth_per_tenfold_flags_what_grows_faster_than_linear(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    growth = _benchmark_module(monkeypatch, "growth")
    rows = _benchmark_module(monkeypatch, "rows")
    measured = _benchmark_module(monkeypatch, "harness").Measured

    def timings(size: int) -> list[Any]:
        return [
            rows.Row("linear", measured(size * 1e-6, size * 1e-6)),
            rows.Row("quadratic", measured(size**2 * 1e-9, size * 1e-6)),
            rows.Row("  (a view of one)", measured(size**2 * 1e-9, 1.0)),
            rows.Row("peak memory", measured(size**2, size**2), unit="MiB"),
        ]

    by_size = {size: timings(size) for size in (1_000, 4_000, 10_000)}
    assert growth.per_tenfold(1.0, 4.0, 1_000, 4_000) == pytest.approx(10.0)
    assert growth.flagged(by_size) == ["quadratic"]  # on the collector-on figures only
    text = growth.growth_table(by_size)
    assert "| quadratic | on | 100.0x | 100.0x | ❌ **above 13x** |" in text
    assert "| quadratic | off | 10.0x | 10.0x |  |" in text
    assert "| linear | on | 10.0x | 10.0x | ✅ linear |" in text
    assert "(a view of one)" not in text
    assert "peak memory" not in text
