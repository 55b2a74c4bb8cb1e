"""A small language for declaring a YAML file format once: what each section and field is, its type, whether it is
required, what it means and an example.

One declaration (see :mod:`exposure.load.pack_format`) drives three things that would otherwise drift apart:

* **the reader**: :func:`read` walks a located document against the declaration with the collecting
  :class:`~exposure.load.reading.Reader`, so every problem is reported at its line and column, unknown keys get a
  "did you mean", and each struct is handed to a small *builder* function that makes the model object and checks
  what a declaration cannot (references, dates in order, a minimum below its maximum);
* **the JSON Schema** (draft-07) that editors use (:func:`json_schema`);
* **the format reference** in ``docs/`` (:func:`markdown`), generated and checked for drift by the test suite.

The declaration is plain data: it names builders by the struct's name and never runs anything from a file.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from .reading import BAD, Reader, is_ident

Builder = Callable[[Reader, tuple, dict], Any]


class Spec:
    """A node of the declaration: how to read a value, what its schema and its short type name are."""

    type_name = "value"

    def read(self, r: Reader, path: tuple, builders: Mapping[str, Builder]) -> Any:
        raise NotImplementedError

    def schema(self) -> dict:
        raise NotImplementedError


class Scalar(Spec):
    """A scalar read by one of the reader's typed methods (``text``, ``day``, ``choice``...)."""

    def __init__(self, type_name: str, reader: Callable[[Reader, tuple], Any], schema: dict) -> None:
        self.type_name, self._reader, self._schema = type_name, reader, schema

    def read(self, r: Reader, path: tuple, builders: Mapping[str, Builder]) -> Any:
        return self._reader(r, path)

    def schema(self) -> dict:
        return dict(self._schema)


class ListOf(Spec):
    """A list of items of one kind; items that cannot be read are left out (their problems are recorded).
    ``unique=("id", "offence")`` refuses two items with the same ``id`` ("duplicate offence id ...")."""

    def __init__(
        self, item: Spec, *, allow_empty: bool = False, min_items: int = 1, unique: tuple[str, str] | None = None
    ) -> None:
        self.item, self.allow_empty, self.min_items = item, allow_empty, 0 if allow_empty else min_items
        self.unique = unique
        self.type_name = f"list of {item.type_name}"

    def read(self, r: Reader, path: tuple, builders: Mapping[str, Builder]) -> Any:
        items = r.sequence(path, allow_empty=self.allow_empty)
        if items is BAD:
            return BAD
        if self.unique is not None:
            self._refuse_duplicates(r, path, items)
        values = [self.item.read(r, path + (i,), builders) for i in range(len(items))]
        return tuple(v for v in values if v is not BAD)

    def _refuse_duplicates(self, r: Reader, path: tuple, items: list) -> None:
        key, what = self.unique or ("", "")
        seen: dict[str, int] = {}
        for i, item in enumerate(items):
            value = item.get(key) if isinstance(item, dict) else None
            if not isinstance(value, str) or not is_ident(value):
                continue  # reading the item says what is wrong with its id
            if value in seen:
                r.fail(path + (i, key), f"duplicate {what} id '{value}' (first at line {seen[value]})", "E203")
            else:
                seen[value] = r.doc.mark(path + (i, key))[0]

    def schema(self) -> dict:
        out: dict[str, object] = {"type": "array", "items": self.item.schema()}
        if self.min_items:
            out["minItems"] = self.min_items
        return out


class MapOf(Spec):
    """A mapping from names chosen by the author (ids) to values of one kind."""

    def __init__(self, value: Spec, key: str = "an id") -> None:
        self.value, self.key = value, key
        self.type_name = f"mapping of {key} to {value.type_name}"

    def read(self, r: Reader, path: tuple, builders: Mapping[str, Builder]) -> Any:
        node = r.mapping(path, any_keys=True)
        if node is BAD:
            return BAD
        out = {}
        for key in node:
            value = self.value.read(r, path + (key,), builders)
            if value is not BAD:
                out[key] = value
        return out

    def schema(self) -> dict:
        return {"type": "object", "additionalProperties": self.value.schema()}


class Field:
    """One key of a struct."""

    def __init__(
        self, name: str, spec: Spec, meaning: str, *, required: bool = False, default: Any = None, example: str = ""
    ) -> None:
        self.name, self.spec, self.meaning = name, spec, meaning
        self.required, self.default, self.example = required, default, example


class Struct(Spec):
    """A mapping with declared keys. Reading checks the keys (unknown ones are errors with "did you mean",
    missing required ones are errors), reads each present field, and hands the values to the struct's builder
    (by name), which returns the model object or ``BAD``. Without a builder the values come back as a dict."""

    def __init__(
        self,
        name: str,
        meaning: str,
        fields: Sequence[Field],
        *,
        example: str = "",
        notes: str = "",
        title: str = "",
        requires_any: Sequence[Sequence[str]] = (),
    ) -> None:
        self.name, self.meaning, self.fields = name, meaning, tuple(fields)
        self.requires_any = tuple(tuple(group) for group in requires_any)  # e.g. (quote and source) or evidence
        self.example, self.notes, self.title = example, notes, title or name
        self.type_name = name
        self.by_name = {f.name: f for f in self.fields}
        self.required = tuple(f.name for f in self.fields if f.required)
        self.optional = tuple(f.name for f in self.fields if not f.required)

    def read(self, r: Reader, path: tuple, builders: Mapping[str, Builder]) -> Any:
        node = r.mapping(path, required=self.required, optional=self.optional)
        if node is BAD:
            return BAD
        values: dict[str, Any] = {}
        for field in self.fields:
            if field.name in node:
                values[field.name] = field.spec.read(r, path + (field.name,), builders)
            elif not field.required:
                values[field.name] = field.default
            else:
                values[field.name] = BAD
            after = builders.get(f"{self.name}.{field.name}")  # e.g. compile an offence's elements before its `when`
            if after is not None:
                after(r, path, values)
        build = builders.get(self.name)
        return build(r, path, values) if build is not None else values

    def schema(self) -> dict:
        properties = {}
        for field in self.fields:
            prop = field.spec.schema()
            if field.meaning and "$ref" not in prop:
                prop.setdefault("description", field.meaning)
            properties[field.name] = prop
        out: dict = {"type": "object", "properties": properties, "additionalProperties": False}
        if self.required:
            out["required"] = list(self.required)
        if self.requires_any:
            out["anyOf"] = [{"required": list(group)} for group in self.requires_any]
        if self.meaning:
            out["description"] = self.meaning
        return out


class Ref(Spec):
    """A struct declared once and used in several places (a ``$ref`` in the JSON Schema)."""

    def __init__(self, target: Spec) -> None:
        self.target = target
        self.type_name = target.type_name

    def read(self, r: Reader, path: tuple, builders: Mapping[str, Builder]) -> Any:
        return self.target.read(r, path, builders)

    def schema(self) -> dict:
        return {"$ref": f"#/definitions/{self.target.type_name}"}


class OneOf(Spec):
    """One of several structs, told apart by a key that only one of them has (e.g. ``todo`` for a figure left to
    verify, ``greatest_of`` for a fine that is the greater of several). The last alternative, with no key, is
    the default."""

    def __init__(
        self, name: str, meaning: str, alternatives: Sequence[tuple[str | None, Spec]], *, title: str = ""
    ) -> None:
        self.name, self.meaning, self.alternatives = name, meaning, tuple(alternatives)
        self.type_name, self.title = name, title or name

    def read(self, r: Reader, path: tuple, builders: Mapping[str, Builder]) -> Any:
        node = r.get(path)
        if isinstance(node, dict):
            for key, spec in self.alternatives:
                if key is not None and key in node:
                    return spec.read(r, path, builders)
        return self.alternatives[-1][1].read(r, path, builders)

    def schema(self) -> dict:
        return {"oneOf": [spec.schema() for _, spec in self.alternatives], "description": self.meaning}


def read(spec: Spec, r: Reader, builders: Mapping[str, Builder], path: tuple = ()) -> Any:
    """Read the document (or the part at ``path``) against ``spec``; problems are collected in ``r``."""
    return spec.read(r, path, builders)


# ------------------------------------------------------------------------------------------------ documentation
def structs(spec: Spec, seen: dict | None = None) -> dict[str, Struct | OneOf]:
    """Every named struct reachable from ``spec``, in the order a reader meets them."""
    seen = {} if seen is None else seen
    if isinstance(spec, Ref):
        structs(spec.target, seen)
    elif isinstance(spec, (ListOf,)):
        structs(spec.item, seen)
    elif isinstance(spec, MapOf):
        structs(spec.value, seen)
    elif isinstance(spec, OneOf):
        if spec.name not in seen:
            seen[spec.name] = spec
            for _, alternative in spec.alternatives:
                structs(alternative, seen)
    elif isinstance(spec, Struct) and spec.name not in seen:
        seen[spec.name] = spec
        for field in spec.fields:
            structs(field.spec, seen)
    return seen


def json_schema(root: Struct, *, schema_id: str, title: str, description: str, shared: Sequence[Spec] = ()) -> dict:
    """The draft-07 JSON Schema of a format: the root struct, and ``shared`` structs as ``definitions``."""
    out = {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": schema_id,
        "title": title,
        "description": description,
        **root.schema(),
    }
    if shared:
        out["definitions"] = {spec.type_name: spec.schema() for spec in shared}
    return out


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown(root: Struct, *, heading: str, intro: str) -> str:
    """The format reference: an introduction, then one section per struct with a table of its keys (type,
    required, meaning, example), its example and its notes."""
    lines = [
        f"# {heading}",
        "",
        "<!-- Generated from src/exposure/load/pack_format.py by `exposure schema docs`;",
        "     edit the declaration, not this file. A test keeps the two in step. -->",
        "",
        intro.strip(),
        "",
    ]
    for struct in structs(root).values():
        lines += [f"## {struct.title}", "", struct.meaning.strip(), ""]
        if isinstance(struct, OneOf):
            names = [
                f"`{spec.type_name}`" + (f" (has `{key}`)" if key else " (otherwise)")
                for key, spec in struct.alternatives
            ]
            lines += ["One of: " + ", ".join(names) + ".", ""]
            continue
        lines += ["| key | type | required | meaning | example |", "|---|---|---|---|---|"]
        for field in struct.fields:
            example = f"`{_cell(field.example)}`" if field.example else ""
            lines.append(
                f"| `{field.name}` | {_cell(field.spec.type_name)} | {'yes' if field.required else ''} | "
                f"{_cell(field.meaning)} | {example} |"
            )
        lines.append("")
        if struct.requires_any:
            groups = [" and ".join(f"`{key}`" for key in group) for group in struct.requires_any]
            lines += ["Needs " + ", or ".join(groups) + ".", ""]
        if struct.example:
            lines += ["```yaml", struct.example.strip("\n"), "```", ""]
        if struct.notes:
            lines += [struct.notes.strip(), ""]
    return "\n".join(lines).rstrip() + "\n"


# --------------------------------------------------------------------------------------------- common scalars
DATE_SCHEMA = {
    "type": "string",
    "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
    "description": "A date written YYYY-MM-DD.",
}
ID_SCHEMA = {"type": "string", "pattern": r"^[a-z0-9][a-z0-9_.-]*$"}
TEXT_SCHEMA = {"type": "string", "minLength": 1}


def text(type_name: str = "text") -> Scalar:
    return Scalar(type_name, lambda r, path: r.text(path), TEXT_SCHEMA)


def ident() -> Scalar:
    return Scalar("id", lambda r, path: r.ident(path), ID_SCHEMA)


def day() -> Scalar:
    return Scalar("date", lambda r, path: r.day(path), DATE_SCHEMA)


def flag() -> Scalar:
    return Scalar("true or false", lambda r, path: r.boolean(path), {"type": "boolean"})


def number(*, positive: bool = True) -> Scalar:
    schema = {"type": "number", "exclusiveMinimum": 0} if positive else {"type": "number"}
    return Scalar("number", lambda r, path: r.number(path, positive=positive), schema)


def choice(values: Sequence[str], type_name: str = "") -> Scalar:
    values = tuple(values)
    shown = type_name or " | ".join(f"`{v}`" for v in values)
    return Scalar(shown, lambda r, path: r.choice(path, values), {"enum": list(values)})


def parsed(type_name: str, parser: Callable[[str], Any], what: str, schema: dict, *, unit: bool = True) -> Scalar:
    """A scalar written as typed text (``2 years``, ``75000 EUR``), parsed with a located message."""
    return Scalar(type_name, lambda r, path: r.parsed(path, parser, what, unit=unit), schema)
