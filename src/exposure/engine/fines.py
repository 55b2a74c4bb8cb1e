"""Fine values: what a fine formula comes to for one party on one day, and how such values combine.

A value is one of:

* :class:`~exposure.money.Money` — an exact amount;
* ``"unlimited"`` (no statutory cap) or ``"discretionary"`` (at the court's discretion): words, never numbers;
* :class:`Needs` — a formula that needs a quantity the incident lacks (``6% of turnover`` without turnover).
  It never falls back silently to another figure;
* :class:`Undecided` — the greatest, least or sum of values that cannot be reduced to one amount yet (different
  currencies, or parts that need a quantity). ``exposure compare`` reduces them with dated rates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import cast

from ..model import Extreme, FixedFine, Party, TurnoverShare, UnitFine, UnitValue, WordFine
from ..model.money import Money
from ..model.records import record

UNLIMITED = "unlimited"
DISCRETIONARY = "discretionary"
WORDS = (UNLIMITED, DISCRETIONARY)

# A fine value: Money | str (a word of WORDS) | Needs | PerUnit | Undecided | None. Spelt ``object`` because the
# values flow through the model untyped (``Maxima.fine``, ``KindCap.cap``) and every function here dispatches on
# the value's class at run time; the alias names the intent.
FineValue = object


@record
class Needs:
    """A fine formula that cannot be computed without a quantity the incident does not give (e.g. turnover)."""

    formula: str
    missing: tuple[str, ...]


@record
class PerUnit:
    """An amount per day or per violation (periodic penalties, per-violation civil penalties): never summed into
    a one-off fine, because the number of days or violations is not in the incident."""

    amount: FineValue
    per: str

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(getattr(self.amount, "missing", ()))


@record
class Undecided:
    """The greatest, least or sum of figures that cannot be ordered (different currencies, missing inputs)."""

    op: str  # "greatest" | "least" | "sum"
    parts: tuple[FineValue, ...]

    @property
    def missing(self) -> tuple[str, ...]:
        out: list[str] = []
        for part in self.parts:
            for name in getattr(part, "missing", ()):
                if name not in out:
                    out.append(name)
        return tuple(out)


def per_unit(value: FineValue, per: str | None) -> FineValue:
    """Wrap a value that is stated per day or per violation."""
    return PerUnit(value, per) if per and value is not None else value


def unit_value(values: tuple[UnitValue, ...], day: date) -> UnitValue | None:
    for value in values:
        if value.start <= day and (value.end is None or day < value.end):
            return value
    return None


def resolve(formula: object, party: Party, day: date, units: Mapping[str, tuple[UnitValue, ...]]) -> FineValue:
    """The value of a fine formula for ``party`` on ``day``."""
    if isinstance(formula, FixedFine):
        return formula.amount
    if isinstance(formula, WordFine):
        return formula.word
    if isinstance(formula, TurnoverShare):
        if party.turnover is None:
            return Needs(formula.text(), ("turnover",))
        return party.turnover.times(formula.percent / Decimal(100))
    if isinstance(formula, UnitFine):
        dated = unit_value(units.get(formula.unit, ()), day)
        if dated is None:
            return Needs(f"{formula.count} {formula.unit}", (f"value of a {formula.unit} on {day}",))
        return dated.value.times(formula.count)
    if isinstance(formula, Extreme):
        parts = [resolve(part, party, day, units) for part in formula.parts]
        if party.turnover_as:
            parts = _in_stated_currency(formula, parts, party)
        return greatest(parts) if formula.op == "greatest" else least(parts)
    raise TypeError(f"unknown fine formula {formula!r}")


def _in_stated_currency(formula: Extreme, parts: list[FineValue], party: Party) -> list[FineValue]:
    """The parts of "the greater of EUR 20 000 000 and 4 % of turnover" with the share taken of the turnover
    in the stated amount's currency (converted by the engine), so that the law's comparison can be made."""
    stated = {p.currency for p, f in zip(parts, formula.parts, strict=True) if isinstance(p, Money) and not _share(f)}
    if len(stated) != 1:
        return parts
    (currency,) = stated
    turnover = party.turnover_in(currency)
    if turnover is None:
        return parts
    out = []
    for value, part in zip(parts, formula.parts, strict=True):
        if isinstance(part, TurnoverShare) and isinstance(value, Money) and value.currency != currency:
            value = turnover.times(part.percent / Decimal(100))
        out.append(value)
    return out


def _share(formula: object) -> bool:
    return isinstance(formula, TurnoverShare)


def _flatten(values: Iterable[FineValue], op: str) -> list[FineValue]:
    out: list[FineValue] = []
    for value in values:
        if isinstance(value, Undecided) and value.op == op:
            out.extend(value.parts)
        elif value is not None:
            out.append(value)
    return out


def _extreme(values: Iterable[FineValue], op: str, better: Callable[[Money, Money], bool]) -> FineValue:
    """Reduce amounts per currency with ``better(new, old)``; other values stay side by side (Undecided)."""
    best: dict[str, Money] = {}
    rates: dict[tuple[str, str], PerUnit] = {}  # amounts per day or per violation compare like amounts, per unit
    rest: list[FineValue] = []
    for value in values:
        if isinstance(value, Money):
            if value.currency not in best or better(value, best[value.currency]):
                best[value.currency] = value
        elif isinstance(value, PerUnit) and isinstance(value.amount, Money):
            key = (value.amount.currency, value.per)
            if key not in rates or better(value.amount, cast(Money, rates[key].amount)):
                rates[key] = value
        elif value not in rest:
            rest.append(value)
    parts = list(best.values()) + list(rates.values()) + rest
    return parts[0] if len(parts) == 1 else Undecided(op, tuple(parts))


def _first_word(values: Sequence[FineValue]) -> str | None:
    """``unlimited`` if any value is, else ``discretionary`` if any value is, else None (a word is a str)."""
    found = None
    for value in values:
        if type(value) is str:  # the only words: unlimited, discretionary
            if value == UNLIMITED:
                return UNLIMITED
            found = value
    return found


def greatest(values: Iterable[FineValue]) -> FineValue:
    """The greatest of several values: a word beats any amount; amounts compare within one currency."""
    values = _flatten(values, "greatest")
    if not values:
        return None
    return _first_word(values) or _extreme(values, "greatest", lambda new, old: old < new)


def least(values: Iterable[FineValue]) -> FineValue:
    """The least of several values (e.g. the AI Act's rule for SMEs): an unlimited part never wins."""
    values = [v for v in _flatten(values, "least") if v not in WORDS]
    if not values:
        return UNLIMITED
    return _extreme(values, "least", lambda new, old: new < old)


def total(values: Iterable[FineValue]) -> FineValue:
    """The sum of several values (consecutive fines): any word makes the sum that word."""
    values = _flatten(values, "sum")
    if not values:
        return None
    word = _first_word(values)
    if word is not None:
        return word
    sums: dict[str, Money] = {}
    rest: list[FineValue] = []
    for value in values:
        if isinstance(value, Money):
            sums[value.currency] = sums[value.currency] + value if value.currency in sums else value
        else:
            rest.append(value)
    parts = list(sums.values()) + rest
    return parts[0] if len(parts) == 1 else Undecided("sum", tuple(parts))


def scale(value: FineValue, factor: Decimal) -> FineValue:
    """``factor`` times a value (the corporate multiplier): words stay words."""
    if value is None or value in WORDS:
        return value
    if isinstance(value, Money):
        return value.times(factor)
    if isinstance(value, Needs):
        from ..model.money import decimal_text

        return Needs(f"{decimal_text(factor)} × ({value.formula})", value.missing)
    if isinstance(value, PerUnit):
        return PerUnit(scale(value.amount, factor), value.per)
    value = cast(Undecided, value)  # the only kind of value left
    return Undecided(value.op, tuple(scale(part, factor) for part in value.parts))


def display(value: FineValue) -> str:
    """Human text for a fine value: ``EUR 75,000``, ``unlimited``, ``greater of …``."""
    if value is None:
        return "—"
    if isinstance(value, str):
        return "at the court's discretion" if value == DISCRETIONARY else value
    if isinstance(value, Money):
        return value.display()
    if isinstance(value, Needs):
        return f"{value.formula} (needs {', '.join(value.missing)})"
    if isinstance(value, PerUnit):
        return f"{display(value.amount)} per {value.per}"
    value = cast(Undecided, value)  # the only kind of value left
    joiner = {"greatest": "greater of ", "least": "lesser of ", "sum": "sum of "}[value.op]
    return joiner + " and ".join(display(p) for p in value.parts)


def to_json(value: FineValue) -> object:
    """JSON for a fine value: ``{"amount": "75000", "currency": "EUR"}``, a word, or a structured form."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, Money):
        return {"amount": value.plain(), "currency": value.currency}
    if isinstance(value, Needs):
        return {"formula": value.formula, "missing": list(value.missing)}
    if isinstance(value, PerUnit):
        inner = to_json(value.amount)
        return {**inner, "per": value.per} if isinstance(inner, dict) else {"amount": inner, "per": value.per}
    value = cast(Undecided, value)  # the only kind of value left
    return {
        value.op + ("_of" if value.op != "sum" else ""): [to_json(p) for p in value.parts],
        "missing": list(value.missing),
    }


def fine_key(value: FineValue) -> Decimal:
    """Ordering of fine values for comparisons within one currency: words rank highest, unknown lowest."""
    if value in WORDS:
        return Decimal("Infinity")
    if isinstance(value, Money):
        return value.amount
    if isinstance(value, PerUnit) and isinstance(value.amount, Money):
        return value.amount.amount
    return Decimal(-1)
