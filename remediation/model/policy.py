"""How findings are judged: severities, rules turned off, and suppressions with their reasons.

A :class:`Policy` is data, like the records: a document may carry one (its
``policy`` section), a caller may pass one to the evaluation, and a file may
hold one (``remediation evaluate --policy FILE``). The rules that apply it
live in :mod:`remediation.rules`.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import attrs

__all__ = ["FindingSeverity", "Policy", "Suppression"]


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
    expires: dt.date | None = None

    def matches(self, code: str, ids: tuple[str, ...]) -> bool:
        """Whether this suppression applies to a finding of *code* about *ids*."""
        return code == self.code and all(record_id in ids for record_id in self.ids)

    def expired(self, as_of: dt.date) -> bool:
        """Whether it has expired on *as_of*."""
        return self.expires is not None and as_of > self.expires


@attrs.frozen(cache_hash=True)
class Policy:
    """Severities of finding codes, rules turned off, and suppressions of findings.

    Attributes:
        severities: For a finding code, the severity to report it with.
        disabled: Codes whose rules do not run.
        suppressions: Findings silenced with a justification.

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

    def enabled(self, code: str) -> bool:
        """Whether the rule of *code* runs."""
        return code not in self.disabled

    def severity(self, code: str, default: FindingSeverity) -> FindingSeverity:
        """The severity findings of *code* are reported with."""
        return self.severities.get(code, default)

    def merged(self, other: Policy | None) -> Policy:
        """This policy with *other* on top: its severities win; disabled codes and
        suppressions add up, but a code *other* gives a severity runs again."""
        if other is None:
            return self
        return Policy(
            severities={**self.severities, **other.severities},
            disabled=[c for c in self.disabled if c not in other.severities] + list(other.disabled),
            suppressions=(*self.suppressions, *other.suppressions),
        )
