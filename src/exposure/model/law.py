"""The law as a rule pack states it: sources, offences and their dated versions, figures with their evidence, and
the rules that combine, date and punish them. Typed and immutable; loaders build it and the engine reads it.

Every statutory figure is a ``*Figure`` carrying its own evidence: the quote that states it and the
:class:`Source` (citation, official URL, date checked). ``where`` keeps the file position so that ``exposure
check`` can point at the figure.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction
from functools import cached_property

from .conditions import Condition
from .durations import Term
from .money import Money
from .records import record

Where = tuple[str, int, int]  # (file, line, col)


@record(eq=False)
class Title:
    """A title in the statute's language (``local``) and in English (``en``)."""

    local: str
    en: str


@record(eq=False)
class Source:
    """A provision of the official text: ``cite`` as lawyers write it, its official ``url``, when we read it,
    and how good the evidence is (``grade``): a figure resting on a ``secondary`` source is flagged as unverified."""

    id: str
    cite: str
    url: str
    checked: date
    grade: str  # "official" (read on the official site), "mirror" (a faithful copy), "secondary" (commentary)
    read_at: str = ""  # where the text was actually read, when not at ``url``
    note: str = ""
    where: Where = ("", 0, 0)

    @property
    def verified(self) -> bool:
        """True when the statutory text itself was read (officially or in a faithful mirror)."""
        return self.grade != "secondary"


@record(eq=False)
class Evidence:
    """The phrase of a source that states a figure, and where the pack gives it (``quote_id``: the shared quote
    it refers to, when the pack states the sentence once for several figures)."""

    quote: str
    source: Source
    where: Where
    quote_id: str = ""


# ------------------------------------------------------------------------------------------------- fine formulas
@record
class FixedFine:
    """A fixed amount (e.g. "45 000 euros d'amende")."""

    amount: Money


@record
class WordFine:
    """``unlimited`` (no statutory cap) or ``discretionary`` (an amount at the court's discretion)."""

    word: str


@record
class TurnoverShare:
    """A percentage of the party's annual worldwide turnover (the quantity ``turnover``)."""

    percent: Decimal

    def text(self) -> str:
        from .money import decimal_text

        return f"{decimal_text(self.percent)}% of turnover"


@record
class UnitFine:
    """A number of penalty units whose money value is dated in the pack (``units:``)."""

    count: Decimal
    unit: str


@record
class Extreme:
    """The greatest (``greatest_of``) or the least (``lesser_of``) of several formulas."""

    op: str  # "greatest" | "least"
    parts: tuple[FineFormula, ...]


FineFormula = FixedFine | WordFine | TurnoverShare | UnitFine | Extreme


@record(eq=False)
class PrisonFigure:
    """A statutory maximum (and minimum, if any) term of imprisonment, with its evidence."""

    max: Term | str  # a Term or "life"
    min: Term | None
    evidence: Evidence
    note: str = ""  # how the figure is derived, when the quote does not state it as such


@record(eq=False)
class FineFigure:
    """A statutory maximum fine (a formula), optionally per day or per violation, with its evidence."""

    max: FineFormula
    min: Money | None
    per: str | None  # None, "day" or "violation"
    evidence: Evidence
    note: str = ""


@record(eq=False)
class Todo:
    """A figure we could not verify: it computes nothing and says why (unknown is better than wrong)."""

    text: str
    where: Where


@record(eq=False)
class Penalty:
    """The base penalties of one version of an offence."""

    prison: PrisonFigure | Todo | None
    fine: FineFigure | Todo | None
    company_fine: FineFigure | Todo | None  # stated for legal persons by the offence itself, if it does
    prison_or_fine: bool = False  # the statute says prison OR fine ("oder mit Geldstrafe", "atau"): not both


@record(eq=False)
class Increase:
    """A relative aggravation: the base maxima raised by a fraction ("aumentata fino a un terzo": 1/3)."""

    by: Fraction
    evidence: Evidence


@record(eq=False)
class Aggravation:
    """An aggravating circumstance: its condition and the penalties (or the increase) it brings."""

    id: str
    title: Title
    when: Condition
    prison: PrisonFigure | Todo | None
    fine: FineFigure | Todo | None
    company_fine: FineFigure | Todo | None
    where: Where
    increase: Increase | None = None
    replaces: bool = False  # the aggravated form has its own penalties: the base ones (e.g. a fine) no longer apply


@record(eq=False)
class Version:
    """The offence as drafted between ``start`` (first day in force) and ``end`` (first day no longer in force)."""

    start: date
    end: date | None
    enacted_by: str
    penalty: Penalty
    aggravations: tuple[Aggravation, ...]
    where: Where

    def in_force_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


@record(eq=False)
class Offence:
    """An offence or regulatory breach: who can commit it, its elements, and its versions over time."""

    id: str
    title: Title
    kinds: frozenset[str]  # party kinds it applies to
    roles: frozenset[str] | None  # party roles it applies to; None: any
    when: Condition
    elements: tuple[tuple[str, Condition], ...]
    versions: tuple[Version, ...]
    note: str
    where: Where
    basis: tuple[Source, ...] = ()  # provisions the elements rest on (e.g. complicity), beyond the figures' sources
    group: str = ""  # offences in one group are alternative charges for the same act: never added together

    def version_on(self, day: date) -> Version | None:
        for version in self.versions:
            if version.in_force_on(day):
                return version
        return None


@record(eq=False)
class CompanyFineRule:
    """How a legal person's maximum fine follows from a natural person's (e.g. Code pénal art. 131-38)."""

    factor: Decimal | None  # the natural person's maximum times this factor (e.g. 5) ...
    evidence: Evidence
    without_person_fine: FineFigure | None  # ... or this fine when the law sets none for natural persons
    fixed: FineFigure | None = None  # ... or, instead of a factor, one cap for every offence (e.g. OWiG § 30)


@record(eq=False)
class Combination:
    """How the maxima of several offences committed together combine (e.g. Code pénal art. 132-3)."""

    rule: str  # "highest" (one penalty of each kind, within the highest maximum) | "sum" (consecutive)
    prison_cap: Term | None
    evidence: Evidence
    cap_times_highest: Fraction | None = None  # e.g. 3 (Spain, art. 76), 3/2 (Korea, art. 38)


@record(eq=False)
class LexMitior:
    """The jurisdiction applies a later, milder law to earlier conduct (e.g. Code pénal art. 112-1)."""

    evidence: Evidence


@record(eq=False)
class Limitation:
    """How long prosecution of some offences stays possible, counted from the offence (or, for a minor victim
    where the law says so, from the victim's majority)."""

    offences: frozenset[str] | None  # offence ids it covers; None: every offence not covered by another rule
    period: Term | None  # None: no limitation period
    evidence: Evidence
    minor_period: Term | None = None  # for a minor victim, counted from majority ...
    minor_none: bool = False  # ... or no limitation at all for a minor victim
    majority_age: int = 18
    minor_evidence: Evidence | None = None


@record(eq=False)
class UnitValue:
    """The money value of a penalty unit (day fine, penalty unit) between two dates."""

    start: date
    end: date | None
    value: Money
    evidence: Evidence
    note: str = ""


@record(eq=False)
class Pack:
    """The rules of one jurisdiction: sources, offences, and how penalties combine, date and punish."""

    code: str  # ISO 3166-1 alpha-2, or EU
    name: Title
    language: str
    currency: str
    authority: Title | None
    applies_in: frozenset[str]  # places that make this pack relevant (a member state makes the EU pack relevant)
    sources: dict[str, Source]
    units: dict[str, tuple[UnitValue, ...]]
    company_fine: CompanyFineRule | None
    combination: Combination
    offences: tuple[Offence, ...]
    file: str
    sha256: str
    covers_from: date | None = None  # the pack encodes the law in force from this date; earlier law is not encoded
    lex_mitior: LexMitior | None = None
    limitations: tuple[Limitation, ...] = ()

    def limitation_for(self, offence_id: str) -> Limitation | None:
        for rule in self.limitations:
            if rule.offences is not None and offence_id in rule.offences:
                return rule
        return next((rule for rule in self.limitations if rule.offences is None), None)

    @cached_property  # stored in the instance's __dict__ on first use (records refuse only assignment)
    def checked(self) -> date:
        """The oldest date on which a source of this pack was read: every figure was checked on or after it."""
        return min(source.checked for source in self.sources.values())
