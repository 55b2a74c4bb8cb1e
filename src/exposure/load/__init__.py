"""**load**: files to model. Strict YAML with a line and column for every value, read into the typed model with
every problem located; the catalogue of packs; the on-disk cache of parsed documents.

Room rules: modules here import ``model`` and each other, never ``engine``, ``check``, ``render`` or the CLI.
"""
