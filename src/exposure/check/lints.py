"""Legal sanity rules over a loaded pack: the checks a reviewer of a rule-pack edit would make by hand.

Codes are stable (teams discuss them): L305 quote does not state the figure, L306 source checked too long ago,
L307 fine in another currency than the pack's, L310 an aggravation lowers a maximum, L311 source never used,
L312 figure rests on a secondary source, L313 figure left as TODO.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from ..model.durations import LIFE, Term
from ..model import Extreme, FineFigure, FixedFine, Pack, PrisonFigure, Todo, TurnoverShare, UnitFine
from ..model.problems import Problem
from .quote_numbers import states

DEFAULT_MAX_AGE_DAYS = 365


def _problem(where, code: str, message: str, severity: str = "error") -> Problem:
    file, line, col = where
    return Problem(file, line, col, message, code, severity)


def term_numbers(term: Term) -> list[list[Decimal]]:
    """Ways a statute may state a term: whole years, or total months, or years and months, or days."""
    years, months = divmod(term.months, 12)
    options: list[list[Decimal]] = []
    if term.months and not months and not term.days:
        options.append([Decimal(years)])
    if term.months:
        options.append([Decimal(term.months)])
    if years and months:
        options.append([Decimal(years), Decimal(months)])
    if term.days:
        options.append([Decimal(term.days)])
    return options


def formula_numbers(formula) -> list[Decimal]:
    if isinstance(formula, FixedFine):
        return [formula.amount.amount]
    if isinstance(formula, TurnoverShare):
        return [formula.percent]
    if isinstance(formula, UnitFine):
        return [formula.count]
    if isinstance(formula, Extreme):
        return [n for part in formula.parts for n in formula_numbers(part)]
    return []


def _check_quote(figure, label: str, out: list[Problem]) -> None:
    quote = figure.evidence.quote
    severity = "warning" if figure.note else "error"
    suffix = " (derived: see its note)" if figure.note else ""
    if isinstance(figure, PrisonFigure):
        for term in (figure.max, figure.min):
            if term is None or term == LIFE:
                continue
            if not any(all(states(quote, n) for n in option) for option in term_numbers(term)):
                out.append(_problem(figure.evidence.where, "L305", f"{label}: quote «{quote}» does not state {term}{suffix}", severity))
    else:
        numbers = formula_numbers(figure.max) + ([figure.min.amount] if figure.min else [])
        for number in numbers:
            if not states(quote, number):
                out.append(_problem(figure.evidence.where, "L305", f"{label}: quote «{quote}» does not state {number}{suffix}", severity))


def _figures(pack: Pack):
    """Every (figure, label, base figure of the same kind or None) in the pack."""
    for offence in pack.offences:
        for version in offence.versions:
            base = version.penalty
            prefix = f"{offence.id} (from {version.start})"
            yield base.prison, f"{prefix} prison", None
            yield base.fine, f"{prefix} fine", None
            yield base.company_fine, f"{prefix} company fine", None
            for agg in version.aggravations:
                yield agg.prison, f"{prefix} aggravation {agg.id} prison", base.prison
                yield agg.fine, f"{prefix} aggravation {agg.id} fine", base.fine
                yield agg.company_fine, f"{prefix} aggravation {agg.id} company fine", base.company_fine
                if agg.increase is not None:
                    yield agg.increase, f"{prefix} aggravation {agg.id} increase", None
    if pack.company_fine is not None:
        rule = pack.company_fine
        yield (rule.fixed or rule), "company_fine", None
        if rule.without_person_fine is not None:
            yield rule.without_person_fine, "company_fine.without_person_fine", None
    for unit, values in pack.units.items():
        for value in values:
            yield value, f"units.{unit} from {value.start}", None


def _lowers(figure, base) -> str | None:
    """Why ``figure`` (an aggravation's) is lower than ``base`` (the offence's), or None."""
    if isinstance(figure, PrisonFigure) and isinstance(base, PrisonFigure):
        if base.max == LIFE and figure.max != LIFE:
            return f"prison {figure.max} is lower than the base 'life'"
        if figure.max != LIFE and base.max != LIFE and figure.max < base.max:
            return f"prison {figure.max} is lower than the base {base.max}"
    if isinstance(figure, FineFigure) and isinstance(base, FineFigure):
        a, b = figure.max, base.max
        if isinstance(a, FixedFine) and isinstance(b, FixedFine) and a.amount.currency == b.amount.currency:
            if a.amount < b.amount:
                return f"fine {a.amount} is lower than the base {b.amount}"
    return None


def lint_pack(pack: Pack, *, today: date | None = None, max_age_days: int = DEFAULT_MAX_AGE_DAYS) -> list[Problem]:
    out: list[Problem] = []
    today = today or date.today()
    used: set[str] = set()
    unverified: dict[str, int] = {}
    for figure, label, base in _figures(pack):
        if figure is None:
            continue
        if isinstance(figure, Todo):
            out.append(_problem(figure.where, "L313", f"{label}: TODO {figure.text}", "warning"))
            continue
        evidence = figure.evidence
        used.add(evidence.source.id)
        if not evidence.source.verified:
            unverified[evidence.source.id] = unverified.get(evidence.source.id, 0) + 1
        if isinstance(figure, (PrisonFigure, FineFigure)):
            _check_quote(figure, label, out)
        elif hasattr(figure, "by"):  # an increase: the quote must state the fraction's denominator ("un terzo")
            if not states(evidence.quote, figure.by.denominator):
                out.append(_problem(evidence.where, "L305", f"{label}: quote «{evidence.quote}» does not state {figure.by}"))
        elif hasattr(figure, "value"):  # a dated unit value
            if not states(evidence.quote, figure.value.amount):
                severity, suffix = ("warning", " (derived: see its note)") if figure.note else ("error", "")
                out.append(_problem(evidence.where, "L305", f"{label}: quote «{evidence.quote}» does not state {figure.value}{suffix}", severity))
        elif getattr(figure, "factor", None) is not None:
            # a factor of 1 ("the same fine as for a person") states no number to look for
            if figure.factor != 1 and not states(evidence.quote, figure.factor):
                out.append(_problem(evidence.where, "L305", f"{label}: quote «{evidence.quote}» does not state the factor {figure.factor}"))
        if isinstance(figure, FineFigure) and isinstance(figure.max, FixedFine) and figure.max.amount.currency != pack.currency:
            out.append(_problem(evidence.where, "L307", f"{label}: amount in {figure.max.amount.currency}, the pack's currency is {pack.currency}", "warning"))
        why = _lowers(figure, base) if base is not None else None
        if why:
            out.append(_problem(evidence.where, "L310", f"{label}: an aggravation never lowers a maximum: {why}"))
    combination = pack.combination
    used.add(combination.evidence.source.id)
    if pack.company_fine is not None:
        used.add(pack.company_fine.evidence.source.id)
    for offence in pack.offences:
        used.update(source.id for source in offence.basis)
    if pack.lex_mitior is not None:
        used.add(pack.lex_mitior.evidence.source.id)
    for i, rule in enumerate(pack.limitations):
        for period, evidence, label in ((rule.period, rule.evidence, "period"), (rule.minor_period, rule.minor_evidence, "minor-victim period")):
            if evidence is None:
                continue
            used.add(evidence.source.id)
            if period is not None and not any(all(states(evidence.quote, n) for n in option) for option in term_numbers(period)):
                out.append(_problem(evidence.where, "L305", f"limitation[{i}] {label}: quote «{evidence.quote}» does not state {period}"))
    stale = today - timedelta(days=max_age_days)
    for source in pack.sources.values():
        sources_where = source.where
        if source.checked < stale:
            out.append(_problem(sources_where, "L306", f"source '{source.id}' ({source.cite}) was last checked on {source.checked}, over {max_age_days} days ago", "warning"))
        if source.checked > today:
            out.append(_problem(sources_where, "L306", f"source '{source.id}' has a checked date in the future ({source.checked})"))
        if source.id not in used:
            out.append(_problem(sources_where, "L311", f"source '{source.id}' ({source.cite}) is not used by any figure", "warning"))
        if source.id in unverified:
            out.append(_problem(sources_where, "L312", f"{unverified[source.id]} figure(s) rest on secondary source '{source.id}' ({source.cite}): statutory text not read", "warning"))
    return out
