"""Targets of success criteria: ``"<10%"``, ``">90%"``, ``"0"``, ``"10..20 ms"``, ``"p99 <250 ms"``.

A target knows its direction: ``<10%`` is lower-is-better, so progress from a
baseline of 54 % to a current 30 % is (54 - 30) / (54 - 10).

A target knows its unit (:mod:`remediation.model.units`): a value measured in
another unit of the same dimension is converted before it is compared (0.9 s
against ``p99 <250 ms`` is 900 ms, not met), and a value of another dimension
is not compared at all (:meth:`Target.compare` says why). The figure forms of
:mod:`remediation.model.quantity` are targets too (``"<1,000 ms"``,
``"at least 3"``, ``"<=$500k"``, ``">1.5x"``), and a target keeps its text as
written.
"""

from __future__ import annotations

import enum
import math
import re

import attrs

from remediation.model.quantity import Bound, parse_quantity
from remediation.model.units import Unit, parse_unit
from remediation.model.validators import FieldValueError, finite

__all__ = ["Comparator", "Target", "parse_target"]


class Comparator(enum.Enum):
    """How a measured value is compared with a target."""

    LT = "<"
    LE = "<="
    GT = ">"
    GE = ">="
    EQ = "="
    BETWEEN = ".."


_NUMBER = r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?"
_TARGET = re.compile(
    rf"""\s*
    (?:(?P<percentile>p\d+(?:\.\d+)?)(?=[\s<>=≤≥])\s*)?
    (?P<op><=|>=|≤|≥|<|>|==|=)?\s*
    (?P<value>{_NUMBER})\s*
    (?:(?:\.\.|–|to)\s*(?P<upper>{_NUMBER})\s*)?
    (?P<unit>%|[a-zA-Z/][\w/ ]*?)?\s*
    """,
    re.VERBOSE,
)
_OPS = {
    "<": Comparator.LT, "<=": Comparator.LE, "≤": Comparator.LE,
    ">": Comparator.GT, ">=": Comparator.GE, "≥": Comparator.GE,
    "=": Comparator.EQ, "==": Comparator.EQ,
}  # fmt: skip


_ALMOST_ONE = math.nextafter(1.0, 0.0)


def _format_number(value: float) -> str:
    """The shortest text that reads back as the same number."""
    if value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return repr(value)


@attrs.frozen
class Target:
    """A threshold a measured value must meet.

    Attributes:
        comparator: How the value is compared.
        value: The threshold (the lower bound for ``BETWEEN``).
        upper: The upper bound, for ``BETWEEN`` only.
        unit: The unit, such as ``"%"`` or ``"ms"``; empty for a plain count.
        percentile: For a distribution, which percentile is compared (``"p99"``).
        text: The target as the document writes it, kept for rendering (not
            compared: ``"<1,000 ms"`` equals ``"<1000 ms"``).
    """

    comparator: Comparator
    value: float = attrs.field(validator=finite)
    upper: float | None = attrs.field(default=None, validator=finite)
    unit: str = ""
    percentile: str | None = None
    text: str = attrs.field(default="", eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if (self.comparator is Comparator.BETWEEN) != (self.upper is not None):
            msg = "a range target needs both bounds, and only a range target has an upper bound"
            raise ValueError(msg)
        if self.upper is not None and self.upper < self.value:
            msg = f"range {self.value}..{self.upper} has its bounds the wrong way round"
            raise ValueError(msg)
        if self.unit == "%":
            for name, bound in (("value", self.value), ("upper", self.upper)):
                if bound is not None and not 0 <= bound <= 100:
                    msg = f"expected a percentage from 0 to 100, got {bound:g}%"
                    raise FieldValueError(name, msg)

    @classmethod
    def parse(cls, text: str) -> Target:
        """Parse text: see :func:`parse_target`."""
        return parse_target(text)

    @property
    def measure(self) -> Unit:
        """The target's unit with what it measures (see :mod:`remediation.model.units`)."""
        return parse_unit(self.unit)

    def compare(self, value: float, unit: str | None) -> float | None:
        """*value*, measured in *unit*, in this target's unit; ``None`` when it does not compare.

        ``unit=None`` means the value is already in the target's unit (a
        criterion's own ``current``). A value in a unit of another dimension (a
        count against a percent, dollars against euros) is ``None``: it can
        neither meet nor miss the target.

        Examples:
            >>> parse_target("p99 <250 ms").compare(0.9, "s")
            900.0
            >>> parse_target("<10%").compare(8, "") is None
            True
        """
        if unit is None or unit == self.unit:
            return value
        measure = self.measure
        source = parse_unit(unit)
        if not measure.compares_with(source):
            return None
        return measure.convert(value, source)

    def is_met(self, value: float) -> bool:
        """Whether *value*, in this target's unit, meets this target."""
        match self.comparator:
            case Comparator.LT:
                return value < self.value
            case Comparator.LE:
                return value <= self.value
            case Comparator.GT:
                return value > self.value
            case Comparator.GE:
                return value >= self.value
            case Comparator.EQ:
                return math.isclose(value, self.value, rel_tol=1e-9, abs_tol=1e-12)
            case Comparator.BETWEEN:
                assert self.upper is not None  # noqa: S101  (checked at construction)
                return self.value <= value <= self.upper

    def progress(self, baseline: float | None, current: float) -> float | None:
        """How far *current* has come from *baseline* towards this target, in [0, 1].

        1 exactly when the target is met: a value on the bound of a strict
        target (10 for ``<10%``) is as close as can be, yet below 1. Without a
        baseline, how far an unmet value has come is not known (``None``); when
        the baseline already met the target and the value does not, it is 0.
        The direction follows the comparator; for ``=`` and ranges it follows
        the side the baseline is on.

        Examples:
            >>> t = parse_target("<10%")
            >>> t.progress(54, 32)
            0.5
            >>> parse_target(">90%").progress(0, 45)
            0.5
            >>> print(t.progress(None, 32))
            None
        """
        if self.is_met(current):
            return 1.0
        if baseline is None:
            return None  # from where is not said: how far it has come is unknown
        if self.is_met(baseline):
            return 0.0
        goal = self.value
        if (
            self.comparator is Comparator.BETWEEN
            and self.upper is not None
            and baseline > self.upper
        ):
            goal = self.upper
        span = goal - baseline
        if span == 0:
            return 0.0
        return min(_ALMOST_ONE, max(0.0, (current - baseline) / span))

    def __str__(self) -> str:
        if self.text:
            return self.text
        prefix = f"{self.percentile} " if self.percentile else ""
        unit = self.unit if self.unit in ("", "%") else f" {self.unit}"
        if self.comparator is Comparator.BETWEEN:
            assert self.upper is not None  # noqa: S101  (checked at construction)
            return f"{prefix}{_format_number(self.value)}..{_format_number(self.upper)}{unit}"
        op = "" if self.comparator is Comparator.EQ else self.comparator.value
        return f"{prefix}{op}{_format_number(self.value)}{unit}"


def parse_target(text: str) -> Target:
    """Parse a target such as ``"<10%"``, ``">= 95 %"``, ``"0"``, ``"10..20 ms"``.

    A bare number means "equal to". A percentile may lead: ``"p99 <250 ms"``.

    Raises:
        ValueError: The text is not a target.

    Examples:
        >>> parse_target("<10%")
        Target(comparator=<Comparator.LT: '<'>, value=10.0, upper=None, unit='%', percentile=None)
        >>> str(parse_target("p99 <= 250 ms"))  # as written
        'p99 <= 250 ms'
        >>> parse_target("<1,000 ms").value, parse_target("at least 3").comparator
        (1000.0, <Comparator.GE: '>='>)
    """
    match = _TARGET.fullmatch(text)
    if match is None:
        return _figure_target(text)
    upper = match.group("upper")
    op = match.group("op")
    if upper is not None and op is not None:
        msg = f"not a target: {text!r}; a range takes no comparator"
        raise ValueError(msg)
    return Target(
        comparator=Comparator.BETWEEN if upper is not None else _OPS[op or "="],
        value=float(match.group("value")),
        upper=float(upper) if upper is not None else None,
        unit=(match.group("unit") or "").strip(),
        percentile=match.group("percentile"),
        text=text.strip(),
    )


_BOUNDS = {
    Bound.LESS_THAN: Comparator.LT, Bound.AT_MOST: Comparator.LE,
    Bound.MORE_THAN: Comparator.GT, Bound.AT_LEAST: Comparator.GE,
}  # fmt: skip
_PERCENTILE = re.compile(r"\s*(p\d+(?:\.\d+)?)\s+(.*)", re.DOTALL)


def _figure_target(text: str) -> Target:
    """A target in one of the figure forms: ``"<1,000 ms"``, ``"at least 3"``, ``"<=$500k"``."""
    percentile_match = _PERCENTILE.fullmatch(text)
    percentile, figure = (
        (percentile_match.group(1), percentile_match.group(2)) if percentile_match else (None, text)
    )
    try:
        quantity = parse_quantity(figure)
    except ValueError:
        msg = (
            f"not a target: {text!r}; expected an optional comparator (<, <=, >, >=, =, "
            "'at least', 'at most'), a number and an optional unit, such as '<10%', "
            "'>= 95 %', '<1,000 ms', 'at least 3' or '<=$500k', or a range such as "
            "'10..20 ms'; a percentile may lead ('p99 <250 ms')"
        )
        raise ValueError(msg) from None
    if quantity.approximate or quantity.tolerance is not None:
        msg = f"not a target: {text!r}; a target is exact: write '<5x', not '~5x'"
        raise ValueError(msg)
    comparator = (
        Comparator.BETWEEN
        if quantity.upper is not None
        else _BOUNDS.get(quantity.bound, Comparator.EQ)
        if quantity.bound is not None
        else Comparator.EQ
    )
    return Target(
        comparator=comparator,
        value=float(quantity.value),
        upper=None if quantity.upper is None else float(quantity.upper),
        unit=quantity.unit,
        percentile=percentile,
        text=text.strip(),
    )
