"""JSON written from the records directly is the text of the plain data, byte for byte."""

from __future__ import annotations

import datetime as dt
import math
import types

import attrs
import pytest
from hypothesis import given, settings

import remediation
from remediation import examples
from remediation.io.converter import VALUE_CLASSES, make_converter
from remediation.io.formats import SCHEMA_VERSION, dumps, to_data
from remediation.io.json_text import indented
from remediation.io.record_text import RecordText
from remediation.model.policy import ClosingPolicy, FindingSeverity, Suppression
from remediation.model.records import Assessment, Phase, WorkItem
from remediation.model.status import Progress, Status
from remediation.testing.strategies import assessments

PROPERTY = settings(max_examples=60, deadline=None)


def _old(obj: object) -> str:
    """What dumps wrote before: the converter's plain data, then the text of it."""
    return indented(to_data(obj)) + "\n"  # type: ignore[arg-type]


@PROPERTY
@given(assessments(max_phases=4, max_items=6, max_evidence=8, max_criteria=6))
def test_an_assessment_is_written_as_its_plain_data(assessment: Assessment) -> None:
    assert dumps(assessment) == _old(assessment)


@settings(max_examples=20, deadline=None)
@given(assessments(max_phases=3, max_items=4))
def test_an_evaluation_is_written_as_its_plain_data(assessment: Assessment) -> None:
    evaluation = remediation.evaluate(assessment)
    assert dumps(evaluation) == _old(evaluation)


def test_the_reference_example_and_its_evaluation() -> None:
    plan = examples.issue_1176()
    for document in (plan, remediation.evaluate(plan), remediation.Policy()):
        assert dumps(document) == _old(document)


def test_a_value_the_annotation_does_not_describe_is_written_the_slow_way() -> None:
    # attrs does not check types: a number in a text field is written as the
    # converter's plain data has it, not refused.
    item = attrs.evolve(WorkItem(id="a", title="A"), owner=7)  # type: ignore[arg-type]
    plan = Assessment(id="p", title="P", phases=(Phase(id="ph", title="Ph", items=(item,)),))
    text = dumps(plan)
    assert '"owner": 7' in text
    assert text == _old(plan)
    with pytest.raises(TypeError):
        RecordText(make_converter(), VALUE_CLASSES).document(plan, {"kind": "assessment"})


def test_a_float_that_is_not_a_number_is_refused_as_before() -> None:
    item = WorkItem(id="a", title="A", fraction=0.5)
    object.__setattr__(item, "fraction", math.nan)
    plan = Assessment(id="p", title="P", phases=(Phase(id="ph", title="Ph", items=(item,)),))
    with pytest.raises(ValueError, match="not JSON compliant"):
        dumps(plan)


def test_defaults_are_left_out_by_equality_not_identity() -> None:
    # An equal status built anew is the default, left out as cattrs leaves it out;
    # free-form fields equal to an empty mapping too.
    item = WorkItem(
        id="a", title="A", status=Status(Progress.UNKNOWN), extra=types.MappingProxyType({})
    )
    plan = Assessment(id="p", title="P", phases=(Phase(id="ph", title="Ph", items=(item,)),))
    assert '"status"' not in dumps(plan)
    assert dumps(plan) == _old(plan)


def test_a_document_starts_with_its_version_and_kind() -> None:
    text = dumps(Assessment(id="p", title="P"))
    assert text == (
        f'{{\n  "schema_version": {SCHEMA_VERSION},\n  "kind": "assessment",\n'
        '  "id": "p",\n  "title": "P"\n}\n'
    )


def test_a_policy_is_written_as_before() -> None:
    suppression = Suppression(
        code="y",
        justification="no: reason",
        author="me",
        ids=("a", "b"),
        expires=dt.date(2025, 1, 2),
    )
    policy = remediation.Policy(
        severities={"status-without-evidence": FindingSeverity.ERROR},
        disabled=("x",),
        suppressions=(suppression,),
        closing=ClosingPolicy(accepted=[*ClosingPolicy().accepted, "deferred"]),
    )
    for document in (policy, remediation.Policy()):
        assert dumps(document) == _old(document)
