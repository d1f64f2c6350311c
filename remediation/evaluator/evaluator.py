"""Evaluating assessments: :func:`evaluate` for one, an :class:`Evaluator` for many variants.

:func:`evaluate` is a pure function of the assessment, the date, the
policy and the rules: it keeps nothing. An :class:`Evaluator` remembers its
most recent evaluations (in itself, never in the module: drop it and the
memory goes), so that a what-if variant of an assessment it evaluated is
evaluated incrementally. Both give equal results.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterable

from remediation.evaluation.results import Evaluation
from remediation.evaluator.changes import Change, changes_between
from remediation.evaluator.full import evaluate_full
from remediation.evaluator.incremental import evaluate_incremental
from remediation.evaluator.state import State
from remediation.exceptions import NoEvaluationDateError
from remediation.graph.structure import structure_of
from remediation.model.moment import Moment
from remediation.model.policy import Policy
from remediation.model.records import Assessment
from remediation.rules.catalogue import Rule
from remediation.rules.ruleset import RuleSet

__all__ = ["Evaluator", "as_datetime", "evaluate", "zone_of"]

_NO_POLICY = Policy()


def as_datetime(value: dt.date | dt.datetime | str | Moment) -> dt.datetime:
    """An evaluation moment on its own clock: a date is its midnight; a time zone is dropped.

    A moment with a time zone is taken as the wall-clock time there, so that
    "today" is the local day: at 18:00 in UTC-7, an item due that day is not
    yet overdue. :func:`zone_of` keeps the zone, to bring times written with
    another zone onto the same clock. A :class:`~remediation.model.moment.Moment`
    (a document's date at its own precision) is its earliest instant: see
    :func:`_moment_of`.
    """
    if isinstance(value, Moment):
        return _moment_of(value)[0]
    value = _parsed(value)
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    return dt.datetime.combine(value, dt.time())


def zone_of(value: dt.date | dt.datetime | str | Moment) -> dt.tzinfo | None:
    """The time zone of an evaluation moment, if it has one."""
    if isinstance(value, Moment):
        return _moment_of(value)[1]
    value = _parsed(value)
    return value.tzinfo if isinstance(value, dt.datetime) else None


def _parsed(value: dt.date | dt.datetime | str) -> dt.date | dt.datetime:
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value)
        except ValueError:
            msg = f"as_of: expected an ISO 8601 date such as 2025-09-15, got {value!r}"
            raise ValueError(msg) from None
    return value


def _policy_of(assessment: Assessment, policy: Policy | None) -> Policy:
    own = assessment.policy
    if own is None:
        return policy if policy is not None else _NO_POLICY
    return own.merged(policy)


def _moment(
    assessment: Assessment, as_of: dt.date | dt.datetime | str | Moment | None
) -> tuple[dt.datetime, dt.tzinfo | None]:
    if as_of is not None:
        return as_datetime(as_of), zone_of(as_of)
    if assessment.date is None:
        raise NoEvaluationDateError(assessment.id)
    return as_datetime(assessment.date), zone_of(assessment.date)


def _moment_of(date: Moment) -> tuple[dt.datetime, dt.tzinfo | None]:
    """The evaluation moment of a document dated *date*: its earliest instant.

    A date-time with an offset ("2025-03-01T18:00-07:00") is that wall-clock
    time in its zone; another zoned moment ("... 18:00 UTC") is on the UTC
    clock; a partial or approximate date is evaluated as of the first instant
    it can mean, so that nothing is overdue that might not be.
    """
    with contextlib.suppress(ValueError):
        written = dt.datetime.fromisoformat(date.text)
        return as_datetime(written), zone_of(written)
    return date.earliest, dt.UTC if date.zoned else None


def evaluate(
    assessment: Assessment,
    as_of: dt.date | dt.datetime | str | Moment | None = None,
    *,
    policy: Policy | None = None,
    rules: Iterable[Rule] = (),
) -> Evaluation:
    """Derive everything the data of *assessment* say, as of a date.

    The result depends on its arguments alone, and nothing is kept: to
    evaluate many what-if variants of one plan quickly, use an
    :class:`Evaluator`.

    Args:
        assessment: The assessment.
        as_of: The evaluation date (a date, a datetime or an ISO 8601 string);
            by default the assessment's own date, so that the result depends
            on the data alone. A time with a zone is taken on that zone's
            clock: "today" is the local day there, and times written with
            another zone are converted to it.
        policy: Severities and suppressions of findings, on top of the
            document's own ``policy`` section.
        rules: Rules of one's own, run after the built-in ones.

    Raises:
        PlanValidationError: The assessment has duplicate ids, dangling
            references or cycles.

    Examples:
        >>> from remediation import evaluate, examples
        >>> result = evaluate(examples.issue_1176(), as_of="2025-09-15")
        >>> result.recommendation.decision.value
        'keep_open'
        >>> result.phase("phase-1").progress, result.phase("phase-1").complete
        (0.875, False)
    """
    moment, zone = _moment(assessment, as_of)
    ruleset = RuleSet(rules, _policy_of(assessment, policy), moment.date())
    return evaluate_full(assessment, structure_of(assessment), moment, ruleset, zone).evaluation


class Evaluator:
    """Evaluates assessments, remembering the last few to evaluate their variants incrementally.

    A variant made from an assessment this evaluator evaluated for the same
    date (with :func:`~remediation.with_status`, :func:`attrs.evolve` or any
    way that keeps the untouched records) is evaluated from that
    evaluation: only what depends on the records that changed is computed
    again, through the same functions as a full evaluation. A variant that
    changes ids or references is evaluated in full. The results equal
    :func:`evaluate`'s.

    The memory is the evaluator's own, never the module's: it holds the last
    *keep* assessments with their evaluations, and lets them go when it is
    dropped (or on :meth:`forget`). An evaluator is not meant to be shared
    between threads.

    Args:
        policy: As for :func:`evaluate`.
        rules: As for :func:`evaluate`.
        keep: How many recent evaluations to start variants from (at least 2);
            one that a variant started from counts as recent again.

    Examples:
        >>> import remediation
        >>> evaluator = remediation.Evaluator()
        >>> plan = remediation.examples.issue_1176()
        >>> evaluator.evaluate(plan).phase("phase-1").complete
        False
        >>> fixed = remediation.with_status(plan, "ssot-violations", "RESOLVED")
        >>> evaluator.evaluate(fixed).phase("phase-1").complete  # from plan's evaluation
        True
    """

    __slots__ = ("__weakref__", "_keep", "_policy", "_recent", "_rules")

    def __init__(
        self, *, policy: Policy | None = None, rules: Iterable[Rule] = (), keep: int = 4
    ) -> None:
        if keep < 2:
            msg = f"keep: expected at least 2 (a source and a variant), got {keep}"
            raise ValueError(msg)
        self._policy = policy
        self._rules = tuple(rules)
        self._keep = keep
        self._recent: list[tuple[tuple[dt.datetime, dt.tzinfo | None], State]] = []

    def evaluate(
        self, assessment: Assessment, as_of: dt.date | dt.datetime | str | Moment | None = None
    ) -> Evaluation:
        """What :func:`evaluate` gives, computed from a remembered evaluation where it can be.

        Raises:
            PlanValidationError: The assessment has duplicate ids, dangling
                references or cycles.
        """
        moment = _moment(assessment, as_of)
        derived = self._derived(assessment, moment)
        if derived is None:
            policy = _policy_of(assessment, self._policy)
            ruleset = RuleSet(self._rules, policy, moment[0].date())
            state = evaluate_full(
                assessment, structure_of(assessment), moment[0], ruleset, moment[1]
            )
            self._remember(assessment, moment, state)
            return state.evaluation
        source, state = derived
        self._remember(assessment, moment, state)
        if source is not state:
            # The source stays remembered, and is the first one tried, as long as variants
            # are made from it: a plan and its what-ifs, not the what-ifs alone, fill the
            # memory, and the next what-if of the plan is compared with the plan first.
            self._remember(source.assessment, moment, source)
        return state.evaluation

    def forget(self) -> None:
        """Drop every remembered evaluation."""
        self._recent.clear()

    def _derived(
        self, assessment: Assessment, moment: tuple[dt.datetime, dt.tzinfo | None]
    ) -> tuple[State, State] | None:
        """The state of *assessment* and the remembered one it came from, or ``None``.

        The source is the remembered state *assessment* differs least from.
        """
        best: tuple[State, Change] | None = None
        for when, state in reversed(self._recent):
            if when != moment:
                continue
            source = state.assessment
            if source is assessment:
                return state, state
            if source.policy is not assessment.policy:
                continue
            change = changes_between(source, assessment)
            if change is not None and (best is None or change.size < best[1].size):
                best = (state, change)
                if change.size <= 1:
                    break  # no remembered evaluation is closer
        if best is None:
            return None
        source_state, change = best
        return source_state, evaluate_incremental(source_state, assessment, change)

    def _remember(
        self,
        assessment: Assessment,
        moment: tuple[dt.datetime, dt.tzinfo | None],
        state: State,
    ) -> None:
        recent = [
            (when, known)
            for when, known in self._recent
            if not (known.assessment is assessment and when == moment)
        ]
        recent.append((moment, state))
        self._recent = recent[-self._keep :]
