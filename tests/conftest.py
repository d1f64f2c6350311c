"""Fixtures shared by the tests: a temporary git repository for history and revisions."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest


class Repository:
    """A git repository in a directory; each commit has the date it is given."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.git("init", "-q", "-b", "main")

    def git(self, *arguments: str, date: str = "2025-09-15T12:00:00+00:00") -> str:
        git = shutil.which("git")
        assert git is not None
        env = {
            **os.environ,
            "GIT_AUTHOR_NAME": "Test",
            "GIT_AUTHOR_EMAIL": "test@example.org",
            "GIT_COMMITTER_NAME": "Test",
            "GIT_COMMITTER_EMAIL": "test@example.org",
            "GIT_AUTHOR_DATE": date,
            "GIT_COMMITTER_DATE": date,
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_CONFIG_NOSYSTEM": "1",
        }
        completed = subprocess.run(  # noqa: S603  (git, in a temporary directory)
            [git, *arguments], cwd=self.root, env=env, capture_output=True, text=True, check=True
        )
        return completed.stdout

    def commit(self, name: str, text: str, message: str, date: str) -> None:
        """Write *text* to *name* and commit it on *date* (``2025-09-15``, noon UTC)."""
        if len(date) == 10:
            date += "T12:00:00+00:00"
        (self.root / name).parent.mkdir(parents=True, exist_ok=True)
        (self.root / name).write_text(text, encoding="utf-8")
        self.git("add", name)
        self.git("commit", "-q", "-m", message, date=date)


@pytest.fixture
def git_repository(tmp_path: Path) -> Repository:
    """A new repository in a temporary directory, or a skip where git is not installed."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    return Repository(tmp_path)
