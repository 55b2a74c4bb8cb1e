"""Facts that imply or contradict each other, from the vocabulary's data: ages (victim_age and the age facts),
declared implications, and synonyms in the error for an unknown act."""

from __future__ import annotations

import pytest

from exposure.api import load_rules, parse_incident
from exposure.model.problems import InputError

RULES = load_rules(places={"FR"})


def incident(facts: str, extra: str = "", acts: str = "[share]"):
    return parse_incident(
        f"title: t\ndate: 2026-01-02\nplaces: [FR]\n{extra}facts: {{{facts}}}\n"
        f"parties: [{{id: u, kind: person, role: user, acts: {acts}}}]\n",
        RULES,
        "case.yaml",
    )


def problems(facts: str, extra: str = "", acts: str = "[share]") -> list[str]:
    with pytest.raises(InputError) as info:
        incident(facts, extra, acts)
    return [str(p) for p in info.value.problems]


def test_victim_age_decides_every_age_fact():
    facts = incident("sexual: true", "victim_age: 15\n").facts
    assert facts["minor"] and facts["minor_under_16"] and facts["minor_under_17"]
    assert facts["minor_under_15"] is False and facts["minor_under_14"] is False and facts["minor_under_12"] is False


def test_an_age_range_decides_only_what_the_whole_range_decides():
    facts = incident("sexual: true", "victim_age: 14-15\n").facts
    assert facts["minor_under_16"] is True and facts["minor_under_14"] is False
    assert "minor_under_15" not in facts  # 14 is under 15, 15 is not: unknown


def test_age_facts_imply_each_other_and_say_they_are_the_old_way():
    stated = incident("sexual: true, minor_under_14: true")
    assert stated.facts["minor"] is True and stated.facts["minor_under_16"] is True
    assert "minor_under_12" not in stated.facts
    assert any("victim_age" in note for note in stated.notes)
    # not a minor: not under any younger age either
    adult = incident("sexual: true, minor: false")
    assert adult.facts["minor_under_16"] is False and adult.facts["minor_under_12"] is False


def test_contradictory_ages_are_located_errors():
    found = problems("sexual: true, minor: false, minor_under_16: true")
    assert any(p.startswith("case.yaml:4:") and "minor: false contradicts minor_under_16: true" in p for p in found), found
    found = problems("sexual: true, minor_under_16: true", "victim_age: 17\n")
    assert any("minor_under_16: true contradicts victim_age: 17" in p for p in found), found
    assert any("victim_age:" in p for p in problems("sexual: true", "victim_age: old\n"))
    assert any("victim_age:" in p for p in problems("sexual: true", "victim_age: 17-14\n"))


@pytest.mark.parametrize("age, under_16, minor", [("adult", False, False), ("minor", None, True), ("16+", False, None)])
def test_age_words_and_open_ranges(age, under_16, minor):
    facts = incident("sexual: true", f"victim_age: {age}\n").facts
    assert facts.get("minor_under_16") is under_16 and facts.get("minor") is minor


def test_a_declared_implication_fills_in_and_refuses_the_contrary():
    assert incident("sexual_act: true").facts["sexual"] is True
    assert incident("sexual: false").facts["sexual_act"] is False
    assert any("sexual: false contradicts sexual_act: true" in p for p in problems("sexual_act: true, sexual: false"))


def test_an_unknown_act_points_to_the_act_it_is_a_synonym_of():
    (message,) = problems("sexual: true", acts="[post]")
    assert "unknown act 'post'" in message and "did you mean 'share'?" in message


def test_a_link_between_party_facts_is_refused_not_ignored(tmp_path):
    """Contradictions and the worst case's consistent worlds are worked out over the incident's facts: a party-level
    `implies` would be honoured by neither (and made memoised results depend on the order of the queue)."""
    from exposure.load.vocabulary import load_vocabulary
    from exposure.model.problems import InputError

    from .conftest import RULES

    text = (RULES / "vocabulary.yaml").read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if x.startswith("  two_prior_convictions:"))
    path = tmp_path / "vocabulary.yaml"
    path.write_text(text.replace(line, line.replace("{about: party,", "{about: party, implies: [prior_conviction],")), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_vocabulary(path)
    assert "only facts about the incident can imply others" in str(caught.value)
