"""`exposure check`: a copy of the France pack with one mistake of each kind gets the right located message."""

import json
import shutil
from datetime import date

import pytest

from exposure.check.runner import check

from .conftest import RULES, position, run_cli

FR = (RULES / "fr.yaml").read_text(encoding="utf-8")
FR_TESTS = (RULES / "fr.tests.yaml").read_text(encoding="utf-8")
TODAY = date(2026, 12, 3)

BASE_PRISON = "prison: {max: 2 years, evidence: cp-226-8-1}"
BASE_FINE = "fine: {max: 60000 EUR, evidence: cp-226-8-1}"

# (kind of mistake, old text, new text, (line marker, token, nth line with the marker), code, part of the message)
MISTAKES = [
    ("YAML syntax", "schema: 2\n", "schema: [2\n", ("pack: FR", ":"), "E004",
     "YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence started at line "),
    ("duplicate key", "language: fr\n", "language: fr\nlanguage: en\n", ("language: en", "language"), "E005", "duplicate key 'language'"),
    ("unknown key", "currency: EUR\n", "curency: EUR\n", ("curency", "curency"), "E102", "the document: unknown key 'curency' (did you mean 'currency'?)"),
    ("missing key", "language: fr\n", "", ("schema: 2", "schema"), "E103", "the document: missing required key 'language'"),
    ("wrong type", "  factor: 5\n", "  factor: five\n", ("factor: five", "five"), "E101", "company_fine.factor: expected a number"),
    ("undeclared fact", "when: sexual_deepfake and not consent and disclosure", "when: sexual_deepfake and not consnt and disclosure",
     ("consnt", "consnt"), "E202", "offences[0].when: unknown name 'consnt' in condition (did you mean 'consent'?)"),
    ("and/or mixed", "when: sexual_deepfake and not consent and disclosure", "when: sexual_deepfake and not consent or disclosure",
     ("or disclosure", "or"), "E202", "offences[0].when: 'and' and 'or' are mixed without parentheses"),
    ("unknown source", "    text: \"Est puni de deux ans d'emprisonnement et de 60 000 euros d'amende\"\n    source: cp-226-8-1\n",
     "    text: \"Est puni de deux ans d'emprisonnement et de 60 000 euros d'amende\"\n    source: cp-226-8-2\n",
     ("source: cp-226-8-2", "cp-226-8-2"), "E201", "'cp-226-8-2' is not in the pack's sources"),
    ("unknown quote", BASE_FINE, BASE_FINE.replace("evidence: cp-226-8-1", "evidence: cp-226-8-2"), ("evidence: cp-226-8-2", "cp-226-8-2"),
     "E201", "fine.evidence: 'cp-226-8-2' is not in the pack's quotes (did you mean 'cp-226-8-al2'?)"),
    ("duplicate offence id", "  - id: fr-226-8\n", "  - id: fr-226-8-1\n", ("  - id: fr-226-8-1", "fr-226-8-1", 2), "E203", "duplicate offence id 'fr-226-8-1'"),
    ("impossible date", "in_force: {from: 2024-05-23}\n        enacted_by: \"Loi n° 2024-449 du 21 mai 2024 visant",
     "in_force: {from: 2024-05-32}\n        enacted_by: \"Loi n° 2024-449 du 21 mai 2024 visant", ("2024-05-32", "2024-05-32"), "E101", "is not a real date"),
    ("to before from", "in_force: {from: 2002-01-01, to: 2024-05-23}", "in_force: {from: 2002-01-01, to: 2001-05-23}", ("2001-05-23", "2001-05-23"), "E302",
     "'to' (2001-05-23) must be after 'from' (2002-01-01)"),
    ("minimum above maximum", BASE_PRISON, BASE_PRISON.replace("max: 2 years,", "max: 2 years, min: 3 years,"), ("min: 3 years", "3 years"), "E301",
     "the minimum (3 years) exceeds the maximum (2 years)"),
    ("invalid currency", BASE_FINE, BASE_FINE.replace("60000 EUR", "60000 EUX"), ("60000 EUX", "60000 EUX"), "E101", "'EUX' is not an ISO 4217 currency code"),
    ("malformed URL", "    url: https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000049567458\n",
     "    url: legifrance.gouv.fr/LEGIARTI000049567458\n", ("url: legifrance.gouv.fr/LEGI", "legifrance"), "E303", "is not an http(s) URL"),
    ("element named like a fact", "      sexual_deepfake: sexual and synthetic and real_person", "      online: sexual and synthetic and real_person",
     ("online: sexual", "online"), "E204", "element 'online' has the name of a declared fact"),
    ("quote does not state the figure", BASE_FINE, BASE_FINE.replace("max: 60000 EUR", "max: 6000 EUR"), ("fine: {max: 6000 EUR", "{max"), "L305",
     "fr-226-8-1 (from 2024-05-23) fine: quote «Est puni de deux ans d'emprisonnement et de 60 000 euros d'amende» does not state 6000"),
    ("aggravation lowers a maximum", "prison: {max: 3 years, evidence: cp-226-8-1-al3}", "prison: {max: 1 year, evidence: cp-226-8-1-al3, note: derived}",
     ("prison: {max: 1 year", "{max"),
     "L310", "an aggravation never lowers a maximum: prison 1 year is lower than the base 2 years"),
    ("source checked in the future", "    checked: 2026-11-21\n    grade: mirror\n  cp-226-8:", "    checked: 2027-11-21\n    grade: mirror\n  cp-226-8:",
     ("cp-226-8-v2002:", "cp-226-8-v2002"), "L306", "source 'cp-226-8-v2002' has a checked date in the future"),
]


def run_with(tmp_path, pack_text: str, tests_text: str = FR_TESTS):
    (tmp_path / "fr.yaml").write_text(pack_text, encoding="utf-8")
    (tmp_path / "fr.tests.yaml").write_text(tests_text, encoding="utf-8")
    shutil.copy(RULES / "vocabulary.yaml", tmp_path / "vocabulary.yaml")
    return check([tmp_path / "fr.yaml"], today=TODAY)


def test_shipped_france_pack_is_clean(tmp_path):
    report = run_with(tmp_path, FR)
    assert report.errors == []
    assert len(report.cases) >= 13 and all(c.passed for c in report.cases)


@pytest.mark.parametrize("kind, old, new, token, code, message", MISTAKES, ids=[m[0] for m in MISTAKES])
def test_each_kind_of_mistake_gets_its_located_message(tmp_path, kind, old, new, token, code, message):
    assert old in FR, kind
    text = FR.replace(old, new, 1)
    report = run_with(tmp_path, text)
    expected_position = position(text, *token)
    lines = [p.coded() for p in report.problems]
    wanted = [line for line in lines if f":{expected_position}: {code}" in line and message in line]
    assert wanted, (f"fr.yaml:{expected_position}: {code}: ...{message}", lines)


def test_a_pack_that_does_not_load_is_said_to_be_unchecked(tmp_path):
    from exposure.render.check_out import summary

    report = run_with(tmp_path, FR.replace("currency: EUR\n", "curency: EUR\n", 1))
    assert report.errors and report.unchecked and report.cases == []
    assert "not yet linted or tested, until they load" in summary(report)
    assert "not yet linted" not in summary(run_with(tmp_path, FR))


def test_one_run_reports_the_pack_errors_and_its_test_files_errors_together(tmp_path):
    pack = FR.replace("currency: EUR\n", "curency: EUR\n", 1)
    tests = FR_TESTS.replace("status: applies", "status: aplies", 1).replace("minor: false", "minor: nope", 1)
    report = run_with(tmp_path, pack, tests)
    lines = [p.coded() for p in report.problems]
    assert any("fr.yaml:" in line and "E102" in line and "curency" in line for line in lines), lines
    status = position(tests, "status: aplies", "aplies")
    assert any(f"fr.tests.yaml:{status}: E101" in line and "expected one of applies, possible" in line for line in lines)
    minor = position(tests, "minor: nope", "nope")
    assert any(f"fr.tests.yaml:{minor}:" in line and "minor" in line for line in lines), lines


def test_every_bad_incident_of_a_test_file_is_reported_at_once(tmp_path):
    tests = FR_TESTS.replace("minor: false", "minor: nope")
    assert tests.count("minor: nope") >= 2
    report = run_with(tmp_path, FR, tests)
    bad = [p for p in report.problems if p.file.endswith("fr.tests.yaml") and "minor" in p.message]
    assert len(bad) == tests.count("minor: nope"), [p.coded() for p in report.problems]


def test_stale_source_is_a_warning(tmp_path):
    report = check([RULES / "fr.yaml"], today=date(2028, 1, 1), max_age_days=365)
    stale = [p for p in report.problems if p.code == "L306"]
    assert stale and all(p.severity == "warning" for p in stale)
    assert report.errors == []


def test_failing_case_shows_expected_actual_and_trail(tmp_path):
    tests = FR_TESTS.replace("fr-226-8-1: {status: applies, aggravations: [online], max_prison: 3 years, max_fine: 75000 EUR}",
                             "fr-226-8-1: {status: applies, aggravations: [online], max_prison: 4 years, max_fine: 75000 EUR}", 1)
    report = run_with(tmp_path, FR, tests)
    failure = next(p for p in report.problems if p.code == "T401")
    assert f"{failure.line}:{failure.col}" == position(tests, "- name: adult sexual deepfake shared online", "name")
    assert "max_prison: expected 4 years, got 3 years" in failure.message
    assert "trail:" in failure.message and "226-8-1" in failure.message


def test_unexercised_offence_is_reported(tmp_path):
    first_case_only = FR_TESTS.split("\n- name: sexual deepfake sent privately")[0] + "\n"
    report = run_with(tmp_path, FR, first_case_only)
    unexercised = {p.message for p in report.problems if p.code == "T402"}
    assert "no test case exercises offence 'fr-227-23-possession'" in unexercised
    assert "no test case exercises aggravation 'fr-227-23/organised-gang'" in unexercised
    assert all(p.severity == "warning" for p in report.problems if p.code == "T402")


def test_cli_formats_and_exit_codes(tmp_path):
    out = run_cli("check")
    assert out.returncode == 0, out.stdout + out.stderr
    assert "0 errors" in out.stderr
    broken = FR.replace("currency: EUR", "curency: EUR")
    (tmp_path / "fr.yaml").write_text(broken, encoding="utf-8")
    (tmp_path / "fr.tests.yaml").write_text(FR_TESTS, encoding="utf-8")
    bad = run_cli("check", str(tmp_path / "fr.yaml"), "--format", "json")
    assert bad.returncode == 1
    data = json.loads(bad.stdout)
    line, col = map(int, position(broken, "curency", "curency").split(":"))
    assert any(p["code"] == "E102" and (p["line"], p["col"]) == (line, col) for p in data["problems"])
    github = run_cli("check", str(tmp_path / "fr.yaml"), "--format", "github")
    assert github.stdout.startswith("::error file=") and ",title=E102::" in github.stdout
