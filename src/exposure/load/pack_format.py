"""The rule-pack format, declared once.

This declaration is the single statement of what a pack may contain. The reader (:mod:`exposure.load.packs`)
walks it, ``exposure schema pack`` prints the JSON Schema made from it, and ``docs/pack-format.md`` is generated
from it (``exposure schema docs``; the test suite fails when the committed file differs). A new key is added here,
once, with its meaning and an example; its builder in :mod:`exposure.load.packs` makes it part of the model.
"""

from __future__ import annotations

from ..model.durations import parse_term
from ..model.money import ISO_4217, parse_money
from ..model.places import normalise_place
from .spec import (
    DATE_SCHEMA,
    TEXT_SCHEMA,
    Field,
    ListOf,
    MapOf,
    OneOf,
    Ref,
    Scalar,
    Struct,
    choice,
    day,
    flag,
    ident,
    number,
    parsed,
    text,
)

SCHEMA_VERSION = 2
SOURCE_KINDS = ("statute", "decision", "guidance")
CONCURRENCE_RULES = ("highest", "heaviest", "raised", "sum")
TRACK_KINDS = ("criminal", "administrative", "civil")
UNITS = ("incident", "image", "victim")
SOURCE_GRADES = ("official", "mirror", "secondary")
PARTY_KINDS = ("person", "company")
PARTY_ROLES = ("user", "platform", "ai_provider")

TERM_PART = r"[0-9]+ (years?|months?|weeks?|days?)"
TERM_SCHEMA = {
    "type": "string",
    "pattern": rf"^(life|{TERM_PART}( {TERM_PART})*)$",
    "description": "A prison term: '2 years', '18 months', '1 year 6 months', '30 days' or 'life'.",
}
PERIOD_SCHEMA = {
    "type": "string",
    "pattern": rf"^(none|{TERM_PART}( {TERM_PART})*)$",
    "description": "A limitation period: '6 years', or 'none'.",
}
AMOUNT_SCHEMA = {
    "type": "string",
    "pattern": r"^[0-9](_?[0-9])*(\.[0-9]+)? [A-Z]{3}$",
    "description": "An amount and its ISO 4217 currency: '75000 EUR', '2_600_000_000 USD'.",
}
FORMULA_SCHEMA = {
    "type": "string",
    "pattern": r"^(unlimited|discretionary|[0-9](_?[0-9])*(\.[0-9]+)? [A-Z]{3}|[0-9]+(\.[0-9]+)? ?% of turnover"
    r"|[0-9]+(\.[0-9]+)? [a-z_]+)$",
    "description": "'75000 EUR', 'unlimited', 'discretionary', '6% of turnover' or '500 penalty_unit'.",
}
FRACTION_SCHEMA = {
    "oneOf": [{"type": "number", "exclusiveMinimum": 0}, {"type": "string", "pattern": r"^[0-9]+(/[0-9]+)?$"}]
}
PLACE_SCHEMA = {
    "type": "string",
    "pattern": r"^[A-Za-z]{2}(-[A-Za-z0-9]{1,3})?$",
    "description": "ISO 3166-1 alpha-2 (GB for the UK), an ISO 3166-2 subdivision (US-CA, GB-SCT), or EU.",
}
URL_SCHEMA = {"type": "string", "pattern": r"^https?://\S+$"}


# ------------------------------------------------------------------------------------------------------ scalars
def _schema_number(r, path):
    return r.get(path)  # checked by the pack builder, which knows the version it reads


def _url(r, path):
    from .packs import read_url

    return read_url(r, path)


def _fraction(r, path):
    from .packs import parse_fraction

    return r.parsed_any(path, parse_fraction)


def _formula(r, path):
    from .packs import parse_fine_formula

    return r.parsed(
        path, lambda value: parse_fine_formula(value, r.unit_names), "a fine such as '75000 EUR' or 'unlimited'"
    )


def _period(r, path):
    from .packs import read_period

    return read_period(r, path)


def _condition(r, path):
    return r.condition(path)


def _source_ids_or_none(r, path):
    from .packs import read_source_ids

    return read_source_ids(r, path, allow_empty=True)


def _source_ids(r, path):
    from .packs import read_source_ids

    return read_source_ids(r, path)


PLACE = parsed("place code", normalise_place, "a country code such as FR", PLACE_SCHEMA, unit=False)
APPLIES_PLACE = parsed("place code", normalise_place, "a country code", PLACE_SCHEMA, unit=False)
TERM = parsed("prison term", parse_term, "a prison term such as '2 years' or 'life'", TERM_SCHEMA)
MIN_TERM = parsed("prison term", parse_term, "a prison term such as '1 year'", TERM_SCHEMA)
CAP_TERM = parsed("prison term", parse_term, "a prison term such as '30 years'", TERM_SCHEMA)
AMOUNT = parsed("amount", parse_money, "an amount such as '1000 EUR'", AMOUNT_SCHEMA)
UNIT_AMOUNT = parsed("amount", parse_money, "an amount such as '330 AUD'", AMOUNT_SCHEMA)
FORMULA = Scalar("fine formula", _formula, FORMULA_SCHEMA)
FRACTION = Scalar("fraction", _fraction, FRACTION_SCHEMA)
PERIOD = Scalar("period", _period, PERIOD_SCHEMA)
URL = Scalar("URL", _url, URL_SCHEMA)
CONDITION = Scalar(
    "condition", _condition, {**TEXT_SCHEMA, "description": "Condition: declared names, and, or, not, parentheses."}
)
ELEMENT = Scalar(
    "condition",
    lambda r, path: r.get(path),
    {**TEXT_SCHEMA, "description": "Condition: declared names, earlier elements, and, or, not, parentheses."},
)  # compiled in order by the offence's builder
SOURCE_IDS = Scalar("list of source ids", _source_ids, {"type": "array", "items": TEXT_SCHEMA})
AUTHORITIES = Scalar(
    "list of source ids", lambda r, path: _source_ids_or_none(r, path), {"type": "array", "items": TEXT_SCHEMA}
)
SCHEMA = Scalar("schema version", _schema_number, {"const": SCHEMA_VERSION})

QUOTE = Field(
    "quote",
    text(),
    "The verbatim phrase of the statute that states the figure, in its own language.",
    example="Est puni de deux ans d'emprisonnement",
)
SOURCE = Field(
    "source",
    text("source id"),
    "The id of the provision under `sources` that the quote comes from.",
    example="cp-226-8-1",
)
EVIDENCE = Field(
    "evidence",
    text("quote id"),
    "Instead of `quote` and `source`: the id of a quote under `quotes`, "
    "when several figures rest on the same sentence.",
    example="cp-226-8-1-al1",
)
NOTE = Field("note", text(), "How the figure is derived, when the quote does not state it as such.")
CITED = (("quote", "source"), ("evidence",))


def cited(name: str, meaning: str, fields, **options) -> Struct:
    """A struct that carries evidence: its quote and source, or the id of a shared quote."""
    return Struct(name, meaning, fields, requires_any=CITED, **options)


# ------------------------------------------------------------------------------------------------------ structs
TITLE = Struct(
    "title",
    "A title in the statute's language and in English.",
    [
        Field(
            "local",
            text(),
            "The title in the statute's own language.",
            required=True,
            example="Montage à caractère sexuel",
        ),
        Field("en", text(), "The title in English.", required=True, example="Sharing a sexual deepfake"),
    ],
    title="Titles",
)

SOURCE_ENTRY = Struct(
    "source",
    "A provision of the official text: every figure points to one.",
    [
        Field(
            "cite",
            text(),
            "The provision as a lawyer cites it.",
            required=True,
            example="Code pénal, art. 226-8-1, al. 1",
        ),
        Field(
            "url",
            URL,
            "The provision's address on the OFFICIAL site.",
            required=True,
            example="https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000049567458",
        ),
        Field("checked", day(), "The day the text was read.", required=True, example="2026-11-21"),
        Field(
            "grade",
            choice(SOURCE_GRADES),
            "How good the evidence is: `official` (read on the official site), `mirror` "
            "(a faithful copy of the official text), `secondary` (parliamentary record, commentary, press). A figure "
            "resting on a secondary source is computed but flagged unverified in every output.",
            required=True,
        ),
        Field("read_at", text(), "Where the text was actually read, when not at `url`."),
        Field("note", text(), "Conflicts between sources, what remains to check, interpretation."),
        Field(
            "kind",
            choice(SOURCE_KINDS),
            "What the source is: `statute` (default), a court's `decision`, or "
            "`guidance` (a regulator's, or a minister's reading). A decision can make a version (`changed_by`) or "
            "settle a question.",
        ),
        Field("date", day(), "A decision's or guidance's date.", example="2025-10-31"),
    ],
    example="""sources:
  cp-226-8-1:
    cite: "Code pénal, art. 226-8-1, al. 1"
    url: https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000049567458
    read_at: https://app.livv.eu/...
    checked: 2026-11-21
    grade: mirror""",
    title="Sources: the evidence for every figure",
)

QUOTE_ENTRY = Struct(
    "quote",
    "A sentence of a source stated once, which several figures refer to by id (`evidence:`): "
    "a prison term and a fine stated in one sentence need not repeat it.",
    [
        Field(
            "text",
            text(),
            "The verbatim sentence.",
            required=True,
            example="Est puni de deux ans d'emprisonnement et de 60 000 euros d'amende",
        ),
        Field(
            "source", text("source id"), "The id of the provision under `sources`.", required=True, example="cp-226-8-1"
        ),
    ],
    example="""quotes:
  cp-226-8-1-al1: {text: "Est puni de deux ans d'emprisonnement et de 60 000 euros d'amende", source: cp-226-8-1}
# then, in an offence:
prison: {max: 2 years, evidence: cp-226-8-1-al1}
fine: {max: 60000 EUR, evidence: cp-226-8-1-al1}""",
    notes="""`exposure check` still checks that the shared sentence
states each figure that refers to it (L305).""",
    title="Quotes: one sentence, several figures",
)

TODO = Struct(
    "todo",
    "A figure that could not be verified: it computes nothing and says why (unknown is better than "
    "wrong). `exposure check` lists every one (L313).",
    [
        Field(
            "todo",
            text(),
            "What was searched and not found.",
            required=True,
            example="s. 113 penalty not read in the official text",
        ),
    ],
    title="TODO: a figure left to verify",
)

PRISON_FIGURE = cited(
    "prison_figure",
    "A statutory maximum term of imprisonment (and minimum, if any), with its evidence.",
    [
        Field("max", TERM, "The maximum term, or `life`.", required=True, example="2 years"),
        Field("min", MIN_TERM, "A statutory minimum term.", example="1 year"),
        QUOTE,
        SOURCE,
        EVIDENCE,
        NOTE,
    ],
    example="""prison: {max: 2 years, quote: "Est puni de deux ans d'emprisonnement", source: cp-226-8-1}
prison: {max: 14 years, min: 1 year, quote: "...", source: cc-163-1}
prison: {max: life, quote: "...", source: ...}
prison: {todo: "s. 113 penalty not read in the official text"}""",
    notes="""Terms are typed text, parsed exactly:
`2 years`, `18 months`, `1 year 6 months`, `30 days`, `life`. `life` is a word, never a number.""",
    title="Prison figures",
)

NEXT_REVIEW = Field(
    "next_review",
    day(),
    "The law schedules a new amount on this date (indexation, inflation "
    "adjustment): `exposure check` warns once it has passed (L314).",
    example="2026-07-01",
)
_FINE_COMMON = [
    Field("min", AMOUNT, "A statutory minimum amount.", example="1000 EUR"),
    Field(
        "per",
        choice(("day", "violation")),
        "The amount is per day or per violation: multiplied by the incident's "
        "`counts` when it gives them, otherwise shown per unit (never summed into a one-off fine).",
    ),
    NEXT_REVIEW,
    QUOTE,
    SOURCE,
    EVIDENCE,
    NOTE,
]
FINE_FIGURE = cited(
    "fine_figure",
    "A statutory maximum fine, with its evidence.",
    [
        Field(
            "max",
            FORMULA,
            "An amount, `unlimited` (no statutory cap), `discretionary` (at the court's discretion), a "
            "share of turnover, or a number of a pack's units.",
            required=True,
            example="60000 EUR",
        ),
        *_FINE_COMMON,
    ],
    example="""fine: {max: 60000 EUR, quote: "60 000 euros d'amende", source: cp-226-8-1}
fine: {max: unlimited, quote: "a fine", source: ...}
fine: {max: 6% of turnover, quote: "...", source: dsa-74}
fine: {max: 500 penalty_unit, quote: "500 penalty units", source: ...}
fine: {max: 10000 USD, per: violation, quote: "...", source: ...}""",
    notes="""Amounts are written `75000 EUR` (digits,
optional `_` separators, ISO 4217 code; never `75 000` or `75,000`). A fine that needs a quantity the incident
lacks (a turnover share without `turnover`) is reported as such; it never falls back silently to another figure.""",
    title="Fine figures",
)
GREATEST_FINE = cited(
    "greatest_fine",
    "The greatest of several formulas (e.g. GBP 18 million or 10 % of revenue, whichever is greater).",
    [
        Field(
            "greatest_of",
            ListOf(FORMULA, min_items=2),
            "At least two formulas.",
            required=True,
            example="[18000000 GBP, 10% of turnover]",
        ),
        *_FINE_COMMON,
    ],
    title="The greatest of several fines",
)
LEAST_FINE = cited(
    "least_fine",
    "The least of several formulas (e.g. the AI Act's rule for small enterprises).",
    [
        Field(
            "lesser_of",
            ListOf(FORMULA, min_items=2),
            "At least two formulas.",
            required=True,
            example="[35000000 EUR, 7% of turnover]",
        ),
        *_FINE_COMMON,
    ],
    title="The least of several fines",
)
PRISON = OneOf("prison", "A prison figure, or a `todo`.", [("todo", TODO), (None, PRISON_FIGURE)], title="Prison")
FINE = OneOf(
    "fine",
    "A fine figure (one formula, the greatest or the least of several), or a `todo`.",
    [("todo", TODO), ("greatest_of", GREATEST_FINE), ("lesser_of", LEAST_FINE), (None, FINE_FIGURE)],
    title="Fines",
)

INCREASE = cited(
    "increase",
    "A relative aggravation: the base maxima raised by a fraction.",
    [
        Field("by", FRACTION, "The fraction: `1/3`, `1/2`, `2`.", required=True, example="1/3"),
        QUOTE,
        SOURCE,
        EVIDENCE,
    ],
    example="""increase: {by: 1/3, quote: "aumentata fino a un terzo", source: cp-64}""",
    title="Increases",
)

AGGRAVATION = Struct(
    "aggravation",
    "An aggravating circumstance: its condition and the penalties (or the increase) it "
    "brings. Its figures replace the base maxima when higher.",
    [
        Field("id", ident(), "Unique within the version.", required=True, example="online"),
        Field("title", Ref(TITLE), "The circumstance as the statute names it.", required=True),
        Field(
            "when",
            CONDITION,
            "The condition, over the vocabulary and the offence's elements.",
            required=True,
            example="online",
        ),
        Field(
            "class",
            text("class id"),
            "The higher sentencing class the circumstance puts the offence in (an id under `classes`), instead "
            "of `prison` and `fine` (flagged unverified when the offence's `cite` is `secondary`, as for a "
            "version's class).",
            example="felony-3",
        ),
        Field("prison", Ref(PRISON), "The aggravated prison figure."),
        Field("fine", Ref(FINE), "The aggravated fine figure."),
        Field("company_fine", Ref(FINE), "The aggravated fine the statute states for legal persons."),
        Field("increase", INCREASE, "Raises the base maxima by a fraction instead of stating figures."),
        Field(
            "replaces",
            flag(),
            "The aggravated form has its own penalties: the base ones (e.g. a fine) no longer apply.",
        ),
    ],
    example="""aggravations:
  - id: online
    title: {local: "Service de communication au public en ligne", en: "Through an online public service"}
    when: online
    prison: {max: 3 years, quote: "...", source: cp-226-8-1}
    fine: {max: 75000 EUR, quote: "...", source: cp-226-8-1}""",
    notes="""An unknown aggravation counts only in the
worst case. An `increase` never raises a company fine that the statute states itself.""",
    title="Aggravations",
)

IN_FORCE = Struct(
    "in_force",
    "The dates of a version: `to` is the first day NO LONGER in force.",
    [
        Field("from", day(), "The first day in force.", required=True, example="2024-05-23"),
        Field("to", day(), "The first day no longer in force (absent: still in force).", example="2026-01-02"),
    ],
    title="Dates in force",
)

VERSION = Struct(
    "version",
    "The offence as drafted between two dates, with its penalties and aggravations. An "
    "incident is judged by the version in force on its date; versions may not overlap.",
    [
        Field("in_force", IN_FORCE, "When this version applies.", required=True),
        Field(
            "enacted_by",
            text(),
            "The act that enacted or last amended this wording.",
            example="Loi n° 2024-449 du 21 mai 2024",
        ),
        Field(
            "changed_by",
            text("source id"),
            "A source (typically a court `decision`) that made this version, e.g. by striking down a minimum.",
            example="scc-senneville",
        ),
        Field(
            "class",
            text("class id"),
            "The sentencing class the statute puts the offence in (an id under `classes`): its prison and fine "
            "figures, with their evidence, instead of `prison` and `fine`. The offence's `cite` is taken as the "
            "provision that says so: when it is graded `secondary`, the class's figures are flagged unverified for "
            "this offence, however official the class's table.",
            example="class-a-misdemeanor",
        ),
        Field("prison", Ref(PRISON), "The base prison figure (natural persons only: a company is never imprisoned)."),
        Field("fine", Ref(FINE), "The base fine figure."),
        Field(
            "company_fine",
            Ref(FINE),
            "A fine the offence states for legal persons itself (else the pack's corporate rule applies).",
        ),
        Field(
            "prison_or_fine",
            flag(),
            'The statute punishes with prison OR a fine, not both ("oder mit Geldstrafe", '
            '"atau"). Where it allows both ("et", "or both", "dan/atau"), leave it out.',
        ),
        Field("aggravations", ListOf(Ref(AGGRAVATION), unique=("id", "aggravation")), "Aggravating circumstances."),
    ],
    title="Versions",
)

APPLIES_TO = Struct(
    "applies_to",
    "Who can commit the offence.",
    [
        Field("kinds", ListOf(choice(PARTY_KINDS)), "`person`, `company`.", required=True, example="[person, company]"),
        Field(
            "roles",
            ListOf(choice(PARTY_ROLES)),
            "Optional: `user`, `platform`, `ai_provider` (default: any).",
            example="[user]",
        ),
    ],
    title="Who can commit an offence",
)

KIND_CAP = Struct(
    "kind_cap",
    "A ceiling on one kind of penalty when several are combined.",
    [
        Field(
            "times_highest", FRACTION, "At most this multiple of the heaviest single maximum of this kind.", example="3"
        ),
        Field(
            "cap",
            text("term or fine"),
            "An absolute ceiling: a term for prison (`20 years`), a fine for fines (`720 tagessatz`, `21600000 EUR`).",
            example="20 years",
        ),
    ],
    title="Caps on a combined penalty",
)

CONCURRENCE = cited(
    "concurrence",
    "How the maxima of several findings combine, by the jurisdiction's own rule.",
    [
        Field(
            "rule",
            choice(CONCURRENCE_RULES),
            "`highest`: one penalty of each kind within the highest maximum of that "
            "kind (Code pénal art. 132-3); `heaviest`: the penalties of the most serious offence only (StGB § 52, BNS "
            "s. 9, Criminal Act art. 40); `raised`: the most serious offence's maxima raised by `by`, for the term and "
            "the amount, never above the sum (Codice penale art. 81: `by: 2`); `sum`: penalties add up, within the "
            "caps.",
            required=True,
        ),
        Field("by", FRACTION, "For `raised`: the fraction the heaviest maximum is raised by.", example="1/2"),
        Field("prison", Ref(KIND_CAP), "For `sum`: caps on the combined term."),
        Field("fine", Ref(KIND_CAP), "For `sum`: caps on the combined amount."),
        Field("life_absorbs", flag(), "A life term absorbs every other penalty."),
        Field(
            "below_sum",
            flag(),
            "The combined term must stay below the sum (StGB § 54 Abs. 2): the sum is a bound never reached.",
        ),
        Field(
            "upper_bound",
            flag(),
            "The law sets no ceiling below the sum (consecutive penalties at the court's "
            "discretion, guided by totality): the rule's figure is shown with the sum as the legal upper bound.",
        ),
        QUOTE,
        SOURCE,
        EVIDENCE,
        Field("note", text(), "Case law behind the rule, or what it does not capture."),
    ],
    example="""one_act: {rule: heaviest, evidence: stgb-52}
several_acts:
  rule: sum
  below_sum: true
  life_absorbs: true
  prison: {cap: 15 years}
  fine: {cap: 720 tagessatz}
  evidence: stgb-54""",
    title="Concurrence: one act, several acts",
)

TRACK = Struct(
    "track",
    "One kind of proceedings the pack's offences are enforced in: a criminal court, a named "
    "regulator (administrative penalties) or civil proceedings (civil penalties, statutory damages). "
    "Each has its own rules for one act under several provisions and for several acts; penalties of "
    "different tracks are never added.",
    [
        Field("kind", choice(TRACK_KINDS), "`criminal`, `administrative` or `civil`.", required=True),
        Field(
            "enforcer",
            Ref(TITLE),
            "Who imposes the penalties (a court, the Commission, Ofcom, a DPA...).",
            required=True,
        ),
        Field(
            "one_act", Ref(CONCURRENCE), "How one act punishable under several provisions is punished.", required=True
        ),
        Field(
            "several_acts",
            Ref(CONCURRENCE),
            "How several acts (one per image or victim, by each offence's `unit`) combine.",
            required=True,
        ),
        Field(
            "company_one_act",
            Ref(CONCURRENCE),
            "For legal persons, where their fines follow a rule of their own for one act (e.g. OWiG § 19).",
        ),
        Field(
            "company_several_acts",
            Ref(CONCURRENCE),
            "For legal persons, the rule for several acts (e.g. OWiG § 20, D.Lgs. 231/2001 art. 21).",
        ),
        Field("note", text(), "What the rules do not capture."),
    ],
    example="""tracks:
  criminal:
    kind: criminal
    enforcer: {local: "Tribunal correctionnel", en: "Criminal court"}
    one_act: {rule: highest, evidence: cp-132-3, note: "Cass. crim., 15 déc. 2021, n° 21-81.864"}
    several_acts: {rule: highest, evidence: cp-132-3}""",
    title="Tracks: criminal, administrative, civil",
)

GROUP = cited(
    "group",
    "Alternative charges for the same act: whichever apply, the act is punished once, at the "
    "heaviest (e.g. POCSO s. 42).",
    [
        Field("title", Ref(TITLE), "What the offences of the group have in common.", required=True),
        QUOTE,
        SOURCE,
        EVIDENCE,
        Field("note", text(), "Case law behind the rule."),
    ],
    title="Groups: alternative charges",
)

ABSORPTION = cited(
    "absorption",
    "Offences that, found for the same act, absorb this one: it is listed but not counted "
    "(e.g. possession behind production of the same image), with the statute or decision that says so.",
    [
        Field("offences", ListOf(text("offence id")), "The absorbing offences.", required=True, example="[de-184b]"),
        QUOTE,
        SOURCE,
        EVIDENCE,
        Field("note", text(), "Case law behind the rule."),
    ],
    title="Absorption",
)

MEASURE_IN_FORCE = Struct(
    "measure_in_force",
    "When the measure can be ordered.",
    [
        Field("from", day(), "The first day.", required=True),
        Field("to", day(), "The first day no longer."),
    ],
)

MEASURE = cited(
    "measure",
    "A non-pecuniary measure a court or regulator can order: service or access restriction, "
    "blocking, deletion, interim measures, loss of safe harbour. Listed with its citation, never added "
    "to a penalty.",
    [
        Field("id", ident(), "Unique in the pack.", required=True, example="gb-osa-144"),
        Field("title", Ref(TITLE), "The measure as the statute names it.", required=True),
        Field("ordered_by", Ref(TITLE), "The court or regulator that orders it.", required=True),
        Field("applies_to", APPLIES_TO, "Whom it can be ordered against.", required=True),
        Field(
            "when",
            CONDITION,
            "The condition under which it can be ordered.",
            required=True,
            example="host and not fail_to_remove",
        ),
        Field("in_force", MEASURE_IN_FORCE, "When it can be ordered (default: throughout the pack's period)."),
        QUOTE,
        SOURCE,
        EVIDENCE,
        Field("note", text(), "Who applies for it, and what it does."),
    ],
    title="Measures: what can be ordered besides penalties",
)


READING = Struct(
    "reading",
    "One reading of a question of law.",
    [
        Field("meaning", text(), "What the reading says.", required=True),
        Field(
            "authorities",
            AUTHORITIES,
            "Sources for it: decisions, guidance, commentary (may be empty).",
            example="[ie-minister-2025]",
        ),
    ],
    title="Readings",
)

SETTLED = Struct(
    "settled",
    "A decision that settled the question.",
    [
        Field("reading", choice(("yes", "no")), "The reading it settled on.", required=True),
        Field("by", text("source id"), "The decision.", required=True),
        Field("from", day(), "From when it binds.", required=True),
    ],
)

QUESTION = Struct(
    "question",
    "A contested point of law a finding depends on: not a fact of the incident but "
    "uncertainty about the law. A condition names it by its id like a fact; until an incident "
    "(`questions:`) or `--assume ID=yes|no` settles it, it is unknown and findings that depend on it are "
    "`possible`.",
    [
        Field(
            "question",
            text(),
            "The question, answerable yes or no.",
            required=True,
            example="Do Coco's Law ss. 2-3 reach AI-generated images?",
        ),
        Field("yes", Ref(READING), "The reading that answers yes.", required=True),
        Field("no", Ref(READING), "The reading that answers no.", required=True),
        Field(
            "default",
            choice(("yes", "no")),
            "The reading the pack takes as the better one (`--assume defaults`).",
            required=True,
        ),
        Field("why", text(), "Why the default is the better reading.", required=True),
        Field("settled", SETTLED, "A decision that settled it."),
    ],
    example="""questions:
  ie-coco-synthetic:
    question: "Do the Harassment, Harmful Communications and Related Offences Act 2020 ss. 2-3 reach AI images?"
    yes:
      meaning: "s. 1: 'any visual representation ... made by any means', of what 'purports to be' the person"
      authorities: [ie-wrans-2025]
    no:
      meaning: "penal statutes are read strictly; 'purports to be' qualifies only part of the definition"
      authorities: []
    default: yes
    why: "The definition's words and the Minister's answer; no court has ruled."
# then, in a condition:
when: intimate_image and (not synthetic or ie-coco-synthetic) and ...""",
    title="Questions of law",
)


OFFENCE = Struct(
    "offence",
    "An offence or regulatory breach: who can commit it, its elements, and its versions over time.",
    [
        Field("id", ident(), "Unique in the pack, lower case.", required=True, example="fr-226-8-1"),
        Field("title", Ref(TITLE), "The offence's title in the statute's language and in English.", required=True),
        Field("applies_to", APPLIES_TO, "Who can commit it.", required=True),
        Field(
            "extent",
            ListOf(APPLIES_PLACE),
            "Where in the country the offence is law (ISO 3166-2 codes), when not everywhere: the England and "
            "Wales offences of the GB pack say `[GB-ENG, GB-WLS]`, and a place in Scotland does not bring them in.",
            example="[GB-ENG, GB-WLS]",
        ),
        Field("note", text(), "Interpretation, scope, who is liable."),
        Field(
            "basis",
            SOURCE_IDS,
            "Sources the elements rest on beyond the figures' own (e.g. complicity).",
            example="[cp-121-7]",
        ),
        Field(
            "cite",
            text("source id"),
            "The provision that defines the offence (the figures cite the provisions "
            "that state the penalties). Findings cite it.",
            example="cp-226-8-1",
        ),
        Field(
            "track",
            text("track id"),
            "The proceedings it is enforced in: an id under `tracks` (default: `criminal`).",
            example="ofcom",
        ),
        Field(
            "unit",
            choice(UNITS),
            "What one count of the offence is: the `incident` (default: one offence "
            "whatever the counts), each `image`, or each `victim`. With the incident's `counts`, several counts "
            "are several acts, combined by the track's `several_acts` rule.",
        ),
        Field(
            "group",
            ident(),
            "Offences of one group are alternative charges for the same act: they count once (the "
            "heaviest), never added. The group is declared under `groups` with its evidence.",
            example="child-image",
        ),
        Field("absorbed_by", ABSORPTION, "Offences that, found for the same act, absorb this one."),
        Field(
            "elements",
            MapOf(ELEMENT, key="an element name"),
            "The statutory elements, named, each a condition (an element may use the ones before it).",
            example="{sexual_deepfake: sexual and synthetic and real_person}",
        ),
        Field(
            "when",
            CONDITION,
            "The condition under which the offence is committed.",
            required=True,
            example="sexual_deepfake and not consent and disclosure",
        ),
        Field("versions", ListOf(Ref(VERSION)), "Every version in force, with its dates.", required=True),
    ],
    example="""offences:
  - id: fr-226-8-1
    title: {local: "Montage à caractère sexuel ...", en: "Sharing a sexual deepfake ..."}
    applies_to: {kinds: [person, company], roles: [user]}
    basis: [cp-121-7]
    elements:
      sexual_deepfake: sexual and synthetic and real_person
      disclosure: share or (host and fail_to_remove)
    when: sexual_deepfake and not consent and disclosure
    versions:
      - in_force: {from: 2024-05-23}
        enacted_by: "Loi n° 2024-449 du 21 mai 2024"
        prison: {max: 2 years, evidence: cp-226-8-1-al1}
        fine: {max: 60000 EUR, evidence: cp-226-8-1-al1}""",
    notes="""**Conditions** (`when`, elements, aggravations) use a
small word language over the vocabulary (`rules/vocabulary.yaml`) and the offence's own elements:
`sexual and synthetic and not consent and (share or create)`. Only names, `and`, `or`, `not` and parentheses;
mixing `and` and `or` at one level needs parentheses. Facts may be true, false or **unknown** (left out of the
incident): conditions use Kleene three-valued logic, so an offence `applies` (true), is `possible` (unknown: the
output names the unknown facts and the values that would make it apply) or is absent (false). Acts a party is not
said to have done are false.""",
    title="Offences",
)

UNIT_VALUE = cited(
    "unit_value",
    "The money value of a penalty unit (day fine, penalty unit) between two dates.",
    [
        Field("from", day(), "The first day of this value.", required=True, example="2024-11-07"),
        Field("to", day(), "The first day it no longer applies.", example="2026-07-01"),
        Field("value", UNIT_AMOUNT, "The value of one unit.", required=True, example="330 AUD"),
        NEXT_REVIEW,
        QUOTE,
        SOURCE,
        EVIDENCE,
        NOTE,
    ],
    example="""units:
  penalty_unit:
    - {from: 2023-07-01, to: 2024-11-07, value: 313 AUD, quote: "...", source: crimes-4aa}
    - {from: 2024-11-07, value: 330 AUD, quote: "...", source: crimes-4aa}""",
    title="Units: penalty units, day fines",
)

COMPANY_FACTOR = cited(
    "company_factor",
    "A legal person's maximum fine as a multiple of a natural person's (e.g. Code pénal art. 131-38: five times).",
    [
        Field("factor", number(), "The multiple.", required=True, example="5"),
        QUOTE,
        SOURCE,
        EVIDENCE,
        Field("without_person_fine", Ref(FINE), "The fine when the law sets none for natural persons."),
    ],
    example="""company_fine:
  factor: 5
  quote: "égal au quintuple de celui prévu pour les personnes physiques"
  source: cp-131-38
  without_person_fine: {max: 1000000 EUR, quote: "...", source: cp-131-38}""",
    title="Corporate fines as a multiple",
)
COMPANY_FINE = OneOf(
    "company_fine",
    "The corporate-fine rule: a multiple of the natural person's maximum, or one "
    "cap for every offence whatever the person's fine (e.g. OWiG § 30: `max: 10000000 EUR`).",
    [("max", FINE_FIGURE), (None, COMPANY_FACTOR)],
    title="The corporate-fine rule",
)

LEX_MITIOR = cited(
    "lex_mitior",
    "The jurisdiction applies a later, milder law to earlier conduct (e.g. Code pénal "
    "art. 112-1, StGB § 2 Abs. 3). `exposure assess --as-of DATE` then compares the version in force on "
    "the incident's date with the later ones in force by DATE and applies the mildest.",
    [QUOTE, SOURCE, EVIDENCE],
    title="The milder later law",
)

MINOR_VICTIM = cited(
    "minor_victim",
    "For a minor victim, the period counted from the age of majority.",
    [
        Field("period", PERIOD, "A period, or `none`.", required=True, example="10 years"),
        Field("majority_age", number(), "The age of majority (default 18).", example="18"),
        QUOTE,
        SOURCE,
        EVIDENCE,
    ],
    title="Minor victims",
)
LIMITATION = cited(
    "limitation",
    "How long prosecution stays possible. An offence uses the first rule listing it, else the rule without `offences`.",
    [
        Field(
            "offences",
            ListOf(text("offence id")),
            "The offences it covers (absent: the default rule).",
            example="[de-184b]",
        ),
        Field("period", PERIOD, "The period, or `none`.", required=True, example="6 years"),
        QUOTE,
        SOURCE,
        EVIDENCE,
        Field("in_force", MEASURE_IN_FORCE, "When the rule applies, by the offence's date (default: always)."),
        Field("minor_victim", MINOR_VICTIM, "For a minor victim, counted from majority."),
        Field("note", text(), "What the rule does not capture."),
    ],
    example="""limitation:
  - offences: [de-184b]
    period: 10 years
    quote: "zehn Jahre ..."
    source: stgb-78
  - period: 6 years
    quote: "six années révolues"
    source: cpp-8
    minor_victim:
      {period: 10 years, majority_age: 18, quote: "dix années révolues à compter de la majorité", source: cpp-8}""",
    notes="""The time bar is the start date plus the period in calendar arithmetic (2024-02-29 + 6 years =
2030-02-28); a minor victim's extension needs the incident's `victim_born`.""",
    title="Limitation periods",
)

SENTENCE_CLASS = Struct(
    "sentence_class",
    "A sentencing class (a felony or misdemeanour grade, a level of the standard scale) with the maxima the "
    "statute's table gives it: declared once, cited, and named by the offences in it.",
    [
        Field("title", Ref(TITLE), "The class as the statute names it.", required=True),
        Field("prison", Ref(PRISON), "The class's maximum term (and minimum, if any)."),
        Field("fine", Ref(FINE), "The class's maximum fine."),
        Field("note", text(), "How the table is read (e.g. which of several terms is the maximum)."),
    ],
    example="""classes:
  class-a-misdemeanor:
    title: {local: "Class A misdemeanor", en: "Class A misdemeanor"}
    prison: {max: 1 year, quote: "a term not to exceed one year", source: tx-pc-12-21}
    fine: {max: 4000 USD, quote: "a fine not to exceed $4,000", source: tx-pc-12-21}""",
    title="Sentencing classes",
)

RELATION = cited(
    "relation",
    "How the penalties of a subdivision's pack stand to its parent's, by the law that says so.",
    [
        Field(
            "rule",
            choice(("separate", "not_twice", "not_read")),
            "`separate`: both levels may prosecute and punish the same conduct (US dual sovereignty), and their "
            "figures are never combined; `not_twice`: either may prosecute, but the offender is not punished "
            "twice for one act (Crimes Act 1914 (Cth) s. 4C(2)); `not_read`: no source read states how the two "
            "levels' penalties stand to each other (TODO; the quote is the nearest text read), and the output says so.",
            required=True,
        ),
        QUOTE,
        SOURCE,
        EVIDENCE,
        Field("note", text(), "Case law, or what the rule does not capture."),
    ],
    example="""relation:
  rule: separate
  quote: "a crime under one sovereign's laws is not \"the same offence\" as a crime under the laws of another"
  source: gamble-2019""",
    title="Levels: a subdivision and its parent",
)

PACK = Struct(
    "pack",
    "The top level of a pack.",
    [
        Field(
            "schema", SCHEMA, f"The pack schema version: {SCHEMA_VERSION}.", required=True, example=str(SCHEMA_VERSION)
        ),
        Field(
            "pack",
            PLACE,
            "The jurisdiction: an ISO 3166-1 alpha-2 code (GB for the United Kingdom), an ISO 3166-2 code for "
            "a subdivision (US-CA, GB-SCT, AU-NSW), or EU.",
            required=True,
            example="FR",
        ),
        Field(
            "level",
            choice(("national", "subdivision", "supranational")),
            "`national` (default; a federal country's federal law), `subdivision` (a state, a nation of the "
            "United Kingdom: applies together with its `parent`) or `supranational` (the EU).",
            example="subdivision",
        ),
        Field(
            "parent",
            PLACE,
            "For a subdivision: the national or federal pack it sits under (the country of its code).",
            example="US",
        ),
        Field(
            "default_extent",
            ListOf(APPLIES_PLACE),
            "Where a place given as the country alone is taken to be, for offences with an `extent` (GB: "
            "`[GB-ENG, GB-WLS]`); the output says the assumption.",
            example="[GB-ENG, GB-WLS]",
        ),
        Field("name", Ref(TITLE), "The jurisdiction's name.", required=True),
        Field("language", text(), "The language of titles and quotes.", required=True, example="fr"),
        Field(
            "currency",
            choice(sorted(ISO_4217), "ISO 4217 code"),
            "The currency the statutes state fines in.",
            required=True,
            example="EUR",
        ),
        Field("authority", Ref(TITLE), "Who prosecutes or fines."),
        Field(
            "applies_in",
            ListOf(APPLIES_PLACE),
            "Places that make this pack apply (default: the pack's own code); the EU "
            "pack lists the member states, so an incident in FR brings in both FR and EU.",
            example="[AT, BE, BG]",
        ),
        Field(
            "covers_from",
            day(),
            "The pack encodes the law from this date; earlier conduct gets a note saying so.",
            example="2020-01-01",
        ),
        Field("sources", MapOf(SOURCE_ENTRY, key="a source id"), "The provisions cited.", required=True),
        Field("quotes", MapOf(QUOTE_ENTRY, key="a quote id"), "Sentences that several figures rest on."),
        Field("relation", Ref(RELATION), "For a subdivision: how its penalties stand to the parent's."),
        Field("units", MapOf(ListOf(UNIT_VALUE), key="a unit name"), "Dated values of penalty units or day fines."),
        Field("company_fine", Ref(COMPANY_FINE), "The corporate-fine rule."),
        Field(
            "classes",
            MapOf(SENTENCE_CLASS, key="a class id"),
            "The sentencing classes offences refer to (`class:`), each with the table's maxima.",
        ),
        Field(
            "tracks",
            MapOf(TRACK, key="a track id"),
            "The proceedings the offences are enforced in, with their rules for combining penalties.",
            required=True,
        ),
        Field("groups", MapOf(GROUP, key="a group id"), "Alternative charges, with their evidence."),
        Field("questions", MapOf(QUESTION, key="a question id"), "Contested points of law the findings depend on."),
        Field("lex_mitior", LEX_MITIOR, "The milder later law applies."),
        Field("offences", ListOf(Ref(OFFENCE), unique=("id", "offence")), "The offences.", required=True),
        Field("measures", ListOf(MEASURE, unique=("id", "measure")), "Non-pecuniary measures."),
        Field("limitation", ListOf(LIMITATION), "Limitation periods."),
    ],
    example=f"""schema: {SCHEMA_VERSION}
pack: FR
name: {{local: France, en: France}}
language: fr
currency: EUR
sources: {{...}}
tracks: {{...}}
offences: [...]""",
    title="Top level",
)

SHARED = (
    TITLE,
    PRISON,
    FINE,
    AGGRAVATION,
    VERSION,
    OFFENCE,
    COMPANY_FINE,
    CONCURRENCE,
    KIND_CAP,
    READING,
    RELATION,
)

INTRO = """A rule pack is one YAML file per jurisdiction, `rules/<code>.yaml`, with its test cases beside it in
`rules/<code>.tests.yaml`. It reads like a legal annotation: one entry per offence, the statute's own structure
visible (base penalty, then each aggravation), and **every figure next to the phrase of the statute that states
it**. `rules/fr.yaml` is a complete example.

Packs are data: nothing in them is executed. They are read by a strict loader (YAML 1.2 types; no anchors,
aliases, tags or duplicate keys; every mistake reported as `file:line:col: message`). Every figure is a mapping
with the quantity, a short verbatim `quote` of the phrase that states it and its `source` id, or an `evidence`
id naming a shared quote. The pack test cases are described in [CI for rule packs](ci-for-rule-packs.md).

This reference is generated from the declaration in `src/exposure/load/pack_format.py`: each section below is
one part of a pack, with a table of its keys."""


def json_schema() -> dict:
    from .spec import json_schema as make

    return make(
        PACK,
        schema_id=f"urn:exposure:schema:pack:{SCHEMA_VERSION}",
        title="exposure rule pack",
        description="One jurisdiction's offences, penalties and citations. See docs/pack-format.md.",
        shared=SHARED,
    )


def reference() -> str:
    from .spec import markdown

    return markdown(PACK, heading=f"Rule-pack format (schema {SCHEMA_VERSION})", intro=INTRO)


__all__ = ["DATE_SCHEMA", "PACK", "SCHEMA_VERSION", "json_schema", "reference"]
