"""The library API: what the CLI uses and what a notebook or a pipeline imports.

    >>> from exposure.api import load_rules, load_incident, assess
    >>> rules = load_rules()
    >>> result = assess(load_incident("examples/adult-deepfake-fr.yaml", rules), rules)
    >>> [(r.jurisdiction, r.party, r.max.prison) for r in result.results]

Packs are loaded and their conditions compiled once per :class:`RuleSet`; ``assess`` only evaluates.
"""

from __future__ import annotations

from pathlib import Path

from .load.catalog import RuleSet, display_path
from .load.catalog import load_rules as _load_rules
from .engine.evaluate import assess_parties, plan_for, relevant_packs
from .load.incidents import load_incident as _load_incident
from .load.incidents import load_incident_text
from .model import Incident
from .engine.results import Assessment
from .load.yaml_source import Document

_CACHE: dict[tuple, RuleSet] = {}


def load_rules(extra_dirs=(), *, include_shipped: bool = True, places=None) -> RuleSet:
    """The vocabulary and packs, loaded once per process for the same folders. With ``places``, only the packs
    that apply there are built (what a one-off ``assess`` needs); without, all of them."""
    key = (tuple(str(Path(d).resolve()) for d in extra_dirs), include_shipped, frozenset(places) if places else None)
    if key not in _CACHE:
        _CACHE[key] = _load_rules(tuple(Path(d) for d in extra_dirs), include_shipped=include_shipped, places=places)
    return _CACHE[key]


def load_incident(path, rules: RuleSet) -> Incident:
    return _load_incident(path, rules.vocabulary, display_path(Path(path)))


def read_incident_file(path) -> Document:
    """An incident file's YAML, read and located but not yet checked against a vocabulary: what to look at
    before loading the rules (its places say which packs it needs; see :func:`incident_places`)."""
    from .load.yaml_source import load_file

    return load_file(path, display_path(Path(path)))


def incident_places(doc: Document) -> frozenset[str] | None:
    """The places an incident document names (None when it names none readable: loading it will say why)."""
    from .load.catalog import places_of

    return places_of(doc.data)


def incident_from_document(doc: Document, rules: RuleSet) -> Incident:
    from .load.incidents import read_incident

    return read_incident(doc, rules.vocabulary)


def parse_incident(text: str, rules: RuleSet, name: str = "<incident>") -> Incident:
    return load_incident_text(text, name, rules.vocabulary)


def parse_incident_data(data: object, rules: RuleSet, name: str = "<incident>", line: int = 1) -> Incident:
    """An incident from already-parsed data (a JSON object, a dict): errors point at ``name:line``."""
    from .load.incidents import read_incident

    return read_incident(Document(name, data, {(): (line, 1)}), rules.vocabulary)


def select_packs(rules: RuleSet, incident: Incident, jurisdictions=None):
    """The packs to evaluate: those named in ``jurisdictions``, else those the incident's places trigger."""
    if jurisdictions:
        return [rules.packs[code] for code in jurisdictions if code in rules.packs]
    return relevant_packs(rules.packs.values(), incident.places)


def assess(incident: Incident, rules: RuleSet, jurisdictions=None, as_of=None) -> Assessment:
    """Evaluate ``incident`` against the selected packs, for every party. ``as_of`` (default: today) is the date
    up to which a milder later law is looked for, in the packs whose jurisdiction applies it."""
    from datetime import date as _date

    as_of = as_of or _date.today()
    if jurisdictions:
        key = (id(rules), tuple(jurisdictions))
        selection = _SELECTIONS.get(key)
        if selection is None or selection[0] is not rules:
            packs = tuple(select_packs(rules, incident, jurisdictions))
            selection = _SELECTIONS[key] = (rules, packs, [plan_for(pack) for pack in packs])
        _, packs, plans = selection
    else:
        packs = tuple(select_packs(rules, incident, jurisdictions))
        plans = [plan_for(pack) for pack in packs]
    results = assess_parties(plans, incident, rules.vocabulary, as_of)
    return Assessment(incident, packs, tuple(results), as_of=as_of)


_SELECTIONS: dict = {}  # (rules, jurisdictions) -> the packs and their plans, worked out once


def load_rate_table(extra_dirs=()):
    """The dated reference rates: the last ``rates.yaml`` among the shipped rules and ``extra_dirs``."""
    from .load.catalog import RATES_FILE, shipped_rules_dir
    from .load.rates import load_rates

    folders = [shipped_rules_dir(), *map(Path, extra_dirs)]
    path = next((f / RATES_FILE for f in reversed(folders) if (f / RATES_FILE).is_file()), None)
    if path is None:
        from .model.problems import InputError, Problem

        raise InputError([Problem(RATES_FILE, 0, 0, "no reference-rate table found", "E001")])
    return load_rates(path, display_path(path))


def comparison(incident: Incident, rules: RuleSet, currency: str = "EUR", jurisdictions=None, party: str | None = None,
               overrides: dict | None = None, rate_table=None, as_of=None):
    """Jurisdictions side by side in ``currency`` (every pack unless ``jurisdictions`` says otherwise), as data:
    a :class:`~exposure.compare.Comparison` whose rows a notebook can chart as it likes."""
    from .engine.compare import compare
    from .engine.conversion import Converter
    from .model.records import replace as _replace

    codes = list(jurisdictions) if jurisdictions else list(rules.packs)
    assessment = assess(incident, rules, codes, as_of)
    if party is not None:
        assessment = _replace(assessment, results=tuple(r for r in assessment.results if r.party == party))
    table = rate_table or load_rate_table()
    return compare(assessment, Converter(table, incident.date, overrides), currency)
