"""Levels of law (issue 17): a subdivision's pack applies together with its country's, its sentencing classes are
declared once, and a national pack's offences that are law in part of the country only stay there.

The packs here are small made-up ones (Testland's figures are not law); the shipped subdivision packs are tested by
their own `rules/<code>.tests.yaml`."""

from __future__ import annotations

import json
import shutil

import pytest

from exposure.model.problems import InputError

from .conftest import RULES, run_cli

STATE = """\
schema: 2
pack: US-ZZ
level: subdivision
parent: US
name: {local: Testland, en: Testland (a made-up state)}
language: en
currency: USD
relation:
  rule: separate
  quote: "a crime under one sovereign's laws is not the same offence as a crime under the laws of another"
  source: s2
sources:
  s1: {cite: "Test Code, s. 1", url: "https://example.org/s1", checked: 2026-11-01, grade: official}
  s2: {cite: "Test v. Test (2019)", url: "https://example.org/s2", checked: 2026-11-01, grade: official}
classes:
  misdemeanor:
    title: {local: misdemeanor, en: misdemeanor}
    prison: {max: 1 year, quote: "not to exceed one year", source: s1}
    fine: {max: 4000 USD, quote: "a fine not to exceed $4,000", source: s1}
  felony-3:
    title: {local: third-degree felony, en: third-degree felony}
    prison: {max: 10 years, min: 2 years, quote: "not more than 10 years or less than 2 years", source: s1}
    fine: {max: 10000 USD, quote: "a fine not to exceed $10,000", source: s1}
tracks:
  criminal:
    kind: criminal
    enforcer: {local: State court, en: State court}
    one_act: {rule: heaviest, quote: "in no case shall the act be punished under more than one provision", source: s1}
    several_acts: {rule: sum, upper_bound: true, quote: "the sentences may run consecutively", source: s1}
offences:
  - id: zz-1
    title: {local: Sharing a deepfake, en: Sharing a deepfake}
    applies_to: {kinds: [person], roles: [user]}
    cite: s1
    when: sexual and synthetic and real_person and not consent and share
    versions:
      - in_force: {from: 2020-01-01}
        class: misdemeanor
        aggravations:
          - id: minor
            title: {local: A minor depicted, en: A minor depicted}
            when: minor
            class: felony-3
"""

INCIDENT = """\
title: Sharing a deepfake in a made-up state
date: 2026-01-05
places: [{place}]
facts: {{sexual: true, synthetic: true, real_person: true, consent: false, online: true, minor: {minor}}}
parties: [{{id: user, kind: person, role: user, acts: [share], facts: {{intent_to_harm: true}}}}]
"""


def write(tmp_path, pack: str = STATE, place: str = "US-ZZ", minor: str = "false"):
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    (folder / "us-zz.yaml").write_text(pack, encoding="utf-8")
    incident = tmp_path / "incident.yaml"
    incident.write_text(INCIDENT.format(place=place, minor=minor), encoding="utf-8")
    return folder, incident


def assess_json(folder, incident) -> dict:
    out = run_cli("assess", str(incident), "--rules", str(folder), "-f", "json", "--as-of", "2026-12-03")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_a_state_pack_applies_beside_the_federal_one_with_its_class_figures(tmp_path):
    folder, incident = write(tmp_path)
    data = assess_json(folder, incident)
    assert {r["jurisdiction"] for r in data["results"]} == {"US", "US-ZZ"}
    state = next(r for r in data["results"] if r["jurisdiction"] == "US-ZZ")
    # the misdemeanor class: "not to exceed one year", "a fine not to exceed $4,000"
    assert state["tracks"][0]["max"] == {
        "prison": "P1Y",
        "fine": {"amount": "4000", "currency": "USD"},
        "prison_or_fine": False,
    }
    receipt = next(p for p in data["receipt"]["packs"] if p["id"] == "US-ZZ")
    assert receipt["level"] == "subdivision" and receipt["parent"] == "US"
    assert receipt["relation"]["rule"] == "separate" and receipt["relation"]["citation"] == "Test v. Test (2019)"
    coverage = next(c for c in data["coverage"] if c["place"] == "US-ZZ")
    assert coverage["status"] == "assessed"
    assert {"US", "US-ZZ"} <= {p if isinstance(p, str) else p["id"] for p in coverage["packs"]}


def test_an_aggravation_can_lift_the_class(tmp_path):
    folder, incident = write(tmp_path, minor="true")
    state = next(r for r in assess_json(folder, incident)["results"] if r["jurisdiction"] == "US-ZZ")
    # the felony-3 class: "not more than 10 years", "a fine not to exceed $10,000"
    assert state["tracks"][0]["max"]["prison"] == "P10Y"
    assert state["tracks"][0]["max"]["fine"] == {"amount": "10000", "currency": "USD"}


def test_the_table_says_how_the_levels_stand(tmp_path):
    folder, incident = write(tmp_path)
    out = run_cli("assess", str(incident), "--rules", str(folder), columns=200)
    text = " ".join(out.stdout.split())
    assert "Levels: US-ZZ and US — separate prosecutions: both may punish the same conduct; the figures are never added" in text


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("        class: misdemeanor\n", "        class: misdemeanour\n", "'misdemeanour' is not under the pack's classes (did you mean 'misdemeanor'?)"),
        ("        class: misdemeanor\n", "        class: misdemeanor\n        prison: {max: 1 year, quote: \"not to exceed one year\", source: s1}\n",
         "give either class or prison and fine, not both"),
        ("parent: US\n", "parent: CA\n", "parent: a subdivision sits under its country: parent: US"),
        ("relation:\n  rule: separate\n", "relatio:\n  rule: separate\n", "unknown key 'relatio'"),
        ("level: subdivision\n", "", "level: the pack US-ZZ is a subdivision: write level: subdivision and parent"),
    ],
)
def test_level_and_class_mistakes_are_located(tmp_path, old, new, message):
    from exposure.load.packs import load_pack
    from exposure.load.vocabulary import load_vocabulary

    assert old in STATE
    folder, _ = write(tmp_path, STATE.replace(old, new, 1))
    vocabulary = load_vocabulary(RULES / "vocabulary.yaml")
    with pytest.raises(InputError) as caught:
        load_pack(folder / "us-zz.yaml", vocabulary)
    assert any(message in p.message for p in caught.value.problems), [str(p) for p in caught.value.problems]


def test_england_and_wales_offences_stay_out_of_scotland(tmp_path):
    """The GB pack's criminal offences have `extent: [GB-ENG, GB-WLS]`; the Online Safety Act is UK-wide."""
    incident = tmp_path / "glasgow.yaml"
    text = (
        "title: x\ndate: 2026-03-01\nplaces: [{place}]\n"
        "facts: {{sexual: true, synthetic: true, real_person: true, realistic: true, consent: false, online: true,"
        " minor: false}}\n"
        "parties:\n  - {{id: user, kind: person, role: user, acts: [share], facts: {{intent_to_harm: true}}}}\n"
        "  - {{id: platform, kind: company, role: platform, turnover: 100_000_000 GBP, acts: [host, fail_risk_management]}}\n"
    )
    found = {}
    for place in ("GB", "GB-SCT"):
        incident.write_text(text.format(place=place), encoding="utf-8")
        data = json.loads(run_cli("assess", str(incident), "-f", "json", "--in", "GB").stdout)
        found[place] = {f["id"] for r in data["results"] for f in r["findings"]}
        if place == "GB":
            cov = next(c for c in data["coverage"] if c["place"] == "GB")
            assert cov["why"].startswith("taken as GB-ENG, GB-WLS")
    # Sexual Offences Act 2003 s. 66B (sharing an intimate image): England and Wales only
    assert "gb-soa-66b" in found["GB"] and "gb-soa-66b" not in found["GB-SCT"]
    # Online Safety Act 2023 duties (Ofcom): the whole United Kingdom
    assert "gb-osa-illegal-content" in found["GB"] and "gb-osa-illegal-content" in found["GB-SCT"]


def test_shipped_packs_declare_their_levels():
    from exposure.api import load_rules

    packs = load_rules().packs
    assert packs["EU"].level == "supranational" and packs["FR"].level == "national"
    for code, pack in packs.items():
        if "-" in code:
            assert pack.level == "subdivision" and pack.parent == code.split("-")[0] and pack.relation is not None


def test_rates_per_violation_compare_and_multiply_through_an_aggravation(tmp_path):
    """The greatest of two fines stated per violation is the higher rate, then times the violations: USD 2,000
    per violation (the aggravation) × 10 violations = USD 20,000 (it was left as "greater of" and never counted)."""
    pack = STATE.replace(
        "        class: misdemeanor\n",
        '        fine: {max: 1000 USD, per: violation, quote: "a fine not to exceed $1,000", source: s1}\n',
    ).replace(
        "            class: felony-3\n",
        '            fine: {max: 2000 USD, per: violation, quote: "a fine not to exceed $2,000", source: s1}\n',
    )
    folder, incident = write(tmp_path, pack, minor="true")
    incident.write_text(incident.read_text(encoding="utf-8") + "counts: {violations: 10}\n", encoding="utf-8")
    state = next(r for r in assess_json(folder, incident)["results"] if r["jurisdiction"] == "US-ZZ")
    assert state["findings"][0]["max_fine"] == {"amount": "2000", "currency": "USD", "per": "violation"}
    assert state["tracks"][0]["max"]["fine"] == {"amount": "20000", "currency": "USD"}


CHILD_IMAGE = """\
title: AI "undressing" of a 15-year-old's photo, shared online
date: 2026-03-01
places: [{place}]
victim_age: 15
facts: {{sexual: true, synthetic: true, real_person: true, realistic: true, consent: false, online: true,
  derived_from_photo: true}}
parties:
  - {{id: user, kind: person, role: user, acts: [request, create, share, possess], facts: {{intent_to_harm: true}}}}
"""


@pytest.mark.parametrize("place", ["US-CA", "US-TX", "US-NY", "GB-SCT", "GB-NIR", "AU-NSW"])
def test_a_place_in_a_subdivision_gets_its_own_law_beside_the_countrys(tmp_path, place):
    incident = tmp_path / "incident.yaml"
    incident.write_text(CHILD_IMAGE.format(place=place), encoding="utf-8")
    out = run_cli("assess", str(incident), "-f", "json", "--as-of", "2026-12-03")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    country = place.split("-")[0]
    levels = {r["jurisdiction"]: r for r in data["results"]}
    assert country in levels and levels[place]["findings"], sorted(levels)
    coverage = next(c for c in data["coverage"] if c["place"] == place)
    assert coverage["status"] == "assessed"
    receipt = next(p for p in data["receipt"]["packs"] if p["id"] == place)
    assert receipt["parent"] == country and receipt["relation"]["rule"] in ("separate", "not_twice", "not_read")


def test_a_subdivision_without_a_pack_is_said_to_be_partly_assessed(tmp_path):
    incident = tmp_path / "incident.yaml"
    incident.write_text(CHILD_IMAGE.format(place="US-WA"), encoding="utf-8")
    data = json.loads(run_cli("assess", str(incident), "-f", "json").stdout)
    coverage = next(c for c in data["coverage"] if c["place"] == "US-WA")
    assert coverage["status"] == "partly" and "no pack for US-WA" in coverage["why"]


def test_compare_lists_each_level_as_its_own_row(tmp_path):
    incident = tmp_path / "incident.yaml"
    incident.write_text(CHILD_IMAGE.format(place="US-CA"), encoding="utf-8")
    data = json.loads(run_cli("compare", str(incident), "--in", "US,US-CA", "-f", "json").stdout)
    assert {row["jurisdiction"] for row in data["rows"]} == {"US", "US-CA"}
    table = run_cli("compare", str(incident), "--in", "US,US-CA", columns=120).stdout
    assert "Levels: US-CA and US" in " ".join(table.split())


def test_a_relation_no_source_states_is_said_to_be_unread(tmp_path):
    """Scotland beside the UK-wide Online Safety Act: no source read states how the penalties stand (not_read)."""
    incident = tmp_path / "incident.yaml"
    incident.write_text(CHILD_IMAGE.format(place="GB-SCT"), encoding="utf-8")
    out = run_cli("assess", str(incident), "--as-of", "2026-12-03", columns=200)
    assert out.returncode == 0, out.stderr
    assert "Levels: GB-SCT and GB — how their penalties stand to each other was not read (TODO)" in out.stdout


def _cited_of(rules, incident: dict, offence_id: str):
    from exposure.api import assess, parse_incident_data

    result = assess(parse_incident_data(incident, rules), rules)
    return next(f for r in result.results for f in r.findings if f.offence_id == offence_id)


def test_a_class_figure_is_unverified_when_the_class_rests_on_a_secondary_source(rules):
    """Tex. Penal Code § 43.235 (S.B. 20, 2025) says "An offense under this section is a state jail felony", read in a
    secondary copy (tx-sb-20); the class's table (§ 12.35: 180 days to 2 years, $10,000) was read in the statute.
    The two years are only as sure as the class, so they are flagged and their citation says why."""
    finding = _cited_of(rules, {
        "title": "t", "date": "2026-02-15", "places": ["US-TX"],
        "facts": {"sexual": True, "synthetic": True, "realistic": True, "real_person": False, "minor": True,
                  "sexual_act": True, "obscene": True},
        "parties": [{"id": "user", "kind": "person", "role": "user", "acts": ["request", "possess"],
                     "facts": {"prior_conviction": False, "two_prior_convictions": False}}],
    }, "us-tx-43-235")
    table = rules.packs["US-TX"].classes["state-jail-felony"]
    assert table.prison.evidence.source.verified and table.fine.evidence.source.verified  # the table: the statute
    prison = next(c for c in finding.cited if c.what == "base prison")
    assert finding.unverified_in("prison") and finding.unverified_in("fine")
    offence = next(o for o in rules.packs["US-TX"].offences if o.id == "us-tx-43-235")
    assert not prison.verified and prison.cite.endswith(f"(the state jail felony as {offence.cite.cite} says, secondary)")


def test_a_class_figure_stays_verified_when_the_offence_is_read_in_the_statute(rules):
    """N.Y. Penal Law § 263.16 (official text: "Possessing a sexual performance by a child is a class E felony"),
    class E felony: four years (§ 70.00), read in a faithful copy: no flag."""
    finding = _cited_of(rules, {
        "title": "t", "date": "2026-01-20", "places": ["US-NY"], "victim_age": 14,
        "facts": {"sexual": True, "synthetic": False, "real_person": True, "sexual_act": True, "consent": False},
        "parties": [{"id": "holder", "kind": "person", "role": "user", "acts": ["possess"]}],
    }, "us-ny-263-16")
    assert not finding.unverified_in("prison")
    assert all("secondary)" not in c.cite for c in finding.cited)


def test_subdivisions_under_one_rule_share_one_levels_line(rules):
    """Twelve US states under the one federal rule (dual sovereignty) make one line, naming each state."""
    from exposure.render.table import level_lines

    states = [p for p in rules.packs.values() if p.parent == "US"]
    lines = level_lines(states)
    assert len(states) > 1 and len(lines) == 1
    assert lines[0].startswith("Levels: " + ", ".join(p.code for p in states) + " and US — separate prosecutions")
