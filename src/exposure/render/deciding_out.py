"""Deciding facts in the outputs: a short "What would change this" block per party (tables) and ``deciding_facts``
(JSON), each fact with its meaning and what each value would give."""

from __future__ import annotations

from collections.abc import Iterable

from ..engine.deciding import Deciding, TrackChange
from .json_out import maxima


def change_text(change: TrackChange) -> str:
    from .table import maxima_text

    where = f"{change.jurisdiction} {change.track}"
    if change.max is None:
        return f"{where}: no finding"
    return f"{where}: max {maxima_text(change.max)}, worst {maxima_text(change.worst)}"


def deciding_lines(decidings: Iterable[Deciding], limit: int = 5) -> list[str]:
    """Plain lines (a renderer escapes them): per party, its most decisive facts, each with what true and false
    would give; the count of the rest, and whether the search was bounded."""
    out = []
    for d in decidings:
        if not d.facts:
            out.append(f"What would change this — party {d.party}: nothing unknown changes its exposure")
            continue
        out.append(f"What would change this — party {d.party}:")
        for fact in d.facts[:limit]:
            out.append(f"  {fact.name} ({fact.about}): {fact.meaning}")
            for label, changes in (("if true", fact.if_true), ("if false", fact.if_false)):
                if changes:
                    out.append(f"    {label}: " + "; ".join(change_text(c) for c in changes))
        more = len(d.facts) - limit
        if more > 0:
            out.append(f"  ... and {more} more (see --format json)")
        if d.bounded:
            out.append(f"  (bounded: {d.candidates} unknown facts are read; the first were tried)")
    return out


def deciding_json(decidings: Iterable[Deciding]) -> dict:
    """``deciding_facts``: per party, ordered, most decisive first."""

    def changes(items: tuple[TrackChange, ...]) -> list[dict]:
        return [
            {"jurisdiction": c.jurisdiction, "track": c.track, "max": maxima(c.max), "worst_case": maxima(c.worst)}
            for c in items
        ]

    return {
        d.party: {
            "bounded": d.bounded,
            "candidates": d.candidates,
            "facts": [
                {
                    "name": f.name,
                    "about": f.about,
                    "meaning": f.meaning,
                    "if_true": changes(f.if_true),
                    "if_false": changes(f.if_false),
                    "worst_case_prison_change_months": f.weight[0],
                    "tracks_changed": f.weight[1],
                }
                for f in d.facts
            ],
        }
        for d in decidings
    }
