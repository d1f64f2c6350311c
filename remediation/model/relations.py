"""Relations: arithmetic the document asserts between its figures.

A :class:`Relation` names claims (:mod:`remediation.model.claims`) and says
how they are related: parts that sum to a total (``sum``), parts that are
stated shares of a total (``shares``: "a 50/50 split of $2M"), factors whose
product is a result (``product``: "4 stages × $500k = $2M", "1.5x per stage,
about 5x in total" with the per-stage claim named once per stage), or a
numerator over a denominator (``ratio``: "8 failures in 10 runs, an 80 %
failure rate"). The evaluation computes the result from the other figures
and compares it with the figure stated, within that figure's tolerance.
"""

from __future__ import annotations

import enum

import attrs

from remediation.model.fields import as_tuple as _tuple
from remediation.model.quantity import Quantity

__all__ = ["Relation", "RelationKind"]


class RelationKind(enum.Enum):
    """The arithmetic a relation asserts."""

    SUM = "sum"
    SHARES = "shares"
    PRODUCT = "product"
    RATIO = "ratio"


def _quantities(value: object) -> tuple[Quantity, ...]:
    shares: tuple[Quantity, ...] = _tuple(value)
    return shares


@attrs.frozen(cache_hash=True)
class Relation:
    """Figures related by arithmetic the document asserts.

    Attributes:
        id: Stable id.
        kind: The arithmetic.
        result: Id of the claim the others give: the total, the product or
            the ratio.
        of: Ids of the claims that give it: the parts (``sum``, ``shares``),
            the factors (``product``; an id may repeat), or the numerator and
            the denominator (``ratio``).
        shares: For ``shares``: each part's share of the total, in the order
            of ``of`` (``"50%"``, or a fraction such as ``"0.5"``).
        quote: The words that assert it.
    """

    id: str
    kind: RelationKind
    result: str
    of: tuple[str, ...] = attrs.field(converter=_tuple)
    shares: tuple[Quantity, ...] = attrs.field(default=(), converter=_quantities)
    quote: str = ""

    def __attrs_post_init__(self) -> None:
        if not self.of:
            msg = f"relation {self.id!r} relates nothing: 'of' names no claim"
            raise ValueError(msg)
        if self.kind is RelationKind.RATIO and len(self.of) != 2:
            msg = f"relation {self.id!r}: a ratio has a numerator and a denominator in 'of'"
            raise ValueError(msg)
        if (self.kind is RelationKind.SHARES) != bool(self.shares):
            msg = (
                f"relation {self.id!r}: 'shares' go with a relation of kind shares, and only there"
            )
            raise ValueError(msg)
        if self.shares and len(self.shares) != len(self.of):
            msg = f"relation {self.id!r}: {len(self.of)} parts but {len(self.shares)} shares"
            raise ValueError(msg)

    @property
    def claims(self) -> tuple[str, ...]:
        """Every claim id it names, the result first."""
        return (self.result, *self.of)
