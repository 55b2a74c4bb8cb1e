"""Loading the dated reference-rate table (``rules/rates.yaml``) and reading ``--rate`` overrides."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from ..model import Source
from ..model.money import ISO_4217
from ..model.rates import RateTable
from .reading import BAD, Reader, _Bad, ok
from .yaml_source import load_file


def load_rates(path: Path, display: str) -> RateTable:
    doc = load_file(path, display)
    r = Reader(doc)
    top = r.mapping((), required=("schema", "base", "source", "rates"))
    if top is BAD:
        r.raise_if_problems()
    top = ok(top)
    base = r.choice(("base",), sorted(ISO_4217))
    src = r.mapping(("source",), required=("cite", "url", "checked", "grade"), optional=("read_at", "note"))
    source: Source | _Bad = BAD
    if src is not BAD:
        checked = r.day(("source", "checked"))
        if checked is not BAD:
            source = Source(
                "rates", src["cite"], src["url"], checked, src["grade"], src.get("read_at", ""), src.get("note", "")
            )
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
    return RateTable(ok(base), ok(source), tuple(days), tuple(tables))


def _day(reader: Reader, key: str):
    from .reading import _DATE

    if not _DATE.match(key):
        return reader.fail(("rates", key), f"rates: '{key}' is not a date written YYYY-MM-DD", key=True)
    try:
        return date.fromisoformat(key)
    except ValueError as exc:
        return reader.fail(("rates", key), f"rates: '{key}' is not a real date ({exc})", key=True)


RATE_RANGE = (Decimal("0.000001"), Decimal(1_000_000_000))


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
    if not RATE_RANGE[0] <= number <= RATE_RANGE[1]:  # no currency is quoted outside it; exact arithmetic stays exact
        raise ValueError(f"--rate {text}: a rate per euro lies between {RATE_RANGE[0]} and {RATE_RANGE[1]:,}")
    if code == "EUR":
        raise ValueError(f"--rate {text}: the rates are units per euro, so the euro's own rate is 1")
    return code, number
