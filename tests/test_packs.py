"""The pack loader: a valid minimal pack, and located one-line messages for broken ones."""

from datetime import date
from decimal import Decimal

import pytest

from exposure.api import load_rules
from exposure.model.durations import Term
from exposure.model.money import Money
from exposure.load.packs import read_pack
from exposure.model.problems import InputError
from exposure.load.yaml_source import load

from .conftest import position

MINIMAL = """\
schema: 2
pack: LU
name: {local: Exempleland (fictitious figures), en: Exampleland}
language: fr
currency: EUR
sources:
  cp-1: {cite: "Code, art. 1", url: "https://example.org/1", checked: 2026-11-21, grade: official}
units:
  penalty_unit:
    - {from: 2020-01-01, to: 2024-07-01, value: 100 EUR, quote: "cent euros", source: cp-1}
    - {from: 2024-07-01, value: 110 EUR, quote: "cent dix euros", source: cp-1}
tracks:
  criminal:
    kind: criminal
    enforcer: {local: Tribunal, en: Court}
    one_act: {rule: sum, prison: {cap: 20 years}, quote: "vingt ans", source: cp-1}
    several_acts: {rule: sum, prison: {cap: 20 years}, quote: "vingt ans", source: cp-1}
offences:
  - id: zz-1
    title: {local: Diffusion, en: Sharing}
    applies_to: {kinds: [person]}
    elements:
      fake: sexual and synthetic
    when: fake and not consent and share
    versions:
      - in_force: {from: 2024-01-01}
        prison: {max: 2 years, min: 6 months, quote: "deux ans", source: cp-1}
        fine: {max: 500 penalty_unit, quote: "500 unités", source: cp-1}
"""


@pytest.fixture(scope="module")
def vocabulary():
    return load_rules().vocabulary


def read(text, vocabulary):
    return read_pack(load(text, "zz.yaml"), vocabulary, "0" * 64)


def problems(text, vocabulary):
    with pytest.raises(InputError) as info:
        read(text, vocabulary)
    return [str(p) for p in info.value.problems]


def test_minimal_pack_loads_into_the_model(vocabulary):
    pack = read(MINIMAL, vocabulary)
    offence = pack.offences[0]
    version = offence.version_on(date(2026, 1, 1))
    assert version.penalty.prison.max == Term(24) and version.penalty.prison.min == Term(6)
    assert offence.version_on(date(2023, 12, 31)) is None
    assert pack.tracks["criminal"].several_acts.prison.cap == Term(240)
    assert [v.value for v in pack.units["penalty_unit"]] == [Money(Decimal(100), "EUR"), Money(Decimal(110), "EUR")]
    assert offence.when.value({"sexual": True, "synthetic": True, "consent": False, "share": True}) is True


def broken(old, new):
    assert old in MINIMAL
    return MINIMAL.replace(old, new, 1)


@pytest.mark.parametrize(
    "old, new, token, message",
    [
        ("not consent and share", "not consnet and share", "consnet",
         "offences[0].when: unknown name 'consnet' in condition (did you mean 'consent'?)"),
        ("not consent and share", "not consent or share", "or share", "offences[0].when: 'and' and 'or' are mixed without parentheses"),
        ("source: cp-1}\n        fine", "source: cp-2}\n        fine", "cp-2",
         "offences[0].versions[0].prison.source: 'cp-2' is not in the pack's sources (did you mean 'cp-1'?)"),
        ("min: 6 months", "min: 3 years", "3 years", "offences[0].versions[0].prison: the minimum (3 years) exceeds the maximum (2 years)"),
        ("max: 2 years,", "max: 2,", "2,", "offences[0].versions[0].prison.max: '2' needs a unit"),
        ("grade: official", "grade: blog", "blog", "sources.cp-1.grade: expected one of official, mirror, secondary"),
        ("checked: 2026-11-21", "checked: 2026-13-01", "2026-13-01", "sources.cp-1.checked: '2026-13-01' is not a real date"),
        ("kinds: [person]", "kinds: [persn]", "persn", "offences[0].applies_to.kinds[0]: expected one of person, company"),
        ("    elements:", "    elemnts:", "elemnts", "offences[0]: unknown key 'elemnts' (did you mean 'elements'?)"),
        ("max: 500 penalty_unit", "max: 75 000 EUR", "75 000",
         "offences[0].versions[0].fine.max: '75 000 EUR' is not an amount: write digits without spaces or commas"),
        ('url: "https://example.org/1"', 'url: "example.org/1"', '"example', "sources.cp-1.url: 'example.org/1' is not an http(s) URL"),
        ("currency: EUR", "currency: EUROS", "EUROS", "currency: expected one of"),
        ("rule: sum", "rule: add", "add", "tracks.criminal.one_act.rule: expected one of highest, heaviest, raised, sum"),
        ("kind: criminal", "kind: penal", "penal", "tracks.criminal.kind: expected one of criminal, administrative, civil"),
        ("{from: 2024-07-01, value", "{from: 2024-07-01, valeur", "valeur", "units.penalty_unit[1]: unknown key 'valeur' (did you mean 'value'?)"),
    ],
)
def test_broken_pack_gets_a_located_message(vocabulary, old, new, token, message):
    text = broken(old, new)
    expected = f"zz.yaml:{position(text, new.splitlines()[0], token)}: {message}"
    found = problems(text, vocabulary)
    assert any(p.startswith(expected) for p in found), (expected, found)


def test_overlapping_versions_are_refused(vocabulary):
    text = broken(
        "      - in_force: {from: 2024-01-01}\n",
        "      - in_force: {from: 2022-01-01}\n        fine: {max: 1 EUR, quote: q, source: cp-1}\n"
        "      - in_force: {from: 2024-01-01}\n",
    )
    assert any("overlaps the one from 2022-01-01 (give the earlier one a 'to' date)" in p for p in problems(text, vocabulary))


def test_all_problems_are_reported_in_one_run(vocabulary):
    text = broken("grade: official", "grade: blog").replace("kinds: [person]", "kinds: [persn]")
    assert len(problems(text, vocabulary)) == 2


def test_unit_fine_uses_the_unit_value_in_force_on_the_incident_date(vocabulary):
    from exposure.engine.fines import resolve
    from exposure.model import Party

    pack = read(MINIMAL, vocabulary)
    fine = pack.offences[0].versions[0].penalty.fine.max
    person = Party("p", "person", "user", frozenset(), {}, None)
    assert resolve(fine, person, date(2024, 6, 30), pack.units) == Money(Decimal(50000), "EUR")
    assert resolve(fine, person, date(2024, 7, 1), pack.units) == Money(Decimal(55000), "EUR")


FEATURES = MINIMAL.replace(
    "prison: {cap: 20 years}",
    "prison: {times_highest: 3/2, cap: 20 years}",
).replace(
    "        fine: {max: 500 penalty_unit, quote: \"500 unités\", source: cp-1}\n",
    "        fine: {max: 15000 EUR, quote: \"15 000 euros\", source: cp-1}\n"
    "        aggravations:\n"
    "          - id: partner\n"
    "            title: {local: Par le conjoint, en: By a partner}\n"
    "            when: intent_to_harm\n"
    "            increase: {by: 1/3, quote: \"aumentata fino a un terzo\", source: cp-1}\n"
    "  - id: zz-2\n"
    "    title: {local: Manquement, en: Breach}\n"
    "    applies_to: {kinds: [person, company]}\n"
    "    when: fail_to_remove\n"
    "    versions:\n"
    "      - in_force: {from: 2024-01-01}\n"
    "        prison: {max: 6 years, quote: \"six ans\", source: cp-1}\n"
    "        fine: {max: 10000 EUR, per: violation, quote: \"10 000 euros par violation\", source: cp-1}\n",
)


def test_relative_aggravation_per_violation_fine_and_capped_sum(vocabulary):
    from exposure.engine.engine import Engine
    from exposure.model.rules import RuleSet
    from exposure.engine.fines import PerUnit, display
    from exposure.model import Incident, Party

    pack = read(FEATURES, vocabulary)
    person = Party("p", "person", "user", frozenset({"share", "fail_to_remove"}), {"intent_to_harm": True}, None)
    incident = Incident("t", date(2026, 1, 1), ("LU",), {"sexual": True, "synthetic": True, "consent": False}, (person,))
    result = Engine(RuleSet(vocabulary, {pack.code: pack})).assess_party(pack, incident, person)
    first, second = result.findings
    # 2 years + 1/3 = 32 months; 15 000 + 1/3 = 20 000
    assert first.maxima.prison == Term(32)
    assert first.maxima.fine == Money(Decimal(20000), "EUR")
    assert first.aggravations == ("partner",)
    assert second.maxima.fine == PerUnit(Money(Decimal(10000), "EUR"), "violation")
    assert display(second.maxima.fine) == "EUR 10,000 per violation"
    # one act, combined by the track's one_act rule (a sum here): 32 months + 6 years = 104 months, below
    # 3/2 × 72 months = 108 months and 20 years: it stands
    (criminal,) = result.tracks
    assert criminal.max.prison == Term(104) and criminal.acts == 1


def test_sum_is_capped_at_a_multiple_of_the_most_serious(vocabulary):
    from exposure.engine.combine import apply
    from exposure.engine.results import Maxima

    rule = read(FEATURES, vocabulary).tracks["criminal"].several_acts
    notes: list[str] = []
    # 3 offences of 8 years: sum 24 years, capped by 3/2 × 8 = 12 years, under the 20-year ceiling
    assert apply(rule, [(Maxima(Term(96), None), 3)], lambda cap: cap, notes)[0].prison == Term(144)
    # 5 offences of 16 years: 3/2 × 16 = 24 years, then the absolute ceiling of 20 years
    assert apply(rule, [(Maxima(Term(192), None), 5)], lambda cap: cap, notes)[0].prison == Term(240)


REPLACING = MINIMAL.replace(
    "        fine: {max: 500 penalty_unit, quote: \"500 unités\", source: cp-1}\n",
    "        fine: {max: 500 penalty_unit, quote: \"500 unités\", source: cp-1}\n"
    "        company_fine: {max: 90000 EUR, quote: \"90 000 euros\", source: cp-1}\n"
    "        aggravations:\n"
    "          - id: for-profit\n"
    "            title: {local: Lucratif, en: For profit}\n"
    "            when: for_profit\n"
    "            replaces: true\n"
    "            prison: {max: 5 years, quote: \"cinq ans\", source: cp-1}\n"
    "          - id: partner\n"
    "            title: {local: Conjoint, en: Partner}\n"
    "            when: partner\n"
    "            increase: {by: 1/2, quote: \"la moitié\", source: cp-1}\n",
).replace("applies_to: {kinds: [person]}", "applies_to: {kinds: [person, company]}")


def assess_with(vocabulary, kind, party_facts):
    from exposure.engine.engine import Engine
    from exposure.model.rules import RuleSet
    from exposure.model import Incident, Party

    pack = read(REPLACING, vocabulary)
    party = Party("p", kind, "user", frozenset({"share"}), party_facts, None)
    incident = Incident("t", date(2026, 1, 1), ("LU",), {"sexual": True, "synthetic": True, "consent": False}, (party,))
    return Engine(RuleSet(vocabulary, {pack.code: pack})).assess_party(pack, incident, party).findings[0]


def test_replacing_aggravation_drops_the_base_fine(vocabulary):
    finding = assess_with(vocabulary, "person", {"for_profit": True, "partner": False})
    assert finding.maxima.prison == Term(60) and finding.maxima.fine is None
    unknown = assess_with(vocabulary, "person", {"partner": False})  # for_profit unknown: worst case is the heavier
    assert unknown.maxima.prison == Term(24) and unknown.worst.prison == Term(60)
    assert unknown.worst.fine == Money(Decimal(55000), "EUR")  # the base fine survives in the worst case


def test_increase_raises_a_person_fine_but_not_a_statutory_company_fine(vocabulary):
    person = assess_with(vocabulary, "person", {"for_profit": False, "partner": True})
    assert person.maxima.prison == Term(36) and person.maxima.fine == Money(Decimal(82500), "EUR")
    company = assess_with(vocabulary, "company", {"for_profit": False, "partner": True})
    assert company.maxima.fine == Money(Decimal(90000), "EUR")


def test_prison_or_fine_reaches_the_finding_and_the_json(vocabulary):
    from exposure.engine.engine import Engine
    from exposure.model.rules import RuleSet
    from exposure.model import Incident, Party
    from exposure.render.json_out import finding as finding_json

    text = broken("        prison: {max: 2 years,", "        prison_or_fine: true\n        prison: {max: 2 years,")
    pack = read(text, vocabulary)
    assert pack.offences[0].version_on(date(2026, 1, 1)).penalty.prison_or_fine is True
    party = Party("p", "person", "user", frozenset({"share"}), {}, None)
    incident = Incident("t", date(2026, 1, 1), ("LU",), {"sexual": True, "synthetic": True, "consent": False}, (party,))
    (found,) = Engine(RuleSet(vocabulary, {pack.code: pack})).assess_party(pack, incident, party).findings
    assert found.prison_or_fine is True and finding_json(found, explain=False)["prison_or_fine"] is True
    assert read(MINIMAL, vocabulary).offences[0].version_on(date(2026, 1, 1)).penalty.prison_or_fine is False


def test_prison_or_fine_needs_both_penalties(vocabulary):
    text = broken("        fine: {max: 500 penalty_unit, quote: \"500 unités\", source: cp-1}\n",
                  "        prison_or_fine: true\n")
    (message,) = problems(text, vocabulary)
    assert message.endswith("prison_or_fine: the version needs both a prison and a fine to offer one or the other")
    assert message.startswith(f"zz.yaml:{position(text, 'prison_or_fine', 'true')}:")
