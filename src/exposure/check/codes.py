"""Every problem code ``exposure check`` and the loaders print, with what it means.

The ``L`` codes are the legal sanity rules (:mod:`exposure.check.rules`, one module each, which can be disabled);
the ``E`` codes are problems with a file that stop it from loading, and the ``T`` codes are the pack test cases'.
Codes are stable: teams discuss them, and CI configurations name them.
"""

from __future__ import annotations

FILE_AND_SCHEMA = {
    "E001": "the file or folder cannot be read (missing, a directory, unreadable)",
    "E002": "the file is too large, not UTF-8 text, or holds binary or control characters",
    "E003": "the file is empty",
    "E004": "YAML (or JSON) syntax error",
    "E005": (
        "a refused YAML construct: anchor, alias, tag, merge key, non-scalar key, duplicate key, second document, "
        "nesting deeper than 64"
    ),
    "E100": "a problem in an input without a more specific code",
    "E101": "a value of the wrong type or form",
    "E102": "an unknown key (with the nearest declared key)",
    "E103": "a missing required key, or a part that needs at least one of several keys",
    "E104": "a name declared twice in the vocabulary",
    "E201": "a reference to a source, quote or offence that the pack does not declare",
    "E202": "a condition outside the grammar, or naming an undeclared fact",
    "E203": "a duplicate id, or a second default limitation rule",
    "E204": "an element named like a declared fact or act",
    "E205": "an incident's unknown or misplaced fact or act",
    "E206": "an incident's facts contradict each other (an age, or a fact the vocabulary says another implies)",
    "E301": "a minimum above its maximum",
    "E302": "dates out of order, or versions that overlap",
    "E303": "a source URL that is not an http(s) address",
}
TESTS = {
    "T400": "a pack without its test file, or a test file without its pack",
    "T401": "a pack test case failed: expected and actual values, with the finding's trail",
    "T402": "an offence or aggravation that no test case exercises",
}
