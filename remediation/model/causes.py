"""The five whys: steps of a root-cause analysis, a tree whose leaves are root causes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from remediation.model.fields import as_tuple as _tuple
from remediation.model.fields import extra_field as _extra

__all__ = [
    "WhyStep",
]


@attrs.frozen(cache_hash=True)
class WhyStep:
    """One step of a "five whys" analysis.

    The steps form a tree: ``causes`` names the deeper steps that answer this
    one's "why". A step without causes is a root cause; a chain is a path from
    the first step to a root cause.

    Attributes:
        id: Stable id.
        question: The question asked ("Why does architectural fragmentation persist?").
        finding: The answer found.
        evidence: Ids of evidence for the finding.
        causes: Ids of the steps that explain this one.
        observations: Supporting points in words.
        addressed_elsewhere: Links or issue references where work outside this
            plan (another project's proposal, another team's issue) addresses
            this cause; such a root cause is *addressed elsewhere*.
        analysis: The name of the why analysis the step belongs to ("Why the
            outage", "Why the backups failed"), for a document with several;
            steps without one form the document's main analysis.
    """

    id: str
    question: str
    finding: str
    evidence: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    causes: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    observations: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    addressed_elsewhere: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    analysis: str | None = None
    extra: Mapping[str, Any] = _extra()

    @property
    def is_root_cause(self) -> bool:
        """Whether nothing deeper explains this step."""
        return not self.causes
