"""The law as a rule pack states it: sources, offences and their dated versions, figures with their evidence, and
the rules that combine, date and punish them. Typed and immutable; loaders build it and the engine reads it.

Every statutory figure is a ``*Figure`` carrying its own evidence: the quote that states it and the
:class:`Source` (citation, official URL, date checked). ``where`` keeps the file position so that ``exposure
check`` can point at the figure.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from fractions import Fraction
from functools import cached_property

from .conditions import Condition
from .durations import Term
from .money import Money
from .records import factory, instances, record

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
    kind: str = "statute"  # statute | decision (a court's) | guidance (a regulator's or a minister's reading)
    date: date | None = None  # a decision's or guidance's date

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
    next_review: date | None = None  # the law schedules a new amount on this date (inflation adjustment)


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
    class_id: str = ""  # the sentencing class it puts the offence in (``class:``), whose figures it carries


@record(eq=False)
class Version:
    """The offence as drafted between ``start`` (first day in force) and ``end`` (first day no longer in force)."""

    start: date
    end: date | None
    enacted_by: str
    penalty: Penalty
    aggravations: tuple[Aggravation, ...]
    where: Where
    changed_by: Source | None = (
        None  # a court decision (or other source) that made this version, e.g. by striking a minimum
    )
    class_id: str = ""  # the sentencing class the statute puts this version in (``class:``), whose figures it carries

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
    group: str = ""  # offences in one group are alternative charges for the same act: counted once, the heaviest
    cite: Source | None = None  # the provision that defines the offence (the figures cite the penalty provisions)
    track: str = "criminal"  # the proceedings it is enforced in: an id under the pack's ``tracks``
    unit: str = "incident"  # what one count of the offence is: the incident, each image, or each victim
    absorbed_by: Absorption | None = None  # offences that, found for the same act, leave no room for this one
    extent: frozenset[str] | None = None  # where in the country it is law (GB-ENG, GB-WLS); None: everywhere

    def version_on(self, day: date) -> Version | None:
        for version in self.versions:
            if version.in_force_on(day):
                return version
        return None


@record(eq=False)
class Relation:
    """How the penalties of a subdivision's pack stand to its parent's: ``separate`` (both levels may prosecute
    and punish the same conduct: US dual sovereignty) or ``not_twice`` (either may, but one act is not punished
    twice: Crimes Act 1914 (Cth) s. 4C(2)) or ``not_read`` (no source read says: the output says so rather than
    assume either). Never a combined figure in any case."""

    rule: str
    evidence: Evidence
    note: str = ""


@record(eq=False)
class SentenceClass:
    """A sentencing class and the maxima its statutory table gives (a felony grade, a level of a scale)."""

    id: str
    title: Title
    prison: PrisonFigure | Todo | None
    fine: FineFigure | Todo | None
    note: str = ""


@record(eq=False)
class CompanyFineRule:
    """How a legal person's maximum fine follows from a natural person's (e.g. Code pénal art. 131-38)."""

    factor: Decimal | None  # the natural person's maximum times this factor (e.g. 5) ...
    evidence: Evidence
    without_person_fine: FineFigure | None  # ... or this fine when the law sets none for natural persons
    fixed: FineFigure | None = None  # ... or, instead of a factor, one cap for every offence (e.g. OWiG § 30)


UNITS = ("incident", "image", "victim")  # what one count of an offence is
TRACK_KINDS = ("criminal", "administrative", "civil")
CONCURRENCE_RULES = ("highest", "heaviest", "raised", "sum")


@record(eq=False)
class Absorption:
    """Offences whose finding, for the same act, absorbs this one: it is listed but not counted (e.g. possession
    behind production of the same image), with the statute or decision that says so."""

    offences: frozenset[str]
    evidence: Evidence


@record(eq=False)
class Group:
    """Alternative charges for the same act: whichever applies, the act is punished once, at the heaviest (e.g.
    POCSO s. 42: "only under ... whichever is greater in degree")."""

    id: str
    title: Title
    evidence: Evidence
    note: str = ""


@record(eq=False)
class KindCap:
    """A ceiling on one kind of penalty (the term, or the amount) when several are combined: a multiple of the
    heaviest single maximum (``times_highest``: 3 in Spain, art. 76), and an absolute ``cap`` (20 years; 720
    day fines)."""

    times_highest: Fraction | None = None
    cap: object = None  # a Term for prison, a fine formula for fines


@record(eq=False)
class Concurrence:
    """How the maxima of several findings combine, by a jurisdiction's own rule, with its evidence.

    * ``highest``: one penalty of each kind, within the highest maximum of that kind (Code pénal art. 132-3);
    * ``heaviest``: the penalties of the most serious offence only (StGB § 52, BNS s. 9, Criminal Act art. 40);
    * ``raised``: the most serious offence's maxima raised by ``by``, never above the sum (Codice penale art. 81:
      "aumentata sino al triplo", ``by: 2``; Criminal Act art. 38: ``by: 1/2``), for the term and for the amount;
    * ``sum``: consecutive penalties add up, within the caps of each kind (``prison``, ``fine``).

    ``life_absorbs``: a life term absorbs every other penalty (Criminal Act art. 38(1)(1), StGB § 54(1)).
    ``below_sum``: the combined term must stay below the sum (StGB § 54(2)): the sum is a bound never reached.
    ``upper_bound``: the law sets no ceiling below the sum (consecutive sentences at the court's discretion,
    guided by totality): the rule's figure is shown with the sum as the legal upper bound."""

    rule: str
    evidence: Evidence
    by: Fraction | None = None
    prison: KindCap | None = None
    fine: KindCap | None = None
    life_absorbs: bool = False
    below_sum: bool = False
    upper_bound: bool = False
    note: str = ""


@record(eq=False)
class Track:
    """One kind of proceedings a pack's offences are enforced in: a criminal court, a named regulator
    (administrative penalties), or civil proceedings (civil penalties, statutory damages). Each has its own rules
    for one act under several provisions and for several acts; penalties of different tracks are never added."""

    id: str
    kind: str  # criminal | administrative | civil
    enforcer: Title
    one_act: Concurrence
    several_acts: Concurrence
    note: str = ""
    company_one_act: Concurrence | None = None  # legal persons' fines combine by their own rules, where the law says
    company_several_acts: Concurrence | None = None  # (e.g. OWiG §§ 19-20, D.Lgs. 231/2001 art. 21)

    def rules_for(self, kind: str) -> tuple[Concurrence, Concurrence]:
        """The rules for one act and for several acts that apply to a party of this kind."""
        if kind == "company":
            return self.company_one_act or self.one_act, self.company_several_acts or self.several_acts
        return self.one_act, self.several_acts


@record(eq=False)
class Measure:
    """A non-pecuniary measure a court or regulator can order (service restriction, blocking, deletion,
    interim measures, loss of safe harbour), with its condition and evidence. Listed, never added to a penalty."""

    id: str
    title: Title
    ordered_by: Title  # the court or regulator that orders it
    kinds: frozenset[str]
    roles: frozenset[str] | None
    when: Condition
    evidence: Evidence
    start: date | None
    end: date | None
    note: str
    where: Where

    def in_force_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


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
    start: date | None = None  # the rule applies to offences committed from this day ...
    end: date | None = None  # ... until the day before this one

    def in_force_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@record(eq=False)
class UnitValue:
    """The money value of a penalty unit (day fine, penalty unit) between two dates."""

    start: date
    end: date | None
    value: Money
    evidence: Evidence
    note: str = ""
    next_review: date | None = None  # the law schedules a new value on this date (indexation)


@record(eq=False)
class Reading:
    """One reading of a question of law: what it means, and the authorities for it."""

    meaning: str
    authorities: tuple[Source, ...]


@record(eq=False)
class Question:
    """A contested point of law a finding depends on (does Coco's Law reach AI images?). It is not a fact of the
    incident: the engine treats it as unknown, like a fact left out, unless an incident or ``--assume`` settles it,
    or a decision settled it (``settled``: the reading, the decision, the day). The pack names its ``default``
    reading and why."""

    id: str
    question: str
    yes: Reading
    no: Reading
    default: bool
    why: str
    where: Where
    settled: tuple[bool, Source, date] | None = None

    def value_on(self, day: date) -> bool | None:
        """The reading a decision fixed by ``day``, or None (open)."""
        if self.settled is not None and self.settled[2] <= day:
            return self.settled[0]
        return None


def _fines_of(version: Version) -> list[object]:
    """The fine figures of a version and of its aggravations, for a person and for a company."""
    penalty = version.penalty
    return [penalty.fine, penalty.company_fine, *(f for a in version.aggravations for f in (a.fine, a.company_fine))]


@record(eq=False)
class Pack:
    """The rules of one jurisdiction: sources, offences, the proceedings they are enforced in and how penalties
    combine there, the measures that can be ordered, and how the law changes in time."""

    code: str  # ISO 3166-1 alpha-2, or EU
    name: Title
    language: str
    currency: str
    authority: Title | None
    applies_in: frozenset[str]  # places that make this pack relevant (a member state makes the EU pack relevant)
    sources: dict[str, Source]
    units: dict[str, tuple[UnitValue, ...]]
    company_fine: CompanyFineRule | None
    tracks: dict[str, Track]
    offences: tuple[Offence, ...]
    file: str
    sha256: str
    covers_from: date | None = None  # the pack encodes the law in force from this date; earlier law is not encoded
    lex_mitior: LexMitior | None = None
    limitations: tuple[Limitation, ...] = ()
    groups: dict[str, Group] = factory(default_factory=dict)
    measures: tuple[Measure, ...] = ()
    questions: dict[str, Question] = factory(default_factory=dict)
    replaces: str = ""  # the file of the pack this one replaces (a ``--rules`` pack with a shipped code), if any
    level: str = "national"  # national | subdivision | supranational
    parent: str = ""  # for a subdivision: the national or federal pack it sits under
    relation: Relation | None = None  # for a subdivision: how its penalties stand to the parent's
    default_extent: frozenset[str] | None = None  # where the country alone is taken to be, for offences with extent
    classes: dict[str, SentenceClass] = factory(default_factory=dict)

    def class_on_secondary_word(self, offence: Offence, class_id: str) -> SentenceClass | None:
        """The sentencing class ``class_id`` when ``offence`` is in it only on the word of a secondary source, else
        None. The offence's ``cite`` (the provision that defines it) is what puts it in its class ("commits a felony
        of the third degree"): however official the class's table, its figures are then only as sure as that
        provision's reading, and are flagged unverified for this offence."""
        cite = offence.cite
        if not class_id or cite is None or cite.verified:
            return None
        return self.classes.get(class_id)

    def limitation_for(self, offence_id: str, day: date | None = None) -> Limitation | None:
        """The limitation rule for an offence committed on ``day``: the first rule in force that lists it, else
        the default rule in force."""
        rules = [r for r in self.limitations if day is None or r.in_force_on(day)]
        for rule in rules:
            if rule.offences is not None and offence_id in rule.offences:
                return rule
        return next((rule for rule in rules if rule.offences is None), None)

    @cached_property  # stored in the instance's __dict__ on first use (records refuse only assignment)
    def checked(self) -> date:
        """The oldest date on which a source of this pack was read: every figure was checked on or after it."""
        return min(source.checked for source in self.sources.values())

    @cached_property
    def has_extents(self) -> bool:
        """Whether some offence is law in only part of the country (the England and Wales offences of GB)."""
        return any(offence.extent is not None for offence in self.offences)

    def scope(self, places: Iterable[str]) -> frozenset[str] | None:
        """The parts of the country that the incident's ``places`` name, for offences with an ``extent``: a part
        named (GB-SCT) is itself; the country alone (GB) is the pack's ``default_extent``. None: no restriction
        (the pack has no extents, or no place is in its country: a pack chosen with ``--in``)."""
        if not self.has_extents:
            return None
        out: set[str] = set()
        for place in places:
            if place == self.code:
                if self.default_extent is None:
                    return None
                out |= self.default_extent
            elif place.split("-", 1)[0] == self.code:
                out.add(place)
        return frozenset(out) if out else None

    @cached_property
    def offence_by_id(self) -> dict[str, Offence]:
        return {offence.id: offence for offence in self.offences}

    @cached_property
    def versions_reading_turnover(self) -> frozenset[Version]:
        """The versions whose figures can depend on a party's turnover: a share of turnover in one of their fines
        or their aggravations' fines, or in the pack's corporate rule or sentencing classes. The figures of every
        other version are the same for any turnover, and the engine remembers them without it. Only fine
        formulas are walked, as for :attr:`compares_turnover`."""
        pack_wide = next(instances((self.company_fine, self.classes), TurnoverShare), None) is not None
        return frozenset(
            version
            for offence in self.offences
            for version in offence.versions
            if pack_wide or next(instances(_fines_of(version), TurnoverShare), None) is not None
        )

    @cached_property
    def compares_turnover(self) -> bool:
        """Whether a fine of this pack compares a share of turnover with a stated amount ("the greater of EUR
        20 000 000 or 4 % of turnover"): only then is a party's turnover in another currency converted into the
        pack's. A share of turnover on its own stays in the turnover's currency, exact. Only the fine formulas are
        walked (the whole pack is far larger, and this runs once per pack and process)."""
        return any(next(instances(f.parts, TurnoverShare), None) is not None for f in self._extremes())

    def _extremes(self) -> list[Extreme]:
        """Every greatest-or-least fine formula: in the offences' fines, the corporate rule and the tracks' caps."""
        figures: list[object] = []
        for offence in self.offences:
            for version in offence.versions:
                penalty = version.penalty
                figures += [penalty.fine, penalty.company_fine]
                figures += [f for a in version.aggravations for f in (a.fine, a.company_fine)]
        if self.company_fine is not None:
            figures += [self.company_fine.without_person_fine, self.company_fine.fixed]
        for track in self.tracks.values():
            for rule in (track.one_act, track.several_acts, track.company_one_act, track.company_several_acts):
                if rule is not None and rule.fine is not None:
                    figures.append(rule.fine.cap)
        out: list[Extreme] = []
        for figure in figures:
            formula = getattr(figure, "max", figure)
            if isinstance(formula, Extreme):
                out.append(formula)
        return out

    @cached_property
    def names_read(self) -> frozenset[str]:
        """Every fact, act and question of law a condition of this pack reads (offences with their elements,
        aggravations, measures): what an incident for this jurisdiction should state."""
        names: set[str] = set()
        for offence in self.offences:
            names |= offence.when.names
            for version in offence.versions:
                for agg in version.aggravations:
                    names |= agg.when.names
        for measure in self.measures:
            names |= measure.when.names
        return frozenset(names)
