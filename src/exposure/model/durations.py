"""Prison terms: exact years, months and days, or the word ``life``. Never a stand-in number.

A statute says "deux ans", "18 months", "51 weeks" or "life imprisonment"; we keep exactly that (weeks as seven
days each). Terms are equal only when written alike; they are *ordered* on one scale, a month counting as the
Gregorian calendar's mean month (146097 / 4800 days), so that "364 days" sorts above "6 months" and below "1 year"
and a term in days compares sensibly with one in months.
"""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache

from .records import record

_PART = re.compile(r"([0-9]+)\s+(years?|months?|weeks?|days?)\s*")
_MEAN_MONTH = Fraction(146097, 4800)  # days in the mean Gregorian month


@record
class Term:
    """A fixed prison term. ``months`` may exceed 11 on input; :meth:`iso` normalises to years and months."""

    months: int = 0
    days: int = 0

    def _key(self) -> Fraction:
        return self.months * _MEAN_MONTH + self.days

    def __lt__(self, other: Term) -> bool:
        return self._key() < other._key()

    def __le__(self, other: Term) -> bool:
        return self._key() <= other._key()

    def __add__(self, other: Term) -> Term:
        return Term(self.months + other.months, self.days + other.days)

    def times(self, factor: Fraction | int) -> Term | None:
        """This term multiplied by a fraction, or None when the result is not a whole number of months and days
        (a statute's "one third more" of one month has no exact calendar value; we say so rather than round)."""
        months, days = Fraction(self.months) * factor, Fraction(self.days) * factor
        if months.denominator != 1 or days.denominator != 1:
            return None
        return Term(int(months), int(days))

    def iso(self) -> str:
        """ISO 8601 duration normalised to years and months: ``P1Y6M``, ``P30D``, ``P0D``."""
        years, months = divmod(self.months, 12)
        text = (
            "P"
            + (f"{years}Y" if years else "")
            + (f"{months}M" if months else "")
            + (f"{self.days}D" if self.days else "")
        )
        return text if text != "P" else "P0D"

    def display(self) -> str:
        years, months = divmod(self.months, 12)
        parts = []
        if years:
            parts.append(f"{years} year" + ("s" if years > 1 else ""))
        if months:
            parts.append(f"{months} month" + ("s" if months > 1 else ""))
        if self.days:
            parts.append(f"{self.days} day" + ("s" if self.days > 1 else ""))
        return " ".join(parts) or "0 days"

    def __str__(self) -> str:
        return self.display()


LIFE = "life"


def parse_term(text: str) -> Term | str:
    """Parse ``"2 years"``, ``"1 year 6 months"``, ``"18 months"``, ``"51 weeks"``, ``"30 days"`` or ``"life"``."""
    text = text.strip()
    if text == LIFE:
        return LIFE
    pos, months, days, seen = 0, 0, 0, set()
    while pos < len(text):
        match = _PART.match(text, pos)
        if not match:
            raise ValueError(
                f"'{text}' is not a prison term: write e.g. '2 years', '6 months', '1 year 6 months' or 'life'"
            )
        n, unit = int(match[1]), match[2].rstrip("s")
        if unit in seen:
            raise ValueError(f"'{text}' names {unit}s twice")
        seen.add(unit)
        if unit == "year":
            months += 12 * n
        elif unit == "month":
            months += n
        elif unit == "week":
            days += 7 * n
        else:
            days += n
        pos = match.end()
    if not seen:
        raise ValueError(f"'{text}' is not a prison term: write e.g. '2 years' or 'life'")
    return Term(months, days)


def term_iso(term: Term | str | None) -> str | None:
    return term if term is None or isinstance(term, str) else term.iso()


def term_display(term: Term | str | None) -> str:
    if term is None:
        return "—"
    return LIFE if isinstance(term, str) else term.display()


def longer(a: Term | str | None, b: Term | str | None) -> Term | str | None:
    """The longer of two terms (``life`` beats any fixed term; None means no prison)."""
    if a is None:
        return b
    if b is None or isinstance(a, str):
        return a
    if isinstance(b, str):
        return b
    return b if a < b else a


def term_key(term: Term | str | None) -> Decimal:
    """Ordering of prison terms for comparisons: no prison < any term < life."""
    if term is None:
        return Decimal(-1)
    if isinstance(term, str):
        return Decimal("Infinity")
    return _months_key(term.months, term.days)


@lru_cache(maxsize=4096)
def _months_key(months: int, days: int) -> Decimal:
    """A term in mean Gregorian months (few distinct terms recur endlessly in comparisons: computed once each)."""
    key = months * _MEAN_MONTH + days
    return (
        Decimal(key.numerator)
        / Decimal(key.denominator)
        / Decimal(_MEAN_MONTH.numerator)
        * Decimal(_MEAN_MONTH.denominator)
    )
