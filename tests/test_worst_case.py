"""The worst-case search settles a track's unknown facts by evaluating again only what can still change: the
offences with a finding in that track (a false condition stays false however its unknowns are settled)."""

from __future__ import annotations

from exposure.api import Engine, parse_incident_data
from exposure.engine import evaluate


def test_a_world_evaluates_only_the_offences_found_in_its_own_track(rules, monkeypatch):
    # A platform against the EU pack: AI Act and GDPR findings are possible (consent, a minor, marking unknown);
    # the DSA offences are false for a platform that is not said to be very large.
    seen: list[list[str]] = []
    real = evaluate.findings_of

    def recording(pack, offences, *args, **kwargs):
        seen.append([offence.id for offence, _ in offences])
        return real(pack, offences, *args, **kwargs)

    monkeypatch.setattr(evaluate, "findings_of", recording)
    report = {
        "title": "t", "date": "2026-12-03", "places": ["FR"], "facts": {"sexual": True, "real_person": True},
        "parties": [{"id": "p", "kind": "company", "role": "platform", "turnover": "5_000_000_000 EUR",
                     "acts": ["host", "provide_tool"]}],
    }
    (result,) = Engine(rules).assess(parse_incident_data(report, rules), ["EU"]).results
    by_track: dict[str, set[str]] = {}
    for finding in result.findings:
        by_track.setdefault(finding.track, set()).add(finding.offence_id)
    assert set(by_track) == {"ai-act", "gdpr"}  # two tracks with possible findings: each searched on its own
    base, *worlds = seen
    assert len(base) > sum(map(len, by_track.values()))  # the incident's own facts: every offence open to it
    assert worlds and all(set(world) in by_track.values() for world in worlds)
    assert {track.track for track in result.tracks if track.worst_facts} == {"ai-act", "gdpr"}
