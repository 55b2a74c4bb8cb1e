"""Located problems: the one-line ``file:line:col: message`` every bad input gets.

Loaders never raise on the first mistake they see: they collect :class:`Problem` objects and raise one
:class:`InputError` carrying all of them, so a pack author fixes a file in one pass (yamllint's habit).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One mistake in one input file, with a 1-based line and column (0 when the file itself is at fault)."""

    file: str
    line: int
    col: int
    message: str
    code: str = "E100"
    severity: str = "error"  # "error" | "warning"

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.message}"

    def coded(self) -> str:
        """``file:line:col: code: message``, the form ``exposure check`` prints (codes are stable)."""
        label = self.code if self.severity == "error" else f"{self.code} (warning)"
        return f"{self.file}:{self.line}:{self.col}: {label}: {self.message}"


class InputError(Exception):
    """Bad input: one or more located problems. Never a bug in exposure itself."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def did_you_mean(word: str, choices) -> str:
    """A ' (did you mean 'x'?)' hint for a misspelt name, or '' when nothing is close."""
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
