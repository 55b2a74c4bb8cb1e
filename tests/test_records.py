"""Immutable records (exposure.model.records): they behave as the frozen dataclasses they replace."""

from __future__ import annotations

import pickle
from decimal import Decimal

import pytest

from exposure.model.durations import Term
from exposure.model import Title, Vocabulary, VocabularyEntry
from exposure.model.money import Money
from exposure.model.records import FrozenInstanceError, factory, is_record, record, replace


@record
class Point:
    x: int
    y: int = 0
    tags: list = factory(default_factory=list)


@record(eq=False)
class Node:
    name: str


def test_construction_defaults_and_fresh_factory_values():
    assert (Point(1).x, Point(1).y, Point(1, 2).y, Point(x=3, y=4).y) == (1, 0, 2, 4)
    a, b = Point(1), Point(1)
    a.tags.append("t")
    assert b.tags == []
    with pytest.raises(TypeError):
        Point()  # x is required
    with pytest.raises(TypeError):
        Point(1, 2, [], 4)


def test_fields_cannot_be_assigned_or_deleted():
    p = Point(1)
    with pytest.raises(FrozenInstanceError):
        p.x = 2
    with pytest.raises(FrozenInstanceError):
        del p.x
    with pytest.raises(FrozenInstanceError):
        Money(Decimal(1), "EUR").amount = Decimal(2)


def test_value_equality_and_hash_or_identity():
    assert Point(1, 2) == Point(1, 2) and hash(Point(1, 2, ())) == hash(Point(1, 2, ()))
    assert Point(1, 2) != Point(2, 1)
    assert Money(Decimal("1.0"), "EUR") == Money(Decimal("1"), "EUR")
    assert Money(Decimal(1), "EUR") != Money(Decimal(1), "USD")
    assert Term(12) == Term(12) and {Term(12): 1}[Term(12)] == 1
    assert Node("a") != Node("a")  # eq=False: identity
    assert Point(1) != (1, 0, [])  # never equal to another type


def test_replace_and_post_init():
    p = replace(Point(1, 2), y=5)
    assert (p.x, p.y) == (1, 5)
    with pytest.raises(TypeError):
        replace(p, z=1)
    with pytest.raises(TypeError):
        Money(1.5, "EUR")  # __post_init__ still runs: money is never a float
    vocabulary = Vocabulary({"share": VocabularyEntry("share", "act", "party", "boolean", "shares it")})
    assert list(vocabulary.acts) == ["share"]  # derived in __post_init__


def test_records_pickle_and_say_what_they_are():
    title = Title("Titre", "Title")
    again = pickle.loads(pickle.dumps(title))
    assert (again.local, again.en) == ("Titre", "Title")
    assert pickle.loads(pickle.dumps(Money(Decimal("2.50"), "EUR"))) == Money(Decimal("2.50"), "EUR")
    assert is_record(Title) and not is_record(title) and not is_record(dict)
    assert repr(Point(1, 2)) == "Point(x=1, y=2, tags=[])"
