"""An amount past its scheduled review is flagged.

Some amounts change on a date the law fixes: a penalty unit indexed "on 1 July 2023 and each third 1 July
following" (Crimes Act 1914 s. 4AA), a civil penalty adjusted for inflation every January (28 U.S.C. § 2461 note).
A value or figure records that date as ``next_review``; once it has passed and no later value is encoded, the
pack may understate the law, and the rule says so, naming the date.

Failing (on 2026-12-03)::

    units:
      penalty_unit:
        - {from: 2024-11-07, value: 330 AUD, next_review: 2026-07-01, quote: "...", source: crimes-4aa}

Passing::

    units:
      penalty_unit:
        - {from: 2024-11-07, to: 2026-07-01, value: 330 AUD, quote: "...", source: crimes-4aa}
        - {from: 2026-07-01, value: 345 AUD, next_review: 2029-07-01, quote: "...", source: crimes-4aa}
"""

from __future__ import annotations

from ...model import FineFigure, Pack, UnitValue
from .figures import figures, problem

ID = "L314"
SEVERITY = "warning"
TITLE = "an amount past its scheduled review"


def check(pack: Pack, context):
    for figure, label, _ in figures(pack):
        review = getattr(figure, "next_review", None) if isinstance(figure, (FineFigure, UnitValue)) else None
        if review is None or review > context.today:
            continue
        if isinstance(figure, UnitValue):
            later = [v for values in pack.units.values() if figure in values for v in values if v.start >= review]
            if later:
                continue
        yield problem(
            figure.evidence.where,
            ID,
            f"{label}: the law schedules a new amount on {review}; "
            "none is encoded from that date (the figure may be understated)",
            "warning",
        )
