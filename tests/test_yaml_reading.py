"""YAML read from libyaml's events gives what PyYAML's pure-Python safe loader gives, bounded.

:func:`remediation.io.yaml.load_yaml` reads a document from libyaml's events
where PyYAML has libyaml, and leaves to the pure-Python loader what only it
reads as it should. Either way the values, the limits and the error messages
are the same; these tests compare the two paths.
"""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

import remediation
from remediation.exceptions import FormatError
from remediation.io import yaml as yaml_io
from remediation.io import yaml_events
from remediation.io.limits import Limits, OversizedNumber

pytestmark = pytest.mark.skipif(
    yaml_events.event_parser(yaml) is None, reason="PyYAML is built without libyaml"
)


def _pure(text: str, monkeypatch: pytest.MonkeyPatch) -> Any:
    with monkeypatch.context() as patched:
        patched.setattr(yaml_io, "event_parser", lambda _yaml: None)
        return yaml_io.load_yaml(text)


def _fast(text: str) -> Any:
    """The events path alone: :class:`yaml_events.Unusual` where it would hand over."""
    parser = yaml_events.event_parser(yaml)
    return yaml_events.load_events(yaml, parser, text, max_nodes=10**7, max_chars=2**26)


def _same(left: Any, right: Any) -> bool:
    """Equal, NaN equal to NaN and an oversized number to one of as many digits."""
    if isinstance(left, float) and isinstance(right, float) and math.isnan(left):
        return math.isnan(right)
    if isinstance(left, OversizedNumber):
        return isinstance(right, OversizedNumber) and left.digits == right.digits
    if isinstance(left, list) and isinstance(right, list):
        return len(left) == len(right) and all(map(_same, left, right))
    if isinstance(left, dict) and isinstance(right, dict):
        return list(left) == list(right) and all(_same(left[k], right[k]) for k in left)
    return type(left) is type(right) and left == right


PLAIN = [
    "yes", "No", "on", "OFF", "true", "False", "~", "null", "", "0o17", "017", "0x1F", "0b101",
    "1_000", "+12", "-3", "1:20", "190:20:30", "1.5", "-.inf", ".NaN", "6.8523015e+5",
    "1_000.5", "2025-01-31", "2025-01-31 10:00:00", "2001-12-14t21:59:43.10-05:00", "=",
    "v1.22", "title", "Yes please", "9" * 5000, "-" + "9" * 5000, "12:30 UTC", "0.", "1e3",
]  # fmt: skip


def _outcome(read: Any, text: str) -> Any:
    """What *read* gives for *text*: its value, or its error's text."""
    try:
        return read(text)
    except FormatError as error:
        return f"error: {error}"


@pytest.mark.parametrize("scalar", PLAIN)
def test_a_plain_scalar_is_what_the_safe_loader_makes_it(
    scalar: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for text in (f"value: {scalar}\n", f"[{scalar}]\n", f"{scalar or '~'}: key\n"):
        pure = _outcome(lambda text: _pure(text, monkeypatch), text)
        assert _same(_outcome(yaml_io.load_yaml, text), pure), text


def test_the_reference_example_reads_the_same_either_way(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    plan = remediation.examples.issue_1176()
    text = remediation.dumps(plan, "yaml")
    assert _fast(text) == _pure(text, monkeypatch)
    assert remediation.loads(text, "yaml") == plan


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.dictionaries(st.text(max_size=5) | st.integers(), inner, max_size=4)
        ),
        max_leaves=20,
    ),
    st.sampled_from([None, True, False]),
)
def test_any_data_reads_back_the_same_either_way(data: Any, flow: bool | None) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, default_flow_style=flow)
    pure = yaml.load(text, Loader=yaml_io._loader())  # noqa: S506  (the package's safe loader)
    assert _same(yaml_io.load_yaml(text), pure)


@pytest.mark.parametrize(
    "text",
    [
        "a: &x [1, 2]\nb: *x\nc: {<<: {d: 1}, e: 2}\n",  # a merge key
        "a: !!int '12'\n",  # an explicit tag
        "a: ! 12\n",  # the non-specific tag
        "a: !!set {x, y}\n",
        "? [1, 2]\n: x\n",  # a key that is a collection
        "a: 1\na: 2\n",  # a repeated key
        "a: &x 1\nb: &x 2\n",  # a repeated anchor
        "a: *nothing\n",  # an alias that names nothing
        "a: &loop {again: *loop}\n",  # an alias that names itself
        "--- 1\n--- 2\n",  # two documents
        "a: [1,\n",  # an error of the parser
        "[" * 600 + "]" * 600,  # deeper than the pure loader reads
        "a: 'lone \ud800 surrogate'\n",
        "!!python/name:os.system\n",
    ],
)
def test_what_only_the_pure_loader_reads_is_left_to_it_with_its_values_and_errors(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(yaml_events.Unusual):
        _fast(text)
    pure = _outcome(lambda text: _pure(text, monkeypatch), text)
    assert _outcome(yaml_io.load_yaml, text) == pure


def test_aliases_are_shared_not_copied() -> None:
    data = yaml_io.load_yaml("a: &x [1, {b: 2}]\nc: *x\nd: *x\n")
    assert data["a"] is data["c"] is data["d"]


def _bomb(levels: int = 9) -> str:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for previous, name in zip("abcdefghi", "bcdefghij"[: levels - 1], strict=False):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 10) + "]")
    return "\n".join(lines)


def test_an_alias_bomb_is_refused_from_the_events_where_the_pure_loader_refuses_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with pytest.raises(FormatError) as pure:
        _pure(_bomb(), monkeypatch)

    def unused(*_args: Any, **_kwargs: Any) -> Any:
        raise AssertionError("the pure-Python loader was used")

    monkeypatch.setattr(yaml, "load", unused)
    with pytest.raises(FormatError) as fast:
        yaml_io.load_yaml(_bomb())
    assert str(fast.value) == str(pure.value)
    assert fast.value.code == "too-large"
    assert "expands to more than 10000000 values" in str(fast.value)


@pytest.mark.parametrize("limit", ["max_nodes", "max_bytes"])
def test_the_limits_in_force_bound_what_aliases_expand_to(
    limit: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = "x" * 200
    text = (
        "schema_version: 1\nid: p\ntitle: T\ndate: 2025-01-01\n"
        f"labels: &l [{big}, b]\nextra: {{a: *l, b: *l, c: *l, d: *l}}\n"
    )
    assert remediation.loads(text, "yaml").extra["a"] == [big, "b"]
    roomy, tight = (60, 30) if limit == "max_nodes" else (2000, len(text.encode()) + 10)
    remediation.loads(text, "yaml", limits=Limits(**{limit: roomy}))
    with pytest.raises(FormatError, match="expands to more than") as fast:
        remediation.loads(text, "yaml", limits=Limits(**{limit: tight}))
    assert "aliases counted each time they are used" in str(fast.value)
    monkeypatch.setattr(yaml_io, "event_parser", lambda _yaml: None)
    with pytest.raises(FormatError) as pure:
        remediation.loads(text, "yaml", limits=Limits(**{limit: tight}))
    assert str(fast.value) == str(pure.value)


def test_without_libyaml_the_pure_loader_reads_and_bounds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yaml_io, "event_parser", lambda _yaml: None)
    text = remediation.dumps(remediation.examples.issue_1176(), "yaml")
    assert remediation.loads(text, "yaml") == remediation.examples.issue_1176()
    with pytest.raises(FormatError, match="expands to more than"):
        yaml_io.load_yaml(_bomb())
    assert json.dumps(yaml_io.load_yaml("a: [1, 2]\n")) == '{"a": [1, 2]}'
