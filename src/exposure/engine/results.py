"""What an assessment returns: plain immutable data, for renderers and for library users alike."""

from __future__ import annotations

from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any, Protocol

from ..model import Incident, Pack
from ..model.durations import Term
from ..model.rates import Conversion
from ..model.records import factory, record

if TYPE_CHECKING:
    from .law_in_time import TimeBar

NOTICE = "Not legal advice: statutory maxima from the rule packs, for a first comparison only."


@record
class Cited:
    """One figure used, with the evidence for it (for the trail and the JSON output)."""

    what: str  # "prison", "fine", "company fine", "corporate rule", ...
    value: str
    cite: str
    url: str
    quote: str
    checked: str
    verified: bool  # False when the figure rests on a secondary source only


class _Explains(Protocol):
    """What a finding's explanation gives (see exposure.engine.evaluate.Explanation)."""

    @property
    def trail(self) -> tuple[str, ...]: ...

    @property
    def cited(self) -> tuple[Cited, ...]: ...


@record
class Maxima:
    """The maximum prison term and fine of a finding or of a party's combined findings. ``alternative``: the law
    allows prison OR a fine, not both ("oder mit Geldstrafe", "atau")."""

    prison: Term | str | None
    fine: object  # a fine value: see exposure.engine.fines
    alternative: bool = False


@record(eq=False)
class Finding:
    """One offence found for one party: applies or possible, its maxima, worst case and why."""

    offence_id: str
    title: str  # English title
    title_local: str
    citation: str
    url: str
    status: str  # "applies" | "possible"
    unknown_facts: dict[str, bool]  # name -> the adverse value that would make the offence apply
    aggravation_unknowns: dict[str, bool]  # name -> the adverse value that would make a possible aggravation apply
    aggravations: tuple[str, ...]  # ids of aggravations that apply
    possible_aggravations: tuple[str, ...]  # ids of aggravations that would apply if unknown facts are adverse
    maxima: Maxima  # with the aggravations that apply
    worst: Maxima  # with the possible aggravations too
    min_prison: Term | None
    version_from: str
    explanation: _Explains  # computes ``trail`` and ``cited`` on first use (see exposure.engine.evaluate.Explanation)
    law_note: str = ""  # e.g. "milder later law: the version from 2024-06-28 applies (StGB § 2(3))"
    prison_or_fine: bool = False  # the statute allows prison OR a fine, not both
    track: str = "criminal"  # the proceedings it is enforced in
    penalty_citation: str = ""  # the provision that states the base penalty, when it is not the offence's own
    questions: dict[str, bool] = factory(
        default_factory=dict
    )  # open questions of law it depends on -> reading that makes it apply
    unread: tuple[str, ...] = ()  # "prison", "fine": a figure the pack marks TODO (not read): unknown, not none

    @property
    def trail(self) -> tuple[str, ...]:
        """Why: the elements, the aggravations, and every figure with its citation and quote."""
        return self.explanation.trail + ((self.law_note,) if self.law_note else ())

    @property
    def cited(self) -> tuple[Cited, ...]:
        return self.explanation.cited

    @property
    def unverified(self) -> bool:
        """True when a figure of this finding rests on a secondary source only."""
        return any(not c.verified for c in self.cited)

    def unverified_in(self, kind: str) -> bool:
        """True when a ``kind`` ("prison" or "fine") figure of this finding rests on a secondary source only."""
        return any(not c.verified and c.what.endswith(kind) for c in self.cited)


@record(eq=False)
class TrackResult:
    """A party's exposure in one kind of proceedings (a criminal court, a regulator, civil proceedings): its own
    maximum and worst case, combined by that track's rules. Different tracks are never added together."""

    track: str  # the track's id in the pack
    kind: str  # criminal | administrative | civil
    enforcer: str  # who imposes it (English)
    enforcer_local: str
    findings: tuple[str, ...]  # the findings enforced in this track
    max: Maxima  # the findings that apply, combined
    worst: Maxima  # the worst consistent assignment of the unknown facts, combined
    worst_facts: dict[str, bool]  # that assignment (the facts that decide the worst case)
    worst_readings: dict[str, bool]  # ... and the readings of open questions of law it takes
    rule: str  # the rules that combined them, with their citations
    trail: tuple[str, ...] = ()  # which rule applied to which findings, with quotes
    upper_bound: Maxima | None = None  # where the law sets no ceiling below the sum of consecutive penalties
    worst_bounded: bool = False  # the search for the worst case stopped at its bound
    worst_limit: Maxima | None = None  # ... and the worst case cannot exceed this
    acts: int = 1  # how many acts were combined (the incident's counts, by each offence's unit)
    counted: tuple[str, ...] = ()  # the findings that count in the maximum (not absorbed, one per group)
    notes: tuple[str, ...] = ()


@record(eq=False)
class MeasureResult:
    """A non-pecuniary measure that can be ordered against the party (listed, never added to a penalty)."""

    id: str
    title: str
    title_local: str
    ordered_by: str
    status: str  # "applies" | "possible"
    unknown_facts: dict[str, bool]
    citation: str
    url: str
    quote: str
    verified: bool


@record(eq=False)
class PartyResult:
    """One party against one jurisdiction: its findings, its exposure in each track, the measures."""

    jurisdiction: str
    party: str
    party_kind: str
    findings: tuple[Finding, ...]
    tracks: tuple[TrackResult, ...]
    measures: tuple[MeasureResult, ...] = ()
    notes: tuple[str, ...] = ()  # e.g. offences not yet in force on the incident's date
    turnover: Conversion | None = None  # the party's turnover converted into the pack's currency, if it was

    def track(self, kind: str) -> TrackResult | None:
        """The first track of this kind (``criminal``, ``administrative``, ``civil``), if any."""
        return next((t for t in self.tracks if t.kind == kind), None)


@record(eq=False)
class Assessment:
    """The result of assessing an incident: one PartyResult per jurisdiction and party."""

    incident: Incident
    packs: tuple[Pack, ...]
    results: tuple[PartyResult, ...]
    notice: str = NOTICE
    as_of: date | None = None  # the date the law was taken as known (the milder later law looks up to it)
    coverage: tuple[Any, ...] = ()  # a PlaceCoverage per place of the incident: assessed, partly or not
    cautions: tuple[str, ...] = ()  # what the packs cannot speak for (a date after their sources were read)

    def time_bar(self, result: PartyResult, finding: Finding) -> TimeBar:
        """When prosecution for ``finding`` becomes time-barred (computed on demand: it depends on the exact
        incident date and the victim's date of birth, which the engine's memo does not key on)."""
        from .law_in_time import time_bar

        return time_bar(self.pack_by_code[result.jurisdiction], finding.offence_id, self.incident)

    @cached_property
    def pack_by_code(self) -> dict[str, Pack]:
        return {pack.code: pack for pack in self.packs}
