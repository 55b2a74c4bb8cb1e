"""Exact conversion of amounts into one currency with dated reference rates.

The rate used for an incident is the one of its date or the nearest earlier date in the table; a rate more than a
year older than the incident is *stale* and flagged. ``--rate GBP=1.17`` overrides one rate (same convention as the
ECB: units per euro). Conversions are exact Decimal arithmetic; amounts are rounded only when displayed.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date
from decimal import Decimal

from ..model.money import Money
from ..model.rates import STALE_AFTER, Conversion, Rate, RateTable


class Converter:
    """Converts amounts into one currency with the table's rates for one day, and any overrides."""

    def __init__(self, table: RateTable, day: date, overrides: dict[str, Decimal] | None = None):
        self.table, self.day = table, day
        self.overrides = dict(overrides or {})

    def rate(self, currency: str) -> Rate | None:
        if currency == self.table.base:
            return Rate(currency, Decimal(1), None, "base")
        if currency in self.overrides:
            return Rate(currency, self.overrides[currency], None, "override")
        i = bisect_right(self.table.dates, self.day)
        while i > 0:
            i -= 1
            value = self.table.rates[i].get(currency)
            if value is not None:
                return Rate(currency, value, self.table.dates[i], self.table.source.cite)
        return None

    def is_stale(self, rate: Rate) -> bool:
        return rate.day is not None and self.day - rate.day > STALE_AFTER

    def convert(self, amount: Money, target: str) -> Conversion | None:
        """``amount`` in ``target``, via the euro; None when a rate is missing."""
        if amount.currency == target:
            return Conversion(amount, amount, (), False)
        source_rate, target_rate = self.rate(amount.currency), self.rate(target)
        if source_rate is None or target_rate is None:
            return None
        value = amount.amount / source_rate.value * target_rate.value
        used = tuple(r for r in (source_rate, target_rate) if r.currency != self.table.base)
        return Conversion(amount, Money(value, target), used, any(self.is_stale(r) for r in used))
