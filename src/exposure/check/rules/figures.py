"""Walking every figure of a pack, with a label a maintainer recognises (``t-1 (from 2020-01-01) prison``)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from ...model import Concurrence, Evidence, Extreme, FixedFine, Pack, TurnoverShare, UnitFine
from ...model.durations import Term
from ...model.problems import Problem


def problem(where, code: str, message: str, severity: str = "error") -> Problem:
    file, line, col = where
    return Problem(file, line, col, message, code, severity)


def figures(pack: Pack) -> Iterator[tuple[Any, str, Any]]:
    """Every (figure, label, base figure of the same kind or None) in the pack: offences' prison, fine and company
    fine with their aggravations and increases, the corporate rule, and the dated unit values. Figures are of
    several model types (a prison or fine figure, an increase, a unit value, a TODO, or None); each rule asks
    for what it checks."""
    # A sentencing class's figures are checked once, under the class, however many offences name it.
    from_classes = {id(f) for c in pack.classes.values() for f in (c.prison, c.fine) if f is not None}
    for cid, sentence_class in pack.classes.items():
        yield sentence_class.prison, f"class {cid} prison", None
        yield sentence_class.fine, f"class {cid} fine", None

    def own(figure):
        return None if id(figure) in from_classes else figure

    for offence in pack.offences:
        for version in offence.versions:
            base = version.penalty
            prefix = f"{offence.id} (from {version.start})"
            yield own(base.prison), f"{prefix} prison", None
            yield own(base.fine), f"{prefix} fine", None
            yield base.company_fine, f"{prefix} company fine", None
            for agg in version.aggravations:
                # an aggravation that lifts the class is compared with the base (L310), so its figures stay
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


def evidences(pack: Pack) -> Iterator[Evidence]:
    """Every piece of evidence of the pack that names a source: figures and the pack-level rules."""
    for figure, _, _ in figures(pack):
        proof = getattr(figure, "evidence", None)
        if proof is not None:
            yield proof
    for track in pack.tracks.values():
        for rule in (track.one_act, track.several_acts, track.company_one_act, track.company_several_acts):
            if rule is not None:
                yield rule.evidence
    for group in pack.groups.values():
        yield group.evidence
    for offence in pack.offences:
        if offence.absorbed_by is not None:
            yield offence.absorbed_by.evidence
    for measure in pack.measures:
        yield measure.evidence
    if pack.lex_mitior is not None:
        yield pack.lex_mitior.evidence
    if pack.relation is not None:
        yield pack.relation.evidence
    for limitation in pack.limitations:
        yield limitation.evidence
        if limitation.minor_evidence is not None:
            yield limitation.minor_evidence


def term_numbers(term: Term) -> list[list[Decimal]]:
    """Ways a statute may state a term: whole years, or total months, or years and months, or days (or weeks)."""
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
        if not term.months and term.days % 7 == 0:
            options.append([Decimal(term.days // 7)])
    return options


def formula_numbers(formula: object) -> list[Decimal]:
    if isinstance(formula, FixedFine):
        return [formula.amount.amount]
    if isinstance(formula, TurnoverShare):
        return [formula.percent]
    if isinstance(formula, UnitFine):
        return [formula.count]
    if isinstance(formula, Extreme):
        return [n for part in formula.parts for n in formula_numbers(part)]
    return []


def concurrences(pack: Pack) -> Iterator[tuple[Concurrence, str]]:
    """Every rule that combines penalties, with a label (``track criminal several_acts``)."""
    for track in pack.tracks.values():
        for name in ("one_act", "several_acts", "company_one_act", "company_several_acts"):
            rule = getattr(track, name)
            if rule is not None:
                yield rule, f"track {track.id} {name}"
