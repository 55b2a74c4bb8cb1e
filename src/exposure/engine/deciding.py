"""Deciding facts: which unknown facts (and open questions of law) change a party's maximum or worst case somewhere,
what each value would give, and which matter most.

A fact is a candidate for a party when it is unknown for that party (after the vocabulary's links have filled in
what the stated facts imply) and some selected pack reads it, or reads a fact it is linked to (under 12 is under
16). Each candidate is set to true, then to false, and the incident assessed again with the same engine (whose memos
make the variants cheap); the fact decides something when a value changes one of the party's tracks, in any
jurisdiction: its maximum, its worst case, or whether the track exists at all. A fact that no selected pack reads,
directly or through a link, can change nothing, so it is never tried.

Facts are ordered by how much they move the party's consistent worst case (the largest change of a prison term,
then the number of tracks that change), most decisive first. The search is bounded: at most
:data:`MAX_CANDIDATES` candidates per party are tried, and the result says when the bound cut it short.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from ..model import Incident, Party
from ..model.durations import LIFE, Term
from ..model.incident import with_fact
from ..model.records import record, replace
from .evaluate import question_values
from .results import Assessment, Maxima

MAX_CANDIDATES = 48  # facts tried per party (two assessments each)


@record
class TrackChange:
    """One track of the party that a value of the fact changes: what it would then be (None: the track is gone)."""

    jurisdiction: str
    track: str
    max: Maxima | None
    worst: Maxima | None


@record
class DecidingFact:
    """An unknown fact (or question of law) that changes the party's exposure, with what each value gives."""

    name: str
    about: str  # incident | party | question
    meaning: str
    if_true: tuple[TrackChange, ...]
    if_false: tuple[TrackChange, ...]
    weight: tuple[int, int]  # (largest change of a worst-case prison term in months, tracks changed): the order


@record
class Deciding:
    """A party's deciding facts, most decisive first; ``bounded``: more candidates than were tried."""

    party: str
    facts: tuple[DecidingFact, ...]
    candidates: int
    bounded: bool


def deciding_facts(
    engine: Any,
    incident: Incident,
    jurisdictions: Iterable[str] | None = None,
    as_of: date | None = None,
    *,
    limit: int = MAX_CANDIDATES,
    skip: Iterable[str] = (),
) -> tuple[Deciding, ...]:
    """For each party of ``incident``, the unknown facts that change its maximum or worst case in some selected
    jurisdiction (``skip``: names not to try, e.g. those a user answered "don't know")."""
    codes = tuple(jurisdictions) if jurisdictions else None
    base = engine.assess(incident, codes, as_of)
    vocabulary = engine.rules.vocabulary
    read = _names_read(base, vocabulary)
    readings = question_values(base.packs, incident, base.as_of or date.today())
    open_questions = sorted(q for q, value in readings.items() if value is None)
    skipped = set(skip)
    out = []
    for party in incident.parties:
        before = _tracks(base, party.id)
        names = [n for n in _unknown(incident, party, engine, open_questions) if n in read and n not in skipped]
        tried, bounded = names[:limit], len(names) > limit
        found: list[DecidingFact] = []
        for name in tried:
            changes: dict[bool, tuple[TrackChange, ...]] = {}
            for value in (True, False):
                variant = _with(incident, party.id, name, value, engine)
                if variant is None:  # the value contradicts what the incident states: no such world
                    changes[value] = ()
                    continue
                changes[value] = _changed(before, _tracks(engine.assess(variant, codes, as_of), party.id))
            if changes[True] or changes[False]:
                found.append(
                    DecidingFact(
                        name,
                        _about(name, engine),
                        _meaning(name, engine),
                        changes[True],
                        changes[False],
                        _weight(before, changes[True] + changes[False]),
                    )
                )
        found.sort(key=lambda f: (-f.weight[0], -f.weight[1], f.name))
        out.append(Deciding(party.id, tuple(found), len(names), bounded))
    return tuple(out)


def _names_read(assessment: Assessment, vocabulary: Any) -> set[str]:
    """The names the selected packs read, with the facts linked to them (a younger age, an implied fact)."""
    read: set[str] = set()
    for pack in assessment.packs:
        read |= pack.names_read
    for premise, consequence, _ in vocabulary.links:
        if consequence in read:
            read.add(premise)
        if premise in read:
            read.add(consequence)
    return read


def _unknown(incident: Incident, party: Party, engine: Any, open_questions: list[str]) -> list[str]:
    """The facts and open questions that are unknown for ``party`` once the links have filled in what the stated
    facts imply, in a stable order: incident facts, party facts, then questions."""
    vocabulary = engine.rules.vocabulary
    stated: dict[str, bool | None] = {**incident.facts, **party.facts}
    completed, _ = vocabulary.completed(stated)
    facts = [n for n in vocabulary.facts("incident") if completed.get(n) is None]
    facts += [n for n in vocabulary.facts("party") if completed.get(n) is None]
    return facts + open_questions


def _with(incident: Incident, party_id: str, name: str, value: bool, engine: Any) -> Incident | None:
    """``incident`` with ``name`` set to ``value`` (a question: settled that way); None if that contradicts a
    stated fact through the vocabulary's links."""
    vocabulary = engine.rules.vocabulary
    if name in engine.rules.questions:
        return replace(incident, assume={**incident.assume, name: value})
    about_party = vocabulary.entries[name].about == "party"
    variant, clash = with_fact(incident, vocabulary, name, value, party_id if about_party else None)
    return None if clash is not None else variant


def _tracks(assessment: Assessment, party_id: str) -> dict[tuple[str, str], tuple[Maxima, Maxima]]:
    return {
        (r.jurisdiction, t.track): (t.max, t.worst) for r in assessment.results if r.party == party_id for t in r.tracks
    }


def _changed(
    before: dict[tuple[str, str], tuple[Maxima, Maxima]], after: dict[tuple[str, str], tuple[Maxima, Maxima]]
) -> tuple[TrackChange, ...]:
    out = []
    for key in sorted(set(before) | set(after)):
        was, now = before.get(key), after.get(key)
        if was != now:
            out.append(TrackChange(key[0], key[1], now[0] if now else None, now[1] if now else None))
    return tuple(out)


def _months(prison: object) -> int:
    if prison == LIFE:
        return 1200
    return prison.months if isinstance(prison, Term) else 0


def _weight(before: dict[tuple[str, str], tuple[Maxima, Maxima]], changes: tuple[TrackChange, ...]) -> tuple[int, int]:
    """How much the changes move the worst case: the largest change of a prison term in months, and how many
    tracks change."""
    largest = 0
    for change in changes:
        was = before.get((change.jurisdiction, change.track))
        old = _months(was[1].prison) if was else 0
        new = _months(change.worst.prison) if change.worst else 0
        largest = max(largest, abs(new - old))
    return largest, len({(c.jurisdiction, c.track) for c in changes})


def _about(name: str, engine: Any) -> str:
    if name in engine.rules.questions:
        return "question"
    return str(engine.rules.vocabulary.entries[name].about)


def _meaning(name: str, engine: Any) -> str:
    if name in engine.rules.questions:
        for pack in engine.rules.packs.values():
            if name in pack.questions:
                return str(pack.questions[name].question)
        return ""
    return str(engine.rules.vocabulary.entries[name].meaning)
