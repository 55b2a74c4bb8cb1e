"""The engine's shortcuts change nothing: on a corpus of random distinct reports against every shipped pack, its JSON
is byte for byte that of the plain path kept here for the comparison.

The plain path is the engine with nothing remembered (``memo_size=0``: every figure computed afresh, whatever the
turnover) and a worst-case search whose worlds evaluate every offence open to the party in full (citations and
explanation included), as the search is defined, instead of only the offences found in the track, kept lean.
"""

from __future__ import annotations

import json
import random
import sys

from exposure.api import Engine, parse_incident_data
from exposure.engine import evaluate
from exposure.render.json_out import render

from .conftest import ROOT

REPORTS = 150


def _plain_world(self, track, assignment):
    """The world of :meth:`_Tracks.world` as defined: every offence open to the party, evaluated in full."""
    key = (track.id, assignment)
    if key in self.worlds:
        return self.worlds[key]
    env = dict(self.env)
    env.update(assignment)
    contradictions = []
    if self.vocabulary is not None:
        env, contradictions = self.vocabulary.completed(env)
    found = None
    if not contradictions:
        found, _ = evaluate.findings_of(
            self.pack, self.offences, self.incident, self.party, env, self.as_of, self.maxima, evaluate.finding_of
        )
    self.worlds[key] = found
    return found


def _reports(rules, seed: int, n: int) -> list[dict]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import bench  # the benchmark's generator: consistent random incidents (ages, vocabulary links)
    finally:
        sys.path.pop(0)
    return bench._incidents(rules, random.Random(seed), n)


def test_the_engine_writes_what_the_plain_path_writes(rules, monkeypatch):
    codes = list(rules.packs)
    reports = [parse_incident_data(report, rules) for report in _reports(rules, 19, REPORTS)]
    fast = Engine(rules)  # one engine for the whole queue: its memos fill as a long-running worker's do
    written = [render(fast.assess(incident, codes)) for incident in reports]
    monkeypatch.setattr(evaluate._Tracks, "world", _plain_world)
    plain = Engine(rules, memo_size=0)
    for number, (incident, text) in enumerate(zip(reports, written, strict=True), 1):
        expected = render(plain.assess(incident, codes))
        assert text == expected, f"report {number} differs: {json.loads(text)['incident']}"
    searched = [t for text in written for r in json.loads(text)["results"] for t in r["tracks"] if t["worst_case_facts"]]
    assert len(searched) > REPORTS  # the worst case was searched in many tracks


def test_a_track_of_no_finding_or_of_one_is_combined_as_the_rules_would(rules, monkeypatch):
    """The shortcut for no finding and for one finding counted once gives what applying the track's rules gives,
    for every track of every pack, for a person and for a company, whatever the figures' shape."""
    from decimal import Decimal

    from exposure.engine import combine
    from exposure.engine.combine import Entry, combine_track
    from exposure.engine.results import Maxima
    from exposure.model.durations import Term
    from exposure.model.incident import Counts
    from exposure.model.money import Money

    shapes = [
        Maxima(Term(24), Money(Decimal("60000"), "EUR")),
        Maxima(Term(60), None),
        Maxima(None, Money(Decimal("10"), "EUR"), True),
        Maxima(None, None, True),
        Maxima("life", None),
    ]
    cases = [[]] + [[Entry("x", shape)] for shape in shapes] + [[Entry("x", shapes[0], unit="victim")]]
    counts = [Counts(), Counts(victims=3)]

    def combined(track, entries, count, pack, kind):
        out = combine_track(track, entries, count, pack.groups, lambda cap: cap, kind)
        return (out.maxima, out.upper_bound, out.acts, out.counted, out.trail, out.notes)

    shortcut = {}
    for pack in rules.packs.values():
        for track in pack.tracks.values():
            for i, entries in enumerate(cases):
                for j, count in enumerate(counts):
                    for kind in ("person", "company"):
                        shortcut[pack.code, track.id, i, j, kind] = combined(track, entries, count, pack, kind)
    monkeypatch.setattr(combine, "_single", lambda entries, count: None)
    for (code, track_id, i, j, kind), found in shortcut.items():
        pack = rules.packs[code]
        assert found == combined(pack.tracks[track_id], cases[i], counts[j], pack, kind), (code, track_id, i, j)
