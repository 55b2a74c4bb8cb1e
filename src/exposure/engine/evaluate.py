"""The engine: an incident against a pack, party by party, in three-valued logic.

For each offence whose version is in force on the incident's date and which can be committed by the party's
kind and role:

* its condition is **true** → the finding ``applies``; **unknown** → ``possible``, naming each unknown fact with
  the adverse value that would make it apply; **false** → no finding;
* each aggravation that is true raises the maxima (``maxima``); one that is unknown raises only ``worst``;
* a company is never imprisoned; its fine is the offence's own company figure if the statute states one,
  otherwise the pack's corporate rule applied to the natural person's fine (e.g. Code pénal art. 131-38);
* finally the findings combine by the pack's rule for several offences (:mod:`exposure.combine`).
"""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal

from ..model import (
    Evidence,
    FineFigure,
    Incident,
    Offence,
    Pack,
    Party,
    PrisonFigure,
    Todo,
    Version,
    Vocabulary,
)
from ..model.durations import LIFE, longer, term_display
from ..model.money import Money
from ..model.records import replace
from .combine import combine_findings
from .fines import display as fine_display
from .fines import greatest, per_unit, resolve, scale
from .results import Cited, Finding, Maxima, PartyResult

CENT = Decimal("0.01")


def environment(incident: Incident, party: Party, vocabulary: Vocabulary) -> dict[str, bool | None]:
    """The truth value of every name a condition may use, for one party: a fact the incident does not give is
    unknown (None), an act the party is not said to have done is false."""
    env: dict[str, bool | None] = vocabulary.defaults.copy()
    env.update(incident.facts)
    env.update(party.facts)
    for act in party.acts:
        env[act] = True
    return env


def _cited(what: str, value: str, evidence: Evidence) -> Cited:
    source = evidence.source
    return Cited(what, value, source.cite, source.url, evidence.quote, source.checked.isoformat(), source.verified)


class _Figures:
    """Accumulates the maxima of one finding, with the evidence for each figure used."""

    def __init__(self, pack: Pack, party: Party, day, citing: bool = True):
        self.pack, self.party, self.day, self.citing = pack, party, day, citing
        self.prison = None
        self.fine = None
        self.min_prison = None
        self.fine_stated_for_company = False  # a company fine stated by the statute is never raised by an increase
        self.cited: list[Cited] = []
        self.todos: list[str] = []

    def add(self, prison, fine, company_fine, label: str) -> None:
        is_company = self.party.kind == "company"
        if not is_company and prison is not None:
            if isinstance(prison, Todo):
                self.todos.append(f"{label} prison: TODO {prison.text}")
            else:
                self.prison = longer(self.prison, prison.max)
                if prison.min is not None:
                    self.min_prison = prison.min if self.min_prison is None else max(self.min_prison, prison.min)
                if self.citing:
                    self.cited.append(_cited(f"{label} prison", term_display(prison.max), prison.evidence))
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
            self.cited.append(_cited(f"{label} fine", fine_display(value), figure.evidence))
        if is_company:
            value = self._company_value(value)
        self.fine = greatest([self.fine, value])

    def increase(self, base: _Figures, agg) -> None:
        """A relative aggravation: the base maxima raised by ``agg.increase.by`` (e.g. one third)."""
        factor = 1 + agg.increase.by
        label = f"aggravation {agg.id}"
        if base.prison is not None and base.prison != LIFE:
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

    def _company_value(self, person_value):
        rule = self.pack.company_fine
        if rule is None:
            self.todos.append("company fine: the pack states no corporate rule")
            return None
        if rule.fixed is not None:
            self.fine_stated_for_company = True
            value = per_unit(resolve(rule.fixed.max, self.party, self.day, self.pack.units), rule.fixed.per)
            cited = _cited("corporate rule", fine_display(value), rule.evidence) if self.citing else None
        else:
            value = scale(person_value, rule.factor)
            cited = _cited("corporate rule", f"× {rule.factor}", rule.evidence) if self.citing else None
        if self.citing and cited not in self.cited:
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

    def snapshot(self) -> Maxima:
        return Maxima(self.prison, self.fine)

    def copy(self) -> _Figures:
        other = _Figures(self.pack, self.party, self.day, self.citing)
        other.prison, other.fine, other.min_prison = self.prison, self.fine, self.min_prison
        other.fine_stated_for_company = self.fine_stated_for_company
        other.cited, other.todos = list(self.cited), list(self.todos)
        return other


def _explain_unknowns(unknowns: dict[str, bool]) -> str:
    return ", ".join(f"{name} unknown (applies if {str(value).lower()})" for name, value in unknowns.items())


def figures_for(
    pack: Pack, version: Version, party: Party, day, applied, possible, citing: bool
) -> tuple[_Figures, _Figures]:
    """The maxima of one finding (with the aggravations that apply) and its worst case (with possible ones too)."""
    penalty = version.penalty
    base = _Figures(pack, party, day, citing)
    base.add(penalty.prison, penalty.fine, penalty.company_fine, "base")
    # An aggravated form that replaces the base penalty (its own prison, no fine, say) starts from nothing.
    figures = _Figures(pack, party, day, citing) if any(a.replaces for a in applied) else base.copy()
    for agg in applied:
        figures.add(agg.prison, agg.fine, agg.company_fine, f"aggravation {agg.id}")
        if agg.increase is not None:
            figures.increase(base, agg)
    worst = figures.copy()
    for agg in possible:
        if agg.replaces:  # the worst case is the heavier of the base form and the replacing form
            replaced = _Figures(pack, party, day, citing)
            replaced.add(agg.prison, agg.fine, agg.company_fine, f"aggravation {agg.id}")
            worst.prison = longer(worst.prison, replaced.prison)
            worst.fine = greatest([worst.fine, replaced.fine])
            worst.cited.extend(c for c in replaced.cited if c not in worst.cited)
            continue
        worst.add(agg.prison, agg.fine, agg.company_fine, f"aggravation {agg.id}")
        if agg.increase is not None:
            worst.increase(base, agg)
    figures.company_without_person_fine()
    worst.company_without_person_fine()
    return figures, worst


class Explanation:
    """The trail and the citations of one finding, computed only when someone reads them (a batch of report
    lines printed as JSON without ``--explain`` never pays for them)."""

    __slots__ = (
        "_cited",
        "_trail",
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

    def __init__(self, offence, version, pack, party, day, env, applied, possible, known: bool):
        self.offence, self.version, self.pack, self.party, self.day = offence, version, pack, party, day
        self.env, self.applied, self.possible, self.known = env, applied, possible, known
        self._trail = self._cited = None

    @property
    def trail(self) -> tuple[str, ...]:
        if self._trail is None:
            self._build()
        return self._trail

    @property
    def cited(self) -> tuple[Cited, ...]:
        if self._cited is None:
            self._build()
        return self._cited

    def _build(self) -> None:
        offence, env = self.offence, self.env
        trail: list[str] = []
        if self.known:
            trail.append(f"elements: {offence.when.text} → true")
        else:
            trail.append(
                f"elements: {offence.when.text} → unknown: {_explain_unknowns(offence.when.adverse_unknowns(env))}"
            )
        for name, value in offence.when.element_values(env):
            trail.append(f"  element {name}: {'unknown' if value is None else str(value).lower()}")
        for source in offence.basis:
            trail.append(f"  basis: {source.cite} <{source.url}>")
        for agg in self.applied:
            trail.append(f"aggravation {agg.id} ({agg.title.en}): {agg.when.text} → true")
        for agg in self.possible:
            unknowns = _explain_unknowns(agg.when.adverse_unknowns(env))
            trail.append(f"aggravation {agg.id} ({agg.title.en}): {agg.when.text} → unknown: {unknowns}")
        figures, worst = figures_for(
            self.pack, self.version, self.party, self.day, self.applied, self.possible, citing=True
        )
        trail.extend(figures.todos)
        for cited in figures.cited:
            trail.append(f"{cited.what}: {cited.value} — {cited.cite}: «{cited.quote}»")
        for cited in worst.cited[len(figures.cited) :]:
            trail.append(f"(worst case) {cited.what}: {cited.value} — {cited.cite}: «{cited.quote}»")
        self._trail, self._cited = tuple(trail), tuple(worst.cited)


def _citation_source(offence: Offence, version: Version):
    """The provision to cite for a finding: the first figure's source (base penalty first), else the basis."""
    penalty = version.penalty
    candidates = [penalty.prison, penalty.fine, penalty.company_fine]
    for agg in version.aggravations:
        candidates += [agg.prison, agg.fine, agg.company_fine]
    for figure in candidates:
        if isinstance(figure, (PrisonFigure, FineFigure)):
            return figure.evidence.source
    return offence.basis[0] if offence.basis else None


def figure_maxima(pack: Pack, version: Version, party: Party, day, applied: tuple, possible: tuple):
    """The maxima, the worst case and the minimum prison of one finding, without citations: what the engine
    memoises (the figures depend only on these inputs, and on the date only through dated unit values)."""
    figures, worst = figures_for(pack, version, party, day, applied, possible, citing=False)
    return figures.snapshot(), worst.snapshot(), figures.min_prison if party.kind == "person" else None


def evaluate_offence(
    offence: Offence, version: Version, pack: Pack, incident: Incident, party: Party, env: dict, maxima=figure_maxima
) -> Finding | None:
    """The finding of one offence for one party, or None when its condition is false. ``maxima`` computes the
    figures (the engine passes its memoised version)."""
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
    figures, worst, min_prison = maxima(pack, version, party, incident.date, applied_t, possible_t)
    aggravation_unknowns: dict[str, bool] = {}
    for agg in possible:
        for name, adverse in agg.when.adverse_unknowns(env).items():
            aggravation_unknowns.setdefault(name, adverse)
    source = _citation_source(offence, version)
    return Finding(
        offence_id=offence.id,
        title=offence.title.en,
        title_local=offence.title.local,
        citation=source.cite if source else "",
        url=source.url if source else "",
        status="applies" if status_value is True else "possible",
        unknown_facts={} if status_value is True else offence.when.adverse_unknowns(env),
        aggravation_unknowns=aggravation_unknowns,
        aggravations=tuple(a.id for a in applied),
        possible_aggravations=tuple(a.id for a in possible),
        maxima=figures,
        worst=worst,
        min_prison=min_prison,
        version_from=version.start.isoformat(),
        prison_or_fine=version.penalty.prison_or_fine,
        explanation=Explanation(
            offence, version, pack, party, incident.date, env, applied_t, possible_t, status_value is True
        ),
    )


def applies_to_party(offence: Offence, party: Party) -> bool:
    return party.kind in offence.kinds and (offence.roles is None or party.role in offence.roles)


def _milder_later(
    offence: Offence,
    version: Version,
    finding: Finding,
    pack: Pack,
    incident: Incident,
    party: Party,
    env: dict,
    as_of,
    maxima,
) -> tuple[Finding | None, str]:
    """Apply the milder later law (pack.lex_mitior): the mildest of the version in force and the later versions
    up to ``as_of``; an offence abolished by then no longer punishes the conduct."""
    from .law_in_time import abolished, later_versions, severity

    rule = pack.lex_mitior.evidence.source.cite
    end = abolished(offence, version, as_of)
    if end is not None:
        return None, f"{offence.id} ({offence.title.en}) was abolished on {end}: the milder later law applies ({rule})"
    best, best_key = finding, severity(finding.maxima, finding.min_prison)
    for later in later_versions(offence, version, as_of):
        candidate = evaluate_offence(offence, later, pack, incident, party, env, maxima)
        if candidate is None:
            continue
        key = severity(candidate.maxima, candidate.min_prison)
        if key < best_key:
            best, best_key = candidate, key
    if best is finding:
        return finding, ""
    note = (
        f"milder later law ({rule}): the version in force from {best.version_from} applies instead of "
        f"the one of {finding.version_from}"
    )
    return replace(best, law_note=note), ""


def party_against_pack(
    pack: Pack, offences, incident: Incident, party: Party, env: dict, as_of=None, maxima=figure_maxima
) -> PartyResult:
    """One party against one pack: the finding of each offence open to the party (``offences``: pairs of an
    offence and its version in force on the incident's date, or None), then the combined maxima."""
    findings: list[Finding] = []
    notes: list[str] = []
    for offence, version in offences:
        if version is None:
            later = [v for v in offence.versions if v.start > incident.date]
            if later and offence.when.fn(env) is not False:
                if pack.covers_from and later[0].start <= pack.covers_from:
                    notes.append(
                        f"{offence.id} ({offence.title.en}): this pack encodes the law from {pack.covers_from}; "
                        f"the law in force on the incident's date is not encoded"
                    )
                else:
                    notes.append(
                        f"{offence.id} ({offence.title.en}) was not yet in force on the incident's date; "
                        f"it applies to conduct from {later[0].start}"
                    )
            continue
        finding = evaluate_offence(offence, version, pack, incident, party, env, maxima)
        if (
            finding is not None
            and pack.lex_mitior is not None
            and as_of
            and as_of > incident.date
            and (len(offence.versions) > 1 or (version.end is not None and version.end <= as_of))
        ):
            finding, note = _milder_later(offence, version, finding, pack, incident, party, env, as_of, maxima)
            if note:
                notes.append(note)
        if finding is not None:
            findings.append(finding)
    groups = {offence.id: offence.group for offence in pack.offences}
    applicable = [(groups[f.offence_id], f.maxima) for f in findings if f.status == "applies"]
    everything = [(groups[f.offence_id], f.worst) for f in findings]
    rule = pack.combination
    summary = f"{rule.rule}: {rule.evidence.source.cite} «{rule.evidence.quote}»"
    return PartyResult(
        jurisdiction=pack.code,
        party=party.id,
        party_kind=party.kind,
        findings=tuple(findings),
        max=combine_findings(rule, applicable),
        worst_case=combine_findings(rule, everything),
        combination=summary,
        notes=tuple(notes),
    )


def relevant_packs(packs, places) -> list[Pack]:
    """The packs that apply to conduct touching ``places`` (a member state makes the EU pack apply)."""
    wanted = set(places)
    return [pack for pack in packs if pack.applies_in & wanted]
