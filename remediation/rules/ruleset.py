"""Running the rules under a policy: severities, rules turned off, suppressions, failures."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from operator import attrgetter
from typing import Any, cast

from remediation.evaluation.keyed import KeyedList
from remediation.evaluation.results import Finding
from remediation.model.policy import FindingSeverity, Policy, Suppression
from remediation.rules.builtin import BUILTIN_RULES, catalogue
from remediation.rules.catalogue import Check, Rule, Scope
from remediation.rules.context import Context
from remediation.rules.meta import rule_failed

__all__ = ["Active", "RuleSet", "Subjects"]

Subjects = tuple[Sequence[int], Sequence[Any], Sequence[Any]]
"""The subjects of a scope: their positions, records and results, side by side."""

_POSITIONS = 1 << 40
"""Findings are ordered by rule, then by the position of their subject below this."""


class Active:
    """A rule as an evaluation runs it: its place in the order and the severity in force."""

    __slots__ = ("base", "check", "code", "rule", "severity", "trusted", "when")

    def __init__(self, rule: Rule, slot: int, severity: FindingSeverity) -> None:
        self.rule = rule
        self.when = rule.when
        self.trusted = any(rule is known for known in BUILTIN_RULES)  # (text, tuple of texts)
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
        when = active.when
        if when is not None and getattr(result, when[0]) not in when[1]:
            return ()  # a subject the rule does not look at
        try:
            found = active.check(record, result, context)
            if not found:
                return ()
            findings = tuple(self._finding(active, message, ids) for message, ids in found)
        except Exception as error:
            return self._failure(active, record, error)
        return findings

    def run_scope(
        self,
        scope: Scope,
        subjects: Subjects,
        context: Context,
        out: KeyedList,
    ) -> None:
        """Add to *out* the findings of every rule of *scope* on each subject, by key.

        A rule with a ``when`` sees only the subjects it looks at: the subjects
        are grouped by the value of the attribute it names, in one pass per
        attribute, and its check is called on the groups it wants only. (A rule
        sees its subjects grouped, not in document order; its findings are keyed
        by position, and sorted when the evaluation completes.)
        """
        results = subjects[2]
        groups_of: dict[str, dict[Any, list[int]]] = {}
        for active in self.by_scope[scope]:
            when = active.when
            if when is None:
                self.run_many(active, subjects, context, out)
                continue
            name, wanted = when
            groups = groups_of.get(name)
            if groups is None:
                groups = groups_of[name] = defaultdict(list)
                for index, value in enumerate(map(attrgetter(name), results)):
                    groups[value].append(index)
            for value in wanted:
                chosen = groups.get(value)
                if chosen:
                    self.run_many(active, subjects, context, out, chosen)

    def run_many(
        self,
        active: Active,
        subjects: Subjects,
        context: Context,
        out: KeyedList,
        chosen: Sequence[int] | None = None,
    ) -> None:
        """Add to *out* the findings of *active* on each subject (those at the indexes
        *chosen* only, if given), by key.

        The same findings as :meth:`run` on each subject, keyed by the rule's
        base plus the position; the check is called in a tight loop, and only
        when it fails somewhere are the subjects checked again one by one.
        """
        check, base = active.check, active.base
        code, severity = active.code, active.severity
        keys, values = out.keys, out.values
        mark = len(keys)
        positions, records, results = subjects
        indexes = range(len(positions)) if chosen is None else chosen
        make: Any = Finding  # a built-in rule's findings need no checking (ids are tuples)
        if not active.trusted or code in self._suppressions:

            def make(_code: str, _severity: Any, message: Any, ids: Any, _by: None) -> Finding:
                return self._finding(active, message, ids)  # checked, and maybe suppressed

        try:
            for index in indexes:
                found = check(records[index], results[index], context)
                if found:
                    key = base + positions[index]
                    for message, ids in found:
                        values.append(make(code, severity, message, ids, None))
                        keys.append(key)
        except Exception:
            del keys[mark:], values[mark:]
            for index in indexes:
                key = base + positions[index]
                for each in self.run(active, records[index], results[index], context):
                    keys.append(key)
                    values.append(each)

    def _finding(self, active: Active, message: object, ids: Iterable[object]) -> Finding:
        if active.trusted:
            return self._suppressed(active, cast(str, message), cast(tuple[str, ...], ids))
        if not isinstance(message, str):
            msg = f"expected (message, ids) with a text message, got {message!r}"
            raise TypeError(msg)
        listed = ids if type(ids) is tuple else tuple(ids)
        for record_id in listed:
            if not isinstance(record_id, str):
                msg = f"expected ids as texts, got {listed!r}"
                raise TypeError(msg)
        return self._suppressed(active, message, cast(tuple[str, ...], listed))

    def _suppressed(self, active: Active, message: str, ids: tuple[str, ...]) -> Finding:
        """The finding, marked with the first suppression that applies to it, if any."""
        suppressed_by = None
        suppressions = self._suppressions
        if suppressions:
            code = active.code
            for suppression in suppressions.get(code, ()):
                if suppression.matches(code, ids):
                    suppressed_by = suppression
                    break
        return Finding(active.code, active.severity, message, ids, suppressed_by)

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
