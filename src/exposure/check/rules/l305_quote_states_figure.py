"""The quote states the figure.

Every figure carries the verbatim phrase of the statute that states it. The rule reads the numbers in the quote
(digits, and number words in the pack's languages: "deux ans", "fünfzehn Jahre", "2분의 1") and requires each
figure's numbers among them, so a figure mistyped or copied from another provision is caught. A figure derived
from the quote (a day-fine maximum: 360 days × EUR 30,000) says so in its ``note``; the rule then only warns.
With a shared quote (``evidence:``), each figure that refers to it is checked against the shared sentence.

Failing::

    prison: {max: 2 years, quote: "imprisonment for 20 years", source: s1}

Passing::

    prison: {max: 2 years, quote: "imprisonment for two years", source: s1}
"""

from __future__ import annotations

from ...model import FineFigure, Pack, PrisonFigure, Todo
from ...model.durations import LIFE
from ..quote_numbers import states
from .figures import concurrences, figures, formula_numbers, problem, term_numbers

ID = "L305"
SEVERITY = "error"
TITLE = "the quote states the figure"


def _term_stated(quote: str, term) -> bool:
    return any(all(states(quote, n) for n in option) for option in term_numbers(term))


def check(pack: Pack, context):
    for figure, label, _ in figures(pack):
        if figure is None or isinstance(figure, Todo):
            continue
        proof = figure.evidence
        quote = proof.quote
        derived = getattr(figure, "note", "")
        severity, suffix = ("warning", " (derived: see its note)") if derived else ("error", "")
        if isinstance(figure, PrisonFigure):
            for term in (figure.max, figure.min):
                if term is not None and term != LIFE and not _term_stated(quote, term):
                    yield problem(proof.where, ID, f"{label}: quote «{quote}» does not state {term}{suffix}", severity)
        elif isinstance(figure, FineFigure):
            for number in formula_numbers(figure.max) + ([figure.min.amount] if figure.min else []):
                if not states(quote, number):
                    yield problem(
                        proof.where, ID, f"{label}: quote «{quote}» does not state {number}{suffix}", severity
                    )
        elif hasattr(figure, "by"):  # an increase: the quote must state the fraction's denominator ("un terzo")
            if not states(quote, figure.by.denominator):
                yield problem(proof.where, ID, f"{label}: quote «{quote}» does not state {figure.by}")
        elif hasattr(figure, "value"):  # a dated unit value
            if not states(quote, figure.value.amount):
                yield problem(
                    proof.where, ID, f"{label}: quote «{quote}» does not state {figure.value}{suffix}", severity
                )
        elif getattr(figure, "factor", None) not in (None, 1) and not states(quote, figure.factor):
            # (a factor of 1, "the same fine as for a person", states no number to look for)
            yield problem(proof.where, ID, f"{label}: quote «{quote}» does not state the factor {figure.factor}")
    for rule, label in concurrences(pack):
        yield from _concurrence(rule, label)
    for i, limitation in enumerate(pack.limitations):
        for period, proof, what in (
            (limitation.period, limitation.evidence, "period"),
            (limitation.minor_period, limitation.minor_evidence, "minor-victim period"),
        ):
            if proof is not None and period is not None and not _term_stated(proof.quote, period):
                yield problem(proof.where, ID, f"limitation[{i}] {what}: quote «{proof.quote}» does not state {period}")


def _concurrence(rule, label: str):
    """A combination rule's quote states its fraction and its caps (a rule read in case law says so in a note)."""
    quote, proof = rule.evidence.quote, rule.evidence
    severity, suffix = ("warning", " (see its note)") if rule.note else ("error", "")
    wanted: list[tuple[str, list[list]]] = []
    if rule.by is not None:  # "sino al triplo" (by 2), "2분의 1" (by 1/2): the denominator, or the multiple reached
        by = rule.by
        wanted.append(
            (f"the fraction {by}", [[by.numerator], [by.numerator + 1]] if by.denominator == 1 else [[by.denominator]])
        )
    for kind in ("prison", "fine"):
        cap = getattr(rule, kind)
        if cap is None:
            continue
        times = cap.times_highest
        if times is not None:
            wanted.append((f"{kind} × {times}", [[times.numerator if times.denominator == 1 else times.denominator]]))
        if cap.cap is not None:
            options = term_numbers(cap.cap) if kind == "prison" else [[n] for n in formula_numbers(cap.cap)]
            wanted.append((f"{kind} cap {cap.cap}", options))
    for what, options in wanted:
        if options and not any(all(states(quote, n) for n in option) for option in options):
            yield problem(proof.where, ID, f"{label}: quote «{quote}» does not state {what}{suffix}", severity)
