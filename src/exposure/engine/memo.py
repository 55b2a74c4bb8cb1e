"""A memo with a bound: the engine remembers results a queue of reports keeps asking for, in bounded memory.

When full, the oldest entry goes (first in, first out, and recurring reports come back into the memo as soon as
they recur). An :class:`~collections.OrderedDict` holds the entries: dropping its first entry is constant time,
where deleting a plain dict's first key over and over leaves a run of empty slots that every later "first key"
lookup walks again. A long queue of distinct reports therefore runs in constant memory, and a queue of
recurring ones keeps its working set.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class BoundedMemo(Generic[K, V]):
    """A mapping of at most ``size`` entries; storing one more evicts the oldest."""

    __slots__ = ("_data", "hits", "misses", "size")

    def __init__(self, size: int) -> None:
        if size < 0:
            raise ValueError("a memo's size cannot be negative")
        self.size = size
        self._data: OrderedDict[K, V] = OrderedDict()
        self.hits = self.misses = 0

    def get(self, key: K) -> V | None:
        found = self._data.get(key)
        if found is None:
            self.misses += 1
        else:
            self.hits += 1
        return found

    def put(self, key: K, value: V) -> V:
        if self.size == 0:
            return value
        data = self._data
        if len(data) >= self.size and key not in data:
            data.popitem(last=False)
        data[key] = value
        return value

    def clear(self) -> None:
        self._data.clear()
        self.hits = self.misses = 0

    def __len__(self) -> int:
        return len(self._data)


class SizedMemo(Generic[K, V]):
    """A mapping whose entries together measure at most ``budget`` (by ``size(key, value)``); storing one more
    evicts the oldest until it fits, and an entry larger than the whole budget is not stored.

    For values whose size varies by orders of magnitude (a line of JSON output: a few KB, or a megabyte with
    trails), where a count of entries would not bound memory. :class:`BoundedMemo` is the case where every entry
    costs one; it stays apart because the engine asks it on every party and pack, where a size call and a wrapped
    value per entry would cost time for nothing."""

    __slots__ = ("_data", "_size", "budget", "hits", "misses", "used")

    def __init__(self, budget: int, size: Callable[[K, V], int]) -> None:
        if budget < 0:
            raise ValueError("a memo's budget cannot be negative")
        self.budget, self._size, self.used = budget, size, 0
        self._data: OrderedDict[K, tuple[V, int]] = OrderedDict()
        self.hits = self.misses = 0

    def get(self, key: K) -> V | None:
        found = self._data.get(key)
        if found is None:
            self.misses += 1
            return None
        self.hits += 1
        return found[0]

    def put(self, key: K, value: V) -> V:
        cost = self._size(key, value)
        if cost > self.budget:
            return value
        data = self._data
        old = data.pop(key, None)
        if old is not None:
            self.used -= old[1]
        while self.used + cost > self.budget:
            self.used -= data.popitem(last=False)[1][1]
        data[key] = (value, cost)
        self.used += cost
        return value

    def __len__(self) -> int:
        return len(self._data)
