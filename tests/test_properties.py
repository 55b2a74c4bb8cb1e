"""Properties of the engine over generated incidents (Hypothesis): the figures move the way the law says they must.

Incidents are drawn from the shipped vocabulary (every fact true, false or left out; acts; parties of both kinds,
with or without a turnover), dated 2019-2026, placed where the shipped packs apply. Each property compares one
incident with a variant of it, per jurisdiction and party, and per finding where that is meaningful:

(a) the same incident always gives byte-identical JSON, memoised or not;
(b) the worst case is an upper bound: deciding an unknown fact (either way) never gives a maximum or a worst case
    above the undecided worst case, and setting it to the adverse value the findings name never lowers it;
(c) setting an aggravating fact (one named in an aggravation's ``when``) to true never lowers a finding's maximum;
(d) a larger turnover never lowers a fine;
(e) ``max`` never exceeds ``worst_case``, and no finding that applies exceeds its track's maximum;
(f) the worst case is consistent: stating the facts and readings it names as deciding it gives an incident whose
    maximum is that worst case (it describes a possible world, not the sum of incompatible branches).

Every comparison is per jurisdiction, party and track. A finding's figures are compared kind by kind; a track's
combined figures by severity, prison first and then the fine (the order in which "the heaviest penalty" is chosen:
a rule such as StGB § 52 may keep a longer term without a fine over a fine alone). Prison terms are ordered by
``exposure.model.durations.term_key``; fines by ``fine_key`` when they can be ordered at all (amounts in one
currency, the words, none) and skipped otherwise (different currencies, a missing quantity).
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from exposure import api
from exposure.model.durations import term_key as prison_key
from exposure.engine.fines import fine_key
from exposure.engine.fines import WORDS, PerUnit
from exposure.model.money import Money
from exposure.render.json_out import render

pytestmark = pytest.mark.slow  # property tests: hundreds of generated incidents each

RULES = api.load_rules()
VOCABULARY = RULES.vocabulary
INCIDENT_FACTS = sorted(VOCABULARY.facts("incident"))
PARTY_FACTS = sorted(VOCABULARY.facts("party"))
ACTS = sorted(VOCABULARY.acts)
PLACES = sorted({place for pack in RULES.packs.values() for place in pack.applies_in} | {"UK", "JP"})
ALL = list(RULES.packs)


def _polarities(node, negated: bool = False, out: dict | None = None) -> dict:
    """Each name of a condition tree with the polarities it occurs with (True: under an odd number of 'not')."""
    from exposure.model.conditions import Element, Name, Not

    out = {} if out is None else out
    if type(node) is Name:
        out.setdefault(node.name, set()).add(negated)
    elif type(node) is Element:
        _polarities(node.body, negated, out)
    elif type(node) is Not:
        _polarities(node.operand, not negated, out)
    else:
        for operand in node.operands:
            _polarities(operand, negated, out)
    return out


def _aggravating(packs) -> list[str]:
    """Facts that only ever make an aggravation more likely: named in some aggravation's condition, and never
    under a 'not' in any (e.g. Spain's art. 189 aggravation "minor_under_16 and not synthetic" makes `synthetic`
    a mitigating fact for it, so it is left out)."""
    positive, negative = set(), set()
    for pack in packs:
        for offence in pack.offences:
            for version in offence.versions:
                for agg in version.aggravations:
                    for name, signs in _polarities(agg.when.tree).items():
                        (negative if True in signs else positive).add(name)
    return sorted(name for name in positive - negative if name in VOCABULARY.facts())


# facts that only aggravate, by where an incident states them
AGGRAVATING = _aggravating(RULES.packs.values())

PROPERTY = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# ------------------------------------------------------------------------------------------------ strategies
def _facts(names):
    """Each fact true, false, or left out (unknown)."""
    return st.fixed_dictionaries({}, optional={name: st.booleans() for name in names})


turnovers = st.builds(
    lambda n, cur: f"{n} {cur}", st.integers(1, 10**13), st.sampled_from(["EUR", "EUR", "USD", "GBP", "AUD", "KRW", "INR"])
)


@st.composite
def parties(draw):
    count = draw(st.integers(1, 3))
    out = []
    for i in range(count):
        party = {
            "id": f"p{i}",
            "kind": draw(st.sampled_from(["person", "company"])),
            "role": draw(st.sampled_from(["user", "platform", "ai_provider"])),
            "acts": draw(st.lists(st.sampled_from(ACTS), unique=True, max_size=5)),
            "facts": draw(_facts(PARTY_FACTS)),
        }
        if draw(st.booleans()):
            party["turnover"] = draw(turnovers)
        out.append(party)
    return out


AGE_FACTS = [name for _, name in VOCABULARY.age_facts]


def consistent(facts: dict) -> dict:
    """Generated facts made consistent with the vocabulary's links (a contradiction is a located input error,
    not an incident): each age fact agrees with one age, and a true fact makes what it implies true."""
    out = dict(facts)
    for name, entry in VOCABULARY.entries.items():
        if out.get(name) is True:
            for implied in entry.implies:
                out[implied] = True
    return out


@st.composite
def incidents(draw):
    facts = consistent(draw(_facts([n for n in INCIDENT_FACTS if n not in AGE_FACTS])))
    age = draw(st.none() | st.integers(0, 40))
    if age is not None:  # some or all of the age facts that age decides, as older files state them
        for threshold, name in VOCABULARY.age_facts:
            if draw(st.booleans()):
                facts[name] = age < threshold
    return {
        "title": "generated",
        "date": draw(st.dates(date(2019, 1, 1), date(2026, 12, 31))).isoformat(),
        "places": draw(st.lists(st.sampled_from(PLACES), min_size=1, max_size=3, unique=True)),
        "facts": facts,
        "parties": draw(parties()),
    }


ENGINE = api.Engine(RULES)  # shared across examples: its memos are part of what the properties test


def assessed(data: dict, everywhere: bool = True, engine=None):
    """The assessment of ``data`` against every pack (or only those its places trigger). A variant that
    contradicts the vocabulary's links (deciding ``minor`` false when ``minor_under_16`` is true) is no incident:
    the example is dropped."""
    from exposure.model.problems import InputError

    try:
        incident = api.parse_incident_data(data, RULES, "generated")
    except InputError as exc:
        assume(not all(problem.code == "E206" for problem in exc.problems))
        raise
    return (engine or ENGINE).assess(incident, ALL if everywhere else None)


def by_party(assessment) -> dict:
    return {(r.jurisdiction, r.party): r for r in assessment.results}


def by_track(assessment) -> dict:
    """Each (jurisdiction, party, track) of an assessment with its track result."""
    return {(r.jurisdiction, r.party, t.track): t for r in assessment.results for t in r.tracks}


def ceiling(track):
    """What the worst case of ``track`` guarantees: the worst case found, or its limit when the search was bounded."""
    return track.worst_limit if track.worst_bounded and track.worst_limit is not None else track.worst


def with_fact(data: dict, where, name: str, value) -> dict:
    """A copy of ``data`` with fact ``name`` set to ``value`` (None: left out) at the incident ('incident') or
    at party number ``where``."""
    out = {**data, "facts": dict(data["facts"]), "parties": [{**p, "facts": dict(p["facts"])} for p in data["parties"]]}
    facts = out["facts"] if where == "incident" else out["parties"][where]["facts"]
    facts.pop(name, None)
    if value is not None:
        facts[name] = value
    return out


# ------------------------------------------------------------------------------------------------ ordering
def prison_le(a, b) -> bool:
    return prison_key(a) <= prison_key(b)


def fine_le(a, b):
    """a <= b for two fine values, or None when they cannot be ordered (different currencies, a compound or a
    missing quantity)."""
    if isinstance(a, PerUnit) and isinstance(b, PerUnit) and a.per == b.per:
        a, b = a.amount, b.amount

    def simple(v):
        return v is None or v in WORDS or isinstance(v, Money)

    if not (simple(a) and simple(b)):
        return None
    if isinstance(a, Money) and isinstance(b, Money) and a.currency != b.currency:
        return None
    return fine_key(a) <= fine_key(b)


def assert_not_above(low, high, what: str) -> None:
    """Maxima ``low`` never above ``high``: prison always, fine when comparable."""
    assert prison_le(low.prison, high.prison), f"{what}: prison {low.prison} above {high.prison}"
    assert fine_le(low.fine, high.fine) in (True, None), f"{what}: fine {low.fine} above {high.fine}"


def assert_not_more_severe(low, high, what: str) -> None:
    """Combined maxima ``low`` never more severe than ``high``: a longer term is more severe whatever the fine; at
    the same term, the fine decides (when comparable)."""
    a, b = prison_key(low.prison), prison_key(high.prison)
    assert a <= b, f"{what}: prison {low.prison} above {high.prison}"
    if a == b:
        assert fine_le(low.fine, high.fine) in (True, None), f"{what}: fine {low.fine} above {high.fine} at the same term"


# ------------------------------------------------------------------------------------------------ (a)
@PROPERTY
@given(incidents(), st.booleans())
def test_same_incident_gives_byte_identical_json(data, everywhere):
    first = render(assessed(data, everywhere))
    assert render(assessed(data, everywhere)) == first  # memoised
    assert render(assessed(data, everywhere, api.Engine(RULES))) == first  # computed afresh, by a new engine


# ------------------------------------------------------------------------------------------------ (b)
@st.composite
def unknown_fact(draw):
    """An incident and one fact it leaves unknown: (data, where, name)."""
    data = draw(incidents())
    where = draw(st.sampled_from(["incident", *range(len(data["parties"]))]))
    name = draw(st.sampled_from(INCIDENT_FACTS if where == "incident" else PARTY_FACTS))
    return with_fact(data, where, name, None), where, name


def _adverse_values(result, name: str) -> set:
    """The values that the findings of one party result name as adverse for ``name``."""
    out = set()
    for finding in result.findings:
        for values in (finding.unknown_facts, finding.aggravation_unknowns):
            if name in values:
                out.add(values[name])
    return out


@PROPERTY
@given(unknown_fact())
def test_deciding_an_unknown_fact_stays_within_the_worst_case(case):
    data, where, name = case
    unknown = by_track(assessed(data))
    compared = 0
    for value in (True, False):
        decided = by_track(assessed(with_fact(data, where, name, value)))
        assert decided.keys() <= unknown.keys(), "deciding a fact made a track appear"
        for key, track in decided.items():
            what = f"{key} {name}={value}"
            assert_not_more_severe(track.max, ceiling(unknown[key]), f"{what}: max above the undecided worst case")
            assert_not_more_severe(track.worst, ceiling(unknown[key]), f"{what}: worst case above the undecided one")
            compared += 1
    assert compared or not unknown, "nothing was compared"


@PROPERTY
@given(unknown_fact())
def test_setting_an_unknown_fact_to_its_adverse_value_never_lowers_the_worst_case(case):
    data, where, name = case
    assessment = assessed(data)
    unknown = by_track(assessment)
    parties = by_party(assessment)
    for key, track in unknown.items():
        if track.worst_bounded:
            continue
        values = _adverse_values(parties[key[:2]], name)
        if len(values) != 1:  # not named, or named with both values by different findings: no single adverse value
            continue
        (value,) = values
        adverse = by_track(assessed(with_fact(data, where, name, value))).get(key)
        assert adverse is not None, f"{key} {name}={value}: the track disappeared"
        assert_not_more_severe(track.worst, ceiling(adverse), f"{key} {name}={value}: worst case lowered")


# ------------------------------------------------------------------------------------------------ (c)
@PROPERTY
@given(incidents(), st.sampled_from(AGGRAVATING), st.data())
def test_an_aggravating_fact_never_lowers_a_finding_maximum(data, name, draw):
    where = "incident" if name in INCIDENT_FACTS else draw.draw(st.integers(0, len(data["parties"]) - 1))
    baseline = draw.draw(st.sampled_from([False, None]))
    before = by_party(assessed(with_fact(data, where, name, baseline)))
    after = by_party(assessed(with_fact(data, where, name, True)))
    for key, result in after.items():
        earlier = {f.offence_id: f for f in before[key].findings}
        for finding in result.findings:
            if finding.offence_id in earlier:
                assert_not_above(earlier[finding.offence_id].maxima, finding.maxima,
                                 f"{key} {finding.offence_id}: {name}=true lowered the maximum")


# ------------------------------------------------------------------------------------------------ (d)
@PROPERTY
@given(incidents(), st.integers(1, 10**12), st.integers(0, 10**12), st.sampled_from(["EUR", "USD", "GBP"]))
def test_a_larger_turnover_never_lowers_a_fine(data, low, extra, currency):
    companies = [i for i, p in enumerate(data["parties"]) if p["kind"] == "company"]
    assume(companies)

    def with_turnover(amount):
        parties = [dict(p) for p in data["parties"]]
        for i in companies:
            parties[i]["turnover"] = f"{amount} {currency}"
        return by_party(assessed({**data, "parties": parties}))

    small, large = with_turnover(low), with_turnover(low + extra)
    for key, result in large.items():
        tracks = {t.track: t for t in small[key].tracks}
        for track in result.tracks:
            assert_not_more_severe(tracks[track.track].max, track.max, f"{key} {track.track}: max")
        earlier = {f.offence_id: f for f in small[key].findings}
        assert set(earlier) == {f.offence_id for f in result.findings}
        for finding in result.findings:
            before = earlier[finding.offence_id]
            assert fine_le(before.maxima.fine, finding.maxima.fine) in (True, None), (key, finding.offence_id)
            assert fine_le(before.worst.fine, finding.worst.fine) in (True, None), (key, finding.offence_id)


# ------------------------------------------------------------------------------------------------ (e)
@PROPERTY
@given(incidents(), st.booleans())
def test_max_never_exceeds_worst_case(data, everywhere):
    for key, result in by_party(assessed(data, everywhere)).items():
        tracks = {t.track: t for t in result.tracks}
        for track in result.tracks:
            assert_not_more_severe(track.max, ceiling(track), f"{key} {track.track}: combined")
        for finding in result.findings:
            assert_not_above(finding.maxima, finding.worst, f"{key} {finding.offence_id}")
            track = tracks[finding.track]
            if finding.status == "applies" and finding.offence_id in track.counted:
                assert_not_more_severe(finding.maxima, track.max, f"{key} {finding.offence_id}: above its track's max")


# ------------------------------------------------------------------------------------------------ (f)
@PROPERTY
@given(incidents())
def test_the_worst_case_is_a_possible_world(data):
    for (jurisdiction, party, track_id), track in by_track(assessed(data)).items():
        if track.worst_bounded:
            continue
        world = {**data, "facts": dict(data["facts"]), "parties": [{**p, "facts": dict(p["facts"])} for p in data["parties"]]}
        index = next(i for i, p in enumerate(world["parties"]) if p["id"] == party)
        for name, value in track.worst_facts.items():
            if name in VOCABULARY.acts:
                acts = set(world["parties"][index]["acts"])
                world["parties"][index]["acts"] = sorted(acts | {name} if value else acts - {name})
            elif name in INCIDENT_FACTS:
                world["facts"][name] = value
            else:
                world["parties"][index]["facts"][name] = value
        if track.worst_readings:
            world["questions"] = {q: "yes" if v else "no" for q, v in track.worst_readings.items()}
        there = by_track(assessed(world)).get((jurisdiction, party, track_id))
        assert there is not None, f"{jurisdiction}/{party}/{track_id}: the worst world has no such track"
        assert prison_key(there.max.prison) == prison_key(track.worst.prison), (
            f"{jurisdiction}/{party}/{track_id}: the world {track.worst_facts} gives {there.max}, not the worst case {track.worst}")
        assert fine_le(there.max.fine, track.worst.fine) in (True, None) and fine_le(track.worst.fine, there.max.fine) in (True, None)


def test_the_generators_reach_every_pack_and_aggravating_fact():
    assert len(ALL) >= 10 and AGGRAVATING
    assert set(RULES.packs) - {"EU"} <= set(PLACES)


@pytest.mark.parametrize("value", [True, False])
def test_with_fact_leaves_the_original_alone(value):
    data = {"title": "t", "date": "2026-01-02", "places": ["FR"], "facts": {"online": True},
            "parties": [{"id": "a", "kind": "person", "role": "user", "acts": [], "facts": {}}]}
    changed = with_fact(data, 0, "knowledge", value)
    assert data["parties"][0]["facts"] == {} and changed["parties"][0]["facts"] == {"knowledge": value}
    assert with_fact(data, "incident", "online", None)["facts"] == {} and data["facts"] == {"online": True}
