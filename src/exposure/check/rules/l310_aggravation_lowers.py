"""An aggravation never lowers a maximum.

An aggravating circumstance raises the penalty; an aggravated figure below the base one means a figure was put
under the wrong paragraph (or the aggravated form ``replaces`` the base one, which must then say so).

Failing::

    prison: {max: 2 years, ...}
    aggravations:
      - {id: online, ..., prison: {max: 1 year, ...}}

Passing::

    prison: {max: 2 years, ...}
    aggravations:
      - {id: online, ..., prison: {max: 3 years, ...}}
"""

from __future__ import annotations

from ...model import FineFigure, FixedFine, Pack, PrisonFigure
from ...model.durations import LIFE, Term
from .figures import figures, problem

ID = "L310"
SEVERITY = "error"
TITLE = "an aggravation never lowers a maximum"


def lowers(figure, base) -> str | None:
    """Why ``figure`` (an aggravation's) is lower than ``base`` (the offence's), or None."""
    if isinstance(figure, PrisonFigure) and isinstance(base, PrisonFigure):
        if base.max == LIFE and figure.max != LIFE:
            return f"prison {figure.max} is lower than the base 'life'"
        if isinstance(figure.max, Term) and isinstance(base.max, Term) and figure.max < base.max:
            return f"prison {figure.max} is lower than the base {base.max}"
    if isinstance(figure, FineFigure) and isinstance(base, FineFigure):
        a, b = figure.max, base.max
        comparable = isinstance(a, FixedFine) and isinstance(b, FixedFine) and a.amount.currency == b.amount.currency
        if comparable and isinstance(a, FixedFine) and isinstance(b, FixedFine) and a.amount < b.amount:
            return f"fine {a.amount} is lower than the base {b.amount}"
    return None


def check(pack: Pack, context):
    for figure, label, base in figures(pack):
        why = lowers(figure, base) if figure is not None and base is not None else None
        if why:
            yield problem(figure.evidence.where, ID, f"{label}: an aggravation never lowers a maximum: {why}")
