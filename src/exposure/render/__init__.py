"""**render**: results to text for people and programs (tables, JSON, Markdown, CSV, HTML and SVG reports, check
reports). Renderers only read results; they compute nothing.

Room rules: modules here import ``model``, ``engine`` (its results) and the check report, never ``load`` or the CLI.
"""
