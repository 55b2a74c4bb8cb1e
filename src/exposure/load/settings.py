"""What-if settings: ``--set minor=true``, ``--set party.platform.knowledge=false``, ``--set ie-coco-synthetic=yes``.

A setting changes one fact of the incident (or of a party), adds or removes one act of a party, or settles one open
question of law, without editing the file. It is read as strictly as the incident itself: an unknown name, party or
value, or a value that contradicts a stated fact through the vocabulary's links, is an error naming the setting.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from ..model import Incident, Vocabulary
from ..model.incident import Clash, with_fact
from ..model.problems import did_you_mean, show, show_name
from ..model.records import replace

VALUES = {"true": True, "yes": True, "false": False, "no": False, "unknown": None}


def apply_settings(
    incident: Incident, vocabulary: Vocabulary, questions: Collection[str], settings: Iterable[str]
) -> Incident:
    """``incident`` with each setting applied in turn; raises ValueError naming the first bad one."""
    for text in settings:
        incident = _apply(incident, vocabulary, questions, text)
    return incident


def _apply(incident: Incident, vocabulary: Vocabulary, questions: Collection[str], text: str) -> Incident:
    name, sep, raw = text.partition("=")
    name, raw = name.strip(), raw.strip().lower()
    if not sep or raw not in VALUES:
        raise ValueError(f"'{show(text)}': write NAME=true, NAME=false or NAME=unknown")
    value = VALUES[raw]
    if name.startswith("party."):
        return _party_setting(incident, vocabulary, name, value, text)
    if name in questions:
        assume = dict(incident.assume)
        if value is None:
            assume.pop(name, None)
        else:
            assume[name] = value
        return replace(incident, assume=assume)
    entry = vocabulary.entries.get(name)
    if entry is None or entry.kind != "fact":
        known = sorted(vocabulary.facts("incident")) + sorted(questions)
        raise ValueError(f"'{show(text)}': no fact or question of law '{show_name(name)}'{did_you_mean(name, known)}")
    if entry.about == "party":
        raise ValueError(f"'{show(text)}': '{name}' is a fact about a party: write party.ID.{name}={raw}")
    return _consistent(*with_fact(incident, vocabulary, name, value), text)


def _party_setting(incident: Incident, vocabulary: Vocabulary, name: str, value: bool | None, text: str) -> Incident:
    _, _, rest = name.partition(".")
    pid, _, fact = rest.rpartition(".")
    ids = [p.id for p in incident.parties]
    if pid not in ids:
        raise ValueError(f"'{show(text)}': no party '{show_name(pid)}' in the incident (parties: {', '.join(ids)})")
    entry = vocabulary.entries.get(fact)
    if entry is not None and entry.kind == "fact" and entry.about == "party":
        return _consistent(*with_fact(incident, vocabulary, fact, value, pid), text)
    if entry is None or entry.kind != "act":
        known = sorted(vocabulary.facts("party")) + sorted(vocabulary.acts)
        raise ValueError(f"'{show(text)}': no party fact or act '{show_name(fact)}'{did_you_mean(fact, known)}")
    if value is None:
        raise ValueError(f"'{show(text)}': an act is done or not: write {name}=true or {name}=false")
    parties = []
    for party in incident.parties:
        if party.id == pid:
            party = replace(party, acts=frozenset(party.acts | {fact} if value else party.acts - {fact}))
        parties.append(party)
    return replace(incident, parties=tuple(parties))


def _consistent(incident: Incident, clash: Clash | None, text: str) -> Incident:
    """``incident``, unless the setting broke a link of the vocabulary: then the error naming the setting."""
    if clash is not None:
        premise, consequence, why = clash
        raise ValueError(f"'{show(text)}': contradicts the incident: {premise} true and {consequence} false ({why})")
    return incident
