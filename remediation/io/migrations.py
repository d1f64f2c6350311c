"""Schema versions and the migrations between them.

Every document carries ``schema_version``. This library writes
:data:`SCHEMA_VERSION` and reads every version from 1 up to it: a document
of an earlier version is migrated step by step (``MIGRATIONS[n]`` turns a
version-``n`` document into a version-``n + 1`` one) before it is checked.
A document of a newer version is refused with a clear error rather than
misread.

To change the format: raise :data:`SCHEMA_VERSION`, add the migration from
the previous version, and add a fixture of the previous version under
``tests/fixtures/schema/`` (the tests require one per version and one test
per migration).
"""

from __future__ import annotations

import reprlib
from collections.abc import Callable, Mapping
from typing import Any

from remediation.exceptions import SchemaVersionError

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "upgrade"]

SCHEMA_VERSION = 2
"""The schema version this library writes, and the newest it reads."""

Migration = Callable[[dict[str, Any]], dict[str, Any]]

# Version 1's nine count subjects, as the scopes of version 2: (count, status).
_COUNT_SUBJECTS: dict[str, tuple[str, str | None]] = {
    "gaps": ("gaps", None),
    "open_gaps": ("gaps", "open"),
    "phases": ("phases", None),
    "complete_phases": ("phases", "complete"),
    "items": ("items", None),
    "open_items": ("items", "open"),
    "criteria": ("criteria", None),
    "met_criteria": ("criteria", "met"),
    "root_causes": ("root_causes", None),
}


def _scoped_claims(document: dict[str, Any]) -> dict[str, Any]:
    """Version 1 to 2: a claim's ``subject`` (one of nine counts) becomes a ``scope``.

    Version 1 counted the items of the phases only; where the document also
    has next steps, the scope names its phases (``within``) to count the same.
    A claim that is not a mapping, or whose subject is not one of the nine, is
    left as it is for the reader to report with its path.
    """
    claims = document.get("claims")
    if not isinstance(claims, list):
        return document
    phases = document.get("phases")
    phase_ids = (
        [p["id"] for p in phases if isinstance(p, dict) and "id" in p]
        if isinstance(phases, list)
        else []
    )
    migrated = []
    for claim in claims:
        subject = claim.get("subject") if isinstance(claim, dict) else None
        if not isinstance(subject, str) or subject not in _COUNT_SUBJECTS:
            migrated.append(claim)
            continue
        count, status = _COUNT_SUBJECTS[subject]
        scope: dict[str, Any] = {"count": count}
        if count == "items" and document.get("next_steps"):
            scope["within"] = phase_ids
        if status is not None:
            scope["status"] = status
        new = {k: v for k, v in claim.items() if k != "subject"}
        new["scope"] = scope
        migrated.append(new)
    return {**document, "claims": migrated}


MIGRATIONS: dict[int, Migration] = {1: _scoped_claims}
"""``MIGRATIONS[n]`` migrates a document from version ``n`` to ``n + 1``."""


def _accepted() -> str:
    if SCHEMA_VERSION == 1:
        return "expected schema_version: 1"
    return f"expected a version from 1 to {SCHEMA_VERSION}"


def upgrade(data: Mapping[str, Any]) -> dict[str, Any]:
    """*data*, a whole document, migrated to :data:`SCHEMA_VERSION`.

    Raises:
        SchemaVersionError: The version is missing, not a whole number from 1,
            or newer than this library reads.
    """
    version = data.get("schema_version")
    if version is None:
        msg = f"schema_version is missing; {_accepted()}"
        raise SchemaVersionError("$.schema_version", msg)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        msg = f"{_accepted()}, got {reprlib.repr(version)}"
        raise SchemaVersionError("$.schema_version", msg)
    if version > SCHEMA_VERSION:
        msg = (
            f"schema version {version} is newer than this library reads (up to "
            f"{SCHEMA_VERSION}); upgrade remediation"
        )
        raise SchemaVersionError("$.schema_version", msg)
    document = dict(data)
    for step in range(version, SCHEMA_VERSION):
        document = MIGRATIONS[step](document)
        document["schema_version"] = step + 1
    return document
