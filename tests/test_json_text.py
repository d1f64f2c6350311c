"""JSON text written by :func:`remediation.io.json_text.indented` is what ``json.dumps`` writes."""

from __future__ import annotations

import enum
import json
import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import remediation
from remediation.io.json_text import indented


def _standard(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False)


class _Code(enum.StrEnum):
    OVERDUE = "overdue"


class _Level(enum.IntEnum):
    HIGH = 3


SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
    | st.sampled_from([_Code.OVERDUE, _Level.HIGH, -0.0, 1e300, 10**40])
)
KEYS = st.text() | st.integers() | st.booleans() | st.none() | st.floats(allow_nan=False)


@given(
    st.recursive(
        SCALARS,
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.lists(inner, max_size=3).map(tuple)
            | st.dictionaries(KEYS, inner, max_size=4)
        ),
        max_leaves=30,
    )
)
def test_the_text_is_what_json_dumps_writes(data: Any) -> None:
    try:
        expected = _standard(data)
    except ValueError:  # an infinite float key, say: refused either way
        with pytest.raises(ValueError, match="not JSON compliant"):
            indented(data)
        return
    assert indented(data) == expected


def test_documents_are_written_as_before() -> None:
    plan = remediation.examples.issue_1176()
    result = remediation.evaluate(plan)
    for document in (plan, result):
        data = remediation.to_data(document)
        assert remediation.dumps(document) == _standard(data) + "\n"
    assert remediation.dumps(plan) == remediation.examples.issue_1176_text()


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, {"a": [math.nan]}])
def test_a_float_that_is_not_a_number_is_refused(value: Any) -> None:
    with pytest.raises(ValueError, match="Out of range float values are not JSON compliant"):
        indented(value)


@pytest.mark.parametrize("value", [object(), {"a": {1, 2}}, {(1, 2): "tuple key"}])
def test_what_is_not_plain_data_is_refused(value: Any) -> None:
    with pytest.raises(TypeError):
        indented(value)
