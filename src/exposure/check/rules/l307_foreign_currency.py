"""A fixed fine is stated in the pack's currency.

Statutes state fines in their own currency. An amount in another one is usually a slip (a converted figure typed
in) and would be compared with the pack's other fines only through exchange rates. Where the statute really
states a foreign amount, keep it and accept the warning.

Failing (in a pack with ``currency: GBP``)::

    fine: {max: 20000000 USD, quote: "...", source: s1}

Passing::

    fine: {max: 18000000 GBP, quote: "£18 million", source: s1}
"""

from __future__ import annotations

from ...model import FineFigure, FixedFine, Pack
from .figures import figures, problem

ID = "L307"
SEVERITY = "warning"
TITLE = "a fixed fine is in the pack's currency"


def check(pack: Pack, context):
    for figure, label, _ in figures(pack):
        if (
            isinstance(figure, FineFigure)
            and isinstance(figure.max, FixedFine)
            and figure.max.amount.currency != pack.currency
        ):
            yield problem(
                figure.evidence.where,
                ID,
                f"{label}: amount in {figure.max.amount.currency}, the pack's currency is {pack.currency}",
                "warning",
            )
