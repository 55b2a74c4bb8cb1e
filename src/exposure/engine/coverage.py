"""What was assessed and what was not: every place of an incident, with the packs that covered it or why none did,
and the dates the packs cannot speak for.

A place without a pack must never vanish from the output: a reader comparing countries would take silence for
"no exposure". A subdivision (``US-CA``, ``GB-SCT``) is assessed under its country's pack where the law is national
or federal, and its own law is reported as not covered until a pack for it exists.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from ..model import Incident, Pack
from ..model.places import country_of
from ..model.records import record


@record
class PlaceCoverage:
    """One place of the incident: ``assessed`` (by these packs), ``partly`` (a subdivision assessed under its
    country's law only) or ``not_assessed``, and why."""

    place: str
    status: str  # assessed | partly | not_assessed
    packs: tuple[str, ...]
    why: str


def place_coverage(
    incident: Incident, available: dict[str, Pack], selected: Iterable[Pack], restricted: bool
) -> tuple[PlaceCoverage, ...]:
    """Each place of ``incident`` against the ``selected`` packs (``restricted``: chosen with ``--in`` rather than
    by the places), knowing which packs exist at all."""
    chosen = list(selected)
    out = []
    for place in incident.places:
        country = country_of(place)
        own = [p.code for p in chosen if p.code == place]
        national = [p.code for p in chosen if p.code != place and (country in p.applies_in or p.code == country)]
        union = [p.code for p in chosen if p.code not in own + national and place in p.applies_in]
        codes = tuple(own + national + union)
        if place != country and not own:  # a subdivision without a pack of its own
            if national:
                why = (
                    f"only the country-wide (national or federal) law of {country} is assessed: {place}'s own "
                    f"law is not covered (no pack for {place})"
                )
                out.append(PlaceCoverage(place, "partly", codes, why))
            else:
                out.append(PlaceCoverage(place, "not_assessed", (), _missing(place, country, available, restricted)))
        elif codes:
            out.append(PlaceCoverage(place, "assessed", codes, _assumed_parts(place, chosen, available)))
        else:
            out.append(PlaceCoverage(place, "not_assessed", (), _missing(place, country, available, restricted)))
    return tuple(out)


def _assumed_parts(place: str, chosen: list[Pack], available: dict[str, Pack]) -> str:
    """For a country given alone whose pack has law for only part of it (GB: the criminal law of England and
    Wales), which part was assumed, and which parts have packs of their own: a reader in Glasgow must know to
    write GB-SCT."""
    for pack in chosen:
        if pack.code == place and pack.default_extent and pack.has_extents:
            parts = ", ".join(sorted(pack.default_extent))
            others = sorted(code for code, p in available.items() if p.parent == place)
            hint = f"; give {' or '.join(others)} for their own law" if others else ""
            return f"taken as {parts} for the offences that are law in only part of {place}{hint}"
    return ""


def _missing(place: str, country: str, available: dict[str, Pack], restricted: bool) -> str:
    if restricted and (place in available or country in available):
        return "not selected (--in)"
    return f"no rule pack for {country}" + (f" or {place}" if place != country else "")


def date_cautions(incident: Incident, packs: Iterable[Pack], today: date) -> tuple[str, ...]:
    """What the packs cannot know about the incident's date: a date in the future, or after the day a pack's
    sources were last read (a later change of the law would be missing)."""
    out = []
    if incident.date > today:
        out.append(f"the incident's date ({incident.date}) is in the future: the law is as the packs know it today")
    stale = sorted({p.code for p in packs if p.checked < incident.date})
    if stale:
        oldest = min(p.checked for p in packs if p.code in stale)
        out.append(
            f"the incident's date ({incident.date}) is after the sources of {', '.join(stale)} were last read (from "
            f"{oldest}): a later change of the law would be missing"
        )
    return tuple(out)
