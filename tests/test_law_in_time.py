"""Law in time: the version in force on the incident's date, the milder later law, limitation periods."""

import json
from datetime import date, timedelta

import pytest

from exposure.api import assess, parse_incident_data
from exposure.model.durations import Term
from exposure.engine.law_in_time import add_term
from exposure.load.packs import read_pack
from exposure.load.yaml_source import load

from .conftest import EXAMPLES, run_cli


def boundary_cases(rules):
    """Every date on which an offence of a shipped pack changed version: (pack, offence, old start, new start)."""
    for pack in rules.packs.values():
        for offence in pack.offences:
            for earlier, later in zip(offence.versions, offence.versions[1:]):
                yield pytest.param(pack.code, offence.id, earlier.start, later.start, id=f"{offence.id}@{later.start}")
            first = offence.versions[0]
            if first.start > date(2020, 1, 1):
                yield pytest.param(pack.code, offence.id, None, first.start, id=f"{offence.id}@{first.start}")


def incident_for(rules, code, offence_id, day):
    """An incident on ``day`` that leaves every fact unknown and has a party of the offence's kind doing every act,
    so the offence is at least possible whenever a version is in force."""
    offence = next(o for o in rules.packs[code].offences if o.id == offence_id)
    kind = sorted(offence.kinds)[0]
    role = sorted(offence.roles)[0] if offence.roles else ("user" if kind == "person" else "platform")
    every = sorted(rules.vocabulary.acts)
    # facts unknown; acts chosen so that the offence's condition is not false (all acts, else a single one)
    candidates = [every] + [[act] for act in every]
    acts = next(c for c in candidates if offence.when.fn({a: a in c for a in every}) is not False)
    data = {"title": "boundary", "date": day.isoformat(), "places": sorted(rules.packs[code].applies_in)[:1],
            "parties": [{"id": "p", "kind": kind, "role": role, "acts": acts}]}
    if kind == "company":
        data["parties"][0]["turnover"] = "1_000_000_000 EUR"
    return parse_incident_data(data, rules)


def test_there_are_dated_changes_to_test(rules):
    assert len(list(boundary_cases(rules))) >= 20


@pytest.mark.parametrize("code, offence_id, old_start, new_start", list(boundary_cases(__import__("exposure.api", fromlist=["load_rules"]).load_rules())))
def test_incident_before_and_after_each_dated_change(rules, code, offence_id, old_start, new_start):
    def found(day):
        result = assess(incident_for(rules, code, offence_id, day), rules, [code], as_of=day)
        return {f.offence_id: f for r in result.results for f in r.findings}.get(offence_id), result

    before, result_before = found(new_start - timedelta(days=1))
    after, _ = found(new_start)
    assert after is not None and after.version_from == new_start.isoformat()
    if old_start is None:
        assert before is None  # conduct before the offence existed gets no finding from it
        assert any(offence_id in note for r in result_before.results for note in r.notes)
    else:
        assert before is not None and before.version_from == old_start.isoformat()


PACK = """\
schema: 2
pack: LU
name: {local: Exempleland (fictitious figures), en: Exampleland}
language: fr
currency: EUR
sources:
  cp-1: {cite: "Code, art. 1", url: "https://example.org/1", checked: 2026-11-21, grade: official}
lex_mitior: {quote: "la loi plus douce", source: cp-1}
limitation:
  - offences: [lu-short]
    period: 1 month
    quote: "un mois"
    source: cp-1
  - period: 6 years
    quote: "six ans"
    source: cp-1
    minor_victim: {period: 10 years, quote: "dix ans à compter de la majorité", source: cp-1}
tracks:
  criminal:
    kind: criminal
    enforcer: {local: Tribunal, en: Court}
    one_act: {rule: highest, quote: "le plus élevé", source: cp-1}
    several_acts: {rule: highest, quote: "le plus élevé", source: cp-1}
offences:
  - id: lu-milder
    title: {local: Diffusion, en: Sharing}
    applies_to: {kinds: [person]}
    when: share
    versions:
      - in_force: {from: 2020-01-01, to: 2024-01-01}
        prison: {max: 5 years, quote: "cinq ans", source: cp-1}
      - in_force: {from: 2024-01-01}
        prison: {max: 3 years, quote: "trois ans", source: cp-1}
  - id: lu-harsher
    title: {local: Création, en: Creating}
    applies_to: {kinds: [person]}
    when: create
    versions:
      - in_force: {from: 2020-01-01, to: 2024-01-01}
        prison: {max: 2 years, quote: "deux ans", source: cp-1}
      - in_force: {from: 2024-01-01}
        prison: {max: 4 years, quote: "quatre ans", source: cp-1}
  - id: lu-abolished
    title: {local: Détention, en: Possessing}
    applies_to: {kinds: [person]}
    when: possess
    versions:
      - in_force: {from: 2020-01-01, to: 2025-01-01}
        prison: {max: 1 year, quote: "un an", source: cp-1}
  - id: lu-short
    title: {local: Menace, en: Threatening}
    applies_to: {kinds: [person]}
    when: threaten
    versions:
      - in_force: {from: 2020-01-01}
        prison: {max: 6 months, quote: "six mois", source: cp-1}
"""


@pytest.fixture()
def lu(rules):
    from exposure.load.catalog import RuleSet

    pack = read_pack(load(PACK, "lu.yaml"), rules.vocabulary, "x" * 64)
    return RuleSet(rules.vocabulary, {"LU": pack})


def run(lu, day, as_of, acts, facts=None, victim_born=None):
    data = {"title": "t", "date": day, "places": ["LU"], "facts": facts or {},
            "parties": [{"id": "u", "kind": "person", "role": "user", "acts": acts}]}
    if victim_born:
        data["victim_born"] = victim_born
    result = assess(parse_incident_data(data, lu), lu, ["LU"], as_of=date.fromisoformat(as_of))
    return result, {f.offence_id: f for f in result.results[0].findings}


def test_milder_later_law_applies(lu):
    _, found = run(lu, "2023-06-01", "2026-11-21", ["share"])
    assert found["lu-milder"].maxima.prison == Term(36) and found["lu-milder"].version_from == "2024-01-01"
    assert "milder later law" in found["lu-milder"].law_note
    _, before_change = run(lu, "2023-06-01", "2023-12-31", ["share"])  # judged before the milder law existed
    assert before_change["lu-milder"].maxima.prison == Term(60)


def test_harsher_later_law_does_not(lu):
    _, found = run(lu, "2023-06-01", "2026-11-21", ["create"])
    assert found["lu-harsher"].maxima.prison == Term(24) and found["lu-harsher"].version_from == "2020-01-01"
    assert found["lu-harsher"].law_note == ""


def test_abolished_offence_no_longer_punishes(lu):
    result, found = run(lu, "2023-06-01", "2026-11-21", ["possess"])
    assert "lu-abolished" not in found
    assert any("abolished on 2025-01-01" in note for note in result.results[0].notes)
    _, still = run(lu, "2023-06-01", "2024-12-31", ["possess"])
    assert "lu-abolished" in still


@pytest.mark.parametrize(
    "start, term, expected",
    [("2024-02-29", Term(72), "2030-02-28"), ("2024-02-29", Term(48), "2028-02-29"), ("2025-01-31", Term(1), "2025-02-28"),
     ("2024-01-31", Term(1), "2024-02-29"), ("2025-08-31", Term(6), "2026-02-28"), ("2025-12-31", Term(0, 1), "2026-01-01")],
)
def test_calendar_arithmetic_keeps_month_ends_and_leap_days(start, term, expected):
    assert add_term(date.fromisoformat(start), term) == date.fromisoformat(expected)


def test_limitation_periods(lu):
    result, found = run(lu, "2024-02-29", "2026-11-21", ["share", "threaten"], {"minor": False})
    r = result.results[0]
    assert result.time_bar(r, found["lu-milder"]).barred_after == date(2030, 2, 28)
    assert result.time_bar(r, found["lu-short"]).barred_after == date(2024, 3, 29)


def test_minor_victim_extension_runs_from_majority(lu):
    result, found = run(lu, "2026-01-03", "2026-11-21", ["share"], {"minor": True}, victim_born="2010-03-15")
    bar = result.time_bar(result.results[0], found["lu-milder"])
    # majority on 2028-03-15, plus ten years; later than 2026-01-03 plus six years
    assert bar.status == "date" and bar.barred_after == date(2038, 3, 15)
    result, found = run(lu, "2026-01-03", "2026-11-21", ["share"], {"minor": True})
    assert result.time_bar(result.results[0], found["lu-milder"]).status == "unknown"
    result, found = run(lu, "2026-01-03", "2026-11-21", ["share"])
    bar = result.time_bar(result.results[0], found["lu-milder"])
    assert bar.barred_after == date(2032, 1, 3) and "minor: unknown" in bar.explanation


def test_a_victim_born_after_the_incident_is_refused(lu):
    from exposure.model.problems import InputError

    with pytest.raises(InputError, match="victim_born: 2027-01-01 is after the incident's date"):
        run(lu, "2026-01-03", "2026-11-21", ["share"], victim_born="2027-01-01")


def test_germany_2024_amendment_is_milder_for_2023_conduct(rules):
    # StGB § 184b: 2021 version "nicht unter einem Jahr"; 2024 version "nicht unter sechs Monaten"; § 2 Abs. 3
    data = {"title": "t", "date": "2023-06-01", "places": ["DE"],
            "facts": {"sexual": True, "synthetic": True, "minor": True, "minor_under_14": True, "realistic": True,
                      "online": True, "organised_group": False},
            "parties": [{"id": "u", "kind": "person", "role": "user", "acts": ["share"],
                         "facts": {"for_profit": False, "habitual_offending": False}}]}
    result = assess(parse_incident_data(data, rules), rules, ["DE"], as_of=date(2026, 11, 21))
    finding = next(f for f in result.results[0].findings if f.offence_id == "de-184b")
    assert finding.version_from == "2024-06-28" and finding.min_prison == Term(6)
    assert "§ 2" in finding.law_note
    then = assess(parse_incident_data(data, rules), rules, ["DE"], as_of=date(2023, 12, 1))
    assert next(f for f in then.results[0].findings if f.offence_id == "de-184b").min_prison == Term(12)


def test_cli_as_of_and_history():
    out = run_cli("assess", str(EXAMPLES / "adult-deepfake-fr.yaml"), "--in", "FR", "--format", "json", "--history",
                  "--as-of", "2026-06-01")
    data = json.loads(out.stdout)
    assert data["as_of"] == "2026-06-01"
    finding = next(f for f in data["results"][0]["findings"] if f["id"] == "fr-226-8")
    assert [v["from"] for v in finding["versions"]] == ["2002-01-01", "2024-05-23"]
    # Code de procédure pénale art. 8: six full years from the day of the offence (2026-01-02)
    assert finding["time_barred_after"] == "2032-01-02"
    assert run_cli("assess", str(EXAMPLES / "adult-deepfake-fr.yaml"), "--as-of", "01/06/2026").returncode == 2



def _time_bar(rules, data: dict, code: str, offence_id: str):
    """The time bar of one offence found for the incident's only party, judged as of 2026-11-21."""
    result = assess(parse_incident_data(data, rules), rules, [code], as_of=date(2026, 11, 21))
    (party,) = result.results
    return result.time_bar(party, next(f for f in party.findings if f.offence_id == offence_id))

def test_gb_creation_and_request_offences_have_a_three_year_limit(rules):
    # Sexual Offences Act 2003 s. 66H(1)(a): "before the end of the period of 3 years beginning with the day on
    # which the offence was committed" (start date plus the period, the pack's convention)
    data = {"title": "t", "date": "2026-03-10", "places": ["GB"],
            "facts": {"sexual": True, "synthetic": True, "real_person": True, "realistic": True, "minor": False,
                      "consent": False},
            "parties": [{"id": "u", "kind": "person", "role": "user", "acts": ["request"],
                         "facts": {"belief_in_consent": False}}]}
    bar = _time_bar(rules, data, "GB", "gb-soa-66f")
    assert (bar.status, bar.barred_after) == ("date", date(2029, 3, 10))


def test_france_child_image_offences_run_ten_years_from_a_minor_victims_majority(rules):
    # Code de procédure pénale art. 8 al. 2: délits of art. 706-47 (10°: art. 227-23) committed against minors
    # "se prescrit par dix années révolues à compter de la majorité de ces derniers"
    data = {"title": "t", "date": "2026-01-10", "places": ["FR"], "victim_born": "2012-05-01",
            "facts": {"sexual": True, "minor": True, "online": True, "organised_group": False},
            "parties": [{"id": "u", "kind": "person", "role": "user", "acts": ["share"]}]}
    bar = _time_bar(rules, data, "FR", "fr-227-23")
    assert (bar.status, bar.barred_after) == ("date", date(2040, 5, 1))


def test_indonesia_new_criminal_code_is_the_milder_law_for_pornography_only(rules):
    # KUHP 2023 Pasal 3(1): the new law applies "kecuali ketentuan peraturan perundang-undangan yang lama
    # menguntungkan bagi pelaku". UU Pornografi Pasal 29 (12 years, Rp6 miliar) against Pasal 407 (10 years, Rp2
    # miliar): the new law is milder. UU ITE Pasal 45(1) (6 years) against Pasal 407 (6 months to 10 years): the old.
    data = {"title": "t", "date": "2025-06-01", "places": ["ID"],
            "facts": {"sexual": True, "synthetic": True, "real_person": True, "minor": False, "consent": False,
                      "online": True},
            "parties": [{"id": "u", "kind": "person", "role": "user", "acts": ["request", "share"]}]}
    result = assess(parse_incident_data(data, rules), rules, ["ID"], as_of=date(2026, 11, 21))
    found = {f.offence_id: f for f in result.results[0].findings}
    pornography, ite = found["id-pornografi-29"], found["id-ite-27-1"]
    assert (pornography.version_from, pornography.maxima.prison) == ("2026-01-02", Term(120))
    assert "milder later law" in pornography.law_note
    assert (ite.version_from, ite.maxima.prison) == ("2024-01-02", Term(72)) and not ite.law_note
    judged_in_2025 = assess(parse_incident_data(data, rules), rules, ["ID"], as_of=date(2025, 12, 31))
    assert {f.offence_id: f.maxima.prison for f in judged_in_2025.results[0].findings}["id-pornografi-29"] == Term(144)
