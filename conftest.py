"""Test settings for the whole checkout (tests, doctests in the package and in docs/).

Hypothesis checks how fast examples are made and run (its deadline and its
"too slow" health check): timings, which depend on the machine and its load, not on
the code. Speed is measured by the benchmarks, side by side; here it would only make
tests fail on a busy machine. The profile keeps every other check.
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings

settings.register_profile(
    "remediation", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("remediation")
