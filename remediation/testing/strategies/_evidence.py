"""Strategies for evidence: commits, test runs, documents, measurements, notes and series."""

from __future__ import annotations

from hypothesis import strategies as st

from remediation.model.quantity import parse_quantity
from remediation.model.records import (
    CommitEvidence,
    DocumentEvidence,
    Evidence,
    MeasurementEvidence,
    NoteEvidence,
    SeriesEvidence,
    SeriesPoint,
    TestRunEvidence,
)
from remediation.model.series import Direction
from remediation.testing.strategies._quantities import _UNITS, _percentages
from remediation.testing.strategies._values import (
    _FINITE,
    _optional,
    datetimes,
    extra_fields,
    texts,
)

__all__ = [
    "commit_evidence",
    "document_evidence",
    "evidence",
    "measurement_evidence",
    "note_evidence",
    "series_evidence",
    "test_run_evidence",
]


def commit_evidence(evidence_id: str) -> st.SearchStrategy[CommitEvidence]:
    """A commit."""
    return st.builds(
        CommitEvidence,
        id=st.just(evidence_id),
        sha=st.text("0123456789abcdef", min_size=7, max_size=40),
        summary=texts(),
        url=_optional(st.just("https://example.org/commit/9c87d9def")),
        extra=extra_fields(),
    )


def test_run_evidence(evidence_id: str) -> st.SearchStrategy[TestRunEvidence]:
    """A test run with counts (possibly none ran) and a stated rate."""
    count = st.integers(min_value=0, max_value=10_000)
    return st.builds(
        TestRunEvidence,
        id=st.just(evidence_id),
        suite=texts(min_size=1),
        failed=count,
        passed=count,
        skipped=count,
        stated_failure_rate=_optional(st.floats(min_value=0, max_value=100)),
        ran_at=_optional(datetimes()),
        source=_optional(texts()),
        extra=extra_fields(),
    )


test_run_evidence.__test__ = False  # type: ignore[attr-defined]  # not a pytest test


def document_evidence(evidence_id: str) -> st.SearchStrategy[DocumentEvidence]:
    """A document."""
    return st.builds(
        DocumentEvidence,
        id=st.just(evidence_id),
        title=texts(),
        path=_optional(texts()),
        extra=extra_fields(),
    )


@st.composite
def measurement_evidence(draw: st.DrawFn, evidence_id: str) -> MeasurementEvidence:
    """A measured value (a percentage from 0 to 100)."""
    unit = draw(st.sampled_from(_UNITS))
    return MeasurementEvidence(
        id=evidence_id,
        metric=draw(texts()),
        value=draw(_percentages() if unit == "%" else _FINITE),
        unit=unit,
        measured_at=draw(_optional(datetimes())),
        note=draw(_optional(texts())),
        extra=draw(extra_fields()),
    )


def note_evidence(evidence_id: str) -> st.SearchStrategy[NoteEvidence]:
    """A note ("Port 8081→8080, Cloud Run ready")."""
    return st.builds(NoteEvidence, id=st.just(evidence_id), text=texts(), extra=extra_fields())


_FIGURES = ("12", "~15K", "13,337", "1.21B", "250 ms", "0.9 s", "54%", "about 5x", "5–8")


def series_evidence(evidence_id: str) -> st.SearchStrategy[SeriesEvidence]:
    """A series of one to three points, in any order, of figures of any form.

    Kept small (a few fixed metric names, no free text): a plan draws many pieces of
    evidence, and the figures are what a series adds.
    """
    point = st.builds(
        SeriesPoint, at=datetimes(), value=st.sampled_from(_FIGURES).map(parse_quantity)
    )
    return st.builds(
        SeriesEvidence,
        id=st.just(evidence_id),
        metric=st.sampled_from(("queries served", "open bugs")),
        points=st.lists(point, min_size=1, max_size=3),
        unit=st.sampled_from(("", "ms", "%")),
        cumulative=st.booleans(),
        monotonic=_optional(st.sampled_from(Direction)),
        lower=_optional(st.just(0.0)),
    )


def evidence(evidence_id: str) -> st.SearchStrategy[Evidence]:
    """Evidence of any kind."""
    return st.one_of(
        commit_evidence(evidence_id),
        test_run_evidence(evidence_id),
        document_evidence(evidence_id),
        measurement_evidence(evidence_id),
        note_evidence(evidence_id),
        series_evidence(evidence_id),
    )
