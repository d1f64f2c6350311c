"""The service-level objectives of a report: indicator, objective, window, error budget,
and how fast the budget burns by the measurements."""

from __future__ import annotations

import datetime as dt

from remediation.evaluation.results import CriterionEvaluation, Evaluation
from remediation.evaluation.series import Projection
from remediation.evaluation.slo import BudgetBurn, budget_burn, error_budget, window_start
from remediation.model.records import Assessment, Criterion, SeriesEvidence
from remediation.render.blocks import Block, Heading, Line, Paragraph, Table, line
from remediation.render.formatting import duration_words, moment, number, percent

__all__ = ["slo_section"]


def _time(delta: dt.timedelta) -> str:
    minutes = delta.total_seconds() / 60
    if minutes < 120:  # minutes read better than hours up to two hours
        return f"{number(minutes)} minutes"
    return f"{number(minutes / 60)} hours"


def _exhaustion(burn: BudgetBurn | None) -> str | None:
    if burn is None:
        return None
    if burn.exhausted:
        return "spent already"
    projection: Projection | None = burn.exhaustion
    if projection is None:
        return "not projected (no spend)" if burn.burn_rate is not None else None
    earliest, latest = projection.earliest, projection.latest
    if earliest is None:
        return f"{moment(projection.at)} (uncertainty unknown: two measurements)"
    last = moment(latest) if latest is not None else "maybe never"
    return f"{moment(projection.at)} (between {moment(earliest)} and {last})"


def _burn_rate(burn: BudgetBurn | None) -> str | None:
    if burn is None or burn.burn_rate is None:
        return None
    error = "" if burn.burn_rate_error is None else f" ± {number(burn.burn_rate_error)}"
    return f"{number(burn.burn_rate)}{error} budgets a window"


def _row(
    criterion: Criterion,
    result: CriterionEvaluation | None,
    start: dt.datetime,
    evidence: dict[str, SeriesEvidence],
) -> tuple[Line, ...]:
    assert criterion.slo is not None  # noqa: S101  (called for SLOs only)
    indicator = criterion.slo.indicator
    threshold = f" {indicator.threshold}" if indicator.threshold is not None else ""
    window = criterion.window
    kind = criterion.slo.window_kind.value
    current = result.current if result is not None else criterion.current
    budget = error_budget(criterion, start, current)
    allowed = None
    if budget is not None:
        time = f" ({_time(budget.time)})" if budget.time is not None else ""
        allowed = f"{budget.percent.normalize():f}%{time}"
    source = criterion.current_from
    series = evidence.get(source.evidence) if source is not None else None
    burn = budget_burn(criterion, series, start) if series is not None else None
    spent = burn.spent if burn is not None else (budget.spent if budget is not None else None)
    stated = criterion.slo.error_budget
    return (
        line(criterion.title),
        line(f"{indicator.metric}{threshold}"),
        line(str(criterion.target)),
        line(f"{duration_words(window)}, {kind}" if window is not None else None),
        line(allowed),
        line(str(stated) if stated is not None else None),
        line(percent(spent) if spent is not None else None),
        line(_burn_rate(burn)),
        line(_exhaustion(burn)),
    )


def slo_section(assessment: Assessment, evaluation: Evaluation) -> tuple[Block, ...]:
    """Each SLO criterion with its budget and burn; nothing when the document has none.

    The budget spent comes from the latest measurement; the burn rate and when
    the budget runs out come from a series of the attainment (``current_from``),
    and are left empty when they cannot be known.
    """
    slos = [c for c in assessment.criteria if c.slo is not None]
    if not slos:
        return ()
    start = window_start(assessment.date, evaluation.as_of)
    results = {r.id: r for r in evaluation.criteria}
    evidence = {e.id: e for e in assessment.evidence if isinstance(e, SeriesEvidence)}
    header = tuple(
        line(h)
        for h in ("SLO", "Indicator", "Objective", "Window", "Error budget", "Stated budget",
                  "Spent", "Burn rate", "Budget runs out")
    )  # fmt: skip
    rows = tuple(_row(c, results.get(c.id), start, evidence) for c in slos)
    note = Paragraph(
        line(
            "A burn rate of 1 spends the budget in exactly one window; the time it runs out "
            "is the trend of the measurements, within one standard error."
        )
    )
    return (Heading(2, line("Service-Level Objectives")), Table(header, rows), note)
