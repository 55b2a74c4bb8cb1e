"""Dated currency reference rates: the table (``rules/rates.yaml``, the ECB's euro reference rates) and the
conversions made with it.

A rate is the number of units of a currency for one euro, as the ECB quotes it."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from .law import Source
from .money import Money
from .records import record

STALE_AFTER = timedelta(days=365)


@record
class RateTable:
    """Dated reference rates against one base currency, with their source."""

    base: str
    source: Source
    dates: tuple[date, ...]  # sorted
    rates: tuple[dict[str, Decimal], ...]  # per date: currency -> Decimal units per base unit


@record
class Rate:
    """One conversion rate used, and where it comes from (the table's date or an override)."""

    currency: str
    value: Decimal  # units of ``currency`` per euro
    day: date | None  # the table's date; None for an override
    source: str


@record
class Conversion:
    """One amount converted, with everything needed to show and check it."""

    original: Money
    converted: Money
    rates: tuple[Rate, ...]  # the rates used (one or two: via the euro)
    stale: bool

    def explain(self) -> str:
        used = ", ".join(
            f"1 EUR = {r.value} {r.currency} ({'override' if r.day is None else r.day.isoformat()})" for r in self.rates
        )
        return f"{self.original.display()} = {self.converted.display()} at {used}" if used else self.original.display()
