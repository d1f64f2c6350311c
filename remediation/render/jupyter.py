"""How records and results show themselves in Jupyter: the implementations of ``display``.

The ``_repr_html_`` and ``_repr_markdown_`` of records and results call the
generic functions of ``remediation.model.display``; :func:`register_renderers`
fills them in with the reports of ``remediation.render.report``, one
implementation per type shown. The package registers it as the display's
loader, so it runs the first time something is shown.
"""

from __future__ import annotations

from remediation.evaluation.results import CriterionEvaluation, Evaluation, PhaseEvaluation
from remediation.model import display
from remediation.model.records import Assessment, Criterion, NextStep, Phase
from remediation.render.html import repr_html
from remediation.render.markdown import repr_markdown

__all__ = ["SHOWN", "register_renderers"]

#: The types whose report ``remediation.render.report.report_of`` knows.
SHOWN: tuple[type, ...] = (
    Assessment,
    Phase,
    NextStep,
    Criterion,
    Evaluation,
    PhaseEvaluation,
    CriterionEvaluation,
)


def register_renderers() -> None:
    """Register HTML and Markdown for every type in :data:`SHOWN`; again is harmless."""
    for shown in SHOWN:
        display.html.register(shown, repr_html)
        display.markdown.register(shown, repr_markdown)
