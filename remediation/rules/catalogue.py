"""The rule catalogue: every finding comes from a rule with a code, a severity and a rationale.

A :class:`Rule` checks one kind of subject (its :class:`Scope`): a work
item with its derived result, a phase, a criterion, a test run, a gap, a
root cause, a piece of scheduled work, or the whole assessment with its
evaluation. Its check yields ``(message, ids)`` pairs; the evaluation turns
them into :class:`~remediation.Finding` objects with the rule's code and the
severity the policy gives it. Every rule runs in a full evaluation and in an
incremental what-if alike: a record-scope rule again whenever its subject's
record or derived result changes, an assessment-scope rule every time.

Write a rule of your own with :func:`rule`, and pass it to
:func:`remediation.evaluate` (``rules=``), to an
:class:`~remediation.Evaluator`, or publish it under the entry-point group
``remediation.rules``.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeAlias

import attrs

from remediation.evaluation.results import FindingCode
from remediation.model.policy import FindingSeverity

__all__ = ["EXAMPLE_HEADER", "Check", "Example", "Found", "Rule", "Scope", "rule"]

Found: TypeAlias = Iterable[tuple[str, Sequence[str]]]
"""What a check returns (or yields): the ``(message, ids)`` of each finding."""
Check: TypeAlias = Callable[[Any, Any, Any], Found]
"""``check(record, result, context)``: the findings on one subject."""

_CODE = re.compile(r"^[a-z][a-z0-9]*(?:[-.][a-z0-9]+)*$")


class Scope(enum.Enum):
    """What a rule checks: the record and the derived result its check receives."""

    ASSESSMENT = "assessment"
    """The :class:`~remediation.Assessment` and its :class:`~remediation.Evaluation`
    (every derived value but the findings)."""
    PHASE = "phase"
    """A :class:`~remediation.Phase` and its :class:`~remediation.PhaseEvaluation`."""
    ITEM = "item"
    """A :class:`~remediation.WorkItem` and its :class:`~remediation.ItemEvaluation`."""
    TEST_RUN = "test_run"
    """A :class:`~remediation.TestRunEvidence` and its :class:`~remediation.TestRunEvaluation`."""
    CRITERION = "criterion"
    """A :class:`~remediation.Criterion` and its :class:`~remediation.CriterionEvaluation`."""
    GAP = "gap"
    """A :class:`~remediation.Gap` and its :class:`~remediation.GapEvaluation`."""
    ROOT_CAUSE = "root_cause"
    """A root cause's :class:`~remediation.WhyStep` and its
    :class:`~remediation.RootCauseCoverage`."""
    SCHEDULE = "schedule"
    """An open :class:`~remediation.WorkItem` or a :class:`~remediation.Phase` with open
    work, and its :class:`~remediation.ScheduledWork`."""
    EVALUATION = "evaluation"
    """Reported by the evaluation itself (a rule that failed); nothing to check."""


EXAMPLE_HEADER = "schema_version: 1\nid: plan\nissue: '#1'\ntitle: Plan\ndate: 2025-03-03\n"
"""The first lines of the built-in rules' example documents."""


@attrs.frozen
class Example:
    """A document that makes a rule fire, and the message it produces.

    Attributes:
        document: The document in YAML (a whole document, as small as it can be).
        message: The message of one of the findings it yields.
        as_of: The evaluation date, if not the document's own.
    """

    document: str
    message: str
    as_of: str | None = None


def _sections(doc: str) -> dict[str, str]:
    """The "What it does" and "Why is this bad?" sections of a rule's docstring."""
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in doc.splitlines():
        heading = line.strip().rstrip(":").lower()
        if heading in {"what it does", "why is this bad?", "why is this bad"}:
            current = found.setdefault("what" if heading == "what it does" else "why", [])
        elif current is not None:
            current.append(line)
    return {key: " ".join(" ".join(lines).split()) for key, lines in found.items()}


def _valid_code(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not _CODE.fullmatch(value):
        msg = (
            f"rule code {value!r}: expected lowercase words joined by '-' or '.', "
            "such as 'acme.owner-missing'"
        )
        raise ValueError(msg)


def _when(value: tuple[str, Iterable[Any]] | None) -> tuple[str, frozenset[Any]] | None:
    if value is None:
        return None
    name, values = value
    return name, frozenset(values)


def _known(code: str) -> str:
    """A built-in rule's code as its :class:`~remediation.FindingCode` member."""
    try:
        return FindingCode(code)
    except ValueError:
        return code


@attrs.frozen
class Rule:
    """A check of the catalogue: what it looks at, how much it matters, why.

    Attributes:
        code: Stable code, the finding's ``code`` (``"phase-status-mismatch"``).
        title: A short name.
        scope: What its check receives.
        severity: Its default severity (a policy may change it).
        check: ``check(record, result, context)`` yields ``(message, ids)``
            for each finding; ``None`` for findings the evaluation reports itself.
        what: What it does.
        why: Why it matters.
        reads: The kinds of records and results it reads.
        when: ``(attribute, values)``: the rule looks only at subjects whose
            derived result has one of *values* in *attribute* (items whose
            ``progress`` is done, schedule entries that are ``overdue``);
            the others are not checked at all. ``None``: every subject.
            Checks are called in no promised order; findings come out in
            document order.
        examples: Documents that make it fire, with their messages.
        inputs: For a rule of the assessment scope that reads no derived
            value: the fields of the assessment its check reads (``()``: only
            ids and references). An incremental what-if keeps its findings
            while those fields are the same objects; ``None`` (the default):
            it runs on every evaluation.
    """

    code: str = attrs.field(validator=_valid_code, converter=_known)
    title: str
    scope: Scope
    severity: FindingSeverity
    check: Check | None = attrs.field(eq=False, repr=False)
    what: str
    why: str
    reads: tuple[str, ...] = ()
    examples: tuple[Example, ...] = ()
    when: tuple[str, frozenset[Any]] | None = attrs.field(default=None, converter=_when)
    inputs: tuple[str, ...] | None = None


def rule(
    code: str,
    *,
    title: str,
    scope: Scope,
    severity: FindingSeverity = FindingSeverity.WARNING,
    reads: Iterable[str] = (),
    when: tuple[str, Iterable[Any]] | None = None,
    examples: Iterable[Example] = (),
    inputs: Iterable[str] | None = None,
) -> Callable[[Check], Rule]:
    """Make a :class:`Rule` of a check function; its docstring gives what it does and why.

    The docstring has two sections, ``What it does:`` and ``Why is this bad?``
    (as ruff's rules do); their text becomes the rule's ``what`` and ``why``.

    Examples:
        >>> from remediation.rules import Scope, rule
        >>> @rule("acme.owner-missing", title="Open work without an owner", scope=Scope.ITEM)
        ... def owner_missing(item, result, context):
        ...     '''What it does:
        ...         Flags open work items that name no owner.
        ...
        ...     Why is this bad?
        ...         Work nobody owns is work nobody does.
        ...     '''
        ...     if not result.closed and item.owner is None:
        ...         yield f"item {item.id!r} is open and has no owner", (item.id,)
        >>> owner_missing.code, owner_missing.why
        ('acme.owner-missing', 'Work nobody owns is work nobody does.')
    """

    def make(check: Check) -> Rule:
        sections = _sections(check.__doc__ or "")
        if "what" not in sections or "why" not in sections:
            msg = (
                f"rule {code!r}: its docstring needs a 'What it does:' and a "
                "'Why is this bad?' section"
            )
            raise ValueError(msg)
        return Rule(
            code=code,
            title=title,
            scope=scope,
            severity=severity,
            check=check,
            what=sections["what"],
            why=sections["why"],
            reads=tuple(reads),
            when=when,
            examples=tuple(examples),
            inputs=None if inputs is None else tuple(inputs),
        )

    return make
