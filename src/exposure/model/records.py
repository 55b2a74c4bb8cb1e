"""Immutable records: what ``@dataclass(frozen=True)`` gives the model, at a fifth of the cost to define.

Why not plain dataclasses: a frozen dataclass compiles four to six methods when its module is imported
(``__init__``, ``__setattr__``, ``__delattr__``, ``__eq__``, ``__hash__``, ``__repr__``), and every command imports
dozens of such classes (the model, conditions, results, money, durations, fines), which shows in start-up (the
README's speed section has the measurements). A record compiles only its ``__init__``; refusing assignment,
equality, hashing and ``repr`` are functions shared by every record, reading the instance's fields.

A record behaves as the frozen dataclass it replaces: positional or keyword construction with defaults (and
``factory(default_factory=list)`` for a fresh mutable default), ``__post_init__``, assignment and deletion refused with
:class:`dataclasses.FrozenInstanceError`, :func:`replace`, pickling. ``eq=True`` (the default) gives value
equality and a hash over the fields, in order; ``eq=False`` keeps identity (for structures such as a pack).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from dataclasses import FrozenInstanceError
from typing import Any, TypeVar, dataclass_transform

__all__ = ["FrozenInstanceError", "factory", "is_record", "record", "replace"]

_MISSING = object()
T = TypeVar("T")


class _Factory:
    __slots__ = ("make",)

    def __init__(self, make: Callable[[], Any]) -> None:
        self.make = make


def factory(*, default_factory: Callable[[], Any]) -> Any:
    """A default made afresh for each instance: ``notes: list = factory(default_factory=list)`` (what
    ``dataclasses.field(default_factory=...)`` is to a dataclass)."""
    return _Factory(default_factory)


def _refuse_setattr(self: object, name: str, value: object) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _refuse_delattr(self: object, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")


def _eq(self: object, other: object) -> bool:
    if other.__class__ is self.__class__:
        return bool(self.__dict__ == other.__dict__)
    return NotImplemented  # type: ignore[no-any-return]


def _hash(self: object) -> int:
    return hash(tuple(self.__dict__.values()))


def _repr(self: object) -> str:
    fields = ", ".join(f"{name}={self.__dict__.get(name)!r}" for name in getattr(self, "__record_fields__", ()))
    return f"{self.__class__.__qualname__}({fields})"


def _init_source(cls: type, names: tuple[str, ...], namespace: dict[str, Any]) -> str:
    """The source of ``__init__``: each field stored straight into the instance's ``__dict__`` (assignment is
    refused), defaults bound in ``namespace``."""
    params: list[str] = []
    body: list[str] = []
    for name in names:
        default = cls.__dict__.get(name, _MISSING)
        if isinstance(default, _Factory):
            namespace[f"_make_{name}"] = default.make
            params.append(f"{name}=_MISSING")
            body.append(f"_d[{name!r}] = _make_{name}() if {name} is _MISSING else {name}")
            delattr(cls, name)
        elif default is _MISSING:
            params.append(name)
            body.append(f"_d[{name!r}] = {name}")
        else:
            namespace[f"_default_{name}"] = default
            params.append(f"{name}=_default_{name}")
            body.append(f"_d[{name!r}] = {name}")
    if hasattr(cls, "__post_init__"):
        body.append("self.__post_init__()")
    lines = "\n".join(f"    {line}" for line in body)
    return f"def __init__(self, {', '.join(params)}):\n    _d = self.__dict__\n{lines}\n"


@dataclass_transform(eq_default=True, frozen_default=True, field_specifiers=(factory,))
def record(cls: type[T] | None = None, /, *, eq: bool = True) -> Any:
    """Make ``cls`` an immutable record of its annotated fields (see the module's docstring). Type checkers read
    it as a frozen dataclass (:func:`typing.dataclass_transform`)."""

    def build(cls: type[T]) -> type[T]:
        names = tuple(inspect.get_annotations(cls))
        namespace: dict[str, Any] = {"_MISSING": _MISSING}
        exec(_init_source(cls, names, namespace), namespace)  # noqa: S102 - our own generated source; no input reaches it
        init = namespace["__init__"]
        init.__qualname__ = f"{cls.__qualname__}.__init__"
        members: dict[str, Any] = {
            "__init__": init,
            "__record_fields__": names,
            "__setattr__": _refuse_setattr,
            "__delattr__": _refuse_delattr,
        }
        if "__repr__" not in cls.__dict__:
            members["__repr__"] = _repr
        if eq:
            members.update(__eq__=_eq, __hash__=_hash)
        for name, member in members.items():
            setattr(cls, name, member)
        return cls

    return build if cls is None else build(cls)


def is_record(cls: object) -> bool:
    return isinstance(cls, type) and "__record_fields__" in cls.__dict__


def instances(value: object, kind: type[T]) -> Iterator[T]:
    """Every instance of ``kind`` that ``value`` is or holds anywhere inside its records, tuples and dicts (not
    looking inside an instance found): e.g. every greatest-or-least fine formula of a pack."""
    if isinstance(value, kind):
        yield value
    elif isinstance(value, (tuple, list, frozenset, set)):
        for item in value:
            yield from instances(item, kind)
    elif isinstance(value, dict):
        for item in value.values():
            yield from instances(item, kind)
    else:
        for name in getattr(type(value), "__record_fields__", ()):
            yield from instances(value.__dict__[name], kind)


def replace(obj: T, /, **changes: Any) -> T:
    """A copy of the record ``obj`` with ``changes`` (as :func:`dataclasses.replace`)."""
    values = {name: obj.__dict__[name] for name in getattr(obj, "__record_fields__", ())}
    unknown = set(changes) - set(values)
    if unknown:
        raise TypeError(f"{obj.__class__.__name__} has no field {', '.join(sorted(unknown))}")
    values.update(changes)
    return obj.__class__(**values)
