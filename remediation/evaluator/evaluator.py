"""Evaluating assessments: :func:`evaluate` for one, an :class:`Evaluator` for many variants.

:func:`evaluate` is a pure function of the assessment, the date, the
policy and the rules: it keeps nothing. An :class:`Evaluator` remembers its
most recent evaluations (in itself, never in the module: drop it and the
memory goes), so that a what-if variant of an assessment it evaluated is
evaluated incrementally. Both give equal results.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from remediation.evaluation.results import Evaluation
from remediation.evaluation.schedule import naive
from remediation.evaluator.changes import Change, changes_between
from remediation.evaluator.full import evaluate_full
from remediation.evaluator.incremental import evaluate_incremental
from remediation.evaluator.state import State
from remediation.exceptions import NoEvaluationDateError
from remediation.graph.structure import structure_of
from remediation.model.policy import Policy
from remediation.model.records import Assessment
from remediation.rules.catalogue import Rule
from remediation.rules.ruleset import RuleSet

__all__ = ["Evaluator", "as_datetime", "evaluate"]

_NO_POLICY = Policy()


def as_datetime(value: dt.date | dt.datetime | str) -> dt.datetime:
    """An evaluation moment: a date is its midnight, a time zone is converted to UTC."""
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            msg = f"as_of: expected an ISO 8601 date such as 2025-09-15, got {value!r}"
            raise ValueError(msg) from None
    if isinstance(value, dt.datetime):
        return naive(value)
    return dt.datetime.combine(value, dt.time())


def _policy_of(assessment: Assessment, policy: Policy | None) -> Policy:
    own = assessment.policy
    if own is None:
        return policy if policy is not None else _NO_POLICY
    return own.merged(policy)


def _moment(assessment: Assessment, as_of: dt.date | dt.datetime | str | None) -> dt.datetime:
    if as_of is not None:
        return as_datetime(as_of)
    if assessment.date is None:
        raise NoEvaluationDateError(assessment.id)
    return as_datetime(assessment.date)


def evaluate(
    assessment: Assessment,
    as_of: dt.date | dt.datetime | str | None = None,
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
            on the data alone.
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
    moment = _moment(assessment, as_of)
    ruleset = RuleSet(rules, _policy_of(assessment, policy), moment.date())
    return evaluate_full(assessment, structure_of(assessment), moment, ruleset).evaluation


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
        self._recent: list[tuple[dt.datetime, State]] = []

    def evaluate(
        self, assessment: Assessment, as_of: dt.date | dt.datetime | str | None = None
    ) -> Evaluation:
        """What :func:`evaluate` gives, computed from a remembered evaluation where it can be.

        Raises:
            PlanValidationError: The assessment has duplicate ids, dangling
                references or cycles.
        """
        moment = _moment(assessment, as_of)
        state = self._derived(assessment, moment)
        if state is None:
            policy = _policy_of(assessment, self._policy)
            ruleset = RuleSet(self._rules, policy, moment.date())
            state = evaluate_full(assessment, structure_of(assessment), moment, ruleset)
        self._remember(assessment, moment, state)
        return state.evaluation

    def forget(self) -> None:
        """Drop every remembered evaluation."""
        self._recent.clear()

    def _derived(self, assessment: Assessment, moment: dt.datetime) -> State | None:
        """The state of *assessment* from the remembered one it differs least from, or ``None``."""
        best: tuple[State, Change] | None = None
        for when, state in reversed(self._recent):
            if when != moment:
                continue
            source = state.assessment
            if source is assessment:
                return state
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
        # The source stays remembered as long as variants are made from it: a plan and
        # its what-ifs, not the what-ifs alone, fill the memory.
        self._remember(source_state.assessment, moment, source_state)
        return evaluate_incremental(source_state, assessment, change)

    def _remember(self, assessment: Assessment, moment: dt.datetime, state: State) -> None:
        recent = [
            (when, known)
            for when, known in self._recent
            if not (known.assessment is assessment and when == moment)
        ]
        recent.append((moment, state))
        self._recent = recent[-self._keep :]
