from datetime import date
from decimal import Decimal

import pytest

from exposure.model.durations import LIFE, Term, longer, parse_term
from exposure.engine.fines import Needs, Undecided, display, greatest, least, resolve, scale, to_json, total
from exposure.model import Extreme, FixedFine, Party, TurnoverShare
from exposure.model.money import CurrencyMismatch, Money, parse_money
from exposure.load.packs import parse_fine_formula


def eur(n):
    return Money(Decimal(n), "EUR")


@pytest.mark.parametrize(
    "text, iso",
    [("2 years", "P2Y"), ("18 months", "P1Y6M"), ("1 year 6 months", "P1Y6M"), ("30 days", "P30D"), ("1 month", "P1M")],
)
def test_terms_normalise_to_years_and_months(text, iso):
    assert parse_term(text).iso() == iso


def test_life_is_a_word_and_beats_any_term():
    assert parse_term("life") == LIFE
    assert longer(Term(12 * 30), LIFE) == LIFE
    assert longer(None, Term(6)) == Term(6)


@pytest.mark.parametrize("bad", ["2", "two years", "2 yrs", "2 years 3 years", "", "-1 year"])
def test_bad_terms_are_refused(bad):
    with pytest.raises(ValueError):
        parse_term(bad)


def test_money_is_exact_decimal_with_currency():
    assert parse_money("2_600_000_000 USD") == Money(Decimal("2600000000"), "USD")
    assert parse_money("75000 EUR").plain() == "75000"
    assert (parse_money("300000000 EUR").times(Decimal("0.07"))).plain() == "21000000"
    assert eur(75000).display() == "EUR 75,000"


@pytest.mark.parametrize("bad, hint", [("75 000 EUR", "without spaces or commas"), ("75,000 EUR", "without spaces or commas"),
                                       ("75000 XYZ", "not an ISO 4217"), ("75000 eur", "not an ISO 4217"), ("€75000", "expected a number")])
def test_bad_amounts_say_why(bad, hint):
    with pytest.raises(ValueError, match=hint):
        parse_money(bad)


def test_currencies_never_mix_silently():
    with pytest.raises(CurrencyMismatch):
        eur(1) + Money(Decimal(1), "GBP")
    mixed = greatest([eur(20_000_000), Money(Decimal(104_000_000), "USD")])
    assert isinstance(mixed, Undecided) and mixed.op == "greatest"
    assert display(mixed) == "greater of EUR 20,000,000 and USD 104,000,000"


def test_greatest_least_total_and_words():
    assert greatest([eur(60000), eur(75000), None]) == eur(75000)
    assert greatest([eur(60000), "unlimited"]) == "unlimited"
    assert least([eur(35_000_000), eur(21_000_000)]) == eur(21_000_000)
    assert least(["unlimited", eur(5)]) == eur(5)
    assert total([eur(1), eur(2)]) == eur(3)
    assert total([eur(1), "unlimited"]) == "unlimited"
    assert scale(eur(75000), Decimal(5)) == eur(375000)
    assert scale("unlimited", Decimal(5)) == "unlimited"


def party(turnover=None):
    return Party("p", "company", "platform", frozenset(), {}, turnover)


def test_turnover_share_needs_turnover_and_never_falls_back():
    formula = Extreme("greatest", (FixedFine(eur(20_000_000)), TurnoverShare(Decimal(4))))
    without = resolve(formula, party(), date(2026, 1, 1), {})
    assert isinstance(without, Undecided)
    assert without.missing == ("turnover",)
    assert to_json(without) == {"greatest_of": [{"amount": "20000000", "currency": "EUR"},
                                                {"formula": "4% of turnover", "missing": ["turnover"]}], "missing": ["turnover"]}
    with_turnover = resolve(formula, party(eur(1_000_000_000)), date(2026, 1, 1), {})
    assert with_turnover == eur(40_000_000)
    assert resolve(TurnoverShare(Decimal(6)), party(), date(2026, 1, 1), {}) == Needs("6% of turnover", ("turnover",))


@pytest.mark.parametrize(
    "text, expected",
    [("unlimited", "unlimited"), ("6% of turnover", TurnoverShare(Decimal(6))), ("60000 EUR", FixedFine(eur(60000)))],
)
def test_fine_formulas(text, expected):
    parsed = parse_fine_formula(text)
    assert getattr(parsed, "word", parsed) == expected


def test_unit_fines_need_a_declared_unit():
    with pytest.raises(ValueError, match="not a unit declared"):
        parse_fine_formula("500 penalty_units")
