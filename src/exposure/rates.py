"""Dated currency reference rates (``rules/rates.yaml``, the ECB's euro reference rates) and exact conversion.

A rate is the number of units of a currency for one euro, as the ECB quotes it. The rate used for an incident is
the one of its date or the nearest earlier date in the table; a rate more than a year older than the incident is
*stale* and flagged. ``--rate GBP=1.17`` overrides one rate (same convention). Conversions are exact Decimal
arithmetic; amounts are rounded only when displayed.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from .model import Source
from .money import ISO_4217, Money
from .reading import BAD, Reader
from .records import record
from .yaml_source import load_file

STALE_AFTER = timedelta(days=365)


@record
class RateTable:
    """Dated reference rates against one base currency, with their source."""

    base: str
    source: Source
    dates: tuple[date, ...]  # sorted
    rates: tuple[dict, ...]  # per date: currency -> Decimal units per base unit


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


def load_rates(path: Path, display: str) -> RateTable:
    doc = load_file(path, display)
    r = Reader(doc)
    top = r.mapping((), required=("schema", "base", "source", "rates"))
    if top is BAD:
        r.raise_if_problems()
    base = r.choice(("base",), sorted(ISO_4217))
    src = r.mapping(("source",), required=("cite", "url", "checked", "grade"), optional=("read_at", "note"))
    source = BAD
    if src is not BAD:
        checked = r.day(("source", "checked"))
        if checked is not BAD:
            source = Source("rates", src["cite"], src["url"], checked, src["grade"], src.get("read_at", ""), src.get("note", ""))
    days, tables = [], []
    if r.mapping(("rates",), any_keys=True) is not BAD:
        for key in sorted(top["rates"]):
            day = _day(r, key)
            row = r.mapping(("rates", key), any_keys=True)
            if day is BAD or row is BAD:
                continue
            values = {}
            for currency in row:
                if currency not in ISO_4217:
                    r.fail(("rates", key, currency), f"'{currency}' is not an ISO 4217 currency code", key=True)
                    continue
                value = r.number(("rates", key, currency))
                if value is not BAD:
                    values[currency] = value
            days.append(day)
            tables.append(values)
    r.raise_if_problems()
    return RateTable(base, source, tuple(days), tuple(tables))


def _day(reader: Reader, key: str):
    from .reading import _DATE

    if not _DATE.match(key):
        return reader.fail(("rates", key), f"rates: '{key}' is not a date written YYYY-MM-DD", key=True)
    try:
        return date.fromisoformat(key)
    except ValueError as exc:
        return reader.fail(("rates", key), f"rates: '{key}' is not a real date ({exc})", key=True)


def parse_override(text: str) -> tuple[str, Decimal]:
    """``GBP=1.17`` → ("GBP", Decimal("1.17")): 1 EUR = 1.17 GBP."""
    if "=" not in text:
        raise ValueError(f"--rate {text}: write CURRENCY=UNITS_PER_EURO, e.g. GBP=0.87")
    code, _, value = text.partition("=")
    code = code.strip().upper()
    if code not in ISO_4217:
        raise ValueError(f"--rate {text}: '{code}' is not an ISO 4217 currency code")
    try:
        number = Decimal(value.strip())
    except ArithmeticError:
        raise ValueError(f"--rate {text}: '{value}' is not a number") from None
    if not number.is_finite() or number <= 0:
        raise ValueError(f"--rate {text}: the rate must be a positive number")
    return code, number


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
