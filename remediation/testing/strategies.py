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

Examples:
    >>> from hypothesis import given, settings
    >>> from remediation.testing import assert_closable
    >>> from remediation.testing.strategies import assessments
    >>> @settings(max_examples=20)
    ... @given(assessments(done_share=1, max_criteria=0, max_gaps=0, max_why=0))
    ... def test_a_plan_whose_work_is_all_done_is_closable(plan):
    ...     assert_closable(plan)
    >>> test_a_plan_whose_work_is_all_done_is_closable()
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections.abc import Callable, Collection, Sequence
from typing import Any, TypeVar

import attrs

from remediation.exceptions import MissingDependencyError

try:
    from hypothesis import strategies as st
    from hypothesis.errors import InvalidArgument
except ImportError:  # pragma: no cover  (tested in a subprocess)
    raise MissingDependencyError(
        "remediation.testing.strategies", "Hypothesis", "testing"
    ) from None

from remediation import (
    Assessment,
    ChecklistEntry,
    CommitEvidence,
    Comparator,
    CountClaim,
    CountSubject,
    Criterion,
    CriterionCategory,
    Decision,
    DocumentEvidence,
    Duration,
    Evidence,
    Gap,
    MeasurementEvidence,
    MetricSource,
    NextStep,
    NoteEvidence,
    Phase,
    Progress,
    RationalePoint,
    Severity,
    StatedRecommendation,
    StateMetric,
    Status,
    Target,
    TestRunEvidence,
    TestRunQuantity,
    WhyStep,
    WorkItem,
    parse_status,
)
from remediation.testing._invalid import ERROR_KINDS, invalid_documents

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

T = TypeVar("T")

# --------------------------------------------------------------------------- text

EMOJI = (
    "✅", "⚠️", "❌", "🚨", "✔️", "🔥", "🚀", "📈", "🛑", "💥",
    "👩‍💻", "🏳️‍🌈", "👍🏽", "🇫🇷", "1️⃣",
)  # fmt: skip
"""Emoji, some of them several code points (ZWJ sequences, variation selectors, flags)."""

_CHARACTERS = st.characters(codec="utf-8")  # every code point but surrogates
_SPICE = (
    "", *EMOJI, "SSOT", "naïve", "Größe", "日本語", "Ελληνικά", "مرحبا", "→", "\n", "  ",
    "Ã\x85", "\u2028", "\t", "'\"",
)  # fmt: skip


@functools.cache
def texts(*, min_size: int = 0, max_size: int = 12) -> st.SearchStrategy[str]:
    """Free text: any characters, with an emoji or a non-Latin word in the middle."""
    half = max_size // 2
    return st.builds(
        lambda head, spice, tail: head + spice + tail,
        st.text(_CHARACTERS, min_size=min_size, max_size=max(half, min_size)),
        st.sampled_from(_SPICE),
        st.text(_CHARACTERS, max_size=half),
    )


@functools.cache
def _optional(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    return st.none() | strategy


def _text_tuple(max_size: int = 3) -> st.SearchStrategy[tuple[str, ...]]:
    return st.lists(texts(), max_size=max_size).map(tuple)


_IDS = st.text(
    st.sampled_from("abcdefghijklmnopqrstuvwxyz0123456789-_.#/é日✅"), min_size=1, max_size=8
) | st.sampled_from(EMOJI)


_READABLE = re.compile(r"[a-z]+-[0-9]+")


class _Names:
    """Unique ids for the records of one assessment, given as they are drawn.

    Each id is readable (``item-3``: the third item) or, as often, any text;
    shrinking makes them readable. A free-text id is used only if it is new
    and cannot be mistaken for a readable one, so ids never collide.
    """

    def __init__(self) -> None:
        self._taken: set[str] = set()
        self._counts: dict[str, int] = {}

    def __call__(self, draw: st.DrawFn, prefix: str) -> str:
        self._counts[prefix] = self._counts.get(prefix, 0) + 1
        other: str | None = draw(_optional(_IDS))
        if other is not None and other not in self._taken and not _READABLE.fullmatch(other):
            record_id = other
        else:
            record_id = f"{prefix}-{self._counts[prefix]}"
        self._taken.add(record_id)
        return record_id


@st.composite
def _drawn(draw: st.DrawFn, element: Callable[[st.DrawFn], T]) -> T:
    return element(draw)


def _many(
    draw: st.DrawFn, min_size: int, max_size: int, element: Callable[[st.DrawFn], T]
) -> list[T]:
    """Up to *max_size* values of *element*, each drawn when the previous ones are known.

    Like ``st.lists``, each optional element is one choice, so the shrinker
    can delete records from the middle. *element* draws with the function
    it is given, and runs only for elements that are drawn.
    """
    out: list[T] = []
    while len(out) < max_size:
        if len(out) < min_size:
            out.append(draw(_drawn(element)))
            continue
        value = draw(st.none() | _drawn(element))
        if value is None:
            break
        out.append(value)
    return out


@functools.cache
def _subsets(pool: tuple[str, ...], max_size: int) -> st.SearchStrategy[tuple[str, ...]]:
    return st.lists(st.sampled_from(pool), unique=True, max_size=max_size).map(tuple)


def _subset(draw: st.DrawFn, pool: Sequence[str], max_size: int = 3) -> tuple[str, ...]:
    """Some distinct members of *pool*, in drawn order."""
    return draw(_subsets(tuple(pool), max_size)) if pool else ()


_PERCENT = st.integers(min_value=0, max_value=99)


def _dependencies(
    draw: st.DrawFn, earlier: Sequence[str], density: float | None, max_size: int
) -> tuple[str, ...]:
    """Which of *earlier* to depend on.

    Without a *density*, a few (up to *max_size*) of them in any order;
    with one, each of them with roughly that chance, in their order.
    Shrinking drops dependencies.
    """
    if density is None:
        return _subset(draw, earlier, max_size)
    if density <= 0 or not earlier:
        return ()
    if density >= 1:
        return tuple(earlier)
    cut = round(100 * (1 - density))
    return tuple(record_id for record_id in earlier if draw(_PERCENT) >= cut)


# --------------------------------------------------------------------------- plain values

_FINITE = st.floats(allow_nan=False, allow_infinity=False)


@functools.cache
def dates() -> st.SearchStrategy[dt.date]:
    """Calendar dates, 1900 to 2200 (the schedule adds centuries of estimates to them)."""
    return st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31))


@functools.cache
def datetimes() -> st.SearchStrategy[dt.datetime]:
    """Moments, naive or with a fixed UTC offset in whole minutes."""
    offsets = st.integers(min_value=-23 * 60 - 59, max_value=23 * 60 + 59).map(
        lambda minutes: dt.timezone(dt.timedelta(minutes=minutes))
    )
    return st.datetimes(
        min_value=dt.datetime(1900, 1, 1),  # noqa: DTZ001  (Hypothesis takes naive bounds)
        max_value=dt.datetime(2200, 1, 1),  # noqa: DTZ001
        timezones=st.one_of(st.none(), offsets),
    )


@functools.cache
def json_values(*, max_leaves: int = 4) -> st.SearchStrategy[Any]:
    """JSON-compatible values: str, int, finite float, bool, None, lists, str-keyed dicts."""
    scalars = st.none() | st.booleans() | st.integers() | _FINITE | texts(max_size=8)
    return st.recursive(
        scalars,
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(texts(max_size=6), inner, max_size=3)
        ),
        max_leaves=max_leaves,
    )


@functools.cache
def extra_fields() -> st.SearchStrategy[dict[str, Any]]:
    """The free-form ``extra`` mapping of a record."""
    return st.dictionaries(texts(min_size=1, max_size=8), json_values(), max_size=2)


# --------------------------------------------------------------------------- status

_MARKS = ("✅", "✔️", "✔", "⚠️", "⚠", "❌", "🚨", "âœ…", "âŒ", "âš ï¸", "ðŸš¨")
"""Status emoji, and as they arrive after a wrong text encoding (mojibake)."""
_PROGRESS_WORDS = (
    "resolved", "created", "partial", "partially resolved", "unresolved", "missing",
    "required", "done", "fixed", "complete", "in progress", "not started", "open",
    "pending", "blocked", "deferred", "accepted", "risk accepted", "not applicable",
    "n/a", "won't fix", "wontfix", "wont_fix",
)  # fmt: skip
_SEVERITY_WORDS = ("critical", "high", "medium", "low", "info")


def _progress_set(progress: Progress | Collection[Progress] | None) -> frozenset[Progress]:
    if progress is None:
        return frozenset(Progress)
    allowed = frozenset([progress] if isinstance(progress, Progress) else progress)
    if not allowed or not all(isinstance(p, Progress) for p in allowed):
        msg = f"progress: expected a Progress or a non-empty collection of them, got {progress!r}"
        raise InvalidArgument(msg)
    return allowed


def status_labels(
    *, progress: Progress | Collection[Progress] | None = None
) -> st.SearchStrategy[str]:
    """A label such as the seed's: ``"✅ **RESOLVED**"``, ``"⚠️ PARTIAL"``, ``"❌ **CRITICAL**"``.

    An optional emoji (possibly mojibake), an optional word in any case and
    markdown decoration, and an optional ``" - SEVERITY"``; never two
    progress words, so the label always parses. With *progress*, the label
    parses to that progress (or to one of those).
    """
    return _status_labels(_progress_set(progress))


@functools.cache
def _status_labels(allowed: frozenset[Progress]) -> st.SearchStrategy[str]:
    def progress_of(label: str) -> Progress:
        return parse_status(label).progress

    words = tuple(w for w in _PROGRESS_WORDS if progress_of(w) in allowed)

    @st.composite
    def labels(draw: st.DrawFn) -> str:
        mark = draw(_optional(st.sampled_from(_MARKS)))
        # Words decide progress over emoji; a severity word alone leaves it to the
        # mark (or to "not started" without one).
        implied = Progress.NOT_STARTED if mark is None else progress_of(mark)
        choices = words + (_SEVERITY_WORDS if implied in allowed else ())
        if mark is not None and implied in allowed:
            word = draw(_optional(st.sampled_from(choices)))
        else:
            word = draw(st.sampled_from(choices))
        parts = [] if mark is None else [mark]
        if word is not None:
            word = draw(st.sampled_from([word, word.upper(), word.title()]))
            parts.append(draw(st.sampled_from(["{}", "**{}**", "`{}`", "_{}_"])).format(word))
            severity = draw(_optional(st.sampled_from(_SEVERITY_WORDS)))
            if severity is not None and word.lower() in _PROGRESS_WORDS:
                parts.append(f"- {severity.upper()}")
        return " ".join(parts)

    return labels()


_FREE_LABELS = (
    "Needs triage", "On hold 🛑", "En cours", "进行中", "Blocked by vendor",
    "Waiting for sign-off ✍️", "§ 4.2 pending review",
)  # fmt: skip
"""Labels no vocabulary knows; a status with such a label states its progress explicitly."""


def statuses(
    *, progress: Progress | Collection[Progress] | None = None
) -> st.SearchStrategy[Status]:
    """A status: parsed from a label, or in mapping form with explicit fields.

    Mapping form comes in three shapes: no label; a label no vocabulary
    knows; a recognised label whose meaning the explicit fields override,
    in any direction (a "CRITICAL" label with no severity, say). With
    *progress*, every status has that progress (or one of those).
    """
    return _statuses(_progress_set(progress))


@functools.cache
def _statuses(allowed: frozenset[Progress]) -> st.SearchStrategy[Status]:
    progresses = st.sampled_from([p for p in Progress if p in allowed])

    @st.composite
    def build(draw: st.DrawFn) -> Status:
        shape = draw(st.sampled_from(["label", "bare", "free", "override"]))
        if shape == "label":
            return parse_status(draw(_status_labels(allowed)))
        label = None
        if shape == "free":
            label = draw(st.sampled_from(_FREE_LABELS))
        elif shape == "override":
            label = draw(status_labels())
        return Status(
            progress=draw(progresses),
            severity=draw(_optional(st.sampled_from(Severity))),
            missing=draw(st.booleans()),
            label=label,
        )

    return build()


# --------------------------------------------------------------------------- durations, targets


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


# --------------------------------------------------------------------------- evidence


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


def evidence(evidence_id: str) -> st.SearchStrategy[Evidence]:
    """Evidence of any kind."""
    return st.one_of(
        commit_evidence(evidence_id),
        test_run_evidence(evidence_id),
        document_evidence(evidence_id),
        measurement_evidence(evidence_id),
        note_evidence(evidence_id),
    )


# --------------------------------------------------------------------------- records


@st.composite
def why_steps(
    draw: st.DrawFn,
    step_id: str,
    deeper: Sequence[str],
    evidence_ids: Sequence[str] = (),
    *,
    cause: str | None = None,
) -> WhyStep:
    """A why step whose causes are among the *deeper* steps, *cause* first if given."""
    others = _subset(draw, [d for d in deeper if d != cause], max_size=2 if cause is None else 1)
    return WhyStep(
        id=step_id,
        question=draw(texts()),
        finding=draw(texts()),
        evidence=_subset(draw, evidence_ids),
        causes=others if cause is None else (cause, *others),
        observations=draw(_text_tuple()),
        extra=draw(extra_fields()),
    )


def why_trees(
    step_ids: Sequence[str],
    *,
    min_depth: int = 1,
    max_depth: int | None = None,
    evidence_ids: Sequence[str] = (),
) -> st.SearchStrategy[tuple[WhyStep, ...]]:
    """A five-whys analysis over *step_ids*: first question first, acyclic, of bounded depth.

    The depth is the number of steps on the longest chain of causes; it is
    drawn from *min_depth* to *max_depth* (at most one a step). Steps sit at
    levels 0 to depth - 1, in order; a step names as causes only steps at a
    deeper level, and the first step of each level is caused by the first of
    the next, so the depth is exactly the one drawn. Shrinking flattens the
    tree towards a single level of root causes.

    Examples:
        >>> from hypothesis import find
        >>> steps = find(why_trees(["w1", "w2", "w3"], min_depth=3), lambda steps: True)
        >>> [(step.id, step.causes) for step in steps]
        [('w1', ('w2',)), ('w2', ('w3',)), ('w3', ())]
    """
    count = len(step_ids)
    if len(set(step_ids)) != count:
        msg = f"step_ids: expected distinct ids, got {list(step_ids)!r}"
        raise InvalidArgument(msg)
    if count and not 1 <= min_depth <= count:
        msg = f"min_depth: expected 1 to {count} (one level a step), got {min_depth}"
        raise InvalidArgument(msg)
    if max_depth is not None and max_depth < min_depth:
        msg = f"max_depth: expected at least min_depth ({min_depth}), got {max_depth}"
        raise InvalidArgument(msg)
    if not count:
        return st.just(())
    return _why_trees(
        tuple(step_ids), min_depth, count if max_depth is None else min(count, max_depth),
        tuple(evidence_ids),
    )  # fmt: skip


@st.composite
def _why_trees(
    draw: st.DrawFn,
    step_ids: tuple[str, ...],
    min_depth: int,
    max_depth: int,
    evidence_ids: tuple[str, ...],
) -> tuple[WhyStep, ...]:
    count = len(step_ids)
    depth = draw(st.integers(min_depth, max_depth))
    more = st.lists(st.integers(0, depth - 1), min_size=count - depth, max_size=count - depth)
    levels = sorted([*range(depth), *draw(more)])
    first_of: dict[int, int] = {}
    for index, level in enumerate(levels):
        first_of.setdefault(level, index)
    steps = []
    for index, (step_id, level) in enumerate(zip(step_ids, levels, strict=True)):
        deeper = [step_ids[j] for j in range(index + 1, count) if levels[j] > level]
        chained = first_of[level] == index and level + 1 < depth
        cause = step_ids[first_of[level + 1]] if chained else None
        steps.append(draw(why_steps(step_id, deeper, evidence_ids, cause=cause)))
    return tuple(steps)


@st.composite
def work_items(
    draw: st.DrawFn,
    item_id: str,
    *,
    earlier: Sequence[str] = (),
    addressable: Sequence[str] = (),
    evidence_ids: Sequence[str] = (),
    status: st.SearchStrategy[Status] | None = None,
    dependency_density: float | None = None,
) -> WorkItem:
    """A work item depending only on *earlier* items, addressing gaps or why steps.

    *status* draws its status (any, by default); *dependency_density* is as
    in :func:`assessments`.
    """
    return WorkItem(
        id=item_id,
        title=draw(texts()),
        status=draw(statuses() if status is None else status),
        kind=draw(_optional(st.sampled_from(["component", "area", "mitigate", "prevent"]))),
        fraction=draw(_optional(st.floats(min_value=0, max_value=1))),
        weight=draw(st.floats(min_value=0, max_value=1e6)),
        evidence=_subset(draw, evidence_ids),
        impact=draw(_optional(texts())),
        requirement=draw(_optional(texts())),
        tasks=draw(_text_tuple()),
        depends_on=_dependencies(draw, earlier, dependency_density, max_size=3),
        addresses=_subset(draw, addressable),
        estimate=draw(_optional(durations())),
        owner=draw(_optional(texts())),
        due=draw(_optional(dates())),
        links=draw(st.lists(st.just("https://tracker.example/1176"), max_size=1).map(tuple)),
        justification=draw(_optional(texts())),
        extra=draw(extra_fields()),
    )


@st.composite
def phases(
    draw: st.DrawFn,
    phase_id: str,
    items: Sequence[WorkItem],
    earlier: Sequence[str] = (),
    *,
    dependency_density: float | None = None,
) -> Phase:
    """A phase holding *items*, depending only on *earlier* phases."""
    return Phase(
        id=phase_id,
        title=draw(texts()),
        items=tuple(items),
        number=draw(_optional(st.integers(min_value=0, max_value=99))),
        timebox=draw(_optional(durations())),
        stated_status=draw(_optional(statuses())),
        depends_on=_dependencies(draw, earlier, dependency_density, max_size=2),
        start=draw(_optional(datetimes())),
        due=draw(_optional(dates())),
        extra=draw(extra_fields()),
    )


@st.composite
def next_steps(draw: st.DrawFn, step_id: str, items: Sequence[WorkItem]) -> NextStep:
    """A group of next steps holding *items*."""
    return NextStep(
        id=step_id,
        title=draw(texts()),
        items=tuple(items),
        window=draw(_optional(st.sampled_from(["Week 1", "Week 2-3", "Q3", "Sprint 12"]))),
        priority=draw(_optional(st.sampled_from(["High Priority", "P0", "low"]))),
        extra=draw(extra_fields()),
    )


@st.composite
def gaps(
    draw: st.DrawFn,
    gap_id: str,
    *,
    test_runs: Sequence[str] = (),
    measurements: Sequence[str] = (),
    blockable: Sequence[str] = (),
    evidence_ids: Sequence[str] = (),
) -> Gap:
    """A gap, measured by a test run or a measurement if any, with a threshold."""
    measurement = (
        draw(_optional(st.sampled_from([*test_runs, *measurements])))
        if (test_runs or measurements)
        else None
    )
    quantity = (
        draw(_optional(st.sampled_from(TestRunQuantity))) if measurement in test_runs else None
    )
    return Gap(
        id=gap_id,
        title=draw(texts()),
        description=draw(texts()),
        measurement=measurement,
        quantity=quantity,
        threshold=draw(_optional(targets())),
        blocks=_subset(draw, blockable),
        evidence=_subset(draw, evidence_ids),
        extra=draw(extra_fields()),
    )


@st.composite
def criteria(
    draw: st.DrawFn,
    criterion_id: str,
    *,
    test_runs: Sequence[str] = (),
    measurements: Sequence[str] = (),
    evidence_ids: Sequence[str] = (),
) -> Criterion:
    """A metric (current stated, taken from evidence, or unknown), or a yes/no condition.

    A metric's target, baseline and current value in percent are from 0 to 100.
    """
    shape = draw(st.sampled_from(["condition", "current", "current_from", "unmeasured"]))
    if shape == "current_from" and not (test_runs or measurements):
        shape = "current"
    target = None if shape == "condition" else draw(targets())
    values = _percentages() if target is not None and target.unit == "%" else _FINITE
    current = current_from = observed = None
    if shape == "condition":
        observed = draw(_optional(st.booleans()))
    elif shape == "current":
        current = draw(values)
    elif shape == "current_from":
        source = draw(st.sampled_from([*test_runs, *measurements]))
        quantity = (
            draw(_optional(st.sampled_from(TestRunQuantity))) if source in test_runs else None
        )
        current_from = MetricSource(evidence=source, quantity=quantity)
    return Criterion(
        id=criterion_id,
        title=draw(texts()),
        category=draw(st.sampled_from(CriterionCategory)),
        target=target,
        baseline=None if target is None else draw(_optional(values)),
        current=current,
        current_from=current_from,
        observed=observed,
        stated_met=draw(_optional(st.booleans())),
        window=draw(_optional(durations())),
        evidence=_subset(draw, evidence_ids),
        description=draw(texts()),
        extra=draw(extra_fields()),
    )


def claims(claim_id: str) -> st.SearchStrategy[CountClaim]:
    """A count stated in the prose."""
    return st.builds(
        CountClaim,
        id=st.just(claim_id),
        subject=st.sampled_from(CountSubject),
        value=st.integers(min_value=0, max_value=100),
        quote=texts(),
    )


def checklist_entries(refs: Sequence[str] = ()) -> st.SearchStrategy[ChecklistEntry]:
    """A tracking checklist line referring to some of *refs*."""
    ref_lists = st.lists(st.sampled_from(refs), unique=True, max_size=2) if refs else st.just([])
    return st.builds(ChecklistEntry, text=texts(), checked=st.booleans(), refs=ref_lists)


@functools.cache
def state_metrics() -> st.SearchStrategy[StateMetric]:
    """A line of the current-state metrics."""
    return st.builds(StateMetric, title=texts(), status=statuses(), text=texts())


@functools.cache
def recommendations() -> st.SearchStrategy[StatedRecommendation]:
    """The document's own recommendation."""
    return st.builds(
        StatedRecommendation,
        decision=st.sampled_from(Decision),
        summary=texts(),
        rationale=st.lists(st.builds(RationalePoint, title=texts(), text=texts()), max_size=3),
    )


# --------------------------------------------------------------------------- the document


def _check_size(name: str, low: int, high: int | None) -> None:
    if low < 0 or (high is not None and high < low):
        msg = f"{name}: expected 0 <= min <= max, got min {low}, max {high}"
        raise InvalidArgument(msg)


def _check_share(name: str, value: float | None) -> None:
    if value is not None and not 0 <= value <= 1:
        msg = f"{name}: expected a number from 0 to 1 (or None), got {value!r}"
        raise InvalidArgument(msg)


def assessments(
    *,
    min_phases: int = 0,
    max_phases: int = 3,
    min_items: int = 0,
    max_items: int = 4,
    max_next_steps: int = 2,
    max_evidence: int = 5,
    max_why: int = 5,
    min_why_depth: int = 0,
    max_why_depth: int | None = None,
    max_gaps: int = 3,
    max_criteria: int = 4,
    done_share: float | None = None,
    dependency_density: float | None = None,
) -> st.SearchStrategy[Assessment]:
    """Valid assessments: unique ids, references that resolve, no cycles.

    Args:
        min_phases, max_phases: How many phases.
        min_items, max_items: How many work items each phase (and each group
            of next steps, at most *max_items*) holds.
        max_next_steps: How many groups of next steps, at most.
        max_evidence, max_why, max_gaps, max_criteria: How many pieces of
            evidence, why steps, gaps and success criteria, at most.
        min_why_depth, max_why_depth: Bounds on the depth of the why tree, the
            number of steps on its longest chain of causes (see
            :func:`why_trees`); a *min_why_depth* above 0 asks for at least
            that many why steps.
        done_share: The share of work items that are done, from 0 to 1
            (rounded to the nearest whole item); the others have any other
            progress. ``None``: statuses are drawn freely.
        dependency_density: From 0 (no dependencies) to 1 (each work item
            depends on every earlier item, each phase on every earlier
            phase); in between, roughly that share of them. ``None``: a few
            dependencies, drawn freely.

    Raises:
        hypothesis.errors.InvalidArgument: The knobs contradict each other.
    """
    _check_size("phases", min_phases, max_phases)
    _check_size("items", min_items, max_items)
    _check_size("next_steps", 0, max_next_steps)
    _check_size("evidence", 0, max_evidence)
    _check_size("gaps", 0, max_gaps)
    _check_size("criteria", 0, max_criteria)
    _check_size("why", min_why_depth, max_why)
    if max_why_depth is not None and max_why_depth < max(min_why_depth, 1):
        msg = f"max_why_depth: expected at least max(min_why_depth, 1), got {max_why_depth}"
        raise InvalidArgument(msg)
    _check_share("done_share", done_share)
    _check_share("dependency_density", dependency_density)
    return _assessments(
        phase_count=(min_phases, max_phases),
        group_size=(min_items, max_items),
        max_next_steps=max_next_steps,
        max_evidence=max_evidence,
        why=(min_why_depth, max_why, max_why_depth),
        max_gaps=max_gaps,
        max_criteria=max_criteria,
        done_share=done_share,
        dependency_density=dependency_density,
    )


_DONE = frozenset({Progress.DONE})
_NOT_DONE = frozenset(Progress) - _DONE


_PLACEHOLDER = Status(Progress.NOT_STARTED)


@st.composite
def _assessments(
    draw: st.DrawFn,
    *,
    phase_count: tuple[int, int],
    group_size: tuple[int, int],
    max_next_steps: int,
    max_evidence: int,
    why: tuple[int, int, int | None],
    max_gaps: int,
    max_criteria: int,
    done_share: float | None,
    dependency_density: float | None,
) -> Assessment:
    # Records are drawn one at a time, each referring only to records drawn
    # before it (gaps get what they block at the end), so that shrinking can
    # delete any of them.
    name = _Names()
    assessment_id = name(draw, "plan")
    records = _many(draw, 0, max_evidence, lambda d: d(evidence(name(d, "evidence"))))
    evidence_ids = [e.id for e in records]
    test_runs = [e.id for e in records if isinstance(e, TestRunEvidence)]
    measurements = [e.id for e in records if isinstance(e, MeasurementEvidence)]
    min_why_depth, max_why, max_why_depth = why
    why_ids = _many(draw, min_why_depth, max_why, lambda d: name(d, "why"))
    why_records = draw(
        why_trees(
            why_ids,
            min_depth=max(min_why_depth, 1),
            max_depth=max_why_depth,
            evidence_ids=evidence_ids,
        )
    )
    sources = {"test_runs": test_runs, "measurements": measurements, "evidence_ids": evidence_ids}
    gap_records = _many(draw, 0, max_gaps, lambda d: d(gaps(name(d, "gap"), **sources)))
    gap_ids = [g.id for g in gap_records]
    item_ids: list[str] = []
    phase_ids: list[str] = []

    def one_item(d: st.DrawFn) -> WorkItem:
        new = d(
            work_items(
                name(d, "item"),
                earlier=list(item_ids),
                addressable=[*gap_ids, *why_ids],
                evidence_ids=evidence_ids,
                status=st.just(_PLACEHOLDER),
                dependency_density=dependency_density,
            )
        )
        item_ids.append(new.id)
        return new

    def one_phase(d: st.DrawFn) -> Phase:
        phase_id = name(d, "phase")
        held = _many(d, *group_size, one_item)
        new = d(phases(phase_id, held, phase_ids, dependency_density=dependency_density))
        phase_ids.append(phase_id)
        return new

    def one_step(d: st.DrawFn) -> NextStep:
        step_id = name(d, "next")
        return d(next_steps(step_id, _many(d, 0, group_size[1], one_item)))

    plan = _many(draw, *phase_count, one_phase)
    steps = _many(draw, 0, max_next_steps, one_step)
    criterion_records = _many(
        draw, 0, max_criteria, lambda d: d(criteria(name(d, "criterion"), **sources))
    )
    criterion_ids = [c.id for c in criterion_records]
    gap_records = [
        attrs.evolve(g, blocks=_subset(draw, [*item_ids, *criterion_ids])) for g in gap_records
    ]
    plan, steps = _with_statuses(draw, plan, steps, done_share)
    every_id = [assessment_id, *evidence_ids, *why_ids, *phase_ids, *(s.id for s in steps)]
    every_id += [*item_ids, *gap_ids, *criterion_ids]
    return Assessment(
        id=assessment_id,
        issue=draw(st.sampled_from(["#1176", "INC-42", "GHSA-xxxx", "POAM-7"])),
        title=draw(texts(min_size=1)),
        date=draw(dates()),
        author=draw(_optional(texts())),
        session=draw(_optional(texts())),
        assessment_type=draw(_optional(texts())),
        stated_status=draw(_optional(statuses())),
        summary=draw(texts()),
        metrics=draw(st.lists(state_metrics(), max_size=3)),
        labels=draw(_text_tuple()),
        related=_subset(draw, evidence_ids),
        why=why_records,
        phases=plan,
        next_steps=steps,
        gaps=gap_records,
        criteria=criterion_records,
        evidence=records,
        recommendation=draw(_optional(recommendations())),
        claims=_many(draw, 0, 2, lambda d: d(claims(name(d, "claim")))),
        tracking=draw(st.lists(checklist_entries(every_id), max_size=3)),
        success_indicators=draw(_text_tuple()),
        links=draw(st.lists(st.just("https://example.org/issues/1176"), max_size=1)),
        extra=draw(extra_fields()),
    )


def _with_statuses(
    draw: st.DrawFn, plan: list[Phase], steps: list[NextStep], done_share: float | None
) -> tuple[list[Phase], list[NextStep]]:
    """Give every work item its status: any, or done for *done_share* of them."""
    groups: list[Phase | NextStep] = [*plan, *steps]
    count = sum(len(group.items) for group in groups)
    done: set[int] = set()
    if done_share is not None:
        n_done = math.floor(done_share * count + 0.5)
        done = set(draw(st.permutations(range(count)))[:n_done])
    position = iter(range(count))

    def status() -> Status:
        if done_share is None:
            return draw(statuses())
        return draw(statuses(progress=_DONE if next(position) in done else _NOT_DONE))

    def restated(group: Any) -> Any:
        items = tuple(attrs.evolve(i, status=status()) for i in group.items)
        return attrs.evolve(group, items=items)

    return [restated(p) for p in plan], [restated(s) for s in steps]
