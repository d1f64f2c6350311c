"""Writing text to a destination without damaging what it replaces.

:func:`write_text` is what :func:`~remediation.io.formats.dump` and the
command line's ``-o FILE`` use. What it does depends on what is there:

- ``"-"``: standard output;
- nothing yet: a new file, its permissions from the umask (as ``open`` gives);
- a regular file: replaced atomically (the text goes to a temporary file
  beside it, which then takes its place), keeping its permissions; a file
  without write permission is refused unless *force* is given;
- a symbolic link: written through: its target is what is written (or
  created), the link stays;
- a device, a pipe or a socket: written into, as a shell's ``>`` would; it is
  never replaced by a regular file;
- a directory: refused.

The temporary file is named ``.NAME.remediation-PID-RANDOM.tmp``, so that one
left behind by a killed process is recognisable (and safe to delete); it is
removed on every failure the process survives.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
import sys
from pathlib import Path
from typing import TextIO

__all__ = ["TEMPORARY_MARK", "write_text"]

TEMPORARY_MARK = ".remediation-"
"""Part of the name of every temporary file :func:`write_text` makes."""

_NEW_FILE = 0o666  # the umask takes away what it should


def write_text(
    text: str,
    path: str | os.PathLike[str],
    *,
    force: bool = False,
    stdout: TextIO | None = None,
) -> None:
    """Write *text* (UTF-8, ``\\n`` line ends) to *path*; see the module for what that means.

    Args:
        text: What to write.
        path: Where: a file name, or ``"-"`` for standard output.
        force: Replace a regular file even when it is read-only.
        stdout: The stream ``"-"`` means (default: :data:`sys.stdout`).

    Raises:
        PermissionError: The destination is read-only (and *force* is not given)
            or its directory cannot be written.
        IsADirectoryError: The destination is a directory.
        OSError: Writing failed; any earlier file is left as it was.
    """
    if os.fspath(path) == "-":
        (stdout or sys.stdout).write(text)
        return
    target = Path(os.path.realpath(path))  # through symbolic links, to what they name
    try:
        found = target.stat()
    except FileNotFoundError:
        found = None
    if found is not None and stat.S_ISDIR(found.st_mode):
        msg = f"{os.fspath(path)}: is a directory; give a file name"
        raise IsADirectoryError(msg)
    regular = found is None or stat.S_ISREG(found.st_mode)
    if found is not None and regular and not force and not _writable(target, found):
        msg = (
            f"{os.fspath(path)}: the file is read-only; make it writable or force the write "
            "(force=True, or --force on the command line)"
        )
        raise PermissionError(msg)
    try:
        if regular:
            _replace(text, target, found)
        else:
            _write_into(text, target)  # a device, pipe or socket: never replaced
    except OSError as error:
        named = error.filename
        if error.errno is None or (named is not None and TEMPORARY_MARK not in str(named)):
            raise
        # name the destination: a full disk names no file, a missing directory the temporary
        raise type(error)(error.errno, error.strerror, os.fspath(path)) from None


def _writable(target: Path, found: os.stat_result) -> bool:
    """Whether the file may be written: a write bit set and (for non-root) access granted."""
    return bool(found.st_mode & 0o222) and os.access(target, os.W_OK)


def _write_into(text: str, target: Path) -> None:
    with target.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def _replace(text: str, target: Path, found: os.stat_result | None) -> None:
    name = f".{target.name}{TEMPORARY_MARK}{os.getpid()}-{secrets.token_hex(4)}.tmp"
    temporary = target.with_name(name)
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, _NEW_FILE)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
            if found is not None:
                os.fchmod(handle.fileno(), stat.S_IMODE(found.st_mode))
                with contextlib.suppress(OSError):  # only root may give a file away
                    os.fchown(handle.fileno(), found.st_uid, found.st_gid)
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        temporary.replace(target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
