"""Stable fingerprints of findings: the same problem keeps its fingerprint across versions.

A finding's fingerprint is made of what identifies the problem, not of how it
is worded or where it is written: its rule's code and the ids of the records
involved. A message quotes figures that change as work progresses ("87.5%"
becomes "93.8%"), and a record moves in its file when others are edited; the
fingerprint stays. Two findings of one rule about the same records are told
apart by their order (the second gets ``#1``), so every fingerprint of an
evaluation is its own.

SARIF output (``partialFingerprints``) and the comparison of two versions of
an assessment (findings new, fixed and unchanged) both use it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from remediation.evaluation.results import Finding

__all__ = ["FINGERPRINT_VERSION", "fingerprint", "fingerprints"]

FINGERPRINT_VERSION = 1
"""Raised whenever what goes into a fingerprint changes (old fingerprints stop matching)."""


def fingerprint(finding: Finding, occurrence: int = 0) -> str:
    """The fingerprint of *finding*, the *occurrence*-th of its rule about its ids (from 0).

    Examples:
        >>> from remediation import Finding, FindingSeverity
        >>> found = Finding("overdue", FindingSeverity.WARNING, "item 'a' is overdue", ("a",))
        >>> reworded = Finding("overdue", FindingSeverity.ERROR, "item 'a' is late", ("a",))
        >>> fingerprint(found) == fingerprint(reworded)
        True
        >>> len(fingerprint(found))
        32
    """
    key = "\x1f".join((str(finding.code), *finding.ids))
    if occurrence:
        key += f"\x1e#{occurrence}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def fingerprints(findings: Iterable[Finding]) -> tuple[str, ...]:
    """The fingerprint of each of *findings*, in order; repeats of code and ids are numbered."""
    seen: dict[tuple[str, tuple[str, ...]], int] = {}
    out: list[str] = []
    for finding in findings:
        key = (str(finding.code), finding.ids)
        occurrence = seen.get(key, 0)
        seen[key] = occurrence + 1
        out.append(fingerprint(finding, occurrence))
    return tuple(out)
