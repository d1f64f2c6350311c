"""The rule catalogue for people and tools: plain data, text, and the findings page of the docs."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from remediation.rules.catalogue import Rule

__all__ = ["catalogue_markdown", "catalogue_text", "rule_data"]


def rule_data(rule: Rule) -> dict[str, Any]:
    """One rule as JSON-ready data: code, title, severity, scope, what, rationale, examples."""
    return {
        "code": str(rule.code),
        "title": rule.title,
        "severity": rule.severity.value,
        "scope": rule.scope.value,
        "what": rule.what,
        "rationale": rule.why,
        "reads": list(rule.reads),
        "examples": [
            {"document": example.document, "message": example.message, "as_of": example.as_of}
            for example in rule.examples
        ],
    }


def catalogue_text(rules: Iterable[Rule]) -> str:
    """One line a rule: code, default severity and title."""
    listed = list(rules)
    width = max((len(rule.code) for rule in listed), default=0)
    return "".join(
        f"{rule.code:<{width}}  {rule.severity.value:<7}  {rule.title}\n" for rule in listed
    )


def catalogue_markdown(rules: Iterable[Rule]) -> str:
    """The catalogue as the Markdown of ``docs/findings.md``'s rule section."""
    listed = list(rules)
    lines = [
        "| code | severity | title |",
        "|---|---|---|",
        *(f"| [`{r.code}`](#{r.code}) | {r.severity.value} | {r.title} |" for r in listed),
    ]
    for rule in listed:
        lines += [
            "",
            f"### {rule.code}",
            "",
            f"**{rule.title}** (default severity: {rule.severity.value}; checks: "
            f"{rule.scope.value.replace('_', ' ')}"
            + (f"; reads: {', '.join(rule.reads)}" if rule.reads else "")
            + ")",
            "",
            f"*What it does.* {rule.what}",
            "",
            f"*Why is this bad?* {rule.why}",
        ]
        for example in rule.examples:
            on = f" (as of {example.as_of})" if example.as_of else ""
            lines += [
                "",
                f"*Example{on}:*",
                "",
                "```yaml",
                example.document.rstrip("\n"),
                "```",
                "",
                f"gives: {example.message}",
            ]
    return "\n".join(lines) + "\n"
