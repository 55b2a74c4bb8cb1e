"""Money: an exact :class:`~decimal.Decimal` amount with its ISO 4217 currency, never a float.

Amounts of different currencies are never added or compared silently: that raises :class:`CurrencyMismatch`,
and the engine keeps such figures side by side (see :mod:`exposure.fines`) until a dated rate converts them.
"""

from __future__ import annotations

import re
from decimal import Decimal

from .records import record

# ISO 4217 active codes (the currencies a pack or a turnover can be stated in).
ISO_4217 = frozenset(
    [
        "AED",
        "AFN",
        "ALL",
        "AMD",
        "ANG",
        "AOA",
        "ARS",
        "AUD",
        "AWG",
        "AZN",
        "BAM",
        "BBD",
        "BDT",
        "BGN",
        "BHD",
        "BIF",
        "BMD",
        "BND",
        "BOB",
        "BRL",
        "BSD",
        "BTN",
        "BWP",
        "BYN",
        "BZD",
        "CAD",
        "CDF",
        "CHF",
        "CLP",
        "CNY",
        "COP",
        "CRC",
        "CUP",
        "CVE",
        "CZK",
        "DJF",
        "DKK",
        "DOP",
        "DZD",
        "EGP",
        "ERN",
        "ETB",
        "EUR",
        "FJD",
        "FKP",
        "GBP",
        "GEL",
        "GHS",
        "GIP",
        "GMD",
        "GNF",
        "GTQ",
        "GYD",
        "HKD",
        "HNL",
        "HTG",
        "HUF",
        "IDR",
        "ILS",
        "INR",
        "IQD",
        "IRR",
        "ISK",
        "JMD",
        "JOD",
        "JPY",
        "KES",
        "KGS",
        "KHR",
        "KMF",
        "KPW",
        "KRW",
        "KWD",
        "KYD",
        "KZT",
        "LAK",
        "LBP",
        "LKR",
        "LRD",
        "LSL",
        "LYD",
        "MAD",
        "MDL",
        "MGA",
        "MKD",
        "MMK",
        "MNT",
        "MOP",
        "MRU",
        "MUR",
        "MVR",
        "MWK",
        "MXN",
        "MYR",
        "MZN",
        "NAD",
        "NGN",
        "NIO",
        "NOK",
        "NPR",
        "NZD",
        "OMR",
        "PAB",
        "PEN",
        "PGK",
        "PHP",
        "PKR",
        "PLN",
        "PYG",
        "QAR",
        "RON",
        "RSD",
        "RUB",
        "RWF",
        "SAR",
        "SBD",
        "SCR",
        "SDG",
        "SEK",
        "SGD",
        "SHP",
        "SLE",
        "SOS",
        "SRD",
        "SSP",
        "STN",
        "SVC",
        "SYP",
        "SZL",
        "THB",
        "TJS",
        "TMT",
        "TND",
        "TOP",
        "TRY",
        "TTD",
        "TWD",
        "TZS",
        "UAH",
        "UGX",
        "USD",
        "UYU",
        "UZS",
        "VES",
        "VND",
        "VUV",
        "WST",
        "XAF",
        "XCD",
        "XOF",
        "XPF",
        "YER",
        "ZAR",
        "ZMW",
        "ZWL",
    ]
)

# Amounts are exact Decimals computed within a 28-digit context: an amount of at most 18 integer digits keeps
# every product, share and conversion exact (no silent rounding of a figure).
MAX_DIGITS = 18
MAX_DECIMALS = 4  # no currency has more than three minor digits (ISO 4217: BHD, KWD, OMR...)
_AMOUNT = re.compile(r"(?P<num>[0-9](?:_?[0-9])*(?:\.[0-9]+)?)\s+(?P<cur>[A-Za-z]{3})\Z")


class CurrencyMismatch(ValueError):
    """Two amounts in different currencies were added or compared."""


@record
class Money:
    """An exact amount in one ISO 4217 currency."""

    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        if not isinstance(self.amount, Decimal):
            raise TypeError("Money.amount must be a Decimal")

    def _same(self, other: Money) -> None:
        if self.currency != other.currency:
            raise CurrencyMismatch(f"cannot combine {self.currency} and {other.currency} without a rate")

    def __add__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.amount + other.amount, self.currency)

    def __lt__(self, other: Money) -> bool:
        self._same(other)
        return self.amount < other.amount

    def __le__(self, other: Money) -> bool:
        self._same(other)
        return self.amount <= other.amount

    def times(self, factor: Decimal | int) -> Money:
        return Money(self.amount * Decimal(factor), self.currency)

    def plain(self) -> str:
        """The amount as a decimal string without exponent or trailing zeros (``"75000"``, ``"1234.5"``)."""
        return decimal_text(self.amount)

    def display(self) -> str:
        """``EUR 75,000``: the ISO code is unambiguous where ``$`` is not (USD, CAD, AUD). An amount with more
        than two decimals (a share of a converted turnover) is shown to two, rounding half to even; the value
        itself stays exact."""
        amount = self.amount
        if amount == amount.to_integral():
            q = amount.quantize(Decimal(1))
        elif amount.as_tuple().exponent < -2:  # type: ignore[operator]  # finite amounts only
            q = amount.quantize(Decimal("0.01"))
        else:
            q = amount
        return f"{self.currency} {q:,}"

    def __str__(self) -> str:
        return self.display()


def decimal_text(value: Decimal) -> str:
    """A Decimal as plain text: no exponent, no trailing fractional zeros."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def parse_money(text: str) -> Money:
    """Parse ``"75000 EUR"`` or ``"2_600_000_000 USD"``. Raises ValueError with the reason and a hint."""
    match = _AMOUNT.match(text.strip())
    if not match:
        if re.match(r"[0-9]", text) and (" " in text.strip()[:-4] or "," in text):
            raise ValueError(f"'{text[:40]}' is not an amount: write digits without spaces or commas, e.g. '75000 EUR'")
        raise ValueError(
            f"'{text[:40]}' is not an amount: expected a number and an ISO 4217 currency, e.g. '75000 EUR'"
        )
    currency = match["cur"]
    if currency != currency.upper() or currency not in ISO_4217:
        raise ValueError(f"'{currency}' is not an ISO 4217 currency code (e.g. EUR, GBP, USD)")
    digits = match["num"].replace("_", "")
    whole, _, fraction = digits.partition(".")
    if len(whole) > MAX_DIGITS:
        raise ValueError(f"amount too large: at most {MAX_DIGITS} digits before the decimal point")
    if len(fraction) > MAX_DECIMALS:  # more would be rounded away by exact arithmetic's 28 digits: refuse, never round
        raise ValueError(f"at most {MAX_DECIMALS} digits after the decimal point, found {len(fraction)}")
    return Money(Decimal(digits), currency)
