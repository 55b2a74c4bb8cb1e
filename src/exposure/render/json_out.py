"""``--format json``: the documented, stable output (see docs/output-format.md). Deterministic: same input,
same bytes (keys in a fixed order, no timestamps)."""

from __future__ import annotations

import json

from .. import __version__
from ..durations import term_iso
from ..fines import to_json as fine_json
from ..results import Assessment, Finding, Maxima, PartyResult

SCHEMA_VERSION = 1


def maxima(m: Maxima) -> dict:
    return {"prison": term_iso(m.prison), "fine": fine_json(m.fine)}


def finding(f: Finding, explain: bool = True) -> dict:
    out = {
        "id": f.offence_id,
        "title": f.title,
        "title_local": f.title_local,
        "citation": f.citation,
        "url": f.url,
        "status": f.status,
        "unknown_facts": list(f.unknown_facts),
        "adverse_values": {name: value for name, value in f.unknown_facts.items()},
        "aggravation_unknowns": {name: value for name, value in f.aggravation_unknowns.items()},
        "aggravations": list(f.aggravations),
        "possible_aggravations": list(f.possible_aggravations),
        "in_force_from": f.version_from,
        "min_prison": term_iso(f.min_prison),
        "max_prison": term_iso(f.maxima.prison),
        "max_fine": fine_json(f.maxima.fine),
        "worst_case": maxima(f.worst),
    }
    if explain:
        out["unverified"] = f.unverified
        out["trail"] = list(f.trail)
        out["sources"] = [
            {"for": c.what, "value": c.value, "citation": c.cite, "url": c.url, "quote": c.quote, "checked": c.checked,
             "verified": c.verified}
            for c in f.cited
        ]
    return out


def party_result(r: PartyResult, explain: bool = True) -> dict:
    return {
        "jurisdiction": r.jurisdiction,
        "party": r.party,
        "party_kind": r.party_kind,
        "findings": [finding(f, explain) for f in r.findings],
        "max": maxima(r.max),
        "worst_case": maxima(r.worst_case),
        "combination": r.combination,
        "notes": list(r.notes),
    }


def assessment_dict(a: Assessment, explain: bool = True) -> dict:
    """The JSON document; ``explain=False`` leaves out each finding's trail and sources (batch mode)."""
    return {
        "schema_version": SCHEMA_VERSION,
        "notice": a.notice,
        "incident": {"title": a.incident.title, "date": a.incident.date.isoformat(), "places": list(a.incident.places)},
        "results": [party_result(r, explain) for r in a.results],
        "receipt": {
            "engine": f"exposure {__version__}",
            "packs": [
                {"id": p.code, "sha256": p.sha256, "checked": p.checked.isoformat()} for p in a.packs
            ],
        },
    }


def render(a: Assessment) -> str:
    return json.dumps(assessment_dict(a), ensure_ascii=False, indent=2) + "\n"
