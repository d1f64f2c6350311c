"""Links as evidence: what a URL points at, recognised from its shape, never fetched.

A work item's ``links`` to a pull request, an issue or a commit are evidence
of its status as much as a commit record is: :func:`link_kind` tells which
kind a URL is from its path alone (GitHub, GitLab, Gitea/Forgejo, Bitbucket
and Gerrit shapes; Jira's ``/browse/KEY-12`` for an issue). Nothing is
fetched; a URL of another shape is :attr:`LinkKind.OTHER`, which is not
evidence.
"""

from __future__ import annotations

import enum
import re
import urllib.parse

__all__ = ["EVIDENCE_LINKS", "LinkKind", "link_kind"]


class LinkKind(enum.Enum):
    """What a link points at."""

    PULL_REQUEST = "pull_request"
    ISSUE = "issue"
    COMMIT = "commit"
    OTHER = "other"


EVIDENCE_LINKS = frozenset({LinkKind.PULL_REQUEST, LinkKind.ISSUE, LinkKind.COMMIT})
"""The kinds of link that count as evidence."""

_SHAPES: tuple[tuple[re.Pattern[str], LinkKind], ...] = (
    # GitHub /pull/N, GitLab /-/merge_requests/N, Gitea /pulls/N, Bitbucket /pull-requests/N
    (re.compile(r"/(?:pull|pulls|-/merge_requests|merge_requests|pull-requests)/\d+(?:/|$)"),
     LinkKind.PULL_REQUEST),
    # Gerrit /c/project/+/N
    (re.compile(r"/c/.+/\+/\d+(?:/|$)"), LinkKind.PULL_REQUEST),
    (re.compile(r"/(?:-/)?commits?/[0-9a-f]{7,40}(?:/|$)"), LinkKind.COMMIT),
    (re.compile(r"/(?:-/)?issues/\d+(?:/|$)"), LinkKind.ISSUE),
    # Jira /browse/KEY-N
    (re.compile(r"/browse/[A-Z][A-Z0-9_]*-\d+(?:/|$)"), LinkKind.ISSUE),
)  # fmt: skip


def link_kind(url: str) -> LinkKind:
    """The kind of what *url* points at, from its shape.

    Examples:
        >>> link_kind("https://github.com/org/repo/pull/42").value
        'pull_request'
        >>> link_kind("https://gitlab.com/org/repo/-/merge_requests/7").value
        'pull_request'
        >>> link_kind("https://github.com/org/repo/commit/9c87d9def").value
        'commit'
        >>> link_kind("https://github.com/org/repo/issues/1176#issuecomment-1").value
        'issue'
        >>> link_kind("https://acme.atlassian.net/browse/OPS-12").value
        'issue'
        >>> link_kind("https://example.org/postmortem").value
        'other'
    """
    parsed = urllib.parse.urlsplit(url.strip())
    if parsed.scheme not in {"http", "https"} or not parsed.netloc:
        return LinkKind.OTHER
    for shape, kind in _SHAPES:
        if shape.search(parsed.path):
            return kind
    return LinkKind.OTHER
