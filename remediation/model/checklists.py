"""The document's lifecycle, kept apart from how much of the work is done; checklists.

"Published", "implementable" and "implemented" say where the *document* is,
not how far the work is. A :class:`LifecycleStatus` names a lifecycle and a
state of it; a :class:`Lifecycle` says which of its states claim the work is
done. :data:`DEFAULT_LIFECYCLES` maps the common ones (a postmortem, an
enhancement proposal, a POA&M item); a document declares its own in
``lifecycles``. A :class:`Checklist` (review, sign-off, graduation criteria)
names the lifecycle states that claim it ticked; the rules
``lifecycle-ahead-of-work`` and ``checklist-unticked`` compare the claims
with the data.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from remediation.model.fields import as_tuple as _tuple

__all__ = [
    "DEFAULT_LIFECYCLES",
    "Checklist",
    "ChecklistEntry",
    "Lifecycle",
    "LifecycleState",
    "LifecycleStatus",
    "find_lifecycle",
]


@attrs.frozen(cache_hash=True)
class ChecklistEntry:
    """A checklist line (of the tracking section, or of a :class:`Checklist`).

    Attributes:
        text: What it says.
        checked: Whether it is ticked.
        refs: Ids of records it refers to.
    """

    text: str
    checked: bool = False
    refs: tuple[str, ...] = attrs.field(default=(), converter=_tuple)


@attrs.frozen(cache_hash=True)
class LifecycleState:
    """A state of a document's lifecycle.

    Attributes:
        name: Its name ("implemented").
        claims_done: Whether a document in this state claims its work is done.
    """

    name: str
    claims_done: bool = False


@attrs.frozen(cache_hash=True)
class Lifecycle:
    """A lifecycle: its name and its states, first to last.

    Attributes:
        name: Its name ("enhancement").
        states: Its states, in order.
    """

    name: str
    states: tuple[LifecycleState, ...] = attrs.field(default=(), converter=_tuple)

    def state(self, name: str) -> LifecycleState | None:
        """The state called *name* (case ignored), if it has one."""
        wanted = name.strip().lower()
        return next((s for s in self.states if s.name.lower() == wanted), None)


@attrs.frozen(cache_hash=True)
class LifecycleStatus:
    """Where the document is in its lifecycle.

    Attributes:
        lifecycle: The lifecycle's name ("postmortem", "enhancement", "poam", or
            one the document declares).
        state: The state it is in ("published").
    """

    lifecycle: str
    state: str


@attrs.frozen(cache_hash=True)
class Checklist:
    """A checklist of the document: review, sign-off, graduation criteria.

    Attributes:
        id: Stable id.
        title: What it is for ("Graduation criteria: beta").
        entries: Its lines, ticked or not.
        required_in: The lifecycle states (or stages) that claim it complete:
            a document in one of them with an unticked entry is a finding.
    """

    id: str
    title: str
    entries: tuple[ChecklistEntry, ...] = attrs.field(default=(), converter=_tuple)
    required_in: tuple[str, ...] = attrs.field(default=(), converter=_tuple)

    @property
    def unticked(self) -> tuple[ChecklistEntry, ...]:
        """Its entries not ticked."""
        return tuple(e for e in self.entries if not e.checked)


DEFAULT_LIFECYCLES: tuple[Lifecycle, ...] = (
    Lifecycle(
        "postmortem",
        [
            LifecycleState("draft"),
            LifecycleState("in review"),
            LifecycleState("published"),
            LifecycleState("final"),
            # "Complete, action items in progress" (the SRE book's example): the
            # document is complete, not its action items.
            LifecycleState("complete"),
        ],
    ),
    Lifecycle(
        "enhancement",
        [
            LifecycleState("provisional"),
            LifecycleState("implementable"),
            LifecycleState("implemented", claims_done=True),
            LifecycleState("deferred"),
            LifecycleState("rejected"),
            LifecycleState("withdrawn"),
            LifecycleState("replaced"),
        ],
    ),
    Lifecycle("poam", [LifecycleState("open"), LifecycleState("closed", claims_done=True)]),
)
"""The lifecycles known without declaring them: a postmortem (draft, in review,
published, final, complete: the document's states, none claims its action items done),
an enhancement proposal
(KEP states; only implemented claims the work done) and a POA&M item (open; closed
claims it done)."""


def find_lifecycle(name: str, declared: Iterable[Lifecycle] = ()) -> Lifecycle | None:
    """The lifecycle called *name*: one the document declares, else a default one.

    Examples:
        >>> find_lifecycle("enhancement").state("Implemented").claims_done
        True
        >>> find_lifecycle("postmortem").state("published").claims_done
        False
    """
    wanted = name.strip().lower()
    for lifecycle in (*declared, *DEFAULT_LIFECYCLES):
        if lifecycle.name.lower() == wanted:
            return lifecycle
    return None
