"""A portfolio as a table: records, a pandas data frame, text and Markdown, with totals."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from remediation.exceptions import MissingDependencyError
from remediation.io.portfolio import Portfolio, PortfolioRow
from remediation.render.formatting import decision_words, percent

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "PORTFOLIO_COLUMNS",
    "portfolio_dataframe",
    "portfolio_markdown",
    "portfolio_records",
    "portfolio_text",
]

PORTFOLIO_COLUMNS = tuple(field.name for field in attrs.fields(PortfolioRow))
"""The columns of a portfolio's records, in order."""

_SHOWN = (
    ("open", "open_items"),
    ("overdue", "overdue"),
    ("blocked", "blocked"),
    ("slips", "slips"),
    ("unmet", "unmet_criteria"),
    ("unmeasured", "unmeasured_criteria"),
    ("open gaps", "open_gaps"),
    ("findings", "findings"),
)


def _record(row: PortfolioRow) -> dict[str, Any]:
    record = attrs.asdict(row, recurse=False)
    record["date"] = str(row.date) if row.date else None
    record["decision"] = row.decision.value if row.decision else None
    return record


def portfolio_records(portfolio: Portfolio, *, total: bool = False) -> list[dict[str, Any]]:
    """One record a file (the columns of :data:`PORTFOLIO_COLUMNS`), JSON-ready.

    With *total*, a last record sums the counts over the evaluated files; its
    ``path`` is ``"total"`` and its ``assessment`` the number of them.
    """
    records = [_record(row) for row in portfolio.rows]
    if total:
        summed: dict[str, Any] = dict.fromkeys(PORTFOLIO_COLUMNS)
        summed.update(portfolio.totals)
        summed["path"] = "total"
        summed["assessment"] = f"{len(portfolio.evaluated)} evaluated"
        if portfolio.errors:
            summed["error"] = f"{len(portfolio.errors)} not evaluated"
        records.append(summed)
    return records


def portfolio_dataframe(portfolio: Portfolio, *, total: bool = False) -> pd.DataFrame:
    """The records of :func:`portfolio_records` as a :class:`pandas.DataFrame`.

    Raises:
        MissingDependencyError: pandas is not installed.
    """
    try:
        import pandas  # noqa: PLC0415  (optional, and slow to import)
    except ImportError:
        raise MissingDependencyError("portfolio_dataframe", "pandas", "pandas") from None
    frame: pd.DataFrame = pandas.DataFrame.from_records(
        portfolio_records(portfolio, total=total), columns=list(PORTFOLIO_COLUMNS)
    )
    return frame


def _cells(row: PortfolioRow) -> list[str]:
    if row.error is not None:
        return [row.path, "", "", *("" for _ in _SHOWN), f"not evaluated: {row.error}"]
    return [
        row.path,
        decision_words(row.decision) if row.decision else "",
        percent(row.progress or 0.0),
        *(str(getattr(row, name)) for _, name in _SHOWN),
        "",
    ]


def _table(portfolio: Portfolio) -> list[list[str]]:
    header = ["path", "decision", "progress", *(title for title, _ in _SHOWN), "error"]
    totals = portfolio.totals
    errors = len(portfolio.errors)
    last = [
        f"total ({len(portfolio.evaluated)} evaluated)",
        "",
        "",
        *(str(totals[name]) for _, name in _SHOWN),
        f"{errors} not evaluated" if errors else "",
    ]
    return [header, *(_cells(row) for row in portfolio.rows), last]


def portfolio_text(portfolio: Portfolio) -> str:
    """The portfolio as an aligned table with a total line; errors at the end of their rows."""
    rows = _table(portfolio)
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    return "".join(
        "  ".join([*(c.ljust(w) for c, w in zip(row, widths, strict=False)), row[-1]]).rstrip()
        + "\n"
        for row in rows
    )


def portfolio_markdown(portfolio: Portfolio) -> str:
    """The portfolio as a Markdown table with a total line."""
    header, *rows = _table(portfolio)
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"
