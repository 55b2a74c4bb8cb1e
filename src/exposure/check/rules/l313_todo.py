"""Figures left as TODO are listed.

Unknown is better than wrong: a figure that could not be verified is written ``{todo: "what was searched"}`` and
computes nothing. This rule lists every one, so the open work of a pack is visible in CI.

Failing (a warning)::

    prison: {todo: "s. 113 penalty not read in the official text"}

Passing::

    prison: {max: 2 years, quote: "imprisonment for a term not exceeding two years", source: s113}
"""

from __future__ import annotations

from ...model import Pack, Todo
from .figures import figures, problem

ID = "L313"
SEVERITY = "warning"
TITLE = "figures left as TODO"


def check(pack: Pack, context):
    for figure, label, _ in figures(pack):
        if isinstance(figure, Todo):
            yield problem(figure.where, ID, f"{label}: TODO {figure.text}", "warning")
