"""A rule set: the vocabulary and the packs loaded together, what an engine evaluates incidents against."""

from __future__ import annotations

from .law import Pack
from .records import record
from .vocabulary import Vocabulary


@record
class RuleSet:
    """The vocabulary and the packs loaded together: what the engine evaluates an incident against."""

    vocabulary: Vocabulary
    packs: dict[str, Pack]  # by code, in a stable order
