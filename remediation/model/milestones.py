"""Milestones and releases: what work is for, when it was planned, how often it moved.

A :class:`Milestone` is a date, a release (a version), or both. Its planned
date has a history: the first plan (``due``), then each re-plan
(:class:`Replan`) with when it was made and why; ``done`` is when it was
reached. Work items and phases name the milestone they serve. Versions are
compared as versions (:func:`version_key`): PEP 440, which also orders the
SemVer forms documents use (``v1.22``, ``1.2.3-rc.1``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs
from packaging.version import InvalidVersion, Version

from remediation.model.fields import as_tuple as _tuple
from remediation.model.fields import extra_field as _extra
from remediation.model.moment import Moment

__all__ = ["Milestone", "Replan", "StageClaim", "version_key"]


def version_key(text: str) -> Version | None:
    """The version *text* names, for ordering; ``None`` if it is not a version.

    A leading ``v`` or ``V`` is allowed.

    Examples:
        >>> version_key("v1.22") < version_key("1.24") < version_key("1.24.1")
        True
        >>> version_key("1.2.3-rc.1") < version_key("1.2.3")
        True
        >>> version_key("next") is None
        True
    """
    stripped = text.strip()
    if stripped[:1] in {"v", "V"}:
        stripped = stripped[1:]
    try:
        return Version(stripped)
    except InvalidVersion:
        return None


@attrs.frozen
class Replan:
    """One move of a milestone's planned date.

    Attributes:
        due: The new planned date.
        at: When the re-plan was made, if the document says.
        reason: Why, in the document's words.
    """

    due: Moment
    at: Moment | None = None
    reason: str | None = None


@attrs.frozen
class Milestone:
    """A date or a release that work is for.

    Attributes:
        id: Stable id.
        name: Its name ("GA", "Kubernetes v1.24").
        version: The release it is, if it is one ("v1.24").
        stage: The stage the work reaches at it, if stated ("alpha", "beta", "stable").
        due: When it was first planned.
        replans: Each later change of the planned date, in order.
        done: When it was reached, if the document says when.
        reached: Whether it was reached, when the document says so without a
            date ("alpha in 1.27"); a ``done`` date says it too.
        extra: Free-form fields.
    """

    id: str
    name: str
    version: str | None = None
    stage: str | None = None
    due: Moment | None = None
    replans: tuple[Replan, ...] = attrs.field(default=(), converter=_tuple)
    done: Moment | None = None
    reached: bool = False
    extra: Mapping[str, Any] = _extra()

    @property
    def planned(self) -> Moment | None:
        """The date planned now: the last re-plan's, or else the first plan."""
        return self.replans[-1].due if self.replans else self.due


@attrs.frozen
class StageClaim:
    """A statement of the form "stable in v1.24": a stage reached at a version.

    Attributes:
        stage: The stage ("beta", "stable", "GA").
        version: The version it names.
        quote: The words of the document, if kept.
    """

    stage: str
    version: str
    quote: str | None = None
