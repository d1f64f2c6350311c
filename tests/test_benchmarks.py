"""Smoke test of the benchmark: the documented command runs on a tiny size.

The benchmark itself is not part of the test run (it takes minutes at 100k
items); this only checks that it still runs and that its synthetic plans and
baseline schemas agree with the library. The baseline checks need the
``bench`` extra (pydantic, msgspec) and are skipped without it.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import remediation
from remediation.evaluator import evaluate as evaluate_in_full

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def generate(monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.syspath_prepend(str(ROOT))  # the benchmarks live beside the tests
    return importlib.import_module("benchmarks.generate")


def test_the_benchmark_command_runs_on_a_tiny_size() -> None:
    command = [sys.executable, "-m", "benchmarks", "--sizes", "30,60", "--repeat", "1"]
    command += ["--samples", "3", "--yaml-max", "60"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)  # noqa: S603
    assert result.returncode == 0, result.stderr
    smaller, largest = result.stdout.split("**60 work items**")
    for row in ("load JSON", "load YAML", "full evaluation", "what-if"):
        assert f"| {row}" in smaller
        assert f"| {row}" in largest
    assert "| import remediation" in smaller
    # The targets are set for the largest plan of the run, and checked there only.
    assert "<= 1% of full evaluation" not in smaller
    assert "<= 1% of full evaluation" in largest


@pytest.mark.parametrize("items", [0, 1, 25, 300])
def test_synthetic_plans_are_valid_and_have_the_requested_size(generate: Any, items: int) -> None:
    data = generate.document(items)
    plan = remediation.loads(json.dumps(data))
    assert len(plan.items) == items
    assert data == generate.document(items)  # reproducible
    result = remediation.evaluate(plan)
    assert result == evaluate_in_full(plan)


def test_synthetic_plans_have_what_real_ones_have(generate: Any) -> None:
    plan = remediation.loads(json.dumps(generate.document(500)))
    result = remediation.evaluate(plan)
    for records in (plan.gaps, plan.criteria, plan.root_causes, plan.next_steps):
        assert records
    assert any(item.depends_on for item in plan.items)
    for derived in (result.blocked, result.actionable, result.schedule.critical_path):
        assert derived
    assert {f.code for f in result.findings} >= {"overdue", "phase-status-mismatch"}


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
