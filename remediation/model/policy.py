"""How findings and the recommendation are judged: severities, suppressions, the closing policy.

A :class:`Policy` is data, like the records: a document may carry one (its
``policy`` section), a caller may pass one to the evaluation, and a file may
hold one (``remediation evaluate --policy FILE``). The rules that apply its
severities and suppressions live in :mod:`remediation.rules`; its
:class:`ClosingPolicy` decides the recommendation
(:mod:`remediation.evaluation.recommendation`).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import attrs

from remediation.model.deadline import DateOrMoment, passed
from remediation.model.risk import DEFAULT_RISK_MATRIX, RiskMatrix
from remediation.model.status import Progress
from remediation.model.work import WorkItem

__all__ = [
    "DEFAULT_ACCEPTED_CLOSURES",
    "ClosingPolicy",
    "ClosingRule",
    "FindingSeverity",
    "Policy",
    "Suppression",
]


class FindingSeverity(enum.Enum):
    """How much a finding matters."""

    ERROR = "error"
    """The document contradicts what its data say, in a way that changes the decision."""
    WARNING = "warning"
    """A claim of the document disagrees with what is derived."""
    INFO = "info"
    """Worth a look; nothing contradicts."""


def _tuple(value: Any) -> tuple[Any, ...]:
    return tuple(value)


def _severities(value: Mapping[str, FindingSeverity]) -> Mapping[str, FindingSeverity]:
    return MappingProxyType(dict(value))


def _non_empty(instance: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if not value.strip():
        msg = f"{attribute.name}: expected a non-empty text, got {value!r}"
        raise ValueError(msg)


@attrs.frozen(cache_hash=True)
class Suppression:
    """A finding silenced on purpose: which, on what, why, by whom, until when.

    A suppressed finding stays in the evaluation, marked with its
    suppression; after *expires* the suppression no longer applies, and
    saying so is itself a finding (``suppression-expired``).

    Attributes:
        code: The finding code it silences.
        justification: Why: mandatory, and shown beside the finding.
        author: Who decided it: mandatory too.
        ids: The ids it applies to: a finding is suppressed when every one of
            these is among the finding's ids; empty means every finding of the code.
        expires: The last day it applies; ``None``: it does not expire.
    """

    code: str = attrs.field(validator=_non_empty)
    justification: str = attrs.field(validator=_non_empty)
    author: str = attrs.field(validator=_non_empty)
    ids: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    expires: DateOrMoment | None = None

    def matches(self, code: str, ids: tuple[str, ...]) -> bool:
        """Whether this suppression applies to a finding of *code* about *ids*."""
        return code == self.code and all(record_id in ids for record_id in self.ids)

    def expired(self, as_of: dt.date) -> bool:
        """Whether it has expired on *as_of*."""
        return self.expires is not None and passed(self.expires, as_of)


class ClosingRule(enum.Enum):
    """A rule of the closing policy; every reason of a recommendation names the one behind it."""

    CRITERIA_MET = "criteria-met"
    """Every success criterion is met (an unmet or unmeasured one keeps the issue open)."""
    WORK_CLOSED = "work-closed"
    """Every work item is done or closed with a reason the policy accepts."""
    ROOT_CAUSES_ADDRESSED = "root-causes-addressed"
    """Every root cause is addressed by done work."""
    GAPS_CLOSED = "gaps-closed"
    """Every coordination gap is closed."""
    RISKS_CLOSED = "risks-closed"
    """Every risk is closed, or accepted with an acceptance that has not expired."""
    EXCEPTIONS_LISTED = "exceptions-listed"
    """Accepted closures without a fix (and accepted risks) make the decision *close with
    exceptions*, each listed with its justification and expiry."""


DEFAULT_ACCEPTED_CLOSURES = (
    Progress.ACCEPTED,
    Progress.WONT_FIX,
    Progress.NOT_APPLICABLE,
    Progress.DUPLICATE,
    Progress.SUPERSEDED,
    Progress.MOVED,
)
"""The closures without a fix the default policy accepts: every one but a deferral."""


def _progresses(value: Any) -> tuple[Progress, ...]:
    return tuple(Progress(v) for v in value)


def _rules(value: Any) -> tuple[ClosingRule, ...]:
    return tuple(ClosingRule(v) for v in value)


@attrs.frozen(cache_hash=True)
class ClosingPolicy:
    """When the recommendation may close the issue: the rules that hold it open.

    The default: close only when every criterion is met and every work item is
    done or closed with a non-fix reason the policy accepts (with a
    justification, and not expired); close with exceptions when such closures
    or accepted risks exist; otherwise keep open, naming every open item,
    unmet criterion, open risk and unaddressed root cause. See
    ``docs/evaluation.md``.

    Attributes:
        rules: The rules that apply; leave one out and it holds nothing open.
        accepted: The closures without a fix that count as closed; any other
            (a deferral, by default) keeps the issue open and its phase incomplete.
        require_justification: Whether a closure without a fix needs a
            justification to be accepted.
        accept_mitigated: Whether a root cause that is only *mitigated* (a
            cause above it on its chain addressed, not it) counts as addressed;
            by default it keeps the issue open. A root cause *addressed
            elsewhere* (work outside the plan) always counts.

    Examples:
        >>> policy = ClosingPolicy()
        >>> Progress.DEFERRED in policy.accepted, Progress.WONT_FIX in policy.accepted
        (False, True)
        >>> from remediation import Status
        >>> item = WorkItem("legacy", "Port the legacy client", Status(Progress.WONT_FIX),
        ...     justification="the client is retired")
        >>> policy.accepts(item, dt.date(2025, 9, 15))
        True
    """

    rules: tuple[ClosingRule, ...] = attrs.field(default=tuple(ClosingRule), converter=_rules)
    accepted: tuple[Progress, ...] = attrs.field(
        default=DEFAULT_ACCEPTED_CLOSURES, converter=_progresses
    )
    require_justification: bool = True
    accept_mitigated: bool = False

    def applies(self, rule: ClosingRule) -> bool:
        """Whether *rule* is one of the policy's."""
        return rule in self.rules

    def accepts(self, item: WorkItem, as_of: dt.date) -> bool:
        """Whether *item*, closed without a fix, counts as closed on *as_of*.

        Its progress must be one the policy accepts, with a justification when
        the policy requires one, and its closure must not have expired.
        """
        if item.status.progress not in self.accepted:
            return False
        if self.require_justification and not item.reason:
            return False
        return item.closure is None or not item.closure.expired(as_of)


@attrs.frozen(cache_hash=True)
class Policy:
    """Severities of finding codes, rules turned off, and suppressions of findings.

    Attributes:
        severities: For a finding code, the severity to report it with.
        disabled: Codes whose rules do not run.
        suppressions: Findings silenced with a justification.
        closing: When the recommendation may close the issue; ``None``: the
            default :class:`ClosingPolicy`.
        risk_matrix: The level of a risk from its likelihood and impact;
            ``None``: NIST SP 800-30's (:data:`~remediation.model.risk.DEFAULT_RISK_MATRIX`).

    Examples:
        >>> policy = Policy(severities={"overdue": FindingSeverity.ERROR}, disabled=["empty-phase"])
        >>> policy.severity("overdue", FindingSeverity.WARNING)
        <FindingSeverity.ERROR: 'error'>
        >>> policy.enabled("empty-phase")
        False
    """

    severities: Mapping[str, FindingSeverity] = attrs.field(
        factory=dict, converter=_severities, hash=False
    )
    disabled: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    suppressions: tuple[Suppression, ...] = attrs.field(default=(), converter=_tuple)
    closing: ClosingPolicy | None = None
    risk_matrix: RiskMatrix | None = None

    @property
    def matrix(self) -> RiskMatrix:
        """The risk matrix in force: its own, or NIST SP 800-30's."""
        return self.risk_matrix if self.risk_matrix is not None else DEFAULT_RISK_MATRIX

    @property
    def closing_policy(self) -> ClosingPolicy:
        """The closing policy in force: its own, or the default."""
        return self.closing if self.closing is not None else _DEFAULT_CLOSING

    def enabled(self, code: str) -> bool:
        """Whether the rule of *code* runs."""
        return code not in self.disabled

    def severity(self, code: str, default: FindingSeverity) -> FindingSeverity:
        """The severity findings of *code* are reported with."""
        return self.severities.get(code, default)

    def merged(self, other: Policy | None) -> Policy:
        """This policy with *other* on top: its severities and its closing policy win;
        disabled codes and suppressions add up, but a code *other* gives a severity
        runs again."""
        if other is None:
            return self
        return Policy(
            severities={**self.severities, **other.severities},
            disabled=[c for c in self.disabled if c not in other.severities] + list(other.disabled),
            suppressions=(*self.suppressions, *other.suppressions),
            closing=other.closing if other.closing is not None else self.closing,
            risk_matrix=other.risk_matrix if other.risk_matrix is not None else self.risk_matrix,
        )


_DEFAULT_CLOSING = ClosingPolicy()
