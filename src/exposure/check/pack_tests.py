"""Pack test cases: ``rules/<code>.tests.yaml`` beside each pack, in the style of OpenFisca's YAML tests.

Each case is a short incident and what the statute says must come out of it::

    - name: adult victim, shared online → aggravated maxima
      why: "art. 226-8-1 al. 3: trois ans d'emprisonnement et 75 000 euros d'amende en ligne"
      incident: {date: 2026-01-02, places: [FR], facts: {...},
                 parties: [{id: u, kind: person, role: user, acts: [share]}]}
      expect:
        - party: u
          findings:
            fr-226-8-1: {status: applies, aggravations: [online], max_prison: 3 years, max_fine: 75000 EUR}
          absent: [fr-226-2-1]
          max: {prison: 3 years, fine: 75000 EUR}

Expected values are written as a lawyer reads them in the statute (``3 years``, ``75000 EUR``), never copied from
the program's output. A failing case reports the expected and the actual value and the finding's trail.
"""

from __future__ import annotations

from pathlib import Path

from ..engine.engine import Engine
from ..engine.fines import display as fine_display
from ..engine.results import Maxima, PartyResult
from ..load.incidents import read_incident
from ..load.reading import BAD, Reader, ok
from ..load.yaml_source import Document, load_file
from ..model.durations import Term, parse_term, term_display
from ..model.money import parse_money
from ..model.problems import InputError, Problem
from ..model.records import record
from ..model.rules import RuleSet

FINDING_KEYS = (
    "questions",
    "status",
    "aggravations",
    "possible_aggravations",
    "unknown_facts",
    "aggravation_unknowns",
    "max_prison",
    "max_fine",
    "min_prison",
)


STATUSES = ("applies", "possible")  # what a finding's status can be (an offence that cannot apply is ``absent``)


class _AnyQuestion:
    """Stands for the questions of law of a pack that did not load: an incident may name any of them (the names
    are checked once the pack loads)."""

    def __contains__(self, name: object) -> bool:
        return True

    def __iter__(self):
        return iter(())

    def __len__(self) -> int:
        return 0


@record
class CaseResult:
    """The outcome of one pack test case: where it is, and what differed from the statute's figures."""

    name: str
    file: str
    line: int
    col: int
    failures: tuple[str, ...]
    exercised: frozenset[tuple[str, str]]  # (offence id, aggravation id or "") seen in this case

    @property
    def passed(self) -> bool:
        return not self.failures


def case_file_for(pack_file: str | Path) -> Path:
    path = Path(pack_file)
    return path.with_name(path.stem + ".tests.yaml")


def _expected_prison(text):
    if text is None or text == "none":
        return None
    return parse_term(str(text))


def _expected_fine(text):
    if text is None or text == "none":
        return None
    if text in ("unlimited", "discretionary"):
        return text
    return parse_money(str(text))


def _same_prison(expected: object, actual: object) -> bool:
    if isinstance(expected, Term) and isinstance(actual, Term):
        return expected.months == actual.months and expected.days == actual.days
    return expected == actual


MAXIMA_KEYS = ("prison", "fine", "prison_or_fine")
TRACK_KEYS = ("max", "worst_case", "upper_bound", "worst_case_facts", "worst_case_readings", "acts")


def _compare_maxima(label: str, spec: dict, actual: Maxima | None, failures: list[str]) -> None:
    if actual is None:
        actual = Maxima(None, None)
    if "prison_or_fine" in spec and bool(spec["prison_or_fine"]) != actual.alternative:
        failures.append(
            f"{label}.prison_or_fine: expected {str(bool(spec['prison_or_fine'])).lower()}, "
            f"got {str(actual.alternative).lower()}"
        )
    if "prison" in spec:
        expected = _expected_prison(spec["prison"])
        if not _same_prison(expected, actual.prison):
            failures.append(f"{label}.prison: expected {term_display(expected)}, got {term_display(actual.prison)}")
    if "fine" in spec:
        expected = _expected_fine(spec["fine"])
        if expected != actual.fine:
            failures.append(f"{label}.fine: expected {fine_display(expected)}, got {fine_display(actual.fine)}")


def _check_party(spec: dict, result: PartyResult, failures: list[str]) -> None:
    found = {f.offence_id: f for f in result.findings}
    prefix = f"{result.jurisdiction}/{result.party}"
    for oid, expected in (spec.get("findings") or {}).items():
        finding = found.get(oid)
        if finding is None:
            failures.append(f"{prefix}: expected a finding {oid}, got none (findings: {', '.join(found) or 'none'})")
            continue
        errors: list[str] = []
        if "status" in expected and expected["status"] != finding.status:
            errors.append(f"status: expected {expected['status']}, got {finding.status}")
        listed: tuple[tuple[str, tuple[str, ...]], ...] = (
            ("aggravations", finding.aggravations),
            ("possible_aggravations", finding.possible_aggravations),
            ("unknown_facts", tuple(finding.unknown_facts)),
            ("aggravation_unknowns", tuple(finding.aggravation_unknowns)),
            ("questions", tuple(finding.questions)),
        )
        for key, names in listed:
            if key in expected and sorted(expected[key] or ()) != sorted(names):
                errors.append(f"{key}: expected {sorted(expected[key] or ())}, got {sorted(names)}")
        for key, actual in (("max_prison", finding.maxima.prison), ("min_prison", finding.min_prison)):
            if key in expected:
                want = _expected_prison(expected[key])
                if not _same_prison(want, actual):
                    errors.append(f"{key}: expected {term_display(want)}, got {term_display(actual)}")
        if "max_fine" in expected:
            want = _expected_fine(expected["max_fine"])
            if want != finding.maxima.fine:
                errors.append(f"max_fine: expected {fine_display(want)}, got {fine_display(finding.maxima.fine)}")
        if errors:
            trail = "\n      ".join(finding.trail)
            failures.append(f"{prefix} {oid}: " + "; ".join(errors) + f"\n    trail:\n      {trail}")
    for oid in spec.get("absent") or ():
        if oid in found:
            failures.append(f"{prefix}: expected no finding {oid}, got {found[oid].status}")
    tracks = {t.track: t for t in result.tracks}
    if any(key in spec for key in TRACK_KEYS):  # the party's only track (none: nothing applies)
        if len(tracks) > 1:
            failures.append(
                f"{prefix}: the party has exposure in several tracks ({', '.join(tracks)}): expect each under tracks:"
            )
        else:
            _check_track(prefix, spec, next(iter(tracks.values()), None), failures)
    for tid, tspec in (spec.get("tracks") or {}).items():
        if tspec is None or tspec == "none":
            if tid in tracks:
                failures.append(f"{prefix} track {tid}: expected no exposure, got {_maxima_text(tracks[tid].max)}")
            continue
        if tid not in tracks:
            failures.append(
                f"{prefix}: expected exposure in track {tid}, got none (tracks: {', '.join(tracks) or 'none'})"
            )
            continue
        _check_track(f"{prefix} track {tid}", tspec, tracks[tid], failures)
    if "measures" in spec:
        got = sorted(m.id for m in result.measures)
        if sorted(spec["measures"] or ()) != got:
            failures.append(f"{prefix} measures: expected {sorted(spec['measures'] or ())}, got {got}")


def _maxima_text(m: Maxima | None) -> str:
    return "none" if m is None else f"prison {term_display(m.prison)}, fine {fine_display(m.fine)}"


def _check_track(label: str, spec: dict, track, failures: list[str]) -> None:
    before = len(failures)
    for key, actual in (
        ("max", track.max if track else None),
        ("worst_case", track.worst if track else None),
        ("upper_bound", track.upper_bound if track else None),
    ):
        if key in spec:
            _compare_maxima(f"{label} {key}", spec[key] or {}, actual, failures)
    for key, attribute in (("worst_case_facts", "worst_facts"), ("worst_case_readings", "worst_readings")):
        if key in spec:
            got = dict(getattr(track, attribute)) if track else {}
            if dict(spec[key] or {}) != got:
                failures.append(f"{label} {key}: expected {spec[key]}, got {got}")
    if "acts" in spec and (track.acts if track else 0) != spec["acts"]:
        failures.append(f"{label} acts: expected {spec['acts']}, got {track.acts if track else 0}")
    if track is not None and len(failures) > before and track.trail:
        failures.append("    combination:\n      " + "\n      ".join(track.trail))


class _TestsReader(Reader):
    def validate_case(self, i: int) -> dict | object:
        path = (i,)
        node = self.mapping(path, required=("name", "incident", "expect"), optional=("why",))
        if node is BAD:
            return BAD
        self.text(path + ("name",)) if "name" in node else None
        expects = self.sequence(path + ("expect",)) if "expect" in node else BAD
        if expects is BAD:
            return BAD
        for j in range(len(expects)):
            epath = path + ("expect", j)
            spec = self.mapping(
                epath, required=("party",), optional=("findings", "absent", "tracks", "measures", *TRACK_KEYS)
            )
            if spec is BAD:
                continue
            self._track_spec(epath, spec)
            if "tracks" in spec and self.mapping(epath + ("tracks",), any_keys=True) is not BAD:
                for tid, tspec in spec["tracks"].items():
                    if (
                        tspec not in (None, "none")
                        and self.mapping(epath + ("tracks", tid), optional=TRACK_KEYS) is not BAD
                    ):
                        self._track_spec(epath + ("tracks", tid), tspec)
            if "findings" in spec and self.mapping(epath + ("findings",), any_keys=True) is not BAD:
                for oid, fspec in spec["findings"].items():
                    fpath = epath + ("findings", oid)
                    if self.mapping(fpath, optional=FINDING_KEYS) is not BAD:
                        if "status" in fspec:
                            self.choice(fpath + ("status",), STATUSES)
                        self._values(
                            fpath,
                            fspec,
                            {
                                "max_prison": _expected_prison,
                                "min_prison": _expected_prison,
                                "max_fine": _expected_fine,
                            },
                        )
        return node

    def _track_spec(self, path: tuple, spec: dict) -> None:
        for key in ("max", "worst_case", "upper_bound"):
            if key in spec and spec[key] is not None:
                self.mapping(path + (key,), optional=MAXIMA_KEYS)
                self._values(path + (key,), spec[key], {"prison": _expected_prison, "fine": _expected_fine})

    def _values(self, path: tuple, spec: dict, parsers: dict) -> None:
        if not isinstance(spec, dict):
            return
        for key, parser in parsers.items():
            if key in spec:
                try:
                    parser(spec[key])
                except ValueError as exc:
                    self.fail(path + (key,), f"{self.label(path + (key,))}: {exc}")


def _read_case_file(path: Path, display: str, vocabulary, questions) -> tuple[Document, list, list]:
    """The document, its cases and each case's incident, or InputError listing every problem of the file: its
    structure, then the incidents of all its cases (not only the first bad one)."""
    doc = load_file(path, display)
    reader = _TestsReader(doc)
    read = reader.sequence(())
    if read is BAD:
        reader.raise_if_problems()
    cases = ok(read)
    incidents = []
    for i, case in enumerate(cases):
        reader.validate_case(i)
        if not isinstance(case, dict) or "incident" not in case:
            continue  # reported by validate_case
        try:
            incidents.append(read_incident(_incident_document(doc, i, case), vocabulary, questions))
        except InputError as exc:
            reader.problems.extend(exc.problems)
    reader.raise_if_problems()
    return doc, cases, incidents


def validate_case_file(path: Path, display: str, vocabulary) -> list[Problem]:
    """The problems of a tests file whose pack did not load: its structure and its incidents, so that one run of
    ``exposure check`` reports them beside the pack's own errors (the cases run once the pack loads)."""
    try:
        _read_case_file(path, display, vocabulary, _AnyQuestion())
    except InputError as exc:
        return list(exc.problems)
    return []


def run_case_file(path: Path, display: str, code: str, rules: RuleSet) -> list[CaseResult]:
    """Run every case of one tests file against the pack ``code``. Raises InputError for a malformed file."""
    doc, cases, incidents = _read_case_file(path, display, rules.vocabulary, rules.questions)
    pack = rules.packs.get(code)
    if pack is None:
        raise InputError([Problem(display, 1, 1, f"no pack '{code}' for this tests file", "T400")])
    engine = Engine(rules)
    return [
        _run_case(doc, i, case, incident, pack, engine)
        for i, (case, incident) in enumerate(zip(cases, incidents, strict=True))
    ]


def _incident_document(doc: Document, i: int, case: dict) -> Document:
    """Case ``i``'s incident as a document of its own, with the file's line marks (its title is the case's name)."""
    incident_data = case["incident"]
    if isinstance(incident_data, dict):
        incident_data = {"title": str(case.get("name") or "unnamed case"), **incident_data}
    return Document(
        doc.file,
        incident_data,
        {k[2:]: v for k, v in doc.marks.items() if k[:2] == (i, "incident")},
        {k[2:]: v for k, v in doc.key_marks.items() if k[:2] == (i, "incident")},
    )


def _run_case(doc: Document, i: int, case: dict, incident, pack, engine: Engine) -> CaseResult:
    line, col = doc.mark((i,))
    failures: list[str] = []
    exercised: set[tuple[str, str]] = set()
    parties = {p.id: p for p in incident.parties}
    for spec in case["expect"]:
        party = parties.get(spec["party"])
        if party is None:
            failures.append(f"expect: no party '{spec['party']}' in the incident")
            continue
        result = engine.assess_party(pack, incident, party)
        for finding in result.findings:
            exercised.add((finding.offence_id, ""))
            for agg in finding.aggravations + finding.possible_aggravations:
                exercised.add((finding.offence_id, agg))
        _check_party(spec, result, failures)
    return CaseResult(case["name"], doc.file, line, col, tuple(failures), frozenset(exercised))
