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
    synonyms: tuple[str, ...] = ()  # words users write for it ("post" for share): suggestions point to it
    age_below: int | None = None  # the fact says the person depicted is under this age (derived from victim_age)
    implies: tuple[str, ...] = ()  # facts that are true whenever this one is


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

    @cached_property
    def synonyms(self) -> dict[str, str]:
        """Each synonym with the declared name it stands for (``post`` -> ``share``)."""
        return {word: n for n, e in self.entries.items() for word in e.synonyms}

    @cached_property
    def age_facts(self) -> tuple[tuple[int, str], ...]:
        """The age facts, youngest threshold first: ``((12, "minor_under_12"), ..., (18, "minor"))``."""
        return tuple(sorted((e.age_below, n) for n, e in self.entries.items() if e.age_below is not None))

    @cached_property
    def links(self) -> tuple[tuple[str, str, str], ...]:
        """Every (premise, consequence, why) the vocabulary declares: under a younger age is under every older
        one; a fact with ``implies`` makes those true."""
        ages = self.age_facts
        out = [
            (younger, older, f"under {t1} is under {t2}")
            for i, (t1, younger) in enumerate(ages)
            for t2, older in ages[i + 1 :]
        ]
        out += [
            (name, implied, f"'{name}' implies '{implied}' (see the vocabulary)")
            for name, entry in self.entries.items()
            for implied in entry.implies
        ]
        return tuple(out)

    def completed(self, facts: dict[str, bool | None]) -> tuple[dict[str, bool | None], list[tuple[str, str, str]]]:
        """``facts`` (None: unknown) with what the links imply filled in: a premise true makes its consequence
        true, a consequence false makes its premise false. Also every contradiction, as (premise, consequence,
        why): the premise true and the consequence false, a world that cannot be."""
        out = dict(facts)
        contradictions = []
        for premise, consequence, why in self.links:
            p, c = out.get(premise), out.get(consequence)
            if p is True and c is False:
                contradictions.append((premise, consequence, why))
            elif p is True and c is None:
                out[consequence] = True
            elif c is False and p is None:
                out[premise] = False
        return out, contradictions

    def condition_names(self) -> frozenset[str]:
        """Names a condition may use: every fact and act."""
        return frozenset(n for n, e in self.entries.items() if e.kind in ("fact", "act"))
