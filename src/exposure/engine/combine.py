"""Combining a party's findings into one maximum per track, by the jurisdiction's own rules.

The steps follow how a court reaches a total (each rule is pack data, with its citation and quote):

0. **Per-unit penalties**: a fine stated per day or per violation is multiplied by the incident's ``days`` or
   ``violations`` when it gives them; otherwise it stays a rate ("EUR 1,000 per day").
1. **Absorption**: a finding absorbed by another finding of the same act (possession behind production of the
   same image, where a statute or decision says so) is listed but not counted.
2. **Alternative charges**: the findings of one group (e.g. POCSO s. 42) count once, at the heaviest.
3. **One act**: an incident is one act per party, unless its counts say otherwise. The findings of one act combine
   by the track's ``one_act`` rule (StGB § 52, BNS s. 9, Codice penale art. 81, *Kienapple*...).
4. **Several acts**: an offence whose unit is the image or the victim is committed once per image or victim. The
   acts combine by the track's ``several_acts`` rule (StGB § 54, Código Penal art. 76, Criminal Act art. 38...),
   with its caps. Counts in the millions stay exact: acts that contain the same findings are combined as a
   block (a sum is a multiplication), never one by one.

Penalties of different tracks (a criminal court, a regulator, civil proceedings) are never combined here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from fractions import Fraction

from ..model import Concurrence, Counts, Group, Track
from ..model.durations import LIFE, Term, longer, term_display, term_key
from ..model.money import Money
from ..model.records import record
from .fines import PerUnit, fine_key, greatest, scale, total
from .fines import display as fine_display
from .results import Maxima

Prison = Term | str | None


@record
class Entry:
    """One finding as the combination sees it: its id, its maxima, and what decides how it combines."""

    id: str
    maxima: Maxima
    group: str = ""
    unit: str = "incident"
    absorbed_by: frozenset[str] = frozenset()
    absorbed_cite: str = ""


class Combined:
    """The combined maximum of one track, the sum where the law allows up to it, and how it was reached (built up
    step by step while combining: a plain mutable class)."""

    __slots__ = ("acts", "counted", "maxima", "notes", "trail", "upper_bound")

    def __init__(self, maxima: Maxima) -> None:
        self.maxima = maxima
        self.upper_bound: Maxima | None = None
        self.acts = 1
        self.counted: tuple[str, ...] = ()
        self.trail: list[str] = []
        self.notes: list[str] = []


def severity(m: Maxima) -> tuple[Decimal, Decimal]:
    """How serious a maximum is: the prison term first, then the fine (within one currency; words rank highest)."""
    return (term_key(m.prison), fine_key(m.fine))


def _cite(rule: Concurrence) -> str:
    return f"{rule.evidence.source.cite}: «{rule.evidence.quote}»"


def _shown(m: Maxima) -> str:
    prison, fine = term_display(m.prison), fine_display(m.fine)
    return (
        f"prison {prison} {'or' if m.alternative else 'and'} fine {fine}"
        if m.prison and m.fine
        else (f"prison {prison}" if m.prison else f"fine {fine}")
    )


# ------------------------------------------------------------------------------------------------------ kinds
def _times_term(term: Term, factor: Fraction) -> tuple[Term, bool]:
    """``term`` × ``factor``, exact when whole; otherwise rounded down to whole days (a month's fraction counted
    as 30 days), and said so."""
    exact = term.times(factor)
    if exact is not None:
        return exact, True
    months = Fraction(term.months) * factor
    whole = months.numerator // months.denominator
    days = (Fraction(term.days) * factor) + (months - whole) * 30
    return Term(whole, days.numerator // days.denominator), False


def _sum_terms(terms: Sequence[tuple[Prison, int]]) -> Prison:
    present = [(t, n) for t, n in terms if t is not None]
    if not present:
        return None
    if any(t == LIFE for t, _ in present):
        return LIFE
    months = sum(t.months * n for t, n in present if isinstance(t, Term))
    days = sum(t.days * n for t, n in present if isinstance(t, Term))
    return Term(months, days)


def _highest_term(terms: Sequence[Prison]) -> Prison:
    out: Prison = None
    for term in terms:
        out = longer(out, term)
    return out


def _min_term(a: Prison, b: Prison) -> Prison:
    if a is None or b is None:
        return a if b is None else b
    if a == LIFE:
        return b
    if b == LIFE:
        return a
    assert isinstance(a, Term) and isinstance(b, Term)
    return b if b < a else a


def _sum_fines(fines: Sequence[tuple[object, int]]) -> object:
    return total([f if n == 1 else scale(f, Decimal(n)) for f, n in fines if f is not None])


def _least_fine(a: object, b: object) -> object:
    """The lesser of two fine values where they compare (one currency, or a word against an amount)."""
    if a is None or b is None:
        return a if b is None else b
    if isinstance(a, Money) and isinstance(b, Money):
        return b if a.currency == b.currency and b < a else a
    if isinstance(a, str):  # unlimited or discretionary against a bounded amount: the bound
        return b
    return a


# ------------------------------------------------------------------------------------------------------ rules
def apply(
    rule: Concurrence, parts: Sequence[tuple[Maxima, int]], resolve_cap: Callable[[object], object], notes: list[str]
) -> tuple[Maxima, Maxima | None]:
    """Combine maxima (each with how many times it is counted) by ``rule``: the result, and the sum when the law
    sets no ceiling below it (``upper_bound``)."""
    parts = [(m, n) for m, n in parts if n > 0 and (m.prison is not None or m.fine is not None)]
    if not parts:
        return Maxima(None, None), None
    if len(parts) == 1 and parts[0][1] == 1:
        return parts[0][0], None
    sums = Maxima(
        _sum_terms([(m.prison, n) for m, n in parts]),
        _sum_fines([(m.fine, n) for m, n in parts]),
        all(m.alternative for m, _ in parts),
    )
    heaviest = max((m for m, _ in parts), key=severity)
    if rule.life_absorbs and any(m.prison == LIFE for m, _ in parts):
        notes.append(f"a life term absorbs every other penalty ({rule.evidence.source.cite})")
        return Maxima(LIFE, None), None
    if rule.rule == "highest":
        result = Maxima(
            _highest_term([m.prison for m, _ in parts]),
            greatest([m.fine for m, _ in parts]),
            all(m.alternative for m, _ in parts),
        )
    elif rule.rule == "heaviest":
        result = heaviest
    elif rule.rule == "raised":
        result = _raised(rule, heaviest, sums, notes)
    else:
        result = _capped_sum(rule, parts, sums, resolve_cap, notes)
    bound = None
    if rule.upper_bound:
        bound = sums
        if severity(sums) <= severity(result):  # the rule's figure is the sum itself: say what it is
            notes.append(
                f"no statutory ceiling below the sum: the court may run the penalties consecutively "
                f"({rule.evidence.source.cite}); a sentence is usually far below it"
            )
    return result, bound


def _raised(rule: Concurrence, heaviest: Maxima, sums: Maxima, notes: list[str]) -> Maxima:
    """The heaviest maxima raised by ``rule.by``, for the term and for the amount, never above the sum."""
    factor = 1 + (rule.by or Fraction(0))
    prison: Prison = heaviest.prison
    if isinstance(prison, Term):
        prison, exact = _times_term(prison, factor)
        if not exact:
            notes.append(
                f"{term_display(heaviest.prison)} raised by {rule.by} is not a whole number of days: rounded down"
            )
        prison = _min_term(prison, sums.prison)
    fine = heaviest.fine
    if isinstance(fine, Money):
        fine = _least_fine(Money(fine.amount * factor.numerator / factor.denominator, fine.currency), sums.fine)
    return Maxima(prison, fine, heaviest.alternative)


def _capped_sum(
    rule: Concurrence,
    parts: Sequence[tuple[Maxima, int]],
    sums: Maxima,
    resolve_cap: Callable[[object], object],
    notes: list[str],
) -> Maxima:
    prison, fine = sums.prison, sums.fine
    if rule.prison is not None and isinstance(prison, Term):
        highest = _highest_term([m.prison for m, _ in parts])
        if rule.prison.times_highest is not None and isinstance(highest, Term):
            prison = _min_term(prison, _times_term(highest, rule.prison.times_highest)[0])
        if isinstance(rule.prison.cap, Term):
            prison = _min_term(prison, rule.prison.cap)
    if rule.fine is not None and fine is not None:
        if rule.fine.times_highest is not None:
            top = greatest([m.fine for m, _ in parts])
            if isinstance(top, Money):
                fine = _least_fine(
                    fine, top.times(Decimal(rule.fine.times_highest.numerator) / rule.fine.times_highest.denominator)
                )
        if rule.fine.cap is not None:
            fine = _least_fine(fine, resolve_cap(rule.fine.cap))
    if rule.below_sum and prison == sums.prison and isinstance(prison, Term):
        notes.append(f"the combined term must stay below the sum of the single terms ({rule.evidence.source.cite})")
    if rule.prison is None and rule.fine is None and not rule.upper_bound and len(parts) > 1:
        notes.append(f"no statutory cap on consecutive penalties ({rule.evidence.source.cite})")
    return Maxima(prison, fine, sums.alternative)


# -------------------------------------------------------------------------------------------------- one track
def combine_track(
    track: Track,
    entries: Sequence[Entry],
    counts: Counts,
    groups: dict[str, Group],
    resolve_cap: Callable[[object], object],
    party_kind: str = "person",
) -> Combined:
    """The combined maximum of ``entries`` (the findings of one track) for an incident with ``counts``."""
    single = _single(entries, counts)
    if single is not None:
        return single
    one_act, several_acts = track.rules_for(party_kind)
    out = Combined(Maxima(None, None))
    entries = [_counted_rate(e, counts, out.trail) for e in entries]
    present = {e.id for e in entries}
    counted: list[Entry] = []
    for entry in entries:
        by = entry.absorbed_by & present
        if by:
            out.trail.append(f"{entry.id} is absorbed by {', '.join(sorted(by))}: not counted ({entry.absorbed_cite})")
        else:
            counted.append(entry)
    counted = _one_per_group(counted, groups, out.trail)
    if not counted:
        return out
    sizes = sorted({counts.of(e.unit) for e in counted}, reverse=True)
    blocks: list[tuple[Maxima, int]] = []
    bounded = False
    for i, size in enumerate(sizes):
        members = [e for e in counted if counts.of(e.unit) >= size]
        following = sizes[i + 1] if i + 1 < len(sizes) else 0
        maxima, bound = apply(one_act, [(e.maxima, 1) for e in members], resolve_cap, out.notes)
        bounded = bounded or bound is not None
        if len(members) > 1:
            line = f"one act, {', '.join(e.id for e in members)}: {one_act.rule} — {_cite(one_act)} → {_shown(maxima)}"
            out.trail.append(line + (f" (up to {_shown(bound)} consecutively)" if bound else ""))
        blocks.append((maxima, size - following))
    out.acts = sizes[0]
    out.counted = tuple(e.id for e in counted)
    if out.acts == 1:
        out.maxima = blocks[0][0]
    else:
        out.maxima, bound = apply(several_acts, blocks, resolve_cap, out.notes)
        bounded = bounded or bound is not None
        units = sorted({e.unit for e in counted if e.unit != "incident"})
        out.trail.append(
            f"{out.acts:,} acts (one per {' and '.join(units)}): {several_acts.rule} — "
            f"{_cite(several_acts)} → {_shown(out.maxima)}"
        )
    if bounded:  # the law sets no ceiling below the sum of everything: show it as the upper bound
        everything = [(e.maxima, counts.of(e.unit)) for e in counted]
        total_max = Maxima(
            _sum_terms([(m.prison, n) for m, n in everything]),
            _sum_fines([(m.fine, n) for m, n in everything]),
            all(m.alternative for m, _ in everything),
        )
        out.upper_bound = total_max
    return out


def _single(entries: Sequence[Entry], counts: Counts) -> Combined | None:
    """The combination of no finding, or of one finding counted once with a fine that is not per unit: what the
    rules give without applying them (nothing to combine, nothing to absorb, no group to choose in); None
    otherwise. Most tracks of most reports are one of these."""
    if not entries:
        return Combined(Maxima(None, None))
    if len(entries) > 1:
        return None
    (entry,) = entries
    maxima = entry.maxima
    if isinstance(maxima.fine, PerUnit) or counts.of(entry.unit) != 1 or entry.id in entry.absorbed_by:
        return None
    out = Combined(maxima if maxima.prison is not None or maxima.fine is not None else Maxima(None, None))
    out.counted = (entry.id,)
    return out


def _counted_rate(entry: Entry, counts: Counts, trail: list[str]) -> Entry:
    """The entry with a per-day or per-violation fine multiplied by the incident's count of days or violations,
    when the incident gives it."""
    fine = entry.maxima.fine
    if not isinstance(fine, PerUnit):
        return entry
    n = counts.days if fine.per == "day" else counts.violations if fine.per == "violation" else None
    if n is None:
        return entry
    amount = scale(fine.amount, Decimal(n))
    trail.append(f"{entry.id}: {fine_display(fine)} × {n:,} {fine.per}{'s' if n != 1 else ''} → {fine_display(amount)}")
    maxima = Maxima(entry.maxima.prison, amount, entry.maxima.alternative)
    return Entry(entry.id, maxima, entry.group, entry.unit, entry.absorbed_by, entry.absorbed_cite)


def _one_per_group(entries: list[Entry], groups: dict[str, Group], trail: list[str]) -> list[Entry]:
    """Alternative charges of one group count once: the heaviest."""
    out: list[Entry] = []
    by_group: dict[str, list[Entry]] = {}
    for entry in entries:
        if entry.group:
            by_group.setdefault(entry.group, []).append(entry)
        else:
            out.append(entry)
    for gid, members in by_group.items():
        kept = max(members, key=lambda e: severity(e.maxima))
        out.append(kept)
        if len(members) > 1:
            group = groups.get(gid)
            cite = f" — {group.evidence.source.cite}: «{group.evidence.quote}»" if group else ""
            trail.append(
                f"alternative charges ({gid}): {', '.join(e.id for e in members)} count once, as {kept.id}{cite}"
            )
    return out
