"""Money: whole yuan in the database, 万元 in the API and the ledger."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

YUAN_PER_WAN = 10_000


def wan_to_yuan(value: Decimal | float | int | None) -> int | None:
    if value is None:
        return None
    yuan = Decimal(str(value)) * YUAN_PER_WAN
    return int(yuan.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def yuan_to_wan(value: int | None) -> float | None:
    """万元 with up to four decimals (exact for whole yuan)."""
    if value is None:
        return None
    return float(Decimal(value) / YUAN_PER_WAN)
