"""exposure: for an incident, who risks what, where — statutory maxima with citations, from YAML rule packs.

    >>> from exposure import Engine, load_incident, load_rules
    >>> rules = load_rules()
    >>> result = Engine(rules).assess(load_incident("examples/adult-deepfake-fr.yaml", rules))

The names below are the library API (:mod:`exposure.api`), imported on first use so that ``import exposure``
stays cheap for the command line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.3.0"

__all__ = [
    "Engine",
    "RuleSet",
    "__version__",
    "assess",
    "comparison",
    "incident_from_document",
    "incident_places",
    "load_incident",
    "load_rate_table",
    "load_rules",
    "parse_incident",
    "parse_incident_data",
    "read_incident_file",
]

if TYPE_CHECKING:
    from .api import (
        Engine,
        RuleSet,
        assess,
        comparison,
        incident_from_document,
        incident_places,
        load_incident,
        load_rate_table,
        load_rules,
        parse_incident,
        parse_incident_data,
        read_incident_file,
    )


def __getattr__(name: str) -> Any:
    if name in __all__ and name != "__version__":
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'exposure' has no attribute {name!r}")
