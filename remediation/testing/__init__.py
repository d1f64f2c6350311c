"""Tools for unit-testing plan logic: builders, assertions, scenarios, stored evaluations.

- **Builders** make small plans in a line or two: :func:`plan`, :func:`item`,
  :func:`phase`, :func:`criterion`, :func:`gap`, :func:`why`.
- **Assertions** fail with a message that says why: :func:`assert_closable`,
  :func:`assert_not_closable`, :func:`assert_criterion_met`,
  :func:`assert_blocked`, :func:`assert_actionable`,
  :func:`assert_root_cause_addressed` and more.
- **Scenarios** apply what-if steps one after another: :class:`Scenario`.
- **Stored evaluations** are compared with a file, with a readable diff:
  :func:`assert_matches_expected` (and the ``expected_evaluation`` fixture).
- **Invalid documents** are checked with :func:`assert_rejected`.

:mod:`remediation.testing.strategies` holds Hypothesis strategies (it needs
the ``testing`` extra); the pytest plugin ``_remediation_pytestplugin`` holds
the fixtures, loaded by pytest wherever remediation is installed. This package
needs neither Hypothesis nor pytest, and ``import remediation`` does not
import it.

Examples:
    >>> from remediation.testing import Scenario, assert_closable, assert_not_closable
    >>> from remediation.testing import criterion, item, plan
    >>> release = plan(item("fix"), item("docs"), criterion("errors", "<1%", current=3))
    >>> scenario = Scenario(release).resolve("fix", "docs")
    >>> assert_not_closable(scenario, because="criteria-unmet").recommendation.decision
    <Decision.KEEP_OPEN: 'keep_open'>
    >>> assert_closable(scenario.record_measurement("errors", 0.5)).recommendation.decision
    <Decision.CLOSE: 'close'>
"""

from __future__ import annotations

from remediation.testing._assertions import (
    Subject,
    assert_actionable,
    assert_blocked,
    assert_closable,
    assert_criterion_met,
    assert_criterion_not_met,
    assert_finding,
    assert_gap_closed,
    assert_no_finding,
    assert_not_closable,
    assert_phase_complete,
    assert_root_cause_addressed,
    assert_root_cause_unaddressed,
)
from remediation.testing._builders import criterion, gap, item, phase, plan, why
from remediation.testing._expected import ExpectedFile, assert_matches_expected
from remediation.testing._rejection import InvalidDocument, assert_rejected
from remediation.testing._scenario import Scenario

__all__ = [
    "ExpectedFile",
    "InvalidDocument",
    "Scenario",
    "Subject",
    "assert_actionable",
    "assert_blocked",
    "assert_closable",
    "assert_criterion_met",
    "assert_criterion_not_met",
    "assert_finding",
    "assert_gap_closed",
    "assert_matches_expected",
    "assert_no_finding",
    "assert_not_closable",
    "assert_phase_complete",
    "assert_rejected",
    "assert_root_cause_addressed",
    "assert_root_cause_unaddressed",
    "criterion",
    "gap",
    "item",
    "phase",
    "plan",
    "why",
]
