"""Rules on work items: statuses without evidence or justification, done before what they need."""

from __future__ import annotations

from remediation.evaluation.progress import WITHOUT_FIX
from remediation.evaluation.results import ItemEvaluation
from remediation.model.closure import TARGETED_CLOSURES
from remediation.model.links import EVIDENCE_LINKS, link_kind
from remediation.model.policy import FindingSeverity
from remediation.model.records import WorkItem
from remediation.model.status import Progress
from remediation.rules.catalogue import EXAMPLE_HEADER, Example, Found, Scope, rule
from remediation.rules.context import Context

__all__ = [
    "closed_without_justification",
    "closure_expired",
    "closure_without_target",
    "done_before_dependency",
    "status_without_evidence",
]

_DONE, _NOT_STARTED, _UNKNOWN = Progress.DONE, Progress.NOT_STARTED, Progress.UNKNOWN
_VALUE = {progress: progress.value for progress in Progress}
"""Each progress state's text (a lookup: an enum's ``value`` is a Python-level property)."""


@rule(
    "status-without-evidence",
    title="Progress claimed without evidence",
    scope=Scope.ITEM,
    severity=FindingSeverity.INFO,
    reads=("item",),
    when=("progress", [p for p in Progress if p not in {_NOT_STARTED, _UNKNOWN}]),
    examples=[
        Example(
            EXAMPLE_HEADER + "phases:\n  - id: fix\n    title: Fix\n    items:\n"
            "      - {id: patch, title: Patch, status: ✅ RESOLVED}\n",
            "item 'patch' is done with no evidence",
        )
    ],
)
def status_without_evidence(item: WorkItem, result: ItemEvaluation, context: Context) -> Found:
    """What it does:
        Flags an item that is done, partial or closed without a fix and names no
        evidence (a commit, a test run, a document, a measurement, a note) and no link
        to a pull request, an issue or a commit (recognised from the URL, never
        fetched).

    Why is this bad?
        A status asserted with nothing behind it is the author's word only; evidence
        is what lets a reader, or the next assessment, check it.
    """
    progress = result.progress
    if (
        progress is not _NOT_STARTED
        and progress is not _UNKNOWN
        and not item.evidence
        and not any(link_kind(url) in EVIDENCE_LINKS for url in item.links)
    ):
        return [(f"item {item.id!r} is {_VALUE[progress]} with no evidence", (item.id,))]
    return ()


@rule(
    "closed-without-justification",
    title="Closed without a fix and without a reason",
    scope=Scope.ITEM,
    reads=("item",),
    when=("progress", [p for p in Progress if p.is_closed_without_fix]),
    examples=[
        Example(
            EXAMPLE_HEADER + "phases:\n  - id: fix\n    title: Fix\n    items:\n"
            "      - {id: legacy, title: Port the legacy client, status: WON'T FIX,"
            " evidence: [n]}\nevidence:\n  - {kind: note, id: n, text: decided in review}\n",
            "item 'legacy' is closed as wont_fix without a justification",
        )
    ],
)
def closed_without_justification(item: WorkItem, result: ItemEvaluation, context: Context) -> Found:
    """What it does:
        Flags an item closed without a fix (accepted, deferred, not applicable, won't
        fix, duplicate, superseded, moved) that gives no justification, neither its
        own nor its closure's.

    Why is this bad?
        Closing work without fixing it is a decision; without its reason nobody can
        review it, and the issue may be closed on work that was only set aside.
    """
    if WITHOUT_FIX[result.progress] and not item.reason:
        message = f"item {item.id!r} is closed as {result.progress.value} without a justification"
        return [(message, (item.id,))]
    return ()


@rule(
    "done-before-dependency",
    title="Done while work it depends on is open",
    scope=Scope.ITEM,
    reads=("item", "phase"),
    when=("progress", [Progress.DONE]),
    examples=[
        Example(
            EXAMPLE_HEADER + "phases:\n  - id: fix\n    title: Fix\n    items:\n"
            "      - {id: deploy, title: Deploy, status: DONE, depends_on: [build],"
            " evidence: [c]}\n      - {id: build, title: Build, status: in progress,"
            " evidence: [c]}\nevidence:\n  - {kind: commit, id: c, sha: 4f2a9c1}\n",
            "item 'deploy' is done, but it depends on open work: build",
        )
    ],
)
def done_before_dependency(item: WorkItem, result: ItemEvaluation, context: Context) -> Found:
    """What it does:
        Flags an item that is done while a work item it depends on is still open.

    Why is this bad?
        Either the dependency was not real, or the work was declared done before it
        could be: one of the two statements of the document is wrong.
    """
    if result.progress is not _DONE or not result.blocked_by:
        return ()
    # What it waits for holds every open item it depends on (and incomplete phases and
    # open gaps, which closed() does not call work items).
    pending = [need for need in result.blocked_by if context.closed(need) is False]
    if pending:
        message = f"item {item.id!r} is done, but it depends on open work: " + ", ".join(pending)
        return [(message, (item.id, *pending))]
    return ()


@rule(
    "closure-expired",
    title="A closure without a fix past its expiry",
    scope=Scope.ITEM,
    reads=("item", "date"),
    when=("progress", [p for p in Progress if p.is_closed_without_fix]),
    examples=[
        Example(
            EXAMPLE_HEADER + "phases:\n  - id: fix\n    title: Fix\n    items:\n"
            "      - id: tls\n        title: Rotate the TLS keys\n"
            "        status: risk accepted\n        evidence: [n]\n"
            "        closure: {justification: no exposure, decided_by: ciso,"
            " until: 2025-02-28}\n"
            "evidence:\n  - {kind: note, id: n, text: accepted in review}\n",
            "item 'tls' is accepted until 2025-02-28, which has passed"
            " (no exposure; decided by ciso)",
        )
    ],
)
def closure_expired(item: WorkItem, result: ItemEvaluation, context: Context) -> Found:
    """What it does:
        Flags an item closed without a fix whose closure has an ``until`` date that
        has passed.

    Why is this bad?
        An acceptance that expires was a decision for a time; once the time is over
        the work is open again (the closing policy no longer accepts it) until
        someone fixes it or renews the decision.
    """
    closure = item.closure
    if closure is None or not closure.expired(context.as_of.date()):
        return ()
    assert closure.until is not None  # noqa: S101  (expired() says so)
    why = closure.justification or "no justification"
    if closure.decided_by:
        why += f"; decided by {closure.decided_by}"
    message = (
        f"item {item.id!r} is {result.progress.value.replace('_', ' ')} until"
        f" {closure.until}, which has passed ({why})"
    )
    return [(message, (item.id,))]


@rule(
    "closure-without-target",
    title="Deferred, duplicate, superseded or moved without saying where",
    scope=Scope.ITEM,
    reads=("item",),
    when=("progress", sorted(TARGETED_CLOSURES, key=lambda p: p.value)),
    examples=[
        Example(
            EXAMPLE_HEADER + "phases:\n  - id: fix\n    title: Fix\n    items:\n"
            "      - {id: retry, title: Retry on 503, status: MOVED,"
            " justification: the client team owns it, evidence: [n]}\n"
            "evidence:\n  - {kind: note, id: n, text: agreed in triage}\n",
            "item 'retry' is moved but does not say where (closure.to)",
        )
    ],
)
def closure_without_target(item: WorkItem, result: ItemEvaluation, context: Context) -> Found:
    """What it does:
        Flags an item deferred, closed as a duplicate, superseded or moved whose
        closure does not name where the work is now (``closure.to``: an id, an issue,
        a link, a release).

    Why is this bad?
        Work that went somewhere else is only closed if it can be found there; without
        the target nobody can check that it gets done, and a dependency on it can
        never be seen satisfied.
    """
    if result.progress in TARGETED_CLOSURES and (item.closure is None or not item.closure.to):
        word = result.progress.value
        return [(f"item {item.id!r} is {word} but does not say where (closure.to)", (item.id,))]
    return ()
