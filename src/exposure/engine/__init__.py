"""**engine**: evaluating an incident against packs, party by party, in three-valued logic; combining findings by
each jurisdiction's rule; comparing jurisdictions in one currency. Results are plain immutable data.

Room rules: modules here import ``model`` and each other, never ``load``, ``check``, ``render`` or the CLI.
"""
