"""``--format json``: the documented, stable output (see docs/output-format.md). Deterministic: same input,
same bytes (keys in a fixed order, no timestamps)."""

from __future__ import annotations

import json

import orjson

from .. import __version__
from ..engine.fines import to_json as fine_json
from ..engine.results import Assessment, Finding, Maxima, MeasureResult, PartyResult, TrackResult
from ..model import ONE
from ..model.durations import term_iso
from ..model.money import decimal_text
from ..model.rates import Conversion

SCHEMA_VERSION = 2


def maxima(m: Maxima | None) -> dict | None:
    if m is None:
        return None
    return {"prison": term_iso(m.prison), "fine": fine_json(m.fine), "prison_or_fine": m.alternative}


def track_json(t: TrackResult, explain: bool = True) -> dict:
    out = {
        "track": t.track,
        "kind": t.kind,
        "enforcer": t.enforcer,
        "enforcer_local": t.enforcer_local,
        "findings": list(t.findings),
        "counted": list(t.counted),
        "acts": t.acts,
        "max": maxima(t.max),
        "upper_bound": maxima(t.upper_bound),
        "worst_case": maxima(t.worst),
        "worst_case_facts": dict(t.worst_facts),
        "worst_case_readings": {q: "yes" if v else "no" for q, v in t.worst_readings.items()},
        "worst_case_bounded": t.worst_bounded,
        "worst_case_limit": maxima(t.worst_limit),
        "rule": t.rule,
        "notes": list(t.notes),
    }
    if explain:
        out["trail"] = list(t.trail)
    return out


def measure_json(m: MeasureResult) -> dict:
    return {
        "id": m.id,
        "title": m.title,
        "title_local": m.title_local,
        "ordered_by": m.ordered_by,
        "status": m.status,
        "unknown_facts": dict(m.unknown_facts),
        "citation": m.citation,
        "url": m.url,
        "quote": m.quote,
        "verified": m.verified,
    }


def time_bar_json(bar) -> dict:
    after = bar.barred_after.isoformat() if bar.status == "date" else "none" if bar.status == "none" else None
    return {"time_barred_after": after, "limitation": bar.explanation}


def finding(f: Finding, explain: bool = True) -> dict:
    out = {
        "id": f.offence_id,
        "title": f.title,
        "title_local": f.title_local,
        "citation": f.citation,
        "penalty_citation": f.penalty_citation or f.citation,
        "url": f.url,
        "track": f.track,
        "status": f.status,
        "unknown_facts": list(f.unknown_facts),
        "adverse_values": dict(f.unknown_facts.items()),
        "questions": {q: "yes" if v else "no" for q, v in f.questions.items()},
        "aggravation_unknowns": dict(f.aggravation_unknowns.items()),
        "aggravations": list(f.aggravations),
        "possible_aggravations": list(f.possible_aggravations),
        "in_force_from": f.version_from,
        "min_prison": term_iso(f.min_prison),
        "max_prison": term_iso(f.maxima.prison),
        "max_fine": fine_json(f.maxima.fine),
        "prison_or_fine": f.prison_or_fine,
        "worst_case": maxima(f.worst),
        "unread": list(f.unread),
    }
    if explain:
        out["unverified"] = f.unverified
        out["trail"] = list(f.trail)
        out["sources"] = [
            {
                "for": c.what,
                "value": c.value,
                "citation": c.cite,
                "url": c.url,
                "quote": c.quote,
                "checked": c.checked,
                "verified": c.verified,
            }
            for c in f.cited
        ]
    return out


def conversion_json(conv: Conversion) -> dict:
    """One amount converted with dated reference rates: both amounts, and each rate with its date."""
    return {
        "from": fine_json(conv.original),
        "to": fine_json(conv.converted),
        "stale": conv.stale,
        "rates": [
            {
                "currency": r.currency,
                "per_eur": decimal_text(r.value),
                "date": None if r.day is None else r.day.isoformat(),
                "override": r.day is None,
            }
            for r in conv.rates
        ],
    }


def party_result(r: PartyResult, explain: bool = True, a: Assessment | None = None, history: bool = False) -> dict:
    findings = []
    for f in r.findings:
        item = finding(f, explain)
        if f.law_note:
            item["law_note"] = f.law_note
        if a is not None and explain:
            item.update(time_bar_json(a.time_bar(r, f)))
        if a is not None and history:
            from ..engine.law_in_time import version_history

            offence = a.pack_by_code[r.jurisdiction].offence_by_id[f.offence_id]
            item["versions"] = version_history(offence)
        findings.append(item)
    name = next((p.name for p in a.incident.parties if p.id == r.party), "") if a is not None else ""
    return {
        "jurisdiction": r.jurisdiction,
        "party": r.party,
        **({"party_name": name} if name else {}),
        "party_kind": r.party_kind,
        "findings": findings,
        "tracks": [track_json(t, explain) for t in r.tracks],
        "measures": [measure_json(m) for m in r.measures],
        "notes": list(r.notes),
        **({"turnover_converted": conversion_json(r.turnover)} if r.turnover is not None else {}),
    }


def assessment_dict(a: Assessment, explain: bool = True, history: bool = False) -> dict:
    """The JSON document; ``explain=False`` leaves out each finding's trail, sources and limitation (batch mode)."""
    return {
        "schema_version": SCHEMA_VERSION,
        "notice": a.notice,
        "incident": _incident(a),
        "as_of": a.as_of.isoformat() if a.as_of else None,
        "coverage": coverage_json(a),
        "cautions": list(a.cautions),
        "results": [party_result(r, explain, a, history) for r in a.results],
        "receipt": _receipt(a),
    }


def _incident(a: Assessment) -> dict:
    out: dict = {"title": a.incident.title, "date": a.incident.date.isoformat(), "places": list(a.incident.places)}
    if a.incident.notes:
        out["notes"] = list(a.incident.notes)
    counts = a.incident.counts
    if counts != ONE:
        out["counts"] = {
            "images": counts.images,
            "victims": counts.victims,
            "days": counts.days,
            "violations": counts.violations,
        }
    return out


def coverage_json(a: Assessment) -> list[dict]:
    """Every place of the incident: assessed by which packs (with the day their sources were read), or why not."""
    checked = {p.code: p.checked.isoformat() for p in a.packs}
    return [
        {
            "place": c.place,
            "status": c.status,
            "packs": [{"id": code, "checked": checked.get(code)} for code in c.packs],
            "why": c.why or None,
        }
        for c in a.coverage
    ]


def receipt_json(packs) -> dict:
    """Which engine and which packs (each file's SHA-256, the date its sources were checked, and the shipped file
    it replaces, for a pack given with ``--rules``) gave a result."""
    return {
        "engine": f"exposure {__version__}",
        "packs": [
            {
                "id": p.code,
                "sha256": p.sha256,
                "checked": p.checked.isoformat(),
                **({"file": p.file, "replaces": p.replaces} if p.replaces else {}),
                **(_level_json(p) if p.level == "subdivision" else {}),
            }
            for p in packs
        ],
    }


def _level_json(p) -> dict:
    """A subdivision pack's level, parent and the cited relation between their penalties."""
    out: dict = {"level": p.level, "parent": p.parent}
    if p.relation is not None:
        source = p.relation.evidence.source
        out["relation"] = {
            "rule": p.relation.rule,
            "citation": source.cite,
            "url": source.url,
            "quote": p.relation.evidence.quote,
        }
    return out


def _receipt(a: Assessment) -> dict:
    return receipt_json(a.packs)


class LineWriter:
    """Writes ``--batch`` output lines, remembering the JSON of each party result it wrote (results are
    immutable and recur endlessly in a queue of reports), in bounded memory; and the JSON of what many lines share
    (the coverage of the same places, the receipt of the same packs), so that a line writes only what is its own.

    A line is put together from those fragments as text: the bytes are those of ``json.dumps`` of the whole line
    (compact JSON is each key and value written in turn, so a value written apart is the same text)."""

    def __init__(self, memo_size: int = 8_192) -> None:  # a party result's JSON text each (about 1 KB): 8 MB at most
        from ..engine.memo import BoundedMemo

        self._written: BoundedMemo = BoundedMemo(memo_size)
        self._shared: BoundedMemo = BoundedMemo(min(memo_size, 1_024))

    def line(self, a: Assessment, line: int, explain: bool = False) -> str:
        """One line of ``--batch`` output: ``{"line": n, ...the assessment...}`` as compact JSON, exactly as
        ``json.dumps(..., ensure_ascii=False, separators=(",", ":"))`` writes it."""
        if explain:
            return _compact({"line": line, **assessment_dict(a, explain=True)})
        parts = []
        names = {p.id: p.name for p in a.incident.parties if p.name}
        for r in a.results:
            key = (r, names[r.party]) if r.party in names else r  # the name is the incident's, not the result's
            text = self._written.get(key)
            if text is None:
                text = self._written.put(key, _compact(party_result(r, explain=False, a=a if names else None)))
            parts.append(text)
        around_key = (a.packs, a.coverage, a.cautions, a.notice, a.as_of)
        around = self._shared.get(around_key)
        if around is None:
            around = self._shared.put(around_key, self._around(a))
        notice, as_of, coverage, cautions, receipt = around
        return (
            f'{{"line":{line},"schema_version":{SCHEMA_VERSION},"notice":{notice},"incident":{_compact(_incident(a))},'
            f'"as_of":{as_of},"coverage":{coverage},"cautions":{cautions},"results":[{",".join(parts)}],'
            f'"receipt":{receipt}}}'
        )

    @staticmethod
    def _around(a: Assessment) -> tuple[str, str, str, str, str]:
        """The JSON of what surrounds the results: the notice, ``as_of``, the coverage, the cautions, the receipt."""
        return (
            _compact(a.notice),
            _compact(a.as_of.isoformat() if a.as_of else None),
            _compact(coverage_json(a)),
            _compact(list(a.cautions)),
            _compact(_receipt(a)),
        )


def summary_line(a: Assessment, line: int) -> str:
    """One line of ``--batch --summary``: per jurisdiction and party only each track's maximum and worst case and
    each finding's id and status, with the places' coverage (far shorter than a full line: for queues of millions)."""
    return _compact(
        {
            "line": line,
            "schema_version": SCHEMA_VERSION,
            "incident": _incident(a),
            "coverage": [{"place": c.place, "status": c.status} for c in a.coverage],
            "results": [
                {
                    "jurisdiction": r.jurisdiction,
                    "party": r.party,
                    "tracks": [
                        {
                            "track": t.track,
                            "kind": t.kind,
                            "acts": t.acts,
                            "max": maxima(t.max),
                            "worst_case": maxima(t.worst),
                        }
                        for t in r.tracks
                    ],
                    "findings": [{"id": f.offence_id, "status": f.status} for f in r.findings],
                }
                for r in a.results
            ],
        }
    )


def compact_line(a: Assessment, line: int, explain: bool = False) -> str:
    """One ``--batch`` line for one assessment (a :class:`LineWriter` remembers results across lines)."""
    return LineWriter(0).line(a, line, explain)


def _compact(value: object) -> str:
    """``json.dumps(value, ensure_ascii=False, separators=(",", ":"))``, byte for byte (see :func:`indented`)."""
    try:
        return orjson.dumps(value).decode()
    except TypeError:  # an integer beyond 64 bits or a lone surrogate: what orjson refuses, json writes
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def render(a: Assessment, history: bool = False) -> str:
    return indented(assessment_dict(a, history=history)) + "\n"


def indented(value: object) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)``, byte for byte, from orjson (the standard library falls
    back to its pure-Python encoder when given an indent).

    The same bytes for every document exposure writes: strings, integers, booleans, null, lists and objects with
    string keys. Not for floats (orjson writes ``1e-7`` where json writes ``1e-07``): exposure writes none (money
    and shares are exact decimal text), and a test walks its documents to keep it so."""
    try:
        return orjson.dumps(value, option=orjson.OPT_INDENT_2).decode()
    except TypeError:  # an integer beyond 64 bits, a lone surrogate or a key that is not a string
        return json.dumps(value, ensure_ascii=False, indent=2)
