"""The vocabulary: every fact, act and quantity that incidents and conditions may name, declared once."""

from __future__ import annotations

from functools import cached_property

from .records import factory, record


@record(eq=False)
class VocabularyEntry:
    """One declared fact, act or quantity, with its meaning."""

    name: str
    kind: str  # "fact" | "act" | "quantity"
    about: str  # "incident" | "party"
    type: str  # "boolean" | "money"
    meaning: str


@record
class Vocabulary:
    """Every name that incidents and conditions may use, declared once."""

    entries: dict[str, VocabularyEntry] = factory(default_factory=dict)

    # Derived on first use and kept (records refuse assignment, not cached properties): the engine asks for them
    # for every incident.
    @cached_property
    def acts(self) -> dict[str, VocabularyEntry]:
        """The declared acts."""
        return {n: e for n, e in self.entries.items() if e.kind == "act"}

    @cached_property
    def defaults(self) -> dict[str, bool | None]:
        """Every name a condition may use, with its value when the incident says nothing of it: a fact is
        unknown, an act was not done."""
        return {n: (False if e.kind == "act" else None) for n, e in self.entries.items() if e.kind in ("fact", "act")}

    @cached_property
    def facts_about(self) -> dict[str | None, dict[str, VocabularyEntry]]:
        """The facts by what they are about (None: all), as :meth:`facts` returns them."""
        return {
            about: {n: e for n, e in self.entries.items() if e.kind == "fact" and (about is None or e.about == about)}
            for about in (None, "incident", "party")
        }

    @cached_property
    def quantities(self) -> tuple[str, ...]:
        """The names of the declared quantities (e.g. turnover)."""
        return tuple(n for n, e in self.entries.items() if e.kind == "quantity")

    def facts(self, about: str | None = None) -> dict[str, VocabularyEntry]:
        """The declared facts (about the incident, about a party, or all). Shared: read it, do not change it."""
        found = self.facts_about.get(about)
        return found if found is not None else {}

    def condition_names(self) -> frozenset[str]:
        """Names a condition may use: every fact and act."""
        return frozenset(n for n, e in self.entries.items() if e.kind in ("fact", "act"))
