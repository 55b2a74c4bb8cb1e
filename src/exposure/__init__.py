"""exposure: for an incident, who risks what, where — statutory maxima with citations, from YAML rule packs."""

__version__ = "0.1.0"
