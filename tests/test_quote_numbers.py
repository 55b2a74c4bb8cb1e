from decimal import Decimal

import pytest

from exposure.check.quote_numbers import states


@pytest.mark.parametrize(
    "quote, value",
    [
        ("Est puni de deux ans d'emprisonnement et de 60 000 euros d'amende", 2),
        ("Est puni de deux ans d'emprisonnement et de 60 000 euros d'amende", 60000),
        ("60\u202f000 €", 60000),
        ("égal au quintuple de celui prévu pour les personnes physiques", 5),
        ("the greater of £18 million and 10% of qualifying worldwide revenue", 18_000_000),
        ("the greater of £18 million and 10% of qualifying worldwide revenue", 10),
        ("Freiheitsstrafe von sechs Monaten bis zu zehn Jahren", 10),
        ("höchstens dreihundertsechzig volle Tagessätze", 360),
        ("höchstens dreißigtausend Euro", 30000),
        ("multa da euro 5.000 a euro 15.000", 15000),
        ("multa da euro cinquemila a euro quindicimila", 15000),
        ("fine which may extend to two lakh rupees", 200000),
        ("denda paling banyak Rp1.000.000.000,00 (satu miliar rupiah)", 1_000_000_000),
        ("pidana penjara paling lama 6 (enam) tahun", 6),
        ("7년 이하의 징역 또는 5천만원 이하의 벌금", 50_000_000),
        ("7년 이하의 징역 또는 5천만원 이하의 벌금", 7),
        ("a fine not exceeding $250,000", 250000),
    ],
)
def test_quote_states_the_figure(quote, value):
    assert states(quote, Decimal(value))


@pytest.mark.parametrize(
    "quote, value",
    [
        ("twenty thousand dollars", 10000),  # the Catala LFO mismatch
        ("Est puni de deux ans d'emprisonnement et de 60 000 euros d'amende", 6000),
        ("Est puni de deux ans d'emprisonnement", 3),
        ("7년 이하의 징역 또는 5천만원 이하의 벌금", 5_000_000),
    ],
)
def test_quote_that_does_not_state_the_figure(quote, value):
    assert not states(quote, Decimal(value))


@pytest.mark.parametrize("quote, value", [("five hundred thousand ringgit", 500000), ("aumentata dalla metà ai due terzi", 3),
                                          ("vingt mille euros", 20000)])
def test_compound_number_words(quote, value):
    assert states(quote, Decimal(value))


@pytest.mark.parametrize("quote", ["los delitos de injurias y calumnias, que prescriben al año", "within a year of the offence"])
def test_a_unit_named_once_states_one(quote):
    assert states(quote, Decimal(1)) and not states(quote, Decimal(2))
