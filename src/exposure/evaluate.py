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

from .combine import combine
from decimal import ROUND_DOWN, Decimal

from .durations import LIFE, longer, term_display
from .fines import display as fine_display
from .fines import greatest, per_unit, resolve, scale
from .model import (
    Aggravation,
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
from .money import Money
from .results import Cited, Finding, Maxima, PartyResult

CENT = Decimal("0.01")


def environment(incident: Incident, party: Party, vocabulary: Vocabulary) -> dict[str, bool | None]:
    """The truth value of every name a condition may use, for one party. Missing facts are absent (unknown)."""
    env: dict[str, bool | None] = dict(incident.facts)
    env.update(party.facts)
    for act in vocabulary.acts:
        env[act] = act in party.acts
    return env


def _cited(what: str, value: str, evidence: Evidence) -> Cited:
    source = evidence.source
    return Cited(what, value, source.cite, source.url, evidence.quote, source.checked.isoformat(), source.verified)


class _Figures:
    """Accumulates the maxima of one finding, with the evidence for each figure used."""

    def __init__(self, pack: Pack, party: Party, day):
        self.pack, self.party, self.day = pack, party, day
        self.prison = None
        self.fine = None
        self.min_prison = None
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
                self.cited.append(_cited(f"{label} prison", term_display(prison.max), prison.evidence))
        figure = fine
        if is_company and company_fine is not None:
            figure = company_fine
            if isinstance(figure, Todo):
                self.todos.append(f"{label} company fine: TODO {figure.text}")
                return
            value = per_unit(resolve(figure.max, self.party, self.day, self.pack.units), figure.per)
            self.fine = greatest([self.fine, value])
            self.cited.append(_cited(f"{label} company fine", fine_display(value), figure.evidence))
            return
        if figure is None:
            return
        if isinstance(figure, Todo):
            self.todos.append(f"{label} fine: TODO {figure.text}")
            return
        value = per_unit(resolve(figure.max, self.party, self.day, self.pack.units), figure.per)
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
                self.cited.append(_cited(f"{label} prison", f"{term_display(raised)} (+{agg.increase.by})", agg.increase.evidence))
        if isinstance(base.fine, Money):
            raised_fine = Money((base.fine.amount * factor.numerator / factor.denominator).quantize(CENT, ROUND_DOWN), base.fine.currency)
            self.fine = greatest([self.fine, raised_fine])
            self.cited.append(_cited(f"{label} fine", f"{fine_display(raised_fine)} (+{agg.increase.by})", agg.increase.evidence))
        elif base.fine is not None:
            self.todos.append(f"{label}: cannot raise {fine_display(base.fine)} by {agg.increase.by}")

    def _company_value(self, person_value):
        rule = self.pack.company_fine
        if rule is None:
            self.todos.append("company fine: the pack states no corporate rule")
            return None
        if rule.fixed is not None:
            value = per_unit(resolve(rule.fixed.max, self.party, self.day, self.pack.units), rule.fixed.per)
            cited = _cited("corporate rule", fine_display(value), rule.evidence)
        else:
            value = scale(person_value, rule.factor)
            cited = _cited("corporate rule", f"× {rule.factor}", rule.evidence)
        if cited not in self.cited:
            self.cited.append(cited)
        return value

    def company_without_person_fine(self) -> None:
        """Code pénal art. 131-38 al. 2 and the like: a fixed fine where the law sets none for persons."""
        rule = self.pack.company_fine
        if self.party.kind == "company" and self.fine is None and rule and rule.without_person_fine:
            figure = rule.without_person_fine
            value = resolve(figure.max, self.party, self.day, self.pack.units)
            self.fine = value
            self.cited.append(_cited("corporate rule (no fine for persons)", fine_display(value), figure.evidence))

    def snapshot(self) -> Maxima:
        return Maxima(self.prison, self.fine)

    def copy(self) -> _Figures:
        other = _Figures(self.pack, self.party, self.day)
        other.prison, other.fine, other.min_prison = self.prison, self.fine, self.min_prison
        other.cited, other.todos = list(self.cited), list(self.todos)
        return other


def _explain_unknowns(unknowns: dict[str, bool]) -> str:
    return ", ".join(f"{name} unknown (applies if {str(value).lower()})" for name, value in unknowns.items())


def evaluate_offence(
    offence: Offence, version: Version, pack: Pack, incident: Incident, party: Party, env: dict
) -> Finding | None:
    status_value = offence.when.value(env)
    if status_value is False:
        return None
    trail: list[str] = []
    unknowns: dict[str, bool] = {}
    if status_value is None:
        unknowns = offence.when.adverse_unknowns(env)
        trail.append(f"elements: {offence.when.text} → unknown: {_explain_unknowns(unknowns)}")
    else:
        trail.append(f"elements: {offence.when.text} → true")
    for name, value in offence.when.element_values(env):
        trail.append(f"  element {name}: {'unknown' if value is None else str(value).lower()}")
    for source in offence.basis:
        trail.append(f"  basis: {source.cite} <{source.url}>")
    penalty = version.penalty
    figures = _Figures(pack, party, incident.date)
    figures.add(penalty.prison, penalty.fine, penalty.company_fine, "base")
    applied, possible = [], []
    worst = None
    for agg in version.aggravations:
        value = agg.when.value(env)
        if value is False:
            continue
        if value is True:
            applied.append(agg)
        else:
            possible.append(agg)
    base = figures.copy()
    for agg in applied:
        figures.add(agg.prison, agg.fine, agg.company_fine, f"aggravation {agg.id}")
        if agg.increase is not None:
            figures.increase(base, agg)
        trail.append(f"aggravation {agg.id} ({agg.title.en}): {agg.when.text} → true")
    worst = figures.copy()
    aggravation_unknowns: dict[str, bool] = {}
    for agg in possible:
        agg_unknowns = agg.when.adverse_unknowns(env)
        for name, adverse in agg_unknowns.items():
            aggravation_unknowns.setdefault(name, adverse)
        worst.add(agg.prison, agg.fine, agg.company_fine, f"aggravation {agg.id}")
        if agg.increase is not None:
            worst.increase(base, agg)
        trail.append(f"aggravation {agg.id} ({agg.title.en}): {agg.when.text} → unknown: {_explain_unknowns(agg_unknowns)}")
    figures.company_without_person_fine()
    worst.company_without_person_fine()
    for todo in figures.todos:
        trail.append(todo)
    first = penalty.prison if isinstance(penalty.prison, PrisonFigure) else penalty.fine
    if isinstance(first, (PrisonFigure, FineFigure)):
        citation, url = first.evidence.source.cite, first.evidence.source.url
    else:
        citation, url = "", ""
    for cited in figures.cited:
        trail.append(f"{cited.what}: {cited.value} — {cited.cite}: «{cited.quote}»")
    for cited in worst.cited[len(figures.cited):]:
        trail.append(f"(worst case) {cited.what}: {cited.value} — {cited.cite}: «{cited.quote}»")
    return Finding(
        offence_id=offence.id,
        title=offence.title.en,
        title_local=offence.title.local,
        citation=citation,
        url=url,
        status="applies" if status_value is True else "possible",
        unknown_facts=unknowns,
        aggravation_unknowns=aggravation_unknowns,
        aggravations=tuple(a.id for a in applied),
        possible_aggravations=tuple(a.id for a in possible),
        maxima=figures.snapshot(),
        worst=worst.snapshot(),
        min_prison=figures.min_prison if party.kind == "person" else None,
        version_from=version.start.isoformat(),
        trail=tuple(trail),
        cited=tuple(worst.cited),
    )


def applies_to_party(offence: Offence, party: Party) -> bool:
    return party.kind in offence.kinds and (offence.roles is None or party.role in offence.roles)


def assess_party(pack: Pack, incident: Incident, party: Party, vocabulary: Vocabulary, env=None) -> PartyResult:
    env = environment(incident, party, vocabulary) if env is None else env
    findings: list[Finding] = []
    notes: list[str] = []
    for offence in pack.offences:
        if not applies_to_party(offence, party):
            continue
        version = offence.version_on(incident.date)
        if version is None:
            later = [v for v in offence.versions if v.start > incident.date]
            if later and offence.when.value(env) is not False:
                notes.append(
                    f"{offence.id} ({offence.title.en}) was not yet in force on {incident.date}; "
                    f"it applies to conduct from {later[0].start}"
                )
            continue
        finding = evaluate_offence(offence, version, pack, incident, party, env)
        if finding is not None:
            findings.append(finding)
    applicable = [f.maxima for f in findings if f.status == "applies"]
    everything = [f.worst for f in findings]
    rule = pack.combination
    summary = f"{rule.rule}: {rule.evidence.source.cite} «{rule.evidence.quote}»"
    return PartyResult(
        jurisdiction=pack.code,
        party=party.id,
        party_kind=party.kind,
        findings=tuple(findings),
        max=combine(rule, applicable),
        worst_case=combine(rule, everything),
        combination=summary,
        notes=tuple(notes),
    )


def relevant_packs(packs, places) -> list[Pack]:
    """The packs that apply to conduct touching ``places`` (a member state makes the EU pack apply)."""
    wanted = set(places)
    return [pack for pack in packs if pack.applies_in & wanted]


__all__ = ["assess_party", "environment", "evaluate_offence", "relevant_packs", "Aggravation"]
