"""JSON Schemas (draft-07, what the YAML language server supports) for rule packs and incidents.

They let editors complete and check files through the ``# yaml-language-server: $schema=...`` first line. The
loaders remain the authority (they also check references, dates and logic that a schema cannot); the test suite
checks that both accept every shipped file and reject broken copies. The pack schema is generated from the
format's declaration; ``schema/*.schema.json`` are written by ``exposure schema pack > schema/pack.schema.json``
and a test keeps them in sync.
"""

from __future__ import annotations

from ..model import PARTY_KINDS, PARTY_ROLES, Vocabulary
from .pack_format import AMOUNT_SCHEMA, PLACE_SCHEMA
from .spec import DATE_SCHEMA, ID_SCHEMA, TEXT_SCHEMA

DRAFT = "http://json-schema.org/draft-07/schema#"
BASE_ID = "urn:exposure:schema:"

DATE = DATE_SCHEMA
AMOUNT = AMOUNT_SCHEMA
ID = ID_SCHEMA
TEXT = TEXT_SCHEMA
CODE = PLACE_SCHEMA


def _object(properties: dict, required: list[str], description: str = "") -> dict:
    out = {"type": "object", "properties": properties, "required": required, "additionalProperties": False}
    if description:
        out["description"] = description
    return out


def pack_schema() -> dict:
    """The pack schema, generated from the format's declaration (:mod:`exposure.load.pack_format`)."""
    from .pack_format import json_schema

    return json_schema()


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
    quantities = {
        n: {**AMOUNT, "description": e.meaning} for n, e in vocabulary.entries.items() if e.kind == "quantity"
    }
    party = _object(
        {
            "id": ID,
            "kind": {"enum": list(PARTY_KINDS)},
            "role": {"enum": list(PARTY_ROLES)},
            "acts": {
                "type": "array",
                "items": {"enum": list(acts)},
                "uniqueItems": True,
                "description": "What this party did; an act not listed was not done.",
            },
            "facts": facts("party"),
            "name": TEXT,
            "note": TEXT,
            **quantities,
        },
        ["id", "kind", "role"],
    )
    return {
        "$schema": DRAFT,
        "$id": BASE_ID + "incident:1",
        "title": "exposure incident",
        "description": "What happened: date, places, facts and parties. See docs/incident-format.md.",
        **_object(
            {
                "schema": {"const": 1},
                "title": TEXT,
                "date": DATE,
                "places": {"type": "array", "items": CODE, "minItems": 1},
                "victim_born": {
                    **DATE,
                    "description": "The victim's date of birth, for limitation periods counted from majority.",
                },
                "victim_age": {
                    "oneOf": [
                        {"type": "integer", "minimum": 0, "maximum": 130},
                        {"type": "string", "pattern": "^ *([0-9]{1,3} *(- *[0-9]{1,3}|\\+)|adult|minor) *$"},
                    ],
                    "description": "The age of the person depicted, in whole years (15), a range (14-17), 16+, "
                    "adult or minor: "
                    "decides the age facts (minor, minor_under_16...).",
                },
                "counts": {
                    "type": "object",
                    "properties": {
                        "images": {"type": "integer", "minimum": 1},
                        "victims": {"type": "integer", "minimum": 1},
                        "days": {"type": "integer", "minimum": 0},
                        "violations": {"type": "integer", "minimum": 0},
                    },
                    "additionalProperties": False,
                    "description": "How much happened: several images or victims are several acts; days and "
                    "violations multiply per-day and per-violation penalties.",
                },
                "questions": {
                    "type": "object",
                    "additionalProperties": {"enum": ["yes", "no", True, False]},
                    "description": "Open questions of law the packs declare, settled yes or no.",
                },
                "summary": TEXT,
                "sources": {"type": "array", "items": TEXT},
                "facts": facts("incident"),
                "parties": {"type": "array", "items": party, "minItems": 1},
            },
            ["title", "date", "places", "parties"],
        ),
    }
