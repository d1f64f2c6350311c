"""YAML written by :class:`remediation.io.yaml_text.YamlText` is what PyYAML's dumper writes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

import remediation
from remediation import examples
from remediation.io.formats import dumps, to_data
from remediation.io.yaml import dump_yaml, dump_yaml_with_pyyaml, yaml_text_writer
from remediation.io.yaml_text import Unusual, YamlText
from remediation.model.duration import Duration
from remediation.model.policy import ClosingPolicy, FindingSeverity, Suppression
from remediation.model.records import Assessment, Phase, WorkItem
from remediation.testing.strategies import assessments

# Texts that YAML reads as something else, or that need quotes, escapes or folding.
TRICKY = [
    "",
    " ",
    "a ",
    " a",
    "yes",
    "No",
    "on",
    "OFF",
    "y",
    "n",
    "null",
    "Null",
    "~",
    "true",
    "False",
    "12",
    "-3",
    "+4",
    "0x1F",
    "0o17",
    "1_000",
    "1.5",
    "1e3",
    ".5",
    ".inf",
    "-.Inf",
    ".nan",
    "2025-01-02",
    "2025-01-02 10:00:00",
    "1:20",
    "<<",
    "=",
    "!x",
    "&a",
    "*a",
    "%x",
    "@x",
    "`x",
    "|",
    ">",
    "'",
    '"',
    "a'b",
    'a"b',
    "#x",
    "a #b",
    "a#b",
    "a:",
    "a: b",
    "a:b",
    ":a",
    ": a",
    "?",
    "? a",
    "?a",
    "-",
    "- a",
    "-a",
    "--- a",
    "...",
    "a\tb",
    "\t",
    "a\nb",
    "a\n",
    "\n",
    "a \nb",
    "a\n b",
    "a\u2028b",
    "a\u2029b",
    "a\x85b",
    "\ufeffa",
    "a\x7fb",
    "\x00",
    "a\x1bb",
    "\u00a0",
    "a\u00a0b",
    "🚨 CRITICAL",
    "✅ **DONE**",
    "⚠️ PARTIAL",
    "é",
    "日本語: テキスト",
    "\U0010fffe",
    "\U0010ffff",
    "[a]",
    "{a: 1}",
    "a, b",
    "a,b",
    "x" * 150,
    "word " * 40,
    ("long-word " * 12).strip(),
    "a" + " " * 5 + "b",
    "ends with a space, long enough to be folded past the hundredth column of text here ",
]

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text()
    | st.sampled_from(TRICKY)
    | st.text(alphabet=st.sampled_from(list(" :#-'\"\n\tab🚨\u2028")), max_size=12)
    | st.lists(st.sampled_from(["word", "x" * 30, " ", "'", ":"]), max_size=12).map("".join)
)
KEYS = st.text(max_size=8) | st.sampled_from(TRICKY)
DATA = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=25,
)


def _writer() -> YamlText:
    return yaml_text_writer()


def _documents(value: Any) -> list[dict[str, Any]]:
    """*value* at the top of a document, and nested a few levels deep (folding moves)."""
    return [{"k": value}, {"a": [{"bb": {"ccc": [[value]]}}]}, {"key": {"n": [value, value]}}]


@settings(max_examples=300, deadline=None)
@given(DATA)
@example("a\u2028b")
@example("x" * 98 + " y")
def test_the_text_is_what_pyyaml_writes_and_reads_back(value: Any) -> None:
    for data in _documents(value):
        expected = dump_yaml_with_pyyaml(data)
        try:
            text = _writer().document(data)
        except Unusual:
            continue  # written by PyYAML: dump_yaml gives its text
        assert text == expected
        assert yaml.safe_load(text) == data


@pytest.mark.parametrize("value", TRICKY)
def test_every_tricky_text_reads_back_as_itself(value: str) -> None:
    for data in _documents(value):
        text = dump_yaml(data)
        assert text == dump_yaml_with_pyyaml(data)
        assert yaml.safe_load(text) == data


@settings(max_examples=300, deadline=None)
@given(st.text(), st.integers(min_value=0, max_value=6))
def test_any_text_at_any_depth(value: str, depth: int) -> None:
    data: Any = value
    for level in range(depth):
        data = {"k" * level: data} if level % 2 else [data]
    document = {"key": data}
    text = dump_yaml(document)
    assert text == dump_yaml_with_pyyaml(document)
    assert yaml.safe_load(text) == document


def test_numbers_as_pyyaml_writes_them() -> None:
    data = {"n": [float("nan"), float("inf"), -float("inf"), 1e16, 1e-7, -0.0, 10**30, True]}
    assert _writer().document(data) == dump_yaml_with_pyyaml(data)
    assert ".nan" in dump_yaml(data)


def test_a_list_or_mapping_seen_twice_is_an_alias_written_by_pyyaml() -> None:
    shared = ["a"]
    data = {"x": shared, "y": shared}
    with pytest.raises(Unusual):
        _writer().document(data)
    assert dump_yaml(data) == dump_yaml_with_pyyaml(data)
    assert "&id001" in dump_yaml(data)


@pytest.mark.parametrize(
    "data",
    [{1: "a"}, {"k": (1, 2)}, {"k": {"x" * 130: 1}}, {"k": {"a\nb": 1}}, {"": 1}, [1], {}],
)
def test_what_this_writer_does_not_write_pyyaml_does(data: Any) -> None:
    with pytest.raises(Unusual):
        _writer().document(data)


@settings(max_examples=40, deadline=None)
@given(assessments(max_phases=4, max_items=6, max_evidence=8, max_criteria=6))
def test_a_plan_is_written_as_pyyaml_writes_it(assessment: Assessment) -> None:
    data = to_data(assessment)
    assert dumps(assessment, "yaml") == dump_yaml_with_pyyaml(data)


def test_the_reference_example_and_its_evaluation() -> None:
    plan = examples.issue_1176()
    for document in (plan, remediation.evaluate(plan)):
        assert dumps(document, "yaml") == dump_yaml_with_pyyaml(to_data(document))


# --------------------------------------------------------------------------- from the records


def _plan_with(text: str) -> Assessment:
    item = WorkItem(
        id="item-1", title=text, owner=text, tasks=(text, "b"), estimate=Duration.parse("2 days")
    )
    phase = Phase(id="phase-1", title=text, items=(item,))
    return Assessment(id="plan", title=text, phases=(phase,))


@pytest.mark.parametrize("value", [t for t in TRICKY if t.isprintable() or "\n" in t])
def test_tricky_texts_in_records_are_written_as_pyyaml_writes_them(value: str) -> None:
    plan = _plan_with(value)
    text = dumps(plan, "yaml")
    assert text == dump_yaml_with_pyyaml(to_data(plan))
    assert yaml.safe_load(text) == to_data(plan)


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1))
def test_any_text_in_a_record_is_written_as_pyyaml_writes_it(value: str) -> None:
    plan = _plan_with(value)
    assert dumps(plan, "yaml") == dump_yaml_with_pyyaml(to_data(plan))


@settings(max_examples=20, deadline=None)
@given(assessments(max_phases=3, max_items=4))
def test_an_evaluation_is_written_as_pyyaml_writes_it(assessment: Assessment) -> None:
    evaluation = remediation.evaluate(assessment)
    assert dumps(evaluation, "yaml") == dump_yaml_with_pyyaml(to_data(evaluation))


def test_a_record_twice_is_written_twice_as_its_plain_data_is() -> None:
    # The plain data of a record is new each time it is unstructured: no alias.
    item = WorkItem(id="i", title="T", extra={"labels": ["a"]}, tasks=("t",))
    phases = tuple(Phase(id=p, title=p, items=(item,)) for p in "ab")
    plan = Assessment(id="p", title="P", phases=phases)
    text = dumps(plan, "yaml")
    assert text == dump_yaml_with_pyyaml(to_data(plan))
    assert "&id" not in text


def test_a_value_the_annotation_does_not_describe_is_written_from_the_plain_data() -> None:
    item = attrs.evolve(WorkItem(id="a", title="A"), owner=7)  # type: ignore[arg-type]
    plan = Assessment(id="p", title="P", phases=(Phase(id="ph", title="Ph", items=(item,)),))
    text = dumps(plan, "yaml")
    assert "owner: 7" in text
    assert text == dump_yaml_with_pyyaml(to_data(plan))


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
        assert dumps(document, "yaml") == dump_yaml_with_pyyaml(to_data(document))
