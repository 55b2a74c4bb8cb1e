"""Jurisdictions side by side, in one currency: the comparison as data (renderers in ``render/compare_out.py``).

Each row is one jurisdiction and party: the combined maximum prison and fine (in the pack's own currency and
converted with the dated reference rates), the worst case with unknown facts adverse, and the most serious
offence with its citation. Rows are sorted by severity: longest prison first, then largest converted fine.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import cast

from ..model.durations import term_key
from ..model.money import Money
from ..model.rates import Conversion
from ..model.records import record
from .conversion import Converter
from .fines import WORDS, FineValue, Needs, PerUnit, Undecided, fine_key, greatest, least, total
from .results import Assessment, Finding, Maxima


@record
class Row:
    """One jurisdiction and party in a comparison, its fines converted to the comparison currency."""

    jurisdiction: str
    name: str
    party: str
    party_kind: str
    in_places: bool  # the incident's places trigger this pack (otherwise shown because --in or compare asked)
    track: str  # the track's id in the pack (criminal, ofcom, dsa...), or "" when nothing was found
    track_kind: str  # criminal, administrative or civil ("" when nothing was found)
    enforcer: str
    max: Maxima
    max_fine_converted: FineValue
    worst: Maxima
    worst_fine_converted: FineValue
    top: Finding | None  # the most serious finding
    findings: int
    conversions: tuple[Conversion, ...]
    notes: tuple[str, ...]


@record
class Comparison:
    """Jurisdictions side by side in one currency, with the rates used and where they come from."""

    assessment: Assessment
    currency: str
    day: date
    rows: tuple[Row, ...]
    rates_cite: str
    rates_url: str
    overrides: dict[str, Decimal]

    @property
    def stale(self) -> bool:
        return any(c.stale for row in self.rows for c in row.conversions)


def convert_value(
    value: FineValue, converter: Converter, target: str, used: list[Conversion], notes: list[str]
) -> FineValue:
    """A fine value in ``target``: amounts converted exactly, words kept, compounds reduced where possible."""
    if value is None or value in WORDS or isinstance(value, Needs):
        return value
    if isinstance(value, Money):
        conversion = converter.convert(value, target)
        if conversion is None:
            notes.append(f"no reference rate for {value.currency} on or before {converter.day}")
            return Needs(f"{value.display()} in {target}", (f"rate for {value.currency}",))
        if conversion.rates and conversion not in used:
            used.append(conversion)
        return conversion.converted
    if isinstance(value, PerUnit):
        return PerUnit(convert_value(value.amount, converter, target, used, notes), value.per)
    value = cast(Undecided, value)  # the only kind of value left
    parts = [convert_value(part, converter, target, used, notes) for part in value.parts]
    combine = {"greatest": greatest, "least": least, "sum": total}[value.op]
    return combine(parts)


def _top(findings: tuple[Finding, ...]) -> Finding | None:
    if not findings:
        return None
    return max(findings, key=lambda f: (f.status == "applies", term_key(f.worst.prison), fine_key(f.worst.fine)))


def compare(assessment: Assessment, converter: Converter, currency: str) -> Comparison:
    incident = assessment.incident
    names = {p.code: p.name.en for p in assessment.packs}
    triggered = {p.code for p in assessment.packs if p.applies_in & set(incident.places)}
    rows = []
    for result in assessment.results:
        tracks = result.tracks or (None,)
        for track in tracks:
            used: list[Conversion] = []
            notes: list[str] = []
            maximum = track.max if track else Maxima(None, None)
            worst_case = track.worst if track else Maxima(None, None)
            converted = convert_value(maximum.fine, converter, currency, used, notes)
            worst = convert_value(worst_case.fine, converter, currency, used, notes)
            for conversion in used:
                if conversion.stale:
                    notes.append(f"stale rate: {conversion.explain()} is over a year older than the incident")
            findings = tuple(f for f in result.findings if track is None or f.track == track.track)
            rows.append(
                Row(
                    result.jurisdiction,
                    names.get(result.jurisdiction, ""),
                    result.party,
                    result.party_kind,
                    result.jurisdiction in triggered,
                    track.track if track else "",
                    track.kind if track else "",
                    track.enforcer if track else "",
                    maximum,
                    converted,
                    worst_case,
                    worst,
                    _top(findings),
                    len(findings),
                    tuple(used),
                    tuple(dict.fromkeys(notes)),
                )
            )
    order = {party.id: i for i, party in enumerate(incident.parties)}
    rows.sort(
        key=lambda r: (
            order.get(r.party, 0),
            -term_key(r.max.prison),
            -fine_key(r.max_fine_converted),
            -term_key(r.worst.prison),
            -fine_key(r.worst_fine_converted),
            r.jurisdiction,
        )
    )
    source = converter.table.source
    return Comparison(
        assessment, currency, converter.day, tuple(rows), source.cite, source.url, dict(converter.overrides)
    )
