"""The France pack's figures, dates and general rules, against the Code pénal text (quoted)."""

from datetime import date
from decimal import Decimal

from exposure.model.durations import Term
from exposure.model import FixedFine
from exposure.model.money import Money


def version(rules, oid, day):
    offence = next(o for o in rules.packs["FR"].offences if o.id == oid)
    return offence.version_on(day)


def test_226_8_1_exists_only_from_the_sren_law(rules):
    # Loi n° 2024-449 du 21 mai 2024, JO du 22 mai 2024: in force on 23 May 2024
    assert version(rules, "fr-226-8-1", date(2024, 5, 22)) is None
    v = version(rules, "fr-226-8-1", date(2024, 5, 23))
    # "Est puni de deux ans d'emprisonnement et de 60 000 euros d'amende"
    assert v.penalty.prison.max == Term(24)
    assert v.penalty.fine.max == FixedFine(Money(Decimal(60000), "EUR"))


def test_226_8_changed_on_2024_05_23(rules):
    old = version(rules, "fr-226-8", date(2024, 5, 22))
    new = version(rules, "fr-226-8", date(2024, 5, 23))
    assert old is not new
    assert [a.id for a in old.aggravations] == [] and [a.id for a in new.aggravations] == ["online"]
    # "un an d'emprisonnement et de 15 000 euros d'amende" in both versions
    assert old.penalty.prison.max == new.penalty.prison.max == Term(12)


def test_227_23_versions_cover_2020_onwards_without_gaps(rules):
    offence = next(o for o in rules.packs["FR"].offences if o.id == "fr-227-23")
    for day in (date(2020, 1, 1), date(2020, 8, 1), date(2021, 4, 22), date(2021, 4, 23), date(2026, 1, 1)):
        assert offence.version_on(day) is not None, day


def test_corporate_rule_and_concurrence(rules):
    pack = rules.packs["FR"]
    # art. 131-38: "égal au quintuple"; 1 000 000 euros where no fine is set for natural persons
    assert pack.company_fine.factor == 5
    assert pack.company_fine.without_person_fine.max == FixedFine(Money(Decimal(1000000), "EUR"))
    # art. 132-3: one penalty of each kind within the highest legal maximum, for one act and for several acts
    criminal = pack.tracks["criminal"]
    assert criminal.one_act.rule == criminal.several_acts.rule == "highest"
    assert "maximum légal le plus élevé" in criminal.several_acts.evidence.quote


def test_every_figure_has_citation_url_quote_and_checked_date(rules):
    pack = rules.packs["FR"]
    figures = []
    for offence in pack.offences:
        for v in offence.versions:
            figures += [v.penalty.prison, v.penalty.fine]
            for agg in v.aggravations:
                figures += [agg.prison, agg.fine]
    for figure in filter(None, figures):
        ev = figure.evidence
        assert ev.quote and ev.source.cite and ev.source.url.startswith("https://") and ev.source.checked
