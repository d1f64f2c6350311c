"""Units: what a number measures, and which numbers can be compared.

A unit has a :class:`Kind` (count, percent, duration, money, size, rate,
multiplier) and, within its kind, a factor to the kind's base unit
(seconds, bytes, one percent, one unit of the currency). Two units compare
when they have the same dimension: milliseconds and seconds do, and 0.9 s
is 900 ms; a percent and a count never do, nor dollars and euros (this
library knows no exchange rates). A count may name what it counts
(``"violations"``): it compares with a bare count and with the same noun.

The table is small and owned here, on purpose: the documents this library
reads use a few dozen units, and a wrong conversion must never hide behind a
library's guess.

Examples:
    >>> parse_unit("ms").convert(0.9, parse_unit("s"))
    900.0
    >>> parse_unit("%").compares_with(parse_unit("failures"))
    False
"""

from __future__ import annotations

import enum
from decimal import Decimal

import attrs

__all__ = ["CURRENCIES", "Kind", "Unit", "parse_unit"]


class Kind(enum.Enum):
    """What a number measures."""

    COUNT = "count"
    PERCENT = "percent"
    DURATION = "duration"
    MONEY = "money"
    SIZE = "size"
    RATE = "rate"
    MULTIPLIER = "multiplier"
    RATIO = "ratio"


_D = Decimal
_DURATIONS: dict[str, Decimal] = {
    "ns": _D("1e-9"), "us": _D("1e-6"), "µs": _D("1e-6"), "ms": _D("0.001"),
    "s": _D(1), "sec": _D(1), "secs": _D(1), "second": _D(1), "seconds": _D(1),
    "min": _D(60), "mins": _D(60), "minute": _D(60), "minutes": _D(60),
    "h": _D(3600), "hr": _D(3600), "hrs": _D(3600), "hour": _D(3600), "hours": _D(3600),
    "d": _D(86400), "day": _D(86400), "days": _D(86400),
    "week": _D(604800), "weeks": _D(604800),
}  # fmt: skip
_SIZES: dict[str, Decimal] = {
    "B": _D(1), "byte": _D(1), "bytes": _D(1),
    "KB": _D(10) ** 3, "MB": _D(10) ** 6, "GB": _D(10) ** 9, "TB": _D(10) ** 12,
    "KiB": _D(2) ** 10, "MiB": _D(2) ** 20, "GiB": _D(2) ** 30, "TiB": _D(2) ** 40,
}  # fmt: skip
_PERCENT: dict[str, Decimal] = {"%": _D(1), "‰": _D("0.1"), "percent": _D(1)}
_MULTIPLIERS: dict[str, Decimal] = {"x": _D(1), "×": _D(1)}
_RATIOS: dict[str, Decimal] = {"ratio": _D(100)}
"""A ratio ("1 in 5", "3:1") is held as its fraction of a whole: one is 100 percent."""
_SHARES = frozenset({Kind.PERCENT, Kind.RATIO})
"""Kinds that are each a share of a whole, and so convert into each other (1 in 5 is 20 %)."""
CURRENCIES: dict[str, str] = {
    "$": "USD", "US$": "USD", "USD": "USD", "€": "EUR", "EUR": "EUR",
    "£": "GBP", "GBP": "GBP", "¥": "JPY", "JPY": "JPY", "CHF": "CHF", "CAD": "CAD",
    "AUD": "AUD",
}  # fmt: skip
"""Currency symbols and codes this library reads, with their ISO 4217 code."""

_PER = ("/", " per ")


def _singular(noun: str) -> str:
    noun = noun.casefold()
    return noun[:-1] if noun.endswith("s") and len(noun) > 1 else noun


@attrs.frozen
class Unit:
    """A unit as the document writes it, with what it measures.

    Attributes:
        symbol: The unit as written (``"ms"``, ``"%"``, ``"$"``,
            ``"requests/s"``, ``"violations"``); empty for a bare count.
        kind: What it measures.
        factor: How many of the kind's base unit one of it is (seconds for a
            duration, bytes for a size, percent for a percent, the
            numerator's base per second for a rate).
        detail: What further tells units of a kind apart: the currency of
            money, the noun of a count (singular, lower case), the
            numerator of a rate.
    """

    symbol: str
    kind: Kind
    factor: Decimal = Decimal(1)
    detail: str = ""

    @property
    def dimension(self) -> tuple[Kind, str]:
        """What must be equal for two units to convert (a count's noun aside)."""
        return self.kind, self.detail

    def compares_with(self, other: Unit) -> bool:
        """Whether a number in *other* can be converted to this unit.

        Units of the same kind and detail do; a count compares with a bare
        count whatever its noun; a ratio with a percent (both shares of a whole).
        """
        if self.kind is not other.kind:
            return self.kind in _SHARES and other.kind in _SHARES
        if self.kind is Kind.COUNT and (not self.detail or not other.detail):
            return True
        return self.detail == other.detail

    def convert(self, value: float, source: Unit) -> float:
        """*value*, given in *source*, in this unit.

        Raises:
            ValueError: The units do not compare (see :meth:`compares_with`).
        """
        if not self.compares_with(source):
            msg = f"{self.describe()} and {source.describe()} do not compare"
            raise ValueError(msg)
        if source.factor == self.factor:
            return value
        return float(Decimal(repr(value)) * source.factor / self.factor)

    def describe(self) -> str:
        """The unit in words, for messages: ``"'ms' (a duration)"``, ``"a bare count"``."""
        if not self.symbol:
            return "a bare count"
        if self.kind is Kind.MONEY:
            return f"{self.symbol!r} (money in {self.detail})"
        return f"{self.symbol!r} (a {self.kind.value})"


def _simple(symbol: str) -> Unit | None:
    stripped = symbol.strip()
    for table, kind in (
        (_DURATIONS, Kind.DURATION),
        (_SIZES, Kind.SIZE),
        (_PERCENT, Kind.PERCENT),
        (_MULTIPLIERS, Kind.MULTIPLIER),
        (_RATIOS, Kind.RATIO),
    ):
        factor = table.get(stripped)
        if factor is None and kind is Kind.DURATION:
            factor = table.get(stripped.casefold())
        if factor is not None:
            return Unit(symbol, kind, factor)
    currency = CURRENCIES.get(stripped) or CURRENCIES.get(stripped.upper())
    if currency is not None and (stripped in CURRENCIES or len(stripped) == 3):
        return Unit(symbol, Kind.MONEY, Decimal(1), currency)
    return None


def _known() -> dict[str, Unit]:
    """Every unit of the tables, by its exact symbol: the figures of a plan name a few
    units many times, and a lookup is all most of them need."""
    known = {"": Unit("", Kind.COUNT)}
    for table, kind in (
        (_RATIOS, Kind.RATIO),
        (_MULTIPLIERS, Kind.MULTIPLIER),
        (_PERCENT, Kind.PERCENT),
        (_SIZES, Kind.SIZE),
        (_DURATIONS, Kind.DURATION),
    ):  # reversed: where two tables name a symbol, the first of _simple's order wins
        known.update((symbol, Unit(symbol, kind, factor)) for symbol, factor in table.items())
    for symbol, code in CURRENCIES.items():
        known.setdefault(symbol, Unit(symbol, Kind.MONEY, Decimal(1), code))
    return known


_KNOWN = _known()
"""A constant table built once from the tables above (not a cache: it never grows)."""


def parse_unit(symbol: str) -> Unit:
    """The unit *symbol* names; a word this library does not know is a count of it.

    ``"requests/s"`` and ``"errors per minute"`` are rates: a count (or any
    unit) over a duration.

    Examples:
        >>> parse_unit("s").factor, parse_unit("min").kind
        (Decimal('1'), <Kind.DURATION: 'duration'>)
        >>> parse_unit("requests/s").compares_with(parse_unit("requests per minute"))
        True
    """
    known = _KNOWN.get(symbol)
    if known is not None:
        return known
    known = _simple(symbol)
    if known is not None:
        return known
    for separator in _PER:
        numerator, found, denominator = symbol.partition(separator)
        if not found:
            continue
        per = _simple(denominator)
        if per is not None and per.kind is Kind.DURATION:
            top = _simple(numerator) or Unit(numerator.strip(), Kind.COUNT)
            noun = _singular(numerator.strip()) if top.kind is Kind.COUNT else top.symbol
            return Unit(symbol, Kind.RATE, top.factor / per.factor, f"{top.kind.value}:{noun}")
    word = symbol.strip()
    return Unit(symbol, Kind.COUNT, Decimal(1), _singular(word) if word else "")
