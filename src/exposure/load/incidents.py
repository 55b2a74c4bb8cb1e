"""Loading an incident file into the model. The format is a public contract: see ``docs/incident-format.md``.

A fact left out is **unknown**, never silently false: the engine reports offences that would apply if it turned
out adverse as ``possible``. Acts are what each party is said to have done; an act not listed is not done.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from pathlib import Path

from ..model import ONE, PARTY_KINDS, PARTY_ROLES, Counts, Incident, Party, Vocabulary
from ..model.money import parse_money
from ..model.places import normalise_place
from ..model.problems import did_you_mean, show_name
from .fact_logic import age_facts, completed, parse_age
from .reading import BAD, Reader, _Bad, ok, type_name
from .yaml_source import Document, load, load_file

INCIDENT_KEYS = (
    "title",
    "date",
    "places",
    "facts",
    "parties",
    "schema",
    "summary",
    "sources",
    "victim_born",
    "victim_age",
    "counts",
    "questions",
)
COUNT_KEYS = ("images", "victims", "days", "violations")
MAX_COUNT = 10**12  # counts stay exact; beyond a trillion an incident describes no real queue
PARTY_KEYS = ("id", "kind", "role", "acts", "facts", "name", "note")


class _IncidentReader(Reader):
    def __init__(self, doc: Document, vocabulary: Vocabulary):
        super().__init__(doc)
        self.vocabulary = vocabulary

    def facts(self, path: tuple, about: str) -> dict[str, bool] | _Bad:
        if self.get(path) is None:  # an empty `facts:` (every line under it commented out): none stated
            return {}
        node = self.mapping(path, any_keys=True)
        if node is BAD:
            return BAD
        declared = self.vocabulary.facts(about)
        elsewhere = self.vocabulary.facts("party" if about == "incident" else "incident")
        out: dict[str, bool] = {}
        for name, value in node.items():
            if type(value) is bool and name in declared:  # the common case, checked without the general path
                out[name] = value
                continue
            fpath = path + (name,)
            if name not in declared:
                if name in elsewhere:
                    where = "a party's 'facts:'" if about == "incident" else "the incident's top-level 'facts:'"
                    self.fail(
                        fpath,
                        f"'{name}' is a fact about {'a party' if about == 'incident' else 'the incident'}: "
                        f"put it under {where}",
                        "E205",
                        key=True,
                    )
                elif name in self.vocabulary.acts:
                    self.fail(fpath, f"'{name}' is an act: list it under the party's 'acts:'", "E205", key=True)
                else:
                    self.fail(
                        fpath, f"unknown fact '{show_name(name)}'{self.suggestion(name, declared)}", "E205", key=True
                    )
                continue
            if value == "unknown":
                continue  # stated as unknown: the same as leaving it out
            flag = self.boolean(fpath)
            if flag is not BAD:
                out[name] = flag
        return out

    def suggestion(self, word: str, names: Collection[str]) -> str:
        """A hint for an unknown name: the declared name it is a synonym of ("post" -> share), else the nearest
        spelling."""
        meant = self.vocabulary.synonyms.get(word.strip().lower().replace(" ", "_").replace("-", "_"))
        if meant is not None and meant in names:
            return f" (did you mean '{meant}'? '{word}' is one of its synonyms)"
        return did_you_mean(word, names)

    def stated_facts(self, facts: dict[str, bool] | _Bad, age: object, where: tuple) -> dict[str, bool] | _Bad:
        """The incident's facts with what they imply (ages from ``victim_age``, the vocabulary's implications),
        each contradiction a located error."""
        if facts is BAD:
            return BAD
        stated = dict(facts)
        if age is not None:
            span = parse_age(age)
            if isinstance(span, str):
                self.fail(where, f"victim_age: {span}, found {type_name(age)}")
                return BAD
            for name, value in age_facts(self.vocabulary, span).items():
                if name in stated and stated[name] != value:
                    self.fail(
                        ("facts", name), f"{name}: {str(stated[name]).lower()} contradicts victim_age: {age}", "E206"
                    )
                stated[name] = value
        before = len(self.problems)
        out = completed(
            self.vocabulary,
            stated,
            lambda name, message: self.fail(("facts", name) if name in facts else where, message, "E206"),
        )
        return BAD if len(self.problems) > before else out

    def readings(self, path: tuple, questions: Collection[str]) -> dict[str, bool] | _Bad:
        """How the incident settles questions of law: ``{ie-coco-synthetic: yes}`` (yes/no or true/false)."""
        node = self.mapping(path, any_keys=True)
        if node is BAD:
            return BAD
        out: dict[str, bool] = {}
        for qid, value in node.items():
            qpath = path + (qid,)
            if qid not in questions:
                hint = did_you_mean(qid, questions) if questions else " (the packs loaded declare none)"
                self.fail(qpath, f"questions: no question of law '{qid}' in the packs loaded{hint}", "E205", key=True)
            elif value in ("yes", "no") or isinstance(value, bool):
                out[qid] = value in ("yes", True)
            else:
                self.fail(qpath, f"questions.{qid}: expected yes or no, found {type_name(value)}")
        return out

    def counts(self, path: tuple) -> Counts | _Bad:
        """How much happened: non-negative whole numbers of images, victims, days and violations."""
        node = self.mapping(path, optional=COUNT_KEYS)
        if node is BAD:
            return BAD
        values: dict = {}
        for key in COUNT_KEYS:
            if key not in node:
                continue
            value = node[key]
            if isinstance(value, bool) or not isinstance(value, int):
                self.fail(
                    path + (key,), f"{self.label(path + (key,))}: expected a whole number, found {type_name(value)}"
                )
            elif value < (1 if key in ("images", "victims") else 0):
                least = "at least 1" if key in ("images", "victims") else "zero or more"
                self.fail(path + (key,), f"{self.label(path + (key,))}: expected {least}, found {value}")
            elif value > MAX_COUNT:
                self.fail(
                    path + (key,), f"{self.label(path + (key,))}: {value} is more than exposure counts ({MAX_COUNT:,})"
                )
            else:
                values[key] = value
        if len(values) < len(node):
            return BAD
        return Counts(**values)

    def acts(self, path: tuple) -> frozenset[str] | _Bad:
        items = self.sequence(path, allow_empty=True)
        if items is BAD:
            return BAD
        acts = self.vocabulary.acts
        out = set()
        for i, act in enumerate(items):
            if not isinstance(act, str):
                self.fail(path + (i,), f"{self.label(path + (i,))}: expected an act name, found {type(act).__name__}")
            elif act not in acts:
                self.fail(path + (i,), f"unknown act '{show_name(act)}'{self.suggestion(act, acts)}", "E205")
            elif act in out:
                self.fail(path + (i,), f"act '{act}' is listed twice", "E205")
            else:
                out.add(act)
        return frozenset(out)

    def party(self, i: int, seen: dict) -> Party | _Bad:
        path = ("parties", i)
        node = self.mapping(path, required=("id", "kind", "role"), optional=PARTY_KEYS + self.vocabulary.quantities)
        if node is BAD:
            return BAD
        pid = self.unique_ident(path + ("id",), seen, "party") if "id" in node else BAD
        kind = self.choice(path + ("kind",), PARTY_KINDS) if "kind" in node else BAD
        role = self.choice(path + ("role",), PARTY_ROLES) if "role" in node else BAD
        acts = self.acts(path + ("acts",)) if "acts" in node else frozenset()
        facts = self.facts(path + ("facts",), "party") if "facts" in node else {}
        turnover = None
        if "turnover" in node:
            turnover = self.parsed(path + ("turnover",), parse_money, "an amount such as '2_600_000_000 USD'")
        name = self.text(path + ("name",), max_length=MAX_TITLE) if "name" in node else ""
        if "note" in node:
            self.text(path + ("note",))
        if BAD in (pid, kind, role, acts, facts, turnover, name):
            return BAD
        return Party(ok(pid), ok(kind), ok(role), ok(acts), ok(facts), ok(turnover), ok(name))


# Bounds on one incident, so that no input within the file-size limit can exhaust memory or time: each party is
# evaluated against every pack, and the output grows with parties × packs.
MAX_PARTIES = 200
MAX_PLACES = 300
MAX_TITLE = 500  # characters in a title or a party's name


def read_incident(doc: Document, vocabulary: Vocabulary, questions: Collection[str] = ()) -> Incident:
    """Build an :class:`Incident`; ``questions`` are the questions of law the loaded packs declare, which the
    incident's ``questions:`` may settle."""
    r = _IncidentReader(doc, vocabulary)
    node = r.mapping((), required=("title", "date", "places", "parties"), optional=INCIDENT_KEYS)
    if node is BAD:
        r.raise_if_problems()
    top = ok(node)
    title = r.text(("title",), max_length=MAX_TITLE) if "title" in top else BAD
    day = r.day(("date",)) if "date" in top else BAD
    places: tuple[str, ...] | _Bad = BAD
    if "places" in top:
        items = r.sequence(("places",))
        if items is not BAD and len(items) > MAX_PLACES:
            items = r.fail(("places",), f"places: at most {MAX_PLACES} places in one incident, found {len(items)}")
        if items is not BAD:
            codes = [
                r.parsed(("places", i), normalise_place, "a country code such as FR", unit=False)
                for i in range(len(items))
            ]
            places = BAD if BAD in codes else tuple(dict.fromkeys(str(c) for c in codes))
    facts = r.facts(("facts",), "incident") if "facts" in top else {}
    age = top.get("victim_age")
    ages_stated = [n for _, n in vocabulary.age_facts if isinstance(facts, dict) and n in facts]
    facts = r.stated_facts(facts, age, ("victim_age",))
    notes: tuple[str, ...] = ()
    if ages_stated and age is None:
        notes = (
            f"the age facts ({', '.join(ages_stated)}) still work, but write the age of the person depicted "
            "once instead: victim_age: 15 (or a range, victim_age: 14-17)",
        )
    parties: tuple[Party, ...] | _Bad = BAD
    if "parties" in top:
        items = r.sequence(("parties",))
        if items is not BAD and len(items) > MAX_PARTIES:
            items = r.fail(
                ("parties",),
                f"parties: at most {MAX_PARTIES} parties in one incident, found {len(items)} (split the incident)",
            )
        if items is not BAD:
            seen: dict = {}
            read = [r.party(i, seen) for i in range(len(items))]
            parties = BAD if BAD in read else tuple(ok(party) for party in read)
    if "summary" in top:
        r.text(("summary",))
    if "schema" in top and r.get(("schema",)) != 1:
        r.fail(("schema",), f"schema: this version of exposure reads incident schema 1, found {r.get(('schema',))!r}")
    if "sources" in top:
        items = r.sequence(("sources",))
        if items is not BAD:
            for i in range(len(items)):
                r.text(("sources", i))
    counts = r.counts(("counts",)) if "counts" in top else ONE
    assume = r.readings(("questions",), questions) if "questions" in top else {}
    victim_born = r.day(("victim_born",)) if "victim_born" in top else None
    if isinstance(victim_born, date) and isinstance(day, date) and victim_born > day:
        r.fail(("victim_born",), f"victim_born: {victim_born} is after the incident's date ({day})")
    r.raise_if_problems()
    return Incident(
        ok(title),
        ok(day),
        ok(places),
        ok(facts),
        ok(parties),
        doc.file,
        ok(victim_born),
        ok(counts),
        ok(assume),
        notes=notes,
    )


def load_incident(
    path: Path | str, vocabulary: Vocabulary, display: str | None = None, questions: Collection[str] = ()
) -> Incident:
    return read_incident(load_file(path, display), vocabulary, questions)


def load_incident_text(text: str, name: str, vocabulary: Vocabulary, questions: Collection[str] = ()) -> Incident:
    return read_incident(load(text, name), vocabulary, questions)
