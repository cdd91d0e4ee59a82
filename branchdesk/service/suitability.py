"""Suitability (适当性管理): a product may be offered only up to the client's level
(C1→R1 … C5→R5), and only while their rating is less than 2 years old."""

from __future__ import annotations

from datetime import date

from ..errors import FieldError, Invalid
from ..models import Client, ProductRisk, Purpose

#: a rating is valid for this many years after the assessment
RATING_VALID_YEARS = 2


class Unsuitable(Invalid):
    """An offer the suitability rules forbid; the message gives the reason."""

    kind = "unsuitable"


def rating_expires(assessed_on: date) -> date:
    """The first day the rating is too old (29 February rolls to 1 March)."""
    try:
        return assessed_on.replace(year=assessed_on.year + RATING_VALID_YEARS)
    except ValueError:
        return date(assessed_on.year + RATING_VALID_YEARS, 3, 1)


def problem(client: Client, product_risk: ProductRisk | None, on: date) -> FieldError | None:
    """Why ``client`` may not be offered a ``product_risk`` product on ``on`` (or None)."""
    if product_risk is None:
        return FieldError(
            "product_risk", "a product-information task names the product's risk (R1–R5)"
        )
    if client.risk_level is None or client.risk_assessed_on is None:
        return FieldError(
            "risk_level",
            f"client {client.account_id} has no suitability rating; assess them first",
        )
    expires = rating_expires(client.risk_assessed_on)
    if on >= expires:
        return FieldError(
            "risk_assessed_on",
            f"client {client.account_id}'s rating of {client.risk_assessed_on} expired on "
            f"{expires} (older than {RATING_VALID_YEARS} years); reassess them first",
        )
    if product_risk.rank > client.risk_level.rank:
        return FieldError(
            "product_risk",
            f"client {client.account_id} is rated {client.risk_level}: a {product_risk} "
            f"product may be offered only to C{product_risk.rank} or above",
        )
    return None


def check(client: Client, purpose: Purpose, product_risk: ProductRisk | None, on: date) -> None:
    """Raise :class:`Unsuitable` when a product-information task breaks the rules."""
    if purpose is not Purpose.PRODUCT_INFO:
        return
    found = problem(client, product_risk, on)
    if found is not None:
        raise Unsuitable([found])
