"""Ask only what matters (issue 18): deciding facts, what-if settings, compare --vary and the interview."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exposure import api
from exposure.engine.deciding import _tracks

from .conftest import EXAMPLES, run_cli
from .test_properties import ENGINE, PARTY_FACTS, RULES, incidents

MINIMAL = """\
title: A requested sexual deepfake
date: 2026-03-01
places: [{place}]
parties: [{{id: user, kind: person, role: user, acts: [request, create, share]}}]
"""


def party_tracks(incident, party_id):
    return _tracks(ENGINE.assess(incident), party_id)


def with_value(incident, party_id, name, value):
    if name in RULES.questions:
        setting = f"{name}={'yes' if value else 'no'}"
    elif name in PARTY_FACTS:
        setting = f"party.{party_id}.{name}={str(value).lower()}"
    else:
        setting = f"{name}={str(value).lower()}"
    try:
        return api.with_settings(incident, RULES, [setting])
    except ValueError:  # the value contradicts a stated fact: no such world
        return None


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(incidents(), st.data())
def test_listed_facts_decide_and_unlisted_ones_never_do(data, draw):
    try:
        incident = api.parse_incident_data(data, RULES, "generated")
    except Exception:  # noqa: BLE001 - a contradictory draw is no incident
        return
    for deciding in api.deciding_facts(incident, ENGINE):
        before = party_tracks(incident, deciding.party)
        listed = {f.name for f in deciding.facts}
        for fact in deciding.facts:  # a listed fact changes the party's exposure for at least one value
            outcomes = [with_value(incident, deciding.party, fact.name, v) for v in (True, False)]
            assert any(o is not None and party_tracks(o, deciding.party) != before for o in outcomes), fact.name
        if deciding.bounded:
            continue
        party = next(p for p in incident.parties if p.id == deciding.party)
        unknown = [
            n
            for n in sorted(RULES.vocabulary.facts("incident")) + sorted(RULES.vocabulary.facts("party"))
            if n not in incident.facts and n not in party.facts and n not in listed
        ]
        if not unknown:
            continue
        name = draw.draw(st.sampled_from(unknown))
        for value in (True, False):  # a fact not listed never changes the party's maximum or worst case
            variant = with_value(incident, deciding.party, name, value)
            if variant is not None:
                assert party_tracks(variant, deciding.party) == before, (name, value)


def test_deciding_facts_are_in_the_json_ordered_with_both_outcomes(tmp_path):
    incident = tmp_path / "i.yaml"
    incident.write_text(MINIMAL.format(place="FR"), encoding="utf-8")
    data = json.loads(run_cli("assess", str(incident), "-f", "json", "--deciding", "--as-of", "2026-12-03").stdout)
    user = data["deciding_facts"]["user"]
    assert user["facts"] and user["bounded"] is False
    weights = [(f["worst_case_prison_change_months"], f["tracks_changed"]) for f in user["facts"]]
    assert weights == sorted(weights, reverse=True)
    first = user["facts"][0]
    assert first["meaning"] and (first["if_true"] or first["if_false"])
    # the table shows the same block
    table = run_cli("assess", str(incident), "--deciding", "--as-of", "2026-12-03").stdout
    assert "What would change this — party user:" in table and first["name"] in table


def test_set_changes_the_assessment_without_editing_the_file(tmp_path):
    base = json.loads(run_cli("assess", str(EXAMPLES / "adult-deepfake-fr.yaml"), "--in", "FR", "-f", "json").stdout)
    child = json.loads(
        run_cli("assess", str(EXAMPLES / "adult-deepfake-fr.yaml"), "--in", "FR", "-f", "json", "--set", "minor=true").stdout
    )
    ids = lambda d: {f["id"] for r in d["results"] for f in r["findings"]}  # noqa: E731
    # Code pénal art. 227-23 (an image of a minor) comes in only when the person depicted is a minor
    assert "fr-227-23" in ids(child) and "fr-227-23" not in ids(base)


@pytest.mark.parametrize(
    "setting, message",
    [
        ("minr=true", "no fact or question of law 'minr' (did you mean 'minor'?)"),
        ("minor=maybe", "write NAME=true, NAME=false or NAME=unknown"),
        ("party.nobody.knowledge=true", "no party 'nobody' in the incident"),
        ("knowledge=true", "'knowledge' is a fact about a party: write party.ID.knowledge=true"),
        ("party.requester.share=unknown", "an act is done or not"),
    ],
)
def test_a_bad_setting_is_a_usage_error_naming_it(setting, message):
    out = run_cli("assess", str(EXAMPLES / "adult-deepfake-fr.yaml"), "--set", setting)
    assert out.returncode == 2 and message in out.stderr, out.stderr


def test_compare_vary_shows_each_value(tmp_path):
    out = run_cli("compare", str(EXAMPLES / "adult-deepfake-fr.yaml"), "--in", "FR", "--vary", "minor", "-f", "json")
    data = json.loads(out.stdout)
    assert data["vary"] == "minor" and [v["value"] for v in data["variants"]] == [True, False]
    worst = [v["comparison"]["rows"][0]["worst_case"]["prison"] for v in data["variants"]]
    assert worst[0] != worst[1]  # a minor depicted changes the French worst case (art. 227-23)
    table = run_cli("compare", str(EXAMPLES / "adult-deepfake-fr.yaml"), "--in", "FR", "--vary", "minor").stdout
    assert "minor = true" in table and "minor = false" in table


@pytest.mark.parametrize("place", ["FR", "GB", "US"])
def test_an_interview_driven_by_standard_input_asks_only_what_decides(tmp_path, place):
    start = tmp_path / "start.yaml"
    start.write_text(MINIMAL.format(place=place), encoding="utf-8")
    target = tmp_path / "done.yaml"
    answers = "\n".join(["y", "n", "?"] * 30) + "\n"
    out = run_cli("interview", str(start), "--output", str(target), "--as-of", "2026-12-03", input=answers)
    assert out.returncode == 0, out.stderr
    assert "nothing left would change the answer" in out.stderr
    asked = out.stderr.count("[y/n/?]")
    assert 0 < asked <= 60
    text = target.read_text(encoding="utf-8")
    completed = api.load_incident(target, RULES)
    dont_know = [line.split(": ", 1)[1] for line in text.splitlines() if line.startswith("# don't know: ")]
    # complete: with the "don't know" answers left aside, no unknown fact decides anything any more
    assert all(not d.facts for d in api.deciding_facts(completed, ENGINE, as_of=None, skip=dont_know))
    assert "Not legal advice" in out.stdout  # and the assessment is printed


def test_an_interview_from_nothing_asks_the_basics_first(tmp_path):
    target = tmp_path / "done.yaml"
    basics = "Deepfake shared at school\n2026-02-01\nFR\nperson\nuser\nrequest, create, share\n"
    out = run_cli("interview", "--output", str(target), input=basics + "n\n" * 40)
    assert out.returncode == 0, out.stderr
    completed = api.load_incident(target, RULES)
    assert completed.title == "Deepfake shared at school" and completed.places == ("FR",)


@pytest.mark.slow  # waits for the interview to start, then interrupts it
def test_ctrl_c_keeps_what_was_answered(tmp_path):
    import signal
    import subprocess
    import sys
    import time

    from .conftest import ROOT

    start = tmp_path / "start.yaml"
    start.write_text(MINIMAL.format(place="FR"), encoding="utf-8")
    target = tmp_path / "done.yaml"
    process = subprocess.Popen(
        [sys.executable, "-m", "exposure", "interview", str(start), "--output", str(target), "--as-of", "2026-12-03"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
        env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin"},
    )
    assert process.stdin is not None
    process.stdin.write(b"y\n")  # one answer, then the user stops
    process.stdin.flush()
    time.sleep(3)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 130, err.decode()
    assert "the answers so far are in" in err.decode()
    written = target.read_text(encoding="utf-8")
    assert ": true" in written  # the one answer given was kept
