"""**check**: continuous integration for rule packs: the legal sanity rules (a registry, one module per rule), the
pack test cases, and the runner behind ``exposure check``.

Room rules: modules here import ``model``, ``load`` and ``engine``, never ``render`` or the CLI.
"""
