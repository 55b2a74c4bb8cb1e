"""The engine object: one per set of rules, owning everything worked out once and everything remembered.

An :class:`Engine` evaluates incidents against a :class:`~exposure.model.rules.RuleSet`. It owns, with a clear
lifetime (the engine's own):

* a **plan** per pack, worked out on first use: the names the pack's conditions read, the dates on which any of
  its versions or unit values change, and the offences open to each kind and role of party on each date range;
* bounded **memos** (:class:`~exposure.engine.memo.BoundedMemo`) of the figures of a finding, of a party's result
  against one pack, and of a party's results against a selection of packs. A result depends only on the party's
  kind, role and turnover, the dates (the incident's and ``as_of``), and the values of the names the packs read,
  and the memos are keyed on exactly that, so a queue of reports with recurring fact patterns is evaluated once per
  pattern, and a queue of distinct ones in constant memory.

There is no module-level state: two engines never share a memo, and dropping an engine frees all of it. A library
user makes one engine per rule set and reuses it (``Engine(load_rules())``).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from decimal import Decimal
from operator import itemgetter
from typing import Any

from ..model import Aggravation, Incident, Offence, Pack, Party, Version
from ..model.money import Money
from ..model.rates import Conversion
from ..model.records import replace
from ..model.rules import RuleSet
from .conversion import Converter
from .coverage import date_cautions, place_coverage
from .evaluate import (
    Env,
    FigureMaxima,
    applies_to_party,
    environment,
    figure_maxima,
    party_against_pack,
    question_values,
    relevant_packs,
)
from .memo import BoundedMemo
from .results import Assessment, PartyResult

DEFAULT_MEMO_SIZE = 20_000

# A memo's key: plain hashable values (names, dates, kinds, the values of names); a tuple of mixed parts.
Key = tuple[Any, ...]
# The values of some names in an environment (what ``itemgetter`` returns: untyped).
ValuesOf = Callable[[Env], tuple[Any, ...]]


class PackPlan:
    """What evaluating one pack needs, worked out once: the names its conditions read (offences, aggravations,
    measures), the dates on which any of its versions, unit values or measures change, and the offences open to
    each kind and role of party on each date range."""

    def __init__(self, pack: Pack):
        self.pack = pack
        names: set[str] = set()
        bounds: set[date] = set()
        for offence in pack.offences:
            names |= offence.when.names
            for version in offence.versions:
                bounds.add(version.start)
                if version.end:
                    bounds.add(version.end)
                for agg in version.aggravations:
                    names |= agg.when.names
        for values in pack.units.values():
            for value in values:
                bounds.add(value.start)
                if value.end:
                    bounds.add(value.end)
        for measure in pack.measures:  # a measure's result depends on its condition and its dates too
            names |= measure.when.names
            for day in (measure.start, measure.end):
                if day is not None:
                    bounds.add(day)
        self.names = tuple(sorted(names))
        self.values_of = _values_getter(self.names)
        self.boundaries = tuple(sorted(bounds))
        self._offences: dict[
            tuple[str, str, int, frozenset[str] | None], tuple[tuple[Offence, Version | None], ...]
        ] = {}

    def offences_for(
        self, party: Party, day: date, bucket: int, scope: frozenset[str] | None = None
    ) -> tuple[tuple[Offence, Version | None], ...]:
        """(offence, version in force or None) for every offence open to this party's kind and role, and law in
        the parts of the country the incident names (``scope``: see :meth:`Pack.scope`)."""
        key = (party.kind, party.role, bucket, scope)
        plan = self._offences.get(key)
        if plan is None:
            plan = tuple(
                (o, o.version_on(day))
                for o in self.pack.offences
                if applies_to_party(o, party) and (scope is None or o.extent is None or o.extent & scope)
            )
            self._offences[key] = plan
        return plan


class _Selection:
    """Several packs evaluated together: the union of the names they read, to key a party's results on."""

    def __init__(self, plans: tuple[PackPlan, ...]):
        self.plans = plans
        self.names = tuple(sorted(set().union(*(plan.names for plan in plans))))
        self.values_of = _values_getter(self.names)


def _values_getter(names: tuple[str, ...]) -> ValuesOf:
    """A function giving the values of ``names`` in an environment, by one C-level lookup: a memo's key."""
    if not names:
        return lambda env: ()
    getter = itemgetter(*names)
    return getter if len(names) > 1 else (lambda env: (getter(env),))


def _values(getter: ValuesOf, names: tuple[str, ...], env: dict[str, bool | None]) -> tuple[Any, ...]:
    try:
        return getter(env)
    except KeyError:  # an environment built from another vocabulary: read name by name (absent is unknown)
        return tuple(map(env.get, names))


def _party_key(party: Party) -> Key:
    """What a pack's result depends on in a party besides the facts: its kind, role and turnover."""
    turnover = party.turnover
    return (
        party.kind,
        party.role,
        None if turnover is None else (turnover.amount, turnover.currency),
        party.turnover_as,
    )


class Engine:
    """Evaluates incidents against one rule set, remembering what recurs (see the module's docstring)."""

    def __init__(
        self, rules: RuleSet, *, memo_size: int = DEFAULT_MEMO_SIZE, rate_overrides: dict[str, Decimal] | None = None
    ) -> None:
        self.rules = rules
        self.memo_size = memo_size
        self.rate_overrides = dict(rate_overrides or {})  # ``--rate GBP=0.87``: units per euro
        self._plans: dict[str, PackPlan] = {}
        self._selections: dict[tuple[str, ...], _Selection] = {}
        # Sized by measurement (the API worker of benchmarks/bench.py): a figure is a few small objects, a party's
        # result against a pack holds its findings (their citations; trails are written when read), and a
        # selection's entry holds one result per pack. With 20,000 of each, memory kept growing on distinct reports
        # against 31 packs (past 1.8 GB); with these sizes it levels off (README, speed section), and a queue of
        # 500 recurring fact patterns still fits.
        self._figures: BoundedMemo[Key, FigureMaxima] = BoundedMemo(memo_size)
        self._by_pack: BoundedMemo[Key, PartyResult] = BoundedMemo(max(1, memo_size // 8))
        self._by_selection: BoundedMemo[Key, tuple[PartyResult, ...]] = BoundedMemo(max(1, memo_size // 16))
        # what an assessment says around the results depends on a few values that recur: memoised too
        self._readings: BoundedMemo[Key, dict[str, bool | None]] = BoundedMemo(max(1, memo_size // 16))
        self._coverage: BoundedMemo[Key, tuple[Any, tuple[str, ...]]] = BoundedMemo(max(1, memo_size // 16))
        self._conversions: BoundedMemo[Key, Conversion] = BoundedMemo(max(1, memo_size // 16))

    # ----------------------------------------------------------------------------------------------- selection
    def plan(self, pack: Pack) -> PackPlan:
        plan = self._plans.get(pack.code)
        if plan is None or plan.pack is not pack:
            plan = self._plans[pack.code] = PackPlan(pack)
        return plan

    def select(self, incident: Incident, jurisdictions: Iterable[str] | None = None) -> tuple[Pack, ...]:
        """The packs to evaluate: those named in ``jurisdictions``, else those the incident's places trigger."""
        packs = self.rules.packs
        if jurisdictions:
            return tuple(packs[code] for code in jurisdictions if code in packs)
        return tuple(relevant_packs(packs.values(), incident.places))

    def _selection(self, packs: tuple[Pack, ...]) -> _Selection:
        key = tuple(pack.code for pack in packs)
        selection = self._selections.get(key)
        if selection is None or any(p.pack is not q for p, q in zip(selection.plans, packs, strict=True)):
            selection = self._selections[key] = _Selection(tuple(self.plan(pack) for pack in packs))
        return selection

    # ------------------------------------------------------------------------------------------------ evaluate
    def assess(
        self, incident: Incident, jurisdictions: Iterable[str] | None = None, as_of: date | None = None
    ) -> Assessment:
        """Every party of ``incident`` against the selected packs. ``as_of`` (default: today) is the date up to
        which a milder later law is looked for, in the packs whose jurisdiction applies it."""
        today = date.today()
        as_of = as_of or today
        packs = self.select(incident, jurisdictions)
        results = self.assess_parties(packs, incident, as_of)
        restricted = bool(jurisdictions)
        key = (incident.places, tuple(p.code for p in packs), restricted, incident.date, today)
        said = self._coverage.get(key)
        if said is None:
            coverage = place_coverage(incident, self.rules.packs, packs, restricted=restricted)
            said = self._coverage.put(key, (coverage, date_cautions(incident, packs, today)))
        return Assessment(incident, packs, tuple(results), as_of=as_of, coverage=said[0], cautions=said[1])

    def assess_parties(
        self, packs: tuple[Pack, ...], incident: Incident, as_of: date | None = None
    ) -> list[PartyResult]:
        """Every party against every pack, in pack order. A party whose facts were seen before (with the same
        packs, dates, kind, role and turnover) is answered from memory."""
        selection = self._selection(packs)
        day = incident.date
        as_of = as_of or day
        rkey = (tuple(p.code for p in packs), tuple(sorted(incident.assume.items())), incident.assume_defaults, as_of)
        readings = self._readings.get(rkey)
        if readings is None:
            readings = self._readings.put(rkey, question_values(packs, incident, as_of))
        by_party = []
        scopes = tuple(plan.pack.scope(incident.places) for plan in selection.plans)
        for party in incident.parties:
            env = environment(incident, party, self.rules.vocabulary)
            env.update(readings)
            party_key = _party_key(party)
            key = (
                selection.names,
                party_key,
                day,
                as_of,
                incident.counts,
                scopes,
                _values(selection.values_of, selection.names, env),
            )
            found = self._by_selection.get(key)
            if found is None:
                found = self._by_selection.put(
                    key,
                    tuple(self._against_packs(selection.plans, scopes, incident, party, env, party_key, day, as_of)),
                )
            elif found and found[0].party != party.id:
                found = tuple(replace(result, party=party.id) for result in found)
            by_party.append(found)
        return [results[i] for i in range(len(selection.plans)) for results in by_party]

    def assess_party(self, pack: Pack, incident: Incident, party: Party, as_of: date | None = None) -> PartyResult:
        """One party against one pack (what a pack's test cases check)."""
        single = replace(incident, parties=(party,))
        return self.assess_parties((pack,), single, as_of)[0]

    def _against_packs(
        self,
        plans: tuple[PackPlan, ...],
        scopes: tuple[frozenset[str] | None, ...],
        incident: Incident,
        party: Party,
        env: dict[str, bool | None],
        party_key: Key,
        day: date,
        as_of: date,
    ) -> Iterator[PartyResult]:
        for plan, scope in zip(plans, scopes, strict=True):
            bucket = bisect_right(plan.boundaries, day)
            later = bisect_right(plan.boundaries, as_of) if plan.pack.lex_mitior else 0
            pack_party, pack_key, conversion = party, party_key, None
            turnover = party.turnover
            if turnover is not None and turnover.currency != plan.pack.currency and plan.pack.compares_turnover:
                conversion = self._converted(turnover, plan.pack.currency, day)
                if conversion is not None:
                    pack_party = replace(party, turnover_as=(conversion.converted,))
                    pack_key = _party_key(pack_party)
            values = _values(plan.values_of, plan.names, env)
            key = (plan.pack.code, pack_key, bucket, later, incident.counts, scope, values)
            result = self._by_pack.get(key)
            if result is None:
                offences = plan.offences_for(pack_party, day, bucket, scope)
                result = party_against_pack(
                    plan.pack, offences, incident, pack_party, env, as_of, self._maxima, self.rules.vocabulary
                )
                if conversion is not None and result.findings:
                    result = replace(result, turnover=conversion)
                result = self._by_pack.put(key, result)
            elif result.party != party.id:
                result = replace(result, party=party.id)
            yield result

    def _converted(self, turnover: Money, currency: str, day: date) -> Conversion | None:
        """``turnover`` in ``currency`` at the reference rates of ``day`` (or the nearest earlier date in the
        table), or None without a table or a rate. A cap such as "the greater of GBP 18 million and 10% of
        qualifying worldwide revenue" (Online Safety Act 2023, Sch. 13 para. 4) is stated in the statute's
        currency: its two parts can only be compared once the revenue is in that currency."""
        if self.rules.rates is None:
            return None
        key = (turnover.amount, turnover.currency, currency, day)
        found = self._conversions.get(key)
        if found is None:  # a missing rate (None) is looked up again: rare, and cheap
            found = Converter(self.rules.rates, day, self.rate_overrides).convert(turnover, currency)
            if found is not None:  # an amount of money: kept to two decimals, as a turnover is stated
                cents = Money(found.converted.amount.quantize(Decimal("0.01")), currency)
                found = self._conversions.put(key, replace(found, converted=cents))
        return found

    def _maxima(
        self,
        pack: Pack,
        version: Version,
        party: Party,
        day: date,
        applied: tuple[Aggravation, ...],
        possible: tuple[Aggravation, ...],
    ) -> FigureMaxima:
        """The figures of one finding, remembered: they depend only on these inputs (the date only through dated
        unit values, the turnover only through a share of it)."""
        dated = day if pack.units else None
        if party.turnover is not None and version in pack.versions_reading_turnover:
            key: Key = (version, party.kind, party.turnover, party.turnover_as, dated, applied, possible)
        else:
            key = (version, party.kind, None, None, dated, applied, possible)
        hit = self._figures.get(key)
        if hit is None:
            hit = self._figures.put(key, figure_maxima(pack, version, party, day, applied, possible))
        return hit

    def clear(self) -> None:
        """Forget every memoised result (benchmarks measure cold evaluation with it)."""
        memos = (self._figures, self._by_pack, self._by_selection, self._readings, self._coverage, self._conversions)
        for memo in memos:
            memo.clear()
