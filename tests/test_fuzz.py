"""Fuzzing: mutated documents fail only with remediation errors, never hang.

Hypothesis takes valid documents (the reference example and a small plan),
mutates them (values replaced by any JSON value, keys dropped or added, list
entries repeated, references pointed elsewhere, text cut or corrupted), and
reads the result as JSON or YAML. Every outcome must be a valid assessment
that evaluates, or a :class:`~remediation.exceptions.RemediationError`.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import remediation
from remediation.exceptions import ERROR_CODES, DocumentError, PlanValidationError, RemediationError
from remediation.io.converter import make_converter, make_fast_converter

CODES = {code for code, _ in ERROR_CODES}

SMALL: dict[str, Any] = {
    "schema_version": 1,
    "id": "small",
    "issue": "#2",
    "title": "Small plan",
    "date": "2025-01-31",
    "why": [{"id": "w", "question": "Why?", "finding": "Because."}],
    "phases": [
        {
            "id": "p",
            "title": "P",
            "timebox": "1 month",
            "items": [
                {"id": "a", "title": "A", "status": "done", "evidence": ["n"]},
                {"id": "b", "title": "B", "status": "partial", "depends_on": ["a"]},
                {"id": "c", "title": "C", "status": "❌ CRITICAL", "addresses": ["g", "w"]},
            ],
        }
    ],
    "gaps": [{"id": "g", "title": "G", "measurement": "r", "threshold": "<10%"}],
    "criteria": [
        {
            "id": "k",
            "title": "K",
            "target": "<10%",
            "baseline": 50,
            "current_from": {"evidence": "r"},
        }
    ],
    "evidence": [
        {"kind": "note", "id": "n", "text": "shipped"},
        {"kind": "test_run", "id": "r", "suite": "unit", "failed": 3, "passed": 7},
    ],
}
BASES = [SMALL, remediation.to_data(remediation.examples.issue_1176())]

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20)
    | st.sampled_from(["done", "<10%", "2 weeks", "2025-02-30", "a", "p", "g", "w", "r", "k"]),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)


def paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found.extend(paths(value, (*prefix, key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.extend(paths(value, (*prefix, index)))
    return found


def parent_of(document: Any, path: tuple[Any, ...]) -> Any:
    node = document
    for step in path[:-1]:
        node = node[step]
    return node


@st.composite
def mutated_documents(draw: st.DrawFn) -> Any:
    document = copy.deepcopy(draw(st.sampled_from(BASES)))
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        candidates = [p for p in paths(document) if p]
        if not candidates:
            break
        path = draw(st.sampled_from(candidates))
        parent, last = parent_of(document, path), path[-1]
        action = draw(st.sampled_from(["replace", "drop", "add", "repeat", "retarget"]))
        if action == "replace":
            parent[last] = draw(json_values)
        elif action == "drop":
            del parent[last]
        elif action == "add" and isinstance(parent, dict):
            parent[draw(st.text(max_size=10))] = draw(json_values)
        elif action == "repeat" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[last]))
        elif action == "retarget" and isinstance(parent[last], str):
            ids = [str(v) for p in paths(document) if p and p[-1] == "id"
                   for v in [parent_of(document, p)["id"]]]  # fmt: skip
            parent[last] = draw(st.sampled_from([*ids, "nowhere"]))
    return document


FORMATS: tuple[remediation.Format, ...] = ("json", "yaml")


def to_text(draw: Any, document: Any) -> tuple[remediation.Format, str]:
    fmt = draw(st.sampled_from(FORMATS))
    if fmt == "json":
        text = json.dumps(document, ensure_ascii=False, allow_nan=True)
    else:
        text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
    if draw(st.booleans()):
        return fmt, text
    cut = draw(st.integers(min_value=0, max_value=len(text)))
    noise = draw(st.text(max_size=3))
    return fmt, text[:cut] + noise + text[cut + draw(st.integers(0, 3)) :]


def problems_of(fmt: remediation.Format, text: str | bytes) -> list[Any] | None:
    """The problems reading *text* reports, or None when it reads."""
    try:
        remediation.loads(text, fmt)
    except PlanValidationError as group:
        return list(group.errors)
    except RemediationError as error:
        return [error]
    return None


def read(fmt: remediation.Format, text: str) -> None:
    found = problems_of(fmt, text)
    if found is not None:
        assert found
        for problem in found:
            assert getattr(problem, "code", None) in CODES
            assert not isinstance(problem, DocumentError) or problem.path.startswith("$")
        return
    plan = remediation.loads(text, fmt)
    result = remediation.evaluate(plan, as_of=dt.date(2025, 2, 1))
    assert remediation.loads(remediation.dumps(result), kind=remediation.Evaluation) == result


FUZZ = settings(
    max_examples=1500,
    deadline=dt.timedelta(seconds=10),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@FUZZ
@given(st.data())
def test_mutated_documents_fail_only_with_library_errors(data: st.DataObject) -> None:
    document = data.draw(mutated_documents())
    fmt, text = to_text(data.draw, document)
    read(fmt, text)


@FUZZ
@given(st.binary(max_size=200) | st.text(max_size=200), st.sampled_from(FORMATS))
def test_arbitrary_bytes_fail_only_with_library_errors(
    text: bytes | str, fmt: remediation.Format
) -> None:
    found = problems_of(fmt, text) or []
    assert all(getattr(problem, "code", None) in CODES for problem in found)


def structured(converter: Any, document: Any) -> tuple[bool, Any]:
    """(True, the assessment) or (False, the error) of structuring *document*."""
    body = {k: v for k, v in document.items() if k not in ("schema_version", "kind")}
    try:
        return True, converter.structure(body, remediation.Assessment)
    except Exception as error:  # any failure is an outcome here
        return False, error


# No deadline: a slow example on a loaded CI machine is not a failure of the reader.
@settings(max_examples=600, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(mutated_documents())
def test_the_fast_reader_builds_what_the_detailed_one_builds(document: Any) -> None:
    # Loading reads with the fast converter and falls back to the detailed one
    # only when it fails: whatever the fast one builds, the detailed one must build too.
    if not isinstance(document, dict):
        return
    fast_ok, fast = structured(make_fast_converter(), document)
    detailed_ok, detailed = structured(make_converter(), document)
    if fast_ok:
        assert detailed_ok, detailed
        assert fast == detailed
