"""Memoised evaluation never mixes up reports: results are shared only between reports that agree on everything
a result depends on (facts read by the packs, party kind, role and turnover, dates), and carry their own party."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from exposure.api import Engine, parse_incident_data
from exposure.model.money import Money


def _platform_report(party_id: str, turnover: str, vlop: bool = True) -> dict:
    return {
        "title": "t", "date": "2026-01-05", "places": ["FR"],
        "facts": {"sexual": True, "real_person": True, "consent": False},
        "parties": [{"id": party_id, "kind": "company", "role": "platform", "turnover": turnover,
                     "acts": ["fail_risk_management"], "facts": {"vlop": vlop}}],
    }


def _dsa_fine(engine, report: dict):
    result = engine.assess(parse_incident_data(report, engine.rules), ["EU"], as_of=date(2026, 11, 1))
    (party,) = result.results
    finding = next(f for f in party.findings if f.offence_id == "eu-dsa-74-1")
    return party.party, finding.maxima.fine


def test_a_recurring_report_keeps_its_own_party_ids(rules):
    engine = Engine(rules)
    first, _ = _dsa_fine(engine, _platform_report("network-a", "1_000_000_000 EUR"))
    second, _ = _dsa_fine(engine, _platform_report("network-b", "1_000_000_000 EUR"))  # same facts: from the memo
    assert (first, second) == ("network-a", "network-b")


def test_turnover_is_part_of_what_is_remembered(rules):
    # DSA art. 74(1): "fines not exceeding 6 % of its total worldwide annual turnover"
    engine = Engine(rules)
    _, small = _dsa_fine(engine, _platform_report("p", "1_000_000_000 EUR"))
    _, large = _dsa_fine(engine, _platform_report("p", "2_000_000_000 EUR"))
    _, again = _dsa_fine(engine, _platform_report("p", "1_000_000_000 EUR"))
    assert small == again == Money(Decimal("60000000"), "EUR")
    assert large == Money(Decimal("120000000"), "EUR")


def test_a_fact_the_packs_read_is_part_of_what_is_remembered(rules):
    engine = Engine(rules)
    report = _platform_report("p", "1_000_000_000 EUR")
    assert _dsa_fine(engine, report)[1] is not None
    not_designated = _platform_report("p", "1_000_000_000 EUR", vlop=False)  # art. 74(1) fines only a VLOP's provider
    result = engine.assess(parse_incident_data(not_designated, rules), ["EU"], as_of=date(2026, 11, 1))
    assert "eu-dsa-74-1" not in {f.offence_id for f in result.results[0].findings}


def test_the_memos_are_bounded(rules):
    engine = Engine(rules, memo_size=48)  # figures 48, a pack's results 6, a selection's 3
    for n in range(60):
        engine.assess(parse_incident_data(_platform_report("p", f"{n + 1}_000_000_000 EUR"), rules), ["EU"],
                      as_of=date(2026, 11, 1))
    assert 0 < len(engine._by_selection) <= 3 and 0 < len(engine._by_pack) <= 6 and len(engine._figures) <= 48


def test_two_engines_share_nothing(rules):
    first, second = Engine(rules), Engine(rules)
    _dsa_fine(first, _platform_report("p", "1_000_000_000 EUR"))
    assert len(first._by_selection) == 1 and len(second._by_selection) == 0


def test_a_memoised_finding_writes_its_trail_afresh_and_keeps_neither_its_lines_nor_the_environment(rules):
    """What a memo keeps of a finding stays small: the trail is the same at every reading, written each time."""
    engine = Engine(rules)
    report = {"title": "t", "date": "2026-01-05", "places": ["FR"],
              "facts": {"sexual": True, "synthetic": True, "real_person": True, "consent": False, "online": True},
              "parties": [{"id": "u", "kind": "person", "role": "user", "acts": ["share"]}]}
    first = engine.assess(parse_incident_data(report, rules), ["FR"], as_of=date(2026, 11, 1))
    again = engine.assess(parse_incident_data(report, rules), ["FR"], as_of=date(2026, 11, 1))
    finding = next(f for f in first.results[0].findings if f.offence_id == "fr-226-8-1")
    assert next(f for f in again.results[0].findings if f.offence_id == "fr-226-8-1") is finding  # memoised
    trail = finding.trail
    # Code pénal art. 226-8-1 al. 3: online, three years and 75 000 euros, each line quoting the statute
    assert any("prison: 3 years — Code pénal, art. 226-8-1, al. 3" in line and "«" in line for line in trail)
    assert finding.trail == trail and finding.trail is not trail  # written afresh, the same lines
    explanation = finding.explanation
    assert explanation.env is None  # read once, then let go
    assert not any(isinstance(getattr(explanation, name, None), tuple) and getattr(explanation, name) == trail
                   for name in explanation.__slots__)


def test_figures_that_no_share_of_turnover_reaches_are_remembered_for_any_turnover(rules):
    # Code pénal art. 226-8-1 al. 3 (online): "trois ans d'emprisonnement et de 75 000 euros d'amende"; a company's
    # fine is five times a person's (art. 131-38): EUR 375,000 whatever its turnover.
    engine = Engine(rules)

    def fine(turnover: str) -> Money:
        report = {
            "title": "t", "date": "2026-01-05", "places": ["FR"],
            "facts": {"sexual": True, "synthetic": True, "real_person": True, "consent": False, "online": True},
            "parties": [{"id": "p", "kind": "company", "role": "platform", "turnover": turnover,
                         "acts": ["host", "fail_to_remove"], "facts": {"knowledge": True}}],
        }
        (party,) = engine.assess(parse_incident_data(report, rules), ["FR"]).results
        return next(f for f in party.findings if f.offence_id == "fr-226-8-1").maxima.fine

    assert fine("1_000_000_000 EUR") == Money(Decimal("375000"), "EUR")
    remembered = len(engine._figures)
    assert fine("2_000_000_000 EUR") == Money(Decimal("375000"), "EUR")
    assert len(engine._figures) == remembered  # the second turnover found every figure in the memo
