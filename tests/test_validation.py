"""Bad input: every problem in one pass, with path, code and what was expected; limits."""

from __future__ import annotations

import json
from typing import Any

import pytest

import remediation
from remediation import Limits
from remediation.exceptions import (
    ERROR_CODES,
    FormatError,
    PlanValidationError,
    RemediationError,
)

HEADER: dict[str, Any] = {
    "schema_version": 1,
    "id": "plan",
    "issue": "#7",
    "title": "Checkout errors",
    "date": "2025-05-01",
}


def problems(document: dict[str, Any], **options: Any) -> list[tuple[str, str, str]]:
    with pytest.raises(PlanValidationError) as raised:
        remediation.loads(json.dumps(document), **options)
    return [(e.path, e.code, e.detail) for e in raised.value.errors]


def test_every_problem_is_reported_in_one_pass_in_document_order() -> None:
    document = {
        **HEADER,
        "date": "2025-05-32",
        "titel": "typo",
        "phases": [
            {
                "id": "p",
                "title": "P",
                "timebox": "fortnight-ish",
                "items": [
                    {"id": "a", "title": "A", "status": "halfway", "weight": -2},
                    {"id": "b", "title": 5, "status": "done", "fraction": 1.5},
                ],
            }
        ],
        "criteria": [{"id": "c", "title": "C", "target": "<<10", "baseline": 40}],
        "evidence": [
            {"kind": "test_run", "id": "r", "suite": "unit", "failed": -1, "passed": 3},
            {"kind": "measurement", "id": "m", "metric": "m", "value": 140, "unit": "%"},
        ],
    }
    found = problems(document)
    assert [(path, code) for path, code, _ in found] == [
        ("$.criteria[0].target", "malformed-target"),
        ("$.date", "malformed-date"),
        ("$.evidence[0].failed", "out-of-range"),
        ("$.evidence[1].value", "out-of-range"),
        ("$.phases[0].items[0].status", "unknown-status"),
        ("$.phases[0].items[0].weight", "out-of-range"),
        ("$.phases[0].items[1].fraction", "out-of-range"),
        ("$.phases[0].items[1].title", "wrong-type"),
        ("$.phases[0].timebox", "malformed-duration"),
        ("$.titel", "unknown-field"),
    ]
    details = {path: detail for path, _, detail in found}
    assert "did you mean 'title'?" in details["$.titel"]
    assert details["$.phases[0].items[0].status"].startswith("unknown status; ")
    assert "{label: 'halfway', progress: " in details["$.phases[0].items[0].status"]
    assert "docs/format.md" in details["$.phases[0].items[0].status"]
    assert details["$.phases[0].items[1].title"] == "expected a string, got an integer 5"
    assert details["$.evidence[0].failed"] == "expected a number >= 0, got -1"


def test_keys_that_look_like_digits_but_are_not_sort_as_names() -> None:
    # "²" and "٣" are digits to str.isdigit(), but no list index: a path holding
    # them must still be reported, not crash the sorting of the problems.
    document = {**HEADER, "id": 3, "why": [{"²": None, "٣": 1}]}
    found = [(path, code) for path, code, _ in problems(document)]
    assert ("$.id", "wrong-type") in found
    assert ("$.why[0].²", "unknown-field") in found
    assert ("$.why[0].٣", "unknown-field") in found


@pytest.mark.parametrize(
    ("target", "code"),
    [("<10%", None), ("<<10", "malformed-target"), ("<150%", "out-of-range"), ("", None)],
)
def test_targets(target: str, code: str | None) -> None:
    criterion = {"id": "c", "title": "C", "target": target}
    document = {**HEADER, "criteria": [criterion]}
    if target == "":
        found = problems(document)
        assert found[0][:2] == ("$.criteria[0].target", "malformed-target")
    elif code is None:
        assert remediation.loads(json.dumps(document)).criteria[0].target is not None
    else:
        assert problems(document)[0][:2] == ("$.criteria[0].target", code)


def test_percentages_of_a_percent_criterion_stay_within_0_and_100() -> None:
    criterion = {"id": "c", "title": "C", "target": ">90%", "baseline": -1, "current": 101}
    found = problems({**HEADER, "criteria": [criterion]})
    assert [(path, code) for path, code, _ in found] == [
        ("$.criteria[0].baseline", "out-of-range"),
    ]
    assert "percentage from 0 to 100" in found[0][2]


def test_a_stated_rate_the_counts_contradict_loads_unless_strict() -> None:
    run = {"kind": "test_run", "id": "r", "suite": "unit", "failed": 20, "passed": 17}
    document = {**HEADER, "evidence": [{**run, "stated_failure_rate": 45}]}
    plan = remediation.loads(json.dumps(document))
    finding = remediation.evaluate(plan).findings[0]
    assert finding.code is remediation.FindingCode.TEST_RATE_MISMATCH
    (problem,) = problems(document, strict=True)
    assert problem[:2] == ("$.evidence[0].stated_failure_rate", "rate-contradicts-counts")
    agreeing = {**HEADER, "evidence": [{**run, "stated_failure_rate": 54}]}
    assert remediation.loads(json.dumps(agreeing), strict=True).evidence


def test_numbers_are_not_guessed_from_text_nor_lists_from_strings() -> None:
    run = {"kind": "test_run", "id": "r", "suite": "unit", "failed": "3", "passed": 1.5}
    found = problems({**HEADER, "labels": "one", "evidence": [run]})
    assert [(path, code) for path, code, _ in found] == [
        ("$.evidence[0].failed", "wrong-type"),
        ("$.evidence[0].passed", "wrong-type"),
        ("$.labels", "wrong-type"),
    ]


# --------------------------------------------------------------------------- limits


def test_a_document_over_the_size_limit_is_refused_before_parsing() -> None:
    text = json.dumps({**HEADER, "summary": "x" * 1000})
    with pytest.raises(FormatError) as raised:
        remediation.loads(text, limits=Limits(max_bytes=100))
    assert raised.value.code == "too-large"
    assert "max_bytes" in str(raised.value)


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path: Any) -> None:
    path = tmp_path / "big.json"
    path.write_text(json.dumps({**HEADER, "summary": "x" * 1000}))
    with pytest.raises(FormatError, match="more than the limit of 100"):
        remediation.load(path, limits=Limits(max_bytes=100))


@pytest.mark.parametrize("format_", ["json", "yaml"])
def test_ten_thousand_levels_of_nesting_fail_cleanly(format_: remediation.Format) -> None:
    text = "[" * 10_000 + "]" * 10_000
    with pytest.raises(FormatError) as raised:
        remediation.loads(text, format_)
    assert raised.value.code == "too-deep"


def test_deep_free_form_fields_are_refused() -> None:
    nested: Any = "leaf"
    for _ in range(100):
        nested = {"x": nested}
    (problem,) = problems({**HEADER, "extra": nested})
    assert problem[1] == "too-deep"
    assert problem[0].startswith("$.extra.x.x")


def test_a_multi_megabyte_string_is_refused() -> None:
    (problem,) = problems({**HEADER, "summary": "x" * (3 * 2**20)})
    assert problem[:2] == ("$.summary", "too-large")
    text = json.dumps({**HEADER, "summary": "x" * 5000})
    assert remediation.loads(text, limits=Limits(max_string=5000)).summary == "x" * 5000


def test_ids_and_references_over_the_string_limit_are_refused() -> None:
    # ASCII ids and references take a shorter path than other text: it keeps the limit.
    long_id = "x" * 60
    item = {"id": long_id, "title": "A", "status": "open", "depends_on": [long_id + "y"]}
    text = json.dumps({**HEADER, "phases": [{"id": "p", "title": "P", "items": [item]}]})
    with pytest.raises(PlanValidationError) as raised:
        remediation.loads(text, limits=Limits(max_string=50))
    assert {(e.path, e.code) for e in raised.value.errors} == {
        ("$.phases[0].items[0].id", "too-large"),
        ("$.phases[0].items[0].depends_on[0]", "too-large"),
    }


def test_a_yaml_alias_bomb_fails_fast() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 10) + "]")
    with pytest.raises(FormatError, match="expands to more than"):
        remediation.loads("\n".join(lines), "yaml")


def test_a_recursive_yaml_alias_is_refused() -> None:
    with pytest.raises(FormatError, match="refers to itself"):
        remediation.loads("schema_version: 1\nextra: &loop {again: *loop}\n", "yaml")


def test_small_alias_use_is_fine() -> None:
    text = (
        "schema_version: 1\nid: p\nissue: '#1'\ntitle: T\ndate: 2025-01-01\n"
        "labels: &labels [a, b]\nextra: {copy: *labels}\n"
    )
    assert remediation.loads(text, "yaml").extra["copy"] == ["a", "b"]


@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object/apply:os.system ['touch /tmp/pwned']",
        "!!python/name:os.system",
        "!!python/object/new:subprocess.Popen [['true']]",
    ],
)
def test_nothing_in_a_yaml_document_runs_code(tag: str) -> None:
    with pytest.raises(FormatError, match="not valid YAML"):
        remediation.loads(f"schema_version: 1\nextra: {tag}\n", "yaml")


# --------------------------------------------------------------------------- codes


def test_every_code_raised_here_is_listed() -> None:
    codes = {code for code, _ in ERROR_CODES}
    assert {
        "malformed-target",
        "malformed-date",
        "out-of-range",
        "unknown-status",
        "wrong-type",
        "malformed-duration",
        "unknown-field",
        "too-large",
        "too-deep",
        "rate-contradicts-counts",
    } <= codes
    assert len(codes) == len(ERROR_CODES)


def test_errors_are_library_errors_and_builtin_ones() -> None:
    with pytest.raises(PlanValidationError) as raised:
        remediation.loads(json.dumps({**HEADER, "title": 1}))
    assert isinstance(raised.value, RemediationError)
    assert isinstance(raised.value, ExceptionGroup)
    assert isinstance(raised.value.errors[0], ValueError)


def test_reference_problems_are_reported_with_value_problems() -> None:
    items = [
        {"id": "a", "title": "A", "status": "halfway", "depends_on": ["b"]},
        {"id": "b", "title": 5, "status": "done", "depends_on": ["a"]},
        {"id": "a", "title": "Again", "status": "done", "addresses": ["nope", 3]},
        "not a record",
        {"title": "No id", "status": "open", "depends_on": ["ghost"]},
    ]
    criterion = {"id": "c", "title": "C", "target": "<<1", "current_from": {"evidence": "r2"}}
    document = {
        **HEADER,
        "phases": [{"id": "p", "title": "P", "items": items}],
        "criteria": [criterion],
    }
    # The problems of values and fields first (they are often the cause), then those
    # between records; each group in document order.
    assert [(path, code) for path, code, _ in problems(document)] == [
        ("$.criteria[0].target", "malformed-target"),
        ("$.phases[0].items[0].status", "unknown-status"),
        ("$.phases[0].items[1].title", "wrong-type"),
        ("$.phases[0].items[2].addresses[1]", "wrong-type"),
        ("$.phases[0].items[3]", "wrong-type"),
        ("$.phases[0].items[4].id", "missing-field"),
        ("$.criteria[0].current_from.evidence", "dangling-reference"),
        ("$.phases[0].items[0]", "dependency-cycle"),
        ("$.phases[0].items[2]", "duplicate-id"),
        ("$.phases[0].items[2].addresses[0]", "dangling-reference"),
    ]
