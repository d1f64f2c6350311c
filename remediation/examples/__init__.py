"""Reference examples shipped with the library.

:func:`issue_1176` is the status assessment of issue #1176 (emergency fixes,
SSOT consolidation, cultural transformation), modeled in full from the real
document: every phase, item, gap, test run, criterion, why step, next step,
label and related document.
"""

from __future__ import annotations

import functools
from importlib import resources

from remediation.io.formats import loads
from remediation.model.records import Assessment

__all__ = ["issue_1176", "issue_1176_text"]


def issue_1176_text() -> str:
    """The reference example as the JSON document shipped in the package."""
    return resources.files(__package__).joinpath("issue_1176.json").read_text(encoding="utf-8")


@functools.cache
def issue_1176() -> Assessment:
    """The status assessment of issue #1176, as of 2025-09-15.

    The result is immutable and shared between calls.

    Examples:
        >>> from remediation import examples
        >>> plan = examples.issue_1176()
        >>> plan.issue, [phase.title for phase in plan.phases]
        ('#1176', ['Emergency Fixes', 'SSOT Consolidation', 'Cultural Transformation'])
    """
    return loads(issue_1176_text())
