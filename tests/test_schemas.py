"""The published JSON Schemas: in sync with the code, accepting every shipped file, rejecting broken copies."""

import json
from pathlib import Path

import jsonschema
import pytest

from exposure.load.catalog import pack_files
from exposure.load.schemas import incident_schema, pack_schema
from exposure.load.yaml_source import load_file

from .conftest import EXAMPLES, ROOT, RULES

SCHEMA_DIR = ROOT / "schema"


def committed(name):
    return json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))


def test_committed_schemas_match_the_generated_ones(rules):
    assert committed("pack.schema.json") == pack_schema(), "run: exposure schema pack > schema/pack.schema.json"
    assert committed("incident.schema.json") == incident_schema(rules.vocabulary), (
        "run: exposure schema incident > schema/incident.schema.json"
    )


def test_schemas_are_valid_draft_07():
    for name in ("pack.schema.json", "incident.schema.json"):
        jsonschema.Draft7Validator.check_schema(committed(name))


@pytest.mark.parametrize("path", pack_files(RULES), ids=lambda p: p.name)
def test_every_shipped_pack_validates(path):
    jsonschema.Draft7Validator(committed("pack.schema.json")).validate(load_file(path).data)


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_every_example_validates_and_names_its_schema(path):
    jsonschema.Draft7Validator(committed("incident.schema.json")).validate(load_file(path).data)
    assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=../schema/incident.schema.json")


BROKEN_PACK_EDITS = [
    ("currency: EUR", "curency: EUR"),
    ("max: 60000 EUR", "max: 75 000 EUR"),
    ("max: 2 years", "max: 2"),
    ("grade: mirror", "grade: blog"),
    ("checked: 2026-11-21", "checked: 21/11/2026"),
    ("kinds: [person, company]", "kinds: [persons]"),
    ("rule: highest", "rule: maximum"),
]


@pytest.mark.parametrize("old, new", BROKEN_PACK_EDITS)
def test_schema_rejects_broken_pack_copies(tmp_path, old, new):
    text = (RULES / "fr.yaml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "fr.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    errors = list(jsonschema.Draft7Validator(committed("pack.schema.json")).iter_errors(load_file(path).data))
    assert errors


@pytest.mark.parametrize(
    "old, new",
    [("sexual: true", "sexal: true"), ("date: 2026-01-02", "date: 02/01/2026"), ("kind: person", "kind: human"),
     ("acts: [request, create, share]", "acts: [ask]"), ("turnover: 2_600_000_000 USD", "turnover: 2,600,000,000 USD")],
)
def test_schema_rejects_broken_incident_copies(tmp_path, old, new):
    text = (EXAMPLES / "adult-deepfake-fr.yaml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "incident.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert list(jsonschema.Draft7Validator(committed("incident.schema.json")).iter_errors(load_file(path).data))


def test_the_pack_format_reference_is_generated_from_the_declaration():
    from exposure.load.pack_format import reference

    committed_text = (Path(__file__).resolve().parents[1] / "docs" / "pack-format.md").read_text(encoding="utf-8")
    assert committed_text == reference(), "run: exposure schema docs > docs/pack-format.md"


def test_every_declared_key_is_in_the_schema_and_the_reference():
    from exposure.load.pack_format import PACK, json_schema, reference
    from exposure.load.spec import Struct, structs

    schema, doc = json.dumps(json_schema()), reference()
    for struct in structs(PACK).values():
        if isinstance(struct, Struct):
            for field in struct.fields:
                assert f'"{field.name}"' in schema and f"| `{field.name}` |" in doc, (struct.name, field.name)
