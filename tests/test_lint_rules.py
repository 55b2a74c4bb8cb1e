"""The lint registry: every rule is documented with a failing and a passing snippet, is caught on a pack that
breaks it and silent on one that does not, can be disabled, and its reference is generated from the registry."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from exposure.api import load_rules
from exposure.check.rules import RULES, reference
from exposure.check.runner import lint_pack
from exposure.load.packs import read_pack
from exposure.load.yaml_source import load

from .conftest import run_cli

TODAY = date(2026, 11, 21)
PACK = """\
schema: 2
pack: LU
name: {local: Exempleland, en: Exampleland}
language: en
currency: EUR
sources:
  s1: {cite: "Code, art. 1", url: "https://example.org/1", checked: 2026-11-01, grade: official}
tracks:
  criminal:
    kind: criminal
    enforcer: {local: Court, en: Court}
    one_act: {rule: highest, quote: "one penalty of the highest", source: s1}
    several_acts: {rule: sum, upper_bound: true, quote: "consecutive penalties", source: s1}
offences:
  - id: t-1
    title: {local: Sharing, en: Sharing}
    applies_to: {kinds: [person]}
    when: sexual and share
    versions:
      - in_force: {from: 2024-01-01}
        prison: {max: 2 years, quote: "imprisonment for two years", source: s1}
        fine: {max: 30000 EUR, quote: "a fine of 30 000 euros", source: s1}
        aggravations:
          - id: online
            title: {local: Online, en: Online}
            when: online
            prison: {max: 3 years, quote: "three years if online", source: s1}
"""

# rule id -> (text to replace in PACK, its replacement): the smallest edit that breaks the rule
BREAKS = {
    "L305": ('quote: "imprisonment for two years"', 'quote: "imprisonment for twenty years"'),
    "L306": ("checked: 2026-11-01", "checked: 2099-01-01"),
    "L307": ("max: 30000 EUR", "max: 30000 USD"),
    "L308": ('fine: {max: 30000 EUR, quote: "a fine of 30 000 euros", source: s1}',
             'fine: {max: 30000 EUR, quote: "imprisonment for two years", source: s1, note: "derived"}'),
    "L310": ('max: 3 years, quote: "three years if online"', 'max: 1 year, quote: "one year if online"'),
    "L311": ('  s1: {cite:', '  s2: {cite: "Code, art. 2", url: "https://example.org/2", checked: 2026-11-01, grade: official}\n  s1: {cite:'),
    "L312": ("grade: official}", "grade: secondary}"),
    "L313": ('fine: {max: 30000 EUR, quote: "a fine of 30 000 euros", source: s1}', 'fine: {todo: "the fine was not read"}'),
    "L314": ('fine: {max: 30000 EUR, quote: "a fine of 30 000 euros", source: s1}',
             'fine: {max: 30000 EUR, next_review: 2026-01-01, quote: "a fine of 30 000 euros", source: s1}'),
}


def codes(text: str, **options) -> set[str]:
    pack = read_pack(load(text, "lu.yaml"), load_rules().vocabulary, "0" * 64)
    return {p.code for p in lint_pack(pack, today=TODAY, **options)}


def test_the_clean_pack_breaks_no_rule():
    assert codes(PACK) == set()


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_each_rule_catches_its_failing_edit_and_can_be_disabled(rule):
    old, new = BREAKS[rule.id]
    assert old in PACK
    broken = PACK.replace(old, new, 1)
    assert rule.id in codes(broken)
    assert rule.id not in codes(broken, disabled=frozenset({rule.id}))


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_each_rule_is_documented_with_a_failing_and_a_passing_snippet(rule):
    assert rule.id[0] == "L" and rule.severity in ("error", "warning") and rule.title
    assert "Failing" in rule.doc and "Passing" in rule.doc, f"{rule.id}: document a failing and a passing snippet"
    assert rule.id in BREAKS, f"{rule.id}: add its failing edit to BREAKS"


def test_the_rules_reference_is_generated_from_the_registry():
    committed = (Path(__file__).resolve().parents[1] / "docs" / "lint-rules.md").read_text(encoding="utf-8")
    assert committed == reference(), "run: exposure check --list-rules --rules-format markdown > docs/lint-rules.md"


def test_cli_lists_the_rules_disables_them_and_is_strict_on_request(tmp_path):
    listed = run_cli("check", "--list-rules")
    assert listed.returncode == 0 and all(f"{rule.id} ({rule.severity})" in listed.stdout for rule in RULES)
    warned = PACK.replace(*BREAKS["L312"])
    (tmp_path / "lu.yaml").write_text(warned, encoding="utf-8")
    (tmp_path / "lu.tests.yaml").write_text(
        "- name: shared\n  incident: {date: 2025-01-01, places: [LU], facts: {sexual: true, online: true},"
        " parties: [{id: u, kind: person, role: user, acts: [share]}]}\n"
        "  expect: [{party: u, findings: {t-1: {status: applies, aggravations: [online], max_prison: 3 years}}}]\n",
        encoding="utf-8")
    assert run_cli("check", str(tmp_path / "lu.yaml")).returncode == 0
    strict = run_cli("check", "--strict", str(tmp_path / "lu.yaml"))
    assert strict.returncode == 1 and "L312 (warning)" in strict.stdout
    assert run_cli("check", "--strict", "--disable", "L312", str(tmp_path / "lu.yaml")).returncode == 0
    unknown = run_cli("check", "--disable", "L999")
    assert unknown.returncode == 2 and "no rule L999" in unknown.stderr


def test_l312_counts_the_figures_a_class_carries_for_an_offence_whose_class_rests_on_a_secondary_source(rules):
    """Tex. Penal Code § 43.235 (S.B. 20, read in a secondary copy) puts the offence in the state jail felony
    class, and its repeat forms in the third- and second-degree felony classes: six class figures (a prison and a
    fine each) rest on tx-sb-20, whose own figures are none."""
    from exposure.check.rules import l312_secondary_source

    found = [p.message for p in l312_secondary_source.check(rules.packs["US-TX"], None) if "'tx-sb-20'" in p.message]
    assert len(found) == 1 and found[0].startswith("6 figure(s) rest on secondary source 'tx-sb-20'")
