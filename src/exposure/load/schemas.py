"""JSON Schemas (draft-07, what the YAML language server supports) for rule packs and incidents.

They let editors complete and check files through the ``# yaml-language-server: $schema=...`` first line. The
loaders remain the authority (they also check references, dates and logic that a schema cannot); the test suite
checks that both accept every shipped file and reject broken copies. ``schema/*.schema.json`` are generated from
this module (``exposure schema pack > schema/pack.schema.json``) and a test keeps them in sync.
"""

from __future__ import annotations

from ..model import PARTY_KINDS, PARTY_ROLES, Vocabulary

DRAFT = "http://json-schema.org/draft-07/schema#"
BASE_ID = "urn:exposure:schema:"

DATE = {"type": "string", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "description": "A date written YYYY-MM-DD."}
TERM_PART = r"[0-9]+ (years?|months?|days?)"
TERM = {"type": "string", "pattern": rf"^(life|{TERM_PART}( {TERM_PART})*)$",
        "description": "A prison term: '2 years', '18 months', '1 year 6 months', '30 days' or 'life'."}
AMOUNT = {"type": "string", "pattern": r"^[0-9](_?[0-9])*(\.[0-9]+)? [A-Z]{3}$",
          "description": "An amount and its ISO 4217 currency: '75000 EUR', '2_600_000_000 USD'."}
FORMULA = {
    "type": "string",
    "pattern": r"^(unlimited|discretionary|[0-9](_?[0-9])*(\.[0-9]+)? [A-Z]{3}|[0-9]+(\.[0-9]+)? ?% of turnover|[0-9]+(\.[0-9]+)? [a-z_]+)$",
    "description": "'75000 EUR', 'unlimited', 'discretionary', '6% of turnover' or '500 penalty_unit'.",
}
PERIOD = {"type": "string", "pattern": rf"^(none|{TERM_PART}( {TERM_PART})*)$",
          "description": "A limitation period: '6 years', or 'none'."}
FRACTION = {"oneOf": [{"type": "number", "exclusiveMinimum": 0}, {"type": "string", "pattern": r"^[0-9]+(/[0-9]+)?$"}]}
ID = {"type": "string", "pattern": r"^[a-z0-9][a-z0-9_.-]*$"}
CODE = {"type": "string", "pattern": r"^[A-Za-z]{2}$", "description": "ISO 3166-1 alpha-2 (GB for the UK), or EU."}
TEXT = {"type": "string", "minLength": 1}


def _object(properties: dict, required: list[str], description: str = "") -> dict:
    out = {"type": "object", "properties": properties, "required": required, "additionalProperties": False}
    if description:
        out["description"] = description
    return out


def pack_schema() -> dict:
    evidence = {"quote": {**TEXT, "description": "Verbatim phrase of the statute that states the figure."},
                "source": {**TEXT, "description": "Id of an entry under the pack's sources."},
                "note": {"type": "string", "description": "How the figure is derived, if the quote does not state it."}}
    todo = _object({"todo": TEXT}, ["todo"], "A figure that could not be verified: it computes nothing.")
    prison = {"oneOf": [_object({"max": TERM, "min": TERM, **evidence}, ["max", "quote", "source"]), todo]}
    fine_common = {"min": AMOUNT, "per": {"enum": ["day", "violation"]}, **evidence}
    fine = {"oneOf": [
        _object({"max": FORMULA, **fine_common}, ["max", "quote", "source"]),
        _object({"greatest_of": {"type": "array", "items": FORMULA, "minItems": 2}, **fine_common}, ["greatest_of", "quote", "source"]),
        _object({"lesser_of": {"type": "array", "items": FORMULA, "minItems": 2}, **fine_common}, ["lesser_of", "quote", "source"]),
        todo,
    ]}
    title = _object({"local": TEXT, "en": TEXT}, ["local", "en"], "Title in the original language and in English.")
    penalty = {"prison": {"$ref": "#/definitions/prison"}, "fine": {"$ref": "#/definitions/fine"},
               "company_fine": {"$ref": "#/definitions/fine"}}
    aggravation = _object(
        {"id": ID, "title": {"$ref": "#/definitions/title"}, "when": TEXT, **penalty,
         "increase": _object({"by": FRACTION, "quote": TEXT, "source": TEXT}, ["by", "quote", "source"]),
         "replaces": {"type": "boolean", "description": "The aggravated form's penalties replace the base ones."}},
        ["id", "title", "when"],
    )
    version = _object(
        {"in_force": _object({"from": DATE, "to": DATE}, ["from"], "'to' is the first day no longer in force."),
         "enacted_by": TEXT, **penalty,
         "prison_or_fine": {"type": "boolean",
                            "description": "The statute punishes with prison OR a fine, not both (e.g. 'oder mit Geldstrafe')."},
         "aggravations": {"type": "array", "items": {"$ref": "#/definitions/aggravation"}}},
        ["in_force"],
    )
    offence = _object(
        {"id": ID, "title": {"$ref": "#/definitions/title"},
         "applies_to": _object({"kinds": {"type": "array", "items": {"enum": list(PARTY_KINDS)}, "minItems": 1},
                                "roles": {"type": "array", "items": {"enum": list(PARTY_ROLES)}, "minItems": 1}}, ["kinds"]),
         "elements": {"type": "object", "additionalProperties": TEXT},
         "when": {**TEXT, "description": "Condition: declared names, and, or, not, parentheses."},
         "basis": {"type": "array", "items": TEXT},
         "group": {**ID, "description": "Offences in one group are alternative charges for the same act: never added."},
         "note": TEXT,
         "versions": {"type": "array", "items": {"$ref": "#/definitions/version"}, "minItems": 1}},
        ["id", "title", "applies_to", "when", "versions"],
    )
    source = _object(
        {"cite": TEXT, "url": {"type": "string", "pattern": r"^https?://\S+$"}, "read_at": TEXT, "checked": DATE,
         "grade": {"enum": ["official", "mirror", "secondary"]}, "note": TEXT},
        ["cite", "url", "checked", "grade"],
    )
    unit_value = _object({"from": DATE, "to": DATE, "value": AMOUNT, "quote": TEXT, "source": TEXT, "note": TEXT},
                         ["from", "value", "quote", "source"])
    company_fine = {"oneOf": [
        _object({"factor": {"type": "number", "exclusiveMinimum": 0}, "quote": TEXT, "source": TEXT,
                 "without_person_fine": {"$ref": "#/definitions/fine"}}, ["factor", "quote", "source"]),
        _object({"max": FORMULA, **fine_common}, ["max", "quote", "source"]),
    ]}
    combination = _object(
        {"rule": {"enum": ["highest", "sum"]}, "prison_cap": TERM, "cap_times_highest": FRACTION, "quote": TEXT, "source": TEXT,
         "note": TEXT},
        ["rule", "quote", "source"],
    )
    return {
        "$schema": DRAFT,
        "$id": BASE_ID + "pack:1",
        "title": "exposure rule pack",
        "description": "One jurisdiction's offences, penalties and citations. See docs/pack-format.md.",
        **_object(
            {"schema": {"const": 1}, "pack": CODE, "name": {"$ref": "#/definitions/title"}, "language": TEXT,
             "currency": {"type": "string", "pattern": "^[A-Z]{3}$"}, "authority": {"$ref": "#/definitions/title"},
             "applies_in": {"type": "array", "items": CODE},
             "sources": {"type": "object", "additionalProperties": source},
             "units": {"type": "object", "additionalProperties": {"type": "array", "items": unit_value, "minItems": 1}},
             "company_fine": company_fine, "combination": combination, "covers_from": DATE,
             "lex_mitior": _object({"quote": TEXT, "source": TEXT}, ["quote", "source"],
                                   "The jurisdiction applies a later, milder law to earlier conduct."),
             "limitation": {"type": "array", "items": _object(
                 {"offences": {"type": "array", "items": ID}, "period": PERIOD, "quote": TEXT, "source": TEXT, "note": TEXT,
                  "minor_victim": _object({"period": PERIOD, "majority_age": {"type": "integer", "minimum": 1},
                                           "quote": TEXT, "source": TEXT}, ["period", "quote", "source"])},
                 ["period", "quote", "source"])},
             "offences": {"type": "array", "items": {"$ref": "#/definitions/offence"}}},
            ["schema", "pack", "name", "language", "currency", "sources", "combination", "offences"],
        ),
        "definitions": {"title": title, "prison": prison, "fine": fine, "aggravation": aggravation,
                        "version": version, "offence": offence},
    }


def incident_schema(vocabulary: Vocabulary) -> dict:
    def facts(about: str) -> dict:
        names = vocabulary.facts(about)
        return {
            "type": "object",
            "properties": {n: {"enum": [True, False, "unknown"], "description": e.meaning} for n, e in names.items()},
            "additionalProperties": False,
            "description": "true / false; a fact left out (or 'unknown') is unknown, never false.",
        }

    acts = vocabulary.acts
    quantities = {n: {**AMOUNT, "description": e.meaning} for n, e in vocabulary.entries.items() if e.kind == "quantity"}
    party = _object(
        {"id": ID, "kind": {"enum": list(PARTY_KINDS)}, "role": {"enum": list(PARTY_ROLES)},
         "acts": {"type": "array", "items": {"enum": list(acts)}, "uniqueItems": True,
                  "description": "What this party did; an act not listed was not done."},
         "facts": facts("party"), "name": TEXT, "note": TEXT, **quantities},
        ["id", "kind", "role"],
    )
    return {
        "$schema": DRAFT,
        "$id": BASE_ID + "incident:1",
        "title": "exposure incident",
        "description": "What happened: date, places, facts and parties. See docs/incident-format.md.",
        **_object(
            {"schema": {"const": 1}, "title": TEXT, "date": DATE, "places": {"type": "array", "items": CODE, "minItems": 1},
             "victim_born": {**DATE, "description": "The victim's date of birth, for limitation periods counted from majority."},
             "summary": TEXT, "sources": {"type": "array", "items": TEXT}, "facts": facts("incident"),
             "parties": {"type": "array", "items": party, "minItems": 1}},
            ["title", "date", "places", "parties"],
        ),
    }
