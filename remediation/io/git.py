"""Versions of a file from git: its history, and its text at a revision.

``git`` runs as a subprocess in the file's directory (it must be on the
``PATH``); nothing is written, and no state of the repository changes.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import attrs

from remediation.exceptions import RevisionError

__all__ = ["Revision", "file_revisions", "read_revision"]

_FIELDS = "\x1f"


@attrs.frozen
class Revision:
    """A commit that changed a file.

    Attributes:
        commit: The full commit hash.
        committed: When it was committed (with its time zone).
        subject: The first line of its message.
        path: The file's path in that commit, from the repository's root
            (it differs from today's when the file was renamed since).
    """

    commit: str
    committed: dt.datetime
    subject: str
    path: str


def _git(path: Path, revision: str | None, *arguments: str) -> str:
    git = shutil.which("git")
    if git is None:
        raise RevisionError(str(path), revision, "git is not installed (not on the PATH)")
    directory = path.parent if str(path.parent) else Path()
    completed = subprocess.run(  # noqa: S603  (git, with arguments we built)
        [git, "-C", str(directory), *arguments],
        capture_output=True,
        check=False,
        text=True,
        encoding="utf-8",
    )
    if completed.returncode != 0:
        said = completed.stderr.strip().splitlines()
        raise RevisionError(str(path), revision, said[-1] if said else "git failed")
    return completed.stdout


def file_revisions(path: str | Path) -> tuple[Revision, ...]:
    """The commits that changed *path*, oldest first, following renames.

    Raises:
        RevisionError: git cannot run, *path* is not in a repository, or no
            commit holds it.
    """
    file = Path(path)
    here = _git(file, None, "rev-parse", "--show-prefix").strip() + file.name
    out = _git(
        file,
        None,
        "log",
        "--follow",
        "--name-only",
        f"--format=%x1e%H{_FIELDS}%cI{_FIELDS}%s",
        "--",
        file.name,
    )
    revisions = []
    for entry in out.split("\x1e")[1:]:
        header, _, names = entry.partition("\n")
        commit, committed, subject = header.split(_FIELDS, 2)
        # A merge lists no names: the file is where the newer commit before it had it.
        named = next((n.strip() for n in names.splitlines() if n.strip()), here)
        here = named
        revisions.append(Revision(commit, dt.datetime.fromisoformat(committed), subject, named))
    if not revisions:
        raise RevisionError(str(file), None, "no commit holds this file")
    return tuple(reversed(revisions))


def read_revision(path: str | Path, revision: str | Revision) -> str:
    """The text of *path* at *revision*: a commit, a branch, ``HEAD~2``, ..., or a
    :class:`Revision` of :func:`file_revisions` (read where the file was then).

    Raises:
        RevisionError: git cannot run, or the revision does not hold the file.
    """
    file = Path(path)
    if isinstance(revision, Revision):
        return _git(file, revision.commit, "show", f"{revision.commit}:{revision.path}")
    return _git(file, revision, "show", f"{revision}:./{file.name}")
