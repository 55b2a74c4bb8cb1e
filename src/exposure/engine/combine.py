"""How the maxima of several offences combine, by the jurisdiction's rule (data in the pack's ``combination``).

* ``highest`` — one penalty of each kind, within the highest legal maximum (France, Code pénal art. 132-3:
  "il ne peut être prononcé qu'une seule peine de même nature dans la limite du maximum légal le plus élevé").
  The combined prison is the longest maximum and the combined fine the greatest.
* ``sum`` — sentences may run consecutively: maxima add up, within ``cap_times_highest`` times the most serious
  maximum (Spain art. 76: the triple; Korea art. 38: the heaviest increased by half) and within ``prison_cap``
  (an absolute ceiling such as 20 years), where the law sets them.
"""

from __future__ import annotations

from ..model import Combination
from ..model.durations import LIFE, Term, longer
from .fines import greatest, total
from .results import Maxima


def combine_findings(rule: Combination, maxima_by_group: list[tuple[str, Maxima]]) -> Maxima:
    """Combine findings: those of one ``group`` (alternative charges for the same act, e.g. "sharing" and
    "sharing with intent" of one image) count once, with the highest maxima; then the groups and the ungrouped
    findings combine by the pack's rule."""
    grouped: dict[str, list[Maxima]] = {}
    singles: list[Maxima] = []
    for group, maxima in maxima_by_group:
        if group:
            grouped.setdefault(group, []).append(maxima)
        else:
            singles.append(maxima)
    if grouped:
        highest = Combination("highest", None, rule.evidence)
        singles += [combine(highest, members) for members in grouped.values()]
    return combine(rule, singles)


def combine(rule: Combination, maxima: list[Maxima]) -> Maxima:
    if not maxima:
        return Maxima(None, None)
    if rule.rule == "highest":
        prison = None
        for m in maxima:
            prison = longer(prison, m.prison)
        return Maxima(prison, greatest([m.fine for m in maxima]))
    prison = _sum_terms([m.prison for m in maxima])
    if isinstance(prison, Term) and rule.cap_times_highest is not None:
        highest = None
        for m in maxima:
            highest = longer(highest, m.prison)
        cap = highest.times(rule.cap_times_highest) if isinstance(highest, Term) else None
        if cap is not None and cap < prison:
            prison = cap
    if rule.prison_cap is not None and isinstance(prison, Term) and rule.prison_cap < prison:
        prison = rule.prison_cap
    return Maxima(prison, total([m.fine for m in maxima]))


def _sum_terms(terms) -> Term | str | None:
    present = [t for t in terms if t is not None]
    if not present:
        return None
    if LIFE in present:
        return LIFE
    out = Term()
    for term in present:
        out = out + term
    return out
