"""Texts from an incident or a pack are shown in rich tables exactly as written: never read as markup, and no
backslash lost or doubled (rich's markup escaping gets a backslash before ``[`` or at the end of a text wrong)."""

from __future__ import annotations

import io
import re

import pytest
from rich.console import Console

from exposure.api import assess, comparison, parse_incident_data
from exposure.render import compare_out, table

TITLES = [
    "\\[",
    "\\",
    "x\\",
    "\\\\",
    "a \\[b [bold]c[/] d\\\\e \\\\[f\\",
    "[bold]bold?[/] [link=https://x]y[/link] [red]\\",
    "\\[/] \\\\[/] [/]",
]


def _incident(rules, title: str):
    data = {
        "title": title,
        "date": "2026-01-05",
        "places": ["FR", "GB"],
        "facts": {"sexual": True, "synthetic": True, "real_person": True, "consent": False, "online": True},
        "parties": [{"id": "u", "kind": "person", "role": "user", "acts": ["share"], "name": title}],
    }
    return parse_incident_data(data, rules, "test.jsonl", 1)


def _console(width: int) -> Console:
    return Console(file=io.StringIO(), width=width, emoji=False, color_system=None)


def _joined(console: Console) -> str:
    """The output with its line breaks and runs of spaces as one space (a line may wrap at any width)."""
    return " ".join(console.file.getvalue().split())


@pytest.mark.parametrize("title", TITLES)
@pytest.mark.parametrize("width", [60, 100])  # blocks, then tables
def test_assess_table_shows_title_and_party_name_as_written(rules, title, width):
    result = assess(_incident(rules, title), rules)
    console = _console(width)
    table.render(result, console, explain=True)
    joined = _joined(console)
    assert joined.startswith(f"{title} — 2026-01-05 — places: FR, GB")  # the first line, wrapped at 60 columns
    assert f"party u «{title}»" in joined
    assert joined.count(f"«{title}»") == len(result.results)  # the name in every party's heading


@pytest.mark.parametrize("title", TITLES)
@pytest.mark.parametrize("width", [100, 140])  # blocks, then the wide table
def test_compare_table_shows_title_as_written(rules, title, width):
    compared = comparison(_incident(rules, title), rules, jurisdictions=["FR", "GB"])
    console = _console(width)
    compare_out.render_table(compared, console)
    assert console.file.getvalue().splitlines()[0] == f"{title} — 2026-01-05 — places: FR, GB"


@pytest.mark.parametrize("width", [60, 100])
def test_a_colour_terminal_shows_the_same_text(rules, width):
    title = "\\[bold]not bold[/] [red]x\\"
    result = assess(_incident(rules, title), rules)
    colour = Console(file=io.StringIO(), width=width, emoji=False, color_system="truecolor", force_terminal=True)
    table.render(result, colour, explain=True)
    plain = _console(width)
    table.render(result, plain, explain=True)
    assert "\x1b[" in colour.file.getvalue()
    assert re.sub(r"\x1b\[[0-9;]*m", "", colour.file.getvalue()) == plain.file.getvalue()
    assert plain.file.getvalue().startswith(f"{title} — ")
