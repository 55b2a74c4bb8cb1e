"""A rule set: the vocabulary and the packs loaded together, what an engine evaluates incidents against."""

from __future__ import annotations

from functools import cached_property

from .law import Pack
from .rates import RateTable
from .records import record
from .vocabulary import Vocabulary


@record
class RuleSet:
    """The vocabulary and the packs loaded together: what the engine evaluates an incident against."""

    vocabulary: Vocabulary
    packs: dict[str, Pack]  # by code, in a stable order
    rates: RateTable | None = None  # the dated reference rates (``rates.yaml``): turnover into a pack's currency

    @cached_property
    def questions(self) -> frozenset[str]:
        """The ids of every question of law the packs declare (an incident or ``--assume`` may settle them)."""
        return frozenset(q for pack in self.packs.values() for q in pack.questions)
