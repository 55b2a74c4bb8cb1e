"""Strict YAML loading with positions: the first step of the load → model → evaluate → render chain.

Rule packs and incidents are *data*, written by hand and sometimes hostile. PyYAML's ``safe_load`` is not strict
enough for them: it keeps the last of two duplicate keys, expands aliases (billion laughs), reads ``NO`` (Norway)
as ``False`` and ``0755`` as octal (YAML 1.1), accepts several documents, and its C composer overflows the C stack
on deeply nested input. So we read libyaml's *event stream* ourselves, in one pass and without recursion:

* scalars are typed by the YAML 1.2 core schema: ``null``/``~``, ``true``/``false``, decimal integers, and
  decimal floats, which become :class:`~decimal.Decimal` (money is never a float); everything else, quoted
  scalars and dates included, stays a string for the model to parse with a located message;
* anchors, aliases, merge keys (``<<``), tags, non-scalar keys, duplicate keys, a second document and nesting
  deeper than :data:`MAX_DEPTH` are refused at their exact line and column;
* every value and every key gets a 1-based ``(line, col)`` mark, keyed by its path from the root.
"""

from __future__ import annotations

import os
import re
import stat
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO

from ..model.problems import InputError, Problem

MAX_DEPTH = 64
MAX_BYTES = 5 * 1024 * 1024

PathKey = tuple  # a tuple of str (mapping keys) and int (sequence indexes)

_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})


class Document:
    """Plain data (dict, list, str, int, Decimal, bool, None) plus where each part was written. Mutable while
    the loader fills it in; a plain class rather than a dataclass, which costs start-up (see records.py)."""

    __slots__ = ("data", "file", "key_marks", "marks", "quoted", "styles", "text")

    def __init__(
        self,
        file: str,
        data: object,
        marks: dict | None = None,
        key_marks: dict | None = None,
        quoted: set | None = None,
        styles: dict | None = None,
        text: str = "",
    ) -> None:
        self.file = file
        self.data = data
        self.marks = {} if marks is None else marks  # path -> (line, col) of the value
        self.key_marks = {} if key_marks is None else key_marks  # path -> (line, col) of the mapping key
        self.quoted = set() if quoted is None else quoted  # paths of scalars written in quotes or as block scalars
        self.styles = {} if styles is None else styles  # path -> the style of a non-plain scalar: ' " | >
        self.text = text  # the source, to locate positions inside a scalar

    def position_in_scalar(self, path: PathKey, offset: int) -> tuple[int, int]:
        """The line and column of character ``offset`` of the scalar at ``path``, in the source: exact for
        plain, quoted (escapes included) and block scalars that span lines."""
        line, col = self.mark(path)
        if not self.text:
            return line, col
        return scalar_position(self.text, line, col, self.styles.get(path, ""), offset)

    def mark(self, path: PathKey, *, key: bool = False) -> tuple[int, int]:
        """Where ``path`` was written; falls back to the deepest enclosing node that exists."""
        path = tuple(path)
        marks: dict[tuple[Any, ...], tuple[int, int]] = self.marks
        if key and path in self.key_marks:
            found: tuple[int, int] = self.key_marks[path]
            return found
        while path:
            if path in marks:
                return marks[path]
            path = path[:-1]
        return marks.get((), (1, 1))

    def problem(self, path: PathKey, message: str, code: str = "E100", *, key: bool = False) -> Problem:
        line, col = self.mark(path, key=key)
        return Problem(self.file, line, col, message, code)


def scalar_position(text: str, line: int, col: int, style: str, offset: int) -> tuple[int, int]:
    """Walk the source of a scalar that starts at ``line``:``col`` to the character that produced value character
    ``offset``: quotes and escapes take source characters of their own, and a line break with the next line's
    indentation makes one value character (a space or a newline)."""
    starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n":
            starts.append(i + 1)
    i = starts[line - 1] + col - 1 if line - 1 < len(starts) else len(text)
    if style in ("|", ">"):  # content starts on the next line, after its indentation
        i = text.find("\n", i) + 1 if text.find("\n", i) >= 0 else len(text)
        while i < len(text) and text[i] in " \t":
            i += 1
    elif style in ("'", '"'):
        i += 1
    for _ in range(offset):
        if i >= len(text):
            break
        ch = text[i]
        if ch == "\n":
            i += 1
            while i < len(text) and text[i] in " \t\n":
                i += 1
        elif style == '"' and ch == "\\":
            i += {"x": 4, "u": 6, "U": 10}.get(text[i + 1] if i + 1 < len(text) else "", 2)
        elif style == "'" and text.startswith("''", i):
            i += 2
        else:
            i += 1
    line = text.count("\n", 0, i) + 1
    return line, i - (text.rfind("\n", 0, i) + 1) + 1


def _typed_plain_scalar(text: str) -> object:
    """YAML 1.2 core schema for a plain (unquoted) scalar; floats become Decimal. A number too large to type
    (thousands of digits, an exponent beyond any range) stays text: the model then says what it expected."""
    if text in _NULL:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT.match(text):
        return int(text) if len(text) <= 40 else Decimal(text)
    if _FLOAT.match(text):
        try:
            value = Decimal(text)
        except ArithmeticError:
            return text
        return value if value.is_finite() and -40 <= value.adjusted() <= 40 else text
    return text


def _yaml_module():
    import yaml

    return yaml


def open_regular(path: Path | str, name: str, what: str = "a YAML file") -> BinaryIO:
    """``path`` opened for reading in binary, if it is a regular file: a FIFO would block, a device never end,
    a directory or a symlink loop fail later with a worse message. Opened without blocking, then checked on the
    open descriptor (no race between the check and the read)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except IsADirectoryError:
        raise InputError([Problem(name, 0, 0, f"expected {what}, found a directory", "E001")]) from None
    except OSError as exc:
        raise InputError([Problem(name, 0, 0, f"cannot read file: {exc.strerror or exc}", "E001")]) from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        kind = "a directory" if stat.S_ISDIR(mode) else "a FIFO" if stat.S_ISFIFO(mode) else "a device or socket"
        raise InputError([Problem(name, 0, 0, f"expected {what}, found {kind} (not a regular file)", "E001")])
    return os.fdopen(fd, "rb")


def read_limited(path: Path | str, name: str, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file, refused past ``limit`` (at most ``limit`` + 1 bytes are ever in memory)."""
    with open_regular(path, name) as handle:
        try:
            raw: bytes = handle.read(limit + 1)
        except OSError as exc:
            raise InputError([Problem(name, 0, 0, f"cannot read file: {exc.strerror or exc}", "E001")]) from None
    if len(raw) > limit:
        raise InputError([Problem(name, 1, 1, f"file too large (more than {limit} bytes)", "E002")])
    return raw


def read_text(path: Path | str, display: str | None = None) -> tuple[str, str]:
    """Read a file as UTF-8 text, with a located error for an unreadable, special, huge or non-UTF-8 file."""
    name = display or str(path)
    return decode(read_limited(path, name), name), name


def read_stream(handle, name: str) -> str:
    """Read a binary stream (standard input) as UTF-8 text, at most :data:`MAX_BYTES`, like a file."""
    return decode(handle.read(MAX_BYTES + 1), name)


def decode(raw: bytes, name: str) -> str:
    if len(raw) > MAX_BYTES:
        raise InputError([Problem(name, 1, 1, f"file too large (more than {MAX_BYTES} bytes)", "E002")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        line = raw.count(b"\n", 0, exc.start) + 1
        col = len(raw[line_start : exc.start].decode("utf-8", errors="replace")) + 1  # in characters, not bytes
        raise InputError(
            [Problem(name, line, col, f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the file as UTF-8", "E002")]
        ) from None
    return text.removeprefix("\ufeff")


# What YAML forbids in a stream (tab, line feed, carriage return and NEL are allowed); libyaml reports these
# without a usable position, so we find them first.
_FORBIDDEN = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


# What no text in an input may hold, even written as a YAML escape ("\e[2J", "\u202e", "\0"): control characters
# other than tab and line feed (a terminal would obey them), bidirectional controls (they reorder what a reader
# sees: "Trojan Source"), zero-width characters other than the joiners that scripts need, and the Unicode line
# separators (a forged line in `check` output).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u2028-\u202e\u2060-\u2069\ufeff]")
_NAMES = {0x1B: "ESC", 0x00: "NUL", 0x0D: "CR", 0x202E: "RIGHT-TO-LEFT OVERRIDE", 0x200B: "ZERO WIDTH SPACE"}


def has_unsafe_character(text: str) -> bool:
    """Whether ``text`` holds a character no input may hold (see ``_UNSAFE``)."""
    return _UNSAFE.search(text) is not None


def unsafe_character(text: str) -> str | None:
    """A description of the first character of ``text`` no input may hold (see ``_UNSAFE``), or None."""
    found = _UNSAFE.search(text)
    if found is None:
        return None
    code = ord(found.group())
    name = _NAMES.get(code)
    if code in (0x2028, 0x2029):
        kind = "a line separator"
    elif code in (0x61C, 0x200E, 0x200F) or 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        kind = "a bidirectional control"
    elif code in (0x200B, 0xFEFF) or 0x2060 <= code <= 0x2064:
        kind = "a zero-width character"
    else:
        kind = "a control character"
    return f"{kind} U+{code:04X}{f' ({name})' if name else ''}"


def _position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column (in characters) of ``text[index]``."""
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def load(text: str, name: str) -> Document:
    """Parse one YAML document strictly. Raises :class:`InputError` with one located problem."""
    yaml = _yaml_module()
    if not text.strip() or all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()):
        raise InputError([Problem(name, 1, 1, "the file is empty: expected a YAML mapping", "E003")])
    if "\x00" in text:
        line, col = _position(text, text.index("\x00"))
        raise InputError([Problem(name, line, col, "binary data (NUL byte) in a YAML file", "E002")])
    bad = _FORBIDDEN.search(text)
    if bad:
        line, col = _position(text, bad.start())
        raise InputError(
            [
                Problem(
                    name,
                    line,
                    col,
                    f"YAML error: unacceptable character #x{ord(bad.group()):04x}: "
                    "control characters are not allowed in YAML",
                    "E002",
                )
            ]
        )
    try:
        return _parse(text, name, getattr(yaml, "CBaseLoader", yaml.BaseLoader))
    except _LibyamlDepthLimit:
        # libyaml 0.2.6 (PyYAML >= 6.0.4 wheels) refuses nesting beyond its own limit while scanning ahead, before
        # any event reaches us, and with its own message. Read the stream again with PyYAML's pure-Python parser
        # (iterative, no depth limit of its own), so the refusal is ours, at the 65th level, on every version.
        return _parse(text, name, yaml.BaseLoader)


class _LibyamlDepthLimit(Exception):
    """libyaml stopped at its own nesting limit: see :func:`load`."""


def _parse(text: str, name: str, loader_cls) -> Document:
    yaml = _yaml_module()
    loader = loader_cls(text)
    try:
        doc = _build(loader, yaml, name)
        doc.text = text
        return doc
    except yaml.MarkedYAMLError as exc:
        if "maximum nesting depth" in (exc.problem or "") and loader_cls is not yaml.BaseLoader:
            raise _LibyamlDepthLimit from None
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = exc.problem or exc.context or "syntax error"
        if exc.problem and exc.context and exc.context_mark is not None:
            message += f" ({exc.context} started at line {exc.context_mark.line + 1})"
        if mark and _char_at(text, mark.line, mark.column) == "\t":
            message += " (a tab: YAML indentation must use spaces)"
        raise InputError([Problem(name, line, col, f"YAML syntax error: {message}", "E004")]) from None
    except yaml.YAMLError as exc:  # reader errors (control characters) carry a position too
        line = getattr(exc, "line", 0) + 1 if hasattr(exc, "line") else 1
        col = getattr(exc, "column", 0) + 1 if hasattr(exc, "column") else 1
        raise InputError([Problem(name, line, col, f"YAML error: {exc}".splitlines()[0], "E004")]) from None
    finally:
        loader.dispose()


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n")
    if 0 <= line < len(lines) and 0 <= column < len(lines[line]):
        return lines[line][column]
    return ""


def _refuse(name: str, mark, message: str) -> InputError:
    return InputError([Problem(name, mark.line + 1, mark.column + 1, message, "E005")])


def _build(loader, yaml, name: str) -> Document:
    events = yaml.events
    doc = Document(name, None)
    # Each frame: [container, path, pending_key, key_path_mark]; pending_key is None before a key is read.
    stack: list[list] = []
    documents = 0
    root_set = False

    def place(value, ev, quoted: bool) -> tuple | None:
        """Put a finished value into the current container; return its path."""
        nonlocal root_set
        mark = (ev.start_mark.line + 1, ev.start_mark.column + 1)
        if not stack:
            doc.data = value
            root_set = True
            doc.marks[()] = mark
            return ()
        frame = stack[-1]
        container, path = frame[0], frame[1]
        child: tuple[Any, ...]
        if isinstance(container, list):
            child = path + (len(container),)
            container.append(value)
        else:
            if frame[2] is None:  # this scalar is a key
                if not isinstance(value, str) or ev is None:
                    raise _refuse(name, ev.start_mark, "mapping keys must be plain words or strings")
                if value == "<<":
                    raise _refuse(name, ev.start_mark, "merge keys (<<) are not allowed")
                if value in container:
                    first = doc.key_marks.get(path + (value,), (0, 0))[0]
                    raise _refuse(name, ev.start_mark, f"duplicate key '{value}' (first at line {first})")
                frame[2] = value
                doc.key_marks[path + (value,)] = mark
                return None
            child = path + (frame[2],)
            container[frame[2]] = value
            frame[2] = None
        doc.marks[child] = mark
        if quoted:
            doc.quoted.add(child)
        return child

    while True:
        ev = loader.get_event()
        if ev is None:
            break
        kind = type(ev)
        if kind is events.StreamStartEvent or kind is events.StreamEndEvent or kind is events.DocumentEndEvent:
            continue
        if kind is events.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise _refuse(name, ev.start_mark, "only one YAML document per file")
            continue
        if kind is events.AliasEvent:
            raise _refuse(name, ev.start_mark, f"aliases (*{ev.anchor}) are not allowed")
        if getattr(ev, "anchor", None):
            raise _refuse(name, ev.start_mark, f"anchors (&{ev.anchor}) are not allowed")
        tag = getattr(ev, "tag", None)
        if kind is events.ScalarEvent:
            if _UNSAFE.search(ev.value):
                raise _refuse(
                    name,
                    ev.start_mark,
                    f"the text holds {unsafe_character(ev.value)}: control, bidirectional and zero-width characters "
                    "are not allowed, even as escapes",
                )
            plain = not ev.style and ev.implicit[0]
            if tag and tag != "!" and not plain:
                raise _refuse(name, ev.start_mark, f"tags are not allowed (found {tag})")
            if stack and isinstance(stack[-1][0], dict) and stack[-1][2] is None:
                if not plain and not ev.style:
                    raise _refuse(name, ev.start_mark, "mapping keys must be plain words or strings")
                place(ev.value, ev, False)
                continue
            value = _typed_plain_scalar(ev.value) if plain else ev.value
            child = place(value, ev, not plain)
            if not plain and child is not None:
                doc.styles[child] = ev.style
            continue
        if kind is events.MappingStartEvent or kind is events.SequenceStartEvent:
            if (tag and tag not in ("!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")) or (
                tag and not ev.implicit
            ):
                raise _refuse(name, ev.start_mark, f"tags are not allowed (found {tag})")
            if len(stack) >= MAX_DEPTH:
                raise _refuse(name, ev.start_mark, f"nesting deeper than {MAX_DEPTH} levels")
            if stack and isinstance(stack[-1][0], dict) and stack[-1][2] is None:
                raise _refuse(name, ev.start_mark, "mapping keys must be plain words or strings")
            container: object = {} if kind is events.MappingStartEvent else []
            path = place(container, ev, False)
            stack.append([container, path, None])
            continue
        if kind is events.MappingEndEvent or kind is events.SequenceEndEvent:
            stack.pop()
            continue
    if not root_set:
        raise InputError([Problem(name, 1, 1, "the file is empty: expected a YAML mapping", "E003")])
    return doc


def load_file(path: Path | str, display: str | None = None) -> Document:
    text, name = read_text(path, display)
    return load(text, name)
