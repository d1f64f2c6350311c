"""Values in a report's words: numbers, units, percentages, moments, durations, decisions.

And :func:`visible`, which every output passes through last, so that no text
of a document can act on the terminal, the browser or Graphviz that shows it.
"""

from __future__ import annotations

import datetime as dt
import re

from remediation.model.duration import Duration
from remediation.model.moment import Moment
from remediation.model.records import Decision

__all__ = [
    "decision_words",
    "duration_words",
    "moment",
    "number",
    "percent",
    "visible",
    "with_unit",
]

# C0 but tab, line feed and carriage return (a line break, made a line feed), DEL, C1 but
# NEL (a line break, as in the mojibake "Ã\x85").
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")


def _picture(found: re.Match[str]) -> str:
    code = ord(found.group())
    if code < 0x20:
        return chr(0x2400 + code)
    return "\u2421" if code == 0x7F else "\ufffd"


def visible(text: str) -> str:
    r"""*text* with every control character but tab and line feed made harmless.

    C0 controls show as their symbol (NUL as ``␀``, ESC as ``␛``), DEL as
    ``␡``, and C1 controls but NEL (``\x9b`` starts an escape sequence on some
    terminals) as ``\ufffd``. A carriage return is a line break, as documents
    mean it: it becomes a line feed, which cannot move a terminal's cursor back
    over what was written. Loading refuses most of these in documents; records
    built in code may still hold them.

    Examples:
        >>> visible("red\x1b[31m alert\x00")
        'red␛[31m alert␀'
    """
    if text.isprintable():
        return text
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub(_picture, text)


def number(value: float) -> str:
    """A number with at most two decimals, trailing zeros dropped: 54.05, 13, 0.5."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def with_unit(value: float, unit: str) -> str:
    """A number and its unit: ``54.05%``, ``13 failures``."""
    if unit in ("", "%"):
        return f"{number(value)}{unit}"
    return f"{number(value)} {unit}"


def percent(fraction: float) -> str:
    """A fraction in [0, 1] as a percentage: ``87.5%``."""
    return f"{number(100 * fraction)}%"


def moment(value: dt.datetime | Moment) -> str:
    """A date-time as ``2025-09-15``, or ``2025-09-15 04:00`` when the time matters; a
    moment at a lower precision as the author wrote it."""
    if isinstance(value, Moment):
        return str(value)
    if value.time() == dt.time():
        return value.date().isoformat()
    return value.strftime("%Y-%m-%d %H:%M")


def duration_words(duration: Duration) -> str:
    """A duration in words: ``4 hours``, ``1 week 2 days`` (see :meth:`Duration.words`)."""
    return duration.words()


_DECISIONS = {
    Decision.KEEP_OPEN: "KEEP OPEN",
    Decision.CLOSE: "CLOSE",
    Decision.CLOSE_WITH_EXCEPTIONS: "CLOSE WITH EXCEPTIONS",
}


def decision_words(decision: Decision) -> str:
    """A decision as a report writes it: ``KEEP OPEN``."""
    return _DECISIONS[decision]
