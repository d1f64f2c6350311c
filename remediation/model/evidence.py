"""Evidence: commits, test runs with their counts, documents, measurements, notes."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from typing import Any, TypeAlias

import attrs

from remediation.model.fields import extra_field as _extra
from remediation.model.moment import Moment
from remediation.model.series import SeriesEvidence
from remediation.model.validators import finite, non_negative, percentage

__all__ = [
    "CommitEvidence",
    "DocumentEvidence",
    "Evidence",
    "MeasurementEvidence",
    "NoteEvidence",
    "SeriesEvidence",
    "TestRunEvidence",
    "TestRunQuantity",
]


@attrs.frozen(cache_hash=True)
class CommitEvidence:
    """A commit in version control.

    Attributes:
        id: Stable id of this piece of evidence.
        sha: The commit hash, full or abbreviated (``"9c87d9def"``).
        summary: What the commit did.
        url: Where to see it.
    """

    id: str
    sha: str
    summary: str = ""
    url: str | None = None
    extra: Mapping[str, Any] = _extra()


class TestRunQuantity(enum.Enum):
    """A number a test run yields, for criteria measured by a test run."""

    __test__ = False  # not a pytest test class

    FAILURE_RATE = "failure_rate"
    PASS_RATE = "pass_rate"  # noqa: S105  (a quantity, not a password)
    FAILED = "failed"
    PASSED = "passed"
    TOTAL = "total"


@attrs.frozen(cache_hash=True)
class TestRunEvidence:
    """A test run with its counts.

    The failure rate is derived from the counts, never stored; the rate the
    document states is kept apart so that the two can be compared.

    Attributes:
        id: Stable id.
        suite: Which tests ran ("Unit Tests").
        failed: How many failed.
        passed: How many passed.
        skipped: How many were skipped (not part of the rate).
        stated_failure_rate: The failure rate the document states, in percent.
        ran_at: When the run happened, if known (a date-time, or a moment at the
            precision the document gives).
        source: Where the run is reported (a document evidence id or a path).
    """

    __test__ = False  # not a pytest test class

    id: str
    suite: str
    failed: int = attrs.field(validator=non_negative)
    passed: int = attrs.field(validator=non_negative)
    skipped: int = attrs.field(default=0, validator=non_negative)
    stated_failure_rate: float | None = attrs.field(default=None, validator=percentage)
    ran_at: dt.datetime | Moment | None = None
    source: str | None = None
    extra: Mapping[str, Any] = _extra()

    @property
    def total(self) -> int:
        """Tests that ran to a verdict: failed plus passed."""
        return self.failed + self.passed

    @property
    def failure_rate(self) -> float | None:
        """Failed over failed plus passed, in percent; ``None`` when nothing ran."""
        return None if self.total == 0 else 100.0 * self.failed / self.total

    @property
    def pass_rate(self) -> float | None:
        """Passed over failed plus passed, in percent; ``None`` when nothing ran."""
        return None if self.total == 0 else 100.0 * self.passed / self.total

    def quantity(self, which: TestRunQuantity) -> float | None:
        """One of the numbers this run yields."""
        match which:
            case TestRunQuantity.FAILURE_RATE:
                return self.failure_rate
            case TestRunQuantity.PASS_RATE:
                return self.pass_rate
            case TestRunQuantity.FAILED:
                return float(self.failed)
            case TestRunQuantity.PASSED:
                return float(self.passed)
            case TestRunQuantity.TOTAL:
                return float(self.total)


@attrs.frozen(cache_hash=True)
class DocumentEvidence:
    """A document: a report, a plan, a runbook.

    Attributes:
        id: Stable id.
        title: What it is called.
        path: A path or URL.
    """

    id: str
    title: str
    path: str | None = None
    extra: Mapping[str, Any] = _extra()


@attrs.frozen(cache_hash=True)
class MeasurementEvidence:
    """One measured value of a metric.

    Attributes:
        id: Stable id.
        metric: What was measured ("SSOT violations remaining").
        value: The value.
        unit: Its unit ("%", "ms", "" for a count).
        measured_at: When, if known (a date-time, or a moment at the precision the
            document gives).
        note: How it was measured.
    """

    id: str
    metric: str
    value: float = attrs.field(validator=finite)
    unit: str = ""
    measured_at: dt.datetime | Moment | None = None
    note: str | None = None
    extra: Mapping[str, Any] = _extra()

    def __attrs_post_init__(self) -> None:
        if self.unit == "%":
            percentage(self, attrs.fields_dict(MeasurementEvidence)["value"], self.value)


@attrs.frozen(cache_hash=True)
class NoteEvidence:
    """Evidence in words, such as a table cell ("Port 8081→8080, Cloud Run ready").

    Attributes:
        id: Stable id.
        text: The note.
    """

    id: str
    text: str
    extra: Mapping[str, Any] = _extra()


Evidence: TypeAlias = (
    CommitEvidence
    | TestRunEvidence
    | DocumentEvidence
    | MeasurementEvidence
    | NoteEvidence
    | SeriesEvidence
)
