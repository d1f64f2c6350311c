"""Rules on ids: ids that mix writing systems, and so look like ids they are not."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from remediation.evaluation.results import Evaluation
from remediation.graph.lookalikes import scripts
from remediation.graph.references import records
from remediation.model.records import Assessment
from remediation.rules.catalogue import EXAMPLE_HEADER, Example, Found, Scope, rule
from remediation.rules.context import Context

__all__ = ["id_mixed_script"]

# Scripts whose letters pass for one another: an id mixing two of them deceives.
_LOOKALIKE_SCRIPTS = frozenset({"LATIN", "CYRILLIC", "GREEK"})


@rule(
    "id-mixed-script",
    title="Id mixing look-alike scripts",
    scope=Scope.ASSESSMENT,
    inputs=(),
    reads=("assessment", "phase", "item", "gap", "criterion", "why step", "evidence"),
    examples=[
        Example(
            EXAMPLE_HEADER + "phases:\n  - id: fix\n    title: Fix\n    items:\n"
            "      - {id: d\u0435ploy, title: Deploy, status: open}\n",
            "id 'd\u0435ploy' mixes Latin and Cyrillic letters (\u0435 is CYRILLIC SMALL "
            "LETTER IE); it can pass for an id it is not",
        )
    ],
)
def id_mixed_script(assessment: Assessment, evaluation: Evaluation, context: Context) -> Found:
    """What it does:
        Flags each id whose letters come from more than one of the Latin, Cyrillic and
        Greek scripts, such as ``dеploy`` written with a Cyrillic ``е``.

    Why is this bad?
        Such an id looks like another (``deploy``) but is not it: a reference typed by
        a person names the wrong record or none, and a reader cannot see why. A
        dangling reference to it already says "did you mean"; this says where the
        look-alike id itself is.
    """
    if context.ascii_ids:
        return ()  # the common case, known without a walk over every record
    found: list[tuple[str, Sequence[str]]] = []
    seen: set[str] = set()
    for record_id, *_ in records(assessment):
        if record_id in seen or record_id.isascii():
            continue
        seen.add(record_id)
        mixed = [s for s in scripts(record_id) if s in _LOOKALIKE_SCRIPTS]
        if len(mixed) < 2:
            continue
        others = [c for c in dict.fromkeys(record_id) if c.isalpha() and _script(c) in mixed[1:]]
        named = ", ".join(f"{c} is {unicodedata.name(c, '?')}" for c in others[:3])
        words = " and ".join(s.title() for s in mixed)
        message = (
            f"id {record_id!r} mixes {words} letters ({named}); it can pass for an id it is not"
        )
        found.append((message, (record_id,)))
    return found


def _script(char: str) -> str:
    return unicodedata.name(char, "").split(" ", 1)[0]
