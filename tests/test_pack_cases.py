"""Every case in rules/<code>.tests.yaml, run against its pack. Expected values there come from the statutes."""


import pytest

from exposure.load.catalog import pack_files
from exposure.check.pack_tests import run_case_file, case_file_for

from .conftest import RULES


def collect():
    from exposure.api import load_rules

    rules = load_rules()
    cases = []
    for pack_file in pack_files(RULES):
        tests = case_file_for(pack_file)
        code = pack_file.stem.upper()
        for result in run_case_file(tests, f"rules/{tests.name}", code, rules):
            cases.append(pytest.param(result, id=f"{code}:{result.line}:{result.name}"))
    return cases


@pytest.mark.parametrize("case", collect())
def test_pack_case(case):
    assert case.passed, f"{case.file}:{case.line}:{case.col}: {case.name}\n  " + "\n  ".join(case.failures)


def test_every_pack_has_test_cases():
    for pack_file in pack_files(RULES):
        assert case_file_for(pack_file).is_file(), f"{pack_file.name} has no {pack_file.stem}.tests.yaml"


def test_every_offence_and_aggravation_is_exercised(rules):
    exercised = set()
    for pack_file in pack_files(RULES):
        tests = case_file_for(pack_file)
        for result in run_case_file(tests, tests.name, pack_file.stem.upper(), rules):
            exercised |= result.exercised
    missing = []
    for pack in rules.packs.values():
        for offence in pack.offences:
            if (offence.id, "") not in exercised:
                missing.append(offence.id)
            for version in offence.versions:
                for agg in version.aggravations:
                    if (offence.id, agg.id) not in exercised:
                        missing.append(f"{offence.id}/{agg.id}")
    assert not missing, f"not exercised by any pack test case: {sorted(set(missing))}"
