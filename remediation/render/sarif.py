"""Findings as SARIF 2.1.0, the format of GitHub code scanning and other static-analysis viewers.

One run: the tool is ``remediation`` with the rule catalogue as its rules
(``reportingDescriptor``: id, name, descriptions, help, default level); each
finding is a result with its level, message, the records involved as logical
locations, the document as physical location, a ``partialFingerprints`` entry
that survives edits elsewhere in the file (:mod:`remediation.evaluation.fingerprints`),
the policy's suppression with its justification, and, given a previous SARIF
log, its ``baselineState`` (new, unchanged, updated; fixed ones come back as absent).

Where in the file a record is written is not known to the evaluation: a caller
that knows it passes ``locate``, a function from a record id to its line and
column (:func:`~remediation.io.positions.position_of` answers it for an
assessment read from a file; the command line passes it), and the results get a
``region``. Without it a result points at the whole file (no region: no made-up
line numbers).

Examples:
    >>> import remediation
    >>> from remediation.render.sarif import to_sarif
    >>> plan = remediation.examples.issue_1176()
    >>> log = to_sarif(remediation.evaluate(plan), assessment=plan, artifact="plan.yaml")
    >>> log["version"], log["runs"][0]["results"][0]["ruleId"]
    ('2.1.0', 'phase-status-mismatch')
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from importlib import metadata
from typing import Any, TypeAlias

from remediation.evaluation.fingerprints import FINGERPRINT_VERSION, fingerprints
from remediation.evaluation.results import Evaluation, Finding
from remediation.model.policy import FindingSeverity, Suppression
from remediation.model.records import Assessment
from remediation.rules import Rule, catalogue

__all__ = [
    "FINGERPRINT_KEY",
    "SARIF_SCHEMA",
    "SARIF_VERSION",
    "Locate",
    "render_sarif",
    "to_sarif",
]

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = f"remediationFinding/v{FINGERPRINT_VERSION}"
"""The key of a result's fingerprint in ``partialFingerprints``."""

Locate: TypeAlias = Callable[[str], tuple[int, int] | None]
"""``locate(record_id)``: the 1-based line and column where the record is written, if known."""

_LEVELS = {
    FindingSeverity.ERROR: "error",
    FindingSeverity.WARNING: "warning",
    FindingSeverity.INFO: "note",
}


def _version() -> str:
    try:
        return metadata.version("remediation")
    except metadata.PackageNotFoundError:  # pragma: no cover (run from a source tree)
        return "0+unknown"


def _name(code: str) -> str:
    """A rule's code as a name: ``phase-status-mismatch`` -> ``PhaseStatusMismatch``."""
    words = code.replace(".", "-").split("-")
    return "".join(word[:1].upper() + word[1:] for word in words if word)


def _descriptor(rule: Rule) -> dict[str, Any]:
    text = f"{rule.what}\n\nWhy is this bad? {rule.why}"
    markdown = f"**{rule.title}**\n\n{rule.what}\n\n*Why is this bad?* {rule.why}"
    return {
        "id": str(rule.code),
        "name": _name(rule.code),
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.what},
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": _LEVELS[rule.severity]},
        "properties": {"scope": rule.scope.value, "tags": ["remediation", rule.scope.value]},
    }


def _suppression(suppression: Suppression, *, in_source: bool) -> dict[str, Any]:
    properties: dict[str, Any] = {"author": suppression.author}
    if suppression.ids:
        properties["ids"] = list(suppression.ids)
    if suppression.expires is not None:
        properties["expires"] = str(suppression.expires)
    return {
        "kind": "inSource" if in_source else "external",
        "status": "accepted",
        "justification": suppression.justification,
        "properties": properties,
    }


def _locations(
    finding: Finding, assessment_id: str, artifact: str | None, locate: Locate | None
) -> list[dict[str, Any]]:
    location: dict[str, Any] = {}
    if artifact is not None:
        physical: dict[str, Any] = {"artifactLocation": {"uri": artifact, "index": 0}}
        if locate is not None:
            for record_id in finding.ids:
                position = locate(record_id)
                if position is not None:
                    line, column = position
                    physical["region"] = {"startLine": line, "startColumn": column}
                    break
        location["physicalLocation"] = physical
    if finding.ids:
        location["logicalLocations"] = [
            {"name": record_id, "fullyQualifiedName": f"{assessment_id}/{record_id}"}
            for record_id in finding.ids
        ]
    return [location] if location else []


def _baseline_results(baseline: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """The results of a previous SARIF log by fingerprint (but those absent already)."""
    runs = baseline.get("runs")
    if baseline.get("version") != SARIF_VERSION or not isinstance(runs, list):
        msg = f"baseline: expected a SARIF {SARIF_VERSION} log with 'version' and 'runs'"
        raise ValueError(msg)
    found: dict[str, dict[str, Any]] = {}
    for run in runs:
        for result in run.get("results") or ():
            key = (result.get("partialFingerprints") or {}).get(FINGERPRINT_KEY)
            if isinstance(key, str) and result.get("baselineState") != "absent":
                found[key] = result
    return found


def to_sarif(
    evaluation: Evaluation,
    *,
    assessment: Assessment | None = None,
    rules: Iterable[Rule] = (),
    artifact: str | None = None,
    baseline: Mapping[str, Any] | None = None,
    locate: Locate | None = None,
) -> dict[str, Any]:
    """The findings of *evaluation* as a SARIF 2.1.0 log (JSON-ready data) with one run.

    Args:
        evaluation: What :func:`remediation.evaluate` returned.
        assessment: The assessment evaluated; tells suppressions of its own
            policy (``inSource``) from a caller's (``external``).
        rules: Rules of one's own that ran besides the built-in ones.
        artifact: The document's URI (a path relative to the repository root
            for GitHub); without it results have logical locations only.
        baseline: A previous SARIF log of this library: each result gets a
            ``baselineState`` and the findings fixed since come back as ``absent``.
        locate: Where a record is written (line, column), for result regions.

    Raises:
        ValueError: *baseline* is not a SARIF 2.1.0 log.
    """
    listed = catalogue(rules)
    index = {str(rule.code): position for position, rule in enumerate(listed)}
    own = assessment.policy.suppressions if assessment and assessment.policy else ()
    previous = _baseline_results(baseline) if baseline is not None else None
    results: list[dict[str, Any]] = []
    keys = fingerprints(evaluation.findings)
    for finding, key in zip(evaluation.findings, keys, strict=True):
        result: dict[str, Any] = {"ruleId": str(finding.code)}
        if str(finding.code) in index:
            result["ruleIndex"] = index[str(finding.code)]
        result["level"] = _LEVELS[finding.severity]
        result["message"] = {"text": finding.message}
        result["locations"] = _locations(finding, evaluation.assessment, artifact, locate)
        result["partialFingerprints"] = {FINGERPRINT_KEY: key}
        if finding.suppressed_by is not None:
            in_source = any(s == finding.suppressed_by for s in own)
            result["suppressions"] = [_suppression(finding.suppressed_by, in_source=in_source)]
        if previous is not None:
            before = previous.pop(key, None)
            if before is None:
                result["baselineState"] = "new"
            elif (before.get("message") or {}).get("text") == finding.message:
                result["baselineState"] = "unchanged"
            else:
                result["baselineState"] = "updated"
        results.append(result)
    for key, before in (previous or {}).items():
        results.append(_absent(key, before, index))
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "remediation",
                "semanticVersion": _version(),
                "rules": [_descriptor(rule) for rule in listed],
            }
        },
        "results": results,
        "columnKind": "unicodeCodePoints",
        "properties": {
            "assessment": evaluation.assessment,
            "issue": evaluation.issue,
            "asOf": evaluation.as_of.isoformat(),
            "decision": evaluation.recommendation.decision.value,
        },
    }
    if artifact is not None:
        run["artifacts"] = [{"location": {"uri": artifact}, "roles": ["analysisTarget"]}]
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def _absent(key: str, before: Mapping[str, Any], index: Mapping[str, int]) -> dict[str, Any]:
    """A finding of the baseline that is gone: its result again, marked absent."""
    rule_id = str(before.get("ruleId", ""))
    result: dict[str, Any] = {"ruleId": rule_id}
    if rule_id in index:
        result["ruleIndex"] = index[rule_id]
    for name in ("level", "message", "locations"):
        if name in before:
            result[name] = before[name]
    result.setdefault("message", {"text": f"{rule_id} (fixed)"})
    result["partialFingerprints"] = {FINGERPRINT_KEY: key}
    result["baselineState"] = "absent"
    return result


def render_sarif(
    evaluation: Evaluation,
    *,
    assessment: Assessment | None = None,
    rules: Iterable[Rule] = (),
    artifact: str | None = None,
    baseline: Mapping[str, Any] | None = None,
    locate: Locate | None = None,
) -> str:
    """:func:`to_sarif` as JSON text."""
    log = to_sarif(
        evaluation,
        assessment=assessment,
        rules=rules,
        artifact=artifact,
        baseline=baseline,
        locate=locate,
    )
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
