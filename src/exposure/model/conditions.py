"""The condition language: ``sexual and synthetic and not consent and (share or create)``.

Why our own and not ``eval``, simpleeval, CEL or JsonLogic: a pack is data from another repository, so nothing
in it may run code; lawyers must be able to read it; and facts may be **unknown**, which those libraries get
wrong (``not None`` is ``True`` in Python). The grammar is complete as written here; nothing else parses::

    condition := operand (("and" operand)* | ("or" operand)*)   -- no mixing without parentheses
    operand   := "not" operand | NAME | "(" condition ")"
    NAME      := [a-z][a-z0-9_]*   -- a declared fact or act, an element of the same offence, or a question of
                                    law the pack declares (its id may have hyphens: ie-coco-synthetic)

Mixing ``and`` and ``or`` at one level is refused (Catala's rule): ``a and b or c`` must say which it means.

Semantics are Kleene's three-valued logic: ``True``, ``False`` and ``None`` (unknown). ``and`` is false if any
operand is false, true if all are true, else unknown; ``or`` dually; ``not unknown`` is unknown. A condition is
compiled once, when its pack loads, into nested closures; evaluating it never re-parses text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from .records import record

MAX_LENGTH = 2000
MAX_DEPTH = 50

_TOKEN = re.compile(r"\s*(?:(?P<name>[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*)|(?P<punct>[()]))")
KEYWORDS = frozenset({"and", "or", "not"})

Env = Mapping[str, "bool | None"]


class ConditionError(ValueError):
    """A condition outside the grammar; ``offset`` is the 0-based character position in the condition text."""

    def __init__(self, message: str, offset: int):
        super().__init__(message)
        self.offset = offset


# ---------------------------------------------------------------------------------------------------- syntax tree
@record
class Name:
    """A declared fact or act, with its offset in the condition text (for located errors)."""

    name: str
    offset: int


@record
class Element:
    """A named statutory element of an offence, inlined where the condition mentions it."""

    name: str
    body: Node


@record
class Not:
    """Negation (Kleene: not unknown is unknown)."""

    operand: Node


@record
class And:
    """Conjunction: false if any operand is false, true if all are true, else unknown."""

    operands: tuple[Node, ...]


@record
class Or:
    """Disjunction: true if any operand is true, false if all are false, else unknown."""

    operands: tuple[Node, ...]


Node = Name | Element | Not | And | Or
Fn = Callable[[Env], "bool | None"]
Closures = dict[int, Fn]  # id(sub-tree) -> its compiled closure


# -------------------------------------------------------------------------------------------------------- parsing
def _tokens(text: str) -> list[tuple[str, str, int]]:
    out: list[tuple[str, str, int]] = []
    pos = 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        match = _TOKEN.match(text, pos)
        if not match:
            start = len(text) - len(text[pos:].lstrip())
            char = text[start]
            hint = " (use the words and, or, not)" if char in "&|!" else " (only names, and, or, not and parentheses)"
            raise ConditionError(f"unexpected character '{char}' in condition{hint}", start)
        if match["name"]:
            word = match["name"]
            start = match.start("name")
            if word.lower() in KEYWORDS and word not in KEYWORDS:
                raise ConditionError(f"write '{word.lower()}' in lower case", start)
            out.append(("kw" if word in KEYWORDS else "name", word, start))
        else:
            out.append(("punct", match["punct"], match.start("punct")))
        pos = match.end()
    out.append(("end", "", len(text)))
    return out


class _Parser:
    def __init__(self, text: str):
        self.tokens = _tokens(text)
        self.i = 0

    def peek(self) -> tuple[str, str, int]:
        return self.tokens[self.i]

    def take(self) -> tuple[str, str, int]:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def condition(self, depth: int) -> Node:
        if depth > MAX_DEPTH:
            raise ConditionError(f"condition nested more than {MAX_DEPTH} levels deep", self.peek()[2])
        first = self.operand(depth)
        operands: list[Node] = [first]
        joiner: str | None = None
        while self.peek()[0] == "kw" and self.peek()[1] in ("and", "or"):
            _kind, word, offset = self.take()
            if joiner and word != joiner:
                raise ConditionError(
                    f"'{joiner}' and '{word}' are mixed without parentheses: write e.g. '(a {joiner} b) {word} c'",
                    offset,
                )
            joiner = word
            operands.append(self.operand(depth))
        if joiner is None:
            return first
        return And(tuple(operands)) if joiner == "and" else Or(tuple(operands))

    def operand(self, depth: int) -> Node:
        kind, word, offset = self.take()
        if kind == "kw" and word == "not":
            if depth > MAX_DEPTH:
                raise ConditionError(f"condition nested more than {MAX_DEPTH} levels deep", offset)
            return Not(self.operand(depth + 1))
        if kind == "name":
            return Name(word, offset)
        if kind == "punct" and word == "(":
            inner = self.condition(depth + 1)
            _kind2, word2, offset2 = self.take()
            if word2 != ")":
                raise ConditionError(f"expected ')' to close the '(' opened at column {offset + 1}", offset2)
            return inner
        if kind == "end":
            raise ConditionError("condition ends too early: expected a name, 'not' or '('", offset)
        raise ConditionError(f"expected a name, 'not' or '(' but found '{word}'", offset)


def parse(text: str) -> Node:
    """Parse condition text into a syntax tree, or raise :class:`ConditionError` with an offset."""
    if not isinstance(text, str) or not text.strip():
        raise ConditionError("empty condition", 0)
    if len(text) > MAX_LENGTH:
        raise ConditionError(f"condition longer than {MAX_LENGTH} characters", MAX_LENGTH)
    parser = _Parser(text)
    tree = parser.condition(0)
    kind, word, offset = parser.peek()
    if kind != "end":
        raise ConditionError(f"unexpected '{word}' after a complete condition (missing 'and' or 'or'?)", offset)
    return tree


# ------------------------------------------------------------------------------------------------------ compiling
def _compile(node: Node, fns: Closures) -> Fn:
    """Compile ``node`` to a closure, recording the closure of every sub-tree in ``fns`` (by node identity) so
    that explanations evaluate sub-conditions without compiling again, and shared sub-trees (an element named
    twice) compile once."""
    fn = fns.get(id(node))
    if fn is None:
        fn = fns[id(node)] = _compile_node(node, fns)
    return fn


MAX_TERMS = 10_000


def _size(node: Node, memo: dict[int, int]) -> int:
    """How many terms the condition has once every element is spelled out (elements may name elements)."""
    known = memo.get(id(node))
    if known is not None:
        return known
    if isinstance(node, Name):
        size = 1
    elif isinstance(node, Element):
        size = _size(node.body, memo)
    elif isinstance(node, Not):
        size = 1 + _size(node.operand, memo)
    else:
        size = 1 + sum(_size(op, memo) for op in node.operands)
    memo[id(node)] = size
    return size


def _compile_node(node: Node, fns: Closures) -> Fn:
    if isinstance(node, Name):
        name = node.name
        return lambda env: env.get(name)
    if isinstance(node, Element):
        return _compile(node.body, fns)
    if isinstance(node, Not):
        inner = _compile(node.operand, fns)

        def negate(env: Env) -> bool | None:
            value = inner(env)
            return None if value is None else not value

        return negate
    parts = tuple(_compile(op, fns) for op in node.operands)
    if isinstance(node, And):

        def conj(env: Env) -> bool | None:
            result: bool | None = True
            for part in parts:
                value = part(env)
                if value is False:
                    return False
                if value is None:
                    result = None
            return result

        return conj

    def disj(env: Env) -> bool | None:
        result: bool | None = False
        for part in parts:
            value = part(env)
            if value is True:
                return True
            if value is None:
                result = None
        return result

    return disj


def _names(node: Node, out: set[str], seen: set[int] | None = None) -> set[str]:
    seen = set() if seen is None else seen
    if id(node) in seen:
        return out
    seen.add(id(node))
    if isinstance(node, Name):
        out.add(node.name)
    elif isinstance(node, Element):
        _names(node.body, out, seen)
    elif isinstance(node, Not):
        _names(node.operand, out, seen)
    else:
        for op in node.operands:
            _names(op, out, seen)
    return out


@record(eq=False)
class Condition:
    """A compiled condition: evaluate with :meth:`value`; explain an unknown with :meth:`adverse_unknowns`."""

    text: str
    tree: Node
    fn: Fn
    names: frozenset[str]
    fns: Closures | None  # id(sub-tree) -> its compiled closure (None until compiled)

    def value(self, env: Env) -> bool | None:
        return self.fn(env)

    def __getstate__(self) -> tuple[str, Node, frozenset[str]]:
        """Stored (in the built-pack cache) as its text, syntax tree and names; the closures are compiled again
        from the tree, on first use, so a cached pack evaluates exactly like a freshly compiled one and a pack
        whose offences a command never reaches costs nothing to compile."""
        return (self.text, self.tree, self.names)

    def __setstate__(self, state: tuple[str, Node, frozenset[str]]) -> None:
        text, tree, names = state
        self.__dict__.update(text=text, tree=tree, names=names, fns=None, fn=self._compile_on_first_use)

    def _compile_on_first_use(self, env: Env) -> bool | None:
        return self._closures()[id(self.tree)](env)

    def _closures(self) -> Closures:
        """The compiled closure of every sub-tree, by node identity (compiled now if not yet)."""
        fns = self.fns
        if fns is None:
            fns = {}
            object.__setattr__(self, "fn", _compile(self.tree, fns))
            object.__setattr__(self, "fns", fns)
        return fns

    def adverse_unknowns(self, env: Env) -> dict[str, bool]:
        """The unknown names that could make the condition true, each with the value that would do it.

        Only names inside undecided sub-conditions are listed: in ``a and b`` with ``a`` false nothing is.
        """
        found: dict[str, bool] = {}
        _collect_unknowns(self._closures(), self.tree, env, True, found)
        return found

    def element_values(self, env: Env) -> list[tuple[str, bool | None]]:
        """Each named element the condition uses, with its value (for the trail)."""
        out: list[tuple[str, bool | None]] = []
        _collect_elements(self._closures(), self.tree, env, out)
        return out


def _collect_unknowns(fns: Closures, node: Node, env: Env, polarity: bool, found: dict[str, bool]) -> None:
    if fns[id(node)](env) is not None:
        return
    if isinstance(node, Name):
        found.setdefault(node.name, polarity)
    elif isinstance(node, Element):
        _collect_unknowns(fns, node.body, env, polarity, found)
    elif isinstance(node, Not):
        _collect_unknowns(fns, node.operand, env, not polarity, found)
    else:
        for op in node.operands:
            _collect_unknowns(fns, op, env, polarity, found)


def _collect_elements(fns: Closures, node: Node, env: Env, out: list[tuple[str, bool | None]]) -> None:
    if isinstance(node, Element):
        out.append((node.name, fns[id(node)](env)))
        _collect_elements(fns, node.body, env, out)
    elif isinstance(node, Not):
        _collect_elements(fns, node.operand, env, out)
    elif isinstance(node, (And, Or)):
        for op in node.operands:
            _collect_elements(fns, op, env, out)


def compile_condition(text: str, resolve: Callable[[str, int], Node | None]) -> Condition:
    """Parse and compile ``text``. ``resolve(name, offset)`` returns a replacement node for an element,
    ``None`` for a plain declared name, or raises :class:`ConditionError` for an undeclared one."""
    tree = _resolve(parse(text), resolve)
    size = _size(tree, {})
    if size > MAX_TERMS:
        raise ConditionError(
            f"condition too complex: spelled out, its elements make {size:,} terms (at most {MAX_TERMS:,})", 0
        )
    fns: Closures = {}
    return Condition(text, tree, _compile(tree, fns), frozenset(_names(tree, set())), fns)


def _resolve(node: Node, resolve: Callable[[str, int], Node | None]) -> Node:
    if isinstance(node, Name):
        replacement = resolve(node.name, node.offset)
        return node if replacement is None else Element(node.name, replacement)
    if isinstance(node, Not):
        return Not(_resolve(node.operand, resolve))
    if isinstance(node, Element):
        return node
    operands = tuple(_resolve(op, resolve) for op in node.operands)
    return And(operands) if isinstance(node, And) else Or(operands)
