"""Quantities: a figure as a document writes it, with its unit, bound and uncertainty.

``"0.9 s"``, ``"54%"``, ``"$2M"``, ``"1.5x"``, ``"5–8 validators"``,
``"~15K"``, ``"about 5x"``, ``"at least 3"``, ``"1,000 ms"``,
``"1.21B queries"``, ``"250 ms ± 10%"``: each is a :class:`Quantity`. Its
number is a :class:`~decimal.Decimal` (money is never a float), the suffix
(K, M, B) is applied to it, and the text is kept as written so that the
figure renders the way the author wrote it and reads back the same.

An approximation (``~``, ``about``, ``around``, ...) without an explicit
tolerance allows :data:`APPROXIMATION_TOLERANCE` (10 %) either side;
``± 10%`` or ``± 5 ms`` says its own.

Examples:
    >>> q = parse_quantity("~15K")
    >>> q.value, q.approximate, str(q)
    (Decimal('15000'), True, '~15K')
    >>> q.agrees_with(13337)
    False
    >>> parse_quantity("0.9 s").to("ms")
    Decimal('900')
"""

from __future__ import annotations

import enum
import re
from decimal import Decimal, InvalidOperation

import attrs

from remediation.model.units import CURRENCIES, Kind, Unit, parse_unit

__all__ = [
    "APPROXIMATION_TOLERANCE",
    "QUANTITY_FORMS",
    "Bound",
    "Quantity",
    "parse_quantity",
]

APPROXIMATION_TOLERANCE = Decimal("0.10")
"""How far either side an approximation ("~5x", "about 15K") reaches when it says no
tolerance of its own: 10 % of its value."""

QUANTITY_FORMS = (
    "a number with an optional unit ('54%', '0.9 s', '13,337', '1.21B queries'), "
    "money ('$2M', '500 USD'), a multiplier ('1.5x'), a range ('5–8 validators', "
    "'10..20 ms'), an approximation ('~5x', 'about 15K', '250 ms ± 10%'), a bound "
    "('at least 3', '< 250 ms', 'at most $500k') or a ratio ('1 in 5', '3:1', "
    "'about 1 in 3')"
)
"""The forms :func:`parse_quantity` accepts, with examples, for error messages."""


class Bound(enum.Enum):
    """What side of its number a bounded figure lies on."""

    AT_LEAST = ">="
    AT_MOST = "<="
    MORE_THAN = ">"
    LESS_THAN = "<"


_SUFFIXES: dict[str, Decimal] = {
    "k": Decimal(10) ** 3, "K": Decimal(10) ** 3, "M": Decimal(10) ** 6,
    "B": Decimal(10) ** 9, "bn": Decimal(10) ** 9, "T": Decimal(10) ** 12,
}  # fmt: skip
_BOUND_WORDS: dict[str, Bound] = {
    "at least": Bound.AT_LEAST, "no less than": Bound.AT_LEAST, "≥": Bound.AT_LEAST,
    ">=": Bound.AT_LEAST, "at most": Bound.AT_MOST, "up to": Bound.AT_MOST,
    "no more than": Bound.AT_MOST, "≤": Bound.AT_MOST, "<=": Bound.AT_MOST,
    "more than": Bound.MORE_THAN, "over": Bound.MORE_THAN, ">": Bound.MORE_THAN,
    "less than": Bound.LESS_THAN, "fewer than": Bound.LESS_THAN, "under": Bound.LESS_THAN,
    "<": Bound.LESS_THAN,
}  # fmt: skip
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_SUFFIX = r"(?:bn|[kKMBT])(?![^\W\d_])"
_CURRENCY = r"US\$|\$|€|£|¥"
_WORDS = "|".join(
    re.escape(w).replace(r"\ ", r"\s+") for w in sorted(_BOUND_WORDS, key=len, reverse=True)
)
_QUANTITY = re.compile(
    rf"""\s*
    (?:(?P<bound>{_WORDS})(?:\s+|(?<=[<>=≤≥])\s*))?
    (?:(?P<approx>~|≈|about|approximately|approx\.|around|roughly|circa|ca\.)\s*)?
    (?P<currency>{_CURRENCY})?\s*
    (?P<sign>[-+−])?(?P<number>{_NUMBER})(?P<suffix>{_SUFFIX})?
    (?:\s*(?:\.\.|–|—|-|\bto\b)\s*(?:{_CURRENCY})?\s*
       (?P<upper>{_NUMBER})(?P<upper_suffix>{_SUFFIX})?)?
    \s*(?P<unit>%|‰|[x×](?![^\W\d_])|[^\W\d_][\w/ .$€£¥-]*?|/[^\W\d_][\w ]*?)?
    \s*(?:(?:±|\+/-|\+-)\s*(?P<tolerance>{_NUMBER})\s*(?P<tolerance_unit>%|[^\W\d_]\w*)?)?
    \s*""",
    re.VERBOSE,
)


_RATIO = re.compile(
    r"""\s*(?:(?P<approx>~|≈|about|approximately|approx\.|around|roughly)\s*)?
    (?P<part>\d+(?:\.\d+)?)\s*(?::|\s(?:in|out\s+of)\s)\s*(?P<whole>\d+(?:\.\d+)?)\s*""",
    re.VERBOSE,
)
"""A ratio: "1 in 5", "1 out of 5", "3:1"; held as the fraction (0.2), written as it was."""


def _ratio(text: str, match: re.Match[str]) -> Quantity:
    whole = Decimal(match.group("whole"))
    if whole == 0:
        msg = f"not a figure: {text!r}; a ratio's second number cannot be 0"
        raise ValueError(msg)
    fraction = Decimal(match.group("part")) / whole
    return Quantity(
        fraction, "ratio", approximate=match.group("approx") is not None, text=text.strip()
    )


def _number(text: str, suffix: str | None) -> Decimal:
    value = Decimal(text.replace(",", ""))
    return Decimal(_plain(value * _SUFFIXES[suffix])) if suffix else value


def _plain(value: Decimal) -> str:
    """A decimal without exponent or trailing zeros after the point."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _decimal(value: Decimal | float | str) -> Decimal:
    """A decimal; a float as its shortest text (0.9, not 0.90000000000000002)."""
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def _optional_decimal(value: Decimal | float | str | None) -> Decimal | None:
    return None if value is None else _decimal(value)


@attrs.frozen
class Quantity:
    """A figure with its unit, its bound and its uncertainty.

    Attributes:
        value: The number, suffix applied (``"15K"`` is 15000); the lower
            end of a range.
        unit: The unit as written: ``"ms"``, ``"%"``, ``"x"``, a currency
            (``"$"``, ``"EUR"``), a noun (``"validators"``); empty for a bare
            number.
        upper: The upper end of a range (``"5–8"``), else ``None``.
        bound: For a bound ("at least 3", "< 250 ms"), which side.
        approximate: Whether the document says it is approximate.
        tolerance: An explicit tolerance (``± 10%`` is 10 with
            ``tolerance_unit`` ``"%"``: relative; otherwise in ``unit``).
        tolerance_unit: The tolerance's unit: ``"%"`` for a relative one.
        text: The figure as the document writes it, kept for rendering
            (not compared: ``"1,000 ms"`` equals ``"1000 ms"``).
    """

    value: Decimal = attrs.field(converter=_decimal)
    unit: str = ""
    upper: Decimal | None = attrs.field(default=None, converter=_optional_decimal)
    bound: Bound | None = None
    approximate: bool = False
    tolerance: Decimal | None = attrs.field(default=None, converter=_optional_decimal)
    tolerance_unit: str = ""
    text: str = attrs.field(default="", eq=False)

    def __attrs_post_init__(self) -> None:
        if not self.value.is_finite():
            msg = f"expected a finite number, got {self.value}"
            raise ValueError(msg)
        if self.upper is not None and self.upper < self.value:
            msg = (
                f"range {_plain(self.value)}–{_plain(self.upper)} has its ends the wrong way round"
            )
            raise ValueError(msg)
        if self.upper is not None and self.bound is not None:
            msg = "a range has no bound: write '5–8' or 'at least 5', not both"
            raise ValueError(msg)

    @classmethod
    def parse(cls, text: str) -> Quantity:
        """Parse text: see :func:`parse_quantity`."""
        return parse_quantity(text)

    @property
    def measure(self) -> Unit:
        """The unit with what it measures (see :mod:`remediation.model.units`)."""
        return parse_unit(self.unit)

    @property
    def kind(self) -> Kind:
        """What the figure measures: count, percent, duration, money, ..."""
        return self.measure.kind

    def to(self, unit: str) -> Decimal:
        """The value in *unit*, exactly.

        Raises:
            ValueError: The units do not compare (a percent is no count).
        """
        target = parse_unit(unit)
        source = self.measure
        if not target.compares_with(source):
            msg = f"{source.describe()} does not convert to {target.describe()}"
            raise ValueError(msg)
        return Decimal(_plain(self.value * source.factor / target.factor))

    def interval(self) -> tuple[Decimal | None, Decimal | None]:
        """The lowest and highest value the figure allows (``None``: unbounded).

        A range gives its ends, a bound its open side, an approximation its
        tolerance either side (an explicit one, else
        :data:`APPROXIMATION_TOLERANCE` of its value).

        Examples:
            >>> parse_quantity("~5x").interval()
            (Decimal('4.50'), Decimal('5.50'))
            >>> parse_quantity("250 ms ± 5 ms").interval()
            (Decimal('245'), Decimal('255'))
        """
        relative, absolute = Decimal(0), Decimal(0)
        if self.tolerance is not None and self.tolerance_unit == "%":
            relative = self.tolerance / 100
        elif self.tolerance is not None:
            absolute = self.tolerance
        elif self.approximate:
            relative = APPROXIMATION_TOLERANCE
        top = self.value if self.upper is None else self.upper
        low = self.value - absolute - abs(self.value) * relative
        high = top + absolute + abs(top) * relative
        if self.bound in (Bound.AT_LEAST, Bound.MORE_THAN):
            return low, None
        if self.bound in (Bound.AT_MOST, Bound.LESS_THAN):
            return None, high
        return low, high

    def agrees_with(self, value: Decimal | float) -> bool:
        """Whether *value* (in this figure's unit) is what the figure says, within tolerance.

        An exact figure agrees only with itself; a strict bound without a
        tolerance excludes its own number.

        Examples:
            >>> parse_quantity("about 15K").agrees_with(13_337)
            False
            >>> parse_quantity("~5x").agrees_with(5.0625)
            True
        """
        number = value if isinstance(value, Decimal) else Decimal(repr(float(value)))
        low, high = self.interval()
        if (low is not None and number < low) or (high is not None and number > high):
            return False
        exact = self.tolerance is None and not self.approximate
        if exact and self.bound is Bound.MORE_THAN and number == low:
            return False
        return not (exact and self.bound is Bound.LESS_THAN and number == high)

    def __str__(self) -> str:
        if self.text:
            return self.text
        bound = f"{self.bound.value} " if self.bound is not None else ""
        approx = "~" if self.approximate else ""
        number = _plain(self.value)
        if self.upper is not None:
            number = f"{number}–{_plain(self.upper)}"
        unit = self.unit
        if unit and self.kind is Kind.MONEY and unit in CURRENCIES and not unit.isalpha():
            text = f"{bound}{approx}{unit}{number}"
        elif unit in ("%", "‰", "x", "×") or not unit:
            text = f"{bound}{approx}{number}{unit}"
        else:
            text = f"{bound}{approx}{number} {unit}"
        if self.tolerance is not None:
            text += f" ± {_plain(self.tolerance)}{self.tolerance_unit}"
        return text


def parse_quantity(text: str) -> Quantity:
    """Parse a figure; see :data:`QUANTITY_FORMS` for what is accepted.

    Raises:
        ValueError: The text is not a figure; the message lists the forms
            accepted, with examples.

    Examples:
        >>> parse_quantity("$2M").value, parse_quantity("$2M").kind
        (Decimal('2000000'), <Kind.MONEY: 'money'>)
        >>> q = parse_quantity("5–8 validators")
        >>> q.value, q.upper, q.unit
        (Decimal('5'), Decimal('8'), 'validators')
        >>> parse_quantity("at least 3").interval()
        (Decimal('3'), None)
    """
    ratio = _RATIO.fullmatch(text)
    if ratio is not None:
        return _ratio(text, ratio)
    match = _QUANTITY.fullmatch(text)
    if match is None or not text.strip():
        msg = f"not a figure: {text!r}; expected {QUANTITY_FORMS}"
        raise ValueError(msg)
    currency = match.group("currency")
    unit = (match.group("unit") or "").strip()
    if currency and unit:
        msg = f"not a figure: {text!r}; money takes its currency once ('$2M' or '2M USD')"
        raise ValueError(msg)
    try:
        value = _number(match.group("number"), match.group("suffix"))
        upper_text = match.group("upper")
        upper = None if upper_text is None else _number(upper_text, match.group("upper_suffix"))
        tolerance_text = match.group("tolerance")
        tolerance = None if tolerance_text is None else Decimal(tolerance_text.replace(",", ""))
    except InvalidOperation:  # pragma: no cover  (the pattern admits only numbers)
        msg = f"not a figure: {text!r}; expected {QUANTITY_FORMS}"
        raise ValueError(msg) from None
    if match.group("sign") in ("-", "−"):
        value = -value
    bound_word = match.group("bound")
    bound = _BOUND_WORDS[" ".join(bound_word.split())] if bound_word else None
    tolerance_unit = match.group("tolerance_unit") or ""
    if tolerance_unit not in ("", "%", unit):
        msg = (
            f"not a figure: {text!r}; a tolerance is in percent or in the figure's own unit "
            "('250 ms ± 10%', '250 ms ± 5 ms')"
        )
        raise ValueError(msg)
    return Quantity(
        value=value,
        unit=currency or unit,
        upper=upper,
        bound=bound,
        approximate=match.group("approx") is not None,
        tolerance=tolerance,
        tolerance_unit=tolerance_unit if tolerance_unit == "%" else "",
        text=text.strip(),
    )
