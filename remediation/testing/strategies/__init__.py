"""Hypothesis strategies for remediation plans: valid assessments and invalid documents.

Needs Hypothesis (``pip install 'remediation[testing]'``).

:func:`assessments` draws whole, valid assessments: every record that can be
referenced has a unique id, every reference points at a record of the right
kind, and nothing depends on itself:

* work items depend only on *earlier* work items (phases first, then next
  steps) and phases only on earlier phases, so dependencies are acyclic;
* why steps name as causes only *deeper* steps, so the five whys form a DAG
  whose depth (the longest chain of causes, in steps) can be bounded;
* items address existing gaps and why steps; gaps block existing items and
  criteria; measured values come from test runs or measurements.

Its knobs set the size (``min_*`` / ``max_*``), the depth of the why tree
(``min_why_depth``, ``max_why_depth``), the share of done work items
(``done_share``) and how densely work depends on earlier work
(``dependency_density``). One strategy per record is public too, for tests
about a single part.

:func:`invalid_documents` draws JSON or YAML documents that the library must
reject, one kind of error at a time (see :data:`ERROR_KINDS`), each with the
error code and path a loader reports; check them with
:func:`remediation.testing.assert_rejected`.

Counterexamples shrink to small, readable plans: ids shrink to ``item-1``,
``phase-2`` and the like, text to the empty string, statuses to plain words,
dependencies and causes to none. Unshrunk, text mixes ASCII, any Unicode (no
surrogates) and emoji, including ZWJ sequences and variation selectors, and
ids may be any such text; floats are always finite. Target values are numbers
as documents write them (``"<10%"``, ``"p99 <=250 ms"``, ``"99.95"``) or any
finite float (percentages from 0 to 100).

Whole plans are large inputs: on a busy machine Hypothesis may find them slow to
generate, so tests of whole plans are best run without its speed checks.

Examples:
    >>> from hypothesis import HealthCheck, given, settings
    >>> from remediation.testing import assert_closable
    >>> from remediation.testing.strategies import assessments
    >>> @settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    ... @given(assessments(done_share=1, max_criteria=0, max_gaps=0, max_why=0))
    ... def test_a_plan_whose_work_is_all_done_is_closable(plan):
    ...     assert_closable(plan)
    >>> test_a_plan_whose_work_is_all_done_is_closable()
"""

from __future__ import annotations

from remediation.exceptions import MissingDependencyError

try:
    import hypothesis  # noqa: F401  (the submodules need it; say so before they fail)
except ImportError:  # pragma: no cover  (tested in a subprocess)
    raise MissingDependencyError(
        "remediation.testing.strategies", "Hypothesis", "testing"
    ) from None

from remediation.testing.strategies._assessments import assessments
from remediation.testing.strategies._evidence import (
    commit_evidence,
    document_evidence,
    evidence,
    measurement_evidence,
    note_evidence,
    series_evidence,
    test_run_evidence,
)
from remediation.testing.strategies._invalid import ERROR_KINDS, invalid_documents
from remediation.testing.strategies._quantities import durations, targets
from remediation.testing.strategies._records import (
    checklist_entries,
    claims,
    criteria,
    gaps,
    next_steps,
    phases,
    recommendations,
    state_metrics,
    why_steps,
    why_trees,
    work_items,
)
from remediation.testing.strategies._statuses import status_labels, statuses
from remediation.testing.strategies._values import (
    EMOJI,
    dates,
    datetimes,
    extra_fields,
    json_values,
    texts,
)

__all__ = [
    "EMOJI",
    "ERROR_KINDS",
    "assessments",
    "checklist_entries",
    "claims",
    "commit_evidence",
    "criteria",
    "dates",
    "datetimes",
    "document_evidence",
    "durations",
    "evidence",
    "extra_fields",
    "gaps",
    "invalid_documents",
    "json_values",
    "measurement_evidence",
    "next_steps",
    "note_evidence",
    "phases",
    "recommendations",
    "series_evidence",
    "state_metrics",
    "status_labels",
    "statuses",
    "targets",
    "test_run_evidence",
    "texts",
    "why_steps",
    "why_trees",
    "work_items",
]
