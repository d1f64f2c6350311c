"""Relations: the figure the arithmetic gives, to compare with the figure stated.

Each check of a relation is a claim, the value the other figures give it
(in the claim's unit) and the arithmetic in words. A figure that is a range
or a bound, or units that do not combine (a sum of dollars and euros, a
product of two durations), make the check unknown: it is left out, never
guessed.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

import attrs

from remediation.model.quantity import Quantity
from remediation.model.records import Claim, Relation, RelationKind
from remediation.model.units import Kind, parse_unit

__all__ = ["RelationCheck", "check_relation"]

_DIMENSIONLESS = (Kind.COUNT, Kind.MULTIPLIER, Kind.RATIO)
"""Kinds a product or a ratio is a plain number of (a ratio is held as its fraction)."""


@attrs.frozen
class RelationCheck:
    """One figure of a relation, what the arithmetic gives it, and how.

    Attributes:
        claim: Id of the claim checked.
        derived: What the other figures give it, in its unit.
        arithmetic: The computation in words (``"4 × $500k"``).
    """

    claim: str
    derived: Decimal
    arithmetic: str

    def holds(self, claims: Mapping[str, Claim]) -> bool:
        """Whether the claim's figure agrees with the derived one within its tolerance."""
        return claims[self.claim].value.agrees_with(self.derived)

    def shown(self, claims: Mapping[str, Claim]) -> str:
        """The derived figure written in the claim's unit (``"$1500000"``).

        A figure of more than four decimals (a division's, mostly) is rounded to
        two decimals more than the stated figure has (94.63 next to a stated 94),
        so that the reader can compare them; the comparison itself uses the
        exact figure.
        """
        stated = claims[self.claim].value
        derived = self.derived
        if derived != round(derived, 4):
            exponent = stated.value.as_tuple().exponent
            derived = round(derived, 2 + max(0, -exponent if isinstance(exponent, int) else 0))
        return str(Quantity(Decimal(format(derived.normalize(), "f")), stated.unit))


def _exact(claim: Claim | None) -> Quantity | None:
    if claim is None or claim.value.upper is not None or claim.value.bound is not None:
        return None
    return claim.value


def check_relation(relation: Relation, claims: Mapping[str, Claim]) -> list[RelationCheck]:
    """The checks of *relation*: for each figure it gives, the value the others give it."""
    result = claims.get(relation.result)
    figures = [_exact(claims.get(i)) for i in relation.of]
    if result is None or any(f is None for f in figures):
        return []
    parts = [f for f in figures if f is not None]
    total = result.value
    try:
        match relation.kind:
            case RelationKind.SUM:
                derived = sum((p.to(total.unit) for p in parts), Decimal(0))
                return [RelationCheck(result.id, derived, " + ".join(map(str, parts)))]
            case RelationKind.SHARES:
                return _shares(relation, total, claims)
            case RelationKind.PRODUCT:
                product = _product(parts, total.unit)
                if product is None:
                    return []
                return [RelationCheck(result.id, product, " × ".join(map(str, parts)))]
            case RelationKind.RATIO:
                ratio = _ratio(parts[0], parts[1], total.unit)
                if ratio is None:
                    return []
                return [RelationCheck(result.id, ratio, f"{parts[0]} / {parts[1]}")]
    except (ValueError, ArithmeticError):
        return []  # units that do not combine: unknown


def _shares(
    relation: Relation, total: Quantity, claims: Mapping[str, Claim]
) -> list[RelationCheck]:
    checks = []
    for part_id, share in zip(relation.of, relation.shares, strict=True):
        part = claims[part_id]
        if not part.value.measure.compares_with(total.measure):
            continue
        fraction = share.value / 100 if share.unit == "%" else share.value
        derived = total.value * fraction * total.measure.factor / part.value.measure.factor
        checks.append(RelationCheck(part_id, derived, f"{share} of {total}"))
    return checks


def _product(parts: list[Quantity], unit: str) -> Decimal | None:
    """The product in *unit*: at most one factor has a dimension, the others are counts
    or multipliers (a percent counts as its fraction)."""
    product = Decimal(1)
    dimensional: Quantity | None = None
    for part in parts:
        kind = part.kind
        if kind in _DIMENSIONLESS:
            product *= part.value
        elif kind is Kind.PERCENT:
            product *= part.value / 100
        elif dimensional is None:
            dimensional = part
            product *= part.value
        else:
            return None
    target = parse_unit(unit)
    if dimensional is None:
        return product if target.kind in _DIMENSIONLESS else None
    source = dimensional.measure
    if not target.compares_with(source):
        return None
    return product * source.factor / target.factor


def _ratio(numerator: Quantity, denominator: Quantity, unit: str) -> Decimal | None:
    """The ratio in *unit*: ``%`` for a percentage, else a plain number."""
    if denominator.value == 0 or not numerator.measure.compares_with(denominator.measure):
        return None
    ratio = (
        numerator.value
        * numerator.measure.factor
        / (denominator.value * denominator.measure.factor)
    )
    target = parse_unit(unit)
    if target.kind is Kind.PERCENT:
        return ratio * 100 / target.factor
    return ratio if target.kind in _DIMENSIONLESS else None
