"""`exposure compare`: conversion with dated reference rates, overrides, stale flags, formats and the API data."""

import csv
import io
import json
from datetime import date
from decimal import Decimal

import pytest

from exposure.api import comparison, load_rate_table
from exposure.model.money import Money
from exposure.engine.conversion import Converter
from exposure.load.rates import parse_override

from .conftest import EXAMPLES, run_cli


@pytest.fixture(scope="module")
def table():
    return load_rate_table()


def test_rate_of_the_incident_date_or_the_nearest_earlier(table):
    # rules/rates.yaml holds the ECB rates of the first business day of each month: 2026-01-02 has USD 1.1721
    converter = Converter(table, date(2026, 1, 15))
    rate = converter.rate("USD")
    assert rate.day == date(2026, 1, 2) and rate.value == Decimal("1.1721")
    assert Converter(table, date(2026, 1, 2)).rate("USD").day == date(2026, 1, 2)
    assert Converter(table, date(2026, 1, 1)).rate("USD").day == date(2025, 12, 1)


def test_conversion_is_exact_and_goes_through_the_euro(table):
    converter = Converter(table, date(2026, 1, 5))
    eur = converter.convert(Money(Decimal("1172.1"), "USD"), "EUR")
    assert eur.converted == Money(Decimal("1000"), "EUR")
    # GBP to USD crosses through the euro: 871.9 GBP = 1000 EUR = 1172.1 USD on 2026-01-02
    usd = converter.convert(Money(Decimal("871.9"), "GBP"), "USD")
    assert usd.converted.amount == Decimal("1172.1")
    assert [r.currency for r in usd.rates] == ["GBP", "USD"]


def test_override_replaces_one_rate(table):
    converter = Converter(table, date(2026, 1, 5), {"GBP": Decimal("0.8")})
    assert converter.convert(Money(Decimal(80), "GBP"), "EUR").converted == Money(Decimal(100), "EUR")
    assert converter.rate("GBP").day is None  # shown as an override
    assert parse_override("gbp=1.17") == ("GBP", Decimal("1.17"))
    for bad in ("GBP", "XXX=1", "GBP=abc", "GBP=-1", "GBP=0"):
        with pytest.raises(ValueError):
            parse_override(bad)


def test_a_rate_more_than_a_year_old_is_flagged(table):
    old = Converter(table, date(2029, 3, 1))  # the table ends in 2026: the newest rate is over a year old
    conversion = old.convert(Money(Decimal(1), "USD"), "EUR")
    assert conversion.stale
    assert not Converter(table, date(2026, 1, 5)).convert(Money(Decimal(1), "USD"), "EUR").stale


def platform_comparison(rules, **kwargs):
    from exposure.api import load_incident

    incident = load_incident(EXAMPLES / "platform-global.yaml", rules)
    return comparison(incident, rules, party="platform", **kwargs)


def test_api_returns_every_pack_as_data_sorted_by_severity(rules, table):
    result = platform_comparison(rules)
    assert {row.jurisdiction for row in result.rows} == set(rules.packs)
    keys = [(row.max.prison is not None, row.max_fine_converted) for row in result.rows]
    amounts = [row.max_fine_converted.amount for row in result.rows if isinstance(row.max_fine_converted, Money)]
    assert amounts == sorted(amounts, reverse=True)
    france = next(row for row in result.rows if row.jurisdiction == "FR")
    # Code pénal art. 131-38 × art. 226-8-1 al. 3: 5 × 75 000 euros, already in euros
    assert france.max_fine_converted == Money(Decimal(375000), "EUR") and france.in_places
    assert keys


def test_a_cap_comparing_turnover_with_a_stated_amount_converts_the_turnover_first(rules, table):
    result = platform_comparison(rules)
    eu = next(row for row in result.rows if row.jurisdiction == "EU" and row.track == "gdpr")
    # GDPR art. 83(5): "up to 20 000 000 EUR, or ... up to 4 % of the total worldwide annual turnover ...,
    # whichever is higher". The turnover, USD 2 600 000 000, is taken in euros at 1 EUR = 1.1721 USD (ECB, 2026-01-02,
    # rules/rates.yaml): EUR 2 218 240 764.44 (to the cent); 4 % of it = EUR 88 729 630.5776 > EUR 20 000 000.
    turnover = (Decimal(2_600_000_000) / Decimal("1.1721")).quantize(Decimal("0.01"))
    assert turnover == Decimal("2218240764.44")
    assert eu.max.fine == Money(turnover * Decimal("0.04"), "EUR")
    assert eu.max_fine_converted == eu.max.fine and not eu.conversions  # already in euros: nothing more converted


def test_a_share_of_turnover_alone_stays_in_the_turnovers_currency(rules, table):
    result = platform_comparison(rules)
    dsa = next(row for row in result.rows if row.jurisdiction == "EU" and row.track == "dsa")
    # DSA art. 74(1): "fines not exceeding 6 % of its total worldwide annual turnover": 6 % of USD 2 600 000 000,
    # exact, then converted for the comparison only: USD 156 000 000 / 1.1721 (ECB, 2026-01-02)
    assert dsa.worst.fine == Money(Decimal(156_000_000), "USD")
    assert dsa.worst_fine_converted.amount == Decimal(156_000_000) / Decimal("1.1721")
    assert any("USD" in c.explain() and "2026-01-02" in c.explain() for c in dsa.conversions)


def test_other_target_currency(rules, table):
    result = platform_comparison(rules, currency="USD")
    france = next(row for row in result.rows if row.jurisdiction == "FR")
    assert france.max_fine_converted == Money(Decimal(375000) * Decimal("1.1721"), "USD")


@pytest.mark.parametrize("fmt", ["table", "json", "markdown", "csv"])
def test_every_format(fmt, tmp_path):
    out = run_cli("compare", str(EXAMPLES / "platform-global.yaml"), "--party", "platform", "--format", fmt, columns=100)
    assert out.returncode == 0, out.stderr
    if fmt == "json":
        data = json.loads(out.stdout)
        assert data["currency"] == "EUR" and data["rates"]["stale"] is False
        fr = next(r for r in data["rows"] if r["jurisdiction"] == "FR")
        assert fr["max"]["fine_converted"] == {"amount": "375000", "currency": "EUR"}
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out.stdout)))
        assert {r["jurisdiction"] for r in rows} >= {"FR", "EU", "GB", "US"}
        france = next(r for r in rows if r["jurisdiction"] == "FR")
        # art. 131-38 × art. 226-8-1 al. 3: 5 × EUR 75,000; typed columns: a number, its kind, its currency
        assert (france["max_fine"], france["max_fine_kind"], france["max_fine_currency"]) == ("375000", "amount", "EUR")
        assert france["status"] == "assessed" and france["max_prison_kind"] == "none" and france["max_prison_months"] == ""
        for r in rows:  # numeric columns hold numbers or nothing
            for col in ("max_fine", "max_fine_converted", "worst_fine_converted", "max_prison_months"):
                assert r[col] == "" or Decimal(r[col]) >= 0, (col, r[col])
    elif fmt == "markdown":
        assert out.stdout.splitlines()[2].startswith("| Where | Party | Proceedings | Max prison | Max fine |")
        assert "Rates: European Central Bank" in out.stdout and "never added together" in out.stdout
    else:
        assert all(len(line) <= 100 for line in out.stdout.splitlines()), "readable at 100 columns"
        assert "  maximum " in out.stdout and "  offence " in out.stdout


def test_rate_override_and_stale_flag_in_the_output(tmp_path):
    out = run_cli("compare", str(EXAMPLES / "platform-global.yaml"), "--party", "platform", "--format", "json", "--rate", "USD=2")
    data = json.loads(out.stdout)
    assert data["rates"]["overrides"] == {"USD": "2"}
    eu = next(r for r in data["rows"] if r["jurisdiction"] == "EU" and r["track"] == "gdpr")
    # the turnover USD 2.6bn = EUR 1.3bn at the override, and 4 % of it = EUR 52m: greater than EUR 20m (art. 83(5))
    assert eu["max"]["fine_converted"] == {"amount": "52000000", "currency": "EUR"}
    incident = (EXAMPLES / "platform-global.yaml").read_text(encoding="utf-8").replace("date: 2026-01-05", "date: 2028-06-01")
    (tmp_path / "later.yaml").write_text(incident, encoding="utf-8")
    later = json.loads(run_cli("compare", str(tmp_path / "later.yaml"), "--party", "platform", "--format", "json").stdout)
    assert later["rates"]["stale"] is True
    assert any("stale rate" in note for row in later["rows"] for note in row["notes"])


def test_html_and_svg_reports(tmp_path):
    html_file, svg_file = tmp_path / "report.html", tmp_path / "report.svg"
    assert run_cli("compare", str(EXAMPLES / "adult-deepfake-fr.yaml"), "--save", str(html_file)).returncode == 0
    assert run_cli("compare", str(EXAMPLES / "platform-global.yaml"), "--save", str(svg_file)).returncode == 0
    page = html_file.read_text(encoding="utf-8")
    # self-contained: two inline charts (fines, prison), nothing loaded from elsewhere
    assert page.startswith("<!DOCTYPE html>") and page.count("<svg") == 2 and "<script" not in page and "<link" not in page
    assert "Maximum fine, converted to EUR" in page and "Maximum prison" in page
    companies = tmp_path / "companies.html"
    assert run_cli("compare", str(EXAMPLES / "platform-global.yaml"), "--save", str(companies)).returncode == 0
    assert "No jurisdiction sets a prison term for these parties." in companies.read_text(encoding="utf-8")
    svg = svg_file.read_text(encoding="utf-8")
    assert svg.startswith("<svg") and "<rect" in svg
    bad = run_cli("compare", str(EXAMPLES / "platform-global.yaml"), "--save", str(tmp_path / "report.pdf"))
    assert bad.returncode == 2


def test_usage_errors():
    assert run_cli("compare", str(EXAMPLES / "platform-global.yaml"), "--currency", "EURO").returncode == 2
    assert run_cli("compare", str(EXAMPLES / "platform-global.yaml"), "--party", "nobody").returncode == 2
    assert run_cli("compare", str(EXAMPLES / "platform-global.yaml"), "--rate", "USD").returncode == 2


def test_charts_draw_only_numbers_to_scale_each_sorted_by_its_own_measure():
    import math
    import re

    from exposure.render.compare_out import _bars, _by_own_measure, render_svg

    items = [("A", 5.0, "EUR 5", 5.0, "EUR 5"), ("B", math.inf, "unlimited", math.inf, "unlimited"),
             ("C", 50.0, "EUR 50", 80.0, "EUR 80"), ("D", None, "no fine", None, "no fine")]
    ordered = [item[0] for item in _by_own_measure(items)]
    assert ordered == ["B", "C", "A", "D"]  # the word first (no figure to scale), then by the maximum
    svg = _bars("t", _by_own_measure(items), 1000, log=False)
    widths = [float(w) for y, w in re.findall(r'<rect x="190" y="(\d+)" width="([\d.]+)"', svg) if y != "24"]
    # bars only for A and C (maximum and worst case): 4 bars, the longest the largest finite value (C's worst case)
    assert len(widths) == 4 and max(widths) == 1000 - 190 - 330
    assert svg.count("l6 -6 l6 6 l-6 6 z") == 1  # B is a marker, not a full-length bar
    report = render_svg(platform_comparison_for_svg())
    assert all(len(line) < 400 for line in re.findall(r"<text[^>]*>([^<]*)</text>", report))  # the footer wraps
    assert "Noto Sans CJK KR" in report


def platform_comparison_for_svg():
    from exposure.api import load_incident, load_rules

    rules = load_rules()
    return comparison(load_incident(EXAMPLES / "platform-global.yaml", rules), rules, party="platform")


def test_assess_says_how_the_turnover_was_taken_in_the_statutes_currency():
    out = run_cli("assess", str(EXAMPLES / "platform-global.yaml"), "--format", "json", "--in", "GB")
    assert out.returncode == 0, out.stderr
    result = next(r for r in json.loads(out.stdout)["results"] if r["party"] == "platform")
    conv = result["turnover_converted"]
    # USD 2 600 000 000 at 1 EUR = 1.1721 USD and 1 EUR = 0.8719 GBP (ECB, 2026-01-02, rules/rates.yaml)
    assert conv["from"] == {"amount": "2600000000", "currency": "USD"}
    assert conv["to"] == {"amount": "1934084122.52", "currency": "GBP"}
    assert [(r["currency"], r["per_eur"], r["date"]) for r in conv["rates"]] == [
        ("USD", "1.1721", "2026-01-02"),
        ("GBP", "0.8719", "2026-01-02"),
    ]
    table = run_cli("assess", str(EXAMPLES / "platform-global.yaml"), "--in", "GB", columns=100).stdout
    assert "taken as GBP 1,934,084,122.52" in " ".join(table.split())


def test_at_80_columns_a_row_with_nothing_found_is_one_line():
    # Every pack is compared, and many find nothing against the AI provider: each such row is one line saying so,
    # instead of a block of empty maxima under an empty heading.
    out = run_cli("compare", str(EXAMPLES / "platform-global.yaml"), "--party", "ai-provider", columns=80).stdout
    lines = out.splitlines()
    nothing = [line for line in lines if line.endswith("no offence found")]
    assert nothing and all(" — no offence found" in line for line in nothing)
    assert "— — ()" not in out
    after = lines[lines.index(nothing[0]) + 1]
    assert not after.lstrip().startswith("maximum")
