"""The engine: an incident against a pack, party by party, in three-valued logic.

For each offence whose version is in force on the incident's date and which can be committed by the party's
kind and role:

* its condition is **true** → the finding ``applies``; **unknown** → ``possible``, naming each unknown fact with
  the adverse value that would make it apply; **false** → no finding;
* each aggravation that is true raises the maxima (``maxima``); one that is unknown raises only ``worst``;
* a company is never imprisoned; its fine is the offence's own company figure if the statute states one,
  otherwise the pack's corporate rule applied to the natural person's fine (e.g. Code pénal art. 131-38);
* the findings of each track (criminal court, regulator, civil proceedings) combine by that track's rules
  (:mod:`exposure.engine.combine`), for the maximum and for the **worst case**. The worst case is the worst over
  *consistent* assignments of the unknown facts: one world in which every unknown fact has one value, found by a
  bounded branch-and-bound search (an offence that needs a fact true and another that needs it false are never
  both counted).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from decimal import ROUND_DOWN, Decimal
from typing import Protocol, TypeVar

from ..model import (
    Aggravation,
    Evidence,
    FineFigure,
    Incident,
    Measure,
    Offence,
    Pack,
    Party,
    PrisonFigure,
    Source,
    Todo,
    Track,
    Version,
    Vocabulary,
)
from ..model.durations import LIFE, Term, longer, term_display
from ..model.money import Money
from ..model.places import triggers
from ..model.records import record
from .combine import Combined, Entry, combine_track, severity
from .fines import FineValue, greatest, per_unit, resolve, scale
from .fines import display as fine_display
from .results import Cited, Finding, Maxima, MeasureResult, PartyResult, TrackResult

CENT = Decimal("0.01")
Env = Mapping[str, "bool | None"]


def environment(incident: Incident, party: Party, vocabulary: Vocabulary) -> dict[str, bool | None]:
    """The truth value of every name a condition may use, for one party: a fact the incident does not give is
    unknown (None), an act the party is not said to have done is false."""
    env: dict[str, bool | None] = vocabulary.defaults.copy()
    env.update(incident.facts)
    env.update(party.facts)
    for act in party.acts:
        env[act] = True
    return env


def _cited(what: str, value: str, evidence: Evidence, assigned: Assigned | None = None) -> Cited:
    """The citation of one figure. A figure a sentencing class carries is only as sure as the class it is in:
    when the provision putting the offence in that class (``assigned``) was read in a secondary source only, the
    figure is unverified too, and its citation says so, however official the class's table is."""
    source = evidence.source
    cite, verified = source.cite, source.verified
    if assigned is not None:
        title, by = assigned
        cite, verified = f"{cite} (the {title} as {by.cite} says, secondary)", False
    return Cited(what, value, cite, source.url, evidence.quote, source.checked.isoformat(), verified)


Assigned = tuple[str, Source]  # a sentencing class's title and the unverified provision that puts an offence in it


def _assigned(pack: Pack, offence: Offence | None, class_id: str) -> Assigned | None:
    """What makes a class's figures unverified for one offence (see :meth:`Pack.class_on_secondary_word`)."""
    found = pack.class_on_secondary_word(offence, class_id) if offence is not None else None
    return None if found is None or offence is None or offence.cite is None else (found.title.en, offence.cite)


class _Figures:
    """Accumulates the maxima of one finding, with the evidence for each figure used."""

    def __init__(self, pack: Pack, party: Party, day: date, citing: bool = True) -> None:
        self.pack, self.party, self.day, self.citing = pack, party, day, citing
        self.prison: Term | str | None = None
        self.fine: FineValue = None
        self.min_prison: Term | None = None
        self.fine_stated_for_company = False  # a company fine stated by the statute is never raised by an increase
        self.cited: list[Cited] = []
        self.todos: list[str] = []

    def add(
        self,
        prison: PrisonFigure | Todo | None,
        fine: FineFigure | Todo | None,
        company_fine: FineFigure | Todo | None,
        label: str,
        assigned: Assigned | None = None,
    ) -> None:
        is_company = self.party.kind == "company"
        if not is_company and prison is not None:
            if isinstance(prison, Todo):
                self.todos.append(f"{label} prison: TODO {prison.text}")
            else:
                self.prison = longer(self.prison, prison.max)
                if prison.min is not None:
                    self.min_prison = prison.min if self.min_prison is None else max(self.min_prison, prison.min)
                if self.citing:
                    self.cited.append(_cited(f"{label} prison", term_display(prison.max), prison.evidence, assigned))
        figure = fine
        if is_company and company_fine is not None:
            figure = company_fine
            if isinstance(figure, Todo):
                self.todos.append(f"{label} company fine: TODO {figure.text}")
                return
            value = per_unit(resolve(figure.max, self.party, self.day, self.pack.units), figure.per)
            self.fine = greatest([self.fine, value])
            self.fine_stated_for_company = True
            if self.citing:
                self.cited.append(_cited(f"{label} company fine", fine_display(value), figure.evidence))
            return
        if figure is None:
            return
        if isinstance(figure, Todo):
            self.todos.append(f"{label} fine: TODO {figure.text}")
            return
        value = per_unit(resolve(figure.max, self.party, self.day, self.pack.units), figure.per)
        if self.citing:
            self.cited.append(_cited(f"{label} fine", fine_display(value), figure.evidence, assigned))
        if is_company:
            value = self._company_value(value)
        self.fine = greatest([self.fine, value])

    def increase(self, base: _Figures, agg: Aggravation) -> None:
        """A relative aggravation: the base maxima raised by ``agg.increase.by`` (e.g. one third)."""
        assert agg.increase is not None  # the callers only pass an aggravation with an increase
        factor = 1 + agg.increase.by
        label = f"aggravation {agg.id}"
        if base.prison is not None and base.prison != LIFE:
            assert isinstance(base.prison, Term)  # the only prison word is "life"
            raised = base.prison.times(factor)
            if raised is None:
                self.todos.append(f"{label}: {base.prison} raised by {agg.increase.by} is not a whole number of days")
            else:
                self.prison = longer(self.prison, raised)
                if self.citing:
                    self.cited.append(
                        _cited(f"{label} prison", f"{term_display(raised)} (+{agg.increase.by})", agg.increase.evidence)
                    )
        if base.fine_stated_for_company:
            return
        if isinstance(base.fine, Money):
            raised_fine = Money(
                (base.fine.amount * factor.numerator / factor.denominator).quantize(CENT, ROUND_DOWN),
                base.fine.currency,
            )
            self.fine = greatest([self.fine, raised_fine])
            if self.citing:
                self.cited.append(
                    _cited(f"{label} fine", f"{fine_display(raised_fine)} (+{agg.increase.by})", agg.increase.evidence)
                )
        elif base.fine is not None:
            self.todos.append(f"{label}: cannot raise {fine_display(base.fine)} by {agg.increase.by}")

    def _company_value(self, person_value: FineValue) -> FineValue:
        rule = self.pack.company_fine
        if rule is None:
            self.todos.append("company fine: the pack states no corporate rule")
            return None
        cited: Cited | None
        if rule.fixed is not None:
            self.fine_stated_for_company = True
            value = per_unit(resolve(rule.fixed.max, self.party, self.day, self.pack.units), rule.fixed.per)
            cited = _cited("corporate rule", fine_display(value), rule.evidence) if self.citing else None
        else:
            assert rule.factor is not None  # a corporate rule has a factor or a fixed cap (load/packs.py)
            value = scale(person_value, rule.factor)
            cited = _cited("corporate rule", f"× {rule.factor}", rule.evidence) if self.citing else None
        if self.citing and cited is not None and cited not in self.cited:  # cited is None only when not citing
            self.cited.append(cited)
        return value

    def company_without_person_fine(self) -> None:
        """A company's fine where the law sets none for natural persons: the rule's own figure for that case
        (Code pénal art. 131-38 al. 2), or the rule's fixed cap (OWiG § 30: whatever the person's penalty)."""
        rule = self.pack.company_fine
        if self.party.kind != "company" or self.fine is not None or rule is None:
            return
        figure = rule.without_person_fine or rule.fixed
        if figure is not None:
            value = resolve(figure.max, self.party, self.day, self.pack.units)
            self.fine = value
            if self.citing:
                self.cited.append(_cited("corporate rule (no fine for persons)", fine_display(value), figure.evidence))

    def snapshot(self, alternative: bool = False) -> Maxima:
        return Maxima(self.prison, self.fine, alternative and self.prison is not None and self.fine is not None)

    def copy(self) -> _Figures:
        other = _Figures(self.pack, self.party, self.day, self.citing)
        other.prison, other.fine, other.min_prison = self.prison, self.fine, self.min_prison
        other.fine_stated_for_company = self.fine_stated_for_company
        other.cited, other.todos = list(self.cited), list(self.todos)
        return other


def _explain_unknowns(unknowns: dict[str, bool]) -> str:
    return ", ".join(f"{name} unknown (applies if {str(value).lower()})" for name, value in unknowns.items())


def figures_for(
    pack: Pack,
    version: Version,
    party: Party,
    day: date,
    applied: Sequence[Aggravation],
    possible: Sequence[Aggravation],
    citing: bool,
    offence: Offence | None = None,
) -> tuple[_Figures, _Figures]:
    """The maxima of one finding (with the aggravations that apply) and its worst case (with possible ones too).
    ``offence``, when citing: its class figures are flagged when its class rests on a secondary source."""
    penalty = version.penalty
    base = _Figures(pack, party, day, citing)
    base.add(penalty.prison, penalty.fine, penalty.company_fine, "base", _assigned(pack, offence, version.class_id))
    # An aggravated form that replaces the base penalty (its own prison, no fine, say) starts from nothing.
    figures = _Figures(pack, party, day, citing) if any(a.replaces for a in applied) else base.copy()
    for agg in applied:
        assigned = _assigned(pack, offence, agg.class_id)
        figures.add(agg.prison, agg.fine, agg.company_fine, f"aggravation {agg.id}", assigned)
        if agg.increase is not None:
            figures.increase(base, agg)
    worst = figures.copy()
    for agg in possible:
        assigned = _assigned(pack, offence, agg.class_id)
        if agg.replaces:  # the worst case is the heavier of the base form and the replacing form
            replaced = _Figures(pack, party, day, citing)
            replaced.add(agg.prison, agg.fine, agg.company_fine, f"aggravation {agg.id}", assigned)
            worst.prison = longer(worst.prison, replaced.prison)
            worst.fine = greatest([worst.fine, replaced.fine])
            worst.cited.extend(c for c in replaced.cited if c not in worst.cited)
            continue
        worst.add(agg.prison, agg.fine, agg.company_fine, f"aggravation {agg.id}", assigned)
        if agg.increase is not None:
            worst.increase(base, agg)
    figures.company_without_person_fine()
    worst.company_without_person_fine()
    return figures, worst


class Explanation:
    """The trail and the citations of one finding, computed only when someone reads them (a batch of report
    lines printed as JSON without ``--explain`` never pays for them).

    What is costly to find is kept once found: the citations (:class:`Cited` records pointing at the pack's own
    strings) and what the conditions say (unknowns, elements' values). The trail's lines are written afresh at
    each reading. Why: a finding lives on in the engine's memos, and its trail lines copy the statute quotes into
    new strings, which a long queue of distinct reports would keep by the hundred thousand."""

    __slots__ = (
        "_cited",
        "_conditions",
        "_figure_lines",
        "applied",
        "day",
        "env",
        "known",
        "offence",
        "pack",
        "party",
        "possible",
        "version",
    )

    def __init__(
        self,
        offence: Offence,
        version: Version,
        pack: Pack,
        party: Party,
        day: date,
        env: Env,
        applied: tuple[Aggravation, ...],
        possible: tuple[Aggravation, ...],
        known: bool,
    ) -> None:
        self.offence, self.version, self.pack, self.party, self.day = offence, version, pack, party, day
        self.env: Env | None = env
        self.applied, self.possible, self.known = applied, possible, known
        self._cited: tuple[Cited, ...] | None = None  # every figure's citation, the worst case's included
        self._figure_lines: tuple[tuple[str, ...], tuple[Cited, ...], tuple[Cited, ...]] = ((), (), ())
        self._conditions: tuple[str, tuple[tuple[str, bool | None], ...], tuple[str, ...]] | None = None

    @property
    def cited(self) -> tuple[Cited, ...]:
        if self._cited is None:
            self._cite()
        assert self._cited is not None
        return self._cited

    def _cite(self) -> None:
        figures, worst = figures_for(
            self.pack, self.version, self.party, self.day, self.applied, self.possible, True, self.offence
        )
        self._cited = tuple(worst.cited)
        self._figure_lines = (tuple(figures.todos), tuple(figures.cited), tuple(worst.cited[len(figures.cited) :]))

    def _read_conditions(self) -> tuple[str, tuple[tuple[str, bool | None], ...], tuple[str, ...]]:
        """What the trail says of the conditions (the offence's unknowns, its elements' values, each possible
        aggravation's unknowns): the costly part of a trail, kept as small values."""
        offence, env = self.offence, self.env
        assert env is not None  # read before the trail's first reading, never after
        unknowns = "" if self.known else _explain_unknowns(offence.when.adverse_unknowns(env))
        elements = tuple(offence.when.element_values(env))
        aggravations = tuple(_explain_unknowns(agg.when.adverse_unknowns(env)) for agg in self.possible)
        return unknowns, elements, aggravations

    @property
    def trail(self) -> tuple[str, ...]:
        if self._conditions is None:
            self._conditions = self._read_conditions()
            self.env = None  # read once: the party's whole environment need not live on in the memos
        if self._cited is None:
            self._cite()
        unknowns, elements, aggravation_unknowns = self._conditions
        offence = self.offence
        trail = [f"elements: {offence.when.text} → {'true' if self.known else 'unknown: ' + unknowns}"]
        for name, value in elements:
            trail.append(f"  element {name}: {'unknown' if value is None else str(value).lower()}")
        for source in offence.basis:
            trail.append(f"  basis: {source.cite} <{source.url}>")
        for agg in self.applied:
            trail.append(f"aggravation {agg.id} ({agg.title.en}): {agg.when.text} → true")
        for agg, agg_unknowns in zip(self.possible, aggravation_unknowns, strict=True):
            trail.append(f"aggravation {agg.id} ({agg.title.en}): {agg.when.text} → unknown: {agg_unknowns}")
        todos, maxima, worst_only = self._figure_lines
        trail.extend(todos)
        for c in maxima:
            trail.append(f"{c.what}: {c.value} — {c.cite}: «{c.quote}»")
        for c in worst_only:
            trail.append(f"(worst case) {c.what}: {c.value} — {c.cite}: «{c.quote}»")
        return tuple(trail)


def _penalty_source(offence: Offence, version: Version) -> Source | None:
    """The provision that states the offence's base penalty: the first figure's source, else the basis."""
    penalty = version.penalty
    candidates = [penalty.prison, penalty.fine, penalty.company_fine]
    for agg in version.aggravations:
        candidates += [agg.prison, agg.fine, agg.company_fine]
    for figure in candidates:
        if isinstance(figure, (PrisonFigure, FineFigure)):
            return figure.evidence.source
    return offence.basis[0] if offence.basis else None


def figure_maxima(
    pack: Pack,
    version: Version,
    party: Party,
    day: date,
    applied: tuple[Aggravation, ...],
    possible: tuple[Aggravation, ...],
) -> FigureMaxima:
    """The maxima, the worst case and the minimum prison of one finding, without citations: what the engine
    memoises (the figures depend only on these inputs, and on the date only through dated unit values)."""
    figures, worst = figures_for(pack, version, party, day, applied, possible, citing=False)
    either = version.penalty.prison_or_fine
    return figures.snapshot(either), worst.snapshot(either), figures.min_prison if party.kind == "person" else None


FigureMaxima = tuple[Maxima, Maxima, "Term | None"]
MaximaFn = Callable[[Pack, Version, Party, date, tuple[Aggravation, ...], tuple[Aggravation, ...]], FigureMaxima]


# What a version gives on the facts, before any citation: whether the condition holds (True, or None when unknown),
# the aggravations that apply and those that may, and the figures (maxima, worst case, minimum prison).
Judged = tuple["bool | None", tuple[Aggravation, ...], tuple[Aggravation, ...], FigureMaxima]


def judge(
    offence: Offence, version: Version, pack: Pack, incident: Incident, party: Party, env: Env, maxima: MaximaFn
) -> Judged | None:
    """The status, aggravations and figures of one version of an offence, or None when its condition is false:
    all that comparing versions needs (the milder later law compares figures, never citations)."""
    status_value = offence.when.fn(env)
    if status_value is False:
        return None
    applied, possible = [], []
    for agg in version.aggravations:
        value = agg.when.fn(env)
        if value is True:
            applied.append(agg)
        elif value is None:
            possible.append(agg)
    applied_t, possible_t = tuple(applied), tuple(possible)
    return status_value, applied_t, possible_t, maxima(pack, version, party, incident.date, applied_t, possible_t)


Unknowns = tuple[dict[str, bool], dict[str, bool], dict[str, bool]]


def _unknowns(judged: Judged, offence: Offence, pack: Pack, env: Env) -> Unknowns:
    """The unknown facts that decide a judged version, the offence's own and its possible aggravations', and the
    open questions of law among them (reported apart), each with the value that would make it apply."""
    status_value, _, possible, _ = judged
    aggravation_unknowns: dict[str, bool] = {}
    for agg in possible:
        for name, adverse in agg.when.adverse_unknowns(env).items():
            aggravation_unknowns.setdefault(name, adverse)
    unknown_facts = {} if status_value is True else offence.when.adverse_unknowns(env)
    questions: dict[str, bool] = {}
    if pack.questions:
        for unknowns in (unknown_facts, aggravation_unknowns):
            for name in [n for n in unknowns if n in pack.questions]:
                questions.setdefault(name, unknowns.pop(name))
    return unknown_facts, aggravation_unknowns, questions


def finding_of(
    judged: Judged,
    offence: Offence,
    version: Version,
    pack: Pack,
    incident: Incident,
    party: Party,
    env: Env,
    law_note: str = "",
) -> Finding:
    """The finding of a judged version: its unknowns, citations and explanation (and ``law_note``: which version
    the milder later law chose)."""
    status_value, applied, possible, (figures, worst, min_prison) = judged
    unknown_facts, aggravation_unknowns, questions = _unknowns(judged, offence, pack, env)
    penalty_source = _penalty_source(offence, version)
    source = offence.cite or penalty_source
    return Finding(
        offence_id=offence.id,
        title=offence.title.en,
        title_local=offence.title.local,
        citation=source.cite if source else "",
        url=source.url if source else "",
        status="applies" if status_value is True else "possible",
        unknown_facts=unknown_facts,
        aggravation_unknowns=aggravation_unknowns,
        aggravations=tuple(a.id for a in applied),
        possible_aggravations=tuple(a.id for a in possible),
        maxima=figures,
        worst=worst,
        min_prison=min_prison,
        version_from=version.start.isoformat(),
        prison_or_fine=version.penalty.prison_or_fine,
        explanation=Explanation(
            offence, version, pack, party, incident.date, env, applied, possible, status_value is True
        ),
        track=offence.track,
        penalty_citation=penalty_source.cite if penalty_source and penalty_source is not source else "",
        questions=questions,
        unread=_unread(version, party, applied),
        law_note=law_note,
    )


@record(eq=False)
class Seen:
    """What the worst-case search needs of a finding in a world it tries (never shown): its track, status,
    figures and the unknowns still open, without citations or explanation."""

    offence_id: str
    track: str
    status: str
    maxima: Maxima
    worst: Maxima
    min_prison: Term | None
    unknown_facts: dict[str, bool]
    aggravation_unknowns: dict[str, bool]
    questions: dict[str, bool]


def seen_of(
    judged: Judged,
    offence: Offence,
    version: Version,
    pack: Pack,
    incident: Incident,
    party: Party,
    env: Env,
    law_note: str = "",
) -> Seen:
    """A judged version as a world of the worst-case search keeps it (the arguments of :func:`finding_of`, so that
    :func:`findings_of` builds either; a world's law note is never shown)."""
    status_value, _, _, (figures, worst, min_prison) = judged
    unknown_facts, aggravation_unknowns, questions = _unknowns(judged, offence, pack, env)
    status = "applies" if status_value is True else "possible"
    return Seen(
        offence.id, offence.track, status, figures, worst, min_prison, unknown_facts, aggravation_unknowns, questions
    )


class Found(Protocol):
    """A finding or what a world of the worst-case search keeps of one (:class:`Seen`)."""

    @property
    def offence_id(self) -> str: ...
    @property
    def track(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def maxima(self) -> Maxima: ...
    @property
    def worst(self) -> Maxima: ...
    @property
    def min_prison(self) -> Term | None: ...
    @property
    def unknown_facts(self) -> dict[str, bool]: ...
    @property
    def aggravation_unknowns(self) -> dict[str, bool]: ...
    @property
    def questions(self) -> dict[str, bool]: ...


F = TypeVar("F", bound=Found)
Make = Callable[[Judged, Offence, Version, Pack, Incident, Party, Env, str], F]


def _unread(version: Version, party: Party, applied: tuple[Aggravation, ...]) -> tuple[str, ...]:
    """The kinds of figure (prison, fine) that the pack leaves TODO for this party: their maximum is unknown, and
    an output must not show it as "none"."""
    penalty = version.penalty
    if party.kind == "company":
        fines = [penalty.company_fine if penalty.company_fine is not None else penalty.fine]
        fines += [a.company_fine if a.company_fine is not None else a.fine for a in applied]
        return ("fine",) if any(isinstance(f, Todo) for f in fines) else ()
    out = []
    if any(isinstance(p, Todo) for p in (penalty.prison, *(a.prison for a in applied))):
        out.append("prison")
    if any(isinstance(f, Todo) for f in (penalty.fine, *(a.fine for a in applied))):
        out.append("fine")
    return tuple(out)


def applies_to_party(offence: Offence | Measure, party: Party) -> bool:
    return party.kind in offence.kinds and (offence.roles is None or party.role in offence.roles)


def _milder_later(
    offence: Offence,
    version: Version,
    judged: Judged,
    pack: Pack,
    incident: Incident,
    party: Party,
    env: Env,
    as_of: date,
    maxima: MaximaFn,
) -> tuple[Version, Judged] | None:
    """The milder later law (pack.lex_mitior): the later version up to ``as_of`` that is milder than the version in
    force (and the mildest of them), judged; None when none is milder."""
    from .law_in_time import later_versions
    from .law_in_time import severity as mildness

    best: tuple[Version, Judged] | None = None
    figures, _, min_prison = judged[3]
    best_key = mildness(figures, min_prison)
    for later in later_versions(offence, version, as_of):
        candidate = judge(offence, later, pack, incident, party, env, maxima)
        if candidate is None:
            continue
        figures, _, min_prison = candidate[3]
        key = mildness(figures, min_prison)
        if key < best_key:
            best, best_key = (later, candidate), key
    return best


Offences = Sequence[tuple[Offence, "Version | None"]]


def findings_of(
    pack: Pack,
    offences: Offences,
    incident: Incident,
    party: Party,
    env: Env,
    as_of: date | None,
    maxima: MaximaFn,
    make: Make[F],
) -> tuple[list[F], list[str]]:
    """The finding of each offence open to the party (``offences``: pairs of an offence and its version in force
    on the incident's date, or None), and notes on offences not (yet) in force. ``make`` builds each finding from
    its judged version (:func:`finding_of`; the worst-case search keeps less, :func:`seen_of`)."""
    from .law_in_time import abolished

    findings: list[F] = []
    notes: list[str] = []
    for offence, version in offences:
        if version is None:
            later = [v for v in offence.versions if v.start > incident.date]
            if later and offence.when.fn(env) is not False:
                if pack.covers_from and later[0].start <= pack.covers_from:
                    notes.append(
                        f"{offence.id} ({offence.title.en}): this pack encodes the law from {pack.covers_from}; "
                        "the law in force on the incident's date is not encoded"
                    )
                else:
                    notes.append(
                        f"{offence.id} ({offence.title.en}) was not yet in force on the incident's date; "
                        f"it applies to conduct from {later[0].start}"
                    )
            continue
        judged = judge(offence, version, pack, incident, party, env, maxima)
        if judged is None:
            continue
        law_note = ""
        if (
            pack.lex_mitior is not None
            and as_of
            and as_of > incident.date
            and (len(offence.versions) > 1 or (version.end is not None and version.end <= as_of))
        ):
            rule = pack.lex_mitior.evidence.source.cite
            end = abolished(offence, version, as_of)
            if end is not None:  # an offence abolished by then no longer punishes the conduct
                notes.append(
                    f"{offence.id} ({offence.title.en}) was abolished on {end}: the milder later law applies ({rule})"
                )
                continue
            milder = _milder_later(offence, version, judged, pack, incident, party, env, as_of, maxima)
            if milder is not None:
                law_note = (
                    f"milder later law ({rule}): the version in force from {milder[0].start.isoformat()} applies "
                    f"instead of the one of {version.start.isoformat()}"
                )
                version, judged = milder
        findings.append(make(judged, offence, version, pack, incident, party, env, law_note))
    return findings, notes


# ------------------------------------------------------------------------------------------------ tracks
MAX_WORLDS = 64  # worlds the worst-case search may try per party and track (each evaluates the track's findings again)


class _Tracks:
    """Combines one party's findings in a pack's tracks, and searches the worst consistent world for each."""

    def __init__(
        self,
        pack: Pack,
        offences: Offences,
        incident: Incident,
        party: Party,
        env: Env,
        as_of: date | None,
        maxima: MaximaFn,
        vocabulary: Vocabulary | None = None,
    ):
        self.pack, self.offences, self.incident, self.party, self.env = pack, offences, incident, party, env
        self.as_of, self.maxima, self.vocabulary = as_of, maxima, vocabulary
        self.by_id = pack.offence_by_id
        self.worlds: dict[tuple[str, tuple[tuple[str, bool], ...]], list[Seen] | None] = {}
        self.open_in: dict[str, Offences] = {}  # track id -> the offences that can still apply in it

    def resolve_cap(self, formula: object) -> object:
        return resolve(formula, self.party, self.incident.date, self.pack.units)

    def entries(self, track: Track, findings: Sequence[Found], worst: bool) -> list[Entry]:
        out = []
        for f in findings:
            if f.track != track.id or (not worst and f.status != "applies"):
                continue
            offence = self.by_id[f.offence_id]
            absorbed = offence.absorbed_by
            figures = f.worst if worst else f.maxima
            if absorbed is None:
                out.append(Entry(f.offence_id, figures, offence.group, offence.unit))
            else:
                cite = f"{absorbed.evidence.source.cite}: «{absorbed.evidence.quote}»"
                out.append(Entry(f.offence_id, figures, offence.group, offence.unit, absorbed.offences, cite))
        return out

    def combined(self, track: Track, findings: Sequence[Found], worst: bool = False) -> Combined:
        return combine_track(
            track,
            self.entries(track, findings, worst),
            self.incident.counts,
            self.pack.groups,
            self.resolve_cap,
            self.party.kind,
        )

    def world(self, track: Track, assignment: tuple[tuple[str, bool], ...]) -> list[Seen] | None:
        """The findings of ``track`` in the world where the unknown facts of ``assignment`` take those values, with
        what the vocabulary says they imply (under 14 is under 18); None when no such world can be (the assignment
        contradicts a link: under 14 but not a minor).

        Only the offences with a finding in ``track`` on the incident's own facts are evaluated again: a world only
        settles unknown facts, and in Kleene's logic a condition that is false stays false however its unknowns
        are settled (and true stays true), so no other offence can have a finding in any world, and the other
        tracks' findings never enter this track's combination."""
        key = (track.id, assignment)
        if key in self.worlds:
            return self.worlds[key]
        env = dict(self.env)
        env.update(assignment)
        contradictions: list[tuple[str, str, str]] = []
        if self.vocabulary is not None:
            env, contradictions = self.vocabulary.completed(env)
        found: list[Seen] | None = None
        if not contradictions:
            offences = self.open_in[track.id]
            found, _ = findings_of(
                self.pack, offences, self.incident, self.party, env, self.as_of, self.maxima, seen_of
            )
        self.worlds[key] = found
        return found

    def undecided(self, track: Track, findings: Sequence[Found]) -> list[tuple[str, bool]]:
        """The unknown facts that still decide a possible finding or aggravation of ``track``, with the value
        that would make it apply (the adverse value), first the finding's own."""
        out: dict[str, bool] = {}
        for f in findings:
            if f.track != track.id:
                continue
            for name, value in (*f.unknown_facts.items(), *f.questions.items(), *f.aggravation_unknowns.items()):
                out.setdefault(name, value)
        return list(out.items())

    def worst(self, track: Track, base: list[Finding]) -> tuple[Combined, dict[str, bool], bool, Combined | None]:
        """The worst consistent world for ``track``: its combination, the facts that decide it, whether the
        search stopped at its bound, and then the bound it cannot exceed.

        First, the world where every undecided fact takes its adverse value at once: when it is possible and
        reaches the upper bound (every possible finding and aggravation counted), it is the worst, and no search
        is needed (the common case: the unknowns do not pull against each other). Otherwise a bounded
        branch-and-bound search over the undecided facts."""
        undecided = self.undecided(track, base)
        if undecided:
            ids = {f.offence_id for f in base if f.track == track.id}
            self.open_in[track.id] = [(o, v) for o, v in self.offences if o.id in ids]
            everything = tuple(undecided)
            world = self.world(track, everything)
            if world is not None and not self.undecided(track, world):
                reached = self.combined(track, world, worst=True)
                if severity(reached.maxima) >= severity(self.combined(track, base, worst=True).maxima):
                    return reached, dict(everything), False, None
        best: Combined | None = None
        best_facts: dict[str, bool] = {}
        limit: Combined | None = None
        spent = 0

        def visit(assignment: tuple[tuple[str, bool], ...], findings: Sequence[Found]) -> None:
            nonlocal best, best_facts, limit, spent
            bound = self.combined(track, findings, worst=True)
            if best is not None and severity(bound.maxima) <= severity(best.maxima):
                return
            undecided = self.undecided(track, findings)
            if not undecided:
                best, best_facts = bound, dict(assignment)
                return
            if spent >= MAX_WORLDS:
                if limit is None or severity(bound.maxima) > severity(limit.maxima):
                    limit = bound
                return
            name, adverse = undecided[0]
            possible = 0
            for value in (adverse, not adverse):
                spent += 1
                branch = (*assignment, (name, value))
                world = self.world(track, branch)
                if world is not None:  # a world the vocabulary's links allow
                    possible += 1
                    visit(branch, world)
            if not possible:  # (cannot happen from a consistent incident) keep this world as it is
                best, best_facts = bound, dict(assignment)

        visit((), base)
        assert best is not None or limit is not None
        if best is None:  # the bound was reached before any world was complete: report the bound itself
            return limit, {}, True, limit  # type: ignore[return-value]
        bounded = limit is not None and severity(limit.maxima) > severity(best.maxima)
        return best, best_facts, bounded, limit if bounded else None

    def result(self, track: Track, findings: list[Finding]) -> TrackResult:
        now = self.combined(track, findings)
        worst, facts, bounded, limit = self.worst(track, findings)
        one_act, several_acts = track.rules_for(self.party.kind)
        one_cite, several_cite = one_act.evidence.source.cite, several_acts.evidence.source.cite
        if one_cite == several_cite:  # one provision states both rules: cite it once
            rule = f"one act: {one_act.rule}; several acts: {several_acts.rule} ({one_cite})"
        else:
            rule = f"one act: {one_act.rule} ({one_cite}); several acts: {several_acts.rule} ({several_cite})"
        readings = {name: value for name, value in facts.items() if name in self.pack.questions}
        return TrackResult(
            track=track.id,
            kind=track.kind,
            enforcer=track.enforcer.en,
            enforcer_local=track.enforcer.local,
            findings=tuple(f.offence_id for f in findings if f.track == track.id),
            max=now.maxima,
            worst=worst.maxima,
            worst_facts={n: v for n, v in facts.items() if n not in readings},
            worst_readings=readings,
            rule=rule,
            trail=tuple(now.trail),
            upper_bound=now.upper_bound,
            worst_bounded=bounded,
            worst_limit=limit.maxima if limit is not None else None,
            acts=now.acts,
            counted=now.counted,
            notes=tuple(dict.fromkeys(now.notes + worst.notes + _unread_notes(track, findings))),
        )


def _unread_notes(track: Track, findings: Sequence[Finding]) -> list[str]:
    """Say that the maximum and worst case leave out the figures the pack could not read (TODO)."""
    return [
        f"{f.offence_id}: its {' and '.join(f.unread)} figure{'s were' if len(f.unread) > 1 else ' was'} not read in "
        "the statute (TODO): the maximum and worst case are computed without it, and the real ones may be higher"
        for f in findings
        if f.track == track.id and f.unread
    ]


def _measures(pack: Pack, incident: Incident, party: Party, env: Env) -> tuple[MeasureResult, ...]:
    out = []
    for measure in pack.measures:
        if not applies_to_party(measure, party) or not measure.in_force_on(incident.date):
            continue
        value = measure.when.fn(env)
        if value is False:
            continue
        source = measure.evidence.source
        out.append(
            MeasureResult(
                measure.id,
                measure.title.en,
                measure.title.local,
                measure.ordered_by.en,
                "applies" if value else "possible",
                {} if value else measure.when.adverse_unknowns(env),
                source.cite,
                source.url,
                measure.evidence.quote,
                source.verified,
            )
        )
    return tuple(out)


def party_against_pack(
    pack: Pack,
    offences: Offences,
    incident: Incident,
    party: Party,
    env: Env,
    as_of: date | None = None,
    maxima: MaximaFn = figure_maxima,
    vocabulary: Vocabulary | None = None,
) -> PartyResult:
    """One party against one pack: the finding of each offence open to the party, then, in each track that has
    findings, the combined maximum and the worst consistent case (a world the ``vocabulary``'s links allow); and
    the measures that can be ordered."""
    findings, notes = findings_of(pack, offences, incident, party, env, as_of, maxima, finding_of)
    tracks = _Tracks(pack, offences, incident, party, env, as_of, maxima, vocabulary)
    used = {f.track for f in findings}
    results = tuple(tracks.result(track, findings) for track in pack.tracks.values() if track.id in used)
    return PartyResult(
        jurisdiction=pack.code,
        party=party.id,
        party_kind=party.kind,
        findings=tuple(findings),
        tracks=results,
        measures=_measures(pack, incident, party, env),
        notes=tuple(notes),
    )


def question_values(packs: Iterable[Pack], incident: Incident, as_of: date) -> dict[str, bool | None]:
    """The reading each open question of law takes for this assessment: what the incident (or ``--assume``)
    says, else what a decision settled by ``as_of``, else the pack's default when asked for, else unknown."""
    out: dict[str, bool | None] = {}
    for pack in packs:
        for qid, question in pack.questions.items():
            value = incident.assume.get(qid)
            if value is None:
                value = question.value_on(as_of)
            if value is None and incident.assume_defaults:
                value = question.default
            out[qid] = value
    return out


def relevant_packs(packs: Iterable[Pack], places: Iterable[str]) -> list[Pack]:
    """The packs that apply to conduct touching ``places``: a member state makes the EU pack apply, a subdivision
    its country's (national or federal) pack, and a pack's own code brings it in (``EU``)."""
    wanted: set[str] = set()
    for place in places:
        wanted |= triggers(place)
    return [pack for pack in packs if pack.applies_in & wanted or pack.code in wanted]
