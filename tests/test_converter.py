"""The converters: one set of hooks, fast and detailed only in how they fail."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from cattrs.errors import ClassValidationError

from remediation import Assessment, TestRunEvidence, examples, to_data
from remediation.io.converter import make_converter, make_fast_converter
from remediation.io.errors import HookError, collect_errors


def _record_in(module: str) -> type[Any]:
    @attrs.frozen
    class Record:
        value: int = 0
        note: str | None = None

    Record.__module__ = module
    return Record


@pytest.mark.parametrize(
    "module", ["remediation.evaluation.results", "remediation.evaluation.schedule"]
)
def test_records_of_every_evaluation_module_are_written_with_every_field(module: str) -> None:
    record = _record_in(module)
    assert make_converter().unstructure(record()) == {"value": 0, "note": None}


@pytest.mark.parametrize("module", ["remediation.model.records", "remediation.evaluations"])
def test_other_records_are_written_without_their_defaults(module: str) -> None:
    record = _record_in(module)
    assert make_converter().unstructure(record()) == {}


def _body() -> dict[str, Any]:
    data = to_data(examples.issue_1176())
    return {k: v for k, v in data.items() if k not in ("schema_version", "kind")}


@pytest.mark.parametrize(
    ("where", "value", "detail"),
    [
        (("evidence", 0, "kind"), "comit", "did you mean 'commit'?"),
        (("evidence", 0), "a note", "expected a mapping with a 'kind', got a string"),
        (("phases", 0, "items"), "a, b", "expected a list, got a string 'a, b'"),
    ],
)
def test_the_fast_converter_says_what_its_first_problem_is(
    where: tuple[Any, ...], value: object, detail: str
) -> None:
    body = _body()
    node: Any = body
    for step in where[:-1]:
        node = node[step]
    node[where[-1]] = value
    with pytest.raises(HookError) as fast:  # a fast record adds no exception group
        make_fast_converter().structure(body, Assessment)
    with pytest.raises(ClassValidationError) as detailed:
        make_converter().structure(body, Assessment)
    assert [e.detail for e in collect_errors(detailed.value)] == [fast.value.detail]
    assert detail in fast.value.detail


def test_the_detailed_converter_reports_every_problem_with_its_path() -> None:
    data = {"id": "r", "suite": 3, "failed": -1, "passed": 2, "ran_at": "noon", "sute": "x"}
    with pytest.raises(ClassValidationError) as raised:
        make_converter().structure(data, TestRunEvidence)
    found = {(e.path, e.code) for e in collect_errors(raised.value)}
    assert found == {
        ("$.sute", "unknown-field"),
        ("$.suite", "wrong-type"),
        ("$.ran_at", "malformed-date"),
        ("$.failed", "out-of-range"),
    }


def test_the_converters_build_the_same_records() -> None:
    body = _body()
    assert make_fast_converter().structure(body, Assessment) == make_converter().structure(
        body, Assessment
    )


def test_each_call_makes_a_new_converter() -> None:
    assert make_converter() is not make_converter()
    assert make_fast_converter() is not make_fast_converter()
