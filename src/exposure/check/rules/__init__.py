"""The legal sanity rules that ``exposure check`` runs over every loaded pack: one module per rule.

Each rule module has an ``ID`` (a stable code teams can discuss and disable), a ``SEVERITY``, a ``TITLE``, a
docstring that says why the rule exists with a failing and a passing snippet, and a ``check(pack, context)``
generator of problems. :data:`RULES` lists them in order; ``exposure check --list-rules`` prints them and
``docs/lint-rules.md`` is generated from them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from types import ModuleType

from . import (
    l305_quote_states_figure,
    l306_checked_date,
    l307_foreign_currency,
    l308_repeated_quote,
    l310_aggravation_lowers,
    l311_unused_source,
    l312_secondary_source,
    l313_todo,
    l314_scheduled_review,
)

MODULES: tuple[ModuleType, ...] = (
    l305_quote_states_figure,
    l306_checked_date,
    l307_foreign_currency,
    l308_repeated_quote,
    l310_aggravation_lowers,
    l311_unused_source,
    l312_secondary_source,
    l313_todo,
    l314_scheduled_review,
)


@dataclass(frozen=True)
class Context:
    """What a rule may need beyond the pack: today's date and how old a checked date may be."""

    today: date
    max_age_days: int = 365


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    title: str
    doc: str
    module: ModuleType

    def check(self, pack, context: Context):
        return self.module.check(pack, context)


RULES: tuple[Rule, ...] = tuple(Rule(m.ID, m.SEVERITY, m.TITLE, (m.__doc__ or "").strip(), m) for m in MODULES)
BY_ID = {rule.id: rule for rule in RULES}


def reference() -> str:
    """The rules' reference (``docs/lint-rules.md``), generated from the registry and the code tables."""
    from ..codes import FILE_AND_SCHEMA, TESTS

    lines = [
        "# `exposure check`: rules and problem codes",
        "",
        "<!-- Generated from src/exposure/check/rules/ by `exposure check --list-rules --format markdown`;",
        "     edit the rule modules, not this file. A test keeps the two in step. -->",
        "",
        "Every problem is one line `file:line:col: code: message`. The legal sanity rules below can be turned off",
        "with `--disable ID` (repeatable); `--strict` makes warnings fail the run too.",
        "",
    ]
    for rule in RULES:
        lines += [f"## {rule.id}: {rule.title}", "", f"Severity: **{rule.severity}**.", "", _markdown(rule.doc), ""]
    lines += [
        "## Other codes",
        "",
        "These stop a file from loading (E) or report on the pack test cases (T); they cannot be disabled.",
        "",
        "| code | meaning |",
        "|---|---|",
    ]
    lines += [f"| {code} | {meaning} |" for code, meaning in {**FILE_AND_SCHEMA, **TESTS}.items()]
    return "\n".join(lines) + "\n"


def _markdown(doc: str) -> str:
    """A rule's docstring as Markdown: its ``Failing::`` and ``Passing::`` snippets become YAML blocks."""
    out, block = [], False
    for line in doc.splitlines():
        if line.rstrip().endswith("::"):
            if block:
                out.append("```")
            out += [f"**{line.rstrip()[:-2]}:**", "", "```yaml"]
            block = True
            continue
        if block and line.strip() and not line.startswith("    "):
            out += ["```", ""]
            block = False
        out.append(line[4:] if block else line)
    if block:
        while out and not out[-1].strip():
            out.pop()
        out.append("```")
    text = "\n".join(out)
    return text.replace("```yaml\n\n", "```yaml\n").replace("\n\n```", "\n```")


def listing() -> str:
    """``exposure check --list-rules``: each rule with its severity and documentation, as plain text."""
    from ..codes import FILE_AND_SCHEMA, TESTS

    lines = []
    for rule in RULES:
        lines += [
            f"{rule.id} ({rule.severity}): {rule.title}",
            *("    " + line if line else "" for line in rule.doc.splitlines()),
            "",
        ]
    lines.append("Other codes (cannot be disabled):")
    lines += [f"  {code}  {meaning}" for code, meaning in {**FILE_AND_SCHEMA, **TESTS}.items()]
    return "\n".join(lines) + "\n"
