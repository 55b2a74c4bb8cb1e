"""The library API: what the CLI uses and what a notebook or a pipeline imports.

    >>> from exposure.api import load_rules, load_incident, assess
    >>> rules = load_rules()
    >>> result = assess(load_incident("examples/adult-deepfake-fr.yaml", rules), rules)
    >>> [(r.jurisdiction, r.party, r.max.prison) for r in result.results]

Packs are loaded and their conditions compiled once per :class:`RuleSet`; ``assess`` only evaluates.
"""

from __future__ import annotations

from pathlib import Path

from .catalog import RuleSet, display_path
from .catalog import load_rules as _load_rules
from .evaluate import assess_party, environment, relevant_packs
from .incidents import load_incident as _load_incident
from .incidents import load_incident_text
from .model import Incident
from .results import Assessment

_CACHE: dict[tuple, RuleSet] = {}


def load_rules(extra_dirs=(), *, include_shipped: bool = True) -> RuleSet:
    """The vocabulary and packs, loaded once per process for the same folders."""
    key = (tuple(str(Path(d).resolve()) for d in extra_dirs), include_shipped)
    if key not in _CACHE:
        _CACHE[key] = _load_rules(tuple(Path(d) for d in extra_dirs), include_shipped=include_shipped)
    return _CACHE[key]


def load_incident(path, rules: RuleSet) -> Incident:
    return _load_incident(path, rules.vocabulary, display_path(Path(path)))


def parse_incident(text: str, rules: RuleSet, name: str = "<incident>") -> Incident:
    return load_incident_text(text, name, rules.vocabulary)


def parse_incident_data(data: object, rules: RuleSet, name: str = "<incident>", line: int = 1) -> Incident:
    """An incident from already-parsed data (a JSON object, a dict): errors point at ``name:line``."""
    from .incidents import read_incident
    from .yaml_source import Document

    return read_incident(Document(name, data, {(): (line, 1)}), rules.vocabulary)


def select_packs(rules: RuleSet, incident: Incident, jurisdictions=None):
    """The packs to evaluate: those named in ``jurisdictions``, else those the incident's places trigger."""
    if jurisdictions:
        return [rules.packs[code] for code in jurisdictions if code in rules.packs]
    return relevant_packs(rules.packs.values(), incident.places)


def assess(incident: Incident, rules: RuleSet, jurisdictions=None) -> Assessment:
    """Evaluate ``incident`` against the selected packs, for every party."""
    packs = select_packs(rules, incident, jurisdictions)
    results = []
    envs = {party.id: environment(incident, party, rules.vocabulary) for party in incident.parties}
    for pack in packs:
        for party in incident.parties:
            results.append(assess_party(pack, incident, party, rules.vocabulary, envs[party.id]))
    return Assessment(incident, tuple(packs), tuple(results))
