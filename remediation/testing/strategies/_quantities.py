"""Strategies for quantities: calendar durations, targets, numbers as documents write them.

Target values are numbers as documents write them (``"<10%"``, ``"p99 <=250
ms"``, ``"99.95"``) or any finite float; percentages are from 0 to 100.
"""

from __future__ import annotations

import functools

from hypothesis import strategies as st

from remediation.model.duration import Duration
from remediation.model.target import Comparator, Target
from remediation.testing.strategies._values import _FINITE

__all__ = ["durations", "targets"]


@functools.cache
def durations() -> st.SearchStrategy[Duration]:
    """Calendar durations, zero included."""
    part = st.integers(min_value=0, max_value=30)
    return st.builds(
        Duration, years=part, months=part, weeks=part, days=part, hours=part, minutes=part
    )


@functools.cache
def _document_numbers() -> st.SearchStrategy[float]:
    """Numbers as documents write them: at most five significant digits."""
    return st.builds(
        lambda mantissa, places: mantissa / 10**places,
        st.integers(min_value=-99_999, max_value=99_999),
        st.integers(min_value=0, max_value=4),
    )


@functools.cache
def _percentages() -> st.SearchStrategy[float]:
    """Percentages from 0 to 100: with at most two decimals as documents write them, or any."""
    return st.integers(min_value=0, max_value=10_000).map(lambda n: n / 100) | st.floats(0, 100)


_UNITS = ("", "%", "ms", "s", "req/s", "errors per day", "GB", "tests")
_PERCENTILES = (None, "p50", "p90", "p95", "p99", "p99.9")


@functools.cache
@st.composite
def targets(draw: st.DrawFn) -> Target:
    """A target: every comparator, ranges, percentiles and units; percentages from 0 to 100."""
    comparator = draw(st.sampled_from(Comparator))
    unit = draw(st.sampled_from(_UNITS))
    numbers = _percentages() if unit == "%" else _document_numbers() | _FINITE
    value = draw(numbers)
    upper = None
    if comparator is Comparator.BETWEEN:
        other = draw(numbers)
        value, upper = min(value, other), max(value, other)
    return Target(
        comparator=comparator,
        value=value,
        upper=upper,
        unit=unit,
        percentile=draw(st.sampled_from(_PERCENTILES)),
    )
