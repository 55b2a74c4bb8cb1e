"""Located problems: the one-line ``file:line:col: message`` every bad input gets.

Loaders never raise on the first mistake they see: they collect :class:`Problem` objects and raise one
:class:`InputError` carrying all of them, so a pack author fixes a file in one pass (yamllint's habit).
"""

from __future__ import annotations

from collections.abc import Iterable

from .records import record


@record
class Problem:
    """One mistake in one input file, with a 1-based line and column (0 when the file itself is at fault)."""

    file: str
    line: int
    col: int
    message: str
    code: str = "E100"
    severity: str = "error"  # "error" | "warning"

    def __str__(self) -> str:
        return f"{printable(self.file)}:{self.line}:{self.col}: {self._message()}"

    def _message(self) -> str:
        # Only a failing pack test case (T401) is laid out over several lines, by exposure itself, from validated
        # ids and computed figures; any other newline comes from an input and is shown escaped.
        return printable(self.message, multiline=self.code == "T401")

    def coded(self) -> str:
        """``file:line:col: code: message``, the form ``exposure check`` prints (codes are stable)."""
        label = self.code if self.severity == "error" else f"{self.code} (warning)"
        return f"{printable(self.file)}:{self.line}:{self.col}: {label}: {self._message()}"


_CONTROL = {c: f"\\x{c:02x}" for c in list(range(0x20)) + list(range(0x7F, 0xA0))}
_CONTROL.update({0x0A: "\\n", 0x0D: "\\r", 0x09: "\\t", 0x2028: "\\u2028", 0x2029: "\\u2029"})


def printable(text: str, multiline: bool = False) -> str:
    """Text from an input file, made safe to print: control characters (a newline would forge an extra
    ``file:line:col`` line; an escape sequence would reach the terminal) are shown escaped."""
    if multiline:  # every line after the first indented: no input can start a line that a CI parser would read
        lines = [line.translate(_CONTROL) for line in text.split("\n")]
        return "\n".join([lines[0]] + [line if line.startswith("  ") else "    " + line for line in lines[1:]])
    return text.translate(_CONTROL)


def show(value: object, limit: int = 60) -> str:
    """A value from an input, quoted in a message: escaped and cut to ``limit`` characters."""
    text = printable(str(value))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def show_name(name: str) -> str:
    """A name from an input (a fact, an act, an id), quoted in a message: names are ASCII, so any other character
    is shown as its code point, where a look-alike (Cyrillic "а" in "shаre") would otherwise read as the real
    name."""
    text = show(name)
    if text.isascii():
        return text
    return "".join(c if c.isascii() else f"\\u{ord(c):04x}" for c in text)


class InputError(Exception):
    """Bad input: one or more located problems. Never a bug in exposure itself."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ' (did you mean 'x'?)' hint for a misspelt name, or '' when nothing is close."""
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
