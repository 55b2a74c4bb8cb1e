"""Reading typed fields out of a located YAML :class:`~exposure.yaml_source.Document`, collecting problems.

Each ``read_*`` helper either returns the typed value or records a located problem and returns :data:`BAD`,
so one pass reports every mistake in a file. Unknown keys are errors with a "did you mean" hint (silently
ignored keys once froze real tax parameters elsewhere).
"""

from __future__ import annotations

import enum
import re
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from ..model.problems import InputError, Problem, did_you_mean, show
from .yaml_source import Document, unsafe_character

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
MIN_YEAR, MAX_YEAR = 1800, 2199  # law and incidents of interest; keeps calendar arithmetic far from year 9999
_ID = re.compile(r"[a-z0-9][a-z0-9_.-]*\Z")


class _Bad(enum.Enum):
    """The one value that could not be read (an enum member, so that ``x is BAD`` narrows types)."""

    BAD = "BAD"

    def __repr__(self) -> str:
        return "BAD"

    def __bool__(self) -> bool:
        return False


BAD = _Bad.BAD  # a value that could not be read; its problem is already recorded
T = TypeVar("T")


def ok(value: T | _Bad) -> T:
    """``value``, known to have been read: called only after the problems were raised (a BAD here is a bug)."""
    if value is BAD:
        raise AssertionError("a value that could not be read reached the model")
    return value


def is_ident(value: str) -> bool:
    """An id: lower-case letters, digits, '-', '_' and '.' (starting with a letter or digit)."""
    return bool(_ID.match(value))


def type_name(value: object) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if isinstance(value, (int, Decimal)):
        return f"the number {show(value, 40)}"
    if isinstance(value, str):
        return f"the text '{show(value, 40)}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


MAX_TEXT = 5_000  # characters in any one text of an input (the longest statute quote in the packs is under 2,000)


class Reader:
    """Walks one document; ``self.problems`` collects everything wrong with it."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.problems: list[Problem] = []

    # -- reporting
    def fail(self, path: tuple, message: str, code: str = "E101", *, key: bool = False) -> _Bad:
        self.problems.append(self.doc.problem(path, message, code, key=key))
        return BAD

    def where(self, path: tuple) -> tuple[str, int, int]:
        line, col = self.doc.mark(path)
        return (self.doc.file, line, col)

    def raise_if_problems(self) -> None:
        if self.problems:
            raise InputError(sorted(self.problems, key=lambda p: (p.line, p.col)))

    # -- navigation
    def get(self, path: tuple) -> Any:
        """The raw value at ``path`` (any YAML value: the typed readers below check it)."""
        value: Any = self.doc.data
        for part in path:
            value = value[part]
        return value

    @staticmethod
    def label(path: tuple) -> str:
        out = ""
        for part in path:
            out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
        return out or "the document"

    def mapping(
        self, path: tuple, required: tuple[str, ...] = (), optional: tuple[str, ...] = (), *, any_keys: bool = False
    ) -> dict | _Bad:
        """Check that ``path`` holds a mapping with the required keys and, unless ``any_keys``, no unknown ones."""
        value = self.get(path)
        if not isinstance(value, dict):
            return self.fail(
                path, f"{self.label(path)}: expected a mapping (key: value lines), found {type_name(value)}"
            )
        allowed = set(required) | set(optional)
        for key in value:
            if not any_keys and key not in allowed:
                self.fail(
                    path + (key,),
                    f"{self.label(path)}: unknown key '{key}'{did_you_mean(key, allowed)}; expected one of: "
                    + ", ".join(sorted(allowed)),
                    "E102",
                    key=True,
                )
        missing = [k for k in required if k not in value]
        for key in missing:
            self.fail(path, f"{self.label(path)}: missing required key '{key}'", "E103")
        return value

    def sequence(self, path: tuple, *, allow_empty: bool = False) -> list | _Bad:
        value = self.get(path)
        if not isinstance(value, list):
            return self.fail(path, f"{self.label(path)}: expected a list, found {type_name(value)}")
        if not value and not allow_empty:
            return self.fail(path, f"{self.label(path)}: the list is empty")
        return value

    # -- scalars
    def text(self, path: tuple, *, allow_empty: bool = False, max_length: int = MAX_TEXT) -> str | _Bad:
        """Text at ``path``, at most ``max_length`` characters (a renderer wraps text in time that grows with the
        square of its longest word: a bound keeps every output fast)."""
        value = self.get(path)
        if not isinstance(value, str):
            return self.fail(path, f"{self.label(path)}: expected text, found {type_name(value)}")
        if not allow_empty and not value.strip():
            return self.fail(path, f"{self.label(path)}: must not be empty")
        if len(value) > max_length:
            return self.fail(path, f"{self.label(path)}: at most {max_length} characters, found {len(value)}")
        unsafe = unsafe_character(value)  # the YAML loader refuses these; data given through the API is read here
        if unsafe is not None:
            return self.fail(path, f"{self.label(path)}: the text holds {unsafe}, which is not allowed")
        return value

    def unique_ident(self, path: tuple, seen: dict, what: str) -> str | _Bad:
        """An id at ``path`` that must not repeat among ``seen`` (id -> line of its first use)."""
        value = self.ident(path)
        if value is not BAD:
            if value in seen:
                self.fail(path, f"duplicate {what} id '{value}' (first at line {seen[value]})", "E203")
            else:
                seen[value] = self.doc.mark(path)[0]
        return value

    def ident(self, path: tuple) -> str | _Bad:
        value = self.text(path)
        if value is BAD:
            return BAD
        if not _ID.match(value):
            return self.fail(
                path, f"{self.label(path)}: '{value}' is not an id (lower-case letters, digits, '-', '_', '.')"
            )
        return value

    def boolean(self, path: tuple) -> bool | _Bad:
        value = self.get(path)
        if not isinstance(value, bool):
            return self.fail(path, f"{self.label(path)}: expected true or false, found {type_name(value)}")
        return value

    def number(self, path: tuple, *, positive: bool = True, maximum: int = 10**9) -> Decimal | _Bad:
        value = self.get(path)
        if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
            return self.fail(path, f"{self.label(path)}: expected a number, found {type_name(value)}")
        if positive and value <= 0:
            return self.fail(path, f"{self.label(path)}: must be greater than zero, found {show(value, 40)}")
        if not -maximum <= value <= maximum:
            return self.fail(path, f"{self.label(path)}: {show(value, 40)} is too large (at most {maximum:,})")
        return Decimal(value)

    def day(self, path: tuple) -> date | _Bad:
        value = self.get(path)
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not _DATE.match(value):
            return self.fail(path, f"{self.label(path)}: expected a date written YYYY-MM-DD, found {type_name(value)}")
        try:
            day = date.fromisoformat(value)
        except ValueError as exc:
            return self.fail(path, f"{self.label(path)}: '{value}' is not a real date ({exc})")
        if not MIN_YEAR <= day.year <= MAX_YEAR:
            return self.fail(
                path, f"{self.label(path)}: {value} is outside the dates exposure handles ({MIN_YEAR} to {MAX_YEAR})"
            )
        return day

    def choice(self, path: tuple, choices) -> str | _Bad:
        value = self.get(path)
        if not isinstance(value, str) or value not in choices:
            hint = did_you_mean(value, choices) if isinstance(value, str) else ""
            return self.fail(
                path, f"{self.label(path)}: expected one of {', '.join(choices)}, found {type_name(value)}{hint}"
            )
        return value

    def parsed(self, path: tuple, parser, what: str, *, unit: bool = True):
        """Run ``parser`` on the text at ``path``; a ValueError becomes a located problem. ``unit``: the value is a
        quantity, so a bare number gets the hint that it needs its unit."""
        value = self.get(path)
        if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
            if not unit:
                return self.fail(path, f"{self.label(path)}: expected {what}, found the number {show(value, 40)}")
            return self.fail(path, f"{self.label(path)}: '{show(value, 40)}' needs a unit: write it as {what}")
        if not isinstance(value, str):
            return self.fail(path, f"{self.label(path)}: expected {what}, found {type_name(value)}")
        try:
            return parser(value)
        except ValueError as exc:
            return self.fail(path, f"{self.label(path)}: {exc}")

    def parsed_any(self, path: tuple, parser):
        """Run ``parser`` on any scalar at ``path`` (numbers included); a ValueError becomes a located problem."""
        value = self.get(path)
        if isinstance(value, (dict, list)) or value is None or isinstance(value, bool):
            return self.fail(path, f"{self.label(path)}: expected a value, found {type_name(value)}")
        try:
            return parser(value)
        except ValueError as exc:
            return self.fail(path, f"{self.label(path)}: {exc}")
