"""Running the rules under a policy: severities, rules turned off, suppressions, failures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, cast

from remediation.evaluation.results import Finding
from remediation.model.policy import FindingSeverity, Policy, Suppression
from remediation.rules.builtin import catalogue
from remediation.rules.catalogue import Check, Rule, Scope
from remediation.rules.context import Context
from remediation.rules.meta import rule_failed

__all__ = ["Active", "RuleSet"]

_POSITIONS = 1 << 40
"""Findings are ordered by rule, then by the position of their subject below this."""


class Active:
    """A rule as an evaluation runs it: its place in the order and the severity in force."""

    __slots__ = ("base", "check", "code", "rule", "severity")

    def __init__(self, rule: Rule, slot: int, severity: FindingSeverity) -> None:
        self.rule = rule
        self.code = rule.code
        self.check = cast(Check, rule.check)  # the failure rule, without one, is never run
        self.severity = severity
        self.base = slot * _POSITIONS


class RuleSet:
    """The rules of one evaluation, in order, with the policy applied.

    Attributes:
        policy: The policy in force.
        by_scope: For each scope, the rules that run on it (those the policy
            leaves on), in catalogue order.
    """

    __slots__ = ("_failed", "_suppressions", "by_scope", "policy")

    def __init__(self, rules: Iterable[Rule], policy: Policy, as_of: dt.date) -> None:
        self.policy = policy
        ordered = catalogue(rules)
        by_scope: dict[Scope, list[Active]] = {scope: [] for scope in Scope}
        for slot, each in enumerate(ordered):
            if each.check is not None and policy.enabled(each.code):
                by_scope[each.scope].append(
                    Active(each, slot, policy.severity(each.code, each.severity))
                )
        self.by_scope = {scope: tuple(active) for scope, active in by_scope.items()}
        failed_slot = next(i for i, each in enumerate(ordered) if each is rule_failed)
        self._failed = (
            Active(
                rule_failed, failed_slot, policy.severity(rule_failed.code, rule_failed.severity)
            )
            if policy.enabled(rule_failed.code)
            else None
        )
        suppressions: dict[str, list[Suppression]] = {}
        for suppression in policy.suppressions:
            if not suppression.expired(as_of):
                suppressions.setdefault(suppression.code, []).append(suppression)
        self._suppressions = suppressions

    def run(
        self, active: Active, record: Any, result: Any, context: Context
    ) -> tuple[Finding, ...]:
        """The findings of *active* on one subject (a failure of its check is one too)."""
        try:
            found = active.check(record, result, context)
            if not found:
                return ()
            findings = tuple(self._finding(active, message, ids) for message, ids in found)
        except Exception as error:
            return self._failure(active, record, error)
        return findings

    def _finding(self, active: Active, message: object, ids: Iterable[object]) -> Finding:
        if not isinstance(message, str):
            msg = f"expected (message, ids) with a text message, got {message!r}"
            raise TypeError(msg)
        listed = tuple(ids)
        if any(not isinstance(record_id, str) for record_id in listed):
            msg = f"expected ids as texts, got {listed!r}"
            raise TypeError(msg)
        ids = cast(tuple[str, ...], listed)
        code = active.code
        suppressed_by = None
        for suppression in self._suppressions.get(code, ()):
            if suppression.matches(code, ids):
                suppressed_by = suppression
                break
        return Finding(code, active.severity, message, ids, suppressed_by)

    def _failure(self, active: Active, record: Any, error: Exception) -> tuple[Finding, ...]:
        failed = self._failed
        if failed is None:
            return ()
        subject = getattr(record, "id", None)
        on = f" on {subject!r}" if isinstance(subject, str) else ""
        ids = (subject,) if isinstance(subject, str) else ()
        finding = self._finding(
            failed,
            f"rule {active.code!r} failed{on}: {type(error).__name__}: {error}",
            ids,
        )
        return (finding,)
