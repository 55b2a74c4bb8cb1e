"""The library API: what the CLI uses and what a notebook or a pipeline imports.

    >>> from exposure import Engine, load_rules, load_incident
    >>> rules = load_rules()                       # the vocabulary and the packs, built once (and cached on disk)
    >>> engine = Engine(rules)                     # owns the plans and the memos; reuse it for a queue of reports
    >>> result = engine.assess(load_incident("examples/adult-deepfake-fr.yaml", rules))
    >>> [(r.jurisdiction, r.party, t.track, t.max.prison) for r in result.results for t in r.tracks]

``assess(incident, rules)`` is the one-off form: it makes a fresh engine each call. Nothing here keeps state
between calls; a long-running worker keeps its own rules and engine.
"""

from __future__ import annotations

from pathlib import Path

from .engine.engine import Engine
from .engine.results import Assessment
from .load.catalog import display_path
from .load.catalog import load_rules as _load_rules
from .load.incidents import load_incident_text
from .load.yaml_source import Document
from .model import Incident
from .model.rules import RuleSet

__all__ = [
    "Engine",
    "RuleSet",
    "assess",
    "comparison",
    "deciding_facts",
    "incident_from_document",
    "incident_places",
    "load_incident",
    "load_rate_table",
    "load_rules",
    "next_question",
    "parse_incident",
    "parse_incident_data",
    "read_incident_file",
    "with_assumptions",
    "with_settings",
]


def load_rules(extra_dirs=(), *, include_shipped: bool = True, places=None) -> RuleSet:
    """The vocabulary and the packs (with ``places``, only the packs that apply there: what a one-off ``assess``
    needs). Built packs are read back from the on-disk cache when their files have not changed."""
    return _load_rules(tuple(Path(d) for d in extra_dirs), include_shipped=include_shipped, places=places)


def load_incident(path, rules: RuleSet) -> Incident:
    """The incident in the file ``path`` (``"-"``: standard input), checked against the rules' vocabulary."""
    return incident_from_document(read_incident_file(path), rules)


def read_incident_file(path) -> Document:
    """An incident file's YAML (``"-"``: standard input), read and located but not yet checked against a
    vocabulary: what to look at before loading the rules (its places say which packs it needs; see
    :func:`incident_places`)."""
    from .load.yaml_source import load, load_file, read_stream

    if str(path) == "-":
        import sys

        return load(read_stream(sys.stdin.buffer, "<stdin>"), "<stdin>")
    return load_file(path, display_path(Path(path)))


def incident_places(doc: Document) -> frozenset[str] | None:
    """The places an incident document names (None when it names none readable: loading it will say why)."""
    from .load.catalog import places_of

    return places_of(doc.data)


def incident_from_document(doc: Document, rules: RuleSet) -> Incident:
    from .load.incidents import read_incident

    return read_incident(doc, rules.vocabulary, rules.questions)


def parse_incident(text: str, rules: RuleSet, name: str = "<incident>") -> Incident:
    return load_incident_text(text, name, rules.vocabulary, rules.questions)


def parse_incident_data(data: object, rules: RuleSet, name: str = "<incident>", line: int = 1) -> Incident:
    """An incident from already-parsed data (a JSON object, a dict): errors point at ``name:line``."""
    from .load.incidents import read_incident

    return read_incident(Document(name, data, {(): (line, 1)}), rules.vocabulary, rules.questions)


def assess(incident: Incident, rules: RuleSet | Engine, jurisdictions=None, as_of=None) -> Assessment:
    """Evaluate ``incident`` against the selected packs (those named in ``jurisdictions``, else those its places
    trigger), for every party. ``as_of`` (default: today) is the date up to which a milder later law is looked for.
    Given a :class:`RuleSet`, a fresh :class:`Engine` does the work; give an engine to reuse its memos."""
    engine = rules if isinstance(rules, Engine) else Engine(rules)
    return engine.assess(incident, jurisdictions, as_of)


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


def comparison(
    incident: Incident,
    rules: RuleSet | Engine,
    currency: str = "EUR",
    jurisdictions=None,
    party: str | None = None,
    overrides: dict | None = None,
    rate_table=None,
    as_of=None,
):
    """Jurisdictions side by side in ``currency`` (every pack unless ``jurisdictions`` says otherwise), as data:
    a :class:`~exposure.compare.Comparison` whose rows a notebook can chart as it likes."""
    from .engine.compare import compare
    from .engine.conversion import Converter
    from .model.records import replace as _replace

    ruleset = rules.rules if isinstance(rules, Engine) else rules
    table = rate_table or ruleset.rates or load_rate_table()
    if overrides or table is not ruleset.rates:  # the caps comparing turnover use the same rates as the table
        rules = Engine(_replace(ruleset, rates=table), rate_overrides=overrides)
    codes = list(jurisdictions) if jurisdictions else list(ruleset.packs)
    assessment = assess(incident, rules, codes, as_of)
    if party is not None:
        assessment = _replace(assessment, results=tuple(r for r in assessment.results if r.party == party))
    return compare(assessment, Converter(table, incident.date, overrides), currency)


def with_assumptions(incident: Incident, rules: RuleSet, settings) -> Incident:
    """``incident`` with open questions of law settled as ``settings`` say: ``"ID=yes"``, ``"ID=no"``, or
    ``"defaults"`` (every other question takes its pack's default reading). They override the incident's own
    ``questions:``. Raises ValueError naming the bad setting."""
    from .model.problems import did_you_mean
    from .model.records import replace

    assume = dict(incident.assume)
    defaults = incident.assume_defaults
    for text in settings:
        if text.strip() == "defaults":
            defaults = True
            continue
        qid, sep, value = text.partition("=")
        qid, value = qid.strip(), value.strip().lower()
        if not sep or value not in ("yes", "no"):
            raise ValueError(f"'{text}': write ID=yes, ID=no or defaults")
        if qid not in rules.questions:
            known = sorted(rules.questions)
            hint = did_you_mean(qid, known) if known else " (the packs loaded declare none)"
            raise ValueError(f"'{text}': no question of law '{qid}' in the packs loaded{hint}")
        assume[qid] = value == "yes"
    return replace(incident, assume=assume, assume_defaults=defaults)


def with_settings(incident: Incident, rules: RuleSet, settings) -> Incident:
    """``incident`` with what-if settings applied: ``"minor=true"``, ``"party.platform.knowledge=false"``,
    ``"party.user.share=true"`` (an act), ``"ie-coco-synthetic=yes"`` (a question of law), ``"NAME=unknown"``.
    Raises ValueError naming the bad setting."""
    from .load.settings import apply_settings

    return apply_settings(incident, rules.vocabulary, rules.questions, settings)


def deciding_facts(incident: Incident, rules: RuleSet | Engine, jurisdictions=None, as_of=None, skip=()):
    """For each party, the unknown facts and open questions that change its maximum or worst case in some selected
    jurisdiction, most decisive first, with what each value gives (:class:`~exposure.engine.deciding.Deciding`)."""
    from .engine.deciding import deciding_facts as find

    engine = rules if isinstance(rules, Engine) else Engine(rules)
    return find(engine, incident, jurisdictions, as_of, skip=skip)


def next_question(incident: Incident, rules: RuleSet | Engine, jurisdictions=None, as_of=None, skip=()):
    """The one fact to ask next in an interview (the most decisive over every party), as ``(party id,
    DecidingFact)``, and how many facts still decide something; ``(None, 0)`` when nothing left would change the
    answer. ``skip``: the names already answered "don't know"."""
    found = [(d.party, f) for d in deciding_facts(incident, rules, jurisdictions, as_of, skip) for f in d.facts]
    if not found:
        return None, 0
    names = {f.name for _, f in found}
    best = min(found, key=lambda item: (-item[1].weight[0], -item[1].weight[1], item[1].name))
    return best, len(names)
