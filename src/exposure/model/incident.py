"""What happened, as an incident file states it: the date, the places, the facts known and the parties."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from .money import Money
from .records import factory, record, replace

if TYPE_CHECKING:
    from .vocabulary import Vocabulary

PARTY_KINDS = ("person", "company")
PARTY_ROLES = ("user", "platform", "ai_provider")


@record(eq=False)
class Party:
    """A party to an incident: a person or a company, its role, what it did and what is known of it."""

    id: str
    kind: str
    role: str
    acts: frozenset[str]
    facts: dict[str, bool]
    turnover: Money | None
    name: str = ""
    # The turnover converted into other currencies at dated reference rates: set by the engine, for a pack whose
    # cap compares a share of turnover with an amount in the pack's currency ("the greater of GBP 18 million and
    # 10% of qualifying worldwide revenue"), so that the two can be compared. Never read from an incident.
    turnover_as: tuple[Money, ...] = ()

    def turnover_in(self, currency: str) -> Money | None:
        """The turnover in ``currency``: as stated, or as converted by the engine; None if neither."""
        if self.turnover is not None and self.turnover.currency == currency:
            return self.turnover
        return next((m for m in self.turnover_as if m.currency == currency), None)


@record
class Counts:
    """How much happened, when the incident says: images and victims (each may be a separate offence, by the
    offence's unit), days and violations (what per-day and per-violation penalties are multiplied by). An
    incident that says nothing is one image of one victim, and per-unit penalties stay per unit."""

    images: int = 1
    victims: int = 1
    days: int | None = None
    violations: int | None = None

    def of(self, unit: str) -> int:
        """How many counts of an offence whose unit is ``unit`` (incident, image or victim)."""
        return self.images if unit == "image" else self.victims if unit == "victim" else 1


ONE = Counts()


@record(eq=False)
class Incident:
    """What happened: when, where, the facts known (true, false or absent) and the parties."""

    title: str
    date: datetime.date
    places: tuple[str, ...]
    facts: dict[str, bool]
    parties: tuple[Party, ...]
    file: str = "<incident>"
    victim_born: datetime.date | None = None  # for limitation periods that run from a minor victim's majority
    counts: Counts = ONE
    assume: dict[str, bool] = factory(default_factory=dict)  # questions of law the user settles (id -> reading)
    assume_defaults: bool = False  # every other question takes its pack's default reading
    notes: tuple[str, ...] = ()  # what the reader wants the user to know (e.g. a deprecated way of stating a fact)


Clash = tuple[str, str, str]  # (premise, consequence, why): a link of the vocabulary that a set of facts breaks


def with_fact(
    incident: Incident, vocabulary: Vocabulary, name: str, value: bool | None, party_id: str | None = None
) -> tuple[Incident, Clash | None]:
    """``incident`` with the fact ``name`` set to ``value`` (None: unknown), for the incident or for the party
    ``party_id``, and the first link of the vocabulary the facts then break (under 14 but not a minor), if any.
    A party's facts are checked together with the incident's, as the engine reads them."""

    def changed(facts: dict[str, bool]) -> dict[str, bool]:
        out = dict(facts)
        if value is None:
            out.pop(name, None)
        else:
            out[name] = value
        return out

    if party_id is None:
        facts = changed(incident.facts)
        return replace(incident, facts=facts), _first_clash(vocabulary, facts)
    parties, clash = [], None
    for party in incident.parties:
        if party.id == party_id:
            party = replace(party, facts=changed(party.facts))
            clash = _first_clash(vocabulary, {**incident.facts, **party.facts})
        parties.append(party)
    return replace(incident, parties=tuple(parties)), clash


def _first_clash(vocabulary: Vocabulary, facts: dict[str, bool]) -> Clash | None:
    stated: dict[str, bool | None] = dict(facts)
    _, clashes = vocabulary.completed(stated)
    return clashes[0] if clashes else None
