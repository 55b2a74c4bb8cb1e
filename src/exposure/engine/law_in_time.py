"""Law in time: which version of an offence applies, the milder later law, and limitation periods.

* The version in force on the incident's date applies (``Offence.version_on``); conduct before an offence existed
  gets no finding from it.
* Where the pack says its jurisdiction applies the milder later law (``lex_mitior``: e.g. Code pénal art. 112-1,
  StGB § 2(3), EU Charter art. 49(1)), later versions in force up to the assessment date (``as_of``) are compared
  with it and the mildest applies: lower maximum prison, then lower maximum fine, then lower minimum. A later,
  harsher law never applies to earlier conduct. An offence abolished before ``as_of`` no longer punishes it.
* Limitation: the date after which prosecution is time-barred, from the offence date or, where the law extends it
  for a minor victim, from the victim's majority. Calendar arithmetic is dateutil's ``relativedelta``, which keeps
  month ends (2024-02-29 + 6 years = 2030-02-28). The day-count convention of each jurisdiction (whether the day
  of the offence counts) is not modelled: the date is the start date plus the period.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from ..model import Incident, Offence, Pack, Version
from ..model.durations import Term, term_key
from ..model.records import record
from .fines import fine_key

if TYPE_CHECKING:
    from .results import Maxima


@record
class TimeBar:
    """When prosecution of one finding becomes time-barred, and why."""

    status: (
        str  # "date" (barred after ``barred_after``), "none" (no limitation), "unknown" (a fact is missing), "no rule"
    )
    barred_after: date | None
    explanation: str
    cite: str = ""
    url: str = ""
    quote: str = ""


def add_term(start: date, term: Term) -> date | None:
    """``start`` plus a term in exact calendar arithmetic (years and months keep month ends); None past the
    calendar's end (year 9999)."""
    from dateutil.relativedelta import relativedelta

    try:
        return start + relativedelta(months=term.months, days=term.days)
    except (OverflowError, ValueError):
        return None


def time_bar(pack: Pack, offence_id: str, incident: Incident) -> TimeBar:
    """When prosecution of ``offence_id`` for this incident becomes time-barred under ``pack``."""
    rule = pack.limitation_for(offence_id, incident.date)
    if rule is None:
        return TimeBar("no rule", None, "the pack states no limitation rule for this offence")
    source = rule.evidence.source
    cite = {"cite": source.cite, "url": source.url, "quote": rule.evidence.quote}
    if rule.period is None:
        ordinary = TimeBar("none", None, f"no limitation period ({source.cite})", **cite)
    else:
        barred = add_term(incident.date, rule.period)
        ordinary = TimeBar(
            "date" if barred else "unknown", barred, f"{rule.period} from the offence ({source.cite})", **cite
        )
    minor = incident.facts.get("minor")
    if minor is not True or (rule.minor_period is None and not rule.minor_none):
        if minor is None and (rule.minor_period is not None or rule.minor_none):
            return _with_note(ordinary, "longer if the victim is a minor (minor: unknown)")
        return ordinary
    minor_source = rule.minor_evidence.source if rule.minor_evidence else source
    minor_cite = {
        "cite": minor_source.cite,
        "url": minor_source.url,
        "quote": rule.minor_evidence.quote if rule.minor_evidence else rule.evidence.quote,
    }
    if rule.minor_none:
        return TimeBar("none", None, f"no limitation period for a minor victim ({minor_source.cite})", **minor_cite)
    if incident.victim_born is None:
        return TimeBar(
            "unknown",
            None,
            f"{rule.minor_period} from the victim's majority ({minor_source.cite}): "
            "needs the victim's date of birth (victim_born)",
            **minor_cite,
        )
    majority = add_term(incident.victim_born, Term(12 * rule.majority_age))
    assert rule.minor_period is not None  # minor_none is false here, so the rule states the minor's period
    extended = add_term(majority, rule.minor_period) if majority else None
    if extended is None:
        return TimeBar("unknown", None, "the extended period runs past the calendar's end", **minor_cite)
    if ordinary.status == "none" or (ordinary.barred_after and ordinary.barred_after >= extended):
        return ordinary
    return TimeBar(
        "date",
        extended,
        f"{rule.minor_period} from the victim's majority on {majority} ({minor_source.cite})",
        **minor_cite,
    )


def _with_note(bar: TimeBar, note: str) -> TimeBar:
    return TimeBar(bar.status, bar.barred_after, f"{bar.explanation}; {note}", bar.cite, bar.url, bar.quote)


def later_versions(offence: Offence, version: Version, as_of: date) -> list[Version]:
    """Versions that came into force after ``version`` and on or before ``as_of``."""
    return [v for v in offence.versions if v.start > version.start and v.start <= as_of]


def abolished(offence: Offence, version: Version, as_of: date) -> date | None:
    """The day the offence stopped existing, if that happened by ``as_of`` with no later version."""
    if version.end is None or version.end > as_of:
        return None
    if any(v.start >= version.end for v in offence.versions):
        return None
    return version.end


def severity(maxima: Maxima, min_prison: Term | None) -> tuple[Decimal, Decimal, Decimal]:
    """Ordering of a version's penalties for the milder-law comparison: prison, then fine, then minimum."""
    return (term_key(maxima.prison), fine_key(maxima.fine), term_key(min_prison))


def version_history(offence: Offence) -> list[dict[str, object]]:
    """Each version of an offence with its dates and base maxima, for ``--history``."""
    from ..model import FineFigure, FixedFine, PrisonFigure
    from ..model.durations import term_display
    from .fines import display as fine_display

    out: list[dict[str, object]] = []
    for version in offence.versions:
        prison = version.penalty.prison
        fine = version.penalty.fine
        out.append(
            {
                "from": version.start.isoformat(),
                "to": version.end.isoformat() if version.end else None,
                "enacted_by": version.enacted_by,
                "prison": term_display(prison.max) if isinstance(prison, PrisonFigure) else None,
                "fine": (
                    fine_display(fine.max.amount)
                    if isinstance(fine.max, FixedFine)
                    else str(getattr(fine.max, "word", "formula"))
                )
                if isinstance(fine, FineFigure)
                else None,
                "aggravations": [a.id for a in version.aggravations],
            }
        )
    return out
