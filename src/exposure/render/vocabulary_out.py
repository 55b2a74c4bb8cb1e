"""What an incident may say: ``exposure facts`` (every fact, act and quantity, with the packs that read it) and
``exposure new`` (a commented starter incident naming what the chosen jurisdictions read)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date

from ..model import Pack, Vocabulary, VocabularyEntry

KIND_ORDER = {"fact": 0, "act": 1, "quantity": 2}


def readers(packs: Iterable[Pack]) -> dict[str, list[str]]:
    """Each name with the codes of the packs whose conditions read it."""
    out: dict[str, list[str]] = {}
    for pack in packs:
        for name in sorted(pack.names_read):
            out.setdefault(name, []).append(pack.code)
    return out


def _entries(vocabulary: Vocabulary, read: dict[str, list[str]], only_read: bool) -> list[VocabularyEntry]:
    entries = [e for e in vocabulary.entries.values() if not only_read or e.name in read or e.kind == "quantity"]
    return sorted(entries, key=lambda e: (KIND_ORDER[e.kind], e.about, e.name))


def _where(entry: VocabularyEntry) -> str:
    if entry.kind == "act":
        return "a party's acts:"
    if entry.kind == "quantity":
        return "a party key"
    return "facts:" if entry.about == "incident" else "a party's facts:"


def facts_text(vocabulary: Vocabulary, packs: list[Pack], only_read: bool = False) -> str:
    """The vocabulary as plain text, one block per name: where it goes, its meaning, synonyms, the packs."""
    read = readers(packs)
    lines = []
    for entry in _entries(vocabulary, read, only_read):
        extra = []
        if entry.age_below is not None:
            extra.append(f"under {entry.age_below}: set by victim_age")
        if entry.implies:
            extra.append("implies " + ", ".join(entry.implies))
        if entry.synonyms:
            extra.append("also written " + ", ".join(entry.synonyms))
        codes = read.get(entry.name, [])
        lines.append(f"{entry.name}  ({entry.kind}, in {_where(entry)})")
        lines.append(f"    {entry.meaning}")
        if extra:
            lines.append(f"    {'; '.join(extra)}")
        lines.append(f"    read by: {', '.join(codes) if codes else '—'}")
    questions = [(q, p.code, p.questions[q].question) for p in packs for q in sorted(p.questions)]
    if questions:
        lines.append("")
        lines.append("Open questions of law (settle with questions: in the incident, or --assume ID=yes|no):")
        for qid, code, text in questions:
            lines.append(f"{qid}  ({code})")
            lines.append(f"    {text}")
    return "\n".join(lines) + "\n"


def facts_json(vocabulary: Vocabulary, packs: list[Pack], only_read: bool = False) -> str:
    read = readers(packs)
    items = [
        {
            "name": e.name,
            "kind": e.kind,
            "about": e.about,
            "type": e.type,
            "meaning": e.meaning,
            "synonyms": list(e.synonyms),
            "age_below": e.age_below,
            "implies": list(e.implies),
            "read_by": read.get(e.name, []),
        }
        for e in _entries(vocabulary, read, only_read)
    ]
    questions = [
        {
            "id": q,
            "pack": p.code,
            "question": p.questions[q].question,
            "default": "yes" if p.questions[q].default else "no",
        }
        for p in packs
        for q in sorted(p.questions)
    ]
    return json.dumps({"names": items, "questions": questions}, indent=2, ensure_ascii=False) + "\n"


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


def starter_incident(vocabulary: Vocabulary, packs: list[Pack], places: list[str], today: date) -> str:
    """A commented incident to fill in: every fact and act the packs of ``places`` read, each with its meaning,
    left commented out (unknown) so that only what the user knows gets stated."""
    read = readers(packs)
    wanted = [e for e in vocabulary.entries.values() if e.name in read]
    incident_facts = sorted((e for e in wanted if e.kind == "fact" and e.about == "incident"), key=lambda e: e.name)
    party_facts = sorted((e for e in wanted if e.kind == "fact" and e.about == "party"), key=lambda e: e.name)
    acts = sorted((e for e in wanted if e.kind == "act"), key=lambda e: e.name)
    ages = [e for e in incident_facts if e.age_below is not None]
    lines = [
        "# An incident for exposure: state what you know; a fact left out (or commented out) is unknown, never false.",
        f"# Written by `exposure new` for {', '.join(places)}: the facts below are those these packs read.",
        "# Check it with: exposure assess THIS_FILE",
        "title: What happened, in one line",
        f"date: {today.isoformat()}                # when the conduct happened (YYYY-MM-DD)",
        f"places: [{', '.join(places)}]",
    ]
    if ages:
        lines.append("# victim_age: 15               # the age of the person depicted, or a range: 14-17")
        lines.append(f"#   (decides {', '.join(e.name for e in ages)})")
    lines.append("# counts: {images: 1, victims: 1}   # several images or victims are several acts")
    lines.append("facts:")
    for entry in incident_facts:
        if entry.age_below is not None:
            continue
        lines.append(f"  # {entry.name}: true    # {entry.meaning}")
    lines += [
        "parties:",
        "  - id: user",
        "    kind: person                 # person | company",
        "    role: user                   # user | platform | ai_provider",
        "    acts: []                     # what this party did; an act not listed was not done:",
    ]
    for entry in acts:
        lines.append(f"    #   {entry.name}: {entry.meaning}")
    lines.append("    facts:")
    for entry in party_facts:
        lines.append(f"      # {entry.name}: true    # {entry.meaning}")
    questions = [(q, p) for p in packs for q in sorted(p.questions)]
    if questions:
        lines.append("# questions:                     # open questions of law, answered yes or no:")
        for qid, pack in questions:
            lines.append(f"#   {qid}: yes    # {pack.questions[qid].question}")
    return "\n".join(lines) + "\n"
