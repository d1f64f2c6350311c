"""The exported JSON Schema matches the records and what the loader accepts."""

from __future__ import annotations

import json
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given, settings

import remediation
from remediation.io.record_hooks import EVIDENCE_KINDS
from remediation.model import records
from remediation.testing.strategies import assessments


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = remediation.json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def record_classes() -> list[type[Any]]:
    return [value for name in records.__all__ if attrs.has(value := getattr(records, name))]


@pytest.mark.parametrize("cls", record_classes(), ids=lambda cls: cls.__name__)
def test_every_field_of_every_record_is_in_the_schema(cls: type[Any]) -> None:
    schema = remediation.json_schema()
    definition = schema if cls is remediation.Assessment else schema["$defs"][cls.__name__]
    fields = {field.name for field in attrs.fields(cls) if field.init}  # not what it keeps
    if cls is remediation.Assessment:
        added = {"schema_version", "kind"}
    elif cls in EVIDENCE_KINDS.values():
        added = {"kind"}  # which kind of evidence: the converter's tag
    else:
        added = set()
    assert set(definition["properties"]) == fields | added
    required = {f.name for f in attrs.fields(cls) if f.default is attrs.NOTHING}
    optional_kind = {"kind"} if cls is remediation.Assessment else set()  # assessments may omit it
    assert set(definition["required"]) == required | (added - optional_kind)
    assert definition["additionalProperties"] is False


def test_the_reference_example_and_its_evaluation_are_valid(
    validator: jsonschema.Draft202012Validator,
) -> None:
    plan = remediation.examples.issue_1176()
    assert list(validator.iter_errors(remediation.to_data(plan))) == []
    evaluation_schema = remediation.json_schema("evaluation")
    evaluation = remediation.to_data(remediation.evaluate(plan))
    assert list(jsonschema.Draft202012Validator(evaluation_schema).iter_errors(evaluation)) == []


@settings(max_examples=40, deadline=None)
@given(assessments())
def test_every_generated_assessment_is_valid_by_the_schema(
    validator: jsonschema.Draft202012Validator, plan: remediation.Assessment
) -> None:
    document = json.loads(remediation.dumps(plan))
    assert list(validator.iter_errors(document)) == []


def test_the_schema_refuses_what_the_loader_refuses(
    validator: jsonschema.Draft202012Validator,
) -> None:
    document = remediation.to_data(remediation.examples.issue_1176())
    document["phases"][0]["itmes"] = []
    document["phases"][1]["items"][0]["weight"] = "heavy"
    document["criteria"][0]["category"] = "finance"
    paths = sorted(
        "$." + ".".join(str(p) for p in error.absolute_path)
        for error in validator.iter_errors(document)
    )
    assert paths == [
        "$.criteria.0.category",
        "$.phases.0",
        "$.phases.1.items.0.weight",
    ]


def test_schema_of_an_unknown_kind_is_an_error() -> None:
    with pytest.raises(ValueError, match="expected 'assessment' or 'evaluation'"):
        remediation.json_schema("report")  # type: ignore[arg-type]
