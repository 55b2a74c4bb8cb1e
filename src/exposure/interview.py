"""``exposure interview``: ask only the facts that still decide something, most decisive first.

It starts from a partial incident (or from nothing: then the title, date, places and one party first), and asks,
one at a time, the unknown fact or open question of law that moves the parties' worst case the most, in the
vocabulary's own words, answered yes, no or don't know (``y``, ``n``, ``?``). A "don't know" is never asked again.
It stops when nothing left would change the answer, and gives back the completed incident, which
:func:`incident_yaml` writes with a comment naming each "don't know".

The questions come from :func:`exposure.api.next_question`, so a web front end can run the same interview; this
module only asks and records. Answers come from a callable (a terminal prompt, or the lines of standard input when
it is not a terminal, so that tests and scripts can drive it).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from . import api
from .model import Incident

ANSWERS = {"y": True, "yes": True, "n": False, "no": False, "?": None, "": None, "dk": None, "don't know": None}
MAX_QUESTIONS = 60  # a bound: an interview never asks more

Ask = Callable[[str], "str | None"]  # a prompt in, an answer out; None: no more answers (end of input)


@dataclass
class Interview:
    """The state of one interview: the incident so far, what was answered, what was not known."""

    incident: Incident
    asked: list[tuple[str, bool | None]] = field(default_factory=list)  # (setting name, answer) in order
    dont_know: list[str] = field(default_factory=list)
    finished: bool = False  # nothing left would change the answer


def basics(ask: Ask, rules) -> Incident | None:
    """A minimal incident from a few questions: title, date, places, one party (kind, role, acts)."""
    answers = {}
    for key, prompt in (
        ("title", "Title of the incident: "),
        ("date", "Date it happened (YYYY-MM-DD): "),
        ("places", "Places, as country codes (e.g. FR, GB, US-CA): "),
        ("kind", "The party: person or company? "),
        ("role", "Its role: user, platform or ai_provider? "),
        ("acts", "What it did, as acts (e.g. request, create, share; see `exposure facts`): "),
    ):
        value = ask(prompt)
        if value is None:
            return None
        answers[key] = value.strip()
    data = {
        "title": answers["title"] or "Interview",
        "date": answers["date"] or date.today().isoformat(),
        "places": [p.strip() for p in answers["places"].split(",") if p.strip()],
        "parties": [
            {
                "id": "party",
                "kind": answers["kind"] or "person",
                "role": answers["role"] or "user",
                "acts": [a.strip() for a in answers["acts"].split(",") if a.strip()],
            }
        ],
    }
    return api.parse_incident_data(data, rules, "<interview>")


def run(state: Interview, ask: Ask, engine, jurisdictions=None, as_of=None, progress=None) -> Interview:
    """Ask until nothing left decides anything (or the answers run out, or MAX_QUESTIONS): the state is updated
    as each answer comes, so an interrupted interview keeps what was answered."""
    rules = engine.rules
    while len(state.asked) < MAX_QUESTIONS:
        best, remaining = api.next_question(state.incident, engine, jurisdictions, as_of, state.dont_know)
        if best is None:
            state.finished = True
            return state
        party_id, fact = best
        setting = _setting_name(fact, party_id, state.incident)
        if progress is not None:
            progress(f"question {len(state.asked) + 1} — {remaining} fact(s) still decide something")
        who = "" if fact.about != "party" else f" (party {party_id})"
        answer = _answer(ask, f"{fact.meaning}\n  {fact.name}{who}? [y/n/?] ")
        if answer is _END:
            return state
        state.asked.append((setting, answer))
        if answer is None:
            state.dont_know.append(fact.name)
            continue
        value = ("yes" if answer else "no") if fact.about == "question" else str(answer).lower()
        state.incident = api.with_settings(state.incident, rules, [f"{setting}={value}"])
    return state


_END = object()


def _answer(ask: Ask, prompt: str):
    """The answer to one question: True, False, None (don't know), or _END when the answers ran out. An answer
    that is none of y, n, ? is asked again."""
    while True:
        text = ask(prompt)
        if text is None:
            return _END
        key = text.strip().lower()
        if key in ANSWERS:
            return ANSWERS[key]
        prompt = "  please answer y (yes), n (no) or ? (don't know): "


def _setting_name(fact, party_id: str, incident: Incident) -> str:
    return f"party.{party_id}.{fact.name}" if fact.about == "party" else fact.name


def incident_yaml(state: Interview) -> str:
    """The completed incident as YAML, in the incident format, with a comment for each "don't know"."""
    inc = state.incident
    q = json.dumps
    lines = [
        "# Written by `exposure interview`.",
        *(f"# don't know: {name}" for name in state.dont_know),
        f"title: {q(inc.title, ensure_ascii=False)}",
        f"date: {inc.date.isoformat()}",
        f"places: [{', '.join(inc.places)}]",
    ]
    counts = {k: getattr(inc.counts, k) for k in ("images", "victims", "days", "violations")}
    stated = {k: v for k, v in counts.items() if v not in (None, 1)}
    if stated:
        lines.append("counts: {" + ", ".join(f"{k}: {v}" for k, v in stated.items()) + "}")
    if inc.facts:
        lines.append("facts:")
        lines += [f"  {name}: {str(value).lower()}" for name, value in inc.facts.items()]
    if inc.assume:
        lines.append("questions:")
        lines += [f"  {name}: {'yes' if value else 'no'}" for name, value in inc.assume.items()]
    lines.append("parties:")
    for party in inc.parties:
        lines += [f"  - id: {party.id}", f"    kind: {party.kind}", f"    role: {party.role}"]
        if party.name:
            lines.append(f"    name: {q(party.name, ensure_ascii=False)}")
        if party.turnover is not None:
            lines.append(f"    turnover: {party.turnover.plain()} {party.turnover.currency}")
        lines.append(f"    acts: [{', '.join(sorted(party.acts))}]")
        if party.facts:
            lines.append("    facts:")
            lines += [f"      {name}: {str(value).lower()}" for name, value in party.facts.items()]
    return "\n".join(lines) + "\n"
