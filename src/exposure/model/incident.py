"""What happened, as an incident file states it: the date, the places, the facts known and the parties."""

from __future__ import annotations

import datetime

from .money import Money
from .records import record

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
